/* sock-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secrets of saved connections in the Secret Service (GNOME Keyring, KWallet…) through
 * libsecret: one item per secret (see sock-saved-secrets.h), found by the connection's id and
 * the slot. Every call is asynchronous and has a deadline: a keyring that is missing, locked
 * behind a prompt nobody answers, or hung fails with SOCK_ERROR_KEYRING in words that say what
 * happens instead (secrets are not saved; Sockscope asks for them when connecting).
 */

#pragma once

#include <gio/gio.h>

#include "sock-saved-connection.h"

G_BEGIN_DECLS

/* How long a keyring call may take, in milliseconds (default 5000). */
void                sock_keyring_set_timeout    (guint                 timeout_ms);

/* Replaces the keyring's secrets of connection with those its options hold now (none: the
 * items are removed). */
void                sock_keyring_store_async    (SockSavedConnection  *connection,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean            sock_keyring_store_finish   (GAsyncResult         *result,
                                                 GError              **error);

/* A copy of connection's options with every secret they lack that the keyring holds filled in
 * (sock_saved_secrets_list_missing() says what may still lack). */
void                sock_keyring_lookup_async   (SockSavedConnection  *connection,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SockConnectOptions *sock_keyring_lookup_finish  (GAsyncResult         *result,
                                                 GError              **error);

/* Removes every secret kept for the connection with this id. */
void                sock_keyring_clear_async    (const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean            sock_keyring_clear_finish   (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
