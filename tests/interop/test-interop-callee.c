/* test-interop-callee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sockscope's WAMP v2 client as the callee (interop-callee, SockConnection registering a
 * procedure) and Autobahn|JS as the caller, through the demo router and the npm routers wamp.rt,
 * wamp-server and fox-wamp. What each router does to the call is in its CalleeCase.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

#define PROCEDURE "com.example.sockscope"

typedef struct
{
  const char *name;          /* a run-router.js name, or "demo" */
  const char *echo_kwargs;   /* the result's kwargs for a call with kwargs {"a":1} */
  const char *progress_out;  /* what the caller prints for a call with receive_progress */
  gboolean    callee_sees_progress;
  const char *fail_out;      /* the caller's error line for args ["fail"] */
} CalleeCase;

static const CalleeCase cases[] = {
  {
    .name = "demo",
    .echo_kwargs = "{\"a\":1}",
    .progress_out = "{\"progress\":{\"args\":[1],\"kwargs\":{}}}\n"
                    "{\"progress\":{\"args\":[2],\"kwargs\":{}}}\n"
                    "{\"result\":{\"args\":[\"done\",9],\"kwargs\":{}}}\n",
    .callee_sees_progress = TRUE,
    .fail_out = "{\"error\":\"org.example.sockscope.failed\",\"args\":[\"failed on purpose\"],"
                "\"kwargs\":{\"code\":7}}",
  },
  {
    /* wamp.rt drops receive_progress and rewrites callee errors */
    .name = "wamp.rt",
    .echo_kwargs = "{\"a\":1}",
    .progress_out = "{\"result\":{\"args\":[\"done\",9],\"kwargs\":{}}}\n",
    .callee_sees_progress = FALSE,
    .fail_out = "{\"error\":\"wamp.error.callee_failure\",\"args\":[],\"kwargs\":{}}",
  },
  {
    /* wamp-server drops kwargs on the way back and turns the first progress into the result */
    .name = "wamp-server",
    .echo_kwargs = "{}",
    .progress_out = "{\"result\":{\"args\":[1],\"kwargs\":{}}}\n",
    .callee_sees_progress = TRUE,
    .fail_out = "{\"error\":\"org.example.sockscope.failed\",\"args\":[\"failed on purpose\"],"
                "\"kwargs\":{}}",
  },
  {
    /* fox-wamp rewrites callee errors, and invokes a call without args with args null, which
     * Sockscope's callee reads as absent */
    .name = "fox-wamp",
    .echo_kwargs = "{\"a\":1}",
    .progress_out = "{\"progress\":{\"args\":[1],\"kwargs\":{}}}\n"
                    "{\"progress\":{\"args\":[2],\"kwargs\":{}}}\n"
                    "{\"result\":{\"args\":[\"done\",9],\"kwargs\":{}}}\n",
    .callee_sees_progress = TRUE,
    .fail_out = "{\"error\":\"wamp.error.callee_failure\",\"args\":[\"org.example.sockscope.failed\"],"
                "\"kwargs\":{}}",
  },
};

typedef struct
{
  InteropPeer *router;
  InteropPeer *callee;
  char        *url;
  const char  *realm;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const CalleeCase *c = data;
  g_autofree char *callee = g_test_build_filename (G_TEST_BUILT, "interop", "interop-callee", NULL);
  const char *argv[5];

  if (g_str_equal (c->name, "demo"))
    {
      fixture->router = interop_demo_start (&fixture->url);
      fixture->realm = "demo";
    }
  else
    {
      fixture->router = interop_router_start (c->name, &fixture->url);
      fixture->realm = "realm1";
    }
  argv[0] = callee;
  argv[1] = fixture->url;
  argv[2] = fixture->realm;
  argv[3] = PROCEDURE;
  argv[4] = NULL;
  fixture->callee = interop_peer_spawnv ("interop-callee", argv);
  g_free (interop_peer_wait_for (fixture->callee, "\"registered\"", 10000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->callee, interop_peer_free);
  g_clear_pointer (&fixture->router, interop_peer_free);
  g_free (fixture->url);
}

/* The caller's output without its welcome line. */
static char *
call (Fixture    *fixture,
      int         expected_status,
      const char *first,
      ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *arg;
  const char *p;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  while (args->len < 5)
    g_ptr_array_add (args, NULL);

  g_assert_cmpint (interop_autobahn_run (&out, fixture->url, fixture->realm, "call", PROCEDURE,
                                         args->pdata[0], args->pdata[1], args->pdata[2],
                                         args->pdata[3], args->pdata[4], NULL), ==, expected_status);
  p = strstr (out, "\n");
  g_assert_nonnull (p);
  g_assert_true (g_str_has_prefix (out, "{\"welcome\""));
  return g_strdup (p + 1);
}

static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  const CalleeCase *c = data;
  g_autofree char *out = call (fixture, 0, "--args", "[\"x\",2]", "--kwargs", "{\"a\":1}", NULL);
  g_autoptr(JsonObject) result = interop_find_line (out, "result");
  g_autofree char *invocation = interop_peer_wait_for (fixture->callee, "\"invocation\"", 2000);

  interop_assert_json (json_object_get_member (json_object_get_object_member (result, "result"), "args"),
                       "[\"done\",\"x\",2]");
  interop_assert_json (json_object_get_member (json_object_get_object_member (result, "result"), "kwargs"),
                       c->echo_kwargs);
  g_assert_nonnull (strstr (invocation, "\"args\":[\"x\",2],\"kwargs\":{\"a\":1}"));
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  const CalleeCase *c = data;
  g_autofree char *out = call (fixture, 0, "--args", "[9]", "--progress", NULL);
  g_autofree char *invocation = interop_peer_wait_for (fixture->callee, "\"invocation\"", 2000);

  g_assert_cmpstr (out, ==, c->progress_out);
  g_assert_nonnull (strstr (invocation, c->callee_sees_progress ? "\"receive_progress\":true"
                                                                : "\"receive_progress\":false"));
}

static void
test_fail (Fixture       *fixture,
           gconstpointer  data)
{
  const CalleeCase *c = data;
  g_autofree char *out = call (fixture, 1, "--args", "[\"fail\"]", NULL);

  g_assert_nonnull (strstr (out, c->fail_out));
}

static void
test_no_args (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *out = call (fixture, 0, NULL);

  g_assert_cmpstr (out, ==, "{\"result\":{\"args\":[\"done\"],\"kwargs\":{}}}\n");
}

int
main (int   argc,
      char *argv[])
{
  interop_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
        { "echo", test_echo },
        { "progress", test_progress },
        { "fail", test_fail },
        { "no-args", test_no_args },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
        {
          g_autofree char *path = g_strdup_printf ("/sockscope/interop/%s/sockscope-callee-%s",
                                                   cases[i].name, tests[t].name);

          g_test_add (path, Fixture, &cases[i], fixture_set_up, tests[t].func, fixture_tear_down);
        }
    }

  return g_test_run ();
}
