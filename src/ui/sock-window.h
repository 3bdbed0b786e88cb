/* sock-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-application.h"

G_BEGIN_DECLS

#define SOCK_TYPE_WINDOW (sock_window_get_type ())

G_DECLARE_FINAL_TYPE (SockWindow, sock_window, SOCK, WINDOW, AdwApplicationWindow)

SockWindow *sock_window_new           (SockApplication  *application);

/* Prefills the start page; nothing is connected until the user asks. */
void        sock_window_set_url       (SockWindow       *self,
                                       const char       *url);
const char *sock_window_get_url       (SockWindow       *self);
/* protocol: "auto", "wamp.2.json", "wamp" or "raw". */
gboolean    sock_window_set_protocol  (SockWindow       *self,
                                       const char       *protocol,
                                       GError          **error);
void        sock_window_set_realm     (SockWindow       *self,
                                       const char       *realm);

/* Points the start page at a running demo server's echo endpoint and says where it runs. */
void        sock_window_show_demo     (SockWindow       *self,
                                       SockDemoServer   *server);

/* Shows a short message over the content. */
void        sock_window_toast         (SockWindow       *self,
                                       const char       *message);

G_END_DECLS
