/* sock-diagnosis-network.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Diagnosis rules for failures before any HTTP response: name lookup, TCP, timeouts, TLS,
 * and a server that hung up without answering.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sock-diagnosis-private.h"
#include "sock-profile.h"

static void
add_target (SockDiagnosis *self,
            SockHandshake *hs)
{
  const char *remote = sock_handshake_get_remote_address (hs);

  _sock_diagnosis_evidence (self, "URL: %s", sock_handshake_get_url (hs));
  if (remote != NULL)
    _sock_diagnosis_evidence (self, _("Address: %s"), remote);
}

static char *
describe_wait (SockHandshake *hs)
{
  guint timeout = sock_handshake_get_timeout (hs);

  if (timeout == 0)
    return g_strdup (_("No answer came."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No answer came within %u second.",
                                       "No answer came within %u seconds.", timeout),
                          timeout);
}

gboolean
_sock_diag_match_dns_failure (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
         _sock_diag_error_is (ctx->error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

void
_sock_diag_build_dns_failure (SockDiagnosis         *self,
                              const SockDiagContext *ctx)
{
  g_autofree char *host = _sock_diag_url_host (sock_handshake_get_url (ctx->hs));

  _sock_diagnosis_set_title (self, _("The host name could not be resolved"));
  _sock_diagnosis_explain (self, _("No address was found for “%s”, so no connection was attempted."),
                           host ? host : "");
  _sock_diagnosis_hint (self, _("Check the spelling of the host name “%s” in the URL."), host ? host : "");
  _sock_diagnosis_hint (self, _("A host that exists only on your network needs an entry in /etc/hosts or in the local DNS."));
  if (_sock_diag_error_is (ctx->error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    _sock_diagnosis_hint (self, _("The DNS server did not answer: check the network connection and the resolver settings, then retry."));
  else
    _sock_diagnosis_hint (self, _("Check that DNS works on this machine (e.g. “getent hosts %s”)."), host ? host : "");
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_connection_refused (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

void
_sock_diag_build_connection_refused (SockDiagnosis         *self,
                                     const SockDiagContext *ctx)
{
  const char *url = sock_handshake_get_url (ctx->hs);
  g_autofree char *host = _sock_diag_url_host (url);
  int port = _sock_diag_url_port (url);

  _sock_diagnosis_set_title (self, _("The connection was refused"));
  if (sock_url_is_unix (url))
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      const char *path = uri != NULL ? g_uri_get_path (uri) : "";

      _sock_diagnosis_explain (self, _("The Unix socket %s exists, but nothing accepts connections on it."), path);
      _sock_diagnosis_hint (self, _("Check that the router is running and listens on %s (e.g. “ss -lxp | grep %s”)."),
                            path, path);
      add_target (self, ctx->hs);
      _sock_diag_add_error (self, ctx->error);
      return;
    }
  _sock_diagnosis_explain (self, _("%s answered, but nothing accepts connections on port %d."),
                           host ? host : "", port);
  if (sock_url_is_rawsocket (url))
    _sock_diagnosis_hint (self, _("Check that the router's RawSocket listener is running (e.g. “ss -ltnp | grep :%d” on the server)."), port);
  else
    _sock_diagnosis_hint (self, _("Check that the WebSocket server is running (e.g. “ss -ltnp | grep :%d” on the server)."), port);
  _sock_diagnosis_hint (self, _("Check the port: the URL asks for port %d; the server may listen on another one."), port);
  if (!_sock_diag_url_is_loopback (ctx->hs))
    _sock_diagnosis_hint (self, _("A server bound to 127.0.0.1 only accepts local connections: bind it to 0.0.0.0 or to the address you connect to."));
  _sock_diagnosis_hint (self, _("A firewall rule that REJECTs the port looks the same: check the firewall on the server."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_host_unreachable (const SockDiagContext *ctx)
{
  return _sock_diag_error_is (ctx->error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         _sock_diag_error_is (ctx->error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

void
_sock_diag_build_host_unreachable (SockDiagnosis         *self,
                                   const SockDiagContext *ctx)
{
  g_autofree char *host = _sock_diag_url_host (sock_handshake_get_url (ctx->hs));

  _sock_diagnosis_set_title (self, _("The host cannot be reached"));
  _sock_diagnosis_explain (self, _("There is no network route to %s."), host ? host : "");
  _sock_diagnosis_hint (self, _("Check the host name or address “%s”: a typo can point at an address that does not exist."), host ? host : "");
  _sock_diagnosis_hint (self, _("Check that this machine is on the right network or VPN to reach it."));
  _sock_diagnosis_hint (self, _("A firewall may answer with “host unreachable”: check its rules."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_connect_timeout (const SockDiagContext *ctx)
{
  return _sock_diag_is_timeout (ctx->error) && ctx->phase <= SOCK_PHASE_CONNECTING;
}

void
_sock_diag_build_connect_timeout (SockDiagnosis         *self,
                                  const SockDiagContext *ctx)
{
  g_autofree char *host = _sock_diag_url_host (sock_handshake_get_url (ctx->hs));
  g_autofree char *wait = describe_wait (ctx->hs);
  int port = _sock_diag_url_port (sock_handshake_get_url (ctx->hs));

  _sock_diagnosis_set_title (self, _("The connection attempt timed out"));
  _sock_diagnosis_explain (self, _("The TCP connection to %s port %d was never established."), host ? host : "", port);
  _sock_diagnosis_explain (self, "%s", wait);
  _sock_diagnosis_hint (self, _("A firewall that silently DROPs packets to port %d looks like this: check the firewall and security groups."), port);
  _sock_diagnosis_hint (self, _("Check the host “%s”: an address that exists but does not answer also times out."), host ? host : "");
  if (sock_handshake_get_timeout (ctx->hs) > 0)
    {
      _sock_diagnosis_hint (self, _("On a slow link, raise the connect timeout (now %u s) in the profile."),
                            sock_handshake_get_timeout (ctx->hs));
      _sock_diagnosis_window_hint (self, _("On a slow link, raise the Connect Timeout (now %u s) in the connection settings."),
                                   sock_handshake_get_timeout (ctx->hs));
    }
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_tls_timeout (const SockDiagContext *ctx)
{
  /* a plain HTTP server waiting for the end of a "request" that is really a ClientHello */
  if (sock_handshake_get_port_speaks_http (ctx->hs))
    return FALSE;
  return _sock_diag_is_timeout (ctx->error) && ctx->phase == SOCK_PHASE_TLS;
}

