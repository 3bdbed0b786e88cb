/* sock-admin-registration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-admin-registration.h"
#include "sock-admin-util-private.h"
#include "sock-router-admin-private.h"

struct _SockAdminRegistration
{
  SockAdminEntry parent_instance;

  char *invoke;
};

G_DEFINE_FINAL_TYPE (SockAdminRegistration, sock_admin_registration, SOCK_TYPE_ADMIN_ENTRY)

enum {
  PROP_0,
  PROP_INVOKE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_admin_registration_finalize (GObject *object)
{
  SockAdminRegistration *self = SOCK_ADMIN_REGISTRATION (object);

  g_free (self->invoke);

  G_OBJECT_CLASS (sock_admin_registration_parent_class)->finalize (object);
}

static void
sock_admin_registration_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SockAdminRegistration *self = SOCK_ADMIN_REGISTRATION (object);

  switch (prop_id)
    {
    case PROP_INVOKE: g_value_set_string (value, self->invoke); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_admin_registration_class_init (SockAdminRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_admin_registration_finalize;
  object_class->get_property = sock_admin_registration_get_property;

  properties[PROP_INVOKE] = g_param_spec_string ("invoke", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_admin_registration_init (SockAdminRegistration *self)
{
}

SockAdminRegistration *
sock_admin_registration_new_from_details (JsonObject *details)
{
  SockAdminRegistration *self = _sock_admin_entry_new (SOCK_TYPE_ADMIN_REGISTRATION, details);

  if (self != NULL)
    self->invoke = _sock_admin_member_dup (details, "invoke");
  return self;
}

const char *
sock_admin_registration_get_invoke (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->invoke;
}
