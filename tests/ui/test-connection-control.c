/* test-connection-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking a tab's connection down and up by hand, under a real display: Disconnect and Reconnect
 * Now on the demo's tab, Stop Reconnecting while the server is gone, and Cancel (with its
 * countdown and what the empty view says) while connecting to a server that never answers.
 * With SOCK_SHOT_DIR set, it saves screenshots of the header's controls.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

typedef struct
{
  SockConnectionPage  *page;
  SockConnectionState  state;
} StateQuery;

static gboolean
state_is (gpointer data)
{
  StateQuery *query = data;

  return sock_connection_get_state (sock_connection_page_get_connection (query->page)) == query->state;
}

static gboolean
wait_for_state (SockConnectionPage  *page,
                SockConnectionState  state)
{
  StateQuery query = { page, state };

  return wait_for (state_is, &query);
}

static const char *
close_reason (SockConnectionPage *page)
{
  return sock_connection_get_close_reason (sock_connection_page_get_connection (page));
}

static void
save_header (Fixture    *fixture,
             const char *name,
             int         width)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 720);
  run_for (400);
  save_screenshot (GTK_WIDGET (fixture->window), name);
}

static gboolean
tooltip_is (GtkWidget  *widget,
            const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* Disconnect takes the demo's joined tab down, with the reason in words; Reconnect Now brings it
 * back joined. */
static void
test_control_disconnect_reconnect (Fixture       *fixture,
                                   gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  GtkWidget *menu;

  g_assert_true (wait_for (page_joined, page));
  save_header (fixture, "header-joined-1280", 1280);
  save_header (fixture, "header-joined-600", 600);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  /* the header's menu lists the three, Disconnect the one enabled */
  menu = find_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, tooltip_is, (gpointer) "Connection Control");
  g_assert_nonnull (menu);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  g_assert_true (wait_for_label (fixture->window, "Stop Reconnecting", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "header-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.disconnect", NULL));
  g_assert_true (wait_for_state (page, SOCK_CONNECTION_CLOSED));
  g_assert_cmpstr (close_reason (page), ==, "Disconnected by you");
  g_assert_true (wait_for_label (page, "Closed: Disconnected by you", FALSE));
  /* no reconnect follows */
  run_for (1500);
  g_assert_cmpint (sock_connection_get_state (sock_connection_page_get_connection (page)), ==,
                   SOCK_CONNECTION_CLOSED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.reconnect-now", NULL));
  g_assert_true (wait_for (page_joined, page));
}

/* A server gone for good: Stop Reconnecting leaves the tab closed, saying so. */
static void
test_control_stop_reconnecting (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SockDemoServer) own = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  SockConnectionPage *page;

  g_assert_true (sock_demo_server_start (own, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (own);
  options = sock_connect_options_new_for_url (url, NULL);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));

  sock_demo_server_stop (own);
  g_assert_true (wait_for_state (page, SOCK_CONNECTION_RECONNECTING));
  save_header (fixture, "header-reconnecting-1280", 1280);
  save_header (fixture, "header-reconnecting-600", 600);

  /* On a loaded machine the screenshots outlast the first backoff: an attempt may be under way
   * (Cancel offered, not Stop Reconnecting) until the server's absence sends the tab back to
   * waiting. Between this check and the action, nothing else runs. */
  g_assert_true (wait_for_state (page, SOCK_CONNECTION_RECONNECTING));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.stop-reconnecting", NULL));
  g_assert_true (wait_for_state (page, SOCK_CONNECTION_CLOSED));
  g_assert_cmpstr (close_reason (page), ==, "Stopped reconnecting");
  g_assert_true (wait_for_label (page, "Closed: Stopped reconnecting", FALSE));
  /* longer than the first backoff: no attempt follows */
  run_for (2500);
  g_assert_cmpint (sock_connection_get_state (sock_connection_page_get_connection (page)), ==,
                   SOCK_CONNECTION_CLOSED);
}

/* A server that takes the TCP connection and never answers the upgrade. */
static void
accepted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray *held = user_data;
  GSocketConnection *connection;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (object), result, NULL, NULL);
  if (connection != NULL)
    g_ptr_array_add (held, connection);
}

/* While connecting: the countdown to the timeout, what the empty view says, and Cancel. */
static void
test_control_cancel_connecting (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *connecting_to = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  SockConnectionPage *page;

  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener, stop, accepted_cb, held);
  url = g_strdup_printf ("ws://127.0.0.1:%u/ws",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  options = sock_connect_options_new_for_url (url, NULL);
  sock_profile_set_connect_timeout (sock_connect_options_get_profile (options), 60);
  page = sock_window_open_connection (fixture->window, options);

  g_assert_true (wait_for_state (page, SOCK_CONNECTION_CONNECTING));
  g_assert_true (wait_for_label (page, "Connecting… gives up in ", TRUE));
  connecting_to = g_strdup_printf ("Connecting to %s", url);
  g_assert_true (wait_for_label (page, connecting_to, FALSE));
  g_assert_null (find_label (GTK_WIDGET (page), "Subscribe to a topic", TRUE));
  g_assert_true (wait_for (widget_mapped,
                           find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, "_Cancel")));
  save_header (fixture, "header-connecting-1280", 1280);
  save_header (fixture, "header-connecting-600", 600);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.cancel-connect", NULL));
  g_assert_true (wait_for_state (page, SOCK_CONNECTION_CLOSED));
  g_assert_cmpstr (close_reason (page), ==, "Cancelled");
  g_assert_true (wait_for_label (page, "Closed: Cancelled", FALSE));
  g_assert_null (find_label (GTK_WIDGET (page), connecting_to, FALSE));

  g_cancellable_cancel (stop);
  g_socket_listener_close (listener);
  run_for (100);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/connection-control/disconnect-reconnect", Fixture, NULL,
              demo_fixture_set_up, test_control_disconnect_reconnect, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection-control/stop-reconnecting", Fixture, NULL,
              demo_fixture_set_up, test_control_stop_reconnecting, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection-control/cancel-connecting", Fixture, NULL,
              demo_fixture_set_up, test_control_cancel_connecting, demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
