/* sock-demo-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server that tries to hurt the client's terminal and its JSON output, so that tests can show
 * it cannot: escape sequences, C1 controls and bidirectional overrides in the status line,
 * headers, body, early frames, close reasons, WAMP error URIs, arguments and abort messages,
 * and an error URI that would forge JSON if a client pasted it into a line unescaped.
 *
 *   /hostile/response  a 400 written byte by byte, with ESC sequences everywhere
 *   /hostile/huge-headers  a 101 with 100 KB of headers
 *   /hostile/close     opens, sends a text frame with escape sequences, closes with one in the reason
 *   /hostile/rsv       opens, then sends a frame with a reserved bit set
 *   /hostile/wamp      a WAMP v2 router that answers every request with a poisoned ERROR, realm
 *                      "abort" with a poisoned ABORT, and realm "cra-greedy" with a WAMP-CRA
 *                      challenge asking for 10M PBKDF2 iterations and a 1024-byte key
 */

#include "sock-demo-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define ESC "\x1b"
/* U+009B, the one-byte CSI, as UTF-8 */
#define C1_CSI "\xc2\x9b"

static const char hostile_response[] =
  "HTTP/1.1 400 Bad " ESC "[2J" ESC "]0;pwned" "\x07" "Request\r\n"
  "Server: EvilServer/6.6 " ESC "[31m(red)" ESC "[0m\r\n"
  "X-Evil: " C1_CSI "31m" "\xe2\x80\xae" "reversed\r\n"
  "Content-Type: text/plain\r\n"
  "Connection: close\r\n"
  "Content-Length: 45\r\n"
  "\r\n"
  "body " ESC "[5mblink" ESC "[0m " ESC "]0;title" "\x07" " and more text\n";

typedef struct
{
  SockDemoFaults    *faults;
  SoupServerMessage *msg;
  GBytes            *response;
} Later;

static void
later_free (gpointer data)
{
  Later *later = data;

  g_object_unref (later->msg);
  g_bytes_unref (later->response);
  g_free (later);
}

static gboolean
on_later (gpointer user_data)
{
  Later *later = user_data;
  GIOStream *stream = soup_server_message_steal_connection (later->msg);
  SockDemoConn *conn;

  if (stream != NULL)
    {
      conn = _sock_demo_conn_new (later->faults, stream, FALSE);
      _sock_demo_conn_send (conn, later->response);
      _sock_demo_conn_close_when_sent (conn);
    }
  g_ptr_array_remove_fast (later->faults->pending, g_main_current_source ());
  return G_SOURCE_REMOVE;
}

/* 100 headers of 1000 bytes: more than any client reads */
static GBytes *
build_huge_headers (void)
{
  GString *out = g_string_new ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");

  for (guint i = 0; i < 100; i++)
    {
      g_string_append_printf (out, "X-Filler-%u: ", i);
      for (guint j = 0; j < 1000; j++)
        g_string_append_c (out, 'a');
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "\r\n");
  return g_string_free_to_bytes (out);
}

static void
response_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SockDemoFaults *faults = user_data;
  Later *later = g_new0 (Later, 1);
  GSource *source = g_idle_source_new ();

  later->response = g_str_equal (path, "/hostile/huge-headers")
                    ? build_huge_headers ()
                    : g_bytes_new_static (hostile_response, strlen (hostile_response));

  /* libsoup would refuse to write these bytes: take the connection once the handler returns. */
  soup_server_message_pause (msg);
  later->faults = faults;
  later->msg = g_object_ref (msg);
  g_source_set_callback (source, on_later, later, later_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (faults->pending, source);
}

typedef struct
{
  SockDemoTrackFunc track;
  gpointer          owner;
} Tracker;

static void
close_cb (SoupServer              *server,
          SoupServerMessage       *msg,
          const char              *path,
          SoupWebsocketConnection *connection,
          gpointer                 user_data)
{
  Tracker *tracker = user_data;

  tracker->track (tracker->owner, connection);
  soup_websocket_connection_send_text (connection, "early " ESC "[31mred" ESC "]0;pwned" "\x07" " " C1_CSI "2J");
  soup_websocket_connection_close (connection, 4000, "bye " ESC "[2J" ESC "]0;pwned" "\x07");
}

/* A text frame with RSV2 set, which no extension defines: written under libsoup, which would
 * never send it. */
