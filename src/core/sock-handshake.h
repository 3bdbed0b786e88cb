/* sock-handshake.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything seen of one opening exchange: request, response, TLS, timings, and what happened in
 * the short window after the WebSocket opened (first frames, an early close). The transport fills
 * it in; the diagnosis reads it; tests build one by hand.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where the attempt got to; a timeout or an error is diagnosed by the last phase reached. */
typedef enum
{
  SOCK_PHASE_NONE,        /* nothing started */
  SOCK_PHASE_RESOLVING,   /* looking up the host name */
  SOCK_PHASE_CONNECTING,  /* TCP connect under way (name resolved) */
  SOCK_PHASE_TLS,         /* TCP connected, TLS handshake under way */
  SOCK_PHASE_REQUEST,     /* connected (and TLS done), request sent, waiting for the response */
  SOCK_PHASE_RESPONSE,    /* a response status line and headers arrived */
  SOCK_PHASE_OPEN,        /* the WebSocket is open */
} SockPhase;

/* Millisecond offsets from the start of the attempt; -1 when that step did not happen. */
typedef struct
{
  double dns_start;
  double dns_end;
  double connect_start;
  double connect_end;
  double tls_start;
  double request_start;
  double response_start;
  double response_end;
  guint64 request_header_bytes;
  guint64 response_header_bytes;
} SockTimings;

typedef struct
{
  gboolean             is_text;
  GBytes              *data;       /* at most SOCK_HANDSHAKE_FRAME_SNIPPET bytes */
  gsize                full_size;  /* the frame's whole size */
  double               at_ms;      /* offset from the open */
} SockEarlyFrame;

#define SOCK_HANDSHAKE_BODY_SNIPPET   4096
#define SOCK_HANDSHAKE_FRAME_SNIPPET  1024
#define SOCK_HANDSHAKE_MAX_FRAMES     8

#define SOCK_TYPE_HANDSHAKE (sock_handshake_get_type ())

G_DECLARE_FINAL_TYPE (SockHandshake, sock_handshake, SOCK, HANDSHAKE, GObject)

SockHandshake        *sock_handshake_new                      (const char          *url);

const char           *sock_handshake_get_url                  (SockHandshake       *self);
gboolean              sock_handshake_is_secure                (SockHandshake       *self);

SockPhase             sock_handshake_get_phase                (SockHandshake       *self);
void                  sock_handshake_set_phase                (SockHandshake       *self,
                                                               SockPhase            phase);

/* "127.0.0.1:8080" or "[::1]:8080" */
const char           *sock_handshake_get_remote_address       (SockHandshake       *self);
void                  sock_handshake_set_remote_address       (SockHandshake       *self,
                                                               const char          *address);

/* Request: method and path, as in "GET /ws HTTP/1.1" */
const char           *sock_handshake_get_request_line         (SockHandshake       *self);
void                  sock_handshake_set_request_line         (SockHandshake       *self,
                                                               const char          *line);
/* Headers as flat NULL-terminated name/value arrays, in the order sent or received. */
const char * const   *sock_handshake_get_request_headers      (SockHandshake       *self);
void                  sock_handshake_add_request_header       (SockHandshake       *self,
                                                               const char          *name,
                                                               const char          *value);
/* The subprotocols offered (Sec-WebSocket-Protocol of the request). */
const char * const   *sock_handshake_get_offered_protocols    (SockHandshake       *self);
void                  sock_handshake_set_offered_protocols    (SockHandshake       *self,
                                                               const char * const  *protocols);
const char           *sock_handshake_get_origin               (SockHandshake       *self);
void                  sock_handshake_set_origin               (SockHandshake       *self,
                                                               const char          *origin);

/* Response: status 0 when none arrived. */
guint                 sock_handshake_get_status               (SockHandshake       *self);
const char           *sock_handshake_get_reason               (SockHandshake       *self);
const char           *sock_handshake_get_http_version         (SockHandshake       *self);
void                  sock_handshake_set_status               (SockHandshake       *self,
                                                               const char          *http_version,
                                                               guint                status,
                                                               const char          *reason);
const char * const   *sock_handshake_get_response_headers     (SockHandshake       *self);
void                  sock_handshake_add_response_header      (SockHandshake       *self,
                                                               const char          *name,
                                                               const char          *value);
/* First value of a response header, case-insensitive, or NULL. */
const char           *sock_handshake_lookup_response_header   (SockHandshake       *self,
                                                               const char          *name);
const char           *sock_handshake_lookup_request_header    (SockHandshake       *self,
                                                               const char          *name);
/* At most SOCK_HANDSHAKE_BODY_SNIPPET bytes of the response body. */
GBytes               *sock_handshake_get_body                 (SockHandshake       *self);
gboolean              sock_handshake_get_body_truncated       (SockHandshake       *self);
void                  sock_handshake_set_body                 (SockHandshake       *self,
                                                               const guint8        *data,
                                                               gsize                len);
/* The body as printable text (control bytes escaped), or NULL when there is none. */
char                 *sock_handshake_dup_body_text            (SockHandshake       *self);

/* What the server agreed to: NULL when it confirmed no subprotocol. */
const char           *sock_handshake_get_protocol             (SockHandshake       *self);
void                  sock_handshake_set_protocol             (SockHandshake       *self,
                                                               const char          *protocol);
const char           *sock_handshake_get_extensions           (SockHandshake       *self);
void                  sock_handshake_set_extensions           (SockHandshake       *self,
                                                               const char          *extensions);
