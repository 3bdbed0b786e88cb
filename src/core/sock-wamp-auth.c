/* sock-wamp-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
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
  if (!sock_wamp_cra_check_derivation (iterations, keylen, error))
    return NULL;

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
sock_wamp_cra_check_derivation (gint64   iterations,
                                gint64   keylen,
                                GError **error)
{
  if (iterations < 0 || iterations > SOCK_WAMP_CRA_MAX_ITERATIONS)
    {
      g_autofree char *asked = iterations < 0 ? g_strdup_printf ("%" PRId64, iterations)
                                              : sock_format_number (iterations);
      g_autofree char *max = sock_format_number (SOCK_WAMP_CRA_MAX_ITERATIONS);

      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: counts, "5,000,000" and "1,000,000" */
                   _("The router asks for %s PBKDF2 iterations; Sockscope allows at most %s"), asked, max);
      return FALSE;
    }
  if (keylen < 0 || keylen > SOCK_WAMP_CRA_MAX_KEYLEN)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("The router asks for a %" PRId64 "-byte salted key; Sockscope allows at most %d bytes"),
                   keylen, SOCK_WAMP_CRA_MAX_KEYLEN);
      return FALSE;
    }
  return TRUE;
}

/* A count in the challenge's extra, or fallback when absent; a non-integer is -1 (refused). */
static gint64
get_count (JsonObject *extra,
           const char *name,
           gint64      fallback)
{
  JsonNode *node = extra ? json_object_get_member (extra, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  return json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : -1;
}

gboolean
sock_wamp_cra_read_derivation (JsonObject  *extra,
                               guint       *iterations,
                               guint       *keylen,
                               GError     **error)
{
  gint64 asked_iterations = get_count (extra, "iterations", 1000);
  gint64 asked_keylen = get_count (extra, "keylen", 32);

  g_return_val_if_fail (iterations != NULL && keylen != NULL, FALSE);

  if (!sock_wamp_cra_check_derivation (asked_iterations, asked_keylen, error))
    return FALSE;
  *iterations = asked_iterations;
  *keylen = asked_keylen;
  return TRUE;
}

typedef struct
{
  char  *secret;
  char  *salt;
  guint  iterations;
  guint  keylen;
} Derivation;

static void
derivation_free (gpointer data)
{
  Derivation *d = data;

  /* the secret does not linger in freed memory */
  if (d->secret != NULL)
    memset (d->secret, 0, strlen (d->secret));
  g_free (d->secret);
  g_free (d->salt);
  g_free (d);
}

static void
derive_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Derivation *d = task_data;
  GError *error = NULL;
  char *key = sock_wamp_cra_derive_key (d->secret, d->salt, d->iterations, d->keylen, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_free);
}

void
sock_wamp_cra_derive_key_async (const char          *secret,
                                const char          *salt,
                                guint                iterations,
                                guint                keylen,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Derivation *d;

  g_return_if_fail (secret != NULL);
  g_return_if_fail (salt != NULL);

  g_task_set_source_tag (task, sock_wamp_cra_derive_key_async);
  /* Refused at once, without a thread. */
  if (!sock_wamp_cra_check_derivation (iterations, keylen, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  d = g_new0 (Derivation, 1);
  d->secret = g_strdup (secret);
  d->salt = g_strdup (salt);
  d->iterations = iterations;
  d->keylen = keylen;
  g_task_set_task_data (task, d, derivation_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, derive_thread);
}

char *
sock_wamp_cra_derive_key_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
