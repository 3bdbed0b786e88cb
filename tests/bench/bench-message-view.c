/* bench-message-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frame times of the Messages view under a flood. A 1100×720 window shows a SockMessageView
 * following the newest row while a producer appends WAMP v2 EVENTs of ~100 bytes to its log
 * at 1k, 10k, 50k and 100k rows/s, without and with a filter typed into the filter bar.
 *
 * The producer runs on the UI thread, in a tick callback of the window: each frame it appends
 * the rows due since the previous frame (rate × elapsed frame time), the way a connection
 * thread hands over one batch per frame. The view flushes the log in its own tick callback, so
 * a batch shows in the same frame or the next one. Producing costs frame time too, so the
 * figures are an upper bound of what the view costs.
 *
 * With BENCH_SOURCE=connection the rows come over a real WebSocket instead: a WAMP v2 flood
 * source on 127.0.0.1 (bench-flood.c, on its own thread, paced at the rate) sends EVENTs that a
 * SockConnection on the UI thread receives, decodes and logs, as in the window; "appended" is
 * then the number of frames the transport received.
 *
 * Per phase (after a 1 s warm-up, 5 s measured): wall-clock intervals between the frame
 * clock's "after-paint" signals (p50, p95, max), the p95 interval between frames that showed
 * new rows, CPU of the UI thread per frame (p95, max: unlike intervals, it does not count the
 * time other processes took; ">16.7": the share of frames whose CPU overran a 60 Hz refresh,
 * which miss their vblank on any compositor), then over the measured frames, in % of one core:
 * CPU of the process ("proc", all its threads), of the UI thread alone ("UI": the app's cost, WebSocket I/O
 * and decoding included, as libsoup runs them there) and of the flood source's thread ("flood",
 * BENCH_SOURCE=connection: a server in the same process, not the app's cost); then rows
 * appended, retained in the log and shown by the view. Under a compositor
 * (tests/bench/with-weston) a line "present" follows each phase: the intervals between the
 * presentation times of consecutive frames and the frames that missed the vblank after their
 * predecessor's (bench-message-view-present.c). Without a compositor (Xvfb) a frame's after-paint
 * interval contains its own work, so a long frame reads as a slow interval even where it would
 * have made its vblank. Baselines in the same run: the same
 * window with no rows arriving, and the same 10k rows/s flood with the view hidden (the cost of
 * watching is the difference). Then 10 tabs, each fed at 10k rows/s and one shown: the hidden
 * ones must take no rows. Targets (issue 4 and 9): p95 ≤ 20 ms up to 50k rows/s and ≤ 33 ms at
 * 100k rows/s, filter on or off, and no frame over 50 ms. The exit status is 1 when a target is
 * missed.
 *
 * BENCH_FRAMES=N makes each phase N frames of rate / 60 rows each, whatever they take: run under
 * `valgrind --tool=callgrind --collect-atstart=no`, each phase's instructions go to a file of
 * their own, which compares runs on a loaded machine. BENCH_PREFILL=N starts with N rows in the
 * log (1000000: evicting from the first frame).
 *
 * Other engineers' work on a shared machine shows up as slow frames: compare with the baseline
 * row and repeat a case alone to tell. For that: `bench-message-view RATE[,RATE…] [off|on]`,
 * BENCH_PHASES=1 (where a frame's time goes), BENCH_SLOW=1 (when the frames over 20 ms came),
 * BENCH_NOFOLLOW=1 (the same flood with the view held still), BENCH_HIDDEN=1 (with
 * BENCH_SOURCE=connection: receive and log the flood but show an empty log, which tells the cost
 * of receiving on the UI thread from the cost of showing; its "LOST EVENTS" line is expected),
 * BENCH_FLOOD_STEP_MS=N (the source sends each N ms tick's events in one write, as routers publish in
 * ticks; without it, it writes as soon as an event is due, two or three events per write at 10k/s,
 * which the connection reads in batches all the same: sock-transport-batch.c),
 * BENCH_PRESENT_LOG=1 (under a compositor: each frame's presentation time).
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#if __has_include (<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS
#endif

#include "bench-message-view.h"
#include "sock-health-view.h"
#include "sock-wamp-message.h"

/* BENCH_FRAMES=N: each phase is N frames of rate / 60 rows each, whatever the frames take, so
 * that `valgrind --tool=callgrind --collect-atstart=no` counts the same work in every run. */
