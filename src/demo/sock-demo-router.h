/* sock-demo-router.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server's WAMP router on /ws: WAMP v2 (wamp.2.json, wamp.2.msgpack, wamp.2.cbor and
 * their batched variants) with the realms `demo` (anonymous) and `secure` (ticket, WAMP-CRA and
 * WAMP-Cryptosign users) that offer the meta API, and `plain`
 * (anonymous) that does not, and WAMP v1 (wamp) in realm `demo`,
 * sharing one broker. A connection that negotiated no subprotocol is treated as WAMP v2: a v1
 * server has to speak first and cannot wait to see what the client says, while a v2 router
 * waits for HELLO anyway; every client that offers "wamp" alone gets "wamp" negotiated.
 *
 * Users of realm `secure`: "ticketuser" (ticket "ticket-secret"), "crauser" (wampcra, secret
 * "cra-secret") and "saltuser" (wampcra, secret "salt-secret" salted with "demo-salt", 1000
 * iterations, 32 bytes) and "cryptouser" (cryptosign with the key of SOCK_DEMO_CRYPTOSIGN_SEED).
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* cryptouser's Ed25519 key: the test key of RFC 8032, section 7.1, test 1. Published: it proves
 * nothing but that cryptosign works. */
#define SOCK_DEMO_CRYPTOSIGN_SEED "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
#define SOCK_DEMO_CRYPTOSIGN_PUBLIC_KEY "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

typedef struct _SockDemoRouter SockDemoRouter;

SockDemoRouter *sock_demo_router_new            (void);
/* Frees what is left; call sock_demo_router_shutdown() first and let the connections close. */
void            sock_demo_router_free           (SockDemoRouter          *router);

/* Takes a new /ws connection; its protocol decides between WAMP v1 and v2. @peer (may be NULL)
 * is shown by wamp.session.get. */
void            sock_demo_router_accept         (SockDemoRouter          *router,
                                                 SoupWebsocketConnection *connection,
                                                 GSocketAddress          *peer);
/* Says GOODBYE (wamp.close.system_shutdown) to every v2 session, closes every connection and
 * stops the demo content timers and floods. */
void            sock_demo_router_shutdown       (SockDemoRouter          *router);

/* Connections not yet closed, joined or not. */
guint           sock_demo_router_get_n_sessions (SockDemoRouter          *router);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockDemoRouter, sock_demo_router_free)

G_END_DECLS
