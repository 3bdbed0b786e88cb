/* test-transport-message-signal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockTransport gives libsoup's SoupWebsocketConnection::message a va_list marshaller of its own
 * (sock-transport.c): every handler of that signal in the process, ours or not, must still get
 * its arguments right, however it is connected. Two WebSocket ends over a socket pair, no network.
 */

#include "config.h"

#include <gio/gunixconnection.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "sock-transport.h"

typedef struct
{
  SoupWebsocketConnection *client;
  SoupWebsocketConnection *server;
} Pair;

typedef struct
{
  gpointer  instance;
  int       type;
  GBytes   *message;
  guint     calls;
} Seen;

static SoupWebsocketConnection *
websocket_on_fd (int                         fd,
                 SoupWebsocketConnectionType type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, &error);
  g_autoptr(GSocketConnection) stream = NULL;
  g_autoptr(GUri) uri = g_uri_parse ("ws://127.0.0.1/", G_URI_FLAGS_NONE, NULL);

  g_assert_no_error (error);
  stream = g_socket_connection_factory_create_connection (socket);
  return soup_websocket_connection_new (G_IO_STREAM (stream), uri, type, NULL, NULL, NULL);
}

static void
pair_init (Pair *pair)
{
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
  pair->client = websocket_on_fd (fds[0], SOUP_WEBSOCKET_CONNECTION_CLIENT);
  pair->server = websocket_on_fd (fds[1], SOUP_WEBSOCKET_CONNECTION_SERVER);
}

static void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->client);
  g_clear_object (&pair->server);
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->message, g_bytes_unref);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            Seen                    *seen)
{
  seen->instance = connection;
  seen->type = type;
  g_clear_pointer (&seen->message, g_bytes_unref);
  seen->message = g_bytes_ref (message);
  seen->calls++;
}

static void
on_message_swapped (Seen                    *seen,
                    int                      type,
                    GBytes                  *message,
                    SoupWebsocketConnection *connection)
{
  on_message (connection, type, message, seen);
}

/* Sends text and binary from the client and waits (with a deadline) until seen has both. */
static void
send_and_wait (Pair *pair,
               Seen *seen,
               guint expected_calls)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  static const guint8 binary[] = { 0x00, 0xff, 0x10 };

  soup_websocket_connection_send_text (pair->client, "[36,1,2,{},[\"hello\"]]");
  while (seen->calls < expected_calls && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->calls, ==, expected_calls);
  g_assert_true (seen->instance == pair->server);
  g_assert_cmpint (seen->type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_cmpmem (g_bytes_get_data (seen->message, NULL), g_bytes_get_size (seen->message),
                   "[36,1,2,{},[\"hello\"]]", strlen ("[36,1,2,{},[\"hello\"]]"));

  soup_websocket_connection_send_binary (pair->client, binary, sizeof binary);
  while (seen->calls < 2 * expected_calls && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->calls, ==, 2 * expected_calls);
  g_assert_cmpint (seen->type, ==, SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpmem (g_bytes_get_data (seen->message, NULL), g_bytes_get_size (seen->message), binary,
                   sizeof binary);
}

/* One handler: GLib calls it through the va_list marshaller. */
static void
test_one_handler (void)
{
  Pair pair = { 0 };
  Seen seen = { 0 };

  pair_init (&pair);
  g_signal_connect (pair.server, "message", G_CALLBACK (on_message), &seen);
  send_and_wait (&pair, &seen, 1);
  seen_clear (&seen);
  pair_clear (&pair);
}

static void
test_swapped_handler (void)
{
  Pair pair = { 0 };
  Seen seen = { 0 };

  pair_init (&pair);
  g_signal_connect_swapped (pair.server, "message", G_CALLBACK (on_message_swapped), &seen);
  send_and_wait (&pair, &seen, 1);
  seen_clear (&seen);
  pair_clear (&pair);
}

/* Two handlers: GLib takes its GValue path with libsoup's own marshaller. */
static void
test_two_handlers (void)
{
  Pair pair = { 0 };
  Seen seen = { 0 };

  pair_init (&pair);
  g_signal_connect (pair.server, "message", G_CALLBACK (on_message), &seen);
  g_signal_connect_swapped (pair.server, "message", G_CALLBACK (on_message_swapped), &seen);
  send_and_wait (&pair, &seen, 2);
  seen_clear (&seen);
  pair_clear (&pair);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* as in the app, SockTransport's class is made before any frame arrives: it sets the marshaller */
  g_type_class_unref (g_type_class_ref (SOCK_TYPE_TRANSPORT));

  g_test_add_func ("/sockscope/transport/message-signal/one-handler", test_one_handler);
  g_test_add_func ("/sockscope/transport/message-signal/swapped-handler", test_swapped_handler);
  g_test_add_func ("/sockscope/transport/message-signal/two-handlers", test_two_handlers);

  return g_test_run ();
}
