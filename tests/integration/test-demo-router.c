/* test-demo-router.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server's WAMP v2 router, driven by real libsoup WebSocket clients: joining and
 * authentication, protocol errors, the broker and the dealer. The meta API, the demo content
 * and WAMP v1 are in test-demo-router-content.c.
 */

#include <string.h>

#include "demo-router-client.h"
#include "sock-wamp-auth.h"

#define JOIN(realm) client_new_joined (f->soup, f->server, realm)

/* Joining ------------------------------------------------------------------------------- */

static void
test_demo_router_join_anonymous (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonObject) details = client_join (client, "demo");
  JsonObject *roles = json_object_get_object_member (details, "roles");
  JsonObject *broker = json_object_get_object_member (json_object_get_object_member (roles, "broker"),
                                                      "features");
  JsonObject *dealer = json_object_get_object_member (json_object_get_object_member (roles, "dealer"),
                                                      "features");

  g_assert_cmpint (client->session, >=, 1);
  g_assert_cmpstr (json_object_get_string_member (details, "agent"), ==, "Sockscope demo router");
  g_assert_cmpstr (json_object_get_string_member (details, "authrole"), ==, "anonymous");
  g_assert_cmpstr (json_object_get_string_member (details, "authmethod"), ==, "anonymous");
  g_assert_true (json_object_get_boolean_member (broker, "pattern_based_subscription"));
  g_assert_true (json_object_get_boolean_member (broker, "publisher_exclusion"));
  g_assert_true (json_object_get_boolean_member (dealer, "progressive_call_results"));
  g_assert_true (json_object_get_boolean_member (dealer, "call_canceling"));
}

static void
test_demo_router_no_subprotocol (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, NULL);
  g_autoptr(JsonObject) details = client_join (client, "demo");

  g_assert_cmpstr (json_object_get_string_member (details, "authrole"), ==, "anonymous");
}

/* HELLO for realm secure; returns the CHALLENGE. */
static JsonArray *
hello_secure (Client     *client,
              const char *authid,
              const char *authmethod)
{
  g_autofree char *json = g_strdup_printf ("{\"authid\":\"%s\",\"authmethods\":[\"%s\"]}", authid,
                                           authmethod);
  g_autoptr(JsonObject) details = json_object_from (json);

  client_send (client, sock_wamp_build_hello ("secure", details));
  return client_expect (client, SOCK_WAMP_CHALLENGE);
}

static void
assert_welcome (Client     *client,
                const char *authid,
                const char *authmethod)
{
  g_autoptr(JsonArray) welcome = client_expect (client, SOCK_WAMP_WELCOME);
  JsonObject *details = json_array_get_object_element (welcome, 2);

  g_assert_cmpstr (json_object_get_string_member (details, "authid"), ==, authid);
  g_assert_cmpstr (json_object_get_string_member (details, "authmethod"), ==, authmethod);
  g_assert_cmpstr (json_object_get_string_member (details, "authrole"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (details, "authprovider"), ==, "static");
}

static void
assert_abort (Client     *client,
              const char *reason)
{
  g_autoptr(JsonArray) abort = client_expect (client, SOCK_WAMP_ABORT);

  g_assert_cmpstr (json_array_get_string_element (abort, 2), ==, reason);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (abort, 1),
                                                           "message")), >, 0);
  g_assert_true (client_wait_closed (client));
}

static void
test_demo_router_join_ticket (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(Client) good = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(Client) bad = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonArray) challenge = hello_secure (good, "ticketuser", "ticket");
  g_autoptr(JsonArray) challenge2 = hello_secure (bad, "ticketuser", "ticket");

  g_assert_cmpstr (json_array_get_string_element (challenge, 1), ==, "ticket");
  client_send (good, sock_wamp_build_authenticate ("ticket-secret", NULL));
  assert_welcome (good, "ticketuser", "ticket");

  client_send (bad, sock_wamp_build_authenticate ("wrong", NULL));
  assert_abort (bad, "wamp.error.authentication_failed");
}

