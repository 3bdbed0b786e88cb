/* sock-wamp-cryptosign-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-wamp-cryptosign.h"

G_BEGIN_DECLS

#define SOCK_WAMP_CRYPTOSIGN_SEED_SIZE 32

/* The key file parser (sock-wamp-cryptosign-file.c). Fills @seed; when the
 * file also states the public key, @public_key gets it (else it is zeroed)
 * and @has_public_key is set. */
gboolean _sock_wamp_cryptosign_parse_key (const char *data,
                                          gsize       len,
                                          guint8     *seed,
                                          guint8     *public_key,
                                          gboolean   *has_public_key,
                                          GError    **error);

/* Signs any message (RFC 8032 vectors); @signature gets 64 bytes. */
gboolean _sock_wamp_cryptosign_key_sign  (SockWampCryptosignKey *self,
                                          const guint8          *data,
                                          gsize                  len,
                                          guint8                *signature,
                                          GError               **error);

gboolean _sock_wamp_cryptosign_unhex     (const char *hex,
                                          gsize       len,
                                          guint8     *out);

G_END_DECLS
