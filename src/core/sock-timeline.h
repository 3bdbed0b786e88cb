/* sock-timeline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection's state over time: a GListModel of SockTimelineEntry, oldest first, bounded (the
 * oldest entries go beyond max_entries), and what it adds up to: how long the connection has been
 * up, how often it came back after a loss, and how long it spent disconnected since it first
 * joined. Plain data, fed by the connection (or a test) with monotonic and wall clock times.
 */

#pragma once

#include <gio/gio.h>

#include "sock-bounded-list.h"
#include "sock-timeline-entry.h"

G_BEGIN_DECLS

#define SOCK_TIMELINE_DEFAULT_MAX_ENTRIES 500

#define SOCK_TYPE_TIMELINE (sock_timeline_get_type ())

G_DECLARE_FINAL_TYPE (SockTimeline, sock_timeline, SOCK, TIMELINE, SockBoundedList)

SockTimeline *sock_timeline_new               (guint          max_entries);
/* A change to state (a SockConnectionState) at mono_us (g_get_monotonic_time ()) and real_us
 * (g_get_real_time ()). A repeated state is recorded too (a close after a close, with new words). */
void          sock_timeline_record            (SockTimeline  *self,
                                               int            state,
                                               const char    *reason,
                                               guint          close_code,
                                               gint64         mono_us,
                                               gint64         real_us);
/* How long the connection has been up (joined or not responding) without a break at now; 0 when
 * it is not up. */
gint64        sock_timeline_get_uptime        (SockTimeline  *self,
                                               gint64         now_mono_us);
/* The time not up since the first join, up to now. */
gint64        sock_timeline_get_disconnected  (SockTimeline  *self,
                                               gint64         now_mono_us);
/* Joins after a loss (the first join is not one). */
guint         sock_timeline_get_reconnects    (SockTimeline  *self);
/* Losses of a joined connection that a reconnect follows. */
guint         sock_timeline_get_drops         (SockTimeline  *self);
/* Entries dropped because of the bound. */
guint         sock_timeline_get_n_dropped     (SockTimeline  *self);

G_END_DECLS
