/* sock-diagnosis-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Diagnosis rules for a 101 answer that libsoup refused, and for what happened right after
 * the WebSocket opened: an error, an early close, a missing subprotocol, or success.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sock-diagnosis-private.h"
#include "sock-format.h"

#define EXPIRY_WARNING_DAYS 14

static const char *
response_protocol (SockHandshake *hs)
{
  const char *protocol = sock_handshake_get_protocol (hs);

  return protocol ? protocol : sock_handshake_lookup_response_header (hs, "Sec-WebSocket-Protocol");
}

static void
add_header_or_missing (SockDiagnosis *self,
                       SockHandshake *hs,
                       const char    *name)
{
  if (sock_handshake_lookup_response_header (hs, name) != NULL)
    _sock_diag_add_header (self, hs, name);
  else
    _sock_diagnosis_evidence (self, _("%s: (missing)"), name);
}

gboolean
_sock_diag_match_bad_accept (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE) &&
         _sock_diag_error_mentions (ctx->error, "Accept");
}

void
_sock_diag_build_bad_accept (SockDiagnosis         *self,
                             const SockDiagContext *ctx)
{
  const char *key = sock_handshake_lookup_request_header (ctx->hs, "Sec-WebSocket-Key");

  _sock_diagnosis_set_title (self, _("The server sent a wrong Sec-WebSocket-Accept"));
  _sock_diagnosis_explain (self, _("The 101 answer's Sec-WebSocket-Accept does not match the key that was sent, so the handshake must be rejected."));
  _sock_diagnosis_hint (self, _("The server's WebSocket implementation is buggy: it must answer base64(SHA-1(key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\"))."));
  _sock_diagnosis_hint (self, _("A caching proxy may have replayed an old 101 answer: disable caching for this path."));
  _sock_diag_add_response (self, ctx->hs);
  add_header_or_missing (self, ctx->hs, "Sec-WebSocket-Accept");
  if (key != NULL)
    _sock_diagnosis_evidence (self, _("Sec-WebSocket-Key sent: %s"), key);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_unexpected_subprotocol (const SockDiagContext *ctx)
{
  const char *protocol = response_protocol (ctx->hs);

  if (_sock_diag_error_is (ctx->error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE) &&
      _sock_diag_error_mentions (ctx->error, "protocol"))
    return TRUE;
  return (ctx->status == 101 || ctx->opened) && protocol != NULL && !_sock_diag_offered (ctx->hs, protocol);
}

void
_sock_diag_build_unexpected_subprotocol (SockDiagnosis         *self,
                                         const SockDiagContext *ctx)
{
  const char *protocol = response_protocol (ctx->hs);
  g_autofree char *offered = _sock_diag_offered_text (ctx->hs);

  _sock_diagnosis_set_title (self, _("The server chose a subprotocol that was not offered"));
  _sock_diagnosis_explain (self, _("The server answered with subprotocol “%s”, but the client offered %s. Clients must refuse this."),
                           protocol ? protocol : "?", offered ? offered : _("none"));
  if (protocol != NULL)
    {
      _sock_diagnosis_hint (self, _("If “%s” is what you want to speak, add it to the profile's subprotocols."), protocol);
      _sock_diagnosis_window_hint (self, _("The window offers only WAMP subprotocols: to speak “%s”, use sockscope-cli, which can offer any subprotocol."), protocol);
    }
  _sock_diagnosis_hint (self, _("Otherwise the server must pick one of the offered subprotocols (%s) or none."), offered ? offered : _("none"));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "Sec-WebSocket-Protocol");
  _sock_diagnosis_evidence (self, _("Offered: %s"), offered ? offered : _("(none)"));
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_not_websocket (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET) &&
         ctx->status == 101;
}

void
_sock_diag_build_not_websocket (SockDiagnosis         *self,
                                const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The response is not a valid WebSocket upgrade"));
  _sock_diagnosis_explain (self, _("The server answered 101 Switching Protocols without “Upgrade: websocket” and “Connection: Upgrade”: something between client and server rewrote the answer."));
  _sock_diagnosis_hint (self, _("A middlebox (corporate proxy, antivirus, an old load balancer) may be rewriting headers: try from another network, or over wss://, which it cannot read."));
  _sock_diagnosis_hint (self, _("If you run the proxy, make it pass the Upgrade and Connection headers through unchanged."));
  _sock_diag_add_response (self, ctx->hs);
  add_header_or_missing (self, ctx->hs, "Upgrade");
  add_header_or_missing (self, ctx->hs, "Connection");
  _sock_diag_add_error (self, ctx->error);
}

/* "128 KiB", "1.5 MiB": plain spaces, so the text can be pasted into a terminal or a search. */
static char *
format_size (guint64 bytes)
{
  static const char * const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
  double value = bytes;
  guint unit = 0;

  while (value >= 1024 && unit + 1 < G_N_ELEMENTS (units))
    {
      value /= 1024;
      unit++;
    }
  if (value == (double)(guint64)value)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " %s", (guint64)value, units[unit]);
  return g_strdup_printf ("%.1f %s", value, units[unit]);
}

