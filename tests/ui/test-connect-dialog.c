/* test-connect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog under a real display (Xvfb in CI): invalid input disables Connect and says
 * why, a header row shows its own error, and Connect opens a tab with what was entered. With
 * SOCK_SHOT_DIR set, it saves screenshots of the start page and the dialog.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sock-application.h"
#include "sock-connect-dialog.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

#define PUBLIC_KEY_TITLE "Public Key (register it for the Auth ID)"
/* of the key of RFC 8032, 7.1, test 1 */
#define PUBLIC_KEY "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

typedef struct
{
  SockWindow        *window;
  SockConnectDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = present_window (app);

  /* Shift+Ctrl+N, or "Connection Settings…" on the start page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connection-settings", NULL);
  fixture->dialog = NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWindow *window = find_shown_toplevel (SOCK_TYPE_CONNECT_DIALOG);

  if (window != NULL)
    fixture->dialog = SOCK_CONNECT_DIALOG (window);
  return fixture->dialog != NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

static gboolean
empty_entry_with_placeholder (GtkWidget  *widget,
                              const char *placeholder)
{
  return placeholder_is (widget, placeholder) && *gtk_editable_get_text (GTK_EDITABLE (widget)) == '\0';
}

static GtkWidget *
connect_button (Fixture *fixture)
{
  GtkWidget *button = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_BUTTON, button_label_is, "C_onnect");

  g_assert_nonnull (button);
  return button;
}

static void
test_connect_dialog_invalid_url (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) expected = NULL;

  save_screenshot (GTK_WIDGET (fixture->window), "window-start-page");
  g_assert_true (wait_for (dialog_shown, fixture));

  g_assert_null (sock_profile_new_for_url ("htp://x", &expected));
  sock_connect_dialog_set_url (fixture->dialog, "htp://x");

  /* Connect is off, and the dialog says why. */
  g_assert_cmpstr (sock_connect_dialog_get_problem (fixture->dialog), ==, expected->message);
  g_assert_true (wait_for_label (fixture->dialog, expected->message, FALSE));
  g_assert_false (gtk_widget_get_sensitive (connect_button (fixture)));

  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
  g_assert_true (gtk_widget_get_sensitive (connect_button (fixture)));
}

static void
test_connect_dialog_header_error (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SockProfile) scratch = sock_profile_new ();
  g_autoptr(GError) expected = NULL;
  GtkWidget *name;
  GtkWidget *value;

  g_assert_true (wait_for (dialog_shown, fixture));
  g_assert_false (sock_profile_add_header (scratch, "X-Token", "abc\ndef", &expected));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.add-header", NULL);
  run_for (100);
  name = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_ENTRY, placeholder_is, "Name");
  value = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_ENTRY, placeholder_is, "Value");
  g_assert_nonnull (name);
  g_assert_nonnull (value);
  gtk_editable_set_text (GTK_EDITABLE (name), "X-Token");
  gtk_editable_set_text (GTK_EDITABLE (value), "abc\ndef");

  /* The row shows the error, and Connect is off until it is fixed. */
  g_assert_true (wait_for_label (fixture->dialog, expected->message, FALSE));
  g_assert_false (gtk_widget_get_sensitive (connect_button (fixture)));
  save_screenshot (GTK_WIDGET (fixture->dialog), "window-connect-dialog");

  gtk_editable_set_text (GTK_EDITABLE (value), "abcdef");
  g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
  g_assert_true (gtk_widget_get_sensitive (connect_button (fixture)));
}

static void
test_connect_dialog_connect (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwTabView *tabs = sock_window_get_tab_view (fixture->window);
  SockConnectionPage *page;
  SockConnectOptions *options;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/feed");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.add-header", NULL);
  run_for (100);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_ENTRY,
                                                    placeholder_is, "Name")), "X-Token");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_ENTRY,
                                                    placeholder_is, "Value")), "abc");

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.connect", NULL);
  g_assert_cmpuint (adw_tab_view_get_n_pages (tabs), ==, 1);
  page = sock_window_get_selected_connection (fixture->window);
  options = sock_connection_page_get_options (page);
  g_assert_cmpstr (sock_connect_options_get_url (options), ==, "ws://127.0.0.1:9/feed");
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (options))[0], ==, "X-Token");
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (options))[1], ==, "abc");
  g_assert_cmpstr (sock_connection_page_get_title (page), ==, "127.0.0.1:9/feed");
}

