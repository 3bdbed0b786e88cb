/* sock-wamp-cryptosign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GnuTLS 3.7 cannot derive an Ed25519 public key from a raw seed through
 * gnutls_privkey_import_ecc_raw() (it wants both halves), but it does when
 * importing the seed as PKCS#8 (RFC 8410), so keys are imported that way.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-cryptosign-private.h"

#define SEED SOCK_WAMP_CRYPTOSIGN_SEED_SIZE

struct _SockWampCryptosignKey
{
  gatomicrefcount   ref_count;
  gnutls_privkey_t  privkey;
  guint8            public_key[32];
  char              public_hex[65];
};

G_DEFINE_BOXED_TYPE (SockWampCryptosignKey, sock_wamp_cryptosign_key,
                     sock_wamp_cryptosign_key_ref, sock_wamp_cryptosign_key_unref)

/* RFC 8410: PrivateKeyInfo { version 0, { id-Ed25519 }, OCTET STRING { OCTET STRING seed } } */
static const guint8 pkcs8_prefix[16] = {
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
};

static void
hex_into (const guint8 *data,
          gsize         len,
          char         *out)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[2 * len] = '\0';
}

static gboolean
gnutls_failed (GError    **error,
               const char *what,
               int         code)
{
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s: %s"), what, gnutls_strerror (code));
  return FALSE;
}

static gboolean
import_seed (SockWampCryptosignKey  *self,
             const guint8           *seed,
             GError                **error)
{
  guint8 der[sizeof pkcs8_prefix + SEED];
  gnutls_datum_t datum = { der, sizeof der };
  gnutls_datum_t x = { NULL, 0 };
  gnutls_ecc_curve_t curve;
  int ret;

  memcpy (der, pkcs8_prefix, sizeof pkcs8_prefix);
  memcpy (der + sizeof pkcs8_prefix, seed, SEED);
  ret = gnutls_privkey_import_x509_raw (self->privkey, &datum, GNUTLS_X509_FMT_DER, NULL, GNUTLS_PKCS_PLAIN);
  gnutls_memset (der, 0, sizeof der);
  if (ret < 0)
    return gnutls_failed (error, _("The Ed25519 key could not be loaded"), ret);
  ret = gnutls_privkey_export_ecc_raw2 (self->privkey, &curve, &x, NULL, NULL, 0);
  if (ret < 0 || curve != GNUTLS_ECC_CURVE_ED25519 || x.size != 32)
    {
      gnutls_free (x.data);
      return gnutls_failed (error, _("The Ed25519 public key could not be derived"),
                            ret < 0 ? ret : GNUTLS_E_INTERNAL_ERROR);
    }
  memcpy (self->public_key, x.data, 32);
  hex_into (x.data, 32, self->public_hex);
  gnutls_free (x.data);
  return TRUE;
}

SockWampCryptosignKey *
sock_wamp_cryptosign_key_new_from_seed (const guint8  *seed,
                                        GError       **error)
{
  g_autoptr(SockWampCryptosignKey) self = g_new0 (SockWampCryptosignKey, 1);

  g_return_val_if_fail (seed != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  gnutls_privkey_init (&self->privkey);
  if (!import_seed (self, seed, error))
    return NULL;
  return g_steal_pointer (&self);
}

SockWampCryptosignKey *
sock_wamp_cryptosign_key_new_from_data (const char  *data,
                                        gsize        len,
                                        GError     **error)
{
  guint8 seed[SEED], stated[32];
  gboolean has_public_key;
  SockWampCryptosignKey *self;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!_sock_wamp_cryptosign_parse_key (data, len, seed, stated, &has_public_key, error))
    {
      gnutls_memset (seed, 0, sizeof seed);
      return NULL;
    }
  self = sock_wamp_cryptosign_key_new_from_seed (seed, error);
  gnutls_memset (seed, 0, sizeof seed);
  if (self != NULL && has_public_key && memcmp (stated, self->public_key, 32) != 0)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("The key file's public key does not belong to its private key: the file is damaged"));
      g_clear_pointer (&self, sock_wamp_cryptosign_key_unref);
    }
  return self;
}

SockWampCryptosignKey *
sock_wamp_cryptosign_key_new_from_file (const char  *path,
                                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  char *data = NULL;
  gsize len = 0;
  SockWampCryptosignKey *self;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE, _("Cannot read the key file: %s"),
                   local_error->message);
      return NULL;
    }
  self = sock_wamp_cryptosign_key_new_from_data (data, len, &local_error);
  gnutls_memset (data, 0, len);
  g_free (data);
  if (self == NULL)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, "%s: %s", display, local_error->message);
  return self;
}