gboolean
_sock_diag_match_message_too_big (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->conn_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG);
}

void
_sock_diag_build_message_too_big (SockDiagnosis         *self,
                                  const SockDiagContext *ctx)
{
  guint64 limit = sock_handshake_get_max_message_size (ctx->hs);
  g_autofree char *shown = format_size (limit);
  guint64 bigger = limit > 0 ? limit * 4 : 64 * 1024 * 1024;

  _sock_diagnosis_set_title (self, _("A message was larger than the size limit"));
  if (limit > 0)
    _sock_diagnosis_explain (self, _("The server sent a message larger than the %s this client accepts, so the client closed the connection with code 1009."), shown);
  else
    _sock_diagnosis_explain (self, _("The server sent a message larger than this client accepts, so the client closed the connection with code 1009."));
  _sock_diagnosis_hint (self, _("Raise the limit: --max-message-size %" PRIu64 " (4 times the current one), or the profile's maximum message size setting."), bigger);
  _sock_diagnosis_window_hint (self, _("Raise the Largest Message in the connection settings (for new connections, in Preferences)."));
  _sock_diagnosis_hint (self, _("If messages this big are not expected, check what the server sends on this topic or call."));
  if (limit > 0)
    {
      g_autofree char *bytes = sock_format_number (limit);

      /* TRANSLATORS: a size, then its count of bytes: "Limit: 1 MiB (1,048,576 bytes)" */
      _sock_diagnosis_evidence (self, _("Limit: %s (%s bytes)"), shown, bytes);
    }
  _sock_diag_add_error (self, ctx->conn_error);
}

