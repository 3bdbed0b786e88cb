/* sock-handshake-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files that make up SockHandshake (the record, its TLS and after-open details,
 * its JSON form).
 */

#pragma once

#include "sock-handshake.h"

G_BEGIN_DECLS

struct _SockHandshake
{
  GObject              parent_instance;

  char                *url;
  SockPhase            phase;
  char                *remote_address;

  char                *request_line;
  GPtrArray           *request_headers;   /* name, value, …, NULL */
  GStrv                offered_protocols;
  char                *origin;

  guint                status;
  char                *reason;
  char                *http_version;
  GPtrArray           *response_headers;  /* name, value, …, NULL */
  GBytes              *body;
  gboolean             body_truncated;

  char                *protocol;
  char                *extensions;
  char                *redirect;

  char                *tls_version;
  char                *tls_cipher;
  GTlsCertificate     *certificate;
  gboolean             have_cert_info;
  GTlsCertificateFlags cert_errors;
  char                *cert_subject;
  char                *cert_issuer;
  GDateTime           *cert_not_before;
  GDateTime           *cert_not_after;
  char                *cert_sha256;
  char                *expected_pin;
  gboolean             port_speaks_tls;
  gboolean             port_speaks_http;

  SockTimings          timings;
  guint                timeout;

  GArray              *early_frames;      /* SockEarlyFrame */
  gboolean             closed_early;
  gboolean             close_code_present;
  gushort              close_code;
  char                *close_reason;
  double               close_at_ms;
  GError              *connection_error;
  guint64              max_message_size;
};

/* Valid UTF-8 kept, newlines and tabs kept, every other control byte or broken sequence escaped. */
char     *_sock_handshake_printable_text (const char    *data,
                                          gsize          len);
gboolean  _sock_handshake_replace_string (char         **field,
                                          const char    *value);

#define SOCK_HANDSHAKE_N_CERT_ERRORS 7

/* The names of the certificate errors set in errors ("unknown-ca", "expired", …) in a fixed
 * order, as the JSON report and the diagnosis give them: into names, NULL-terminated; how many. */
guint     _sock_handshake_cert_error_names (GTlsCertificateFlags  errors,
                                            const char           *names[SOCK_HANDSHAKE_N_CERT_ERRORS + 1]);

G_END_DECLS
