/* test-wamp2-serializers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v2 in MessagePack and CBOR (and the batched variants) against the demo router: the router
 * with bare libsoup clients in every pair of serializers, and SockConnection as a subscriber and
 * caller, with what its log, list, filter and export make of the binary messages.
 */

#include "config.h"

#include "demo-router-client.h"
#include "event-test-util.h"
#include "sock-connect-options.h"
#include "sock-connection.h"
#include "sock-message-filter.h"
#include "sock-message-item.h"
#include "sock-send-entry.h"
#include "../test-wait.h"

/* What every serializer must carry exactly: a binary string (WAMP's JSON form: "\u0000" + base64),
 * integers beyond 2^53 and at both ends of 64 bits, a float and text outside ASCII. */
#define ARGS "[\"\\u0000AQID/w==\",9007199254740993,18446744073709551615,-9223372036854775808,0.5,\"Grüße\"]"

static const char * const subprotocols[] = {
  "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor",
  "wamp.2.json.batched", "wamp.2.msgpack.batched", "wamp.2.cbor.batched",
};


/* PUBLISH with the payload as it is written (a JsonArray would lose binary strings and integers
 * beyond int64). */
static void
publish_text (Client     *client,
              const char *options,
              const char *args,
              const char *kwargs)
{
  client_send (client, g_strdup_printf ("[16,%" G_GINT64_FORMAT ",%s,\"demo.serializers\",%s%s%s]",
                                        ++client->request, options, args, kwargs ? "," : "", kwargs ? kwargs : ""));
}

/* The EVENT's Arguments as the frame's JSON text, checked to be an EVENT. */
static char *
next_event_args (Client *client)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *frame = NULL;

  while (g_queue_is_empty (&client->frames) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  frame = g_queue_pop_head (&client->frames);
  g_assert_nonnull (frame);
  g_assert_true (sock_wamp_decode (SOCK_WAMP_V2, frame, strlen (frame), &msg, &error));
  g_assert_no_error (error);
  g_assert_cmpint (msg.type, ==, SOCK_WAMP_EVENT);
  return g_strndup (msg.args.data, msg.args.len);
}

/* Every pair of serializers through the router's broker and dealer. */
static void
test_serializers_demo_router_pairs (Fixture       *f,
                                    gconstpointer  data)
{
  for (guint s = 0; s < G_N_ELEMENTS (subprotocols); s++)
    for (guint p = 0; p < G_N_ELEMENTS (subprotocols); p++)
      {
        g_autoptr(Client) subscriber = client_connect (f->soup, f->server, subprotocols[s]);
        g_autoptr(Client) publisher = client_connect (f->soup, f->server, subprotocols[p]);
        g_autoptr(JsonObject) details = client_join (subscriber, "demo");
        g_autoptr(JsonObject) details2 = client_join (publisher, "demo");
        g_autoptr(JsonArray) result = NULL;
        g_autofree char *args = NULL;
        g_autofree char *sum = NULL;

        client_subscribe (subscriber, NULL, "demo.serializers");
        publish_text (publisher, "{\"acknowledge\":true}", ARGS, NULL);
        g_assert_nonnull (client_expect (publisher, SOCK_WAMP_PUBLISHED));
        args = next_event_args (subscriber);
        g_assert_cmpstr (args, ==, ARGS);

        client_call (publisher, NULL, "demo.add", "[2,3]", NULL);
        result = client_expect (publisher, SOCK_WAMP_RESULT);
        sum = element_text (json_array_get_array_element (result, 3), 0);
        g_assert_cmpstr (sum, ==, "5");

        /* binary subprotocols are answered in binary frames only (the client checks each) */
        if (g_str_has_prefix (subprotocols[s], "wamp.2.json"))
          g_assert_cmpuint (subscriber->n_binary, ==, 0);
        else
          g_assert_cmpuint (subscriber->n_binary, >=, 3);  /* WELCOME, SUBSCRIBED, EVENT */
      }
}

/* A text frame on a binary subprotocol is a protocol violation, said in words. */
static void
test_serializers_demo_router_wrong_frame (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.msgpack");
  g_autoptr(JsonArray) abort = NULL;
  g_autofree char *details = NULL;

  soup_websocket_connection_send_text (client->ws, "[1,\"demo\",{}]");
  abort = client_expect (client, SOCK_WAMP_ABORT);
  details = element_text (abort, 1);
  g_assert_nonnull (strstr (details, "text frame on wamp.2.msgpack"));
  g_assert_true (client_wait_closed (client));
}

/* SockConnection ------------------------------------------------------------------------ */

static void
wait_result_done (GAsyncResult **slot)
{
  WAIT_FOR_WHAT (*slot != NULL, "the async result");
}

