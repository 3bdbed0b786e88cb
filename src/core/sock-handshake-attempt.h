/* sock-handshake-attempt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connect attempt of a connection, kept for its handshake history: the handshake record, its
 * diagnosis, when it started, how long it took, and the TLS settings it was made with (so that an
 * export can reproduce it).
 */

#pragma once

#include <gio/gio.h>

#include "sock-diagnosis.h"
#include "sock-handshake.h"
#include "sock-profile.h"

G_BEGIN_DECLS

#define SOCK_TYPE_HANDSHAKE_ATTEMPT (sock_handshake_attempt_get_type ())

G_DECLARE_FINAL_TYPE (SockHandshakeAttempt, sock_handshake_attempt, SOCK, HANDSHAKE_ATTEMPT, GObject)

/* diagnosis: may be NULL (then made from error and handshake). error: NULL when the WebSocket
 * opened. started: wall-clock start (NULL: now). duration_ms < 0: taken from the timings. */
SockHandshakeAttempt *sock_handshake_attempt_new            (SockHandshake        *handshake,
                                                             const GError         *error,
                                                             SockDiagnosis        *diagnosis,
                                                             GDateTime            *started,
                                                             double                duration_ms);

SockHandshake        *sock_handshake_attempt_get_handshake  (SockHandshakeAttempt *self);
SockDiagnosis        *sock_handshake_attempt_get_diagnosis  (SockHandshakeAttempt *self);
/* An early close after the open is diagnosed later: the attempt takes the newer diagnosis. */
void                  sock_handshake_attempt_set_diagnosis  (SockHandshakeAttempt *self,
                                                             SockDiagnosis        *diagnosis);
gboolean              sock_handshake_attempt_get_succeeded  (SockHandshakeAttempt *self);
/* The error the attempt failed with, or NULL. */
const char           *sock_handshake_attempt_get_error_message (SockHandshakeAttempt *self);
GDateTime            *sock_handshake_attempt_get_started    (SockHandshakeAttempt *self);
double                sock_handshake_attempt_get_duration_ms (SockHandshakeAttempt *self);
/* "Opened", "Failed", "Closed right after opening" */
const char           *sock_handshake_attempt_get_outcome    (SockHandshakeAttempt *self);
/* The diagnosis title, or NULL when there is nothing to say about it. */
const char           *sock_handshake_attempt_get_title      (SockHandshakeAttempt *self);
/* "101 Switching Protocols", "200 OK", "No response" */
char                 *sock_handshake_attempt_dup_status_text (SockHandshakeAttempt *self);
/* When it started, in local time: "08:00:01" */
char                 *sock_handshake_attempt_dup_time_text  (SockHandshakeAttempt *self);
/* The status and the duration: "101 Switching Protocols · 12 ms" */
char                 *sock_handshake_attempt_dup_summary    (SockHandshakeAttempt *self);

/* The settings the attempt was made with (TLS policy, CA file, extra headers), for exports. */
SockTlsPolicy         sock_handshake_attempt_get_tls_policy (SockHandshakeAttempt *self);
const char           *sock_handshake_attempt_get_ca_file    (SockHandshakeAttempt *self);
/* name, value, …, NULL; NULL when the attempt was recorded without its settings. */
const char * const   *sock_handshake_attempt_get_extra_headers (SockHandshakeAttempt *self);
void                  sock_handshake_attempt_set_profile    (SockHandshakeAttempt *self,
                                                             SockProfile          *profile);

G_END_DECLS
