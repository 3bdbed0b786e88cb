/* demo-router-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "demo-router-client.h"

#include <string.h>
#include "../test-wait.h"

#define WAIT_US (5 * G_USEC_PER_SEC)

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = sock_demo_server_new ();
  g_assert_true (sock_demo_server_start (f->server, 0, -1, &error));
  g_assert_no_error (error);
  f->soup = soup_session_new ();
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->soup), (gpointer *) &f->soup);
  g_object_unref (f->soup);
  spin (20);
  g_assert_null (f->soup);
  sock_demo_server_stop (f->server);
  g_assert_finalize_object (f->server);
}

void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

JsonObject *
json_object_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

JsonArray *
json_array_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

char *
element_text (JsonArray *array,
              guint      index)
{
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_to_string (json_array_get_element (array, index), FALSE);
}

/* Queues one message (in the client's serializer) as JSON text. */
static void
queue_message (Client       *client,
               const guint8 *one,
               gsize         one_len)
{
  g_autoptr(GError) error = NULL;

  if (client->serializer == SOCK_WAMP_SERIALIZER_JSON)
    g_queue_push_tail (&client->frames, g_strndup ((const char *) one, one_len));
  else
    {
      GString *text = g_string_new (NULL);

      g_assert_true (sock_wamp_serializer_to_json (client->serializer, one, one_len, text, &error));
      g_assert_no_error (error);
      g_queue_push_tail (&client->frames, g_string_free (text, FALSE));
    }
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Client *client = user_data;
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);
  const guint8 *one;
  gsize one_len, pos = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (type, ==, sock_wamp_serializer_is_binary (client->serializer) ? SOUP_WEBSOCKET_DATA_BINARY
                                                                                  : SOUP_WEBSOCKET_DATA_TEXT);
  client->n_binary += type == SOUP_WEBSOCKET_DATA_BINARY;
  if (!client->batched)
    {
      one = data;
      one_len = len;
    }
  else
    {
      /* the router sends one message a frame */
      g_assert_true (sock_wamp_serializer_batch_next (client->serializer, data, len, &pos, &one, &one_len, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pos, ==, len);
    }
  queue_message (client, one, one_len);
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  ((Client *) user_data)->closed = TRUE;
}

Client *
client_connect (SoupSession    *soup,
                SockDemoServer *server,
                const char     *protocol)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (server);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *protocols[] = { protocol, NULL };
  Client *client = g_new0 (Client, 1);

  soup_session_websocket_connect_async (soup, msg, NULL, protocol ? (char **) protocols : NULL,
                                        G_PRIORITY_DEFAULT, NULL, store_result, &result);
  WAIT_FOR_WHAT (result != NULL, "the WebSocket handshake");
  client->ws = soup_session_websocket_connect_finish (soup, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (client->ws), ==, protocol);
  soup_websocket_connection_set_max_incoming_payload_size (client->ws, 16 << 20);
  client->version = g_strcmp0 (protocol, "wamp") == 0 ? SOCK_WAMP_V1 : SOCK_WAMP_V2;
  if (protocol == NULL || !sock_wamp_serializer_from_subprotocol (protocol, &client->serializer, &client->batched))
    client->serializer = SOCK_WAMP_SERIALIZER_JSON;
  g_queue_init (&client->frames);
  g_signal_connect (client->ws, "message", G_CALLBACK (on_message), client);
  g_signal_connect (client->ws, "closed", G_CALLBACK (on_closed), client);
  return client;
}

gboolean
client_wait_closed (Client *client)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (!client->closed && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  return client->closed;
}

/* RawSocket ------------------------------------------------------------------------------ */

static void rs_read (Client *client);

static void
take_frames (Client *client)
{
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(GBytes) payload = NULL;
      SockRawsocketFrameType type;

      if (!sock_rawsocket_reader_next (client->reader, &type, &payload, &error))
        break;
      if (type == SOCK_RAWSOCKET_FRAME_PONG)
        {
          client->n_pongs++;
          g_clear_pointer (&client->last_pong, g_bytes_unref);
          client->last_pong = g_bytes_ref (payload);
        }
      else if (type == SOCK_RAWSOCKET_FRAME_MESSAGE)
        {
          client->n_binary += client->serializer != SOCK_WAMP_SERIALIZER_JSON;
          queue_message (client, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
        }
    }
  if (error != NULL)
    g_error ("the router sent a broken RawSocket frame: %s", error->message);
}

static void
on_rs_read (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  client->reading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (n <= 0)
    {
      client->closed = TRUE;
      return;
    }
  sock_rawsocket_reader_push (client->reader, client->buffer, n);
  take_frames (client);
  rs_read (client);
}

