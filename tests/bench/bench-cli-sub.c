/* bench-cli-sub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli sub` writing JSON lines into a pipe (this program reads and counts them) against
 * Autobahn|JS counting the same flood, in one run (issue 13). Each rate is from the first event to
 * the last; the target is sub/Autobahn >= 1.0, with every line accounted for.
 *
 *   meson test -C BUILD --benchmark cli-sub -v     (BENCH_EVENTS=N to change the count)
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-autobahn.h"
#include "bench-flood.h"

#define DEFAULT_EVENTS 1000000

/* The CLI as a user runs it: without the test suite's malloc checks. */
static GSubprocess *
spawn_sub (const char *url,
           guint64     total,
           const char *format)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  g_autoptr(GError) error = NULL;
  GSubprocess *sub;

  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  sub = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SOCKSCOPE_CLI"), "sub", url, "bench.flood",
                                     "--realm", "bench", "--count", count, "--format", format,
                                     "--keepalive", "0", NULL);
  g_assert_no_error (error);
  return sub;
}

/* Reads the pipe to its end; events/s from the first line to the last, and the lines seen. */
static double
run_sub (const char *url,
         guint64     total,
         const char *format,
         guint64    *lines)
{
  g_autoptr(GSubprocess) sub = spawn_sub (url, total, format);
  GInputStream *in = g_subprocess_get_stdout_pipe (sub);
  g_autofree char *buffer = g_malloc (1 << 20);
  gint64 first = 0, last = 0;
  gssize n;

  *lines = 0;
  while ((n = g_input_stream_read (in, buffer, 1 << 20, NULL, NULL)) > 0)
    {
      for (const char *p = buffer; (p = memchr (p, '\n', buffer + n - p)) != NULL; p++)
        {
          if ((*lines)++ == 0)
            first = g_get_monotonic_time ();
        }
      last = g_get_monotonic_time ();
    }
  g_subprocess_wait (sub, NULL, NULL);
  if (!g_subprocess_get_if_exited (sub) || g_subprocess_get_exit_status (sub) != 0 || *lines < 2)
    return -1;
  return (*lines - 1) / ((last - first) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  guint64 total = g_getenv ("BENCH_EVENTS") ? g_ascii_strtoull (g_getenv ("BENCH_EVENTS"), NULL, 10)
                                            : DEFAULT_EVENTS;
  guint rounds = g_getenv ("BENCH_ROUNDS") ? atoi (g_getenv ("BENCH_ROUNDS")) : 3;
  BenchFlood *flood = bench_flood_new (0, total);
  g_autofree char *url = bench_flood_dup_url (flood);
  double sub = 0, text = 0, autobahn = 0;
  gboolean lost = FALSE;

  if (g_getenv ("SOCKSCOPE_CLI") == NULL)
    {
      g_printerr ("SOCKSCOPE_CLI is not set: run through meson test --benchmark\n");
      return 1;
    }
  printf ("sockscope-cli sub into a pipe vs Autobahn|JS, %" G_GUINT64_FORMAT " WAMP v2 EVENTs (~107 bytes), "
          "best of %u alternating rounds\n", total, rounds);
  /* the machine is shared: alternate the clients so that each meets the same load, keep each best */
  for (guint round = 0; round < rounds; round++)
    {
      guint64 lines_json = 0, lines_text = 0;
      double r_sub = run_sub (url, total, "jsonl", &lines_json);
      double r_auto = bench_autobahn_count (url, total);
      double r_text = run_sub (url, total, "text", &lines_text);

      printf ("  round %u: sub jsonl %8.0f/s, Autobahn|JS %8.0f/s, sub text %8.0f/s\n", round + 1, r_sub, r_auto,
              r_text);
      lost |= lines_json != total || lines_text != total;
      sub = MAX (sub, r_sub);
      text = MAX (text, r_text);
      autobahn = MAX (autobahn, r_auto);
    }
  printf ("  sub --format jsonl | pipe:  %10.0f events/s\n", sub);
  printf ("  sub --format text  | pipe:  %10.0f events/s\n", text);
  if (autobahn > 0)
    printf ("  Autobahn|JS on node:        %10.0f events/s\n  ratio sub/Autobahn: %.2f (target >= 1.00: %s)\n",
            autobahn, sub / autobahn, sub >= autobahn ? "met" : "NOT met");
  else
    printf ("  Autobahn|JS on node:        not measured (run `npm install` in tests/interop)\n");
  printf ("  no event lost: %s\n", lost ? "NO" : "yes");
  bench_flood_free (flood);
  return lost ? 1 : 0;
}
