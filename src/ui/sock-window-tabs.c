/* sock-window-tabs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connections of SockWindow, one tab each, and the connect dialog that makes them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connect-dialog.h"
#include "sock-connection-page.h"
#include "sock-window-private.h"
#include "sock-workspace-guard.h"

void
_sock_window_update_chrome (SockWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  gboolean on_start = g_strcmp0 (name, "start") == 0;
  gboolean on_tabs = g_strcmp0 (name, "tabs") == 0;
  guint n_pages = adw_tab_view_get_n_pages (self->tab_view);
  AdwTabPage *selected = adw_tab_view_get_selected_page (self->tab_view);
  /* Back leaves the start page or the handshake page; the tabs are where it leads. */
  gboolean can_go_back = !on_tabs && (!on_start || n_pages > 0);

  gtk_widget_set_visible (self->back_button, can_go_back);
  /* On the start page with nothing open, the page itself is the new connection. */
  gtk_widget_set_visible (self->new_tab_button, !on_start || n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back);
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), on_tabs);

  if (on_tabs && selected != NULL)
    {
      SockConnectionPage *page = SOCK_CONNECTION_PAGE (adw_tab_page_get_child (selected));

      adw_window_title_set_subtitle (self->window_title,
                                     sock_connect_options_get_url (sock_connection_page_get_options (page)));
    }
  else if (!on_start && !on_tabs)
    adw_window_title_set_subtitle (self->window_title, self->probed_url);
  else
    adw_window_title_set_subtitle (self->window_title, NULL);
}

static void
on_n_pages_changed (SockWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  /* With no connection left, the window offers to make one. */
  if (adw_tab_view_get_n_pages (self->tab_view) == 0 && g_strcmp0 (name, "tabs") == 0)
    _sock_window_show_start (self);
  _sock_window_update_chrome (self);
}

static void
on_selected_page_changed (SockWindow *self)
{
  _sock_window_update_chrome (self);
}

typedef struct
{
  SockWindow *window;
  AdwTabPage *page;
} Closing;

static void
close_page_answered (gboolean confirmed,
                     gpointer data)
{
  Closing *closing = data;
  SockWindow *self = closing->window;

  if (confirmed)
    sock_connection_page_close (SOCK_CONNECTION_PAGE (adw_tab_page_get_child (closing->page)));
  adw_tab_view_close_page_finish (self->tab_view, closing->page, confirmed);
  g_object_unref (closing->page);
  g_object_unref (closing->window);
  g_free (closing);
}

static gboolean
on_close_page (SockWindow *self,
               AdwTabPage *page)
{
  SockConnectionPage *child = SOCK_CONNECTION_PAGE (adw_tab_page_get_child (page));
  SockMessageLog *log = sock_connection_get_log (sock_connection_page_get_connection (child));
  gboolean replaced = g_object_get_data (G_OBJECT (child), "sock-replaced") != NULL;
  guint n_messages;

  /* A log never exported is lost with its tab: ask first, unless Preferences say not to. */
  if (!replaced && sock_workspace_guard_wanted () && (n_messages = sock_message_log_count_unexported (log)) > 0)
    {
      Closing *closing = g_new0 (Closing, 1);

      closing->window = g_object_ref (self);
      closing->page = g_object_ref (page);
      sock_workspace_guard_ask (GTK_WINDOW (self), SOCK_GUARD_TAB, 1, n_messages, close_page_answered, closing);
      return GDK_EVENT_STOP;
    }

  /* GOODBYE goes out now; the connection outlives the tab until it is done. */
  sock_connection_page_close (child);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
escape_markup (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  /* AdwTabPage's tooltip is markup, and URLs hold '&'. */
  g_value_take_string (to, text ? g_markup_escape_text (text, -1) : NULL);
  return TRUE;
}

static void on_edit_settings (SockWindow         *self,
                              SockConnectionPage *page);
static void on_apply_settings (SockWindow         *self,
                               SockConnectOptions *options,
                               SockConnectionPage *page);

static SockConnectionPage *
add_page (SockWindow         *self,
          SockConnectOptions *options,
          int                 position)
{
  GtkWidget *child = sock_connection_page_new (options);
  AdwTabPage *page;

  g_return_val_if_fail (child != NULL, NULL);

  page = position < 0 ? adw_tab_view_append (self->tab_view, child)
                      : adw_tab_view_insert (self->tab_view, child, position);
  g_object_bind_property (child, "title", page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (child, "url", page, "tooltip", G_BINDING_SYNC_CREATE,
                               escape_markup, NULL, NULL, NULL);
  g_object_bind_property (child, "icon", page, "icon", G_BINDING_SYNC_CREATE);
  g_object_bind_property (child, "loading", page, "loading", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (child, "edit-settings", G_CALLBACK (on_edit_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (child, "apply-settings", G_CALLBACK (on_apply_settings), self, G_CONNECT_SWAPPED);

  _sock_window_remember_page (self, SOCK_CONNECTION_PAGE (child));
  adw_tab_view_set_selected_page (self->tab_view, page);
  gtk_stack_set_visible_child_name (self->stack, "tabs");
  _sock_window_update_chrome (self);
  sock_connection_page_open (SOCK_CONNECTION_PAGE (child));

  return SOCK_CONNECTION_PAGE (child);
}

SockConnectionPage *
sock_window_open_connection (SockWindow         *self,
                             SockConnectOptions *options)
{
  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), NULL);

  return add_page (self, options, -1);
}

SockConnectionPage *
sock_window_open_demo (SockWindow     *self,
                       SockDemoServer *server)
{
  g_autofree char *url = NULL;
  g_autofree char *description = NULL;
  g_autofree char *rawsocket = NULL;
  g_autofree char *rawsocket_unix = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  gboolean ok;

  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (server), NULL);

  url = sock_demo_server_dup_wamp_url (server);
  options = sock_window_new_options (self);
  ok = sock_connect_options_set_url (options, url, NULL);
  g_return_val_if_fail (ok, NULL);
  sock_connect_options_set_realm (options, "demo");
  /* What a newcomer should see at once: a heartbeat and a few busy metrics. */
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  sock_connect_options_add_subscription (options, "demo.metrics", SOCK_MATCH_PREFIX);

  rawsocket = sock_demo_server_dup_rawsocket_url (server);
  rawsocket_unix = sock_demo_server_dup_rawsocket_unix_url (server);
  description = g_strdup_printf (_("The built-in demo server is running on 127.0.0.1:%u. Its WAMP router "
                                   "also speaks RawSocket on %s and %s."),
                                 sock_demo_server_get_port (server), rawsocket, rawsocket_unix);
  adw_status_page_set_description (self->start_page, description);

  return sock_window_open_connection (self, options);
}

AdwTabView *
sock_window_get_tab_view (SockWindow *self)
{
  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);

  return self->tab_view;
}

SockConnectionPage *
sock_window_get_selected_connection (SockWindow *self)
{
  AdwTabPage *page;

  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);

  page = adw_tab_view_get_selected_page (self->tab_view);
  return page ? SOCK_CONNECTION_PAGE (adw_tab_page_get_child (page)) : NULL;
}

