/* sock-demo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared inside the demo server: the fault paths that take the connection away from libsoup
 * and write the handshake and the frames themselves.
 */

#pragma once

#include <libsoup/soup.h>

#include "sock-demo-server.h"

G_BEGIN_DECLS

typedef struct _SockDemoFaults SockDemoFaults;
typedef struct _SockDemoConn SockDemoConn;

struct _SockDemoFaults
{
  GPtrArray *conns;      /* SockDemoConn, one reference each: the open ones */
  GPtrArray *pending;    /* GSource: steals waiting for libsoup to let go of the message */
  guint      live;       /* SockDemoConns not yet freed */
};

SockDemoFaults *_sock_demo_faults_new          (void);
void            _sock_demo_faults_free         (SockDemoFaults *faults);

/* /fault/{no-subprotocol,wrong-subprotocol,bad-accept,close/CODE,big/BYTES,hang,reset} */
void            _sock_demo_faults_add_handlers (SockDemoFaults *faults,
                                                SoupServer     *server);

/* /, /fault/status/N and the Origin check of /fault/origin (sock-demo-pages.c). */
void            _sock_demo_pages_add_handlers  (SoupServer     *server,
                                                SockDemoServer *owner,
                                                SockDemoFaults *faults);

/* Answers an informational status (1xx but 101) the only way it can be: the interim
 * response, then the connection closes. */
void            _sock_demo_faults_informational (SockDemoFaults    *faults,
                                                 SoupServerMessage *msg,
                                                 guint              status);

/* Keeps a WebSocket connection until it closes, so that stopping the server waits for it. */
typedef void (*SockDemoTrackFunc) (gpointer                 owner,
                                   SoupWebsocketConnection *connection);

/* /hostile/{response,close,wamp}: a server that tries to hurt the client's terminal. */
void            _sock_demo_hostile_add_handlers (SockDemoFaults    *faults,
                                                 SoupServer        *server,
                                                 SockDemoTrackFunc  track,
                                                 gpointer           owner);

/* Closes every connection taken from libsoup and waits until all are released. */
void            _sock_demo_faults_close_all    (SockDemoFaults *faults);

/* Iterates the thread-default main context until @done (@data) holds or @timeout_us has passed:
 * for stopping, so that closes and the asynchronous closes of streams finish and nothing is
 * left behind on the main context. */
void            _sock_demo_spin_until          (gboolean      (*done) (gpointer data),
                                                gpointer        data,
                                                gint64          timeout_us);

/* A connection stolen from SoupServer, added to @faults->conns. It reads until the client
 * goes; with @frames it also answers close and ping frames. */
SockDemoConn   *_sock_demo_conn_new             (SockDemoFaults *faults,
                                                 GIOStream      *stream,
                                                 gboolean        frames);
void            _sock_demo_conn_unref           (gpointer        conn);
void            _sock_demo_conn_send            (SockDemoConn   *conn,
                                                 GBytes         *bytes);
/* Sends a close frame, then waits a little for the client's before hanging up. */
void            _sock_demo_conn_send_close      (SockDemoConn   *conn,
                                                 const guint8   *payload,
                                                 gsize           length);
void            _sock_demo_conn_close_when_sent (SockDemoConn   *conn);
/* Cancels everything; the stream is closed once the last read or write has returned. */
void            _sock_demo_conn_close           (SockDemoConn   *conn);

/* Text frames from the client (payload unmasked, NUL-terminated). */
typedef void (*SockDemoTextFunc) (SockDemoConn *conn,
                                  const char   *text,
                                  gsize         length,
                                  gpointer      data);
void            _sock_demo_conn_set_text_func   (SockDemoConn     *conn,
                                                 SockDemoTextFunc  func,
                                                 gpointer          data);
/* TRUE by default. */
void            _sock_demo_conn_set_answer_pings (SockDemoConn   *conn,
                                                  gboolean        answer);
/* Stops reading and writing for good while the TCP connection stays open, as a server process
 * that hangs does: pings, requests and close frames go unanswered. */
void            _sock_demo_conn_freeze          (SockDemoConn   *conn);
/* Reads and writes again, beginning with what arrived meanwhile. */
void            _sock_demo_conn_thaw            (SockDemoConn   *conn);
gboolean        _sock_demo_conn_is_open         (SockDemoConn   *conn);

/* /fault/wamp/…: a hostile WAMP router (see sock-demo-wamp-faults.c for its modes). */
void            _sock_demo_wamp_faults_add_handlers (SockDemoFaults *faults,
                                                     SoupServer     *server);

/* An unmasked server frame with FIN set. */
GBytes         *_sock_demo_frame_new            (guint8          opcode,
                                                 const guint8   *payload,
                                                 gsize           length);

G_END_DECLS
