/* sock-saved-connection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved connection: a name, every setting of a SockConnectOptions (the subscriptions to make on
 * join included), when it was last used, and a stable id under which the keyring keeps its
 * secrets. The options it holds in memory may carry secrets; its JSON form never does (see
 * docs/saved-connections.md).
 */

#pragma once

#include "sock-connect-options.h"

G_BEGIN_DECLS

#define SOCK_TYPE_SAVED_CONNECTION (sock_saved_connection_get_type ())

G_DECLARE_FINAL_TYPE (SockSavedConnection, sock_saved_connection, SOCK, SAVED_CONNECTION, GObject)

/* A new id; options are copied (secrets included). */
SockSavedConnection *sock_saved_connection_new            (const char          *name,
                                                           SockConnectOptions  *options);
/* The same settings and secrets under a new id, never used. */
SockSavedConnection *sock_saved_connection_duplicate      (SockSavedConnection *self,
                                                           const char          *name);

const char          *sock_saved_connection_get_id         (SockSavedConnection *self);
const char          *sock_saved_connection_get_name       (SockSavedConnection *self);
void                 sock_saved_connection_set_name       (SockSavedConnection *self,
                                                           const char          *name);
/* Owned by self: a copy is what a connection is made from. */
SockConnectOptions  *sock_saved_connection_get_options    (SockSavedConnection *self);
/* Copies options (secrets included). */
void                 sock_saved_connection_set_options    (SockSavedConnection *self,
                                                           SockConnectOptions  *options);
/* Unix time in seconds; 0: never. */
gint64               sock_saved_connection_get_last_used  (SockSavedConnection *self);
void                 sock_saved_connection_set_last_used  (SockSavedConnection *self,
                                                           gint64               last_used);

/* { "id", "name", "last_used", "options" } without any secret; with_id FALSE for an export. */
JsonNode            *sock_saved_connection_to_json        (SockSavedConnection *self,
                                                           gboolean             with_id);
/* Reads one entry; an entry without an id (an export) gets a new one. */
SockSavedConnection *sock_saved_connection_new_from_json  (JsonNode            *node,
                                                           GError             **error);

/* Checks a name: not empty, at most 200 characters, one line. */
gboolean             sock_saved_connection_check_name     (const char          *name,
                                                           GError             **error);

G_END_DECLS
