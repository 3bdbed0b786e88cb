/* test-wamp2-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP v2 client session against the demo router on 127.0.0.1: joining with each kind of
 * authentication and each refusal, RPC (results, errors, progress, cancel, callee), pub/sub with
 * each match and the publish options, GOODBYE, and the log records of all of it.
 */

#include "event-test-util.h"
#include "session-test-util.h"
#include "sock-secrets.h"

static SockDemoServer *server;
static char *ws_url;

static SockConnection *
open_demo (const char *realm)
{
  return connection_new_open (ws_url, NULL, realm);
}

static void
test_wamp2_join (void)
{
  g_autoptr(SockConnection) connection = open_demo ("demo");
  SockSession *session = sock_connection_get_session (connection);
  SockWamp2Session *wamp2 = SOCK_WAMP2_SESSION (session);
  SockMessageLog *log = sock_connection_get_log (connection);

  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  g_assert_cmpstr (sock_session_get_reason (session), ==, "negotiated subprotocol wamp.2.json");
  g_assert_cmpint (sock_wamp2_session_get_session_id (wamp2), >, 0);
  g_assert_cmpstr (sock_connection_get_session_id (connection), !=, NULL);
  g_assert_nonnull (sock_wamp2_session_get_router_agent (wamp2));
  g_assert_true (sock_wamp2_session_has_feature (wamp2, "dealer", "progressive_call_results"));
  g_assert_true (has_marker (log, "negotiated subprotocol wamp.2.json"));
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_HELLO), ==, 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_WELCOME), ==, 1);
  g_assert_true (strstr (sock_wamp2_session_hello_roles (), "\"call_canceling\":true") != NULL);

  connection_close (connection);
  /* our GOODBYE and the router's answer */
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_GOODBYE), ==, 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_GOODBYE), ==, 1);
  g_assert_cmpint (sock_session_get_state (session), ==, SOCK_SESSION_CLOSED);
}

typedef struct
{
  const char *realm;
  const char *authid;
  const char *ticket;
  const char *secret;
  const char *abort_uri;   /* NULL: must join */
  const char *authmethod;
} AuthCase;

/* The log records that AUTHENTICATE went out, with the ticket or signature masked, in the
 * record and in the exported line alike. */
static void
assert_authenticate_masked (SockMessageLog *log,
                            const char     *ticket)
{
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      g_autofree char *line = sock_message_log_format_line (log, seq);
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      g_assert_true (sock_message_log_peek (log, seq, &entry, &raw, &len));
      if (ticket != NULL)
        g_assert_null (strstr (line, ticket));
      if (entry.direction != SOCK_LOG_DIRECTION_OUT || entry.type != SOCK_WAMP_AUTHENTICATE)
        continue;
      n++;
      g_assert_cmpmem (raw, len, "[5,\"" SOCK_SECRET_MASK "\",{}]", strlen ("[5,\"" SOCK_SECRET_MASK "\",{}]"));
      g_assert_nonnull (strstr (line, "(hidden)"));
    }
  g_assert_cmpuint (n, ==, 1);
}

