/* sock-handshake-export-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One attempt as plain text for a bug report: the diagnosis first, then request, response,
 * timings and TLS. Secret header values and query parameters are masked.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-format.h"
#include "sock-handshake-export-private.h"

void
sock_timings_get_spans (const SockTimings *t,
                        SockTimingSpan     spans[SOCK_TIMING_N_STEPS])
{
  g_return_if_fail (t != NULL);

  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    spans[i].start = spans[i].end = -1;
  if (t->dns_start >= 0 && t->dns_end >= t->dns_start)
    spans[SOCK_TIMING_DNS] = (SockTimingSpan) { t->dns_start, t->dns_end };
  /* libsoup's connect end comes after the TLS handshake */
  if (t->connect_start >= 0 && t->connect_end >= t->connect_start)
    {
      double tcp_end = t->tls_start >= t->connect_start ? t->tls_start : t->connect_end;

      spans[SOCK_TIMING_CONNECT] = (SockTimingSpan) { t->connect_start, tcp_end };
      if (t->tls_start >= t->connect_start)
        spans[SOCK_TIMING_TLS] = (SockTimingSpan) { t->tls_start, t->connect_end };
    }
  if (t->request_start >= 0 && t->response_start >= t->request_start)
    spans[SOCK_TIMING_WAIT] = (SockTimingSpan) { t->request_start, t->response_start };
}

const char *
sock_timing_step_name (SockTimingStep step)
{
  switch (step)
    {
    case SOCK_TIMING_DNS:     return _("DNS lookup");
    case SOCK_TIMING_CONNECT: return _("Connect");
    case SOCK_TIMING_TLS:     return _("TLS handshake");
    case SOCK_TIMING_WAIT:    return _("Waiting for response");
    case SOCK_TIMING_N_STEPS:
    default:                  return NULL;
    }
}

char *
sock_handshake_dup_certificate_checks (SockHandshake *handshake,
                                       SockTlsPolicy  policy)
{
  GTlsCertificateFlags errors;
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), NULL);

  if (!sock_handshake_is_secure (handshake) || sock_handshake_get_cert_sha256 (handshake) == NULL)
    return NULL;
  errors = sock_handshake_get_certificate_errors (handshake);
  if (policy == SOCK_TLS_PIN)
    {
      const char *pin = sock_handshake_get_expected_pin (handshake);
      gboolean match = pin != NULL && g_ascii_strcasecmp (pin, sock_handshake_get_cert_sha256 (handshake)) == 0;

      g_ptr_array_add (checks, g_strdup (match ? _("the pinned SHA-256 fingerprint matches")
                                               : _("the pinned SHA-256 fingerprint does not match")));
    }
  else if (policy == SOCK_TLS_INSECURE)
    g_ptr_array_add (checks, g_strdup (_("not checked: the connection accepts any certificate")));
  else
    {
      const char *trusted_by = policy == SOCK_TLS_CA_FILE ? _("the CA file") : _("the system");

      g_ptr_array_add (checks, errors & G_TLS_CERTIFICATE_UNKNOWN_CA
                               ? g_strdup_printf (_("not trusted by %s"), trusted_by)
                               : g_strdup_printf (_("trusted by %s"), trusted_by));
      g_ptr_array_add (checks, g_strdup (errors & G_TLS_CERTIFICATE_BAD_IDENTITY
                                         ? _("host name does not match") : _("host name matches")));
    }
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (checks, g_strdup (_("expired")));
  else if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (checks, g_strdup (_("not valid yet")));
  else if (policy != SOCK_TLS_INSECURE)
    g_ptr_array_add (checks, g_strdup (_("valid now")));
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (checks, g_strdup (_("revoked")));
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (checks, g_strdup (_("uses an insecure algorithm")));
  g_ptr_array_add (checks, NULL);
  return g_strjoinv (", ", (char **) checks->pdata);
}

void
sock_certificate_info_free (SockCertificateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->subject);
  g_free (info->issuer);
  g_clear_pointer (&info->not_before, g_date_time_unref);
  g_clear_pointer (&info->not_after, g_date_time_unref);
  g_free (info->sha256);
  g_free (info);
}

static SockCertificateInfo *
describe_certificate (GTlsCertificate *certificate)
{
  SockCertificateInfo *info = g_new0 (SockCertificateInfo, 1);
  g_autoptr(GByteArray) der = NULL;

  info->subject = g_tls_certificate_get_subject_name (certificate);
  info->issuer = g_tls_certificate_get_issuer_name (certificate);
  info->not_before = g_tls_certificate_get_not_valid_before (certificate);
  info->not_after = g_tls_certificate_get_not_valid_after (certificate);
  g_object_get (certificate, "certificate", &der, NULL);
  if (der != NULL)
    info->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  return info;
}

