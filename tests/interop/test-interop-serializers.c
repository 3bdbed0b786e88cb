/* test-interop-serializers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MessagePack and CBOR with Autobahn|JS (npm `autobahn` 22.11.1 with its msgpack5 and cbor
 * serializers) through Sockscope's demo router (`sockscope-cli serve-demo`), Sockscope on the other
 * side in another serializer: sockscope-cli sub/pub/call, and Sockscope's own client as a callee
 * (interop-callee). Binary travels as binary (Autobahn's Buffer; Sockscope prints WAMP's JSON form,
 * "\u0000" + base64), and each peer negotiated the serializer it was told to.
 *
 * Limits met: JavaScript numbers hold integers exactly only up to 2^53 - 1, so that is the largest
 * integer Autobahn sends or checks. What Sockscope sends from --args, and what its callee answers,
 * goes as typed: binary as binary both ways.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

static char *url;   /* ws://127.0.0.1:PORT/ws */

#define BINARY_ARGS "[\"\\u0000AQID/w==\",1.5,\"x\",9007199254740991]"
#define BINARY_KWARGS "{\"b\":\"\\u0000AA==\"}"

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in “%s”", part, text);
}

/* Autobahn publishes in one binary serializer, sockscope-cli subscribes in the other. */
static void
test_autobahn_pub_sockscope_sub (gconstpointer data)
{
  const char * const *pair = data;   /* Autobahn's serializer, Sockscope's subprotocol */
  g_autoptr(InteropPeer) sub = interop_cli_spawn ("sub", url, "interop.bin", "--realm", "demo",
                                                  "--protocol", pair[1], "--count", "1", "--timeout", "20",
                                                  NULL);
  g_autofree char *line = NULL;
  guint tries = 0;

  do
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (interop_autobahn_run (&out, url, "demo", "publish", "interop.bin", "--serializer", pair[0],
                                             "--args", BINARY_ARGS, "--kwargs", BINARY_KWARGS, "--ack", NULL),
                       ==, 0);
      assert_has (out, "\"published\":");
      assert_has (out, pair[0][0] == 'm' ? "\"protocol\":\"wamp.2.msgpack\"" : "\"protocol\":\"wamp.2.cbor\"");
    }
  while (!interop_peer_wait_exit (sub, 300) && ++tries < 40);

  line = interop_peer_wait_for (sub, "\"topic\"", 1000);
  /* the very text: binary in WAMP's JSON form, the integer exact */
  assert_has (line, "\"args\":" BINARY_ARGS);
  assert_has (line, "\"kwargs\":" BINARY_KWARGS);
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

