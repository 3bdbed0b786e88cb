/* sock-admin-subscription.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One subscription of a WAMP router as its subscription meta API describes it
 * (wamp.subscription.get, on_create) with its subscriber sessions (list_subscribers, kept up to
 * date from on_subscribe / on_unsubscribe): an item of SockRouterAdmin's subscriptions list.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SOCK_TYPE_ADMIN_SUBSCRIPTION (sock_admin_subscription_get_type ())

G_DECLARE_FINAL_TYPE (SockAdminSubscription, sock_admin_subscription, SOCK, ADMIN_SUBSCRIPTION, GObject)

/* From {id, created, uri, match}; NULL without a valid id and URI. */
SockAdminSubscription *sock_admin_subscription_new_from_details (JsonObject *details);

gint64        sock_admin_subscription_get_id            (SockAdminSubscription *self);
const char   *sock_admin_subscription_get_uri           (SockAdminSubscription *self);
/* "exact", "prefix" or "wildcard" (exact when the router does not say). */
const char   *sock_admin_subscription_get_match         (SockAdminSubscription *self);
/* When it was created, as the router wrote it, or NULL. */
const char   *sock_admin_subscription_get_created       (SockAdminSubscription *self);
/* -1 while unknown. */
int           sock_admin_subscription_get_n_subscribers (SockAdminSubscription *self);
/* The subscriber session ids known (element type gint64); transfer none. */
GArray       *sock_admin_subscription_get_subscribers   (SockAdminSubscription *self);
gboolean      sock_admin_subscription_matches           (SockAdminSubscription *self,
                                                         const char            *text);  /* id, URI, match, session ids */

G_END_DECLS
