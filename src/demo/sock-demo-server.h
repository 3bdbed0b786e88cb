/* sock-demo-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in demo server on 127.0.0.1: a raw echo, the fault paths that reproduce every
 * handshake failure that can be made locally, a TLS listener with a certificate it makes itself,
 * and the WAMP router on /ws (see sock-demo-router.h for its realms, users and content).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SOCK_TYPE_DEMO_SERVER (sock_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (SockDemoServer, sock_demo_server, SOCK, DEMO_SERVER, GObject)

SockDemoServer *sock_demo_server_new                 (void);

/* Listens on 127.0.0.1. A port of 0 picks a free one; tls_port 0 picks a free one too, and
 * tls_port -1 means no TLS listener. Runs on the thread-default main context of the caller. */
gboolean        sock_demo_server_start               (SockDemoServer  *self,
                                                      guint            port,
                                                      int              tls_port,
                                                      GError         **error);
void            sock_demo_server_stop                (SockDemoServer  *self);

guint           sock_demo_server_get_port            (SockDemoServer  *self);
/* 0 when there is no TLS listener. */
guint           sock_demo_server_get_tls_port        (SockDemoServer  *self);
/* "ws://127.0.0.1:PORT" and "wss://127.0.0.1:TLSPORT" (no trailing slash), or NULL. */
char           *sock_demo_server_dup_base_url        (SockDemoServer  *self);
char           *sock_demo_server_dup_tls_base_url    (SockDemoServer  *self);
/* The WAMP router: "ws://127.0.0.1:PORT/ws" and "wss://127.0.0.1:TLSPORT/ws", or NULL. */
char           *sock_demo_server_dup_wamp_url        (SockDemoServer  *self);
char           *sock_demo_server_dup_tls_wamp_url    (SockDemoServer  *self);

/* The self-signed certificate of the TLS listener: PEM text, a file holding it (written into a
 * private temporary directory, removed when the server is finalized), and its SHA-256
 * fingerprint as 64 lowercase hex digits. NULL when there is no TLS listener. */
const char     *sock_demo_server_get_certificate_pem  (SockDemoServer *self);
const char     *sock_demo_server_get_certificate_file (SockDemoServer *self);
const char     *sock_demo_server_get_certificate_sha256 (SockDemoServer *self);

G_END_DECLS
