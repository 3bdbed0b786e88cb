/* bench-topic-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the Topics view under a flood: a 1100×720 window shows a SockTopicView over a
 * log, every row expanded (1 + 6 + 60 nodes, more than fit), while a producer appends WAMP v2
 * EVENTs of ~90 bytes over 60 URIs (demo.groupG.metricN) at 100k events/s. The producer runs in
 * a tick callback of the window, appending the events due since the previous frame, the way a
 * connection hands a batch per frame; the view reads them in its own tick (the tree's update)
 * and refreshes the cells on screen.
 *
 * Phases (1 s warm-up, 5 s measured): the same flood with the view hidden behind another page
 * (the baseline: the log and a tree that only counts when someone flushes), the view shown,
 * and the view shown with a filter text ("group3"). Per phase: wall-clock intervals between
 * "after-paint"s (p50, p95, max), CPU of the UI thread per frame (p95), CPU of the process
 * (% of one core), events appended per second, and the events the tree counted behind the
 * log's end at the end (0: it kept up). Target: p95 ≤ 33 ms and the tree keeping up while
 * shown; the exit status is 1 when it is missed.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "sock-topic-view.h"
#include "sock-wamp-message.h"

#define RATE       100000
#define N_TOPICS   60
#define WARMUP_US  (1 * G_USEC_PER_SEC)
#define MEASURE_US (5 * G_USEC_PER_SEC)

typedef struct
{
  SockMessageLog *log;
  guint32         uris[N_TOPICS];
  guint64         appended;
  gint64          last_us;
  guint64         measured_from;  /* appended when the measurement began */

  gboolean        measuring;
  gint64          phase_start_us;
  gint64          last_paint_us;
  gint64          last_thread_ns;
  GArray         *intervals;      /* double ms */
  GArray         *cpu;            /* double ms */
  gint64          process_ns;
  gboolean        done;
} Bench;

static gint64
clock_ns (clockid_t id)
{
  struct timespec ts;

  clock_gettime (id, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static void
append_events (Bench *bench,
               guint  n)
{
  const char *payload = "[36,1,2,{},[30.9],{\"unit\":\"%\",\"time\":\"2026-12-05T10:03:18Z\"}]";
  gsize len = strlen (payload);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < n; i++, bench->appended++)
    {
      SockLogEntry entry = { .time_us = now, .uri = bench->uris[bench->appended % N_TOPICS],
                             .direction = SOCK_LOG_DIRECTION_IN, .kind = SOCK_LOG_KIND_WAMP2,
                             .type = SOCK_WAMP_EVENT };

      sock_message_log_append (bench->log, &entry, (const guint8 *) payload, len);
    }
}

/* The producer: what is due since the last frame, at RATE. */
static gboolean
produce (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *bench = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (bench->last_us != 0)
    append_events (bench, (guint) MIN ((now - bench->last_us) * RATE / G_USEC_PER_SEC, RATE / 10));
  bench->last_us = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint (GdkFrameClock *clock,
             Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  gint64 thread = clock_ns (CLOCK_THREAD_CPUTIME_ID);

  if (!bench->measuring && now - bench->phase_start_us >= WARMUP_US)
    {
      bench->measuring = TRUE;
      bench->phase_start_us = now;
      bench->measured_from = bench->appended;
      bench->process_ns = clock_ns (CLOCK_PROCESS_CPUTIME_ID);
    }
  else if (bench->measuring)
    {
      double interval = (now - bench->last_paint_us) / 1000.0;
      double cpu = (thread - bench->last_thread_ns) / 1e6;

      g_array_append_val (bench->intervals, interval);
      g_array_append_val (bench->cpu, cpu);
      if (now - bench->phase_start_us >= MEASURE_US)
        bench->done = TRUE;
    }
  bench->last_paint_us = now;
  bench->last_thread_ns = thread;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_doubles);
  return values->len ? g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len))) : 0;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs one phase and prints its line; TRUE when it met the target. */
