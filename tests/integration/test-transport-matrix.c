/* test-transport-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every transport (WebSocket, RawSocket over TCP, RawSocket over a Unix socket) × serializer
 * (JSON, MessagePack, CBOR) × authentication method (anonymous, ticket, WAMP-CRA, cryptosign)
 * against the demo server: the connection joins, subscribes, receives the event it published
 * itself, calls demo.echo and gets its result, and the log shows the same JSON text for the event
 * and the result in each combination.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "session-test-util.h"
#include "sock-connect-options.h"
#include "sock-demo-router.h"
#include "sock-wamp2-session.h"

typedef enum { TRANSPORT_WEBSOCKET, TRANSPORT_RAWSOCKET_TCP, TRANSPORT_RAWSOCKET_UNIX } Transport;

typedef struct
{
  Transport          transport;
  SockProtocolChoice protocol;
  SockAuthMethod     auth;
} Combination;

static const struct { Transport transport; const char *name; } transports[] = {
  { TRANSPORT_WEBSOCKET, "websocket" },
  { TRANSPORT_RAWSOCKET_TCP, "rawsocket-tcp" },
  { TRANSPORT_RAWSOCKET_UNIX, "rawsocket-unix" },
};

static const struct { SockProtocolChoice protocol; const char *name; const char *subprotocol; } serializers[] = {
  { SOCK_PROTOCOL_CHOICE_WAMP2, "json", "wamp.2.json" },
  { SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK, "msgpack", "wamp.2.msgpack" },
  { SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, "cbor", "wamp.2.cbor" },
};

/* The demo router's users (src/demo/sock-demo-router.h). */
static const struct { SockAuthMethod auth; const char *name; const char *authid; const char *secret; } auths[] = {
  { SOCK_AUTH_ANONYMOUS, "anonymous", NULL, NULL },
  { SOCK_AUTH_TICKET, "ticket", "ticketuser", "ticket-secret" },
  { SOCK_AUTH_WAMPCRA, "wampcra", "crauser", "cra-secret" },
  { SOCK_AUTH_CRYPTOSIGN, "cryptosign", "cryptouser", NULL },
};

/* What is published and echoed: text beyond ASCII, a double, an integer beyond 2^53, nesting. */
#define ARGS "[42,\"zwei ä€𝄞\",true,null,3.5,9007199254740993,{\"k\":[1,-2]}]"
#define KWARGS "{\"n\":-7,\"text\":\"drei\"}"
#define TOPIC "matrix.topic"

typedef struct
{
  SockDemoServer *server;
  char           *dir;
  char           *key_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = sock_demo_server_new ();
  g_assert_true (sock_demo_server_start (f->server, 0, -1, &error));
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("sock-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  f->key_file = g_build_filename (f->dir, "cryptouser.key", NULL);
  g_assert_true (g_file_set_contents (f->key_file, SOCK_DEMO_CRYPTOSIGN_SEED "\n", -1, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_remove (f->key_file);
  g_rmdir (f->dir);
  g_free (f->key_file);
  g_free (f->dir);
  sock_demo_server_stop (f->server);
  g_clear_object (&f->server);
}

static char *
url_for (Fixture   *f,
         Transport  transport)
{
  switch (transport)
    {
    case TRANSPORT_WEBSOCKET:
      {
        g_autofree char *base = sock_demo_server_dup_base_url (f->server);

        return g_strconcat (base, "/ws", NULL);
      }
    case TRANSPORT_RAWSOCKET_TCP:
      return sock_demo_server_dup_rawsocket_url (f->server);
    case TRANSPORT_RAWSOCKET_UNIX:
      return sock_demo_server_dup_rawsocket_unix_url (f->server);
    default:
      g_assert_not_reached ();
    }
}

/* The last record of a WAMP v2 type in the log, as JSON text without its first `skip` elements
 * (the type and the ids that differ from run to run), written again by json-glib so that JSON
 * received as text and JSON transcoded from MessagePack or CBOR compare as text. */
static char *
log_record_json (SockMessageLog  *log,
                 SockLogDirection direction,
                 guint8           type,
                 guint            skip)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) rest = json_array_new ();
  g_autoptr(JsonNode) rest_node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  for (guint64 seq = sock_message_log_get_end_seq (log); seq > sock_message_log_get_first_seq (log); seq--)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq - 1, &entry, &raw, &len) && entry.direction == direction &&
          entry.kind == SOCK_LOG_KIND_WAMP2 && entry.type == type)
        {
          text = sock_log_entry_dup_json (&entry, raw, len, &error);
          g_assert_no_error (error);
          if (text == NULL)
            text = g_strndup ((const char *) raw, len);
          break;
        }
    }
  if (text == NULL)
    g_error ("no record of type %u in the log", type);

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  for (guint i = skip; i < json_array_get_length (array); i++)
    json_array_add_element (rest, json_node_copy (json_array_get_element (array, i)));
  json_node_set_array (rest_node, rest);
  return json_to_string (rest_node, FALSE);
}

