/* test-wamp-exact-send.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sending exactly what the user typed, over the demo router in JSON, MessagePack and CBOR: a
 * publication's binary string and its integers at both ends of 64 bits (and, but for MessagePack,
 * beyond) reach the subscribers as they were written; demo.echo and a mock callee answer them
 * exactly; what a serializer cannot carry is refused in words before anything is sent; and
 * `sockscope-cli pub --args` does the same.
 */

#include "config.h"

#include "sock-mock-callee.h"
#include "sock-send-entry.h"
#include "event-test-util.h"
#include "session-test-util.h"

/* Compact, as the subscribers' JSON form of a binary message is: the text must come back as it is. */
#define EXACT "[\"\\u0000AQID/w==\",18446744073709551615,-9223372036854775808,9007199254740993]"
#define BIG   "[12345678901234567890123,-12345678901234567890124]"
#define KWARGS "{\"blob\":\"\\u0000AA==\",\"n\":18446744073709551615}"

static SockWampSerializer
serializer_of (const char *subprotocol)
{
  SockWampSerializer serializer;

  g_assert_true (sock_wamp_serializer_from_subprotocol (subprotocol, &serializer, NULL));
  return serializer;
}

static gboolean
publish (SockConnection *connection,
         const char     *args,
         const char     *kwargs,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session = sock_connection_get_session (connection);
  SockPublishOptions options = { .acknowledge = TRUE };

  sock_session_publish_json_async (session, "demo.exact", args, kwargs, &options, NULL, store_result, &result);
  return sock_session_publish_finish (session, wait_result (&result), NULL, error);
}

static SockCallResult *
call (SockConnection *connection,
      const char     *procedure,
      const char     *args,
      const char     *kwargs,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session = sock_connection_get_session (connection);

  sock_session_call_json_async (session, procedure, args, kwargs, NULL, NULL, NULL, NULL, store_result, &result);
  return sock_session_call_finish (session, wait_result (&result), error);
}

/* The last EVENT in the log, in its JSON form, holds text. */
static void
assert_logged_event (SockConnection *connection,
                     const char     *text)
{
  SockMessageLog *log = sock_connection_get_log (connection);

  for (guint64 seq = sock_message_log_get_end_seq (log); seq-- > sock_message_log_get_first_seq (log);)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;
      g_autofree char *json = NULL;

      if (!sock_message_log_peek (log, seq, &entry, &raw, &len) || entry.kind != SOCK_LOG_KIND_WAMP2
          || entry.type != SOCK_WAMP_EVENT)
        continue;
      json = sock_log_entry_dup_json (&entry, raw, len, NULL);
      g_assert_nonnull (json != NULL ? strstr (json, text) : g_strstr_len ((const char *) raw, len, text));
      return;
    }
  g_assert_not_reached ();
}

