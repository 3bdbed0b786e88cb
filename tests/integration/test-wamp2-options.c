/* test-wamp2-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP v2 session's less common paths against the demo router: publish exclude / eligible and
 * disclose_me, call timeout and each cancel mode, unsubscribe and unregister, and a router that
 * shuts down with a GOODBYE.
 */

#include "event-test-util.h"
#include "session-test-util.h"

static SockDemoServer *server;
static char *ws_url;

static SockConnection *
open_demo (void)
{
  return connection_new_open (ws_url, NULL, "demo");
}

static char *
session_id_text (SockConnection *connection)
{
  return g_strdup (sock_connection_get_session_id (connection));
}

static void
test_wamp2_options_exclude_eligible (void)
{
  g_autoptr(SockConnection) publisher = open_demo ();
  g_autoptr(SockConnection) a = open_demo ();
  g_autoptr(SockConnection) b = open_demo ();
  g_autofree char *a_id = session_id_text (a);
  g_autofree char *b_id = session_id_text (b);
  const char *only_a[] = { a_id, NULL };
  const char *not_b[] = { b_id, NULL };
  SockPublishOptions eligible = { .acknowledge = TRUE, .eligible = only_a };
  SockPublishOptions exclude = { .acknowledge = TRUE, .exclude = not_b };
  SockPublishOptions disclose = { .acknowledge = TRUE, .disclose_me = TRUE };
  g_autofree char *publisher_id = session_id_text (publisher);
  SeenEvents seen_a = { 0 }, seen_b = { 0 };

  g_signal_connect (a, "event", G_CALLBACK (seen_events_add), &seen_a);
  g_signal_connect (b, "event", G_CALLBACK (seen_events_add), &seen_b);
  session_subscribe (a, "opts.topic", SOCK_MATCH_EXACT);
  session_subscribe (b, "opts.topic", SOCK_MATCH_EXACT);

  session_publish (publisher, "opts.topic", "[\"eligible a\"]", &eligible);
  session_publish (publisher, "opts.topic", "[\"exclude b\"]", &exclude);
  session_publish (publisher, "opts.topic", "[\"both\"]", &disclose);
  WAIT_FOR (!(seen_a.n < 3 || seen_b.n < 1));
  wait_ms (100);

  /* a got all three; b only the last, which names its publisher */
  g_assert_cmpuint (seen_a.n, ==, 3);
  g_assert_cmpuint (seen_b.n, ==, 1);
  g_assert_cmpstr (seen_b.args, ==, "[\"both\"]");
  g_assert_nonnull (seen_b.details);
  g_assert_nonnull (strstr (seen_b.details, publisher_id));

  seen_events_clear (&seen_a);
  seen_events_clear (&seen_b);
  connection_close (publisher);
  connection_close (a);
  connection_close (b);
}

static void
hang (SockWamp2Session *session,
      SockInvocation   *invocation,
      gpointer          data)
{
  GPtrArray *hanging = data;

  g_ptr_array_add (hanging, g_object_ref (invocation));
}

static void
late_answer (SockInvocation *invocation)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_string_element (args, "too late");
  if (!sock_invocation_is_answered (invocation))
    sock_invocation_return (invocation, args, NULL);
}

static GError *
call_and_cancel (SockConnection *caller,
                 SockCancelMode  mode,
                 GPtrArray      *hanging)
{
  SockCallOptions options = { .cancel_mode = mode };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session = sock_connection_get_session (caller);
  guint before = hanging->len;
  GError *error = NULL;

  sock_session_call_async (session, "opts.hang", NULL, NULL, &options, NULL, NULL, cancellable, store_result, &result);
  WAIT_FOR (hanging->len != before);
  g_cancellable_cancel (cancellable);
  g_assert_null (sock_session_call_finish (session, wait_result (&result), &error));

  return error;
}

