/* test-cli-liveness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deadlines, liveness and Ctrl+C through the real sockscope-cli binary, against `serve-demo`
 * processes on 127.0.0.1: the hostile router's paths (/fault/wamp/…), and a server frozen with
 * SIGSTOP. Every run must end on its own, with exit 1 and words that say what did not come back;
 * a wait that does not end fails the test after 20 s.
 */

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "cli-demo-util.h"

#define EXIT_DEADLINE_S 20

static GSubprocess *server;
static char *base_url;

/* Waits for process to end on its own, then keeps its status and the rest of its output. The
 * process dies with the test if it does not end. */
static void
wait_exit (GSubprocess *process,
           Run         *run,
           const char  *what)
{
  g_autofree char *ends = g_strconcat (what, " to end", NULL);
  gboolean done = FALSE;

  g_subprocess_wait_async (process, NULL, exited_cb, &done);
  WAIT_FOR_WITHIN_WHAT (EXIT_DEADLINE_S, done, ends);
  finish_run (process, run);
}

/* Reads one line of the process's stdout (it must come: the command has its own --timeout). */
static char *
read_line (GDataInputStream *lines,
           const char       *what)
{
  char *line = read_line_within (lines, what);

  g_assert_nonnull (line);
  return line;
}

static char *
path_url (const char *path)
{
  return g_strconcat (base_url, path, NULL);
}

static void
assert_failed_with (Run        *run,
                    const char *words)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, words));
}

static void
test_cli_liveness_no_welcome (void)
{
  g_autofree char *url = path_url ("/fault/wamp/no-welcome");
  g_auto(Run) sub = { 0 };
  g_auto(Run) call = { 0 };

  run_cli (&sub, (const char *[]) { "sub", url, "demo.tick", "--timeout", "1", NULL });
  assert_failed_with (&sub, "no WELCOME from the router within 1 s (--timeout)");
  g_assert_cmpstr (sub.out, ==, "");

  run_cli (&call, (const char *[]) { "call", url, "demo.add", "--timeout", "0.5", NULL });
  assert_failed_with (&call, "no WELCOME from the router within 0.5 s (--timeout)");
}

static void
test_cli_liveness_silent (void)
{
  g_autofree char *url = path_url ("/fault/wamp/silent");
  g_auto(Run) sub = { 0 };
  g_auto(Run) call = { 0 };
  g_auto(Run) pub = { 0 };

  run_cli (&sub, (const char *[]) { "sub", url, "demo.tick", "--timeout", "1", NULL });
  assert_failed_with (&sub, "no SUBSCRIBED for demo.tick within 1 s (--timeout)");

  run_cli (&call, (const char *[]) { "call", url, "demo.add", "--args", "[1, 2]", "--timeout", "1", NULL });
  assert_failed_with (&call, "no RESULT for demo.add within 1 s (--timeout)");
  g_assert_cmpstr (call.out, ==, "");

  run_cli (&pub, (const char *[]) { "pub", url, "demo.news", "--ack", "--timeout", "1", NULL });
  assert_failed_with (&pub, "no PUBLISHED for demo.news within 1 s (--timeout)");
}

static void
test_cli_liveness_timeout_units (void)
{
  g_autofree char *ws = path_url ("/ws");
  g_auto(Run) old_ms = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) sub = { 0 };

  /* call counted milliseconds before: a whole number from 1000 on still means them */
  run_cli (&old_ms, (const char *[]) { "call", ws, "demo.add", "--realm", "demo", "--args", "[2, 3]",
                                       "--timeout", "5000", NULL });
  g_assert_cmpint (old_ms.status, ==, 0);
  g_assert_cmpstr (old_ms.out, ==, "{\"args\":[5],\"kwargs\":{}}\n");
  g_assert_nonnull (strstr (old_ms.err, "--timeout counts seconds now"));

  run_cli (&bad, (const char *[]) { "sub", ws, "demo.tick", "--timeout", "soon", NULL });
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "“soon”"));

  /* sub listens that long (from the start of the run), then ends well */
  run_cli (&sub, (const char *[]) { "sub", ws, "test.nothing", "--realm", "demo", "--timeout", "0.8",
                                    "--keepalive", "1", "--pong-timeout", "0.5", NULL });
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.err, "received 0 events"));
  /* the ping at the open was answered and timed */
  g_assert_nonnull (strstr (sub.err, "ping round trip "));
}

