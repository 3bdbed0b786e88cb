/* sock-diagnosis.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a connection failed (or what to watch out for when it worked), in words a user can act on.
 * sock_diagnose() is a pure function of the error and the recorded handshake.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-handshake.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_SEVERITY_OK,
  SOCK_SEVERITY_WARNING,
  SOCK_SEVERITY_ERROR,
} SockSeverity;

/* A change to the connection that should make it work, for a button that applies it. */
typedef enum
{
  SOCK_FIX_NONE,
  SOCK_FIX_PIN,     /* value: the SHA-256 fingerprint of the certificate to accept */
  SOCK_FIX_ORIGIN,  /* value: the Origin to send */
  SOCK_FIX_URL,     /* value: the URL to connect to instead (another scheme, a redirect's target) */
} SockFixKind;

typedef struct _SockDiagnosis SockDiagnosis;

#define SOCK_TYPE_DIAGNOSIS (sock_diagnosis_get_type ())

GType               sock_diagnosis_get_type        (void) G_GNUC_CONST;

/* error: what the connect attempt failed with, or NULL when the WebSocket opened. */
SockDiagnosis      *sock_diagnose                  (const GError   *error,
                                                    SockHandshake  *handshake);

SockDiagnosis      *sock_diagnosis_ref             (SockDiagnosis  *self);
void                sock_diagnosis_unref           (SockDiagnosis  *self);

/* A stable id such as "http-200" or "tls-untrusted"; "ok" on success. */
const char         *sock_diagnosis_get_id          (const SockDiagnosis *self);
SockSeverity        sock_diagnosis_get_severity    (const SockDiagnosis *self);
const char         *sock_diagnosis_get_title       (const SockDiagnosis *self);
const char         *sock_diagnosis_get_explanation (const SockDiagnosis *self);
/* NULL-terminated; each a concrete thing to try. */
const char * const *sock_diagnosis_get_hints       (const SockDiagnosis *self);
/* The same hints as a window says them: naming its settings instead of command-line options. */
const char * const *sock_diagnosis_get_window_hints (const SockDiagnosis *self);
/* The fix, if there is one, and its value (NULL for SOCK_FIX_NONE). */
SockFixKind         sock_diagnosis_get_fix         (const SockDiagnosis *self,
                                                    const char         **value);
/* NULL-terminated; what was seen that led here ("HTTP/1.1 200 OK", "Server: nginx/1.22.1"). */
const char * const *sock_diagnosis_get_evidence    (const SockDiagnosis *self);
/* Whether the hints contain needle (a test helper as much as a UI one). */
gboolean            sock_diagnosis_has_hint        (const SockDiagnosis *self,
                                                    const char          *needle);

/* { id, severity, title, explanation, hints [..], evidence [..] } */
JsonNode           *sock_diagnosis_to_json         (const SockDiagnosis *self);

const char         *sock_severity_to_string        (SockSeverity    severity);
/* "Going away", "Invalid payload data", …; NULL for codes with no meaning of their own. */
const char         *sock_close_code_describe       (guint           code);
/* Why an open connection ended, in words: what the server's close said, or what the client
 * found wrong (a message over max_message_size, an invalid frame, a close code that must never
 * be sent). error is the transport's (SOUP_WEBSOCKET_ERROR) or NULL; code 0 means no close frame. */
char               *sock_diagnosis_describe_close  (guint           code,
                                                    const char     *reason,
                                                    const GError   *error,
                                                    guint64         max_message_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockDiagnosis, sock_diagnosis_unref)

G_END_DECLS