static guint
fixed_frames (void)
{
  const char *frames = g_getenv ("BENCH_FRAMES");

  return frames != NULL ? MAX (1, (guint) g_ascii_strtoull (frames, NULL, 10)) : 0;
}


static void
append_rows (Bench *b,
             guint  tab,
             guint  n)
{
  SockMessageLog *log = b->logs[tab];
  char frame[160];
  SockLogEntry e = { 0 };

  e.direction = SOCK_LOG_DIRECTION_IN;
  e.kind = SOCK_LOG_KIND_WAMP2;
  e.type = SOCK_WAMP_EVENT;
  for (guint i = 0; i < n; i++)
    {
      guint64 seq = sock_message_log_get_end_seq (log);
      int len = g_snprintf (frame, sizeof frame,
                            "[36,%u,%" G_GUINT64_FORMAT ",{},[\"tick\",%" G_GUINT64_FORMAT "],"
                            "{\"price\":1.%04u,\"seq\":%" G_GUINT64_FORMAT ",\"src\":\"bench\"}]",
                            1000 + (guint) (seq % N_TOPICS), 4429313566 + seq, seq,
                            (guint) (seq % 10000), seq);

      e.time_us = g_get_real_time ();
      e.second_id = 1000 + seq % N_TOPICS;
      e.uri = b->topics[tab][seq % N_TOPICS];
      sock_message_log_append (log, &e, (const guint8 *) frame, len);
    }
  if (tab == 0)
    b->appended += n;
}

/* The producer: the rows due since the last frame, before the view's tick flushes them. */
static gboolean
produce_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Bench *b = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint n;

  if (b->fixed && b->rate > 0)
    b->owed += b->rate / 60.0;
  else if (b->last_frame_us != 0 && b->rate > 0)
    b->owed += (double) b->rate * (now - b->last_frame_us) / G_USEC_PER_SEC;
  b->last_frame_us = now;
  n = (guint) b->owed;
  b->owed -= n;
  for (guint tab = 0; tab < b->n_fed; tab++)
    append_rows (b, tab, n);
  return G_SOURCE_CONTINUE;
}

/* Phase marks: connected after GTK's own handlers, so each marks the end of a phase. */
static void
phase_mark (Bench *b,
            guint  phase)
{
  gint64 now = g_get_monotonic_time ();

  if (b->measuring && phase > 0)
    b->spent_us[phase - 1] += now - b->mark_us;
  if (phase == 0)
    {
      b->frame_start_us = now;
      memcpy (b->frame_spent_us, b->spent_us, sizeof b->spent_us);
    }
  b->mark_us = now;
}

static void
before_paint_mark (GdkFrameClock *clock, Bench *b) { phase_mark (b, 0); }
static void
update_mark (GdkFrameClock *clock, Bench *b) { phase_mark (b, 1); }
static void
layout_mark (GdkFrameClock *clock, Bench *b) { phase_mark (b, 2); }
static void
paint_mark (GdkFrameClock *clock, Bench *b) { phase_mark (b, 3); }

