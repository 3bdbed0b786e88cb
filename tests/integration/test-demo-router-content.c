/* test-demo-router-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo router's meta API, its demo topics and procedures, and WAMP v1 on the same path,
 * bridged with v2 in realm `demo`; driven by real libsoup WebSocket clients.
 */

#include <string.h>

#include "demo-router-client.h"

#define JOIN(realm) client_new_joined (f->soup, f->server, realm)

/* Calls @procedure and returns the RESULT's args (or the ERROR, when @error_uri is set). */
static JsonArray *
call_args (Client     *client,
           const char *options,
           const char *procedure,
           const char *args,
           const char *kwargs)
{
  gint64 request = client_call (client, options, procedure, args, kwargs);
  g_autoptr(JsonArray) result = client_expect (client, SOCK_WAMP_RESULT);

  g_assert_cmpint (json_array_get_int_element (result, 1), ==, request);
  if (json_array_get_length (result) < 4)
    return json_array_new ();
  return json_array_ref (json_array_get_array_element (result, 3));
}

static char *
call_text (Client     *client,
           const char *procedure,
           const char *args)
{
  g_autoptr(JsonArray) result = call_args (client, NULL, procedure, args, NULL);
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), result);

  return json_to_string (node, FALSE);
}

static JsonArray *
call_error (Client     *client,
            const char *procedure,
            const char *args,
            const char *uri)
{
  gint64 request = client_call (client, NULL, procedure, args, NULL);
  JsonArray *error = client_expect (client, SOCK_WAMP_ERROR);

  g_assert_cmpint (json_array_get_int_element (error, 2), ==, request);
  g_assert_cmpstr (json_array_get_string_element (error, 4), ==, uri);
  return error;
}

static gboolean
array_has_int (JsonArray *array,
               gint64     value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_array_get_int_element (array, i) == value)
      return TRUE;
  return FALSE;
}

/* Meta API ------------------------------------------------------------------------------ */

static void
test_demo_router_meta_sessions (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(Client) a = JOIN ("demo");
  g_autoptr(Client) b = JOIN ("demo");
  Client *c;
  g_autoptr(JsonArray) joined = NULL;
  g_autoptr(JsonArray) left = NULL;
  g_autoptr(JsonArray) count = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonArray) get = NULL;
  g_autoptr(JsonArray) missing = NULL;
  g_autofree char *get_args = NULL;
  gint64 c_session;
  JsonObject *info;

  client_subscribe (a, NULL, "wamp.session.on_join");
  client_subscribe (a, NULL, "wamp.session.on_leave");
  c = JOIN ("demo");
  c_session = c->session;
  joined = client_expect (a, SOCK_WAMP_EVENT);
  info = json_array_get_object_element (json_array_get_array_element (joined, 4), 0);
  g_assert_cmpint (json_object_get_int_member (info, "session"), ==, c_session);
  g_assert_cmpstr (json_object_get_string_member (info, "authrole"), ==, "anonymous");

  count = call_args (a, NULL, "wamp.session.count", NULL, NULL);
  g_assert_cmpint (json_array_get_int_element (count, 0), ==, 3);
  list = call_args (a, NULL, "wamp.session.list", NULL, NULL);
  g_assert_true (array_has_int (json_array_get_array_element (list, 0), a->session));
  g_assert_true (array_has_int (json_array_get_array_element (list, 0), b->session));
  g_assert_true (array_has_int (json_array_get_array_element (list, 0), c_session));
  get_args = g_strdup_printf ("[%" G_GINT64_FORMAT "]", b->session);
  get = call_args (a, NULL, "wamp.session.get", get_args, NULL);
  info = json_array_get_object_element (get, 0);
  g_assert_cmpint (json_object_get_int_member (info, "session"), ==, b->session);
  g_assert_cmpstr (json_object_get_string_member (info, "authmethod"), ==, "anonymous");
  missing = call_error (a, "wamp.session.get", "[1]", "wamp.error.no_such_session");

  client_free (c);
  left = client_expect (a, SOCK_WAMP_EVENT);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (left, 4), 0), ==,
                   c_session);
}