/* sub against a server that is stopped (SIGSTOP) once events flow. */
static void
test_cli_liveness_frozen_sub (void)
{
  g_autofree char *base = NULL;
  g_autoptr(GSubprocess) frozen = start_demo_base (&base);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", url, "demo.tick", "--realm", "demo",
                                                              "--keepalive", "1", "--pong-timeout", "0.5",
                                                              "--timeout", "60", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  g_autofree char *first = read_line (lines, "sub's first event");
  g_auto(Run) run = { 0 };

  g_assert_nonnull (strstr (first, "demo.tick"));
  g_subprocess_send_signal (frozen, SIGSTOP);
  wait_exit (sub, &run, "sub against a frozen server");
  assert_failed_with (&run, "No answer to a ping within 0.5 s: the server is not responding");
  stop_demo (frozen);
}

/* call with a long call pending when the server is stopped. */
static void
test_cli_liveness_frozen_call (void)
{
  g_autofree char *base = NULL;
  g_autoptr(GSubprocess) frozen = start_demo_base (&base);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  g_autoptr(GSubprocess) call = spawn_cli ((const char *[]) { "call", url, "demo.slow", "--realm", "demo",
                                                               "--args", "[30]", "--progress",
                                                               "--keepalive", "1", "--pong-timeout", "0.5",
                                                               NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (call));
  g_autofree char *progress = read_line (lines, "the call's first progressive result");
  g_auto(Run) run = { 0 };

  /* a progressive result: the call is under way */
  g_assert_nonnull (strstr (progress, "\"progress\":true"));
  g_subprocess_send_signal (frozen, SIGSTOP);
  wait_exit (call, &run, "call against a frozen server");
  assert_failed_with (&run, "the server is not responding");
  stop_demo (frozen);
}

/* The hostile router's own freeze (it stops reading, the TCP connection stays open). */
static void
test_cli_liveness_freeze_path (void)
{
  g_autofree char *url = path_url ("/fault/wamp/freeze/500");
  g_auto(Run) run = { 0 };

  run_cli (&run, (const char *[]) { "sub", url, "demo.tick", "--keepalive", "1", "--pong-timeout", "0.5",
                                    "--timeout", "60", NULL });
  assert_failed_with (&run, "No answer to a ping within 0.5 s: the server is not responding");
}

static void
test_cli_liveness_interrupt (void)
{
  g_autofree char *url = path_url ("/ws");
  g_autoptr(GSubprocess) call = spawn_cli ((const char *[]) { "call", url, "demo.slow", "--realm", "demo",
                                                               "--args", "[30]", "--progress", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (call));
  g_autofree char *progress = read_line (lines, "the call's first progressive result");
  g_auto(Run) run = { 0 };

  g_assert_nonnull (strstr (progress, "\"progress\":true"));
  g_subprocess_send_signal (call, SIGINT);
  wait_exit (call, &run, "an interrupted call");
  g_assert_cmpint (run.status, ==, 130);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo_base (&base_url);

  g_test_add_func ("/sockscope/cli-liveness/no-welcome", test_cli_liveness_no_welcome);
  g_test_add_func ("/sockscope/cli-liveness/silent", test_cli_liveness_silent);
  g_test_add_func ("/sockscope/cli-liveness/timeout-units", test_cli_liveness_timeout_units);
  g_test_add_func ("/sockscope/cli-liveness/frozen-sub", test_cli_liveness_frozen_sub);
  g_test_add_func ("/sockscope/cli-liveness/frozen-call", test_cli_liveness_frozen_call);
  g_test_add_func ("/sockscope/cli-liveness/freeze-path", test_cli_liveness_freeze_path);
  g_test_add_func ("/sockscope/cli-liveness/interrupt", test_cli_liveness_interrupt);

  ret = g_test_run ();

  stop_demo (server);
  g_clear_object (&server);
  g_free (base_url);
  return ret;
}
