/* sock-raw-composer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side bar's composer for a connection that speaks no WAMP: a text frame, or a binary one
 * typed as hex or base64 or read from a file, checked as it is typed (the error and its position,
 * or the size) against the connection's largest message; and the frames sent on this connection,
 * newest first (SOCK_SEND_HISTORY_MAX, kept across restarts in SockSendHistory), each sent again
 * when activated.
 *
 * Actions: raw.send (Ctrl+Return), raw.choose-file, raw.resend (u: a history position).
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-connection.h"
#include "sock-raw-payload.h"

G_BEGIN_DECLS

#define SOCK_TYPE_RAW_COMPOSER (sock_raw_composer_get_type ())

G_DECLARE_FINAL_TYPE (SockRawComposer, sock_raw_composer, SOCK, RAW_COMPOSER, GtkWidget)

void           sock_raw_composer_set_connection (SockRawComposer *self,
                                                 SockConnection  *connection);
void           sock_raw_composer_set_format     (SockRawComposer *self,
                                                 SockRawFormat    format);
void           sock_raw_composer_set_text       (SockRawComposer *self,
                                                 const char      *text);
/* The frames sent, SockRawComposerItem, newest first. */
GListModel    *sock_raw_composer_get_history    (SockRawComposer *self);
/* The line under the editor: the size, what is wrong, or how the last send went. */
const char    *sock_raw_composer_get_status     (SockRawComposer *self);

G_END_DECLS
