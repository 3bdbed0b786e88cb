/* test-transport-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP RawSocket connections that work: join, subscribe and call on the demo router's TCP port and
 * Unix socket in every serializer, rss:// through a TLS terminator made here, the CLI's call and
 * probe, and which URLs are RawSocket ones. What goes wrong (refusals, deadlines, oversized frames,
 * pings left unanswered) is test-transport-rawsocket-faults.c.
 */

#include "rawsocket-test-util.h"
#include "sock-demo-cert.h"
#include "sock-error.h"

static void
join_subscribe_call (const char *url,
                     const char *protocol)
{
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) add = json_array_new ();
  g_autoptr(GError) error = NULL;
  SockSession *session;
  SockCallResult *call;
  SockHandshake *handshake;

  open_url (url, protocol, 10, &connection);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  handshake = sock_connection_get_handshake (connection);
  g_assert_cmpstr (sock_handshake_get_protocol (handshake), ==, protocol ? protocol : "wamp.2.json");
  g_assert_true (g_str_has_prefix (sock_handshake_get_request_line (handshake), "RAWSOCKET 7F F"));
  g_assert_nonnull (sock_handshake_lookup_response_header (handshake, "RawSocket-Reply"));

  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP2);
  g_assert_cmpint (session_subscribe (connection, "demo.rawsocket", SOCK_MATCH_EXACT), >, 0);

  json_array_add_int_element (add, 40);
  json_array_add_int_element (add, 2);
  sock_session_call_async (session, "demo.add", add, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  call = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->args, ==, "[42]");
  sock_call_result_free (call);
  g_assert_cmpuint (count_records (sock_connection_get_log (connection), SOCK_LOG_DIRECTION_IN,
                                   SOCK_LOG_KIND_WAMP2, 50 /* RESULT */), ==, 1);

  /* the statistics count what the log holds: payloads, not RawSocket headers */
  {
    SockMessageLog *log = sock_connection_get_log (connection);
    SockTransport *transport = sock_connection_get_transport (connection);
    guint64 bytes = 0, frames = 0;

    for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
      {
        SockLogEntry entry;
        const guint8 *raw;
        gsize len;

        if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.direction == SOCK_LOG_DIRECTION_IN &&
            entry.kind != SOCK_LOG_KIND_MARKER)
          {
            bytes += len;
            frames++;
          }
      }
    g_assert_cmpuint (sock_transport_get_frames_in (transport), ==, frames);
    g_assert_cmpuint (sock_transport_get_bytes_in (transport), ==, bytes);
  }

  connection_close (connection);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
}

static void
test_rawsocket_join (gconstpointer data)
{
  const char *const *what = data;   /* { "tcp" | "unix", protocol-or-NULL } */
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = g_str_equal (what[0], "unix") ? sock_demo_server_dup_rawsocket_unix_url (server)
                                      : sock_demo_server_dup_rawsocket_url (server);
  join_subscribe_call (url, what[1]);
  sock_demo_server_stop (server);
}

/* rss://: a TLS terminator made here in front of the demo router's RawSocket port. */
typedef struct
{
  GSocketService  *service;
  guint16          port;
  GTlsCertificate *certificate;
  guint            backend_port;
} Terminator;

static void
splice_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_splice_finish (result, NULL);
}

static void
backend_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GIOStream) tls = user_data;
  g_autoptr(GSocketConnection) backend = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, NULL);

  if (backend != NULL)
    g_io_stream_splice_async (tls, G_IO_STREAM (backend), G_IO_STREAM_SPLICE_CLOSE_STREAM1 |
                              G_IO_STREAM_SPLICE_CLOSE_STREAM2, G_PRIORITY_DEFAULT, NULL, splice_cb, NULL);
}

static gboolean
on_tls_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 Terminator        *terminator)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), terminator->certificate, NULL);

  g_socket_client_connect_to_host_async (client, "127.0.0.1", terminator->backend_port, NULL, backend_cb, tls);
  return TRUE;
}

