/* test-liveness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Liveness and deadlines against the demo server on 127.0.0.1 and its hostile router
 * (/fault/wamp/…): pings and their round trip, a frozen server named not responding and
 * dropped, a quiet one never called dead, and every WAMP request failing in words when its
 * answer does not come. Timeouts are sub-second here; the assertions are about outcomes, with
 * the generous deadline of WAIT_FOR.
 */

#include "session-test-util.h"
#include "sock-error.h"

typedef struct
{
  GPtrArray *states;    /* const char * */
  GPtrArray *reasons;   /* char *: close-reason as the state was notified */
} StateLog;

static void
on_state (SockConnection *connection,
          GParamSpec     *pspec,
          StateLog       *log)
{
  const char *reason = sock_connection_get_close_reason (connection);

  g_ptr_array_add (log->states, (char *)sock_connection_state_to_string (sock_connection_get_state (connection)));
  g_ptr_array_add (log->reasons, g_strdup (reason ? reason : ""));
}

static gboolean
seen_state (StateLog   *log,
            const char *state)
{
  for (guint i = 0; i < log->states->len; i++)
    if (g_str_equal (g_ptr_array_index (log->states, i), state))
      return TRUE;
  return FALSE;
}

/* A connection to the path with liveness and deadlines in milliseconds. */
static SockConnection *
hostile_connection (SockDemoServer *server,
                    const char     *path,
                    guint           keepalive_s,
                    guint           pong_ms,
                    guint           deadline_ms)
{
  g_autofree char *base = sock_demo_server_dup_base_url (server);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, &error);
  SockConnection *connection;

  g_assert_no_error (error);
  sock_profile_set_keepalive_interval (profile, keepalive_s);
  sock_profile_set_pong_timeout_ms (profile, pong_ms);
  sock_profile_set_join_timeout_ms (profile, deadline_ms);
  sock_profile_set_ack_timeout_ms (profile, deadline_ms);
  sock_profile_set_call_timeout_ms (profile, deadline_ms);
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, "demo");
  return connection;
}

static void
test_liveness_profile_defaults (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://127.0.0.1:1/ws", NULL);
  g_autoptr(SockProfile) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sock_profile_get_keepalive_interval (profile), ==, 25);
  g_assert_cmpuint (sock_profile_get_pong_timeout_ms (profile), ==, 10000);
  g_assert_cmpuint (sock_profile_get_join_timeout_ms (profile), ==, 10000);
  g_assert_cmpuint (sock_profile_get_ack_timeout_ms (profile), ==, 10000);
  g_assert_cmpuint (sock_profile_get_call_timeout_ms (profile), ==, 60000);

  sock_profile_set_pong_timeout_ms (profile, 250);
  sock_profile_set_call_timeout_ms (profile, 1500);
  copy = sock_profile_copy (profile);
  g_assert_cmpuint (sock_profile_get_pong_timeout_ms (copy), ==, 250);
  g_assert_cmpuint (sock_profile_get_call_timeout_ms (copy), ==, 1500);

  sock_profile_set_pong_timeout_ms (profile, 0);
  g_assert_false (sock_profile_validate (profile, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  sock_profile_set_keepalive_interval (profile, 0);
  g_assert_true (sock_profile_validate (profile, &error));
  g_assert_no_error (error);
}

static void
on_rtt (SockConnection *connection,
        GParamSpec     *pspec,
        guint          *n)
{
  (*n)++;
}

static void
test_liveness_rtt (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/ws", 1, 2000, 5000);
  g_autoptr(GError) error = NULL;
  SockRtt rtt;
  guint notified = 0;

  g_assert_cmpint (sock_connection_get_rtt_us (connection), ==, -1);
  g_assert_false (sock_connection_get_rtt (connection, &rtt));
  g_signal_connect (connection, "notify::rtt-us", G_CALLBACK (on_rtt), &notified);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);

  /* pings are control frames: compression (agreed here) leaves them alone */
  g_assert_nonnull (strstr (sock_handshake_get_extensions (sock_connection_get_handshake (connection)),
                            "permessage-deflate"));
  /* one ping at the open, then one a second: each pong carries our payload back */
  WAIT_FOR (notified >= 2);
  g_assert_true (sock_connection_get_rtt (connection, &rtt));
  g_assert_cmpuint (rtt.n_samples, >=, 2);
  g_assert_cmpint (rtt.last_us, ==, sock_connection_get_rtt_us (connection));
  g_assert_cmpint (rtt.min_us, >, 0);
  g_assert_cmpint (rtt.min_us, <=, rtt.mean_us);
  g_assert_cmpint (rtt.mean_us, <=, rtt.p95_us);
  g_assert_cmpint (rtt.p95_us, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);
  connection_close (connection);
}

