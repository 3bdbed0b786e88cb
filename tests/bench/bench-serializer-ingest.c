/* bench-serializer-ingest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ingest of the same EVENTs as JSON text frames, MessagePack and CBOR
 * binary frames, side by side in one run: a sender thread writes pre-built
 * frames to a libsoup client on 127.0.0.1 as fast as the socket takes them,
 * and the client decodes each frame as the WAMP v2 session does, with
 * sock_wamp_decode_serialized() (JSON: the codec; binary: transcoded to JSON
 * once, the codec reading the elements the transcoder noted). This is the
 * transport + codec part of the ingest, which is where the serializers differ.
 * Each is also run without decoding, to show libsoup's own share. Rates are
 * per CPU second of the receiving thread.
 * Usage: bench-serializer-ingest [EVENTS] (default 300000, three rounds)
 */

#include <libsoup/soup.h>
#include <string.h>
#include <time.h>

#include "sock-wamp-message.h"
#include "sock-wamp-serializer.h"

typedef struct
{
  GSocket   *listener;
  GBytes    *frames;      /* every event's WebSocket frame, back to back */
  const char *protocol;
} Sender;

typedef struct
{
  GMainLoop          *loop;
  SockWampSerializer  serializer;
  guint64             total;
  guint64             received;
  double              first;   /* CPU seconds of the receiving thread */
  double              last;
  GString            *json;
  gboolean            decode;
} Receiver;

static void
append_frame (GByteArray   *out,
              guint8        opcode,
              const guint8 *payload,
              gsize         len)
{
  guint8 head[4] = { 0x80 | opcode, len < 126 ? len : 126, len >> 8, len & 0xff };

  g_assert (len < 65536);
  g_byte_array_append (out, head, len < 126 ? 2 : 4);
  g_byte_array_append (out, payload, len);
}

static GBytes *
make_frames (SockWampSerializer serializer,
             guint64            total)
{
  GByteArray *out = g_byte_array_sized_new (total * 100);
  g_autoptr(GByteArray) one = g_byte_array_new ();

  for (guint64 i = 0; i < total; i++)
    {
      g_autofree char *json = g_strdup_printf ("[36,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",{\"topic\":"
                                               "\"com.myapp.topic%u\"},[\"Hello!\",%u],{\"color\":\"orange\","
                                               "\"sizes\":[23,42,7]}]", G_GINT64_CONSTANT (5512315355) + i % 16,
                                               G_GINT64_CONSTANT (4429313566) + i, (guint) (i % 100), (guint) i);

      g_byte_array_set_size (one, 0);
      g_assert (sock_wamp_serializer_from_json (serializer, json, strlen (json), one, NULL));
      append_frame (out, sock_wamp_serializer_is_binary (serializer) ? 0x2 : 0x1, one->data, one->len);
    }
  return g_byte_array_free_to_bytes (out);
}

static gpointer
send_frames (gpointer data)
{
  Sender *sender = data;
  g_autoptr(GSocket) socket = g_socket_accept (sender->listener, NULL, NULL);
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *accept = NULL, *response = NULL;
  gsize len;
  const char *frames = g_bytes_get_data (sender->frames, &len), *key;
  char c;

  g_assert (socket != NULL);
  while (!g_str_has_suffix (request->str, "\r\n\r\n") && g_socket_receive (socket, &c, 1, NULL, NULL) == 1)
    g_string_append_c (request, c);
  key = strstr (request->str, "Sec-WebSocket-Key: ");
  g_assert (key != NULL);
  {
    g_autofree char *concat = g_strdup_printf ("%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                               (int) strcspn (key + 19, "\r\n"), key + 19);
    g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
    guint8 digest[20];
    gsize digest_len = sizeof digest;

    g_checksum_update (sha1, (const guchar *) concat, -1);
    g_checksum_get_digest (sha1, digest, &digest_len);
    accept = g_base64_encode (digest, digest_len);
  }
  response = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: %s\r\n\r\n", accept,
                              sender->protocol);
  g_socket_send (socket, response, strlen (response), NULL, NULL);
  for (gsize sent = 0; sent < len;)
    {
      gssize n = g_socket_send (socket, frames + sent, len - sent, NULL, NULL);

      if (n <= 0)
        break;
      sent += n;
    }
  /* Stay until the client has read everything and closes. */
  while (g_socket_receive (socket, &c, 1, NULL, NULL) > 0)
    ;
  return NULL;
}

/* The receiving thread's CPU time: the machine is shared, and wall time would
 * measure the neighbours as much as libsoup and the codec. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
on_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            Receiver                *r)
{
  SockWampMessage msg;
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);
  const char *text = (const char *) data;

  if (!r->decode)
    goto counted;
  if (!sock_wamp_decode_serialized (r->serializer, (const guint8 *) text, len, r->json, &msg, NULL))
    g_error ("decode failed");
  sock_wamp_message_clear (&msg);
counted:
  if (r->received++ == 0)
    r->first = cpu_seconds ();
  if (r->received == r->total)
    {
      r->last = cpu_seconds ();
      g_main_loop_quit (r->loop);
    }
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Receiver *r = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (connection == NULL)
    g_error ("connect: %s", error->message);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), r);
  g_object_set_data_full (G_OBJECT (object), "connection", connection, g_object_unref);
}

static double
run (SockWampSerializer serializer,
     GBytes            *frames,
     guint64            total,
     gboolean           decode)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  const char *protocols[] = { sock_wamp_serializer_to_subprotocol (serializer, FALSE), NULL };
  Sender sender = { g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL), frames, protocols[0] };
  Receiver r = { g_main_loop_new (NULL, FALSE), serializer, total, 0, 0.0, 0.0, g_string_sized_new (256), decode };
  GThread *thread;

  g_assert (g_socket_bind (sender.listener, address, TRUE, NULL) && g_socket_listen (sender.listener, NULL));
  bound = g_socket_get_local_address (sender.listener, NULL);
  url = g_strdup_printf ("ws://127.0.0.1:%u/ws", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  thread = g_thread_new ("sender", send_frames, &sender);
  message = soup_message_new ("GET", url);
  soup_session_websocket_connect_async (session, message, NULL, (char **) protocols, G_PRIORITY_DEFAULT, NULL,
                                        on_connected, &r);
  g_main_loop_run (r.loop);
  g_object_set_data (G_OBJECT (session), "connection", NULL);  /* closes the socket: the sender ends */
  g_thread_join (thread);
  g_object_unref (sender.listener);
  g_main_loop_unref (r.loop);
  g_string_free (r.json, TRUE);
  return (total - 1) / (r.last - r.first);
}

