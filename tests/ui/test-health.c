/* test-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Health view and desktop notifications under a real display (Xvfb in CI), against
 * `sockscope-cli serve-demo` run as its own process: frozen with SIGSTOP, the tab turns "not
 * responding" within keepalive + pong timeout and comes back after SIGCONT; killed and started
 * again on the same port, the Health view's timeline and reconnect count say so. The charts do
 * no work while the view is hidden and update at most once a second while shown, with the value
 * under the pointer. A drop while the window is not focused sends a desktop notification (read
 * by a notification server this test runs on its private D-Bus session), and clicking it focuses
 * the tab; the Preferences switch turns them off. So do a server frozen with SIGSTOP ("Server not
 * responding") and one that comes back refusing the realm ("Gave up reconnecting",
 * test-health-refuser.c). With SOCK_SHOT_DIR set, it saves the view.
 */

#include "config.h"

#include <signal.h>

#include "sock-health-notifier.h"
#include "sock-health-view.h"
#include "sock-router-view.h"
#include "test-health-refuser.h"
#include "test-ui-util.h"

static SockApplication *app;

/* The demo server as a process */

static GSubprocess *
start_server (guint  port,
              char **out_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *first = NULL;
  const char *argv[] = { g_getenv ("SOCKSCOPE_CLI"), "serve-demo", "--port", port_text, "--no-tls", NULL };
  GSubprocess *process;
  char *p;

  g_assert_nonnull (argv[0]);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* "Demo server listening on ws://127.0.0.1:PORT" */
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  p = strstr (first, "ws://127.0.0.1:");
  g_assert_nonnull (p);
  *out_url = g_strdup_printf ("%.*s/ws", (int) strcspn (p, " \n"), p);
  return process;
}

static void
stop_server (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGCONT);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

static guint
url_port (const char *url)
{
  return (guint) g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10);
}

/* The page and its Health view */

static SockConnectionPage *
open_tab (SockWindow *window,
          const char *url,
          guint       keepalive_s,
          guint       pong_timeout_ms)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);
  SockConnectionPage *page;

  sock_profile_set_keepalive_interval (profile, keepalive_s);
  sock_profile_set_pong_timeout_ms (profile, pong_timeout_ms);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (window, options);
  g_assert_true (wait_for (page_joined, page));
  return page;
}

static SockHealthView *
show_health (SockConnectionPage *page)
{
  GtkWidget *router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);

  g_assert_nonnull (router);
  /* Ctrl+3 */
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "health"));
  g_assert_true (wait_for (widget_mapped, find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL)));
  return SOCK_HEALTH_VIEW (find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL));
}

static gboolean
row_title_is (GtkWidget  *widget,
              const char *text)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  return find_widget (GTK_WIDGET (root), ADW_TYPE_ACTION_ROW, row_title_is, title);
}

/* The text of the label a row shows at its end (its figure). */
static const char *
row_figure (gpointer    root,
            const char *title)
{
  GtkWidget *row = find_row (root, title);
  GtkWidget *last = NULL;

  if (row == NULL)
    return NULL;
  for (GtkWidget *w = row; w != NULL;)
    {
      GtkWidget *child = gtk_widget_get_last_child (w);

      if (child == NULL)
        break;
      for (; child != NULL && !gtk_widget_get_visible (child); child = gtk_widget_get_prev_sibling (child))
        ;
      if (GTK_IS_LABEL (child))
        last = child;
      w = child;
    }
  return last ? gtk_label_get_text (GTK_LABEL (last)) : NULL;
}

typedef struct
{
  gpointer    root;
  const char *title;
  const char *figure;
} FigureQuery;

static gboolean
figure_shown (gpointer data)
{
  FigureQuery *query = data;

  return g_strcmp0 (row_figure (query->root, query->title), query->figure) == 0;
}

static gboolean
in_timeline_group (GtkWidget  *widget,
                   const char *text)
{
  GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);

  return group != NULL && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), "Timeline") == 0
         && g_strcmp0 (gtk_widget_get_name (widget), "timeline") == 0;
}

/* The timeline's rows, newest first: "Joined|Not responding|…". */
static char *
timeline_titles (SockHealthView *view)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, in_timeline_group, NULL);
  g_autoptr(GString) titles = g_string_new (NULL);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_string_append_printf (titles, "%s%s", titles->len ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

typedef struct
{
  SockHealthView *view;
  const char     *prefix;
} TimelineQuery;

static gboolean
timeline_starts (gpointer data)
{
  TimelineQuery *query = data;
  g_autofree char *titles = timeline_titles (query->view);

  return g_str_has_prefix (titles, query->prefix);
}

static gboolean
state_is (SockConnection      *connection,
          SockConnectionState  state)
{
  return sock_connection_get_state (connection) == state;
}

static gboolean
not_responding (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_NOT_RESPONDING);
}

static gboolean
joined (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_JOINED);
}

static gboolean
reconnecting (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_RECONNECTING);
}

/* Frozen with SIGSTOP: not responding within keepalive (1 s) + pong timeout (3 s), back after
 * SIGCONT without a reconnect; the timeline says both, with the reason. */
