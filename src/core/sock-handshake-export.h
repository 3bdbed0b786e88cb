/* sock-handshake-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One handshake attempt as text to paste into a bug report, and as curl and websocat command
 * lines that reproduce it. Secrets never leave: Authorization, Proxy-Authorization and Cookie
 * values and ticket-like query parameters become shell variables ($TOKEN, $COOKIE, …) that the
 * user fills in; every other word is single-quoted.
 */

#pragma once

#include "sock-handshake-attempt.h"

G_BEGIN_DECLS

/* The steps of an attempt as the timings bar and the text show them. */
typedef enum
{
  SOCK_TIMING_DNS,
  SOCK_TIMING_CONNECT,
  SOCK_TIMING_TLS,
  SOCK_TIMING_WAIT,
  SOCK_TIMING_N_STEPS,
} SockTimingStep;

/* Millisecond offsets; start < 0 when the step did not happen. */
typedef struct
{
  double start;
  double end;
} SockTimingSpan;

void        sock_timings_get_spans (const SockTimings *timings,
                                    SockTimingSpan     spans[SOCK_TIMING_N_STEPS]);
/* "DNS lookup", "Connect", "TLS", "Waiting for response" */
const char *sock_timing_step_name  (SockTimingStep     step);

/* What was checked of the peer certificate, in words ("Trusted by the system, host name
 * matches, valid now"), or NULL for a ws:// attempt. */
char       *sock_handshake_dup_certificate_checks (SockHandshake *handshake,
                                                   SockTlsPolicy  policy);

/* One certificate of the chain the server sent. */
typedef struct
{
  char      *subject;
  char      *issuer;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *sha256;    /* 64 lowercase hex digits */
} SockCertificateInfo;

void        sock_certificate_info_free (SockCertificateInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockCertificateInfo, sock_certificate_info_free)

/* The server's certificate first, then its issuers as far as the server sent them; empty for a
 * ws:// attempt. Free with g_ptr_array_unref (). */
GPtrArray  *sock_handshake_dup_certificate_chain (SockHandshake *handshake);

char *sock_handshake_export_text     (SockHandshakeAttempt *attempt);
char *sock_handshake_export_curl     (SockHandshakeAttempt *attempt);
char *sock_handshake_export_websocat (SockHandshakeAttempt *attempt);

/* text with the value of every ticket-like query parameter in it masked ("?ticket=•••• (hidden)"). */
char *sock_handshake_mask_text       (const char           *text);

/* A header value as a reader may see it: Authorization, Proxy-Authorization and Cookie masked,
 * an auth scheme ("Bearer") kept. */
char *sock_handshake_mask_header     (const char           *name,
                                      const char           *value);

/* Appends text as one shell word: 'text' with every ' written as '\''. */
void  sock_shell_quote_append        (GString              *out,
                                      const char           *text);

G_END_DECLS
