/* sock-router-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists are SockRouterAdmin's models behind a filter (the search) and a selection, with
 * their columns in the .ui. Each list's page shows the list, "Asking the router…", or a status
 * page that says why there is no list (not offered by this router, or the error); the view
 * switcher's badges count the items. Dialogs are in sock-router-view-dialogs.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-number-format.h"
#include "sock-router-view-private.h"

G_DEFINE_FINAL_TYPE (SockRouterView, sock_router_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const list_names[SOCK_ADMIN_N_LISTS] = { "sessions", "subscriptions", "registrations" };

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  SockRouterView *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (SOCK_IS_ADMIN_SESSION (item))
    return sock_admin_session_matches (item, text);
  return sock_admin_entry_matches (item, text);
}

/* The Members columns: digits grouped as Preferences say; "—" where the router did not say. */
static char *
members_count_text (GtkListItem *item,
                    int          n_members)
{
  return n_members < 0 ? g_strdup ("—") : sock_format_count ((guint64) n_members);
}

/* The columns' cells are made again, so that the counts follow a change of digit grouping at
 * once rather than at their next change. */
static void
grouping_changed_cb (SockRouterView *self)
{
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      GListModel *columns = gtk_column_view_get_columns (self->lists[i].view);

      for (guint j = 0; j < g_list_model_get_n_items (columns); j++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, j);
          g_autoptr(GtkListItemFactory) factory = NULL;

          if (gtk_column_view_column_get_factory (column) == NULL)
            continue;
          factory = g_object_ref (gtk_column_view_column_get_factory (column));
          gtk_column_view_column_set_factory (column, NULL);
          gtk_column_view_column_set_factory (column, factory);
        }
    }
}

static void
on_search_changed (SockRouterView *self)
{
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    gtk_filter_changed (GTK_FILTER (self->lists[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
}

gpointer
_sock_router_view_get_selected (SockRouterView *self,
                                SockAdminList   list)
{
  return gtk_single_selection_get_selected_item (self->lists[list].selection);
}

void
_sock_router_view_toast (SockRouterView *self,
                         const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* This tab's own session leaves with GOODBYE, not with a kill. */
static gboolean
is_own_session (SockRouterView   *self,
                SockAdminSession *session)
{
  const char *own = self->connection ? sock_connection_get_session_id (self->connection) : NULL;

  return session != NULL && own != NULL && g_ascii_strtoll (own, NULL, 10) == sock_admin_session_get_id (session);
}

static void
update_actions (SockRouterView *self)
{
  gboolean joined = self->connection != NULL
                    && sock_connection_get_state (self->connection) == SOCK_CONNECTION_JOINED;
  SockAdminSession *session = _sock_router_view_get_selected (self, SOCK_ADMIN_SESSIONS);
  gboolean subscription = _sock_router_view_get_selected (self, SOCK_ADMIN_SUBSCRIPTIONS) != NULL;
  gboolean history = self->admin != NULL && sock_router_admin_has_event_history (self->admin);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "router.refresh", joined && self->admin != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "router.kill-selected",
                                 joined && session != NULL && !is_own_session (self, session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "router.subscribe-selected", joined && subscription);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "router.show-events", joined && subscription && history);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "router.call-selected",
                                 joined && _sock_router_view_get_selected (self, SOCK_ADMIN_REGISTRATIONS) != NULL);
}

static void
on_selection_changed (SockRouterView *self)
{
  update_actions (self);
}

/* The words after "Title: " when the message starts with the status page's title. */
static const char *
without_title (const char *message,
               const char *title)
{
  gsize n = strlen (title);

  if (message != NULL && strncmp (message, title, n) == 0 && strncmp (message + n, ": ", 2) == 0)
    return message + n + 2;
  return message;
}

/* What each list's page shows, from the admin's state of it. */
static void
update_list (SockRouterView *self,
             SockAdminList   list)
{
  SockRouterViewList *l = &self->lists[list];
  SockAdminState state = sock_router_admin_get_state (self->admin, list);
  const char *message = sock_router_admin_get_message (self->admin, list);
  guint n = g_list_model_get_n_items (sock_router_admin_get_list (self->admin, list));

  adw_view_stack_page_set_badge_number (l->page, n);
  gtk_label_set_text (l->note, message ? message : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (l->note), message);
  switch (state)
    {
    case SOCK_ADMIN_STATE_AVAILABLE:
      gtk_stack_set_visible_child_name (l->state, "list");
      break;
    case SOCK_ADMIN_STATE_NOT_OFFERED:
      adw_status_page_set_title (l->status, _("Not offered by this router"));
      adw_status_page_set_description (l->status, without_title (message, _("Not offered by this router")));
      adw_status_page_set_icon_name (l->status, "action-unavailable-symbolic");
      gtk_stack_set_visible_child_name (l->state, "unavailable");
      break;
    case SOCK_ADMIN_STATE_FAILED:
      adw_status_page_set_title (l->status, _("Could not ask the router"));
      adw_status_page_set_description (l->status, message);
      adw_status_page_set_icon_name (l->status, "dialog-warning-symbolic");
      gtk_stack_set_visible_child_name (l->state, "unavailable");
      break;
    case SOCK_ADMIN_STATE_UNKNOWN:
    default:
      gtk_stack_set_visible_child_name (l->state, "loading");
    }
}

static void
on_admin_changed (SockRouterView *self)
{
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    update_list (self, i);
  update_actions (self);
}

static void
on_items_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  SockRouterView *self)
{
  on_admin_changed (self);
}

/* The Router side asks the router only once it is shown. */
static void
ensure_admin (SockRouterView *self)
{
  if (self->admin != NULL || self->connection == NULL)
    return;
  self->admin = sock_router_admin_new (self->connection);
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_autofree char *state = g_strdup_printf ("notify::%s-state", list_names[i]);
      g_autofree char *message = g_strdup_printf ("notify::%s-message", list_names[i]);
      GListModel *model = sock_router_admin_get_list (self->admin, i);

      gtk_filter_list_model_set_model (self->lists[i].filtered, model);
      g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self, 0);
      g_signal_connect_object (self->admin, state, G_CALLBACK (on_admin_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->admin, message, G_CALLBACK (on_admin_changed), self, G_CONNECT_SWAPPED);
    }
  sock_router_admin_set_live (self->admin, TRUE);
  on_admin_changed (self);
}

