/* sock-admin-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-admin-util-private.h"
#include "sock-json-write.h"

#include <string.h>

const char *
_sock_admin_member_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
_sock_admin_member_dup (JsonObject *object,
                        const char *name)
{
  return g_strdup (_sock_admin_member_string (object, name));
}

JsonObject *
_sock_admin_member_object (JsonObject *object,
                           const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
_sock_admin_node_id (JsonNode *node,
                     gint64   *out)
{
  gint64 id;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  id = json_node_get_int (node);
  if (id < 0 || id > SOCK_ADMIN_MAX_ID)
    return FALSE;
  *out = id;
  return TRUE;
}

gboolean
_sock_admin_member_id (JsonObject *object,
                       const char *name,
                       gint64     *out)
{
  return _sock_admin_node_id (object ? json_object_get_member (object, name) : NULL, out);
}

char *
_sock_admin_object_text (JsonObject *object)
{
  GString *out = g_string_new (NULL);

  sock_json_write_object (out, object);
  return g_string_free (out, FALSE);
}

gboolean
_sock_admin_any_contains (const char * const *fields,
                          guint               n,
                          const char         *text)
{
  g_autofree char *needle = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = fields[i] ? g_utf8_casefold (fields[i], -1) : NULL;

      if (field != NULL && strstr (field, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
_sock_admin_ids_add (GArray *ids,
                     gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return FALSE;
  g_array_append_val (ids, id);
  return TRUE;
}

gboolean
_sock_admin_ids_remove (GArray *ids,
                        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        return TRUE;
      }
  return FALSE;
}
