/* sock-topic-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-topic-tree-private.h"

G_DEFINE_FINAL_TYPE (SockTopicNode, sock_topic_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_COUNT,
  PROP_OWN_COUNT,
  PROP_LAST_TIME,
  PROP_LAST_SEQ,
  PROP_RATE,
  PROP_N_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_topic_node_finalize (GObject *object)
{
  SockTopicNode *self = SOCK_TOPIC_NODE (object);

  g_free (self->name);
  g_free (self->path);
  g_object_unref (self->children);

  G_OBJECT_CLASS (sock_topic_node_parent_class)->finalize (object);
}

static void
sock_topic_node_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SockTopicNode *self = SOCK_TOPIC_NODE (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_COUNT: g_value_set_uint64 (value, self->count); break;
    case PROP_OWN_COUNT: g_value_set_uint64 (value, self->own_count); break;
    case PROP_LAST_TIME: g_value_set_int64 (value, self->last_time_us); break;
    case PROP_LAST_SEQ: g_value_set_uint64 (value, self->last_seq); break;
    case PROP_RATE: g_value_set_double (value, self->rate.rate); break;
    case PROP_N_CHILDREN: g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->children))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_topic_node_class_init (SockTopicNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_topic_node_finalize;
  object_class->get_property = sock_topic_node_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_uint64 ("count", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_OWN_COUNT] = g_param_spec_uint64 ("own-count", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_LAST_TIME] = g_param_spec_int64 ("last-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_SEQ] = g_param_spec_uint64 ("last-seq", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_CHILDREN] = g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_topic_node_init (SockTopicNode *self)
{
  self->children = g_list_store_new (SOCK_TYPE_TOPIC_NODE);
}

SockTopicNode *
_sock_topic_node_new (SockTopicNode *parent,
                      const char    *name,
                      gsize          name_len)
{
  SockTopicNode *self = g_object_new (SOCK_TYPE_TOPIC_NODE, NULL);

  self->parent = parent;
  self->name = g_strndup (name, name_len);
  self->path = parent && parent->path ? g_strconcat (parent->path, ".", self->name, NULL) : g_strdup (self->name);
  return self;
}

/* A leaf that gets its first child is replaced by itself in its parent's list: a
 * GtkTreeListModel asks once per row whether it has children, and its row would stay a leaf. */
static void
renew_in_parent (SockTopicNode *self)
{
  guint position;

  if (self->parent == NULL || !g_list_store_find (self->parent->children, self, &position))
    return;
  g_object_ref (self);  /* the store held it alone */
  g_list_store_splice (self->parent->children, position, 1, (gpointer *) &self, 1);
  g_object_unref (self);
}

/* Children are few per node: a binary search over the sorted store finds the place. */
SockTopicNode *
_sock_topic_node_child (SockTopicNode *self,
                        const char    *name,
                        gsize          name_len,
                        gboolean      *created)
{
  GListModel *children = G_LIST_MODEL (self->children);
  guint low = 0, high = g_list_model_get_n_items (children);
  g_autoptr(SockTopicNode) child = NULL;

  *created = FALSE;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      g_autoptr(SockTopicNode) node = g_list_model_get_item (children, middle);
      int order = strncmp (node->name, name, name_len);

      if (order == 0)
        order = node->name[name_len] == '\0' ? 0 : 1;
      if (order == 0)
        return node;  /* the store keeps it alive */
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  child = _sock_topic_node_new (self, name, name_len);
  g_list_store_insert (self->children, low, child);
  *created = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHILDREN]);
  if (g_list_model_get_n_items (children) == 1)
    renew_in_parent (self);
  return child;
}

void
_sock_topic_node_notify (SockTopicNode *self)
{
  self->dirty = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWN_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_TIME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEQ]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sock_topic_node_sample (SockTopicNode *self,
                         gint64         span_us)
{
  double old = self->rate.rate;

  sock_rate_sample (&self->rate, self->count, span_us);
  self->history[self->history_next] = self->rate.rate;
  self->history_next = (self->history_next + 1) % SOCK_TOPIC_HISTORY;
  self->history_n = MIN (self->history_n + 1, SOCK_TOPIC_HISTORY);
  if (old != self->rate.rate)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

const char *
sock_topic_node_get_name (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), NULL);
  return self->name;
}

const char *
sock_topic_node_get_path (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), NULL);
  return self->path;
}

guint64
sock_topic_node_get_count (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);
  return self->count;
}

guint64
sock_topic_node_get_own_count (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);
  return self->own_count;
}

gint64
sock_topic_node_get_last_time (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);
  return self->last_time_us;
}

guint64
sock_topic_node_get_last_seq (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);
  return self->last_seq;
}

gboolean
sock_topic_node_get_value_seq (SockTopicNode *self,
                               guint64       *seq)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), FALSE);
  g_return_val_if_fail (seq != NULL, FALSE);

  *seq = self->value_seq;
  return self->has_value;
}

double
sock_topic_node_get_rate (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);
  return self->rate.rate;
}

guint
sock_topic_node_copy_history (SockTopicNode *self,
                              double         out[SOCK_TOPIC_HISTORY])
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), 0);

  /* oldest first, for a sparkline drawn left to right */
  for (guint i = 0; i < self->history_n; i++)
    out[i] = self->history[(self->history_next + SOCK_TOPIC_HISTORY - self->history_n + i) % SOCK_TOPIC_HISTORY];
  return self->history_n;
}

GListModel *
sock_topic_node_get_children (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), NULL);
  return G_LIST_MODEL (self->children);
}

SockTopicNode *
sock_topic_node_get_parent (SockTopicNode *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_NODE (self), NULL);
  return self->parent;
}