static void
test_exact_send_publish (gconstpointer data)
{
  const char *subprotocol = data;
  const char *protocols[] = { subprotocol, NULL };
  const char *json[] = { "wamp.2.json", NULL };
  SockWampSerializer serializer = serializer_of (subprotocol);
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) publisher = connection_new_open (url, protocols, "demo");
  g_autoptr(SockConnection) same = connection_new_open (url, protocols, "demo");
  g_autoptr(SockConnection) in_json = connection_new_open (url, json, "demo");
  g_autoptr(GError) error = NULL;
  SeenEvents events = { 0 }, json_events = { 0 };
  guint published;

  g_signal_connect (same, "event", G_CALLBACK (seen_events_add), &events);
  g_signal_connect (in_json, "event", G_CALLBACK (seen_events_add), &json_events);
  session_subscribe (same, "demo.exact", SOCK_MATCH_EXACT);
  session_subscribe (in_json, "demo.exact", SOCK_MATCH_EXACT);

  g_assert_true (publish (publisher, EXACT, KWARGS, &error));
  g_assert_no_error (error);
  WAIT_FOR (events.n == 1 && json_events.n == 1);
  g_assert_cmpstr (events.args, ==, EXACT);
  g_assert_cmpstr (events.kwargs, ==, KWARGS);
  g_assert_cmpstr (json_events.args, ==, EXACT);
  g_assert_cmpstr (json_events.kwargs, ==, KWARGS);
  assert_logged_event (same, EXACT);

  {
    /* "publish again" from the subscriber's log sends the event's payload, binary and all */
    SockMessageLog *log = sock_connection_get_log (same);
    g_autoptr(SockSendEntry) again = NULL;

    guint64 seq = sock_message_log_get_end_seq (log);

    while (again == NULL && seq-- > sock_message_log_get_first_seq (log))
      again = sock_send_entry_new_from_log (log, seq);
    g_assert_nonnull (again);
    g_assert_cmpstr (sock_send_entry_get_args (again), ==, EXACT);
    g_assert_true (publish (same, sock_send_entry_get_args (again), sock_send_entry_get_kwargs (again), &error));
    g_assert_no_error (error);
    WAIT_FOR (json_events.n == 2);
    g_assert_cmpstr (json_events.args, ==, EXACT);
    g_assert_cmpstr (json_events.kwargs, ==, KWARGS);
  }

  /* beyond 64 bits: CBOR bignums and JSON's text carry it, MessagePack cannot */
  published = count_records (sock_connection_get_log (publisher), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2,
                             SOCK_WAMP_PUBLISH);
  if (serializer == SOCK_WAMP_SERIALIZER_MSGPACK)
    {
      g_assert_false (publish (publisher, BIG, NULL, &error));
      g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, "Arguments: the integer 12345678901234567890123 at line 1, column 2 "
                       "does not fit in MessagePack, whose integers reach from -2^63 to 2^64-1: send it as a string, "
                       "or connect with CBOR or JSON");
      g_clear_error (&error);
      g_assert_cmpuint (count_records (sock_connection_get_log (publisher), SOCK_LOG_DIRECTION_OUT,
                                       SOCK_LOG_KIND_WAMP2, SOCK_WAMP_PUBLISH), ==, published);
    }
  else
    {
      g_assert_true (publish (publisher, BIG, NULL, &error));
      g_assert_no_error (error);
      WAIT_FOR (events.n == 2 && json_events.n == 3);
      g_assert_cmpstr (events.args, ==, BIG);
      g_assert_cmpstr (json_events.args, ==, BIG);
      assert_logged_event (same, BIG);
    }

  /* a binary string whose base64 is broken is refused in words, whatever the serializer */
  g_assert_false (publish (publisher, "[\"\\u0000AQI\"]", NULL, &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "is not valid base64"));

  connection_close (publisher);
  connection_close (same);
  connection_close (in_json);
  seen_events_clear (&events);
  seen_events_clear (&json_events);
  sock_demo_server_stop (server);
}

/* demo.echo and a mock callee answer binary and 2^64 - 1 as they came. */
static void
test_exact_send_answers (gconstpointer data)
{
  const char *subprotocol = data;
  const char *protocols[] = { subprotocol, NULL };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) caller = connection_new_open (url, protocols, "demo");
  g_autoptr(SockConnection) callee = connection_new_open (url, protocols, "demo");
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("app.exact", SOCK_MATCH_EXACT);
  g_autoptr(SockMockCallee) too_big = sock_mock_callee_new ("app.big", SOCK_MATCH_EXACT);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SockCallResult *answer;

  answer = call (caller, "demo.echo", EXACT, KWARGS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->args, ==, EXACT);
  g_assert_cmpstr (answer->kwargs, ==, KWARGS);
  sock_call_result_free (answer);

  sock_mock_callee_set_result_json (mock, EXACT, KWARGS);
  sock_mock_callee_register_async (mock, callee, NULL, store_result, &result);
  g_assert_true (sock_mock_callee_register_finish (mock, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  answer = call (caller, "app.exact", "[]", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->args, ==, EXACT);
  g_assert_cmpstr (answer->kwargs, ==, KWARGS);
  sock_call_result_free (answer);

  /* an answer the serializer cannot carry is refused when registering, in words */
  sock_mock_callee_set_result_json (too_big, BIG, NULL);
  sock_mock_callee_register_async (too_big, callee, NULL, store_result, &result);
  if (serializer_of (subprotocol) == SOCK_WAMP_SERIALIZER_MSGPACK)
    {
      g_assert_false (sock_mock_callee_register_finish (too_big, wait_result (&result), &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "does not fit in MessagePack"));
      g_assert_null (sock_mock_callee_get_registration (too_big));
    }
  else
    {
      g_assert_true (sock_mock_callee_register_finish (too_big, wait_result (&result), &error));
      g_assert_no_error (error);
      answer = call (caller, "app.big", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (answer->args, ==, BIG);
      sock_call_result_free (answer);
      sock_mock_callee_unregister (too_big);
    }

  sock_mock_callee_unregister (mock);
  connection_close (caller);
  connection_close (callee);
  sock_demo_server_stop (server);
}

/* sockscope-cli pub --args with each serializer: the subscriber gets the text as typed. */
static void
test_exact_send_cli (void)
{
  static const char * const protocols[] = { "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor" };
  const char *json[] = { "wamp.2.json", NULL };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) subscriber = connection_new_open (url, json, "demo");
  SeenEvents events = { 0 };

  g_signal_connect (subscriber, "event", G_CALLBACK (seen_events_add), &events);
  session_subscribe (subscriber, "demo.exact", SOCK_MATCH_EXACT);
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    for (guint big = 0; big < 2; big++)
      {
        const char *argv[] = { g_getenv ("SOCKSCOPE_CLI"), "pub", url, "demo.exact", "--realm", "demo",
                               "--protocol", protocols[i], "--args", big ? BIG : EXACT, NULL };
        g_autoptr(GError) error = NULL;
        g_autoptr(GSubprocess) cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
        g_autoptr(GAsyncResult) result = NULL;
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        guint before = events.n;

        g_assert_no_error (error);
        g_subprocess_communicate_utf8_async (cli, NULL, NULL, store_result, &result);
        g_assert_true (g_subprocess_communicate_utf8_finish (cli, wait_result (&result), &out, &err, &error));
        g_assert_no_error (error);
        if (big && i == 1)
          {
            g_assert_cmpint (g_subprocess_get_exit_status (cli), !=, 0);
            g_assert_nonnull (strstr (err, "does not fit in MessagePack"));
            continue;
          }
        g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 0);
        WAIT_FOR (events.n == before + 1);
        g_assert_cmpstr (events.args, ==, big ? BIG : EXACT);
      }

  connection_close (subscriber);
  seen_events_clear (&events);
  sock_demo_server_stop (server);
}

