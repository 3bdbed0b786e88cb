/* sock-cli-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-error.h"

GOptionGroup *
sock_cli_connect_option_group (SockCliConnectOptions *options)
{
  const GOptionEntry entries[] = {
    { "protocol", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &options->protocols,
      N_("Offer this subprotocol (repeatable; default: wamp.2.json, wamp.2.msgpack, wamp.2.cbor and wamp; "
         "rs://, rss:// and unix:// take the wamp.2 ones only)"), N_("NAME") },
    { "no-protocol", 0, 0, G_OPTION_ARG_NONE, &options->no_protocol,
      N_("Offer no subprotocol at all"), NULL },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &options->headers,
      N_("Add a request header (repeatable)"), N_("'NAME: VALUE'") },
    { "origin", 'o', 0, G_OPTION_ARG_STRING, &options->origin,
      N_("Send this Origin header"), N_("ORIGIN") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      N_("Trust the CA certificates in this PEM file"), N_("FILE") },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &options->pin,
      N_("Accept exactly the certificate with this SHA-256 fingerprint"), N_("SHA256") },
    { "insecure", 'k', 0, G_OPTION_ARG_NONE, &options->insecure,
      N_("Accept any certificate (not recommended)"), NULL },
    { "timeout", 't', 0, G_OPTION_ARG_STRING, &options->timeout,
      N_("Give up after this many seconds, fractions allowed, counted from the start of the run "
         "(probe: the handshake, default 15; sub: listen this long; pub, call: wait this long for "
         "the answer)"), N_("SECONDS") },
    { "max-message-size", 0, 0, G_OPTION_ARG_INT64, &options->max_message_size,
      N_("Largest incoming message in bytes (default 16 MiB)"), N_("BYTES") },
    { "no-deflate", 0, 0, G_OPTION_ARG_NONE, &options->no_deflate,
      N_("Do not offer permessage-deflate compression"), NULL },
    { "keepalive", 0, 0, G_OPTION_ARG_INT, &options->keepalive,
      N_("Ping the server every this many seconds (default 25; 0: no pings)"), N_("SECONDS") },
    { "pong-timeout", 0, 0, G_OPTION_ARG_STRING, &options->pong_timeout,
      N_("Count the server as not responding when a ping gets no answer within this many seconds "
         "(default 10)"), N_("SECONDS") },
    { NULL }
  };
  GOptionGroup *group;

  options->max_message_size = -1;
  options->keepalive = -1;

  group = g_option_group_new ("connection", _("Connection options:"), _("Show connection options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);

  return group;
}

void
sock_cli_add_wamp_options (GOptionContext        *context,
                           SockCliConnectOptions *options)
{
  const GOptionEntry entries[] = {
    { "realm", 'r', 0, G_OPTION_ARG_STRING, &options->realm,
      N_("WAMP v2 realm to join (default realm1)"), N_("REALM") },
    { "authid", 0, 0, G_OPTION_ARG_STRING, &options->authid,
      N_("Authenticate as this authid"), N_("AUTHID") },
    { "ticket", 0, 0, G_OPTION_ARG_STRING, &options->ticket,
      N_("Ticket for ticket authentication"), N_("TICKET") },
    { "secret", 0, 0, G_OPTION_ARG_STRING, &options->secret,
      N_("Secret for WAMP-CRA authentication"), N_("SECRET") },
    { "authmethod", 0, 0, G_OPTION_ARG_STRING, &options->authmethod,
      N_("Authentication method: anonymous, ticket, wampcra or cryptosign (default: from --ticket, --secret "
         "or --private-key)"), N_("METHOD") },
    { "private-key", 0, 0, G_OPTION_ARG_FILENAME, &options->private_key,
      N_("Ed25519 private key for WAMP-Cryptosign: 64 hex digits of the seed, or an OpenSSH ed25519 key"),
      N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
sock_cli_connect_options_clear (SockCliConnectOptions *options)
{
  g_clear_pointer (&options->protocols, g_strfreev);
  g_clear_pointer (&options->headers, g_strfreev);
  g_clear_pointer (&options->origin, g_free);
  g_clear_pointer (&options->ca_file, g_free);
  g_clear_pointer (&options->pin, g_free);
  g_clear_pointer (&options->timeout, g_free);
  g_clear_pointer (&options->pong_timeout, g_free);
  g_clear_pointer (&options->realm, g_free);
  g_clear_pointer (&options->authid, g_free);
  g_clear_pointer (&options->ticket, g_free);
  g_clear_pointer (&options->secret, g_free);
  g_clear_pointer (&options->authmethod, g_free);
  g_clear_pointer (&options->private_key, g_free);
}

gboolean
sock_cli_parse_seconds (const char  *option,
                        const char  *text,
                        guint       *out_ms,
                        GError     **error)
{
  g_autofree char *number = g_strstrip (g_strdup (text));
  double scale = 1000, value;
  char *end;

  if (g_str_has_suffix (number, "ms"))
    {
      scale = 1;
      number[strlen (number) - 2] = '\0';
    }
  else if (g_str_has_suffix (number, "s"))
    number[strlen (number) - 1] = '\0';
  value = g_ascii_strtod (number, &end);
  if (*number == '\0' || *end != '\0' || !(value * scale >= 1) || value * scale > 24.0 * 3600 * 1000)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("%s must be a number of seconds above 0 and at most 24 hours, e.g. 5, 0.5 or 250ms "
                     "(not “%s”)"), option, text);
      return FALSE;
    }
  *out_ms = (guint)(value * scale + 0.5);
  return TRUE;
}

static gboolean
apply_liveness (SockCliConnectOptions  *options,
                SockProfile            *profile,
                GError                **error)
{
  guint ms;

  if (options->timeout != NULL)
    {
      if (!sock_cli_parse_seconds ("--timeout", options->timeout, &ms, error))
        return FALSE;
      /* the handshake is part of the run (whole seconds here; sub, pub and call end the run
       * itself at the exact time) */
      sock_profile_set_connect_timeout (profile, MIN ((ms + 999) / 1000, 3600));
    }
  if (options->keepalive < -1 || options->keepalive > 3600)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--keepalive must be between 0 (no pings) and 3600 seconds"));
      return FALSE;
    }
  if (options->keepalive >= 0)
    sock_profile_set_keepalive_interval (profile, options->keepalive);
  if (options->pong_timeout != NULL)
    {
      if (!sock_cli_parse_seconds ("--pong-timeout", options->pong_timeout, &ms, error))
        return FALSE;
      sock_profile_set_pong_timeout_ms (profile, ms);
    }
  return TRUE;
}

