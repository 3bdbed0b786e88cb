/* test-interop-routers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sockscope's client (`sockscope-cli sub/pub/call`) against the npm WAMP v2 routers wamp.rt 0.2.0,
 * wamp-server 0.0.9 and fox-wamp 0.7.28 (started by peers/run-router.js on 127.0.0.1), with
 * Autobahn|JS peers as the other subscriber or the callee. Each router's deviations from the spec
 * are in its RouterCase below, with what Sockscope does about them; the test asserts exactly that.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

typedef struct
{
  const char *name;
  /* EVENT carries the publication id that PUBLISHED gave the publisher */
  gboolean    same_publication;
  /* demo of echo ["x",2] {"a":1}: the result's kwargs */
  const char *echo_kwargs;
  /* call of a callee that sends progress [1], [2], then ["done",9] */
  const char *progress_out;
  /* call of a callee that fails with org.example.interop.failed ["failed on purpose",9] {"code":7} */
  const char *fail_error;
  const char *fail_args;
  /* call of a procedure nobody registered */
  const char *none_out;
} RouterCase;

static const RouterCase routers[] = {
  {
    /* wamp.rt: WELCOME announces only the dealer role (it brokers all the same); the dealer
     * drops receive_progress, so the callee never sends progress and the caller gets only the
     * final result; a callee's error becomes wamp.error.callee_failure without its args. */
    .name = "wamp.rt",
    .same_publication = TRUE,
    .echo_kwargs = "{\"a\":1}",
    .progress_out = "{\"args\":[\"done\",9],\"kwargs\":{}}\n",
    .fail_error = "wamp.error.callee_failure",
    .fail_args = "[]",
    .none_out = "{\"error\":\"wamp.error.no_such_procedure\",\"args\":[],\"kwargs\":{}}",
  },
  {
    /* wamp-server: EVENT gets another publication id than PUBLISHED; RESULT and ERROR lose the
     * callee's kwargs; the first progressive YIELD is sent as the final RESULT (the rest are
     * dropped); its own ERROR for an unknown procedure has args null, and an EVENT of a
     * publication without kwargs has kwargs null, which WAMP does not allow: Sockscope reads null
     * as absent and notes it once in the log. It sends PUBLISHED only when the topic has a subscriber (so `pub --ack`
     * waits for nothing on an empty topic), answers ABORT with GOODBYE, and ignores exclude_me. */
    .name = "wamp-server",
    .same_publication = FALSE,
    .echo_kwargs = "{}",
    .progress_out = "{\"args\":[1],\"kwargs\":{}}\n",
    .fail_error = "org.example.interop.failed",
    .fail_args = "[\"failed on purpose\",9]",
    .none_out = "{\"error\":\"wamp.error.no_such_procedure\",\"args\":[],\"kwargs\":{}}",
  },
  {
    /* fox-wamp: every RESULT whose YIELD had no kwargs, and every EVENT whose PUBLISH had none,
     * carries kwargs null (progress included), which WAMP does not allow: Sockscope reads null as
     * absent and notes it once in the log; a callee's error becomes
     * wamp.error.callee_failure with the original URI as its argument. */
    .name = "fox-wamp",
    .same_publication = TRUE,
    .echo_kwargs = "{\"a\":1}",
    .progress_out = "{\"progress\":true,\"args\":[1],\"kwargs\":{}}\n"
                    "{\"progress\":true,\"args\":[2],\"kwargs\":{}}\n"
                    "{\"args\":[\"done\",9],\"kwargs\":{}}\n",
    .fail_error = "wamp.error.callee_failure",
    .fail_args = "[\"org.example.interop.failed\"]",
    .none_out = "{\"error\":\"wamp.error.no_such_procedure\","
                "\"args\":[\"no callee registered for procedure <com.example.none>\"],\"kwargs\":{}}",
  },
};

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  g_assert_nonnull (object);
  return json_object_get_member (object, name);
}

/* An Autobahn|JS subscriber that stays on the topic: wamp-server acknowledges a publication
 * only when the topic has a subscriber. */