static void
test_rawsocket_tls (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(SockDemoCert) cert = sock_demo_cert_generate (NULL);
  g_autofree char *pem = g_strconcat (cert->cert_pem, cert->key_pem, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Terminator terminator = { 0 };

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  terminator.backend_port = sock_demo_server_get_rawsocket_port (server);
  terminator.certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  terminator.service = g_socket_service_new ();
  terminator.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (terminator.service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (terminator.service, "incoming", G_CALLBACK (on_tls_incoming), &terminator);
  url = g_strdup_printf ("rss://localhost:%u", terminator.port);

  /* the system's CAs do not know the certificate: refused, and said so */
  {
    g_autoptr(SockConnection) connection = NULL;

    open_url (url, NULL, 10, &connection);
    g_assert_false (connection_open (connection, &error));
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_clear_error (&error);
    g_assert_cmpstr (sock_handshake_get_cert_sha256 (sock_connection_get_handshake (connection)), ==, cert->sha256);
    g_assert_cmpstr (sock_diagnosis_get_id (sock_connection_get_diagnosis (connection)), ==, "tls-untrusted");
  }
  /* pinned: the same router as over rs:// */
  {
    g_autoptr(SockConnection) connection = NULL;
    g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, &error);
    const char *protocols[] = { "wamp.2.msgpack", NULL };

    g_assert_true (sock_profile_set_pin (profile, cert->sha256, &error));
    g_assert_true (sock_profile_set_protocols (profile, protocols, &error));
    connection = sock_connection_new (profile);
    sock_connection_set_realm (connection, "demo");
    g_assert_true (connection_open (connection, &error));
    g_assert_no_error (error);
    g_assert_true (sock_handshake_get_tls_used (sock_connection_get_handshake (connection)));
    g_assert_cmpstr (sock_handshake_get_protocol (sock_connection_get_handshake (connection)), ==, "wamp.2.msgpack");
    g_assert_cmpint (session_subscribe (connection, "demo.rawsocket", SOCK_MATCH_EXACT), >, 0);
    connection_close (connection);
  }
  g_socket_service_stop (terminator.service);
  g_socket_listener_close (G_SOCKET_LISTENER (terminator.service));
  g_clear_object (&terminator.service);
  g_clear_object (&terminator.certificate);
  sock_demo_server_stop (server);
}

/* Runs sockscope-cli with args while the main context (and the demo server in it) runs. */
static int
run_cli (const char * const *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SOCKSCOPE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, store_result, &result);
  g_assert_true (g_subprocess_communicate_utf8_finish (process, wait_result (&result), out, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_rawsocket_cli (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *unix_url = NULL;
  g_autofree char *refusing = NULL;
  g_autofree char *out = NULL;

  if (g_getenv ("SOCKSCOPE_CLI") == NULL)
    {
      g_test_skip ("SOCKSCOPE_CLI is not set");
      return;
    }
  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_rawsocket_url (server);
  unix_url = sock_demo_server_dup_rawsocket_unix_url (server);
  refusing = g_strdup_printf ("rs://127.0.0.1:%u", sock_demo_server_get_rawsocket_fault_port (
                                server, SOCK_DEMO_RAWSOCKET_FAULT_LENGTH_UNACCEPTABLE));

  {
    const char *args[] = { "call", url, "demo.add", "--args", "[40,2]", "--realm", "demo",
                           "--protocol", "wamp.2.msgpack", NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 0);
    g_assert_cmpstr (out, ==, "{\"args\":[42],\"kwargs\":{}}\n");
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "call", unix_url, "demo.add", "--args", "[1,2]", "--realm", "demo",
                           "--protocol", "wamp.2.cbor", NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 0);
    g_assert_cmpstr (out, ==, "{\"args\":[3],\"kwargs\":{}}\n");
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "probe", url, "--protocol", "wamp.2.cbor", NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 0);
    g_assert_nonnull (strstr (out, "> RAWSOCKET 7F F3 00 00"));
    g_assert_nonnull (strstr (out, "< RawSocket-Reply: 7F F3 00 00"));
    g_assert_nonnull (strstr (out, "with the CBOR serializer, and messages from Sockscope up to 16777215 bytes"));
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "probe", refusing, NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 1);
    g_assert_nonnull (strstr (out, "The router refused the RawSocket handshake  [rawsocket-refused]"));
    g_assert_nonnull (strstr (out, "does not accept the maximum message length"));
    g_assert_nonnull (strstr (out, "RawSocket error code 2"));
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "call", url, "demo.add", "--origin", "http://localhost", NULL };
    g_assert_cmpint (run_cli (args, &out), ==, 2);
    g_assert_nonnull (strstr (out, "RawSocket has no HTTP handshake to carry an Origin"));
    g_clear_pointer (&out, g_free);
  }
  sock_demo_server_stop (server);
}

static void
test_rawsocket_urls (void)
{
  static const char *bad[] = { "rs://127.0.0.1", "rs://127.0.0.1:9000/ws", "unix://host/tmp/x", "unix:///",
                               "rss://h:1?x=1" };
  static const char *good[] = { "rs://127.0.0.1:9000", "rss://example.com:443", "unix:///run/router.sock" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SockProfile) profile = sock_profile_new_for_url (bad[i], &error);

      g_assert_null (profile);
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SockProfile) profile = sock_profile_new_for_url (good[i], &error);

      g_assert_no_error (error);
      g_assert_true (sock_url_is_rawsocket (good[i]));
    }
  g_assert_true (sock_url_is_secure ("rss://example.com:443"));
  g_assert_false (sock_url_is_rawsocket ("ws://example.com/ws"));
}

int
main (int    argc,
      char **argv)
{
  static const char *const cases[][2] = {
    { "tcp", NULL }, { "tcp", "wamp.2.msgpack" }, { "tcp", "wamp.2.cbor" },
    { "unix", "wamp.2.json" }, { "unix", "wamp.2.msgpack" }, { "unix", "wamp.2.cbor" },
  };

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/transport-rawsocket/join/%s/%s", cases[i][0],
                                               cases[i][1] ? cases[i][1] : "auto");
      g_test_add_data_func (path, cases[i], test_rawsocket_join);
    }
  g_test_add_func ("/sockscope/transport-rawsocket/urls", test_rawsocket_urls);
  g_test_add_func ("/sockscope/transport-rawsocket/cli", test_rawsocket_cli);
  g_test_add_func ("/sockscope/transport-rawsocket/tls", test_rawsocket_tls);

  return g_test_run ();
}
