/* sock-message-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-message-item.h"
#include "sock-wamp-message.h"

/* Enough for the widest message column; the detail view shows the rest. */
#define PREVIEW_BYTES 160
#define PREVIEW_HEX_BYTES 32

struct _SockMessageItem
{
  GObject parent_instance;

  guint64 seq;
  gboolean evicted;
  SockLogEntry entry;
  char *time_text;
  char *uri;
  char *preview;
};

G_DEFINE_FINAL_TYPE (SockMessageItem, sock_message_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_EVICTED,
  PROP_TIME_US,
  PROP_TIME_TEXT,
  PROP_DIRECTION,
  PROP_KIND,
  PROP_TYPE,
  PROP_FLAGS,
  PROP_URI,
  PROP_REQUEST_ID,
  PROP_SIZE,
  PROP_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The local time of the last second formatted: a flood's rows share their seconds, and finding
 * the local time zone costs a file lookup each time. */
G_LOCK_DEFINE_STATIC (last_second);
static gint64 last_second = G_MININT64;
static char last_hms[16];

static char *
format_time (gint64 time_us)
{
  gint64 second = time_us / G_USEC_PER_SEC - (time_us % G_USEC_PER_SEC < 0 ? 1 : 0);
  int ms = (int) ((time_us % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC / 1000);
  char hms[16];

  G_LOCK (last_second);
  if (second != last_second)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (second);

      if (dt != NULL)
        g_snprintf (last_hms, sizeof last_hms, "%02d:%02d:%02d", g_date_time_get_hour (dt),
                    g_date_time_get_minute (dt), g_date_time_get_second (dt));
      last_second = dt != NULL ? second : G_MININT64;
      if (dt == NULL)
        last_hms[0] = '\0';
    }
  memcpy (hms, last_hms, sizeof hms);
  G_UNLOCK (last_second);
  if (hms[0] == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%s.%03d", hms, ms);
}

static char *
preview_hex (const guint8 *raw,
             gsize         len)
{
  GString *s = g_string_sized_new (PREVIEW_HEX_BYTES * 3 + 4);

  for (gsize i = 0; i < MIN (len, PREVIEW_HEX_BYTES); i++)
    g_string_append_printf (s, i > 0 ? " %02x" : "%02x", raw[i]);
  if (len > PREVIEW_HEX_BYTES)
    g_string_append (s, " …");
  return g_string_free (s, FALSE);
}

static char *
preview_text (const guint8 *raw,
              gsize         len)
{
  gsize cut = MIN (len, PREVIEW_BYTES);
  char *text = g_utf8_make_valid ((const char *) raw, cut);

  /* One line: a row must not grow with the payload's newlines. */
  for (char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  if (cut < len)
    {
      char *more = g_strconcat (text, "…", NULL);

      g_free (text);
      text = more;
    }
  return text;
}

static void
append_range (GString       *out,
              SockJsonRange  range)
{
  if (range.data == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, range.data, MIN (range.len, PREVIEW_BYTES));
}

/* What a reader looks for in a WAMP message is its payload, not the envelope the other columns
 * already show: "[4] {"time":…}" for an EVENT, the error URI and its args for an ERROR, the
 * options of a SUBSCRIBE. NULL when the frame does not decode (the raw text is shown then). */
static char *
preview_wamp (SockLogKind   kind,
              const guint8 *raw,
              gsize         len)
{
  g_auto(SockWampMessage) message = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean is_error;

  if (!sock_wamp_decode (kind == SOCK_LOG_KIND_WAMP1 ? SOCK_WAMP_V1 : SOCK_WAMP_V2, (const char *) raw, len,
                         &message, NULL))
    return NULL;

  is_error = (kind == SOCK_LOG_KIND_WAMP2 && (message.type == SOCK_WAMP_ERROR || message.type == SOCK_WAMP_ABORT ||
                                              message.type == SOCK_WAMP_GOODBYE)) ||
             (kind == SOCK_LOG_KIND_WAMP1 && message.type == SOCK_WAMP1_CALLERROR);
  if (is_error && sock_wamp_message_get_uri (&message) != NULL)
    g_string_append (out, sock_wamp_message_get_uri (&message));
  if (kind == SOCK_LOG_KIND_WAMP1 && message.type == SOCK_WAMP1_CALLERROR)
    {
      if (sock_wamp_message_get_error_desc (&message) != NULL)
        g_string_append_printf (out, " “%s”", sock_wamp_message_get_error_desc (&message));
      append_range (out, message.error_details);
    }
  append_range (out, message.args);
  append_range (out, message.kwargs);
  if (out->len == 0 && message.details.len > 2)
    append_range (out, message.details);

  return out->len > 0 ? preview_text ((const guint8 *) out->str, out->len) : NULL;
}

/* Reads message seq of log into self, replacing what it held. */
static void
load (SockMessageItem *self,
      SockMessageLog  *log,
      guint64          seq)
{
  const guint8 *raw = NULL;
  gsize len = 0;

  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->preview, g_free);
  memset (&self->entry, 0, sizeof self->entry);
  self->seq = seq;
  self->evicted = !sock_message_log_peek (log, seq, &self->entry, &raw, &len);
  if (self->evicted)
    {
      self->time_text = g_strdup ("");
      self->preview = g_strdup ("");
      return;
    }

  self->time_text = format_time (self->entry.time_us);
  self->uri = g_strdup (sock_message_log_get_uri (log, self->entry.uri));
  if (self->entry.flags & SOCK_LOG_FLAG_BINARY)
    self->preview = preview_hex (raw, len);
  else if (self->entry.flags & SOCK_LOG_FLAG_SERIALIZED)
    {
      /* MessagePack or CBOR: previewed from its JSON form, as a JSON frame would be */
      g_autofree char *json = sock_log_entry_dup_json (&self->entry, raw, len, NULL);

      if (json == NULL)
        self->preview = preview_hex (raw, len);
      else if ((self->preview = preview_wamp (self->entry.kind, (const guint8 *) json, strlen (json))) == NULL)
        /* nothing but the envelope (a CALL without arguments): its JSON, not its bytes as text */
        self->preview = preview_text ((const guint8 *) json, strlen (json));
    }
  else if (self->entry.kind == SOCK_LOG_KIND_WAMP1 || self->entry.kind == SOCK_LOG_KIND_WAMP2)
    self->preview = preview_wamp (self->entry.kind, raw, len);
  if (self->preview == NULL)
    self->preview = preview_text (raw, len);
}

SockMessageItem *
sock_message_item_new (SockMessageLog *log,
                       guint64         seq)
{
  SockMessageItem *self;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  self = g_object_new (SOCK_TYPE_MESSAGE_ITEM, NULL);
  load (self, log, seq);
  return self;
}

/**
 * sock_message_item_reload:
 * @self: a #SockMessageItem
 * @log: the log that holds message @seq
 * @seq: the message to show from now on
 *
 * Makes @self the item of another message, for a table row that stays in place while the
 * messages it shows change (the newest rows of a flood). Nothing is notified: whoever shows
 * the item binds it again.
 */
void
sock_message_item_reload (SockMessageItem *self,
                          SockMessageLog  *log,
                          guint64          seq)
{
  g_return_if_fail (SOCK_IS_MESSAGE_ITEM (self));
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (log));

  load (self, log, seq);
}

guint64
sock_message_item_get_seq (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->seq;
}

gboolean
sock_message_item_get_evicted (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), TRUE);
  return self->evicted;
}

