/* test-demo-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo router over WAMP RawSocket, driven by plain GSocketClient connections that write the
 * handshake and the frames themselves: every serializer over TCP, the Unix socket, ticket
 * authentication, pings, the handshake's errors and the fault listeners, the maximum lengths both
 * ways, a client that says nothing, the connection limit, and stop().
 */

#include <string.h>

#include <gio/gunixsocketaddress.h>

#include "demo-router-client.h"
#include "../test-wait.h"

/* Longer than the router's handshake deadline (5 s), with room for a loaded machine. */
#define SILENT_WAIT_US (30 * G_USEC_PER_SEC)

static GSocketAddress *
tcp_address (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  g_assert_cmpuint (port, >, 0);
  return g_inet_socket_address_new (loopback, port);
}

static GSocketAddress *
router_address (SockDemoServer *server)
{
  return tcp_address (sock_demo_server_get_rawsocket_port (server));
}

static Client *
connect_joined (GSocketAddress *address,
                const char     *protocol,
                const char     *realm)
{
  Client *client = client_connect_rawsocket (address, protocol, 15);
  g_autoptr(JsonObject) details = client_join (client, realm);

  g_assert_cmpint (client->session, >=, 1);
  return client;
}

/* A raw connection: the bytes the router answered, and whether it closed. */
typedef struct
{
  GSocketConnection *connection;
  GByteArray        *received;
  guint8             buffer[256];
  gboolean           closed;
  gboolean           reading;
} Raw;

static void raw_read (Raw *raw);

static void
on_raw_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Raw *raw = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  raw->reading = FALSE;
  if (n <= 0)
    {
      raw->closed = TRUE;
      return;
    }
  g_byte_array_append (raw->received, raw->buffer, n);
  raw_read (raw);
}

static void
raw_read (Raw *raw)
{
  raw->reading = TRUE;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (raw->connection)), raw->buffer,
                             sizeof raw->buffer, G_PRIORITY_DEFAULT, NULL, on_raw_read, raw);
}

static Raw *
raw_open (GSocketAddress *address,
          const guint8   *bytes,
          gsize           len)
{
  Raw *raw = g_new0 (Raw, 1);

  raw->connection = rawsocket_connect (address);
  raw->received = g_byte_array_new ();
  if (len > 0)
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (raw->connection)),
                                              bytes, len, NULL, NULL, NULL));
  raw_read (raw);
  return raw;
}

static void
raw_free (Raw *raw)
{
  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  WAIT_FOR_WHAT (!raw->reading, "the raw connection's read to return");
  g_object_unref (raw->connection);
  g_byte_array_unref (raw->received);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

static void
assert_refused (Raw   *raw,
                guint  code)
{
  const guint8 expected[] = { 0x7F, code << 4, 0, 0 };

  WAIT_FOR_WHAT (raw->closed, "the router to close after refusing the handshake");
  g_assert_cmpmem (raw->received->data, raw->received->len, expected, sizeof expected);
}

/* Joining, pub/sub and calls ----------------------------------------------------------- */

static void
test_demo_rawsocket_serializer (Fixture       *f,
                                gconstpointer  data)
{
  const char *protocol = data;
  g_autoptr(GSocketAddress) address = router_address (f->server);
  g_autoptr(Client) subscriber = connect_joined (address, protocol, "demo");
  g_autoptr(Client) publisher = connect_joined (address, protocol, "demo");
  g_autoptr(JsonArray) published = NULL;
  g_autoptr(JsonArray) event = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(JsonArray) info = NULL;
  g_autofree char *args = NULL;
  g_autofree char *session_args = g_strdup_printf ("[%" G_GINT64_FORMAT "]", subscriber->session);
  JsonObject *transport;
  gint64 subscription = client_subscribe (subscriber, NULL, "com.example.rs");

  client_publish (publisher, "{\"acknowledge\":true}", "com.example.rs", "[1,\"two\"]", "{\"k\":true}");
  published = client_expect (publisher, SOCK_WAMP_PUBLISHED);
  event = client_expect (subscriber, SOCK_WAMP_EVENT);
  g_assert_cmpint (json_array_get_int_element (event, 1), ==, subscription);
  args = element_text (event, 4);
  g_assert_cmpstr (args, ==, "[1,\"two\"]");

  client_call (publisher, NULL, "demo.add", "[2,3]", NULL);
  result = client_expect (publisher, SOCK_WAMP_RESULT);
  g_clear_pointer (&args, g_free);
  args = element_text (result, 3);
  g_assert_cmpstr (args, ==, "[5]");

  /* the meta API says how the session is connected */
  client_call (publisher, NULL, "wamp.session.get", session_args, NULL);
  info = client_expect (publisher, SOCK_WAMP_RESULT);
  transport = json_object_get_object_member (json_array_get_object_element (json_array_get_array_element (info, 3), 0),
                                             "transport");
  g_assert_cmpstr (json_object_get_string_member (transport, "type"), ==, "rawsocket");
  g_assert_cmpstr (json_object_get_string_member (transport, "protocol"), ==, protocol);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (transport, "peer"), "tcp4:127.0.0.1:"));
  if (!g_str_equal (protocol, "wamp.2.json"))
    g_assert_cmpuint (subscriber->n_binary, >=, 2);
}

