/* sock-admin-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a WAMP router's meta API says of one subscription or registration: its id, URI, match
 * policy and creation time, and the sessions behind it (subscribers or callees), kept up to date
 * from the meta events. The base of SockAdminSubscription and SockAdminRegistration.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_ENTRY (sock_admin_entry_get_type ())

G_DECLARE_DERIVABLE_TYPE (SockAdminEntry, sock_admin_entry, SOCK, ADMIN_ENTRY, GObject)

struct _SockAdminEntryClass
{
  GObjectClass parent_class;

  gpointer padding[4];
};

gint64        sock_admin_entry_get_id        (SockAdminEntry *self);
const char   *sock_admin_entry_get_uri       (SockAdminEntry *self);
/* "exact", "prefix" or "wildcard" (exact when the router does not say). */
const char   *sock_admin_entry_get_match     (SockAdminEntry *self);
/* When it was created, as the router wrote it, or NULL. */
const char   *sock_admin_entry_get_created   (SockAdminEntry *self);
/* The number of subscriber or callee sessions; -1 while unknown. */
int           sock_admin_entry_get_n_members (SockAdminEntry *self);
/* The session ids known (element type gint64); transfer none. */
GArray       *sock_admin_entry_get_members   (SockAdminEntry *self);
/* Whether text (case-insensitive) is in the id, URI, match policy or a session id. */
gboolean      sock_admin_entry_matches       (SockAdminEntry *self,
                                              const char     *text);

G_END_DECLS
