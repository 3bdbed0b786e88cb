/* sock-raw-composer-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-raw-composer-item.h"
#include "sock-raw-payload.h"

#define SUMMARY_CHARS 60
#define BINARY_MARK   "base64"

struct _SockRawComposerItem
{
  GObject   parent_instance;

  gboolean  is_text;
  GBytes   *payload;
  char     *summary;
  char     *time;
};

G_DEFINE_FINAL_TYPE (SockRawComposerItem, sock_raw_composer_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_SUMMARY,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_raw_composer_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SockRawComposerItem *self = SOCK_RAW_COMPOSER_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_string (value, self->is_text ? "TEXT" : "BINARY"); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_TIME: g_value_set_string (value, self->time); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_raw_composer_item_finalize (GObject *object)
{
  SockRawComposerItem *self = SOCK_RAW_COMPOSER_ITEM (object);

  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->time, g_free);
  G_OBJECT_CLASS (sock_raw_composer_item_parent_class)->finalize (object);
}

static void
sock_raw_composer_item_class_init (SockRawComposerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sock_raw_composer_item_get_property;
  object_class->finalize = sock_raw_composer_item_finalize;
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_raw_composer_item_init (SockRawComposerItem *self)
{
}

/* When it was sent: the time of day, or the day when it was not today. */
static void
set_time (SockRawComposerItem *self,
          gint64               time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_free (self->time);
  if (when == NULL)
    self->time = g_strdup ("");
  else if (g_date_time_get_year (when) == g_date_time_get_year (now)
           && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    self->time = g_date_time_format (when, "%H:%M:%S");
  else
    self->time = g_date_time_format (when, "%Y-%m-%d");
}

SockRawComposerItem *
sock_raw_composer_item_new (gboolean  is_text,
                            GBytes   *payload)
{
  SockRawComposerItem *self;

  g_return_val_if_fail (payload != NULL, NULL);

  self = g_object_new (SOCK_TYPE_RAW_COMPOSER_ITEM, NULL);
  self->is_text = is_text;
  self->payload = g_bytes_ref (payload);
  self->summary = sock_raw_payload_describe (payload, is_text, SUMMARY_CHARS);
  set_time (self, g_get_real_time ());
  return self;
}

SockRawComposerItem *
sock_raw_composer_item_new_from_entry (SockSendEntry *entry)
{
  const char *args;
  g_autoptr(GBytes) payload = NULL;
  gboolean is_text;
  SockRawComposerItem *self;

  g_return_val_if_fail (SOCK_IS_SEND_ENTRY (entry), NULL);

  args = sock_send_entry_get_args (entry) ? sock_send_entry_get_args (entry) : "";
  is_text = g_strcmp0 (sock_send_entry_get_kwargs (entry), BINARY_MARK) != 0;
  if (is_text)
    payload = g_bytes_new (args, strlen (args));
  else
    {
      gsize len = 0;
      guchar *data = *args != '\0' ? g_base64_decode (args, &len) : NULL;

      payload = g_bytes_new_take (data, len);
    }
  self = sock_raw_composer_item_new (is_text, payload);
  set_time (self, sock_send_entry_get_time (entry));
  return self;
}

SockSendEntry *
sock_raw_composer_item_dup_entry (SockRawComposerItem *self)
{
  gsize len;
  const guint8 *data;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER_ITEM (self), NULL);

  data = g_bytes_get_data (self->payload, &len);
  if (len > SOCK_RAW_COMPOSER_ITEM_MAX_KEPT)
    return NULL;
  if (self->is_text)
    {
      text = g_strndup ((const char *) data, len);
      return sock_send_entry_new (SOCK_SEND_RAW, NULL, text, NULL);
    }
  text = g_base64_encode (data, len);
  return sock_send_entry_new (SOCK_SEND_RAW, NULL, text, BINARY_MARK);
}

gboolean
sock_raw_composer_item_get_is_text (SockRawComposerItem *self)
{
  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER_ITEM (self), FALSE);
  return self->is_text;
}

GBytes *
sock_raw_composer_item_get_payload (SockRawComposerItem *self)
{
  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER_ITEM (self), NULL);
  return self->payload;
}

const char *
sock_raw_composer_item_get_summary (SockRawComposerItem *self)
{
  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER_ITEM (self), NULL);
  return self->summary;
}
