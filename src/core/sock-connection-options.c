/* sock-connection-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Making a SockConnection from what to connect to (SockConnectOptions), and keeping those options
 * with it: the realm, the credentials, the protocol choice and reconnecting are applied here.
 */

#include "config.h"

#include "sock-connection-private.h"

SockConnection *
sock_connection_new_for_options (SockConnectOptions  *options,
                                 GError             **error)
{
  SockConnection *self;
  const char *authid;
  const char *secret;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), NULL);

  if (!sock_connect_options_validate (options, error))
    return NULL;

  self = sock_connection_new (sock_connect_options_get_profile (options));
  self->options = sock_connect_options_copy (options);
  if (sock_connect_options_get_realm (options) != NULL)
    sock_connection_set_realm (self, sock_connect_options_get_realm (options));

  authid = sock_connect_options_get_authid (options);
  secret = sock_connect_options_get_secret (options);
  switch (sock_connect_options_get_auth_method (options))
    {
    case SOCK_AUTH_TICKET:
      sock_connection_set_credentials (self, authid, secret, NULL);
      break;
    case SOCK_AUTH_WAMPCRA:
      sock_connection_set_credentials (self, authid, NULL, secret);
      break;
    case SOCK_AUTH_CRYPTOSIGN:
      {
        /* read once more: validate() read it, the file may have changed since */
        g_autoptr(SockWampCryptosignKey) key = sock_connect_options_load_cryptosign_key (options, error);

        if (key == NULL)
          {
            g_object_unref (self);
            return NULL;
          }
        sock_connection_set_credentials (self, authid, NULL, NULL);
        sock_connection_set_cryptosign_key (self, key);
      }
      break;
    case SOCK_AUTH_ANONYMOUS:
    default:
      sock_connection_set_credentials (self, authid, NULL, NULL);
      break;
    }

  /* Offering no subprotocol is not enough: a server may still look like WAMP. */
  sock_connection_set_force_raw (self, sock_connect_options_get_protocol (options) == SOCK_PROTOCOL_CHOICE_RAW);
  sock_connection_set_reconnect (self, sock_connect_options_get_reconnect (options));
  return self;
}

SockConnectOptions *
sock_connection_get_options (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);

  return self->options;
}
