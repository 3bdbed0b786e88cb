/* sock-diagnosis-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the recorded handshake for the diagnosis rules: status lines, headers, the body,
 * the URL's parts. Nothing here is translated: evidence quotes what was on the wire.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-diagnosis-private.h"
#include "sock-error.h"
#include "sock-handshake-private.h"
#include "sock-safe-text.h"

#define EVIDENCE_MAX_CHARS 160

gboolean
_sock_diag_error_is (const GError *error,
                     GQuark        domain,
                     int           code)
{
  return error != NULL && error->domain == domain && error->code == code;
}

gboolean
_sock_diag_is_timeout (const GError *error)
{
  return _sock_diag_error_is (error, SOCK_ERROR, SOCK_ERROR_TIMED_OUT) ||
         _sock_diag_error_is (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

gboolean
_sock_diag_error_mentions (const GError *error,
                           const char   *needle)
{
  g_autofree char *haystack = NULL;
  g_autofree char *lower = NULL;

  if (error == NULL || error->message == NULL)
    return FALSE;
  haystack = g_ascii_strdown (error->message, -1);
  lower = g_ascii_strdown (needle, -1);
  return strstr (haystack, lower) != NULL;
}

char *
_sock_diag_status_line (SockHandshake *hs)
{
  const char *version = sock_handshake_get_http_version (hs);
  const char *reason = sock_handshake_get_reason (hs);
  g_autofree char *proto = NULL;

  if (version == NULL)
    proto = g_strdup ("HTTP/1.1");
  else if (g_str_has_prefix (version, "HTTP/"))
    proto = g_strdup (version);
  else
    proto = g_strconcat ("HTTP/", version, NULL);

  if (reason != NULL && *reason != '\0')
    return g_strdup_printf ("%s %u %s", proto, sock_handshake_get_status (hs), reason);
  return g_strdup_printf ("%s %u", proto, sock_handshake_get_status (hs));
}

char *
_sock_diag_shorten (const char *text,
                    gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *stripped = g_strstrip (g_strdup (valid));

  g_autofree char *head = NULL;

  if (g_utf8_strlen (stripped, -1) <= (glong)max_chars)
    return g_steal_pointer (&stripped);
  head = g_utf8_substring (stripped, 0, max_chars);
  return g_strconcat (head, "…", NULL);
}

void
_sock_diag_add_header (SockDiagnosis *self,
                       SockHandshake *hs,
                       const char    *name)
{
  const char *value = sock_handshake_lookup_response_header (hs, name);
  g_autofree char *shown = NULL;

  if (value == NULL)
    return;
  shown = _sock_diag_shorten (value, EVIDENCE_MAX_CHARS);
  _sock_diagnosis_evidence (self, "%s: %s", name, shown);
}

void
_sock_diag_add_response (SockDiagnosis *self,
                         SockHandshake *hs)
{
  g_autofree char *status = NULL;
  g_autofree char *title = NULL;

  if (sock_handshake_get_status (hs) == 0)
    return;
  status = _sock_diag_status_line (hs);
  _sock_diagnosis_evidence (self, "%s", status);
  _sock_diag_add_header (self, hs, "Server");
  _sock_diag_add_header (self, hs, "X-Powered-By");
  _sock_diag_add_header (self, hs, "Content-Type");
  title = _sock_diag_body_title (hs);
  if (title != NULL)
    _sock_diagnosis_evidence (self, "<title>%s</title>", title);
}

void
_sock_diag_add_body_line (SockDiagnosis *self,
                          SockHandshake *hs)
{
  g_autofree char *text = sock_handshake_dup_body_text (hs);
  g_autofree char *shown = NULL;
  char *newline;

  if (text == NULL)
    return;
  g_strstrip (text);
  if ((newline = strchr (text, '\n')) != NULL)
    *newline = '\0';
  if (*text == '\0' || text[0] == '<')
    return;
  shown = _sock_diag_shorten (text, EVIDENCE_MAX_CHARS);
  _sock_diagnosis_evidence (self, _("Body: %s"), shown);
}

void
_sock_diag_add_error (SockDiagnosis *self,
                      const GError  *error)
{
  if (error != NULL && error->message != NULL)
    _sock_diagnosis_evidence (self, _("Error: %s"), error->message);
}

gboolean
_sock_diag_body_contains (SockHandshake *hs,
                          const char    *needle)
{
  GBytes *body = sock_handshake_get_body (hs);
  gsize len;
  const char *data;

  if (body == NULL)
    return FALSE;
  data = g_bytes_get_data (body, &len);
  return g_strstr_len (data, len, needle) != NULL;
}

char *
_sock_diag_body_title (SockHandshake *hs)
{
  g_autofree char *text = sock_handshake_dup_body_text (hs);
  g_autofree char *lower = NULL;
  const char *start;
  const char *end;

  if (text == NULL)
    return NULL;
  /* ASCII lowering keeps byte offsets, so positions found in lower apply to text. */
  lower = g_ascii_strdown (text, -1);
  if ((start = strstr (lower, "<title")) == NULL || (start = strchr (start, '>')) == NULL)
    return NULL;
  start++;
  if ((end = strstr (start, "</title")) == NULL)
    return NULL;
  {
    g_autofree char *title = g_strndup (text + (start - lower), end - start);

    g_strstrip (title);
    return *title ? _sock_diag_shorten (title, EVIDENCE_MAX_CHARS) : NULL;
  }
}

