/* test-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server on 127.0.0.1, seen through real libsoup 3 clients: each fault path must fail
 * the way the real server it imitates makes clients fail.
 */

#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "sock-demo-server.h"
#include "../test-wait.h"

typedef struct
{
  SockDemoServer *server;
  SoupSession    *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sock_demo_server_new ();
  g_assert_true (sock_demo_server_start (fixture->server, 0, 0, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

/* Drops the last reference; libsoup may still be closing a connection on the main context. */
static void
assert_finalize_soon (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &object);
  g_object_unref (object);
  while (object != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (object);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_finalize_soon (fixture->session);
  sock_demo_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);
}

static char *
http_url (Fixture    *fixture,
          const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", sock_demo_server_get_port (fixture->server),
                          path);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  WAIT_FOR (*slot != NULL);
  return *slot;
}

/* GET @path; returns the body, and the message through @out_msg. */
static GBytes *
http_get (Fixture      *fixture,
          const char   *path,
          SoupMessage **out_msg,
          GError      **error)
{
  g_autofree char *url = http_url (fixture, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  GBytes *body;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    store_result, &result);
  body = soup_session_send_and_read_finish (fixture->session, await_result (&result), error);
  *out_msg = g_steal_pointer (&msg);
  return body;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, needle) != NULL;
}

static SoupWebsocketConnection *
ws_connect_full (Fixture      *fixture,
                 const char   *url,
                 const char   *origin,
                 const char  **protocols,
                 SoupMessage **out_msg,
                 GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  SoupWebsocketConnection *connection;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_websocket_connect_async (fixture->session, msg, origin, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, store_result, &result);
  connection = soup_session_websocket_connect_finish (fixture->session, await_result (&result),
                                                      error);
  if (out_msg != NULL)
    *out_msg = g_steal_pointer (&msg);
  return connection;
}

static SoupWebsocketConnection *
ws_connect (Fixture     *fixture,
            const char  *path,
            const char **protocols,
            GError     **error)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, path, NULL);

  return ws_connect_full (fixture, url, NULL, protocols, NULL, error);
}

typedef struct
{
  SoupWebsocketDataType type;
  GBytes               *message;
  GError               *error;
  gboolean              closed;
} Received;

static void
on_message (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Received *received = user_data;

  received->type = type;
  g_clear_pointer (&received->message, g_bytes_unref);
  received->message = g_bytes_ref (message);
}

static void
on_error (SoupWebsocketConnection *connection,
          GError                  *error,
          gpointer                 user_data)
{
  Received *received = user_data;

  if (received->error == NULL)
    received->error = g_error_copy (error);
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  ((Received *) user_data)->closed = TRUE;
}

static void
watch (SoupWebsocketConnection *connection,
       Received                *received)
{
  g_signal_connect (connection, "message", G_CALLBACK (on_message), received);
  g_signal_connect (connection, "error", G_CALLBACK (on_error), received);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), received);
}

static void
received_clear (Received *received)
{
  g_clear_pointer (&received->message, g_bytes_unref);
  g_clear_error (&received->error);
}

static void
wait_message (Received *received)
{
  g_clear_pointer (&received->message, g_bytes_unref);
  WAIT_FOR (received->message != NULL || received->closed);
  g_assert_nonnull (received->message);
}

static void
wait_closed (Received *received)
{
  WAIT_FOR (received->closed);
}

/* Closes from our side and waits for the server's answer. */
static void
close_and_wait (SoupWebsocketConnection *connection,
                Received                *received)
{
  soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  wait_closed (received);
}

static void
assert_echo (SoupWebsocketConnection *connection,
             Received                *received)
{
  static const guint8 binary[] = { 0x00, 0x01, 0xfe, 0xff };
  g_autoptr(GBytes) expected = g_bytes_new_static (binary, sizeof binary);

  soup_websocket_connection_send_text (connection, "[2,\"1\",\"demo.echo\",\"hé\"]");
  wait_message (received);
  g_assert_cmpint (received->type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_cmpmem (g_bytes_get_data (received->message, NULL),
                   g_bytes_get_size (received->message),
                   "[2,\"1\",\"demo.echo\",\"hé\"]", strlen ("[2,\"1\",\"demo.echo\",\"hé\"]"));

  soup_websocket_connection_send_binary (connection, binary, sizeof binary);
  wait_message (received);
  g_assert_cmpint (received->type, ==, SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_true (g_bytes_equal (received->message, expected));
}

static void
test_demo_server_echo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = ws_connect (fixture, "/echo", NULL, &error);
  Received received = { 0 };

  g_assert_no_error (error);
  watch (connection, &received);
  assert_echo (connection, &received);
  close_and_wait (connection, &received);
  g_assert_cmpint (soup_websocket_connection_get_close_code (connection), ==,
                   SOUP_WEBSOCKET_CLOSE_NORMAL);
  received_clear (&received);
}

static void
test_demo_server_status_200 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = http_get (fixture, "/fault/status/200", &msg, &error);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (bytes_contain (body, "<title>Acme Dashboard</title>"));
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "text/html");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Server"), ==, "nginx/1.22.1");
}

