/* sock-stable-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-stable-list.h"

struct _SockStableList
{
  GObject parent_instance;

  GListModel *model;
  guint n_items;
};

static void sock_stable_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SockStableList, sock_stable_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sock_stable_list_model_init))

static GType
sock_stable_list_get_item_type (GListModel *model)
{
  SockStableList *self = SOCK_STABLE_LIST (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
sock_stable_list_get_n_items (GListModel *model)
{
  return SOCK_STABLE_LIST (model)->n_items;
}

static gpointer
sock_stable_list_get_item (GListModel *model,
                           guint       position)
{
  SockStableList *self = SOCK_STABLE_LIST (model);

  if (self->model == NULL || position >= self->n_items)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
sock_stable_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sock_stable_list_get_item_type;
  iface->get_n_items = sock_stable_list_get_n_items;
  iface->get_item = sock_stable_list_get_item;
}

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  SockStableList *self)
{
  g_assert (removed <= self->n_items);

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

void
sock_stable_list_set_model (SockStableList *self,
                            GListModel     *model)
{
  guint old_n;

  g_return_if_fail (SOCK_IS_STABLE_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  old_n = self->n_items;
  self->n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

static void
sock_stable_list_dispose (GObject *object)
{
  SockStableList *self = SOCK_STABLE_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (sock_stable_list_parent_class)->dispose (object);
}

static void
sock_stable_list_class_init (SockStableListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sock_stable_list_dispose;
}

static void
sock_stable_list_init (SockStableList *self)
{
}

SockStableList *
sock_stable_list_new (void)
{
  return g_object_new (SOCK_TYPE_STABLE_LIST, NULL);
}
