/* sock-wamp-uri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-safe-text.h"
#include "sock-wamp-uri.h"

static const char *
role_name (SockWampUriRole role)
{
  switch (role)
    {
    case SOCK_WAMP_URI_PROCEDURE: return _("the procedure");
    case SOCK_WAMP_URI_REALM: return _("the realm");
    case SOCK_WAMP_URI_TOPIC:
    default: return _("the topic");
    }
}

static gboolean
fail (GError          **error,
      SockWampUriRole   role,
      const char       *uri,
      char             *problem)
{
  g_autofree char *shown = sock_safe_text (uri, -1, 80, SOCK_SAFE_TEXT_ONE_LINE);

  /* Translators: “the topic” (or procedure, realm), the URI, and what is wrong with it, e.g.
   * the topic “a..b” has two dots in a row at character 2 */
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s “%s” %s"), role_name (role), shown, problem);
  g_free (problem);
  return FALSE;
}

gboolean
sock_wamp_uri_check (const char       *uri,
                     SockWampUriRole   role,
                     SockMatch         match,
                     GError          **error)
{
  gboolean wildcard = role == SOCK_WAMP_URI_TOPIC || role == SOCK_WAMP_URI_PROCEDURE ? match == SOCK_MATCH_WILDCARD
                                                                                     : FALSE;
  gboolean prefix = role != SOCK_WAMP_URI_REALM && match == SOCK_MATCH_PREFIX;
  gboolean v1_iri;
  gsize len;
  glong at = 1;

  g_return_val_if_fail (uri != NULL, FALSE);

  /* realms came with WAMP v2, whose rules they follow even when they look like an IRI */
  v1_iri = role != SOCK_WAMP_URI_REALM && strstr (uri, "://") != NULL;

  if (*uri == '\0')
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s is empty"), role_name (role));
      return FALSE;
    }
  len = strlen (uri);
  if (!g_utf8_validate (uri, len, NULL))
    return fail (error, role, uri, g_strdup (_("is not valid UTF-8")));
  for (const char *p = uri; *p != '\0'; p = g_utf8_next_char (p), at++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0)
        return fail (error, role, uri, g_strdup_printf (_("contains whitespace at character %ld; URIs have none"), at));
      /* as the codec's check: C0 and DEL (other controls are the terminal's business, not WAMP's) */
      if (c < 0x20 || c == 0x7F)
        return fail (error, role, uri, g_strdup_printf (_("contains a control character at character %ld"), at));
      /* WAMP v1 URIs are IRIs ("http://example.com/rpc#add"): no dot rules, "#" allowed */
      if (v1_iri)
        continue;
      if (c == '#')
        return fail (error, role, uri, g_strdup_printf (_("contains “#” at character %ld, which WAMP URIs may not contain"), at));
      if (c != '.' || wildcard)
        continue;
      if (p == uri)
        return fail (error, role, uri, g_strdup (_("starts with a dot (only a wildcard pattern may have an empty "
                                         "component)")));
      if (p[1] == '.')
        return fail (error, role, uri, g_strdup_printf (_("has two dots in a row at character %ld: an empty component, which "
                                         "only a wildcard pattern may have"), at));
      if (p[1] == '\0' && !prefix)
        return fail (error, role, uri, g_strdup (_("ends with a dot (only a prefix or a wildcard pattern may)")));
    }
  return TRUE;
}
