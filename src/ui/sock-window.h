/* sock-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-application.h"
#include "sock-connect-dialog.h"
#include "sock-connection-page.h"

G_BEGIN_DECLS

#define SOCK_TYPE_WINDOW (sock_window_get_type ())

G_DECLARE_FINAL_TYPE (SockWindow, sock_window, SOCK, WINDOW, AdwApplicationWindow)

SockWindow *sock_window_new           (SockApplication  *application);

/* Prefills the start page; nothing is connected until the user asks. */
void        sock_window_set_url       (SockWindow       *self,
                                       const char       *url);
const char *sock_window_get_url       (SockWindow       *self);
/* protocol: "auto", "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp" or "raw". */
gboolean    sock_window_set_protocol  (SockWindow       *self,
                                       const char       *protocol,
                                       GError          **error);
void        sock_window_set_realm     (SockWindow       *self,
                                       const char       *realm);
/* New options with what Preferences holds for new connections (largest message, connect timeout,
 * keepalive, pong timeout, reconnecting). */
SockConnectOptions *sock_window_new_options (SockWindow *self);

/* Opens a connection in a new tab, selects it and puts it first in Recent. The options must be
 * valid (sock_connect_options_validate()); the tab keeps a copy. */
SockConnectionPage *sock_window_open_connection         (SockWindow                *self,
                                                         SockConnectOptions        *options);
/* Opens a tab on the demo server's WAMP router (realm demo), subscribed to demo.tick and the
 * demo.metrics prefix. */
SockConnectionPage *sock_window_open_demo               (SockWindow                *self,
                                                         SockDemoServer            *server);
SockConnectionPage *sock_window_get_selected_connection (SockWindow                *self);
AdwTabView         *sock_window_get_tab_view            (SockWindow                *self);
/* Opens the connect dialog (options: what to start from, or NULL for Preferences' defaults);
 * Connect opens a tab. */
SockConnectDialog  *sock_window_show_connect_dialog     (SockWindow                *self,
                                                         SockConnectOptions        *options);

/* Shows a short message over the content. */
void        sock_window_toast         (SockWindow       *self,
                                       const char       *message);

G_END_DECLS