static InteropPeer *
start_audience (const char *url,
                const char *topic)
{
  InteropPeer *audience = interop_node_spawn ("autobahn-client.js", url, "realm1", "subscribe", topic,
                                              NULL);

  g_free (interop_peer_wait_for (audience, "\"subscribed\"", 10000));
  return audience;
}

/* A Sockscope subscriber and a Sockscope publisher. `sub` says nothing when SUBSCRIBED arrives,
 * so the publisher sends acknowledged events [i] until the subscriber has exited with one. */
static void
test_sockscope_pubsub (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) audience = start_audience (url, "com.example.topic");
  g_autoptr(InteropPeer) sub = interop_cli_spawn ("sub", url, "com.example.topic", "--count", "1",
                                                  "--timeout", "15", NULL);
  g_autoptr(GPtrArray) publications = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) event = NULL;
  JsonNode *published;
  gint64 i;

  do
    {
      g_auto(InteropRun) pub = { 0 };
      g_autofree char *args = g_strdup_printf ("[%u,\"a\"]", publications->len);
      g_autoptr(JsonObject) ack = NULL;

      interop_run_cli (&pub, 15, "pub", url, "com.example.topic", "--args", args,
                       "--kwargs", "{\"k\":{\"n\":1}}", "--ack", NULL);
      g_assert_cmpint (pub.status, ==, 0);
      ack = interop_find_line (pub.out, "publication");
      g_assert_nonnull (ack);
      g_ptr_array_add (publications, json_node_copy (member (ack, "publication")));
    }
  while (!interop_peer_wait_exit (sub, 300) && publications->len < 40);

  line = interop_peer_wait_for (sub, "\"topic\"", 1000);
  event = interop_parse_object (line);
  interop_assert_json (member (event, "topic"), "\"com.example.topic\"");
  interop_assert_json (member (event, "kwargs"), "{\"k\":{\"n\":1}}");
  i = json_array_get_int_element (json_node_get_array (member (event, "args")), 0);
  g_assert_cmpint (i, <, publications->len);
  published = g_ptr_array_index (publications, i);
  g_assert_cmpint (json_node_equal (published, member (event, "publication")), ==,
                   router->same_publication);
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

/* A publication without kwargs: wamp.rt's EVENT has kwargs {}, fox-wamp's and wamp-server's
 * have null, which `sub` reads as absent. */
static void
test_event_without_kwargs (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) audience = start_audience (url, "com.example.bare");
  g_autoptr(InteropPeer) sub = interop_cli_spawn ("sub", url, "com.example.bare", "--count", "1",
                                                  "--timeout", "15", NULL);
  guint sent = 0;
  g_autoptr(JsonObject) event = NULL;
  int status;

  do
    {
      g_auto(InteropRun) pub = { 0 };

      interop_run_cli (&pub, 15, "pub", url, "com.example.bare", "--args", "[1]", "--ack", NULL);
      g_assert_cmpint (pub.status, ==, 0);
    }
  while (!interop_peer_wait_exit (sub, 300) && ++sent < 40);

  status = interop_peer_finish (sub, 5000);
  g_assert_cmpint (status, ==, 0);
  event = interop_find_line (sub->seen->str, "topic");
  interop_assert_json (member (event, "args"), "[1]");
  interop_assert_json (member (event, "kwargs"), "{}");
}

/* None of the three implements pattern-based subscriptions: they accept SUBSCRIBE with
 * match prefix/wildcard, treat the pattern as an exact topic and never deliver com.example.x;
 * `sub` runs to its --timeout with no event. (fox-wamp's own "com.example.#" is not a valid WAMP
 * URI, which Sockscope refuses before sending.) */
