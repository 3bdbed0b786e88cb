/* sock-diagnosis-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Diagnosis rules for an HTTP response other than 101 Switching Protocols.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sock-diagnosis-private.h"
#include "sock-error.h"
#include "sock-profile.h"

/* Ratchet's 426 answer, as its reason phrase and its body, when strict subprotocols match none */
#define RATCHET_426 "No Sec-WebSocket-Protocols requested supported"

#define NGINX_HINT \
  "nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";"

static void
add_proxy_hints (SockDiagnosis *self)
{
  _sock_diagnosis_hint (self, _("If a reverse proxy is in front, make it pass the upgrade on. %s"), NGINX_HINT);
  _sock_diagnosis_hint (self, _("Apache: enable mod_proxy_wstunnel, or use “ProxyPass /path ws://backend/path upgrade=websocket”."));
}

static char *
ws_scheme_url (const char *url)
{
  const char *scheme = url ? g_uri_peek_scheme (url) : NULL;

  if (g_strcmp0 (scheme, "http") == 0)
    return _sock_diag_url_with_scheme (url, "ws");
  if (g_strcmp0 (scheme, "https") == 0)
    return _sock_diag_url_with_scheme (url, "wss");
  return g_strdup (url);
}

/* TRUE when the two URLs differ only by a trailing slash on the path. */
static gboolean
differ_by_slash (const char *a,
                 const char *b)
{
  g_autofree char *a2 = NULL;
  g_autofree char *b2 = NULL;

  if (a == NULL || b == NULL || g_str_equal (a, b))
    return FALSE;
  a2 = g_strconcat (a, "/", NULL);
  b2 = g_strconcat (b, "/", NULL);
  return g_str_equal (a2, b) || g_str_equal (b2, a);
}

gboolean
_sock_diag_match_http_redirect (const SockDiagContext *ctx)
{
  return (ctx->status >= 300 && ctx->status < 400) ||
         _sock_diag_error_is (ctx->error, SOCK_ERROR, SOCK_ERROR_REDIRECT) ||
         _sock_diag_error_is (ctx->error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS);
}