static void
test_wamp2_auth (void)
{
  static const AuthCase cases[] = {
    { "secure", "ticketuser", "ticket-secret", NULL, NULL, "ticket" },
    { "secure", "crauser", NULL, "cra-secret", NULL, "wampcra" },
    { "secure", "saltuser", NULL, "salt-secret", NULL, "wampcra" },
    { "secure", "ticketuser", "wrong", NULL, "wamp.error.authentication_failed", NULL },
    { "secure", "crauser", NULL, "wrong", "wamp.error.authentication_failed", NULL },
    { "secure", NULL, NULL, NULL, "wamp.error.no_auth_method", NULL },
    { "nosuchrealm", NULL, NULL, NULL, "wamp.error.no_such_realm", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const AuthCase *c = &cases[i];
      g_autoptr(SockConnection) connection = connection_new (ws_url, NULL, c->realm);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      sock_connection_set_credentials (connection, c->authid, c->ticket, c->secret);
      ok = connection_open (connection, &error);
      if (c->abort_uri == NULL)
        {
          SockWamp2Session *session = SOCK_WAMP2_SESSION (sock_connection_get_session (connection));

          g_assert_no_error (error);
          g_assert_cmpstr (sock_wamp2_session_get_authid (session), ==, c->authid);
          g_assert_cmpstr (sock_wamp2_session_get_authmethod (session), ==, c->authmethod);
          assert_authenticate_masked (sock_connection_get_log (connection), c->ticket);
          connection_close (connection);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED);
      g_assert_cmpstr (sock_session_error_get_uri (error), ==, c->abort_uri);
      g_assert_nonnull (sock_wamp_uri_explain (c->abort_uri));
      g_assert_nonnull (strstr (error->message, sock_wamp_uri_explain (c->abort_uri)));
      g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
    }
}

/* A ticket about to go over plain ws:// to a host that is not loopback is warned about in the log;
 * 0.0.0.0 is not a loopback address by name, although Linux delivers it to this machine. */
static void
test_wamp2_plaintext_ticket_warning (void)
{
  g_autofree char *remote_url = NULL;
  const char *warning = "warning: the ticket goes unencrypted over ws://";
  g_autoptr(GError) error = NULL;
  const char *port = strrchr (ws_url, ':') + 1;

  remote_url = g_strdup_printf ("ws://0.0.0.0:%s", port);
  for (guint remote = 0; remote < 2; remote++)
    {
      g_autoptr(SockConnection) connection = connection_new (remote ? remote_url : ws_url, NULL, "secure");
      SockMessageLog *log = sock_connection_get_log (connection);

      sock_connection_set_credentials (connection, "ticketuser", "ticket-secret", NULL);
      g_assert_true (connection_open (connection, &error));
      g_assert_no_error (error);
      g_assert_cmpint (has_marker (log, warning), ==, remote);
      connection_close (connection);
    }
}

static SockCallResult *
call (SockConnection        *connection,
      const char            *procedure,
      const char            *args,
      const SockCallOptions *options,
      SockProgressFunc       progress,
      gpointer               data,
      GCancellable          *cancellable,
      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) array = args ? json_array_from (args) : NULL;
  SockSession *session = sock_connection_get_session (connection);

  sock_session_call_async (session, procedure, array, NULL, options, progress, data, cancellable,
                           store_result, &result);
  return sock_session_call_finish (session, wait_result (&result), error);
}

/* The URI column of the newest record of that WAMP v2 type received. */
static const char *
last_uri (SockMessageLog *log,
          guint8          type)
{
  for (guint64 seq = sock_message_log_get_end_seq (log); seq > sock_message_log_get_first_seq (log); seq--)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq - 1, &entry, NULL, NULL) && entry.type == type &&
          entry.kind == SOCK_LOG_KIND_WAMP2 && entry.direction == SOCK_LOG_DIRECTION_IN)
        return sock_message_log_get_uri (log, entry.uri);
    }
  return NULL;
}

static void
count_progress (SockSession   *session,
                SockJsonRange  args,
                SockJsonRange  kwargs,
                gpointer       data)
{
  GString *seen = data;

  g_string_append_len (seen, args.data, args.len);
}

static void
test_wamp2_call (void)
{
  g_autoptr(SockConnection) connection = open_demo ("demo");
  SockCallOptions progress = { .receive_progress = TRUE };
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SockCallResult *result;

  result = call (connection, "demo.add", "[2, 3]", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[5]");
  sock_call_result_free (result);
  /* a RESULT names no procedure; its log record shows the one it answers */
  g_assert_cmpstr (last_uri (sock_connection_get_log (connection), SOCK_WAMP_RESULT), ==, "demo.add");

  result = call (connection, "demo.fail", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "demo.error.failed");
  g_assert_cmpstr (sock_session_error_get_args (error), ==, "[\"this procedure always fails\"]");
  g_clear_error (&error);

  result = call (connection, "no.such.procedure", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.no_such_procedure");
  g_clear_error (&error);

  result = call (connection, "demo.slow", "[3]", &progress, count_progress, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "[1][2][3]");
  sock_call_result_free (result);

  /* request ids count up: HELLO has none, then one per request */
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_OUT,
                                   SOCK_LOG_KIND_WAMP2, SOCK_WAMP_CALL), ==, 4);
  connection_close (connection);
}

