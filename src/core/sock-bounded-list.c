/* sock-bounded-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-bounded-list.h"

typedef struct
{
  GPtrArray *items;       /* oldest first; never longer than max_items */
  GType      item_type;
  guint      max_items;
  guint      n_dropped;
} SockBoundedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SockBoundedList, sock_bounded_list, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (SockBoundedList)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_MAX_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (SOCK_BOUNDED_LIST (model));

  return priv->item_type;
}

static guint
get_n_items (GListModel *model)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (SOCK_BOUNDED_LIST (model));

  return priv->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  gpointer item = sock_bounded_list_peek (SOCK_BOUNDED_LIST (model), position);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
sock_bounded_list_finalize (GObject *object)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (SOCK_BOUNDED_LIST (object));

  g_clear_pointer (&priv->items, g_ptr_array_unref);

  G_OBJECT_CLASS (sock_bounded_list_parent_class)->finalize (object);
}

static void
sock_bounded_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (SOCK_BOUNDED_LIST (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE: g_value_set_gtype (value, priv->item_type); break;
    case PROP_MAX_ITEMS: g_value_set_uint (value, priv->max_items); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_bounded_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (SOCK_BOUNDED_LIST (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE: priv->item_type = g_value_get_gtype (value); break;
    case PROP_MAX_ITEMS: priv->max_items = MAX (g_value_get_uint (value), 1); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_bounded_list_class_init (SockBoundedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_bounded_list_finalize;
  object_class->get_property = sock_bounded_list_get_property;
  object_class->set_property = sock_bounded_list_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ITEMS] =
    g_param_spec_uint ("max-items", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_bounded_list_init (SockBoundedList *self)
{
  SockBoundedListPrivate *priv = sock_bounded_list_get_instance_private (self);

  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
  priv->item_type = G_TYPE_OBJECT;
  priv->max_items = 1;
}

SockBoundedList *
sock_bounded_list_new (GType item_type,
                       guint max_items)
{
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  return g_object_new (SOCK_TYPE_BOUNDED_LIST,
                       "item-type", item_type,
                       "max-items", max_items,
                       NULL);
}

void
sock_bounded_list_append (SockBoundedList *self,
                          gpointer         item)
{
  SockBoundedListPrivate *priv;

  g_return_if_fail (SOCK_IS_BOUNDED_LIST (self));
  priv = sock_bounded_list_get_instance_private (self);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, priv->item_type));

  if (priv->items->len == priv->max_items)
    {
      g_ptr_array_remove_index (priv->items, 0);
      priv->n_dropped++;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 0);
    }
  g_ptr_array_add (priv->items, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), priv->items->len - 1, 0, 1);
}

gpointer
sock_bounded_list_peek (SockBoundedList *self,
                        guint            position)
{
  SockBoundedListPrivate *priv;

  g_return_val_if_fail (SOCK_IS_BOUNDED_LIST (self), NULL);
  priv = sock_bounded_list_get_instance_private (self);

  if (position >= priv->items->len)
    return NULL;
  return g_ptr_array_index (priv->items, position);
}

gpointer
sock_bounded_list_peek_last (SockBoundedList *self)
{
  SockBoundedListPrivate *priv;

  g_return_val_if_fail (SOCK_IS_BOUNDED_LIST (self), NULL);
  priv = sock_bounded_list_get_instance_private (self);

  if (priv->items->len == 0)
    return NULL;
  return g_ptr_array_index (priv->items, priv->items->len - 1);
}

guint
sock_bounded_list_get_max_items (SockBoundedList *self)
{
  SockBoundedListPrivate *priv;

  g_return_val_if_fail (SOCK_IS_BOUNDED_LIST (self), 0);
  priv = sock_bounded_list_get_instance_private (self);
  return priv->max_items;
}

guint
sock_bounded_list_get_n_dropped (SockBoundedList *self)
{
  SockBoundedListPrivate *priv;

  g_return_val_if_fail (SOCK_IS_BOUNDED_LIST (self), 0);
  priv = sock_bounded_list_get_instance_private (self);
  return priv->n_dropped;
}
