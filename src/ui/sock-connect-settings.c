/* sock-connect-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a connection tab is made from (declared in sock-connect-dialog.h, which edits it).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connect-dialog.h"
#include "sock-error.h"

G_DEFINE_BOXED_TYPE (SockConnectSettings, sock_connect_settings,
                     sock_connect_settings_copy, sock_connect_settings_free)

static const char * const protocol_ids[] = { "auto", "wamp.2.json", "wamp", "raw" };

SockConnectSettings *
sock_connect_settings_new (SockProfile *profile)
{
  SockConnectSettings *self = g_new0 (SockConnectSettings, 1);

  self->profile = profile ? sock_profile_copy (profile) : sock_profile_new ();
  return self;
}

SockConnectSettings *
sock_connect_settings_copy (const SockConnectSettings *self)
{
  SockConnectSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = sock_connect_settings_new (self->profile);
  copy->protocol = self->protocol;
  copy->realm = g_strdup (self->realm);
  copy->auth = self->auth;
  copy->authid = g_strdup (self->authid);
  copy->secret = g_strdup (self->secret);
  return copy;
}

void
sock_connect_settings_free (SockConnectSettings *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->profile);
  g_free (self->realm);
  g_free (self->authid);
  /* The secret is a password: do not leave it in freed memory. */
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);
  g_free (self);
}

gboolean
sock_connect_settings_set_protocol (SockConnectSettings  *self,
                                    SockProtocolChoice    protocol,
                                    GError              **error)
{
  static const char * const automatic[] = { "wamp.2.json", "wamp", NULL };
  static const char * const wamp2[] = { "wamp.2.json", NULL };
  static const char * const wamp1[] = { "wamp", NULL };
  static const char * const none[] = { NULL };
  static const char * const *offers[] = { automatic, wamp2, wamp1, none };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (protocol < G_N_ELEMENTS (offers), FALSE);

  if (!sock_profile_set_protocols (self->profile, offers[protocol], error))
    return FALSE;
  self->protocol = protocol;
  return TRUE;
}

gboolean
sock_protocol_choice_from_string (const char          *text,
                                  SockProtocolChoice  *out,
                                  GError             **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (protocol_ids); i++)
    {
      if (g_ascii_strcasecmp (text, protocol_ids[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
               _("Unknown protocol “%s”: use auto, wamp.2.json, wamp or raw"), text);
  return FALSE;
}

void
sock_connect_settings_apply_preferences (SockConnectSettings *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_return_if_fail (self != NULL);

  sock_profile_set_connect_timeout (self->profile, g_settings_get_uint (settings, "connect-timeout"));
  sock_profile_set_max_message_size (self->profile, g_settings_get_uint (settings, "max-message-size"));
}

SockConnection *
sock_connect_settings_create_connection (const SockConnectSettings *self)
{
  SockConnection *connection;

  g_return_val_if_fail (self != NULL, NULL);

  connection = sock_connection_new (self->profile);
  if (self->realm != NULL && *self->realm != '\0')
    sock_connection_set_realm (connection, self->realm);
  if (self->auth == SOCK_AUTH_TICKET)
    sock_connection_set_credentials (connection, self->authid, self->secret, NULL);
  else if (self->auth == SOCK_AUTH_WAMPCRA)
    sock_connection_set_credentials (connection, self->authid, NULL, self->secret);
  /* Offering no subprotocol is not enough: a server may still look like WAMP. */
  sock_connection_set_force_raw (connection, self->protocol == SOCK_PROTOCOL_CHOICE_RAW);
  sock_connection_set_reconnect (connection, TRUE);

  return connection;
}

char *
sock_url_dup_short_title (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  GString *title;

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
