/* test-mock-callee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mock procedures on the demo router: one connection registers a mock, another calls it, and
 * the caller gets what the mock was told to answer — a result, an error, progressive results, a
 * late answer — while the mock lists every call with its arguments. Prefix and wildcard mocks
 * learn which procedure was called; an unregistered mock is no longer called.
 */

#include "config.h"

#include "sock-mock-callee.h"
#include "session-test-util.h"

typedef struct
{
  SockDemoServer *server;
  SockConnection *callee;
  SockConnection *caller;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = NULL;

  f->server = sock_demo_server_new ();
  url = demo_server_start_url (f->server, "/ws");
  f->callee = connection_new_open (url, NULL, "demo");
  f->caller = connection_new_open (url, NULL, "demo");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  connection_close (f->caller);
  connection_close (f->callee);
  g_object_unref (f->caller);
  g_object_unref (f->callee);
  sock_demo_server_stop (f->server);
  g_object_unref (f->server);
}

static void
mock_register (SockMockCallee *mock,
               SockConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sock_mock_callee_register_async (mock, connection, NULL, store_result, &result);
  g_assert_true (sock_mock_callee_register_finish (mock, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_nonnull (sock_mock_callee_get_registration (mock));
}

typedef struct
{
  GPtrArray *progress;  /* JSON text of each progressive result's args */
} Progress;

static void
on_progress (SockSession   *session,
             SockJsonRange  args,
             SockJsonRange  kwargs,
             gpointer       user_data)
{
  Progress *progress = user_data;

  g_ptr_array_add (progress->progress, g_strndup (args.data, args.len));
}

/* Calls procedure with args; returns the result, or NULL with error set. */
static SockCallResult *
call (SockConnection        *connection,
      const char            *procedure,
      const char            *args,
      const SockCallOptions *options,
      Progress              *progress,
      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) array = args ? json_array_from (args) : NULL;
  SockSession *session = sock_connection_get_session (connection);

  sock_session_call_async (session, procedure, array, NULL, options, progress ? on_progress : NULL, progress,
                           NULL, store_result, &result);
  return sock_session_call_finish (session, wait_result (&result), error);
}

static SockMockInvocation *
invocation_at (SockMockCallee *mock,
               guint           position)
{
  g_autoptr(SockMockInvocation) invocation = g_list_model_get_item (sock_mock_callee_get_invocations (mock),
                                                                    position);

  g_assert_nonnull (invocation);
  return invocation;  /* the model holds it */
}

static void
test_mock_result (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.answer", SOCK_MATCH_EXACT);
  g_autoptr(JsonArray) args = json_array_from ("[42, \"ok\"]");
  g_autoptr(JsonNode) kwargs = json_from_string ("{\"source\": \"mock\"}", NULL);
  g_autoptr(GError) error = NULL;
  SockCallResult *result;
  SockMockInvocation *invocation;
  g_autofree char *answer = NULL;

  sock_mock_callee_set_result (mock, args, json_node_get_object (kwargs));
  answer = sock_mock_callee_dup_answer_text (mock);
  g_assert_cmpstr (answer, ==, "Result [42,\"ok\"] {\"source\":\"mock\"}");
  mock_register (mock, f->callee);

  result = call (f->caller, "test.mock.answer", "[1, {\"a\": [2]}]", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[42,\"ok\"]");
  g_assert_cmpstr (result->kwargs, ==, "{\"source\":\"mock\"}");
  sock_call_result_free (result);

  g_assert_cmpuint (sock_mock_callee_get_n_invocations (mock), ==, 1);
  invocation = invocation_at (mock, 0);
  g_assert_cmpstr (sock_mock_invocation_get_procedure (invocation), ==, "test.mock.answer");
  g_assert_cmpstr (sock_mock_invocation_get_args (invocation), ==, "[1,{\"a\":[2]}]");
  g_assert_null (sock_mock_invocation_get_kwargs (invocation));
  g_assert_cmpint (sock_mock_invocation_get_outcome (invocation), ==, SOCK_MOCK_OUTCOME_RESULT);
  g_assert_cmpint (sock_mock_invocation_get_request (invocation), >, 0);
}

static void
test_mock_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.fails", SOCK_MATCH_EXACT);
  g_autoptr(JsonArray) args = json_array_from ("[\"the disk is full\"]");
  g_autoptr(GError) error = NULL;
  SockCallResult *result;
  g_autofree char *summary = NULL;

  sock_mock_callee_set_error (mock, "app.error.disk_full", args, NULL);
  mock_register (mock, f->callee);

  result = call (f->caller, "test.mock.fails", NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "app.error.disk_full");
  g_assert_cmpstr (sock_session_error_get_args (error), ==, "[\"the disk is full\"]");
  summary = sock_mock_invocation_dup_summary (invocation_at (mock, 0));
  g_assert_cmpstr (summary, ==, "Answered with an error");
}

/* Progressive results are spread over the delay, then the answer; a caller that did not ask for
 * progress gets the answer alone, as late. */
static void
test_mock_progress_delay (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.slow", SOCK_MATCH_EXACT);
  g_autoptr(JsonArray) args = json_array_from ("[\"done\"]");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  Progress progress = { steps };
  SockCallOptions options = { .receive_progress = TRUE };
  g_autoptr(GError) error = NULL;
  SockCallResult *result;
  gint64 start;

  sock_mock_callee_set_result (mock, args, NULL);
  sock_mock_callee_set_delay (mock, 400);
  sock_mock_callee_set_n_progress (mock, 3);
  mock_register (mock, f->callee);

  start = g_get_monotonic_time ();
  result = call (f->caller, "test.mock.slow", NULL, &options, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[\"done\"]");
  sock_call_result_free (result);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (steps, 0), ==, "[1,3]");
  g_assert_cmpstr (g_ptr_array_index (steps, 2), ==, "[3,3]");
  g_assert_cmpuint (sock_mock_invocation_get_n_progress (invocation_at (mock, 0)), ==, 3);

  result = call (f->caller, "test.mock.slow", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  sock_call_result_free (result);
  g_assert_cmpuint (sock_mock_invocation_get_n_progress (invocation_at (mock, 1)), ==, 0);
  g_assert_cmpint (sock_mock_invocation_get_outcome (invocation_at (mock, 1)), ==, SOCK_MOCK_OUTCOME_RESULT);
}

/* A prefix mock beats a wildcard one, and both learn the procedure called. */
static void
test_mock_patterns (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SockMockCallee) prefix = sock_mock_callee_new ("test.mock.shop.", SOCK_MATCH_PREFIX);
  g_autoptr(SockMockCallee) wildcard = sock_mock_callee_new ("test.mock..get", SOCK_MATCH_WILDCARD);
  g_autoptr(JsonArray) from_prefix = json_array_from ("[\"prefix\"]");
  g_autoptr(JsonArray) from_wildcard = json_array_from ("[\"wildcard\"]");
  g_autoptr(GError) error = NULL;
  SockCallResult *result;

  sock_mock_callee_set_result (prefix, from_prefix, NULL);
  sock_mock_callee_set_result (wildcard, from_wildcard, NULL);
  mock_register (prefix, f->callee);
  mock_register (wildcard, f->callee);

  result = call (f->caller, "test.mock.shop.cart.add", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[\"prefix\"]");
  sock_call_result_free (result);
  result = call (f->caller, "test.mock.user.get", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[\"wildcard\"]");
  sock_call_result_free (result);
  /* both match: the prefix wins */
  result = call (f->caller, "test.mock.shop.get", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->args, ==, "[\"prefix\"]");
  sock_call_result_free (result);

  g_assert_cmpstr (sock_mock_invocation_get_procedure (invocation_at (prefix, 0)), ==, "test.mock.shop.cart.add");
  g_assert_cmpstr (sock_mock_invocation_get_procedure (invocation_at (wildcard, 0)), ==, "test.mock.user.get");
  g_assert_cmpuint (sock_mock_callee_get_n_invocations (prefix), ==, 2);
}

/* Unregistered, it is no longer called; a call still waiting for its answer gets canceled. */
static void
test_mock_unregister (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.gone", SOCK_MATCH_EXACT);
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GError) error = NULL;
  SockSession *session = sock_connection_get_session (f->caller);
  SockCallResult *result;

  sock_mock_callee_set_result (mock, NULL, NULL);
  sock_mock_callee_set_delay (mock, 60000);
  mock_register (mock, f->callee);
  g_assert_cmpuint (g_list_model_get_n_items (sock_connection_get_registrations (f->callee)), ==, 1);

  sock_session_call_async (session, "test.mock.gone", NULL, NULL, NULL, NULL, NULL, NULL, store_result, &pending);
  WAIT_FOR_WHAT (sock_mock_callee_get_n_invocations (mock) == 1, "the mock to be called");
  sock_mock_callee_unregister (mock);
  g_assert_null (sock_mock_callee_get_registration (mock));
  g_assert_cmpuint (g_list_model_get_n_items (sock_connection_get_registrations (f->callee)), ==, 0);
  g_assert_null (sock_session_call_finish (session, wait_result (&pending), &error));
  g_assert_true (sock_session_error_is_cancelled (error));
  g_assert_cmpint (sock_mock_invocation_get_outcome (invocation_at (mock, 0)), ==, SOCK_MOCK_OUTCOME_INTERRUPTED);
  g_clear_error (&error);

  /* once the router has it unregistered */
  wait_ms (200);
  result = call (f->caller, "test.mock.gone", NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.no_such_procedure");
  g_assert_cmpuint (sock_mock_callee_get_n_invocations (mock), ==, 1);
}

/* The caller cancels (kill): the mock marks the call interrupted and sends nothing more. */
static void
test_mock_interrupted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.interrupted", SOCK_MATCH_EXACT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) pending = NULL;
  g_autoptr(GError) error = NULL;
  SockCallOptions options = { .cancel_mode = SOCK_CANCEL_KILL };
  SockSession *session = sock_connection_get_session (f->caller);

  sock_mock_callee_set_delay (mock, 60000);
  mock_register (mock, f->callee);
  sock_session_call_async (session, "test.mock.interrupted", NULL, NULL, &options, NULL, NULL, cancellable,
                           store_result, &pending);
  WAIT_FOR_WHAT (sock_mock_callee_get_n_invocations (mock) == 1, "the mock to be called");
  g_cancellable_cancel (cancellable);
  g_assert_null (sock_session_call_finish (session, wait_result (&pending), &error));
  g_assert_true (sock_session_error_is_cancelled (error));
  WAIT_FOR_WHAT (sock_mock_invocation_get_outcome (invocation_at (mock, 0)) == SOCK_MOCK_OUTCOME_INTERRUPTED,
                 "the invocation to be marked interrupted");
}

/* At most SOCK_MOCK_MAX_INVOCATIONS calls are kept, the newest; the count goes on. */
static void
test_mock_bounded (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.mock.many", SOCK_MATCH_EXACT);
  GListModel *invocations = sock_mock_callee_get_invocations (mock);
  SockSession *session = sock_connection_get_session (f->caller);
  guint n = SOCK_MOCK_MAX_INVOCATIONS + 20;
  g_autofree char *last = NULL;

  mock_register (mock, f->callee);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonArray) args = json_array_new ();

      json_array_add_int_element (args, i);
      sock_session_call_async (session, "test.mock.many", args, NULL, NULL, NULL, NULL, NULL,
                               NULL, NULL);
    }
  WAIT_FOR_WHAT (sock_mock_callee_get_n_invocations (mock) == n, "every call to arrive");
  g_assert_cmpuint (g_list_model_get_n_items (invocations), ==, SOCK_MOCK_MAX_INVOCATIONS);
  last = g_strdup_printf ("[%u]", n - 1);
  g_assert_cmpstr (sock_mock_invocation_get_args (invocation_at (mock, SOCK_MOCK_MAX_INVOCATIONS - 1)), ==, last);
  g_assert_cmpstr (sock_mock_invocation_get_args (invocation_at (mock, 0)), ==, "[20]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sockscope/mock-callee/result", test_mock_result);
  ADD ("/sockscope/mock-callee/error", test_mock_error);
  ADD ("/sockscope/mock-callee/progress-delay", test_mock_progress_delay);
  ADD ("/sockscope/mock-callee/patterns", test_mock_patterns);
  ADD ("/sockscope/mock-callee/unregister", test_mock_unregister);
  ADD ("/sockscope/mock-callee/interrupted", test_mock_interrupted);
  ADD ("/sockscope/mock-callee/bounded", test_mock_bounded);
#undef ADD

  return g_test_run ();
}
