/* test-file-choosers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's files through its file choosers, under a real display: GTK 4.8's
 * GtkFileChooserNative shows a GtkFileChooserDialog where there is no portal, and the test picks
 * the file in it and answers as a user would. Saved connections are exported (without their
 * secrets) and imported from the menu's actions; a tab's log is exported and opened again; the
 * raw composer sends a chosen file; a file that is not what it should be is refused with a message
 * that says why; the connect dialog's cryptosign key file is chosen and joins the demo with it.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sock-connect-dialog.h"
#include "sock-demo-router.h"
#include "sock-demo-server.h"
#include "sock-message-view.h"
#include "sock-raw-composer.h"
#include "sock-saved-connections.h"
#include "sock-wamp2-session.h"
#include "test-ui-util.h"

#define SECRET_VALUE "Bearer file-chooser-secret"

static SockApplication *app;
static char *dir;

typedef DemoFixture Fixture;

/* dir/folder/name, in a folder of its own: every chooser starts in a folder no other used. */
static char *
place (const char *folder,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, folder, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return g_build_filename (path, name, NULL);
}

static gboolean
chooser_shown (gpointer data)
{
  GtkFileChooser **chooser = data;

  *chooser = GTK_FILE_CHOOSER (find_shown_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  return *chooser != NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} Choice;

static gboolean
file_chosen (gpointer data)
{
  Choice *choice = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (choice->chooser);

  return file != NULL && g_file_equal (file, choice->file);
}

/* In the file chooser that shows (with title), picks path and presses its accept button. */
static void
choose (const char *title,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Choice choice = { NULL, file };

  if (!wait_for (chooser_shown, &choice.chooser))
    g_error ("no file chooser “%s” showed", title);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (choice.chooser)), ==, title);
  /* the path typed, as a user may: into the name row, or the location row that typing “/” opens */
  if (gtk_file_chooser_get_action (choice.chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (choice.chooser, path);
  else
    g_signal_emit_by_name (find_widget (GTK_WIDGET (choice.chooser), GTK_TYPE_FILE_CHOOSER_WIDGET, any_widget, NULL),
                           "location-popup", path);
  /* the folder loads before the file is selected in it */
  if (!wait_for (file_chosen, &choice))
    g_error ("the file chooser did not take %s", path);
  /* as a user would not press the button within the same instant */
  run_for (200);
  gtk_dialog_response (GTK_DIALOG (choice.chooser), GTK_RESPONSE_ACCEPT);
}

static gboolean
row_shown (gpointer data)
{
  Fixture **fixture = data;

  return find_widget (GTK_WIDGET (fixture[0]->window), ADW_TYPE_ACTION_ROW, row_title_equals,
                      (const char *) fixture[1]) != NULL;
}

static void
test_file_choosers_saved (Fixture       *fixture,
                          gconstpointer  data)
{
  SockSavedConnections *store = sock_saved_connections_get_default ();
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("wss://router.example.com/ws", NULL);
  g_autoptr(SockSavedConnection) saved = NULL;
  g_autofree char *export_path = place ("export", "connections.json");
  g_autofree char *import_path = place ("import", "connections.json");
  g_autofree char *bad_path = place ("bad", "picture.json");
  g_autofree char *text = NULL;
  gpointer query[2] = { fixture, (gpointer) "Router with a token (2)" };

  g_assert_true (sock_profile_add_header (sock_connect_options_get_profile (options), "Authorization",
                                          SECRET_VALUE, NULL));
  saved = sock_saved_connection_new ("Router with a token", options);
  sock_saved_connections_insert (store, -1, saved);

  /* Export All from the list's menu: the file has the connection, not its secret */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-saved-all", NULL);
  choose ("Export Saved Connections", export_path);
  g_assert_true (wait_for_label (fixture->window, "Exported without secrets", TRUE));
  g_assert_true (g_file_get_contents (export_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"Router with a token\""));
  g_assert_null (strstr (text, "file-chooser-secret"));

  /* Import, on another computer: a second one, under a free name */
  g_assert_true (g_file_set_contents (import_path, text, -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-saved", NULL);
  choose ("Import Saved Connections", import_path);
  g_assert_true (wait_for_label (fixture->window, "Imported 1 connection: its secrets are asked for when connecting",
                                 FALSE));
  g_assert_true (wait_for (row_shown, query));

  /* a file that is not one of ours: nothing imported, and the toast says why */
  g_assert_true (g_file_set_contents (bad_path, "\x89PNG\r\n\x1a\n\x00\x00", 10, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-saved", NULL);
  choose ("Import Saved Connections", bad_path);
  g_assert_true (wait_for_label (fixture->window, "Nothing was imported", TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static gboolean
has_rows (gpointer data)
{
  SockMessageLog *log = sock_message_view_get_log (data);

  return log != NULL && sock_message_log_get_notified_end (log) >= 5;
}

static gboolean
shows_recording (gpointer data)
{
  SockMessageView *view = data;
  SockConnectionPage *page = SOCK_CONNECTION_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                            SOCK_TYPE_CONNECTION_PAGE));

  return sock_message_view_get_log (view) != sock_connection_get_log (sock_connection_page_get_connection (page));
}

static void
test_file_choosers_log (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autofree char *log_path = place ("log", "log.jsonl");
  g_autofree char *copy_path = place ("recordings", "log.jsonl");
  g_autofree char *bad_path = place ("notes", "notes.jsonl");
  g_autofree char *text = NULL;
  SockConnectionPage *page;
  SockMessageView *view;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "demo");
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (n_pages_is_one, fixture->window));
  g_assert_true (wait_for (page_joined, sock_window_get_selected_connection (fixture->window)));
  page = sock_window_get_selected_connection (fixture->window);
  view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page));
  g_assert_true (wait_for (widget_mapped, view));
  g_assert_true (wait_for (has_rows, view));

  /* Export All Messages, from the log's menu */
  gtk_widget_activate_action (GTK_WIDGET (view), "messages.export", NULL);
  choose ("Export All Messages", log_path);
  g_assert_true (wait_for_label (fixture->window, "to “log.jsonl”", TRUE));
  g_assert_true (g_file_get_contents (log_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "demo.tick"));

  /* a file that is not a recording: the view says what is wrong with it */
  g_assert_true (g_file_set_contents (bad_path, "not a recording\n", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (view), "messages.open", NULL);
  choose ("Open a Recording", bad_path);
  g_assert_true (wait_for_label (fixture->window, "notes.jsonl”, line 1: not valid JSON", TRUE));

  /* Open a Recording: the file comes back in the view, apart from the live log */
  g_assert_true (g_file_set_contents (copy_path, text, -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (view), "messages.open", NULL);
  choose ("Open a Recording", copy_path);
  g_assert_true (wait_for (shows_recording, view));
  g_assert_true (sock_message_view_get_log (view) !=
                 sock_connection_get_log (sock_connection_page_get_connection (page)));
  g_assert_true (wait_for (has_rows, view));
}

static gboolean
page_open (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Open") == 0;
}

static gboolean
sent_file (gpointer data)
{
  SockMessageLog *log = data;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw = NULL;
      gsize len = 0;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.direction == SOCK_LOG_DIRECTION_OUT &&
          entry.kind == SOCK_LOG_KIND_BINARY && len == 6 && memcmp (raw, "\x00\x01\xfe\xff\x7f\x0a", 6) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The raw composer's File payload, chosen in its file chooser, goes out as one binary frame. */
static void
test_file_choosers_raw_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autofree char *path = place ("payloads", "frame.bin");
  SockConnectionPage *page;
  GtkWidget *raw;
  GtkWidget *format;

  g_assert_true (g_file_set_contents (path, "\x00\x01\xfe\xff\x7f\x0a", 6, NULL));
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_open, page));
  raw = find_widget (GTK_WIDGET (page), SOCK_TYPE_RAW_COMPOSER, any_widget, NULL);
  g_assert_nonnull (raw);
  /* File in the format list, then its Choose button */
  format = find_widget (raw, GTK_TYPE_DROP_DOWN, any_widget, NULL);
  g_assert_nonnull (format);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (format), 3);
  g_assert_true (gtk_widget_activate_action (raw, "raw.choose-file", NULL));
  choose ("Send a File as a Binary Frame", path);
  g_assert_true (wait_for_label (raw, "frame.bin (6 bytes)", FALSE));
  g_assert_true (gtk_widget_activate_action (raw, "raw.send", NULL));
  g_assert_true (wait_for (sent_file, sock_connection_get_log (sock_connection_page_get_connection (page))));
}

static gboolean
entry_holds (gpointer data)
{
  gpointer *query = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (query[0])), query[1]) == 0;
}