static void
check_cra (Fixture    *f,
           const char *authid,
           const char *secret,
           gboolean    salted,
           gboolean    right)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonArray) challenge = hello_secure (client, authid, "wampcra");
  JsonObject *extra = json_array_get_object_element (challenge, 2);
  const char *text = json_object_get_string_member (extra, "challenge");
  g_autoptr(JsonObject) fields = json_object_from (text);
  g_autofree char *key = g_strdup (secret);
  g_autofree char *signature = NULL;

  g_assert_cmpstr (json_array_get_string_element (challenge, 1), ==, "wampcra");
  g_assert_cmpstr (json_object_get_string_member (fields, "authid"), ==, authid);
  g_assert_cmpstr (json_object_get_string_member (fields, "authmethod"), ==, "wampcra");
  g_assert_true (json_object_has_member (fields, "nonce"));
  g_assert_true (json_object_has_member (fields, "timestamp"));
  g_assert_true (json_object_has_member (fields, "session"));
  g_assert_cmpint (json_object_has_member (extra, "salt"), ==, salted);
  if (salted)
    {
      g_assert_cmpstr (json_object_get_string_member (extra, "salt"), ==, "demo-salt");
      g_assert_cmpint (json_object_get_int_member (extra, "iterations"), ==, 1000);
      g_assert_cmpint (json_object_get_int_member (extra, "keylen"), ==, 32);
      g_free (key);
      key = sock_wamp_cra_derive_key (secret, "demo-salt", 1000, 32, NULL);
    }
  signature = sock_wamp_cra_sign (right ? key : "not-the-key", text);
  client_send (client, sock_wamp_build_authenticate (signature, NULL));
  if (right)
    assert_welcome (client, authid, "wampcra");
  else
    assert_abort (client, "wamp.error.authentication_failed");
}

static void
test_demo_router_join_wampcra (Fixture       *f,
                               gconstpointer  data)
{
  check_cra (f, "crauser", "cra-secret", FALSE, TRUE);
  check_cra (f, "crauser", "cra-secret", FALSE, FALSE);
  check_cra (f, "saltuser", "salt-secret", TRUE, TRUE);
  check_cra (f, "saltuser", "salt-secret", TRUE, FALSE);
}

static void
abort_on_hello (Fixture    *f,
                const char *realm,
                const char *details_json,
                const char *reason)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonObject) details = json_object_from (details_json);

  client_send (client, sock_wamp_build_hello (realm, details));
  assert_abort (client, reason);
}

static void
test_demo_router_join_failures (Fixture       *f,
                                gconstpointer  data)
{
  abort_on_hello (f, "nowhere", "{}", "wamp.error.no_such_realm");
  abort_on_hello (f, "secure", "{}", "wamp.error.no_auth_method");
  abort_on_hello (f, "secure", "{\"authmethods\":[\"wamp-scram\",\"anonymous\"]}",
                  "wamp.error.no_auth_method");
  /* cryptosign is offered in realm secure, but only to an authid it knows */
  abort_on_hello (f, "secure", "{\"authmethods\":[\"cryptosign\",\"anonymous\"]}",
                  "wamp.error.authentication_failed");
  abort_on_hello (f, "secure", "{\"authid\":\"nobody\",\"authmethods\":[\"ticket\"]}",
                  "wamp.error.authentication_failed");
}

/* Protocol ------------------------------------------------------------------------------ */

static void
violation (Fixture    *f,
           gboolean    join,
           const char *frame)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");

  if (join)
    json_object_unref (client_join (client, "demo"));
  soup_websocket_connection_send_text (client->ws, frame);
  assert_abort (client, "wamp.error.protocol_violation");
}

static void
test_demo_router_protocol_violation (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(Client) client = client_connect (f->soup, f->server, "wamp.2.json");
  g_autoptr(JsonArray) abort = NULL;

  soup_websocket_connection_send_text (client->ws, "[16, 1, {}, \"a.b\"");
  abort = client_expect (client, SOCK_WAMP_ABORT);
  g_assert_cmpstr (json_array_get_string_element (abort, 2), ==, "wamp.error.protocol_violation");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (abort, 1),
                                                           "message"), "invalid JSON"));
  g_assert_true (client_wait_closed (client));

  violation (f, FALSE, "[16, 1, {}, \"a.b\"]");        /* PUBLISH before HELLO */
  violation (f, TRUE, "[1, \"demo\", {}]");            /* HELLO twice */
  violation (f, TRUE, "[36, 1, 2, {}]");               /* EVENT from a client */
  violation (f, TRUE, "[99, 1]");                      /* unknown type */
  violation (f, TRUE, "[32, 1, {}, \"bad uri\"]");     /* invalid URI */
}

