/* sock-health-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are bound to the connection's SockHealth (notified at most once a second by the
 * connection's tick); the charts are the only thing this view updates itself, from a one-second
 * timeout that exists only while the view is mapped.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-health-view.h"
#include "sock-number-format.h"

#define N_CHARTS 3

struct _SockHealthView
{
  GtkWidget       parent_instance;

  SockConnection *connection;
  char           *range;
  guint           refresh_id;
  guint           n_updates;
  GtkWidget      *charts[N_CHARTS];
  GBinding       *counts[5];        /* reconnects, answered calls, call latencies (weak) */

  /* template */
  GtkWidget      *scroller;
  GtkWidget      *idle_hint_box;
  GtkLabel       *idle_hint_label;
  GtkBox         *charts_box;
  GtkLabel       *uptime_label;
  GtkLabel       *reconnects_label;
  GtkLabel       *disconnected_label;
  AdwPreferencesGroup *calls_group;
  GtkLabel       *p50_label;
  GtkLabel       *p95_label;
  GtkLabel       *max_label;
  GtkListBox     *errors_list;
  GtkListBox     *timeline_list;
};

G_DEFINE_FINAL_TYPE (SockHealthView, sock_health_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Charts */

static void
refresh (SockHealthView *self)
{
  SockChartRange range = g_strcmp0 (self->range, "hour") == 0 ? SOCK_CHART_RANGE_HOUR : SOCK_CHART_RANGE_5_MIN;
  SockStats *stats = self->connection ? sock_connection_get_stats (self->connection) : NULL;

  self->n_updates++;
  for (guint i = 0; i < N_CHARTS; i++)
    sock_chart_update (SOCK_CHART (self->charts[i]), stats, range);
}

static gboolean
refresh_cb (gpointer data)
{
  refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
sock_health_view_map (GtkWidget *widget)
{
  SockHealthView *self = SOCK_HEALTH_VIEW (widget);

  GTK_WIDGET_CLASS (sock_health_view_parent_class)->map (widget);
  refresh (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds (1, refresh_cb, self);
}

static void
sock_health_view_unmap (GtkWidget *widget)
{
  SockHealthView *self = SOCK_HEALTH_VIEW (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (sock_health_view_parent_class)->unmap (widget);
}

static void
add_chart (SockHealthView        *self,
           guint                  i,
           const char            *title,
           SockChartUnit          unit,
           const SockStatsSeries *series,
           const char * const    *names,
           guint                  n_series)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  if (i > 0)
    gtk_widget_set_margin_top (label, 12);
  gtk_box_append (self->charts_box, label);
  self->charts[i] = sock_chart_new (unit, series, names, n_series);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->charts[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (self->charts_box, self->charts[i]);
}

static void
add_charts (SockHealthView *self)
{
  const char *in_out[] = { _("In"), _("Out"), NULL };
  const char *rtt[] = { _("Ping round trip"), NULL };

  add_chart (self, 0, _("Messages per second"), SOCK_CHART_UNIT_RATE,
             (SockStatsSeries[]) { SOCK_STATS_MESSAGES_IN, SOCK_STATS_MESSAGES_OUT }, in_out, 2);
  add_chart (self, 1, _("Bytes per second"), SOCK_CHART_UNIT_BYTES,
             (SockStatsSeries[]) { SOCK_STATS_BYTES_IN, SOCK_STATS_BYTES_OUT }, in_out, 2);
  add_chart (self, 2, _("Round trip"), SOCK_CHART_UNIT_TIME, (SockStatsSeries[]) { SOCK_STATS_RTT }, rtt, 1);
}

/* Figures */

static char *
format_duration (gint64 us)
{
  gint64 s = us / G_USEC_PER_SEC;

  if (s < 60)
    return g_strdup_printf (_("%u s"), (guint) s);
  if (s < 3600)
    return g_strdup_printf (_("%u min %02u s"), (guint) (s / 60), (guint) (s % 60));
  if (s < 86400)
    return g_strdup_printf (_("%u h %02u min"), (guint) (s / 3600), (guint) (s % 3600 / 60));
  return g_strdup_printf (_("%u d %u h"), (guint) (s / 86400), (guint) (s % 86400 / 3600));
}

static gboolean
duration_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_take_string (to, format_duration (g_value_get_int64 (from)));
  return TRUE;
}

static gboolean
count_text (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  g_value_take_string (to, sock_format_count (g_value_get_uint (from)));
  return TRUE;
}

static gboolean
latency_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  gint64 us = g_value_get_int64 (from);

  if (us < 0)
    g_value_set_string (to, "—");
  else
    g_value_take_string (to, sock_format_milliseconds (us));
  return TRUE;
}

static gboolean
calls_text (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  guint64 n = MIN (g_value_get_uint64 (from), SOCK_HEALTH_LATENCY_WINDOW);
  g_autofree char *count = sock_format_count (n);

  if (n == 0)
    g_value_set_string (to, _("No call answered yet"));
  else
    g_value_take_string (to, g_strdup_printf (ngettext ("Over the last %s answered call",
                                                        "Over the last %s answered calls", (gulong) n),
                                              count));
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

/* The figures that hold counts: bound again when digit grouping changes. */
static void
bind_counts (SockHealthView *self,
             SockHealth     *health)
{
  const struct {
    const char            *property;
    gpointer               target;
    const char            *target_property;
    GBindingTransformFunc  text;
  } figures[G_N_ELEMENTS (self->counts)] = {
    { "reconnects", self->reconnects_label, "label", count_text },
    { "n-calls", self->calls_group, "description", calls_text },
    { "latency-p50", self->p50_label, "label", latency_text },
    { "latency-p95", self->p95_label, "label", latency_text },
    { "latency-max", self->max_label, "label", latency_text },
  };

  for (guint i = 0; i < G_N_ELEMENTS (self->counts); i++)
    {
      if (self->counts[i] != NULL)
        g_binding_unbind (self->counts[i]);
      g_set_weak_pointer (&self->counts[i],
                          g_object_bind_property_full (health, figures[i].property, figures[i].target,
                                                       figures[i].target_property, G_BINDING_SYNC_CREATE,
                                                       figures[i].text, NULL, NULL, NULL));
    }
}

static void
bind_figures (SockHealthView *self,
              SockHealth     *health)
{
  bind_counts (self, health);
  g_object_bind_property_full (health, "uptime", self->uptime_label, "label", G_BINDING_SYNC_CREATE,
                               duration_text, NULL, NULL, NULL);
  g_object_bind_property_full (health, "disconnected", self->disconnected_label, "label", G_BINDING_SYNC_CREATE,
                               duration_text, NULL, NULL, NULL);
  g_object_bind_property (health, "idle-close-hint", self->idle_hint_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (health, "idle-close-hint", self->idle_hint_box, "visible", G_BINDING_SYNC_CREATE,
                               is_set, NULL, NULL, NULL);
}

/* Lists */

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* server text: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  return row;
}

static GtkWidget *
create_error_row (gpointer item,
                  gpointer user_data)
{
  SockHealthError *error = item;
  GtkWidget *row = new_row (sock_health_error_get_title (error), sock_health_error_get_meaning (error));
  g_autofree char *count = sock_format_count (sock_health_error_get_count (error));
  GtkWidget *label = gtk_label_new (count);

  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static const char *
state_icon (int state)
{
  switch ((SockConnectionState) state)
    {
    case SOCK_CONNECTION_JOINED: return "emblem-ok-symbolic";
    case SOCK_CONNECTION_NOT_RESPONDING: return "dialog-warning-symbolic";
    case SOCK_CONNECTION_RECONNECTING: return "view-refresh-symbolic";
    case SOCK_CONNECTION_CONNECTING: return "network-transmit-receive-symbolic";
    case SOCK_CONNECTION_CLOSED:
    default: return "network-offline-symbolic";
    }
}

static const char *
state_style (int state)
{
  switch ((SockConnectionState) state)
    {
    case SOCK_CONNECTION_JOINED: return "success";
    case SOCK_CONNECTION_NOT_RESPONDING:
    case SOCK_CONNECTION_RECONNECTING: return "warning";
    case SOCK_CONNECTION_CLOSED: return "error";
    case SOCK_CONNECTION_CONNECTING:
    default: return "dim-label";
    }
}

static GtkWidget *
create_timeline_row (gpointer item,
                     gpointer user_data)
{
  SockTimelineEntry *entry = item;
  const char *reason = sock_timeline_entry_get_reason (entry);
  const char *words = sock_timeline_entry_get_close_words (entry);
  g_autofree char *subtitle = reason && words ? g_strdup_printf ("%s\n%s", reason, words)
                                             : g_strdup (reason ? reason : words);
  GtkWidget *row = new_row (sock_timeline_entry_get_title (entry), subtitle);
  g_autofree char *time = sock_timeline_entry_dup_time_text (entry);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *icon = gtk_image_new_from_icon_name (state_icon (sock_timeline_entry_get_state (entry)));

  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_add_css_class (icon, state_style (sock_timeline_entry_get_state (entry)));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), time_label);
  return row;
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

static void
bind_lists (SockHealthView *self,
            SockHealth     *health)
{
  GtkExpression *time = gtk_property_expression_new (SOCK_TYPE_TIMELINE_ENTRY, NULL, "time");
  GtkNumericSorter *sorter = gtk_numeric_sorter_new (time);
  GtkSortListModel *newest_first = NULL;

  gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
  newest_first = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (sock_health_get_timeline (health))),
                                          GTK_SORTER (sorter));
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (newest_first), create_timeline_row, NULL, NULL);
  g_object_unref (newest_first);
  gtk_list_box_bind_model (self->errors_list, sock_health_get_errors (health), create_error_row, NULL, NULL);
}

