/* sock-demo-router-websocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo router's sessions on /ws: a sink over a SoupWebsocketConnection.
 */

#include "sock-demo-sink.h"

#define MAX_PAYLOAD (16 << 20)

typedef struct
{
  SockDemoSink             parent;
  SoupWebsocketConnection *ws;
  SockDemoSession         *session;
} WebsocketSink;

static void
ws_send (SockDemoSink *sink,
         const guint8 *data,
         gsize         len,
         gboolean      binary)
{
  WebsocketSink *self = (WebsocketSink *) sink;
  g_autoptr(GBytes) frame = NULL;

  if (binary)
    return soup_websocket_connection_send_binary (self->ws, data, len);
  frame = g_bytes_new_static (data, len);
  soup_websocket_connection_send_message (self->ws, SOUP_WEBSOCKET_DATA_TEXT, frame);
}

static void
ws_close (SockDemoSink *sink,
          gushort       code,
          const char   *reason)
{
  soup_websocket_connection_close (((WebsocketSink *) sink)->ws, code, reason);
}

static gboolean
ws_is_open (SockDemoSink *sink)
{
  /* libsoup complains about sends on a closing connection; the peer is going anyway. */
  return soup_websocket_connection_get_state (((WebsocketSink *) sink)->ws) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
ws_free (SockDemoSink *sink)
{
  WebsocketSink *self = (WebsocketSink *) sink;

  g_signal_handlers_disconnect_by_data (self->ws, self);
  g_object_unref (self->ws);
  g_free (self);
}

static const SockDemoSinkFuncs websocket_funcs = {
  .type = "websocket",
  .send = ws_send,
  .close = ws_close,
  .is_open = ws_is_open,
  .free = ws_free,
};

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  WebsocketSink *self = user_data;
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);

  _sock_demo_session_receive (self->session, data, len, type == SOUP_WEBSOCKET_DATA_BINARY);
}

/* A write error can close the connection from inside a send: the router frees the session from
 * the main loop. */
static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  _sock_demo_session_closed (((WebsocketSink *) user_data)->session);
}

void
sock_demo_router_accept (SockDemoRouter          *router,
                         SoupWebsocketConnection *connection,
                         GSocketAddress          *peer)
{
  WebsocketSink *sink;

  g_return_if_fail (router != NULL);
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));

  sink = g_new0 (WebsocketSink, 1);
  sink->parent.funcs = &websocket_funcs;
  sink->ws = g_object_ref (connection);
  sink->session = _sock_demo_router_open (router, &sink->parent,
                                          soup_websocket_connection_get_protocol (connection), peer);
  soup_websocket_connection_set_max_incoming_payload_size (connection, MAX_PAYLOAD);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), sink);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), sink);
  _sock_demo_session_start (sink->session);
}
