/* bench-flood.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WAMP v2 flood source for benchmarks that is not the bottleneck: on its own thread it answers
 * the WebSocket upgrade, HELLO with WELCOME and SUBSCRIBE with SUBSCRIBED, then writes EVENT
 * frames (about 107 bytes each) with plain socket writes: as fast as the socket takes them in
 * large batches, or paced at a fixed rate (a write as soon as an event is due, or each tick's
 * events at once with BENCH_FLOOD_STEP_MS). One connection at a time.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchFlood BenchFlood;

/* rate: events per second, 0 = as fast as possible; total: events to send per connection. */
BenchFlood *bench_flood_new        (guint        rate,
                                    guint64      total);
guint       bench_flood_get_port   (BenchFlood  *self);
/* "ws://127.0.0.1:PORT/ws" */
char       *bench_flood_dup_url    (BenchFlood  *self);
/* Events written to the last connection so far. */
guint64     bench_flood_get_sent   (BenchFlood  *self);
void        bench_flood_set_rate   (BenchFlood  *self,
                                    guint        rate,
                                    guint64      total);
/* CPU time of the source's thread so far (ns), to tell it from its client's in the same process. */
gint64      bench_flood_get_cpu_ns (BenchFlood  *self);
void        bench_flood_free       (BenchFlood  *self);

G_END_DECLS
