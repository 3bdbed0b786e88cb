/* sock-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a WebSocket URL, an HTTP token and an Origin look like, for the profile and the
 * diagnosis.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-profile.h"
#include "sock-secrets.h"
#include "sock-url-private.h"

gboolean
sock_url_is_rawsocket (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "rs:", 3) == 0 || g_ascii_strncasecmp (url, "rss:", 4) == 0 ||
                         g_ascii_strncasecmp (url, "unix:", 5) == 0);
}

gboolean
sock_url_is_unix (const char *url)
{
  return url != NULL && g_ascii_strncasecmp (url, "unix:", 5) == 0;
}

/* rs://HOST:PORT, rss://HOST:PORT, unix:///PATH: nothing else, since RawSocket has no paths,
 * queries or default ports. */
static GUri *
check_rawsocket (GUri        *uri,
                 const char  *shown,
                 GError     **error)
{
  g_autoptr(GUri) owned = uri;
  const char *host = g_uri_get_host (uri);
  const char *path = g_uri_get_path (uri);

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                 _("“%s” has a ?query or #fragment: RawSocket addresses have neither"), shown);
  else if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "unix") == 0)
    {
      if ((host != NULL && *host != '\0') || path[0] != '/' || path[1] == '\0')
        g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                     _("“%s” is not a Unix socket address: write it as unix:///PATH, with the socket’s "
                       "absolute path after three slashes"), shown);
      else
        return g_steal_pointer (&owned);
    }
  else if (host == NULL || *host == '\0' || g_uri_get_port (uri) <= 0 || (path[0] != '\0' && strcmp (path, "/") != 0))
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                 _("“%s” is not a RawSocket address: write it as %s://HOST:PORT, with a port and no path"),
                 shown, g_uri_get_scheme (uri));
  else
    return g_steal_pointer (&owned);
  return NULL;
}

/* Parses url and checks that it is a WebSocket URL with a host; says what to fix otherwise. */
GUri *
_sock_url_parse (const char  *url,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("No URL given: enter one such as ws://localhost:8080/ws"));
      return NULL;
    }

  /* A password in the URL would be echoed in every message, title and log that shows the URL,
   * and libsoup would not send it: refuse it, without repeating it. */
  shown = sock_secret_mask_url (url);
  if (strstr (shown, SOCK_SECRET_MASK "@") != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("“%s” carries a password: Sockscope does not take passwords in URLs, where they would "
                     "show in logs and titles. Leave it out and send it as a header, e.g. "
                     "“Authorization: Basic …”, or use the WAMP ticket or WAMP-CRA options"), shown);
      return NULL;
    }

  if (strpbrk (url, " \t\r\n") != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("“%s” contains spaces or line breaks: a URL cannot; encode them as %%20"), shown);
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &local_error);
  if (uri == NULL)
    {
      if (strstr (url, "://") == NULL)
        g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                     _("“%s” is not a URL: start it with ws:// or wss://, as in ws://%s"), shown, shown);
      else
        g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                     _("“%s” is not a valid URL: %s"), shown, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (sock_url_is_rawsocket (url))
    return check_rawsocket (g_steal_pointer (&uri), shown, error);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("“%s” is an HTTP URL: WebSocket URLs start with ws:// (or wss:// for TLS)"), shown);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("Unknown scheme “%s:” in “%s”: use ws:// or wss:// (WebSocket), rs:// or rss:// "
                     "(WAMP RawSocket over TCP) or unix:///PATH (RawSocket over a Unix socket)"), scheme, shown);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("“%s” has no host: write it as %s://HOST:PORT/PATH"), shown, scheme);
      return NULL;
    }

  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL,
                   _("“%s” has a #fragment: WebSocket URLs cannot have one"), shown);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* RFC 7230 token characters */
gboolean
_sock_is_token (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;

  for (; *s; s++)
    {
      if (!g_ascii_isalnum (*s) && strchr ("!#$%&'*+-.^_`|~", *s) == NULL)
        return FALSE;
    }

  return TRUE;
}

gboolean
sock_url_is_secure (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "wss:", 4) == 0 || g_ascii_strncasecmp (url, "rss:", 4) == 0);
}

char *
sock_url_guess_origin (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  gboolean secure;
  int port;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL)) || g_uri_get_host (uri) == NULL)
    return NULL;

  secure = sock_url_is_secure (url) || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  port = g_uri_get_port (uri);

  if (port == -1 || (secure && port == 443) || (!secure && port == 80))
    return g_strdup_printf ("%s://%s", secure ? "https" : "http", g_uri_get_host (uri));

  if (strchr (g_uri_get_host (uri), ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d", secure ? "https" : "http", g_uri_get_host (uri), port);

  return g_strdup_printf ("%s://%s:%d", secure ? "https" : "http", g_uri_get_host (uri), port);
}
