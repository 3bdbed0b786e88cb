/* sock-saved-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-saved-connection.h"
#include "sock-saved-secrets.h"

#define MAX_NAME_CHARS 200

struct _SockSavedConnection
{
  GObject             parent_instance;

  char               *id;
  char               *name;
  SockConnectOptions *options;
  gint64              last_used;
};

G_DEFINE_FINAL_TYPE (SockSavedConnection, sock_saved_connection, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_OPTIONS,
  PROP_LAST_USED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SockSavedConnection *
sock_saved_connection_new (const char         *name,
                           SockConnectOptions *options)
{
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), NULL);

  return g_object_new (SOCK_TYPE_SAVED_CONNECTION, "id", id, "name", name, "options", options, NULL);
}

SockSavedConnection *
sock_saved_connection_duplicate (SockSavedConnection *self,
                                 const char          *name)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), NULL);

  return sock_saved_connection_new (name, self->options);
}

const char *
sock_saved_connection_get_id (SockSavedConnection *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), NULL);

  return self->id;
}

const char *
sock_saved_connection_get_name (SockSavedConnection *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), NULL);

  return self->name;
}

void
sock_saved_connection_set_name (SockSavedConnection *self,
                                const char          *name)
{
  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

SockConnectOptions *
sock_saved_connection_get_options (SockSavedConnection *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), NULL);

  return self->options;
}

void
sock_saved_connection_set_options (SockSavedConnection *self,
                                   SockConnectOptions  *options)
{
  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (self));
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (options));

  if (self->options == options)
    return;
  g_clear_object (&self->options);
  self->options = sock_connect_options_copy (options);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

gint64
sock_saved_connection_get_last_used (SockSavedConnection *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), 0);

  return self->last_used;
}

void
sock_saved_connection_set_last_used (SockSavedConnection *self,
                                     gint64               last_used)
{
  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (self));

  if (self->last_used == last_used)
    return;
  self->last_used = last_used;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_USED]);
}

gboolean
sock_saved_connection_check_name (const char  *name,
                                  GError     **error)
{
  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > MAX_NAME_CHARS ||
      !g_utf8_validate (name, -1, NULL) || strpbrk (name, "\r\n\t") != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("A connection needs a name of one line, at most %d characters"), MAX_NAME_CHARS);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
sock_saved_connection_to_json (SockSavedConnection *self,
                               gboolean             with_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SockConnectOptions) bare = NULL;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTION (self), NULL);

  /* the options' own writer leaves out the ticket, the secret and credential headers; the
   * URL's secret query values go too */
  bare = sock_connect_options_copy (self->options);
  sock_saved_secrets_strip (bare);

  json_builder_begin_object (builder);
  if (with_id)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->id);
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  if (self->last_used > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (self->last_used);
      g_autofree char *text = time ? g_date_time_format_iso8601 (time) : NULL;

      json_builder_set_member_name (builder, "last_used");
      json_builder_add_string_value (builder, text);
    }
  json_builder_set_member_name (builder, "options");
  json_builder_add_value (builder, sock_connect_options_to_json (bare));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static SockSavedConnection *
damaged (GError    **error,
         const char *detail)
{
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("A saved connection is damaged: %s"), detail);
  return NULL;
}

static gboolean
read_last_used (JsonObject *object,
                gint64     *out)
{
  JsonNode *node = json_object_get_member (object, "last_used");
  g_autoptr(GDateTime) time = NULL;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  time = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (time == NULL)
    return FALSE;
  *out = g_date_time_to_unix (time);
  return TRUE;
}

static const char *
dup_string_member (JsonObject *object,
                   const char *name,
                   gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

SockSavedConnection *
sock_saved_connection_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *new_id = NULL;
  SockSavedConnection *self;
  JsonObject *object;
  const char *name, *id;
  gboolean name_ok, id_ok;
  gint64 last_used;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return damaged (error, _("it is not a JSON object"));
  object = json_node_get_object (node);
  name = dup_string_member (object, "name", &name_ok);
  id = dup_string_member (object, "id", &id_ok);
  if (!name_ok || !sock_saved_connection_check_name (name, NULL))
    return damaged (error, _("it has no valid “name”"));
  if (!id_ok || (id != NULL && !g_uuid_string_is_valid (id)))
    return damaged (error, _("its “id” is not a UUID"));
  if (!read_last_used (object, &last_used))
    return damaged (error, _("its “last_used” is not a date and time"));

  options = sock_connect_options_new_from_json (json_object_get_member (object, "options"), &local_error);
  if (options == NULL)
    {
      /* a newer form of the options says so as it is */
      if (g_error_matches (local_error, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return damaged (error, local_error->message);
    }

  if (id == NULL)
    id = new_id = g_uuid_string_random ();
  self = g_object_new (SOCK_TYPE_SAVED_CONNECTION, "id", id, "name", name, "options", options, NULL);
  self->last_used = last_used;
  return self;
}

static void
sock_saved_connection_finalize (GObject *object)
{
  SockSavedConnection *self = SOCK_SAVED_CONNECTION (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (sock_saved_connection_parent_class)->finalize (object);
}

static void
sock_saved_connection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SockSavedConnection *self = SOCK_SAVED_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_OPTIONS:
      g_value_set_object (value, self->options);
      break;
    case PROP_LAST_USED:
      g_value_set_int64 (value, self->last_used);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_saved_connection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SockSavedConnection *self = SOCK_SAVED_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      sock_saved_connection_set_name (self, g_value_get_string (value));
      break;
    case PROP_OPTIONS:
      sock_saved_connection_set_options (self, g_value_get_object (value));
      break;
    case PROP_LAST_USED:
      sock_saved_connection_set_last_used (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_saved_connection_class_init (SockSavedConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_saved_connection_finalize;
  object_class->get_property = sock_saved_connection_get_property;
  object_class->set_property = sock_saved_connection_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONS] =
    g_param_spec_object ("options", NULL, NULL, SOCK_TYPE_CONNECT_OPTIONS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_USED] =
    g_param_spec_int64 ("last-used", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_saved_connection_init (SockSavedConnection *self)
{
}