static void
test_liveness_no_welcome (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/no-welcome", 25, 10000, 300);
  g_autoptr(GError) error = NULL;

  g_assert_false (connection_open (connection, &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "No WELCOME, ABORT or CHALLENGE within 0.3 s after HELLO"));
  g_assert_nonnull (strstr (error->message, "realm “demo”"));
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
  g_assert_true (has_marker (sock_connection_get_log (connection), "No WELCOME, ABORT or CHALLENGE"));
}

static GError *
subscribe_error (SockSession *session,
                 const char  *topic)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  sock_session_subscribe_async (session, topic, SOCK_MATCH_EXACT, NULL, store_result, &result);
  g_assert_false (sock_session_subscribe_finish (session, wait_result (&result), NULL, &error));
  return error;
}

static GError *
publish_error (SockSession *session,
               const char  *topic)
{
  g_autoptr(GAsyncResult) result = NULL;
  SockPublishOptions options = { .acknowledge = TRUE };
  GError *error = NULL;

  sock_session_publish_async (session, topic, NULL, NULL, &options, NULL, store_result, &result);
  g_assert_false (sock_session_publish_finish (session, wait_result (&result), NULL, &error));
  return error;
}

static GError *
call_error (SockSession           *session,
            const char            *procedure,
            const SockCallOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  sock_session_call_async (session, procedure, NULL, NULL, options, NULL, NULL, NULL, store_result, &result);
  g_assert_null (sock_session_call_finish (session, wait_result (&result), &error));
  return error;
}

static void
invocation_unused (SockWamp2Session *session,
                   SockInvocation   *invocation,
                   gpointer          user_data)
{
  g_assert_not_reached ();
}

static void
test_liveness_silent_router (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/silent", 1, 500, 300);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SockCallOptions own = { .deadline_ms = 200 };
  SockMessageLog *log;
  SockSession *session;
  SockRtt rtt;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  log = sock_connection_get_log (connection);

  error = subscribe_error (session, "demo.tick");
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No SUBSCRIBED for demo.tick within 0.3 s");
  g_assert_true (has_marker (log, "No SUBSCRIBED for demo.tick within 0.3 s"));
  g_clear_error (&error);

  error = publish_error (session, "demo.news");
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_true (g_str_has_prefix (error->message, "No PUBLISHED for demo.news within 0.3 s"));
  g_clear_error (&error);

  /* the profile's call timeout, or the caller's own */
  error = call_error (session, "demo.add", NULL);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No RESULT for demo.add within 0.3 s");
  g_clear_error (&error);
  error = call_error (session, "demo.echo", &own);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No RESULT for demo.echo within 0.2 s");
  g_clear_error (&error);

  sock_connection_register_async (connection, "demo.mine", NULL, invocation_unused, NULL, NULL, store_result, &result);
  g_assert_cmpint (sock_connection_register_finish (connection, wait_result (&result), &error), <=, 0);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No REGISTERED for demo.mine within 0.3 s");
  g_clear_error (&error);
  g_clear_object (&result);

  /* quiet, but it answers pings: alive, however long nothing else comes */
  WAIT_FOR (sock_connection_get_rtt (connection, &rtt) && rtt.n_samples >= 3);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);

  /* nor does it answer GOODBYE: the leave ends anyway */
  connection_close (connection);
  g_assert_true (has_marker (log, "No GOODBYE from the router within 0.3 s"));
}