void
_sock_diag_build_http_redirect (SockDiagnosis         *self,
                                const SockDiagContext *ctx)
{
  const char *url = sock_handshake_get_url (ctx->hs);
  const char *location = sock_handshake_get_redirect (ctx->hs);
  g_autofree char *target = NULL;

  if (location == NULL)
    location = sock_handshake_lookup_response_header (ctx->hs, "Location");
  target = ws_scheme_url (location);

  _sock_diagnosis_set_title (self, _("The server answered with a redirect"));
  if (target != NULL)
    _sock_diagnosis_explain (self, _("The server sent %s to %s instead of opening the WebSocket."), url, location);
  else
    _sock_diagnosis_explain (self, _("The server sent %s elsewhere without saying where (no Location)."), url);
  _sock_diagnosis_explain (self, _("Browsers never follow redirects for WebSockets, so a web page using this URL fails too."));

  if (target != NULL)
    {
      _sock_diagnosis_hint (self, _("Connect to the target directly: %s"), target);
      if (g_str_has_prefix (target, "ws:") || g_str_has_prefix (target, "wss:"))
        _sock_diagnosis_set_fix (self, SOCK_FIX_URL, target);
      if (!sock_handshake_is_secure (ctx->hs) && g_str_has_prefix (target, "wss:"))
        _sock_diagnosis_hint (self, _("The server moves plain HTTP to HTTPS: use wss:// (%s)."), target);
      if (differ_by_slash (url, target))
        _sock_diagnosis_hint (self, _("Only a trailing slash differs: use the path exactly as the server wants it (%s)."), target);
    }
  else
    _sock_diagnosis_hint (self, _("Check the server's or proxy's rewrite rules for this path."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "Location");
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_http_200 (const SockDiagContext *ctx)
{
  return ctx->status >= 200 && ctx->status < 300;
}

void
_sock_diag_build_http_200 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  g_autofree char *path = _sock_diag_request_path (ctx->hs);
  g_autofree char *title = _sock_diag_body_title (ctx->hs);
  const char *type = sock_handshake_lookup_response_header (ctx->hs, "Content-Type");

  _sock_diagnosis_set_title (self, _("Unexpected response code: %u"), ctx->status);
  _sock_diagnosis_explain (self, _("The server answered the upgrade request for %s with an ordinary HTTP response instead of 101 Switching Protocols."), path);
  if (title != NULL)
    _sock_diagnosis_explain (self, _("It sent a web page titled “%s”."), title);
  else if (type != NULL)
    _sock_diagnosis_explain (self, _("It sent %s."), type);
  _sock_diagnosis_explain (self, _("Either a proxy in front did not pass the Upgrade on, or this path is served by a web page or single-page app."));
  add_proxy_hints (self);
  _sock_diagnosis_hint (self, _("Check the path %s: the WebSocket endpoint may live elsewhere (e.g. /ws, /websocket, /wamp), and an SPA answers every unknown path with its index page."), path);
  _sock_diag_add_response (self, ctx->hs);
}

gboolean
_sock_diag_match_http_400 (const SockDiagContext *ctx)
{
  return ctx->status == 400;
}

void
_sock_diag_build_http_400 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  g_autofree char *offered = _sock_diag_offered_text (ctx->hs);

  if (_sock_diag_body_contains (ctx->hs, "This server only speaks WebSocket subprotocols"))
    {
      _sock_diagnosis_set_title (self, _("The server only speaks other WAMP subprotocols"));
      _sock_diagnosis_explain (self, _("The server (Crossbar.io answers like this) accepts none of the subprotocols offered: %s."),
                               offered ? offered : _("none"));
      _sock_diagnosis_hint (self, _("Offer wamp.2.json (or wamp.2.msgpack, wamp.2.cbor) in the profile's subprotocols."));
      _sock_diagnosis_window_hint (self, _("Choose WAMP v2 as the protocol in the connection settings."));
    }
  else if (_sock_diag_body_contains (ctx->hs, "The plain HTTP request was sent to HTTPS port"))
    {
      g_autofree char *wss = _sock_diag_url_with_scheme (sock_handshake_get_url (ctx->hs), "wss");

      _sock_diagnosis_set_title (self, _("Plain HTTP was sent to an HTTPS port"));
      _sock_diagnosis_explain (self, _("nginx expects TLS on this port and got a plain ws:// request."));
      _sock_diagnosis_hint (self, _("Use wss://: %s"), wss);
      _sock_diagnosis_set_fix (self, SOCK_FIX_URL, wss);
    }
  else
    {
      _sock_diagnosis_set_title (self, _("The server rejected the handshake as a bad request (400)"));
      _sock_diagnosis_explain (self, _("Ratchet answers 400 when the request lacks “Connection: Upgrade” or carries a bad Sec-WebSocket-Key, which usually means a proxy rewrote the headers; some servers also answer 400 to an unknown path."));
      add_proxy_hints (self);
      _sock_diagnosis_hint (self, _("Check the path and any extra headers in the profile."));
      _sock_diagnosis_window_hint (self, _("Check the path and the request headers in the connection settings."));
    }
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_body_line (self, ctx->hs);
}

gboolean
_sock_diag_match_http_401 (const SockDiagContext *ctx)
{
  return ctx->status == 401;
}

static gboolean
offers_wamp2 (SockHandshake *hs)
{
  const char * const *offered = sock_handshake_get_offered_protocols (hs);

  for (guint i = 0; offered && offered[i]; i++)
    if (g_str_has_prefix (offered[i], "wamp.2."))
      return TRUE;
  return FALSE;
}

void
_sock_diag_build_http_401 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The server requires authentication (401)"));
  _sock_diagnosis_explain (self, _("The server refused the handshake until the client proves who it is."));
  if (!offers_wamp2 (ctx->hs))
    _sock_diagnosis_hint (self, _("WAMP v2 routers such as wamp.rt answer 401 when no WAMP subprotocol is offered: offer wamp.2.json."));
  _sock_diagnosis_hint (self, _("Send the credentials the server expects, e.g. an “Authorization: Bearer TOKEN” header in the profile."));
  _sock_diagnosis_window_hint (self, _("Send the credentials the server expects, e.g. an “Authorization: Bearer TOKEN” request header in the connection settings."));
  _sock_diagnosis_hint (self, _("Some servers take a ticket or token in the URL query (…?ticket=…); Oro issues one from POST /sync/ticket."));
  _sock_diagnosis_hint (self, _("A server that relies on the web app's session needs its Cookie header."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "WWW-Authenticate");
  _sock_diag_add_body_line (self, ctx->hs);
}

gboolean
_sock_diag_match_http_403 (const SockDiagContext *ctx)
{
  return ctx->status == 403;
}

