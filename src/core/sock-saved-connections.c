/* sock-saved-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-saved-connections.h"

/* Limits on what is read: a person's list of servers. */
#define MAX_FILE_BYTES   (16 * 1024 * 1024)
#define MAX_CONNECTIONS  10000

struct _SockSavedConnections
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *items;        /* SockSavedConnection */
  GError    *load_error;
  gboolean   blocked;      /* the file exists but could not be read: never overwrite it */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SockSavedConnections, sock_saved_connections, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SOCK_TYPE_SAVED_CONNECTION;
}

static guint
get_n_items (GListModel *model)
{
  return SOCK_SAVED_CONNECTIONS (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SockSavedConnections *self = SOCK_SAVED_CONNECTIONS (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

SockSavedConnections *
sock_saved_connections_new (const char *path)
{
  SockSavedConnections *self = g_object_new (SOCK_TYPE_SAVED_CONNECTIONS, NULL);

  self->path = path ? g_strdup (path) : g_build_filename (g_get_user_config_dir (), "sockscope",
                                                          "connections.json", NULL);
  return self;
}

SockSavedConnections *
sock_saved_connections_get_default (void)
{
  static SockSavedConnections *store;

  if (store == NULL)
    {
      store = sock_saved_connections_new (NULL);
      sock_saved_connections_load (store, NULL);
    }
  return store;
}

const char *
sock_saved_connections_get_path (SockSavedConnections *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);

  return self->path;
}

const GError *
sock_saved_connections_get_load_error (SockSavedConnections *self)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);

  return self->load_error;
}

/* Reading */

static gboolean
damaged (GError    **error,
         const char *detail)
{
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "%s", detail);
  return FALSE;
}

static gboolean
read_header (JsonObject  *root,
             GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 number;

  if (format != NULL && (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING ||
                         g_strcmp0 (json_node_get_string (format), SOCK_SAVED_CONNECTIONS_FORMAT) != 0))
    return damaged (error, _("it is not a file of Sockscope’s saved connections"));
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return damaged (error, _("it has no valid “version”"));
  number = json_node_get_int (version);
  if (number > SOCK_SAVED_CONNECTIONS_VERSION)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION,
                   _("it was written by a newer Sockscope (format version %" PRId64
                     ", this one reads up to %d)"), number, SOCK_SAVED_CONNECTIONS_VERSION);
      return FALSE;
    }
  if (number < 1)
    return damaged (error, _("it has no valid “version”"));
  return TRUE;
}

/* The connections of a file or an export, or NULL with the reason. */
static GPtrArray *
parse_connections (const char  *text,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *list;
  JsonArray *array;

  if (len > MAX_FILE_BYTES)
    return damaged (error, _("it is larger than 16 MiB")), NULL;
  /* the strict scanner bounds the nesting first: json-glib recurses without a limit */
  if (!sock_json_validate (text, len, NULL, NULL, &local_error) ||
      !json_parser_load_from_data (parser, text, len, &local_error))
    return damaged (error, local_error->message), NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return damaged (error, _("it is not a JSON object")), NULL;
  if (!read_header (json_node_get_object (root), error))
    return NULL;
  list = json_object_get_member (json_node_get_object (root), "connections");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return damaged (error, _("it has no “connections” list")), NULL;
  array = json_node_get_array (list);
  if (json_array_get_length (array) > MAX_CONNECTIONS)
    return damaged (error, _("it holds more than 10000 connections")), NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SockSavedConnection *item = sock_saved_connection_new_from_json (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* Moves the file to path.damaged-DATE (or .newer-DATE); returns the new path, or NULL. */
static char *
move_aside (SockSavedConnections *self,
            gboolean              newer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *aside = NULL;

      aside = n == 0 ? g_strdup_printf ("%s.%s-%s", self->path, newer ? "newer" : "damaged", stamp)
                     : g_strdup_printf ("%s.%s-%s-%u", self->path, newer ? "newer" : "damaged", stamp, n);
      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (self->path, aside) == 0)
        return g_steal_pointer (&aside);
      return NULL;
    }
  return NULL;
}

