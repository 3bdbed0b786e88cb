/* sock-demo-cert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A throwaway self-signed certificate for the demo server's TLS listener.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *cert_pem;
  char *key_pem;      /* PKCS#8, unencrypted */
  char *sha256;       /* SHA-256 of the DER certificate, 64 lowercase hex digits */
} SockDemoCert;

/* An ECDSA P-256 key and a certificate for CN=Sockscope demo with the SANs localhost,
 * 127.0.0.1 and ::1, valid from an hour ago for 30 days, with a random serial. */
SockDemoCert *sock_demo_cert_generate (GError      **error);
void          sock_demo_cert_free     (SockDemoCert *cert);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockDemoCert, sock_demo_cert_free)

G_END_DECLS