static void
test_demo_router_goodbye (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Client) client = JOIN ("demo");
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonArray) goodbye = NULL;
  g_autoptr(JsonObject) again = NULL;

  client_send (client, sock_wamp_build_goodbye (details, "wamp.close.close_realm"));
  goodbye = client_expect (client, SOCK_WAMP_GOODBYE);
  g_assert_cmpstr (json_array_get_string_element (goodbye, 2), ==, "wamp.close.goodbye_and_out");
  /* The transport stays usable for another session. */
  again = client_join (client, "demo");
  g_assert_cmpstr (json_object_get_string_member (again, "authrole"), ==, "anonymous");
}

/* Broker -------------------------------------------------------------------------------- */

static void
test_demo_router_subscribe_match (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(Client) sub = JOIN ("demo");
  g_autoptr(Client) other = JOIN ("demo");
  g_autoptr(Client) pub = JOIN ("demo");
  gint64 exact = client_subscribe (sub, NULL, "test.room.one");
  gint64 prefix = client_subscribe (sub, "{\"match\":\"prefix\"}", "test.room");
  gint64 wildcard = client_subscribe (sub, "{\"match\":\"wildcard\"}", "test..one");
  gint64 shared = client_subscribe (other, "{\"match\":\"exact\"}", "test.room.one");
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  g_assert_cmpint (exact, !=, prefix);
  g_assert_cmpint (prefix, !=, wildcard);
  g_assert_cmpint (shared, ==, exact);

  client_publish (pub, NULL, "test.room.one", "[1]", "{\"k\":\"v\"}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonArray) event = client_expect (sub, SOCK_WAMP_EVENT);
      gint64 id = json_array_get_int_element (event, 1);
      JsonObject *details = json_array_get_object_element (event, 3);
      g_autofree char *args = element_text (event, 4);
      g_autofree char *kwargs = element_text (event, 5);

      g_assert_cmpstr (args, ==, "[1]");
      g_assert_cmpstr (kwargs, ==, "{\"k\":\"v\"}");
      if (id == exact)
        g_assert_false (json_object_has_member (details, "topic"));
      else
        g_assert_cmpstr (json_object_get_string_member (details, "topic"), ==, "test.room.one");
      seen[id == exact ? 0 : id == prefix ? 1 : 2] = TRUE;
    }
  g_assert_true (seen[0] && seen[1] && seen[2]);
  json_array_unref (client_expect (other, SOCK_WAMP_EVENT));

  /* Neither pattern matches this one: only the prefix subscription gets it. */
  client_publish (pub, NULL, "test.room.two.deep", "[2]", NULL);
  {
    g_autoptr(JsonArray) event = client_expect (sub, SOCK_WAMP_EVENT);

    g_assert_cmpint (json_array_get_int_element (event, 1), ==, prefix);
  }

  client_send (sub, sock_wamp_build_unsubscribe (++sub->request, exact));
  json_array_unref (client_expect (sub, SOCK_WAMP_UNSUBSCRIBED));
  client_send (sub, sock_wamp_build_unsubscribe (++sub->request, exact));
  {
    g_autoptr(JsonArray) error = client_expect (sub, SOCK_WAMP_ERROR);

    g_assert_cmpstr (json_array_get_string_element (error, 4), ==, "wamp.error.no_such_subscription");
  }
  client_send (sub, sock_wamp_build_subscribe (++sub->request, NULL, "test..one"));
  {
    g_autoptr(JsonArray) error = client_expect (sub, SOCK_WAMP_ERROR);

    g_assert_cmpstr (json_array_get_string_element (error, 4), ==, "wamp.error.invalid_uri");
  }
}

static gint64
next_event_arg (Client *client)
{
  g_autoptr(JsonArray) event = client_expect (client, SOCK_WAMP_EVENT);

  return json_array_get_int_element (json_array_get_array_element (event, 4), 0);
}

