/* sock-admin-registration.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One registration of a WAMP router as its registration meta API describes it
 * (wamp.registration.get, on_create) with its callee sessions (list_callees, kept up to date from
 * on_register / on_unregister): an item of SockRouterAdmin's registrations list. Beside what
 * SockAdminEntry holds, it has the invocation policy.
 */

#pragma once

#include "sock-admin-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_REGISTRATION (sock_admin_registration_get_type ())

G_DECLARE_FINAL_TYPE (SockAdminRegistration, sock_admin_registration, SOCK, ADMIN_REGISTRATION, SockAdminEntry)

/* From {id, created, uri, match, invoke}; NULL without a valid id and URI. */
SockAdminRegistration *sock_admin_registration_new_from_details (JsonObject *details);

/* The invocation policy ("single", "roundrobin", …), or NULL. */
const char   *sock_admin_registration_get_invoke (SockAdminRegistration *self);

G_END_DECLS
