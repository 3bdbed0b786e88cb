/* test-health-notify.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desktop notifications of connection problems under a real display (Xvfb in CI), read by a
 * notification server this test runs on its private D-Bus session: a drop while the window is
 * not focused sends one, and clicking it focuses the tab; the Preferences switch turns them off.
 * So do a server frozen with SIGSTOP ("Server not responding", `sockscope-cli serve-demo` run as
 * its own process) and one that comes back refusing the realm ("Gave up reconnecting",
 * test-health-refuser.c).
 */

#include "config.h"

#include "test-health-refuser.h"
#include "test-health-util.h"

static SockApplication *app;

/* A notification server on the test's private session bus that keeps what it was sent. */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "</interface></node>";

typedef struct
{
  GDBusConnection *bus;
  guint            owner;
  guint            object;
  GPtrArray       *summaries;   /* Notify's summary, body */
  guint            last_id;
  gboolean         owned;
} Server;

static void
server_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  Server *server = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;

      g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
      g_ptr_array_add (server->summaries, g_strdup_printf ("%s: %s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++server->last_id));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "sockscope", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired (GDBusConnection *connection,
               const char      *name,
               gpointer         user_data)
{
  ((Server *) user_data)->owned = TRUE;
}

static gboolean
server_owned (gpointer data)
{
  return ((Server *) data)->owned;
}

static void
server_start (Server *server)
{
  static const GDBusInterfaceVTable vtable = { server_method, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  /* a connection of its own, as a separate server would have */
  server->bus = g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                        NULL, NULL, &error);
  g_assert_no_error (error);
  server->summaries = g_ptr_array_new_with_free_func (g_free);
  server->object = g_dbus_connection_register_object (server->bus, "/org/freedesktop/Notifications",
                                                      info->interfaces[0], &vtable, server, NULL, &error);
  g_assert_no_error (error);
  server->owner = g_bus_own_name_on_connection (server->bus, "org.freedesktop.Notifications",
                                                G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired, NULL, server, NULL);
  g_assert_true (wait_for (server_owned, server));
}

static void
server_stop (Server *server)
{
  g_bus_unown_name (server->owner);
  g_dbus_connection_unregister_object (server->bus, server->object);
  g_dbus_connection_close_sync (server->bus, NULL, NULL);
  g_clear_object (&server->bus);
  g_clear_pointer (&server->summaries, g_ptr_array_unref);
}

static gboolean
notified (gpointer data)
{
  return ((Server *) data)->summaries->len > 0;
}

static gboolean
page_selected (gpointer data)
{
  SockConnectionPage *page = data;
  AdwTabView *tabs = ADW_TAB_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TAB_VIEW));

  return adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)) == GTK_WIDGET (page);
}

static gboolean
window_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

static SockConnectionPage *
open_demo_server_tab (SockWindow     *window,
                      SockDemoServer *demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_true (sock_demo_server_start (demo, 0, -1, &error));
  g_assert_no_error (error);
  url = sock_demo_server_dup_wamp_url (demo);
  return open_tab (window, url, 25, 10000);
}

/* Stops demo and waits until its tab is reconnecting, and a second for any notification. */
static void
drop (SockDemoServer     *demo,
      SockConnectionPage *page)
{
  sock_demo_server_stop (demo);
  wait_for_state (sock_connection_page_get_connection (page), SOCK_CONNECTION_RECONNECTING, NULL);
  run_for (1000);
}

/* A drop while the window is in the background: a notification (GLib 2.74 picks the
 * org.freedesktop.Notifications backend when nobody owns org.gtk.Notifications and the app is
 * not sandboxed); clicking it (ActionInvoked "default") focuses the tab. While the window has
 * the focus, or switched off in Preferences, nothing is sent. */