static gboolean
close_code_valid_on_wire (guint code)
{
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

static void
add_close (SockDiagnosis *self,
           SockHandshake *hs)
{
  guint code = sock_handshake_get_close_code (hs);
  const char *meaning = sock_close_code_describe (code);
  const char *reason = sock_handshake_get_close_reason (hs);

  if (!sock_handshake_get_close_code_present (hs))
    _sock_diagnosis_evidence (self, _("No close code"));
  else if (meaning != NULL)
    _sock_diagnosis_evidence (self, _("Close code %u: %s"), code, meaning);
  else
    _sock_diagnosis_evidence (self, _("Close code %u"), code);
  if (reason != NULL)
    _sock_diagnosis_evidence (self, _("Reason: %s"), reason);
  if (sock_handshake_get_close_at_ms (hs) >= 0)
    {
      g_autofree char *ms = sock_format_decimal (sock_handshake_get_close_at_ms (hs), 0);

      /* TRANSLATORS: %s is a whole number of milliseconds, e.g. "1,250" */
      _sock_diagnosis_evidence (self, _("Closed %s ms after the open"), ms);
    }
}

gboolean
_sock_diag_match_close_invalid_code (const SockDiagContext *ctx)
{
  return ctx->opened && sock_handshake_get_closed_early (ctx->hs) &&
         sock_handshake_get_close_code_present (ctx->hs) &&
         !close_code_valid_on_wire (sock_handshake_get_close_code (ctx->hs));
}

void
_sock_diag_build_close_invalid_code (SockDiagnosis         *self,
                                     const SockDiagContext *ctx)
{
  guint code = sock_handshake_get_close_code (ctx->hs);
  const char *reason = sock_handshake_get_close_reason (ctx->hs);

  _sock_diagnosis_set_title (self, _("The server closed with an invalid close code"));
  _sock_diagnosis_explain (self, _("The server closed the WebSocket with code %u, which must never be sent on the wire; libsoup reports it as a protocol error (1002). The server is buggy."), code);
  if (reason != NULL)
    _sock_diagnosis_explain (self, _("Its reason may still tell what went wrong: “%s”."), reason);
  _sock_diagnosis_hint (self, _("Report it to the server's authors: a close frame may carry only 1000–1003, 1007–1014 or 3000–4999."));
  _sock_diagnosis_hint (self, _("Look in the server's log for why it closed the connection."));
  add_close (self, ctx->hs);
  _sock_diag_add_error (self, ctx->conn_error);
}

/* libsoup found a frame that breaks RFC 6455 and closed with 1002 itself. */
gboolean
_sock_diag_match_invalid_frame (const SockDiagContext *ctx)
{
  /* libsoup also raises 1002 for valid codes it does not know (1012–1014): a server's close with
   * its own code is not an invalid frame; the echo of the client's 1002 is */
  return ctx->opened && _sock_diag_error_is (ctx->conn_error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR) &&
         (!sock_handshake_get_close_code_present (ctx->hs) ||
          sock_handshake_get_close_code (ctx->hs) == SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR);
}

void
_sock_diag_build_invalid_frame (SockDiagnosis         *self,
                                const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The server sent an invalid WebSocket frame"));
  _sock_diagnosis_explain (self, _("A frame from the server breaks the WebSocket protocol: reserved (RSV) bits set without an extension that uses them, an unknown opcode, a fragmented control frame, or a close code that must never be sent. The client closed the connection with code 1002; the server did not complain."));
  _sock_diagnosis_hint (self, _("Report it to the server's authors, with the frame from a capture."));
  _sock_diagnosis_hint (self, _("A proxy between may mangle frames: try the server directly, or without compression (--no-deflate)."));
  if (sock_handshake_get_closed_early (ctx->hs))
    add_close (self, ctx->hs);
  _sock_diag_add_error (self, ctx->conn_error);
}

typedef struct
{
  guint       min;
  guint       max;
  const char *title;
  const char *explanation;
  const char *hint;
} CloseClass;

static const CloseClass close_classes[] = {
  { 1000, 1000, N_("The server ended the session right after it opened"),
    N_("A normal closure this early means the server accepted the connection and then chose to end it, often because the request lacked something it wanted (a login, a parameter, the right path)."),
    N_("Look in the server's log for why it closed the session.") },
  { 1001, 1001, N_("The server is going away"),
    N_("The server is shutting down or restarting, or a proxy in front is."),
    N_("Retry in a moment; if it repeats, check whether the server is being restarted or redeployed.") },
  { 1002, 1002, N_("The server reported a protocol error"),
    N_("The server received a frame that breaks the WebSocket protocol."),
    N_("A proxy between may mangle frames, or an extension was misnegotiated: try without compression (permessage-deflate).") },
  { 1003, 1003, N_("The server cannot accept this kind of data"),
    N_("The server got text where it wants binary frames, or the reverse."),
    N_("Switch between text and binary messages, e.g. wamp.2.json (text) versus wamp.2.msgpack or wamp.2.cbor (binary).") },
  { 1007, 1007, N_("The server rejected a message as invalid"),
    N_("A message was not something the server could decode. Ratchet closes with 1007 on a malformed WAMP message or anything that is not JSON."),
    N_("Check that every message sent is valid JSON in the WAMP shape of the negotiated protocol (WAMP v1 and v2 messages differ).") },
  { 1008, 1008, N_("The server closed the connection for a policy violation"),
    N_("The server refused this client by policy: usually authentication, the Origin, or an expired ticket."),
    N_("Check the credentials, the ticket (Oro tickets live 300 s) and the Origin sent.") },
  { 1009, 1009, N_("The server found a message too big"),
    N_("A message sent to the server exceeded its size limit."),
    N_("Send smaller messages, or raise the server's message size limit.") },
  { 1010, 1010, N_("The server requires an extension"),
    N_("The server expected a WebSocket extension that was not negotiated."),
    N_("Enable the extension it needs (e.g. permessage-deflate) on the client.") },
  { 1011, 1011, N_("The server hit an internal error"),
    N_("Something failed inside the server while it handled this connection."),
    N_("Look in the server's log for the error at the time of this attempt.") },
  { 1012, 1012, N_("The server is restarting"),
    N_("The service is restarting and asks clients to come back."),
    N_("Reconnect after a short delay.") },
  { 1013, 1013, N_("The server is overloaded: try again later"),
    N_("The server cannot take this connection now."),
    N_("Reconnect later, with a growing delay between attempts.") },
  { 1014, 1014, N_("A gateway got a bad response from the server"),
    N_("A proxy in front could not get a valid answer from the server behind it."),
    N_("Check the upstream WebSocket server behind the proxy.") },
  { 3000, 3000, N_("The server says you are not authorized"),
    N_("Close code 3000 means the client is not authenticated."),
    N_("Send the credentials the server expects (a ticket, a token, a cookie).") },
  { 3003, 3003, N_("The server says access is forbidden"),
    N_("Close code 3003 means the client is authenticated but not allowed."),
    N_("Check the account's permissions on the server.") },
  { 3000, 3999, N_("The server closed with a registered close code"),
    N_("Codes 3000–3999 are registered by libraries and frameworks."),
    N_("Look the code up in the IANA WebSocket close code registry or the server framework's documentation.") },
  { 4000, 4999, N_("The server closed with its own close code"),
    N_("Codes 4000–4999 belong to the application: only its reason and documentation tell what they mean."),
    N_("Look up what the server application means by this code and reason.") },
};

static const CloseClass no_code_class = {
  0, 0, N_("The server closed the connection without a close code"),
  N_("The connection was dropped right after the open without a close code: the server process may have crashed or thrown the session away."),
  N_("Look in the server's log for an error at the time of this attempt."),
};

static const CloseClass *
find_close_class (SockHandshake *hs)
{
  guint code = sock_handshake_get_close_code (hs);

  if (!sock_handshake_get_close_code_present (hs))
    return &no_code_class;
  for (guint i = 0; i < G_N_ELEMENTS (close_classes); i++)
    if (code >= close_classes[i].min && code <= close_classes[i].max)
      return &close_classes[i];
  return &no_code_class;
}

/* Oro and GosWebSocketBundle refuse a ticket by sending an HTTP status line as a message. */
static const char *
find_http_in_frames (SockHandshake *hs,
                     gsize         *out_len)
{
  for (guint i = 0; i < sock_handshake_get_n_early_frames (hs); i++)
    {
      const SockEarlyFrame *frame = sock_handshake_get_early_frame (hs, i);
      gsize len;
      const char *data = g_bytes_get_data (frame->data, &len);

      if (frame->is_text && len >= 12 && strncmp (data, "HTTP/1.", 7) == 0)
        {
          *out_len = len;
          return data;
        }
    }
  return NULL;
}

static void
add_frames (SockDiagnosis *self,
            SockHandshake *hs)
{
  guint n = MIN (sock_handshake_get_n_early_frames (hs), 3);

  for (guint i = 0; i < n; i++)
    {
      const SockEarlyFrame *frame = sock_handshake_get_early_frame (hs, i);
      gsize len;
      const char *data = g_bytes_get_data (frame->data, &len);

      if (frame->is_text)
        {
          g_autofree char *text = g_strndup (data, len);
          g_autofree char *shown = _sock_diag_shorten (text, 120);

          _sock_diagnosis_evidence (self, _("Frame %u: %s"), i + 1, shown);
        }
      else
        {
          g_autofree char *bytes = sock_format_number (frame->full_size);

          /* TRANSLATORS: the frame's number, then its count of bytes ("1,500") */
          _sock_diagnosis_evidence (self, _("Frame %u: binary, %s bytes"), i + 1, bytes);
        }
    }
}

gboolean
_sock_diag_match_closed_after_open (const SockDiagContext *ctx)
{
  return ctx->opened && sock_handshake_get_closed_early (ctx->hs);
}

void
_sock_diag_build_closed_after_open (SockDiagnosis         *self,
                                    const SockDiagContext *ctx)
{
  const CloseClass *class = find_close_class (ctx->hs);
  const char *reason = sock_handshake_get_close_reason (ctx->hs);
  gsize http_len = 0;
  const char *http = find_http_in_frames (ctx->hs, &http_len);
  const char * const *offered;

  _sock_diagnosis_set_title (self, "%s", _(class->title));
  _sock_diagnosis_explain (self, "%s", _(class->explanation));
  if (reason != NULL)
    _sock_diagnosis_explain (self, _("The server's reason: “%s”."), reason);
  if (http != NULL)
    {
      /* the frame's bytes are not NUL-terminated: its first line ends at CR, LF or its end */
      gsize n = 0;
      g_autofree char *line = NULL;

      while (n < http_len && http[n] != '\r' && http[n] != '\n')
        n++;
      line = g_strndup (http, n);

      _sock_diagnosis_explain (self, _("Before closing it sent “%s” as a message, as Oro and GosWebSocketBundle do when they refuse a ticket."), line);
      _sock_diagnosis_hint (self, _("Get a fresh ticket (Oro: POST /sync/ticket) and connect with …?ticket=…; a ticket is valid for 300 s and only once."));
    }
  _sock_diagnosis_hint (self, "%s", _(class->hint));
  offered = sock_handshake_get_offered_protocols (ctx->hs);
  if (sock_handshake_get_protocol (ctx->hs) == NULL && offered != NULL && offered[0] != NULL)
    _sock_diagnosis_hint (self, _("The server also confirmed no subprotocol: it may not speak the protocol offered."));
  add_close (self, ctx->hs);
  add_frames (self, ctx->hs);
  _sock_diag_add_error (self, ctx->conn_error);
}

static gboolean
looks_like_wamp1_welcome (SockHandshake *hs)
{
  const SockEarlyFrame *frame;
  gsize len;
  const char *data;

  if (sock_handshake_get_n_early_frames (hs) == 0)
    return FALSE;
  frame = sock_handshake_get_early_frame (hs, 0);
  data = g_bytes_get_data (frame->data, &len);
  return frame->is_text && len > 3 && strncmp (data, "[0,", 3) == 0;
}

gboolean
_sock_diag_match_no_subprotocol (const SockDiagContext *ctx)
{
  const char * const *offered = sock_handshake_get_offered_protocols (ctx->hs);

  return ctx->opened && ctx->conn_error == NULL && offered[0] != NULL &&
         sock_handshake_get_protocol (ctx->hs) == NULL;
}

void
_sock_diag_build_no_subprotocol (SockDiagnosis         *self,
                                 const SockDiagContext *ctx)
{
  g_autofree char *offered = _sock_diag_offered_text (ctx->hs);

  _sock_diagnosis_set_title (self, _("The server confirmed no subprotocol"));
  _sock_diagnosis_explain (self, _("The client offered %s, but the 101 answer has no Sec-WebSocket-Protocol. libsoup accepts this; browsers refuse it (“Sent non-empty 'Sec-WebSocket-Protocol' header but no response was received”), so a web page cannot connect."), offered);
  if (looks_like_wamp1_welcome (ctx->hs))
    _sock_diagnosis_explain (self, _("The first message is a WAMP v1 WELCOME: the server speaks “wamp”."));
  _sock_diagnosis_hint (self, _("The server ignores subprotocols (Ratchet with setStrictSubProtocolCheck(false), GosWebSocketBundle): make it echo the one it speaks."));
  _sock_diagnosis_hint (self, _("Sockscope can guess the protocol from the first frames; to be explicit, offer only the one the server speaks."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diagnosis_evidence (self, _("Offered: %s"), offered);
  _sock_diagnosis_evidence (self, _("Sec-WebSocket-Protocol: (missing)"));
  add_frames (self, ctx->hs);
}

gboolean
_sock_diag_match_ok (const SockDiagContext *ctx)
{
  return ctx->opened && ctx->conn_error == NULL;
}

static void
warn (SockDiagnosis *self,
      const char    *title)
{
  if (sock_diagnosis_get_severity (self) != SOCK_SEVERITY_WARNING)
    {
      _sock_diagnosis_set_severity (self, SOCK_SEVERITY_WARNING);
      _sock_diagnosis_set_title (self, "%s", title);
    }
}

static void
check_certificate (SockDiagnosis *self,
                   SockHandshake *hs)
{
  GDateTime *not_after = sock_handshake_get_cert_not_after (hs);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *sha256 = sock_handshake_get_cert_sha256 (hs);
  g_autofree char *errors = _sock_diag_cert_errors_text (sock_handshake_get_certificate_errors (hs));

  /* A pinned certificate is accepted on purpose whatever its errors. */
  if (sock_handshake_get_certificate_errors (hs) != 0 &&
      (sha256 == NULL || g_strcmp0 (sock_handshake_get_expected_pin (hs), sha256) != 0))
    {
      warn (self, _("Connected, but the certificate was not verified"));
      _sock_diagnosis_explain (self, _("The certificate has errors (%s) and was accepted anyway, so the connection could be intercepted."),
                               errors);
      _sock_diagnosis_hint (self, _("Trust the CA with --ca FILE, or pin this certificate with --pin %s, instead of accepting any certificate."),
                            sha256 ? sha256 : "SHA256");
      _sock_diagnosis_window_hint (self, _("Trust the CA (A CA File) or this certificate (A Pinned Certificate, %s) in the connection settings instead of accepting any certificate."),
                                   sha256 ? sha256 : "?");
    }
  if (not_after != NULL && g_date_time_difference (not_after, now) < EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY &&
      g_date_time_compare (not_after, now) > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (not_after);
      g_autofree char *date = g_date_time_format (utc, "%Y-%m-%d");

      int days = g_date_time_difference (not_after, now) / G_TIME_SPAN_DAY;

      warn (self, _("Connected, but the certificate expires soon"));
      _sock_diagnosis_explain (self, g_dngettext (GETTEXT_PACKAGE,
                                                  "The server's certificate expires on %s, in %d day.",
                                                  "The server's certificate expires on %s, in %d days.", days),
                               date, days);
      _sock_diagnosis_hint (self, _("Renew the certificate before %s (e.g. check that certbot's renewal runs)."), date);
    }
}

void
_sock_diag_build_ok (SockDiagnosis         *self,
                     const SockDiagContext *ctx)
{
  const char *protocol = sock_handshake_get_protocol (ctx->hs);

  _sock_diagnosis_set_severity (self, SOCK_SEVERITY_OK);
  _sock_diagnosis_set_title (self, _("Connected"));
  if (protocol != NULL)
    _sock_diagnosis_explain (self, _("The WebSocket opened and the server agreed to the subprotocol “%s”."), protocol);
  else
    _sock_diagnosis_explain (self, _("The WebSocket opened; no subprotocol was asked for."));

  if (sock_handshake_is_secure (ctx->hs))
    {
      check_certificate (self, ctx->hs);
      _sock_diag_add_certificate (self, ctx->hs);
    }
  else if (!_sock_diag_url_is_loopback (ctx->hs))
    {
      warn (self, _("Connected, but the connection is not encrypted"));
      _sock_diagnosis_explain (self, _("ws:// sends every message, and any ticket or cookie, in clear text across the network."));
      _sock_diagnosis_hint (self, _("Use wss:// for a server that is not on this machine."));
    }

  if (ctx->status != 0)
    _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "Sec-WebSocket-Protocol");
  _sock_diag_add_header (self, ctx->hs, "Sec-WebSocket-Extensions");
  add_frames (self, ctx->hs);
}

gboolean
_sock_diag_match_unknown (const SockDiagContext *ctx)
{
  return TRUE;
}

void
_sock_diag_build_unknown (SockDiagnosis         *self,
                          const SockDiagContext *ctx)
{
  const GError *error = ctx->error ? ctx->error : ctx->conn_error;

  _sock_diagnosis_set_title (self, _("The connection failed"));
  if (error != NULL)
    _sock_diagnosis_explain (self, _("Sockscope has no specific advice for this error: %s"), error->message);
  else
    _sock_diagnosis_explain (self, _("The attempt failed without an error message."));
  _sock_diagnosis_hint (self, _("Check the recorded handshake and the server's log at the time of this attempt."));
  _sock_diag_add_error (self, error);
  if (error != NULL)
    _sock_diagnosis_evidence (self, _("Error domain: %s, code %d"), g_quark_to_string (error->domain), error->code);
  _sock_diagnosis_evidence (self, _("Phase: %s"), sock_phase_to_string (ctx->phase));
  _sock_diag_add_response (self, ctx->hs);
}
