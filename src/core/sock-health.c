/* sock-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The latency window is a ring of the last answered calls' latencies; its percentiles are worked
 * out at most once a second, when a call came in since. Errors come from the statistics, which
 * count them as they happen; the model is rebuilt only when a count changed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sock-health.h"

struct _SockHealth
{
  GObject       parent_instance;

  SockTimeline *timeline;
  GListStore   *errors;        /* SockHealthError */
  guint64       counted[SOCK_STATS_N_ERROR_KINDS];

  gint64        latencies[SOCK_HEALTH_LATENCY_WINDOW];
  guint64       n_calls;
  gboolean      latency_dirty;
  SockLatency   latency;

  gint64        uptime;
  gint64        disconnected;
  guint         reconnects;
  char         *idle_close_hint;
};

G_DEFINE_FINAL_TYPE (SockHealth, sock_health, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_ERRORS,
  PROP_UPTIME,
  PROP_DISCONNECTED,
  PROP_RECONNECTS,
  PROP_N_CALLS,
  PROP_LATENCY_P50,
  PROP_LATENCY_P95,
  PROP_LATENCY_MAX,
  PROP_N_ERRORS,
  PROP_IDLE_CLOSE_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_health_finalize (GObject *object)
{
  SockHealth *self = SOCK_HEALTH (object);

  g_clear_object (&self->timeline);
  g_clear_object (&self->errors);
  g_clear_pointer (&self->idle_close_hint, g_free);

  G_OBJECT_CLASS (sock_health_parent_class)->finalize (object);
}

static void
sock_health_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SockHealth *self = SOCK_HEALTH (object);

  switch (prop_id)
    {
    case PROP_TIMELINE: g_value_set_object (value, self->timeline); break;
    case PROP_ERRORS: g_value_set_object (value, self->errors); break;
    case PROP_UPTIME: g_value_set_int64 (value, self->uptime); break;
    case PROP_DISCONNECTED: g_value_set_int64 (value, self->disconnected); break;
    case PROP_RECONNECTS: g_value_set_uint (value, self->reconnects); break;
    case PROP_N_CALLS: g_value_set_uint64 (value, self->latency.n_calls); break;
    case PROP_LATENCY_P50: g_value_set_int64 (value, self->latency.n_calls ? self->latency.p50_us : -1); break;
    case PROP_LATENCY_P95: g_value_set_int64 (value, self->latency.n_calls ? self->latency.p95_us : -1); break;
    case PROP_LATENCY_MAX: g_value_set_int64 (value, self->latency.n_calls ? self->latency.max_us : -1); break;
    case PROP_N_ERRORS: g_value_set_uint64 (value, sock_health_get_n_errors (self)); break;
    case PROP_IDLE_CLOSE_HINT: g_value_set_string (value, self->idle_close_hint); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_health_class_init (SockHealthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_health_finalize;
  object_class->get_property = sock_health_get_property;

  properties[PROP_TIMELINE] = g_param_spec_object ("timeline", NULL, NULL, SOCK_TYPE_TIMELINE, flags);
  properties[PROP_ERRORS] = g_param_spec_object ("errors", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_UPTIME] = g_param_spec_int64 ("uptime", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISCONNECTED] = g_param_spec_int64 ("disconnected", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RECONNECTS] = g_param_spec_uint ("reconnects", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CALLS] = g_param_spec_uint64 ("n-calls", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_LATENCY_P50] = g_param_spec_int64 ("latency-p50", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_LATENCY_P95] = g_param_spec_int64 ("latency-p95", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_LATENCY_MAX] = g_param_spec_int64 ("latency-max", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_N_ERRORS] = g_param_spec_uint64 ("n-errors", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_IDLE_CLOSE_HINT] = g_param_spec_string ("idle-close-hint", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_health_init (SockHealth *self)
{
  self->timeline = sock_timeline_new (SOCK_TIMELINE_DEFAULT_MAX_ENTRIES);
  self->errors = g_list_store_new (SOCK_TYPE_HEALTH_ERROR);
}

SockHealth *
sock_health_new (void)
{
  return g_object_new (SOCK_TYPE_HEALTH, NULL);
}

SockTimeline *
sock_health_get_timeline (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), NULL);
  return self->timeline;
}

GListModel *
sock_health_get_errors (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), NULL);
  return G_LIST_MODEL (self->errors);
}

