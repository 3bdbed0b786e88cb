/* test-health-refuser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "test-health-refuser.h"

#define ABORT "[3,{\"message\":\"no realm here\"},\"wamp.error.no_such_realm\"]"

struct _Refuser
{
  GSocket *listener;
  GThread *thread;
  gint     stopping;
  gint     aborts;
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

/* The upgrade: the request's headers, a 101 with the key's answer and wamp.2.json. */
static gboolean
upgrade (GSocket *socket)
{
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *key = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *response = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  const char *p;
  char c;

  while (!g_str_has_suffix (request->str, "\r\n\r\n") && request->len < 8192)
    {
      if (g_socket_receive (socket, &c, 1, NULL, NULL) != 1)
        return FALSE;
      g_string_append_c (request, c);
    }
  if ((p = strstr (request->str, "Sec-WebSocket-Key:")) == NULL)
    return FALSE;
  p += strlen ("Sec-WebSocket-Key:");
  p += strspn (p, " ");
  key = g_strndup (p, strcspn (p, "\r\n"));
  g_checksum_update (sha1, (const guchar *) key, -1);
  g_checksum_update (sha1, (const guchar *) "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  accept = g_base64_encode (digest, digest_len);
  response = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: wamp.2.json\r\n\r\n", accept);
  return write_all (socket, response, strlen (response));
}

/* Skips one masked client frame; its opcode, or -1. */
static int
skip_frame (GSocket *socket)
{
  guint8 head[14];
  guint64 len;
  char buffer[512];

  if (g_socket_receive (socket, (char *) head, 2, NULL, NULL) != 2)
    return -1;
  len = head[1] & 0x7f;
  if (len >= 126)
    {
      gsize extra = len == 126 ? 2 : 8;

      if (g_socket_receive (socket, (char *) head + 2, extra, NULL, NULL) != (gssize) extra)
        return -1;
      len = 0;
      for (gsize i = 0; i < extra; i++)
        len = (len << 8) | head[2 + i];
    }
  for (len += 4; len > 0;)  /* the mask, then the payload */
    {
      gssize n = g_socket_receive (socket, buffer, MIN (len, sizeof buffer), NULL, NULL);

      if (n <= 0)
        return -1;
      len -= n;
    }
  return head[0] & 0x0f;
}

static gpointer
serve (gpointer data)
{
  Refuser *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(GSocket) socket = g_socket_accept (self->listener, NULL, NULL);
      int opcode;

      if (socket == NULL)
        break;
      g_socket_set_blocking (socket, TRUE);
      g_socket_set_timeout (socket, 10);
      if (!upgrade (socket))
        continue;
      /* the client may ping first; then its HELLO */
      while ((opcode = skip_frame (socket)) == 0x9 || opcode == 0xA)
        ;
      if (opcode == 0x1)
        {
          guint8 frame[2 + sizeof ABORT] = { 0x81, sizeof ABORT - 1 };

          memcpy (frame + 2, ABORT, sizeof ABORT - 1);
          if (write_all (socket, (const char *) frame, 2 + sizeof ABORT - 1))
            g_atomic_int_inc (&self->aborts);
        }
      /* until the client closes */
      while (skip_frame (socket) >= 0)
        ;
      g_socket_close (socket, NULL);
    }
  return NULL;
}

Refuser *
refuser_start (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  Refuser *self;

  if (listener == NULL || !g_socket_bind (listener, address, TRUE, NULL) || !g_socket_listen (listener, NULL))
    return NULL;
  self = g_new0 (Refuser, 1);
  self->listener = g_steal_pointer (&listener);
  self->thread = g_thread_new ("refuser", serve, self);
  return self;
}

guint
refuser_get_aborts (Refuser *self)
{
  return (guint) g_atomic_int_get (&self->aborts);
}

void
refuser_stop (Refuser *self)
{
  g_atomic_int_set (&self->stopping, 1);
  g_socket_shutdown (self->listener, TRUE, TRUE, NULL);
  g_socket_close (self->listener, NULL);
  g_thread_join (self->thread);
  g_object_unref (self->listener);
  g_free (self);
}
