/* test-wamp1-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP v1 client session against the demo router (subprotocol "wamp"), and protocol
 * detection and protocol errors against scripted servers on 127.0.0.1: a v1 server that speaks
 * first without a subprotocol, malformed v1 frames (reported, connection kept) and a malformed
 * v2 frame (ABORT wamp.error.protocol_violation).
 */

#include <libsoup/soup.h>

#include "session-test-util.h"
#include "sock-wamp1-session.h"

static SockDemoServer *server;
static char *ws_url;

static SockConnection *
open_v1 (void)
{
  const char * const wamp[] = { "wamp", NULL };

  return connection_new_open (ws_url, wamp, NULL);
}

/* WAMP-CRA over RPC: a plain and a salted secret join with their identity; a wrong secret and an
 * unknown key fail the join in words, naming what to check. */
static void
test_wamp1_cra (void)
{
  const char * const wamp[] = { "wamp", NULL };
  struct {
    const char *authid;
    const char *secret;
    const char *words;  /* NULL: joins */
  } cases[] = {
    { "crauser", "cra-secret", NULL },
    { "saltuser", "salt-secret", NULL },
    { "crauser", "not-the-secret", "refused the WAMP-CRA signature for “crauser”" },
    { "nobody", "whatever", "refused to authenticate “nobody” with WAMP-CRA (authentication key does not exist)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SockConnection) connection = connection_new (ws_url, wamp, NULL);
      g_autoptr(GError) error = NULL;
      gboolean opened;

      sock_connection_set_credentials (connection, cases[i].authid, NULL, cases[i].secret);
      opened = connection_open (connection, &error);
      if (cases[i].words == NULL)
        {
          SockSession *session = sock_connection_get_session (connection);
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(JsonArray) args = json_array_from ("[2, 3]");
          SockCallResult *answer;

          g_assert_no_error (error);
          g_assert_true (opened);
          g_assert_cmpstr (sock_session_get_authid (session), ==, cases[i].authid);
          /* joined for real: calls go through */
          sock_session_call_async (session, "demo.add", args, NULL, NULL, NULL, NULL, NULL, store_result, &result);
          answer = sock_session_call_finish (session, wait_result (&result), &error);
          g_assert_no_error (error);
          g_assert_cmpstr (answer->args, ==, "[5]");
          sock_call_result_free (answer);
          /* authreq, auth, then demo.add */
          g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_OUT,
                                           SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_CALL), ==, 3);
          connection_close (connection);
        }
      else
        {
          g_assert_false (opened);
          g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_AUTH);
          if (strstr (error->message, cases[i].words) == NULL)
            g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].words);
          /* the secret itself is never in the words */
          g_assert_null (strstr (error->message, cases[i].secret));
        }
    }
}

static void
test_wamp1_join_and_call (void)
{
  g_autoptr(SockConnection) connection = open_v1 ();
  SockSession *session = sock_connection_get_session (connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(JsonArray) args = json_array_from ("[2, 3]");
  g_autoptr(GError) error = NULL;
  SockCallResult *answer;

  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP1);
  g_assert_cmpstr (sock_session_get_reason (session), ==, "negotiated subprotocol wamp");
  g_assert_nonnull (sock_wamp1_session_get_session_id (SOCK_WAMP1_SESSION (session)));
  g_assert_cmpstr (sock_connection_get_session_id (connection), ==,
                   sock_wamp1_session_get_session_id (SOCK_WAMP1_SESSION (session)));
  g_assert_nonnull (sock_wamp1_session_get_server_ident (SOCK_WAMP1_SESSION (session)));

  sock_session_call_async (session, "demo.add", args, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  answer = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer->args, ==, "[5]");
  sock_call_result_free (answer);

  sock_session_call_async (session, "demo.fail", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &result2);
  g_assert_null (sock_session_call_finish (session, wait_result (&result2), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "demo.error.failed");
  g_assert_cmpstr (error->message, ==, "this procedure always fails");
  g_assert_nonnull (strstr (sock_session_error_get_args (error), "\"this procedure always fails\""));

  /* our call ids are numbers, so the log keeps them as request ids */
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_OUT,
                                   SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_CALL), ==, 2);
  connection_close (connection);
}

typedef struct
{
  guint  n;
  char  *topic;
  char  *value;
} Events;

