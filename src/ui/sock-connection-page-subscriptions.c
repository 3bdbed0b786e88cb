/* sock-connection-page-subscriptions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subscriptions side bar of a connection page: subscribe to a topic, list what the session
 * holds (and what waits for the session to be joined), unsubscribe. Each row shows its
 * subscription's count and rate, or that it has been silent for a while, refreshed by the page's
 * 1-second timer from the session's counters (no work per event).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-connection-page-private.h"

static const char *
match_name (SockMatch match)
{
  switch (match)
    {
    case SOCK_MATCH_PREFIX:
      return _("Prefix match");
    case SOCK_MATCH_WILDCARD:
      return _("Wildcard match");
    case SOCK_MATCH_EXACT:
    default:
      return _("Exact match");
    }
}

static void
show_error (SockConnectionPage *self,
            const char         *message)
{
  gtk_label_set_text (self->subscribe_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subscribe_error), message != NULL);
}

/* What a row shows of its subscription's counters, and the counts it saw in the last seconds. */
#define N_SAMPLES 6
#define SILENT_AFTER_S 5

typedef struct
{
  GtkLabel *stats;
  gint64    times[N_SAMPLES];   /* monotonic */
  guint64   counts[N_SAMPLES];
  guint     n_samples;
} RowStats;

static GtkWidget *
new_row_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_subscription_row (const char *topic,
                      SockMatch   match,
                      gboolean    pending)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *subtitle;
  g_autofree char *text = NULL;

  text = pending ? g_strdup_printf (_("%s · waits for the session"), match_name (match))
                 : g_strdup (match_name (match));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "subscription-row");
  g_object_set (box, "margin-start", 12, "margin-end", 6, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  /* Long URIs are ellipsized in the row and shown whole in its tooltip. */
  gtk_box_append (GTK_BOX (texts), new_row_label (topic, NULL));
  gtk_widget_set_tooltip_text (gtk_widget_get_first_child (texts), topic);
  if (!pending)
    {
      RowStats *stats = g_new0 (RowStats, 1);

      stats->stats = GTK_LABEL (new_row_label (NULL, "caption"));
      gtk_widget_add_css_class (GTK_WIDGET (stats->stats), "numeric");
      gtk_box_append (GTK_BOX (texts), GTK_WIDGET (stats->stats));
      g_object_set_data_full (G_OBJECT (row), "sock-row-stats", stats, g_free);
    }
  subtitle = new_row_label (text, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Unsubscribe"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.unsubscribe");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(si)", topic, (gint32) match);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unsubscribe"), -1);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* Events per second over the samples kept (the last few seconds); < 0: not known yet. */
static double
sample_rate (RowStats *stats,
             guint64   count,
             gint64    now)
{
  guint last = stats->n_samples - 1;

  /* the page may refresh more often than each second; sample about once a second */
  if (stats->n_samples == 0 || now - stats->times[last] >= G_USEC_PER_SEC * 9 / 10)
    {
      if (stats->n_samples == N_SAMPLES)
        {
          memmove (stats->times, stats->times + 1, (N_SAMPLES - 1) * sizeof stats->times[0]);
          memmove (stats->counts, stats->counts + 1, (N_SAMPLES - 1) * sizeof stats->counts[0]);
          stats->n_samples--;
        }
      stats->times[stats->n_samples] = now;
      stats->counts[stats->n_samples] = count;
      stats->n_samples++;
    }
  last = stats->n_samples - 1;
  if (stats->n_samples < 2 || stats->counts[last] < stats->counts[0])
    return -1;
  return (stats->counts[last] - stats->counts[0]) / ((stats->times[last] - stats->times[0]) / (double) G_USEC_PER_SEC);
}

static void
show_silence (GtkLabel *label,
              gint64    silent_us,
              gint64    last_event_us)
{
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (last_event_us / G_USEC_PER_SEC);
  g_autofree char *when = last ? g_date_time_format (last, "%H:%M:%S") : g_strdup ("?");
  g_autofree char *tooltip = g_strdup_printf (_("The last event came at %s"), when);
  g_autofree char *text = NULL;
  gint64 seconds = silent_us / G_USEC_PER_SEC;

  if (seconds < 120)
    text = g_strdup_printf (_("Silent for %d s"), (int) seconds);
  else
    text = g_strdup_printf (_("Silent for %d min"), (int) (seconds / 60));
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
}

