/* sock-router-admin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live state of a WAMP v2 router read through its meta API, for one SockConnection: the
 * sessions, subscriptions and registrations of the connection's realm as GListModels, refreshed
 * on demand and (when live) kept up to date from the meta events (wamp.session.on_join / on_leave,
 * wamp.subscription.on_*, wamp.registration.on_*). Each list says whether the router offers it:
 * a feature not announced in WELCOME, wamp.error.no_such_procedure or not_authorized make it
 * "not offered by this router", never a failure. Every meta call and subscription has a
 * deadline. Uses only the public session API of the connection's current session.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sock-admin-registration.h"
#include "sock-admin-session.h"
#include "sock-admin-subscription.h"
#include "sock-connection.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_ADMIN_SESSIONS,
  SOCK_ADMIN_SUBSCRIPTIONS,
  SOCK_ADMIN_REGISTRATIONS,
  SOCK_ADMIN_ALL,            /* for sock_router_admin_refresh_async() */
} SockAdminList;

#define SOCK_ADMIN_N_LISTS 3

typedef enum
{
  SOCK_ADMIN_STATE_UNKNOWN,      /* not listed yet */
  SOCK_ADMIN_STATE_AVAILABLE,    /* listed; live or refreshed on demand (see get_live) */
  SOCK_ADMIN_STATE_NOT_OFFERED,  /* the router does not offer this part of the meta API */
  SOCK_ADMIN_STATE_FAILED,       /* the last refresh failed: see get_error */
} SockAdminState;

#define SOCK_TYPE_ADMIN_STATE (sock_admin_state_get_type ())
GType sock_admin_state_get_type (void) G_GNUC_CONST;

#define SOCK_ROUTER_ADMIN_DEFAULT_TIMEOUT_MS 10000

#define SOCK_TYPE_ROUTER_ADMIN (sock_router_admin_get_type ())

G_DECLARE_FINAL_TYPE (SockRouterAdmin, sock_router_admin, SOCK, ROUTER_ADMIN, GObject)

SockRouterAdmin *sock_router_admin_new            (SockConnection   *connection);
SockConnection  *sock_router_admin_get_connection (SockRouterAdmin  *self);

/* Live: subscribe to the meta events (now, or when the connection joins) and refresh the lists
 * when it joins again after a reconnect. Off by default (a one-shot listing, as in the CLI). */
void             sock_router_admin_set_live       (SockRouterAdmin  *self,
                                                   gboolean          live);
gboolean         sock_router_admin_get_live       (SockRouterAdmin  *self);
/* The deadline of each meta call and subscription (default 10 s). */
void             sock_router_admin_set_timeout    (SockRouterAdmin  *self,
                                                   guint             timeout_ms);

/* Item types SockAdminSession, SockAdminSubscription, SockAdminRegistration. */
GListModel      *sock_router_admin_get_sessions      (SockRouterAdmin *self);
GListModel      *sock_router_admin_get_subscriptions (SockRouterAdmin *self);
GListModel      *sock_router_admin_get_registrations (SockRouterAdmin *self);
GListModel      *sock_router_admin_get_list          (SockRouterAdmin *self,
                                                      SockAdminList    list);

SockAdminState   sock_router_admin_get_state      (SockRouterAdmin  *self,
                                                   SockAdminList     list);
/* Whether the list follows the router's meta events (FALSE: refreshed on demand). */
gboolean         sock_router_admin_get_list_live  (SockRouterAdmin  *self,
                                                   SockAdminList     list);
/* What the state means, in words ("Not offered by this router: …", "Refreshed on demand: …",
 * the error); NULL while unknown. */
const char      *sock_router_admin_get_message    (SockRouterAdmin  *self,
                                                   SockAdminList     list);
/* The error of a FAILED list (a WAMP error keeps its URI: sock_session_error_get_uri()). */
const GError    *sock_router_admin_get_error      (SockRouterAdmin  *self,
                                                   SockAdminList     list);
/* Whether the router announced event history (wamp.subscription.get_events). */
gboolean         sock_router_admin_has_event_history (SockRouterAdmin *self);

/* Lists again (one list or SOCK_ADMIN_ALL). Completes when every list asked for has a state;
 * it fails only when cancelled: each list's state says how it went. */
void             sock_router_admin_refresh_async  (SockRouterAdmin     *self,
                                                   SockAdminList        list,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         sock_router_admin_refresh_finish (SockRouterAdmin     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* wamp.session.kill: the router says GOODBYE to the session with @reason (a URI; NULL: the
 * router's default, wamp.close.killed) and @message (may be NULL). */
void             sock_router_admin_kill_session_async  (SockRouterAdmin     *self,
                                                        gint64               session,
                                                        const char          *reason,
                                                        const char          *message,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         sock_router_admin_kill_session_finish (SockRouterAdmin     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* wamp.subscription.get_events: the newest @limit events of a subscription, oldest first, as
 * the router gives them ({timestamp, subscription, publication, details, args, kwargs}). */
void             sock_router_admin_get_events_async    (SockRouterAdmin     *self,
                                                        gint64               subscription,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
JsonArray       *sock_router_admin_get_events_finish   (SockRouterAdmin     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Whether an error of a meta call means "the router does not offer this" (no_such_procedure,
 * not_authorized, feature_not_supported). */
gboolean         sock_router_admin_error_is_not_offered (const GError      *error);

G_END_DECLS
