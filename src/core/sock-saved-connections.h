/* sock-saved-connections.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saved connections, as a GListModel of SockSavedConnection in the order they were added,
 * stored in $XDG_CONFIG_HOME/sockscope/connections.json (format: docs/saved-connections.md),
 * written atomically and without any secret (those live in the keyring: sock-keyring.h).
 *
 * A file that cannot be read as this version's format (damaged, or written by a newer Sockscope)
 * is renamed aside and reported, never overwritten; a file that cannot be read at all blocks
 * saving until it can.
 */

#pragma once

#include <gio/gio.h>

#include "sock-saved-connection.h"

G_BEGIN_DECLS

/* The format this build writes, and the newest it reads. */
#define SOCK_SAVED_CONNECTIONS_VERSION 1
#define SOCK_SAVED_CONNECTIONS_FORMAT "sockscope-connections"

#define SOCK_TYPE_SAVED_CONNECTIONS (sock_saved_connections_get_type ())

G_DECLARE_FINAL_TYPE (SockSavedConnections, sock_saved_connections, SOCK, SAVED_CONNECTIONS, GObject)

/* path: the file, or NULL for $XDG_CONFIG_HOME/sockscope/connections.json. Empty until loaded. */
SockSavedConnections *sock_saved_connections_new            (const char            *path);
/* The process's store on the default path, loaded on first use; a problem loading it is kept
 * for the UI to show (get_load_error()). */
SockSavedConnections *sock_saved_connections_get_default    (void);

const char           *sock_saved_connections_get_path       (SockSavedConnections  *self);
/* Replaces the contents with the file's. A missing file is an empty list. A damaged or newer file
 * is renamed aside (the error names where it went, and what to do); the list is then empty. */
gboolean              sock_saved_connections_load           (SockSavedConnections  *self,
                                                             GError               **error);
/* What went wrong in the last load, or NULL. */
const GError         *sock_saved_connections_get_load_error (SockSavedConnections  *self);
/* Writes the file atomically (mode 0600). */
gboolean              sock_saved_connections_save           (SockSavedConnections  *self,
                                                             GError               **error);

/* By exact name, else by a name that differs only in case when only one does; NULL if none. */
SockSavedConnection  *sock_saved_connections_lookup         (SockSavedConnections  *self,
                                                             const char            *name);
SockSavedConnection  *sock_saved_connections_lookup_id      (SockSavedConnections  *self,
                                                             const char            *id);
/* The names, in the list's order. */
GStrv                 sock_saved_connections_dup_names      (SockSavedConnections  *self);
/* name, or "name (2)", "name (3)"… whichever is free. */
char                 *sock_saved_connections_dup_free_name  (SockSavedConnections  *self,
                                                             const char            *name);

/* position: where (-1 or beyond the end: last). The name must be free. */
void                  sock_saved_connections_insert         (SockSavedConnections  *self,
                                                             int                    position,
                                                             SockSavedConnection   *connection);
/* Returns the position it had, or -1. */
int                   sock_saved_connections_remove         (SockSavedConnections  *self,
                                                             SockSavedConnection   *connection);
/* Tells the list's watchers that connection changed (its name, options or last use). */
void                  sock_saved_connections_changed        (SockSavedConnections  *self,
                                                             SockSavedConnection   *connection);

/* The JSON of an export: the connections (NULL: all) without ids and without any secret. */
char                 *sock_saved_connections_export         (SockSavedConnections  *self,
                                                             GPtrArray             *connections);
/* Adds the connections of an export (or of a connections file) under free names and new ids.
 * Returns them (SockSavedConnection), or NULL when text is not such a file. Nothing is saved. */
GPtrArray            *sock_saved_connections_import         (SockSavedConnections  *self,
                                                             const char            *text,
                                                             GError               **error);

G_END_DECLS
