/* sock-connection-page-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking the tab's connection down or up by hand: Disconnect, Reconnect Now, Stop Reconnecting
 * and, while connecting, Cancel; each enabled only when it makes sense. And what the empty
 * message view says while there is no session to show traffic from.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-message-view.h"

static void
page_disconnect (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);

  self->closed_by_user = TRUE;
  sock_connection_disconnect (self->connection);
}

static void
page_cancel_connect (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);

  self->closed_by_user = TRUE;
  sock_connection_cancel (self->connection);
}

static void
page_reconnect_now (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);

  if (!sock_connection_reconnect_now (self->connection))
    sock_connection_page_open (self);
}

static void
page_stop_reconnecting (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  sock_connection_stop_reconnecting (SOCK_CONNECTION_PAGE (widget)->connection);
}

void
_sock_connection_page_install_control_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.disconnect", NULL, page_disconnect);
  gtk_widget_class_install_action (widget_class, "page.reconnect-now", NULL, page_reconnect_now);
  gtk_widget_class_install_action (widget_class, "page.stop-reconnecting", NULL, page_stop_reconnecting);
  gtk_widget_class_install_action (widget_class, "page.cancel-connect", NULL, page_cancel_connect);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.disconnect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "page.reconnect-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.stop-reconnecting", NULL);
}

static guint
seconds_until (gint64 when)
{
  gint64 left = (when - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return (guint) MAX (left, 0);
}

/* "gives up in 12 s" while the connect attempt runs, or NULL once it is past the connect. */
char *
_sock_connection_page_dup_connect_countdown (SockConnectionPage *self)
{
  gint64 deadline = sock_connection_get_connect_deadline (self->connection);
  guint left = deadline > 0 ? seconds_until (deadline) : 0;

  if (left == 0)
    return NULL;
  /* Translators: while connecting, "Connecting… gives up in 12 s" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "gives up in %u s", "gives up in %u s", left), left);
}

static void
update_empty_status (SockConnectionPage *self,
                     SockConnectionState state)
{
  SockMessageView *view = SOCK_MESSAGE_VIEW (self->view);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  switch (state)
    {
    case SOCK_CONNECTION_CONNECTING:
      title = g_strdup_printf (_("Connecting to %s"), self->url ? self->url : "");
      description = _sock_connection_page_dup_connect_countdown (self);
      if (description == NULL)
        description = g_strdup (_("Opening the session; messages appear here as soon as it is joined."));
      else
        {
          g_autofree char *countdown = g_steal_pointer (&description);

          /* Translators: "Connecting to ws://… — gives up in 12 s", the second line */
          description = g_strdup_printf (_("The attempt %s."), countdown);
        }
      break;
    case SOCK_CONNECTION_RECONNECTING:
      title = g_strdup_printf (_("Reconnecting in %u s"),
                               seconds_until (sock_connection_get_reconnect_time (self->connection)));
      description = g_strdup (sock_connection_get_close_reason (self->connection));
      break;
    case SOCK_CONNECTION_NOT_RESPONDING:
      title = g_strdup (_("Not responding"));
      description = g_strdup (_("The server has not answered in time. Messages appear here again when it does."));
      break;
    case SOCK_CONNECTION_CLOSED:
    case SOCK_CONNECTION_JOINED:
    default:
      break;
    }
  sock_message_view_set_empty_status (view, title, description);
}

void
_sock_connection_page_update_control (SockConnectionPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SockConnectionState state = sock_connection_get_state (self->connection);

  gtk_widget_action_set_enabled (widget, "page.disconnect", state != SOCK_CONNECTION_CLOSED);
  gtk_widget_action_set_enabled (widget, "page.reconnect-now",
                                 state == SOCK_CONNECTION_RECONNECTING || state == SOCK_CONNECTION_CLOSED);
  gtk_widget_action_set_enabled (widget, "page.stop-reconnecting", state == SOCK_CONNECTION_RECONNECTING);
  gtk_widget_action_set_enabled (widget, "page.cancel-connect", state == SOCK_CONNECTION_CONNECTING);
  gtk_widget_set_visible (self->cancel_button, state == SOCK_CONNECTION_CONNECTING);
  gtk_button_set_label (GTK_BUTTON (self->reconnect_button),
                        state == SOCK_CONNECTION_RECONNECTING ? _("Reconnect _Now") : _("_Reconnect"));
  /* No session to tell about while (re)connecting: the room goes to what is happening. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->protocol_fact),
                          state != SOCK_CONNECTION_CONNECTING && state != SOCK_CONNECTION_RECONNECTING);
  update_empty_status (self, state);
}