static void
test_match_ignored (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) prefix = interop_cli_spawn ("sub", url, "com.example", "--match", "prefix",
                                                     "--timeout", "2", NULL);
  g_autoptr(InteropPeer) wildcard = interop_cli_spawn ("sub", url, "com..x", "--match", "wildcard",
                                                       "--timeout", "2", NULL);
  g_auto(InteropRun) invalid = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_auto(InteropRun) pub = { 0 };

      g_usleep (300 * G_TIME_SPAN_MILLISECOND);
      interop_run_cli (&pub, 15, "pub", url, "com.example.x", "--args", "[1]", "--kwargs", "{\"a\":1}",
                       NULL);
      g_assert_cmpint (pub.status, ==, 0);
    }
  g_assert_cmpint (interop_peer_finish (prefix, 5000), ==, 0);
  g_assert_cmpint (interop_peer_finish (wildcard, 5000), ==, 0);
  g_assert_null (strstr (prefix->seen->str, "\"topic\""));
  g_assert_null (strstr (wildcard->seen->str, "\"topic\""));
  g_assert_nonnull (strstr (prefix->seen->str, "received 0 events"));

  interop_run_cli (&invalid, 15, "sub", url, "com.example.#", "--timeout", "1", NULL);
  /* refused before connecting, as bad usage */
  g_assert_cmpint (invalid.status, ==, 2);
  g_assert_nonnull (strstr (invalid.err, "the topic “com.example.#” contains “#”"));
}

/* An Autobahn|JS subscriber, which says when it is subscribed, and a Sockscope publisher. */
static void
test_autobahn_sub (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) sub = interop_node_spawn ("autobahn-client.js", url, "realm1", "subscribe",
                                                   "com.example.news", "--count", "1", NULL);
  g_autofree char *subscribed = interop_peer_wait_for (sub, "\"subscribed\"", 10000);
  g_auto(InteropRun) pub = { 0 };
  g_autoptr(JsonObject) ack = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) event = NULL;
  JsonObject *e;

  interop_run_cli (&pub, 15, "pub", url, "com.example.news", "--args", "[\"hi\",[1,2]]",
                   "--kwargs", "{\"from\":\"sockscope\"}", "--ack", NULL);
  g_assert_cmpint (pub.status, ==, 0);
  ack = interop_find_line (pub.out, "publication");

  line = interop_peer_wait_for (sub, "\"event\"", 5000);
  event = interop_parse_object (line);
  e = json_object_get_object_member (event, "event");
  interop_assert_json (member (e, "args"), "[\"hi\",[1,2]]");
  interop_assert_json (member (e, "kwargs"), "{\"from\":\"sockscope\"}");
  g_assert_cmpint (json_node_equal (member (ack, "publication"),
                                    member (json_object_get_object_member (e, "details"), "publication")),
                   ==, router->same_publication);
  g_assert_cmpint (interop_peer_finish (sub, 5000), ==, 0);
}

static InteropPeer *
start_callee (const char *url,
              const char *procedure,
              const char *mode)
{
  InteropPeer *callee = interop_node_spawn ("autobahn-client.js", url, "realm1", "register", procedure,
                                            "--mode", mode, NULL);

  g_free (interop_peer_wait_for (callee, "\"registered\"", 10000));
  return callee;
}

static void
test_call (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) echo = start_callee (url, "com.example.echo", "echo");
  g_autoptr(InteropPeer) progress = start_callee (url, "com.example.progress", "progress");
  g_auto(InteropRun) echoed = { 0 };
  g_auto(InteropRun) progressed = { 0 };
  g_autoptr(JsonObject) result = NULL;

  interop_run_cli (&echoed, 15, "call", url, "com.example.echo", "--args", "[\"x\",2]",
                   "--kwargs", "{\"a\":1}", NULL);
  g_assert_cmpint (echoed.status, ==, 0);
  result = interop_find_line (echoed.out, "args");
  interop_assert_json (member (result, "args"), "[\"x\",2]");
  interop_assert_json (member (result, "kwargs"), router->echo_kwargs);
  g_free (interop_peer_wait_for (echo, "\"invocation\"", 2000));

  interop_run_cli (&progressed, 15, "call", url, "com.example.progress", "--args", "[9]", "--progress",
                   NULL);
  g_assert_cmpint (progressed.status, ==, 0);
  g_assert_cmpstr (progressed.out, ==, router->progress_out);
}