/* The sequence number of the table's last row. */
static guint64
newest_shown (Bench *b)
{
  SockMessageList *list = sock_message_view_get_list (b->view);
  guint n = list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;

  return n > 0 ? sock_message_list_get_seq (list, n - 1) : G_MAXUINT64;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu_ns = bench_thread_cpu_ns ();

  phase_mark (b, 4);

  if (b->done)
    {
      /* the measured frames' timings, complete a few frames later */
      bench_present_collect (b, clock);
      return;
    }
  if (!b->measuring && (b->fixed ? ++b->n_frames >= 30 : now - b->start_us >= WARMUP_US))
    {
      /* The interval across the end of the warm-up counts: a UI thread too busy to paint would
       * otherwise push the measured frames past its stall. */
      if (!b->fixed && b->last_paint_us != 0)
        {
          double ms = (now - b->last_paint_us) / 1000.0;

          g_array_append_val (b->intervals, ms);
        }
      b->measuring = TRUE;
      b->n_frames = 0;
      b->last_paint_us = now;
      b->last_cpu_ns = cpu_ns;
      b->window_wall_us = now;
      b->window_process_s = bench_process_cpu_s ();
      b->window_ui_ns = cpu_ns;
      b->window_flood_ns = b->flood != NULL ? bench_flood_get_cpu_ns (b->flood) : 0;
      bench_present_start (b, clock);
      b->last_update_us = now;
      b->last_shown_seq = newest_shown (b);
      if (b->rate > 0)
        CALLGRIND_TOGGLE_COLLECT;
      return;
    }
  if (!b->measuring)
    b->last_paint_us = now;
  else
    {
      double ms = (now - b->last_paint_us) / 1000.0;
      double cpu_ms = (cpu_ns - b->last_cpu_ns) / 1e6;

      g_array_append_val (b->intervals, ms);
      bench_present_collect (b, clock);
      if (g_getenv ("BENCH_FRAME_DUMPS") != NULL)
        CALLGRIND_DUMP_STATS;  /* one file per frame */
      g_array_append_val (b->frame_cpu, cpu_ms);
      if (g_getenv ("BENCH_SLOW") != NULL && (ms > 20 || cpu_ms > 10))
        printf ("          slow frame at %.3f s: %.1f ms (%.1f ms of CPU; the frame itself %.1f ms: "
                "ticks %.1f, layout %.1f, snapshot+render %.1f)\n",
                (now - b->start_us) / 1e6, ms, cpu_ms, (now - b->frame_start_us) / 1000.0,
                (b->spent_us[0] - b->frame_spent_us[0]) / 1000.0, (b->spent_us[1] - b->frame_spent_us[1]) / 1000.0,
                (b->spent_us[2] - b->frame_spent_us[2]) / 1000.0);
      b->last_paint_us = now;
      b->last_cpu_ns = cpu_ns;
      if (newest_shown (b) != b->last_shown_seq)
        {
          double update_ms = (now - b->last_update_us) / 1000.0;

          g_array_append_val (b->updates, update_ms);
          bench_present_mark_update (b, clock);
          b->last_shown_seq = newest_shown (b);
          b->last_update_us = now;
        }
      if (b->fixed ? ++b->n_frames >= fixed_frames () : now - b->start_us >= WARMUP_US + MEASURE_US)
        {
          double wall_s = (now - b->window_wall_us) / 1e6;

          b->done = TRUE;
          b->process_pct = 100.0 * (bench_process_cpu_s () - b->window_process_s) / wall_s;
          b->ui_pct = 100.0 * (cpu_ns - b->window_ui_ns) / 1e9 / wall_s;
          b->flood_pct = b->flood != NULL ? 100.0 * (bench_flood_get_cpu_ns (b->flood) - b->window_flood_ns) / 1e9 / wall_s
                                          : 0;
          bench_present_stop (b, clock);
          if (b->rate > 0)
            {
              CALLGRIND_TOGGLE_COLLECT;
              CALLGRIND_DUMP_STATS;  /* one file per phase */
            }
        }
    }
}

