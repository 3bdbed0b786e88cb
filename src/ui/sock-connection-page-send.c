/* sock-connection-page-send.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publish Again and Call Again: page.send-again (the log sequence number of a publication, an
 * event or a call) fills the side bar's Publish or Call form with what that message carried, to
 * change and send.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-send-entry.h"

static void
page_send_again (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  g_autoptr(SockSendEntry) entry = NULL;

  entry = sock_send_entry_new_from_log (sock_connection_get_log (self->connection), g_variant_get_uint64 (parameter));
  if (entry == NULL)
    return;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (sock_send_entry_get_kind (entry) == SOCK_SEND_CALL)
    sock_call_form_fill (self->call_form, entry);
  else
    sock_publish_form_fill (self->publish_form, entry);
}

void
_sock_connection_page_install_send_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.send-again", "t", page_send_again);
}
