/* sock-message-view-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The messages.* actions of SockMessageView and their shortcuts.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-message-view-private.h"

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  if (self->log == NULL)
    return;
  /* Even when paused: the user asked for an empty table. */
  sock_message_log_clear (self->log);
  sock_message_log_flush (self->log);
  self->pause_end = sock_message_log_get_notified_end (self->log);
  self->shown_new = G_MAXUINT64;
  _sock_message_view_update_status (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_detail_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
  sock_message_detail_clear (self->detail);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->selected_seq = G_MAXUINT64;
}

static void
close_offline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  if (self->offline_file == NULL)
    return;
  g_clear_object (&self->offline_file);
  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  _sock_message_view_show_log (self, self->live_log);
}

/* messages.X does the detail pane's detail.X for the message chosen, so that its keys work from
 * the table too: compare-previous, mark, compare-marked, go-to-pair. */
static void
detail_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);
  g_autofree char *name = g_strconcat ("detail.", strchr (action_name, '.') + 1, NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->detail)))
    gtk_widget_activate_action (GTK_WIDGET (self->detail), name, NULL);
}

/* Ctrl+End always ends at the newest row; the toolbar's toggle can also stop following. */
static gboolean
jump_to_newest (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  sock_message_view_set_follow (SOCK_MESSAGE_VIEW (widget), TRUE);
  return TRUE;
}

void
_sock_message_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "messages.follow", "follow");
  gtk_widget_class_install_property_action (widget_class, "messages.pause", "paused");
  gtk_widget_class_install_action (widget_class, "messages.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "messages.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "messages.export", NULL,
                                   _sock_message_view_export_action);
  gtk_widget_class_install_action (widget_class, "messages.export-filtered", NULL,
                                   _sock_message_view_export_action);
  gtk_widget_class_install_action (widget_class, "messages.open", NULL,
                                   _sock_message_view_open_action);
  gtk_widget_class_install_action (widget_class, "messages.close-offline", NULL,
                                   close_offline_action);
  gtk_widget_class_install_action (widget_class, "messages.close-detail", NULL,
                                   close_detail_action);

  gtk_widget_class_install_action (widget_class, "messages.compare-previous", NULL, detail_action);
  gtk_widget_class_install_action (widget_class, "messages.mark", NULL, detail_action);
  gtk_widget_class_install_action (widget_class, "messages.compare-marked", NULL, detail_action);
  gtk_widget_class_install_action (widget_class, "messages.go-to-pair", NULL, detail_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "messages.compare-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "messages.mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "messages.compare-marked", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "messages.go-to-pair", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "messages.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "messages.pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "messages.pause", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, jump_to_newest, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "messages.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "messages.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "messages.export-filtered", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "messages.open", NULL);
}


void
sock_message_view_set_empty_status (SockMessageView *self,
                                    const char      *title,
                                    const char      *description)
{
  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));

  if (title == NULL)
    {
      title = _("No Messages Yet");
      description = _("Messages sent and received on this connection appear here as they happen. "
                      "Subscribe to a topic or call a procedure to see traffic, or open a recording with Ctrl+O.");
    }
  if (g_strcmp0 (adw_status_page_get_title (self->empty_page), title) != 0)
    adw_status_page_set_title (self->empty_page, title);
  if (g_strcmp0 (adw_status_page_get_description (self->empty_page), description) != 0)
    adw_status_page_set_description (self->empty_page, description);
}