static void
test_wamp2_pubsub (void)
{
  g_autoptr(SockConnection) a = open_demo ("demo");
  g_autoptr(SockConnection) b = open_demo ("demo");
  SockPublishOptions ack = { .acknowledge = TRUE };
  SockPublishOptions ack_me = { .acknowledge = TRUE, .include_me = TRUE };
  SeenEvents events = { 0 };
  gint64 publication;

  g_signal_connect (a, "event", G_CALLBACK (seen_events_add), &events);
  g_assert_cmpint (session_subscribe (a, "test.exact", SOCK_MATCH_EXACT), >, 0);
  g_assert_cmpstr (last_uri (sock_connection_get_log (a), SOCK_WAMP_SUBSCRIBED), ==, "test.exact");
  g_assert_cmpint (session_subscribe (a, "test.prefix", SOCK_MATCH_PREFIX), >, 0);
  g_assert_cmpint (session_subscribe (a, "test..wild", SOCK_MATCH_WILDCARD), >, 0);

  publication = session_publish (b, "test.exact", "[1, \"one\"]", &ack);
  g_assert_cmpint (publication, >, 0);
  WAIT_FOR (events.n >= 1);
  g_assert_cmpstr (events.topic, ==, "test.exact");
  g_assert_cmpstr (events.args, ==, "[1,\"one\"]");
  g_assert_cmpint (events.publication, ==, publication);

  session_publish (b, "test.prefix.deeper", "[2]", &ack);
  WAIT_FOR (events.n >= 2);
  g_assert_cmpstr (events.topic, ==, "test.prefix.deeper");

  session_publish (b, "test.any.wild", "[3]", &ack);
  WAIT_FOR (events.n >= 3);
  g_assert_cmpstr (events.topic, ==, "test.any.wild");

  /* the publisher is excluded unless it asks to be included */
  session_publish (a, "test.exact", "[4]", &ack);
  session_publish (a, "test.exact", "[5]", &ack_me);
  WAIT_FOR (events.n >= 4);
  g_assert_cmpstr (events.args, ==, "[5]");
  wait_ms (100);
  g_assert_cmpuint (events.n, ==, 4);

  g_assert_cmpuint (count_records (sock_connection_get_log (a), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2,
                                   SOCK_WAMP_EVENT), ==, 4);
  seen_events_clear (&events);
  connection_close (a);
  connection_close (b);
}

static void
double_it (SockWamp2Session *session,
           SockInvocation   *invocation,
           gpointer          data)
{
  g_autoptr(JsonArray) args = sock_invocation_dup_args (invocation);
  g_autoptr(JsonArray) result = json_array_new ();

  json_array_add_int_element (result, json_array_get_int_element (args, 0) * 2);
  if (sock_invocation_get_receive_progress (invocation))
    g_assert_true (sock_invocation_progress (invocation, result, NULL));
  sock_invocation_return (invocation, result, NULL);
}

static void
hang (SockWamp2Session *session,
      SockInvocation   *invocation,
      gpointer          data)
{
  SockInvocation **slot = data;

  /* never answers; the router's INTERRUPT must cancel it */
  *slot = g_object_ref (invocation);
}

static gint64
register_procedure (SockConnection     *connection,
                    const char         *procedure,
                    SockInvocationFunc  handler,
                    gpointer            data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  sock_connection_register_async (connection, procedure, NULL, handler, data, NULL, store_result, &result);
  id = sock_connection_register_finish (connection, wait_result (&result), &error);
  g_assert_no_error (error);
  return id;
}

static void
test_wamp2_callee (void)
{
  g_autoptr(SockConnection) callee = open_demo ("demo");
  g_autoptr(SockConnection) caller = open_demo ("demo");
  SockCallOptions progress = { .receive_progress = TRUE };
  SockCallOptions kill = { .cancel_mode = SOCK_CANCEL_KILL };
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SockInvocation) hanging = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SockCallResult *answer;

  g_assert_cmpint (register_procedure (callee, "test.double", double_it, NULL), >, 0);
  register_procedure (callee, "test.hang", hang, &hanging);

  answer = call (caller, "test.double", "[21]", &progress, count_progress, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->args, ==, "[42]");
  g_assert_cmpstr (seen->str, ==, "[42]");
  sock_call_result_free (answer);

  sock_session_call_async (sock_connection_get_session (caller), "test.hang", NULL, NULL, &kill, NULL, NULL,
                           cancellable, store_result, &result);
  WAIT_FOR (hanging != NULL);
  g_cancellable_cancel (cancellable);
  answer = sock_session_call_finish (sock_connection_get_session (caller), wait_result (&result), &error);
  g_assert_null (answer);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.canceled");
  g_assert_true (g_cancellable_is_cancelled (sock_invocation_get_cancellable (hanging)));
  g_assert_true (sock_invocation_is_answered (hanging));
  g_assert_cmpuint (count_records (sock_connection_get_log (caller), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2,
                                   SOCK_WAMP_CANCEL), ==, 1);

  connection_close (caller);
  connection_close (callee);
}

