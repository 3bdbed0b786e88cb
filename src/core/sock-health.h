/* sock-health.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a connection has been doing, for the Health view and tests: its state timeline (with uptime,
 * reconnects and time spent disconnected), the latency of its calls (p50/p95/max over the last
 * SOCK_HEALTH_LATENCY_WINDOW answered calls), its errors by kind (a GListModel of SockHealthError),
 * and, when a connection was closed after a quiet period close to a proxy's idle timeout, a hint
 * in words that points at the keepalive setting. The charts' series are in the connection's
 * SockStats ring. Fed by the connection; its properties change at most once a second
 * (sock_health_update(), from the connection's tick), never per message.
 */

#pragma once

#include <gio/gio.h>

#include "sock-health-error.h"
#include "sock-stats.h"
#include "sock-timeline.h"

G_BEGIN_DECLS

#define SOCK_HEALTH_LATENCY_WINDOW 1000

typedef struct
{
  guint64 n_calls;   /* answered calls ever */
  gint64  p50_us;    /* over the window */
  gint64  p95_us;
  gint64  max_us;
} SockLatency;

#define SOCK_TYPE_HEALTH (sock_health_get_type ())

G_DECLARE_FINAL_TYPE (SockHealth, sock_health, SOCK, HEALTH, GObject)

SockHealth   *sock_health_new                 (void);
SockTimeline *sock_health_get_timeline        (SockHealth  *self);
/* SockHealthError: protocol violations, timeouts, then the WAMP errors by URI (most first);
 * only kinds that happened. Replaced as a whole by sock_health_update() when a count changed. */
GListModel   *sock_health_get_errors          (SockHealth  *self);

/* Feeding (the connection does). */
void          sock_health_record_state        (SockHealth  *self,
                                               int          state,
                                               const char  *reason,
                                               guint        close_code,
                                               gint64       mono_us,
                                               gint64       real_us);
/* A call answered with a result after latency_us. */
void          sock_health_record_call         (SockHealth  *self,
                                               gint64       latency_us);
/* A joined connection was lost (not by the user) after quiet_s seconds in which nothing came from
 * the server, with keepalive_s the ping interval (0: off): sets or clears the idle-close hint. */
void          sock_health_record_loss         (SockHealth  *self,
                                               guint        quiet_s,
                                               guint        keepalive_s);
/* Publishes what changed: uptime, time disconnected, reconnects, latency, errors (from stats). */
void          sock_health_update              (SockHealth  *self,
                                               SockStats   *stats,
                                               gint64       now_mono_us);

/* As of the last update. */
gint64        sock_health_get_uptime          (SockHealth  *self);
gint64        sock_health_get_disconnected    (SockHealth  *self);
guint         sock_health_get_reconnects      (SockHealth  *self);
guint64       sock_health_get_n_errors        (SockHealth  *self);
/* FALSE (out zeroed) before the first answered call. */
gboolean      sock_health_get_latency         (SockHealth  *self,
                                               SockLatency *out);
/* Why the last loss may have been a proxy's idle timeout, and what to do; NULL: it was not. */
const char   *sock_health_get_idle_close_hint (SockHealth  *self);

/* The idle-close hint's rule: the words for a loss after quiet_s silent seconds, or NULL when
 * quiet_s is not close to a known idle timeout (60 s: nginx, AWS ELB; 100 s: Cloudflare). */
char         *sock_health_describe_idle_close (guint        quiet_s,
                                               guint        keepalive_s);

/* Properties (read-only, notified on change): timeline (SockTimeline), errors (GListModel),
 * uptime, disconnected (int64 µs), reconnects (uint), n-calls (uint64), latency-p50,
 * latency-p95, latency-max (int64 µs, -1: no call yet), n-errors (uint64), idle-close-hint
 * (string). */

G_END_DECLS
