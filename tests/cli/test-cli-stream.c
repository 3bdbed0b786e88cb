/* test-cli-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli sub`'s output through the real binary against the demo router: every event of a
 * burst written, sparse events shown promptly (before the run ends), --format text, and a reader
 * that goes away (`| head`) ending the run quietly with 141.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cli-demo-util.h"

#define BURST 20000

static GSubprocess *server;
static char *ws_url;

/* A tick arrives while sub still runs: the writer flushed it without waiting for the end. */
static void
test_cli_stream_prompt (void)
{
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", ws_url, "demo.tick", "--realm", "demo", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  g_autofree char *line = read_line_within (lines, "a demo.tick line while sub runs");

  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "\"topic\":\"demo.tick\""));
  g_assert_nonnull (g_subprocess_get_identifier (sub));   /* still running */
  g_subprocess_send_signal (sub, SIGTERM);
  g_assert_cmpint (wait_exit_within (sub, "sub to end on SIGTERM"), ==, 0);
}

static gint64
flood_seq (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *event;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  event = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (event, "topic"), ==, "demo.flood");
  return json_array_get_int_element (json_object_get_array_member (event, "args"), 0);
}

/* A burst of BURST events: every one is a line, in order. */
static void
test_cli_stream_burst (void)
{
  /* the router takes the subscriptions in order: once a tick arrives, demo.flood is subscribed */
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", ws_url, "demo.flood", "demo.tick",
                                                              "--realm", "demo", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  g_autofree char *tick = read_line_within (lines, "a tick: sub subscribed");
  g_auto(Run) call = { 0 };
  gint64 expected = 1;

  g_assert_nonnull (strstr (tick, "demo.tick"));
  run_cli (&call, (const char *[]) { "call", ws_url, "demo.flood", "--realm", "demo", "--args",
                                     "[20000, 1]", NULL });
  g_assert_cmpint (call.status, ==, 0);
  while (expected <= BURST)
    {
      g_autofree char *line = read_line_within (lines, "the burst's lines");

      g_assert_nonnull (line);
      if (strstr (line, "\"topic\":\"demo.tick\"") == NULL)
        g_assert_cmpint (flood_seq (line), ==, expected++);
    }
  g_subprocess_send_signal (sub, SIGTERM);
  g_assert_cmpint (wait_exit_within (sub, "sub to end on SIGTERM"), ==, 0);
}

static void
test_cli_stream_text (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GRegex) pattern = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z demo\\.tick "
                                           "\\[\\d+\\] \\{\"time\":\"[^\"]+\"\\}\n$", 0, 0, NULL);

  run_cli (&run, (const char *[]) { "sub", ws_url, "demo.tick", "--realm", "demo", "--count", "1",
                                    "--format", "text", NULL });
  g_assert_cmpint (run.status, ==, 0);
  if (!g_regex_match (pattern, run.out, 0, NULL))
    g_error ("not a text line: %s", run.out);
}

static void
test_cli_stream_bad_format (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, (const char *[]) { "sub", ws_url, "demo.tick", "--format", "xml", NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--format must be jsonl or text"));
}

/* `sub … | head -1`: once the reader is gone the next write fails, and sub ends without a word. */
static void
test_cli_stream_broken_pipe (void)
{
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", ws_url, "demo.tick", "--realm", "demo", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  g_autofree char *first = read_line_within (lines, "the first tick");
  char err[256];
  gsize len = 0;

  g_assert_nonnull (first);
  g_input_stream_close (g_subprocess_get_stdout_pipe (sub), NULL, NULL);
  g_assert_cmpint (wait_exit_within (sub, "sub to notice its reader went away"), ==, 141);
  g_input_stream_read_all (g_subprocess_get_stderr_pipe (sub), err, sizeof err, &len, NULL, NULL);
  g_assert_cmpuint (len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-stream/prompt", test_cli_stream_prompt);
  g_test_add_func ("/sockscope/cli-stream/burst", test_cli_stream_burst);
  g_test_add_func ("/sockscope/cli-stream/text", test_cli_stream_text);
  g_test_add_func ("/sockscope/cli-stream/bad-format", test_cli_stream_bad_format);
  g_test_add_func ("/sockscope/cli-stream/broken-pipe", test_cli_stream_broken_pipe);

  ret = g_test_run ();
  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  return ret;
}
