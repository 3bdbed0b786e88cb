/* test-transport-rawsocket-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP RawSocket when something goes wrong, against the demo router's fault listeners: each
 * handshake refusal in words, nothing listening, a silent server hitting the deadline; pings, and
 * a server that stops answering them. Two peers the demo router cannot be are made here from a
 * GSocketService: an HTTP server answering on the port, and a router that sends a frame longer
 * than we accept.
 */

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "rawsocket-test-util.h"
#include "sock-error.h"
#include "sock-rawsocket.h"

/* Opens url and expects it to fail; returns the diagnosis (owned by the connection's caller). */
static SockDiagnosis *
expect_failure (const char  *url,
                guint        timeout_s,
                GQuark       domain,
                int          code,
                const char  *words)
{
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  SockDiagnosis *diagnosis;

  open_url (url, NULL, timeout_s, &connection);
  g_assert_false (connection_open (connection, &error));
  g_assert_error (error, domain, code);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” not in “%s”", words, error->message);
  diagnosis = sock_connection_get_diagnosis (connection);
  g_assert_nonnull (diagnosis);
  g_assert_nonnull (strstr (sock_diagnosis_get_explanation (diagnosis), words));
  return sock_diagnosis_ref (diagnosis);
}

static void
test_rawsocket_refusals (void)
{
  static const struct { SockDemoRawsocketFault fault; int code; const char *words; } cases[] = {
    { SOCK_DEMO_RAWSOCKET_FAULT_SERIALIZER_UNSUPPORTED, SOCK_RAWSOCKET_ERROR_REFUSED_SERIALIZER,
      "does not support the JSON serializer" },
    { SOCK_DEMO_RAWSOCKET_FAULT_LENGTH_UNACCEPTABLE, SOCK_RAWSOCKET_ERROR_REFUSED_LENGTH, "maximum message length" },
    { SOCK_DEMO_RAWSOCKET_FAULT_RESERVED_BITS, SOCK_RAWSOCKET_ERROR_REFUSED_RESERVED_BITS, "reserved bits" },
    { SOCK_DEMO_RAWSOCKET_FAULT_CONNECTION_LIMIT, SOCK_RAWSOCKET_ERROR_REFUSED_CONNECTION_LIMIT,
      "maximum number of connections" },
  };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("rs://127.0.0.1:%u",
                                              sock_demo_server_get_rawsocket_fault_port (server, cases[i].fault));
      g_autoptr(SockDiagnosis) diagnosis = expect_failure (url, 10, SOCK_RAWSOCKET_ERROR, cases[i].code,
                                                           cases[i].words);

      g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "rawsocket-refused");
      g_assert_cmpstr (sock_diagnosis_get_title (diagnosis), ==, "The router refused the RawSocket handshake");
    }
  sock_demo_server_stop (server);
}

/* Nothing listening: the words name the router's RawSocket listener (TCP) or the Unix socket. */
static void
test_rawsocket_connection_refused (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sock-rs-refused-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "router.sock", NULL);
  g_autofree char *unix_url = g_strconcat ("unix://", path, NULL);
  g_autoptr(GSocket) bound = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  SockDiagnosis *diagnosis;
  const char * const *hints;

  /* a port that was the demo's RawSocket listener a moment ago */
  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_rawsocket_url (server);
  sock_demo_server_stop (server);
  {
    g_autoptr(SockConnection) connection = NULL;

    open_url (url, NULL, 10, &connection);
    g_assert_false (connection_open (connection, &error));
    g_clear_error (&error);
    diagnosis = sock_connection_get_diagnosis (connection);
    g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "connection-refused");
    hints = sock_diagnosis_get_hints (diagnosis);
    g_assert_nonnull (hints);
    g_assert_true (g_str_has_prefix (hints[0], "Check that the router's RawSocket listener is running"));
  }

  /* a Unix socket bound but not listening refuses connections */
  g_assert_nonnull (dir);
  bound = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (path);
  g_assert_true (g_socket_bind (bound, address, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SockConnection) connection = NULL;

    open_url (unix_url, NULL, 10, &connection);
    g_assert_false (connection_open (connection, &error));
    g_clear_error (&error);
    diagnosis = sock_connection_get_diagnosis (connection);
    g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "connection-refused");
    g_assert_nonnull (strstr (sock_diagnosis_get_explanation (diagnosis), path));
    g_assert_null (strstr (sock_diagnosis_get_explanation (diagnosis), "port"));
    hints = sock_diagnosis_get_hints (diagnosis);
    g_assert_nonnull (hints);
    g_assert_true (g_str_has_prefix (hints[0], "Check that the router is running and listens on"));
  }
  g_socket_close (bound, NULL);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_rawsocket_silent (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = g_strdup_printf ("rs://127.0.0.1:%u",
                         sock_demo_server_get_rawsocket_fault_port (server, SOCK_DEMO_RAWSOCKET_FAULT_STALL));
  diagnosis = expect_failure (url, 1, SOCK_ERROR, SOCK_ERROR_TIMED_OUT,
                              "did not answer the RawSocket handshake within 1 s");
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "rawsocket-silent");
  sock_demo_server_stop (server);
}