/* The Location of a redirect response, resolved against the request URL. */
const char           *sock_handshake_get_redirect             (SockHandshake       *self);
void                  sock_handshake_set_redirect             (SockHandshake       *self,
                                                               const char          *location);

/* TLS (only for wss://) */
gboolean              sock_handshake_get_tls_used             (SockHandshake       *self);
const char           *sock_handshake_get_tls_version          (SockHandshake       *self);
const char           *sock_handshake_get_tls_cipher           (SockHandshake       *self);
void                  sock_handshake_set_tls                  (SockHandshake       *self,
                                                               const char          *version,
                                                               const char          *cipher);
/* Records the peer certificate (subject, issuer, validity, fingerprint) and its errors. */
void                  sock_handshake_set_certificate          (SockHandshake       *self,
                                                               GTlsCertificate     *certificate,
                                                               GTlsCertificateFlags errors);
GTlsCertificate      *sock_handshake_get_certificate          (SockHandshake       *self);
GTlsCertificateFlags  sock_handshake_get_certificate_errors   (SockHandshake       *self);
/* For tests and for a certificate seen but not kept. */
void                  sock_handshake_set_certificate_info     (SockHandshake       *self,
                                                               const char          *subject,
                                                               const char          *issuer,
                                                               GDateTime           *not_before,
                                                               GDateTime           *not_after,
                                                               const char          *sha256,
                                                               GTlsCertificateFlags errors);
const char           *sock_handshake_get_cert_subject         (SockHandshake       *self);
const char           *sock_handshake_get_cert_issuer          (SockHandshake       *self);
GDateTime            *sock_handshake_get_cert_not_before      (SockHandshake       *self);
GDateTime            *sock_handshake_get_cert_not_after       (SockHandshake       *self);
/* 64 lowercase hex digits */
const char           *sock_handshake_get_cert_sha256          (SockHandshake       *self);
/* The pin the profile asked for, when there was one. */
const char           *sock_handshake_get_expected_pin         (SockHandshake       *self);
void                  sock_handshake_set_expected_pin         (SockHandshake       *self,
                                                               const char          *pin);
/* After a ws:// attempt closed before any response, a TLS ClientHello to the same port was
 * answered with a TLS handshake: the port speaks TLS. */
gboolean              sock_handshake_get_port_speaks_tls      (SockHandshake       *self);
void                  sock_handshake_set_port_speaks_tls      (SockHandshake       *self,
                                                               gboolean             speaks_tls);

/* After a wss:// attempt failed or hung in the TLS handshake, a plain HTTP request to the same
 * port was answered with "HTTP/": the port speaks plain HTTP (and so ws://). */
gboolean              sock_handshake_get_port_speaks_http     (SockHandshake       *self);
void                  sock_handshake_set_port_speaks_http     (SockHandshake       *self,
                                                               gboolean             speaks_http);

const SockTimings    *sock_handshake_get_timings              (SockHandshake       *self);
void                  sock_handshake_set_timings              (SockHandshake       *self,
                                                               const SockTimings   *timings);
/* Seconds the attempt was allowed before it was given up (0 = no limit). */
guint                 sock_handshake_get_timeout              (SockHandshake       *self);
void                  sock_handshake_set_timeout              (SockHandshake       *self,
                                                               guint                seconds);

/* After the open */
guint                 sock_handshake_get_n_early_frames       (SockHandshake       *self);
const SockEarlyFrame *sock_handshake_get_early_frame          (SockHandshake       *self,
                                                               guint                index);
void                  sock_handshake_add_early_frame          (SockHandshake       *self,
                                                               gboolean             is_text,
                                                               const guint8        *data,
                                                               gsize                len,
                                                               double               at_ms);
/* The server closed within the observation window. close_code 0 means "none given" only when
 * close_code_present is FALSE; a close frame with code 0 is recorded as present with code 0. */
gboolean              sock_handshake_get_closed_early         (SockHandshake       *self);
gushort               sock_handshake_get_close_code           (SockHandshake       *self);
gboolean              sock_handshake_get_close_code_present   (SockHandshake       *self);
const char           *sock_handshake_get_close_reason         (SockHandshake       *self);
double                sock_handshake_get_close_at_ms          (SockHandshake       *self);
void                  sock_handshake_set_early_close          (SockHandshake       *self,
                                                               gboolean             code_present,
                                                               gushort              code,
                                                               const char          *reason,
                                                               double               at_ms);
/* An error raised on the open connection (e.g. SOUP_WEBSOCKET_ERROR 1009 for a message over
 * the size limit, 1002 for an invalid close code). */
const GError         *sock_handshake_get_connection_error     (SockHandshake       *self);
void                  sock_handshake_set_connection_error     (SockHandshake       *self,
                                                               const GError        *error);
/* The largest message the client accepts, for the size-limit diagnosis. */
guint64               sock_handshake_get_max_message_size     (SockHandshake       *self);
void                  sock_handshake_set_max_message_size     (SockHandshake       *self,
                                                               guint64              bytes);

/* { url, remote_address, request_line, request_headers {..}, status, reason, http_version,
 *   response_headers {..}, body, protocol, extensions, redirect, timings {..}, tls {..} or null,
 *   early_frames [..], close {code, reason} or null } */
JsonNode             *sock_handshake_to_json                  (SockHandshake       *self);

const char           *sock_phase_to_string                    (SockPhase            phase);

G_END_DECLS
