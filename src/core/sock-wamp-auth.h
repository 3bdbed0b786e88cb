/* sock-wamp-auth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP authentication arithmetic shared by the client sessions and the demo router: WAMP-CRA
 * (v2 "wampcra", and v1's CRA with the same HMAC) and its PBKDF2-salted keys.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The signature of a WAMP-CRA challenge: base64 of HMAC-SHA256(key, challenge). */
char     *sock_wamp_cra_sign         (const char  *key,
                                      const char  *challenge);

/* The salted key for WAMP-CRA: base64 of PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen).
 * Autobahn and Crossbar use the base64 text itself as the HMAC key. Defaults when the
 * challenge's extra omits them: iterations 1000, keylen 32. */
char     *sock_wamp_cra_derive_key   (const char  *secret,
                                      const char  *salt,
                                      guint        iterations,
                                      guint        keylen,
                                      GError     **error);

/* The most a router may ask of a salted key: PBKDF2 rounds cost the client CPU time (10M take
 * about 40 s here), and a long key costs as many rounds again for every 32 bytes. */
#define SOCK_WAMP_CRA_MAX_ITERATIONS 1000000
#define SOCK_WAMP_CRA_MAX_KEYLEN     256

/* Fails, in words, when the router asks for more than Sockscope allows (or for a negative count). */
gboolean  sock_wamp_cra_check_derivation (gint64       iterations,
                                          gint64       keylen,
                                          GError     **error);

/* The PBKDF2 parameters a salted challenge carries in its extra (v2) or authextra (v1), or may
 * leave out: iterations and keylen, with their defaults, checked as above. A value that is not an
 * integer is refused. */
gboolean  sock_wamp_cra_read_derivation  (JsonObject  *extra,
                                          guint       *iterations,
                                          guint       *keylen,
                                          GError     **error);

/* sock_wamp_cra_derive_key () on a worker thread, so that the main loop keeps running (and the
 * CLI can end at once on Ctrl+C). Cancelling returns G_IO_ERROR_CANCELLED at once; the rounds
 * already started finish on their thread and are thrown away. */
void      sock_wamp_cra_derive_key_async  (const char          *secret,
                                           const char          *salt,
                                           guint                iterations,
                                           guint                keylen,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *sock_wamp_cra_derive_key_finish (GAsyncResult        *result,
                                           GError             **error);

/* Constant-time comparison of two signatures. */
gboolean  sock_wamp_cra_equal        (const char  *a,
                                      const char  *b);

G_END_DECLS
