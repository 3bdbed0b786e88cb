/* test-saved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved connections in the window, under a real display (Xvfb in CI) and a real keyring
 * (gnome-keyring-daemon in a private D-Bus session: tests/test-keyring-util.h): settings saved
 * from the connect dialog show on the start page, their ticket kept in the keyring and not in the
 * file; opened after a reload of the file, the connection joins the demo's secure realm with the
 * keyring's ticket; delete takes it off the list and the file, and Undo brings it back; the search
 * narrows the list. With SOCK_SHOT_DIR set, it saves a screenshot of the start page.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "sock-connect-dialog.h"
#include "sock-window-private.h"
#include "sock-demo-server.h"
#include "sock-saved-connections.h"
#include "sock-saved-list.h"
#include "sock-saved-templates.h"
#include "test-keyring-util.h"
#include "test-ui-util.h"

#define NAME "Demo, secure realm"
#define TICKET "ticket-secret"

static SockApplication *app;
static TestKeyring keyring;

typedef DemoFixture Fixture;

typedef struct
{
  Fixture    *fixture;
  const char *title;
  gboolean    shown;
} RowQuery;

static gboolean
row_is_shown (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *row = find_widget (GTK_WIDGET (query->fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals,
                                query->title);

  return (row != NULL) == query->shown;
}

static gboolean
wait_for_row (Fixture    *fixture,
              const char *title,
              gboolean    shown)
{
  RowQuery query = { fixture, title, shown };

  return wait_for (row_is_shown, &query);
}

static char *
read_file (void)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (sock_saved_connections_get_path (sock_saved_connections_get_default ()),
                                      &text, NULL, NULL));
  return text;
}

static SockSavedConnection *
find_saved (const char *name)
{
  return sock_saved_connections_lookup (sock_saved_connections_get_default (), name);
}

static gboolean
is_undo_button (GtkWidget  *widget,
                const char *text)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

static void
save_from_dialog (Fixture *fixture)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectDialog *dialog;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", TICKET);
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  dialog = sock_window_show_connect_dialog (fixture->window, options);
  g_assert_true (wait_for (widget_mapped, dialog));

  /* Save wants a name first */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_true (wait_for_label (dialog, "Enter a name to save these settings under", FALSE));
  sock_connect_dialog_set_name (dialog, NAME);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
}

static void
test_saved_save_open_delete_undo (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *saved_text = NULL;
  g_autofree char *deleted_text = NULL;
  g_autofree char *restored_text = NULL;
  g_autofree char *id = NULL;
  SockConnectionPage *page;
  GtkWidget *undo;
  GtkWidget *row;

  save_from_dialog (fixture);
  /* the keyring took the ticket: the toast says saved, and nothing about secrets not kept */
  g_assert_true (wait_for_label (fixture->window, "Saved “" NAME "”", FALSE));
  g_assert_true (wait_for_row (fixture, NAME, TRUE));
  g_assert_true (wait_for_label (fixture->window, "WAMP v2 · realm secure · as ticketuser · 1 subscription", TRUE));
  saved_text = read_file ();
  g_assert_nonnull (strstr (saved_text, "\"" NAME "\""));
  g_assert_null (strstr (saved_text, TICKET));
  id = g_strdup (sock_saved_connection_get_id (find_saved (NAME)));

  /* what a restart gives: the file without the ticket; opening takes it from the keyring */
  g_assert_true (sock_saved_connections_load (sock_saved_connections_get_default (), NULL));
  g_assert_null (sock_connect_options_get_secret (sock_saved_connection_get_options (find_saved (NAME))));
  row = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals, NAME);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (wait_for (n_pages_is_one, fixture->window));
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_true (wait_for (page_joined, page));
  g_assert_cmpstr (sock_connect_options_get_realm (sock_connection_page_get_options (page)), ==, "secure");
  g_assert_cmpint (sock_saved_connection_get_last_used (find_saved (NAME)), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  g_assert_true (wait_for (n_pages_is_zero, fixture->window));
  g_assert_true (wait_for_label (fixture->window, "now", FALSE));

  /* delete: gone from the list and the file, until Undo */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-saved", "s", id);
  g_assert_true (wait_for_row (fixture, NAME, FALSE));
  deleted_text = read_file ();
  g_assert_null (strstr (deleted_text, NAME));
  g_assert_true (wait_for_label (fixture->window, "Deleted “" NAME "”", FALSE));
  undo = find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, is_undo_button, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (wait_for_row (fixture, NAME, TRUE));
  restored_text = read_file ();
  g_assert_nonnull (strstr (restored_text, id));
}

typedef struct
{
  SockSavedList *list;
  guint          n;
} Shown;

static gboolean
n_shown_is (gpointer data)
{
  Shown *shown = data;

  return sock_saved_list_get_n_shown (shown->list) == shown->n;
}