/* The rows of "Subscribe When Joined": typed in, checked like everything else, made into the tab's
 * subscriptions, and shown again by Edit Settings. */
static void
test_connect_dialog_subscriptions (Fixture       *fixture,
                                   gconstpointer  data)
{
  SockConnectionPage *page;
  SockConnectOptions *options;
  SockConnectDialog *again;
  GtkWidget *entries[2];
  GtkWidget *dropdown;
  SockMatch match;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/feed");
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.add-subscription", NULL);
      run_for (100);
      /* the new row is the one with an empty topic */
      entries[i] = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_ENTRY, empty_entry_with_placeholder, "Topic");
      g_assert_nonnull (entries[i]);
      gtk_editable_set_text (GTK_EDITABLE (entries[i]), i == 0 ? "demo.metrics" : "bad topic");
    }
  dropdown = find_widget (gtk_widget_get_ancestor (entries[0], GTK_TYPE_LIST_BOX_ROW), GTK_TYPE_DROP_DOWN,
                          any_widget, NULL);
  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SOCK_MATCH_PREFIX);

  /* a topic with a space is refused before anything is sent */
  g_assert_cmpstr (sock_connect_dialog_get_problem (fixture->dialog), ==,
                   "“bad topic” is not a topic to subscribe to: a topic is a URI without spaces, such as "
                   "com.example.news");
  g_assert_false (gtk_widget_get_sensitive (connect_button (fixture)));
  gtk_editable_set_text (GTK_EDITABLE (entries[1]), "demo.tick");
  g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.connect", NULL);
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_nonnull (page);
  options = sock_connection_page_get_options (page);
  g_assert_cmpuint (sock_connect_options_get_n_subscriptions (options), ==, 2);
  g_assert_cmpstr (sock_connect_options_get_subscription (options, 0, &match), ==, "demo.metrics");
  g_assert_cmpint (match, ==, SOCK_MATCH_PREFIX);
  g_assert_cmpstr (sock_connect_options_get_subscription (options, 1, &match), ==, "demo.tick");
  g_assert_cmpint (match, ==, SOCK_MATCH_EXACT);

  /* Edit Settings starts from them */
  fixture->dialog = NULL;
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit-settings", NULL);
  g_assert_true (wait_for (dialog_shown, fixture));
  again = fixture->dialog;
  g_assert_nonnull (find_widget (GTK_WIDGET (again), GTK_TYPE_ENTRY, editable_text_is, "demo.metrics"));
  g_assert_nonnull (find_widget (GTK_WIDGET (again), GTK_TYPE_ENTRY, editable_text_is, "demo.tick"));
  gtk_window_destroy (GTK_WINDOW (again));
}

static GtkWidget *
find_row (Fixture    *fixture,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->dialog), type, row_title_equals, title);

  g_assert_nonnull (row);
  return row;
}

/* MessagePack as the protocol, WAMP-Cryptosign with a key file: the key file row shows for that
 * method only, a file that cannot be read is said by its name, and the tab gets both choices. */
