/* sock-send-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-secrets.h"
#include "sock-send-history.h"

/* A file this size is not one Sockscope wrote. */
#define MAX_FILE_BYTES (32 * 1024 * 1024)

struct _SockSendHistory
{
  GObject     parent_instance;

  char       *file;
  GError     *load_error;
  GHashTable *recent;      /* "kind:key" -> GListStore of SockSendEntry */
  GListStore *templates[SOCK_SEND_RAW + 1];
};

G_DEFINE_FINAL_TYPE (SockSendHistory, sock_send_history, G_TYPE_OBJECT)

static void
sock_send_history_finalize (GObject *object)
{
  SockSendHistory *self = SOCK_SEND_HISTORY (object);

  g_free (self->file);
  g_clear_error (&self->load_error);
  g_hash_table_unref (self->recent);
  for (guint i = 0; i < G_N_ELEMENTS (self->templates); i++)
    g_object_unref (self->templates[i]);

  G_OBJECT_CLASS (sock_send_history_parent_class)->finalize (object);
}

static void
sock_send_history_class_init (SockSendHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_send_history_finalize;
}

static void
sock_send_history_init (SockSendHistory *self)
{
  self->recent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->templates); i++)
    self->templates[i] = g_list_store_new (SOCK_TYPE_SEND_ENTRY);
}

static char *
recent_key (const char   *key,
            SockSendKind  kind)
{
  return g_strdup_printf ("%u:%s", kind, key ? key : "");
}

static GListStore *
ensure_recent (SockSendHistory *self,
               const char      *key,
               SockSendKind     kind)
{
  g_autofree char *id = recent_key (key, kind);
  GListStore *store = g_hash_table_lookup (self->recent, id);

  if (store == NULL)
    {
      store = g_list_store_new (SOCK_TYPE_SEND_ENTRY);
      g_hash_table_insert (self->recent, g_steal_pointer (&id), store);
    }
  return store;
}

/* Reading ------------------------------------------------------------------------------- */

static void
set_aside (SockSendHistory *self,
           const char      *why)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.unreadable-%s", self->file, stamp);

  if (g_rename (self->file, aside) != 0)
    g_set_error (&self->load_error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                 _("The send history %s cannot be read (%s), nor moved aside: it is left as it is, and what "
                   "is sent now is not remembered"), self->file, why);
  else
    g_set_error (&self->load_error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                 _("The send history %s could not be read (%s): it was kept as %s, and the history starts "
                   "empty"), self->file, why, aside);
}

static void
load_entries (GListStore *store,
              JsonArray  *array,
              guint       max)
{
  for (guint i = 0; i < json_array_get_length (array) && g_list_model_get_n_items (G_LIST_MODEL (store)) < max; i++)
    {
      g_autoptr(SockSendEntry) entry = sock_send_entry_new_from_json (json_array_get_element (array, i), NULL);

      /* one bad entry does not cost the others */
      if (entry != NULL)
        g_list_store_append (store, entry);
    }
}

static void
load (SockSendHistory *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root, *history;
  JsonNode *version, *templates;
  gsize len;

  if (!g_file_get_contents (self->file, &text, &len, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (&self->load_error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                     _("The send history %s cannot be read: %s"), self->file, error->message);
      return;
    }
  if (len > MAX_FILE_BYTES)
    return set_aside (self, _("it is too large"));
  /* the bounded scanner first: json-glib would follow any nesting */
  if (!sock_json_validate (text, len, NULL, NULL, &error) || !json_parser_load_from_data (parser, text, len, &error))
    return set_aside (self, error->message);
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser))
                                                                 : NULL;
  version = root ? json_object_get_member (root, "version") : NULL;
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64)
    return set_aside (self, _("it has no version"));
  if (json_node_get_int (version) > SOCK_SEND_HISTORY_VERSION)
    return set_aside (self, _("a newer Sockscope wrote it"));

  history = json_object_has_member (root, "history") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "history"))
            ? json_object_get_object_member (root, "history") : NULL;
  if (history != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (history);
      guint n = 0;

      for (GList *l = keys; l != NULL && n < SOCK_SEND_HISTORY_MAX_KEYS * (SOCK_SEND_RAW + 1); l = l->next, n++)
        {
          JsonNode *node = json_object_get_member (history, l->data);
          const char *colon = strchr (l->data, ':');
          g_autofree char *number = colon ? g_strndup (l->data, colon - (const char *) l->data) : NULL;
          guint64 kind;

          if (colon == NULL || !JSON_NODE_HOLDS_ARRAY (node)
              || !g_ascii_string_to_unsigned (number, 10, 0, SOCK_SEND_RAW, &kind, NULL))
            continue;
          load_entries (ensure_recent (self, colon + 1, kind), json_node_get_array (node), SOCK_SEND_HISTORY_MAX);
        }
    }
  templates = json_object_get_member (root, "templates");
  if (templates != NULL && JSON_NODE_HOLDS_ARRAY (templates))
    {
      JsonArray *array = json_node_get_array (templates);

      for (guint i = 0; i < json_array_get_length (array) && i < SOCK_SEND_TEMPLATES_MAX; i++)
        {
          g_autoptr(SockSendEntry) entry = sock_send_entry_new_from_json (json_array_get_element (array, i), NULL);

          if (entry != NULL && sock_send_entry_get_name (entry) != NULL)
            g_list_store_append (self->templates[sock_send_entry_get_kind (entry)], entry);
        }
    }
}

SockSendHistory *
sock_send_history_new (const char *file)
{
  SockSendHistory *self = g_object_new (SOCK_TYPE_SEND_HISTORY, NULL);

  self->file = file ? g_strdup (file) : g_build_filename (g_get_user_state_dir (), "sockscope", "sent.json", NULL);
  load (self);
  return self;
}

