/* test-diagnosis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One case per diagnosis rule and per important variant: a handshake and an error built by
 * hand, and what the user is told (id, severity, title, a key hint, the evidence quoted).
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <libsoup/soup.h>

#include "sock-diagnosis.h"
#include "sock-error.h"
#include "sock-session-private.h"

#define SHA "5f3c2a0d9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a1908f7e"

typedef struct
{
  const char           *name;           /* /sockscope/diagnosis/<name> */

  /* What happened */
  const char           *url;
  SockPhase             phase;
  GQuark              (*domain) (void); /* NULL: the WebSocket opened */
  int                   code;
  const char           *message;
  guint                 status;
  const char           *reason;
  const char           *headers[9];     /* response: name, value, … */
  const char           *body;
  const char           *offered[4];
  const char           *protocol;
  const char           *origin;
  const char           *redirect;
  const char           *cert_subject;
  const char           *cert_issuer;
  int                   cert_days_left;
  GTlsCertificateFlags  cert_errors;
  const char           *pin;
  gboolean              speaks_tls;
  gboolean              speaks_http;
  guint                 timeout;
  gboolean              closed;
  gboolean              close_code_present;
  guint                 close_code;
  const char           *close_reason;
  int                   conn_error;     /* SOUP_WEBSOCKET_ERROR code on the open connection */
  guint64               max_size;
  const char           *frames[3];      /* text frames right after the open */

  /* What the user is told */
  const char           *id;
  SockSeverity          severity;
  const char           *title;
  const char           *hint;
  const char           *not_hint;
  const char           *explains;
  const char           *evidence[3];
} DiagCase;

#define LOCAL "ws://127.0.0.1:8080/ws"
#define REMOTE "ws://app.example.com:8080/ws"
#define OPENED .phase = SOCK_PHASE_OPEN, .status = 101, .reason = "Switching Protocols"
#define WAMP2 .offered = { "wamp.2.json", NULL }, .protocol = "wamp.2.json"
#define ERR SOCK_SEVERITY_ERROR
#define CLOSED(c, r) OPENED, WAMP2, .closed = TRUE, .close_code_present = TRUE, .close_code = c, .close_reason = r