/* The Unix socket serves the same router: a WebSocket client sees the RawSocket one's event, and
 * the meta API names the socket as the session's peer (its client has no address of its own). */
static void
test_demo_rawsocket_unix (Fixture       *f,
                          gconstpointer  data)
{
  const char *path = sock_demo_server_get_rawsocket_path (f->server);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(Client) rs = connect_joined (address, "wamp.2.cbor", "demo");
  g_autoptr(Client) ws = client_new_joined (f->soup, f->server, "demo");
  g_autoptr(JsonArray) event = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(JsonArray) info = NULL;
  g_autofree char *url = sock_demo_server_dup_rawsocket_unix_url (f->server);
  g_autofree char *args = NULL;
  g_autofree char *session_args = g_strdup_printf ("[%" G_GINT64_FORMAT "]", rs->session);
  g_autofree char *peer = g_strconcat ("unix:", path, NULL);
  JsonObject *transport;

  g_assert_true (g_str_has_prefix (url, "unix:///"));
  g_assert_cmpstr (url + strlen ("unix://"), ==, path);
  client_subscribe (ws, NULL, "com.example.unix");
  client_publish (rs, NULL, "com.example.unix", "[\"over unix\"]", NULL);
  event = client_expect (ws, SOCK_WAMP_EVENT);
  args = element_text (event, 4);
  g_assert_cmpstr (args, ==, "[\"over unix\"]");

  client_call (rs, NULL, "wamp.session.get", session_args, NULL);
  info = client_expect (rs, SOCK_WAMP_RESULT);
  transport = json_object_get_object_member (json_array_get_object_element (json_array_get_array_element (info, 3), 0),
                                             "transport");
  g_assert_cmpstr (json_object_get_string_member (transport, "type"), ==, "rawsocket");
  g_assert_cmpstr (json_object_get_string_member (transport, "peer"), ==, peer);

  client_call (rs, "{\"receive_progress\":true}", "demo.slow", "[2]", NULL);
  result = client_expect (rs, SOCK_WAMP_RESULT);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (result, 2), "progress"));
}

static void
test_demo_rawsocket_ticket (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  g_autoptr(Client) client = client_connect_rawsocket (address, "wamp.2.msgpack", 15);
  g_autoptr(JsonObject) details = json_object_from ("{\"authid\":\"ticketuser\",\"authmethods\":[\"ticket\"]}");
  g_autoptr(JsonArray) challenge = NULL;
  g_autoptr(JsonArray) welcome = NULL;

  client_send (client, sock_wamp_build_hello ("secure", details));
  challenge = client_expect (client, SOCK_WAMP_CHALLENGE);
  g_assert_cmpstr (json_array_get_string_element (challenge, 1), ==, "ticket");
  client_send (client, sock_wamp_build_authenticate ("ticket-secret", NULL));
  welcome = client_expect (client, SOCK_WAMP_WELCOME);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (welcome, 2), "authid"), ==,
                   "ticketuser");
}

static void
test_demo_rawsocket_ping (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  g_autoptr(Client) client = client_connect_rawsocket (address, "wamp.2.json", 15);

  /* before HELLO too: pings belong to the transport */
  client_send_rawsocket_frame (client, SOCK_RAWSOCKET_FRAME_PING, (const guint8 *) "are you there", 13);
  WAIT_FOR (client->n_pongs == 1);
  g_assert_cmpmem (g_bytes_get_data (client->last_pong, NULL), g_bytes_get_size (client->last_pong),
                   "are you there", 13);
  client_send_rawsocket_frame (client, SOCK_RAWSOCKET_FRAME_PING, NULL, 0);
  WAIT_FOR (client->n_pongs == 2);
  g_assert_cmpuint (g_bytes_get_size (client->last_pong), ==, 0);
}