static gboolean
apply_tls (SockCliConnectOptions  *options,
           SockProfile            *profile,
           GError                **error)
{
  guint n = (options->ca_file != NULL) + (options->pin != NULL) + (options->insecure != FALSE);

  if (n > 1)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--ca, --pin and --insecure exclude each other: choose one"));
      return FALSE;
    }

  if (options->ca_file != NULL)
    return sock_profile_set_ca_file (profile, options->ca_file, error);
  if (options->pin != NULL)
    return sock_profile_set_pin (profile, options->pin, error);
  if (options->insecure)
    sock_profile_set_tls_policy (profile, SOCK_TLS_INSECURE);

  return TRUE;
}

/* --protocol auto|wamp.2.json|wamp.2.msgpack|wamp.2.cbor|wamp|raw is a choice; anything else is
 * offered as given. */
static gboolean
apply_protocol (SockCliConnectOptions  *options,
                SockConnectOptions     *connect,
                GError                **error)
{
  char **protocols = options->protocols;
  SockProtocolChoice choice;

  if (options->no_protocol && protocols != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--protocol and --no-protocol exclude each other"));
      return FALSE;
    }
  if (options->no_protocol)
    return sock_connect_options_set_subprotocols (connect, NULL, error);
  if (protocols == NULL || protocols[0] == NULL)
    return TRUE;
  if (protocols[1] == NULL && sock_protocol_choice_from_string (protocols[0], &choice, NULL))
    {
      sock_connect_options_set_protocol (connect, choice);
      return TRUE;
    }
  return sock_connect_options_set_subprotocols (connect, (const char * const *) protocols, error);
}

