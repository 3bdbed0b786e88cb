/* test-interop-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Autobahn|JS (npm `autobahn`, a real WAMP v2 client) against Sockscope's demo router
 * (`sockscope-cli serve-demo`, path /ws), with sockscope-cli sub/pub/call on the other side where
 * one Sockscope peer talks to one Autobahn peer.
 *
 * Deviation seen from Autobahn|JS 22.11.1 as a callee: it announces progressive_call_results but
 * not call_canceling; the demo router still forwards receive_progress, so progress reaches the
 * caller (test register-progress). As a caller it hands a one-element positional result over as
 * a bare value; peers/autobahn-client.js turns it back into {args, kwargs}.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

static char *url;   /* ws://127.0.0.1:PORT/ws */

static JsonNode *
member (JsonObject *object,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL || !json_object_has_member (object, parts[i]))
        return NULL;
      node = json_object_get_member (object, parts[i]);
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static void
assert_member (JsonObject *object,
               const char *path,
               const char *expected)
{
  g_test_message ("%s should be %s", path, expected);
  interop_assert_json (member (object, path), expected);
}

static void
test_subscribe_tick (void)
{
  g_autoptr(InteropPeer) sub = interop_node_spawn ("autobahn-client.js", url, "demo", "subscribe",
                                                   "demo.tick", "--count", "2", NULL);
  g_autofree char *welcome = interop_peer_wait_for (sub, "\"welcome\"", 10000);
  g_autoptr(JsonObject) w = interop_parse_object (welcome);
  g_autofree char *subscribed = interop_peer_wait_for (sub, "\"subscribed\"", 5000);
  /* demo.tick fires every second */
  g_autofree char *first = interop_peer_wait_for (sub, "\"event\"", 3000);
  g_autofree char *second = interop_peer_wait_for (sub, "\"event\"", 3000);
  g_autoptr(JsonObject) e1 = interop_parse_object (first);
  g_autoptr(JsonObject) e2 = interop_parse_object (second);
  gint64 n1, n2;

  assert_member (w, "welcome.authmethod", "\"anonymous\"");
  assert_member (w, "welcome.roles", "[\"broker\",\"dealer\"]");
  assert_member (e1, "event.details.topic", "\"demo.tick\"");
  g_assert_true (json_object_has_member (json_object_get_object_member (
    json_object_get_object_member (e1, "event"), "kwargs"), "time"));
  n1 = json_array_get_int_element (json_object_get_array_member (
    json_object_get_object_member (e1, "event"), "args"), 0);
  n2 = json_array_get_int_element (json_object_get_array_member (
    json_object_get_object_member (e2, "event"), "args"), 0);
  g_assert_cmpint (n2, ==, n1 + 1);
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

/* An Autobahn publisher, a Sockscope subscriber. The CLI says nothing when its SUBSCRIBED
 * arrives, so Autobahn publishes (acknowledged) until the subscriber has its one event. */
static void
test_autobahn_publish_sockscope_sub (void)
{
  g_autoptr(InteropPeer) sub = interop_cli_spawn ("sub", url, "interop.chat", "--realm", "demo",
                                                  "--count", "1", "--timeout", "15", NULL);
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) event = NULL;
  guint tries = 0;

  do
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (interop_autobahn_run (&out, url, "demo", "publish", "interop.chat",
                                             "--args", "[\"hello\",1]",
                                             "--kwargs", "{\"from\":\"autobahn\"}", "--ack", NULL),
                       ==, 0);
      g_assert_nonnull (strstr (out, "\"published\":"));
    }
  while (!interop_peer_wait_exit (sub, 300) && ++tries < 40);

  line = interop_peer_wait_for (sub, "\"topic\"", 1000);
  event = interop_parse_object (line);
  assert_member (event, "topic", "\"interop.chat\"");
  assert_member (event, "args", "[\"hello\",1]");
  assert_member (event, "kwargs", "{\"from\":\"autobahn\"}");
  g_assert_true (JSON_NODE_HOLDS_VALUE (member (event, "publication")));
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

