/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window under a real display (Xvfb in CI), driven through its actions and checked by
 * the texts a user would read.
 */

#include "config.h"

#include <sys/wait.h>

#include "sock-application.h"
#include "sock-demo-server.h"
#include "sock-probe.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow *window;
} Fixture;

/* A demo server on a thread of its own, so that the blocking sock_probe_run() can be used in
 * the test to learn what the window should show. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  char         *base_url;
  gboolean      ready;
} DemoThread;

static gpointer
demo_thread_main (gpointer data)
{
  DemoThread *demo = data;
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (demo->context);
  if (!sock_demo_server_start (server, 0, -1, &error))
    g_error ("demo server: %s", error->message);

  g_mutex_lock (&demo->mutex);
  demo->base_url = sock_demo_server_dup_base_url (server);
  demo->ready = TRUE;
  g_cond_signal (&demo->cond);
  g_mutex_unlock (&demo->mutex);

  g_main_loop_run (demo->loop);
  sock_demo_server_stop (server);
  g_main_context_pop_thread_default (demo->context);

  return NULL;
}

static DemoThread *
demo_thread_start (void)
{
  DemoThread *demo = g_new0 (DemoThread, 1);

  g_mutex_init (&demo->mutex);
  g_cond_init (&demo->cond);
  demo->context = g_main_context_new ();
  demo->loop = g_main_loop_new (demo->context, FALSE);
  demo->thread = g_thread_new ("demo-server", demo_thread_main, demo);

  g_mutex_lock (&demo->mutex);
  while (!demo->ready)
    g_cond_wait (&demo->cond, &demo->mutex);
  g_mutex_unlock (&demo->mutex);

  return demo;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
demo_thread_stop (DemoThread *demo)
{
  g_main_context_invoke (demo->context, quit_loop, demo->loop);
  g_thread_join (demo->thread);
  g_main_loop_unref (demo->loop);
  g_main_context_unref (demo->context);
  g_mutex_clear (&demo->mutex);
  g_cond_clear (&demo->cond);
  g_free (demo->base_url);
  g_free (demo);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "recent-connections");
  fixture->window = sock_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (widget_mapped, fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_window_start_page (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_true (wait_for_label (fixture->window, "Connect to a WebSocket server", FALSE));
  g_assert_true (wait_for_label (fixture->window, "Server URL", FALSE));
  g_assert_true (wait_for_label (fixture->window, "Connect", FALSE));
  g_assert_true (wait_for_label (fixture->window, "Open Demo Server", FALSE));
  /* Nothing was connected to yet, so there is no "Recent" list. */
  g_assert_null (find_label (GTK_WIDGET (fixture->window), "Recent", FALSE));
}

static void
test_window_invalid_url (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;

  profile = sock_profile_new_for_url ("htp://x", &error);
  g_assert_null (profile);
  g_assert_nonnull (error);

  sock_window_set_url (fixture->window, "htp://x");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connect", NULL);

  g_assert_true (wait_for_label (fixture->window, error->message, FALSE));
  /* The form stays, and a URL that never connected is not remembered. */
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Connect to a WebSocket server", FALSE));
  recent = g_settings_get_strv (settings, "recent-connections");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
}

