/* sock-wamp1-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WAMP v1 client session: the server's WELCOME, PREFIX/CURIE expansion, subscribe and publish
 * (no acknowledgements exist), calls with CALLRESULT / CALLERROR. Malformed messages are reported
 * ("protocol-error") and the connection is kept, as v1 servers expect.
 */

#pragma once

#include "sock-session.h"

G_BEGIN_DECLS

#define SOCK_TYPE_WAMP1_SESSION (sock_wamp1_session_get_type ())

G_DECLARE_FINAL_TYPE (SockWamp1Session, sock_wamp1_session, SOCK, WAMP1_SESSION, SockSession)

/* How long join waits for the server's WELCOME. */


SockWamp1Session *sock_wamp1_session_new              (SockTransport     *transport,
                                                       SockMessageLog    *log,
                                                       const char        *reason);

/* WAMP-CRA over RPC after WELCOME (authreq, then auth with the signature), as Autobahn 0.8 and
 * the Ratchet-era servers do it; both NULL: none. Set before joining. */
void              sock_wamp1_session_set_credentials  (SockWamp1Session  *self,
                                                       const char        *authid,
                                                       const char        *secret);

/* From WELCOME; NULL before. */
const char       *sock_wamp1_session_get_session_id   (SockWamp1Session  *self);
const char       *sock_wamp1_session_get_server_ident (SockWamp1Session  *self);

/* Sends PREFIX and remembers it. The session always sends full URIs itself (Ratchet expands
 * CURIEs differently from the spec), so prefixes only shorten what you type and what the
 * server may send. */
gboolean          sock_wamp1_session_add_prefix       (SockWamp1Session  *self,
                                                       const char        *prefix,
                                                       const char        *uri,
                                                       GError           **error);
/* "prefix:suffix" -> uri + suffix when prefix is known (ours or the server's); otherwise curie. */
char             *sock_wamp1_session_expand           (SockWamp1Session  *self,
                                                       const char        *curie);

G_END_DECLS