/* The last record of a type in a direction. */
static guint64
find_record (SockMessageLog   *log,
             SockLogDirection  direction,
             guint8            type)
{
  for (guint64 seq = sock_message_log_get_end_seq (log); seq-- > sock_message_log_get_first_seq (log);)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.direction == direction &&
          entry.kind == SOCK_LOG_KIND_WAMP2 && entry.type == type)
        return seq;
    }
  g_assert_not_reached ();
}

static void
check_record (SockMessageLog     *log,
              guint64             seq,
              SockWampSerializer  serializer,
              const char         *json_part)
{
  SockLogEntry entry;
  const guint8 *raw;
  gsize len;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_message_log_peek (log, seq, &entry, &raw, &len));
  g_assert_cmpuint (entry.flags & SOCK_LOG_FLAG_SERIALIZED, ==, sock_log_flags_for_serializer (serializer));
  json = sock_log_entry_dup_json (&entry, raw, len, &error);
  g_assert_no_error (error);
  if (serializer == SOCK_WAMP_SERIALIZER_JSON)
    {
      g_assert_null (json);
      g_assert_nonnull (g_strstr_len ((const char *) raw, len, json_part));
      return;
    }
  /* the wire bytes are kept: an array header of the format, not JSON text */
  g_assert_cmphex (raw[0] & 0xf0, ==, serializer == SOCK_WAMP_SERIALIZER_MSGPACK ? 0x90 : 0x80);
  g_assert_nonnull (json);
  g_assert_nonnull (strstr (json, json_part));
}

