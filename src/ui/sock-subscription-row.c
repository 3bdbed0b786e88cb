/* sock-subscription-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row follows its subscription's notifications (at most one per second each, see
 * SockSubscription). Only the silence text depends on the clock: it ticks once a second while the
 * row is mapped and its subscription has had an event.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-number-format.h"
#include "sock-session.h"
#include "sock-subscription-row.h"

struct _SockSubscriptionRow
{
  GtkWidget         parent_instance;

  SockSubscription *subscription;
  GSignalGroup     *signals;
  guint             silence_id;

  GtkLabel         *topic_label;
  GtkLabel         *stats_label;
  GtkLabel         *match_label;
  GtkWidget        *unsubscribe_button;
};

G_DEFINE_FINAL_TYPE (SockSubscriptionRow, sock_subscription_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUBSCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
match_name (int match)
{
  switch (match)
    {
    case SOCK_MATCH_PREFIX: return _("Prefix match");
    case SOCK_MATCH_WILDCARD: return _("Wildcard match");
    case SOCK_MATCH_EXACT:
    default: return _("Exact match");
    }
}

static const char *
state_words (SockSubscriptionState state)
{
  switch (state)
    {
    case SOCK_SUBSCRIPTION_PENDING: return _("waits for the join");
    case SOCK_SUBSCRIPTION_RESTORING: return _("restoring…");
    case SOCK_SUBSCRIPTION_FAILED: return _("failed");
    case SOCK_SUBSCRIPTION_ACTIVE:
    default: return NULL;
    }
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  /* the same text still re-measures the label */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
set_style (GtkWidget  *widget,
           const char *css_class)
{
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

static char *
dup_count_text (SockSubscription *sub)
{
  guint64 n = 0;
  double rate = 0;
  g_autofree char *count = NULL;
  g_autofree char *events = NULL;

  g_object_get (sub, "n-events", &n, "rate", &rate, NULL);
  if (n == 0)
    return g_strdup (_("No events yet"));
  /* with the locale's thousands separator, unless Preferences say not to */
  count = sock_format_count (n);
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", n), count);
  return g_strdup_printf (_("%s · %.1f/s"), events, rate);
}

/* How long it has been silent, or NULL while events come. */
static char *
dup_silence_text (SockSubscription *sub,
                  char            **tooltip)
{
  gint64 last = 0;
  gint64 seconds;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *clock = NULL;

  g_object_get (sub, "last-event-time", &last, NULL);
  if (last == 0)
    return NULL;
  seconds = (g_get_real_time () - last) / G_USEC_PER_SEC;
  /* in whole seconds, so that it never says "Silent for 5 s" */
  if (seconds <= SOCK_SUBSCRIPTION_ROW_SILENT_AFTER_S)
    return NULL;
  when = g_date_time_new_from_unix_local (last / G_USEC_PER_SEC);
  clock = when ? g_date_time_format (when, "%H:%M:%S") : g_strdup ("?");
  *tooltip = g_strdup_printf (_("The last event came at %s"), clock);
  if (seconds < 120)
    return g_strdup_printf (_("Silent for %d s"), (int) seconds);
  return g_strdup_printf (_("Silent for %d min"), (int) (seconds / 60));
}

static void update_silence_timer (SockSubscriptionRow *self);

static void
update_stats (SockSubscriptionRow *self)
{
  SockSubscription *sub = self->subscription;
  SockSubscriptionState state = sock_subscription_get_state (sub);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  const char *style = NULL;

  if (state == SOCK_SUBSCRIPTION_FAILED)
    {
      text = g_strdup (sock_subscription_get_error (sub));
      style = "error";
    }
  else if (state == SOCK_SUBSCRIPTION_ACTIVE && (text = dup_silence_text (sub, &tooltip)) != NULL)
    style = "warning";
  else
    text = dup_count_text (sub);
  set_label (self->stats_label, text);
  set_style (GTK_WIDGET (self->stats_label), style);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stats_label),
                               state == SOCK_SUBSCRIPTION_FAILED ? text : tooltip);
  update_silence_timer (self);
}

static void
grouping_changed_cb (SockSubscriptionRow *self)
{
  if (self->subscription != NULL)
    update_stats (self);
}

static gboolean
silence_tick (gpointer data)
{
  update_stats (data);
  return G_SOURCE_CONTINUE;
}

