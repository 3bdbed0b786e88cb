/* sock-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-connection.h"
#include "sock-timeline.h"

struct _SockTimeline
{
  GObject    parent_instance;

  GPtrArray *entries;       /* SockTimelineEntry, oldest first */
  guint      max_entries;
  guint      n_dropped;

  int        state;
  gboolean   joined_once;
  gboolean   up;            /* joined or not responding */
  gint64     up_since;      /* monotonic */
  gint64     down_since;    /* monotonic; 0 before the first join */
  gint64     down_total;    /* finished down periods since the first join */
  guint      reconnects;
  guint      drops;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SockTimeline, sock_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SOCK_TYPE_TIMELINE_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return SOCK_TIMELINE (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SockTimeline *self = SOCK_TIMELINE (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
sock_timeline_finalize (GObject *object)
{
  SockTimeline *self = SOCK_TIMELINE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (sock_timeline_parent_class)->finalize (object);
}

static void
sock_timeline_class_init (SockTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_timeline_finalize;
}

static void
sock_timeline_init (SockTimeline *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->state = SOCK_CONNECTION_CLOSED;
}

SockTimeline *
sock_timeline_new (guint max_entries)
{
  SockTimeline *self = g_object_new (SOCK_TYPE_TIMELINE, NULL);

  self->max_entries = MAX (max_entries, 1);
  return self;
}

static gboolean
is_up (int state)
{
  return state == SOCK_CONNECTION_JOINED || state == SOCK_CONNECTION_NOT_RESPONDING;
}

static void
account (SockTimeline *self,
         int           state,
         gint64        mono_us)
{
  gboolean up = is_up (state);

  if (up && !self->up)
    {
      if (self->joined_once)
        {
          self->reconnects++;
          self->down_total += mono_us - self->down_since;
        }
      self->joined_once = TRUE;
      self->up_since = mono_us;
    }
  else if (!up && self->up)
    {
      self->down_since = mono_us;
      if (state == SOCK_CONNECTION_RECONNECTING)
        self->drops++;
    }
  self->up = up;
  self->state = state;
}

void
sock_timeline_record (SockTimeline *self,
                      int           state,
                      const char   *reason,
                      guint         close_code,
                      gint64        mono_us,
                      gint64        real_us)
{
  guint removed = 0;

  g_return_if_fail (SOCK_IS_TIMELINE (self));

  account (self, state, mono_us);
  if (self->entries->len >= self->max_entries)
    {
      removed = self->entries->len - self->max_entries + 1;
      g_ptr_array_remove_range (self->entries, 0, removed);
      self->n_dropped += removed;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }
  g_ptr_array_add (self->entries, sock_timeline_entry_new (real_us, state, reason, close_code));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
}

gint64
sock_timeline_get_uptime (SockTimeline *self,
                          gint64        now_mono_us)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE (self), 0);
  return self->up ? MAX (now_mono_us - self->up_since, 0) : 0;
}

gint64
sock_timeline_get_disconnected (SockTimeline *self,
                                gint64        now_mono_us)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE (self), 0);

  if (!self->joined_once)
    return 0;
  return self->down_total + (self->up ? 0 : MAX (now_mono_us - self->down_since, 0));
}

guint
sock_timeline_get_reconnects (SockTimeline *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE (self), 0);
  return self->reconnects;
}

guint
sock_timeline_get_drops (SockTimeline *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE (self), 0);
  return self->drops;
}

guint
sock_timeline_get_n_dropped (SockTimeline *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE (self), 0);
  return self->n_dropped;
}