/* Digit grouping turned on or off: the figures and the error counts again. */
static void
grouping_changed_cb (SockHealthView *self)
{
  SockHealth *health;

  if (self->connection == NULL)
    return;
  health = sock_connection_get_health (self->connection);
  bind_counts (self, health);
  gtk_list_box_bind_model (self->errors_list, sock_health_get_errors (health), create_error_row, NULL, NULL);
}

/* API */

void
sock_health_view_set_connection (SockHealthView *self,
                                 SockConnection *connection)
{
  SockHealth *health;

  g_return_if_fail (SOCK_IS_HEALTH_VIEW (self));
  g_return_if_fail (SOCK_IS_CONNECTION (connection));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  health = sock_connection_get_health (connection);
  bind_figures (self, health);
  bind_lists (self, health);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

const char *
sock_health_view_get_range (SockHealthView *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_VIEW (self), NULL);
  return self->range;
}

void
sock_health_view_set_range (SockHealthView *self,
                            const char     *range)
{
  g_return_if_fail (SOCK_IS_HEALTH_VIEW (self));
  g_return_if_fail (g_strcmp0 (range, "5min") == 0 || g_strcmp0 (range, "hour") == 0);

  if (g_strcmp0 (self->range, range) == 0)
    return;
  g_free (self->range);
  self->range = g_strdup (range);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
}

