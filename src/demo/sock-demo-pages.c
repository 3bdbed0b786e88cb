/* sock-demo-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo server's plain HTTP answers: its index, /fault/status/N answered the way the server
 * that typically sends each status does, and the Origin check in front of /fault/origin.
 */

#include "sock-demo-private.h"

#include <string.h>

#include "sock-demo-server.h"

typedef struct
{
  SockDemoServer *owner;
  SockDemoFaults *faults;
} Pages;

/* Pages --------------------------------------------------------------------------------- */

static const char index_page[] =
  "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sockscope demo server</title>"
  "</head><body>\n<h1>Sockscope demo server</h1>\n<ul>\n"
  "<li><code>/echo</code>: WebSocket echo (text and binary)</li>\n"
  "<li><code>/ws</code>: WAMP router (wamp.2.json, wamp.2.msgpack, wamp.2.cbor and their batched variants: realms demo and secure; wamp v1)</li>\n"
  "<li>the same WAMP router over RawSocket (JSON, MessagePack, CBOR) on a TCP port and a Unix socket: "
  "<code>sockscope-cli serve-demo</code> prints their addresses</li>\n"
  "<li><code>/fault/status/N</code>: answers HTTP status N (100&ndash;599, not 101)</li>\n"
  "<li><code>/fault/no-subprotocol</code>: 101 without Sec-WebSocket-Protocol</li>\n"
  "<li><code>/fault/wrong-subprotocol</code>: 101 with a subprotocol nobody asked for</li>\n"
  "<li><code>/fault/bad-accept</code>: 101 with a wrong Sec-WebSocket-Accept</li>\n"
  "<li><code>/fault/hang</code>: never answers</li>\n"
  "<li><code>/fault/reset</code>: resets the connection</li>\n"
  "<li><code>/fault/close/CODE</code>, <code>/fault/close/none</code>: closes with CODE</li>\n"
  "<li><code>/fault/big/BYTES</code>: sends one message of BYTES bytes</li>\n"
  "<li><code>/fault/origin</code>: echo for Origin localhost or 127.0.0.1, else 403</li>\n"
  "</ul>\n</body></html>\n";

static const char dashboard_page[] =
  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
  "<title>Acme Dashboard</title>\n<link rel=\"stylesheet\" href=\"/static/css/app.7d1e2a.css\">\n"
  "</head>\n<body>\n<noscript>You need to enable JavaScript to run this app.</noscript>\n"
  "<div id=\"root\"></div>\n<script src=\"/static/js/main.3f9c1b.js\"></script>\n"
  "</body>\n</html>\n";

static const char crossbar_reason[] =
  "This server only speaks WebSocket subprotocols wamp.2.cbor.batched, wamp.2.cbor, "
  "wamp.2.msgpack.batched, wamp.2.msgpack, wamp.2.ubjson.batched, wamp.2.ubjson, "
  "wamp.2.json.batched, wamp.2.json";

static void
set_body (SoupServerMessage *msg,
          const char        *content_type,
          const char        *body)
{
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
set_header (SoupServerMessage *msg,
            const char        *name,
            const char        *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), name, value);
}

static void
set_nginx_page (SoupServerMessage *msg,
                guint              status)
{
  g_autofree char *page = NULL;
  const char *phrase = soup_status_get_phrase (status);

  page = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n<body>\r\n"
                          "<center><h1>%u %s</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
                          "</body>\r\n</html>\r\n", status, phrase, status, phrase);
  soup_server_message_set_status (msg, status, NULL);
  set_header (msg, "Server", "nginx/1.22.1");
  set_body (msg, "text/html", page);
}

static void
set_redirect_page (SockDemoServer    *self,
                   SoupServerMessage *msg,
                   guint              status)
{
  /* Always plain http: a wss:// client that follows it sees the scheme change. */
  g_autofree char *location = g_strdup_printf ("http://127.0.0.1:%u/echo", sock_demo_server_get_port (self));

  set_nginx_page (msg, status);
  set_header (msg, "Location", location);
}

static void
set_ratchet_page (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, 426, "Upgrade Required");
  set_header (msg, "X-Powered-By", "Ratchet/0.4.4");
  set_header (msg, "Sec-WebSocket-Version", "13");
  set_header (msg, "Sec-WebSocket-Protocol", "wamp");
  soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Server");
  set_body (msg, "text/plain", "No Sec-WebSocket-Protocols requested supported");
}