static void
on_view_changed (SockRouterView *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "router") == 0)
    ensure_admin (self);
}

/* The Router side is for WAMP v2 sessions. */
static void
on_connection_state (SockRouterView *self)
{
  SockSessionKind kind = sock_connection_get_kind (self->connection);
  gboolean wamp2 = sock_connection_get_session (self->connection) != NULL && kind == SOCK_SESSION_KIND_WAMP2;

  /* Messages, Health and Topics are for every connection */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->toasts)), wamp2);
  if (!wamp2 && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "router") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "messages");
  update_actions (self);
}

/* API ----------------------------------------------------------------------------------- */

void
sock_router_view_set_content (SockRouterView *self,
                              GtkWidget      *content)
{
  g_return_if_fail (SOCK_IS_ROUTER_VIEW (self));

  if (adw_bin_get_child (self->content_bin) == content)
    return;
  adw_bin_set_child (self->content_bin, content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

GtkWidget *
sock_router_view_get_content (SockRouterView *self)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_VIEW (self), NULL);
  return adw_bin_get_child (self->content_bin);
}

void
sock_router_view_set_connection (SockRouterView *self,
                                 SockConnection *connection)
{
  g_return_if_fail (SOCK_IS_ROUTER_VIEW (self));
  g_return_if_fail (SOCK_IS_CONNECTION (connection));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  g_signal_connect_object (connection, "notify::state", G_CALLBACK (on_connection_state), self,
                           G_CONNECT_SWAPPED);
  sock_health_view_set_connection (self->health_view, connection);
  sock_topic_view_set_connection (self->topic_view, connection);
  on_connection_state (self);
  on_view_changed (self);
}

void
sock_router_view_set_visible_view (SockRouterView *self,
                                   const char     *name)
{
  AdwViewStackPage *page;

  g_return_if_fail (SOCK_IS_ROUTER_VIEW (self));

  page = adw_view_stack_get_page (self->view_stack, adw_view_stack_get_child_by_name (self->view_stack, name));
  if (page != NULL && adw_view_stack_page_get_visible (page))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

SockTopicView *
sock_router_view_get_topic_view (SockRouterView *self)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_VIEW (self), NULL);
  return self->topic_view;
}

SockRouterAdmin *
sock_router_view_get_admin (SockRouterView *self)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_VIEW (self), NULL);
  return self->admin;
}

/* GObject ------------------------------------------------------------------------------- */

static void
router_refresh (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (widget);

  if (self->admin != NULL)
    sock_router_admin_refresh_async (self->admin, SOCK_ADMIN_ALL, NULL, NULL, NULL);
}

static void
router_show (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sock_router_view_set_visible_view (SOCK_ROUTER_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
sock_router_view_dispose (GObject *object)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_ROUTER_VIEW);
  g_clear_object (&self->admin);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sock_router_view_parent_class)->dispose (object);
}

static void
sock_router_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTENT: g_value_set_object (value, sock_router_view_get_content (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_router_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTENT: sock_router_view_set_content (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_router_view_class_init (SockRouterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_router_view_dispose;
  object_class->get_property = sock_router_view_get_property;
  object_class->set_property = sock_router_view_set_property;

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SOCK_TYPE_HEALTH_VIEW);
  g_type_ensure (SOCK_TYPE_TOPIC_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-router-view.ui");
#define LIST(name, LIST) \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_page", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].page)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_state", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].state)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_status", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].status)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_view", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].view)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_selection", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].selection)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_filtered", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].filtered)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_filter", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].filter)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_note", FALSE, \
    G_STRUCT_OFFSET (SockRouterView, lists[SOCK_ADMIN_##LIST].note));
  LIST (sessions, SESSIONS)
  LIST (subscriptions, SUBSCRIPTIONS)
  LIST (registrations, REGISTRATIONS)
#undef LIST
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, health_view);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, topic_view);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, content_bin);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, lists_stack);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SockRouterView, toasts);
  gtk_widget_class_bind_template_callback (widget_class, members_count_text);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "router.refresh", NULL, router_refresh);
  gtk_widget_class_install_action (widget_class, "router.show", "s", router_show);
  _sock_router_view_install_dialog_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "router.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "router.show", "s", "messages");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "router.show", "s", "router");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "router.show", "s", "health");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "router.show", "s", "topics");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "router.kill-selected", NULL);
}

static void
sock_router_view_init (SockRouterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    gtk_custom_filter_set_filter_func (self->lists[i].filter, filter_item, self, NULL);
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
  update_actions (self);
}
