/* sock-subscription-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sessions and the connection do to a subscription: count events on the hot path (two
 * stores, no lookup, no signal), change its state, and publish the counters once a second.
 */

#pragma once

#include "sock-activity-private.h"
#include "sock-subscription.h"

G_BEGIN_DECLS

struct _SockSubscription
{
  GObject       parent_instance;

  char         *topic;
  int           match;
  SockActivity  activity;   /* state, error, id; events counted, their rate */
};

static inline void
_sock_subscription_count (SockSubscription *self,
                          gint64            time_us)
{
  _sock_activity_count (&self->activity, time_us);
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