static void
test_demo_router_publish_options (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(Client) a = JOIN ("demo");
  g_autoptr(Client) b = JOIN ("demo");
  g_autoptr(Client) c = JOIN ("demo");
  g_autofree char *exclude_b = g_strdup_printf ("{\"exclude\":[%" G_GINT64_FORMAT "]}", b->session);
  g_autofree char *eligible_c = g_strdup_printf ("{\"eligible\":[%" G_GINT64_FORMAT "]}", c->session);
  g_autoptr(JsonArray) published = NULL;
  g_autoptr(JsonArray) disclosed = NULL;
  gint64 ack;

  client_subscribe (a, NULL, "test.opts");
  client_subscribe (b, NULL, "test.opts");
  client_subscribe (c, NULL, "test.opts");

  /* Each client's next event tells which publications it got: order is kept per session. */
  client_publish (a, NULL, "test.opts", "[1]", NULL);                          /* not to a */
  client_publish (a, "{\"exclude_me\":false}", "test.opts", "[2]", NULL);      /* to all */
  client_publish (a, exclude_b, "test.opts", "[3]", NULL);                     /* c only */
  client_publish (a, eligible_c, "test.opts", "[4]", NULL);                    /* c only */
  ack = client_publish (a, "{\"acknowledge\":true,\"disclose_me\":true}", "test.opts", "[5]", NULL);

  g_assert_cmpint (next_event_arg (a), ==, 2);
  published = client_expect (a, SOCK_WAMP_PUBLISHED);
  g_assert_cmpint (json_array_get_int_element (published, 1), ==, ack);
  g_assert_cmpint (next_event_arg (b), ==, 1);
  g_assert_cmpint (next_event_arg (b), ==, 2);
  disclosed = client_expect (b, SOCK_WAMP_EVENT);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (disclosed, 3),
                                               "publisher"), ==, a->session);
  g_assert_cmpint (json_array_get_int_element (disclosed, 2), ==,
                   json_array_get_int_element (published, 2));
  for (gint64 n = 1; n <= 5; n++)
    g_assert_cmpint (next_event_arg (c), ==, n);
}

static void
test_demo_router_retain (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Client) pub = JOIN ("demo");
  g_autoptr(Client) late = JOIN ("demo");
  g_autoptr(JsonArray) event = NULL;
  g_autofree char *args = NULL;

  client_publish (pub, "{\"retain\":true,\"acknowledge\":true}", "test.retained", "[7]", NULL);
  json_array_unref (client_expect (pub, SOCK_WAMP_PUBLISHED));
  client_subscribe (late, "{\"get_retained\":true}", "test.retained");
  event = client_expect (late, SOCK_WAMP_EVENT);
  args = element_text (event, 4);
  g_assert_cmpstr (args, ==, "[7]");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (event, 3),
                                                 "retained"));
}

/* Dealer -------------------------------------------------------------------------------- */

static void
test_demo_router_call (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Client) callee = JOIN ("demo");
  g_autoptr(Client) caller = JOIN ("demo");
  gint64 registration = client_register (callee, "test.proc");
  g_autoptr(JsonArray) invocation = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(JsonArray) error = NULL;
  g_autoptr(JsonArray) missing = NULL;
  JsonObject *details;
  g_autofree char *args = NULL;
  gint64 request;

  request = client_call (caller, "{\"disclose_me\":true}", "test.proc", "[1,2]", "{\"x\":1}");
  invocation = client_expect (callee, SOCK_WAMP_INVOCATION);
  g_assert_cmpint (json_array_get_int_element (invocation, 2), ==, registration);
  details = json_array_get_object_element (invocation, 3);
  g_assert_cmpint (json_object_get_int_member (details, "caller"), ==, caller->session);
  args = element_text (invocation, 4);
  g_assert_cmpstr (args, ==, "[1,2]");
  client_send (callee, sock_wamp_build_yield (json_array_get_int_element (invocation, 1), NULL,
                                              json_array_get_array_element (invocation, 4), NULL));
  result = client_expect (caller, SOCK_WAMP_RESULT);
  g_assert_cmpint (json_array_get_int_element (result, 1), ==, request);
  g_clear_pointer (&args, g_free);
  args = element_text (result, 3);
  g_assert_cmpstr (args, ==, "[1,2]");

  client_send (caller, sock_wamp_build_register (++caller->request, NULL, "test.proc"));
  error = client_expect (caller, SOCK_WAMP_ERROR);
  g_assert_cmpstr (json_array_get_string_element (error, 4), ==,
                   "wamp.error.procedure_already_exists");
  client_call (caller, NULL, "test.nothing", NULL, NULL);
  missing = client_expect (caller, SOCK_WAMP_ERROR);
  g_assert_cmpint (json_array_get_int_element (missing, 1), ==, SOCK_WAMP_CALL);
  g_assert_cmpstr (json_array_get_string_element (missing, 4), ==, "wamp.error.no_such_procedure");
}