/* Handshake errors and faults --------------------------------------------------------- */

static void
test_demo_rawsocket_handshake_errors (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  const guint8 serializer9[] = { 0x7F, 0xF9, 0, 0 };
  const guint8 reserved[] = { 0x7F, 0xF1, 0, 1 };
  const guint8 http[] = "GET / HTTP/1.1\r\n\r\n";
  g_autoptr(Raw) unsupported = raw_open (address, serializer9, sizeof serializer9);
  g_autoptr(Raw) bits = raw_open (address, reserved, sizeof reserved);
  g_autoptr(Raw) not_rawsocket = raw_open (address, http, sizeof http - 1);

  assert_refused (unsupported, 1);
  assert_refused (bits, 3);
  /* not a RawSocket client at all: no answer, the connection just ends */
  WAIT_FOR_WHAT (not_rawsocket->closed, "the router to drop an HTTP client");
  g_assert_cmpuint (not_rawsocket->received->len, ==, 0);
}

static void
test_demo_rawsocket_fault_refusals (Fixture       *f,
                                    gconstpointer  data)
{
  const guint8 hello[] = { 0x7F, 0xF1, 0, 0 };

  for (guint code = 1; code <= 4; code++)
    {
      g_autoptr(GSocketAddress) address = tcp_address (sock_demo_server_get_rawsocket_fault_port (f->server, code));
      g_autoptr(Raw) raw = raw_open (address, hello, sizeof hello);

      assert_refused (raw, code);
    }
  g_assert_cmpuint (sock_demo_server_get_rawsocket_fault_port (f->server, SOCK_DEMO_RAWSOCKET_FAULT_STALL), !=,
                    sock_demo_server_get_rawsocket_port (f->server));
}

static void
test_demo_rawsocket_fault_stall (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = tcp_address (sock_demo_server_get_rawsocket_fault_port (f->server,
                                                                                               SOCK_DEMO_RAWSOCKET_FAULT_STALL));
  const guint8 hello[] = { 0x7F, 0xF1, 0, 0 };
  g_autoptr(Raw) raw = raw_open (address, hello, sizeof hello);

  /* longer than a normal router takes to answer; the connection stays, silent */
  spin (1500);
  g_assert_false (raw->closed);
  g_assert_cmpuint (raw->received->len, ==, 0);
}

static void
test_demo_rawsocket_fault_no_pong (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = tcp_address (sock_demo_server_get_rawsocket_fault_port (f->server,
                                                                                               SOCK_DEMO_RAWSOCKET_FAULT_NO_PONG));
  g_autoptr(Client) client = connect_joined (address, "wamp.2.json", "demo");
  g_autoptr(JsonArray) result = NULL;

  client_send_rawsocket_frame (client, SOCK_RAWSOCKET_FRAME_PING, (const guint8 *) "x", 1);
  client_call (client, NULL, "demo.add", "[1,1]", NULL);
  /* the call is answered after the ping was read: the ping was ignored, not delayed */
  result = client_expect (client, SOCK_WAMP_RESULT);
  spin (200);
  g_assert_cmpuint (client->n_pongs, ==, 0);
}

/* Limits ------------------------------------------------------------------------------- */

/* The router sends nothing longer than the client accepts: it closes instead. */
static void
test_demo_rawsocket_client_max_length (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  g_autoptr(Client) client = connect_joined (address, "wamp.2.json", "demo");   /* exponent 15 */
  g_autoptr(Client) small = client_connect_rawsocket (address, "wamp.2.json", 2);   /* 2048 octets */
  g_autoptr(JsonObject) details = client_join (small, "demo");
  g_autofree char *big = g_strnfill (3000, 'x');
  g_autofree char *args = g_strdup_printf ("[\"%s\"]", big);
  g_autoptr(JsonArray) result = NULL;

  client_call (client, NULL, "demo.echo", args, NULL);
  result = client_expect (client, SOCK_WAMP_RESULT);
  client_call (small, NULL, "demo.echo", args, NULL);
  g_assert_true (client_wait_closed (small));
  g_assert_true (g_queue_is_empty (&small->frames));
}

