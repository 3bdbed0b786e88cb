/* sock-diagnosis-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files that hold the diagnosis rules: the context a rule reads, the helpers that
 * fill a diagnosis in, and one match/build pair per rule (the order lives in sock-diagnosis.c).
 */

#pragma once

#include "sock-diagnosis.h"

G_BEGIN_DECLS

typedef struct
{
  const GError  *error;       /* what the attempt failed with; NULL when it opened */
  const GError  *conn_error;  /* an error raised on the open connection */
  SockHandshake *hs;
  guint          status;
  SockPhase      phase;
  gboolean       opened;
} SockDiagContext;

typedef gboolean (*SockDiagMatch) (const SockDiagContext *ctx);
typedef void     (*SockDiagBuild) (SockDiagnosis         *self,
                                   const SockDiagContext *ctx);

#define SOCK_DIAG_RULE(name) \
  gboolean _sock_diag_match_##name (const SockDiagContext *ctx); \
  void     _sock_diag_build_##name (SockDiagnosis *self, const SockDiagContext *ctx);

/* sock-diagnosis-network.c */
SOCK_DIAG_RULE (dns_failure)
SOCK_DIAG_RULE (connection_refused)
SOCK_DIAG_RULE (host_unreachable)
SOCK_DIAG_RULE (connect_timeout)
SOCK_DIAG_RULE (tls_timeout)
SOCK_DIAG_RULE (response_timeout)
SOCK_DIAG_RULE (response_headers_too_big)
SOCK_DIAG_RULE (plain_to_tls_port)
SOCK_DIAG_RULE (closed_before_response)
SOCK_DIAG_RULE (tls_not_tls)

/* sock-diagnosis-tls.c */
SOCK_DIAG_RULE (tls_pin_mismatch)
SOCK_DIAG_RULE (tls_untrusted)
SOCK_DIAG_RULE (tls_expired)
SOCK_DIAG_RULE (tls_name_mismatch)
SOCK_DIAG_RULE (tls_failed)

/* sock-diagnosis-http.c */
SOCK_DIAG_RULE (http_redirect)
SOCK_DIAG_RULE (http_200)
SOCK_DIAG_RULE (http_400)
SOCK_DIAG_RULE (http_401)
SOCK_DIAG_RULE (http_403)
SOCK_DIAG_RULE (http_404)
SOCK_DIAG_RULE (http_405)
SOCK_DIAG_RULE (http_426)
SOCK_DIAG_RULE (http_5xx)
SOCK_DIAG_RULE (http_other)

/* sock-diagnosis-open.c */
SOCK_DIAG_RULE (bad_accept)
SOCK_DIAG_RULE (unexpected_subprotocol)
SOCK_DIAG_RULE (not_websocket)
SOCK_DIAG_RULE (message_too_big)
SOCK_DIAG_RULE (close_invalid_code)
SOCK_DIAG_RULE (invalid_frame)
SOCK_DIAG_RULE (closed_after_open)
SOCK_DIAG_RULE (no_subprotocol)
SOCK_DIAG_RULE (ok)
SOCK_DIAG_RULE (unknown)

/* sock-diagnosis-rawsocket.c */
SOCK_DIAG_RULE (rawsocket_refused)
SOCK_DIAG_RULE (rawsocket_silent)
SOCK_DIAG_RULE (rawsocket_broken)
SOCK_DIAG_RULE (rawsocket_ok)

/* Filling a diagnosis in (sock-diagnosis.c) */
void      _sock_diagnosis_set_severity (SockDiagnosis  *self,
                                        SockSeverity    severity);
void      _sock_diagnosis_set_title    (SockDiagnosis  *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* Appends a sentence or paragraph to the explanation. */
void      _sock_diagnosis_explain      (SockDiagnosis  *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void      _sock_diagnosis_hint         (SockDiagnosis  *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* Words the window uses instead of the hint added last (which names command-line options). */
void      _sock_diagnosis_window_hint  (SockDiagnosis  *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void      _sock_diagnosis_set_fix      (SockDiagnosis  *self,
                                        SockFixKind     kind,
                                        const char     *value);
void      _sock_diagnosis_evidence     (SockDiagnosis  *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);

/* Reading the handshake (sock-diagnosis-util.c) */
gboolean  _sock_diag_is_timeout        (const GError   *error);
gboolean  _sock_diag_error_is          (const GError   *error,
                                        GQuark          domain,
                                        int             code);
/* Whether the error's message contains needle, ignoring case. */
gboolean  _sock_diag_error_mentions    (const GError   *error,
                                        const char     *needle);
/* "HTTP/1.1 200 OK" */
char     *_sock_diag_status_line       (SockHandshake  *hs);
/* Adds "Name: value" when the response has that header. */
void      _sock_diag_add_header        (SockDiagnosis  *self,
                                        SockHandshake  *hs,
                                        const char     *name);
/* Adds the status line, Server, Content-Type and an HTML <title>. */
void      _sock_diag_add_response      (SockDiagnosis  *self,
                                        SockHandshake  *hs);
/* Adds the first line of the body, shortened. */
void      _sock_diag_add_body_line     (SockDiagnosis  *self,
                                        SockHandshake  *hs);
void      _sock_diag_add_error         (SockDiagnosis  *self,
                                        const GError   *error);
gboolean  _sock_diag_body_contains     (SockHandshake  *hs,
                                        const char     *needle);
char     *_sock_diag_body_title        (SockHandshake  *hs);
/* Where the answer itself gives the reason, quotes it (made safe): the body's line naming a
 * subprotocol, the software the Server header names. */
void      _sock_diag_quote_answer      (SockDiagnosis  *self,
                                        SockHandshake  *hs);
/* The path and query asked for: from the request line, else from the URL. */
char     *_sock_diag_request_path      (SockHandshake  *hs);
char     *_sock_diag_url_host          (const char     *url);
/* The port, with the scheme's default when the URL has none; -1 when unparsable. */
int       _sock_diag_url_port          (const char     *url);
gboolean  _sock_diag_url_is_loopback   (SockHandshake  *hs);
/* The URL with another scheme: http/https map to ws/wss. */
char     *_sock_diag_url_with_scheme   (const char     *url,
                                        const char     *scheme);
/* "wamp.2.json, wamp", or NULL when none were offered. */
char     *_sock_diag_offered_text      (SockHandshake  *hs);
gboolean  _sock_diag_offered           (SockHandshake  *hs,
                                        const char     *protocol);
/* "2025-06-07 08:09 UTC" */
char     *_sock_diag_format_date       (GDateTime      *date);
char     *_sock_diag_cert_errors_text  (GTlsCertificateFlags errors);
/* Adds subject, issuer, validity, fingerprint, errors and TLS version. */
void      _sock_diag_add_certificate   (SockDiagnosis  *self,
                                        SockHandshake  *hs);
/* At most max_chars characters of text, stripped, with "…" when cut. */
char     *_sock_diag_shorten           (const char     *text,
                                        gsize           max_chars);

G_END_DECLS