static void
test_demo_server_status_426 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = http_get (fixture, "/fault/status/426", &msg, &error);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 426);
  g_assert_true (bytes_contain (body, "No Sec-WebSocket-Protocols requested supported"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Powered-By"), ==, "Ratchet/0.4.4");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Sec-WebSocket-Version"), ==, "13");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Sec-WebSocket-Protocol"), ==, "wamp");
}

static void
test_demo_server_status_other (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) gateway_msg = NULL;
  g_autoptr(SoupMessage) crossbar_msg = NULL;
  g_autoptr(GBytes) body = http_get (fixture, "/fault/status/101", &msg, &error);
  g_autoptr(GBytes) gateway = http_get (fixture, "/fault/status/502", &gateway_msg, &error);
  g_autoptr(GBytes) crossbar = http_get (fixture, "/fault/status/400", &crossbar_msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  g_assert_true (bytes_contain (body, "from 100 to 599"));
  g_assert_cmpuint (soup_message_get_status (gateway_msg), ==, 502);
  g_assert_true (bytes_contain (gateway, "<h1>502 Bad Gateway</h1>"));
  g_assert_cmpuint (soup_message_get_status (crossbar_msg), ==, 400);
  g_assert_true (bytes_contain (crossbar, "only speaks WebSocket subprotocols wamp.2."));
}

static void
test_demo_server_redirect (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = http_get (fixture, "/fault/status/308", &msg, &error);
  g_autofree char *expected = http_url (fixture, "/echo");

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 308);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Location"), ==, expected);
}

static void
test_demo_server_index (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) missing_msg = NULL;
  g_autoptr(GBytes) body = http_get (fixture, "/", &msg, &error);
  g_autoptr(GBytes) missing = http_get (fixture, "/nowhere", &missing_msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (bytes_contain (body, "/fault/close/CODE"));
  g_assert_cmpuint (soup_message_get_status (missing_msg), ==, 404);
}

