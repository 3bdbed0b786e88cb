/* sock-topic-tree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-topic-tree-private.h"
#include "sock-topic-tree.h"
#include "sock-wamp-message.h"

struct _SockTopicTree
{
  GObject         parent_instance;

  SockMessageLog *log;
  gulong          changed_id;
  guint64         next_seq;    /* the first record not read yet */
  GListStore     *roots;
  SockTopicNode  *top;         /* holds the roots as its children */
  GHashTable     *by_uri;      /* uri index (guint32) -> leaf SockTopicNode */
  GPtrArray      *nodes;       /* every node, for sampling */
  GPtrArray      *dirty;       /* nodes to notify after a batch */
  SockTopicNode  *overflow;
  guint           sample_source;
  gint64          last_sample_us;
};

G_DEFINE_FINAL_TYPE (SockTopicTree, sock_topic_tree, G_TYPE_OBJECT)

static void
sock_topic_tree_dispose (GObject *object)
{
  SockTopicTree *self = SOCK_TOPIC_TREE (object);

  g_clear_handle_id (&self->sample_source, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->log);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (sock_topic_tree_parent_class)->dispose (object);
}

static void
sock_topic_tree_finalize (GObject *object)
{
  SockTopicTree *self = SOCK_TOPIC_TREE (object);

  g_hash_table_unref (self->by_uri);
  g_ptr_array_unref (self->nodes);
  g_ptr_array_unref (self->dirty);
  g_object_unref (self->top);

  G_OBJECT_CLASS (sock_topic_tree_parent_class)->finalize (object);
}

static void
sock_topic_tree_class_init (SockTopicTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sock_topic_tree_dispose;
  object_class->finalize = sock_topic_tree_finalize;
}

static void
sock_topic_tree_init (SockTopicTree *self)
{
  self->top = _sock_topic_node_new (NULL, "", 0);
  g_clear_pointer (&self->top->path, g_free);  /* so that the top's children have bare paths */
  self->roots = self->top->children;
  self->by_uri = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->nodes = g_ptr_array_new ();
  self->dirty = g_ptr_array_new ();
}

/* The leaf of uri, made with the nodes above it when new. */
static SockTopicNode *
ensure_leaf (SockTopicTree *self,
             const char    *uri)
{
  SockTopicNode *node = self->top;
  const char *part = uri;

  while (TRUE)
    {
      const char *dot = strchr (part, '.');
      gsize len = dot ? (gsize) (dot - part) : strlen (part);
      gboolean created;

      node = _sock_topic_node_child (node, part, len, &created);
      if (created)
        g_ptr_array_add (self->nodes, node);
      if (dot == NULL)
        return node;
      part = dot + 1;
    }
}

static SockTopicNode *
leaf_for (SockTopicTree *self,
          guint32        index)
{
  SockTopicNode *leaf = g_hash_table_lookup (self->by_uri, GUINT_TO_POINTER (index));
  const char *uri;

  if (leaf != NULL)
    return leaf;
  uri = sock_message_log_get_uri (self->log, index);
  if (uri == NULL || *uri == '\0')
    return NULL;
  if (g_hash_table_size (self->by_uri) >= SOCK_TOPIC_TREE_MAX_URIS)
    {
      gboolean created;

      if (self->overflow == NULL)
        {
          self->overflow = _sock_topic_node_child (self->top, SOCK_TOPIC_TREE_OVERFLOW,
                                                   strlen (SOCK_TOPIC_TREE_OVERFLOW), &created);
          g_ptr_array_add (self->nodes, self->overflow);
        }
      return self->overflow;
    }
  leaf = ensure_leaf (self, uri);
  g_hash_table_insert (self->by_uri, GUINT_TO_POINTER (index), leaf);
  return leaf;
}

/* What a topic's "last value" is made of: payloads, not the requests and acknowledgements
 * around them. */
static gboolean
carries_value (const SockLogEntry *entry)
{
  if (entry->kind == SOCK_LOG_KIND_WAMP2)
    return entry->type == SOCK_WAMP_EVENT || entry->type == SOCK_WAMP_PUBLISH || entry->type == SOCK_WAMP_CALL
           || entry->type == SOCK_WAMP_RESULT || entry->type == SOCK_WAMP_INVOCATION
           || entry->type == SOCK_WAMP_YIELD || entry->type == SOCK_WAMP_ERROR;
  if (entry->kind == SOCK_LOG_KIND_WAMP1)
    return entry->type == SOCK_WAMP1_EVENT || entry->type == SOCK_WAMP1_PUBLISH || entry->type == SOCK_WAMP1_CALL
           || entry->type == SOCK_WAMP1_CALLRESULT || entry->type == SOCK_WAMP1_CALLERROR;
  return TRUE;
}

