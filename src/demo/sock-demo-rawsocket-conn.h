/* sock-demo-rawsocket-conn.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One WAMP RawSocket connection of the demo server: the opening handshake (with a deadline),
 * frames both ways, pings answered with pongs, and a demo router session on it. A fault mode
 * makes it refuse the handshake with one of the spec's error codes, never answer it, or leave
 * pings unanswered.
 */

#pragma once

#include "sock-demo-server.h"
#include "sock-demo-sink.h"

G_BEGIN_DECLS

typedef struct _SockDemoRsConn SockDemoRsConn;

/* What the connections of one listener share: the router, the open connections (for the
 * connection limit and for stop()) and a count of those not yet freed. */
typedef struct
{
  SockDemoRouter *router;
  GPtrArray      *conns;          /* SockDemoRsConn, one reference each: the open ones */
  guint           live;           /* SockDemoRsConns not yet freed */
  guint           max_connections;
  guint           handshake_timeout_ms;
  guint           length_exponent;  /* what the router announces it accepts: 2^(9+n) octets */
} SockDemoRsShared;

/* @fault 0: the working router. Takes a reference on @connection. */
SockDemoRsConn *_sock_demo_rs_conn_new       (SockDemoRsShared       *shared,
                                              GSocketConnection      *connection,
                                              SockDemoRawsocketFault  fault);
void            _sock_demo_rs_conn_unref     (gpointer                conn);
/* Sends what is queued (a GOODBYE), then closes; closes at once after a short grace. */
void            _sock_demo_rs_conn_close     (SockDemoRsConn         *conn);
/* Cancels everything; the socket closes once the last read or write has returned. */
void            _sock_demo_rs_conn_abort     (SockDemoRsConn         *conn);

G_END_DECLS
