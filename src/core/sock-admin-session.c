/* sock-admin-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-admin-session.h"
#include "sock-admin-util-private.h"

struct _SockAdminSession
{
  GObject parent_instance;

  gint64  id;
  char   *authid;
  char   *authrole;
  char   *authmethod;
  char   *authprovider;
  char   *transport;
  char   *peer;
  char   *joined;
  char   *details;
};

G_DEFINE_FINAL_TYPE (SockAdminSession, sock_admin_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AUTHID,
  PROP_AUTHROLE,
  PROP_AUTHMETHOD,
  PROP_AUTHPROVIDER,
  PROP_TRANSPORT,
  PROP_PEER,
  PROP_JOINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_admin_session_finalize (GObject *object)
{
  SockAdminSession *self = SOCK_ADMIN_SESSION (object);

  g_free (self->authid);
  g_free (self->authrole);
  g_free (self->authmethod);
  g_free (self->authprovider);
  g_free (self->transport);
  g_free (self->peer);
  g_free (self->joined);
  g_free (self->details);

  G_OBJECT_CLASS (sock_admin_session_parent_class)->finalize (object);
}

static void
sock_admin_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SockAdminSession *self = SOCK_ADMIN_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_AUTHID: g_value_set_string (value, self->authid); break;
    case PROP_AUTHROLE: g_value_set_string (value, self->authrole); break;
    case PROP_AUTHMETHOD: g_value_set_string (value, self->authmethod); break;
    case PROP_AUTHPROVIDER: g_value_set_string (value, self->authprovider); break;
    case PROP_TRANSPORT: g_value_set_string (value, self->transport); break;
    case PROP_PEER: g_value_set_string (value, self->peer); break;
    case PROP_JOINED: g_value_set_string (value, self->joined); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_admin_session_class_init (SockAdminSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_admin_session_finalize;
  object_class->get_property = sock_admin_session_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AUTHID] = g_param_spec_string ("authid", NULL, NULL, NULL, flags);
  properties[PROP_AUTHROLE] = g_param_spec_string ("authrole", NULL, NULL, NULL, flags);
  properties[PROP_AUTHMETHOD] = g_param_spec_string ("authmethod", NULL, NULL, NULL, flags);
  properties[PROP_AUTHPROVIDER] = g_param_spec_string ("authprovider", NULL, NULL, NULL, flags);
  properties[PROP_TRANSPORT] = g_param_spec_string ("transport", NULL, NULL, NULL, flags);
  properties[PROP_PEER] = g_param_spec_string ("peer", NULL, NULL, NULL, flags);
  properties[PROP_JOINED] = g_param_spec_string ("joined", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_admin_session_init (SockAdminSession *self)
{
}

static char *
transport_text (JsonObject *transport)
{
  const char *type = _sock_admin_member_string (transport, "type");
  const char *protocol = _sock_admin_member_string (transport, "protocol");

  if (type == NULL)
    return NULL;
  if (protocol == NULL)
    return g_strdup (type);
  return g_strdup_printf ("%s · %s", type, protocol);
}

SockAdminSession *
sock_admin_session_new_from_details (JsonObject *details)
{
  SockAdminSession *self;
  JsonObject *transport;
  gint64 id;

  g_return_val_if_fail (details != NULL, NULL);

  if (!_sock_admin_member_id (details, "session", &id))
    return NULL;
  self = g_object_new (SOCK_TYPE_ADMIN_SESSION, NULL);
  self->id = id;
  self->authid = _sock_admin_member_dup (details, "authid");
  self->authrole = _sock_admin_member_dup (details, "authrole");
  self->authmethod = _sock_admin_member_dup (details, "authmethod");
  self->authprovider = _sock_admin_member_dup (details, "authprovider");
  self->joined = _sock_admin_member_dup (details, "joined");
  transport = _sock_admin_member_object (details, "transport");
  if (transport != NULL)
    {
      self->transport = transport_text (transport);
      self->peer = _sock_admin_member_dup (transport, "peer");
    }
  self->details = _sock_admin_object_text (details);
  return self;
}

gint64
sock_admin_session_get_id (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), 0);
  return self->id;
}

const char *
sock_admin_session_get_authid (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->authid;
}

const char *
sock_admin_session_get_authrole (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->authrole;
}

const char *
sock_admin_session_get_authmethod (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->authmethod;
}

const char *
sock_admin_session_get_authprovider (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->authprovider;
}

const char *
sock_admin_session_get_transport (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->transport;
}

const char *
sock_admin_session_get_peer (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->peer;
}

const char *
sock_admin_session_get_joined (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->joined;
}

const char *
sock_admin_session_get_details (SockAdminSession *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), NULL);
  return self->details;
}

gboolean
sock_admin_session_matches (SockAdminSession *self,
                            const char       *text)
{
  g_autofree char *id = NULL;
  const char *fields[6];

  g_return_val_if_fail (SOCK_IS_ADMIN_SESSION (self), FALSE);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  fields[0] = id;
  fields[1] = self->authid;
  fields[2] = self->authrole;
  fields[3] = self->authmethod;
  fields[4] = self->peer;
  fields[5] = self->transport;
  return _sock_admin_any_contains (fields, G_N_ELEMENTS (fields), text);
}