static void
test_demo_server_no_subprotocol (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *protocols[] = { "wamp.2.json", "wamp", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  Received received = { 0 };

  connection = ws_connect (fixture, "/fault/no-subprotocol", protocols, &error);
  g_assert_no_error (error);
  g_assert_null (soup_websocket_connection_get_protocol (connection));

  /* The server answers our close frame with the same code. */
  watch (connection, &received);
  soup_websocket_connection_close (connection, 4321, "bye");
  wait_closed (&received);
  g_assert_no_error (received.error);
  g_assert_cmpint (soup_websocket_connection_get_close_code (connection), ==, 4321);
  received_clear (&received);
}

static void
test_demo_server_bad_handshake (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *protocols[] = { "wamp.2.json", NULL };
  g_autoptr(GError) wrong = NULL;
  g_autoptr(GError) accept = NULL;
  g_autoptr(SoupWebsocketConnection) wrong_connection = NULL;
  g_autoptr(SoupWebsocketConnection) accept_connection = NULL;

  wrong_connection = ws_connect (fixture, "/fault/wrong-subprotocol", protocols, &wrong);
  g_assert_error (wrong, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE);
  g_assert_null (wrong_connection);

  accept_connection = ws_connect (fixture, "/fault/bad-accept", protocols, &accept);
  g_assert_error (accept, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE);
  g_assert_null (accept_connection);
}

static void
test_demo_server_hang (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  gint64 start = g_get_monotonic_time ();

  g_object_set (fixture->session, "timeout", 1, NULL);
  connection = ws_connect (fixture, "/fault/hang", NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (connection);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
}

static void
test_demo_server_reset (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/reset", NULL);

  connection = ws_connect_full (fixture, url, NULL, NULL, &msg, &error);
  g_assert_null (connection);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 0);
}

static void
test_demo_server_close_code (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *protocols[] = { "wamp.2.json", "wamp", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  Received received = { 0 };

  connection = ws_connect (fixture, "/fault/close/1008", protocols, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_websocket_connection_get_protocol (connection), ==, "wamp.2.json");
  watch (connection, &received);
  wait_closed (&received);
  g_assert_no_error (received.error);
  g_assert_cmpint (soup_websocket_connection_get_close_code (connection), ==, 1008);
  g_assert_cmpstr (soup_websocket_connection_get_close_data (connection), ==,
                   "demo: closing with 1008");
  received_clear (&received);
}

/* Connects and starts watching at once: the server may close before the next iteration. */
static SoupWebsocketConnection *
ws_connect_watched (Fixture     *fixture,
                    const char  *path,
                    Received    *received)
{
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection = ws_connect (fixture, path, NULL, &error);

  g_assert_no_error (error);
  watch (connection, received);
  return connection;
}

static void
test_demo_server_close_invalid (Fixture       *fixture,
                                gconstpointer  data)
{
  Received zero_received = { 0 };
  Received none_received = { 0 };
  g_autoptr(SoupWebsocketConnection) zero = ws_connect_watched (fixture, "/fault/close/0",
                                                                &zero_received);
  g_autoptr(SoupWebsocketConnection) none = NULL;

  wait_closed (&zero_received);
  g_assert_error (zero_received.error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR);

  none = ws_connect_watched (fixture, "/fault/close/none", &none_received);
  wait_closed (&none_received);
  g_assert_no_error (none_received.error);
  g_assert_cmpint (soup_websocket_connection_get_close_code (none), ==,
                   SOUP_WEBSOCKET_CLOSE_NO_STATUS);
  received_clear (&zero_received);
  received_clear (&none_received);
}

static void
test_demo_server_big (Fixture       *fixture,
                      gconstpointer  data)
{
  Received small_received = { 0 };
  Received big_received = { 0 };
  g_autoptr(SoupWebsocketConnection) small = ws_connect_watched (fixture, "/fault/big/2000",
                                                                 &small_received);
  g_autoptr(SoupWebsocketConnection) big = NULL;

  wait_message (&small_received);
  g_assert_cmpuint (g_bytes_get_size (small_received.message), ==, 2000);
  g_assert_true (bytes_contain (small_received.message, "[8,\"demo.big\",\"xxx"));
  g_assert_true (bytes_contain (small_received.message, "xxx\"]"));
  close_and_wait (small, &small_received);

  /* The limit is set before the first read from the socket can happen. */
  big = ws_connect_watched (fixture, "/fault/big/200000", &big_received);
  soup_websocket_connection_set_max_incoming_payload_size (big, 100000);
  wait_closed (&big_received);
  g_assert_error (big_received.error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG);
  received_clear (&small_received);
  received_clear (&big_received);
}

static void
test_demo_server_origin (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/origin", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) foreign_error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) foreign_msg = NULL;
  g_autoptr(SoupWebsocketConnection) refused = NULL;
  g_autoptr(SoupWebsocketConnection) foreign = NULL;
  g_autoptr(SoupWebsocketConnection) allowed = NULL;
  Received received = { 0 };

  refused = ws_connect_full (fixture, url, NULL, NULL, &msg, &error);
  g_assert_error (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
  foreign = ws_connect_full (fixture, url, "https://evil.example", NULL, &foreign_msg,
                             &foreign_error);
  g_assert_error (foreign_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
  g_assert_cmpuint (soup_message_get_status (foreign_msg), ==, 403);

  g_clear_error (&error);
  allowed = ws_connect_full (fixture, url, "http://localhost", NULL, NULL, &error);
  g_assert_no_error (error);
  watch (allowed, &received);
  assert_echo (allowed, &received);
  close_and_wait (allowed, &received);
  received_clear (&received);
}

static void
test_demo_server_tls (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_tls_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  const char *file = sock_demo_server_get_certificate_file (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) untrusted = NULL;
  g_autoptr(SoupWebsocketConnection) trusted = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  Received received = { 0 };

  untrusted = ws_connect_full (fixture, url, NULL, NULL, NULL, &error);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  database = g_tls_file_database_new (file, &error);
  g_assert_no_error (error);
  g_object_set (fixture->session, "tls-database", database, NULL);
  trusted = ws_connect_full (fixture, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  watch (trusted, &received);
  assert_echo (trusted, &received);
  close_and_wait (trusted, &received);
  received_clear (&received);
}

static void
test_demo_server_certificate (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *file = NULL;

  g_assert_true (sock_demo_server_start (server, 0, 0, &error));
  file = g_strdup (sock_demo_server_get_certificate_file (server));
  certificate = g_tls_certificate_new_from_file (file, &error);
  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  g_assert_cmpstr (sock_demo_server_get_certificate_sha256 (server), ==, sha256);
  g_assert_true (g_str_has_prefix (sock_demo_server_get_certificate_pem (server),
                                   "-----BEGIN CERTIFICATE-----"));

  g_assert_finalize_object (g_steal_pointer (&server));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_demo_server_ports (void)
{
  g_autoptr(SockDemoServer) first = sock_demo_server_new ();
  g_autoptr(SockDemoServer) second = sock_demo_server_new ();
  g_autoptr(SockDemoServer) taken = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;

  g_assert_true (sock_demo_server_start (first, 0, 0, &error));
  g_assert_true (sock_demo_server_start (second, 0, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sock_demo_server_get_port (first), >, 0);
  g_assert_cmpuint (sock_demo_server_get_tls_port (first), >, 0);
  g_assert_cmpuint (sock_demo_server_get_port (first), !=, sock_demo_server_get_tls_port (first));
  g_assert_cmpuint (sock_demo_server_get_port (first), !=, sock_demo_server_get_port (second));
  g_assert_cmpuint (sock_demo_server_get_tls_port (second), ==, 0);
  g_assert_null (sock_demo_server_dup_tls_base_url (second));
  g_assert_null (sock_demo_server_get_certificate_file (second));

  url = g_strdup_printf ("ws://127.0.0.1:%u", sock_demo_server_get_port (first));
  base = sock_demo_server_dup_base_url (first);
  g_assert_cmpstr (base, ==, url);

  g_assert_false (sock_demo_server_start (taken, sock_demo_server_get_port (first), -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_cmpuint (sock_demo_server_get_port (taken), ==, 0);
}

static void
test_demo_server_restart (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) open = ws_connect (fixture, "/echo", NULL, &error);
  g_autoptr(SoupWebsocketConnection) again = NULL;
  Received open_received = { 0 };
  Received received = { 0 };

  g_assert_no_error (error);
  watch (open, &open_received);

  /* Stopping closes what is open: the client hears "going away". */
  sock_demo_server_stop (fixture->server);
  g_assert_cmpuint (sock_demo_server_get_port (fixture->server), ==, 0);
  wait_closed (&open_received);
  g_assert_cmpint (soup_websocket_connection_get_close_code (open), ==,
                   SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  g_assert_true (sock_demo_server_start (fixture->server, 0, -1, &error));
  g_assert_no_error (error);
  again = ws_connect (fixture, "/echo", NULL, &error);
  g_assert_no_error (error);
  watch (again, &received);
  assert_echo (again, &received);
  close_and_wait (again, &received);
  received_clear (&open_received);
  received_clear (&received);
}

/* sockscope-cli serve-demo ----------------------------------------------------------------- */

static GSubprocess *
spawn_cli (GSubprocessFlags   flags,
           GError           **error,
           ...)
{
  const char *cli = g_getenv ("SOCKSCOPE_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "serve-demo");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return g_subprocess_newv ((const char * const *) args->pdata, flags, error);
}

/* Runs the command to its end; returns the exit status and stderr. */
static int
run_cli_to_end (char      **out_stderr,
                const char *arg1,
                const char *arg2,
                const char *arg3)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_cli (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                              | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                              &error, arg1, arg2, arg3, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_demo_server_cli (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *tls_line = NULL;
  g_autofree char *rs_line = NULL;
  g_autofree char *faults_line = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) tls_fields = NULL;
  g_auto(GStrv) rs_fields = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  Received received = { 0 };

  if (g_getenv ("SOCKSCOPE_CLI") == NULL)
    {
      g_test_skip ("SOCKSCOPE_CLI is not set");
      return;
    }

  process = spawn_cli (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                       "--port", "0", "--tls-port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = read_line_within (out, "serve-demo's WebSocket line");
  tls_line = read_line_within (out, "serve-demo's TLS line");
  rs_line = read_line_within (out, "serve-demo's RawSocket line");
  faults_line = read_line_within (out, "serve-demo's RawSocket faults line");
  g_assert_nonnull (line);
  g_assert_nonnull (tls_line);
  g_assert_nonnull (rs_line);
  g_assert_nonnull (faults_line);
  /* "RawSocket (JSON, MessagePack, CBOR): rs://127.0.0.1:PORT and unix:///PATH" */
  rs_fields = g_strsplit (rs_line, " ", -1);
  g_assert_cmpuint (g_strv_length (rs_fields), ==, 7);
  g_assert_true (g_str_has_prefix (rs_fields[4], "rs://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (rs_fields[6], "unix:///"));
  g_assert_true (g_file_test (rs_fields[6] + strlen ("unix://"), G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (faults_line, "RawSocket faults: serializer-unsupported rs://127.0.0.1:"));
  g_assert_nonnull (strstr (faults_line, ", no-pong rs://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (line, "Demo server listening on ws://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (tls_line, "TLS: wss://127.0.0.1:"));

  /* "TLS: URL (certificate FILE, sha256 HEX)" */
  tls_fields = g_strsplit_set (tls_line, " ,()", -1);
  g_assert_cmpuint (g_strv_length (tls_fields), >=, 8);
  g_assert_true (g_file_test (tls_fields[4], G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (strlen (tls_fields[7]), ==, 64);

  url = g_strconcat (line + strlen ("Demo server listening on "), "/echo", NULL);
  connection = ws_connect_full (fixture, url, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  watch (connection, &received);
  assert_echo (connection, &received);
  close_and_wait (connection, &received);
  received_clear (&received);

  g_subprocess_send_signal (process, SIGTERM);
  /* 128 + the signal if it killed the server rather than ending it cleanly */
  g_assert_cmpint (wait_exit_within (process, "serve-demo to exit on SIGTERM"), ==, 0);
  g_assert_false (g_file_test (tls_fields[4], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (rs_fields[6] + strlen ("unix://"), G_FILE_TEST_EXISTS));
}

static void
test_demo_server_cli_errors (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", sock_demo_server_get_port (fixture->server));
  g_autofree char *in_use = NULL;
  g_autofree char *rs_port = g_strdup_printf ("--rawsocket-port=%u", sock_demo_server_get_rawsocket_port (fixture->server));
  g_autofree char *rs_in_use = NULL;
  g_autofree char *rs_bad = NULL;
  g_autofree char *bad_option = NULL;

  if (g_getenv ("SOCKSCOPE_CLI") == NULL)
    {
      g_test_skip ("SOCKSCOPE_CLI is not set");
      return;
    }

  g_assert_cmpint (run_cli_to_end (&in_use, "--port", port, "--no-tls"), ==, 1);
  g_assert_nonnull (strstr (in_use, "already in use"));
  g_assert_cmpint (run_cli_to_end (&rs_in_use, "--port=0", "--no-tls", rs_port), ==, 1);
  g_assert_nonnull (strstr (rs_in_use, "already in use"));
  g_assert_cmpint (run_cli_to_end (&rs_bad, "--port=0", "--no-tls", "--rawsocket-port=70000"), ==, 2);
  g_assert_nonnull (strstr (rs_bad, "--rawsocket-port must be a port"));
  g_assert_cmpint (run_cli_to_end (&bad_option, "--no-such-option", NULL, NULL), ==, 2);
  g_assert_nonnull (strstr (bad_option, "--no-such-option"));
}

#define ADD(name) \
  g_test_add ("/sockscope/demo-server/" #name, Fixture, NULL, \
              fixture_set_up, test_demo_server_##name, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD (echo);
  ADD (status_200);
  ADD (status_426);
  ADD (status_other);
  ADD (redirect);
  ADD (index);
  ADD (no_subprotocol);
  ADD (bad_handshake);
  ADD (hang);
  ADD (reset);
  ADD (close_code);
  ADD (close_invalid);
  ADD (big);
  ADD (origin);
  ADD (tls);
  ADD (restart);
  ADD (cli);
  ADD (cli_errors);
  g_test_add_func ("/sockscope/demo-server/certificate", test_demo_server_certificate);
  g_test_add_func ("/sockscope/demo-server/ports", test_demo_server_ports);

  return g_test_run ();
}