static void
test_wamp2_options_cancel_modes (void)
{
  g_autoptr(SockConnection) callee = open_demo ();
  g_autoptr(SockConnection) caller = open_demo ();
  g_autoptr(GPtrArray) hanging = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) skip = NULL;
  g_autoptr(GError) killnowait = NULL;
  SockInvocation *invocation;

  sock_connection_register_async (callee, "opts.hang", NULL, hang, hanging, NULL, store_result, &result);
  g_assert_cmpint (sock_connection_register_finish (callee, wait_result (&result), NULL), >, 0);

  /* skip: the call ends at once (the router's ERROR wamp.error.canceled follows); the callee hears
   * nothing and may still answer */
  skip = call_and_cancel (caller, SOCK_CANCEL_SKIP, hanging);
  g_assert_error (skip, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  invocation = g_ptr_array_index (hanging, 0);
  wait_ms (100);
  g_assert_false (g_cancellable_is_cancelled (sock_invocation_get_cancellable (invocation)));
  late_answer (invocation);

  /* killnowait: the caller is told at once and the callee is interrupted */
  killnowait = call_and_cancel (caller, SOCK_CANCEL_KILLNOWAIT, hanging);
  g_assert_error (killnowait, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  invocation = g_ptr_array_index (hanging, 1);
  WAIT_FOR (g_cancellable_is_cancelled (sock_invocation_get_cancellable (invocation)));

  g_assert_cmpuint (count_records (sock_connection_get_log (caller), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2,
                                   SOCK_WAMP_CANCEL), ==, 2);
  /* the router answered both cancels with ERROR wamp.error.canceled, recorded although no call waits */
  WAIT_FOR (count_records (sock_connection_get_log (caller), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2,
                           SOCK_WAMP_ERROR) >= 2);
  g_assert_cmpuint (count_records (sock_connection_get_log (callee), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2,
                                   SOCK_WAMP_INTERRUPT), ==, 1);
  connection_close (caller);
  connection_close (callee);
}

static void
test_wamp2_options_timeout (void)
{
  g_autoptr(SockConnection) callee = open_demo ();
  g_autoptr(SockConnection) caller = open_demo ();
  g_autoptr(GPtrArray) hanging = g_ptr_array_new_with_free_func (g_object_unref);
  SockCallOptions options = { .timeout_ms = 200 };
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SockSession *session = sock_connection_get_session (caller);

  sock_connection_register_async (callee, "opts.slow", NULL, hang, hanging, NULL, store_result, &registered);
  g_assert_cmpint (sock_connection_register_finish (callee, wait_result (&registered), NULL), >, 0);

  sock_session_call_async (session, "opts.slow", NULL, NULL, &options, NULL, NULL, NULL, store_result, &result);
  g_assert_null (sock_session_call_finish (session, wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.timeout");
  /* the router interrupts the callee too */
  g_assert_cmpuint (hanging->len, ==, 1);
  WAIT_FOR (g_cancellable_is_cancelled (sock_invocation_get_cancellable (g_ptr_array_index (hanging, 0))));

  connection_close (caller);
  connection_close (callee);
}

static void
echo_handler (SockWamp2Session *session,
              SockInvocation   *invocation,
              gpointer          data)
{
  g_autoptr(JsonArray) args = sock_invocation_dup_args (invocation);

  sock_invocation_return (invocation, args, NULL);
}

static void
test_wamp2_options_unsubscribe_unregister (void)
{
  g_autoptr(SockConnection) a = open_demo ();
  g_autoptr(SockConnection) b = open_demo ();
  SockWamp2Session *wamp2 = SOCK_WAMP2_SESSION (sock_connection_get_session (a));
  SockSession *session_a = sock_connection_get_session (a);
  SockSession *session_b = sock_connection_get_session (b);
  SockPublishOptions ack = { .acknowledge = TRUE };
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GError) error = NULL;
  SeenEvents seen = { 0 };
  gint64 registration;

  g_signal_connect (a, "event", G_CALLBACK (seen_events_add), &seen);
  session_subscribe (a, "opts.unsub", SOCK_MATCH_EXACT);
  session_publish (b, "opts.unsub", "[1]", &ack);
  WAIT_FOR (seen.n >= 1);

  sock_session_unsubscribe_async (session_a, "opts.unsub", SOCK_MATCH_EXACT, NULL, store_result, &r1);
  g_assert_true (sock_session_unsubscribe_finish (session_a, wait_result (&r1), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sock_session_get_subscriptions (session_a)->len, ==, 0);
  session_publish (b, "opts.unsub", "[2]", &ack);
  wait_ms (150);
  g_assert_cmpuint (seen.n, ==, 1);

  sock_wamp2_session_register_async (wamp2, "opts.echo", NULL, echo_handler, NULL, NULL, NULL, store_result, &r2);
  registration = sock_wamp2_session_register_finish (wamp2, wait_result (&r2), &error);
  g_assert_no_error (error);
  sock_wamp2_session_unregister_async (wamp2, registration, NULL, store_result, &r3);
  g_assert_true (sock_wamp2_session_unregister_finish (wamp2, wait_result (&r3), &error));

  sock_session_call_async (session_b, "opts.echo", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &r4);
  g_assert_null (sock_session_call_finish (session_b, wait_result (&r4), &error));
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.no_such_procedure");

  seen_events_clear (&seen);
  connection_close (a);
  connection_close (b);
}

static SockSubscription *
find_info (SockConnection *connection,
           const char     *topic,
           SockMatch       match)
{
  GPtrArray *all = sock_session_get_subscriptions (sock_connection_get_session (connection));

  for (guint i = 0; i < all->len; i++)
    {
      SockSubscription *info = g_ptr_array_index (all, i);

      if (sock_subscription_get_match (info) == (int) match && g_str_equal (sock_subscription_get_topic (info), topic))
        return info;
    }
  g_assert_not_reached ();
}

static void
test_wamp2_options_subscription_counters (void)
{
  g_autoptr(SockConnection) a = open_demo ();
  g_autoptr(SockConnection) b = open_demo ();
  SockPublishOptions ack = { .acknowledge = TRUE };
  SockSubscription *exact, *prefix, *quiet;
  gint64 before = g_get_real_time ();
  SeenEvents seen = { 0 };

  g_signal_connect (a, "event", G_CALLBACK (seen_events_add), &seen);
  session_subscribe (a, "opts.count.a", SOCK_MATCH_EXACT);
  session_subscribe (a, "opts.count", SOCK_MATCH_PREFIX);
  session_subscribe (a, "opts.nobody", SOCK_MATCH_EXACT);
  for (guint i = 0; i < 7; i++)
    session_publish (b, "opts.count.a", "[1]", &ack);
  session_publish (b, "opts.count.b", "[2]", &ack);
  WAIT_FOR (seen.n >= 15);

  /* each event counts on the subscription it came through, and nowhere else */
  exact = find_info (a, "opts.count.a", SOCK_MATCH_EXACT);
  prefix = find_info (a, "opts.count", SOCK_MATCH_PREFIX);
  quiet = find_info (a, "opts.nobody", SOCK_MATCH_EXACT);
  g_assert_cmpuint (sock_subscription_get_n_events (exact), ==, 7);
  g_assert_cmpuint (sock_subscription_get_n_events (prefix), ==, 8);
  g_assert_cmpuint (sock_subscription_get_n_events (quiet), ==, 0);
  g_assert_cmpint (sock_subscription_get_last_event_time (quiet), ==, 0);
  g_assert_cmpint (sock_subscription_get_last_event_time (exact), >=, before);
  g_assert_cmpint (sock_subscription_get_last_event_time (exact), <=, g_get_real_time ());
  g_assert_cmpint (sock_subscription_get_last_event_time (prefix), >=, sock_subscription_get_last_event_time (exact));

  seen_events_clear (&seen);
  connection_close (a);
  connection_close (b);
}

static void
test_wamp2_options_router_goodbye (void)
{
  g_autoptr(SockDemoServer) own = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  SockSession *session;

  g_assert_true (sock_demo_server_start (own, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (own);
  connection = connection_new (url, NULL, "demo");
  g_assert_true (connection_open (connection, &error));
  session = sock_connection_get_session (connection);

  /* the router says GOODBYE (system_shutdown) when it stops; the session answers and ends */
  sock_demo_server_stop (own);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_CLOSED);
  g_assert_cmpint (sock_session_get_state (session), ==, SOCK_SESSION_CLOSED);
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_IN,
                                   SOCK_LOG_KIND_WAMP2, SOCK_WAMP_GOODBYE), ==, 1);
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_OUT,
                                   SOCK_LOG_KIND_WAMP2, SOCK_WAMP_GOODBYE), ==, 1);
  g_assert_nonnull (sock_connection_get_close_reason (connection));
  /* wamp.close.system_shutdown, in words */
  g_assert_nonnull (strstr (sock_connection_get_close_reason (connection), "shutting down"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sock_demo_server_new ();
  ws_url = demo_server_start_url (server, "/ws");

  g_test_add_func ("/sockscope/wamp2-options/exclude-eligible", test_wamp2_options_exclude_eligible);
  g_test_add_func ("/sockscope/wamp2-options/cancel-modes", test_wamp2_options_cancel_modes);
  g_test_add_func ("/sockscope/wamp2-options/timeout", test_wamp2_options_timeout);
  g_test_add_func ("/sockscope/wamp2-options/unsubscribe-unregister", test_wamp2_options_unsubscribe_unregister);
  g_test_add_func ("/sockscope/wamp2-options/subscription-counters", test_wamp2_options_subscription_counters);
  g_test_add_func ("/sockscope/wamp2-options/router-goodbye", test_wamp2_options_router_goodbye);

  status = g_test_run ();
  sock_demo_server_stop (server);
  g_clear_object (&server);
  g_free (ws_url);
  return status;
}
