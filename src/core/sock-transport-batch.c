/* sock-transport-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads in batches while a connection floods.
 *
 * A read costs the thread that runs the connection far more than the messages it brings: each
 * time the socket becomes readable the main loop wakes, and the wakeup takes several system calls
 * (GLib's own eventfd, GDK polling its display connection, the reads). A server that writes a few
 * messages at a time wakes it thousands of times a second, ~13 µs each.
 *
 * While messages come faster than FLOOD_FRAMES per FLOOD_WINDOW_MS, the socket's receive low-water
 * mark (SO_RCVLOWAT) keeps poll() quiet until BATCH_BYTES have arrived, and a timer every BATCH_MS
 * lowers the mark to one byte so that whatever did arrive is read at the next turn of the loop; the
 * first message read raises it again. A message waits BATCH_MS at the most, and only during a flood;
 * a ping lowers the mark at once, so that the round-trip time is not inflated. The end of the stream
 * and socket errors wake poll() whatever the mark. Below half the rate the batching stops.
 *
 * A non-blocking read returns what is there regardless of the mark, so nothing else changes: the
 * reader (libsoup's, or the RawSocket one) still reads all that is available each time it wakes.
 */

#include "config.h"

#include <gio/gio.h>
#ifdef G_OS_UNIX
#include <sys/socket.h>
#endif

#include "sock-transport-private.h"

#define FLOOD_FRAMES     100
#define FLOOD_WINDOW_MS  100
#define BATCH_MS         8
#define BATCH_BYTES      (32 * 1024)
/* ticks in a window of FLOOD_WINDOW_MS, to tell when the flood is over */
#define WINDOW_TICKS     (FLOOD_WINDOW_MS / BATCH_MS)

static gboolean
set_low_water (SockTransport *self,
               int            bytes)
{
#ifdef SO_RCVLOWAT
  return g_socket_set_option (self->batch_socket, SOL_SOCKET, SO_RCVLOWAT, bytes, NULL);
#else
  return FALSE;
#endif
}

/* The TCP socket under a connection's stream: a GSocketConnection, possibly under TLS and under
 * libsoup's own wrapper of the stream it took over from the HTTP connection. */
static GSocket *
find_tcp_socket (GIOStream *stream)
{
  g_autoptr(GIOStream) current = g_object_ref (stream);

  for (guint depth = 0; depth < 4; depth++)
    {
      GObjectClass *klass = G_OBJECT_GET_CLASS (current);
      GParamSpec *base = NULL;
      g_autoptr(GIOStream) next = NULL;

      if (G_IS_SOCKET_CONNECTION (current))
        {
          GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (current));
          GSocketFamily family = g_socket_get_family (socket);

          if ((family != G_SOCKET_FAMILY_IPV4 && family != G_SOCKET_FAMILY_IPV6) ||
              g_socket_get_socket_type (socket) != G_SOCKET_TYPE_STREAM)
            return NULL;
          return g_object_ref (socket);
        }
      /* GTlsConnection's "base-io-stream", libsoup's SoupIOStream "base-iostream" */
      base = g_object_class_find_property (klass, "base-io-stream");
      if (base == NULL)
        base = g_object_class_find_property (klass, "base-iostream");
      if (base == NULL || !(base->flags & G_PARAM_READABLE) ||
          !g_type_is_a (base->value_type, G_TYPE_IO_STREAM))
        return NULL;
      g_object_get (current, base->name, &next, NULL);
      if (next == NULL)
        return NULL;
      g_set_object (&current, next);
    }

  return NULL;
}

static void
stop_batching (SockTransport *self)
{
  if (self->batch_source == NULL)
    return;

  _sock_source_clear (&self->batch_source);
  set_low_water (self, 1);
  self->batch_lowered = FALSE;
  self->batch_window_start = g_get_monotonic_time ();
  self->batch_window_frames = self->frames_in;
}

static gboolean
batch_tick_cb (gpointer user_data)
{
  SockTransport *self = user_data;

  if (++self->batch_ticks == WINDOW_TICKS)
    {
      gboolean over = self->frames_in - self->batch_window_frames < FLOOD_FRAMES / 2;

      self->batch_ticks = 0;
      self->batch_window_frames = self->frames_in;
      if (over)
        {
          /* GLib holds the source until this returns */
          stop_batching (self);
          return G_SOURCE_REMOVE;
        }
    }
  if (!self->batch_lowered)
    self->batch_lowered = set_low_water (self, 1);

  return G_SOURCE_CONTINUE;
}

static void
start_batching (SockTransport *self)
{
  if (!set_low_water (self, BATCH_BYTES))
    {
      /* not supported here: read as before */
      g_clear_object (&self->batch_socket);
      return;
    }
  self->batch_lowered = FALSE;
  self->batch_window_frames = self->frames_in;
  self->batch_ticks = 0;
  self->batch_source = _sock_timeout_add (BATCH_MS, batch_tick_cb, self);
  g_source_set_static_name (self->batch_source, "[sockscope] batched reads");
}

void
_sock_transport_batch_attach (SockTransport *self,
                              GIOStream     *stream)
{
  _sock_transport_batch_detach (self);
  if (stream == NULL)
    return;
  self->batch_socket = find_tcp_socket (stream);
  self->batch_window_start = g_get_monotonic_time ();
  self->batch_window_frames = self->frames_in;
}

void
_sock_transport_batch_detach (SockTransport *self)
{
  if (self->batch_socket == NULL)
    return;
  if (self->batch_source != NULL && !g_socket_is_closed (self->batch_socket))
    stop_batching (self);
  _sock_source_clear (&self->batch_source);
  g_clear_object (&self->batch_socket);
}

void
_sock_transport_batch_frame (SockTransport *self)
{
  gint64 now;

  if (self->batch_source != NULL)
    {
      if (self->batch_lowered && set_low_water (self, BATCH_BYTES))
        {
          self->batch_lowered = FALSE;
          self->batch_reads++;
        }
      return;
    }
  if (self->frames_in - self->batch_window_frames < FLOOD_FRAMES)
    return;
  now = g_get_monotonic_time ();
  if (now - self->batch_window_start < FLOOD_WINDOW_MS * 1000)
    start_batching (self);
  self->batch_window_start = now;
  self->batch_window_frames = self->frames_in;
}

void
_sock_transport_batch_wake (SockTransport *self)
{
  if (self->batch_source != NULL && !self->batch_lowered)
    self->batch_lowered = set_low_water (self, 1);
}

guint64
_sock_transport_batch_get_reads (SockTransport *self)
{
  return self->batch_reads;
}

int
_sock_transport_batch_get_low_water (SockTransport *self)
{
#ifdef SO_RCVLOWAT
  int value = 0;

  if (self->batch_socket == NULL ||
      !g_socket_get_option (self->batch_socket, SOL_SOCKET, SO_RCVLOWAT, &value, NULL))
    return -1;
  return value;
#else
  return -1;
#endif
}
