/* sock-raw-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain WebSocket frames: everything received is logged as text or binary; send with
 * sock_session_send_raw(). WAMP operations fail with SOCK_SESSION_ERROR_NOT_SUPPORTED.
 */

#pragma once

#include "sock-session.h"

G_BEGIN_DECLS

#define SOCK_TYPE_RAW_SESSION (sock_raw_session_get_type ())

G_DECLARE_FINAL_TYPE (SockRawSession, sock_raw_session, SOCK, RAW_SESSION, SockSession)

SockRawSession *sock_raw_session_new (SockTransport  *transport,
                                      SockMessageLog *log,
                                      const char     *reason);

G_END_DECLS