/* A peer made here, in a thread of its own: reads the hello, answers every connection with the
 * given bytes, then keeps it open until the client closes it. Its answer belongs to the "run"
 * handler: a connection's thread may still be writing it after the test stopped the peer (the
 * service lives until its threads are done, and the handler's data with it). */
typedef struct
{
  GSocketService *service;
  guint16         port;
} Peer;

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        GBytes                 *answer)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (answer, &len);
  guint8 buffer[256];
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  g_input_stream_read_all (in, buffer, SOCK_RAWSOCKET_HANDSHAKE_SIZE, NULL, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), data, len, NULL, NULL, NULL);
  while (g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL) > 0)
    ;
  return TRUE;
}

static void
unref_answer (gpointer  answer,
              GClosure *closure)
{
  g_bytes_unref (answer);
}

static void
peer_start (Peer         *peer,
            const guint8 *answer,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  peer->service = g_threaded_socket_service_new (4);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (peer->service), address, G_SOCKET_TYPE_STREAM,
                                                  G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error));
    g_assert_no_error (error);
    peer->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  g_signal_connect_data (peer->service, "run", G_CALLBACK (on_run), g_bytes_new (answer, len), unref_answer, 0);
  g_socket_service_start (peer->service);
}

static void
peer_stop (Peer *peer)
{
  g_socket_service_stop (peer->service);
  g_socket_listener_close (G_SOCKET_LISTENER (peer->service));
  g_clear_object (&peer->service);
}

static void
test_rawsocket_http_server (void)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  Peer peer = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;

  peer_start (&peer, (const guint8 *) answer, strlen (answer));
  url = g_strdup_printf ("rs://127.0.0.1:%u", peer.port);
  diagnosis = expect_failure (url, 10, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET, "web server");
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "rawsocket-refused");
  g_assert_nonnull (strstr (sock_diagnosis_get_explanation (diagnosis), "“HTTP/1.1 400 Bad Request”"));
  g_assert_cmpstr (sock_diagnosis_get_title (diagnosis), ==, "This is not a RawSocket router");
  peer_stop (&peer);
}

/* The router accepts, then sends a message longer than the 1 KiB we announced. */
static void
test_rawsocket_too_long (void)
{
  static const guint8 answer[] = { 0x7f, 0xf1, 0, 0, 0, 0, 0x08, 0x00, '[' };
  Peer peer = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason;

  peer_start (&peer, answer, sizeof answer);
  url = g_strdup_printf ("rs://127.0.0.1:%u", peer.port);
  open_url_with (url, NULL, 10, 0, 0, 1024, &connection);
  g_assert_false (connection_open (connection, &error));
  WAIT_FOR_WHAT (sock_connection_get_state (connection) == SOCK_CONNECTION_CLOSED, "the connection to close");
  reason = sock_connection_get_close_reason (connection);
  g_assert_nonnull (reason);
  if (strstr (reason, "2048 bytes") == NULL || strstr (reason, "1024 bytes") == NULL)
    g_error ("unexpected close reason “%s”", reason);
  peer_stop (&peer);
}