static void
rsv_cb (SoupServer              *server,
        SoupServerMessage       *msg,
        const char              *path,
        SoupWebsocketConnection *connection,
        gpointer                 user_data)
{
  static const guint8 frame[] = { 0x80 | 0x20 | 0x1, 2, 'h', 'i' };
  Tracker *tracker = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (connection));

  tracker->track (tracker->owner, connection);
  g_output_stream_write_all (out, frame, sizeof frame, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
}

static void
send_error (SoupWebsocketConnection *connection,
            gint64                   type,
            gint64                   request,
            const char              *tail)
{
  g_autofree char *text = g_strdup_printf ("[8,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",{},%s]", type, request,
                                           tail);

  soup_websocket_connection_send_text (connection, text);
}

static void
answer (SoupWebsocketConnection *connection,
        JsonArray               *message)
{
  JsonNode *first = json_array_get_element (message, 0);
  gint64 type = json_node_get_value_type (first) == G_TYPE_INT64 ? json_node_get_int (first) : 0;
  JsonNode *second = json_array_get_length (message) > 1 ? json_array_get_element (message, 1) : NULL;
  gint64 request = second != NULL && json_node_get_value_type (second) == G_TYPE_INT64 ? json_node_get_int (second) : 0;

  switch (type)
    {
    case 1: /* HELLO */
      if (g_strcmp0 (json_array_get_string_element (message, 1), "cra-greedy") == 0)
        soup_websocket_connection_send_text (connection,
          "[4,\"wampcra\",{\"challenge\":\"{\\\"nonce\\\":\\\"x\\\"}\",\"salt\":\"s\","
          "\"iterations\":10000000,\"keylen\":1024}]");
      else if (g_strcmp0 (json_array_get_string_element (message, 1), "abort") == 0)
        soup_websocket_connection_send_text (connection,
          "[3,{\"message\":\"go away \\u001b[2J\\u001b]0;pwned\\u0007\"},\"wamp.error.no_such_realm\"]");
      else
        soup_websocket_connection_send_text (connection,
          "[2,1,{\"roles\":{\"broker\":{},\"dealer\":{}},\"agent\":\"evil \\u001b[31m\"}]");
      break;
    case 16: /* PUBLISH: an error URI that would close the JSON string and add members */
      send_error (connection, type, request, "\"a\\\",\\\"forged\\\":true,\\\"x\\\":\\\"\"");
      break;
    case 32: /* SUBSCRIBE */
      send_error (connection, type, request, "\"hostile." C1_CSI "31m\",[\"\\u001b[31mred\"]");
      break;
    case 48: /* CALL */
      send_error (connection, type, request,
                  "\"hostile." C1_CSI "2J\",[\"\\u001b]0;title\\u0007\",\"" C1_CSI "\"],{\"k\":\"\\u001b[5m\"}");
      break;
    case 6: /* GOODBYE */
      soup_websocket_connection_send_text (connection, "[6,{},\"wamp.close.goodbye_and_out\"]");
      break;
    default:
      break;
    }
}

static void
on_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  JsonNode *root;

  if (type != SOUP_WEBSOCKET_DATA_TEXT || !json_parser_load_from_data (parser, data, len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
    answer (connection, json_node_get_array (root));
}

static void
wamp_cb (SoupServer              *server,
         SoupServerMessage       *msg,
         const char              *path,
         SoupWebsocketConnection *connection,
         gpointer                 user_data)
{
  Tracker *tracker = user_data;

  tracker->track (tracker->owner, connection);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), NULL);
}

void
_sock_demo_hostile_add_handlers (SockDemoFaults    *faults,
                                 SoupServer        *server,
                                 SockDemoTrackFunc  track,
                                 gpointer           owner)
{
  static const char *protocols[] = { "wamp.2.json", NULL };
  Tracker *tracker = g_new0 (Tracker, 1);

  tracker->track = track;
  tracker->owner = owner;
  soup_server_add_handler (server, "/hostile/response", response_cb, faults, NULL);
  soup_server_add_handler (server, "/hostile/huge-headers", response_cb, faults, NULL);
  soup_server_add_websocket_handler (server, "/hostile/close", NULL, NULL, close_cb, tracker, NULL);
  soup_server_add_websocket_handler (server, "/hostile/rsv", NULL, NULL, rsv_cb, tracker, NULL);
  soup_server_add_websocket_handler (server, "/hostile/wamp", NULL, (char **) protocols, wamp_cb, tracker,
                                     g_free);
}
