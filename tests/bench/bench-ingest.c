/* bench-ingest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless ingest (issue 4, benchmark a): events per second through Sockscope's transport,
 * session and message log, from a flood source on 127.0.0.1 that is not the bottleneck. In the same
 * run: a bare libsoup receive loop (the ceiling) and, when the npm peers are installed, the
 * Autobahn|JS client counting the same flood. Prints rates and ratios.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "bench-flood.h"
#include "bench-ingest-private.h"
#include "sock-transport.h"

#define DEFAULT_EVENTS 1000000

typedef struct
{
  GMainLoop *loop;
  guint64    total;
  guint64    received;
  gint64     first_us;
  gint64     last_us;
  SoupWebsocketConnection *connection;
} Baseline;

static void
baseline_message (SoupWebsocketConnection *connection,
                  SoupWebsocketDataType    type,
                  GBytes                  *message,
                  Baseline                *b)
{
  const char *data = g_bytes_get_data (message, NULL);

  /* count EVENTs only; WELCOME and SUBSCRIBED come first */
  if (data[1] != '3' || data[2] != '6')
    {
      if (data[1] == '2')
        soup_websocket_connection_send_text (connection, "[32,1,{},\"bench.flood\"]");
      return;
    }

  if (b->received++ == 0)
    b->first_us = g_get_monotonic_time ();
  if (b->received == b->total)
    {
      b->last_us = g_get_monotonic_time ();
      g_main_loop_quit (b->loop);
    }
}

static void
baseline_connected (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Baseline *b = user_data;
  g_autoptr(GError) error = NULL;

  b->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (b->connection == NULL)
    g_error ("baseline: %s", error->message);
  soup_websocket_connection_set_max_incoming_payload_size (b->connection, 16 * 1024 * 1024);
  g_signal_connect (b->connection, "message", G_CALLBACK (baseline_message), b);
  soup_websocket_connection_send_text (b->connection, "[1,\"bench\",{\"roles\":{\"subscriber\":{}}}]");
}

static double
run_baseline (const char *url,
              guint64     total)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  const char *protocols[] = { "wamp.2.json", NULL };
  Baseline b = { 0 };

  b.loop = g_main_loop_new (NULL, FALSE);
  b.total = total;
  soup_session_websocket_connect_async (session, message, NULL, (char **)protocols, G_PRIORITY_DEFAULT, NULL,
                                        baseline_connected, &b);
  g_main_loop_run (b.loop);
  if (soup_websocket_connection_get_state (b.connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (b.connection, 1000, NULL);
  while (soup_websocket_connection_get_state (b.connection) != SOUP_WEBSOCKET_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&b.connection);
  g_main_loop_unref (b.loop);

  return (total - 1) / ((b.last_us - b.first_us) / 1e6);
}

/* Autobahn|JS on node, from the interop suite's node_modules; -1 when it is not installed. */
static double
run_autobahn (const char *url,
              guint64     total)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                                              "bench", "autobahn-count.js", NULL);
  g_autofree char *modules = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                                               "interop", "node_modules", NULL);
  g_autofree char *total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) node = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    return -1;

  g_subprocess_launcher_setenv (launcher, "NODE_PATH", modules, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, "node", script, url, total_text, NULL);
  if (node == NULL || !g_subprocess_communicate_utf8 (node, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("autobahn: %s\n", error->message);
      return -1;
    }

  return out ? g_ascii_strtod (out, NULL) : -1;
}

int
main (int   argc,
      char *argv[])
{
  guint64 total = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : DEFAULT_EVENTS;
  /* BENCH_INGEST_RATE=N: the source paces its events at N/s (as bench-message-view's connection
   * source does) and Sockscope runs alone: the cost of receiving per event at that rate, not the
   * highest rate */
  guint rate = g_getenv ("BENCH_INGEST_RATE") ? (guint) g_ascii_strtoull (g_getenv ("BENCH_INGEST_RATE"), NULL, 10)
                                              : 0;
  BenchFlood *flood = bench_flood_new (rate, total);
  g_autofree char *url = bench_flood_dup_url (flood);
  double baseline, sockscope, autobahn;

  /* The same conditions for every client measured: Sockscope's transport drops libsoup's
   * per-frame debug messages at once (see sock-transport.c), so the bare loop gets that too. */
  g_type_ensure (SOCK_TYPE_TRANSPORT);

  printf ("Ingest of %" G_GUINT64_FORMAT " WAMP v2 EVENTs (~107 bytes) from a flood source on 127.0.0.1\n",
          total);

  if (rate > 0)
    {
      double user_us = 0, sys_us = 0;
      double received = bench_ingest_run_sockscope_paced (url, total, &user_us, &sys_us);

      printf ("  Sockscope transport+session+log:    %10.0f events/s paced at %u/s; CPU per event on the "
              "receiving thread: %.2f us (user %.2f, system %.2f)\n", received, rate, user_us + sys_us, user_us,
              sys_us);
      bench_flood_free (flood);
      return 0;
    }

  /* BENCH_INGEST_ONLY=sockscope runs Sockscope alone, for a profiler */
  if (g_strcmp0 (g_getenv ("BENCH_INGEST_ONLY"), "sockscope") == 0)
    {
      printf ("  Sockscope transport+session+log:    %10.0f events/s\n", bench_ingest_run_sockscope (url, total));
      bench_flood_free (flood);
      return 0;
    }

  baseline = run_baseline (url, total);
  printf ("  bare libsoup receive loop (ceiling): %10.0f events/s\n", baseline);

  sockscope = bench_ingest_run_sockscope (url, total);
  printf ("  Sockscope transport+session+log:    %10.0f events/s  (%.0f%% of the ceiling)\n",
          sockscope, 100 * sockscope / baseline);

  autobahn = run_autobahn (url, total);
  if (autobahn > 0)
    printf ("  Autobahn|JS on node:                %10.0f events/s  (Sockscope/Autobahn %.2f)\n",
            autobahn, sockscope / autobahn);
  else
    printf ("  Autobahn|JS on node:                not measured (npm peers not installed)\n");

  printf ("targets: >= 60%% of the ceiling: %s; not slower than Autobahn|JS: %s\n",
          sockscope >= 0.6 * baseline ? "met" : "NOT met",
          autobahn <= 0 ? "unknown" : sockscope >= autobahn ? "met" : "NOT met");

  bench_flood_free (flood);

  return 0;
}
