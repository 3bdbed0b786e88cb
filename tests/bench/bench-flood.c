/* bench-flood.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "bench-flood.h"
#include "sock-wamp-message.h"

#define BATCH 2048

struct _BenchFlood
{
  GSocket  *listener;
  GThread  *thread;
  guint     port;
  gint      stopping;
  guint     rate;
  guint64   total;
  guint64   sent;
  GMutex    mutex;
  gint64    step_us;
};

static gboolean
write_all (GSocket    *socket,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = g_socket_send (socket, data, len, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Server frames are unmasked. */
static void
append_frame (GString    *out,
              guint8      opcode,
              const char *payload,
              gsize       len)
{
  g_string_append_c (out, (char)(0x80 | opcode));
  if (len < 126)
    g_string_append_c (out, (char)len);
  else if (len < 65536)
    {
      g_string_append_c (out, 126);
      g_string_append_c (out, (char)(len >> 8));
      g_string_append_c (out, (char)(len & 0xff));
    }
  else
    {
      g_string_append_c (out, 127);
      for (int i = 7; i >= 0; i--)
        g_string_append_c (out, (char)((guint64)len >> (8 * i)));
    }
  g_string_append_len (out, payload, len);
}

/* Reads one masked client frame's payload into out; returns its opcode, or -1 on EOF or an error. */
static int
read_frame (GSocket *socket,
            GString *out)
{
  guint8 head[14];
  guint64 len;
  guint8 mask[4];

  g_string_truncate (out, 0);
  if (g_socket_receive (socket, (char *)head, 2, NULL, NULL) != 2)
    return -1;
  len = head[1] & 0x7f;
  if (len == 126 || len == 127)
    {
      gsize extra = len == 126 ? 2 : 8;

      if (g_socket_receive (socket, (char *)head + 2, extra, NULL, NULL) != (gssize)extra)
        return -1;
      len = 0;
      for (gsize i = 0; i < extra; i++)
        len = (len << 8) | head[2 + i];
    }
  if (len > 1024 * 1024 || g_socket_receive (socket, (char *)mask, 4, NULL, NULL) != 4)
    return -1;

  g_string_set_size (out, len);
  for (gsize got = 0; got < len;)
    {
      gssize n = g_socket_receive (socket, out->str + got, len - got, NULL, NULL);
      if (n <= 0)
        return -1;
      got += n;
    }
  for (gsize i = 0; i < len; i++)
    out->str[i] ^= mask[i % 4];

  return head[0] & 0x0f;
}

/* Answers a ping with its payload; TRUE unless the socket failed. */
static gboolean
pong (GSocket *socket,
      GString *ping)
{
  g_autoptr(GString) frame = g_string_new (NULL);

  append_frame (frame, 0xA, ping->str, MIN (ping->len, 125));
  return write_all (socket, frame->str, frame->len);
}

/* Reads the client's next data frame into out, answering its pings on the way (the client pings
 * as soon as it has connected, then every keepalive interval); FALSE on EOF or a close. */
static gboolean
read_message (GSocket *socket,
              GString *out)
{
  for (;;)
    {
      int opcode = read_frame (socket, out);

      if (opcode < 0 || opcode == 0x8 || (opcode == 0x9 && !pong (socket, out)))
        return FALSE;
      if (opcode != 0x9 && opcode != 0xA)
        return TRUE;
    }
}

/* Between batches of the flood: answers the pings the client sent meanwhile; FALSE once it
 * closed. */
