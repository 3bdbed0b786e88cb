/* sock-admin-subscription.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One subscription of a WAMP router as its subscription meta API describes it
 * (wamp.subscription.get, on_create) with its subscriber sessions (list_subscribers, kept up to
 * date from on_subscribe / on_unsubscribe): an item of SockRouterAdmin's subscriptions list.
 * Everything it holds is SockAdminEntry's.
 */

#pragma once

#include "sock-admin-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_SUBSCRIPTION (sock_admin_subscription_get_type ())

G_DECLARE_FINAL_TYPE (SockAdminSubscription, sock_admin_subscription, SOCK, ADMIN_SUBSCRIPTION, SockAdminEntry)

/* From {id, created, uri, match}; NULL without a valid id and URI. */
SockAdminSubscription *sock_admin_subscription_new_from_details (JsonObject *details);

G_END_DECLS