/* sockscope-cli publishes in one serializer, Autobahn subscribes in the other. */
static void
test_sockscope_pub_autobahn_sub (gconstpointer data)
{
  const char * const *pair = data;
  g_autoptr(InteropPeer) sub = interop_node_spawn ("autobahn-client.js", url, "demo", "subscribe", "interop.news",
                                                   "--serializer", pair[0], "--count", "1", NULL);
  g_auto(InteropRun) pub = { 0 };
  g_autofree char *welcome = interop_peer_wait_for (sub, "\"welcome\"", 10000);
  g_autofree char *subscribed = interop_peer_wait_for (sub, "\"subscribed\"", 10000);
  g_autofree char *line = NULL;

  assert_has (welcome, pair[0][0] == 'm' ? "wamp.2.msgpack" : "wamp.2.cbor");
  interop_run_cli (&pub, 15, "pub", url, "interop.news", "--realm", "demo", "--protocol", pair[1],
                   "--args", "[1, \"two\", -9007199254740991, 0.25, \"\\u0000AQID/w==\"]",
                   "--kwargs", "{\"k\": {\"nested\": [true, null]}, \"b\": \"\\u0000AA==\"}", "--ack", NULL);
  g_assert_cmpint (pub.status, ==, 0);

  /* binary reaches Autobahn as a Buffer (printed in WAMP's JSON form) */
  line = interop_peer_wait_for (sub, "\"event\"", 5000);
  assert_has (line, "\"args\":[1,\"two\",-9007199254740991,0.25,\"\\u0000AQID/w==\"]");
  assert_has (line, "\"kwargs\":{\"k\":{\"nested\":[true,null]},\"b\":\"\\u0000AA==\"}");
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

/* sockscope-cli calls an Autobahn callee that answers with binary. */
static void
test_sockscope_call_autobahn_callee (gconstpointer data)
{
  const char * const *pair = data;
  g_autofree char *procedure = g_strdup_printf ("interop.bytes.%s", pair[0]);
  g_autoptr(InteropPeer) callee = interop_node_spawn ("autobahn-client.js", url, "demo", "register", procedure,
                                                      "--mode", "bytes", "--serializer", pair[0], NULL);
  g_autofree char *registered = interop_peer_wait_for (callee, "\"registered\"", 10000);
  g_autofree char *invocation = NULL;
  g_auto(InteropRun) call = { 0 };

  interop_run_cli (&call, 15, "call", url, procedure, "--realm", "demo", "--protocol", pair[1],
                   "--args", "[7,\"seven\"]", NULL);
  g_assert_cmpint (call.status, ==, 0);
  assert_has (call.out, "\"args\":[\"\\u0000AQID/w==\",9007199254740991]");
  assert_has (call.out, "\"kwargs\":{\"b\":\"\\u0000AA==\"}");
  invocation = interop_peer_wait_for (callee, "\"invocation\"", 5000);
  assert_has (invocation, "\"args\":[7,\"seven\"]");
}

/* Autobahn calls Sockscope's client registered as a callee; the INVOCATION's binary reaches it
 * exactly. */
static void
test_autobahn_call_sockscope_callee (gconstpointer data)
{
  const char * const *pair = data;
  g_autofree char *callee_path = g_test_build_filename (G_TEST_BUILT, "interop", "interop-callee", NULL);
  g_autofree char *procedure = g_strdup_printf ("interop.scope.%s", pair[0]);
  const char *argv[] = { callee_path, url, "demo", procedure, pair[1], NULL };
  g_autoptr(InteropPeer) callee = interop_peer_spawnv ("interop-callee", argv);
  g_autofree char *registered = interop_peer_wait_for (callee, "\"registered\"", 10000);
  g_autofree char *out = NULL;
  g_autofree char *invocation = NULL;

  g_assert_cmpint (interop_autobahn_run (&out, url, "demo", "call", procedure, "--serializer", pair[0],
                                         "--args", BINARY_ARGS, "--kwargs", BINARY_KWARGS, NULL), ==, 0);
  invocation = interop_peer_wait_for (callee, "\"invocation\"", 5000);
  assert_has (invocation, "\"args\":" BINARY_ARGS);
  assert_has (invocation, "\"kwargs\":" BINARY_KWARGS);
  /* the result goes back as the arguments came, binary included */
  assert_has (out, "\"args\":[\"done\",\"\\u0000AQID/w==\",1.5,\"x\",9007199254740991]");
  assert_has (out, "\"kwargs\":" BINARY_KWARGS);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const msgpack_cbor[] = { "msgpack", "wamp.2.cbor" };
  static const char * const cbor_msgpack[] = { "cbor", "wamp.2.msgpack" };
  static const char * const msgpack_msgpack[] = { "msgpack", "wamp.2.msgpack.batched" };
  static const char * const *pairs[] = { msgpack_cbor, cbor_msgpack, msgpack_msgpack };
  static const char *pair_names[] = { "msgpack-cbor", "cbor-msgpack", "msgpack-msgpack-batched" };
  g_autoptr(InteropPeer) demo = NULL;
  int ret;

  interop_init (&argc, &argv);
  demo = interop_demo_start (&url);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = g_strdup_printf ("/sockscope/interop/serializers/autobahn-pub-sockscope-sub/%s",
                                            pair_names[i]);
      g_autofree char *b = g_strdup_printf ("/sockscope/interop/serializers/sockscope-pub-autobahn-sub/%s",
                                            pair_names[i]);
      g_autofree char *c = g_strdup_printf ("/sockscope/interop/serializers/sockscope-call-autobahn-callee/%s",
                                            pair_names[i]);
      g_autofree char *d = g_strdup_printf ("/sockscope/interop/serializers/autobahn-call-sockscope-callee/%s",
                                            pair_names[i]);

      g_test_add_data_func (a, pairs[i], test_autobahn_pub_sockscope_sub);
      g_test_add_data_func (b, pairs[i], test_sockscope_pub_autobahn_sub);
      g_test_add_data_func (c, pairs[i], test_sockscope_call_autobahn_callee);
      g_test_add_data_func (d, pairs[i], test_autobahn_call_sockscope_callee);
    }
  ret = g_test_run ();
  g_clear_pointer (&demo, interop_peer_free);
  g_free (url);
  return ret;
}
