/* sock-connect-options-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What SockConnectOptions and their parts are called: the stable identifiers of the JSON form and
 * the command lines, and the words a tab title or a Recent row shows.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-connect-options-private.h"
#include "sock-error.h"

static const char * const protocol_ids[] = { "auto", "wamp.2.json", "wamp", "raw", "custom",
                                             "wamp.2.msgpack", "wamp.2.cbor" };
static const char * const auth_ids[] = { "anonymous", "ticket", "wampcra", "cryptosign" };

const char *
sock_protocol_choice_to_string (SockProtocolChoice protocol)
{
  g_return_val_if_fail (protocol < G_N_ELEMENTS (protocol_ids), NULL);

  return protocol_ids[protocol];
}

gboolean
sock_protocol_choice_from_string (const char          *text,
                                  SockProtocolChoice  *out,
                                  GError             **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (protocol_ids); i++)
    {
      if (i != SOCK_PROTOCOL_CHOICE_CUSTOM && g_ascii_strcasecmp (text, protocol_ids[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
               _("Unknown protocol “%s”: use auto, wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp or raw"), text);
  return FALSE;
}

static const SockProtocolChoice form_order[] = {
  SOCK_PROTOCOL_CHOICE_AUTO, SOCK_PROTOCOL_CHOICE_WAMP2, SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK,
  SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, SOCK_PROTOCOL_CHOICE_WAMP1, SOCK_PROTOCOL_CHOICE_RAW,
  SOCK_PROTOCOL_CHOICE_CUSTOM,
};

SockProtocolChoice
sock_protocol_choice_from_position (guint position)
{
  return position < G_N_ELEMENTS (form_order) ? form_order[position] : SOCK_PROTOCOL_CHOICE_AUTO;
}

guint
sock_protocol_choice_to_position (SockProtocolChoice protocol)
{
  for (guint i = 0; i < G_N_ELEMENTS (form_order); i++)
    if (form_order[i] == protocol)
      return i;
  return 0;
}

gboolean
_sock_protocol_choice_from_id (const char         *id,
                               SockProtocolChoice *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (protocol_ids); i++)
    {
      if (g_strcmp0 (id, protocol_ids[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sock_auth_method_to_string (SockAuthMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (auth_ids), NULL);

  return auth_ids[method];
}

gboolean
_sock_auth_method_from_id (const char     *id,
                           SockAuthMethod *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (auth_ids); i++)
    {
      if (g_strcmp0 (id, auth_ids[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
sock_header_is_credential (const char *name)
{
  static const char * const credentials[] = {
    "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Auth-Token", NULL
  };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; credentials[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, credentials[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
sock_connect_options_dup_title (SockConnectOptions *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *url;
  const char *path;
  GString *title;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  url = sock_profile_get_url (self->profile);
  if (url == NULL)
    return g_strdup (_("New Connection"));

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  title = g_string_new (g_uri_get_host (uri));
  if (g_uri_get_port (uri) > 0)
    g_string_append_printf (title, ":%d", g_uri_get_port (uri));
  path = g_uri_get_path (uri);
  if (path != NULL && *path != '\0' && !g_str_equal (path, "/"))
    g_string_append (title, path);

  return g_string_free (title, FALSE);
}

static const char *
protocol_label (SockProtocolChoice protocol)
{
  switch (protocol)
    {
    case SOCK_PROTOCOL_CHOICE_WAMP2:
      return _("WAMP v2");
    case SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK:
      return _("WAMP v2 MessagePack");
    case SOCK_PROTOCOL_CHOICE_WAMP2_CBOR:
      return _("WAMP v2 CBOR");
    case SOCK_PROTOCOL_CHOICE_WAMP1:
      return _("WAMP v1");
    case SOCK_PROTOCOL_CHOICE_RAW:
      return _("Raw WebSocket");
    case SOCK_PROTOCOL_CHOICE_CUSTOM:
      return _("Own subprotocols");
    case SOCK_PROTOCOL_CHOICE_AUTO:
    default:
      return _("Auto");
    }
}

char *
sock_connect_options_dup_summary (SockConnectOptions *self)
{
  g_autoptr(GString) summary = NULL;
  guint n;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  summary = g_string_new (protocol_label (self->protocol));
  if (self->realm != NULL && sock_connect_options_may_speak_wamp2 (self))
    g_string_append_printf (summary, _(" · realm %s"), self->realm);
  if (self->authid != NULL && self->auth_method != SOCK_AUTH_ANONYMOUS)
    g_string_append_printf (summary, _(" · as %s"), self->authid);
  n = self->subscriptions->len;
  if (n > 0)
    g_string_append_printf (summary, ngettext (" · %u subscription", " · %u subscriptions", n), n);
  return g_string_free (g_steal_pointer (&summary), FALSE);
}