static void
update_row_stats (RowStats                   *stats,
                  const SockSubscriptionInfo *info)
{
  double rate = sample_rate (stats, info->n_events, g_get_monotonic_time ());
  gint64 silent_us = g_get_real_time () - info->last_event_us;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  /* in whole seconds, so that it never says "Silent for 5 s" */
  if (info->n_events > 0 && silent_us / G_USEC_PER_SEC > SILENT_AFTER_S)
    return show_silence (stats->stats, silent_us, info->last_event_us);

  gtk_widget_remove_css_class (GTK_WIDGET (stats->stats), "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (stats->stats), NULL);
  if (info->n_events == 0)
    return gtk_label_set_text (stats->stats, _("No events yet"));

  /* with the locale's thousands separator */
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, info->n_events);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", info->n_events), count);
  if (rate >= 0)
    {
      g_autofree char *with_rate = g_strdup_printf (_("%s · %.1f/s"), text, rate);

      return gtk_label_set_text (stats->stats, with_rate);
    }
  gtk_label_set_text (stats->stats, text);
}

/* Rows and subscriptions are in the same order (the list was just built from them). */
static void
update_stats (SockConnectionPage *self,
              GPtrArray          *subscriptions)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->subscription_list));

  for (guint i = 0; subscriptions != NULL && i < subscriptions->len && row != NULL; i++)
    {
      RowStats *stats = g_object_get_data (G_OBJECT (row), "sock-row-stats");

      if (stats != NULL)
        update_row_stats (stats, g_ptr_array_index (subscriptions, i));
      row = gtk_widget_get_next_sibling (row);
    }
}

static GPtrArray *
current_subscriptions (SockConnectionPage *self)
{
  SockSession *session = sock_connection_get_session (self->connection);

  if (session == NULL || sock_connection_get_state (self->connection) != SOCK_CONNECTION_JOINED)
    return NULL;
  return sock_session_get_subscriptions (session);
}

void
_sock_connection_page_refresh_subscriptions (SockConnectionPage *self)
{
  GPtrArray *subscriptions = current_subscriptions (self);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  for (guint i = 0; subscriptions != NULL && i < subscriptions->len; i++)
    {
      SockSubscriptionInfo *info = g_ptr_array_index (subscriptions, i);

      g_string_append_printf (key, "%d %s\n", info->match, info->topic);
    }
  for (guint i = 0; i < self->pending->len; i++)
    g_string_append_printf (key, "P%s\n", (char *) g_ptr_array_index (self->pending, i));

  if (g_strcmp0 (key->str, self->subscriptions_key) == 0)
    return update_stats (self, subscriptions);
  g_free (self->subscriptions_key);
  self->subscriptions_key = g_strdup (key->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->subscription_list))) != NULL)
    gtk_list_box_remove (self->subscription_list, child);
  for (guint i = 0; subscriptions != NULL && i < subscriptions->len; i++)
    {
      SockSubscriptionInfo *info = g_ptr_array_index (subscriptions, i);

      gtk_list_box_append (self->subscription_list, new_subscription_row (info->topic, info->match, FALSE));
    }
  for (guint i = 0; i < self->pending->len; i++)
    {
      const char *entry = g_ptr_array_index (self->pending, i);

      gtk_list_box_append (self->subscription_list,
                           new_subscription_row (entry + 2, (SockMatch) (entry[0] - '0'), TRUE));
    }
  update_stats (self, subscriptions);
}

