/* sock-send-menu.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The History button of a form: a popover with what was sent from this kind of form on this
 * connection (newest first) and the named templates of that kind; picking one fills the form
 * ("activate-entry"), Save as Template… names what the form holds now.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-connection.h"
#include "sock-send-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_SEND_MENU (sock_send_menu_get_type ())

G_DECLARE_FINAL_TYPE (SockSendMenu, sock_send_menu, SOCK, SEND_MENU, GtkWidget)

/* What the form holds now, for Save as Template (NULL: nothing to save); transfer full. */
typedef SockSendEntry *(*SockSendCurrentFunc) (gpointer user_data);

void        sock_send_menu_setup        (SockSendMenu        *self,
                                         SockSendKind         kind,
                                         SockConnection      *connection,
                                         SockSendCurrentFunc  current,
                                         gpointer             user_data);
/* Remembers what was just sent from the form. */
void        sock_send_menu_add          (SockSendMenu        *self,
                                         SockSendEntry       *entry);
GListModel *sock_send_menu_get_recent   (SockSendMenu        *self);
GListModel *sock_send_menu_get_templates (SockSendMenu       *self);
/* Saves what the form holds under name (as Save as Template does after asking). */
void        sock_send_menu_save_template (SockSendMenu       *self,
                                          const char         *name);
/* Fills the form with entry (as picking it in the popover does). */
void        sock_send_menu_activate     (SockSendMenu        *self,
                                         SockSendEntry       *entry);

/* Signals: activate-entry (SockSendEntry). */

G_END_DECLS