static void
replace_items (SockSavedConnections *self,
               GPtrArray            *items)
{
  guint removed = self->items->len;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (items, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static gboolean
report (SockSavedConnections  *self,
        GError               **error,
        GError                *problem)
{
  g_clear_error (&self->load_error);
  self->load_error = g_error_copy (problem);
  g_propagate_error (error, problem);
  return FALSE;
}

/* The file cannot be used: it is kept aside, and the user told where and what to do. */
static gboolean
set_aside (SockSavedConnections  *self,
           GError               **error,
           GError                *cause)
{
  gboolean newer = g_error_matches (cause, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION);
  g_autofree char *aside = move_aside (self, newer);
  g_autoptr(GError) owned = cause;
  GError *problem;

  if (aside == NULL)
    {
      self->blocked = TRUE;
      problem = g_error_new (SOCK_ERROR, cause->code,
                             _("The saved connections in %s cannot be read (%s), nor moved aside: "
                               "nothing will be saved until it is fixed, moved or removed"),
                             self->path, cause->message);
    }
  else if (newer)
    problem = g_error_new (SOCK_ERROR, SOCK_ERROR_NEWER_VERSION,
                           _("The saved connections in %s were written by a newer Sockscope (%s). They "
                             "were kept as %s: update Sockscope and move that file back to use them"),
                           self->path, cause->message, aside);
  else
    problem = g_error_new (SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                           _("The saved connections in %s are damaged (%s). The file was kept as %s: repair "
                             "it and import it (Import…), or start afresh"),
                           self->path, cause->message, aside);
  return report (self, error, problem);
}

gboolean
sock_saved_connections_load (SockSavedConnections  *self,
                             GError               **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gsize len = 0;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), FALSE);

  g_clear_error (&self->load_error);
  self->blocked = FALSE;
  if (!g_file_get_contents (self->path, &text, &len, &local_error))
    {
      replace_items (self, NULL);
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      self->blocked = TRUE;
      return report (self, error,
                     g_error_new (SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE,
                                  _("The saved connections cannot be read (%s): nothing will be saved "
                                    "until the file can be read"), local_error->message));
    }

  items = parse_connections (text, len, &local_error);
  replace_items (self, items);
  if (items == NULL)
    return set_aside (self, error, g_steal_pointer (&local_error));
  return TRUE;
}

/* Writing */

static JsonNode *
build_file (GPtrArray *items,
            gboolean   with_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SOCK_SAVED_CONNECTIONS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SOCK_SAVED_CONNECTIONS_VERSION);
  json_builder_set_member_name (builder, "connections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_value (builder, sock_saved_connection_to_json (g_ptr_array_index (items, i), with_ids));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

gboolean
sock_saved_connections_save (SockSavedConnections  *self,
                             GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), FALSE);

  if (self->blocked)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE,
                   _("The saved connections were not saved: %s could not be read, and is not overwritten"),
                   self->path);
      return FALSE;
    }
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  root = build_file (self->items, TRUE);
  text = to_text (root);
  /* written to a temporary file and renamed over the old one: a crash leaves one or the other */
  if (!g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

/* Lookups and changes */

SockSavedConnection *
sock_saved_connections_lookup (SockSavedConnections *self,
                               const char           *name)
{
  SockSavedConnection *folded = NULL;
  g_autofree char *key = NULL;
  guint n_folded = 0;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->items->len; i++)
    {
      SockSavedConnection *item = g_ptr_array_index (self->items, i);
      g_autofree char *item_key = g_utf8_casefold (sock_saved_connection_get_name (item), -1);

      if (g_str_equal (sock_saved_connection_get_name (item), name))
        return item;
      if (g_str_equal (item_key, key))
        {
          folded = item;
          n_folded++;
        }
    }
  return n_folded == 1 ? folded : NULL;
}

