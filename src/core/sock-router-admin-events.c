/* sock-router-admin-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meta events that keep SockRouterAdmin's lists live (wamp.session.on_join / on_leave,
 * wamp.subscription.on_*, wamp.registration.on_*), the subscriptions that bring them, and the
 * WELCOME features that announce each part of the meta API.
 */

#include "config.h"

#include "sock-admin-util-private.h"
#include "sock-router-admin-private.h"
#include "sock-wamp2-session.h"

#define MAX_EVENT_BYTES (256 * 1024)

/* The meta events of each list, and the feature that announces it. */
static const struct
{
  const char *role;
  const char *feature;
  const char *topics[4];
} meta[SOCK_ADMIN_N_LISTS] = {
  { "broker", "session_meta_api", { "wamp.session.on_join", "wamp.session.on_leave" } },
  { "broker", "subscription_meta_api",
    { "wamp.subscription.on_create", "wamp.subscription.on_subscribe",
      "wamp.subscription.on_unsubscribe", "wamp.subscription.on_delete" } },
  { "dealer", "registration_meta_api",
    { "wamp.registration.on_create", "wamp.registration.on_register",
      "wamp.registration.on_unregister", "wamp.registration.on_delete" } },
};

gboolean
_sock_router_admin_announced (SockRouterAdmin *self,
                              SockAdminList    list)
{
  SockSession *session = sock_connection_get_session (self->connection);

  if (!SOCK_IS_WAMP2_SESSION (session))
    return FALSE;
  /* Routers announce session_meta_api under the broker, the dealer or both. */
  return sock_wamp2_session_has_feature (SOCK_WAMP2_SESSION (session), meta[list].role, meta[list].feature)
         || (list == SOCK_ADMIN_SESSIONS
             && sock_wamp2_session_has_feature (SOCK_WAMP2_SESSION (session), "dealer", meta[list].feature));
}

static void
remove_item (SockRouterAdmin *self,
             SockAdminList    list,
             gint64           id)
{
  guint position;

  if (_sock_router_admin_find (self, list, id, &position) != NULL)
    g_list_store_remove (self->lists[list].store, position);
}

static void
add_item (SockRouterAdmin *self,
          SockAdminList    list,
          gpointer         item)
{
  if (item == NULL)
    return;
  remove_item (self, list, _sock_router_admin_item_id (item));
  g_list_store_insert_sorted (self->lists[list].store, item, _sock_router_admin_compare, NULL);
  g_object_unref (item);
}

/* Meta events --------------------------------------------------------------------------- */

static void
session_event (SockRouterAdmin *self,
               guint            topic,
               JsonArray       *args,
               JsonNode        *kwargs)
{
  JsonNode *first = json_array_get_length (args) > 0 ? json_array_get_element (args, 0) : NULL;
  gint64 id;

  /* fox-wamp sends on_join's details as the keyword arguments */
  if (first == NULL && kwargs != NULL && JSON_NODE_HOLDS_OBJECT (kwargs))
    first = kwargs;

  if (topic == 0 && first != NULL && JSON_NODE_HOLDS_OBJECT (first))
    add_item (self, SOCK_ADMIN_SESSIONS, sock_admin_session_new_from_details (json_node_get_object (first)));
  else if (topic == 1 && _sock_admin_node_id (first, &id))
    remove_item (self, SOCK_ADMIN_SESSIONS, id);
}

/* on_create (session, details), on_subscribe / on_register (session, id),
 * on_unsubscribe / on_unregister (session, id), on_delete (session, id). */
static void
member_event (SockRouterAdmin *self,
              SockAdminList    list,
              guint            topic,
              JsonArray       *args)
{
  JsonNode *second = json_array_get_length (args) > 1 ? json_array_get_element (args, 1) : NULL;
  gpointer item;
  gint64 session, id;

  if (!_sock_admin_node_id (json_array_get_element (args, 0), &session) || second == NULL)
    return;
  if (topic == 0)
    {
      if (!JSON_NODE_HOLDS_OBJECT (second))
        return;
      item = list == SOCK_ADMIN_SUBSCRIPTIONS
             ? (gpointer) sock_admin_subscription_new_from_details (json_node_get_object (second))
             : (gpointer) sock_admin_registration_new_from_details (json_node_get_object (second));
      if (item != NULL && _sock_router_admin_find (self, list, _sock_router_admin_item_id (item), NULL) == NULL)
        {
          _sock_admin_entry_set_members (item, NULL, 0);
          add_item (self, list, g_steal_pointer (&item));
        }
      g_clear_object (&item);
      return;
    }
  if (!_sock_admin_node_id (second, &id))
    return;
  if (topic == 3)
    return remove_item (self, list, id);
  item = _sock_router_admin_find (self, list, id, NULL);
  if (item == NULL)
    return;
  if (topic == 1)
    _sock_admin_entry_add_member (item, session);
  else
    _sock_admin_entry_remove_member (item, session);
}