static void
test_sockscope_pub_autobahn_sub (void)
{
  g_autoptr(InteropPeer) sub = interop_node_spawn ("autobahn-client.js", url, "demo", "subscribe",
                                                   "interop.news", "--count", "1", NULL);
  g_auto(InteropRun) pub = { 0 };
  g_autofree char *subscribed = interop_peer_wait_for (sub, "\"subscribed\"", 10000);
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) event = NULL;

  interop_run_cli (&pub, 15, "pub", url, "interop.news", "--realm", "demo", "--args", "[1,\"two\"]",
                   "--kwargs", "{\"k\":{\"nested\":true}}", "--ack", NULL);
  g_assert_cmpint (pub.status, ==, 0);

  line = interop_peer_wait_for (sub, "\"event\"", 5000);
  event = interop_parse_object (line);
  assert_member (event, "event.args", "[1,\"two\"]");
  assert_member (event, "event.kwargs", "{\"k\":{\"nested\":true}}");
  assert_member (event, "event.details.topic", "\"interop.news\"");
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

static void
test_autobahn_calls (void)
{
  g_autofree char *add = NULL;
  g_autofree char *echo = NULL;
  g_autofree char *fail = NULL;
  g_autoptr(JsonObject) sum = NULL;
  g_autoptr(JsonObject) echoed = NULL;
  g_autoptr(JsonObject) error = NULL;

  g_assert_cmpint (interop_autobahn_run (&add, url, "demo", "call", "demo.add", "--args", "[2,3,4]", NULL),
                   ==, 0);
  sum = interop_find_line (add, "result");
  assert_member (sum, "result.args", "[9]");

  g_assert_cmpint (interop_autobahn_run (&echo, url, "demo", "call", "demo.echo", "--args", "[\"a\",[1]]",
                                         "--kwargs", "{\"x\":null}", NULL), ==, 0);
  echoed = interop_find_line (echo, "result");
  assert_member (echoed, "result.args", "[\"a\",[1]]");
  assert_member (echoed, "result.kwargs", "{\"x\":null}");

  g_assert_cmpint (interop_autobahn_run (&fail, url, "demo", "call", "demo.fail", NULL), ==, 1);
  error = interop_find_line (fail, "error");
  assert_member (error, "error", "\"demo.error.failed\"");
  assert_member (error, "args", "[\"this procedure always fails\"]");
  assert_member (error, "kwargs", "{\"code\":42}");
}

/* demo.slow [3]: progress [1], [2], [3] 100 ms apart, then the result [3]. */
static void
test_autobahn_call_progress (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) result = NULL;

  g_assert_cmpint (interop_autobahn_run (&out, url, "demo", "call", "demo.slow", "--args", "[3]",
                                         "--progress", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "{\"progress\":{\"args\":[1],\"kwargs\":{}}}\n"
                                 "{\"progress\":{\"args\":[2],\"kwargs\":{}}}\n"
                                 "{\"progress\":{\"args\":[3],\"kwargs\":{}}}\n"
                                 "{\"result\":{\"args\":[3],\"kwargs\":{}}}\n"));
}

static InteropPeer *
start_callee (const char *procedure,
              const char *mode)
{
  InteropPeer *callee = interop_node_spawn ("autobahn-client.js", url, "demo", "register", procedure,
                                            "--mode", mode, NULL);
  g_autofree char *registered = interop_peer_wait_for (callee, "\"registered\"", 10000);

  return callee;
}

