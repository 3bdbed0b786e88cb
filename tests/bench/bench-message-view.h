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
  /* Where a frame's time goes: sums over the measured frames (µs). */
  gint64 mark_us;
  gint64 spent_us[4];
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

G_END_DECLS
