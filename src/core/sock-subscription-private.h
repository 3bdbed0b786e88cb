/* sock-subscription-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sessions and the connection do to a subscription: count events on the hot path (two
 * stores, no lookup, no signal), change its state, and publish the counters once a second.
 */

#pragma once

#include "sock-rate.h"
#include "sock-subscription.h"

G_BEGIN_DECLS

struct _SockSubscription
{
  GObject                parent_instance;

  char                  *topic;
  int                    match;
  SockSubscriptionState  state;
  char                  *error;
  gint64                 id;

  /* the hot path's */
  guint64                n_events;
  gint64                 last_event_us;

  /* what the properties last said */
  guint64                notified_n_events;
  gint64                 notified_last_event_us;
  SockRate               rate;
};

static inline void
_sock_subscription_count (SockSubscription *self,
                          gint64            time_us)
{
  self->n_events++;
  self->last_event_us = time_us;
}

void _sock_subscription_set_state  (SockSubscription      *self,
                                    SockSubscriptionState  state,
                                    const char            *error);
void _sock_subscription_set_id     (SockSubscription      *self,
                                    gint64                 id);
/* Once a second: the rate's sample, and the notifications of what changed since the last tick. */
void _sock_subscription_tick       (SockSubscription      *self,
                                    gint64                 span_us);

G_END_DECLS