static void
test_demo_router_call_progress_and_error (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(Client) callee = JOIN ("demo");
  g_autoptr(Client) caller = JOIN ("demo");
  g_autoptr(JsonArray) invocation = NULL;
  g_autoptr(JsonArray) progress = NULL;
  g_autoptr(JsonArray) final = NULL;
  g_autoptr(JsonArray) failing = NULL;
  g_autoptr(JsonArray) error = NULL;
  g_autoptr(JsonObject) progress_options = json_object_from ("{\"progress\":true}");
  g_autoptr(JsonArray) one = json_array_from ("[1]");
  g_autoptr(JsonArray) why = json_array_from ("[\"no\"]");
  g_autoptr(JsonObject) code = json_object_from ("{\"code\":7}");
  g_autofree char *kwargs = NULL;

  client_register (callee, "test.progress");
  client_call (caller, "{\"receive_progress\":true}", "test.progress", NULL, NULL);
  invocation = client_expect (callee, SOCK_WAMP_INVOCATION);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (invocation, 3),
                                                 "receive_progress"));
  client_send (callee, sock_wamp_build_yield (json_array_get_int_element (invocation, 1),
                                              progress_options, one, NULL));
  client_send (callee, sock_wamp_build_yield (json_array_get_int_element (invocation, 1), NULL,
                                              NULL, NULL));
  progress = client_expect (caller, SOCK_WAMP_RESULT);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (progress, 2),
                                                 "progress"));
  final = client_expect (caller, SOCK_WAMP_RESULT);
  g_assert_false (json_object_has_member (json_array_get_object_element (final, 2), "progress"));

  client_call (caller, NULL, "test.progress", NULL, NULL);
  failing = client_expect (callee, SOCK_WAMP_INVOCATION);
  client_send (callee, sock_wamp_build_error (SOCK_WAMP_INVOCATION,
                                              json_array_get_int_element (failing, 1), NULL,
                                              "test.error.custom", why, code));
  error = client_expect (caller, SOCK_WAMP_ERROR);
  g_assert_cmpstr (json_array_get_string_element (error, 4), ==, "test.error.custom");
  kwargs = element_text (error, 6);
  g_assert_cmpstr (kwargs, ==, "{\"code\":7}");
}

static void
expect_call_error (Client     *caller,
                   gint64      request,
                   const char *uri)
{
  g_autoptr(JsonArray) error = client_expect (caller, SOCK_WAMP_ERROR);

  g_assert_cmpint (json_array_get_int_element (error, 1), ==, SOCK_WAMP_CALL);
  g_assert_cmpint (json_array_get_int_element (error, 2), ==, request);
  g_assert_cmpstr (json_array_get_string_element (error, 4), ==, uri);
}

static gint64
expect_interrupt (Client *callee)
{
  g_autoptr(JsonArray) interrupt = client_expect (callee, SOCK_WAMP_INTERRUPT);

  return json_array_get_int_element (interrupt, 1);
}

static gint64
expect_invocation (Client *callee)
{
  g_autoptr(JsonArray) invocation = client_expect (callee, SOCK_WAMP_INVOCATION);

  return json_array_get_int_element (invocation, 1);
}

static void
cancel (Client     *caller,
        gint64      request,
        const char *options)
{
  g_autoptr(JsonObject) o = json_object_from (options);

  client_send (caller, sock_wamp_build_cancel (request, o));
}