static void
test_demo_rawsocket_router_max_length (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(Client) client = NULL;
  g_autoptr(Client) other = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autofree char *big = g_strnfill (1000, 'x');
  guint8 hello[] = { 0x7F, 0xF1, 0, 0 };

  sock_demo_server_set_rawsocket_max_length (server, 600);
  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  g_assert_no_error (error);
  address = router_address (server);
  {
    /* 600 rounds up to 1024 octets: exponent 1 in the reply */
    g_autoptr(Raw) raw = raw_open (address, hello, sizeof hello);

    WAIT_FOR (raw->received->len == 4);
    g_assert_cmpuint (raw->received->data[1], ==, 0x11);
  }
  client = connect_joined (address, "wamp.2.json", "demo");
  other = connect_joined (address, "wamp.2.json", "demo");
  client_send_rawsocket_frame (client, SOCK_RAWSOCKET_FRAME_MESSAGE, (const guint8 *) big, strlen (big));
  g_assert_true (client_wait_closed (client));
  /* the others go on */
  client_call (other, NULL, "demo.add", "[1,2]", NULL);
  g_clear_pointer (&client, client_free);
  result = client_expect (other, SOCK_WAMP_RESULT);
  g_clear_pointer (&other, client_free);
  sock_demo_server_stop (server);
}

static void
test_demo_rawsocket_reserved_frame_bits (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  g_autoptr(Client) client = connect_joined (address, "wamp.2.json", "demo");
  const guint8 frame[] = { 0x08, 0, 0, 2, '[', ']' };

  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (client->rs)), frame,
                                            sizeof frame, NULL, NULL, NULL));
  g_assert_true (client_wait_closed (client));
}

static gboolean
wait_closed_long (gboolean *closed)
{
  gint64 deadline = g_get_monotonic_time () + SILENT_WAIT_US;

  while (!*closed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return *closed;
}

static void
test_demo_rawsocket_silent_client (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  const guint8 half[] = { 0x7F, 0xF1 };
  g_autoptr(Raw) silent = raw_open (address, NULL, 0);
  g_autoptr(Raw) halfway = raw_open (address, half, sizeof half);
  guint tick = g_timeout_add (100, wait_tick_cb, NULL);

  g_assert_true (wait_closed_long (&silent->closed));
  g_assert_true (wait_closed_long (&halfway->closed));
  g_source_remove (tick);
  g_assert_cmpuint (silent->received->len, ==, 0);
  g_assert_cmpuint (halfway->received->len, ==, 0);
}

static void
test_demo_rawsocket_connection_limit (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GSocketAddress) address = router_address (f->server);
  const char *path = sock_demo_server_get_rawsocket_path (f->server);
  g_autoptr(GSocketAddress) unix_address = g_unix_socket_address_new (path);
  const guint8 hello[] = { 0x7F, 0xF1, 0, 0 };
  g_autoptr(Client) first = NULL;
  g_autoptr(Client) second = NULL;
  gboolean accepted = FALSE;

  sock_demo_server_set_rawsocket_max_connections (f->server, 2);
  first = connect_joined (address, "wamp.2.json", "demo");
  second = connect_joined (unix_address, "wamp.2.json", "demo");
  {
    g_autoptr(Raw) refused = raw_open (address, hello, sizeof hello);

    assert_refused (refused, 4);
  }
  g_clear_pointer (&first, client_free);
  /* the router notices the close from its main loop: retry until the place is free */
  for (guint i = 0; !accepted && i < 50; i++)
    {
      g_autoptr(Raw) raw = raw_open (address, hello, sizeof hello);

      WAIT_FOR (raw->received->len == 4 || raw->closed);
      accepted = raw->received->len == 4 && raw->received->data[1] == 0xF1;
      if (!accepted)
        spin (100);
    }
  g_assert_true (accepted);
}