static void
test_connect_dialog_serializer_cryptosign (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sock-dialog-XXXXXX", NULL);
  g_autofree char *key_file = g_build_filename (dir, "service.key", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.key", NULL);
  GtkWidget *key_row;
  GtkWidget *method;
  SockConnectionPage *page;
  SockConnectOptions *options;

  g_assert_true (g_file_set_contents (key_file,
                                      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n", -1, NULL));
  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (fixture, ADW_TYPE_COMBO_ROW, "_Protocol")), 2);
  method = find_row (fixture, ADW_TYPE_COMBO_ROW, "_Method");
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 3);
  key_row = find_row (fixture, ADW_TYPE_ENTRY_ROW, "Private _Key File (Ed25519: 64 hex digits or OpenSSH)");
  g_assert_null (find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, row_title_equals, "_Secret"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 2);
  g_assert_false (gtk_widget_get_visible (key_row));
  g_assert_nonnull (find_row (fixture, ADW_TYPE_PASSWORD_ENTRY_ROW, "_Secret"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 3);
  g_assert_true (gtk_widget_get_visible (key_row));
  gtk_editable_set_text (GTK_EDITABLE (find_row (fixture, ADW_TYPE_ENTRY_ROW, "Auth _ID")), "service");

  gtk_editable_set_text (GTK_EDITABLE (key_row), missing);
  g_assert_nonnull (sock_connect_dialog_get_problem (fixture->dialog));
  g_assert_nonnull (strstr (sock_connect_dialog_get_problem (fixture->dialog), "missing.key"));
  g_assert_false (gtk_widget_get_sensitive (connect_button (fixture)));

  gtk_editable_set_text (GTK_EDITABLE (key_row), key_file);
  g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
  /* the public key, to register with the router */
  run_for (100);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (fixture, ADW_TYPE_ACTION_ROW,
                                                                          PUBLIC_KEY_TITLE))), ==, PUBLIC_KEY);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.connect", NULL);
  page = sock_window_get_selected_connection (fixture->window);
  options = sock_connection_page_get_options (page);
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK);
  g_assert_cmpint (sock_connect_options_get_auth_method (options), ==, SOCK_AUTH_CRYPTOSIGN);
  g_assert_cmpstr (sock_connect_options_get_authid (options), ==, "service");
  g_assert_cmpstr (sock_connect_options_get_private_key_file (options), ==, key_file);
  g_remove (key_file);
  g_rmdir (dir);
}

/* WAMP-Cryptosign with the key pasted: masked, its public key shown once it reads, and the tab's
 * options hold it as their secret (which a saved connection keeps in the keyring). */
static void
test_connect_dialog_cryptosign_pasted (Fixture       *fixture,
                                       gconstpointer  data)
{
  GtkWidget *paste_row;
  GtkWidget *public_row;
  SockConnectionPage *page;
  SockConnectOptions *options;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (fixture, ADW_TYPE_COMBO_ROW, "_Method")), 3);
  gtk_editable_set_text (GTK_EDITABLE (find_row (fixture, ADW_TYPE_ENTRY_ROW, "Auth _ID")), "cryptouser");
  paste_row = find_row (fixture, ADW_TYPE_PASSWORD_ENTRY_ROW, "Or Paste the Private Ke_y (kept in the keyring)");
  g_assert_null (find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW, row_title_equals, PUBLIC_KEY_TITLE));
  g_assert_nonnull (strstr (sock_connect_dialog_get_problem (fixture->dialog), "needs a private key: choose the file"));

  /* half a key reads as no key */
  gtk_editable_set_text (GTK_EDITABLE (paste_row), "9d61b19deffd5a60ba844af492ec2cc4");
  g_assert_null (find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_ACTION_ROW, row_title_equals, PUBLIC_KEY_TITLE));
  g_assert_nonnull (sock_connect_dialog_get_problem (fixture->dialog));
  gtk_editable_set_text (GTK_EDITABLE (paste_row), "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
  run_for (100);
  public_row = find_row (fixture, ADW_TYPE_ACTION_ROW, PUBLIC_KEY_TITLE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (public_row)), ==, PUBLIC_KEY);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.connect", NULL);
  page = sock_window_get_selected_connection (fixture->window);
  options = sock_connection_page_get_options (page);
  g_assert_cmpint (sock_connect_options_get_auth_method (options), ==, SOCK_AUTH_CRYPTOSIGN);
  g_assert_cmpstr (sock_connect_options_get_secret (options), ==,
                   "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  g_assert_null (sock_connect_options_get_private_key_file (options));
}

/* rs://, rss:// and unix://: Origin, the request headers and the subprotocols are greyed out and
 * say that RawSocket does not use them; what they still hold does not stop Connect; ws:// brings
 * them back. The TLS group names both secure schemes. */
