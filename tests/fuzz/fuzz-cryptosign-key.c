/* fuzz-cryptosign-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the cryptosign key file parser: it reads files a
 * user points it at, so it must refuse anything else in words, never read
 * past the data, and give a key that signs and verifies when it accepts.
 */

#include "fuzz-util.h"
#include "sock-error.h"
#include "sock-wamp-cryptosign-private.h"

FUZZ_INITIALIZE_FATAL_WARNINGS

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A copy of exactly @size bytes, so that ASan sees any read past them. */
  g_autofree char *copy = g_memdup2 (data, size);
  g_autoptr(SockWampCryptosignKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  const char *challenge = "b26c1f87c13fc1da14997f1b5a71995dff8fbe0a62fae8473c7bdbd05bfb607d";

  key = sock_wamp_cryptosign_key_new_from_data (copy, size, &error);
  if (key == NULL)
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE));
      CHECK (error->message[0] != '\0');
      return 0;
    }
  CHECK (strlen (sock_wamp_cryptosign_key_get_public_key (key)) == 64);
  signature = sock_wamp_cryptosign_key_sign_challenge (key, challenge, NULL, &error);
  CHECK (signature != NULL && strlen (signature) == 192);
  CHECK (sock_wamp_cryptosign_verify (sock_wamp_cryptosign_key_get_public_key (key), challenge, signature, NULL,
                                      NULL));
  return 0;
}