void
sock_health_record_state (SockHealth *self,
                          int         state,
                          const char *reason,
                          guint       close_code,
                          gint64      mono_us,
                          gint64      real_us)
{
  g_return_if_fail (SOCK_IS_HEALTH (self));
  sock_timeline_record (self->timeline, state, reason, close_code, mono_us, real_us);
}

void
sock_health_record_call (SockHealth *self,
                         gint64      latency_us)
{
  g_return_if_fail (SOCK_IS_HEALTH (self));

  self->latencies[self->n_calls % SOCK_HEALTH_LATENCY_WINDOW] = MAX (latency_us, 0);
  self->n_calls++;
  self->latency_dirty = TRUE;
}

static void
set_hint (SockHealth *self,
          char       *hint)
{
  if (g_strcmp0 (hint, self->idle_close_hint) == 0)
    {
      g_free (hint);
      return;
    }
  g_free (self->idle_close_hint);
  self->idle_close_hint = hint;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_CLOSE_HINT]);
}

void
sock_health_record_loss (SockHealth *self,
                         guint       quiet_s,
                         guint       keepalive_s)
{
  g_return_if_fail (SOCK_IS_HEALTH (self));
  set_hint (self, sock_health_describe_idle_close (quiet_s, keepalive_s));
}

char *
sock_health_describe_idle_close (guint quiet_s,
                                 guint keepalive_s)
{
  static const struct { guint seconds; const char *who; } timeouts[] = {
    { 60, N_("nginx (proxy_read_timeout) and cloud load balancers such as AWS ELB") },
    { 100, N_("Cloudflare") },
  };
  g_autofree char *what = NULL;
  g_autofree char *advice = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (timeouts) && what == NULL; i++)
    {
      guint bound = timeouts[i].seconds;
      guint slack = MAX (bound / 10, 3);

      if (quiet_s + slack >= bound && quiet_s <= bound + slack)
        what = g_strdup_printf (_("The connection closed after %u s in which nothing came from the server: close to "
                                  "the %u s idle timeout of %s. A proxy between you and the server may have "
                                  "closed it."), quiet_s, bound, _(timeouts[i].who));
    }
  if (what == NULL)
    return NULL;
  if (keepalive_s == 0)
    advice = g_strdup (_("Keepalive is off for this connection: turn it on in the connection settings "
                         "(Keepalive, e.g. 25 s), so that pings and their answers keep the proxy from timing "
                         "it out."));
  else
    advice = g_strdup_printf (_("Keepalive pings every %u s did not keep it open: set Keepalive in the connection "
                                "settings well below the proxy's timeout (e.g. 25 s), and check that the server "
                                "answers pings."), keepalive_s);
  return g_strconcat (what, " ", advice, NULL);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentiles over the window. */
static void
update_latency (SockHealth *self)
{
  guint n = (guint) MIN (self->n_calls, SOCK_HEALTH_LATENCY_WINDOW);
  g_autofree gint64 *sorted = NULL;
  SockLatency old = self->latency;

  if (!self->latency_dirty || n == 0)
    return;
  self->latency_dirty = FALSE;
  sorted = g_memdup2 (self->latencies, n * sizeof (gint64));
  qsort (sorted, n, sizeof (gint64), compare_gint64);
  self->latency = (SockLatency) {
    .n_calls = self->n_calls,
    .p50_us = sorted[MIN (n - 1, (n * 50 + 99) / 100 - 1)],
    .p95_us = sorted[MIN (n - 1, (n * 95 + 99) / 100 - 1)],
    .max_us = sorted[n - 1],
  };
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CALLS]);
  if (old.p50_us != self->latency.p50_us || old.n_calls == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_P50]);
  if (old.p95_us != self->latency.p95_us || old.n_calls == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_P95]);
  if (old.max_us != self->latency.max_us || old.n_calls == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_MAX]);
}

