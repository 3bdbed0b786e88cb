/* sock-wamp-auth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP authentication arithmetic shared by the client sessions and the demo router: WAMP-CRA
 * (v2 "wampcra", and v1's CRA with the same HMAC) and its PBKDF2-salted keys.
 */

#pragma once

#include <glib.h>

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

/* Constant-time comparison of two signatures. */
gboolean  sock_wamp_cra_equal        (const char  *a,
                                      const char  *b);

G_END_DECLS