static void
test_demo_router_call_timeout_and_cancel (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(Client) callee = JOIN ("demo");
  g_autoptr(Client) caller = JOIN ("demo");
  g_autoptr(JsonArray) why = json_array_from ("[\"stopped\"]");
  gint64 request, invocation;

  client_register (callee, "test.hang");

  request = client_call (caller, "{\"timeout\":150}", "test.hang", NULL, NULL);
  invocation = expect_invocation (callee);
  expect_call_error (caller, request, "wamp.error.timeout");
  g_assert_cmpint (expect_interrupt (callee), ==, invocation);

  /* skip: no INTERRUPT, so the callee's next message is the next INVOCATION. */
  request = client_call (caller, NULL, "test.hang", NULL, NULL);
  expect_invocation (callee);
  cancel (caller, request, "{\"mode\":\"skip\"}");
  expect_call_error (caller, request, "wamp.error.canceled");

  request = client_call (caller, NULL, "test.hang", NULL, NULL);
  invocation = expect_invocation (callee);
  cancel (caller, request, "{\"mode\":\"killnowait\"}");
  expect_call_error (caller, request, "wamp.error.canceled");
  g_assert_cmpint (expect_interrupt (callee), ==, invocation);

  /* kill: the caller hears only what the interrupted callee answers. */
  request = client_call (caller, NULL, "test.hang", NULL, NULL);
  invocation = expect_invocation (callee);
  cancel (caller, request, "{\"mode\":\"kill\"}");
  g_assert_cmpint (expect_interrupt (callee), ==, invocation);
  client_send (callee, sock_wamp_build_error (SOCK_WAMP_INVOCATION, invocation, NULL,
                                              "wamp.error.canceled", why, NULL));
  expect_call_error (caller, request, "wamp.error.canceled");

  /* The callee leaves with a call pending. */
  request = client_call (caller, NULL, "test.hang", NULL, NULL);
  expect_invocation (callee);
  soup_websocket_connection_close (callee->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  expect_call_error (caller, request, "wamp.error.canceled");
  request = client_call (caller, NULL, "test.hang", NULL, NULL);
  expect_call_error (caller, request, "wamp.error.no_such_procedure");
}

/* Stopping the server with sessions, calls and a flood in flight says goodbye and leaks
 * nothing (ASan runs this too). */
static void
test_demo_router_shutdown (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Client) busy = JOIN ("demo");
  g_autoptr(Client) v1 = client_connect (f->soup, f->server, "wamp");
  g_autoptr(Client) closing = JOIN ("demo");
  g_autoptr(JsonArray) goodbye = NULL;

  client_subscribe (busy, NULL, "demo.flood");
  client_register (busy, "test.busy");
  client_call (busy, "{\"receive_progress\":true}", "demo.slow", "[100]", NULL);
  client_call (busy, NULL, "demo.flood", "[1000,10]", NULL);
  client_call (closing, NULL, "test.busy", NULL, NULL);
  spin (150);  /* a few progress results and flood events are out */
  soup_websocket_connection_close (closing->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);

  sock_demo_server_stop (f->server);
  g_assert_true (client_wait_closed (busy));
  g_assert_true (client_wait_closed (v1));
  while (!g_queue_is_empty (&busy->frames))
    {
      g_autoptr(JsonArray) message = client_next (busy);

      if (json_array_get_int_element (message, 0) == SOCK_WAMP_GOODBYE)
        goodbye = json_array_ref (message);
    }
  g_assert_nonnull (goodbye);
  g_assert_cmpstr (json_array_get_string_element (goodbye, 2), ==, "wamp.close.system_shutdown");
}

#define ADD(name) \
  g_test_add ("/sockscope/demo-router/" #name, Fixture, NULL, \
              fixture_set_up, test_demo_router_##name, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD (join_anonymous);
  ADD (no_subprotocol);
  ADD (join_ticket);
  ADD (join_wampcra);
  ADD (join_failures);
  ADD (protocol_violation);
  ADD (goodbye);
  ADD (subscribe_match);
  ADD (publish_options);
  ADD (retain);
  ADD (call);
  ADD (call_progress_and_error);
  ADD (call_timeout_and_cancel);
  ADD (shutdown);

  return g_test_run ();
}