SockSendHistory *
sock_send_history_get_default (void)
{
  static SockSendHistory *history;

  if (history == NULL)
    history = sock_send_history_new (NULL);
  return history;
}

char *
sock_send_history_dup_key (SockConnection *connection)
{
  SockProfile *profile;
  g_autofree char *url = NULL;
  const char *realm;

  g_return_val_if_fail (SOCK_IS_CONNECTION (connection), NULL);

  profile = sock_transport_get_profile (sock_connection_get_transport (connection));
  url = sock_secret_mask_url (profile ? sock_profile_get_url (profile) : "");
  realm = sock_connection_get_realm (connection);
  return realm ? g_strdup_printf ("%s %s", url, realm) : g_steal_pointer (&url);
}

const GError *
sock_send_history_get_load_error (SockSendHistory *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_HISTORY (self), NULL);
  return self->load_error;
}

/* Writing ------------------------------------------------------------------------------- */

static JsonNode *
entries_to_json (GListModel *model)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockSendEntry) entry = g_list_model_get_item (model, i);

      json_array_add_element (array, sock_send_entry_to_json (entry));
    }
  return json_node_init_array (json_node_alloc (), array);
}

gboolean
sock_send_history_save (SockSendHistory  *self,
                        GError          **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonArray) templates = json_array_new ();
  g_autofree char *dir = g_path_get_dirname (self->file);
  g_autofree char *text = NULL;
  JsonObject *history = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SOCK_IS_SEND_HISTORY (self), FALSE);

  /* a file set aside could not be moved: never overwrite what was not read */
  if (self->load_error != NULL && g_file_test (self->file, G_FILE_TEST_EXISTS))
    return g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, self->load_error->message), FALSE;

  json_object_set_int_member (root, "version", SOCK_SEND_HISTORY_VERSION);
  g_hash_table_iter_init (&iter, self->recent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_list_model_get_n_items (value) > 0)
      json_object_set_member (history, key, entries_to_json (value));
  json_object_set_object_member (root, "history", history);
  for (guint i = 0; i < G_N_ELEMENTS (self->templates); i++)
    for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->templates[i])); j++)
      {
        g_autoptr(SockSendEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->templates[i]), j);

        json_array_add_element (templates, sock_send_entry_to_json (entry));
      }
  json_object_set_array_member (root, "templates", g_steal_pointer (&templates));
  node = json_node_init_object (json_node_alloc (), root);
  text = json_to_string (node, TRUE);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), _("Cannot create %s: %s"), dir,
                        g_strerror (errno)), FALSE;
  return g_file_set_contents_full (self->file, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
save_or_warn (SockSendHistory *self)
{
  g_autoptr(GError) error = NULL;

  if (!sock_send_history_save (self, &error))
    g_warning ("%s", error->message);
}

GListModel *
sock_send_history_get_recent (SockSendHistory *self,
                              const char      *key,
                              SockSendKind     kind)
{
  g_return_val_if_fail (SOCK_IS_SEND_HISTORY (self), NULL);
  g_return_val_if_fail (kind <= SOCK_SEND_RAW, NULL);

  return G_LIST_MODEL (ensure_recent (self, key, kind));
}

void
sock_send_history_add (SockSendHistory *self,
                       const char      *key,
                       SockSendEntry   *entry)
{
  GListStore *store;
  guint n;

  g_return_if_fail (SOCK_IS_SEND_HISTORY (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  store = ensure_recent (self, key, sock_send_entry_get_kind (entry));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SockSendEntry) old = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (sock_send_entry_same (old, entry))
        {
          g_list_store_remove (store, i);
          break;
        }
    }
  g_list_store_insert (store, 0, entry);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n > SOCK_SEND_HISTORY_MAX)
    g_list_store_splice (store, SOCK_SEND_HISTORY_MAX, n - SOCK_SEND_HISTORY_MAX, NULL, 0);
  save_or_warn (self);
}

GListModel *
sock_send_history_get_templates (SockSendHistory *self,
                                 SockSendKind     kind)
{
  g_return_val_if_fail (SOCK_IS_SEND_HISTORY (self), NULL);
  g_return_val_if_fail (kind <= SOCK_SEND_RAW, NULL);

  return G_LIST_MODEL (self->templates[kind]);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      unused)
{
  return g_utf8_collate (sock_send_entry_get_name ((SockSendEntry *) a), sock_send_entry_get_name ((SockSendEntry *) b));
}

void
sock_send_history_save_template (SockSendHistory *self,
                                 SockSendEntry   *entry)
{
  GListStore *store;

  g_return_if_fail (SOCK_IS_SEND_HISTORY (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry) && sock_send_entry_get_name (entry) != NULL);

  store = self->templates[sock_send_entry_get_kind (entry)];
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SockSendEntry) old = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (sock_send_entry_get_name (old), sock_send_entry_get_name (entry)) == 0)
        {
          g_list_store_remove (store, i);
          break;
        }
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) >= SOCK_SEND_TEMPLATES_MAX)
    g_list_store_remove (store, g_list_model_get_n_items (G_LIST_MODEL (store)) - 1);
  g_list_store_insert_sorted (store, entry, compare_names, NULL);
  save_or_warn (self);
}

void
sock_send_history_remove_template (SockSendHistory *self,
                                   SockSendEntry   *entry)
{
  GListStore *store;
  guint position;

  g_return_if_fail (SOCK_IS_SEND_HISTORY (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  store = self->templates[sock_send_entry_get_kind (entry)];
  if (g_list_store_find (store, entry, &position))
    {
      g_list_store_remove (store, position);
      save_or_warn (self);
    }
}