typedef enum
{
  CASE_SHOWN,     /* one tab, shown */
  CASE_HIDDEN,    /* one tab fed, none shown: what the flood costs without a view */
  CASE_TABS,      /* N_TABS tabs fed, the first one shown */
  CASE_BESIDE,    /* one tab shown, and a view of the same connection beside it */
} BenchCase;

static const char *case_names[] = { NULL, "hidden", "10 tabs", NULL };

/* Views of a connection that a case shows beside its log: `bench-message-view RATE NAME` runs
 * one (BENCH_SOURCE=connection gives it a connection). A new one is a function returning the
 * widget for b->connection and a line here, e.g. { "health", health_view_new }. */
typedef GtkWidget *(*BenchBesideNew) (Bench *b);

/* The Health view of the flood's connection, its charts redrawn every second while shown. */
static GtkWidget *
health_view_new (Bench *b)
{
  GtkWidget *view = sock_health_view_new ();

  sock_health_view_set_connection (SOCK_HEALTH_VIEW (view), b->connection);
  return view;
}

static const struct
{
  const char *name;
  BenchBesideNew create;
} beside_views[] = {
  { "health", health_view_new },
  { NULL, NULL },
};

static const char *beside_name;
static BenchBesideNew beside_new;

static void
run_phase (Bench      *b,
           guint       rate,
           const char *filter,
           BenchCase   kind,
           double      baseline_p95)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  gulong id;
  double p50, p95, max;
  gint64 present_deadline;
  guint64 appended0, dropped0;
  double target = rate >= 100000 ? 33.0 : 20.0;
  gboolean following = TRUE;
  gboolean missed;
  guint n_fed = kind == CASE_TABS ? N_TABS : 1;
  guint hidden_items[N_TABS] = { 0 };
  char flood_pct[16] = "-";
  guint over_budget = 0;

  if (b->flood != NULL && rate > 0)
    {
      bench_connect_source (b, rate);
      if (filter != NULL)
        bench_set_filter (b, filter);
      b->appended = 0;
    }
  appended0 = b->appended;
  dropped0 = sock_message_log_get_dropped (b->log);
  if (kind == CASE_HIDDEN)
    gtk_stack_set_visible_child_name (b->stack, "none");
  if (kind == CASE_BESIDE)
    gtk_box_append (b->side, beside_new (b));
  for (guint i = 1; i < n_fed; i++)
    hidden_items[i] = g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (b->views[i])));

  if (g_getenv ("BENCH_NOFOLLOW") != NULL)
    sock_message_view_set_follow (b->view, FALSE);
  b->rate = b->flood != NULL ? 0 : rate;
  b->n_fed = n_fed;
  b->owed = 0;
  b->measuring = FALSE;
  b->done = FALSE;
  b->n_frames = 0;
  g_array_set_size (b->intervals, 0);
  g_array_set_size (b->frame_cpu, 0);
  g_array_set_size (b->updates, 0);
  memset (b->spent_us, 0, sizeof b->spent_us);
  b->start_us = g_get_monotonic_time ();
  b->last_paint_us = 0;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), b);
  while (!b->done)
    g_main_context_iteration (NULL, TRUE);
  /* Under a compositor: the last frames' presentation times, a few frames later. */
  present_deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (b->present.n_presented > 0 && bench_present_pending (b) && g_get_monotonic_time () < present_deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  b->rate = 0;
  if (kind != CASE_HIDDEN)
    following = bench_follows_newest (b);
  if (b->connection != NULL)
    bench_disconnect_source (b, rate);

  g_array_sort (b->intervals, bench_compare_doubles);
  g_array_sort (b->frame_cpu, bench_compare_doubles);
  g_array_sort (b->updates, bench_compare_doubles);
  /* Frames whose own work overran a 60 Hz refresh: those miss a vblank under any compositor, however
   * idle the machine (frames under it would make theirs there, whatever the intervals read). */
  for (guint i = 0; i < b->frame_cpu->len; i++)
    over_budget += g_array_index (b->frame_cpu, double, i) > 1000.0 / 60;
  p50 = bench_percentile (b->intervals, 0.50);
  p95 = bench_percentile (b->intervals, 0.95);
  max = bench_percentile (b->intervals, 1.0);
  if (g_getenv ("BENCH_PHASES") != NULL && b->intervals->len > 0)
    printf ("          per frame: ticks %.1f ms, layout %.1f ms, snapshot+render %.1f ms, after %.1f ms\n",
            b->spent_us[0] / 1000.0 / b->intervals->len, b->spent_us[1] / 1000.0 / b->intervals->len,
            b->spent_us[2] / 1000.0 / b->intervals->len, b->spent_us[3] / 1000.0 / b->intervals->len);
  if (b->flood != NULL)
    g_snprintf (flood_pct, sizeof flood_pct, "%.0f%%", b->flood_pct);
  /* A frame over 50 ms is a visible stutter at any rate. */
  missed = rate > 0 && kind != CASE_HIDDEN && (p95 > target || max > 50);
  printf ("%8u  %-7s %7.1f %7.1f %7.1f %6.2fx %7.1f %7.1f %7.1f %5.1f%% %5.0f%% %5.0f%% %5s  %9" G_GUINT64_FORMAT
          " %9u %9u %8" G_GUINT64_FORMAT "  %-6s %s\n",
          rate, kind == CASE_BESIDE ? beside_name : case_names[kind] != NULL ? case_names[kind] :
          filter != NULL ? "on" : "off", p50, p95, max,
          baseline_p95 > 0 ? p95 / baseline_p95 : 1.0, bench_percentile (b->updates, 0.95),
          bench_percentile (b->frame_cpu, 0.95), bench_percentile (b->frame_cpu, 1.0),
          b->frame_cpu->len > 0 ? 100.0 * over_budget / b->frame_cpu->len : 0.0,
          b->process_pct, b->ui_pct, flood_pct,
          b->appended - appended0, sock_message_log_get_n_retained (b->log),
          g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (b->view))),
          sock_message_log_get_dropped (b->log) - dropped0,
          kind == CASE_HIDDEN ? "-" : following ? "yes" : "NO",
          rate == 0 ? "baseline" : kind == CASE_HIDDEN ? "-" : !missed ? "ok" : "MISSED");
  bench_present_print (b);
  /* Hidden tabs do no work per frame: their tables have not seen a row of the flood. */
  for (guint i = 1; i < n_fed; i++)
    if (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (b->views[i]))) != hidden_items[i])
      {
        printf ("HIDDEN TAB %u took rows while hidden\n", i);
        b->failed = TRUE;
      }
  if (kind == CASE_BESIDE)
    gtk_box_remove (b->side, gtk_widget_get_first_child (GTK_WIDGET (b->side)));
  if (kind == CASE_HIDDEN)
    {
      gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      /* Shown again, the tab catches up with what arrived meanwhile. */
      gtk_stack_set_visible_child_name (b->stack, "0");
      while (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (b->view))) !=
             sock_message_log_get_n_retained (b->log) && g_get_monotonic_time () < give_up)
        g_main_context_iteration (NULL, TRUE);
      if (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (b->view))) !=
          sock_message_log_get_n_retained (b->log))
        {
          printf ("SHOWN AGAIN, the tab did not catch up\n");
          b->failed = TRUE;
        }
    }
  fflush (stdout);
  if (missed || !following)
    b->failed = TRUE;
}