GStrv
sock_connection_page_dup_subscriptions (SockConnectionPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *subscriptions;

  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  subscriptions = current_subscriptions (self);
  for (guint i = 0; subscriptions != NULL && i < subscriptions->len; i++)
    {
      SockSubscriptionInfo *info = g_ptr_array_index (subscriptions, i);
      g_autofree char *text = g_strdup_printf ("%s %s", sock_match_to_string (info->match), info->topic);

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  SockConnectionPage *self;
  char               *topic;
} SubscribeData;

static void
subscribe_data_free (SubscribeData *data)
{
  g_object_unref (data->self);
  g_free (data->topic);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SubscribeData, subscribe_data_free)

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SubscribeData) data = user_data;
  SockConnectionPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!sock_session_subscribe_finish (SOCK_SESSION (object), result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not subscribe to %s: %s"), data->topic, error->message);
      show_error (self, message);
      return;
    }

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry)), data->topic) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
  _sock_connection_page_refresh_subscriptions (self);
}

static void
start_subscribe (SockConnectionPage *self,
                 const char         *topic,
                 SockMatch           match)
{
  SockSession *session = sock_connection_get_session (self->connection);

  SubscribeData *data = g_new0 (SubscribeData, 1);

  data->self = g_object_ref (self);
  data->topic = g_strdup (topic);
  show_error (self, NULL);
  sock_session_subscribe_async (session, topic, match, self->cancellable, subscribe_cb, data);
}

void
sock_connection_page_subscribe (SockConnectionPage *self,
                                const char         *topic,
                                SockMatch           match)
{
  g_autofree char *entry = NULL;

  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (self));
  g_return_if_fail (topic != NULL);

  if (sock_connection_get_state (self->connection) == SOCK_CONNECTION_JOINED)
    return start_subscribe (self, topic, match);

  entry = g_strdup_printf ("%d %s", match, topic);
  if (!g_ptr_array_find_with_equal_func (self->pending, entry, g_str_equal, NULL))
    g_ptr_array_add (self->pending, g_steal_pointer (&entry));
  _sock_connection_page_refresh_subscriptions (self);
}

void
_sock_connection_page_flush_pending (SockConnectionPage *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pending->len; i++)
    {
      const char *entry = g_ptr_array_index (pending, i);

      start_subscribe (self, entry + 2, (SockMatch) (entry[0] - '0'));
    }
}

static void
page_subscribe (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  g_autofree char *topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry))));

  if (*topic == '\0')
    return;
  sock_connection_page_subscribe (self, topic, (SockMatch) gtk_drop_down_get_selected (self->match_dropdown));
}

static void
unsubscribe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SockConnectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_session_unsubscribe_finish (SOCK_SESSION (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not unsubscribe: %s"), error->message);
      show_error (self, message);
    }
  _sock_connection_page_refresh_subscriptions (self);
}

static void
page_unsubscribe (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  const char *topic;
  gint32 match;
  g_autofree char *entry = NULL;
  guint index;

  g_variant_get (param, "(&si)", &topic, &match);
  entry = g_strdup_printf ("%d %s", match, topic);
  if (g_ptr_array_find_with_equal_func (self->pending, entry, g_str_equal, &index))
    {
      g_ptr_array_remove_index (self->pending, index);
      _sock_connection_page_refresh_subscriptions (self);
      return;
    }
  if (current_subscriptions (self) == NULL)
    return;

  sock_session_unsubscribe_async (sock_connection_get_session (self->connection), topic, (SockMatch) match,
                                  self->cancellable, unsubscribe_cb, g_object_ref (self));
}

void
_sock_connection_page_on_topic_activate (SockConnectionPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.subscribe", NULL);
}

void
_sock_connection_page_on_topic_changed (SockConnectionPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->topic_entry));
  g_autofree char *topic = g_strstrip (g_strdup (text));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.subscribe", *topic != '\0');
  gtk_entry_set_icon_from_icon_name (self->topic_entry, GTK_ENTRY_ICON_SECONDARY,
                                     *text != '\0' ? "edit-clear-symbolic" : NULL);
}

void
_sock_connection_page_on_topic_icon_release (SockConnectionPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
}

void
_sock_connection_page_install_subscription_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.subscribe", NULL, page_subscribe);
  gtk_widget_class_install_action (widget_class, "page.unsubscribe", "(si)", page_unsubscribe);
}
