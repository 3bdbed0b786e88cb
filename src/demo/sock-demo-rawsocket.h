/* sock-demo-rawsocket.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server's RawSocket listeners: the router on a TCP port of 127.0.0.1 and on a Unix
 * socket in a private temporary directory, and one TCP listener per fault mode.
 */

#pragma once

#include "sock-demo-server.h"
#include "sock-demo-router.h"

G_BEGIN_DECLS

typedef struct _SockDemoRawsocket SockDemoRawsocket;

SockDemoRawsocket *_sock_demo_rawsocket_new       (SockDemoRouter         *router,
                                                   guint                   max_connections);
/* Opens every listener; on failure nothing is left open. */
gboolean           _sock_demo_rawsocket_start     (SockDemoRawsocket      *self,
                                                   GError                **error);
/* Closes the listeners and every connection (each sends what is queued first, within a few
 * seconds), waits until all are gone and removes the Unix socket and its directory. */
void               _sock_demo_rawsocket_free      (SockDemoRawsocket      *self);
guint              _sock_demo_rawsocket_get_port  (SockDemoRawsocket      *self,
                                                   SockDemoRawsocketFault  fault);
const char        *_sock_demo_rawsocket_get_path  (SockDemoRawsocket      *self);
void               _sock_demo_rawsocket_set_max_connections (SockDemoRawsocket *self,
                                                             guint              max);
void               _sock_demo_rawsocket_set_max_length (SockDemoRawsocket *self,
                                                        gsize              max);

G_END_DECLS
