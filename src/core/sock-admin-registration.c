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
  GObject parent_instance;

  gint64  id;
  char   *uri;
  char   *match;
  char   *invoke;
  char   *created;
  GArray *members;  /* gint64 session ids */
  int     n_members;
};

G_DEFINE_FINAL_TYPE (SockAdminRegistration, sock_admin_registration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URI,
  PROP_MATCH,
  PROP_INVOKE,
  PROP_CREATED,
  PROP_N_CALLEES,
  PROP_CALLEES_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_admin_registration_finalize (GObject *object)
{
  SockAdminRegistration *self = SOCK_ADMIN_REGISTRATION (object);

  g_free (self->uri);
  g_free (self->match);
  g_free (self->invoke);
  g_free (self->created);
  g_array_unref (self->members);

  G_OBJECT_CLASS (sock_admin_registration_parent_class)->finalize (object);
}

static char *
members_text (SockAdminRegistration *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->members->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (self->members, gint64, i));
  return g_string_free (text, FALSE);
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
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_MATCH: g_value_set_string (value, self->match); break;
    case PROP_INVOKE: g_value_set_string (value, self->invoke); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_N_CALLEES: g_value_set_int (value, self->n_members); break;
    case PROP_CALLEES_TEXT: g_value_take_string (value, members_text (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_admin_registration_class_init (SockAdminRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_admin_registration_finalize;
  object_class->get_property = sock_admin_registration_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_MATCH] = g_param_spec_string ("match", NULL, NULL, NULL, flags);
  properties[PROP_INVOKE] = g_param_spec_string ("invoke", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  /* -1 while unknown */
  properties[PROP_N_CALLEES] = g_param_spec_int ("n-callees", NULL, NULL, -1, G_MAXINT, -1, flags);
  /* the session ids, for a column */
  properties[PROP_CALLEES_TEXT] = g_param_spec_string ("callees-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_admin_registration_init (SockAdminRegistration *self)
{
  self->members = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->n_members = -1;
}

SockAdminRegistration *
sock_admin_registration_new_from_details (JsonObject *details)
{
  SockAdminRegistration *self;
  const char *uri;
  gint64 id;

  g_return_val_if_fail (details != NULL, NULL);

  uri = _sock_admin_member_string (details, "uri");
  if (!_sock_admin_member_id (details, "id", &id) || uri == NULL)
    return NULL;
  self = g_object_new (SOCK_TYPE_ADMIN_REGISTRATION, NULL);
  self->id = id;
  self->uri = g_strdup (uri);
  self->match = _sock_admin_member_dup (details, "match");
  if (self->match == NULL)
    self->match = g_strdup ("exact");
  self->invoke = _sock_admin_member_dup (details, "invoke");
  self->created = _sock_admin_member_dup (details, "created");
  return self;
}

static void
set_n_members (SockAdminRegistration *self)
{
  if (self->n_members == (int) self->members->len)
    return;
  self->n_members = self->members->len;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CALLEES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLEES_TEXT]);
}

void
_sock_admin_registration_set_callees (SockAdminRegistration *self,
                                 const gint64    *ids,
                                 guint            n)
{
  g_array_set_size (self->members, 0);
  g_array_append_vals (self->members, ids, n);
  /* notify even when the count stays: the ids may have changed */
  self->n_members = -2;
  set_n_members (self);
}

void
_sock_admin_registration_add_callee (SockAdminRegistration *self,
                                gint64           session)
{
  if (_sock_admin_ids_add (self->members, session))
    set_n_members (self);
}

void
_sock_admin_registration_remove_callee (SockAdminRegistration *self,
                                   gint64           session)
{
  if (_sock_admin_ids_remove (self->members, session))
    set_n_members (self);
}

gint64
sock_admin_registration_get_id (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), 0);
  return self->id;
}

const char *
sock_admin_registration_get_uri (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->uri;
}

const char *
sock_admin_registration_get_match (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->match;
}

const char *
sock_admin_registration_get_invoke (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->invoke;
}

const char *
sock_admin_registration_get_created (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->created;
}

int
sock_admin_registration_get_n_callees (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), -1);
  return self->n_members;
}

GArray *
sock_admin_registration_get_callees (SockAdminRegistration *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), NULL);
  return self->members;
}

gboolean
sock_admin_registration_matches (SockAdminRegistration *self,
                          const char      *text)
{
  g_autofree char *id = NULL;
  g_autofree char *members = NULL;
  const char *fields[4];

  g_return_val_if_fail (SOCK_IS_ADMIN_REGISTRATION (self), FALSE);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  fields[0] = id;
  fields[1] = self->uri;
  fields[2] = self->match;
  /* a session id finds what it subscribes to or serves */
  fields[3] = members = members_text (self);
  return _sock_admin_any_contains (fields, G_N_ELEMENTS (fields), text);
}
