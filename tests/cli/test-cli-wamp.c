/* test-cli-wamp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli sub / pub / call` through the real binary, against the demo router of a
 * `serve-demo` process on 127.0.0.1: exit codes, JSON lines, usage errors.
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cli-demo-util.h"

static GSubprocess *server;
static char *ws_url;

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static JsonObject *
parse_line (const char *text,
            guint       index)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (index, <, g_strv_length (lines));
  node = json_from_string (lines[index], &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_cli_call (void)
{
  g_auto(Run) add = { 0 };
  g_auto(Run) v1 = { 0 };
  g_auto(Run) fail = { 0 };
  g_auto(Run) slow = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) error = NULL;
  g_autoptr(JsonObject) progress = NULL;

  run_cli (&add, (const char *[]) { "call", ws_url, "demo.add", "--realm", "demo", "--args", "[2, 3]", NULL });
  g_assert_cmpint (add.status, ==, 0);
  g_assert_cmpstr (add.out, ==, "{\"args\":[5],\"kwargs\":{}}\n");

  run_cli (&v1, (const char *[]) { "call", ws_url, "demo.add", "--protocol", "wamp", "--args", "[4, 5]", NULL });
  g_assert_cmpint (v1.status, ==, 0);
  g_assert_cmpstr (v1.out, ==, "{\"args\":[9],\"kwargs\":{}}\n");

  run_cli (&fail, (const char *[]) { "call", ws_url, "demo.fail", "--realm", "demo", NULL });
  g_assert_cmpint (fail.status, ==, 1);
  error = parse_line (fail.out, 0);
  g_assert_cmpstr (json_object_get_string_member (error, "error"), ==, "demo.error.failed");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "args"), 0), ==,
                   "this procedure always fails");
  g_assert_nonnull (strstr (fail.err, "demo.error.failed"));

  run_cli (&slow, (const char *[]) { "call", ws_url, "demo.slow", "--realm", "demo", "--args", "[2]",
                                     "--progress", NULL });
  g_assert_cmpint (slow.status, ==, 0);
  g_assert_cmpuint (count_lines (slow.out), ==, 3);
  progress = parse_line (slow.out, 0);
  g_assert_true (json_object_get_boolean_member (progress, "progress"));
  result = parse_line (slow.out, 2);
  g_assert_false (json_object_has_member (result, "progress"));
}

static void
test_cli_bad_json (void)
{
  g_auto(Run) bad = { 0 };
  g_auto(Run) not_array = { 0 };
  g_auto(Run) not_object = { 0 };
  g_auto(Run) bad_match = { 0 };

  run_cli (&bad, (const char *[]) { "pub", ws_url, "demo.x", "--args", "[1,\n 2,", NULL });
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.out, ==, "");
  /* in words, with the line */
  g_assert_nonnull (strstr (bad.err, "--args: missing a value and ] at the end of line 2"));

  run_cli (&not_array, (const char *[]) { "call", ws_url, "demo.add", "--args", "{\"a\": 1}", NULL });
  g_assert_cmpint (not_array.status, ==, 2);
  g_assert_nonnull (strstr (not_array.err, "--args: must be a JSON array"));

  run_cli (&not_object, (const char *[]) { "call", ws_url, "demo.add", "--kwargs", "[1]", NULL });
  g_assert_cmpint (not_object.status, ==, 2);
  g_assert_nonnull (strstr (not_object.err, "--kwargs: must be a JSON object"));

  run_cli (&bad_match, (const char *[]) { "sub", ws_url, "demo.tick", "--match", "fuzzy", NULL });
  g_assert_cmpint (bad_match.status, ==, 2);
}