/* The frame last sent of a kind and type, as it went out. */
static char *
dup_last_sent (SockConnection *connection,
               SockLogKind     kind,
               guint8          type)
{
  SockMessageLog *log = sock_connection_get_log (connection);

  for (guint64 seq = sock_message_log_get_end_seq (log); seq-- > sock_message_log_get_first_seq (log);)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.direction == SOCK_LOG_DIRECTION_OUT
          && entry.kind == kind && entry.type == type)
        return g_strndup ((const char *) raw, len);
    }
  g_assert_not_reached ();
}

/* WAMP v1 (JSON only) sends the event value and the call's arguments as typed, spread as v1
 * wants them: one argument alone is the event, keyword arguments go last. */
static void
test_exact_send_v1 (void)
{
  const char *wamp[] = { "wamp", NULL };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) v1 = connection_new_open (url, wamp, NULL);
  SockSession *session = sock_connection_get_session (v1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  g_autofree char *all = NULL;
  g_autofree char *sent_call = NULL;
  SockCallResult *answer;

  sock_session_publish_json_async (session, "demo.exact", "[ 12345678901234567890123 ]", NULL, NULL, NULL,
                                   store_result, &result);
  g_assert_true (sock_session_publish_finish (session, wait_result (&result), NULL, &error));
  g_clear_object (&result);
  one = dup_last_sent (v1, SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_PUBLISH);
  g_assert_cmpstr (one, ==, "[7,\"demo.exact\",12345678901234567890123,true]");

  sock_session_publish_json_async (session, "demo.exact", EXACT, NULL, NULL, NULL, store_result, &result);
  g_assert_true (sock_session_publish_finish (session, wait_result (&result), NULL, &error));
  g_clear_object (&result);
  all = dup_last_sent (v1, SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_PUBLISH);
  g_assert_cmpstr (all, ==, "[7,\"demo.exact\"," EXACT ",true]");

  sock_session_call_json_async (session, "demo.echo", "[1, 18446744073709551615]", "{\"k\": -9223372036854775808}",
                                NULL, NULL, NULL, NULL, store_result, &result);
  answer = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  sock_call_result_free (answer);
  sent_call = dup_last_sent (v1, SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_CALL);
  g_assert_true (g_str_has_suffix (sent_call, ",\"demo.echo\",1,18446744073709551615,{\"k\":-9223372036854775808}]"));

  connection_close (v1);
  sock_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const subprotocols[] = { "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (subprotocols); i++)
    {
      g_autofree char *publish_path = g_strdup_printf ("/sockscope/exact-send/publish/%s", subprotocols[i]);
      g_autofree char *answers_path = g_strdup_printf ("/sockscope/exact-send/answers/%s", subprotocols[i]);

      g_test_add_data_func (publish_path, subprotocols[i], test_exact_send_publish);
      g_test_add_data_func (answers_path, subprotocols[i], test_exact_send_answers);
    }
  g_test_add_func ("/sockscope/exact-send/cli", test_exact_send_cli);
  g_test_add_func ("/sockscope/exact-send/v1", test_exact_send_v1);
  return g_test_run ();
}