static void
rs_read (Client *client)
{
  client->reading = TRUE;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (client->rs)), client->buffer,
                             sizeof client->buffer, G_PRIORITY_DEFAULT, client->cancellable, on_rs_read, client);
}

GSocketConnection *
rawsocket_connect (GSocketAddress *address)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_connect_async (socket_client, G_SOCKET_CONNECTABLE (address), NULL, store_result, &result);
  WAIT_FOR_WHAT (result != NULL, "the RawSocket connection");
  connection = g_socket_client_connect_finish (socket_client, result, &error);
  g_assert_no_error (error);
  return connection;
}

static void
on_reply_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(gssize *) user_data = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
}

Client *
client_connect_rawsocket (GSocketAddress *address,
                          const char     *protocol,
                          guint           exponent)
{
  Client *client = g_new0 (Client, 1);
  g_autoptr(GError) error = NULL;
  guint8 hello[SOCK_RAWSOCKET_HANDSHAKE_SIZE];
  SockRawsocketHello accepted;
  gssize n = -2;

  client->rs = rawsocket_connect (address);
  client->cancellable = g_cancellable_new ();
  client->version = SOCK_WAMP_V2;
  g_assert_true (sock_wamp_serializer_from_subprotocol (protocol, &client->serializer, &client->batched));
  g_queue_init (&client->frames);
  sock_rawsocket_write_hello (hello, sock_rawsocket_serializer_from_protocol (protocol), exponent);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (client->rs)), hello,
                                            sizeof hello, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the reply alone: the router sends nothing more before HELLO */
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (client->rs)), hello, sizeof hello,
                             G_PRIORITY_DEFAULT, NULL, on_reply_read, &n);
  WAIT_FOR_WHAT (n != -2, "the RawSocket handshake's reply");
  g_assert_cmpint (n, ==, sizeof hello);
  g_assert_true (sock_rawsocket_parse_reply (hello, sock_rawsocket_serializer_from_protocol (protocol),
                                             &accepted, &error));
  g_assert_no_error (error);
  client->reader = sock_rawsocket_reader_new (sock_rawsocket_length_for_exponent (exponent));
  rs_read (client);
  return client;
}

void
client_send_rawsocket_frame (Client                 *client,
                             SockRawsocketFrameType  type,
                             const guint8           *data,
                             gsize                   len)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->rs));
  g_autoptr(GError) error = NULL;
  guint8 header[SOCK_RAWSOCKET_HEADER_SIZE];

  sock_rawsocket_write_header (header, type, len);
  g_assert_true (g_output_stream_write_all (out, header, sizeof header, NULL, NULL, &error));
  g_assert_no_error (error);
  if (len > 0)
    g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
client_free_rawsocket (Client *client)
{
  g_cancellable_cancel (client->cancellable);
  WAIT_FOR_WHAT (!client->reading, "the RawSocket client's read to return");
  g_io_stream_close (G_IO_STREAM (client->rs), NULL, NULL);
  g_object_unref (client->rs);
  g_object_unref (client->cancellable);
  sock_rawsocket_reader_free (client->reader);
  g_clear_pointer (&client->last_pong, g_bytes_unref);
  g_queue_clear_full (&client->frames, g_free);
  g_free (client);
}