static void
count (SockTopicTree      *self,
       SockTopicNode      *leaf,
       guint64             seq,
       const SockLogEntry *entry)
{
  gboolean value = carries_value (entry);

  leaf->own_count++;
  for (SockTopicNode *node = leaf; node != NULL && node != self->top; node = node->parent)
    {
      node->count++;
      node->last_time_us = entry->time_us;
      node->last_seq = seq;
      if (value)
        {
          node->value_seq = seq;
          node->has_value = TRUE;
        }
      if (!node->dirty)
        {
          node->dirty = TRUE;
          g_ptr_array_add (self->dirty, node);
        }
    }
}

void
sock_topic_tree_update (SockTopicTree *self)
{
  guint64 end;

  g_return_if_fail (SOCK_IS_TOPIC_TREE (self));

  end = sock_message_log_get_end_seq (self->log);
  /* what was evicted before it was read is gone: start at what is left */
  self->next_seq = MAX (self->next_seq, sock_message_log_get_first_seq (self->log));
  for (; self->next_seq < end; self->next_seq++)
    {
      SockLogEntry entry;
      SockTopicNode *leaf;

      if (!sock_message_log_peek (self->log, self->next_seq, &entry, NULL, NULL) || entry.uri == 0)
        continue;
      if ((leaf = leaf_for (self, entry.uri)) != NULL)
        count (self, leaf, self->next_seq, &entry);
    }
  for (guint i = 0; i < self->dirty->len; i++)
    _sock_topic_node_notify (g_ptr_array_index (self->dirty, i));
  g_ptr_array_set_size (self->dirty, 0);
}

static void
on_log_changed (SockTopicTree *self)
{
  sock_topic_tree_update (self);
}

void
sock_topic_tree_sample (SockTopicTree *self,
                        gint64         span_us)
{
  g_return_if_fail (SOCK_IS_TOPIC_TREE (self));

  for (guint i = 0; i < self->nodes->len; i++)
    _sock_topic_node_sample (g_ptr_array_index (self->nodes, i), span_us);
}

static gboolean
on_sample (gpointer data)
{
  SockTopicTree *self = data;
  gint64 now = g_get_monotonic_time ();

  sock_topic_tree_sample (self, now - self->last_sample_us);
  self->last_sample_us = now;
  return G_SOURCE_CONTINUE;
}

void
sock_topic_tree_set_running (SockTopicTree *self,
                             gboolean       running)
{
  g_return_if_fail (SOCK_IS_TOPIC_TREE (self));

  if (running == (self->sample_source != 0))
    return;
  if (running)
    {
      /* What came while the view was hidden is one sample over that time, not a burst in a second. */
      if (self->last_sample_us != 0)
        on_sample (self);
      else
        self->last_sample_us = g_get_monotonic_time ();
      self->sample_source = g_timeout_add_seconds (1, on_sample, self);
    }
  else
    g_clear_handle_id (&self->sample_source, g_source_remove);
}

SockTopicTree *
sock_topic_tree_new (SockMessageLog *log)
{
  SockTopicTree *self;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  self = g_object_new (SOCK_TYPE_TOPIC_TREE, NULL);
  self->log = g_object_ref (log);
  self->next_seq = sock_message_log_get_first_seq (log);
  self->changed_id = g_signal_connect_swapped (log, "changed", G_CALLBACK (on_log_changed), self);
  sock_topic_tree_update (self);
  return self;
}

GListModel *
sock_topic_tree_get_roots (SockTopicTree *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_TREE (self), NULL);
  return G_LIST_MODEL (self->roots);
}

SockTopicNode *
sock_topic_tree_lookup (SockTopicTree *self,
                        const char    *uri)
{
  SockTopicNode *node = self->top;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (SOCK_IS_TOPIC_TREE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  parts = g_strsplit (uri, ".", -1);
  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      GListModel *children = G_LIST_MODEL (node->children);
      SockTopicNode *next = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (children) && next == NULL; j++)
        {
          g_autoptr(SockTopicNode) child = g_list_model_get_item (children, j);

          if (g_str_equal (child->name, parts[i]))
            next = child;
        }
      node = next;
    }
  return node != self->top ? node : NULL;
}

guint
sock_topic_tree_get_n_uris (SockTopicTree *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_TREE (self), 0);
  return g_hash_table_size (self->by_uri);
}
