/* sock-health-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-health-error.h"
#include "sock-session.h"

struct _SockHealthError
{
  GObject             parent_instance;

  SockStatsErrorKind  kind;
  char               *uri;
  guint64             count;
};

G_DEFINE_FINAL_TYPE (SockHealthError, sock_health_error, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_URI,
  PROP_COUNT,
  PROP_MEANING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_health_error_finalize (GObject *object)
{
  g_free (SOCK_HEALTH_ERROR (object)->uri);

  G_OBJECT_CLASS (sock_health_error_parent_class)->finalize (object);
}

static void
sock_health_error_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockHealthError *self = SOCK_HEALTH_ERROR (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_TITLE: g_value_set_string (value, sock_health_error_get_title (self)); break;
    case PROP_URI: g_value_set_string (value, self->uri); break;
    case PROP_COUNT: g_value_set_uint64 (value, self->count); break;
    case PROP_MEANING: g_value_set_string (value, sock_health_error_get_meaning (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_health_error_class_init (SockHealthErrorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_health_error_finalize;
  object_class->get_property = sock_health_error_get_property;

  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, SOCK_STATS_N_ERROR_KINDS, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_uint64 ("count", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_MEANING] = g_param_spec_string ("meaning", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_health_error_init (SockHealthError *self)
{
}

SockHealthError *
sock_health_error_new (SockStatsErrorKind  kind,
                       const char         *uri,
                       guint64             count)
{
  SockHealthError *self;

  g_return_val_if_fail (kind < SOCK_STATS_N_ERROR_KINDS, NULL);

  self = g_object_new (SOCK_TYPE_HEALTH_ERROR, NULL);
  self->kind = kind;
  self->uri = g_strdup (uri);
  self->count = count;
  return self;
}

SockStatsErrorKind
sock_health_error_get_kind (SockHealthError *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_ERROR (self), 0);
  return self->kind;
}

const char *
sock_health_error_get_title (SockHealthError *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_ERROR (self), NULL);

  switch (self->kind)
    {
    case SOCK_STATS_ERROR_PROTOCOL: return _("Protocol violations");
    case SOCK_STATS_ERROR_TIMEOUT: return _("Timeouts");
    case SOCK_STATS_ERROR_WAMP:
    case SOCK_STATS_N_ERROR_KINDS:
    default: return self->uri ? self->uri : _("Other WAMP errors");
    }
}

const char *
sock_health_error_get_uri (SockHealthError *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_ERROR (self), NULL);
  return self->uri;
}

guint64
sock_health_error_get_count (SockHealthError *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_ERROR (self), 0);
  return self->count;
}

const char *
sock_health_error_get_meaning (SockHealthError *self)
{
  const char *meaning;

  g_return_val_if_fail (SOCK_IS_HEALTH_ERROR (self), NULL);

  switch (self->kind)
    {
    case SOCK_STATS_ERROR_PROTOCOL:
      return _("Messages that broke the protocol or could not be read: see the log");
    case SOCK_STATS_ERROR_TIMEOUT:
      return _("A ping or a WAMP request whose answer did not come within its deadline");
    case SOCK_STATS_ERROR_WAMP:
    case SOCK_STATS_N_ERROR_KINDS:
    default:
      if (self->uri == NULL)
        return _("Error URIs beyond the first ones counted");
      meaning = sock_wamp_uri_explain (self->uri);
      return meaning ? meaning : _("Not a standard WAMP error: the application defines what it means");
    }
}