SockChart *
sock_health_view_get_chart (SockHealthView *self,
                            guint           i)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_VIEW (self), NULL);
  g_return_val_if_fail (i < N_CHARTS, NULL);
  return SOCK_CHART (self->charts[i]);
}

guint
sock_health_view_get_n_updates (SockHealthView *self)
{
  g_return_val_if_fail (SOCK_IS_HEALTH_VIEW (self), 0);
  return self->n_updates;
}

GtkWidget *
sock_health_view_new (void)
{
  return g_object_new (SOCK_TYPE_HEALTH_VIEW, NULL);
}

/* GObject */

static void
sock_health_view_dispose (GObject *object)
{
  SockHealthView *self = SOCK_HEALTH_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->counts); i++)
    g_clear_weak_pointer (&self->counts[i]);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_HEALTH_VIEW);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sock_health_view_parent_class)->dispose (object);
}

static void
sock_health_view_finalize (GObject *object)
{
  g_free (SOCK_HEALTH_VIEW (object)->range);

  G_OBJECT_CLASS (sock_health_view_parent_class)->finalize (object);
}

static void
sock_health_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RANGE: g_value_set_string (value, SOCK_HEALTH_VIEW (object)->range); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_health_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RANGE: sock_health_view_set_range (SOCK_HEALTH_VIEW (object), g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_health_view_class_init (SockHealthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_health_view_dispose;
  object_class->finalize = sock_health_view_finalize;
  object_class->get_property = sock_health_view_get_property;
  object_class->set_property = sock_health_view_set_property;
  widget_class->map = sock_health_view_map;
  widget_class->unmap = sock_health_view_unmap;

  properties[PROP_RANGE] =
    g_param_spec_string ("range", NULL, NULL, "5min",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-health-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, idle_hint_box);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, idle_hint_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, uptime_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, reconnects_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, disconnected_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, calls_group);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, p50_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, p95_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, max_label);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, errors_list);
  gtk_widget_class_bind_template_child (widget_class, SockHealthView, timeline_list);
  gtk_widget_class_install_property_action (widget_class, "health.range", "range");
  gtk_widget_class_set_css_name (widget_class, "healthview");
}

static void
sock_health_view_init (SockHealthView *self)
{
  self->range = g_strdup ("5min");
  gtk_widget_init_template (GTK_WIDGET (self));
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
  add_charts (self);
  gtk_list_box_set_placeholder (self->errors_list, placeholder (_("No errors")));
  gtk_list_box_set_placeholder (self->timeline_list, placeholder (_("Nothing happened yet")));
}