static void
test_rawsocket_pings (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *frozen = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(SockConnection) deaf = NULL;
  SockRtt rtt;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_rawsocket_url (server);
  open_url_with (url, NULL, 10, 1, 2000, 0, &connection);
  g_assert_true (connection_open (connection, &error));
  WAIT_FOR_WHAT (sock_connection_get_rtt (connection, &rtt) && rtt.n_samples >= 2, "two RawSocket pongs");
  g_assert_cmpint (rtt.min_us, >, 0);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);
  connection_close (connection);

  /* a router that never answers a ping is learnt as one without pings (as over WebSocket) */
  frozen = g_strdup_printf ("rs://127.0.0.1:%u",
                            sock_demo_server_get_rawsocket_fault_port (server, SOCK_DEMO_RAWSOCKET_FAULT_NO_PONG));
  open_url_with (frozen, NULL, 10, 1, 500, 0, &deaf);
  g_assert_true (connection_open (deaf, &error));
  g_assert_no_error (error);
  WAIT_FOR (has_marker (sock_connection_get_log (deaf), "The server answers no RawSocket ping"));
  g_assert_false (has_marker (sock_connection_get_log (deaf), "WebSocket"));
  g_assert_false (sock_connection_get_rtt (deaf, &rtt));
  connection_close (deaf);
  sock_demo_server_stop (server);
}

/* A peer that answers the handshake, HELLO with a WELCOME and the first two pings, then no more. */
static gboolean
on_run_pongs (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source,
              gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static const guint8 reply[] = { 0x7f, 0xf1, 0, 0 };
  guint8 header[SOCK_RAWSOCKET_HEADER_SIZE];
  guint8 payload[1024];
  guint pongs = 0;
  gsize n = 0;

  if (!g_input_stream_read_all (in, header, sizeof header, &n, NULL, NULL) || n < sizeof header ||
      !g_output_stream_write_all (out, reply, sizeof reply, NULL, NULL, NULL))
    return TRUE;
  while (g_input_stream_read_all (in, header, sizeof header, &n, NULL, NULL) && n == sizeof header)
    {
      gsize len = ((gsize) header[1] << 16) | ((gsize) header[2] << 8) | header[3];

      if (len > sizeof payload || !g_input_stream_read_all (in, payload, len, &n, NULL, NULL) || n < len)
        break;
      if (header[0] == SOCK_RAWSOCKET_FRAME_MESSAGE && len > 3 && memcmp (payload, "[1,", 3) == 0)
        {
          static const char welcome[] = "[2,1,{\"roles\":{\"broker\":{},\"dealer\":{}}}]";

          sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_MESSAGE, strlen (welcome));
          g_output_stream_write_all (out, header, sizeof header, NULL, NULL, NULL);
          g_output_stream_write_all (out, welcome, strlen (welcome), NULL, NULL, NULL);
        }
      else if (header[0] == SOCK_RAWSOCKET_FRAME_PING && pongs++ < 2)
        {
          sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_PONG, len);
          g_output_stream_write_all (out, header, sizeof header, NULL, NULL, NULL);
          g_output_stream_write_all (out, payload, len, NULL, NULL, NULL);
        }
    }
  return TRUE;
}

static void
test_rawsocket_stops_answering (void)
{
  Peer peer = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  SockRtt rtt;

  peer_start (&peer, (const guint8 *) "", 0);
  g_signal_handlers_disconnect_matched (peer.service, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_run, NULL);
  g_signal_connect (peer.service, "run", G_CALLBACK (on_run_pongs), NULL);
  url = g_strdup_printf ("rs://127.0.0.1:%u", peer.port);
  open_url_with (url, NULL, 10, 1, 500, 0, &connection);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  WAIT_FOR_WHAT (sock_connection_get_rtt (connection, &rtt) && rtt.n_samples == 2, "two pongs");
  WAIT_FOR_WHAT (sock_connection_get_state (connection) == SOCK_CONNECTION_NOT_RESPONDING, "not responding");
  g_assert_nonnull (strstr (sock_connection_get_close_reason (connection), "No answer to a ping within 0.5 s"));
  connection_close (connection);
  peer_stop (&peer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/transport-rawsocket/refusals", test_rawsocket_refusals);
  g_test_add_func ("/sockscope/transport-rawsocket/silent", test_rawsocket_silent);
  g_test_add_func ("/sockscope/transport-rawsocket/connection-refused", test_rawsocket_connection_refused);
  g_test_add_func ("/sockscope/transport-rawsocket/http-server", test_rawsocket_http_server);
  g_test_add_func ("/sockscope/transport-rawsocket/too-long", test_rawsocket_too_long);
  g_test_add_func ("/sockscope/transport-rawsocket/pings", test_rawsocket_pings);
  g_test_add_func ("/sockscope/transport-rawsocket/stops-answering", test_rawsocket_stops_answering);

  return g_test_run ();
}