static void
set_plain_page (SoupServerMessage *msg,
                guint              status,
                const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  set_body (msg, "text/plain; charset=utf-8", text);
}

static void
set_generic_page (SoupServerMessage *msg,
                  guint              status)
{
  const char *phrase = soup_status_get_phrase (status);
  g_autofree char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><title>%u %s</title>"
                                           "</head><body><h1>%u %s</h1></body></html>\n",
                                           status, phrase, status, phrase);

  soup_server_message_set_status (msg, status, NULL);
  /* No body is allowed with these. */
  if (status != SOUP_STATUS_NO_CONTENT && status != SOUP_STATUS_NOT_MODIFIED)
    set_body (msg, "text/html; charset=utf-8", page);
}

/* Answers @status the way the server that typically sends it does. */
static void
set_status_page (SockDemoServer    *self,
                 SoupServerMessage *msg,
                 guint              status)
{
  switch (status)
    {
    case 200:
      soup_server_message_set_status (msg, status, NULL);
      set_header (msg, "Server", "nginx/1.22.1");
      set_body (msg, "text/html; charset=utf-8", dashboard_page);
      break;
    case 301: case 302: case 307: case 308:
      set_redirect_page (self, msg, status);
      break;
    case 400:
      /* Autobahn puts the explanation into the reason phrase too. */
      soup_server_message_set_status (msg, status, crossbar_reason);
      set_header (msg, "Server", "Crossbar/22.2.1");
      set_body (msg, "text/plain; charset=utf-8", crossbar_reason);
      break;
    case 401:
      set_nginx_page (msg, status);
      set_header (msg, "WWW-Authenticate", "Basic realm=\"Acme Dashboard\"");
      break;
    case 403:
      set_plain_page (msg, status, "Forbidden");
      break;
    case 405:
      set_plain_page (msg, status, "Method Not Allowed");
      set_header (msg, "Allow", "GET");
      break;
    case 426:
      set_ratchet_page (msg);
      break;
    case 404: case 500: case 502: case 503: case 504:
      set_nginx_page (msg, status);
      break;
    default:
      set_generic_page (msg, status);
      break;
    }
}

/* Handlers ------------------------------------------------------------------------------ */

static void
status_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Pages *pages = user_data;
  const char *prefix = "/fault/status/";
  guint64 status;

  if (!g_str_has_prefix (path, prefix)
      || !g_ascii_string_to_unsigned (path + strlen (prefix), 10, 100, 599, &status, NULL)
      || status == SOUP_STATUS_SWITCHING_PROTOCOLS)
    set_plain_page (msg, SOUP_STATUS_NOT_FOUND,
                    "Use /fault/status/N with N from 100 to 599, except 101.\n");
  else if (SOUP_STATUS_IS_INFORMATIONAL (status))
    _sock_demo_faults_informational (pages->faults, msg, status);
  else
    set_status_page (pages->owner, msg, status);
}

static void
index_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  if (!g_str_equal (path, "/"))
    {
      set_nginx_page (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  set_body (msg, "text/html; charset=utf-8", index_page);
}

/* Like Ratchet's OriginCheck and Oro's origin_check: localhost and 127.0.0.1 only. */
static gboolean
origin_allowed (const char *origin)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (origin == NULL)
    return FALSE;

  uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  return host != NULL
         && (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1"));
}

static void
origin_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* Leaving the status unset lets libsoup go on with the WebSocket handshake. */
  if (!origin_allowed (soup_message_headers_get_one (headers, "Origin")))
    set_plain_page (msg, SOUP_STATUS_FORBIDDEN, "Origin not allowed");
}

void
_sock_demo_pages_add_handlers (SoupServer     *server,
                               SockDemoServer *owner,
                               SockDemoFaults *faults)
{
  Pages *pages = g_new0 (Pages, 1);

  pages->owner = owner;
  pages->faults = faults;
  soup_server_add_handler (server, "/", index_cb, NULL, NULL);
  soup_server_add_handler (server, "/fault/status", status_cb, pages, g_free);
  soup_server_add_handler (server, "/fault/origin", origin_cb, NULL, NULL);
}