GPtrArray *
sock_handshake_dup_certificate_chain (SockHandshake *handshake)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_certificate_info_free);
  GTlsCertificate *certificate;
  SockCertificateInfo *peer;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), chain);

  if (sock_handshake_get_cert_sha256 (handshake) == NULL)
    return chain;
  /* the record's own summary first: it is there even when the certificate was not kept */
  peer = g_new0 (SockCertificateInfo, 1);
  peer->subject = g_strdup (sock_handshake_get_cert_subject (handshake));
  peer->issuer = g_strdup (sock_handshake_get_cert_issuer (handshake));
  peer->not_before = sock_handshake_get_cert_not_before (handshake)
                     ? g_date_time_ref (sock_handshake_get_cert_not_before (handshake)) : NULL;
  peer->not_after = sock_handshake_get_cert_not_after (handshake)
                    ? g_date_time_ref (sock_handshake_get_cert_not_after (handshake)) : NULL;
  peer->sha256 = g_strdup (sock_handshake_get_cert_sha256 (handshake));
  g_ptr_array_add (chain, peer);
  certificate = sock_handshake_get_certificate (handshake);
  /* a bound, in case a chain loops */
  for (GTlsCertificate *issuer = certificate ? g_tls_certificate_get_issuer (certificate) : NULL;
       issuer != NULL && chain->len < 10; issuer = g_tls_certificate_get_issuer (issuer))
    g_ptr_array_add (chain, describe_certificate (issuer));
  return chain;
}

static void
append_list (GString            *out,
             const char         *heading,
             const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return;
  g_string_append_printf (out, "%s\n", heading);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (out, "  • %s\n", items[i]);
}

static void
append_diagnosis (GString              *out,
                  SockHandshakeAttempt *attempt)
{
  SockDiagnosis *diagnosis = sock_handshake_attempt_get_diagnosis (attempt);

  g_string_append_printf (out, _("Diagnosis: %s (%s)\n"), sock_diagnosis_get_title (diagnosis),
                          sock_diagnosis_get_id (diagnosis));
  if (sock_diagnosis_get_explanation (diagnosis) != NULL)
    g_string_append_printf (out, "%s\n", sock_diagnosis_get_explanation (diagnosis));
  append_list (out, _("What to try:"), sock_diagnosis_get_window_hints (diagnosis));
  append_list (out, _("Seen:"), sock_diagnosis_get_evidence (diagnosis));
}

static void
append_headers (GString            *out,
                const char * const *headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      g_autofree char *shown = sock_handshake_mask_header (headers[i], headers[i + 1]);

      g_string_append_printf (out, "%s: %s\n", headers[i], shown);
    }
}

static void
append_exchange (GString       *out,
                 SockHandshake *handshake)
{
  g_autofree char *line = sock_handshake_get_request_line (handshake)
                          ? _sock_handshake_export_shown_url (sock_handshake_get_request_line (handshake)) : NULL;
  g_autofree char *body = sock_handshake_dup_body_text (handshake);

  g_string_append_printf (out, "\n%s", _("Request"));
  if (sock_handshake_get_remote_address (handshake) != NULL)
    g_string_append_printf (out, _(" to %s"), sock_handshake_get_remote_address (handshake));
  g_string_append_printf (out, "\n%s\n", line ? line : _("(not sent)"));
  append_headers (out, sock_handshake_get_request_headers (handshake));

  g_string_append_printf (out, "\n%s\n", _("Response"));
  if (sock_handshake_get_status (handshake) == 0)
    g_string_append_printf (out, "%s\n", _("(none)"));
  else
    g_string_append_printf (out, "%s %u %s\n", sock_handshake_get_http_version (handshake),
                            sock_handshake_get_status (handshake),
                            sock_handshake_get_reason (handshake) ? sock_handshake_get_reason (handshake) : "");
  append_headers (out, sock_handshake_get_response_headers (handshake));
  if (body != NULL && *body != '\0')
    g_string_append_printf (out, "\n%s\n%s%s\n", _("Body:"), body,
                            sock_handshake_get_body_truncated (handshake) ? " …" : "");
}

static void
append_timings (GString       *out,
                SockHandshake *handshake)
{
  SockTimingSpan spans[SOCK_TIMING_N_STEPS];
  gboolean any = FALSE;

  sock_timings_get_spans (sock_handshake_get_timings (handshake), spans);
  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    {
      if (spans[i].start < 0)
        continue;
      if (!any)
        g_string_append_printf (out, "\n%s\n", _("Timings"));
      any = TRUE;
      {
        g_autofree char *ms = sock_format_decimal (spans[i].end - spans[i].start, 1);

        g_string_append_printf (out, "%s: %s ms\n", sock_timing_step_name (i), ms);
      }
    }
}

