/* sock-handshake-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-handshake-history.h"

struct _SockHandshakeHistory
{
  GObject     parent_instance;

  GPtrArray  *attempts;   /* SockHandshakeAttempt, oldest first */
  guint       limit;
  guint       n_dropped;
  GDateTime  *started;    /* of the attempt under way */
  gint64      started_us; /* monotonic, for its duration */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SockHandshakeHistory, sock_handshake_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SOCK_TYPE_HANDSHAKE_ATTEMPT;
}

static guint
get_n_items (GListModel *model)
{
  return SOCK_HANDSHAKE_HISTORY (model)->attempts->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SockHandshakeHistory *self = SOCK_HANDSHAKE_HISTORY (model);

  if (position >= self->attempts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->attempts, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
sock_handshake_history_finalize (GObject *object)
{
  SockHandshakeHistory *self = SOCK_HANDSHAKE_HISTORY (object);

  g_clear_pointer (&self->attempts, g_ptr_array_unref);
  g_clear_pointer (&self->started, g_date_time_unref);

  G_OBJECT_CLASS (sock_handshake_history_parent_class)->finalize (object);
}

static void
sock_handshake_history_class_init (SockHandshakeHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_handshake_history_finalize;
}

static void
sock_handshake_history_init (SockHandshakeHistory *self)
{
  self->attempts = g_ptr_array_new_with_free_func (g_object_unref);
  self->limit = SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT;
}

SockHandshakeHistory *
sock_handshake_history_new (guint limit)
{
  SockHandshakeHistory *self = g_object_new (SOCK_TYPE_HANDSHAKE_HISTORY, NULL);

  self->limit = limit > 0 ? limit : SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT;
  return self;
}

guint
sock_handshake_history_get_limit (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), 0);
  return self->limit;
}

guint
sock_handshake_history_get_n_dropped (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), 0);
  return self->n_dropped;
}

void
sock_handshake_history_append (SockHandshakeHistory *self,
                               SockHandshakeAttempt *attempt)
{
  guint removed = 0;

  g_return_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self));
  g_return_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (attempt));

  if (self->attempts->len >= self->limit)
    {
      removed = self->attempts->len - self->limit + 1;
      g_ptr_array_remove_range (self->attempts, 0, removed);
      self->n_dropped += removed;
    }
  g_ptr_array_add (self->attempts, g_object_ref (attempt));
  /* two changes, not one: a view keeps its selection on the rows that stay */
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), self->attempts->len - 1, 0, 1);
}

SockHandshakeAttempt *
sock_handshake_history_get_last (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);

  if (self->attempts->len == 0)
    return NULL;
  return g_ptr_array_index (self->attempts, self->attempts->len - 1);
}

SockHandshakeAttempt *
sock_handshake_history_find (SockHandshakeHistory *self,
                             SockHandshake        *handshake)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);

  for (guint i = self->attempts->len; i > 0; i--)
    {
      SockHandshakeAttempt *attempt = g_ptr_array_index (self->attempts, i - 1);

      if (sock_handshake_attempt_get_handshake (attempt) == handshake)
        return attempt;
    }
  return NULL;
}

void
sock_handshake_history_begin (SockHandshakeHistory *self)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self));

  g_clear_pointer (&self->started, g_date_time_unref);
  self->started = g_date_time_new_now_utc ();
  self->started_us = g_get_monotonic_time ();
}

SockHandshakeAttempt *
sock_handshake_history_record (SockHandshakeHistory *self,
                               SockHandshake        *handshake,
                               const GError         *error,
                               SockDiagnosis        *diagnosis)
{
  g_autoptr(SockHandshakeAttempt) attempt = NULL;
  double duration_ms = -1;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), NULL);

  if (self->started != NULL)
    duration_ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  attempt = sock_handshake_attempt_new (handshake, error, diagnosis, self->started, duration_ms);
  g_clear_pointer (&self->started, g_date_time_unref);
  sock_handshake_history_append (self, attempt);
  return attempt;
}
