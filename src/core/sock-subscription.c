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
  PROP_STATE,   /* the SockActivityProp run, in its order */
  N_PROPS = PROP_STATE + SOCK_ACTIVITY_N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_subscription_finalize (GObject *object)
{
  SockSubscription *self = SOCK_SUBSCRIPTION (object);

  g_clear_pointer (&self->topic, g_free);
  _sock_activity_clear (&self->activity);

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
    default:
      if (!_sock_activity_get_property (&self->activity, prop_id - PROP_STATE, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
  _sock_activity_make_properties (&properties[PROP_STATE], "n-events", "last-event-time");
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
  return self->activity.state;
}

const char *
sock_subscription_get_error (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), NULL);
  return self->activity.error;
}

gint64
sock_subscription_get_id (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->activity.id;
}

guint64
sock_subscription_get_n_events (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->activity.count;
}

double
sock_subscription_get_rate (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->activity.rate.rate;
}

gint64
sock_subscription_get_last_event_time (SockSubscription *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), 0);
  return self->activity.last_us;
}

gint64
sock_subscription_get_silence (SockSubscription *self,
                               gint64            now)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION (self), -1);
  if (self->activity.last_us == 0)
    return -1;
  return MAX (now - self->activity.last_us, 0);
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
  _sock_activity_set_state (&self->activity, G_OBJECT (self), &properties[PROP_STATE], state, error);
}

void
_sock_subscription_set_id (SockSubscription *self,
                           gint64            id)
{
  _sock_activity_set_id (&self->activity, G_OBJECT (self), &properties[PROP_STATE], id);
}

void
_sock_subscription_tick (SockSubscription *self,
                         gint64            span_us)
{
  _sock_activity_tick (&self->activity, G_OBJECT (self), &properties[PROP_STATE], span_us);
}