static void
test_demo_router_meta_subscriptions (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(Client) a = JOIN ("demo");
  g_autoptr(Client) b = JOIN ("demo");
  gint64 exact = client_subscribe (b, NULL, "test.meta");
  gint64 prefix = client_subscribe (b, "{\"match\":\"prefix\"}", "test");
  gint64 registration = client_register (b, "test.meta.proc");
  g_autoptr(JsonArray) list = call_args (a, NULL, "wamp.subscription.list", NULL, NULL);
  JsonObject *lists = json_array_get_object_element (list, 0);
  g_autofree char *lookup = call_text (a, "wamp.subscription.lookup", "[\"test.meta\"]");
  g_autofree char *lookup_prefix = call_text (a, "wamp.subscription.lookup",
                                              "[\"test\",{\"match\":\"prefix\"}]");
  g_autofree char *lookup_none = call_text (a, "wamp.subscription.lookup", "[\"test.none\"]");
  g_autofree char *exact_text = g_strdup_printf ("[%" G_GINT64_FORMAT "]", exact);
  g_autofree char *prefix_text = g_strdup_printf ("[%" G_GINT64_FORMAT "]", prefix);
  g_autofree char *subscribers = call_text (a, "wamp.subscription.list_subscribers", exact_text);
  g_autofree char *b_list = g_strdup_printf ("[[%" G_GINT64_FORMAT "]]", b->session);
  g_autoptr(JsonArray) registrations = call_args (a, NULL, "wamp.registration.list", NULL, NULL);
  g_autofree char *reg_lookup = call_text (a, "wamp.registration.lookup", "[\"test.meta.proc\"]");
  g_autofree char *reg_text = g_strdup_printf ("[%" G_GINT64_FORMAT "]", registration);
  g_autoptr(JsonArray) missing = call_error (a, "wamp.subscription.list_subscribers", "[0]",
                                             "wamp.error.no_such_subscription");

  g_assert_true (array_has_int (json_object_get_array_member (lists, "exact"), exact));
  g_assert_true (array_has_int (json_object_get_array_member (lists, "prefix"), prefix));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lists, "wildcard")), ==, 0);
  g_assert_cmpstr (lookup, ==, exact_text);
  g_assert_cmpstr (lookup_prefix, ==, prefix_text);
  g_assert_cmpstr (lookup_none, ==, "[null]");
  g_assert_cmpstr (subscribers, ==, b_list);
  g_assert_true (array_has_int (json_object_get_array_member (json_array_get_object_element (registrations, 0),
                                                              "exact"), registration));
  g_assert_cmpstr (reg_lookup, ==, reg_text);
}

/* Demo content -------------------------------------------------------------------------- */

static void
test_demo_router_demo_procedures (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(Client) client = JOIN ("demo");
  g_autofree char *sum = call_text (client, "demo.add", "[1,2,3.5]");
  g_autofree char *isum = call_text (client, "demo.add", "[40,2]");
  g_autoptr(JsonArray) echo = NULL;
  g_autoptr(JsonArray) fail = NULL;
  g_autoptr(JsonArray) bad = NULL;
  g_autofree char *echo_args = NULL;
  g_autofree char *echo_kwargs = NULL;
  g_autofree char *fail_args = NULL;
  g_autofree char *fail_kwargs = NULL;

  g_assert_cmpstr (sum, ==, "[6.5]");
  g_assert_cmpstr (isum, ==, "[42]");
  bad = call_error (client, "demo.add", "[\"x\"]", "wamp.error.invalid_argument");

  client_call (client, NULL, "demo.echo", "[1,\"a\",null]", "{\"k\":true}");
  echo = client_expect (client, SOCK_WAMP_RESULT);
  echo_args = element_text (echo, 3);
  echo_kwargs = element_text (echo, 4);
  g_assert_cmpstr (echo_args, ==, "[1,\"a\",null]");
  g_assert_cmpstr (echo_kwargs, ==, "{\"k\":true}");

  fail = call_error (client, "demo.fail", NULL, "demo.error.failed");
  fail_args = element_text (fail, 5);
  fail_kwargs = element_text (fail, 6);
  g_assert_cmpstr (fail_args, ==, "[\"this procedure always fails\"]");
  g_assert_cmpstr (fail_kwargs, ==, "{\"code\":42}");
}

