/* sock-connect-options-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP-Cryptosign part of SockConnectOptions: the private key file it names, and reading the
 * key (from the secret, the file's text as the keyring keeps it, or from the file) so that a bad
 * key is said before anything is sent.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-connect-options-private.h"
#include "sock-error.h"

const char *
sock_connect_options_get_private_key_file (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return self->private_key_file;
}

void
sock_connect_options_set_private_key_file (SockConnectOptions *self,
                                           const char         *path)
{
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  g_free (self->private_key_file);
  /* a relative path means the same file whatever the working directory is later */
  self->private_key_file = path != NULL && !g_path_is_absolute (path)
                           ? g_canonicalize_filename (path, NULL) : g_strdup (path);
}

SockWampCryptosignKey *
sock_connect_options_load_cryptosign_key (SockConnectOptions  *self,
                                          GError             **error)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  if (self->secret != NULL)
    return sock_wamp_cryptosign_key_new_from_data (self->secret, strlen (self->secret), error);
  if (self->private_key_file == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH,
                   _("Cryptosign authentication needs a private key: choose the file with the Ed25519 key "
                     "of “%s”, or paste the key"), self->authid != NULL ? self->authid : "");
      return NULL;
    }
  return sock_wamp_cryptosign_key_new_from_file (self->private_key_file, error);
}

gboolean
_sock_connect_options_validate_key (SockConnectOptions  *self,
                                    GError             **error)
{
  g_autoptr(SockWampCryptosignKey) key = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->authid == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH,
                   _("Cryptosign authentication needs an Auth ID: enter the authid to authenticate as"));
      return FALSE;
    }
  key = sock_connect_options_load_cryptosign_key (self, &local_error);
  if (key == NULL)
    {
      /* one domain for every reason the options are refused */
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH, local_error->message);
      return FALSE;
    }
  return TRUE;
}