void
_sock_router_admin_on_event (SockConnection  *connection,
                             const SockEvent *event,
                             SockRouterAdmin *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) kwargs = NULL;

  if (event->topic == NULL || !g_str_has_prefix (event->topic, "wamp.") || event->args_is_value
      || event->args.len > MAX_EVENT_BYTES || event->kwargs.len > MAX_EVENT_BYTES)
    return;
  for (guint list = 0; list < SOCK_ADMIN_N_LISTS; list++)
    for (guint topic = 0; topic < G_N_ELEMENTS (meta[list].topics) && meta[list].topics[topic]; topic++)
      {
        if (!g_str_equal (event->topic, meta[list].topics[topic]))
          continue;
        /* absent arguments are an empty list (fox-wamp's on_join has only keyword arguments) */
        if (event->args.data != NULL)
          node = sock_json_range_parse (event->args, NULL);
        else
          {
            node = json_node_new (JSON_NODE_ARRAY);
            json_node_take_array (node, json_array_new ());
          }
        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
          return;
        if (list == SOCK_ADMIN_SESSIONS && event->kwargs.data != NULL)
          kwargs = sock_json_range_parse (event->kwargs, NULL);
        if (list == SOCK_ADMIN_SESSIONS)
          session_event (self, topic, json_node_get_array (node), kwargs);
        else
          member_event (self, list, topic, json_node_get_array (node));
        return;
      }
}

typedef struct
{
  gboolean lists[SOCK_ADMIN_N_LISTS];  /* the lists these subscriptions serve */
  guint    pending;
  gboolean failed;
  gboolean prefix;
} Follow;

static void follow_exact (SockRouterAdmin *self);

static void
follow_done (SockRouterAdmin *self,
             SockCallResult  *result,
             const GError    *error,
             gpointer         data)
{
  Follow *follow = data;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("meta events: %s", error->message);
  follow->failed |= error != NULL;
  if (--follow->pending > 0)
    return;
  if (follow->prefix && follow->failed && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_free (follow);
      return follow_exact (self);
    }
  for (guint list = 0; list < SOCK_ADMIN_N_LISTS; list++)
    {
      GTask *task;

      if (!follow->lists[list])
        continue;
      self->lists[list].live = !follow->failed && _sock_router_admin_announced (self, list);
      if (g_cancellable_is_cancelled (self->cancellable))
        continue;
      /* listed after subscribing: no change falls between the list and the events */
      task = g_task_new (self, NULL, NULL, NULL);
      g_task_set_task_data (task, g_memdup2 (&(guint) { 1 }, sizeof (guint)), g_free);
      _sock_router_admin_refresh_list (self, list, task);
    }
  g_free (follow);
}

static void
follow_exact (SockRouterAdmin *self)
{
  for (guint list = 0; list < SOCK_ADMIN_N_LISTS; list++)
    {
      Follow *follow = g_new0 (Follow, 1);

      follow->lists[list] = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (meta[list].topics) && meta[list].topics[i]; i++)
        follow->pending++;
      for (guint i = 0; i < G_N_ELEMENTS (meta[list].topics) && meta[list].topics[i]; i++)
        _sock_router_admin_subscribe (self, meta[list].topics[i], SOCK_MATCH_EXACT, follow_done, follow);
    }
}

/* One prefix subscription to "wamp" takes every meta event where the broker announces
 * pattern-based subscriptions (one row in the tab's subscriptions, not ten); else, or when the
 * router refuses it, each topic exactly. */
void
_sock_router_admin_follow (SockRouterAdmin *self)
{
  SockSession *session = sock_connection_get_session (self->connection);
  Follow *follow;

  if (self->events_asked || session == NULL || sock_session_get_kind (session) != SOCK_SESSION_KIND_WAMP2)
    return;
  self->events_asked = TRUE;
  g_set_weak_pointer (&self->events_session, session);
  if (!sock_wamp2_session_has_feature (SOCK_WAMP2_SESSION (session), "broker", "pattern_based_subscription"))
    return follow_exact (self);
  follow = g_new0 (Follow, 1);
  for (guint list = 0; list < SOCK_ADMIN_N_LISTS; list++)
    follow->lists[list] = TRUE;
  follow->pending = 1;
  follow->prefix = TRUE;
  _sock_router_admin_subscribe (self, "wamp", SOCK_MATCH_PREFIX, follow_done, follow);
}

