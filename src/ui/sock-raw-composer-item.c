/* sock-raw-composer-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-raw-composer-item.h"
#include "sock-raw-payload.h"

#define SUMMARY_CHARS 60

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
  sock_raw_composer_item_touch (self);
  return self;
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

void
sock_raw_composer_item_touch (SockRawComposerItem *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (SOCK_IS_RAW_COMPOSER_ITEM (self));
  g_free (self->time);
  self->time = g_date_time_format (now, "%H:%M:%S");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}
