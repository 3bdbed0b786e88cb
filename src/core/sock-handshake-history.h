/* sock-handshake-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect attempts of one connection, newest last, as a GListModel of SockHandshakeAttempt.
 * Bounded: past the limit the oldest attempt is dropped, so a tab reconnecting all day keeps the
 * last ones only.
 */

#pragma once

#include <gio/gio.h>

#include "sock-bounded-list.h"
#include "sock-handshake-attempt.h"

G_BEGIN_DECLS

#define SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT 50

#define SOCK_TYPE_HANDSHAKE_HISTORY (sock_handshake_history_get_type ())

G_DECLARE_FINAL_TYPE (SockHandshakeHistory, sock_handshake_history, SOCK, HANDSHAKE_HISTORY, SockBoundedList)

SockHandshakeHistory *sock_handshake_history_new         (guint                 limit);

guint                 sock_handshake_history_get_limit   (SockHandshakeHistory *self);
/* Attempts dropped to stay within the limit, since the history was made. */
guint                 sock_handshake_history_get_n_dropped (SockHandshakeHistory *self);

void                  sock_handshake_history_append      (SockHandshakeHistory *self,
                                                          SockHandshakeAttempt *attempt);
/* The newest attempt, or NULL. */
SockHandshakeAttempt *sock_handshake_history_get_last    (SockHandshakeHistory *self);
/* The attempt that recorded handshake, or NULL. */
SockHandshakeAttempt *sock_handshake_history_find        (SockHandshakeHistory *self,
                                                          SockHandshake        *handshake);

/* For the connection: note when an attempt starts, then record how it ended. */
void                  sock_handshake_history_begin       (SockHandshakeHistory *self);
SockHandshakeAttempt *sock_handshake_history_record      (SockHandshakeHistory *self,
                                                          SockHandshake        *handshake,
                                                          const GError         *error,
                                                          SockDiagnosis        *diagnosis);

G_END_DECLS