static void
test_serializers_connection (gconstpointer data)
{
  const char *subprotocol = data;
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(Client) publisher = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonArray) add = json_array_new ();
  SockCallResult *call;
  SockWampSerializer serializer;
  gboolean batched;
  const char *protocols[] = { subprotocol, NULL };
  SeenEvents events = { 0 };
  SockMessageLog *log;
  SockSession *session;
  guint64 seq;

  g_assert_true (sock_wamp_serializer_from_subprotocol (subprotocol, &serializer, &batched));
  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (server);
  profile = sock_profile_new_for_url (url, &error);
  g_assert_true (sock_profile_set_protocols (profile, protocols, &error));
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, "demo");
  g_signal_connect (connection, "event", G_CALLBACK (seen_events_add), &events);
  sock_connection_open_async (connection, NULL, store_result, &result);
  wait_result_done (&result);
  g_assert_true (sock_connection_open_finish (connection, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  g_assert_cmpint (sock_session_get_serializer (session), ==, serializer);
  g_assert_nonnull (strstr (sock_session_get_reason (session), subprotocol));

  sock_session_subscribe_async (session, "demo.serializers", SOCK_MATCH_EXACT, NULL, store_result, &result);
  wait_result_done (&result);
  g_assert_true (sock_session_subscribe_finish (session, result, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* a bare JSON peer publishes what JSON can say of binary and big integers */
  publisher = client_connect (soup, server, "wamp.2.json");
  details = client_join (publisher, "demo");
  publish_text (publisher, "{}", ARGS, "{\"k\":{\"1\":[true,null]}}");
  WAIT_FOR_WHAT (events.n == 1, "the EVENT");
  g_assert_cmpstr (events.args, ==, ARGS);

  json_array_add_int_element (add, 40);
  json_array_add_int_element (add, 2);
  sock_session_call_async (session, "demo.add", add, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  wait_result_done (&result);
  call = sock_session_call_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->args, ==, "[42]");
  sock_call_result_free (call);
  g_clear_object (&result);

  log = sock_connection_get_log (connection);
  seq = find_record (log, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_EVENT);
  check_record (log, seq, serializer, ARGS);
  check_record (log, find_record (log, SOCK_LOG_DIRECTION_OUT, SOCK_WAMP_CALL), serializer, "\"demo.add\",[40,2]");
  check_record (log, find_record (log, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_RESULT), serializer, "[42]");

  {
    /* the list previews, the filter searches and the export writes the JSON form */
    g_autoptr(SockMessageItem) item = sock_message_item_new (log, seq);
    g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
    g_autofree char *line = sock_message_log_format_line (log, seq);
    /* "publish again" takes the event's payload in its JSON form */
    g_autoptr(SockSendEntry) again = sock_send_entry_new_from_log (log, seq);

    g_assert_nonnull (again);
    g_assert_cmpstr (sock_send_entry_get_uri (again), ==, "demo.serializers");
    g_assert_cmpstr (sock_send_entry_get_args (again), ==, ARGS);

    g_assert_nonnull (strstr (sock_message_item_get_preview (item), "9007199254740993"));
    sock_message_filter_set_text (filter, "18446744073709551615");
    g_assert_true (sock_message_filter_match_seq (filter, log, seq));
    sock_message_filter_set_text (filter, "no such text");
    g_assert_false (sock_message_filter_match_seq (filter, log, seq));
    if (serializer != SOCK_WAMP_SERIALIZER_JSON)
      {
        g_assert_nonnull (strstr (line, serializer == SOCK_WAMP_SERIALIZER_MSGPACK ? "\"serializer\":\"msgpack\""
                                                                                  : "\"serializer\":\"cbor\""));
        g_assert_nonnull (strstr (line, ",\"json\":[36,"));
        g_assert_nonnull (strstr (line, "\"encoding\":\"base64\""));
      }
  }

  sock_connection_close_async (connection, NULL, store_result, &result);
  wait_result_done (&result);
  g_assert_true (sock_connection_close_finish (connection, result, NULL));
  g_clear_object (&result);
  seen_events_clear (&events);
  g_clear_pointer (&publisher, client_free);
  sock_demo_server_stop (server);
}

/* The protocol choices offer their subprotocol, and Auto offers all three serializers (the demo
 * router, like most, prefers JSON). */
static void
test_serializers_choice (void)
{
  static const struct { SockProtocolChoice choice; const char *agreed; SockWampSerializer serializer; } cases[] = {
    { SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK, "wamp.2.msgpack", SOCK_WAMP_SERIALIZER_MSGPACK },
    { SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, "wamp.2.cbor", SOCK_WAMP_SERIALIZER_CBOR },
    { SOCK_PROTOCOL_CHOICE_AUTO, "wamp.2.json", SOCK_WAMP_SERIALIZER_JSON },
  };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (server);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, &error);
      g_autoptr(SockConnection) connection = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *offered = NULL;

      sock_connect_options_set_protocol (options, cases[i].choice);
      sock_connect_options_set_realm (options, "demo");
      offered = g_strjoinv (",", (char **) sock_profile_get_protocols (sock_connect_options_get_profile (options)));
      if (cases[i].choice == SOCK_PROTOCOL_CHOICE_AUTO)
        g_assert_cmpstr (offered, ==, "wamp.2.json,wamp.2.msgpack,wamp.2.cbor,wamp");
      else
        g_assert_cmpstr (offered, ==, cases[i].agreed);
      connection = sock_connection_new_for_options (options, &error);
      g_assert_no_error (error);
      sock_connection_open_async (connection, NULL, store_result, &result);
      wait_result_done (&result);
      g_assert_true (sock_connection_open_finish (connection, result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sock_session_get_serializer (sock_connection_get_session (connection)), ==,
                       cases[i].serializer);
      g_assert_cmpstr (sock_transport_get_protocol (sock_connection_get_transport (connection)), ==, cases[i].agreed);
      g_clear_object (&result);
      sock_connection_close_async (connection, NULL, store_result, &result);
      wait_result_done (&result);
      g_assert_true (sock_connection_close_finish (connection, result, NULL));
    }
  sock_demo_server_stop (server);
}

/* sockscope-cli with --protocol wamp.2.msgpack / wamp.2.cbor: the choice, the call, the output. */
static void
test_serializers_cli (void)
{
  static const char * const protocols[] = { "wamp.2.msgpack", "wamp.2.cbor", "wamp.2.cbor.batched" };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (server);
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      const char *argv[] = { g_getenv ("SOCKSCOPE_CLI"), "call", url, "demo.add", "--realm", "demo", "--protocol",
                             protocols[i], "--args", "[40,2]", NULL };
      g_autoptr(GSubprocess) cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (cli, NULL, NULL, store_result, &result);
      wait_result_done (&result);
      g_assert_true (g_subprocess_communicate_utf8_finish (cli, result, &out, &err, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 0);
      /* the router takes nothing but that serializer's frames on that subprotocol */
      g_assert_cmpstr (out, ==, "{\"args\":[42],\"kwargs\":{}}\n");
    }
  sock_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sockscope/serializers/demo-router/pairs", Fixture, NULL, fixture_set_up,
              test_serializers_demo_router_pairs, fixture_tear_down);
  g_test_add ("/sockscope/serializers/demo-router/wrong-frame", Fixture, NULL, fixture_set_up,
              test_serializers_demo_router_wrong_frame, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (subprotocols); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/serializers/connection/%s", subprotocols[i]);

      g_test_add_data_func (path, subprotocols[i], test_serializers_connection);
    }
  g_test_add_func ("/sockscope/serializers/choice", test_serializers_choice);
  g_test_add_func ("/sockscope/serializers/cli", test_serializers_cli);
  return g_test_run ();
}