void
client_free (Client *client)
{
  if (client->rs != NULL)
    return client_free_rawsocket (client);
  if (soup_websocket_connection_get_state (client->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_assert_true (client_wait_closed (client));
  g_signal_handlers_disconnect_by_data (client->ws, client);
  g_object_unref (client->ws);
  g_queue_clear_full (&client->frames, g_free);
  g_free (client);
}

void
client_send (Client *client,
             char   *text)
{
  g_autoptr(GByteArray) encoded = g_byte_array_new ();
  g_autoptr(GByteArray) frame = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  if (client->rs != NULL)
    {
      if (client->serializer == SOCK_WAMP_SERIALIZER_JSON)
        g_byte_array_append (encoded, (const guint8 *) text, strlen (text));
      else
        g_assert_true (sock_wamp_serializer_from_json (client->serializer, text, strlen (text), encoded, &error));
      g_assert_no_error (error);
      client_send_rawsocket_frame (client, SOCK_RAWSOCKET_FRAME_MESSAGE, encoded->data, encoded->len);
    }
  else if (client->serializer == SOCK_WAMP_SERIALIZER_JSON && !client->batched)
    soup_websocket_connection_send_text (client->ws, text);
  else
    {
      g_assert_true (sock_wamp_serializer_from_json (client->serializer, text, strlen (text), encoded, &error));
      g_assert_no_error (error);
      if (client->batched)
        sock_wamp_serializer_batch_append (client->serializer, frame, encoded->data, encoded->len);
      else
        g_byte_array_append (frame, encoded->data, encoded->len);
      if (sock_wamp_serializer_is_binary (client->serializer))
        soup_websocket_connection_send_binary (client->ws, frame->data, frame->len);
      else
        {
          g_autoptr(GBytes) bytes = g_bytes_new (frame->data, frame->len);

          soup_websocket_connection_send_message (client->ws, SOUP_WEBSOCKET_DATA_TEXT, bytes);
        }
    }
  g_free (text);
}

JsonArray *
client_next (Client *client)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *frame = NULL;

  while (g_queue_is_empty (&client->frames) && !client->closed
         && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  frame = g_queue_pop_head (&client->frames);
  if (frame == NULL)
    g_error ("no frame arrived (connection %s)", client->closed ? "closed" : "open");
  if (!sock_wamp_decode (client->version, frame, strlen (frame), &msg, &error))
    g_error ("the router sent an invalid message %s: %s", frame, error->message);
  return json_array_from (frame);
}

JsonArray *
client_expect (Client *client,
               int     type)
{
  JsonArray *message = client_next (client);

  if (json_array_get_int_element (message, 0) != type)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), message);
      g_autofree char *text = json_to_string (node, FALSE);

      g_error ("expected message type %d, got %s", type, text);
    }
  return message;
}

static const char hello_details[] =
  "{\"agent\":\"test\",\"roles\":{\"publisher\":{},\"subscriber\":{},"
  "\"caller\":{\"features\":{\"progressive_call_results\":true,\"call_canceling\":true}},"
  "\"callee\":{\"features\":{\"progressive_call_results\":true,\"call_canceling\":true}}}}";

JsonObject *
client_join (Client     *client,
             const char *realm)
{
  g_autoptr(JsonObject) details = json_object_from (hello_details);
  g_autoptr(JsonArray) welcome = NULL;

  client_send (client, sock_wamp_build_hello (realm, details));
  welcome = client_expect (client, SOCK_WAMP_WELCOME);
  client->session = json_array_get_int_element (welcome, 1);
  return json_object_ref (json_array_get_object_element (welcome, 2));
}

Client *
client_new_joined (SoupSession    *soup,
                   SockDemoServer *server,
                   const char     *realm)
{
  Client *client = client_connect (soup, server, "wamp.2.json");
  g_autoptr(JsonObject) details = client_join (client, realm);

  return client;
}

gint64
client_publish (Client     *client,
                const char *options,
                const char *topic,
                const char *args,
                const char *kwargs)
{
  g_autoptr(JsonObject) o = options ? json_object_from (options) : NULL;
  g_autoptr(JsonArray) a = args ? json_array_from (args) : NULL;
  g_autoptr(JsonObject) k = kwargs ? json_object_from (kwargs) : NULL;

  client_send (client, sock_wamp_build_publish (++client->request, o, topic, a, k));
  return client->request;
}

gint64
client_call (Client     *client,
             const char *options,
             const char *procedure,
             const char *args,
             const char *kwargs)
{
  g_autoptr(JsonObject) o = options ? json_object_from (options) : NULL;
  g_autoptr(JsonArray) a = args ? json_array_from (args) : NULL;
  g_autoptr(JsonObject) k = kwargs ? json_object_from (kwargs) : NULL;

  client_send (client, sock_wamp_build_call (++client->request, o, procedure, a, k));
  return client->request;
}

gint64
client_subscribe (Client     *client,
                  const char *options,
                  const char *topic)
{
  g_autoptr(JsonObject) o = options ? json_object_from (options) : NULL;
  g_autoptr(JsonArray) reply = NULL;

  client_send (client, sock_wamp_build_subscribe (++client->request, o, topic));
  reply = client_expect (client, SOCK_WAMP_SUBSCRIBED);
  g_assert_cmpint (json_array_get_int_element (reply, 1), ==, client->request);
  return json_array_get_int_element (reply, 2);
}

gint64
client_register (Client     *client,
                 const char *procedure)
{
  g_autoptr(JsonArray) reply = NULL;

  client_send (client, sock_wamp_build_register (++client->request, NULL, procedure));
  reply = client_expect (client, SOCK_WAMP_REGISTERED);
  g_assert_cmpint (json_array_get_int_element (reply, 1), ==, client->request);
  return json_array_get_int_element (reply, 2);
}
