/* sock-admin-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One session of a WAMP router as its session meta API describes it (wamp.session.get,
 * wamp.session.on_join): an item of SockRouterAdmin's sessions list.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_SESSION (sock_admin_session_get_type ())

G_DECLARE_FINAL_TYPE (SockAdminSession, sock_admin_session, SOCK, ADMIN_SESSION, GObject)

/* From the router's session details ({session, authid, authrole, authmethod, authprovider,
 * transport: {type, protocol, peer}, joined}); NULL when there is no valid session id. */
SockAdminSession *sock_admin_session_new_from_details (JsonObject       *details);

gint64            sock_admin_session_get_id           (SockAdminSession *self);
/* Each may be NULL when the router does not tell. */
const char       *sock_admin_session_get_authid       (SockAdminSession *self);
const char       *sock_admin_session_get_authrole     (SockAdminSession *self);
const char       *sock_admin_session_get_authmethod   (SockAdminSession *self);
const char       *sock_admin_session_get_authprovider (SockAdminSession *self);
/* "websocket · wamp.2.json", "rawsocket", … */
const char       *sock_admin_session_get_transport    (SockAdminSession *self);
/* The peer address as the router writes it, e.g. "tcp4:127.0.0.1:51234". */
const char       *sock_admin_session_get_peer         (SockAdminSession *self);
/* When it joined (as the router wrote it), or NULL. */
const char       *sock_admin_session_get_joined       (SockAdminSession *self);
/* The details as the router sent them (JSON text). */
const char       *sock_admin_session_get_details      (SockAdminSession *self);
/* Whether the text is in any of the fields (case-insensitive), for a search. */
gboolean          sock_admin_session_matches          (SockAdminSession *self,
                                                       const char       *text);

G_END_DECLS
