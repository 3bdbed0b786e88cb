/* test-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope URL [--protocol P] [--realm R] [--subscribe TOPIC]...` as a user types it: the
 * application runs its real command line and opens a tab to URL, in that realm and protocol,
 * subscribed to each topic once joined.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockDemoServer *server;

typedef struct
{
  SockSessionKind  kind;
  const char      *realm;       /* NULL: none (WAMP v1) */
  const char      *topics[3];
  gboolean         checked;
  GApplication    *app;
} Expected;

static SockConnectionPage *
selected_page (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window ? sock_window_get_selected_connection (SOCK_WINDOW (window)) : NULL;
}

static gboolean
subscribed_to_all (SockConnectionPage *page,
                   const Expected     *expected)
{
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (page);
  SockSession *session = sock_connection_get_session (sock_connection_page_get_connection (page));
  GPtrArray *held;

  if (session == NULL || sock_session_get_state (session) != SOCK_SESSION_JOINED)
    return FALSE;
  held = sock_session_get_subscriptions (session);
  for (guint i = 0; expected->topics[i] != NULL; i++)
    {
      g_autofree char *listed = g_strconcat ("exact ", expected->topics[i], NULL);
      gboolean found = FALSE;

      /* the page lists it, and the session holds it */
      if (subscriptions == NULL || !g_strv_contains ((const char * const *) subscriptions, listed))
        return FALSE;
      for (guint j = 0; j < held->len; j++)
        found |= g_str_equal (sock_subscription_get_topic (g_ptr_array_index (held, j)), expected->topics[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_cb (gpointer user_data)
{
  Expected *expected = user_data;
  GApplication *app = expected->app;
  SockConnectionPage *page = selected_page (app);
  SockConnection *connection;

  if (page == NULL || !subscribed_to_all (page, expected))
    return G_SOURCE_CONTINUE;

  connection = sock_connection_page_get_connection (page);
  g_assert_cmpint (sock_connection_get_kind (connection), ==, expected->kind);
  g_assert_cmpstr (sock_connection_page_get_state_text (page), ==, "Joined");
  if (expected->realm != NULL)
    g_assert_cmpstr (sock_session_get_realm (sock_connection_get_session (connection)), ==, expected->realm);
  expected->checked = TRUE;
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_application_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_app (const char * const *args,
         Expected           *expected)
{
  g_autoptr(SockApplication) app = sock_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  guint give_up;
  int status;

  /* the command line in this process; test-workspace hands one to a running instance */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_ptr_array_add (argv, (char *) "sockscope");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  expected->app = G_APPLICATION (app);
  g_timeout_add (50, check_cb, expected);
  give_up = g_timeout_add_seconds (20, give_up_cb, app);
  status = g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (expected->checked);
  g_source_remove (give_up);
}

static void
test_command_line_wamp2 (void)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (server);
  const char *args[] = { url, "--realm", "demo", "--subscribe", "demo.tick", "--subscribe", "demo.metrics.cpu",
                         NULL };
  Expected expected = { SOCK_SESSION_KIND_WAMP2, "demo", { "demo.tick", "demo.metrics.cpu", NULL } };

  run_app (args, &expected);
}

static void
test_command_line_wamp1 (void)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (server);
  const char *args[] = { url, "--protocol", "wamp", "--subscribe", "demo.tick", NULL };
  Expected expected = { SOCK_SESSION_KIND_WAMP1, NULL, { "demo.tick", NULL } };

  run_app (args, &expected);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  server = sock_demo_server_new ();
  if (!sock_demo_server_start (server, 0, -1, &error))
    g_error ("demo server: %s", error->message);

  g_test_add_func ("/sockscope/command-line/wamp2", test_command_line_wamp2);
  g_test_add_func ("/sockscope/command-line/wamp1", test_command_line_wamp1);

  ret = g_test_run ();

  sock_demo_server_stop (server);
  g_clear_object (&server);
  return ret;
}