/* --authmethod, or what the options given imply; they must agree. */
static gboolean
apply_authmethod (SockCliConnectOptions  *options,
                  SockAuthMethod         *method,
                  GError                **error)
{
  gboolean found = FALSE;

  *method = options->private_key != NULL ? SOCK_AUTH_CRYPTOSIGN : options->ticket != NULL ? SOCK_AUTH_TICKET
            : options->secret != NULL ? SOCK_AUTH_WAMPCRA : SOCK_AUTH_ANONYMOUS;
  if ((options->private_key != NULL) + (options->ticket != NULL) + (options->secret != NULL) > 1)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--ticket, --secret and --private-key exclude each other: choose one"));
      return FALSE;
    }
  if (options->authmethod == NULL)
    return TRUE;
  for (SockAuthMethod m = SOCK_AUTH_ANONYMOUS; m <= SOCK_AUTH_CRYPTOSIGN && !found; m++)
    if (g_strcmp0 (options->authmethod, sock_auth_method_to_string (m)) == 0)
      {
        found = TRUE;
        if (m != *method && !(m == SOCK_AUTH_CRYPTOSIGN && *method == SOCK_AUTH_ANONYMOUS))
          {
            g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                         _("--authmethod %s does not go with %s"), options->authmethod,
                         options->private_key ? "--private-key" : options->ticket ? "--ticket"
                         : options->secret ? "--secret" : _("no credentials"));
            return FALSE;
          }
        *method = m;
      }
  if (!found)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                 _("Unknown --authmethod “%s”: use anonymous, ticket, wampcra or cryptosign"), options->authmethod);
  return found;
}

static gboolean
apply_auth (SockCliConnectOptions  *options,
            SockConnectOptions     *connect,
            gboolean                saved,
            GError                **error)
{
  g_autofree char *authid = g_strdup (options->authid ? options->authid
                                      : saved ? sock_connect_options_get_authid (connect) : NULL);
  SockAuthMethod method;

  if (options->ticket != NULL && options->secret != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--ticket and --secret exclude each other: choose one"));
      return FALSE;
    }
  if (!apply_authmethod (options, &method, error))
    return FALSE;
  /* a saved connection keeps its own unless told otherwise */
  if (saved)
    {
      if (options->realm != NULL)
        sock_connect_options_set_realm (connect, options->realm);
      if (options->ticket == NULL && options->secret == NULL && options->authid == NULL
          && options->private_key == NULL && options->authmethod == NULL)
        return TRUE;
    }
  if (method == SOCK_AUTH_CRYPTOSIGN)
    {
      sock_connect_options_set_auth (connect, SOCK_AUTH_CRYPTOSIGN, authid, NULL);
      sock_connect_options_set_private_key_file (connect, options->private_key);
    }
  else if (options->ticket != NULL)
    sock_connect_options_set_auth (connect, SOCK_AUTH_TICKET, authid, options->ticket);
  else if (options->secret != NULL)
    sock_connect_options_set_auth (connect, SOCK_AUTH_WAMPCRA, authid, options->secret);
  else
    sock_connect_options_set_auth (connect, SOCK_AUTH_ANONYMOUS, authid, NULL);
  if (!saved)
    sock_connect_options_set_realm (connect, options->realm);
  return TRUE;
}

SockConnectOptions *
sock_cli_connect_options_build (SockCliConnectOptions  *options,
                                const char             *url,
                                GError                **error)
{
  g_autoptr(SockConnectOptions) connect = NULL;
  SockConnectOptions *saved = sock_cli_saved_get_base (url);
  SockProfile *profile;

  /* --connection NAME: the saved settings, changed by the options given */
  if (saved != NULL)
    connect = sock_connect_options_copy (saved);
  else if (!(connect = sock_connect_options_new_for_url (url, error)))
    return NULL;
  profile = sock_connect_options_get_profile (connect);
  /* one run, one connection */
  sock_connect_options_set_reconnect (connect, FALSE);

  if (!apply_protocol (options, connect, error) || !apply_auth (options, connect, saved != NULL, error))
    return NULL;

  for (guint i = 0; options->headers != NULL && options->headers[i]; i++)
    if (!sock_profile_add_header_line (profile, options->headers[i], error))
      return NULL;

  if (options->origin != NULL && !sock_profile_set_origin (profile, options->origin, error))
    return NULL;

  if (!apply_tls (options, profile, error))
    return NULL;

  if (!apply_liveness (options, profile, error))
    return NULL;

  if (options->max_message_size != -1)
    {
      if (options->max_message_size < 1024)
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                       _("--max-message-size must be at least 1024 bytes"));
          return NULL;
        }
      sock_profile_set_max_message_size (profile, options->max_message_size);
    }

  if (saved == NULL || options->no_deflate)
    sock_profile_set_deflate (profile, !options->no_deflate);

  if (!sock_connect_options_validate (connect, error))
    {
      sock_cli_saved_explain (error);
      return NULL;
    }

  return g_steal_pointer (&connect);
}