void
_sock_diag_build_http_403 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  const char *origin = sock_handshake_get_origin (ctx->hs);
  g_autofree char *guess = sock_url_guess_origin (sock_handshake_get_url (ctx->hs));

  if (origin == NULL)
    {
      _sock_diagnosis_set_title (self, _("Forbidden (403): no Origin was sent"));
      _sock_diagnosis_explain (self, _("Servers with an origin check (Ratchet's OriginCheck, Oro's and GosWebSocketBundle's origin_check) refuse a handshake without an Origin header, which browsers always send."));
      if (guess != NULL)
        {
          _sock_diagnosis_hint (self, _("Send the Origin of the page that uses this socket, e.g. “%s”, by setting the profile's Origin."), guess);
          _sock_diagnosis_window_hint (self, _("Send the Origin of the page that uses this socket, e.g. “%s”."), guess);
          _sock_diagnosis_set_fix (self, SOCK_FIX_ORIGIN, guess);
        }
    }
  else
    {
      _sock_diagnosis_set_title (self, _("Forbidden (403): the Origin may not be allowed"));
      _sock_diagnosis_explain (self, _("The request sent “Origin: %s”, and servers with an origin check refuse an Origin that is not on their list."), origin);
      if (guess != NULL && g_ascii_strcasecmp (guess, origin) != 0)
        {
          _sock_diagnosis_hint (self, _("Try the Origin of the page on the same host: “%s”."), guess);
          _sock_diagnosis_set_fix (self, SOCK_FIX_ORIGIN, guess);
        }
      _sock_diagnosis_hint (self, _("Send the Origin of the web app that normally uses this socket, or add “%s” to the server's allowed origins."), origin);
    }
  _sock_diagnosis_hint (self, _("The server may also want credentials (a ticket, a token, a cookie), or allow only some IP addresses."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diagnosis_evidence (self, _("Origin sent: %s"), origin ? origin : _("(none)"));
  _sock_diag_add_body_line (self, ctx->hs);
}

gboolean
_sock_diag_match_http_404 (const SockDiagContext *ctx)
{
  return ctx->status == 404;
}

void
_sock_diag_build_http_404 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  g_autofree char *path = _sock_diag_request_path (ctx->hs);

  _sock_diagnosis_set_title (self, _("No WebSocket endpoint at this path (404)"));
  _sock_diagnosis_explain (self, _("The server has nothing at %s."), path);
  _sock_diagnosis_hint (self, _("Check the path %s against the server's routes (Ratchet's App routes, the router's transport paths, the proxy's location blocks)."), path);
  _sock_diagnosis_hint (self, _("Common endpoints are /, /ws, /websocket and /wamp; a trailing slash can matter."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diagnosis_evidence (self, _("Path: %s"), path);
}

gboolean
_sock_diag_match_http_405 (const SockDiagContext *ctx)
{
  return ctx->status == 405;
}

void
_sock_diag_build_http_405 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  g_autofree char *path = _sock_diag_request_path (ctx->hs);

  _sock_diagnosis_set_title (self, _("The server does not accept this request here (405)"));
  _sock_diagnosis_explain (self, _("A WebSocket handshake is a GET request, and the server does not allow GET at %s: the URL probably points at an API endpoint, not at the WebSocket."), path);
  _sock_diagnosis_hint (self, _("Check the path %s: use the WebSocket endpoint's path."), path);
  _sock_diagnosis_hint (self, _("A proxy that turns the request into another method causes this too."));
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "Allow");
}

gboolean
_sock_diag_match_http_426 (const SockDiagContext *ctx)
{
  return ctx->status == 426;
}

static void
add_426_hints (SockDiagnosis *self,
               SockHandshake *hs)
{
  const char *protocols = sock_handshake_lookup_response_header (hs, "Sec-WebSocket-Protocol");
  const char *version = sock_handshake_lookup_response_header (hs, "Sec-WebSocket-Version");

  if (protocols != NULL)
    _sock_diagnosis_hint (self, _("The server supports “%s”: offer one of these."), protocols);
  _sock_diagnosis_hint (self, _("For a WAMP v1 server (Ratchet, GosWebSocketBundle, Oro) offer the subprotocol “wamp”."));
  _sock_diagnosis_hint (self, _("For a WAMP v2 router offer “wamp.2.json”."));
  if (version != NULL && g_strcmp0 (version, "13") != 0)
    _sock_diagnosis_hint (self, _("The server asks for WebSocket version %s; browsers and Sockscope speak version 13, the only standard one."), version);
  _sock_diagnosis_hint (self, _("A proxy that strips the Upgrade header also causes 426. %s"), NGINX_HINT);
}

