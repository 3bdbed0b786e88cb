/* test-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockConnection's reconnect policy against the demo server on 127.0.0.1: the server goes away
 * and comes back on the same port; the connection rejoins, re-subscribes, and leaves a gap
 * marker in the one log it keeps.
 */

#include "session-test-util.h"

static void
on_state (SockConnection *connection,
          GParamSpec     *pspec,
          GPtrArray      *states)
{
  g_ptr_array_add (states, (char *)sock_connection_state_to_string (sock_connection_get_state (connection)));
}

static void
test_connection_reconnect (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  SockMessageLog *log;
  SockSession *first;
  SockSubscription *info;
  guint64 n_before;
  gint64 deadline;
  guint port;

  url = demo_server_start_url (server, "/ws");
  port = sock_demo_server_get_port (server);

  connection = connection_new (url, NULL, "demo");
  g_assert_false (sock_connection_get_reconnect (connection));
  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  log = sock_connection_get_log (connection);
  first = sock_connection_get_session (connection);
  sock_session_subscribe_async (first, "demo.tick", SOCK_MATCH_EXACT, NULL, store_result, &result);
  g_assert_true (sock_session_subscribe_finish (first, wait_result (&result), NULL, &error));
  /* demo.tick comes once a second: a count the new session could not reach in a second */
  info = g_ptr_array_index (sock_session_get_subscriptions (first), 0);
  WAIT_FOR (sock_subscription_get_n_events (info) >= 3);
  n_before = sock_subscription_get_n_events (info);

  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), states);
  sock_demo_server_stop (server);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_RECONNECTING);
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);

  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_JOINED);
  g_assert_true (sock_connection_get_session (connection) != first);
  g_assert_true (has_marker (log, "messages in between were missed"));
  /* the subscription is made again on the new session */
  WAIT_FOR (sock_session_get_subscriptions (sock_connection_get_session (connection))->len >= 1);
  g_assert_cmpstr (sock_subscription_get_topic (g_ptr_array_index (
                     sock_session_get_subscriptions (sock_connection_get_session (connection)), 0)),
                   ==, "demo.tick");
  /* with the counts of the lost session carried over */
  info = g_ptr_array_index (sock_session_get_subscriptions (sock_connection_get_session (connection)), 0);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (sock_subscription_get_n_events (info) < n_before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (sock_subscription_get_n_events (info), >=, n_before);
  g_assert_cmpint (sock_subscription_get_last_event_time (info), >, 0);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_HELLO), ==, 2);
  g_assert_cmpuint (sock_connection_get_messages_out (connection), >=, 4);
  g_assert_cmpstr (g_ptr_array_index (states, 0), ==, "reconnecting");

  connection_close (connection);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
  sock_demo_server_stop (server);
}

static void
test_connection_no_reconnect_by_default (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;

  url = demo_server_start_url (server, "/ws");
  connection = connection_new (url, NULL, "demo");
  g_assert_true (connection_open (connection, &error));

  sock_demo_server_stop (server);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_CLOSED);
  g_assert_nonnull (sock_connection_get_close_reason (connection));
  g_assert_cmpint (sock_session_get_state (sock_connection_get_session (connection)), ==, SOCK_SESSION_CLOSED);
}

/* Iterates until connection is in state; fails the test after 10 s. */
static void
wait_state (SockConnection      *connection,
            SockConnectionState  state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, wait_timeout_cb, &timed_out);

  while (sock_connection_get_state (connection) != state && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("waited 10 s for the state %s; still %s", sock_connection_state_to_string (state),
             sock_connection_state_to_string (sock_connection_get_state (connection)));
  g_source_remove (id);
}

/* By hand: Disconnect (no reconnect follows), Reconnect Now (no waiting for the backoff), Stop
 * Reconnecting (the reconnect setting stays), each with its reason in words. */
static void
test_connection_by_hand (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  guint port;

  url = demo_server_start_url (server, "/ws");
  port = sock_demo_server_get_port (server);
  connection = connection_new (url, NULL, "demo");
  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  g_assert_false (sock_connection_reconnect_now (connection));
  g_assert_cmpint (sock_connection_get_connect_deadline (connection), ==, 0);

  sock_connection_disconnect (connection);
  wait_state (connection, SOCK_CONNECTION_CLOSED);
  g_assert_cmpstr (sock_connection_get_close_reason (connection), ==, "Disconnected by you");
  wait_ms (1500);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);

  /* open again; the server goes; reconnecting; the server is back: Reconnect Now starts at once */
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  sock_demo_server_stop (server);
  wait_state (connection, SOCK_CONNECTION_RECONNECTING);
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);
  g_assert_true (sock_connection_reconnect_now (connection));
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CONNECTING);
  g_assert_cmpint (sock_connection_get_connect_deadline (connection), >, g_get_monotonic_time ());
  wait_state (connection, SOCK_CONNECTION_JOINED);

  /* gone again: Stop Reconnecting closes and no attempt follows */
  sock_demo_server_stop (server);
  wait_state (connection, SOCK_CONNECTION_RECONNECTING);
  sock_connection_stop_reconnecting (connection);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
  g_assert_cmpstr (sock_connection_get_close_reason (connection), ==, "Stopped reconnecting");
  g_assert_true (sock_connection_get_reconnect (connection));
  wait_ms (2500);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
}

static void
accepted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GSocketConnection *accepted = g_socket_listener_accept_finish (G_SOCKET_LISTENER (object), result, NULL, NULL);

  if (accepted != NULL)
    g_ptr_array_add (user_data, accepted);
}

/* Cancel while connecting to a server that takes the TCP connection and never answers. */
static void
test_connection_cancel (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener, stop, accepted_cb, held);
  url = g_strdup_printf ("ws://127.0.0.1:%u/ws", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  connection = connection_new (url, NULL, "demo");

  sock_connection_open_async (connection, NULL, store_result, &result);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CONNECTING);
  g_assert_cmpint (sock_connection_get_connect_deadline (connection), >, g_get_monotonic_time ());
  /* the server has the TCP connection and says nothing */
  WAIT_FOR (held->len > 0);
  wait_ms (200);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CONNECTING);

  sock_connection_cancel (connection);
  g_assert_false (sock_connection_open_finish (connection, wait_result (&result), &error));
  g_assert_nonnull (error);
  wait_state (connection, SOCK_CONNECTION_CLOSED);
  g_assert_cmpstr (sock_connection_get_close_reason (connection), ==, "Cancelled");
  g_assert_null (sock_connection_get_diagnosis (connection));

  g_cancellable_cancel (stop);
  g_socket_listener_close (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/connection/reconnect", test_connection_reconnect);
  g_test_add_func ("/sockscope/connection/no-reconnect-by-default", test_connection_no_reconnect_by_default);
  g_test_add_func ("/sockscope/connection/by-hand", test_connection_by_hand);
  g_test_add_func ("/sockscope/connection/cancel", test_connection_cancel);

  return g_test_run ();
}
