/* sock-wamp-cryptosign.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP-Cryptosign: an Ed25519 key (GnuTLS) that signs a router's CHALLENGE.
 * Keys come from the files people already have:
 *   - the 32-byte seed as 64 hex digits, with '#' comments and whitespace;
 *   - Crossbar.io / Autobahn key files ("private-key-ed25519: HEX" after a
 *     comment paragraph, maybe with "public-key-ed25519: HEX", which must match);
 *   - an unencrypted OpenSSH ed25519 private key (openssh-key-v1);
 *   - 32 raw bytes, as Autobahn's CryptosignKey.from_file() reads.
 * Key material is wiped when the key is freed.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SOCK_TYPE_WAMP_CRYPTOSIGN_KEY (sock_wamp_cryptosign_key_get_type ())

typedef struct _SockWampCryptosignKey SockWampCryptosignKey;

/* Files larger than this are no key file. */
#define SOCK_WAMP_CRYPTOSIGN_MAX_FILE_SIZE 65536

GType                  sock_wamp_cryptosign_key_get_type        (void) G_GNUC_CONST;

SockWampCryptosignKey *sock_wamp_cryptosign_key_new_from_seed   (const guint8            *seed,
                                                                 GError                 **error);
/* @data: a key file's contents (or the same text from the keyring). */
SockWampCryptosignKey *sock_wamp_cryptosign_key_new_from_data   (const char              *data,
                                                                 gsize                    len,
                                                                 GError                 **error);
SockWampCryptosignKey *sock_wamp_cryptosign_key_new_from_file   (const char              *path,
                                                                 GError                 **error);
SockWampCryptosignKey *sock_wamp_cryptosign_key_ref             (SockWampCryptosignKey   *self);
void                   sock_wamp_cryptosign_key_unref           (SockWampCryptosignKey   *self);

/* 64 lowercase hex digits, for HELLO.Details.authextra.pubkey. */
const char            *sock_wamp_cryptosign_key_get_public_key  (SockWampCryptosignKey   *self);

/* The AUTHENTICATE signature for a CHALLENGE's extra.challenge (64 hex
 * digits): hex of the Ed25519 signature followed by the signed 32 bytes.
 * @channel_binding: NULL, or the 32-byte channel id (e.g. tls-unique) that
 * the challenge is XORed with first, as Autobahn does. */
char                  *sock_wamp_cryptosign_key_sign_challenge  (SockWampCryptosignKey   *self,
                                                                 const char              *challenge,
                                                                 const guint8            *channel_binding,
                                                                 GError                 **error);

/* For routers (the demo): checks an AUTHENTICATE signature against the
 * challenge sent and the public key the client announced. */
gboolean               sock_wamp_cryptosign_verify              (const char              *public_key,
                                                                 const char              *challenge,
                                                                 const char              *signature,
                                                                 const guint8            *channel_binding,
                                                                 GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockWampCryptosignKey, sock_wamp_cryptosign_key_unref)

G_END_DECLS