/* A port asked for is the one taken; a port in use fails start() and leaves nothing open. */
static void
test_demo_rawsocket_fixed_port (Fixture       *f,
                                gconstpointer  data)
{
  guint taken = sock_demo_server_get_rawsocket_port (f->server);
  g_autoptr(SockDemoServer) other = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(Client) client = NULL;
  guint free_port;

  sock_demo_server_set_rawsocket_port (other, taken);
  g_assert_false (sock_demo_server_start (other, 0, -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_cmpuint (sock_demo_server_get_rawsocket_port (other), ==, 0);
  g_assert_null (sock_demo_server_get_rawsocket_path (other));
  g_clear_error (&error);

  /* a port that was free a moment ago */
  sock_demo_server_set_rawsocket_port (other, 0);
  g_assert_true (sock_demo_server_start (other, 0, -1, &error));
  free_port = sock_demo_server_get_rawsocket_port (other);
  sock_demo_server_stop (other);
  sock_demo_server_set_rawsocket_port (other, free_port);
  g_assert_true (sock_demo_server_start (other, 0, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sock_demo_server_get_rawsocket_port (other), ==, free_port);
  address = tcp_address (free_port);
  client = connect_joined (address, "wamp.2.json", "demo");
  g_clear_pointer (&client, client_free);
  sock_demo_server_stop (other);
}

/* stop() ------------------------------------------------------------------------------- */

static void
test_demo_rawsocket_stop (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;
  g_autoptr(GSocketAddress) stall_address = NULL;
  g_autoptr(Client) tcp = NULL;
  g_autoptr(Client) unix_client = NULL;
  g_autoptr(Raw) stalled = NULL;
  g_autoptr(Raw) silent = NULL;
  g_autoptr(JsonArray) goodbye = NULL;
  g_autofree char *path = NULL;
  const guint8 hello[] = { 0x7F, 0xF1, 0, 0 };

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  g_assert_no_error (error);
  address = router_address (server);
  path = g_strdup (sock_demo_server_get_rawsocket_path (server));
  unix_address = g_unix_socket_address_new (path);
  stall_address = tcp_address (sock_demo_server_get_rawsocket_fault_port (server, SOCK_DEMO_RAWSOCKET_FAULT_STALL));
  tcp = connect_joined (address, "wamp.2.msgpack", "demo");
  unix_client = connect_joined (unix_address, "wamp.2.json", "demo");
  stalled = raw_open (stall_address, hello, sizeof hello);
  silent = raw_open (address, NULL, 0);
  spin (100);

  sock_demo_server_stop (server);
  g_assert_cmpuint (sock_demo_server_get_rawsocket_port (server), ==, 0);
  g_assert_null (sock_demo_server_get_rawsocket_path (server));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* every connection ended by the time stop() returned: the clients see it at once */
  spin (50);
  g_assert_true (tcp->closed && unix_client->closed && stalled->closed && silent->closed);
  goodbye = client_expect (tcp, SOCK_WAMP_GOODBYE);
  g_assert_cmpstr (json_array_get_string_element (goodbye, 2), ==, "wamp.close.system_shutdown");
}

#define ADD(name, func, data) \
  g_test_add ("/sockscope/demo-rawsocket/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("json", test_demo_rawsocket_serializer, "wamp.2.json");
  ADD ("msgpack", test_demo_rawsocket_serializer, "wamp.2.msgpack");
  ADD ("cbor", test_demo_rawsocket_serializer, "wamp.2.cbor");
  ADD ("unix", test_demo_rawsocket_unix, NULL);
  ADD ("ticket", test_demo_rawsocket_ticket, NULL);
  ADD ("ping", test_demo_rawsocket_ping, NULL);
  ADD ("handshake-errors", test_demo_rawsocket_handshake_errors, NULL);
  ADD ("fault-refusals", test_demo_rawsocket_fault_refusals, NULL);
  ADD ("fault-stall", test_demo_rawsocket_fault_stall, NULL);
  ADD ("fault-no-pong", test_demo_rawsocket_fault_no_pong, NULL);
  ADD ("client-max-length", test_demo_rawsocket_client_max_length, NULL);
  g_test_add_func ("/sockscope/demo-rawsocket/router-max-length", test_demo_rawsocket_router_max_length);
  ADD ("reserved-frame-bits", test_demo_rawsocket_reserved_frame_bits, NULL);
  ADD ("silent-client", test_demo_rawsocket_silent_client, NULL);
  ADD ("connection-limit", test_demo_rawsocket_connection_limit, NULL);
  ADD ("fixed-port", test_demo_rawsocket_fixed_port, NULL);
  g_test_add_func ("/sockscope/demo-rawsocket/stop", test_demo_rawsocket_stop);
  return g_test_run ();
}