static void
append_date (GString    *out,
             const char *label,
             GDateTime  *date)
{
  g_autofree char *text = date ? g_date_time_format (date, "%Y-%m-%d %H:%M:%S UTC") : NULL;

  if (text != NULL)
    g_string_append_printf (out, "%s: %s\n", label, text);
}

static void
append_issuers (GString       *out,
                SockHandshake *handshake)
{
  g_autoptr(GPtrArray) chain = sock_handshake_dup_certificate_chain (handshake);

  for (guint i = 1; i < chain->len; i++)
    {
      SockCertificateInfo *info = g_ptr_array_index (chain, i);

      g_string_append_printf (out, _("Issuer certificate %u: %s\n"), i, info->subject ? info->subject : "?");
      if (info->sha256 != NULL)
        g_string_append_printf (out, "  SHA-256: %s\n", info->sha256);
    }
}

static void
append_tls (GString              *out,
            SockHandshakeAttempt *attempt)
{
  SockHandshake *handshake = sock_handshake_attempt_get_handshake (attempt);
  g_autofree char *checks = sock_handshake_dup_certificate_checks (handshake,
                                                                   sock_handshake_attempt_get_tls_policy (attempt));

  if (!sock_handshake_is_secure (handshake))
    return;
  g_string_append_printf (out, "\n%s\n", _("TLS"));
  if (sock_handshake_get_tls_version (handshake) != NULL)
    g_string_append_printf (out, _("Version: %s, %s\n"), sock_handshake_get_tls_version (handshake),
                            sock_handshake_get_tls_cipher (handshake) ? sock_handshake_get_tls_cipher (handshake) : "?");
  if (sock_handshake_get_cert_subject (handshake) != NULL)
    g_string_append_printf (out, _("Subject: %s\n"), sock_handshake_get_cert_subject (handshake));
  if (sock_handshake_get_cert_issuer (handshake) != NULL)
    g_string_append_printf (out, _("Issuer: %s\n"), sock_handshake_get_cert_issuer (handshake));
  append_date (out, _("Valid from"), sock_handshake_get_cert_not_before (handshake));
  append_date (out, _("Valid until"), sock_handshake_get_cert_not_after (handshake));
  if (sock_handshake_get_cert_sha256 (handshake) != NULL)
    g_string_append_printf (out, "SHA-256: %s\n", sock_handshake_get_cert_sha256 (handshake));
  if (checks != NULL)
    g_string_append_printf (out, _("Checked: %s\n"), checks);
  append_issuers (out, handshake);
}

char *
sock_handshake_export_text (SockHandshakeAttempt *attempt)
{
  SockHandshake *handshake;
  g_autofree char *url = NULL;
  g_autofree char *started = NULL;
  g_autofree char *duration = NULL;
  GString *out;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (attempt), NULL);

  handshake = sock_handshake_attempt_get_handshake (attempt);
  url = _sock_handshake_export_shown_url (sock_handshake_get_url (handshake));
  started = g_date_time_format (sock_handshake_attempt_get_started (attempt), "%Y-%m-%d %H:%M:%S UTC");
  out = g_string_new (NULL);
  if (sock_url_is_rawsocket (sock_handshake_get_url (handshake)))
    g_string_append_printf (out, _("RawSocket handshake: %s\n"), url);
  else
    g_string_append_printf (out, _("WebSocket handshake: %s\n"), url);
  g_string_append_printf (out, _("Started: %s\n"), started);
  duration = sock_format_decimal (MAX (sock_handshake_attempt_get_duration_ms (attempt), 0), 0);
  /* TRANSLATORS: the attempt's outcome and its duration in whole milliseconds, "Failed (1,250 ms)" */
  g_string_append_printf (out, _("Outcome: %s (%s ms)\n"), sock_handshake_attempt_get_outcome (attempt), duration);
  if (sock_handshake_attempt_get_error_message (attempt) != NULL)
    g_string_append_printf (out, _("Error: %s\n"), sock_handshake_attempt_get_error_message (attempt));
  append_diagnosis (out, attempt);
  append_exchange (out, handshake);
  append_timings (out, handshake);
  append_tls (out, attempt);
  {
    g_autofree char *raw = g_string_free (out, FALSE);

    /* the diagnosis and the error quote the URL as it was given */
    return sock_handshake_mask_text (raw);
  }
}
