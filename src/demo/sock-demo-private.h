/* sock-demo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared inside the demo server: the fault paths that take the connection away from libsoup
 * and write the handshake and the frames themselves.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _SockDemoFaults SockDemoFaults;

SockDemoFaults *_sock_demo_faults_new          (void);
void            _sock_demo_faults_free         (SockDemoFaults *faults);

/* /fault/{no-subprotocol,wrong-subprotocol,bad-accept,close/CODE,big/BYTES,hang,reset} */
void            _sock_demo_faults_add_handlers (SockDemoFaults *faults,
                                                SoupServer     *server);

/* Answers an informational status (1xx but 101) the only way it can be: the interim
 * response, then the connection closes. */
void            _sock_demo_faults_informational (SockDemoFaults    *faults,
                                                 SoupServerMessage *msg,
                                                 guint              status);

/* Closes every connection taken from libsoup and waits until all are released. */
void            _sock_demo_faults_close_all    (SockDemoFaults *faults);

G_END_DECLS
