/* sock-subscription.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-subscription-private.h"

G_DEFINE_FINAL_TYPE (SockSubscription, sock_subscription, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOPIC,
  PROP_MATCH,
  PROP_STATE,
  PROP_ERROR,
  PROP_ID,
  PROP_N_EVENTS,
  PROP_RATE,
  PROP_LAST_EVENT_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_subscription_finalize (GObject *object)
{
  SockSubscription *self = SOCK_SUBSCRIPTION (object);

  g_clear_pointer (&self->topic, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sock_subscription_parent_class)->finalize (object);
}

static void
sock_subscription_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockSubscription *self = SOCK_SUBSCRIPTION (object);

  switch (prop_id)
    {
    case PROP_TOPIC: g_value_set_string (value, self->topic); break;
    case PROP_MATCH: g_value_set_int (value, self->match); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_N_EVENTS: g_value_set_uint64 (value, self->notified_n_events); break;
    case PROP_RATE: g_value_set_double (value, self->rate.rate); break;
    case PROP_LAST_EVENT_TIME: g_value_set_int64 (value, self->notified_last_event_us); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_subscription_class_init (SockSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_subscription_finalize;
  object_class->get_property = sock_subscription_get_property;

  properties[PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, flags);
  properties[PROP_MATCH] = g_param_spec_int ("match", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, SOCK_SUBSCRIPTION_PENDING,
                                             SOCK_SUBSCRIPTION_FAILED, SOCK_SUBSCRIPTION_PENDING, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_EVENTS] = g_param_spec_uint64 ("n-events", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_LAST_EVENT_TIME] = g_param_spec_int64 ("last-event-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_subscription_init (SockSubscription *self)
{
}

SockSubscription *
sock_subscription_new (const char *topic,
                       int         match)
{
  SockSubscription *self;

  g_return_val_if_fail (topic != NULL, NULL);

  self = g_object_new (SOCK_TYPE_SUBSCRIPTION, NULL);
  self->topic = g_strdup (topic);
  self->match = match;
  return self;
}

const char *
sock_subscription_get_topic (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), NULL);
  return self->topic;
}

int
sock_subscription_get_match (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->match;
}

SockSubscriptionState
sock_subscription_get_state (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), SOCK_SUBSCRIPTION_PENDING);
  return self->state;
}

const char *
sock_subscription_get_error (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), NULL);
  return self->error;
}

gint64
sock_subscription_get_id (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->id;
}

guint64
sock_subscription_get_n_events (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->n_events;
}

double
sock_subscription_get_rate (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->rate.rate;
}

gint64
sock_subscription_get_last_event_time (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->last_event_us;
}

gint64
sock_subscription_get_silence (SockSubscription *self,
                               gint64            now)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), -1);
  if (self->last_event_us == 0)
    return -1;
  return MAX (now - self->last_event_us, 0);
}

const char *
sock_subscription_state_to_string (SockSubscriptionState state)
{
  switch (state)
    {
    case SOCK_SUBSCRIPTION_ACTIVE: return "active";
    case SOCK_SUBSCRIPTION_RESTORING: return "restoring";
    case SOCK_SUBSCRIPTION_FAILED: return "failed";
    case SOCK_SUBSCRIPTION_PENDING:
    default: return "pending";
    }
}

void
_sock_subscription_set_state (SockSubscription      *self,
                              SockSubscriptionState  state,
                              const char            *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (state != SOCK_SUBSCRIPTION_ACTIVE)
    _sock_subscription_set_id (self, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sock_subscription_set_id (SockSubscription *self,
                           gint64            id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
_sock_subscription_tick (SockSubscription *self,
                         gint64            span_us)
{
  double old_rate = self->rate.rate;

  sock_rate_sample (&self->rate, self->n_events, span_us);
  if (self->notified_n_events != self->n_events)
    {
      self->notified_n_events = self->n_events;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
    }
  if (self->notified_last_event_us != self->last_event_us)
    {
      self->notified_last_event_us = self->last_event_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EVENT_TIME]);
    }
  if (old_rate != self->rate.rate)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}