static void
test_demo_router_demo_slow (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Client) client = JOIN ("demo");
  g_autoptr(JsonObject) kill = json_object_from ("{\"mode\":\"kill\"}");
  g_autoptr(JsonArray) error = NULL;
  g_autofree char *after = NULL;
  gint64 started, request;

  request = client_call (client, "{\"receive_progress\":true}", "demo.slow", "[3]", NULL);
  for (gint64 i = 1; i <= 4; i++)
    {
      g_autoptr(JsonArray) result = client_expect (client, SOCK_WAMP_RESULT);
      JsonObject *details = json_array_get_object_element (result, 2);

      g_assert_cmpint (json_array_get_int_element (result, 1), ==, request);
      g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (result, 3), 0), ==,
                       MIN (i, 3));
      g_assert_cmpint (json_object_has_member (details, "progress"), ==, i <= 3);
    }

  /* Without receive_progress: one result, after the three steps. */
  started = g_get_monotonic_time ();
  after = call_text (client, "demo.slow", "[3]");
  g_assert_cmpstr (after, ==, "[3]");
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 280 * 1000);
  g_clear_pointer (&after, g_free);

  request = client_call (client, "{\"receive_progress\":true}", "demo.slow", "[50]", NULL);
  client_send (client, sock_wamp_build_cancel (request, kill));
  error = client_expect (client, SOCK_WAMP_ERROR);
  g_assert_cmpint (json_array_get_int_element (error, 2), ==, request);
  g_assert_cmpstr (json_array_get_string_element (error, 4), ==, "wamp.error.canceled");
  /* Nothing more of the canceled call: the next message answers the next call. */
  spin (250);
  after = call_text (client, "demo.add", "[1]");
  g_assert_cmpstr (after, ==, "[1]");
}

static void
test_demo_router_demo_flood (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Client) exact = JOIN ("demo");
  g_autoptr(Client) pattern = JOIN ("demo");
  g_autoptr(Client) caller = JOIN ("demo");
  g_autofree char *scheduled = NULL;
  gint64 subscription = client_subscribe (exact, NULL, "demo.flood");
  gint64 last = 0;

  client_subscribe (pattern, "{\"match\":\"prefix\"}", "demo.fl");
  json_array_unref (call_error (caller, "demo.flood", "[1000000,600]",
                                "wamp.error.invalid_argument"));
  scheduled = call_text (caller, "demo.flood", "[2000,1]");
  g_assert_cmpstr (scheduled, ==, "[{\"scheduled\":2000}]");

  for (gint64 n = 1; n <= 2000; n++)
    {
      g_autoptr(JsonArray) event = client_expect (exact, SOCK_WAMP_EVENT);
      JsonArray *args = json_array_get_array_element (event, 4);

      g_assert_cmpint (json_array_get_int_element (event, 1), ==, subscription);
      g_assert_cmpint (json_array_get_int_element (args, 0), ==, n);
      g_assert_cmpint (json_array_get_int_element (args, 1), ==, 2000);
      g_assert_cmpint (json_array_get_int_element (event, 2), >, last);
      last = json_array_get_int_element (event, 2);
    }
  for (guint n = 1; n <= 2000; n++)
    {
      g_autoptr(JsonArray) event = client_expect (pattern, SOCK_WAMP_EVENT);

      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (event, 3),
                                                      "topic"), ==, "demo.flood");
    }
  spin (100);
  g_assert_cmpuint (g_queue_get_length (&exact->frames), ==, 0);
}

static void
test_demo_router_demo_topics (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(Client) client = JOIN ("demo");
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 tick = client_subscribe (client, NULL, "demo.tick");
  gint64 last_tick = 0;

  client_subscribe (client, "{\"match\":\"prefix\"}", "demo.metrics.");
  for (guint i = 0; i < 40 && (g_hash_table_size (topics) < 3 || last_tick < 2); i++)
    {
      g_autoptr(JsonArray) event = client_expect (client, SOCK_WAMP_EVENT);
      JsonArray *args = json_array_get_array_element (event, 4);
      JsonObject *kwargs = json_array_get_object_element (event, 5);

      g_assert_true (json_object_has_member (kwargs, "time"));
      if (json_array_get_int_element (event, 1) == tick)
        {
          g_assert_cmpint (json_array_get_int_element (args, 0), >, last_tick);
          last_tick = json_array_get_int_element (args, 0);
          continue;
        }
      g_hash_table_add (topics, g_strdup (json_object_get_string_member (
                                            json_array_get_object_element (event, 3), "topic")));
      g_assert_true (json_object_has_member (kwargs, "unit"));
      g_assert_cmpfloat (json_array_get_double_element (args, 0), >=, 0);
    }
  g_assert_cmpint (last_tick, >=, 2);
  g_assert_true (g_hash_table_contains (topics, "demo.metrics.cpu"));
  g_assert_true (g_hash_table_contains (topics, "demo.metrics.memory"));
  g_assert_true (g_hash_table_contains (topics, "demo.metrics.requests"));
}

static void
test_demo_router_secure_content (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonObject) details = json_object_from ("{\"authid\":\"ticketuser\","
                                                    "\"authmethods\":[\"ticket\"]}");
  g_autoptr(JsonArray) challenge = NULL;
  g_autoptr(JsonArray) welcome = NULL;
  g_autofree char *sum = NULL;

  client_send (client, sock_wamp_build_hello ("secure", details));
  challenge = client_expect (client, SOCK_WAMP_CHALLENGE);
  client_send (client, sock_wamp_build_authenticate ("ticket-secret", NULL));
  welcome = client_expect (client, SOCK_WAMP_WELCOME);
  sum = call_text (client, "demo.add", "[2,3]");
  g_assert_cmpstr (sum, ==, "[5]");
}