SockSavedConnection *
sock_saved_connections_lookup_id (SockSavedConnections *self,
                                  const char           *id)
{
  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);

  for (guint i = 0; id != NULL && i < self->items->len; i++)
    if (g_str_equal (sock_saved_connection_get_id (g_ptr_array_index (self->items, i)), id))
      return g_ptr_array_index (self->items, i);
  return NULL;
}

GStrv
sock_saved_connections_dup_names (SockSavedConnections *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, sock_saved_connection_get_name (g_ptr_array_index (self->items, i)));
  return g_strv_builder_end (builder);
}

static gboolean
name_taken (SockSavedConnections *self,
            const char           *name)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (sock_saved_connection_get_name (g_ptr_array_index (self->items, i)), name))
      return TRUE;
  return FALSE;
}

char *
sock_saved_connections_dup_free_name (SockSavedConnections *self,
                                      const char           *name)
{
  g_autofree char *base = NULL;
  const char *open;
  gsize len;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!name_taken (self, name))
    return g_strdup (name);
  /* a copy of "Router (2)" is "Router (3)", not "Router (2) (2)" */
  len = strlen (name);
  open = g_strrstr (name, " (");
  if (open != NULL && open[2] != ')' && name[len - 1] == ')' &&
      strspn (open + 2, "0123456789") == (gsize) (name + len - 1 - (open + 2)))
    base = g_strndup (name, open - name);
  else
    base = g_strdup (name);
  for (guint n = 2; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s (%u)", base, n);

      if (!name_taken (self, candidate))
        return g_steal_pointer (&candidate);
    }
}

void
sock_saved_connections_insert (SockSavedConnections *self,
                               int                   position,
                               SockSavedConnection  *connection)
{
  g_return_if_fail (SOCK_IS_SAVED_CONNECTIONS (self));
  g_return_if_fail (SOCK_IS_SAVED_CONNECTION (connection));

  if (position < 0 || (guint) position > self->items->len)
    position = self->items->len;
  g_ptr_array_insert (self->items, position, g_object_ref (connection));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

int
sock_saved_connections_remove (SockSavedConnections *self,
                               SockSavedConnection  *connection)
{
  guint position;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), -1);

  if (!g_ptr_array_find (self->items, connection, &position))
    return -1;
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return position;
}

void
sock_saved_connections_changed (SockSavedConnections *self,
                                SockSavedConnection  *connection)
{
  guint position;

  g_return_if_fail (SOCK_IS_SAVED_CONNECTIONS (self));

  /* sorted and filtered views look at it again */
  if (g_ptr_array_find (self->items, connection, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/* Import and export */

char *
sock_saved_connections_export (SockSavedConnections *self,
                               GPtrArray            *connections)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);

  root = build_file (connections ? connections : self->items, FALSE);
  return to_text (root);
}

GPtrArray *
sock_saved_connections_import (SockSavedConnections  *self,
                               const char            *text,
                               GError               **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *added;

  g_return_val_if_fail (SOCK_IS_SAVED_CONNECTIONS (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  items = parse_connections (text, strlen (text), &local_error);
  if (items == NULL)
    {
      g_set_error (error, SOCK_ERROR, local_error->code, _("Nothing was imported: %s"), local_error->message);
      return NULL;
    }
  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      SockSavedConnection *item = g_ptr_array_index (items, i);
      g_autofree char *name = sock_saved_connections_dup_free_name (self, sock_saved_connection_get_name (item));
      /* a new id, whatever the file says: two imports of one file are two connections */
      g_autoptr(SockSavedConnection) copy = sock_saved_connection_duplicate (item, name);

      sock_saved_connection_set_last_used (copy, sock_saved_connection_get_last_used (item));
      sock_saved_connections_insert (self, -1, copy);
      g_ptr_array_add (added, g_object_ref (copy));
    }
  return added;
}

static void
sock_saved_connections_finalize (GObject *object)
{
  SockSavedConnections *self = SOCK_SAVED_CONNECTIONS (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (sock_saved_connections_parent_class)->finalize (object);
}

static void
sock_saved_connections_class_init (SockSavedConnectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_saved_connections_finalize;
}

static void
sock_saved_connections_init (SockSavedConnections *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
