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
  PROP_STATE,
  PROP_ERROR,
  PROP_ID,
  PROP_N_INVOCATIONS,
  PROP_RATE,
  PROP_LAST_INVOCATION_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_registration_finalize (GObject *object)
{
  SockRegistration *self = SOCK_REGISTRATION (object);

  g_clear_pointer (&self->procedure, g_free);
  g_clear_pointer (&self->options, json_object_unref);
  g_clear_pointer (&self->error, g_free);

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
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_N_INVOCATIONS: g_value_set_uint64 (value, self->notified_n_invocations); break;
    case PROP_RATE: g_value_set_double (value, self->rate.rate); break;
    case PROP_LAST_INVOCATION_TIME: g_value_set_int64 (value, self->last_invocation_us); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, SOCK_SUBSCRIPTION_PENDING,
                                             SOCK_SUBSCRIPTION_FAILED, SOCK_SUBSCRIPTION_PENDING, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_INVOCATIONS] = g_param_spec_uint64 ("n-invocations", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_LAST_INVOCATION_TIME] =
    g_param_spec_int64 ("last-invocation-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
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
  return self->state;
}

const char *
sock_registration_get_error (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), NULL);
  return self->error;
}

gint64
sock_registration_get_id (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->id;
}

guint64
sock_registration_get_n_invocations (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->n_invocations;
}

double
sock_registration_get_rate (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->rate.rate;
}

gint64
sock_registration_get_last_invocation_time (SockRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_REGISTRATION (self), 0);
  return self->last_invocation_us;
}

void
_sock_registration_set_state (SockRegistration      *self,
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
    _sock_registration_set_id (self, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sock_registration_set_id (SockRegistration *self,
                           gint64            id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
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
  self->n_invocations++;
  self->last_invocation_us = g_get_real_time ();
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
  double old_rate = self->rate.rate;

  sock_rate_sample (&self->rate, self->n_invocations, span_us);
  if (self->notified_n_invocations != self->n_invocations)
    {
      self->notified_n_invocations = self->n_invocations;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INVOCATIONS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_INVOCATION_TIME]);
    }
  if (old_rate != self->rate.rate)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}
