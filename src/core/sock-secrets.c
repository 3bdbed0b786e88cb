/* sock-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-secrets.h"

#include <gio/gio.h>
#include <string.h>

static const char * const secret_headers[] = { "Authorization", "Proxy-Authorization", "Cookie", NULL };
static const char * const secret_params[] = {
  "ticket", "token", "access_token", "auth", "authtoken", "auth_token", "password", "passwd", "pass", "secret",
  "key", "apikey", "api_key", "signature", "sig", "session", "sessionid", NULL
};

gboolean
sock_secret_is_header (const char *name)
{
  for (guint i = 0; name != NULL && secret_headers[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, secret_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
sock_secret_mask_header (const char *name,
                         const char *value)
{
  const char *space;

  if (!sock_secret_is_header (name) || value == NULL)
    return g_strdup (value);
  /* "Basic xyz", "Bearer xyz": the scheme says what was sent, and is no secret */
  space = strchr (value, ' ');
  if (g_ascii_strncasecmp (name, "Cookie", 6) != 0 && space != NULL && space > value)
    return g_strdup_printf ("%.*s %s", (int) (space - value), value, SOCK_SECRET_MASK);
  return g_strdup (SOCK_SECRET_MASK);
}

static gboolean
is_secret_param (const char *name,
                 gsize       len)
{
  for (guint i = 0; secret_params[i] != NULL; i++)
    if (strlen (secret_params[i]) == len && g_ascii_strncasecmp (name, secret_params[i], len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
sock_secret_is_param (const char *name,
                      gssize      len)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return is_secret_param (name, len < 0 ? strlen (name) : (gsize) len);
}

/* Masks "user:password@" after "://". */
static void
mask_userinfo (GString *out)
{
  const char *scheme_end = strstr (out->str, "://");
  gsize start, end, colon;

  if (scheme_end == NULL)
    return;
  start = scheme_end + 3 - out->str;
  end = start + strcspn (out->str + start, "/?#@ ");
  if (out->str[end] != '@')
    return;
  colon = start + strcspn (out->str + start, ":@");
  if (colon >= end)
    return;
  g_string_erase (out, colon + 1, end - colon - 1);
  g_string_insert (out, colon + 1, SOCK_SECRET_MASK);
}

char *
sock_secret_mask_url (const char *text)
{
  GString *out;
  char *query;

  if (text == NULL)
    return NULL;
  out = g_string_new (text);
  mask_userinfo (out);
  query = strchr (out->str, '?');
  for (gsize pos = query ? (gsize) (query - out->str) + 1 : out->len; pos < out->len; )
    {
      gsize name_len = strcspn (out->str + pos, "=&# ");
      gsize value_start = pos + name_len + 1;
      gsize value_len;

      if (out->str[pos + name_len] != '=')
        {
          pos += name_len + 1;
          if (pos > out->len || out->str[pos - 1] == '#' || out->str[pos - 1] == ' ')
            break;
          continue;
        }
      value_len = strcspn (out->str + value_start, "&# ");
      if (is_secret_param (out->str + pos, name_len) && value_len > 0)
        {
          g_string_erase (out, value_start, value_len);
          g_string_insert (out, value_start, SOCK_SECRET_MASK);
          value_len = strlen (SOCK_SECRET_MASK);
        }
      pos = value_start + value_len;
      if (pos >= out->len || out->str[pos] != '&')
        break;
      pos++;
    }
  return g_string_free (out, FALSE);
}

gboolean
sock_secret_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}
