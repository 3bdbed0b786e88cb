/* sock-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-connection.h"
#include "sock-timeline.h"

struct _SockTimeline
{
  SockBoundedList parent_instance;   /* SockTimelineEntry, oldest first */

  int             state;
  gboolean        joined_once;
  gboolean        up;            /* joined or not responding */
  gint64          up_since;      /* monotonic */
  gint64          down_since;    /* monotonic; 0 before the first join */
  gint64          down_total;    /* finished down periods since the first join */
  guint           reconnects;
  guint           drops;
};

G_DEFINE_FINAL_TYPE (SockTimeline, sock_timeline, SOCK_TYPE_BOUNDED_LIST)

static void
sock_timeline_class_init (SockTimelineClass *klass)
{
}

static void
sock_timeline_init (SockTimeline *self)
{
  self->state = SOCK_CONNECTION_CLOSED;
}

SockTimeline *
sock_timeline_new (guint max_entries)
{
  return g_object_new (SOCK_TYPE_TIMELINE,
                       "item-type", SOCK_TYPE_TIMELINE_ENTRY,
                       "max-items", MAX (max_entries, 1),
                       NULL);
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
  g_autoptr(SockTimelineEntry) entry = NULL;

  g_return_if_fail (SOCK_IS_TIMELINE (self));

  account (self, state, mono_us);
  entry = sock_timeline_entry_new (real_us, state, reason, close_code);
  sock_bounded_list_append (SOCK_BOUNDED_LIST (self), entry);
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
  return sock_bounded_list_get_n_dropped (SOCK_BOUNDED_LIST (self));
}