static void
test_window_handshake_page (Fixture       *fixture,
                            gconstpointer  data)
{
  DemoThread *demo = demo_thread_start ();
  g_autofree char *url = g_strconcat (demo->base_url, "/fault/status/200", NULL);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockDiagnosis) expected = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  g_autoptr(SockConnectOptions) recent_options = NULL;

  expected = sock_probe_run (profile, NULL, NULL);
  g_assert_nonnull (expected);
  g_assert_cmpint (sock_diagnosis_get_severity (expected), ==, SOCK_SEVERITY_ERROR);

  /* "Test Handshake" explains the failure without opening a tab. */
  sock_window_set_url (fixture->window, url);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.probe", NULL);

  g_assert_true (wait_for_label (fixture->window, sock_diagnosis_get_title (expected), FALSE));
  g_assert_cmpuint (adw_tab_view_get_n_pages (sock_window_get_tab_view (fixture->window)), ==, 0);
  g_assert_true (wait_for_label (fixture->window, "HTTP/1.1 200 OK", FALSE));
  g_assert_true (wait_for_label (fixture->window, "What to Try", FALSE));
  recent = g_settings_get_strv (settings, "recent-connections");
  g_assert_nonnull (recent[0]);
  recent_options = sock_connect_options_new_from_string (recent[0], NULL);
  g_assert_cmpstr (sock_connect_options_get_url (recent_options), ==, url);

  /* Back on the start page, the URL is offered again under "Recent". */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  g_assert_true (wait_for_label (fixture->window, "Recent", FALSE));
  g_assert_true (wait_for_label (fixture->window, url, FALSE));

  demo_thread_stop (demo);
}

static void
test_window_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  SockDemoServer *server;
  SockConnectionPage *page;
  AdwTabPage *tab;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;

  /* "Open Demo Server" opens a tab on the demo router. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  server = sock_application_get_demo_server (app);
  g_assert_nonnull (server);

  where = g_strdup_printf ("127.0.0.1:%u", sock_demo_server_get_port (server));
  title = g_strdup_printf ("%s/ws", where);
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_nonnull (page);
  tab = adw_tab_view_get_selected_page (sock_window_get_tab_view (fixture->window));
  g_assert_cmpstr (adw_tab_page_get_title (tab), ==, title);
  g_assert_true (wait_for (page_joined, page));
  g_assert_nonnull (adw_tab_page_get_icon (tab));
  g_assert_false (adw_tab_page_get_loading (tab));

  /* Back on the start page, it says where the demo runs. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tab", NULL);
  g_assert_true (wait_for_label (fixture->window, where, TRUE));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  g_assert_true (wait_for_label (fixture->window, "Joined", FALSE));
}

static gboolean
about_shown (gpointer data)
{
  return find_shown_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static void
test_window_menu_windows (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkShortcutsWindow *shortcuts;
  GtkWindow *about;

  /* The primary menu's two entries. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (shortcuts);
  g_assert_true (wait_for (widget_mapped, shortcuts));
  g_assert_nonnull (find_label (GTK_WIDGET (shortcuts), "Edit the server URL", FALSE));
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (wait_for (about_shown, NULL));
  about = find_shown_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);
}

/* Runs the real executable and returns its exit status; out/err receive its output. */
static int
run_sockscope (const char * const  *args,
               char               **out,
               char               **err)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "src", "sockscope", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);

  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_application_version (void)
{
  static const char * const args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sockscope (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "sockscope " PACKAGE_VERSION "\n");
}

static void
test_application_bad_options (void)
{
  static const char * const bad_protocol[] = { "--protocol", "wamp3", "ws://127.0.0.1:1/ws", NULL };
  static const char * const two_urls[] = { "ws://127.0.0.1:1/a", "ws://127.0.0.1:1/b", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_sockscope (bad_protocol, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Unknown protocol “wamp3”"));
  g_assert_cmpint (run_sockscope (two_urls, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "one URL at a time"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/window/start-page", Fixture, NULL,
              fixture_set_up, test_window_start_page, fixture_tear_down);
  g_test_add ("/sockscope/window/menu-windows", Fixture, NULL,
              fixture_set_up, test_window_menu_windows, fixture_tear_down);
  g_test_add ("/sockscope/window/invalid-url", Fixture, NULL,
              fixture_set_up, test_window_invalid_url, fixture_tear_down);
  g_test_add ("/sockscope/window/handshake-page", Fixture, NULL,
              fixture_set_up, test_window_handshake_page, fixture_tear_down);
  g_test_add ("/sockscope/window/demo", Fixture, NULL,
              fixture_set_up, test_window_demo, fixture_tear_down);

  g_test_add_func ("/sockscope/application/version", test_application_version);
  g_test_add_func ("/sockscope/application/bad-options", test_application_bad_options);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