static void
update_silence_timer (SockSubscriptionRow *self)
{
  gboolean wanted = self->subscription != NULL && gtk_widget_get_mapped (GTK_WIDGET (self))
                    && sock_subscription_get_state (self->subscription) == SOCK_SUBSCRIPTION_ACTIVE
                    && sock_subscription_get_last_event_time (self->subscription) != 0;

  if (wanted && self->silence_id == 0)
    self->silence_id = g_timeout_add_seconds (1, silence_tick, self);
  else if (!wanted)
    g_clear_handle_id (&self->silence_id, g_source_remove);
}

static void
update_state (SockSubscriptionRow *self)
{
  SockSubscription *sub = self->subscription;
  const char *words = state_words (sock_subscription_get_state (sub));
  const char *match = match_name (sock_subscription_get_match (sub));
  g_autofree char *text = words ? g_strdup_printf (_("%s · %s"), match, words) : g_strdup (match);

  set_label (self->match_label, text);
  update_stats (self);
}

static void
bind (SockSubscriptionRow *self)
{
  const char *topic = sock_subscription_get_topic (self->subscription);

  /* long URIs are ellipsized in the row and shown whole in its tooltip */
  set_label (self->topic_label, topic);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->topic_label), topic);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->unsubscribe_button), "(si)", topic,
                                    (gint32) sock_subscription_get_match (self->subscription));
  /* after its target, which the action's parameter type needs */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->unsubscribe_button), "page.unsubscribe");
  update_state (self);
}

void
sock_subscription_row_set_subscription (SockSubscriptionRow *self,
                                        SockSubscription    *subscription)
{
  g_return_if_fail (SOCK_IS_SUBSCRIPTION_ROW (self));
  g_return_if_fail (subscription == NULL || SOCK_IS_SUBSCRIPTION (subscription));

  if (!g_set_object (&self->subscription, subscription))
    return;
  g_signal_group_set_target (self->signals, subscription);
  if (subscription != NULL)
    bind (self);
  else
    g_clear_handle_id (&self->silence_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIPTION]);
}

SockSubscription *
sock_subscription_row_get_subscription (SockSubscriptionRow *self)
{
  g_return_val_if_fail (SOCK_IS_SUBSCRIPTION_ROW (self), NULL);
  return self->subscription;
}

static void
sock_subscription_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sock_subscription_row_parent_class)->map (widget);
  if (SOCK_SUBSCRIPTION_ROW (widget)->subscription != NULL)
    update_stats (SOCK_SUBSCRIPTION_ROW (widget));
}

static void
sock_subscription_row_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sock_subscription_row_parent_class)->unmap (widget);
  g_clear_handle_id (&SOCK_SUBSCRIPTION_ROW (widget)->silence_id, g_source_remove);
}

static void
sock_subscription_row_dispose (GObject *object)
{
  SockSubscriptionRow *self = SOCK_SUBSCRIPTION_ROW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->silence_id, g_source_remove);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->subscription);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_SUBSCRIPTION_ROW);
  /* the template's unnamed box is ours to unparent */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sock_subscription_row_parent_class)->dispose (object);
}

static void
sock_subscription_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SUBSCRIPTION: g_value_set_object (value, SOCK_SUBSCRIPTION_ROW (object)->subscription); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_subscription_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SUBSCRIPTION:
      sock_subscription_row_set_subscription (SOCK_SUBSCRIPTION_ROW (object), g_value_get_object (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_subscription_row_class_init (SockSubscriptionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_subscription_row_dispose;
  object_class->get_property = sock_subscription_row_get_property;
  object_class->set_property = sock_subscription_row_set_property;
  widget_class->map = sock_subscription_row_map;
  widget_class->unmap = sock_subscription_row_unmap;

  properties[PROP_SUBSCRIPTION] =
    g_param_spec_object ("subscription", NULL, NULL, SOCK_TYPE_SUBSCRIPTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-subscription-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SockSubscriptionRow, topic_label);
  gtk_widget_class_bind_template_child (widget_class, SockSubscriptionRow, stats_label);
  gtk_widget_class_bind_template_child (widget_class, SockSubscriptionRow, match_label);
  gtk_widget_class_bind_template_child (widget_class, SockSubscriptionRow, unsubscribe_button);
}

static void
sock_subscription_row_init (SockSubscriptionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (SOCK_TYPE_SUBSCRIPTION);
  g_signal_group_connect_object (self->signals, "notify::state", G_CALLBACK (update_state), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::error", G_CALLBACK (update_stats), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::n-events", G_CALLBACK (update_stats), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::rate", G_CALLBACK (update_stats), self,
                                 G_CONNECT_SWAPPED);
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
}
