/* sock-admin-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-admin-entry.h"
#include "sock-admin-util-private.h"
#include "sock-router-admin-private.h"

typedef struct
{
  gint64  id;
  char   *uri;
  char   *match;
  char   *created;
  GArray *members;  /* gint64 session ids */
  int     n_members;
} SockAdminEntryPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SockAdminEntry, sock_admin_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URI,
  PROP_MATCH,
  PROP_CREATED,
  PROP_N_MEMBERS,
  PROP_MEMBERS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_admin_entry_finalize (GObject *object)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (SOCK_ADMIN_ENTRY (object));

  g_free (priv->uri);
  g_free (priv->match);
  g_free (priv->created);
  g_array_unref (priv->members);

  G_OBJECT_CLASS (sock_admin_entry_parent_class)->finalize (object);
}

static char *
members_text (SockAdminEntryPrivate *priv)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < priv->members->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (priv->members, gint64, i));
  return g_string_free (text, FALSE);
}

static void
sock_admin_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (SOCK_ADMIN_ENTRY (object));

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, priv->id); break;
    case PROP_URI: g_value_set_string (value, priv->uri); break;
    case PROP_MATCH: g_value_set_string (value, priv->match); break;
    case PROP_CREATED: g_value_set_string (value, priv->created); break;
    case PROP_N_MEMBERS: g_value_set_int (value, priv->n_members); break;
    case PROP_MEMBERS_TEXT: g_value_take_string (value, members_text (priv)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_admin_entry_class_init (SockAdminEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_admin_entry_finalize;
  object_class->get_property = sock_admin_entry_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_MATCH] = g_param_spec_string ("match", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  /* subscribers or callees; -1 while unknown */
  properties[PROP_N_MEMBERS] = g_param_spec_int ("n-members", NULL, NULL, -1, G_MAXINT, -1, flags);
  /* the session ids, for a column */
  properties[PROP_MEMBERS_TEXT] = g_param_spec_string ("members-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_admin_entry_init (SockAdminEntry *self)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (self);

  priv->members = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->n_members = -1;
}

gpointer
_sock_admin_entry_new (GType       type,
                       JsonObject *details)
{
  SockAdminEntryPrivate *priv;
  SockAdminEntry *self;
  const char *uri;
  gint64 id;

  g_return_val_if_fail (g_type_is_a (type, SOCK_TYPE_ADMIN_ENTRY), NULL);
  g_return_val_if_fail (details != NULL, NULL);

  uri = _sock_admin_member_string (details, "uri");
  if (!_sock_admin_member_id (details, "id", &id) || uri == NULL)
    return NULL;
  self = g_object_new (type, NULL);
  priv = sock_admin_entry_get_instance_private (self);
  priv->id = id;
  priv->uri = g_strdup (uri);
  priv->match = _sock_admin_member_dup (details, "match");
  if (priv->match == NULL)
    priv->match = g_strdup ("exact");
  priv->created = _sock_admin_member_dup (details, "created");
  return self;
}

static void
set_n_members (SockAdminEntry *self)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (self);

  if (priv->n_members == (int) priv->members->len)
    return;
  priv->n_members = priv->members->len;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MEMBERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBERS_TEXT]);
}

void
_sock_admin_entry_set_members (SockAdminEntry *self,
                               const gint64   *ids,
                               guint           n)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (self);

  g_array_set_size (priv->members, 0);
  g_array_append_vals (priv->members, ids, n);
  /* notify even when the count stays: the ids may have changed */
  priv->n_members = -2;
  set_n_members (self);
}

void
_sock_admin_entry_add_member (SockAdminEntry *self,
                              gint64          session)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (self);

  if (_sock_admin_ids_add (priv->members, session))
    set_n_members (self);
}

void
_sock_admin_entry_remove_member (SockAdminEntry *self,
                                 gint64          session)
{
  SockAdminEntryPrivate *priv = sock_admin_entry_get_instance_private (self);

  if (_sock_admin_ids_remove (priv->members, session))
    set_n_members (self);
}

gint64
sock_admin_entry_get_id (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), 0);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->id;
}

const char *
sock_admin_entry_get_uri (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), NULL);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->uri;
}

const char *
sock_admin_entry_get_match (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), NULL);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->match;
}

const char *
sock_admin_entry_get_created (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), NULL);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->created;
}

int
sock_admin_entry_get_n_members (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), -1);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->n_members;
}

GArray *
sock_admin_entry_get_members (SockAdminEntry *self)
{
  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), NULL);
  return ((SockAdminEntryPrivate *) sock_admin_entry_get_instance_private (self))->members;
}

gboolean
sock_admin_entry_matches (SockAdminEntry *self,
                          const char     *text)
{
  SockAdminEntryPrivate *priv;
  g_autofree char *id = NULL;
  g_autofree char *members = NULL;
  const char *fields[4];

  g_return_val_if_fail (SOCK_IS_ADMIN_ENTRY (self), FALSE);

  priv = sock_admin_entry_get_instance_private (self);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, priv->id);
  fields[0] = id;
  fields[1] = priv->uri;
  fields[2] = priv->match;
  /* a session id finds what it subscribes to or serves */
  fields[3] = members = members_text (priv);
  return _sock_admin_any_contains (fields, G_N_ELEMENTS (fields), text);
}