static void
test_combination (Fixture       *f,
                  gconstpointer  data)
{
  const Combination *c = data;
  g_autofree char *url = url_for (f, c->transport);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, &error);
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(JsonArray) args = json_array_from (ARGS);
  g_autoptr(JsonNode) kwargs = json_from_string (KWARGS, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  SockPublishOptions publish = { .acknowledge = TRUE, .include_me = TRUE };
  g_autofree char *event = NULL, *answer = NULL;
  const char *authid = NULL, *secret = NULL, *subprotocol = NULL;
  SockMessageLog *log;
  SockSession *session;
  SockCallResult *call;
  gint64 publication = -1;

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (auths); i++)
    if (auths[i].auth == c->auth)
      {
        authid = auths[i].authid;
        secret = auths[i].secret;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (serializers); i++)
    if (serializers[i].protocol == c->protocol)
      subprotocol = serializers[i].subprotocol;

  sock_connect_options_set_protocol (options, c->protocol);
  sock_connect_options_set_realm (options, c->auth == SOCK_AUTH_ANONYMOUS ? "demo" : "secure");
  sock_connect_options_set_auth (options, c->auth, authid, secret);
  if (c->auth == SOCK_AUTH_CRYPTOSIGN)
    sock_connect_options_set_private_key_file (options, f->key_file);
  sock_connect_options_set_reconnect (options, FALSE);
  connection = sock_connection_new_for_options (options, &error);
  g_assert_no_error (error);

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sock_handshake_get_protocol (sock_connection_get_handshake (connection)), ==, subprotocol);
  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  if (c->auth != SOCK_AUTH_ANONYMOUS)
    {
      g_assert_cmpstr (sock_wamp2_session_get_authid (SOCK_WAMP2_SESSION (session)), ==, authid);
      g_assert_cmpstr (sock_wamp2_session_get_authrole (SOCK_WAMP2_SESSION (session)), ==, "user");
    }

  /* the event it publishes to itself */
  log = sock_connection_get_log (connection);
  g_assert_cmpint (session_subscribe (connection, TOPIC, SOCK_MATCH_EXACT), >, 0);
  sock_session_publish_async (session, TOPIC, args, json_node_get_object (kwargs), &publish, NULL, store_result,
                              &result);
  g_assert_true (sock_session_publish_finish (session, wait_result (&result), &publication, &error));
  g_assert_no_error (error);
  g_assert_cmpint (publication, >, 0);
  g_clear_object (&result);
  WAIT_FOR_WHAT (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_EVENT) == 1,
                 "the event");
  /* [EVENT, subscription, publication, details, args, kwargs] */
  event = log_record_json (log, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_EVENT, 3);
  g_assert_cmpstr (event, ==, "[{}," ARGS "," KWARGS "]");

  /* the procedure's result */
  sock_session_call_async (session, "demo.echo", args, json_node_get_object (kwargs), NULL, NULL, NULL, NULL,
                           store_result, &result);
  call = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  sock_call_result_free (call);
  /* [RESULT, request, details, args, kwargs] */
  answer = log_record_json (log, SOCK_LOG_DIRECTION_IN, SOCK_WAMP_RESULT, 2);
  g_assert_cmpstr (answer, ==, "[{}," ARGS "," KWARGS "]");

  connection_close (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) combinations = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (gsize t = 0; t < G_N_ELEMENTS (transports); t++)
    for (gsize s = 0; s < G_N_ELEMENTS (serializers); s++)
      for (gsize a = 0; a < G_N_ELEMENTS (auths); a++)
        {
          Combination *c = g_new0 (Combination, 1);
          g_autofree char *path = g_strdup_printf ("/sockscope/transport-matrix/%s/%s/%s", transports[t].name,
                                                   serializers[s].name, auths[a].name);

          c->transport = transports[t].transport;
          c->protocol = serializers[s].protocol;
          c->auth = auths[a].auth;
          g_ptr_array_add (combinations, c);
          g_test_add (path, Fixture, c, fixture_set_up, test_combination, fixture_tear_down);
        }

  return g_test_run ();
}
