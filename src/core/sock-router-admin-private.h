/* sock-router-admin-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of SockRouterAdmin (the object and its meta events; the refresh; the meta
 * calls with their deadlines and the actions) and its item types.
 */

#pragma once

#include "sock-admin-entry.h"
#include "sock-router-admin.h"

G_BEGIN_DECLS

/* Most items a refresh reads per list (each costs a call or two). */
#define SOCK_ROUTER_ADMIN_MAX_ITEMS 2000

typedef struct
{
  SockAdminState  state;
  gboolean        live;        /* meta events subscribed and announced */
  char           *message;
  GError         *error;
  GListStore     *store;
  guint           generation;  /* of the newest refresh: older ones drop their result */
} SockAdminListData;

struct _SockRouterAdmin
{
  GObject            parent_instance;

  SockConnection    *connection;
  GCancellable      *cancellable;  /* cancelled on dispose */
  guint              timeout_ms;
  gboolean           live;
  gboolean           events_asked;  /* meta topics subscribed on the current session */
  SockSession       *events_session; /* which session they were asked on (a weak pointer) */
  SockAdminListData  lists[SOCK_ADMIN_N_LISTS];
  gulong             event_handler;
  gulong             state_handler;
};

/* sock-router-admin.c */
gint64    _sock_router_admin_item_id     (gpointer          item);
void      _sock_router_admin_set_state   (SockRouterAdmin  *self,
                                          SockAdminList     list,
                                          SockAdminState    state,
                                          const char       *message,
                                          const GError     *error);
/* The item with this id in the list, or NULL (transfer none). */
gpointer  _sock_router_admin_find        (SockRouterAdmin  *self,
                                          SockAdminList     list,
                                          gint64            id,
                                          guint            *position);
/* Sessions by id, subscriptions and registrations by URI: the order of the lists. */
int       _sock_router_admin_compare     (gconstpointer     a,
                                          gconstpointer     b,
                                          gpointer          unused);

/* sock-router-admin-events.c */
void      _sock_router_admin_on_event    (SockConnection  *connection,
                                          const SockEvent *event,
                                          SockRouterAdmin *self);
/* Whether the router announced the meta API feature of the list in WELCOME. */
gboolean  _sock_router_admin_announced   (SockRouterAdmin  *self,
                                          SockAdminList     list);
/* Subscribes to the meta events of every list, once per session. */
void      _sock_router_admin_follow      (SockRouterAdmin  *self);

/* sock-router-admin-call.c: a meta call with the admin's deadline; the callback gets the
 * result (NULL on error) and the error. */
typedef void (*SockAdminCallFunc) (SockRouterAdmin *self,
                                   SockCallResult  *result,
                                   const GError    *error,
                                   gpointer         data);

void      _sock_router_admin_call        (SockRouterAdmin  *self,
                                          const char       *procedure,
                                          JsonArray        *args,
                                          JsonObject       *kwargs,
                                          SockAdminCallFunc func,
                                          gpointer          data);
/* Subscribes with the admin's deadline; func gets (self, NULL, error or NULL, data). */
void      _sock_router_admin_subscribe   (SockRouterAdmin  *self,
                                          const char       *topic,
                                          SockMatch         match,
                                          SockAdminCallFunc func,
                                          gpointer          data);
/* The first argument of a result as a tree, or NULL. */
JsonNode *_sock_router_admin_result_arg  (SockCallResult   *result);
JsonArray *_sock_router_admin_id_args    (gint64            id);

/* sock-router-admin-refresh.c */
void      _sock_router_admin_refresh_list (SockRouterAdmin *self,
                                           SockAdminList    list,
                                           GTask           *task);

/* Item internals (sock-admin-entry.c) */
gpointer  _sock_admin_entry_new           (GType           type,
                                           JsonObject     *details);
void      _sock_admin_entry_set_members   (SockAdminEntry *self,
                                           const gint64   *ids,
                                           guint           n);
void      _sock_admin_entry_add_member    (SockAdminEntry *self,
                                           gint64          session);
void      _sock_admin_entry_remove_member (SockAdminEntry *self,
                                           gint64          session);

G_END_DECLS