static void
test_wamp2_pending_fail_on_drop (void)
{
  g_autoptr(SockConnection) callee = open_demo ("demo");
  g_autoptr(SockConnection) caller = open_demo ("demo");
  g_autoptr(SockInvocation) hanging = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  register_procedure (callee, "test.hang2", hang, &hanging);
  sock_session_call_async (sock_connection_get_session (caller), "test.hang2", NULL, NULL, NULL, NULL, NULL,
                           NULL, store_result, &result);
  WAIT_FOR (hanging != NULL);
  sock_transport_close (sock_connection_get_transport (caller), 1000, NULL);
  g_assert_null (sock_session_call_finish (sock_connection_get_session (caller), wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST);
  WAIT_FOR (sock_connection_get_state (caller) == SOCK_CONNECTION_CLOSED);
  connection_close (callee);
}

static void
test_wamp2_detect (void)
{
  const char * const none[] = { NULL };
  g_autoptr(SockConnection) connection = connection_new (ws_url, none, "demo");
  g_autoptr(GError) error = NULL;
  g_autofree char *echo_url = NULL;
  g_autofree char *base = sock_demo_server_dup_base_url (server);
  SockSession *session;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  g_assert_cmpstr (sock_session_get_reason (session), ==, "no subprotocol; HELLO answered by WELCOME");
  g_assert_true (has_marker (sock_connection_get_log (connection), "HELLO answered by WELCOME"));
  connection_close (connection);
  g_clear_object (&connection);

  /* the echo agrees to none of the WAMP subprotocols offered: raw, and it is sent no HELLO */
  echo_url = g_strconcat (base, "/echo", NULL);
  connection = connection_new (echo_url, NULL, "demo");
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_RAW);
  g_assert_cmpstr (sock_session_get_reason (session), ==,
                   "offered wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp, the server agreed to none and did not speak first: raw, no HELLO sent");
  g_assert_true (has_marker (sock_connection_get_log (connection), "no HELLO sent"));
  g_assert_true (sock_session_send_raw (session, TRUE, (const guint8 *)"hello", 5, &error));
  WAIT_FOR (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_IN,
                           SOCK_LOG_KIND_TEXT, 0) >= 1);
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_OUT,
                                   SOCK_LOG_KIND_WAMP2, SOCK_WAMP_HELLO), ==, 0);
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_IN,
                                   SOCK_LOG_KIND_TEXT, 0), ==, 1);
  connection_close (connection);
}

static void
test_wamp2_connect_failure (void)
{
  g_autofree char *base = sock_demo_server_dup_base_url (server);
  g_autofree char *url = g_strconcat (base, "/no/such/path", NULL);
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  g_autoptr(GError) error = NULL;

  g_assert_false (connection_open (connection, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (sock_connection_get_diagnosis (connection));
  g_assert_cmpstr (sock_diagnosis_get_id (sock_connection_get_diagnosis (connection)), ==, "http-404");
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sock_demo_server_new ();
  ws_url = demo_server_start_url (server, "/ws");

  g_test_add_func ("/sockscope/wamp2-session/join", test_wamp2_join);
  g_test_add_func ("/sockscope/wamp2-session/auth", test_wamp2_auth);
  g_test_add_func ("/sockscope/wamp2-session/plaintext-ticket-warning", test_wamp2_plaintext_ticket_warning);
  g_test_add_func ("/sockscope/wamp2-session/call", test_wamp2_call);
  g_test_add_func ("/sockscope/wamp2-session/pubsub", test_wamp2_pubsub);
  g_test_add_func ("/sockscope/wamp2-session/callee", test_wamp2_callee);
  g_test_add_func ("/sockscope/wamp2-session/pending-fail-on-drop", test_wamp2_pending_fail_on_drop);
  g_test_add_func ("/sockscope/wamp2-session/detect", test_wamp2_detect);
  g_test_add_func ("/sockscope/wamp2-session/connect-failure", test_wamp2_connect_failure);

  status = g_test_run ();
  sock_demo_server_stop (server);
  g_clear_object (&server);
  g_free (ws_url);
  return status;
}
