/* sock-health-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each watched page keeps its id and the state last seen as object data; a notification's id is
 * the tab's, so that the newest news of a tab replaces the older, and a rejoin withdraws it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-health-notifier.h"
#include "sock-window.h"

#define KEY "notify-connection-problems"

typedef struct
{
  char               *id;
  SockConnectionState last;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_free (watch->id);
  g_free (watch);
}

static Watch *
get_watch (SockConnectionPage *page)
{
  static guint next_id;
  Watch *watch = g_object_get_data (G_OBJECT (page), "sock-health-watch");

  if (watch == NULL)
    {
      watch = g_new0 (Watch, 1);
      watch->id = g_strdup_printf ("tab-%u", ++next_id);
      g_object_set_data_full (G_OBJECT (page), "sock-health-watch", watch, watch_free);
    }
  return watch;
}

const char *
sock_health_notifier_get_tab_id (SockConnectionPage *page)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (page), NULL);
  return get_watch (page)->id;
}

static gboolean
is_up (SockConnectionState state)
{
  return state == SOCK_CONNECTION_JOINED || state == SOCK_CONNECTION_NOT_RESPONDING;
}

/* The title of the news, or NULL when there is none to tell. */
static const char *
news_title (SockConnectionPage  *page,
            SockConnectionState  from,
            SockConnectionState  to)
{
  SockHealth *health = sock_connection_get_health (page->connection);
  gboolean joined_before = sock_timeline_get_reconnects (sock_health_get_timeline (health)) > 0
                           || sock_timeline_get_drops (sock_health_get_timeline (health)) > 0;

  if (page->closed_by_user)
    return NULL;
  if (from == SOCK_CONNECTION_JOINED && to == SOCK_CONNECTION_NOT_RESPONDING)
    return _("Server not responding");
  if (is_up (from) && to == SOCK_CONNECTION_RECONNECTING)
    return _("Connection dropped");
  if (is_up (from) && to == SOCK_CONNECTION_CLOSED)
    return _("Connection closed");
  if ((from == SOCK_CONNECTION_CONNECTING || from == SOCK_CONNECTION_RECONNECTING) && to == SOCK_CONNECTION_CLOSED
      && joined_before)
    return _("Gave up reconnecting");
  return NULL;
}

static void
send_news (SockConnectionPage *page,
           GtkApplication     *application,
           const char         *title)
{
  Watch *watch = get_watch (page);
  const char *reason = sock_connection_get_close_reason (page->connection);
  g_autofree char *body = g_strdup_printf ("%s\n%s", sock_connection_page_get_title (page),
                                           reason ? reason : "");
  g_autoptr(GNotification) notification = g_notification_new (title);

  g_notification_set_body (notification, g_strchomp (body));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.focus-tab", "s", watch->id);
  g_application_send_notification (G_APPLICATION (application), watch->id, notification);
}

static void
on_state (SockConnectionPage *page)
{
  Watch *watch = get_watch (page);
  SockConnectionState from = watch->last;
  SockConnectionState to = sock_connection_get_state (page->connection);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autoptr(GSettings) settings = NULL;
  const char *title;

  watch->last = to;
  if (application == NULL || !g_application_get_is_registered (G_APPLICATION (application)))
    return;
  if (to == SOCK_CONNECTION_JOINED)
    {
      g_application_withdraw_notification (G_APPLICATION (application), watch->id);
      return;
    }
  title = news_title (page, from, to);
  if (title == NULL || gtk_window_is_active (GTK_WINDOW (root)))
    return;
  settings = g_settings_new (APP_ID);
  if (g_settings_get_boolean (settings, KEY))
    send_news (page, application, title);
}

void
sock_health_notifier_watch (SockConnectionPage *page)
{
  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (page));
  g_return_if_fail (page->connection != NULL);

  get_watch (page)->last = sock_connection_get_state (page->connection);
  g_signal_connect_object (page->connection, "notify::state", G_CALLBACK (on_state), page, G_CONNECT_SWAPPED);
}

/* app.focus-tab */

static gboolean
select_tab (SockWindow *window,
            const char *id)
{
  AdwTabView *tabs = sock_window_get_tab_view (window);

  for (int i = 0; i < adw_tab_view_get_n_pages (tabs); i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (tabs, i);
      GtkWidget *child = adw_tab_page_get_child (tab);

      if (SOCK_IS_CONNECTION_PAGE (child) && g_strcmp0 (get_watch (SOCK_CONNECTION_PAGE (child))->id, id) == 0)
        {
          adw_tab_view_set_selected_page (tabs, tab);
          gtk_window_present (GTK_WINDOW (window));
          return TRUE;
        }
    }
  return FALSE;
}

static void
focus_tab (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  const char *id = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    if (SOCK_IS_WINDOW (l->data) && select_tab (l->data, id))
      return;
}

void
sock_health_notifier_install (GtkApplication *application)
{
  static const GActionEntry entries[] = {
    { "focus-tab", focus_tab, "s" },
  };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GAction) toggle = g_settings_create_action (settings, KEY);

  g_return_if_fail (GTK_IS_APPLICATION (application));

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries), application);
  g_action_map_add_action (G_ACTION_MAP (application), toggle);
}
