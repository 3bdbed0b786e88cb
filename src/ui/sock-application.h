/* sock-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-demo-server.h"

G_BEGIN_DECLS

#define SOCK_TYPE_APPLICATION (sock_application_get_type ())

G_DECLARE_FINAL_TYPE (SockApplication, sock_application, SOCK, APPLICATION, AdwApplication)

SockApplication *sock_application_new              (void);

/* Starts the built-in demo server on 127.0.0.1 the first time it is asked for; the application
 * owns it and stops it on shutdown. */
SockDemoServer  *sock_application_ensure_demo      (SockApplication  *self,
                                                    GError          **error);
/* Quits, after asking when a tab's log holds messages never exported (unless force or
 * Preferences say not to), and saves the open tabs for the next start. */
void             sock_application_quit             (SockApplication  *self,
                                                    gboolean          force);
/* The running demo server, or NULL. */
SockDemoServer  *sock_application_get_demo_server  (SockApplication  *self);

G_END_DECLS
