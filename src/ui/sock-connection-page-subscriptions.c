/* sock-connection-page-subscriptions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subscriptions side bar of a connection page: subscribe to a topic, and a list view over the
 * connection's own model of its subscriptions (the rows, SockSubscriptionRow, are made by the
 * factory in the page's .ui). The connection keeps what was asked for, before the join and through
 * reconnects; the page keeps no copy.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-subscription-row.h"
#include "sock-wamp-uri.h"

static void
update_placeholder (SockConnectionPage *self)
{
  GListModel *model = sock_connection_get_subscriptions (self->connection);
  gboolean empty = g_list_model_get_n_items (model) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->subscriptions_placeholder), empty);
  gtk_widget_set_visible (GTK_WIDGET (self->subscription_list), !empty);
}

void
_sock_connection_page_bind_subscriptions (SockConnectionPage *self)
{
  GListModel *model = sock_connection_get_subscriptions (self->connection);

  gtk_no_selection_set_model (self->subscription_selection, model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_placeholder), self, G_CONNECT_SWAPPED);
  update_placeholder (self);
}

GStrv
sock_connection_page_dup_subscriptions (SockConnectionPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *model;

  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  model = sock_connection_get_subscriptions (self->connection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockSubscription) sub = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      if (sock_subscription_get_state (sub) != SOCK_SUBSCRIPTION_ACTIVE)
        continue;
      text = g_strdup_printf ("%s %s", sock_match_to_string (sock_subscription_get_match (sub)),
                              sock_subscription_get_topic (sub));
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

void
sock_connection_page_subscribe (SockConnectionPage *self,
                                const char         *topic,
                                SockMatch           match)
{
  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (self));
  g_return_if_fail (topic != NULL);

  /* what the user asked for, kept for reopening the tab (Recent) */
  sock_connect_options_add_subscription (sock_connection_get_options (self->connection), topic, match);
  sock_connection_subscribe (self->connection, topic, match);
}

/* Checks the topic as it is typed, by the chosen match policy: a problem marks the entry and shows
 * as its warning icon's tooltip (and accessible description); it goes once the topic is fixed. */
static gboolean
check_topic (SockConnectionPage *self,
             const char         *topic)
{
  SockMatch match = (SockMatch) gtk_drop_down_get_selected (self->match_dropdown);
  g_autoptr(GError) error = NULL;
  gboolean bad = *topic != '\0' && !sock_wamp_uri_check (topic, SOCK_WAMP_URI_TOPIC, match, &error);

  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->topic_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->topic_entry), "error");
  gtk_entry_set_icon_from_icon_name (self->topic_entry, GTK_ENTRY_ICON_PRIMARY,
                                     bad ? "dialog-warning-symbolic" : NULL);
  gtk_entry_set_icon_tooltip_text (self->topic_entry, GTK_ENTRY_ICON_PRIMARY, bad ? error->message : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->topic_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  bad ? error->message : "", -1);
  return !bad;
}

static void
page_subscribe (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  g_autofree char *topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry))));

  if (*topic == '\0' || !check_topic (self, topic))
    return;
  sock_connection_page_subscribe (self, topic, (SockMatch) gtk_drop_down_get_selected (self->match_dropdown));
  /* the list shows it from now on, with how it goes */
  gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
}

/* From the Topics view: a topic and its match, as given. */
static void
page_subscribe_topic (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  const char *topic;
  gint32 match;

  g_variant_get (param, "(&si)", &topic, &match);
  if (match >= SOCK_MATCH_EXACT && match <= SOCK_MATCH_WILDCARD)
    sock_connection_page_subscribe (SOCK_CONNECTION_PAGE (widget), topic, (SockMatch) match);
}

static void
page_unsubscribe (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  SockSubscription *sub;
  const char *topic;
  gint32 match;

  g_variant_get (param, "(&si)", &topic, &match);
  sock_connect_options_remove_subscription (sock_connection_get_options (self->connection), topic, match);
  if ((sub = sock_connection_find_subscription (self->connection, topic, (SockMatch) match)) != NULL)
    sock_connection_unsubscribe (self->connection, sub);
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

  /* again whenever the match policy changes: "a..b" is fine as a wildcard pattern */
  if (g_object_get_data (G_OBJECT (self->match_dropdown), "sock-rechecks-topic") == NULL)
    {
      g_object_set_data (G_OBJECT (self->match_dropdown), "sock-rechecks-topic", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (self->match_dropdown, "notify::selected",
                               G_CALLBACK (_sock_connection_page_on_topic_changed), self, G_CONNECT_SWAPPED);
    }
  check_topic (self, topic);
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
  g_type_ensure (SOCK_TYPE_SUBSCRIPTION_ROW);
  gtk_widget_class_install_action (widget_class, "page.subscribe", NULL, page_subscribe);
  gtk_widget_class_install_action (widget_class, "page.unsubscribe", "(si)", page_unsubscribe);
  gtk_widget_class_install_action (widget_class, "page.subscribe-topic", "(si)", page_subscribe_topic);
}
