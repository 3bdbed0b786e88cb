/* sock-activity-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a subscription and a registration share: a state asked of the router (with its error in
 * words and the router's id), a count kept on the hot path with the time of the newest, and the
 * smoothed rate. The owner installs the six properties below and these functions notify them: the
 * state, error and id on change, the counters at most once a second from the tick.
 */

#pragma once

#include <glib-object.h>

#include "sock-rate.h"
#include "sock-subscription.h"

G_BEGIN_DECLS

/* The six properties, in this order, as a run of the owner's property ids and GParamSpecs: the
 * functions below take pspecs pointing at the first (the state's). */
typedef enum
{
  SOCK_ACTIVITY_PROP_STATE,
  SOCK_ACTIVITY_PROP_ERROR,
  SOCK_ACTIVITY_PROP_ID,
  SOCK_ACTIVITY_PROP_COUNT,       /* uint64: what the tick last published */
  SOCK_ACTIVITY_PROP_RATE,
  SOCK_ACTIVITY_PROP_LAST_TIME,   /* int64: what the tick last published */
  SOCK_ACTIVITY_N_PROPS
} SockActivityProp;

typedef struct
{
  SockSubscriptionState  state;
  char                  *error;
  gint64                 id;

  /* the hot path's */
  guint64                count;
  gint64                 last_us;

  /* what the properties last said */
  guint64                notified_count;
  gint64                 notified_last_us;
  SockRate               rate;
} SockActivity;

static inline void
_sock_activity_count (SockActivity *activity,
                      gint64        time_us)
{
  activity->count++;
  activity->last_us = time_us;
}

/* Makes the six read-only properties into pspecs[0..5]; the owner installs them. */
void     _sock_activity_make_properties (GParamSpec            **pspecs,
                                         const char             *count_name,
                                         const char             *last_time_name);
/* For get_property: which is a SockActivityProp; FALSE when it is not one. */
gboolean _sock_activity_get_property    (const SockActivity     *activity,
                                         guint                   which,
                                         GValue                 *value);
void     _sock_activity_clear           (SockActivity           *activity);
/* A state other than active forgets the id. */
void     _sock_activity_set_state       (SockActivity           *activity,
                                         GObject                *owner,
                                         GParamSpec            **pspecs,
                                         SockSubscriptionState   state,
                                         const char             *error);
void     _sock_activity_set_id          (SockActivity           *activity,
                                         GObject                *owner,
                                         GParamSpec            **pspecs,
                                         gint64                  id);
/* Once a second: the rate's sample, and the notifications of what changed since the last tick. */
void     _sock_activity_tick            (SockActivity           *activity,
                                         GObject                *owner,
                                         GParamSpec            **pspecs,
                                         gint64                  span_us);

G_END_DECLS