static GtkWidget *
dialog_row (SockConnectDialog *dialog,
            GType              type,
            const char        *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), type, row_title_equals, title);

  if (row == NULL)
    g_error ("no row “%s” in the connect dialog", title);
  return row;
}

/* The cryptosign key file from the connect dialog's chooser: its path in the row, the public key
 * shown, and a tab that joins the demo's realm `secure` over RawSocket with it. */
static void
test_file_choosers_key (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *key_path = place ("key", "cryptouser.key");
  g_autofree char *url = sock_demo_server_dup_rawsocket_url (fixture->server);
  SockConnectDialog *dialog = NULL;
  GtkWidget *key_row, *public_key_row;
  SockConnectionPage *page;
  SockWamp2Session *session;

  g_assert_true (g_file_set_contents (key_path, "# cryptouser\n" SOCK_DEMO_CRYPTOSIGN_SEED "\n", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connection-settings", NULL);
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  sock_connect_dialog_set_url (dialog, url);
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, ADW_TYPE_ENTRY_ROW, "_Realm (WAMP v2)")), "secure");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_row (dialog, ADW_TYPE_COMBO_ROW, "_Method")),
                              SOCK_AUTH_CRYPTOSIGN);
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, ADW_TYPE_ENTRY_ROW, "Auth _ID")), "cryptouser");
  key_row = dialog_row (dialog, ADW_TYPE_ENTRY_ROW, "Private _Key File (Ed25519: 64 hex digits or OpenSSH)");
  /* no key yet: no public key to show */
  g_assert_null (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, row_title_equals,
                              "Public Key (register it for the Auth ID)"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.choose-key", NULL);
  choose ("Choose the Private Key File", key_path);
  {
    gpointer query[2] = { key_row, key_path };

    if (!wait_for (entry_holds, query))
      g_error ("the key file row holds “%s”, not the file chosen", gtk_editable_get_text (GTK_EDITABLE (key_row)));
  }
  g_assert_cmpstr (sock_connect_dialog_get_problem (dialog), ==, NULL);
  public_key_row = dialog_row (dialog, ADW_TYPE_ACTION_ROW, "Public Key (register it for the Auth ID)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, key_path);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (public_key_row)), ==,
                   SOCK_DEMO_CRYPTOSIGN_PUBLIC_KEY);
  g_assert_null (sock_connect_dialog_get_problem (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL);
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_nonnull (page);
  g_assert_true (wait_for (page_joined, page));
  session = SOCK_WAMP2_SESSION (sock_connection_get_session (sock_connection_page_get_connection (page)));
  g_assert_cmpstr (sock_wamp2_session_get_authmethod (session), ==, "cryptosign");
  g_assert_cmpstr (sock_wamp2_session_get_authid (session), ==, "cryptouser");
  g_assert_cmpstr (sock_connect_options_get_private_key_file (sock_connection_page_get_options (page)), ==,
                   key_path);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  int ret;

  dir = g_dir_make_tmp ("sockscope-choosers-XXXXXX", &error);
  g_assert_no_error (error);
  /* saved connections of this test's own: Export All exports what the store holds */
  config = g_build_filename (dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/file-choosers/saved", Fixture, NULL, demo_fixture_set_up, test_file_choosers_saved,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/file-choosers/log", Fixture, NULL, demo_fixture_set_up, test_file_choosers_log,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/file-choosers/raw-file", Fixture, NULL, demo_fixture_set_up, test_file_choosers_raw_file,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/file-choosers/key", Fixture, NULL, demo_fixture_set_up, test_file_choosers_key,
              demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);
  remove_tree (dir);
  g_free (dir);
  return ret;
}
