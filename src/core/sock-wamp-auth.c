/* sock-wamp-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-auth.h"

char *
sock_wamp_cra_sign (const char *key,
                    const char *challenge)
{
  guint8 digest[32];

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (challenge != NULL, NULL);

  if (gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, strlen (key), challenge, strlen (challenge), digest) < 0)
    return NULL;

  return g_base64_encode (digest, sizeof digest);
}

char *
sock_wamp_cra_derive_key (const char  *secret,
                          const char  *salt,
                          guint        iterations,
                          guint        keylen,
                          GError     **error)
{
  g_autofree guint8 *out = NULL;
  gnutls_datum_t key;
  gnutls_datum_t salt_datum;
  int ret;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (salt != NULL, NULL);

  if (iterations == 0)
    iterations = 1000;
  if (keylen == 0)
    keylen = 32;
  if (keylen > 1024 || iterations > 10000000)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("The router asks for an unreasonable key derivation (%u iterations, %u bytes)"),
                   iterations, keylen);
      return NULL;
    }

  key.data = (unsigned char *)secret;
  key.size = strlen (secret);
  salt_datum.data = (unsigned char *)salt;
  salt_datum.size = strlen (salt);
  out = g_malloc (keylen);

  if ((ret = gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &key, &salt_datum, iterations, out, keylen)) < 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("Cannot derive the salted key: %s"), gnutls_strerror (ret));
      return NULL;
    }

  return g_base64_encode (out, keylen);
}

gboolean
sock_wamp_cra_equal (const char *a,
                     const char *b)
{
  gsize la, lb;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return FALSE;

  for (gsize i = 0; i < la; i++)
    diff |= (guint8)a[i] ^ (guint8)b[i];

  return diff == 0;
}