static void
test_saved_search (Fixture       *fixture,
                   gconstpointer  data)
{
  SockSavedConnections *store = sock_saved_connections_get_default ();
  g_autoptr(GPtrArray) templates = sock_saved_templates_new ();
  SockSavedList *list = SOCK_SAVED_LIST (find_widget (GTK_WIDGET (fixture->window), SOCK_TYPE_SAVED_LIST,
                                                      (gpointer) any_widget, NULL));
  GtkWidget *search;

  g_assert_nonnull (list);
  for (guint i = 0; i < templates->len; i++)
    if (find_saved (sock_saved_connection_get_name (g_ptr_array_index (templates, i))) == NULL)
      sock_saved_connections_insert (store, -1, g_ptr_array_index (templates, i));
  g_assert_true (wait_for_row (fixture, "Bondy", TRUE));
  if (g_getenv ("SOCK_SHOT_DIR") != NULL)
    {
      /* the list is below the form: scroll down to it */
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      run_for (300);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      save_screenshot (GTK_WIDGET (fixture->window), "window-start-page-saved");
    }

  search = find_widget (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY, (gpointer) any_widget, NULL);
  g_assert_nonnull (search);
  /* by name, whatever the case, and by URL */
  gtk_editable_set_text (GTK_EDITABLE (search), "oro");
  g_assert_true (wait_for (n_shown_is, &(Shown) { list, 1 }));
  g_assert_true (wait_for_row (fixture, "OroCRM", TRUE));
  g_assert_true (wait_for_row (fixture, "Bondy", FALSE));
  gtk_editable_set_text (GTK_EDITABLE (search), ":18080");
  g_assert_true (wait_for (n_shown_is, &(Shown) { list, 1 }));
  g_assert_true (wait_for_row (fixture, "Bondy", TRUE));
  gtk_editable_set_text (GTK_EDITABLE (search), "no such server");
  g_assert_true (wait_for (n_shown_is, &(Shown) { list, 0 }));
  g_assert_true (wait_for_label (fixture->window, "No saved connection matches the search", FALSE));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (wait_for_row (fixture, "Bondy", TRUE));
}

static gboolean
placeholder_is_value (GtkWidget  *widget,
                      const char *text)
{
  return GTK_IS_ENTRY (widget) && placeholder_is (widget, text);
}

/* Edit renames in place (same id, secrets kept); Duplicate makes a second one; the credential
 * header's value is dots until revealed; Import adds what an export holds. */
static void
test_saved_edit_duplicate_import (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockSavedConnections *store = sock_saved_connections_get_default ();
  g_autoptr(SockSavedConnection) saved = NULL;
  g_autofree char *id = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *export_text = NULL;
  g_autoptr(GFile) export_file = NULL;
  SockConnectDialog *dialog = NULL;
  GtkWidget *value;

  g_assert_true (sock_profile_add_header (sock_connect_options_get_profile (options), "Authorization",
                                          "Bearer tok", NULL));
  saved = sock_saved_connection_new ("Header router", options);
  sock_saved_connections_insert (store, -1, saved);
  id = g_strdup (sock_saved_connection_get_id (saved));
  g_assert_true (wait_for_row (fixture, "Header router", TRUE));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-saved", "s", id);
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Saved Connection");
  value = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, placeholder_is_value, "Value");
  g_assert_nonnull (value);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "Bearer tok");
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (value)));
  g_signal_emit_by_name (value, "icon-press", GTK_ENTRY_ICON_SECONDARY);
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (value)));
  sock_connect_dialog_set_name (dialog, "Renamed router");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_true (wait_for_row (fixture, "Renamed router", TRUE));
  g_assert_true (wait_for_row (fixture, "Header router", FALSE));
  g_assert_true (find_saved ("Renamed router") == saved);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate-saved", "s", id);
  g_assert_true (wait_for_row (fixture, "Renamed router (2)", TRUE));
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (
                     sock_saved_connection_get_options (find_saved ("Renamed router (2)"))))[1], ==, "Bearer tok");

  /* an export, imported: a third one, without the header's value */
  export_path = g_build_filename (keyring.dir, "export.json", NULL);
  export_text = sock_saved_connections_export (store, NULL);
  g_assert_null (strstr (export_text, "Bearer tok"));
  g_assert_true (g_file_set_contents (export_path, export_text, -1, NULL));
  export_file = g_file_new_for_path (export_path);
  _sock_window_import_saved (fixture->window, export_file);
  g_assert_true (wait_for_row (fixture, "Renamed router (3)", TRUE));
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (
                     sock_saved_connection_get_options (find_saved ("Renamed router (3)"))))[1], ==, "");
}