SockWampCryptosignKey *
sock_wamp_cryptosign_key_ref (SockWampCryptosignKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sock_wamp_cryptosign_key_unref (SockWampCryptosignKey *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* GnuTLS clears its own copy of the key when it is deinitialised. */
  gnutls_privkey_deinit (self->privkey);
  gnutls_memset (self, 0, sizeof *self);
  g_free (self);
}

const char *
sock_wamp_cryptosign_key_get_public_key (SockWampCryptosignKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->public_hex;
}

/* The 32 bytes that are signed: the challenge, XORed with the channel id. */
static gboolean
challenge_data (const char   *challenge,
                const guint8 *channel_binding,
                guint8       *data,
                GError      **error)
{
  if (challenge == NULL || strlen (challenge) != 64 || !_sock_wamp_cryptosign_unhex (challenge, 64, data))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL,
                           _("The router's cryptosign challenge is not 32 bytes in hex"));
      return FALSE;
    }
  if (channel_binding != NULL)
    for (guint i = 0; i < 32; i++)
      data[i] ^= channel_binding[i];
  return TRUE;
}

gboolean
_sock_wamp_cryptosign_key_sign (SockWampCryptosignKey  *self,
                                const guint8           *data,
                                gsize                   len,
                                guint8                 *signature,
                                GError                **error)
{
  gnutls_datum_t message = { (guint8 *) data, len };
  gnutls_datum_t out = { NULL, 0 };
  int ret;

  ret = gnutls_privkey_sign_data2 (self->privkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &out);
  if (ret < 0 || out.size != 64)
    {
      gnutls_free (out.data);
      return gnutls_failed (error, _("Signing the cryptosign challenge failed"), ret < 0 ? ret : GNUTLS_E_INTERNAL_ERROR);
    }
  memcpy (signature, out.data, 64);
  gnutls_free (out.data);
  return TRUE;
}

char *
sock_wamp_cryptosign_key_sign_challenge (SockWampCryptosignKey  *self,
                                         const char             *challenge,
                                         const guint8           *channel_binding,
                                         GError                **error)
{
  guint8 data[32], signature[64];
  char *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (!challenge_data (challenge, channel_binding, data, error) ||
      !_sock_wamp_cryptosign_key_sign (self, data, sizeof data, signature, error))
    return NULL;
  out = g_malloc (2 * (64 + 32) + 1);
  hex_into (signature, 64, out);
  hex_into (data, 32, out + 128);
  return out;
}

gboolean
sock_wamp_cryptosign_verify (const char    *public_key,
                             const char    *challenge,
                             const char    *signature,
                             const guint8  *channel_binding,
                             GError       **error)
{
  guint8 key[32], data[32], signed_part[96];
  gnutls_datum_t x = { key, 32 }, message = { data, 32 }, sig = { signed_part, 64 };
  gnutls_pubkey_t pubkey;
  gsize sig_len = signature != NULL ? strlen (signature) : 0;
  int ret;

  if (public_key == NULL || strlen (public_key) != 64 || !_sock_wamp_cryptosign_unhex (public_key, 64, key))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("The cryptosign public key is not 32 bytes in hex"));
      return FALSE;
    }
  if (!challenge_data (challenge, channel_binding, data, error))
    return FALSE;
  /* Autobahn sends signature || signed data; some clients the signature alone. */
  if ((sig_len != 128 && sig_len != 192) || !_sock_wamp_cryptosign_unhex (signature, sig_len, signed_part) ||
      (sig_len == 192 && memcmp (signed_part + 64, data, 32) != 0))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("The cryptosign signature is not 64 bytes of signature and the 32 bytes of the "
                             "challenge in hex"));
      return FALSE;
    }
  gnutls_pubkey_init (&pubkey);
  ret = gnutls_pubkey_import_ecc_raw (pubkey, GNUTLS_ECC_CURVE_ED25519, &x, NULL);
  if (ret >= 0)
    ret = gnutls_pubkey_verify_data2 (pubkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &sig);
  gnutls_pubkey_deinit (pubkey);
  if (ret < 0)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("The cryptosign signature was not made with the private key of the public key "
                             "given: a different key file?"));
      return FALSE;
    }
  return TRUE;
}
