/* sock-transport-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockTransport's WAMP RawSocket backend (rs://, rss://, unix:///path), the open connection: read
 * frames against the announced maximum (answering pings, handing pongs to the liveness) and write
 * them through one queue. RawSocket has no close frame: a connection ends when either side closes
 * it, and the closed signal says which side did. The opening is in
 * sock-transport-rawsocket-connect.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-safe-text.h"
#include "sock-transport-private.h"

#define READ_CHUNK (64 * 1024)

static void read_more (SockTransport *self);

static void
closed_by_peer (SockTransport *self,
                GError        *error)
{
  g_autoptr(SockTransport) hold = g_object_ref (self);
  g_autoptr(GError) owned = error;

  (void) hold; /* keeps self alive to the end of this function */
  if (owned == NULL)
    owned = g_error_new_literal (SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_CLOSED,
                                 _("The server closed the connection (RawSocket has no close frame, so there "
                                   "is no close code or reason)"));
  if (self->early_window_open)
    {
      sock_handshake_set_connection_error (self->handshake, owned);
      sock_handshake_set_early_close (self->handshake, FALSE, 0, NULL, (g_get_monotonic_time () - self->open_time) / 1000.0);
    }
  _sock_transport_raw_dispose (self);
  self->close_code = 0;
  g_clear_pointer (&self->close_reason, g_free);
  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSED);
  _sock_transport_emit_closed (self, 0, NULL, owned);
  _sock_transport_end_early_window (self);
}

static void
take_frame (SockTransport          *self,
            SockRawsocketFrameType  type,
            GBytes                 *payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);

  switch (type)
    {
    case SOCK_RAWSOCKET_FRAME_PING:
      /* a pong carries the ping's payload back */
      _sock_transport_raw_send (self, SOCK_RAWSOCKET_FRAME_PONG, data, len, NULL);
      break;
    case SOCK_RAWSOCKET_FRAME_PONG:
      if (self->pong_func != NULL)
        self->pong_func (self, data, len, self->pong_func_data);
      break;
    case SOCK_RAWSOCKET_FRAME_MESSAGE:
    default:
      /* JSON goes to the session as text, as over WebSocket */
      _sock_transport_deliver (self,
                               self->raw_serializer == SOCK_RAWSOCKET_SERIALIZER_JSON &&
                               g_utf8_validate ((const char *) data, len, NULL),
                               payload);
      break;
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->raw_stream == NULL)
    return;
  if (n <= 0)
    {
      closed_by_peer (self, g_steal_pointer (&error));
      return;
    }

  sock_rawsocket_reader_push (self->raw_reader, self->raw_read_buffer, n);
  for (;;)
    {
      g_autoptr(GBytes) payload = NULL;
      SockRawsocketFrameType type;

      if (!sock_rawsocket_reader_next (self->raw_reader, &type, &payload, &error))
        break;
      take_frame (self, type, payload);
      if (self->raw_stream == NULL)
        return;
    }
  if (error != NULL)
    {
      /* a frame that breaks the protocol: the stream cannot be followed any further */
      closed_by_peer (self, g_steal_pointer (&error));
      return;
    }
  read_more (self);
}

static void
read_more (SockTransport *self)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (self->raw_stream), self->raw_read_buffer, READ_CHUNK,
                             G_PRIORITY_DEFAULT, self->raw_cancellable, read_cb, g_object_ref (self));
}

static void write_next (SockTransport *self);

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->raw_writing, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->raw_stream != NULL)
        closed_by_peer (self, g_steal_pointer (&error));
      return;
    }
  if (self->raw_stream != NULL)
    write_next (self);
}

static void
write_next (SockTransport *self)
{
  gsize len;
  gconstpointer data;

  if (self->raw_writing != NULL || self->raw_out == NULL || self->raw_out->len == 0)
    return;
  self->raw_writing = g_byte_array_free_to_bytes (g_steal_pointer (&self->raw_out));
  self->raw_out = g_byte_array_new ();
  data = g_bytes_get_data (self->raw_writing, &len);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (self->raw_stream), data, len,
                                   G_PRIORITY_DEFAULT, self->raw_cancellable, write_cb, g_object_ref (self));
}