static const DiagCase cases[] = {
  /* Before any response */
  { "dns-failure", .url = "ws://exmaple.invalid:8080/ws", .phase = SOCK_PHASE_RESOLVING,
    .domain = g_resolver_error_quark, .code = G_RESOLVER_ERROR_NOT_FOUND,
    .message = "Error resolving “exmaple.invalid”: Name or service not known",
    .id = "dns-failure", .severity = ERR, .title = "The host name could not be resolved",
    .hint = "“exmaple.invalid”", .evidence = { "URL: ws://exmaple.invalid:8080/ws" } },
  { "dns-failure-temporary", .url = REMOTE, .phase = SOCK_PHASE_RESOLVING,
    .domain = g_resolver_error_quark, .code = G_RESOLVER_ERROR_TEMPORARY_FAILURE, .message = "Temporary failure in name resolution",
    .id = "dns-failure", .severity = ERR, .title = "The host name could not be resolved",
    .hint = "DNS server did not answer" },
  { "connection-refused", .url = "ws://127.0.0.1:9999/ws", .phase = SOCK_PHASE_CONNECTING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_CONNECTION_REFUSED, .message = "Could not connect: Connection refused",
    .id = "connection-refused", .severity = ERR, .title = "The connection was refused",
    .hint = "port 9999", .not_hint = "bound to 127.0.0.1", .evidence = { "Error: Could not connect: Connection refused" } },
  { "connection-refused-remote", .url = REMOTE, .phase = SOCK_PHASE_CONNECTING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_CONNECTION_REFUSED, .message = "Connection refused",
    .id = "connection-refused", .severity = ERR, .title = "The connection was refused",
    .hint = "bound to 127.0.0.1", .explains = "port 8080" },
  /* ":0" is port 0, not the default port 80 */
  { "connection-refused-port-0", .url = "ws://127.0.0.1:0/ws", .phase = SOCK_PHASE_CONNECTING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_CONNECTION_REFUSED, .message = "Connection refused",
    .id = "connection-refused", .severity = ERR, .title = "The connection was refused",
    .hint = "port 0", .not_hint = "port 80", .explains = "on port 0." },
  /* libsoup's "Header too big" is an answer too large to read, not a server hanging up */
  { "response-headers-too-big", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE,
    .domain = soup_session_error_quark, .code = SOUP_SESSION_ERROR_PARSING, .message = "Header too big",
    .id = "response-headers-too-big", .severity = ERR, .title = "The server's response headers were too large",
    .hint = "Set-Cookie", .explains = "did not hang up", .evidence = { "Error: Header too big" } },
  { "host-unreachable", .url = REMOTE, .phase = SOCK_PHASE_CONNECTING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_NETWORK_UNREACHABLE, .message = "Network is unreachable",
    .id = "host-unreachable", .severity = ERR, .title = "The host cannot be reached", .hint = "VPN" },
  { "connect-timeout", .url = REMOTE, .phase = SOCK_PHASE_CONNECTING, .timeout = 15,
    .domain = sock_error_quark, .code = SOCK_ERROR_TIMED_OUT, .message = "Timed out",
    .id = "connect-timeout", .severity = ERR, .title = "The connection attempt timed out",
    .hint = "DROPs packets to port 8080", .explains = "within 15 seconds" },
  { "connect-timeout-gio", .url = REMOTE, .phase = SOCK_PHASE_RESOLVING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_TIMED_OUT, .message = "Socket I/O timed out",
    .id = "connect-timeout", .severity = ERR, .title = "The connection attempt timed out",
    .hint = "app.example.com", .explains = "No answer came." },
  { "tls-timeout", .url = "wss://app.example.com:8443/ws", .phase = SOCK_PHASE_TLS, .timeout = 10,
    .domain = sock_error_quark, .code = SOCK_ERROR_TIMED_OUT, .message = "Timed out",
    .id = "tls-timeout", .severity = ERR, .title = "The TLS handshake timed out",
    .hint = "ws://app.example.com:8443/ws", .explains = "within 10 seconds" },
  { "response-timeout", .url = "wss://app.example.com/socket", .phase = SOCK_PHASE_REQUEST, .timeout = 15,
    .domain = sock_error_quark, .code = SOCK_ERROR_TIMED_OUT, .message = "Timed out",
    .id = "response-timeout", .severity = ERR, .title = "The server never answered the handshake",
    .hint = "hung", .explains = "TCP and TLS worked and the upgrade request for /socket was sent" },
  { "closed-before-response", .url = REMOTE, .phase = SOCK_PHASE_REQUEST,
    .domain = g_io_error_quark, .code = G_IO_ERROR_PARTIAL_INPUT, .message = "Connection terminated unexpectedly",
    .id = "closed-before-response", .severity = ERR, .title = "The server closed the connection before answering",
    .hint = "IP may be blocked", .evidence = { "Error: Connection terminated unexpectedly" } },
  { "closed-before-response-parsing", .url = REMOTE, .phase = SOCK_PHASE_REQUEST,
    .domain = soup_session_error_quark, .code = SOUP_SESSION_ERROR_PARSING, .message = "Could not parse HTTP response",
    .id = "closed-before-response", .severity = ERR, .title = "The server closed the connection before answering",
    .hint = "load balancer" },
  { "plain-to-tls-port", .url = "ws://app.example.com:8443/ws", .phase = SOCK_PHASE_REQUEST, .speaks_tls = TRUE,
    .domain = g_io_error_quark, .code = G_IO_ERROR_CONNECTION_CLOSED, .message = "Connection reset by peer",
    .id = "plain-to-tls-port", .severity = ERR, .title = "This port speaks TLS: use wss://",
    .hint = "wss://app.example.com:8443/ws" },
  { "tls-not-tls", .url = "wss://127.0.0.1:8080/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_NOT_TLS, .message = "Peer failed to perform TLS handshake",
    .id = "tls-not-tls", .severity = ERR, .title = "The server does not speak TLS on this port",
    .hint = "ws://127.0.0.1:8080/ws" },
  { "tls-not-tls-misc", .url = "wss://127.0.0.1:8080/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_MISC, .message = "An unexpected TLS packet was received.",
    .id = "tls-not-tls", .severity = ERR, .title = "The server does not speak TLS on this port",
    .hint = "Ratchet has no TLS" },
  /* A plain server waiting for the end of a "request" that is really a ClientHello: a hang, not a
   * TLS timeout, once a plain HTTP request to the port was answered */
  { "tls-not-tls-hang", .url = "wss://127.0.0.1:8080/ws", .phase = SOCK_PHASE_TLS, .timeout = 2, .speaks_http = TRUE,
    .domain = sock_error_quark, .code = SOCK_ERROR_TIMED_OUT, .message = "Timed out",
    .id = "tls-not-tls", .severity = ERR, .title = "The server does not speak TLS on this port",
    .hint = "ws://127.0.0.1:8080/ws", .explains = "port 8080 speaks plain HTTP",
    .evidence = { "HTTP probe of port 8080: answered" } },
  { "tls-untrusted", .url = "wss://127.0.0.1:8443/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_BAD_CERTIFICATE, .message = "Unacceptable TLS certificate",
    .cert_subject = "CN=localhost", .cert_issuer = "CN=localhost", .cert_days_left = 300,
    .cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA,
    .id = "tls-untrusted", .severity = ERR, .title = "The certificate is not trusted",
    .hint = "--pin " SHA, .explains = "self-signed",
    .evidence = { "SHA-256: " SHA, "Certificate errors: unknown-ca", "Subject: CN=localhost" } },
  { "tls-untrusted-private-ca", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_BAD_CERTIFICATE, .message = "Unacceptable TLS certificate",
    .cert_subject = "CN=app.example.com", .cert_issuer = "CN=Corp Root CA", .cert_days_left = 300,
    .cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA,
    .id = "tls-untrusted", .severity = ERR, .title = "The certificate is not trusted",
    .hint = "--ca FILE", .explains = "CN=Corp Root CA", .evidence = { "Issuer: CN=Corp Root CA" } },
  { "tls-expired", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_BAD_CERTIFICATE, .message = "Unacceptable TLS certificate",
    .cert_subject = "CN=app.example.com", .cert_issuer = "CN=R3", .cert_days_left = -3,
    .cert_errors = G_TLS_CERTIFICATE_EXPIRED,
    .id = "tls-expired", .severity = ERR, .title = "The certificate has expired",
    .hint = "certbot renew", .explains = "expired on", .evidence = { "Certificate errors: expired" } },
  { "tls-expired-not-yet", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_BAD_CERTIFICATE, .message = "Unacceptable TLS certificate",
    .cert_subject = "CN=app.example.com", .cert_issuer = "CN=R3", .cert_days_left = 90,
    .cert_errors = G_TLS_CERTIFICATE_NOT_ACTIVATED,
    .id = "tls-expired", .severity = ERR, .title = "The certificate is not valid yet", .hint = "clocks" },
  { "tls-name-mismatch", .url = "wss://api.example.com/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_BAD_CERTIFICATE, .message = "Unacceptable TLS certificate",
    .cert_subject = "CN=www.example.com", .cert_issuer = "CN=R3", .cert_days_left = 60,
    .cert_errors = G_TLS_CERTIFICATE_BAD_IDENTITY,
    .id = "tls-name-mismatch", .severity = ERR, .title = "The certificate does not match the host name",
    .hint = "“api.example.com”", .explains = "issued for CN=www.example.com" },
  /* A pin mismatch wins over the untrusted CA that also shows */
  { "tls-pin-mismatch", .url = "wss://127.0.0.1:8443/ws", .phase = SOCK_PHASE_TLS,
    .domain = sock_error_quark, .code = SOCK_ERROR_PIN_MISMATCH, .message = "The certificate does not match the pin",
    .cert_subject = "CN=localhost", .cert_issuer = "CN=localhost", .cert_days_left = 300,
    .cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA, .pin = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    .id = "tls-pin-mismatch", .severity = ERR, .title = "The certificate does not match the pinned fingerprint",
    .hint = "--pin " SHA, .explains = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    .evidence = { "Expected pin: 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" } },
  { "tls-failed", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_TLS,
    .domain = g_tls_error_quark, .code = G_TLS_ERROR_HANDSHAKE, .message = "A TLS fatal alert has been received.",
    .id = "tls-failed", .severity = ERR, .title = "The TLS handshake failed",
    .hint = "openssl s_client", .explains = "A TLS fatal alert has been received." },

  /* A response other than 101 */
  { "http-redirect", .url = REMOTE, .phase = SOCK_PHASE_RESPONSE, .status = 301, .reason = "Moved Permanently",
    .domain = sock_error_quark, .code = SOCK_ERROR_REDIRECT, .message = "Redirected",
    .headers = { "Location", "https://app.example.com/ws" }, .redirect = "https://app.example.com/ws",
    .id = "http-redirect", .severity = ERR, .title = "The server answered with a redirect",
    .hint = "use wss:// (wss://app.example.com/ws)", .explains = "never follow redirects",
    .evidence = { "HTTP/1.1 301 Moved Permanently", "Location: https://app.example.com/ws" } },
  { "http-redirect-slash", .url = REMOTE, .phase = SOCK_PHASE_RESPONSE, .status = 308, .reason = "Permanent Redirect",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .headers = { "Location", "/ws/" }, .redirect = "ws://app.example.com:8080/ws/",
    .id = "http-redirect", .severity = ERR, .title = "The server answered with a redirect",
    .hint = "trailing slash", .evidence = { "Location: /ws/" } },
  { "http-200", .url = REMOTE, .phase = SOCK_PHASE_RESPONSE, .status = 200, .reason = "OK",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .headers = { "Server", "nginx/1.22.1", "Content-Type", "text/html" },
    .body = "<!doctype html><html><head><TITLE> My App </TITLE></head><body>…</body></html>",
    .id = "http-200", .severity = ERR, .title = "Unexpected response code: 200",
    .hint = "proxy_set_header Upgrade $http_upgrade;", .explains = "“My App”",
    .evidence = { "HTTP/1.1 200 OK", "Server: nginx/1.22.1", "<title>My App</title>" } },
  { "http-200-no-content", .url = REMOTE, .phase = SOCK_PHASE_RESPONSE, .status = 204, .reason = "No Content",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-200", .severity = ERR, .title = "Unexpected response code: 204",
    .hint = "mod_proxy_wstunnel", .evidence = { "HTTP/1.1 204 No Content" } },
  { "http-400", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 400, .reason = "Bad Request",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE, .message = "Server rejected WebSocket handshake",
    .headers = { "X-Powered-By", "Ratchet/0.4.4" },
    .id = "http-400", .severity = ERR, .title = "The server rejected the handshake as a bad request (400)",
    .hint = "proxy_set_header Connection \"upgrade\"", .evidence = { "X-Powered-By: Ratchet/0.4.4" } },
  /* the answer names what the server wants: quoted, not guessed at */
  { "http-400-body-names-subprotocol", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 400, .reason = "Bad Request",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE, .message = "Server rejected WebSocket handshake",
    .body = "Missing or unsupported subprotocol: this endpoint wants mqttv3.1\n",
    .id = "http-400", .severity = ERR, .title = "The server rejected the handshake as a bad request (400)",
    .explains = "The server's answer gives the reason: “Missing or unsupported subprotocol: this endpoint wants mqttv3.1”" },
  { "http-404-server-header", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 404, .reason = "Not Found",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server rejected WebSocket handshake",
    .headers = { "Server", "nginx/1.25.3 \x1b[31m" },
    .id = "http-404", .severity = ERR, .title = "No WebSocket endpoint at this path (404)",
    .explains = "The answer comes from “nginx/1.25.3 \\x1b[31m” (its Server header)" },
  { "http-400-crossbar", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 400, .reason = "Bad Request",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE, .message = "Server rejected WebSocket handshake",
    .offered = { "wamp", NULL },
    .body = "This server only speaks WebSocket subprotocols wamp.2.cbor.batched, wamp.2.json\n",
    .id = "http-400", .severity = ERR, .title = "The server only speaks other WAMP subprotocols",
    .hint = "Offer wamp.2.json", .explains = "offered: wamp.",
    .evidence = { "Body: This server only speaks WebSocket subprotocols wamp.2.cbor.batched, wamp.2.json" } },
  { "http-400-nginx", .url = "ws://app.example.com:443/ws", .phase = SOCK_PHASE_RESPONSE, .status = 400, .reason = "Bad Request",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE, .message = "Server rejected WebSocket handshake",
    .headers = { "Server", "nginx" },
    .body = "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n</html>",
    .id = "http-400", .severity = ERR, .title = "Plain HTTP was sent to an HTTPS port",
    .hint = "wss://app.example.com:443/ws", .evidence = { "<title>400 The plain HTTP request was sent to HTTPS port</title>" } },
  { "http-401", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 401, .reason = "Unauthorized",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-401", .severity = ERR, .title = "The server requires authentication (401)",
    .hint = "offer wamp.2.json", .evidence = { "HTTP/1.1 401 Unauthorized" } },
  { "http-401-credentials", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 401, .reason = "Unauthorized",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .offered = { "wamp.2.json", NULL }, .headers = { "WWW-Authenticate", "Bearer realm=\"api\"" },
    .id = "http-401", .severity = ERR, .title = "The server requires authentication (401)",
    .hint = "Authorization: Bearer", .not_hint = "wamp.rt", .evidence = { "WWW-Authenticate: Bearer realm=\"api\"" } },
  { "http-403-no-origin", .url = REMOTE, .phase = SOCK_PHASE_RESPONSE, .status = 403, .reason = "Forbidden",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-403", .severity = ERR, .title = "Forbidden (403): no Origin was sent",
    .hint = "“http://app.example.com:8080”", .evidence = { "Origin sent: (none)" } },
  { "http-403-origin", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_RESPONSE, .status = 403, .reason = "Forbidden",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .origin = "http://localhost:3000",
    .id = "http-403", .severity = ERR, .title = "Forbidden (403): the Origin may not be allowed",
    .hint = "“https://app.example.com”", .explains = "Origin: http://localhost:3000",
    .evidence = { "Origin sent: http://localhost:3000" } },
  { "http-404", .url = "ws://127.0.0.1:8080/wrong?x=1", .phase = SOCK_PHASE_RESPONSE, .status = 404, .reason = "Not Found",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-404", .severity = ERR, .title = "No WebSocket endpoint at this path (404)",
    .hint = "/wrong?x=1", .evidence = { "Path: /wrong?x=1" } },
  { "http-405", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 405, .reason = "Method Not Allowed",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .headers = { "Allow", "POST" },
    .id = "http-405", .severity = ERR, .title = "The server does not accept this request here (405)",
    .hint = "Check the path /ws", .evidence = { "Allow: POST" } },
  { "http-426", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 426, .reason = "Upgrade Required",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .offered = { "wamp.2.json", NULL }, .headers = { "Sec-WebSocket-Version", "8", "Upgrade", "websocket" },
    .id = "http-426", .severity = ERR, .title = "The server requires a different upgrade (426)",
    .hint = "speak version 13", .evidence = { "Sec-WebSocket-Version: 8", "Offered: wamp.2.json", "Sent Sec-WebSocket-Version: 13" } },
  { "http-426-ratchet", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 426, .reason = "No Sec-WebSocket-Protocols requested supported",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .offered = { "wamp.2.json", NULL }, .headers = { "X-Powered-By", "Ratchet/0.4.4", "Sec-WebSocket-Protocol", "wamp" },
    .body = "No Sec-WebSocket-Protocols requested supported",
    .id = "http-426", .severity = ERR, .title = "None of the offered subprotocols is supported (426)",
    .hint = "The server supports “wamp”", .explains = "supports none of those offered: wamp.2.json",
    .evidence = { "Body: No Sec-WebSocket-Protocols requested supported", "Sec-WebSocket-Protocol: wamp" } },
  { "http-5xx", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 500, .reason = "Internal Server Error",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-5xx", .severity = ERR, .title = "The server failed with an internal error (500)",
    .hint = "application's log" },
  { "http-5xx-bad-gateway", .url = "wss://app.example.com/ws", .phase = SOCK_PHASE_RESPONSE, .status = 502, .reason = "Bad Gateway",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .headers = { "Server", "nginx/1.22.1" },
    .id = "http-5xx", .severity = ERR, .title = "The proxy cannot reach the WebSocket server (502)",
    .hint = "proxy_pass", .explains = "port 443", .evidence = { "HTTP/1.1 502 Bad Gateway", "Server: nginx/1.22.1" } },
  { "http-other", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 418, .reason = "I'm a teapot",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-other", .severity = ERR, .title = "Unexpected response code: 418",
    .hint = "why it answered 418", .evidence = { "HTTP/1.1 418 I'm a teapot" } },
  { "http-other-505", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 505, .reason = "HTTP Version Not Supported",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server ignored WebSocket handshake",
    .id = "http-other", .severity = ERR, .title = "Unexpected response code: 505",
    .hint = "proxy_http_version 1.1;" },

  /* A 101 that libsoup refused */
  { "bad-accept", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 101, .reason = "Switching Protocols",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE,
    .message = "Server returned incorrect Sec-WebSocket-Accept header",
    .headers = { "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", "AAAA" },
    .id = "bad-accept", .severity = ERR, .title = "The server sent a wrong Sec-WebSocket-Accept",
    .hint = "caching proxy", .evidence = { "Sec-WebSocket-Accept: AAAA", "Sec-WebSocket-Key sent: dGhlIHNhbXBsZSBub25jZQ==" } },
  { "unexpected-subprotocol", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 101, .reason = "Switching Protocols",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_BAD_HANDSHAKE, .message = "Server requested unsupported protocol",
    .offered = { "wamp.2.json", "wamp", NULL }, .headers = { "Sec-WebSocket-Protocol", "mqtt" },
    .id = "unexpected-subprotocol", .severity = ERR, .title = "The server chose a subprotocol that was not offered",
    .hint = "“mqtt”", .explains = "“mqtt”, but the client offered wamp.2.json, wamp",
    .evidence = { "Sec-WebSocket-Protocol: mqtt", "Offered: wamp.2.json, wamp" } },
  { "not-websocket", .url = LOCAL, .phase = SOCK_PHASE_RESPONSE, .status = 101, .reason = "Switching Protocols",
    .domain = soup_websocket_error_quark, .code = SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET, .message = "Server is not a WebSocket server",
    .headers = { "Connection", "close" },
    .id = "not-websocket", .severity = ERR, .title = "The response is not a valid WebSocket upgrade",
    .hint = "middlebox", .evidence = { "Upgrade: (missing)", "Connection: close" } },

  /* Opened: what happened right after */
  { "message-too-big", .url = LOCAL, OPENED, WAMP2, .conn_error = SOUP_WEBSOCKET_CLOSE_TOO_BIG,
    .max_size = 128 * 1024,
    .id = "message-too-big", .severity = ERR, .title = "A message was larger than the size limit",
    .hint = "--max-message-size 524288", .explains = "larger than the 128 KiB",
    .evidence = { "Limit: 128 KiB (131072 bytes)" } },
  { "close-invalid-code", .url = LOCAL, CLOSED (1005, NULL), .conn_error = SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
    .id = "close-invalid-code", .severity = ERR, .title = "The server closed with an invalid close code",
    .hint = "Report it", .explains = "code 1005", .evidence = { "Close code 1005: No status received (reserved, never sent)" } },
  /* the client found the frame invalid: not "the server reported a protocol error" */
  { "invalid-frame", .url = LOCAL, OPENED, WAMP2, .closed = TRUE, .conn_error = SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
    .id = "invalid-frame", .severity = ERR, .title = "The server sent an invalid WebSocket frame",
    .hint = "Report it", .explains = "reserved (RSV) bits" },
  { "invalid-frame-echoed", .url = LOCAL, CLOSED (1002, NULL), .conn_error = SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
    .id = "invalid-frame", .severity = ERR, .title = "The server sent an invalid WebSocket frame",
    .evidence = { "Close code 1002: Protocol error" } },
  { "close-invalid-code-zero", .url = LOCAL, CLOSED (0, "bye"),
    .id = "close-invalid-code", .severity = ERR, .title = "The server closed with an invalid close code",
    .hint = "3000–4999", .explains = "“bye”", .evidence = { "Close code 0", "Reason: bye" } },
  { "close-invalid-code-2500", .url = LOCAL, CLOSED (2500, NULL),
    .id = "close-invalid-code", .severity = ERR, .title = "The server closed with an invalid close code",
    .hint = "server's log", .evidence = { "Close code 2500" } },
  { "close-invalid-code-5000", .url = LOCAL, CLOSED (5000, NULL),
    .id = "close-invalid-code", .severity = ERR, .title = "The server closed with an invalid close code",
    .hint = "server's log", .evidence = { "Close code 5000" } },
  { "closed-after-open-1000", .url = LOCAL, CLOSED (1000, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server ended the session right after it opened",
    .hint = "server's log", .evidence = { "Close code 1000: Normal closure", "Closed 12 ms after the open" } },
  { "closed-after-open-1001", .url = LOCAL, CLOSED (1001, "Server shutting down"),
    .id = "closed-after-open", .severity = ERR, .title = "The server is going away",
    .hint = "redeployed", .explains = "“Server shutting down”", .evidence = { "Close code 1001: Going away" } },
  { "closed-after-open-1002", .url = LOCAL, CLOSED (1002, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server reported a protocol error",
    .hint = "permessage-deflate" },
  { "closed-after-open-1003", .url = LOCAL, CLOSED (1003, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server cannot accept this kind of data",
    .hint = "text and binary", .evidence = { "Close code 1003: Unsupported data" } },
  { "closed-after-open-1007", .url = LOCAL, OPENED, .offered = { "wamp", NULL }, .protocol = "wamp",
    .closed = TRUE, .close_code_present = TRUE, .close_code = 1007,
    .frames = { "[0,\"5f1a\",1,\"Ratchet/0.4.4\"]" },
    .id = "closed-after-open", .severity = ERR, .title = "The server rejected a message as invalid",
    .hint = "valid JSON", .explains = "Ratchet closes with 1007",
    .evidence = { "Close code 1007: Invalid payload data", "Frame 1: [0,\"5f1a\",1,\"Ratchet/0.4.4\"]" } },
  { "closed-after-open-1008", .url = LOCAL, CLOSED (1008, "Policy violation"),
    .id = "closed-after-open", .severity = ERR, .title = "The server closed the connection for a policy violation",
    .hint = "Origin sent", .evidence = { "Close code 1008: Policy violation", "Reason: Policy violation" } },
  { "closed-after-open-1009", .url = LOCAL, CLOSED (1009, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server found a message too big",
    .hint = "smaller messages" },
  { "closed-after-open-1011", .url = LOCAL, CLOSED (1011, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server hit an internal error",
    .hint = "server's log", .evidence = { "Close code 1011: Internal server error" } },
  /* libsoup raises 1002 for 1012-1014, but the code is valid: not close-invalid-code */
  { "closed-after-open-1012", .url = LOCAL, CLOSED (1012, NULL), .conn_error = SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR,
    .id = "closed-after-open", .severity = ERR, .title = "The server is restarting",
    .hint = "short delay", .evidence = { "Close code 1012: Service restart" } },
  { "closed-after-open-1013", .url = LOCAL, CLOSED (1013, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server is overloaded: try again later",
    .hint = "growing delay" },
  { "closed-after-open-1014", .url = LOCAL, CLOSED (1014, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "A gateway got a bad response from the server",
    .hint = "upstream", .evidence = { "Close code 1014: Bad gateway" } },
  { "closed-after-open-3000", .url = LOCAL, CLOSED (3000, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server says you are not authorized",
    .hint = "credentials", .evidence = { "Close code 3000: Unauthorized" } },
  { "closed-after-open-3003", .url = LOCAL, CLOSED (3003, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server says access is forbidden",
    .hint = "permissions", .evidence = { "Close code 3003: Forbidden" } },
  { "closed-after-open-3500", .url = LOCAL, CLOSED (3500, NULL),
    .id = "closed-after-open", .severity = ERR, .title = "The server closed with a registered close code",
    .hint = "IANA", .evidence = { "Close code 3500" } },
  { "closed-after-open-4001", .url = LOCAL, CLOSED (4001, "quota exceeded for tenant 42"),
    .id = "closed-after-open", .severity = ERR, .title = "The server closed with its own close code",
    .hint = "server application", .explains = "“quota exceeded for tenant 42”",
    .evidence = { "Close code 4001", "Reason: quota exceeded for tenant 42" } },
  { "closed-after-open-no-code", .url = LOCAL, OPENED, WAMP2, .closed = TRUE,
    .id = "closed-after-open", .severity = ERR, .title = "The server closed the connection without a close code",
    .hint = "server's log", .evidence = { "No close code" } },
  { "closed-after-open-oro-ticket", .url = "ws://127.0.0.1:8080/ws?ticket=abc", OPENED,
    .offered = { "wamp", NULL }, .protocol = "wamp", .closed = TRUE,
    .frames = { "[0,\"1\",1,\"Gos\"]", "HTTP/1.1 403 Forbidden\r\n\r\n" },
    .id = "closed-after-open", .severity = ERR, .title = "The server closed the connection without a close code",
    .hint = "fresh ticket", .explains = "“HTTP/1.1 403 Forbidden”" },
  { "no-subprotocol", .url = LOCAL, OPENED, .offered = { "wamp.2.json", "wamp", NULL },
    .frames = { "[0,\"abc\",1,\"Ratchet/0.4.4\"]" },
    .id = "no-subprotocol", .severity = ERR, .title = "The server confirmed no subprotocol",
    .hint = "setStrictSubProtocolCheck(false)", .explains = "WAMP v1 WELCOME",
    .evidence = { "Offered: wamp.2.json, wamp", "Sec-WebSocket-Protocol: (missing)" } },
  { "ok", .url = LOCAL, OPENED, WAMP2, .headers = { "Sec-WebSocket-Protocol", "wamp.2.json" },
    .id = "ok", .severity = SOCK_SEVERITY_OK, .title = "Connected", .explains = "“wamp.2.json”",
    .evidence = { "HTTP/1.1 101 Switching Protocols", "Sec-WebSocket-Protocol: wamp.2.json" } },
  { "ok-none-asked", .url = "ws://[::1]:8080/", OPENED,
    .id = "ok", .severity = SOCK_SEVERITY_OK, .title = "Connected", .explains = "no subprotocol was asked for" },
  { "ok-unencrypted", .url = REMOTE, OPENED, WAMP2,
    .id = "ok", .severity = SOCK_SEVERITY_WARNING, .title = "Connected, but the connection is not encrypted",
    .hint = "Use wss://", .explains = "clear text" },
  { "ok-expiring", .url = "wss://app.example.com/ws", OPENED, WAMP2,
    .cert_subject = "CN=app.example.com", .cert_issuer = "CN=R3", .cert_days_left = 5,
    .id = "ok", .severity = SOCK_SEVERITY_WARNING, .title = "Connected, but the certificate expires soon",
    .hint = "Renew the certificate before", .explains = "in 4 days" },
  { "ok-insecure", .url = "wss://127.0.0.1:8443/ws", OPENED, WAMP2,
    .cert_subject = "CN=localhost", .cert_issuer = "CN=localhost", .cert_days_left = 300,
    .cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA,
    .id = "ok", .severity = SOCK_SEVERITY_WARNING, .title = "Connected, but the certificate was not verified",
    .hint = "--pin " SHA, .explains = "errors (unknown-ca)" },
  /* A pinned certificate is accepted on purpose: no warning about its errors */
  { "ok-pinned", .url = "wss://127.0.0.1:8443/ws", OPENED, WAMP2,
    .cert_subject = "CN=localhost", .cert_issuer = "CN=localhost", .cert_days_left = 300,
    .cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA, .pin = SHA,
    .id = "ok", .severity = SOCK_SEVERITY_OK, .title = "Connected",
    .evidence = { "TLS: TLS 1.3, AES-256-GCM", "SHA-256: " SHA } },
  { "unknown", .url = LOCAL, .phase = SOCK_PHASE_CONNECTING,
    .domain = g_io_error_quark, .code = G_IO_ERROR_PERMISSION_DENIED, .message = "Permission denied",
    .id = "unknown", .severity = ERR, .title = "The connection failed",
    .hint = "server's log", .explains = "Permission denied",
    .evidence = { "Error: Permission denied", "Phase: connecting" } },
};

static void
set_certificate (SockHandshake  *hs,
                 const DiagCase *c)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (c->cert_subject == NULL)
    return;
  from = g_date_time_add_days (now, c->cert_days_left > 30 ? -30 : c->cert_days_left - 60);
  /* A certificate that is not valid yet starts in the future */
  if (c->cert_errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    {
      g_date_time_unref (from);
      from = g_date_time_add_days (now, 2);
    }
  until = g_date_time_add_hours (now, c->cert_days_left * 24 + (c->cert_days_left > 0 ? -1 : 0));
  sock_handshake_set_tls (hs, "TLS 1.3", "AES-256-GCM");
  sock_handshake_set_certificate_info (hs, c->cert_subject, c->cert_issuer, from, until, SHA, c->cert_errors);
}

static void
set_request (SockHandshake  *hs,
             const DiagCase *c)
{
  g_autoptr(GUri) uri = g_uri_parse (c->url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *line = NULL;

  g_assert_nonnull (uri);
  line = g_strdup_printf ("GET %s%s%s HTTP/1.1", *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/",
                          g_uri_get_query (uri) ? "?" : "", g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  sock_handshake_set_request_line (hs, line);
  sock_handshake_add_request_header (hs, "Host", g_uri_get_host (uri));
  sock_handshake_add_request_header (hs, "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
  sock_handshake_add_request_header (hs, "Sec-WebSocket-Version", "13");
  sock_handshake_set_offered_protocols (hs, c->offered);
  sock_handshake_set_origin (hs, c->origin);
  if (c->origin != NULL)
    sock_handshake_add_request_header (hs, "Origin", c->origin);
  sock_handshake_set_expected_pin (hs, c->pin);
  sock_handshake_set_timeout (hs, c->timeout);
}

static void
set_after_open (SockHandshake  *hs,
                const DiagCase *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->frames) && c->frames[i]; i++)
    sock_handshake_add_early_frame (hs, TRUE, (const guint8 *)c->frames[i], strlen (c->frames[i]), 2.0 + i);
  if (c->closed)
    sock_handshake_set_early_close (hs, c->close_code_present, c->close_code, c->close_reason, 12.0);
  if (c->conn_error != 0)
    {
      g_autoptr(GError) error = g_error_new (SOUP_WEBSOCKET_ERROR, c->conn_error, "WebSocket error %d", c->conn_error);

      sock_handshake_set_connection_error (hs, error);
    }
  sock_handshake_set_max_message_size (hs, c->max_size);
}

static SockHandshake *
build_handshake (const DiagCase *c)
{
  SockHandshake *hs = sock_handshake_new (c->url);

  sock_handshake_set_phase (hs, c->phase);
  set_request (hs, c);
  if (c->status != 0)
    sock_handshake_set_status (hs, "HTTP/1.1", c->status, c->reason);
  for (guint i = 0; c->headers[i] != NULL; i += 2)
    sock_handshake_add_response_header (hs, c->headers[i], c->headers[i + 1]);
  if (c->body != NULL)
    sock_handshake_set_body (hs, (const guint8 *)c->body, strlen (c->body));
  sock_handshake_set_protocol (hs, c->protocol);
  if (c->redirect != NULL)
    sock_handshake_set_redirect (hs, c->redirect);
  sock_handshake_set_port_speaks_tls (hs, c->speaks_tls);
  sock_handshake_set_port_speaks_http (hs, c->speaks_http);
  set_certificate (hs, c);
  set_after_open (hs, c);
  return hs;
}

static gboolean
has_evidence (const SockDiagnosis *d,
              const char          *line)
{
  const char * const *evidence = sock_diagnosis_get_evidence (d);

  return g_strv_contains (evidence, line);
}

static void
dump (const SockDiagnosis *d)
{
  g_autoptr(JsonNode) node = sock_diagnosis_to_json (d);
  g_autofree char *text = json_to_string (node, TRUE);

  g_test_message ("%s", text);
}

static void
test_diagnosis_case (gconstpointer data)
{
  const DiagCase *c = data;
  g_autoptr(SockHandshake) hs = build_handshake (c);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockDiagnosis) d = NULL;

  if (c->domain != NULL)
    error = g_error_new_literal (c->domain (), c->code, c->message);
  d = sock_diagnose (error, hs);
  dump (d);

  g_assert_cmpstr (sock_diagnosis_get_id (d), ==, c->id);
  g_assert_cmpint (sock_diagnosis_get_severity (d), ==, c->severity);
  g_assert_cmpstr (sock_diagnosis_get_title (d), ==, c->title);
  g_assert_cmpstr (sock_diagnosis_get_explanation (d), !=, "");
  /* Anything short of success tells the user what to try */
  if (c->severity != SOCK_SEVERITY_OK)
    g_assert_nonnull (sock_diagnosis_get_hints (d)[0]);
  if (c->hint != NULL && !sock_diagnosis_has_hint (d, c->hint))
    g_error ("no hint mentions “%s”", c->hint);
  if (c->not_hint != NULL && sock_diagnosis_has_hint (d, c->not_hint))
    g_error ("a hint mentions “%s”", c->not_hint);
  if (c->explains != NULL && strstr (sock_diagnosis_get_explanation (d), c->explains) == NULL)
    g_error ("the explanation lacks “%s”", c->explains);
  for (guint i = 0; i < G_N_ELEMENTS (c->evidence) && c->evidence[i]; i++)
    if (!has_evidence (d, c->evidence[i]))
      g_error ("no evidence line “%s”", c->evidence[i]);
}

/* Every stable id has at least one case. */
static void
test_diagnosis_all_ids (void)
{
  static const char * const ids[] = {
    "dns-failure", "connection-refused", "host-unreachable", "connect-timeout", "tls-timeout",
    "response-timeout", "closed-before-response", "plain-to-tls-port", "tls-not-tls", "tls-untrusted",
    "tls-expired", "tls-name-mismatch", "tls-pin-mismatch", "tls-failed", "http-redirect", "http-200",
    "http-400", "http-401", "http-403", "http-404", "http-405", "http-5xx", "http-426", "http-other",
    "bad-accept", "unexpected-subprotocol", "not-websocket", "message-too-big", "close-invalid-code",
    "closed-after-open", "no-subprotocol", "ok", "unknown",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (cases) && !found; j++)
        found = g_str_equal (cases[j].id, ids[i]);
      if (!found)
        g_error ("no case for %s", ids[i]);
    }
}

/* The window's hints name its settings, never a command-line option or "the profile"; there is
 * one for each hint. */
static void
test_diagnosis_window_words (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DiagCase *c = &cases[i];
      g_autoptr(SockHandshake) hs = build_handshake (c);
      g_autoptr(GError) error = c->domain ? g_error_new_literal (c->domain (), c->code, c->message) : NULL;
      g_autoptr(SockDiagnosis) d = sock_diagnose (error, hs);
      const char * const *hints = sock_diagnosis_get_hints (d);
      const char * const *words = sock_diagnosis_get_window_hints (d);

      g_assert_cmpuint (g_strv_length ((char **) hints), ==, g_strv_length ((char **) words));
      for (guint j = 0; words[j] != NULL; j++)
        if (strstr (words[j], " --") != NULL || strstr (words[j], "profile") != NULL)
          g_error ("%s: the window's hint “%s” speaks like the command line", c->name, words[j]);
    }
}

typedef struct
{
  const char *details;
  const char *asked;
  const char *expected;
} RealmCase;

/* The realm an ABORT for no_such_realm names: from Details' realms, or from its message. */
static void
test_diagnosis_abort_realm (void)
{
  static const RealmCase realm_cases[] = {
    { "{\"message\": \"no realm \\\"x\\\" on this router (try demo or secure)\"}", "x", "demo" },
    { "{\"message\": \"no realm \\\"demo\\\" on this router (try demo or secure)\"}", "demo", "secure" },
    { "{\"realms\": [\"x\", \"realm1\"]}", "x", "realm1" },
    { "{\"message\": \"Realm 'x' does not exist. Use realm1.\"}", "x", "realm1" },
    { "{\"message\": \"no such realm\"}", "x", NULL },
    { "{\"message\": \"try \\u001b[31m\"}", "x", NULL },
    { NULL, "x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (realm_cases); i++)
    {
      g_autoptr(GError) error = sock_session_error_new (SOCK_SESSION_ERROR_ABORTED, "wamp.error.no_such_realm",
                                                        (SockJsonRange) { 0 }, (SockJsonRange) { 0 }, "refused");
      g_autofree char *realm = NULL;

      _sock_session_error_set_details (error, realm_cases[i].details);
      realm = sock_session_error_dup_suggested_realm (error, realm_cases[i].asked);
      g_assert_cmpstr (realm, ==, realm_cases[i].expected);
    }
}

static void
test_diagnosis_json (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(SockDiagnosis) d = sock_diagnose (error, hs);
  g_autoptr(JsonNode) node = sock_diagnosis_to_json (d);
  JsonObject *root = json_node_get_object (node);
  JsonArray *hints = json_object_get_array_member (root, "hints");
  JsonArray *evidence = json_object_get_array_member (root, "evidence");

  g_assert_cmpstr (json_object_get_string_member (root, "id"), ==, "connection-refused");
  g_assert_cmpstr (json_object_get_string_member (root, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "The connection was refused");
  g_assert_cmpstr (json_object_get_string_member (root, "explanation"), ==, sock_diagnosis_get_explanation (d));
  g_assert_cmpuint (json_array_get_length (hints), ==, g_strv_length ((char **)sock_diagnosis_get_hints (d)));
  g_assert_cmpstr (json_array_get_string_element (hints, 0), ==, sock_diagnosis_get_hints (d)[0]);
  g_assert_cmpstr (json_array_get_string_element (evidence, 0), ==, "URL: ws://127.0.0.1:8080/ws");
}

static void
test_diagnosis_refcount (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  SockDiagnosis *d = sock_diagnose (NULL, hs);
  SockDiagnosis *copy = g_boxed_copy (SOCK_TYPE_DIAGNOSIS, d);

  g_assert_true (copy == d);
  g_boxed_free (SOCK_TYPE_DIAGNOSIS, copy);
  g_assert_cmpstr (sock_diagnosis_get_id (d), ==, "ok");
  sock_diagnosis_unref (d);
}

static void
test_diagnosis_close_codes (void)
{
  g_assert_cmpstr (sock_close_code_describe (1000), ==, "Normal closure");
  g_assert_cmpstr (sock_close_code_describe (1001), ==, "Going away");
  g_assert_cmpstr (sock_close_code_describe (1007), ==, "Invalid payload data");
  g_assert_cmpstr (sock_close_code_describe (1008), ==, "Policy violation");
  g_assert_cmpstr (sock_close_code_describe (1014), ==, "Bad gateway");
  g_assert_nonnull (strstr (sock_close_code_describe (1004), "never sent"));
  g_assert_nonnull (strstr (sock_close_code_describe (1005), "never sent"));
  g_assert_nonnull (strstr (sock_close_code_describe (1006), "never sent"));
  g_assert_nonnull (strstr (sock_close_code_describe (1015), "never sent"));
  g_assert_cmpstr (sock_close_code_describe (3000), ==, "Unauthorized");
  g_assert_null (sock_close_code_describe (4001));
  g_assert_null (sock_close_code_describe (2500));
  g_assert_cmpstr (sock_severity_to_string (SOCK_SEVERITY_WARNING), ==, "warning");
}

static const DiagCase *
find_case (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, name))
      return &cases[i];
  g_assert_not_reached ();
}

/* Under a locale that groups digits, the counts of bytes people read are grouped; the option to
 * copy is not. */
static void
test_diagnosis_grouping (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(SockHandshake) too_big = build_handshake (find_case ("message-too-big"));
  g_autoptr(SockHandshake) closed = build_handshake (find_case ("closed-after-open-1007"));
  g_autoptr(SockHandshake) late = build_handshake (find_case ("closed-after-open-1007"));
  g_autofree guint8 *binary = g_malloc0 (1500);
  g_autoptr(SockDiagnosis) too_big_d = NULL;
  g_autoptr(SockDiagnosis) closed_d = NULL;
  g_autoptr(SockDiagnosis) late_d = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  sock_handshake_add_early_frame (closed, FALSE, binary, 1500, 3.0);
  too_big_d = sock_diagnose (NULL, too_big);
  closed_d = sock_diagnose (NULL, closed);
  /* closed after a ten-second wait */
  sock_handshake_set_early_close (late, TRUE, 1007, "bad payload", 10012.4);
  late_d = sock_diagnose (NULL, late);
  setlocale (LC_NUMERIC, numeric);
  dump (too_big_d);
  dump (closed_d);

  g_assert_true (has_evidence (too_big_d, "Limit: 128 KiB (131.072 bytes)"));
  g_assert_true (sock_diagnosis_has_hint (too_big_d, "--max-message-size 524288 "));
  g_assert_true (has_evidence (closed_d, "Frame 2: binary, 1.500 bytes"));
  g_assert_true (has_evidence (closed_d, "Closed 12 ms after the open"));
  dump (late_d);
  g_assert_true (has_evidence (late_d, "Closed 10.012 ms after the open"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/sockscope/diagnosis/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_diagnosis_case);
    }
  g_test_add_func ("/sockscope/diagnosis/all-ids", test_diagnosis_all_ids);
  g_test_add_func ("/sockscope/diagnosis/json", test_diagnosis_json);
  g_test_add_func ("/sockscope/diagnosis/window-words", test_diagnosis_window_words);
  g_test_add_func ("/sockscope/diagnosis/abort-realm", test_diagnosis_abort_realm);
  g_test_add_func ("/sockscope/diagnosis/refcount", test_diagnosis_refcount);
  g_test_add_func ("/sockscope/diagnosis/close-codes", test_diagnosis_close_codes);
  g_test_add_func ("/sockscope/diagnosis/grouping", test_diagnosis_grouping);

  return g_test_run ();
}
