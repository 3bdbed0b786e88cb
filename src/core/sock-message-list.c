/* sock-message-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-message-list.h"

/* Matches leaving the head only move mhead; the array is compacted once that wastes half. */
#define COMPACT_MIN 4096

struct _SockMessageList
{
  GObject parent_instance;

  SockMessageLog *log;
  SockMessageFilter *filter;
  gulong filter_changed_id;

  /* With a filter: the matching sequence numbers are matches[mhead..len), in order. */
  GArray *matches;
  guint mhead;
  /* Rows below scanned_end have been tested already. */
  guint64 scanned_end;

  /* What the last items-changed announced: n_items rows, from first_seq without a filter or
   * from matches[mhead] with one. A flush that evicts and appends is told in two steps, and
   * during each one the model must answer for the state after that step only. */
  guint64 first_seq;
  guint n_items;
};

static void sock_message_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SockMessageList, sock_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sock_message_list_model_init))

enum {
  PROP_0,
  PROP_LOG,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_matches (SockMessageList *self)
{
  return self->matches->len - self->mhead;
}

static guint
get_n_items (SockMessageList *self)
{
  return self->n_items;
}

static guint
log_n_notified (SockMessageLog *log)
{
  return (guint) (sock_message_log_get_notified_end (log) -
                  sock_message_log_get_notified_first (log));
}

/* Takes the current window of the log (or of the matches) as announced. */
static void
sync_announced (SockMessageList *self)
{
  self->first_seq = sock_message_log_get_notified_first (self->log);
  self->n_items = self->filter != NULL ? n_matches (self) : log_n_notified (self->log);
}

static GType
sock_message_list_get_item_type (GListModel *model)
{
  return SOCK_TYPE_MESSAGE_ITEM;
}

static guint
sock_message_list_get_n_items (GListModel *model)
{
  return get_n_items (SOCK_MESSAGE_LIST (model));
}

static gpointer
sock_message_list_get_item (GListModel *model,
                            guint       position)
{
  SockMessageList *self = SOCK_MESSAGE_LIST (model);
  guint64 seq = sock_message_list_get_seq (self, position);

  if (seq == G_MAXUINT64)
    return NULL;
  return sock_message_item_new (self->log, seq);
}

static void
sock_message_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sock_message_list_get_item_type;
  iface->get_n_items = sock_message_list_get_n_items;
  iface->get_item = sock_message_list_get_item;
}

guint64
sock_message_list_get_seq (SockMessageList *self,
                           guint            position)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LIST (self), G_MAXUINT64);

  if (position >= get_n_items (self))
    return G_MAXUINT64;
  if (self->filter != NULL)
    return g_array_index (self->matches, guint64, self->mhead + position);
  return self->first_seq + position;
}

/* Removed rows leave at 0 and added ones arrive at the end; one call covers both only when
 * nothing is kept in between. first_seq is where the unfiltered window starts afterwards. */
static void
emit_changes (SockMessageList *self,
              guint64          first_seq,
              guint            removed,
              guint            added)
{
  guint old_n = self->n_items;

  g_assert (removed <= old_n);
  if (removed == 0 && added == 0)
    return;
  self->first_seq = first_seq;
  if (removed > 0 && added > 0 && removed < old_n)
    {
      self->n_items = old_n - removed;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->n_items += added;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n - removed, 0, added);
    }
  else
    {
      self->n_items = old_n - removed + added;
      g_list_model_items_changed (G_LIST_MODEL (self), removed > 0 ? 0 : old_n, removed, added);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Drops matches evicted from the log, tests the rows appended since the last scan once, and
 * returns how many matches left (*removed) and came (*added). */
static void
update_matches (SockMessageList *self,
                guint           *removed,
                guint           *added)
{
  guint64 first = sock_message_log_get_notified_first (self->log);
  guint64 end = sock_message_log_get_notified_end (self->log);
  guint old_head = self->mhead;
  guint old_len = self->matches->len;

  while (self->mhead < self->matches->len &&
         g_array_index (self->matches, guint64, self->mhead) < first)
    self->mhead++;
  for (guint64 seq = MAX (self->scanned_end, first); seq < end; seq++)
    if (sock_message_filter_match_seq (self->filter, self->log, seq))
      g_array_append_val (self->matches, seq);
  self->scanned_end = end;

  *removed = self->mhead - old_head;
  *added = self->matches->len - old_len;

  if (self->mhead > COMPACT_MIN && self->mhead > self->matches->len / 2)
    {
      g_array_remove_range (self->matches, 0, self->mhead);
      self->mhead = 0;
    }
}

static void
on_log_changed (SockMessageList *self,
                guint            removed,
                guint            added,
                SockMessageLog  *log)
{
  if (self->filter != NULL)
    update_matches (self, &removed, &added);
  emit_changes (self, sock_message_log_get_notified_first (log), removed, added);
}

static void
rebuild (SockMessageList *self,
         guint            old_n)
{
  guint removed;
  guint added;

  g_array_set_size (self->matches, 0);
  self->mhead = 0;
  self->scanned_end = 0;
  if (self->filter != NULL)
    update_matches (self, &removed, &added);
  sync_announced (self);

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_filter_changed (SockMessageList *self)
{
  rebuild (self, get_n_items (self));
}

SockMessageList *
sock_message_list_new (SockMessageLog *log)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  return g_object_new (SOCK_TYPE_MESSAGE_LIST, "log", log, NULL);
}

SockMessageLog *
sock_message_list_get_log (SockMessageList *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LIST (self), NULL);
  return self->log;
}

SockMessageFilter *
sock_message_list_get_filter (SockMessageList *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LIST (self), NULL);
  return self->filter;
}

void
sock_message_list_set_filter (SockMessageList   *self,
                              SockMessageFilter *filter)
{
  guint old_n;

  g_return_if_fail (SOCK_IS_MESSAGE_LIST (self));
  g_return_if_fail (filter == NULL || SOCK_IS_MESSAGE_FILTER (filter));

  if (self->filter == filter)
    return;

  old_n = get_n_items (self);

  g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    self->filter_changed_id = g_signal_connect_object (filter, "changed",
                                                       G_CALLBACK (on_filter_changed), self,
                                                       G_CONNECT_SWAPPED);
  rebuild (self, old_n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

static void
sock_message_list_set_log (SockMessageList *self,
                           SockMessageLog  *log)
{
  g_assert (self->log == NULL);

  self->log = g_object_ref (log);
  sync_announced (self);
  g_signal_connect_object (log, "changed", G_CALLBACK (on_log_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
sock_message_list_dispose (GObject *object)
{
  SockMessageList *self = (SockMessageList *)object;

  g_clear_signal_handler (&self->filter_changed_id, self->filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (sock_message_list_parent_class)->dispose (object);
}

static void
sock_message_list_finalize (GObject *object)
{
  SockMessageList *self = (SockMessageList *)object;

  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (sock_message_list_parent_class)->finalize (object);
}

static void
sock_message_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockMessageList *self = SOCK_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SockMessageList *self = SOCK_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOG:
      sock_message_list_set_log (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      sock_message_list_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_list_class_init (SockMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sock_message_list_dispose;
  object_class->finalize = sock_message_list_finalize;
  object_class->get_property = sock_message_list_get_property;
  object_class->set_property = sock_message_list_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, SOCK_TYPE_MESSAGE_LOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, SOCK_TYPE_MESSAGE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_message_list_init (SockMessageList *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint64));
}
