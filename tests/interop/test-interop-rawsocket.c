/* test-interop-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autobahn|JS (npm `autobahn` 22.11.1) joins the demo router (`sockscope-cli serve-demo`) over its
 * Node RawSocket transport, on the TCP port and on the Unix socket: subscribe, publish, call the
 * demo procedures (with progress), register a procedure that a WebSocket peer calls, and
 * cryptosign in realm `secure`.
 *
 * Limits met: Autobahn's RawSocket transport speaks JSON only (its handshake always asks for
 * serializer 1 and it refuses any other reply), so MessagePack and CBOR over RawSocket are
 * covered by test-demo-rawsocket with the codec on the client side; a WebSocket peer in MessagePack
 * meets the RawSocket one here instead.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

/* cryptouser's key in the demo router: RFC 8032's published test key (sock-demo-router.h) */
#define CRYPTOUSER_SEED "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"

static char *ws_url;     /* ws://127.0.0.1:PORT/ws */
static char *rs_url;     /* rs://127.0.0.1:PORT */
static char *unix_url;   /* unix:///PATH */

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in “%s”", part, text);
}

/* rs:// or unix://, by the test's data */
static const char *
rawsocket_url (gconstpointer data)
{
  return g_str_equal (data, "unix") ? unix_url : rs_url;
}