/* For g_ptr_array_sort_with_data (): a and b point at the elements. */
static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SockHealthError *x = *(SockHealthError **) a;
  SockHealthError *y = *(SockHealthError **) b;
  guint64 nx = sock_health_error_get_count (x);
  guint64 ny = sock_health_error_get_count (y);

  if (nx != ny)
    return nx > ny ? -1 : 1;
  return g_strcmp0 (sock_health_error_get_uri (x), sock_health_error_get_uri (y));
}

static void
update_errors (SockHealth *self,
               SockStats  *stats)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) wamp = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) uris = NULL;
  gboolean changed = FALSE;
  guint64 other;

  for (guint kind = 0; kind < SOCK_STATS_N_ERROR_KINDS; kind++)
    if (sock_stats_get_errors (stats, kind) != self->counted[kind])
      changed = TRUE;
  if (!changed)
    return;

  for (guint kind = 0; kind < SOCK_STATS_N_ERROR_KINDS; kind++)
    self->counted[kind] = sock_stats_get_errors (stats, kind);
  if (self->counted[SOCK_STATS_ERROR_PROTOCOL] > 0)
    g_ptr_array_add (rows, sock_health_error_new (SOCK_STATS_ERROR_PROTOCOL, NULL,
                                                  self->counted[SOCK_STATS_ERROR_PROTOCOL]));
  if (self->counted[SOCK_STATS_ERROR_TIMEOUT] > 0)
    g_ptr_array_add (rows, sock_health_error_new (SOCK_STATS_ERROR_TIMEOUT, NULL,
                                                  self->counted[SOCK_STATS_ERROR_TIMEOUT]));
  uris = sock_stats_dup_wamp_error_uris (stats);
  other = self->counted[SOCK_STATS_ERROR_WAMP];
  for (guint i = 0; uris[i] != NULL; i++)
    {
      guint64 count = sock_stats_get_wamp_errors (stats, uris[i]);

      g_ptr_array_add (wamp, sock_health_error_new (SOCK_STATS_ERROR_WAMP, uris[i], count));
      other -= MIN (other, count);
    }
  g_ptr_array_sort_with_data (wamp, compare_counts, NULL);
  if (other > 0)
    g_ptr_array_add (wamp, sock_health_error_new (SOCK_STATS_ERROR_WAMP, NULL, other));
  g_ptr_array_extend_and_steal (rows, g_steal_pointer (&wamp));
  g_list_store_splice (self->errors, 0, g_list_model_get_n_items (G_LIST_MODEL (self->errors)),
                       rows->pdata, rows->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
}

void
sock_health_update (SockHealth *self,
                    SockStats  *stats,
                    gint64      now_mono_us)
{
  gint64 uptime, disconnected;
  guint reconnects;

  g_return_if_fail (SOCK_IS_HEALTH (self));
  g_return_if_fail (SOCK_IS_STATS (stats));

  uptime = sock_timeline_get_uptime (self->timeline, now_mono_us);
  disconnected = sock_timeline_get_disconnected (self->timeline, now_mono_us);
  reconnects = sock_timeline_get_reconnects (self->timeline);
  if (uptime != self->uptime)
    {
      self->uptime = uptime;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPTIME]);
    }
  if (disconnected != self->disconnected)
    {
      self->disconnected = disconnected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCONNECTED]);
    }
  if (reconnects != self->reconnects)
    {
      self->reconnects = reconnects;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTS]);
    }
  update_latency (self);
  update_errors (self, stats);
}

gint64
sock_health_get_uptime (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), 0);
  return self->uptime;
}

gint64
sock_health_get_disconnected (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), 0);
  return self->disconnected;
}

guint
sock_health_get_reconnects (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), 0);
  return self->reconnects;
}

guint64
sock_health_get_n_errors (SockHealth *self)
{
  guint64 n = 0;

  g_return_val_if_fail (SOCK_IS_HEALTH (self), 0);

  for (guint kind = 0; kind < SOCK_STATS_N_ERROR_KINDS; kind++)
    n += self->counted[kind];
  return n;
}

gboolean
sock_health_get_latency (SockHealth  *self,
                         SockLatency *out)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = self->latency;
  return self->latency.n_calls > 0;
}

const char *
sock_health_get_idle_close_hint (SockHealth *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH (self), NULL);
  return self->idle_close_hint;
}