gint64
sock_message_item_get_time_us (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.time_us;
}

const char *
sock_message_item_get_time_text (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), NULL);
  return self->time_text;
}

SockLogDirection
sock_message_item_get_direction (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.direction;
}

SockLogKind
sock_message_item_get_kind (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.kind;
}

guint
sock_message_item_get_msg_type (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.type;
}

guint
sock_message_item_get_flags (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.flags;
}

const char *
sock_message_item_get_uri (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), NULL);
  return self->uri;
}

guint64
sock_message_item_get_request_id (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.request_id;
}

guint
sock_message_item_get_size (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), 0);
  return self->entry.size;
}

const char *
sock_message_item_get_preview (SockMessageItem *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_ITEM (self), NULL);
  return self->preview;
}

static void
sock_message_item_finalize (GObject *object)
{
  SockMessageItem *self = (SockMessageItem *)object;

  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->preview, g_free);

  G_OBJECT_CLASS (sock_message_item_parent_class)->finalize (object);
}

static void
sock_message_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockMessageItem *self = SOCK_MESSAGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_SEQ: g_value_set_uint64 (value, self->seq); break;
    case PROP_EVICTED: g_value_set_boolean (value, self->evicted); break;
    case PROP_TIME_US: g_value_set_int64 (value, self->entry.time_us); break;
    case PROP_TIME_TEXT: g_value_set_string (value, self->time_text); break;
    case PROP_DIRECTION: g_value_set_enum (value, self->entry.direction); break;
    case PROP_KIND: g_value_set_enum (value, self->entry.kind); break;
    case PROP_TYPE: g_value_set_uint (value, self->entry.type); break;
    case PROP_FLAGS: g_value_set_uint (value, self->entry.flags); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_REQUEST_ID: g_value_set_uint64 (value, self->entry.request_id); break;
    case PROP_SIZE: g_value_set_uint (value, self->entry.size); break;
    case PROP_PREVIEW: g_value_set_string (value, self->preview); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_item_class_init (SockMessageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_message_item_finalize;
  object_class->get_property = sock_message_item_get_property;

  /* Read-only: an item is a snapshot of one row and never changes. */
  properties[PROP_SEQ] = g_param_spec_uint64 ("seq", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_EVICTED] = g_param_spec_boolean ("evicted", NULL, NULL, FALSE, flags);
  properties[PROP_TIME_US] =
    g_param_spec_int64 ("time-us", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TIME_TEXT] = g_param_spec_string ("time-text", NULL, NULL, NULL, flags);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, SOCK_TYPE_LOG_DIRECTION, 0, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, SOCK_TYPE_LOG_KIND, 0, flags);
  properties[PROP_TYPE] = g_param_spec_uint ("type", NULL, NULL, 0, G_MAXUINT8, 0, flags);
  properties[PROP_FLAGS] = g_param_spec_uint ("flags", NULL, NULL, 0, G_MAXUINT8, 0, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_REQUEST_ID] =
    g_param_spec_uint64 ("request-id", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_SIZE] = g_param_spec_uint ("size", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_message_item_init (SockMessageItem *self)
{
}
