/* test-unexported.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Closing a tab, a window or the app while a message log holds messages never exported asks
 * first; after an export, or with the question turned off in Preferences, it does not.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sock-application.h"
#include "sock-demo-server.h"
#include "sock-message-view.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow *window;
  GSettings  *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "confirm-close-unexported", TRUE);
  f->window = present_window (app);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_settings_set_boolean (f->settings, "confirm-close-unexported", FALSE);
  g_clear_object (&f->settings);
}

static AdwMessageDialog *
find_question (void)
{
  return ADW_MESSAGE_DIALOG (find_shown_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
question_shown (gpointer data)
{
  return find_question () != NULL;
}

/* Waits for the question, checks its heading, and answers it. */
static void
answer_question (const char *heading,
                 const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (wait_for (question_shown, NULL));
  dialog = find_question ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "never exported"));
  save_screenshot (GTK_WIDGET (dialog), "unexported-question");
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_for (50);
}

static guint
n_tabs (Fixture *f)
{
  return adw_tab_view_get_n_pages (sock_window_get_tab_view (f->window));
}

static SockMessageLog *
page_log (SockConnectionPage *page)
{
  return sock_connection_get_log (sock_connection_page_get_connection (page));
}

static gboolean
has_unexported (gpointer page)
{
  return sock_message_log_count_unexported (page_log (page)) > 0;
}

static gboolean
all_exported (gpointer page)
{
  return sock_message_log_count_unexported (page_log (page)) == 0;
}

/* A tab joined to the demo router with no subscription: after the join its log stays as it is. */
static SockConnectionPage *
open_quiet_tab (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  g_autofree char *url = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  SockConnectionPage *page;

  g_assert_no_error (error);
  url = sock_demo_server_dup_wamp_url (server);
  options = sock_window_new_options (f->window);
  g_assert_true (sock_connect_options_set_url (options, url, NULL));
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (f->window, options);
  g_assert_true (wait_for (page_joined, page));
  g_assert_true (wait_for (has_unexported, page));
  return page;
}

static void
test_unexported_tab (Fixture       *f,
                     gconstpointer  data)
{
  SockConnectionPage *page = open_quiet_tab (f);
  g_autofree char *dir = g_dir_make_tmp ("sockscope-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "log.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Cancel keeps the tab. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-tab", NULL);
  answer_question ("Close Without Exporting?", "cancel");
  g_assert_cmpuint (n_tabs (f), ==, 1);

  /* Exported: the tab closes without a question. */
  sock_message_view_export_to_file (SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page)), file, FALSE);
  g_assert_true (wait_for (all_exported, page));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-tab", NULL);
  run_for (100);
  g_assert_null (find_question ());
  g_assert_cmpuint (n_tabs (f), ==, 0);

  /* Close Tab closes it. */
  open_quiet_tab (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-tab", NULL);
  answer_question ("Close Without Exporting?", "close");
  g_assert_cmpuint (n_tabs (f), ==, 0);

  /* Preferences turned the question off: no question. */
  g_settings_set_boolean (f->settings, "confirm-close-unexported", FALSE);
  open_quiet_tab (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-tab", NULL);
  run_for (100);
  g_assert_null (find_question ());
  g_assert_cmpuint (n_tabs (f), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unexported_window_and_quit (Fixture       *f,
                                 gconstpointer  data)
{
  open_quiet_tab (f);
  open_quiet_tab (f);

  /* The window's close button asks for both tabs, and Cancel keeps everything. */
  gtk_window_close (GTK_WINDOW (f->window));
  answer_question ("Close Without Exporting?", "cancel");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  g_assert_cmpuint (n_tabs (f), ==, 2);

  /* So does Quit. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  answer_question ("Quit Without Exporting?", "cancel");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  g_assert_cmpuint (n_tabs (f), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/unexported/tab", Fixture, NULL, fixture_set_up, test_unexported_tab, fixture_tear_down);
  g_test_add ("/sockscope/unexported/window-and-quit", Fixture, NULL, fixture_set_up,
              test_unexported_window_and_quit, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);
  return ret;
}
