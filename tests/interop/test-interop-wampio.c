/* test-interop-wampio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sockscope's WAMP v1 client (`sockscope-cli sub/pub/call`) against wamp.io 0.0.4, a WAMP v1
 * server attached to a `ws` server by peers/run-router.js (which also writes its RPC handlers:
 * http://example.com/rpc#add, #echo and #fail). The server only agrees to the "wamp" subprotocol.
 *
 * wamp.io's deviations: it excludes the publisher unless PUBLISH says excludeMe false, ignores
 * exclude/eligible and PREFIX (CURIEs are never expanded), answers every failed call with the one
 * error URI http://autobahn.tavendo.de/error#generic and the handler's error text as the
 * description, and keeps the CALL's id in a global, so two calls in flight at once can get each
 * other's results (the tests call one at a time). WAMP v1 has no publication ids and no publish
 * acknowledgement, so events carry publication null and `pub --ack` is sent without one.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

#define TOPIC "http://example.com/topic"

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  g_assert_nonnull (object);
  return json_object_get_member (object, name);
}

/* v1 has no SUBSCRIBED, so the publisher sends events until the subscriber exited with one.
 * A single positional argument is the v1 event itself, and comes back as args [event]. */
static void
pubsub (const char *protocol)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.io", &url);
  g_autoptr(InteropPeer) sub = interop_cli_spawn ("sub", url, TOPIC, "--protocol", protocol,
                                                  "--count", "1", "--timeout", "15", NULL);
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) event = NULL;
  guint sent = 0;

  do
    {
      g_auto(InteropRun) pub = { 0 };
      g_autofree char *args = g_strdup_printf ("[{\"n\":%u,\"s\":\"é\"}]", sent++);

      interop_run_cli (&pub, 15, "pub", url, TOPIC, "--protocol", protocol, "--args", args, NULL);
      g_assert_cmpint (pub.status, ==, 0);
    }
  while (!interop_peer_wait_exit (sub, 300) && sent < 40);

  line = interop_peer_wait_for (sub, "\"topic\"", 1000);
  event = interop_parse_object (line);
  interop_assert_json (member (event, "topic"), "\"" TOPIC "\"");
  interop_assert_json (member (event, "publication"), "null");
  interop_assert_json (member (event, "kwargs"), "{}");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (member (event, "args")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member (event, "args"))), ==, 1);
  g_assert_nonnull (strstr (line, "\"s\":\"é\""));
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

static void
test_pubsub_wamp (void)
{
  pubsub ("wamp");
}

/* auto offers wamp.2.json and wamp; wamp.io's server picks wamp. */
static void
test_pubsub_auto (void)
{
  pubsub ("auto");
}

/* v1 has no acknowledgement: `pub --ack` still publishes, and exits 0. */
static void
test_pub_ack (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.io", &url);
  g_auto(InteropRun) pub = { 0 };

  interop_run_cli (&pub, 15, "pub", url, TOPIC, "--protocol", "wamp", "--args", "[1]", "--ack", NULL);
  g_assert_cmpint (pub.status, ==, 0);
}

static void
test_call (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.io", &url);
  g_auto(InteropRun) add = { 0 };
  g_auto(InteropRun) echo = { 0 };
  g_autoptr(JsonObject) sum = NULL;
  g_autoptr(JsonObject) echoed = NULL;

  interop_run_cli (&add, 15, "call", url, "http://example.com/rpc#add", "--protocol", "wamp",
                   "--args", "[1,2,3]", NULL);
  g_assert_cmpint (add.status, ==, 0);
  sum = interop_find_line (add.out, "args");
  interop_assert_json (member (sum, "args"), "[6]");
  interop_assert_json (member (sum, "kwargs"), "{}");

  /* the v1 CALLRESULT is one value: the handler's array comes back as args[0] */
  interop_run_cli (&echo, 15, "call", url, "http://example.com/rpc#echo", "--protocol", "wamp",
                   "--args", "[\"x\",{\"y\":[true,null]}]", NULL);
  g_assert_cmpint (echo.status, ==, 0);
  echoed = interop_find_line (echo.out, "args");
  interop_assert_json (member (echoed, "args"), "[[\"x\",{\"y\":[true,null]}]]");
}

static void
test_call_errors (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.io", &url);
  g_auto(InteropRun) fail = { 0 };
  g_auto(InteropRun) unknown = { 0 };
  g_autoptr(JsonObject) error = NULL;
  g_autoptr(JsonObject) unknown_error = NULL;

  interop_run_cli (&fail, 15, "call", url, "http://example.com/rpc#fail", "--protocol", "wamp", NULL);
  g_assert_cmpint (fail.status, ==, 1);
  error = interop_find_line (fail.out, "error");
  interop_assert_json (member (error, "error"), "\"http://autobahn.tavendo.de/error#generic\"");
  interop_assert_json (member (error, "args"), "[\"Error: failed on purpose\"]");
  g_assert_nonnull (strstr (fail.err, "failed on purpose"));

  interop_run_cli (&unknown, 15, "call", url, "http://example.com/rpc#nope", "--protocol", "wamp", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  unknown_error = interop_find_line (unknown.out, "error");
  interop_assert_json (member (unknown_error, "error"), "\"http://autobahn.tavendo.de/error#generic\"");
  interop_assert_json (member (unknown_error, "args"),
                       "[\"Error: no such procedure http://example.com/rpc#nope\"]");
}

/* Offering only wamp.2.json: wamp.io's server agrees to no subprotocol and speaks first with a
 * v1 WELCOME, from which Sockscope detects v1 and still makes the call. */
static void
test_detect_without_subprotocol (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.io", &url);
  g_auto(InteropRun) add = { 0 };
  g_autoptr(JsonObject) sum = NULL;

  interop_run_cli (&add, 15, "call", url, "http://example.com/rpc#add", "--protocol", "wamp.2.json",
                   "--args", "[40,2]", NULL);
  g_assert_cmpint (add.status, ==, 0);
  sum = interop_find_line (add.out, "args");
  interop_assert_json (member (sum, "args"), "[42]");
}

int
main (int   argc,
      char *argv[])
{
  interop_init (&argc, &argv);

  g_test_add_func ("/sockscope/interop/wamp.io/pubsub-wamp", test_pubsub_wamp);
  g_test_add_func ("/sockscope/interop/wamp.io/pubsub-auto", test_pubsub_auto);
  g_test_add_func ("/sockscope/interop/wamp.io/pub-ack", test_pub_ack);
  g_test_add_func ("/sockscope/interop/wamp.io/call", test_call);
  g_test_add_func ("/sockscope/interop/wamp.io/call-errors", test_call_errors);
  g_test_add_func ("/sockscope/interop/wamp.io/detect-without-subprotocol",
                   test_detect_without_subprotocol);

  return g_test_run ();
}
