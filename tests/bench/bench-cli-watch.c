/* bench-cli-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exporter's own cost (issue 13): CPU time of `sockscope-cli watch` (scraped once a second, as
 * Prometheus would) against plain `sockscope-cli sub > /dev/null`, on the same flood of 50k
 * events/s, in one run. Target: watch costs at most 5% of a core more than sub.
 *
 *   meson test -C BUILD --benchmark cli-watch -v    (BENCH_RATE, BENCH_SECONDS to change them)
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-flood.h"

typedef struct
{
  char          *url;
  volatile gint  stop;
  guint          scrapes;
} Scraper;

static gpointer
scrape_thread (gpointer data)
{
  Scraper *scraper = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  while (!g_atomic_int_get (&scraper->stop))
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", scraper->url);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

      if (body != NULL && soup_message_get_status (message) == 200)
        scraper->scrapes++;
      g_usleep (G_USEC_PER_SEC);
    }
  return NULL;
}

/* CPU seconds (user + system) of the children that ended so far. */
static double
children_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static GSubprocess *
spawn (GSubprocessFlags  flags,
       const char       *first,
       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("SOCKSCOPE_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* the CLI as a user runs it, without the suite's malloc checks */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for the flood to be sent (and taken in), ends the process: the CPU it used. The flood
 * closes the connection after its last event; the process is stopped before it could reconnect. */
static double
measure (BenchFlood  *flood,
         guint64      total,
         GSubprocess *process,
         double       before)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (bench_flood_get_sent (flood) < total && g_get_monotonic_time () < deadline)
    g_usleep (50000);
  g_usleep (300000);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  return children_cpu () - before;
}

static char *
metrics_url (GSubprocess *watch)
{
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (watch));
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      const char *at = strstr (line, "serving metrics at ");

      if (at != NULL)
        {
          char *url = g_strdup (at + strlen ("serving metrics at "));

          g_free (line);
          return url;
        }
      g_free (line);
    }
  g_error ("watch did not say where it serves metrics");
}

int
main (int   argc,
      char *argv[])
{
  guint rate = g_getenv ("BENCH_RATE") ? atoi (g_getenv ("BENCH_RATE")) : 50000;
  guint seconds = g_getenv ("BENCH_SECONDS") ? atoi (g_getenv ("BENCH_SECONDS")) : 10;
  guint64 total = (guint64) rate * seconds;
  /* a flood source each, so that "sent" counts the one connection measured */
  BenchFlood *flood = bench_flood_new (rate, total);
  BenchFlood *flood2 = bench_flood_new (rate, total);
  g_autofree char *url = bench_flood_dup_url (flood);
  g_autofree char *url2 = bench_flood_dup_url (flood2);
  g_autoptr(GSubprocess) sub = NULL;
  g_autoptr(GSubprocess) watch = NULL;
  Scraper scraper = { 0 };
  GThread *thread;
  double sub_cpu, watch_cpu, sub_share, watch_share;

  if (g_getenv ("SOCKSCOPE_CLI") == NULL)
    {
      g_printerr ("SOCKSCOPE_CLI is not set: run through meson test --benchmark\n");
      return 1;
    }
  printf ("CPU of sockscope-cli on %u events/s for %u s (%" G_GUINT64_FORMAT " WAMP v2 EVENTs)\n", rate, seconds, total);

  double before = children_cpu ();

  sub = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, "sub", url, "bench.flood",
               "--realm", "bench", "--keepalive", "0", NULL);
  sub_cpu = measure (flood, total, sub, before);
  sub_share = 100 * sub_cpu / seconds;
  printf ("  sub > /dev/null:               %6.2f s CPU  (%5.1f%% of a core)\n", sub_cpu, sub_share);

  before = children_cpu ();
  watch = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, "watch", url2, "bench.flood",
                 "--realm", "bench", "--keepalive", "0", "--metrics-listen", "127.0.0.1:0", NULL);
  scraper.url = metrics_url (watch);
  thread = g_thread_new ("scrape", scrape_thread, &scraper);
  watch_cpu = measure (flood2, total, watch, before);
  g_atomic_int_set (&scraper.stop, 1);
  g_thread_join (thread);
  watch_share = 100 * watch_cpu / seconds;
  printf ("  watch, scraped every second:   %6.2f s CPU  (%5.1f%% of a core, %u scrapes)\n", watch_cpu, watch_share,
          scraper.scrapes);
  printf ("  exporter cost over sub: %+.1f%% of a core (target <= 5: %s)\n", watch_share - sub_share,
          watch_share - sub_share <= 5 ? "met" : "NOT met");

  g_free (scraper.url);
  bench_flood_free (flood);
  bench_flood_free (flood2);
  return 0;
}
