/* sock-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-activity-private.h"

void
_sock_activity_make_properties (GParamSpec **pspecs,
                                const char  *count_name,
                                const char  *last_time_name)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  pspecs[SOCK_ACTIVITY_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SOCK_SUBSCRIPTION_PENDING, SOCK_SUBSCRIPTION_FAILED,
                      SOCK_SUBSCRIPTION_PENDING, flags);
  pspecs[SOCK_ACTIVITY_PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  pspecs[SOCK_ACTIVITY_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  pspecs[SOCK_ACTIVITY_PROP_COUNT] = g_param_spec_uint64 (count_name, NULL, NULL, 0, G_MAXUINT64, 0, flags);
  pspecs[SOCK_ACTIVITY_PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  pspecs[SOCK_ACTIVITY_PROP_LAST_TIME] =
    g_param_spec_int64 (last_time_name, NULL, NULL, 0, G_MAXINT64, 0, flags);
}

gboolean
_sock_activity_get_property (const SockActivity *activity,
                             guint               which,
                             GValue             *value)
{
  switch (which)
    {
    case SOCK_ACTIVITY_PROP_STATE: g_value_set_int (value, activity->state); break;
    case SOCK_ACTIVITY_PROP_ERROR: g_value_set_string (value, activity->error); break;
    case SOCK_ACTIVITY_PROP_ID: g_value_set_int64 (value, activity->id); break;
    case SOCK_ACTIVITY_PROP_COUNT: g_value_set_uint64 (value, activity->notified_count); break;
    case SOCK_ACTIVITY_PROP_RATE: g_value_set_double (value, activity->rate.rate); break;
    case SOCK_ACTIVITY_PROP_LAST_TIME: g_value_set_int64 (value, activity->notified_last_us); break;
    default: return FALSE;
    }
  return TRUE;
}

void
_sock_activity_clear (SockActivity *activity)
{
  g_clear_pointer (&activity->error, g_free);
}

void
_sock_activity_set_state (SockActivity           *activity,
                          GObject                *owner,
                          GParamSpec            **pspecs,
                          SockSubscriptionState   state,
                          const char             *error)
{
  g_object_freeze_notify (owner);
  if (g_strcmp0 (activity->error, error) != 0)
    {
      g_free (activity->error);
      activity->error = g_strdup (error);
      g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_ERROR]);
    }
  if (activity->state != state)
    {
      activity->state = state;
      g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_STATE]);
    }
  if (state != SOCK_SUBSCRIPTION_ACTIVE)
    _sock_activity_set_id (activity, owner, pspecs, 0);
  g_object_thaw_notify (owner);
}

void
_sock_activity_set_id (SockActivity  *activity,
                       GObject       *owner,
                       GParamSpec   **pspecs,
                       gint64         id)
{
  if (activity->id == id)
    return;
  activity->id = id;
  g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_ID]);
}

void
_sock_activity_tick (SockActivity  *activity,
                     GObject       *owner,
                     GParamSpec   **pspecs,
                     gint64         span_us)
{
  double old_rate = activity->rate.rate;

  sock_rate_sample (&activity->rate, activity->count, span_us);
  if (activity->notified_count != activity->count)
    {
      activity->notified_count = activity->count;
      g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_COUNT]);
    }
  if (activity->notified_last_us != activity->last_us)
    {
      activity->notified_last_us = activity->last_us;
      g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_LAST_TIME]);
    }
  if (old_rate != activity->rate.rate)
    g_object_notify_by_pspec (owner, pspecs[SOCK_ACTIVITY_PROP_RATE]);
}