/* An Autobahn callee, Sockscope's `call` as the caller. */
static void
test_autobahn_register_sockscope_call (void)
{
  g_autoptr(InteropPeer) echo = start_callee ("interop.echo", "echo");
  g_autoptr(InteropPeer) fail = start_callee ("interop.fail", "fail");
  g_auto(InteropRun) ok = { 0 };
  g_auto(InteropRun) failed = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *invocation = NULL;
  g_autoptr(JsonObject) inv = NULL;
  g_autoptr(JsonObject) error = NULL;

  interop_run_cli (&ok, 15, "call", url, "interop.echo", "--realm", "demo", "--args", "[\"x\",2]",
                   "--kwargs", "{\"flag\":true}", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  result = interop_find_line (ok.out, "args");
  g_assert_nonnull (result);
  assert_member (result, "args", "[\"x\",2]");
  assert_member (result, "kwargs", "{\"flag\":true}");
  invocation = interop_peer_wait_for (echo, "\"invocation\"", 2000);
  inv = interop_parse_object (invocation);
  assert_member (inv, "invocation.args", "[\"x\",2]");

  interop_run_cli (&failed, 15, "call", url, "interop.fail", "--realm", "demo", "--args", "[5]", NULL);
  g_assert_cmpint (failed.status, ==, 1);
  error = interop_find_line (failed.out, "error");
  assert_member (error, "error", "\"org.example.interop.failed\"");
  assert_member (error, "args", "[\"failed on purpose\",5]");
  assert_member (error, "kwargs", "{\"code\":7}");
  g_assert_nonnull (strstr (failed.err, "org.example.interop.failed"));
}

/* The Autobahn callee sends two progressive YIELDs when the call asked for them. */
static void
test_autobahn_register_progress (void)
{
  g_autoptr(InteropPeer) callee = start_callee ("interop.progress", "progress");
  g_auto(InteropRun) run = { 0 };

  interop_run_cli (&run, 15, "call", url, "interop.progress", "--realm", "demo", "--args", "[7]",
                   "--progress", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "{\"progress\":true,\"args\":[1],\"kwargs\":{}}\n"
                   "{\"progress\":true,\"args\":[2],\"kwargs\":{}}\n"
                   "{\"args\":[\"done\",7],\"kwargs\":{}}\n");
  g_free (interop_peer_wait_for (callee, "\"progress\":true", 2000));
}

static void
test_autobahn_auth (void)
{
  struct { const char *authid, *option, *secret, *authmethod; } users[] = {
    { "ticketuser", "--ticket", "ticket-secret", "ticket" },
    { "crauser", "--secret", "cra-secret", "wampcra" },
    { "saltuser", "--secret", "salt-secret", "wampcra" },   /* salted: PBKDF2 in Autobahn */
    /* Autobahn's own cryptosign signer (tweetnacl) with the demo's RFC 8032 test key */
    { "cryptouser", "--private-key", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      "cryptosign" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *authid = g_strdup_printf ("\"%s\"", users[i].authid);
      g_autofree char *authmethod = g_strdup_printf ("\"%s\"", users[i].authmethod);
      g_autoptr(JsonObject) welcome = NULL;

      g_assert_cmpint (interop_autobahn_run (&out, url, "secure", "join", "--authid", users[i].authid,
                                             users[i].option, users[i].secret, NULL), ==, 0);
      welcome = interop_find_line (out, "welcome");
      g_assert_nonnull (welcome);
      assert_member (welcome, "welcome.authid", authid);
      assert_member (welcome, "welcome.authmethod", authmethod);
      assert_member (welcome, "welcome.authrole", "\"user\"");
    }
}

static void
test_autobahn_auth_failures (void)
{
  struct { const char *authid, *option, *secret, *reason; } cases[] = {
    { "ticketuser", "--ticket", "wrong", "wamp.error.authentication_failed" },
    { "saltuser", "--secret", "cra-secret", "wamp.error.authentication_failed" },
    { "cryptouser", "--private-key", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
      "wamp.error.not_authorized" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *reason = g_strdup_printf ("\"%s\"", cases[i].reason);
      g_autoptr(JsonObject) closed = NULL;

      g_assert_cmpint (interop_autobahn_run (&out, url, "secure", "join", "--authid", cases[i].authid,
                                             cases[i].option, cases[i].secret, NULL), ==, 3);
      closed = interop_find_line (out, "closed");
      g_assert_nonnull (closed);
      assert_member (closed, "details.reason", reason);
      g_assert_null (strstr (out, "\"welcome\""));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(InteropPeer) demo = NULL;
  int ret;

  interop_init (&argc, &argv);
  demo = interop_demo_start (&url);

  g_test_add_func ("/sockscope/interop/demo/autobahn-subscribe-tick", test_subscribe_tick);
  g_test_add_func ("/sockscope/interop/demo/autobahn-publish-sockscope-sub",
                   test_autobahn_publish_sockscope_sub);
  g_test_add_func ("/sockscope/interop/demo/sockscope-pub-autobahn-sub", test_sockscope_pub_autobahn_sub);
  g_test_add_func ("/sockscope/interop/demo/autobahn-calls", test_autobahn_calls);
  g_test_add_func ("/sockscope/interop/demo/autobahn-call-progress", test_autobahn_call_progress);
  g_test_add_func ("/sockscope/interop/demo/autobahn-register-sockscope-call",
                   test_autobahn_register_sockscope_call);
  g_test_add_func ("/sockscope/interop/demo/autobahn-register-progress", test_autobahn_register_progress);
  g_test_add_func ("/sockscope/interop/demo/autobahn-auth", test_autobahn_auth);
  g_test_add_func ("/sockscope/interop/demo/autobahn-auth-failures", test_autobahn_auth_failures);

  ret = g_test_run ();
  g_free (url);
  return ret;
}