void
_sock_diag_build_tls_timeout (SockDiagnosis         *self,
                              const SockDiagContext *ctx)
{
  g_autofree char *wait = describe_wait (ctx->hs);
  g_autofree char *plain = _sock_diag_url_with_scheme (sock_handshake_get_url (ctx->hs), "ws");

  _sock_diagnosis_set_title (self, _("The TLS handshake timed out"));
  _sock_diagnosis_explain (self, _("The TCP connection was made, but the server never completed the TLS handshake."));
  _sock_diagnosis_explain (self, "%s", wait);
  _sock_diagnosis_hint (self, _("The port may speak plain HTTP and wait for a request: try %s."), plain);
  _sock_diagnosis_hint (self, _("A TLS terminator (load balancer, stunnel, nginx) that cannot reach its backend can hang like this."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_response_timeout (const SockDiagContext *ctx)
{
  return _sock_diag_is_timeout (ctx->error) && ctx->phase >= SOCK_PHASE_REQUEST && ctx->phase < SOCK_PHASE_OPEN;
}

void
_sock_diag_build_response_timeout (SockDiagnosis         *self,
                                   const SockDiagContext *ctx)
{
  g_autofree char *wait = describe_wait (ctx->hs);
  g_autofree char *path = _sock_diag_request_path (ctx->hs);

  _sock_diagnosis_set_title (self, _("The server never answered the handshake"));
  if (sock_handshake_is_secure (ctx->hs))
    _sock_diagnosis_explain (self, _("TCP and TLS worked and the upgrade request for %s was sent, but no response came back."), path);
  else
    _sock_diagnosis_explain (self, _("The TCP connection worked and the upgrade request for %s was sent, but no response came back."), path);
  _sock_diagnosis_explain (self, "%s", wait);
  _sock_diagnosis_hint (self, _("The backend may be hung: check that the WebSocket server still accepts and answers connections."));
  _sock_diagnosis_hint (self, _("A reverse proxy may be waiting on an upstream that does not answer: check its upstream address and logs."));
  _sock_diagnosis_hint (self, _("The service on this port may not speak HTTP at all (a database, a raw TCP service): check the port."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

static gboolean
is_early_hangup (const SockDiagContext *ctx)
{
  const GError *e = ctx->error;

  if (e == NULL || ctx->status != 0)
    return FALSE;
  if (ctx->phase != SOCK_PHASE_REQUEST && ctx->phase != SOCK_PHASE_RESPONSE && ctx->phase != SOCK_PHASE_NONE)
    return FALSE;
  return _sock_diag_error_is (e, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         _sock_diag_error_is (e, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         _sock_diag_error_is (e, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         _sock_diag_error_is (e, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
         _sock_diag_error_mentions (e, "Connection terminated unexpectedly") ||
         _sock_diag_error_mentions (e, "reset by peer");
}

gboolean
_sock_diag_match_plain_to_tls_port (const SockDiagContext *ctx)
{
  return is_early_hangup (ctx) && sock_handshake_get_port_speaks_tls (ctx->hs) &&
         !sock_handshake_is_secure (ctx->hs);
}

void
_sock_diag_build_plain_to_tls_port (SockDiagnosis         *self,
                                    const SockDiagContext *ctx)
{
  g_autofree char *wss = _sock_diag_url_with_scheme (sock_handshake_get_url (ctx->hs), "wss");
  int port = _sock_diag_url_port (sock_handshake_get_url (ctx->hs));

  _sock_diagnosis_set_title (self, _("This port speaks TLS: use wss://"));
  _sock_diagnosis_explain (self, _("A plain ws:// request went to port %d, which expects a TLS handshake, so the server hung up without an HTTP answer. A TLS probe of the same port was answered."), port);
  _sock_diagnosis_hint (self, _("Use wss://: %s"), wss);
  _sock_diagnosis_set_fix (self, SOCK_FIX_URL, wss);
  _sock_diagnosis_hint (self, _("If the server should speak plain WebSocket, check which port its TLS terminator and its plain listener use."));
  add_target (self, ctx->hs);
  _sock_diagnosis_evidence (self, _("TLS probe of port %d: answered"), port);
  _sock_diag_add_error (self, ctx->error);
}

/* libsoup gives no code of its own for it, only the words (as a parsing error). */
gboolean
_sock_diag_match_response_headers_too_big (const SockDiagContext *ctx)
{
  return ctx->error != NULL && ctx->status == 0 && _sock_diag_error_mentions (ctx->error, "Header too big");
}

void
_sock_diag_build_response_headers_too_big (SockDiagnosis         *self,
                                           const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The server's response headers were too large"));
  _sock_diagnosis_explain (self, _("The server answered, but its response headers were larger than the client reads (libsoup stops at a fixed size), so the answer could not be read. The server did not hang up: it sent too much."));
  _sock_diagnosis_hint (self, _("Look for what makes the headers so large: many or huge Set-Cookie headers, debug or tracing headers added by the application or a proxy."));
  _sock_diagnosis_hint (self, _("Try the same URL with curl -i to see the headers the server sends."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_closed_before_response (const SockDiagContext *ctx)
{
  return is_early_hangup (ctx);
}

void
_sock_diag_build_closed_before_response (SockDiagnosis         *self,
                                         const SockDiagContext *ctx)
{
  _sock_diagnosis_set_title (self, _("The server closed the connection before answering"));
  _sock_diagnosis_explain (self, _("The connection was made and the upgrade request sent, but the server hung up without any HTTP response."));
  _sock_diagnosis_hint (self, _("The server process may have crashed on the request: check its log."));
  _sock_diagnosis_hint (self, _("Your IP may be blocked (fail2ban, an allow-list, a rate limit): try from another machine or check the server's rules."));
  _sock_diagnosis_hint (self, _("A load balancer with no healthy backend often resets connections: check the backend pool."));
  _sock_diagnosis_hint (self, _("The server may have reached its connection limit (max connections, open files)."));
  if (!sock_handshake_is_secure (ctx->hs))
    _sock_diagnosis_hint (self, _("If the port expects TLS, use wss:// instead of ws://."));
  add_target (self, ctx->hs);
  _sock_diag_add_error (self, ctx->error);
}

gboolean
_sock_diag_match_tls_not_tls (const SockDiagContext *ctx)
{
  if (!sock_handshake_is_secure (ctx->hs))
    return FALSE;
  if (sock_handshake_get_port_speaks_http (ctx->hs) && ctx->phase == SOCK_PHASE_TLS)
    return TRUE;
  return _sock_diag_error_is (ctx->error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
         (_sock_diag_error_is (ctx->error, G_TLS_ERROR, G_TLS_ERROR_MISC) && ctx->phase == SOCK_PHASE_TLS);
}

void
_sock_diag_build_tls_not_tls (SockDiagnosis         *self,
                              const SockDiagContext *ctx)
{
  g_autofree char *ws = _sock_diag_url_with_scheme (sock_handshake_get_url (ctx->hs), "ws");
  int port = _sock_diag_url_port (sock_handshake_get_url (ctx->hs));

  _sock_diagnosis_set_title (self, _("The server does not speak TLS on this port"));
  if (sock_handshake_get_port_speaks_http (ctx->hs))
    _sock_diagnosis_explain (self, _("A wss:// connection needs TLS, but port %d speaks plain HTTP: it never answered the TLS handshake, and a plain HTTP request to it was answered."), port);
  else
    _sock_diagnosis_explain (self, _("A wss:// connection needs TLS, but port %d answered with something else, most likely plain HTTP or WebSocket. Browsers report this as ERR_SSL_PROTOCOL_ERROR."), port);
  _sock_diagnosis_hint (self, _("If the server speaks plain WebSocket here, use ws://: %s"), ws);
  _sock_diagnosis_set_fix (self, SOCK_FIX_URL, ws);
  _sock_diagnosis_hint (self, _("If TLS is terminated by a proxy (nginx, a load balancer), connect to the proxy's TLS port instead of the backend's."));
  _sock_diagnosis_hint (self, _("PHP Ratchet has no TLS of its own: put a TLS terminator in front of it, or use ws://."));
  add_target (self, ctx->hs);
  if (sock_handshake_get_port_speaks_http (ctx->hs))
    _sock_diagnosis_evidence (self, _("HTTP probe of port %d: answered"), port);
  _sock_diag_add_error (self, ctx->error);
}
