/* sock-timeline-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-connection.h"
#include "sock-diagnosis.h"
#include "sock-timeline-entry.h"

struct _SockTimelineEntry
{
  GObject  parent_instance;

  gint64   time_us;
  int      state;
  char    *reason;
  guint    close_code;
  char    *close_words;
};

G_DEFINE_FINAL_TYPE (SockTimelineEntry, sock_timeline_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_STATE,
  PROP_TITLE,
  PROP_REASON,
  PROP_CLOSE_CODE,
  PROP_CLOSE_WORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_timeline_entry_finalize (GObject *object)
{
  SockTimelineEntry *self = SOCK_TIMELINE_ENTRY (object);

  g_free (self->reason);
  g_free (self->close_words);

  G_OBJECT_CLASS (sock_timeline_entry_parent_class)->finalize (object);
}

static void
sock_timeline_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SockTimelineEntry *self = SOCK_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TIME: g_value_set_int64 (value, self->time_us); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_TITLE: g_value_set_string (value, sock_timeline_entry_get_title (self)); break;
    case PROP_REASON: g_value_set_string (value, self->reason); break;
    case PROP_CLOSE_CODE: g_value_set_uint (value, self->close_code); break;
    case PROP_CLOSE_WORDS: g_value_set_string (value, self->close_words); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_timeline_entry_class_init (SockTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_timeline_entry_finalize;
  object_class->get_property = sock_timeline_entry_get_property;

  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_CLOSE_CODE] = g_param_spec_uint ("close-code", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CLOSE_WORDS] = g_param_spec_string ("close-words", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_timeline_entry_init (SockTimelineEntry *self)
{
}

static char *
describe_code (guint code)
{
  const char *meaning = sock_close_code_describe (code);

  if (code == 0)
    return NULL;
  if (meaning != NULL)
    return g_strdup_printf (_("Close code %u: %s"), code, meaning);
  return g_strdup_printf (_("Close code %u"), code);
}

SockTimelineEntry *
sock_timeline_entry_new (gint64      time_us,
                         int         state,
                         const char *reason,
                         guint       close_code)
{
  SockTimelineEntry *self = g_object_new (SOCK_TYPE_TIMELINE_ENTRY, NULL);

  self->time_us = time_us;
  self->state = state;
  self->reason = g_strdup (reason);
  self->close_code = close_code;
  self->close_words = describe_code (close_code);
  return self;
}

gint64
sock_timeline_entry_get_time (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), 0);
  return self->time_us;
}

int
sock_timeline_entry_get_state (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), 0);
  return self->state;
}

const char *
sock_timeline_entry_get_title (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), NULL);

  switch ((SockConnectionState) self->state)
    {
    case SOCK_CONNECTION_CONNECTING: return _("Connecting");
    case SOCK_CONNECTION_JOINED: return _("Joined");
    case SOCK_CONNECTION_NOT_RESPONDING: return _("Not responding");
    case SOCK_CONNECTION_RECONNECTING: return _("Reconnecting");
    case SOCK_CONNECTION_CLOSED:
    default: return _("Closed");
    }
}

const char *
sock_timeline_entry_get_reason (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), NULL);
  return self->reason;
}

guint
sock_timeline_entry_get_close_code (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), 0);
  return self->close_code;
}

const char *
sock_timeline_entry_get_close_words (SockTimelineEntry *self)
{
  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), NULL);
  return self->close_words;
}

char *
sock_timeline_entry_dup_time_text (SockTimelineEntry *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (SOCK_IS_TIMELINE_ENTRY (self), NULL);

  utc = g_date_time_new_from_unix_utc (self->time_us / G_USEC_PER_SEC);
  local = utc ? g_date_time_to_local (utc) : NULL;
  return local ? g_date_time_format (local, "%H:%M:%S") : g_strdup ("");
}