char *
_sock_diag_request_path (SockHandshake *hs)
{
  const char *line = sock_handshake_get_request_line (hs);
  g_autoptr(GUri) uri = NULL;

  if (line != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", 3);

      if (parts[0] != NULL && parts[1] != NULL)
        return g_strdup (parts[1]);
    }

  uri = g_uri_parse (sock_handshake_get_url (hs), G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup ("/");
  if (g_uri_get_query (uri) != NULL)
    return g_strdup_printf ("%s?%s", *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/",
                            g_uri_get_query (uri));
  return g_strdup (*g_uri_get_path (uri) ? g_uri_get_path (uri) : "/");
}

char *
_sock_diag_url_host (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;

  return uri ? g_strdup (g_uri_get_host (uri)) : NULL;
}

int
_sock_diag_url_port (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  const char *scheme;

  if (uri == NULL)
    return -1;
  /* ":0" is a port too (nobody can listen on it), not "the default one" */
  if (g_uri_get_port (uri) >= 0)
    return g_uri_get_port (uri);
  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "wss") == 0 || g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
}

static gboolean
address_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
_sock_diag_url_is_loopback (SockHandshake *hs)
{
  g_autofree char *host = _sock_diag_url_host (sock_handshake_get_url (hs));
  const char *remote = sock_handshake_get_remote_address (hs);

  if (address_is_loopback (host))
    return TRUE;
  if (remote != NULL)
    {
      g_autoptr(GNetworkAddress) parsed =
        G_NETWORK_ADDRESS (g_network_address_parse (remote, 0, NULL));

      return parsed != NULL && address_is_loopback (g_network_address_get_hostname (parsed));
    }
  return FALSE;
}

char *
_sock_diag_url_with_scheme (const char *url,
                            const char *scheme)
{
  const char *colon = url ? strchr (url, ':') : NULL;

  if (colon == NULL)
    return g_strdup (url);
  return g_strconcat (scheme, colon, NULL);
}

char *
_sock_diag_offered_text (SockHandshake *hs)
{
  const char * const *offered = sock_handshake_get_offered_protocols (hs);

  if (offered == NULL || offered[0] == NULL)
    return NULL;
  return g_strjoinv (", ", (char **)offered);
}

gboolean
_sock_diag_offered (SockHandshake *hs,
                    const char    *protocol)
{
  const char * const *offered = sock_handshake_get_offered_protocols (hs);

  return offered != NULL && protocol != NULL && g_strv_contains (offered, protocol);
}

/* "unknown-ca, expired", the names the JSON report uses; NULL when there are none. */
char *
_sock_diag_cert_errors_text (GTlsCertificateFlags errors)
{
  const char *names[SOCK_HANDSHAKE_N_CERT_ERRORS + 1];

  if (_sock_handshake_cert_error_names (errors, names) == 0)
    return NULL;
  return g_strjoinv (", ", (char **) names);
}

char *
_sock_diag_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return g_strdup ("?");
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

void
_sock_diag_add_certificate (SockDiagnosis *self,
                            SockHandshake *hs)
{
  GTlsCertificateFlags errors = sock_handshake_get_certificate_errors (hs);
  g_autofree char *list = _sock_diag_cert_errors_text (errors);

  if (sock_handshake_get_cert_subject (hs) != NULL)
    _sock_diagnosis_evidence (self, _("Subject: %s"), sock_handshake_get_cert_subject (hs));
  if (sock_handshake_get_cert_issuer (hs) != NULL)
    _sock_diagnosis_evidence (self, _("Issuer: %s"), sock_handshake_get_cert_issuer (hs));
  if (sock_handshake_get_cert_not_after (hs) != NULL)
    {
      g_autofree char *from = _sock_diag_format_date (sock_handshake_get_cert_not_before (hs));
      g_autofree char *until = _sock_diag_format_date (sock_handshake_get_cert_not_after (hs));

      _sock_diagnosis_evidence (self, _("Valid: %s to %s"), from, until);
    }
  if (sock_handshake_get_cert_sha256 (hs) != NULL)
    _sock_diagnosis_evidence (self, "SHA-256: %s", sock_handshake_get_cert_sha256 (hs));
  if (list != NULL)
    _sock_diagnosis_evidence (self, _("Certificate errors: %s"), list);
  if (sock_handshake_get_tls_version (hs) != NULL)
    _sock_diagnosis_evidence (self, "TLS: %s, %s", sock_handshake_get_tls_version (hs),
                              sock_handshake_get_tls_cipher (hs) ? sock_handshake_get_tls_cipher (hs) : "?");
}

/* The first lines of a plain-text body that name a (sub)protocol: what the server wants. */
static char *
dup_body_protocol_line (SockHandshake *hs)
{
  g_autofree char *text = sock_handshake_dup_body_text (hs);
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *g_strchug (text) == '<')
    return NULL;
  lines = g_strsplit (text, "\n", 8);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (lines[i], -1);

      if (strstr (lower, "protocol") != NULL)
        return sock_safe_text (g_strstrip (lines[i]), -1, 200, SOCK_SAFE_TEXT_ONE_LINE);
    }
  return NULL;
}

void
_sock_diag_quote_answer (SockDiagnosis *self,
                         SockHandshake *hs)
{
  g_autofree char *line = dup_body_protocol_line (hs);
  const char *server = sock_handshake_lookup_response_header (hs, "Server");

  if (line != NULL)
    _sock_diagnosis_explain (self, _("The server's answer gives the reason: “%s”."), line);
  if (server != NULL && *server != '\0')
    {
      g_autofree char *shown = sock_safe_text (server, -1, 100, SOCK_SAFE_TEXT_ONE_LINE);

      _sock_diagnosis_explain (self, _("The answer comes from “%s” (its Server header): its documentation tells how it handles WebSocket upgrades."), shown);
    }
}
