/* sock-router-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection page's content switcher: Messages (the message view, given as the content) and
 * Router, the live state of a WAMP v2 router read through its meta API (SockRouterAdmin): its
 * sessions, subscriptions and registrations with their counts, a search over all three, "not
 * offered by this router" per list, and actions: kill a session, subscribe to a topic in this
 * tab, fill the call form in for a procedure, show a subscription's last events. Health
 * (SockHealthView, every connection) is the third view, Topics (SockTopicView, the URIs seen on
 * the connection as a tree) the fourth.
 */

#pragma once

#include <adwaita.h>

#include "sock-connection.h"
#include "sock-router-admin.h"
#include "sock-topic-view.h"

G_BEGIN_DECLS

#define SOCK_TYPE_ROUTER_VIEW (sock_router_view_get_type ())

G_DECLARE_FINAL_TYPE (SockRouterView, sock_router_view, SOCK, ROUTER_VIEW, GtkWidget)

/* The widget shown on the Messages side. */
void             sock_router_view_set_content    (SockRouterView *self,
                                                  GtkWidget      *content);
GtkWidget       *sock_router_view_get_content    (SockRouterView *self);
/* Once; the Router side asks the router when it is first shown. */
void             sock_router_view_set_connection (SockRouterView *self,
                                                  SockConnection *connection);
/* "messages" or "router". */
void             sock_router_view_set_visible_view (SockRouterView *self,
                                                    const char     *name);
SockTopicView   *sock_router_view_get_topic_view (SockRouterView *self);
/* NULL until the Router side was shown. */
SockRouterAdmin *sock_router_view_get_admin      (SockRouterView *self);

G_END_DECLS