static void
test_liveness_freeze (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/freeze/1500", 1, 500, 5000);
  StateLog states = { g_ptr_array_new (), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *first;
  SockSubscription *info;
  guint index = G_MAXUINT;

  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  first = sock_connection_get_session (connection);
  session_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  info = g_ptr_array_index (sock_session_get_subscriptions (first), 0);
  WAIT_FOR (sock_subscription_get_n_events (info) >= 2);

  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), &states);
  /* a call made before the freeze fails when the connection is dropped, in the same words */
  sock_session_call_async (first, "demo.slow", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  WAIT_FOR (seen_state (&states, "not responding"));
  for (guint i = 0; i < states.states->len && index == G_MAXUINT; i++)
    if (g_str_equal (g_ptr_array_index (states.states, i), "not responding"))
      index = i;
  /* the reason was there when the state was notified */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (states.reasons, index),
                                   "No answer to a ping within 0.5 s: the server is not responding"));

  WAIT_FOR (seen_state (&states, "reconnecting"));
  g_assert_cmpstr (sock_connection_get_close_reason (connection), ==,
                   "No answer to a ping within 0.5 s: the server is not responding");
  g_assert_null (sock_session_call_finish (first, wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST);
  g_assert_nonnull (strstr (error->message, "No answer to a ping within 0.5 s"));
  g_assert_true (has_marker (sock_connection_get_log (connection), "dropping the connection"));

  /* and back: a new WebSocket, joined again, the subscription made again */
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_JOINED &&
            sock_connection_get_session (connection) != first);
  g_signal_handlers_disconnect_by_data (connection, &states);
  g_ptr_array_unref (states.states);
  g_ptr_array_unref (states.reasons);
  sock_connection_set_reconnect (connection, FALSE);
  g_object_run_dispose (G_OBJECT (connection));
}

static void
test_liveness_no_pong (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/no-pong", 1, 300, 5000);
  g_autoptr(GError) error = NULL;
  SockMessageLog *log;
  gint64 until;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  log = sock_connection_get_log (connection);
  session_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  WAIT_FOR (has_marker (log, "The server answers no WebSocket ping"));

  /* quiet (nothing subscribed to ever comes) and deaf to pings, with no request waiting: never
   * called dead */
  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);
      g_usleep (10000);
    }
  g_assert_false (sock_connection_get_rtt (connection, &(SockRtt) { 0 }));
  connection_close (connection);
}

/* A server paused for longer than keepalive + pong timeout (1 + 3 s), but less than twice the
 * pong timeout: not responding, then joined again on the same WebSocket when its answers come
 * (a second of margin either way). */
static void
test_liveness_stall (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/stall/5000", 1, 3000, 30000);
  StateLog states = { g_ptr_array_new (), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  SockSession *session;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), &states);
  WAIT_FOR (seen_state (&states, "not responding"));
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_JOINED);
  g_assert_true (sock_connection_get_session (connection) == session);
  g_assert_null (sock_connection_get_close_reason (connection));
  g_assert_true (has_marker (sock_connection_get_log (connection), "the server answers again"));
  g_assert_false (has_marker (sock_connection_get_log (connection), "dropping the connection"));
  g_signal_handlers_disconnect_by_data (connection, &states);
  g_ptr_array_unref (states.states);
  g_ptr_array_unref (states.reasons);
  connection_close (connection);
}

