/* sock-subscription.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One subscription the user asked a connection for: the topic and match, its state (pending until
 * the session is joined, active, restoring after a reconnect, failed with the reason in words), the
 * router's id, and what arrived on it. It lives in the connection's list model from
 * sock_connection_subscribe() to sock_connection_unsubscribe(), through reconnects, so its counters
 * go on. Events are counted on the hot path without a notification; the connection publishes the
 * counters (n-events, rate, last-event-time) at most once a second.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_SUBSCRIPTION_PENDING,    /* asked for; sent once the session is joined */
  SOCK_SUBSCRIPTION_ACTIVE,     /* the router acknowledged it (v1: sent) */
  SOCK_SUBSCRIPTION_RESTORING,  /* the connection was lost: made again after the reconnect */
  SOCK_SUBSCRIPTION_FAILED,     /* refused or impossible: see the error text */
} SockSubscriptionState;

#define SOCK_TYPE_SUBSCRIPTION (sock_subscription_get_type ())

G_DECLARE_FINAL_TYPE (SockSubscription, sock_subscription, SOCK, SUBSCRIPTION, GObject)

/* Made by SockConnection (or a session used on its own). */
SockSubscription      *sock_subscription_new              (const char        *topic,
                                                           int                match);

const char            *sock_subscription_get_topic        (SockSubscription  *self);
/* A SockMatch. */
int                    sock_subscription_get_match        (SockSubscription  *self);
SockSubscriptionState  sock_subscription_get_state        (SockSubscription  *self);
/* Why it failed, in words for the user; NULL unless failed. */
const char            *sock_subscription_get_error        (SockSubscription  *self);
/* The router's subscription id (v2) while active; 0 otherwise. */
gint64                 sock_subscription_get_id           (SockSubscription  *self);
/* Events delivered on it, counted as they come (the "n-events" property lags by up to a second). */
guint64                sock_subscription_get_n_events     (SockSubscription  *self);
/* Events per second, smoothed over the last few seconds; 0 a few seconds after the last one. */
double                 sock_subscription_get_rate         (SockSubscription  *self);
/* Wall clock (g_get_real_time ()) of the newest event; 0: none yet. */
gint64                 sock_subscription_get_last_event_time (SockSubscription *self);
/* Microseconds since the newest event at wall clock now; -1 when none came yet. */
gint64                 sock_subscription_get_silence      (SockSubscription  *self,
                                                           gint64             now);

const char            *sock_subscription_state_to_string  (SockSubscriptionState state);

/* Properties (all read-only, notified only on change, and the counters at most once a second):
 *   topic (string), match (int, SockMatch), state (int, SockSubscriptionState), error (string),
 *   id (int64), n-events (uint64), rate (double), last-event-time (int64)
 */

G_END_DECLS
