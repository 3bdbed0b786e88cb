/* sock-handshake-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockHandshake: TLS and certificate, timings, and what happened right after the open.
 */

#include "config.h"

#include "sock-handshake-private.h"

gboolean
sock_handshake_get_tls_used (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->tls_version != NULL || self->have_cert_info;
}

const char *
sock_handshake_get_tls_version (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->tls_version;
}

const char *
sock_handshake_get_tls_cipher (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->tls_cipher;
}

void
sock_handshake_set_tls (SockHandshake *self,
                        const char    *version,
                        const char    *cipher)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->tls_version, version);
  _sock_handshake_replace_string (&self->tls_cipher, cipher);
}

void
sock_handshake_set_certificate (SockHandshake        *self,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *sha256 = NULL;

  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->certificate, certificate);
  if (certificate == NULL)
    {
      sock_handshake_set_certificate_info (self, NULL, NULL, NULL, NULL, NULL, errors);
      return;
    }

  g_object_get (certificate,
                "certificate", &der,
                "subject-name", &subject,
                "issuer-name", &issuer,
                "not-valid-before", &not_before,
                "not-valid-after", &not_after,
                NULL);
  if (der != NULL)
    sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  sock_handshake_set_certificate_info (self, subject, issuer, not_before, not_after, sha256, errors);
}

GTlsCertificate *
sock_handshake_get_certificate (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->certificate;
}

GTlsCertificateFlags
sock_handshake_get_certificate_errors (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->cert_errors;
}

static void
replace_date (GDateTime **field,
              GDateTime  *value)
{
  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
}

void
sock_handshake_set_certificate_info (SockHandshake        *self,
                                     const char           *subject,
                                     const char           *issuer,
                                     GDateTime            *not_before,
                                     GDateTime            *not_after,
                                     const char           *sha256,
                                     GTlsCertificateFlags  errors)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (SOCK_IS_HANDSHAKE (self));

  lower = sha256 ? g_ascii_strdown (sha256, -1) : NULL;
  _sock_handshake_replace_string (&self->cert_subject, subject);
  _sock_handshake_replace_string (&self->cert_issuer, issuer);
  replace_date (&self->cert_not_before, not_before);
  replace_date (&self->cert_not_after, not_after);
  _sock_handshake_replace_string (&self->cert_sha256, lower);
  self->cert_errors = errors;
  self->have_cert_info = subject != NULL || issuer != NULL || sha256 != NULL || errors != 0;
}

const char *
sock_handshake_get_cert_subject (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->cert_subject;
}

const char *
sock_handshake_get_cert_issuer (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->cert_issuer;
}

GDateTime *
sock_handshake_get_cert_not_before (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->cert_not_before;
}

GDateTime *
sock_handshake_get_cert_not_after (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->cert_not_after;
}

const char *
sock_handshake_get_cert_sha256 (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->cert_sha256;
}

const char *
sock_handshake_get_expected_pin (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->expected_pin;
}

void
sock_handshake_set_expected_pin (SockHandshake *self,
                                 const char    *pin)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->expected_pin, pin);
}

gboolean
sock_handshake_get_port_speaks_tls (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->port_speaks_tls;
}

void
sock_handshake_set_port_speaks_tls (SockHandshake *self,
                                    gboolean       speaks_tls)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  self->port_speaks_tls = !!speaks_tls;
}

gboolean
sock_handshake_get_port_speaks_http (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->port_speaks_http;
}

void
sock_handshake_set_port_speaks_http (SockHandshake *self,
                                     gboolean       speaks_http)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  self->port_speaks_http = !!speaks_http;
}

const SockTimings *
sock_handshake_get_timings (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return &self->timings;
}

void
sock_handshake_set_timings (SockHandshake     *self,
                            const SockTimings *timings)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_return_if_fail (timings != NULL);
  self->timings = *timings;
}

guint
sock_handshake_get_timeout (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->timeout;
}

void
sock_handshake_set_timeout (SockHandshake *self,
                            guint          seconds)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  self->timeout = seconds;
}

guint
sock_handshake_get_n_early_frames (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->early_frames->len;
}

const SockEarlyFrame *
sock_handshake_get_early_frame (SockHandshake *self,
                                guint          index)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  g_return_val_if_fail (index < self->early_frames->len, NULL);
  return &g_array_index (self->early_frames, SockEarlyFrame, index);
}

void
sock_handshake_add_early_frame (SockHandshake *self,
                                gboolean       is_text,
                                const guint8  *data,
                                gsize          len,
                                double         at_ms)
{
  SockEarlyFrame frame = { 0 };

  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_return_if_fail (data != NULL || len == 0);

  /* Only the first few frames say anything about what the server is. */
  if (self->early_frames->len >= SOCK_HANDSHAKE_MAX_FRAMES)
    return;
  frame.is_text = !!is_text;
  frame.data = g_bytes_new (data, MIN (len, SOCK_HANDSHAKE_FRAME_SNIPPET));
  frame.full_size = len;
  frame.at_ms = at_ms;
  g_array_append_val (self->early_frames, frame);
}

gboolean
sock_handshake_get_closed_early (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->closed_early;
}

gushort
sock_handshake_get_close_code (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->close_code;
}

gboolean
sock_handshake_get_close_code_present (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->close_code_present;
}

const char *
sock_handshake_get_close_reason (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->close_reason;
}

double
sock_handshake_get_close_at_ms (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), -1);
  return self->close_at_ms;
}

void
sock_handshake_set_early_close (SockHandshake *self,
                                gboolean       code_present,
                                gushort        code,
                                const char    *reason,
                                double         at_ms)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));

  self->closed_early = TRUE;
  self->close_code_present = !!code_present;
  self->close_code = code_present ? code : 0;
  _sock_handshake_replace_string (&self->close_reason, reason && *reason ? reason : NULL);
  self->close_at_ms = at_ms;
}

const GError *
sock_handshake_get_connection_error (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->connection_error;
}

void
sock_handshake_set_connection_error (SockHandshake *self,
                                     const GError  *error)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_clear_error (&self->connection_error);
  if (error != NULL)
    self->connection_error = g_error_copy (error);
}

guint64
sock_handshake_get_max_message_size (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->max_message_size;
}

void
sock_handshake_set_max_message_size (SockHandshake *self,
                                     guint64        bytes)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  self->max_message_size = bytes;
}

const char *
sock_phase_to_string (SockPhase phase)
{
  switch (phase)
    {
    case SOCK_PHASE_NONE:       return "none";
    case SOCK_PHASE_RESOLVING:  return "resolving";
    case SOCK_PHASE_CONNECTING: return "connecting";
    case SOCK_PHASE_TLS:        return "tls";
    case SOCK_PHASE_REQUEST:    return "request";
    case SOCK_PHASE_RESPONSE:   return "response";
    case SOCK_PHASE_OPEN:       return "open";
    default:                    return "unknown";
    }
}