static void
drop_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
}

int
main (int   argc,
      char *argv[])
{
  guint64 total = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 300000;
  const SockWampSerializer all[] = { SOCK_WAMP_SERIALIZER_JSON, SOCK_WAMP_SERIALIZER_MSGPACK,
                                     SOCK_WAMP_SERIALIZER_CBOR };
  GBytes *frames[3];
  double best[3] = { 0 }, bare[3] = { 0 };

  /* libsoup's per-frame g_debug costs 5-8% unless dropped (as sock-transport.c does). */
  g_log_set_handler ("libsoup", G_LOG_LEVEL_DEBUG, drop_log, NULL);
  for (guint s = 0; s < 3; s++)
    frames[s] = make_frames (all[s], total);
  /* Interleaved rounds, best of three: a shared machine's neighbours slow any one run. */
  for (guint round = 0; round < 3; round++)
    for (guint s = 0; s < 3; s++)
      {
        best[s] = MAX (best[s], run (all[s], frames[s], total, TRUE));
        bare[s] = MAX (bare[s], run (all[s], frames[s], total, FALSE));
      }
  g_print ("EVENTs through libsoup + decode, %" G_GUINT64_FORMAT " per run, best of 3 interleaved rounds,\n"
           "per CPU second of the receiving thread:\n", total);
  for (guint s = 0; s < 3; s++)
    {
      g_print ("%-12s %10.0f events/s (%.2fx JSON), frames %" G_GSIZE_FORMAT " bytes on average; "
               "libsoup alone (no decode): %.0f/s (%.2fx)\n",
               sock_wamp_serializer_get_name (all[s]), best[s], best[s] / best[0],
               g_bytes_get_size (frames[s]) / total, bare[s], bare[s] / bare[0]);
      g_bytes_unref (frames[s]);
    }
  return 0;
}
