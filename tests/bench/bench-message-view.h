/* bench-message-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the window benchmark (bench-message-view.c) and its helpers
 * (bench-message-view-util.c: the filter bar, following, the WebSocket source).
 */

#pragma once

#include <adwaita.h>

#include "bench-flood.h"
#include "sock-connection.h"
#include "sock-message-view.h"

G_BEGIN_DECLS

#define N_TOPICS 8
/* The 10-tab case: N_TABS views in a stack, each with its own log, one shown. */
#define N_TABS 10
#define WARMUP_US G_USEC_PER_SEC
#define MEASURE_US (5 * G_USEC_PER_SEC)

/* When the frames of a phase reached the screen (bench-message-view-present.c). */
typedef struct
{
  GArray *intervals;       /* between the presentations of consecutive frames (ms) */
  GArray *updates;         /* between the presentations of frames that showed new rows (ms) */
  GArray *update_frames;   /* the counters of the frames that showed new rows */
  guint next_update;
  gint64 prev_update_present_us;
  gint64 next_frame;       /* the next frame whose timings to read */
  gint64 end_frame;        /* the first frame after the measured ones */
  gint64 prev_frame;
  gint64 prev_present_us;
  gint64 refresh_us;
  guint n_presented;
  guint n_unpresented;     /* complete, without a presentation time */
  guint n_incomplete;      /* never complete: nothing committed, or discarded */
  guint n_missed;          /* presented later than the vblank after the previous frame's */
  guint n_skipped;         /* vblanks those frames skipped */
  gboolean log;            /* BENCH_PRESENT_LOG: each frame's presentation time */
} BenchPresent;

typedef struct
{
  GtkWindow *window;
  GtkStack *stack;
  GtkBox *side;
  /* The shown tab; the others only take part in the 10-tab case. */
  SockMessageView *view;
  SockMessageLog *log;
  SockMessageView *views[N_TABS];
  SockMessageLog *logs[N_TABS];
  guint32 topics[N_TABS][N_TOPICS];
  guint n_fed;             /* the producer appends to logs[0..n_fed) */

  /* The phase running */
  guint rate;
  gint64 last_frame_us;
  double owed;
  guint64 appended;
  gint64 start_us;
  gboolean measuring;
  GArray *intervals;
  GArray *frame_cpu;       /* CPU of the UI thread from one after-paint to the next (ms) */
  gint64 last_paint_us;
  gint64 last_cpu_ns;
  GArray *updates;         /* from one frame that showed new rows to the next (ms) */
  guint64 last_shown_seq;
  gint64 last_update_us;
  /* CPU over the measured frames: the process, the UI thread, the flood source's thread */
  gint64 window_wall_us;
  double window_process_s;
  gint64 window_ui_ns;
  gint64 window_flood_ns;
  double process_pct, ui_pct, flood_pct;
  BenchPresent present;
  /* Where a frame's time goes: sums over the measured frames (µs). */
  gint64 mark_us;
  gint64 spent_us[4];
  gint64 frame_start_us;     /* the frame clock's before-paint of the frame in progress */
  gint64 frame_spent_us[4];  /* spent_us then */
  gboolean done;
  gboolean failed;
  /* BENCH_FRAMES=N: rate / 60 rows every frame, N frames measured (for callgrind) */
  gboolean fixed;
  guint n_frames;

  /* BENCH_SOURCE=connection */
  BenchFlood *flood;
  SockConnection *connection;
} Bench;

void     bench_set_filter        (Bench *b, const char *text);
gboolean bench_follows_newest    (Bench *b);
void     bench_connect_source    (Bench *b, guint rate);
void     bench_disconnect_source (Bench *b, guint rate);

double   bench_process_cpu_s     (void);
gint64   bench_thread_cpu_ns     (void);
int      bench_compare_doubles   (gconstpointer a, gconstpointer b);
double   bench_percentile        (GArray *sorted, double q);

void     bench_present_start     (Bench *b, GdkFrameClock *clock);
void     bench_present_collect   (Bench *b, GdkFrameClock *clock);
void     bench_present_mark_update (Bench *b, GdkFrameClock *clock);
void     bench_present_stop      (Bench *b, GdkFrameClock *clock);
gboolean bench_present_pending   (Bench *b);
void     bench_present_print     (Bench *b);
void     bench_present_clear     (Bench *b);

G_END_DECLS