static gboolean
run_phase (Bench         *bench,
           SockTopicView *view,
           const char    *name,
           gboolean       shown)
{
  guint wake_id = g_timeout_add (5, wake, NULL);
  gint64 process_ns, wall_us;
  guint64 events, behind;
  double p50, p95, max, cpu95;

  bench->measuring = bench->done = FALSE;
  bench->phase_start_us = g_get_monotonic_time ();
  g_array_set_size (bench->intervals, 0);
  g_array_set_size (bench->cpu, 0);
  while (!bench->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);

  wall_us = g_get_monotonic_time () - bench->phase_start_us;
  process_ns = clock_ns (CLOCK_PROCESS_CPUTIME_ID) - bench->process_ns;
  events = bench->appended - bench->measured_from;
  behind = bench->appended - sock_topic_node_get_count (sock_topic_tree_lookup (sock_topic_view_get_tree (view), "demo"));
  p50 = percentile (bench->intervals, 0.5);
  p95 = percentile (bench->intervals, 0.95);
  max = percentile (bench->intervals, 1.0);
  cpu95 = percentile (bench->cpu, 0.95);
  g_print ("%-22s frames %4u  interval p50 %5.1f ms  p95 %5.1f ms  max %5.1f ms  UI CPU/frame p95 %5.1f ms  "
           "process CPU %3.0f%%  %6.0f events/s  tree behind %" G_GUINT64_FORMAT "\n",
           name, bench->intervals->len, p50, p95, max, cpu95, process_ns / 1e3 / wall_us * 100,
           events / (wall_us / 1e6), shown ? behind : 0);
  return !shown || (p95 <= 33.0 && behind <= RATE / 10);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  g_autoptr(SockMessageLog) log = NULL;
  GtkWidget *window, *stack, *view, *entry;
  GListModel *rows;
  gboolean ok = TRUE;

  g_setenv ("GSK_RENDERER", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "cairo", FALSE);
  if (!gtk_init_check ())
    {
      g_print ("no display\n");
      return 77;
    }
  adw_init ();

  log = bench.log = sock_message_log_new ();
  for (guint i = 0; i < N_TOPICS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("demo.group%u.metric%u", i % 6, i);

      bench.uris[i] = sock_message_log_intern_uri (log, uri, -1);
    }
  bench.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  bench.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  /* every node exists before the tree is shown expanded */
  append_events (&bench, N_TOPICS);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  stack = gtk_stack_new ();
  view = sock_topic_view_new ();
  sock_topic_view_set_log (SOCK_TOPIC_VIEW (view), log);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("hidden"), "other");
  gtk_stack_add_named (GTK_STACK (stack), view, "topics");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_add_tick_callback (window, produce, &bench, NULL);
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint), &bench);

  ok &= run_phase (&bench, SOCK_TOPIC_VIEW (view), "hidden (baseline)", FALSE);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "topics");
  sock_topic_tree_update (sock_topic_view_get_tree (SOCK_TOPIC_VIEW (view)));
  rows = sock_topic_view_get_rows (SOCK_TOPIC_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  g_print ("rows: %u\n", g_list_model_get_n_items (rows));
  ok &= run_phase (&bench, SOCK_TOPIC_VIEW (view), "shown, all expanded", TRUE);

  entry = gtk_widget_get_first_child (gtk_widget_get_first_child (view));
  gtk_editable_set_text (GTK_EDITABLE (entry), "group3");
  g_signal_emit_by_name (entry, "search-changed");
  g_print ("rows: %u\n", g_list_model_get_n_items (sock_topic_view_get_rows (SOCK_TOPIC_VIEW (view))));
  ok &= run_phase (&bench, SOCK_TOPIC_VIEW (view), "shown, filter \"group3\"", TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (bench.intervals);
  g_array_unref (bench.cpu);
  return ok ? 0 : 1;
}