void
_sock_diag_build_http_426 (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  g_autofree char *offered = _sock_diag_offered_text (ctx->hs);
  const char *sent_version = sock_handshake_lookup_request_header (ctx->hs, "Sec-WebSocket-Version");

  if (_sock_diag_body_contains (ctx->hs, RATCHET_426) ||
      g_strcmp0 (sock_handshake_get_reason (ctx->hs), RATCHET_426) == 0)
    {
      _sock_diagnosis_set_title (self, _("None of the offered subprotocols is supported (426)"));
      _sock_diagnosis_explain (self, _("The server (Ratchet answers like this) checks subprotocols strictly and supports none of those offered: %s."),
                               offered ? offered : _("none"));
    }
  else
    {
      _sock_diagnosis_set_title (self, _("The server requires a different upgrade (426)"));
      _sock_diagnosis_explain (self, _("The server wants the request to upgrade differently. Subprotocols offered: %s."),
                               offered ? offered : _("none"));
    }
  add_426_hints (self, ctx->hs);
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_header (self, ctx->hs, "Upgrade");
  _sock_diag_add_header (self, ctx->hs, "Sec-WebSocket-Protocol");
  _sock_diag_add_header (self, ctx->hs, "Sec-WebSocket-Version");
  _sock_diag_add_body_line (self, ctx->hs);
  _sock_diagnosis_evidence (self, _("Offered: %s"), offered ? offered : _("(none)"));
  if (sent_version != NULL)
    _sock_diagnosis_evidence (self, _("Sent Sec-WebSocket-Version: %s"), sent_version);
}

gboolean
_sock_diag_match_http_5xx (const SockDiagContext *ctx)
{
  return ctx->status >= 500 && ctx->status < 600 && ctx->status != 505;
}

void
_sock_diag_build_http_5xx (SockDiagnosis         *self,
                           const SockDiagContext *ctx)
{
  int port = _sock_diag_url_port (sock_handshake_get_url (ctx->hs));

  if (ctx->status == 500)
    {
      _sock_diagnosis_set_title (self, _("The server failed with an internal error (500)"));
      _sock_diagnosis_explain (self, _("The application behind this URL crashed or threw while handling the handshake."));
      _sock_diagnosis_hint (self, _("Look in the server application's log for the error at the time of this attempt."));
      _sock_diagnosis_hint (self, _("Check that the path leads to the WebSocket handler and not to the web application."));
    }
  else if (ctx->status >= 502 && ctx->status <= 504)
    {
      _sock_diagnosis_set_title (self, _("The proxy cannot reach the WebSocket server (%u)"), ctx->status);
      _sock_diagnosis_explain (self, _("A proxy or load balancer answered on port %d, but the WebSocket server behind it did not."), port);
      _sock_diagnosis_hint (self, _("Check that the WebSocket server (the backend) is running."));
      _sock_diagnosis_hint (self, _("Check the upstream address and port in the proxy (nginx proxy_pass, the load balancer's target): they must match where the WebSocket server listens."));
      if (ctx->status == 504)
        _sock_diagnosis_hint (self, _("The backend answered too slowly: check it, and the proxy's timeout (nginx proxy_read_timeout)."));
    }
  else
    {
      _sock_diagnosis_set_title (self, _("The server reported an error (%u)"), ctx->status);
      _sock_diagnosis_explain (self, _("The server could not handle the handshake."));
      _sock_diagnosis_hint (self, _("Look in the server's log for the error at the time of this attempt."));
    }
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_body_line (self, ctx->hs);
}

gboolean
_sock_diag_match_http_other (const SockDiagContext *ctx)
{
  return ctx->status >= 100 && ctx->status != 101;
}

void
_sock_diag_build_http_other (SockDiagnosis         *self,
                             const SockDiagContext *ctx)
{
  const char *reason = sock_handshake_get_reason (ctx->hs);

  _sock_diagnosis_set_title (self, _("Unexpected response code: %u"), ctx->status);
  _sock_diagnosis_explain (self, _("The server answered %u %s instead of 101 Switching Protocols."),
                           ctx->status, reason ? reason : "");
  if (ctx->status == 505)
    _sock_diagnosis_hint (self, _("Ratchet answers 505 to HTTP/1.0: a proxy in front must speak HTTP/1.1 to it (nginx: proxy_http_version 1.1;)."));
  else if (ctx->status == 413 || ctx->status == 431)
    _sock_diagnosis_hint (self, _("The request headers are too large (Ratchet allows 4096 bytes): drop big cookies or extra headers."));
  else if (ctx->status == 429)
    _sock_diagnosis_hint (self, _("The server is rate limiting: wait before retrying, and reconnect less often."));
  _sock_diagnosis_hint (self, _("Check the server's or proxy's log for why it answered %u."), ctx->status);
  _sock_diag_add_response (self, ctx->hs);
  _sock_diag_add_body_line (self, ctx->hs);
}