gboolean
_sock_transport_raw_is_open (SockTransport *self)
{
  return self->raw_stream != NULL && self->state == SOCK_TRANSPORT_OPEN;
}

gboolean
_sock_transport_raw_send (SockTransport           *self,
                          SockRawsocketFrameType   type,
                          gconstpointer            data,
                          gsize                    len,
                          GError                 **error)
{
  guint8 header[SOCK_RAWSOCKET_HEADER_SIZE];

  if (!_sock_transport_raw_is_open (self))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NOT_CONNECTED,
                   _("Not connected: connect first, or reconnect after the server closed"));
      return FALSE;
    }
  if (len > self->raw_peer_max)
    {
      g_autofree char *size = sock_format_number (len);
      g_autofree char *max = sock_format_number (self->raw_peer_max);

      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: counts of bytes, "20,000" and "16,384" */
                   _("The message is %s bytes, but the router accepts at most %s bytes over this RawSocket "
                     "connection"), size, max);
      return FALSE;
    }
  sock_rawsocket_write_header (header, type, len);
  g_byte_array_append (self->raw_out, header, sizeof header);
  g_byte_array_append (self->raw_out, data, len);
  if (type == SOCK_RAWSOCKET_FRAME_MESSAGE)
    {
      self->frames_out++;
      self->bytes_out += len;
    }
  write_next (self);
  return TRUE;
}

static void
close_stream_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
}

/* Drops the connection at once: what is queued and not yet written is lost. */
void
_sock_transport_raw_close (SockTransport *self,
                           gboolean       emit,
                           const char    *reason)
{
  g_autoptr(SockTransport) hold = g_object_ref (self);

  (void) hold; /* keeps self alive to the end of this function */
  if (self->raw_stream == NULL || self->state != SOCK_TRANSPORT_OPEN)
    return;
  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSING);
  g_io_stream_close_async (self->raw_stream, G_PRIORITY_DEFAULT, NULL, close_stream_cb, NULL);
  _sock_transport_raw_dispose (self);
  self->close_code = 0;
  g_free (self->close_reason);
  self->close_reason = g_strdup (reason);
  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSED);
  if (emit)
    _sock_transport_emit_closed (self, 0, reason, NULL);
  _sock_transport_end_early_window (self);
}

void
_sock_transport_raw_dispose (SockTransport *self)
{
  _sock_transport_batch_detach (self);
  if (self->raw_cancellable != NULL)
    g_cancellable_cancel (self->raw_cancellable);
  g_clear_object (&self->raw_cancellable);
  g_clear_object (&self->raw_stream);
  g_clear_object (&self->raw_client);
  g_clear_pointer (&self->raw_reader, sock_rawsocket_reader_free);
  g_clear_pointer (&self->raw_read_buffer, g_free);
  g_clear_pointer (&self->raw_out, g_byte_array_unref);
  g_clear_pointer (&self->raw_writing, g_bytes_unref);
}

/* After the handshake: reads frames up to max_length from here on. */
void
_sock_transport_raw_start (SockTransport *self,
                           gsize          max_length)
{
  self->raw_cancellable = g_cancellable_new ();
  self->raw_read_buffer = g_malloc (READ_CHUNK);
  self->raw_out = g_byte_array_new ();
  self->raw_reader = sock_rawsocket_reader_new (max_length);
  _sock_transport_start_early_window (self);
  _sock_transport_set_state (self, SOCK_TRANSPORT_OPEN);
  _sock_transport_finish_connect (self, NULL);
  if (self->raw_stream != NULL)
    {
      _sock_transport_batch_attach (self, self->raw_stream);
      read_more (self);
    }
}
