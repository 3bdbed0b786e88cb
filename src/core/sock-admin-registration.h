/* sock-admin-registration.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One registration of a WAMP router as its registration meta API describes it
 * (wamp.registration.get, on_create) with its callee sessions (list_callees, kept up to date from
 * on_register / on_unregister): an item of SockRouterAdmin's registrations list.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_REGISTRATION (sock_admin_registration_get_type ())

G_DECLARE_FINAL_TYPE (SockAdminRegistration, sock_admin_registration, SOCK, ADMIN_REGISTRATION, GObject)

/* From {id, created, uri, match, invoke}; NULL without a valid id and URI. */
SockAdminRegistration *sock_admin_registration_new_from_details (JsonObject *details);

gint64        sock_admin_registration_get_id        (SockAdminRegistration *self);
const char   *sock_admin_registration_get_uri       (SockAdminRegistration *self);
const char   *sock_admin_registration_get_match     (SockAdminRegistration *self);
/* The invocation policy ("single", "roundrobin", …), or NULL. */
const char   *sock_admin_registration_get_invoke    (SockAdminRegistration *self);
const char   *sock_admin_registration_get_created   (SockAdminRegistration *self);
/* -1 while unknown. */
int           sock_admin_registration_get_n_callees (SockAdminRegistration *self);
/* Element type gint64; transfer none. */
GArray       *sock_admin_registration_get_callees   (SockAdminRegistration *self);
gboolean      sock_admin_registration_matches       (SockAdminRegistration *self,
                                                     const char            *text);

G_END_DECLS