/* WAMP v1 ------------------------------------------------------------------------------- */

static Client *
v1_connect (Fixture *f)
{
  Client *client = client_connect (f->soup, f->server, "wamp");
  g_autoptr(JsonArray) welcome = client_expect (client, SOCK_WAMP1_WELCOME);

  g_assert_cmpint (json_array_get_int_element (welcome, 2), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (welcome, 3), ==, "Sockscope demo router");
  client->session = g_ascii_strtoll (json_array_get_string_element (welcome, 1), NULL, 10);
  g_assert_cmpint (client->session, >, 0);
  return client;
}

/* Sends a v1 CALL; returns the CALLRESULT or CALLERROR as text. */
static char *
v1_call (Client     *client,
         const char *procedure,
         const char *args)
{
  g_autoptr(JsonArray) a = args ? json_array_from (args) : NULL;
  g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, ++client->request);
  g_autoptr(JsonArray) reply = NULL;
  g_autoptr(JsonNode) node = NULL;

  client_send (client, sock_wamp1_build_call (id, procedure, a));
  reply = client_next (client);
  g_assert_cmpstr (json_array_get_string_element (reply, 1), ==, id);
  node = json_node_init_array (json_node_alloc (), reply);
  return json_to_string (node, FALSE);
}

/* v1 has no acknowledgements: a call's answer shows everything before it was handled. */
static void
v1_sync (Client *client)
{
  g_autofree char *reply = v1_call (client, "demo.echo", "[0]");
}

static void
test_demo_router_v1_call (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Client) client = v1_connect (f);
  g_autofree char *add = v1_call (client, "demo.add", "[1,2]");
  g_autofree char *fail = v1_call (client, "demo.fail", NULL);
  g_autofree char *missing = v1_call (client, "demo.nothing", NULL);
  g_autofree char *curie = NULL;
  g_autofree char *full = NULL;

  g_assert_cmpstr (add, ==, "[3,\"c1\",3]");
  g_assert_cmpstr (fail, ==, "[4,\"c2\",\"demo.error.failed\",\"this procedure always fails\","
                   "{\"code\":42}]");
  g_assert_true (g_str_has_prefix (missing, "[4,\"c3\",\"wamp.error.no_such_procedure\","));

  client_send (client, sock_wamp1_build_prefix ("d", "demo."));
  curie = v1_call (client, "d:echo", "[\"x\"]");
  g_assert_cmpstr (curie, ==, "[3,\"c4\",\"x\"]");
  /* A full URI with a scheme is not a CURIE. */
  full = v1_call (client, "http://example.com/demo#add", NULL);
  g_assert_true (g_str_has_prefix (full, "[4,\"c5\",\"wamp.error.no_such_procedure\","));

  /* Malformed WAMP v1 closes the connection with 1007, as Ratchet does. */
  soup_websocket_connection_send_text (client->ws, "[2, \"c6\"]");
  g_assert_true (client_wait_closed (client));
  g_assert_cmpint (soup_websocket_connection_get_close_code (client->ws), ==,
                   SOUP_WEBSOCKET_CLOSE_BAD_DATA);
  g_assert_nonnull (strstr (soup_websocket_connection_get_close_data (client->ws), "CALL"));
}

static char *
v1_event (Client *client)
{
  g_autoptr(JsonArray) event = client_expect (client, SOCK_WAMP1_EVENT);

  return element_text (event, 2);
}

static void
assert_v1_event (Client     *client,
                 const char *topic,
                 const char *value)
{
  g_autoptr(JsonArray) event = client_expect (client, SOCK_WAMP1_EVENT);
  g_autofree char *text = element_text (event, 2);

  g_assert_cmpstr (json_array_get_string_element (event, 1), ==, topic);
  g_assert_cmpstr (text, ==, value);
}

