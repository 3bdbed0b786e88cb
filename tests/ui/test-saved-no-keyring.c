/* test-saved-no-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved connections without a Secret Service, under a real display: a private D-Bus session
 * where no keyring runs (tests/test-keyring-util.h). Saving a connection with a ticket says that
 * the secret will not be saved, and no file under the app's folders holds the ticket; opening it
 * asks for the ticket in the connect dialog, and with it the tab joins the demo's secure realm.
 */

#include "config.h"

#include "sock-connect-dialog.h"
#include "sock-demo-server.h"
#include "sock-saved-connections.h"
#include "test-keyring-util.h"
#include "test-ui-util.h"

#define NAME "Secure, no keyring"
#define TICKET "ticket-secret"

static SockApplication *app;
static TestKeyring keyring;

typedef DemoFixture Fixture;

static gboolean
row_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals, NAME) != NULL;
}

/* Every file under dir whose contents hold needle, as "path" lines. */
static void
find_in_files (const char *dir,
               const char *needle,
               GString    *found)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        find_in_files (path, needle, found);
      else if (g_file_get_contents (path, &text, &len, NULL) &&
               g_strstr_len (text, len, needle) != NULL)
        g_string_append_printf (found, "%s\n", path);
    }
}

static void
test_saved_no_keyring (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autoptr(GString) found = g_string_new ("");
  SockConnectDialog *dialog;
  SockConnectionPage *page;
  GtkWidget *row;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", TICKET);
  dialog = sock_window_show_connect_dialog (fixture->window, options);
  g_assert_true (wait_for (widget_mapped, dialog));
  sock_connect_dialog_set_name (dialog, NAME);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);

  /* saved, and the toast says the ticket was not */
  g_assert_true (wait_for (row_shown, fixture));
  g_assert_true (wait_for_label (fixture->window, "Saved “" NAME "”, but not its secrets: the keyring did not take "
                                 "them. They are asked for when connecting", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "window-saved-no-keyring");

  /* no file the app wrote holds the ticket: not the connections, not the settings, not Recent */
  g_assert_true (g_file_test (sock_saved_connections_get_path (sock_saved_connections_get_default ()),
                              G_FILE_TEST_EXISTS));
  find_in_files (keyring.dir, TICKET, found);
  g_assert_cmpstr (found->str, ==, "");

  /* a restart: the file without the ticket; opening asks for it */
  g_assert_true (sock_saved_connections_load (sock_saved_connections_get_default (), NULL));
  row = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals, NAME);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  dialog = NULL;
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  g_assert_cmpstr (sock_connect_dialog_get_problem (dialog), ==, "Enter the ticket for “ticketuser”");
  row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, row_title_equals, "_Ticket");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), TICKET);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL);
  g_assert_true (wait_for (n_pages_is_one, fixture->window));
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_true (wait_for (page_joined, page));
  g_assert_cmpstr (sock_connect_options_get_realm (sock_connection_page_get_options (page)), ==, "secure");

  /* joined, and still nothing on disk holds it */
  run_for (300);
  find_in_files (keyring.dir, TICKET, found);
  g_assert_cmpstr (found->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!test_keyring_available ())
    {
      g_print ("1..0 # SKIP dbus-daemon is not installed (build-aux/install-deps test)\n");
      return 0;
    }
  /* a bus of our own with no Secret Service on it */
  test_keyring_start (&keyring, FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    {
      test_keyring_stop (&keyring);
      return 0;
    }

  g_test_add ("/sockscope/saved-no-keyring/save-and-connect", Fixture, NULL, demo_fixture_set_up,
              test_saved_no_keyring, demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);
  test_keyring_stop (&keyring);

  return ret;
}
