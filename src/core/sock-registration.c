/* sock-registration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-registration-private.h"

G_DEFINE_FINAL_TYPE (SockRegistration, sock_registration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROCEDURE,
  PROP_STATE,   /* the SockActivityProp run, in its order */
  N_PROPS = PROP_STATE + SOCK_ACTIVITY_N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_registration_finalize (GObject *object)
{
  SockRegistration *self = SOCK_REGISTRATION (object);

  g_clear_pointer (&self->procedure, g_free);
  g_clear_pointer (&self->options, json_object_unref);
  _sock_activity_clear (&self->activity);

  G_OBJECT_CLASS (sock_registration_parent_class)->finalize (object);
}

static void
sock_registration_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockRegistration *self = SOCK_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_PROCEDURE: g_value_set_string (value, self->procedure); break;
    default:
      if (!_sock_activity_get_property (&self->activity, prop_id - PROP_STATE, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_registration_class_init (SockRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_registration_finalize;
  object_class->get_property = sock_registration_get_property;

  properties[PROP_PROCEDURE] = g_param_spec_string ("procedure", NULL, NULL, NULL, flags);
  _sock_activity_make_properties (&properties[PROP_STATE], "n-invocations", "last-invocation-time");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_registration_init (SockRegistration *self)
{
}

SockRegistration *
_sock_registration_new (const char         *procedure,
                        JsonObject         *options,
                        SockInvocationFunc  handler,
                        gpointer            handler_data)
{
  SockRegistration *self = g_object_new (SOCK_TYPE_REGISTRATION, NULL);

  self->procedure = g_strdup (procedure);
  self->options = options ? json_object_ref (options) : NULL;
  self->handler = handler;
  self->handler_data = handler_data;
  return self;
}

const char *
sock_registration_get_procedure (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), NULL);
  return self->procedure;
}

SockSubscriptionState
sock_registration_get_state (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), SOCK_SUBSCRIPTION_PENDING);
  return self->activity.state;
}

const char *
sock_registration_get_error (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), NULL);
  return self->activity.error;
}

gint64
sock_registration_get_id (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->activity.id;
}

guint64
sock_registration_get_n_invocations (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->activity.count;
}

double
sock_registration_get_rate (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->activity.rate.rate;
}

gint64
sock_registration_get_last_invocation_time (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->activity.last_us;
}

void
_sock_registration_set_state (SockRegistration      *self,
                              SockSubscriptionState  state,
                              const char            *error)
{
  _sock_activity_set_state (&self->activity, G_OBJECT (self), &properties[PROP_STATE], state, error);
}

void
_sock_registration_set_id (SockRegistration *self,
                           gint64            id)
{
  _sock_activity_set_id (&self->activity, G_OBJECT (self), &properties[PROP_STATE], id);
}

void
_sock_registration_invoke (SockWamp2Session *session,
                           SockInvocation   *invocation,
                           gpointer          user_data)
{
  SockRegistration *self = user_data;

  if (self->handler == NULL)
    {
      sock_invocation_return_error (invocation, "wamp.error.no_such_registration", NULL, NULL);
      return;
    }
  _sock_activity_count (&self->activity, g_get_real_time ());
  self->handler (session, invocation, self->handler_data);
}

void
_sock_registration_detach (SockRegistration *self)
{
  self->handler = NULL;
  self->handler_data = NULL;
}

void
_sock_registration_tick (SockRegistration *self,
                         gint64            span_us)
{
  _sock_activity_tick (&self->activity, G_OBJECT (self), &properties[PROP_STATE], span_us);
}