static void
test_cli_sub (void)
{
  g_auto(Run) ticks = { 0 };
  g_auto(Run) silent = { 0 };
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GRegex) iso = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$", 0, 0, NULL);

  run_cli (&ticks, (const char *[]) { "sub", ws_url, "demo.tick", "--realm", "demo", "--count", "2", NULL });
  g_assert_cmpint (ticks.status, ==, 0);
  g_assert_cmpuint (count_lines (ticks.out), ==, 2);
  event = parse_line (ticks.out, 1);
  g_assert_cmpstr (json_object_get_string_member (event, "topic"), ==, "demo.tick");
  g_assert_true (g_regex_match (iso, json_object_get_string_member (event, "time"), 0, NULL));
  g_assert_cmpint (json_object_get_int_member (event, "publication"), >, 0);
  g_assert_true (json_object_has_member (event, "args"));
  g_assert_true (json_object_has_member (event, "kwargs"));
  g_assert_true (json_object_has_member (event, "details"));
  g_assert_nonnull (strstr (ticks.err, "received 2 events"));

  run_cli (&silent, (const char *[]) { "sub", ws_url, "test.nothing", "--realm", "demo", "--timeout", "1", NULL });
  g_assert_cmpint (silent.status, ==, 0);
  g_assert_cmpstr (silent.out, ==, "");
  g_assert_nonnull (strstr (silent.err, "received 0 events"));
}

static void
test_cli_pub_to_sub (void)
{
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", ws_url, "test", "--realm", "demo",
                                                              "--match", "prefix", "--count", "1",
                                                              "--timeout", "20", NULL });
  g_auto(Run) received = { 0 };
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(JsonObject) published = NULL;
  gint64 publication = 0;

  /* publish until the subscriber has subscribed and got one */
  for (guint i = 0; i < 40 && publication == 0; i++)
    {
      g_auto(Run) pub = { 0 };

      g_usleep (200 * 1000);
      run_cli (&pub, (const char *[]) { "pub", ws_url, "test.cli", "--realm", "demo", "--args", "[\"hi\"]",
                                        "--kwargs", "{\"n\": 1}", "--ack", NULL });
      g_assert_cmpint (pub.status, ==, 0);
      published = parse_line (pub.out, 0);
      g_assert_cmpint (json_object_get_int_member (published, "publication"), >, 0);
      g_clear_pointer (&published, json_object_unref);
      if (g_subprocess_get_identifier (sub) == NULL)
        publication = 1;
    }
  finish_run (sub, &received);
  g_assert_cmpint (received.status, ==, 0);
  event = parse_line (received.out, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "topic"), ==, "test.cli");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (event, "args"), 0), ==, "hi");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (event, "kwargs"), "n"), ==, 1);
}

static void
test_cli_failures (void)
{
  g_autofree char *missing = g_strdup_printf ("%.*s/no/such/path", (int)(strlen (ws_url) - 3), ws_url);
  g_auto(Run) realm = { 0 };
  g_auto(Run) path = { 0 };
  g_auto(Run) echo = { 0 };
  g_autofree char *echo_url = g_strdup_printf ("%.*s/echo", (int)(strlen (ws_url) - 3), ws_url);

  run_cli (&realm, (const char *[]) { "call", ws_url, "demo.add", "--realm", "nope", NULL });
  g_assert_cmpint (realm.status, ==, 1);
  g_assert_nonnull (strstr (realm.err, "wamp.error.no_such_realm"));
  g_assert_nonnull (strstr (realm.err, "check the realm name"));

  run_cli (&path, (const char *[]) { "sub", missing, "demo.tick", NULL });
  g_assert_cmpint (path.status, ==, 1);
  g_assert_nonnull (strstr (path.err, "[http-404]"));

  run_cli (&echo, (const char *[]) { "call", echo_url, "demo.add", NULL });
  g_assert_cmpint (echo.status, ==, 1);
  g_assert_nonnull (strstr (echo.err, "speaks no WAMP"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-wamp/call", test_cli_call);
  g_test_add_func ("/sockscope/cli-wamp/bad-json", test_cli_bad_json);
  g_test_add_func ("/sockscope/cli-wamp/sub", test_cli_sub);
  g_test_add_func ("/sockscope/cli-wamp/pub-to-sub", test_cli_pub_to_sub);
  g_test_add_func ("/sockscope/cli-wamp/failures", test_cli_failures);

  ret = g_test_run ();

  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  return ret;
}