static void
test_health_freeze (void)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = start_server (0, &url);
  SockConnectionPage *page = open_tab (window, url, 1, 3000);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SockHealthView *view = show_health (page);
  gint64 stopped, noticed;

  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "0" }));
  run_for (1500);
  g_subprocess_send_signal (server, SIGSTOP);
  stopped = g_get_monotonic_time ();
  g_assert_true (wait_for (not_responding, connection));
  noticed = g_get_monotonic_time ();
  g_subprocess_send_signal (server, SIGCONT);
  g_test_message ("not responding %.1f s after SIGSTOP (bound: 1 s + 3 s)", (noticed - stopped) / 1e6);
  /* the bound, and a second of slack for a loaded machine */
  g_assert_cmpint (noticed - stopped, <=, 5 * G_USEC_PER_SEC);

  g_assert_true (wait_for (joined, connection));
  if (!wait_for (timeline_starts, &(TimelineQuery) { view, "Joined|Not responding|Joined|Connecting" }))
    g_error ("timeline: %s", timeline_titles (view));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "No answer to a ping within 3 s: the server is not responding",
                                FALSE));
  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "0" }));
  /* the missed pong counts as a timeout */
  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Timeouts", "1" }));
  save_screenshot (GTK_WIDGET (window), "health-freeze");

  stop_server (server);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* Killed and started again on the same port: the timeline and the reconnect count. */
static void
test_health_restart (void)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autofree char *again_url = NULL;
  g_autoptr(GSubprocess) server = start_server (0, &url);
  g_autoptr(GSubprocess) again = NULL;
  SockConnectionPage *page = open_tab (window, url, 25, 10000);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SockHealthView *view = show_health (page);

  g_subprocess_send_signal (server, SIGKILL);
  g_subprocess_wait (server, NULL, NULL);
  g_assert_true (wait_for (reconnecting, connection));
  again = start_server (url_port (url), &again_url);
  g_assert_cmpstr (again_url, ==, url);
  g_assert_true (wait_for (joined, connection));

  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "1" }));
  g_assert_true (wait_for (timeline_starts, &(TimelineQuery) { view, "Joined|Connecting|" }));
  {
    g_autofree char *titles = timeline_titles (view);

    g_test_message ("timeline: %s", titles);
    g_assert_nonnull (strstr (titles, "|Reconnecting|"));
    g_assert_true (g_str_has_suffix (titles, "Joined|Connecting"));
  }
  /* the loss in words, the time spent disconnected */
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The connection dropped without a close frame", TRUE));
  g_assert_cmpstr (row_figure (view, "Disconnected for"), !=, "0 s");
  save_screenshot (GTK_WIDGET (window), "health-restart");

  stop_server (again);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

static guint
view_updates (SockHealthView *view)
{
  return sock_health_view_get_n_updates (view);
}

/* Hidden, the charts do nothing; shown, at most once a second; the pointer reads a value. */
static void
test_health_hidden (void)
{
  SockWindow *window = present_window (app);
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  SockConnectionPage *page = sock_window_open_demo (window, server);
  SockHealthView *view;
  SockChart *chart;
  GtkWidget *router;
  guint before;

  g_assert_no_error (error);
  g_assert_true (wait_for (page_joined, page));
  view = show_health (page);
  run_for (3000);
  chart = sock_health_view_get_chart (view, 0);
  sock_chart_hover (chart, gtk_widget_get_width (GTK_WIDGET (chart)) - 1);
  g_assert_nonnull (sock_chart_get_hover_text (chart));
  g_assert_true (g_str_has_prefix (sock_chart_get_hover_text (chart), "1 s ago: In "));
  g_assert_nonnull (strstr (sock_chart_get_hover_text (chart), "/s · Out "));

  before = view_updates (view);
  run_for (3000);
  g_test_message ("%u chart updates in 3 s shown", view_updates (view) - before);
  g_assert_cmpuint (view_updates (view) - before, >=, 1);
  g_assert_cmpuint (view_updates (view) - before, <=, 4);

  router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "messages"));
  run_for (300);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  before = view_updates (view);
  run_for (3000);
  g_assert_cmpuint (view_updates (view), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

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
  g_assert_true (wait_for (reconnecting, sock_connection_page_get_connection (page)));
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
  g_assert_true (wait_for (not_responding, sock_connection_page_get_connection (stopped)));
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
  g_assert_true (wait_for (joined, sock_connection_page_get_connection (stopped)));
  stop_server (frozen);
  sock_demo_server_stop (demo);
  server_stop (&server);
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

static gboolean
closed (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_CLOSED);
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
  g_assert_true (wait_for (reconnecting, sock_connection_page_get_connection (lost)));
  /* "Connection dropped" first */
  g_assert_true (wait_for (notified, &server));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (server.summaries, 0), "Connection dropped: "));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((refuser = refuser_start (url_port (url))) == NULL && g_get_monotonic_time () < deadline)
    run_for (100);
  g_assert_nonnull (refuser);

  g_assert_true (wait_for (closed, sock_connection_page_get_connection (lost)));
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

/* The charts and the view in light and dark, for SOCK_SHOT_DIR. */
static void
test_health_screenshots (void)
{
  SockWindow *window;
  g_autoptr(GError) error = NULL;
  SockDemoServer *server;
  SockConnectionPage *page;

  if (g_getenv ("SOCK_SHOT_DIR") == NULL)
    {
      g_test_skip ("no SOCK_SHOT_DIR");
      return;
    }
  window = present_window (app);
  server = sock_application_ensure_demo (app, &error);
  page = sock_window_open_demo (window, server);
  g_assert_true (wait_for (page_joined, page));
  show_health (page);
  run_for (8000);
  save_screenshot (GTK_WIDGET (window), "health-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (window), "health-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
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

  g_test_add_func ("/sockscope/health/freeze", test_health_freeze);
  g_test_add_func ("/sockscope/health/restart", test_health_restart);
  g_test_add_func ("/sockscope/health/hidden", test_health_hidden);
  g_test_add_func ("/sockscope/health/notify", test_health_notify);
  g_test_add_func ("/sockscope/health/notify-not-responding", test_health_notify_not_responding);
  g_test_add_func ("/sockscope/health/notify-gave-up", test_health_notify_gave_up);
  g_test_add_func ("/sockscope/health/screenshots", test_health_screenshots);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
