/* sock-topic-view-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a node offers: subscribe and unsubscribe through the connection page's own actions (so
 * that the side bar, Recent and the reconnects know of it), show its messages, copy its URI;
 * from the button, the context menu and the keyboard.
 *
 * On WAMP v2 a node with children is one prefix subscription, a leaf an exact one. WAMP v1 has
 * no prefix match: an inner node stands for the URIs seen below it, each subscribed exactly.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-topic-view-private.h"

/* Subscriptions ------------------------------------------------------------------------- */

static gboolean
has_children (SockTopicNode *node)
{
  return g_list_model_get_n_items (sock_topic_node_get_children (node)) > 0;
}

static gboolean
is_subscribed (SockTopicView *self,
               const char    *topic,
               SockMatch      match)
{
  return sock_connection_find_subscription (self->connection, topic, match) != NULL;
}

/* The URIs seen at or below node, each once: what WAMP v1 subscribes to for an inner node. */
static void
collect_topics (SockTopicNode *node,
                GPtrArray     *topics)
{
  GListModel *children = sock_topic_node_get_children (node);

  if (sock_topic_node_get_own_count (node) > 0)
    g_ptr_array_add (topics, (gpointer) sock_topic_node_get_path (node));
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(SockTopicNode) child = g_list_model_get_item (children, i);

      collect_topics (child, topics);
    }
}

/* What subscribing to node means here: topics (owned by the tree) with one match for all. */
static GPtrArray *
node_topics (SockTopicView *self,
             SockTopicNode *node,
             SockMatch     *match)
{
  GPtrArray *topics = g_ptr_array_new ();

  *match = SOCK_MATCH_EXACT;
  if (g_str_equal (sock_topic_node_get_path (node), SOCK_TOPIC_TREE_OVERFLOW))
    return topics;
  if (!has_children (node))
    g_ptr_array_add (topics, (gpointer) sock_topic_node_get_path (node));
  else if (sock_connection_get_kind (self->connection) == SOCK_SESSION_KIND_WAMP1)
    collect_topics (node, topics);
  else
    {
      *match = SOCK_MATCH_PREFIX;
      g_ptr_array_add (topics, (gpointer) sock_topic_node_get_path (node));
    }
  return topics;
}

/* How many of node's topics are subscribed, out of how many. */
static guint
count_subscribed (SockTopicView *self,
                  SockTopicNode *node,
                  guint         *n_topics)
{
  SockMatch match;
  g_autoptr(GPtrArray) topics = node_topics (self, node, &match);
  guint n = 0;

  for (guint i = 0; i < topics->len; i++)
    n += is_subscribed (self, g_ptr_array_index (topics, i), match);
  *n_topics = topics->len;
  return n;
}

static void
change_subscriptions (SockTopicView *self,
                      gboolean       subscribe)
{
  SockTopicNode *node = _sock_topic_view_get_selected (self);
  g_autoptr(GPtrArray) topics = NULL;
  SockMatch match;

  if (node == NULL || self->connection == NULL)
    return;
  topics = node_topics (self, node, &match);
  for (guint i = 0; i < topics->len; i++)
    {
      const char *topic = g_ptr_array_index (topics, i);

      if (subscribe != is_subscribed (self, topic, match))
        gtk_widget_activate_action (GTK_WIDGET (self), subscribe ? "page.subscribe-topic" : "page.unsubscribe",
                                    "(si)", topic, (gint32) match);
    }
}

void
_sock_topic_view_update_actions (SockTopicView *self)
{
  SockTopicNode *node = _sock_topic_view_get_selected (self);
  gboolean wamp = self->connection != NULL && sock_connection_get_kind (self->connection) != SOCK_SESSION_KIND_RAW;
  guint n_topics = 0, n_subscribed = 0;
  gboolean can_subscribe, can_unsubscribe;

  if (node != NULL && wamp)
    n_subscribed = count_subscribed (self, node, &n_topics);
  can_subscribe = n_subscribed < n_topics;
  can_unsubscribe = n_subscribed > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.subscribe", can_subscribe);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.unsubscribe", can_unsubscribe);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.show-messages", node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.copy-uri", node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "topics.menu", node != NULL);

  /* the button does what the node needs next */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->subscribe_button),
                                  can_unsubscribe && !can_subscribe ? "topics.unsubscribe" : "topics.subscribe");
  gtk_button_set_label (GTK_BUTTON (self->subscribe_button),
                        can_unsubscribe && !can_subscribe ? _("Unsubscribe") : _("Subscribe"));
  gtk_widget_set_tooltip_text (self->subscribe_button,
                               node == NULL ? _("Choose a topic first")
                               : !wamp ? _("This connection speaks no WAMP")
                               : has_children (node) && sock_connection_get_kind (self->connection) == SOCK_SESSION_KIND_WAMP1
                                 ? _("WAMP v1 has no prefix match: each topic seen below is subscribed")
                               : has_children (node) ? _("One subscription with prefix match for everything below")
                               : _("One subscription to exactly this topic"));
}

static void
topics_subscribe (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_subscriptions (SOCK_TOPIC_VIEW (widget), TRUE);
}

static void
topics_unsubscribe (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  change_subscriptions (SOCK_TOPIC_VIEW (widget), FALSE);
}

/* The rest ---------------------------------------------------------------------------- */

static void
topics_show_messages (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SockTopicView *self = SOCK_TOPIC_VIEW (widget);
  SockTopicNode *node = _sock_topic_view_get_selected (self);

  if (node == NULL)
    return;
  sock_topic_view_set_uri_prefix (self, sock_topic_node_get_path (node));
  gtk_widget_activate_action (widget, "router.show", "s", "messages");
}

static void
topics_copy_uri (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SockTopicNode *node = _sock_topic_view_get_selected (SOCK_TOPIC_VIEW (widget));

  if (node != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), sock_topic_node_get_path (node));
}

static void
topics_find (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (SOCK_TOPIC_VIEW (widget)->search_entry));
}

void
_sock_topic_view_popup_menu (SockTopicView *self,
                             GtkWidget     *widget,
                             double         x,
                             double         y)
{
  double vx = 0, vy = 0;

  if (widget == NULL)
    {
      /* from the keyboard: at the chosen row when it is on screen, else at the button */
      widget = _sock_topic_view_get_row_widget (self, gtk_single_selection_get_selected (self->selection));
      if (widget == NULL)
        widget = self->subscribe_button;
      x = 0;
      y = gtk_widget_get_height (widget);
    }
  gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &vx, &vy);
  /* one menu, kept while the view lives (unparented in dispose) */
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->node_menu);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) vx, (int) vy, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
topics_menu (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sock_topic_view_popup_menu (SOCK_TOPIC_VIEW (widget), NULL, 0, 0);
}

void
_sock_topic_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "topics.subscribe", NULL, topics_subscribe);
  gtk_widget_class_install_action (widget_class, "topics.unsubscribe", NULL, topics_unsubscribe);
  gtk_widget_class_install_action (widget_class, "topics.show-messages", NULL, topics_show_messages);
  gtk_widget_class_install_action (widget_class, "topics.copy-uri", NULL, topics_copy_uri);
  gtk_widget_class_install_action (widget_class, "topics.find", NULL, topics_find);
  gtk_widget_class_install_action (widget_class, "topics.menu", NULL, topics_menu);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "topics.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "topics.copy-uri", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "topics.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "topics.menu", NULL);
}