/* A server that answers no ping stops: with a call waiting, the silence rule names it. */
static void
test_liveness_no_pong_freeze (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/no-pong-freeze/1500", 1, 300,
                                                             30000);
  StateLog states = { g_ptr_array_new (), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  session_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  WAIT_FOR (has_marker (sock_connection_get_log (connection), "The server answers no WebSocket ping"));
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);

  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), &states);
  /* never answered by a freezing router; its own deadline (30 s) is far */
  sock_session_call_async (session, "demo.slow", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  WAIT_FOR (seen_state (&states, "not responding"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (states.reasons, 0),
                                   "Nothing arrived for 1.3 s while 1 request waits for an answer"));
  WAIT_FOR (seen_state (&states, "closed"));
  g_assert_null (sock_session_call_finish (session, wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST);
  g_signal_handlers_disconnect_by_data (connection, &states);
  g_ptr_array_unref (states.states);
  g_ptr_array_unref (states.reasons);
}

static void
ignore_invocation (SockWamp2Session *session,
                    SockInvocation   *invocation,
                    gpointer          user_data)
{
}

static void
count_progress (SockSession   *session,
                SockJsonRange  args,
                SockJsonRange  kwargs,
                gpointer       user_data)
{
  (*(guint *)user_data)++;
}

/* Progressive results keep a call alive past its deadline; silence after them does not. */
static void
test_liveness_progress_deadline (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/ws", 25, 10000, 10000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) args = json_array_from ("[20]");
  SockCallOptions options = { .receive_progress = TRUE };
  SockCallResult *answer;
  SockSession *session;
  guint progress = 0;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  /* demo.slow [20]: 20 steps 100 ms apart, a progressive result at each; the call's deadline is far
   * shorter than the whole call, far longer than a step */
  options.deadline_ms = 700;
  sock_session_call_async (session, "demo.slow", args, NULL, &options, count_progress, &progress, NULL, store_result,
                           &result);
  answer = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (progress, ==, 20);
  sock_call_result_free (answer);
  connection_close (connection);
}

/* UNSUBSCRIBED and UNREGISTERED from a router that froze after acknowledging the requests they
 * undo (keepalive off: the deadlines alone). */
static void
test_liveness_undo_deadlines (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = hostile_connection (server, "/fault/wamp/freeze/1500", 0, 500, 300);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session;
  gint64 registration;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  session_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  sock_wamp2_session_register_async (SOCK_WAMP2_SESSION (session), "demo.mine", NULL, ignore_invocation, NULL,
                                     NULL, NULL, store_result, &result);
  registration = sock_wamp2_session_register_finish (SOCK_WAMP2_SESSION (session), wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* the router freezes 1.5 s after WELCOME */
  wait_ms (2000);

  sock_session_unsubscribe_async (session, "demo.tick", SOCK_MATCH_EXACT, NULL, store_result, &result);
  g_assert_false (sock_session_unsubscribe_finish (session, wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No UNSUBSCRIBED for demo.tick within 0.3 s");
  g_clear_error (&error);
  g_clear_object (&result);

  sock_wamp2_session_unregister_async (SOCK_WAMP2_SESSION (session), registration, NULL, store_result, &result);
  g_assert_false (sock_wamp2_session_unregister_finish (SOCK_WAMP2_SESSION (session), wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_true (g_str_has_prefix (error->message, "No UNREGISTERED for registration "));
  /* without liveness, nothing else notices the frozen router */
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);
  g_object_run_dispose (G_OBJECT (connection));
}

/* WAMP v1: the WELCOME the server owes at the open, and a CALLRESULT. */
static void
test_liveness_v1 (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) mute = hostile_connection (server, "/fault/wamp/v1-no-welcome", 25, 10000, 300);
  g_autoptr(SockConnection) silent = hostile_connection (server, "/fault/wamp/v1-silent", 25, 10000, 300);
  g_autoptr(GError) error = NULL;

  g_assert_false (connection_open (mute, &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_true (g_str_has_prefix (error->message, "No WAMP v1 WELCOME from the server within 0.3 s"));
  g_clear_error (&error);

  g_assert_true (connection_open (silent, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sock_connection_get_kind (silent), ==, SOCK_SESSION_KIND_WAMP1);
  error = call_error (sock_connection_get_session (silent), "http://example.com/add", NULL);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "No CALLRESULT for http://example.com/add within 0.3 s");
  connection_close (silent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/liveness/profile-defaults", test_liveness_profile_defaults);
  g_test_add_func ("/sockscope/liveness/rtt", test_liveness_rtt);
  g_test_add_func ("/sockscope/liveness/no-welcome", test_liveness_no_welcome);
  g_test_add_func ("/sockscope/liveness/v1", test_liveness_v1);
  g_test_add_func ("/sockscope/liveness/silent-router", test_liveness_silent_router);
  g_test_add_func ("/sockscope/liveness/undo-deadlines", test_liveness_undo_deadlines);
  g_test_add_func ("/sockscope/liveness/progress-deadline", test_liveness_progress_deadline);
  g_test_add_func ("/sockscope/liveness/freeze", test_liveness_freeze);
  g_test_add_func ("/sockscope/liveness/stall", test_liveness_stall);
  g_test_add_func ("/sockscope/liveness/no-pong", test_liveness_no_pong);
  g_test_add_func ("/sockscope/liveness/no-pong-freeze", test_liveness_no_pong_freeze);

  return g_test_run ();
}