/* Autobahn over RawSocket subscribes; Autobahn over the other RawSocket listener publishes. */
static void
test_pubsub (gconstpointer data)
{
  const char *url = rawsocket_url (data);
  const char *other = url == rs_url ? unix_url : rs_url;
  g_autoptr(InteropPeer) sub = interop_node_spawn ("autobahn-client.js", url, "demo", "subscribe", "interop.rs",
                                                   "--count", "1", NULL);
  g_autofree char *welcome = interop_peer_wait_for (sub, "\"welcome\"", 10000);
  g_autofree char *subscribed = interop_peer_wait_for (sub, "\"subscribed\"", 10000);
  g_autofree char *out = NULL;
  g_autofree char *event = NULL;

  assert_has (welcome, "\"protocol\":\"wamp.2.json\"");
  assert_has (welcome, "\"roles\":[\"broker\",\"dealer\"]");
  g_assert_cmpint (interop_autobahn_run (&out, other, "demo", "publish", "interop.rs", "--args", "[1,\"two\"]",
                                         "--kwargs", "{\"k\":[true,null]}", "--ack", NULL), ==, 0);
  assert_has (out, "\"published\":");
  event = interop_peer_wait_for (sub, "\"event\"", 5000);
  assert_has (event, "\"args\":[1,\"two\"]");
  assert_has (event, "\"kwargs\":{\"k\":[true,null]}");
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

static void
test_calls (gconstpointer data)
{
  const char *url = rawsocket_url (data);
  g_autofree char *add = NULL;
  g_autofree char *slow = NULL;
  g_autofree char *fail = NULL;

  g_assert_cmpint (interop_autobahn_run (&add, url, "demo", "call", "demo.add", "--args", "[2,3]", NULL), ==, 0);
  assert_has (add, "\"result\":{\"args\":[5]");
  g_assert_cmpint (interop_autobahn_run (&slow, url, "demo", "call", "demo.slow", "--args", "[2]", "--progress",
                                         NULL), ==, 0);
  assert_has (slow, "\"progress\":");
  assert_has (slow, "\"result\":");
  g_assert_cmpint (interop_autobahn_run (&fail, url, "demo", "call", "demo.fail", NULL), ==, 1);
  assert_has (fail, "\"error\":\"");
}

/* A callee over RawSocket, called by sockscope-cli over WebSocket in MessagePack. */
static void
test_callee (gconstpointer data)
{
  const char *url = rawsocket_url (data);
  g_autofree char *procedure = g_strdup_printf ("interop.rs.echo.%s", (const char *) data);
  g_autoptr(InteropPeer) callee = interop_node_spawn ("autobahn-client.js", url, "demo", "register", procedure,
                                                      "--mode", "echo", NULL);
  g_autofree char *registered = interop_peer_wait_for (callee, "\"registered\"", 10000);
  g_autofree char *invocation = NULL;
  g_auto(InteropRun) call = { 0 };

  interop_run_cli (&call, 15, "call", ws_url, procedure, "--realm", "demo", "--protocol", "wamp.2.msgpack",
                   "--args", "[7,\"seven\"]", "--kwargs", "{\"x\":1}", NULL);
  g_assert_cmpint (call.status, ==, 0);
  assert_has (call.out, "\"args\":[7,\"seven\"]");
  assert_has (call.out, "\"kwargs\":{\"x\":1}");
  invocation = interop_peer_wait_for (callee, "\"invocation\"", 5000);
  assert_has (invocation, "\"args\":[7,\"seven\"]");
}

static void
test_cryptosign (gconstpointer data)
{
  const char *url = rawsocket_url (data);
  g_autofree char *out = NULL;
  g_autofree char *wrong = NULL;

  g_assert_cmpint (interop_autobahn_run (&out, url, "secure", "call", "demo.add", "--args", "[20,22]",
                                         "--authid", "cryptouser", "--private-key", CRYPTOUSER_SEED,
                                         NULL), ==, 0);
  assert_has (out, "\"authmethod\":\"cryptosign\"");
  assert_has (out, "\"result\":{\"args\":[42]");
  /* another key for the same authid is refused */
  g_assert_cmpint (interop_autobahn_run (&wrong, url, "secure", "join", "--authid", "cryptouser", "--private-key",
                                         "0000000000000000000000000000000000000000000000000000000000000001",
                                         NULL), ==, 3);
  assert_has (wrong, "\"closed\":");
}

/* "RawSocket (JSON, MessagePack, CBOR): rs://127.0.0.1:PORT and unix:///PATH" */
static InteropPeer *
start_demo (void)
{
  InteropPeer *peer = interop_cli_spawn ("serve-demo", "--port", "0", "--no-tls", NULL);
  g_autofree char *line = interop_peer_wait_for (peer, "ws://127.0.0.1:", 10000);
  g_autofree char *rs_line = interop_peer_wait_for (peer, "RawSocket (", 10000);
  g_auto(GStrv) fields = g_strsplit (rs_line, " ", -1);

  g_assert_cmpuint (g_strv_length (fields), ==, 7);
  ws_url = g_strconcat (strstr (line, "ws://127.0.0.1:"), "/ws", NULL);
  rs_url = g_strdup (fields[4]);
  unix_url = g_strdup (fields[6]);
  g_assert_true (g_str_has_prefix (rs_url, "rs://127.0.0.1:"));
  g_assert_true (g_str_has_prefix (unix_url, "unix:///"));
  return peer;
}

int
main (int   argc,
      char *argv[])
{
  static const char *listeners[] = { "tcp", "unix" };
  g_autoptr(InteropPeer) demo = NULL;
  int ret;

  interop_init (&argc, &argv);
  demo = start_demo ();

  for (guint i = 0; i < G_N_ELEMENTS (listeners); i++)
    {
      g_autofree char *pubsub = g_strdup_printf ("/sockscope/interop/rawsocket/pubsub/%s", listeners[i]);
      g_autofree char *calls = g_strdup_printf ("/sockscope/interop/rawsocket/calls/%s", listeners[i]);
      g_autofree char *callee = g_strdup_printf ("/sockscope/interop/rawsocket/callee/%s", listeners[i]);
      g_autofree char *cryptosign = g_strdup_printf ("/sockscope/interop/rawsocket/cryptosign/%s", listeners[i]);

      g_test_add_data_func (pubsub, listeners[i], test_pubsub);
      g_test_add_data_func (calls, listeners[i], test_calls);
      g_test_add_data_func (callee, listeners[i], test_callee);
      g_test_add_data_func (cryptosign, listeners[i], test_cryptosign);
    }
  ret = g_test_run ();
  g_clear_pointer (&demo, interop_peer_free);
  g_free (ws_url);
  g_free (rs_url);
  g_free (unix_url);
  return ret;
}
