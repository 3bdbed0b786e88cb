/* sock-diagnosis-tls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Diagnosis rules for certificates that were refused and TLS handshakes that failed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-diagnosis-private.h"
#include "sock-error.h"

static gboolean
is_bad_certificate (const SockDiagContext *ctx,
                    GTlsCertificateFlags   flags)
{
  return _sock_diag_error_is (ctx->error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) &&
         (sock_handshake_get_certificate_errors (ctx->hs) & flags) != 0;
}

gboolean
_sock_diag_match_tls_pin_mismatch (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, SOCK_ERROR, SOCK_ERROR_PIN_MISMATCH);
}

void
_sock_diag_build_tls_pin_mismatch (SockDiagnosis         *self,
                                   const SockDiagContext *ctx)
{
  const char *pin = sock_handshake_get_expected_pin (ctx->hs);
  const char *seen = sock_handshake_get_cert_sha256 (ctx->hs);

  _sock_diagnosis_set_title (self, _("The certificate does not match the pinned fingerprint"));
  _sock_diagnosis_explain (self, _("Only the certificate with SHA-256 %s is accepted (it is pinned), but the server presented %s."),
                           pin ? pin : "?", seen ? seen : "?");
  _sock_diagnosis_hint (self, _("If the server's certificate was renewed on purpose, update the pin: --pin %s"), seen ? seen : "SHA256");
  _sock_diagnosis_window_hint (self, _("If the server's certificate was renewed on purpose, put its new fingerprint %s in the connection settings (SHA-256 Fingerprint)."), seen ? seen : "?");
  _sock_diagnosis_hint (self, _("If it was not, someone may be intercepting the connection (a proxy or an attacker): do not connect until you know why."));
  _sock_diagnosis_hint (self, _("Pinning breaks on every renewal: trusting the CA with --ca FILE survives renewals."));
  _sock_diagnosis_window_hint (self, _("Pinning breaks on every renewal: trusting the CA (Trust: A CA File in the connection settings) survives renewals."));
  if (pin != NULL)
    _sock_diagnosis_evidence (self, _("Expected pin: %s"), pin);
  _sock_diag_add_certificate (self, ctx->hs);
}

gboolean
_sock_diag_match_tls_untrusted (const SockDiagContext *ctx)
{
  return is_bad_certificate (ctx, G_TLS_CERTIFICATE_UNKNOWN_CA);
}

void
_sock_diag_build_tls_untrusted (SockDiagnosis         *self,
                                const SockDiagContext *ctx)
{
  const char *subject = sock_handshake_get_cert_subject (ctx->hs);
  const char *issuer = sock_handshake_get_cert_issuer (ctx->hs);
  const char *seen = sock_handshake_get_cert_sha256 (ctx->hs);

  _sock_diagnosis_set_title (self, _("The certificate is not trusted"));
  if (subject != NULL && g_strcmp0 (subject, issuer) == 0)
    _sock_diagnosis_explain (self, _("The server presented a self-signed certificate (%s), which no trust store knows."), subject);
  else
    _sock_diagnosis_explain (self, _("The certificate was issued by a CA this system does not trust (%s): a private or company CA, or an incomplete chain."),
                             issuer ? issuer : _("unknown issuer"));
  _sock_diagnosis_hint (self, _("Trust the issuing CA for this profile only: --ca FILE with the CA's PEM (for a self-signed certificate, the certificate itself)."));
  _sock_diagnosis_window_hint (self, _("Trust the issuing CA for this connection only: in the connection settings choose Trust: A CA File and the CA's PEM file (for a self-signed certificate, the certificate itself)."));
  if (seen != NULL)
    {
      _sock_diagnosis_hint (self, _("Or accept exactly this certificate by its fingerprint: --pin %s"), seen);
      _sock_diagnosis_window_hint (self, _("Or trust exactly this certificate by its SHA-256 fingerprint, %s."), seen);
      _sock_diagnosis_set_fix (self, SOCK_FIX_PIN, seen);
    }
  _sock_diagnosis_hint (self, _("For a public server, install a certificate from a publicly trusted CA (e.g. Let's Encrypt) with its full chain."));
  _sock_diag_add_certificate (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_tls_expired (const SockDiagContext *ctx)
{
  return is_bad_certificate (ctx, G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED);
}

void
_sock_diag_build_tls_expired (SockDiagnosis         *self,
                              const SockDiagContext *ctx)
{
  g_autofree char *from = _sock_diag_format_date (sock_handshake_get_cert_not_before (ctx->hs));
  g_autofree char *until = _sock_diag_format_date (sock_handshake_get_cert_not_after (ctx->hs));

  if (sock_handshake_get_certificate_errors (ctx->hs) & G_TLS_CERTIFICATE_EXPIRED)
    {
      _sock_diagnosis_set_title (self, _("The certificate has expired"));
      _sock_diagnosis_explain (self, _("The server's certificate expired on %s (it was valid from %s)."), until, from);
      _sock_diagnosis_hint (self, _("Renew the certificate on the server (e.g. “certbot renew”) and reload the TLS terminator."));
      _sock_diagnosis_hint (self, _("Check the date and time of this machine: a wrong clock makes valid certificates look expired."));
    }
  else
    {
      _sock_diagnosis_set_title (self, _("The certificate is not valid yet"));
      _sock_diagnosis_explain (self, _("The server's certificate is valid only from %s (until %s)."), from, until);
      _sock_diagnosis_hint (self, _("Check the clocks of this machine and of the server: one of them is probably wrong."));
    }
  _sock_diag_add_certificate (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_tls_name_mismatch (const SockDiagContext *ctx)
{
  return is_bad_certificate (ctx, G_TLS_CERTIFICATE_BAD_IDENTITY);
}

void
_sock_diag_build_tls_name_mismatch (SockDiagnosis         *self,
                                    const SockDiagContext *ctx)
{
  g_autofree char *host = _sock_diag_url_host (sock_handshake_get_url (ctx->hs));
  const char *subject = sock_handshake_get_cert_subject (ctx->hs);

  _sock_diagnosis_set_title (self, _("The certificate does not match the host name"));
  _sock_diagnosis_explain (self, _("You connected to “%s”, but the certificate was issued for %s."),
                           host ? host : "", subject ? subject : _("another name"));
  _sock_diagnosis_hint (self, _("Connect with the host name the certificate was issued for, not an IP address or an alias."));
  _sock_diagnosis_hint (self, _("Or add “%s” to the certificate's subject alternative names."), host ? host : "");
  _sock_diagnosis_hint (self, _("A server with several sites may have sent its default certificate: check its SNI configuration."));
  _sock_diag_add_certificate (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_tls_failed (const SockDiagContext *ctx)
{
  if (ctx->error == NULL)
    return FALSE;
  return ctx->error->domain == G_TLS_ERROR ||
         (ctx->phase == SOCK_PHASE_TLS && !_sock_diag_is_timeout (ctx->error));
}

void
_sock_diag_build_tls_failed (SockDiagnosis         *self,
                             const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The TLS handshake failed"));
  _sock_diagnosis_explain (self, _("The TCP connection was made, but client and server could not agree on a secure connection: %s"),
                           ctx->error->message);
  _sock_diagnosis_hint (self, _("The server may accept only old TLS versions or ciphers: check its TLS configuration (TLS 1.2 or 1.3 is expected)."));
  _sock_diagnosis_hint (self, _("The server may require a client certificate."));
  _sock_diagnosis_hint (self, _("Try “openssl s_client -connect HOST:PORT” or “gnutls-cli HOST -p PORT” to see the server's side."));
  _sock_diag_add_certificate (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}
