/* sock-demo-sink.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a demo router session needs from its transport, so that the router does not care whether
 * a WebSocket or a RawSocket connection carries it: send one message, close, is it open. The
 * transport in turn hands the router every message it receives and says when it closed.
 */

#pragma once

#include "sock-demo-router.h"

G_BEGIN_DECLS

typedef struct _SockDemoSession   SockDemoSession;
typedef struct _SockDemoSink      SockDemoSink;
typedef struct _SockDemoSinkFuncs SockDemoSinkFuncs;

struct _SockDemoSinkFuncs
{
  /* "websocket" or "rawsocket": wamp.session.get's transport.type */
  const char *type;
  /* One message, already in the session's serializer (and batch framing): @binary for every
   * serializer but JSON. Called only while is_open() says TRUE. */
  void      (*send)    (SockDemoSink *sink,
                        const guint8 *data,
                        gsize         len,
                        gboolean      binary);
  /* Ends the connection. @code is a WebSocket close code; RawSocket has none and just closes. */
  void      (*close)   (SockDemoSink *sink,
                        gushort       code,
                        const char   *reason);
  gboolean  (*is_open) (SockDemoSink *sink);
  /* The router is done with the session: no call reaches it any more. Frees the sink. */
  void      (*free)    (SockDemoSink *sink);
};

struct _SockDemoSink
{
  const SockDemoSinkFuncs *funcs;
};

/* A new session on @sink (the router owns it from now on and frees it after the connection
 * closed). @protocol is the negotiated WebSocket subprotocol (NULL: none), or for RawSocket the
 * subprotocol name of its serializer; "wamp" makes a WAMP v1 session. @peer may be NULL. */
SockDemoSession *_sock_demo_router_open      (SockDemoRouter  *router,
                                              SockDemoSink    *sink,
                                              const char      *protocol,
                                              GSocketAddress  *peer);
/* Starts the session once the transport keeps the session pointer: a WAMP v1 server speaks
 * first. */
void             _sock_demo_session_start    (SockDemoSession *session);
/* One message from the client: a text frame (@binary FALSE) or a binary one. */
void             _sock_demo_session_receive  (SockDemoSession *session,
                                              const guint8    *data,
                                              gsize            len,
                                              gboolean         binary);
/* The connection is gone; the session is freed from the main loop. */
void             _sock_demo_session_closed   (SockDemoSession *session);

G_END_DECLS
