/* sock-diagnosis-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis rules of WAMP RawSocket attempts (rs://, rss://, unix://): a refused or foreign
 * handshake, a server that stays silent, and a frame that breaks the protocol after the open.
 * The errors of sock-rawsocket.c already say what happened and what to do; these rules give
 * them a title and the bytes seen as evidence.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-diagnosis-private.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-profile.h"
#include "sock-rawsocket.h"

static gboolean
is_rawsocket (const SockDiagContext *ctx)
{
  return sock_url_is_rawsocket (sock_handshake_get_url (ctx->hs));
}

gboolean
_sock_diag_match_rawsocket_refused (const SockDiagContext *ctx)
{
  return is_rawsocket (ctx) && ctx->error != NULL && ctx->error->domain == SOCK_RAWSOCKET_ERROR;
}

static void
add_bytes (SockDiagnosis *self,
           SockHandshake *hs)
{
  const char *sent = sock_handshake_get_request_line (hs);
  const char *reply = sock_handshake_lookup_response_header (hs, "RawSocket-Reply");

  if (sent != NULL)
    _sock_diagnosis_evidence (self, _("Sent: %s"), sent);
  if (reply != NULL)
    _sock_diagnosis_evidence (self, _("Answered: RAWSOCKET %s"), reply);
  _sock_diag_add_body_line (self, hs);
}

void
_sock_diag_build_rawsocket_refused (SockDiagnosis         *self,
                                    const SockDiagContext *ctx)
{
  int code = ctx->error->code;

  if (code == SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET)
    _sock_diagnosis_set_title (self, _("This is not a RawSocket router"));
  else if (code >= SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL)
    _sock_diagnosis_set_title (self, _("The router refused the RawSocket handshake"));
  else
    _sock_diagnosis_set_title (self, _("The RawSocket handshake failed"));
  _sock_diagnosis_explain (self, "%s", ctx->error->message);
  if (code >= SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL && code != SOCK_RAWSOCKET_ERROR_REFUSED_UNKNOWN)
    _sock_diagnosis_evidence (self, _("RawSocket error code %d"), code - SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL);
  add_bytes (self, ctx->hs);
}

gboolean
_sock_diag_match_rawsocket_silent (const SockDiagContext *ctx)
{
  return is_rawsocket (ctx) && _sock_diag_error_is (ctx->error, SOCK_ERROR, SOCK_ERROR_TIMED_OUT) &&
         ctx->phase == SOCK_PHASE_REQUEST;
}

void
_sock_diag_build_rawsocket_silent (SockDiagnosis         *self,
                                   const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The server did not answer the RawSocket handshake"));
  _sock_diagnosis_explain (self, "%s", ctx->error->message);
  _sock_diagnosis_hint (self, _("Check that the port belongs to the router’s RawSocket listener, not to its "
                                "WebSocket (ws://) or another service."));
  _sock_diagnosis_hint (self, _("If the listener expects TLS, use rss:// instead of rs://."));
  add_bytes (self, ctx->hs);
}

gboolean
_sock_diag_match_rawsocket_broken (const SockDiagContext *ctx)
{
  return is_rawsocket (ctx) && ctx->opened && ctx->conn_error != NULL &&
         ctx->conn_error->domain == SOCK_RAWSOCKET_ERROR && ctx->conn_error->code != SOCK_RAWSOCKET_ERROR_CLOSED;
}

void
_sock_diag_build_rawsocket_broken (SockDiagnosis         *self,
                                   const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The router broke the RawSocket protocol"));
  _sock_diagnosis_explain (self, "%s", ctx->conn_error->message);
  add_bytes (self, ctx->hs);
}

gboolean
_sock_diag_match_rawsocket_ok (const SockDiagContext *ctx)
{
  return is_rawsocket (ctx) && ctx->opened && ctx->conn_error == NULL;
}

void
_sock_diag_build_rawsocket_ok (SockDiagnosis         *self,
                               const SockDiagContext *ctx)
{
  const char *serializer = sock_handshake_lookup_response_header (ctx->hs, "Serializer");
  const char *length = sock_handshake_lookup_response_header (ctx->hs, "Max-Length");
  guint64 max = 0;
  g_autofree char *shown = length != NULL && g_ascii_string_to_unsigned (length, 10, 0, G_MAXUINT64, &max, NULL)
                           ? sock_format_number (max) : g_strdup (length ? length : "?");

  _sock_diagnosis_set_severity (self, SOCK_SEVERITY_OK);
  _sock_diagnosis_set_title (self, _("Connected"));
  _sock_diagnosis_explain (self, _("The router accepted the RawSocket handshake with the %s serializer, and "
                                   "messages from Sockscope up to %s bytes."),
                           serializer ? serializer : "?", shown);
  if (sock_handshake_is_secure (ctx->hs))
    _sock_diag_add_certificate (self, ctx->hs);
  else if (!sock_url_is_unix (sock_handshake_get_url (ctx->hs)) && !_sock_diag_url_is_loopback (ctx->hs))
    {
      _sock_diagnosis_set_severity (self, SOCK_SEVERITY_WARNING);
      _sock_diagnosis_set_title (self, _("Connected, but the connection is not encrypted"));
      _sock_diagnosis_hint (self, _("Use rss:// (RawSocket over TLS) for a router that is not on this machine."));
    }
  add_bytes (self, ctx->hs);
}