/* What the keyring holds for the connection with this id in slot, asked as any client would. */
static char *
keyring_secret (const char *id,
                const char *slot)
{
  static const SecretSchema schema = {
    "io.github.sockscope.Sockscope.Secret", SECRET_SCHEMA_NONE,
    {
      { "connection", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "slot", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (&schema, NULL, &error, "connection", id, "slot", slot, NULL);

  g_assert_no_error (error);
  return secret;
}

static gboolean
keyring_forgot (gpointer id)
{
  g_autofree char *secret = keyring_secret (id, "auth");

  return secret == NULL;
}

static gboolean
keyring_holds_ticket (gpointer id)
{
  g_autofree char *secret = keyring_secret (id, "auth");

  return g_strcmp0 (secret, TICKET) == 0;
}

/* Saves a connection with a ticket, checks the keyring has it, deletes it: the Undo toast is up. */
static char *
save_and_delete (Fixture *fixture)
{
  char *id;

  save_from_dialog (fixture);
  g_assert_true (wait_for_row (fixture, NAME, TRUE));
  id = g_strdup (sock_saved_connection_get_id (find_saved (NAME)));
  g_assert_true (wait_for (keyring_holds_ticket, id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-saved", "s", id);
  g_assert_true (wait_for_label (fixture->window, "Deleted “" NAME "”", FALSE));
  /* still there while Undo can bring the connection back */
  g_assert_true (keyring_holds_ticket (id));
  return id;
}

/* The window closes before the Undo toast goes: the secrets go with it. */
static void
test_saved_delete_then_close (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = save_and_delete (fixture);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (keyring_forgot, id));
  fixture->window = present_window (app);
}

/* Quit before the Undo toast goes: the secrets are gone before the app is. */
static void
test_saved_delete_then_quit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *id = save_and_delete (fixture);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  /* no waiting: quitting waited for the keyring */
  g_assert_true (keyring_forgot (id));
}

static gboolean
problem_is (gpointer data)
{
  SockConnectDialog **dialog = data;

  return *dialog != NULL &&
         g_strcmp0 (sock_connect_dialog_get_problem (*dialog), "Enter the ticket for “ticketuser”") == 0;
}

/* Save without the ticket (Connect cannot, Save can); opening asks for it, and it joins. */
static void
test_saved_without_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autofree char *text = NULL;
  SockConnectDialog *dialog = NULL;
  SockConnectionPage *page;
  GtkWidget *row;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", NULL);
  dialog = sock_window_show_connect_dialog (fixture->window, options);
  g_assert_true (wait_for (widget_mapped, dialog));
  g_assert_true (wait_for (problem_is, &dialog));
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, button_label_is,
                                                        "C_onnect")));
  g_assert_true (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, button_label_is,
                                                       "_Save")));
  sock_connect_dialog_set_name (dialog, "No ticket yet");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_true (wait_for_row (fixture, "No ticket yet", TRUE));
  text = read_file ();
  g_assert_nonnull (strstr (text, "\"ticketuser\""));

  /* opening: the keyring has no ticket, the dialog asks for it */
  dialog = NULL;
  row = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals, "No ticket yet");
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  g_assert_true (wait_for (problem_is, &dialog));
  row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, row_title_equals, "_Ticket");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), TICKET);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL);
  g_assert_true (wait_for (n_pages_is_one, fixture->window));
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_true (wait_for (page_joined, page));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!test_keyring_available ())
    {
      g_print ("1..0 # SKIP gnome-keyring-daemon or dbus-daemon is not installed (build-aux/install-deps test)\n");
      return 0;
    }
  /* before anything uses D-Bus: the application registers on this bus too */
  test_keyring_start (&keyring, TRUE);
  /* the private bus has no accessibility bus to offer */
  g_setenv ("GTK_A11Y", "none", TRUE);
  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    {
      test_keyring_stop (&keyring);
      return 0;
    }

  g_test_add ("/sockscope/saved/save-open-delete-undo", Fixture, NULL,
              demo_fixture_set_up, test_saved_save_open_delete_undo, demo_fixture_tear_down);
  g_test_add ("/sockscope/saved/edit-duplicate-import", Fixture, NULL,
              demo_fixture_set_up, test_saved_edit_duplicate_import, demo_fixture_tear_down);
  g_test_add ("/sockscope/saved/search", Fixture, NULL, demo_fixture_set_up, test_saved_search, demo_fixture_tear_down);
  g_test_add ("/sockscope/saved/without-secret", Fixture, NULL, demo_fixture_set_up, test_saved_without_secret,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/saved/delete-then-close", Fixture, NULL, demo_fixture_set_up, test_saved_delete_then_close,
              demo_fixture_tear_down);
  /* last: the app quits */
  g_test_add ("/sockscope/saved/delete-then-quit", Fixture, NULL, demo_fixture_set_up, test_saved_delete_then_quit,
              demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);
  test_keyring_stop (&keyring);

  return ret;
}