static void
test_health_notify (void)
{
  Server server = { 0 };
  SockWindow *window = present_window (app);
  g_autoptr(SockDemoServer) demo_a = sock_demo_server_new ();
  g_autoptr(SockDemoServer) demo_b = sock_demo_server_new ();
  g_autoptr(SockDemoServer) demo_c = sock_demo_server_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  SockConnectionPage *a, *b, *c;
  GtkWidget *other;

  server_start (&server);
  a = open_demo_server_tab (window, demo_a);
  b = open_demo_server_tab (window, demo_b);
  c = open_demo_server_tab (window, demo_c);
  g_assert_true (page_selected (c));

  /* the window has the focus (Xvfb without a window manager gives it to the window presented) */
  g_assert_true (g_settings_get_boolean (settings, "notify-connection-problems"));
  if (gtk_window_is_active (GTK_WINDOW (window)))
    {
      drop (demo_b, b);
      g_assert_cmpuint (server.summaries->len, ==, 0);
    }
  else
    g_test_message ("the window never had the focus: the focused case is not checked");

  /* another window takes the focus */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (wait_for (window_inactive, window));

  /* Preferences' switch is the key's action */
  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-connection-problems", NULL);
  g_assert_false (g_settings_get_boolean (settings, "notify-connection-problems"));
  drop (demo_c, c);
  g_assert_cmpuint (server.summaries->len, ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-connection-problems", NULL);
  g_assert_true (g_settings_get_boolean (settings, "notify-connection-problems"));
  sock_demo_server_stop (demo_a);
  g_assert_true (wait_for (notified, &server));
  g_test_message ("notified: %s", (char *) g_ptr_array_index (server.summaries, 0));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (server.summaries, 0), "Connection dropped: "));
  g_assert_nonnull (strstr (g_ptr_array_index (server.summaries, 0), sock_connection_page_get_title (a)));
  g_assert_cmpuint (server.summaries->len, ==, 1);

  /* the user clicks it */
  g_dbus_connection_emit_signal (server.bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", server.last_id, "default"), &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (page_selected, a));

  server_stop (&server);
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* The server stops answering (SIGSTOP) while the window is in the background: "Server not
 * responding" for that tab, not the one shown; clicking it brings that tab to the front. */
static void
test_health_notify_not_responding (void)
{
  Server server = { 0 };
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) frozen = start_server (0, &url);
  g_autoptr(SockDemoServer) demo = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  SockConnectionPage *stopped, *shown;
  GtkWidget *other;

  server_start (&server);
  stopped = open_tab (window, url, 1, 3000);
  shown = open_demo_server_tab (window, demo);
  g_assert_true (page_selected (shown));
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (wait_for (window_inactive, window));

  g_subprocess_send_signal (frozen, SIGSTOP);
  wait_for_state (sock_connection_page_get_connection (stopped), SOCK_CONNECTION_NOT_RESPONDING, frozen);
  g_assert_true (wait_for (notified, &server));
  g_test_message ("notified: %s", (char *) g_ptr_array_index (server.summaries, 0));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (server.summaries, 0), "Server not responding: "));
  g_assert_nonnull (strstr (g_ptr_array_index (server.summaries, 0), sock_connection_page_get_title (stopped)));
  g_assert_cmpuint (server.summaries->len, ==, 1);

  g_dbus_connection_emit_signal (server.bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", server.last_id, "default"), &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (page_selected, stopped));

  g_subprocess_send_signal (frozen, SIGCONT);
  wait_for_state (sock_connection_page_get_connection (stopped), SOCK_CONNECTION_JOINED, frozen);
  stop_server (frozen);
  sock_demo_server_stop (demo);
  server_stop (&server);
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* The server is killed and what comes back on its port refuses the realm (ABORT on HELLO): the
 * tab stops reconnecting, "Gave up reconnecting" for it while the window is in the background,
 * and clicking it brings the tab to the front. */
static void
test_health_notify_gave_up (void)
{
  Server server = { 0 };
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) killed = start_server (0, &url);
  g_autoptr(SockDemoServer) demo = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  SockConnectionPage *lost, *shown;
  Refuser *refuser = NULL;
  gint64 deadline;
  GtkWidget *other;

  server_start (&server);
  lost = open_tab (window, url, 25, 10000);
  shown = open_demo_server_tab (window, demo);
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (wait_for (window_inactive, window));

  g_subprocess_send_signal (killed, SIGKILL);
  g_subprocess_wait (killed, NULL, NULL);
  wait_for_state (sock_connection_page_get_connection (lost), SOCK_CONNECTION_RECONNECTING, killed);
  /* "Connection dropped" first */
  g_assert_true (wait_for (notified, &server));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (server.summaries, 0), "Connection dropped: "));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((refuser = refuser_start (url_port (url))) == NULL && g_get_monotonic_time () < deadline)
    run_for (100);
  g_assert_nonnull (refuser);

  wait_for_state (sock_connection_page_get_connection (lost), SOCK_CONNECTION_CLOSED, NULL);
  g_assert_cmpuint (refuser_get_aborts (refuser), ==, 1);
  g_assert_true (page_selected (shown));
  run_for (500);
  g_test_message ("notified: %s", (char *) g_ptr_array_index (server.summaries, server.summaries->len - 1));
  g_assert_cmpuint (server.summaries->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (server.summaries, 1), "Gave up reconnecting: "));
  g_assert_nonnull (strstr (g_ptr_array_index (server.summaries, 1), sock_connection_page_get_title (lost)));

  g_dbus_connection_emit_signal (server.bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", server.last_id, "default"), &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (page_selected, lost));

  refuser_stop (refuser);
  sock_demo_server_stop (demo);
  server_stop (&server);
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add_func ("/sockscope/health/notify", test_health_notify);
  g_test_add_func ("/sockscope/health/notify-not-responding", test_health_notify_not_responding);
  g_test_add_func ("/sockscope/health/notify-gave-up", test_health_notify_gave_up);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