static void
test_connect_dialog_rawsocket (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *const rawsocket_urls[] = { "rs://127.0.0.1:9", "rss://127.0.0.1:9", "unix:///tmp/router.sock" };
  GtkWidget *origin;
  GtkWidget *add_header;
  SockConnectOptions *options;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (fixture, ADW_TYPE_COMBO_ROW, "_Protocol")),
                              sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_WAMP2_CBOR));
  origin = find_row (fixture, ADW_TYPE_ENTRY_ROW, "_Origin");
  gtk_editable_set_text (GTK_EDITABLE (origin), "http://example.test");
  add_header = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_BUTTON, tooltip_text_is, "Add a Header");
  g_assert_nonnull (add_header);
  g_assert_true (wait_for_label (fixture->dialog, "How the server's certificate is checked on wss:// and rss:// "
                                 "connections.", FALSE));
  g_assert_true (gtk_widget_get_sensitive (origin));
  g_assert_true (gtk_widget_get_sensitive (add_header));
  g_assert_true (wait_for_label (fixture->dialog, "Sent with the opening request, e.g. Authorization or Cookie.",
                                 FALSE));

  for (guint i = 0; i < G_N_ELEMENTS (rawsocket_urls); i++)
    {
      sock_connect_dialog_set_url (fixture->dialog, rawsocket_urls[i]);
      g_assert_false (gtk_widget_get_sensitive (origin));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (origin)), ==,
                       "_Origin (not used by RawSocket)");
      g_assert_false (gtk_widget_get_sensitive (add_header));
      g_assert_true (wait_for_label (fixture->dialog, "Not used by RawSocket, which opens with no HTTP request.",
                                     FALSE));
      /* the Origin typed for ws:// does not stop Connect, and is not used */
      g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
      g_assert_true (gtk_widget_get_sensitive (connect_button (fixture)));
    }

  save_screenshot (GTK_WIDGET (fixture->dialog), "connect-dialog-rawsocket");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.connect", NULL);
  options = sock_connection_page_get_options (sock_window_get_selected_connection (fixture->window));
  g_assert_cmpstr (sock_connect_options_get_url (options), ==, "unix:///tmp/router.sock");
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR);
  g_assert_null (sock_profile_get_origin (sock_connect_options_get_profile (options)));
}

/* Back on ws://, the rows are the WebSocket ones again. */
static void
test_connect_dialog_rawsocket_back (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWidget *origin;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "rs://127.0.0.1:9");
  origin = find_row (fixture, ADW_TYPE_ENTRY_ROW, "_Origin (not used by RawSocket)");
  g_assert_false (gtk_widget_get_sensitive (origin));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  g_assert_true (gtk_widget_get_sensitive (origin));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (origin)), ==, "_Origin");
  g_assert_true (wait_for_label (fixture->dialog, "Sent with the opening request, e.g. Authorization or Cookie.",
                                 FALSE));
}

#define RAWSOCKET_PROTOCOLS_REASON "RawSocket carries WAMP v2 only"
#define RAWSOCKET_PROTOCOLS_TOOLTIP "WAMP v1, Raw WebSocket and custom subprotocols need a ws:// or wss:// address"

static void
assert_protocol_choices (AdwComboRow        *row,
                         guint               n_choices,
                         SockProtocolChoice  selected,
                         const char         *subtitle)
{
  GListModel *model = adw_combo_row_get_model (row);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_choices);
  g_assert_cmpint (sock_protocol_choice_from_position (adw_combo_row_get_selected (row)), ==, selected);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==,
                   n_choices < 7 ? RAWSOCKET_PROTOCOLS_TOOLTIP : NULL);
}

/* rs://, rss:// and unix:// carry WAMP v2 only: the protocol list offers its WAMP v2 choices and
 * says why the others are gone; a choice they replaced comes back with ws://, one made meanwhile
 * stays. */
