/* sock-health-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection's Health, beside its Messages and Router: charts of messages and bytes per second
 * in and out and of the round trip over the last 5 minutes or the last hour, uptime, reconnects
 * and time disconnected, call latency, errors by kind, the state timeline with reasons, and what
 * to do when a proxy's idle timeout seems to have closed the connection. The charts are updated
 * once a second while the view is mapped, and not at all while it is hidden.
 */

#pragma once

#include <adwaita.h>

#include "sock-chart.h"
#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_TYPE_HEALTH_VIEW (sock_health_view_get_type ())

G_DECLARE_FINAL_TYPE (SockHealthView, sock_health_view, SOCK, HEALTH_VIEW, GtkWidget)

GtkWidget      *sock_health_view_new             (void);
void            sock_health_view_set_connection  (SockHealthView *self,
                                                  SockConnection *connection);
/* "5min" or "hour" (the "range" property; the "health.range" action). */
const char     *sock_health_view_get_range       (SockHealthView *self);
void            sock_health_view_set_range       (SockHealthView *self,
                                                  const char     *range);
/* The charts: messages, bytes, round trip. */
SockChart      *sock_health_view_get_chart       (SockHealthView *self,
                                                  guint           i);
/* How often the charts were updated (tests: nothing while hidden, at most once a second shown). */
guint           sock_health_view_get_n_updates   (SockHealthView *self);

G_END_DECLS