/* Arguments, for profiling one case: [RATE[,RATE...] [off|on|hidden|tabs|NAME]], NAME one of
 * beside_views. Without them: every
 * rate with the filter off and on, then 10k rows/s with the view hidden (the baseline of the
 * cost of watching) and in the 10-tab case. */
static void
run_bench (Bench  *b,
           int     argc,
           char  **argv)
{
  guint rates[8] = { 1000, 10000, 50000, 100000 };
  guint n_rates = 4;
  /* about one row in eight (synthetic) or in a hundred (the flood's "host":"bench-03") */
  const char *filters[] = { NULL, b->flood != NULL ? "bench-03" : "sensor.3" };
  guint first_filter = 0, end_filter = 2;
  gboolean hidden = argc <= 2 && b->flood == NULL;
  gboolean tabs = argc <= 2 && b->flood == NULL;
  double baseline;

  if (argc > 1)
    {
      g_auto(GStrv) parts = g_strsplit (argv[1], ",", 8);

      for (n_rates = 0; parts[n_rates] != NULL; n_rates++)
        rates[n_rates] = (guint) g_ascii_strtoull (parts[n_rates], NULL, 10);
    }
  if (argc > 2)
    {
      first_filter = g_str_equal (argv[2], "on") ? 1 : 0;
      end_filter = g_str_equal (argv[2], "on") || g_str_equal (argv[2], "off") ? first_filter + 1 : 0;
      hidden = g_str_equal (argv[2], "hidden");
      tabs = g_str_equal (argv[2], "tabs");
      for (guint i = 0; i < G_N_ELEMENTS (beside_views); i++)
        if (beside_views[i].name != NULL && g_str_equal (argv[2], beside_views[i].name))
          {
            beside_name = beside_views[i].name;
            beside_new = beside_views[i].create;
          }
    }

  printf ("Messages view under a flood (GSK_RENDERER=%s, 1100x720, %s)\n", g_getenv ("GSK_RENDERER"),
          b->flood != NULL ? "events over a WebSocket into a SockConnection on the UI thread"
                           : "producer on the UI thread");
  printf ("%8s  %-7s %-31s %-7s %-22s %-19s\n", "", "", "frame interval", "new rows", "frame CPU ms",
          "CPU, % of a core");
  printf ("%8s  %-7s %7s %7s %7s %7s %7s %7s %7s %6s %6s %6s %5s  %9s %9s %9s %8s  %-6s %s\n", "rows/s", "case",
          "p50 ms", "p95 ms", "max ms", "p95/bl", "p95 ms", "p95", "max", ">16.7", "proc", "UI", "flood", "appended",
          "retained", "shown", "dropped", "follow", "target");
  /* BENCH_PREFILL=N: the log holds N rows already, as after a long flood. */
  if (g_getenv ("BENCH_PREFILL") != NULL && b->flood == NULL)
    {
      append_rows (b, 0, (guint) g_ascii_strtoull (g_getenv ("BENCH_PREFILL"), NULL, 10));
      sock_message_log_flush (b->log);
    }
  run_phase (b, 0, NULL, CASE_SHOWN, 0);
  baseline = bench_percentile (b->intervals, 0.95);
  for (guint f = first_filter; f < end_filter; f++)
    {
      if (filters[f] != NULL)
        bench_set_filter (b, filters[f]);
      for (guint r = 0; r < n_rates; r++)
        run_phase (b, rates[r], filters[f], CASE_SHOWN, baseline);
    }
  if (end_filter == 2)
    bench_set_filter (b, "");
  /* The cost of watching: the same flood, shown and hidden. */
  if (hidden)
    for (guint r = 0; r < (argc > 1 ? n_rates : 1); r++)
      {
        guint rate = argc > 1 ? rates[r] : 10000;

        run_phase (b, rate, NULL, CASE_SHOWN, baseline);
        run_phase (b, rate, NULL, CASE_HIDDEN, baseline);
      }
  if (beside_new != NULL)
    for (guint r = 0; r < n_rates; r++)
      run_phase (b, rates[r], NULL, CASE_BESIDE, baseline);
  if (tabs)
    for (guint r = 0; r < (argc > 1 ? n_rates : 1); r++)
      run_phase (b, argc > 1 ? rates[r] : 10000, NULL, CASE_TABS, baseline);
  /* Nothing lost below the cap: every row appended is retained or counted as dropped (a connection
   * source checks its events per phase). */
  if (b->flood == NULL &&
      sock_message_log_get_n_retained (b->log) + sock_message_log_get_dropped (b->log) != b->appended)
    {
      printf ("LOST ROWS: %u retained + %" G_GUINT64_FORMAT " dropped != %" G_GUINT64_FORMAT "\n",
              sock_message_log_get_n_retained (b->log), sock_message_log_get_dropped (b->log),
              b->appended);
      b->failed = TRUE;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  Bench b = { 0 };
  GtkWidget *box;

  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* run by hand as well as by meson: the build's schemas, settings in memory */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  if (!gtk_init_check ())
    {
      printf ("SKIP: no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();
  gtk_source_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/sockscope/Sockscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  b.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  b.frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  b.updates = g_array_new (FALSE, FALSE, sizeof (double));
  b.fixed = fixed_frames () > 0;
  if (g_strcmp0 (g_getenv ("BENCH_SOURCE"), "connection") == 0)
    b.flood = bench_flood_new (0, 0);
  /* The tabs, as a window's tab view holds them: the hidden ones are unmapped. */
  b.stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (b.stack), TRUE);
  for (guint t = 0; t < N_TABS; t++)
    {
      char name[8];

      b.logs[t] = sock_message_log_new ();
      for (guint i = 0; i < N_TOPICS; i++)
        {
          g_autofree char *uri = g_strdup_printf ("com.example.feed.sensor.%u.reading", i);

          b.topics[t][i] = sock_message_log_intern_uri (b.logs[t], uri, -1);
        }
      b.views[t] = SOCK_MESSAGE_VIEW (sock_message_view_new ());
      sock_message_view_set_log (b.views[t], b.logs[t]);
      g_snprintf (name, sizeof name, "%u", t);
      gtk_stack_add_named (b.stack, GTK_WIDGET (b.views[t]), name);
    }
  gtk_stack_add_named (b.stack, gtk_label_new (NULL), "none");
  gtk_stack_set_visible_child_name (b.stack, "0");
  b.view = b.views[0];
  b.log = b.logs[0];
  /* Room beside the tabs for a view that a case shows next to the log (see run_bench). */
  b.side = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (b.stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (b.side));
  b.window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_realize (GTK_WIDGET (b.window));
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));

    g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_mark), &b);
    g_signal_connect_after (clock, "update", G_CALLBACK (update_mark), &b);
    g_signal_connect_after (clock, "layout", G_CALLBACK (layout_mark), &b);
    g_signal_connect_after (clock, "paint", G_CALLBACK (paint_mark), &b);
  }
  gtk_window_set_default_size (b.window, 1100, 720);
  gtk_window_set_child (b.window, box);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.window), produce_cb, &b, NULL);
  gtk_window_present (b.window);
  /* The keyboard focus outside the table, as while a user watches a flood: with nothing else to
   * focus, the window would give it to the empty log's page and the table would pass it on to its
   * first row (which GTK then moves to each new first row as the log evicts its head).
   * BENCH_FOCUS_ROW=1 keeps that. */
  if (g_getenv ("BENCH_FOCUS_ROW") == NULL)
    {
      while (!gtk_widget_get_mapped (GTK_WIDGET (b.window)))
        g_main_context_iteration (NULL, TRUE);
      gtk_window_set_focus (b.window, NULL);
    }

  run_bench (&b, argc, argv);

  gtk_window_destroy (b.window);
  g_clear_object (&b.connection);
  g_clear_pointer (&b.flood, bench_flood_free);
  for (guint t = 0; t < N_TABS; t++)
    g_clear_object (&b.logs[t]);
  g_array_unref (b.intervals);
  g_array_unref (b.frame_cpu);
  g_array_unref (b.updates);
  bench_present_clear (&b);
  return b.failed ? 1 : 0;
}