static void
test_connect_dialog_rawsocket_protocols (Fixture       *fixture,
                                         gconstpointer  data)
{
  static const SockProtocolChoice websocket_only[] = { SOCK_PROTOCOL_CHOICE_CUSTOM, SOCK_PROTOCOL_CHOICE_RAW,
                                                       SOCK_PROTOCOL_CHOICE_WAMP1 };
  AdwComboRow *row;
  GtkWidget *subprotocols;
  GListModel *model;

  g_assert_true (wait_for (dialog_shown, fixture));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  row = ADW_COMBO_ROW (find_row (fixture, ADW_TYPE_COMBO_ROW, "_Protocol"));
  assert_protocol_choices (row, 7, SOCK_PROTOCOL_CHOICE_AUTO, "");
  adw_combo_row_set_selected (row, sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_CUSTOM));
  subprotocols = find_row (fixture, ADW_TYPE_ENTRY_ROW, "_Subprotocols to Offer");

  for (guint i = 0; i < G_N_ELEMENTS (websocket_only); i++)
    {
      adw_combo_row_set_selected (row, sock_protocol_choice_to_position (websocket_only[i]));
      sock_connect_dialog_set_url (fixture->dialog, i == 1 ? "unix:///tmp/router.sock" : "rs://127.0.0.1:9");
      assert_protocol_choices (row, 4, SOCK_PROTOCOL_CHOICE_AUTO, RAWSOCKET_PROTOCOLS_REASON);
      model = adw_combo_row_get_model (row);
      for (guint j = 0; j < 4; j++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, j);

          g_assert_true (g_str_has_prefix (gtk_string_object_get_string (item), j == 0 ? "Auto" : "WAMP v2"));
        }
      g_assert_null (sock_connect_dialog_get_problem (fixture->dialog));
      g_assert_true (gtk_widget_get_sensitive (connect_button (fixture)));
      /* another RawSocket URL keeps the list as it is */
      sock_connect_dialog_set_url (fixture->dialog, "rss://127.0.0.1:9");
      assert_protocol_choices (row, 4, SOCK_PROTOCOL_CHOICE_AUTO, RAWSOCKET_PROTOCOLS_REASON);
      sock_connect_dialog_set_url (fixture->dialog, "wss://127.0.0.1:9/ws");
      assert_protocol_choices (row, 7, websocket_only[i], "");
      g_assert_cmpint (gtk_widget_get_visible (subprotocols), ==, websocket_only[i] == SOCK_PROTOCOL_CHOICE_CUSTOM);
    }

  /* a choice made on RawSocket is the user's: ws:// keeps it */
  adw_combo_row_set_selected (row, sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_RAW));
  sock_connect_dialog_set_url (fixture->dialog, "rs://127.0.0.1:9");
  adw_combo_row_set_selected (row, sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_WAMP2_CBOR));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  assert_protocol_choices (row, 7, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, "");

  /* nothing replaced, nothing put back */
  sock_connect_dialog_set_url (fixture->dialog, "rs://127.0.0.1:9");
  assert_protocol_choices (row, 4, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, RAWSOCKET_PROTOCOLS_REASON);
  save_screenshot (GTK_WIDGET (fixture->dialog), "connect-dialog-rawsocket-protocols");
  adw_combo_row_set_selected (row, sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_AUTO));
  sock_connect_dialog_set_url (fixture->dialog, "ws://127.0.0.1:9/ws");
  assert_protocol_choices (row, 7, SOCK_PROTOCOL_CHOICE_AUTO, "");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/connect-dialog/invalid-url", Fixture, NULL,
              fixture_set_up, test_connect_dialog_invalid_url, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/header-error", Fixture, NULL,
              fixture_set_up, test_connect_dialog_header_error, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/connect", Fixture, NULL,
              fixture_set_up, test_connect_dialog_connect, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/subscriptions", Fixture, NULL,
              fixture_set_up, test_connect_dialog_subscriptions, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/serializer-cryptosign", Fixture, NULL,
              fixture_set_up, test_connect_dialog_serializer_cryptosign, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/rawsocket", Fixture, NULL,
              fixture_set_up, test_connect_dialog_rawsocket, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/rawsocket-back", Fixture, NULL,
              fixture_set_up, test_connect_dialog_rawsocket_back, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/cryptosign-pasted", Fixture, NULL,
              fixture_set_up, test_connect_dialog_cryptosign_pasted, fixture_tear_down);
  g_test_add ("/sockscope/connect-dialog/rawsocket-protocols", Fixture, NULL,
              fixture_set_up, test_connect_dialog_rawsocket_protocols, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
