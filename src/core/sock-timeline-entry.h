/* sock-timeline-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One change of a connection's state on its timeline: when (wall clock), the state it went to
 * (connecting, joined, not responding, reconnecting, closed) in words, why (the connection's
 * close reason then, or NULL) and the transport's close code with its meaning in words.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SOCK_TYPE_TIMELINE_ENTRY (sock_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (SockTimelineEntry, sock_timeline_entry, SOCK, TIMELINE_ENTRY, GObject)

/* state: a SockConnectionState; close_code 0: none. */
SockTimelineEntry *sock_timeline_entry_new             (gint64      time_us,
                                                        int         state,
                                                        const char *reason,
                                                        guint       close_code);
gint64             sock_timeline_entry_get_time        (SockTimelineEntry *self);
int                sock_timeline_entry_get_state       (SockTimelineEntry *self);
/* "Joined", "Not responding", …, translated. */
const char        *sock_timeline_entry_get_title       (SockTimelineEntry *self);
const char        *sock_timeline_entry_get_reason      (SockTimelineEntry *self);
guint              sock_timeline_entry_get_close_code  (SockTimelineEntry *self);
/* "Close code 1001: Going away", or NULL without a close code. */
const char        *sock_timeline_entry_get_close_words (SockTimelineEntry *self);
/* The time as "14:03:07" (local time), for lists. */
char              *sock_timeline_entry_dup_time_text   (SockTimelineEntry *self);

/* Properties (read-only, set at construction): time (int64), state (int), title, reason,
 * close-code (uint), close-words (strings). */

G_END_DECLS
