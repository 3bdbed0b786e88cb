/* test-ws-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts of a hand-written WebSocket server on 127.0.0.1 that test and benchmark servers share
 * (the window benchmark's flood source, ui-health's refusing router): a listener that serves each
 * connection on its own thread, the upgrade, and reading and writing frames with plain blocking
 * socket calls. What a server answers stays with it.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

/* Requests longer than this are refused; so are client frames over TEST_WS_MAX_FRAME bytes. */
#define TEST_WS_MAX_REQUEST 8192
#define TEST_WS_MAX_FRAME (1024 * 1024)

static G_GNUC_UNUSED gboolean
test_ws_write_all (GSocket    *socket,
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

/* Appends a server frame (unmasked) to out. */
static G_GNUC_UNUSED void
test_ws_append_frame (GString    *out,
                      guint8      opcode,
                      const char *payload,
                      gsize       len)
{
  g_string_append_c (out, (char) (0x80 | opcode));
  if (len < 126)
    g_string_append_c (out, (char) len);
  else if (len < 65536)
    {
      g_string_append_c (out, 126);
      g_string_append_c (out, (char) (len >> 8));
      g_string_append_c (out, (char) (len & 0xff));
    }
  else
    {
      g_string_append_c (out, 127);
      for (int i = 7; i >= 0; i--)
        g_string_append_c (out, (char) ((guint64) len >> (8 * i)));
    }
  g_string_append_len (out, payload, len);
}

/* Reads one masked client frame's payload into out (unmasked); its opcode, or -1 on EOF, an error
 * or a frame over TEST_WS_MAX_FRAME. */
static G_GNUC_UNUSED int
test_ws_read_frame (GSocket *socket,
                    GString *out)
{
  guint8 head[14];
  guint64 len;
  guint8 mask[4];

  g_string_truncate (out, 0);
  if (g_socket_receive (socket, (char *) head, 2, NULL, NULL) != 2)
    return -1;
  len = head[1] & 0x7f;
  if (len == 126 || len == 127)
    {
      gsize extra = len == 126 ? 2 : 8;

      if (g_socket_receive (socket, (char *) head + 2, extra, NULL, NULL) != (gssize) extra)
        return -1;
      len = 0;
      for (gsize i = 0; i < extra; i++)
        len = (len << 8) | head[2 + i];
    }
  if (len > TEST_WS_MAX_FRAME || g_socket_receive (socket, (char *) mask, 4, NULL, NULL) != 4)
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

/* Reads the upgrade request and answers 101, with protocol when the request names it. */
static G_GNUC_UNUSED gboolean
test_ws_upgrade (GSocket    *socket,
                 const char *protocol)
{
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *key = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *response = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  const char *p;
  gboolean offered;
  char c;

  while (!g_str_has_suffix (request->str, "\r\n\r\n"))
    {
      if (request->len >= TEST_WS_MAX_REQUEST || g_socket_receive (socket, &c, 1, NULL, NULL) != 1)
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
  offered = protocol != NULL && strstr (request->str, protocol) != NULL;
  response = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: %s\r\n%s%s%s\r\n", accept,
                              offered ? "Sec-WebSocket-Protocol: " : "", offered ? protocol : "",
                              offered ? "\r\n" : "");
  return test_ws_write_all (socket, response, strlen (response));
}

/* A listener on 127.0.0.1 whose thread accepts one connection at a time and hands it, blocking,
 * to serve; the socket is closed when serve returns. */
typedef void (*TestWsServe) (GSocket *socket, gpointer user_data);

typedef struct
{
  GSocket *listener;
  GThread *thread;
  guint port;
  gint stopping;
  TestWsServe serve;
  gpointer user_data;
} TestWsListener;

static G_GNUC_UNUSED gpointer
test_ws_listener_thread (gpointer data)
{
  TestWsListener *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(GSocket) socket = g_socket_accept (self->listener, NULL, NULL);

      if (socket == NULL)
        break;
      g_socket_set_blocking (socket, TRUE);
      self->serve (socket, self->user_data);
      g_socket_close (socket, NULL);
    }
  return NULL;
}

/* port 0: any free port (read it from ->port). NULL when port cannot be bound (yet). */
static G_GNUC_UNUSED TestWsListener *
test_ws_listener_new (guint        port,
                      const char  *thread_name,
                      TestWsServe  serve,
                      gpointer     user_data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GSocketAddress) bound = NULL;
  TestWsListener *self;

  if (listener == NULL || !g_socket_bind (listener, address, TRUE, NULL) || !g_socket_listen (listener, NULL) ||
      (bound = g_socket_get_local_address (listener, NULL)) == NULL)
    return NULL;
  self = g_new0 (TestWsListener, 1);
  self->listener = g_steal_pointer (&listener);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->serve = serve;
  self->user_data = user_data;
  self->thread = g_thread_new (thread_name, test_ws_listener_thread, self);
  return self;
}

/* Stops accepting and waits for the connection being served to end. */
static G_GNUC_UNUSED void
test_ws_listener_free (TestWsListener *self)
{
  g_atomic_int_set (&self->stopping, 1);
  g_socket_shutdown (self->listener, TRUE, TRUE, NULL);
  g_socket_close (self->listener, NULL);
  g_thread_join (self->thread);
  g_object_unref (self->listener);
  g_free (self);
}
