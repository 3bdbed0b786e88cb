/* sock-demo-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in demo server on 127.0.0.1: a raw echo, the fault paths that reproduce every
 * handshake failure that can be made locally, a TLS listener with a certificate it makes itself,
 * and the WAMP router on /ws (see sock-demo-router.h for its realms, users and content). The same
 * router speaks WAMP RawSocket too: on a TCP port of 127.0.0.1 and on a Unix socket in a private
 * temporary directory, in JSON, MessagePack and CBOR, with fault listeners beside them.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SOCK_TYPE_DEMO_SERVER (sock_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (SockDemoServer, sock_demo_server, SOCK, DEMO_SERVER, GObject)

/* The RawSocket fault listeners. The first four answer every client's handshake with that error
 * code of the spec, whatever it asked for. */
typedef enum
{
  SOCK_DEMO_RAWSOCKET_FAULT_NONE = 0,                 /* the working router */
  SOCK_DEMO_RAWSOCKET_FAULT_SERIALIZER_UNSUPPORTED = 1,
  SOCK_DEMO_RAWSOCKET_FAULT_LENGTH_UNACCEPTABLE = 2,
  SOCK_DEMO_RAWSOCKET_FAULT_RESERVED_BITS = 3,
  SOCK_DEMO_RAWSOCKET_FAULT_CONNECTION_LIMIT = 4,
  SOCK_DEMO_RAWSOCKET_FAULT_STALL,                    /* accepts the connection, never answers */
  SOCK_DEMO_RAWSOCKET_FAULT_NO_PONG,                  /* the working router, but pings go unanswered */
  SOCK_DEMO_RAWSOCKET_N_FAULTS,
} SockDemoRawsocketFault;

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

/* The router over RawSocket: its TCP port on 127.0.0.1 and its Unix socket (a path in a private
 * directory that stop() removes); 0 / NULL while stopped. The URLs: "rs://127.0.0.1:PORT" and
 * "unix:///PATH". */
guint           sock_demo_server_get_rawsocket_port  (SockDemoServer  *self);
const char     *sock_demo_server_get_rawsocket_path  (SockDemoServer  *self);
char           *sock_demo_server_dup_rawsocket_url   (SockDemoServer  *self);
char           *sock_demo_server_dup_rawsocket_unix_url (SockDemoServer *self);
/* The TCP port (on 127.0.0.1) of a fault listener; 0 while stopped. */
guint           sock_demo_server_get_rawsocket_fault_port (SockDemoServer         *self,
                                                           SockDemoRawsocketFault  fault);
/* More RawSocket connections than this are refused with error 4 (connection count); 64 unless
 * set. Counts the open connections of the working listeners (TCP, Unix, no-pong). */
void            sock_demo_server_set_rawsocket_max_connections (SockDemoServer *self,
                                                                guint           max);
/* The longest message the router announces it accepts over RawSocket, rounded up to the next
 * length the handshake can say (512 octets to 16 MiB - 1, the default); a longer frame from a
 * client ends its connection. Applies to the next start(). */
void            sock_demo_server_set_rawsocket_max_length (SockDemoServer *self,
                                                           gsize           max);

/* The self-signed certificate of the TLS listener: PEM text, a file holding it (written into a
 * private temporary directory, removed when the server is finalized), and its SHA-256
 * fingerprint as 64 lowercase hex digits. NULL when there is no TLS listener. */
const char     *sock_demo_server_get_certificate_pem  (SockDemoServer *self);
const char     *sock_demo_server_get_certificate_file (SockDemoServer *self);
const char     *sock_demo_server_get_certificate_sha256 (SockDemoServer *self);

G_END_DECLS