static void
test_call_errors (gconstpointer data)
{
  const RouterCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) fail = start_callee (url, "com.example.fail", "fail");
  g_auto(InteropRun) failed = { 0 };
  g_auto(InteropRun) none = { 0 };
  g_autoptr(JsonObject) error = NULL;
  g_autofree char *uri = g_strdup_printf ("\"%s\"", router->fail_error);

  interop_run_cli (&failed, 15, "call", url, "com.example.fail", "--args", "[9]", NULL);
  g_assert_cmpint (failed.status, ==, 1);
  error = interop_find_line (failed.out, "error");
  interop_assert_json (member (error, "error"), uri);
  interop_assert_json (member (error, "args"), router->fail_args);
  /* none of the three passes the callee's error kwargs on */
  interop_assert_json (member (error, "kwargs"), "{}");
  g_assert_nonnull (strstr (failed.err, router->fail_error));

  interop_run_cli (&none, 15, "call", url, "com.example.none", NULL);
  g_assert_cmpint (none.status, ==, 1);
  g_assert_nonnull (strstr (none.out, router->none_out));
}

/* wamp.rt refuses a handshake without wamp.2.json with HTTP 401; Sockscope's diagnosis names it. */
static void
test_wamp_rt_no_subprotocol (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp.rt", &url);
  g_auto(InteropRun) run = { 0 };

  interop_run_cli (&run, 15, "call", url, "com.example.echo", "--no-protocol", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "[http-401]"));
  g_assert_nonnull (strstr (run.err, "wamp.rt"));
}

/* wamp-server answers a HELLO for a realm it does not have with an ABORT whose details and
 * reason are swapped; Sockscope reports the malformed ABORT instead of hanging. */
static void
test_wamp_server_unknown_realm (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp-server", &url);
  g_auto(InteropRun) run = { 0 };

  interop_run_cli (&run, 15, "call", url, "com.example.echo", "--realm", "nope", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "ABORT: element 1 (details) must be an object"));
}

/* wamp-server acknowledges a publication only when the topic has a subscriber: `pub --ack` gives
 * up after its --timeout and says why, instead of waiting for ever. */
static void
test_wamp_server_ack_timeout (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("wamp-server", &url);
  g_auto(InteropRun) run = { 0 };
  gint64 start = g_get_monotonic_time ();

  interop_run_cli (&run, 15, "pub", url, "com.example.nobody", "--ack", "--timeout", "1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no PUBLISHED for com.example.nobody within 1 s (--timeout)"));
  g_assert_nonnull (strstr (run.err, "nobody subscribes to"));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  interop_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (routers); i++)
    {
      const char *name = routers[i].name;
      g_autofree char *pubsub = g_strdup_printf ("/sockscope/interop/%s/sockscope-pubsub", name);
      g_autofree char *autobahn_sub = g_strdup_printf ("/sockscope/interop/%s/autobahn-sub", name);
      g_autofree char *call = g_strdup_printf ("/sockscope/interop/%s/call", name);
      g_autofree char *errors = g_strdup_printf ("/sockscope/interop/%s/call-errors", name);
      g_autofree char *bare = g_strdup_printf ("/sockscope/interop/%s/event-without-kwargs", name);
      g_autofree char *match = g_strdup_printf ("/sockscope/interop/%s/match-ignored", name);

      g_test_add_data_func (pubsub, &routers[i], test_sockscope_pubsub);
      g_test_add_data_func (bare, &routers[i], test_event_without_kwargs);
      g_test_add_data_func (match, &routers[i], test_match_ignored);
      g_test_add_data_func (autobahn_sub, &routers[i], test_autobahn_sub);
      g_test_add_data_func (call, &routers[i], test_call);
      g_test_add_data_func (errors, &routers[i], test_call_errors);
    }
  g_test_add_func ("/sockscope/interop/wamp.rt/no-subprotocol", test_wamp_rt_no_subprotocol);
  g_test_add_func ("/sockscope/interop/wamp-server/unknown-realm", test_wamp_server_unknown_realm);
  g_test_add_func ("/sockscope/interop/wamp-server/ack-timeout", test_wamp_server_ack_timeout);

  return g_test_run ();
}
