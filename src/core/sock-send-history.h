/* sock-send-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What was sent by hand, per connection and kind (the latest 50 each, newest first), and named
 * templates per kind, kept in one versioned JSON file ($XDG_STATE_HOME/sockscope/sent.json)
 * written atomically. A corrupt file, or one from a newer Sockscope, is renamed aside (never
 * overwritten) and the store starts empty; the load error says where the file went.
 */

#pragma once

#include "sock-connection.h"
#include "sock-send-entry.h"

G_BEGIN_DECLS

#define SOCK_SEND_HISTORY_VERSION   1
#define SOCK_SEND_HISTORY_MAX       50    /* entries per connection and kind */
#define SOCK_SEND_HISTORY_MAX_KEYS  200   /* connections remembered */
#define SOCK_SEND_TEMPLATES_MAX     500

#define SOCK_TYPE_SEND_HISTORY (sock_send_history_get_type ())

G_DECLARE_FINAL_TYPE (SockSendHistory, sock_send_history, SOCK, SEND_HISTORY, GObject)

/* The store in file (NULL: $XDG_STATE_HOME/sockscope/sent.json), loaded at once. */
SockSendHistory *sock_send_history_new              (const char      *file);
/* The app's one store, created on first use. */
SockSendHistory *sock_send_history_get_default      (void);
/* Why the file could not be read (and where it was set aside), or NULL. */
const GError    *sock_send_history_get_load_error   (SockSendHistory *self);

/* The key of connection's entries: its URL (secrets masked) and realm; what the forms of every tab
 * on that connection share, also after a restart. */
char            *sock_send_history_dup_key          (SockConnection  *connection);
/* Live list of SockSendEntry, newest first; transfer none. key names the connection. */
GListModel      *sock_send_history_get_recent       (SockSendHistory *self,
                                                     const char      *key,
                                                     SockSendKind     kind);
/* Puts entry first (an identical one moves up), drops the oldest beyond the cap, and saves. */
void             sock_send_history_add              (SockSendHistory *self,
                                                     const char      *key,
                                                     SockSendEntry   *entry);

/* Live list of named SockSendEntry of that kind, by name; transfer none. */
GListModel      *sock_send_history_get_templates    (SockSendHistory *self,
                                                     SockSendKind     kind);
/* Adds entry under its name (which must be set), replacing one of that name and kind; saves. */
void             sock_send_history_save_template    (SockSendHistory *self,
                                                     SockSendEntry   *entry);
void             sock_send_history_remove_template  (SockSendHistory *self,
                                                     SockSendEntry   *entry);

/* Writes the file now; the add and save calls do it themselves, reporting failures as
 * warnings. */
gboolean         sock_send_history_save             (SockSendHistory *self,
                                                     GError         **error);

G_END_DECLS