static void
on_event (SockConnection  *connection,
          const SockEvent *event,
          Events          *events)
{
  events->n++;
  g_free (events->topic);
  g_free (events->value);
  events->topic = g_strdup (event->topic);
  g_assert_true (event->args_is_value);
  events->value = g_strndup (event->args.data, event->args.len);
}

static void
test_wamp1_pubsub (void)
{
  g_autoptr(SockConnection) a = open_v1 ();
  g_autoptr(SockConnection) b = open_v1 ();
  SockSession *sa = sock_connection_get_session (a);
  SockSession *sb = sock_connection_get_session (b);
  g_autoptr(GAsyncResult) subscribed = NULL;
  g_autoptr(GAsyncResult) published = NULL;
  g_autoptr(JsonArray) args = json_array_from ("[{\"x\": 1}]");
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  gint64 before = g_get_real_time ();
  SockSubscription *info;
  Events events = { 0 };

  g_signal_connect (a, "event", G_CALLBACK (on_event), &events);
  /* a CURIE of our own prefix goes out as the full URI */
  g_assert_true (sock_wamp1_session_add_prefix (SOCK_WAMP1_SESSION (sa), "t", "test.", &error));
  expanded = sock_wamp1_session_expand (SOCK_WAMP1_SESSION (sa), "t:v1");
  g_assert_cmpstr (expanded, ==, "test.v1");
  g_free (expanded);
  expanded = sock_wamp1_session_expand (SOCK_WAMP1_SESSION (sa), "http://example.com/x");
  g_assert_cmpstr (expanded, ==, "http://example.com/x");

  sock_session_subscribe_async (sa, "t:v1", SOCK_MATCH_EXACT, NULL, store_result, &subscribed);
  g_assert_true (sock_session_subscribe_finish (sa, wait_result (&subscribed), NULL, &error));
  g_assert_no_error (error);
  wait_ms (100);

  sock_session_publish_async (sb, "test.v1", args, NULL, NULL, NULL, store_result, &published);
  g_assert_true (sock_session_publish_finish (sb, wait_result (&published), NULL, &error));
  WAIT_FOR (events.n >= 1);
  g_assert_cmpstr (events.topic, ==, "test.v1");
  g_assert_cmpstr (events.value, ==, "{\"x\":1}");

  /* the events count on the subscription, held under the full URI */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&published);
      sock_session_publish_async (sb, "test.v1", args, NULL, NULL, NULL, store_result, &published);
      g_assert_true (sock_session_publish_finish (sb, wait_result (&published), NULL, &error));
    }
  WAIT_FOR (events.n >= 3);
  g_assert_cmpuint (sock_session_get_subscriptions (sa)->len, ==, 1);
  info = g_ptr_array_index (sock_session_get_subscriptions (sa), 0);
  g_assert_cmpstr (sock_subscription_get_topic (info), ==, "test.v1");
  g_assert_cmpuint (sock_subscription_get_n_events (info), ==, 3);
  g_assert_cmpint (sock_subscription_get_last_event_time (info), >=, before);
  g_assert_cmpint (sock_subscription_get_last_event_time (info), <=, g_get_real_time ());

  /* unsubscribing by the same CURIE it was subscribed with drops it with its counters */
  g_clear_object (&subscribed);
  sock_session_unsubscribe_async (sa, "t:v1", SOCK_MATCH_EXACT, NULL, store_result, &subscribed);
  g_assert_true (sock_session_unsubscribe_finish (sa, wait_result (&subscribed), &error));
  g_assert_cmpuint (sock_session_get_subscriptions (sa)->len, ==, 0);

  g_free (events.topic);
  g_free (events.value);
  connection_close (a);
  connection_close (b);
}

/* Scripted servers */

typedef struct
{
  const char * const *greeting;   /* frames sent on open */
  const char * const *on_hello;   /* frames sent when HELLO arrives */
} Script;

static void
scripted_message (SoupWebsocketConnection *connection,
                  SoupWebsocketDataType    type,
                  GBytes                  *message,
                  const Script            *script)
{
  gsize len;
  const char *text = g_bytes_get_data (message, &len);

  if (script->on_hello != NULL && len > 3 && g_str_has_prefix (text, "[1,"))
    for (guint i = 0; script->on_hello[i] != NULL; i++)
      soup_websocket_connection_send_text (connection, script->on_hello[i]);
}

static void
scripted_closed (SoupWebsocketConnection *connection,
                 gpointer                 data)
{
  g_object_unref (connection);
}