static void
on_dialog_connect (SockWindow         *self,
                   SockConnectOptions *options)
{
  sock_window_open_connection (self, options);
}

/* A failed tab's fix: the fixed settings take the tab's place, as the dialog's would. */
static void
on_apply_settings (SockWindow         *self,
                   SockConnectOptions *options,
                   SockConnectionPage *old)
{
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (old));

  add_page (self, options, adw_tab_view_get_page_position (self->tab_view, page));
  g_object_set_data (G_OBJECT (old), "sock-replaced", GINT_TO_POINTER (TRUE));
  adw_tab_view_close_page (self->tab_view, page);
}

static void
on_dialog_replace (SockConnectionPage *old,
                   SockConnectOptions *options,
                   SockConnectDialog  *dialog)
{
  SockWindow *self = SOCK_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (old));
  int position;

  /* The new settings take the old tab's place. */
  if (page == NULL)
    return (void) sock_window_open_connection (self, options);
  position = adw_tab_view_get_page_position (self->tab_view, page);
  add_page (self, options, position);
  g_object_set_data (G_OBJECT (old), "sock-replaced", GINT_TO_POINTER (TRUE));
  adw_tab_view_close_page (self->tab_view, page);
}

SockConnectDialog *
sock_window_show_connect_dialog (SockWindow         *self,
                                 SockConnectOptions *options)
{
  g_autoptr(SockConnectOptions) defaults = NULL;
  SockConnectDialog *dialog;

  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);

  if (options == NULL)
    options = defaults = sock_window_new_options (self);
  dialog = sock_connect_dialog_new (GTK_WINDOW (self), options);
  g_signal_connect_object (dialog, "connect", G_CALLBACK (on_dialog_connect), self, G_CONNECT_SWAPPED);
  _sock_window_watch_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_edit_settings (SockWindow         *self,
                  SockConnectionPage *page)
{
  SockConnectDialog *dialog = sock_connect_dialog_new (GTK_WINDOW (self),
                                                       sock_connection_page_get_options (page));

  g_signal_connect_object (dialog, "connect", G_CALLBACK (on_dialog_replace), page, G_CONNECT_SWAPPED);
  _sock_window_watch_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
window_connection_settings (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  g_autoptr(SockConnectOptions) options = _sock_window_dup_form_options (self, NULL);

  if (options == NULL)
    {
      /* Start from the defaults and keep what was typed, even if it is not a URL yet. */
      SockConnectDialog *dialog = sock_window_show_connect_dialog (self, NULL);

      sock_connect_dialog_set_url (dialog, gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
      return;
    }
  sock_window_show_connect_dialog (self, options);
}

static void
window_new_tab (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _sock_window_show_start (SOCK_WINDOW (widget));
}

static void
window_close_tab (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  if (page != NULL && g_strcmp0 (name, "tabs") == 0)
    adw_tab_view_close_page (self->tab_view, page);
  else if (page != NULL)
    gtk_widget_activate_action (widget, "win.back", NULL);
  else
    gtk_window_close (GTK_WINDOW (self));
}

void
_sock_window_class_init_tabs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_close_page);
  gtk_widget_class_bind_template_callback (widget_class, on_n_pages_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_page_changed);

  gtk_widget_class_install_action (widget_class, "win.new-tab", NULL, window_new_tab);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, window_close_tab);
  gtk_widget_class_install_action (widget_class, "win.connection-settings", NULL, window_connection_settings);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.new-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.connection-settings", NULL);
}