static gboolean
answer_client (GSocket *socket,
               GString *scratch)
{
  while (g_socket_condition_check (socket, G_IO_IN) != 0)
    {
      int opcode = read_frame (socket, scratch);

      if (opcode < 0 || opcode == 0x8 || (opcode == 0x9 && !pong (socket, scratch)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
upgrade (GSocket *socket)
{
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) response = g_string_new (NULL);
  g_autofree char *accept = NULL;
  g_autofree char *key = NULL;
  const char *p;
  char c;

  while (!g_str_has_suffix (request->str, "\r\n\r\n"))
    {
      if (g_socket_receive (socket, &c, 1, NULL, NULL) != 1)
        return FALSE;
      g_string_append_c (request, c);
    }

  if ((p = strstr (request->str, "Sec-WebSocket-Key:")) == NULL)
    return FALSE;
  p += strlen ("Sec-WebSocket-Key:");
  while (*p == ' ')
    p++;
  key = g_strndup (p, strcspn (p, "\r\n"));
  {
    g_autofree char *concat = g_strconcat (key, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", NULL);
    g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
    guint8 digest[20];
    gsize digest_len = sizeof digest;

    g_checksum_update (sha1, (const guchar *)concat, -1);
    g_checksum_get_digest (sha1, digest, &digest_len);
    accept = g_base64_encode (digest, digest_len);
  }

  g_string_printf (response, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: %s\r\n%s\r\n", accept,
                   strstr (request->str, "wamp.2.json") ? "Sec-WebSocket-Protocol: wamp.2.json\r\n" : "");

  return write_all (socket, response->str, response->len);
}

/* Answers HELLO and SUBSCRIBE; returns once the client has subscribed. */
static gboolean
handshake_wamp (GSocket *socket)
{
  g_autoptr(GString) frame = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  while (read_message (socket, frame))
    {
      SockWampMessage message;
      g_autofree char *reply = NULL;

      if (!sock_wamp_decode (SOCK_WAMP_V2, frame->str, frame->len, &message, NULL))
        return FALSE;

      if (message.type == SOCK_WAMP_HELLO)
        reply = g_strdup ("[2,4711,{\"agent\":\"bench flood\",\"roles\":{\"broker\":{},\"dealer\":{}}}]");
      else if (message.type == SOCK_WAMP_SUBSCRIBE)
        reply = g_strdup_printf ("[33,%" G_GINT64_FORMAT ",1]", message.request_id);
      sock_wamp_message_clear (&message);

      if (reply != NULL)
        {
          g_string_truncate (out, 0);
          append_frame (out, 0x1, reply, strlen (reply));
          if (!write_all (socket, out->str, out->len))
            return FALSE;
          if (g_str_has_prefix (reply, "[33,"))
            return TRUE;
        }
    }

  return FALSE;
}

static void
flood (BenchFlood *self,
       GSocket    *socket)
{
  g_autoptr(GString) out = g_string_sized_new (BATCH * 120);
  g_autoptr(GString) scratch = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  guint64 sent = 0;
  char payload[160];

  while (sent < self->total && !g_atomic_int_get (&self->stopping))
    {
      guint64 n = MIN (BATCH, self->total - sent);

      if (self->rate > 0)
        {
          /* pace: never run ahead of rate × elapsed, in steps of step_us, sleeping in between (a
           * busy pacer would compete with the client for this machine's two cores) */
          gint64 elapsed = g_get_monotonic_time () - start;
          guint64 per_step = MAX (1, (guint64)self->rate * self->step_us / G_USEC_PER_SEC);
          guint64 allowed = (guint64)(elapsed / 1e6 * self->rate) + per_step;

          if (sent >= allowed)
            {
              gint64 due = (gint64)((sent + 1 - per_step) * 1e6 / self->rate);

              g_usleep (CLAMP (due - elapsed, 200, self->step_us));
              continue;
            }
          n = MIN (n, allowed - sent);
        }

      g_string_truncate (out, 0);
      for (guint64 i = 0; i < n; i++)
        {
          int len = snprintf (payload, sizeof payload,
                              "[36,1,%" G_GUINT64_FORMAT ",{},[%" G_GUINT64_FORMAT ",\"cpu\",0.42],"
                              "{\"host\":\"bench-%02u\",\"unit\":\"percent\",\"pad\":\"xxxxxxxx\"}]",
                              1000000 + sent + i, sent + i, (guint)((sent + i) % 100));
          append_frame (out, 0x1, payload, len);
        }
      if (!write_all (socket, out->str, out->len) || !answer_client (socket, scratch))
        return;
      sent += n;
      g_mutex_lock (&self->mutex);
      self->sent = sent;
      g_mutex_unlock (&self->mutex);
    }

  /* a normal close */
  g_string_truncate (out, 0);
  append_frame (out, 0x8, "\x03\xe8", 2);
  write_all (socket, out->str, out->len);
}

static gpointer
serve (gpointer data)
{
  BenchFlood *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(GSocket) socket = g_socket_accept (self->listener, NULL, NULL);
      g_autoptr(GString) rest = g_string_new (NULL);

      if (socket == NULL)
        break;
      g_socket_set_blocking (socket, TRUE);
      g_mutex_lock (&self->mutex);
      self->sent = 0;
      g_mutex_unlock (&self->mutex);
      if (upgrade (socket) && handshake_wamp (socket))
        flood (self, socket);
      /* wait for the client's close before dropping the socket */
      g_socket_set_timeout (socket, 5);
      while (read_message (socket, rest))
        ;
      g_socket_close (socket, NULL);
    }

  return NULL;
}

BenchFlood *
bench_flood_new (guint   rate,
                 guint64 total)
{
  BenchFlood *self = g_new0 (BenchFlood, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  self->rate = rate;
  self->total = total;
  /* BENCH_FLOOD_STEP_MS: how the paced flood is batched (a router's publish tick) */
  self->step_us = (g_getenv ("BENCH_FLOOD_STEP_MS") ? g_ascii_strtoll (g_getenv ("BENCH_FLOOD_STEP_MS"), NULL, 10)
                                                    : 10) * 1000;
  self->step_us = CLAMP (self->step_us, 1000, 100000);
  self->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_assert (g_socket_bind (self->listener, address, TRUE, NULL));
  g_assert (g_socket_listen (self->listener, NULL));
  bound = g_socket_get_local_address (self->listener, NULL);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->thread = g_thread_new ("bench-flood", serve, self);

  return self;
}

guint
bench_flood_get_port (BenchFlood *self)
{
  return self->port;
}

char *
bench_flood_dup_url (BenchFlood *self)
{
  return g_strdup_printf ("ws://127.0.0.1:%u/ws", self->port);
}

guint64
bench_flood_get_sent (BenchFlood *self)
{
  guint64 sent;

  g_mutex_lock (&self->mutex);
  sent = self->sent;
  g_mutex_unlock (&self->mutex);

  return sent;
}

void
bench_flood_set_rate (BenchFlood *self,
                      guint       rate,
                      guint64     total)
{
  /* read by the next connection's flood loop */
  self->rate = rate;
  self->total = total;
}

void
bench_flood_free (BenchFlood *self)
{
  g_atomic_int_set (&self->stopping, 1);
  g_socket_shutdown (self->listener, TRUE, TRUE, NULL);
  g_socket_close (self->listener, NULL);
  g_thread_join (self->thread);
  g_object_unref (self->listener);
  g_free (self);
}