static void
scripted_cb (SoupServer              *soup_server,
             SoupServerMessage       *msg,
             const char              *path,
             SoupWebsocketConnection *connection,
             gpointer                 data)
{
  const Script *script = data;

  g_object_ref (connection);
  g_signal_connect (connection, "message", G_CALLBACK (scripted_message), data);
  g_signal_connect (connection, "closed", G_CALLBACK (scripted_closed), NULL);
  for (guint i = 0; script->greeting != NULL && script->greeting[i] != NULL; i++)
    soup_websocket_connection_send_text (connection, script->greeting[i]);
}

static SoupServer *
scripted_server (const Script  *script,
                 char         **url)
{
  SoupServer *soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  soup_server_add_websocket_handler (soup_server, "/", NULL, NULL, scripted_cb, (gpointer)script, NULL);
  g_assert_true (soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  *url = g_strdup_printf ("ws://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  return soup_server;
}

static void
on_protocol_error (SockConnection *connection,
                   const GError   *error,
                   GPtrArray      *messages)
{
  g_ptr_array_add (messages, g_strdup (error->message));
}

static void
test_wamp1_detect_and_errors (void)
{
  static const char * const greeting[] = {
    "[0,\"s1\",1,\"Ratchet/0.4.4\"]",
    "[8,\"topic\"]",
    "HTTP/1.1 403 Forbidden",
    "[8,\"t\",{\"a\":1}]",
    NULL
  };
  static const Script script = { greeting, NULL };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) soup_server = scripted_server (&script, &url);
  const char * const none[] = { NULL };
  g_autoptr(SockConnection) connection = connection_new (url, none, NULL);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SockMessageLog *log = sock_connection_get_log (connection);

  g_signal_connect (connection, "protocol-error", G_CALLBACK (on_protocol_error), messages);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sock_connection_get_kind (connection), ==, SOCK_SESSION_KIND_WAMP1);
  g_assert_cmpstr (sock_session_get_reason (sock_connection_get_session (connection)), ==,
                   "no subprotocol; the server spoke first with [0,…]: WAMP v1");
  g_assert_cmpstr (sock_connection_get_session_id (connection), ==, "s1");

  WAIT_FOR (messages->len >= 2);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "EVENT: expected 3 elements, got 2");
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 1), "invalid JSON"));
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_PROTOCOL_ERROR, 0), ==, 2);
  /* the connection is kept, and the next good event arrives */
  WAIT_FOR (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP1, SOCK_WAMP1_EVENT) >= 1);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);

  connection_close (connection);
  soup_server_disconnect (soup_server);
}

static void
test_wamp2_protocol_violation (void)
{
  static const char * const on_hello[] = {
    "[2,12345,{\"roles\":{\"broker\":{}}}]",
    "[36,\"not-an-id\",1,{}]",
    NULL
  };
  static const Script script = { NULL, on_hello };
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) soup_server = scripted_server (&script, &url);
  const char * const none[] = { NULL };
  g_autoptr(SockConnection) connection = connection_new (url, none, NULL);
  g_autoptr(GError) error = NULL;
  SockMessageLog *log = sock_connection_get_log (connection);
  SockSession *session;
  const GError *session_error;

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_CLOSED);

  session_error = sock_session_get_error (session);
  g_assert_error ((GError *)session_error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_PROTOCOL_VIOLATION);
  g_assert_cmpstr (session_error->message, ==, "EVENT: element 1 (subscription) must be an integer");
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_PROTOCOL_ERROR, 0), ==, 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_ABORT), ==, 1);
  g_assert_true (has_marker (log, "protocol error: EVENT: element 1 (subscription) must be an integer"));
  soup_server_disconnect (soup_server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sock_demo_server_new ();
  ws_url = demo_server_start_url (server, "/ws");

  g_test_add_func ("/sockscope/wamp1-session/join-and-call", test_wamp1_join_and_call);
  g_test_add_func ("/sockscope/wamp1-session/pubsub", test_wamp1_pubsub);
  g_test_add_func ("/sockscope/wamp1-session/cra", test_wamp1_cra);
  g_test_add_func ("/sockscope/wamp1-session/detect-and-errors", test_wamp1_detect_and_errors);
  g_test_add_func ("/sockscope/wamp1-session/v2-protocol-violation", test_wamp2_protocol_violation);

  status = g_test_run ();
  sock_demo_server_stop (server);
  g_clear_object (&server);
  g_free (ws_url);
  return status;
}