static void
test_demo_router_v1_pubsub (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Client) a = v1_connect (f);
  g_autoptr(Client) b = v1_connect (f);
  g_autofree char *b_id = g_strdup_printf ("%" G_GINT64_FORMAT, b->session);
  const char *only_b[] = { b_id, NULL };
  const char *none[] = { NULL };
  g_autoptr(JsonNode) n1 = json_from_string ("1", NULL);
  g_autoptr(JsonNode) n2 = json_from_string ("2", NULL);
  g_autoptr(JsonNode) n3 = json_from_string ("3", NULL);
  g_autoptr(JsonNode) n4 = json_from_string ("4", NULL);
  g_autoptr(JsonNode) n5 = json_from_string ("5", NULL);

  client_send (a, sock_wamp1_build_subscribe ("test.v1"));
  client_send (b, sock_wamp1_build_prefix ("t", "test."));
  client_send (b, sock_wamp1_build_subscribe ("t:v1"));
  v1_sync (a);
  v1_sync (b);

  client_send (a, sock_wamp1_build_publish ("test.v1", n1));                      /* a and b */
  client_send (a, sock_wamp1_build_publish_exclude_me ("test.v1", n2, TRUE));     /* b */
  client_send (a, sock_wamp1_build_publish_lists ("test.v1", n3, only_b, NULL));  /* a */
  client_send (a, sock_wamp1_build_publish_lists ("test.v1", n4, none, only_b));  /* b */
  assert_v1_event (a, "test.v1", "1");
  assert_v1_event (a, "test.v1", "3");
  assert_v1_event (b, "test.v1", "1");
  assert_v1_event (b, "test.v1", "2");
  assert_v1_event (b, "test.v1", "4");

  client_send (b, sock_wamp1_build_unsubscribe ("t:v1"));
  v1_sync (b);
  client_send (a, sock_wamp1_build_publish_exclude_me ("test.v1", n5, FALSE));    /* a */
  assert_v1_event (a, "test.v1", "5");
  /* Had b still been subscribed, its event would come before this answer. */
  v1_sync (b);
}

static void
test_demo_router_v1_bridge (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Client) v1 = v1_connect (f);
  g_autoptr(Client) v2 = JOIN ("demo");
  g_autoptr(Client) callee = JOIN ("demo");
  gint64 subscription = client_subscribe (v2, NULL, "test.bridge");
  g_autoptr(JsonNode) hello = json_from_string ("\"hello\"", NULL);
  g_autoptr(JsonArray) event = NULL;
  g_autoptr(JsonArray) invocation = NULL;
  g_autoptr(JsonArray) reply = NULL;
  g_autoptr(JsonArray) five = json_array_from ("[5]");
  g_autoptr(JsonArray) three = json_array_from ("[2,3]");
  g_autofree char *args = NULL;
  g_autofree char *tick = NULL;

  client_send (v1, sock_wamp1_build_subscribe ("test.bridge"));
  v1_sync (v1);

  client_publish (v2, "{\"exclude_me\":false}", "test.bridge", "[{\"a\":1}]", NULL);
  assert_v1_event (v1, "test.bridge", "{\"a\":1}");
  g_clear_pointer (&event, json_array_unref);
  event = client_expect (v2, SOCK_WAMP_EVENT);
  g_assert_cmpint (json_array_get_int_element (event, 1), ==, subscription);

  client_send (v1, sock_wamp1_build_publish ("test.bridge", hello));
  g_clear_pointer (&event, json_array_unref);
  event = client_expect (v2, SOCK_WAMP_EVENT);
  args = element_text (event, 4);
  g_assert_cmpstr (args, ==, "[\"hello\"]");
  assert_v1_event (v1, "test.bridge", "\"hello\"");

  /* A v1 caller reaches a v2 callee. */
  client_register (callee, "test.bridge.sum");
  client_send (v1, sock_wamp1_build_call ("x1", "test.bridge.sum", three));
  invocation = client_expect (callee, SOCK_WAMP_INVOCATION);
  g_clear_pointer (&args, g_free);
  args = element_text (invocation, 4);
  g_assert_cmpstr (args, ==, "[2,3]");
  client_send (callee, sock_wamp_build_yield (json_array_get_int_element (invocation, 1), NULL,
                                              five, NULL));
  reply = client_expect (v1, SOCK_WAMP1_CALLRESULT);
  g_assert_cmpint (json_array_get_int_element (reply, 2), ==, 5);

  /* v1 subscribers get the demo topics too. */
  client_send (v1, sock_wamp1_build_subscribe ("demo.tick"));
  tick = v1_event (v1);
  g_assert_cmpint (g_ascii_strtoll (tick, NULL, 10), >, 0);
}

#define ADD(name) \
  g_test_add ("/sockscope/demo-router/" #name, Fixture, NULL, \
              fixture_set_up, test_demo_router_##name, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD (meta_sessions);
  ADD (meta_subscriptions);
  ADD (demo_procedures);
  ADD (demo_slow);
  ADD (demo_flood);
  ADD (demo_topics);
  ADD (secure_content);
  ADD (v1_call);
  ADD (v1_pubsub);
  ADD (v1_bridge);

  return g_test_run ();
}
