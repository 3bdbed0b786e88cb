/* sock-router-admin-refresh.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing one part of the meta API: the list procedure gives ids, then each id is described
 * (…get) and, for subscriptions and registrations, its sessions are listed
 * (list_subscribers / list_callees). The result replaces the list at once, keeping the items
 * that are still there (a view keeps its selection).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-admin-util-private.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-router-admin-private.h"

typedef struct
{
  const char *list;
  const char *get;
  const char *members;  /* NULL for sessions */
  const char *noun;
} Procedures;

static const Procedures procedures[SOCK_ADMIN_N_LISTS] = {
  { "wamp.session.list", "wamp.session.get", NULL, N_("sessions") },
  { "wamp.subscription.list", "wamp.subscription.get", "wamp.subscription.list_subscribers",
    N_("subscriptions") },
  { "wamp.registration.list", "wamp.registration.get", "wamp.registration.list_callees",
    N_("registrations") },
};

typedef struct
{
  SockAdminList  list;
  guint          generation;
  GTask         *task;      /* the refresh's task: one pending count per list */
  guint          pending;
  GPtrArray     *items;     /* the described items, by id order of the list */
  GHashTable    *members;   /* &id -> GArray of session ids */
  gboolean       truncated;
} Refresh;

typedef struct
{
  Refresh *refresh;
  gint64   id;
} ItemCall;

static void
refresh_free (Refresh *refresh)
{
  g_ptr_array_unref (refresh->items);
  g_hash_table_unref (refresh->members);
  g_free (refresh);
}

static void
task_list_done (GTask *task)
{
  guint *remaining = g_task_get_task_data (task);

  if (--*remaining == 0)
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
finish_with_error (SockRouterAdmin *self,
                   Refresh         *refresh,
                   const GError    *error)
{
  const char *noun = _(procedures[refresh->list].noun);
  g_autofree char *message = NULL;

  if (refresh->generation == self->lists[refresh->list].generation)
    {
      /* a router that did not announce the feature may answer anything, or nothing at all */
      gboolean unannounced = !_sock_router_admin_announced (self, refresh->list)
                             && (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE)
                                 || g_error_matches (error, SOCK_ERROR, SOCK_ERROR_TIMED_OUT)
                                 || g_error_matches (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL));

      if (sock_router_admin_error_is_not_offered (error) || unannounced)
        {
          /* words of the router's error (e.g. no_such_procedure) stay in the message */
          message = g_strdup_printf (_("Not offered by this router: it has no list of %s (%s)"), noun,
                                     sock_session_error_get_uri (error) ? sock_session_error_get_uri (error)
                                                                        : error->message);
          _sock_router_admin_set_state (self, refresh->list, SOCK_ADMIN_STATE_NOT_OFFERED, message, NULL);
        }
      else
        {
          message = g_strdup_printf (_("Could not list the %s: %s"), noun,
                                     sock_session_error_get_uri (error) ? sock_session_error_get_uri (error)
                                                                        : error->message);
          _sock_router_admin_set_state (self, refresh->list, SOCK_ADMIN_STATE_FAILED, message, error);
        }
    }
  task_list_done (refresh->task);
  refresh_free (refresh);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return _sock_router_admin_compare (*(gpointer const *) a, *(gpointer const *) b, NULL);
}


static void
apply_members (gpointer  item,
               GArray   *ids)
{
  if (ids == NULL)
    return;
  if (SOCK_IS_ADMIN_ENTRY (item))
    _sock_admin_entry_set_members (item, (gint64 *) ids->data, ids->len);
}

static void
finish_with_items (SockRouterAdmin *self,
                   Refresh         *refresh)
{
  SockAdminListData *data = &self->lists[refresh->list];
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *message = NULL;
  gboolean live;

  if (refresh->generation != data->generation)
    goto done;
  for (guint i = 0; i < refresh->items->len; i++)
    {
      gpointer item = g_ptr_array_index (refresh->items, i);
      gint64 id = _sock_router_admin_item_id (item);
      gpointer old = _sock_router_admin_find (self, refresh->list, id, NULL);

      /* the old object stays (its rows and bindings too); a session's details do not change */
      if (old != NULL && !SOCK_IS_ADMIN_SESSION (old))
        item = old;
      apply_members (item, g_hash_table_lookup (refresh->members, &id));
      g_ptr_array_add (items, g_object_ref (item));
    }
  g_ptr_array_sort (items, compare_items);
  g_list_store_splice (data->store, 0, g_list_model_get_n_items (G_LIST_MODEL (data->store)),
                       items->pdata, items->len);

  live = self->live && data->live;
  if (!_sock_router_admin_announced (self, refresh->list))
    message = g_strdup (_("This router answers the meta API without announcing it: refreshed on demand"));
  else if (live)
    message = g_strdup (_("Kept live from the router’s meta events"));
  else if (self->live)
    message = g_strdup (_("This router lists them but sends no meta events: refreshed on demand"));
  else
    message = g_strdup (_("Listed once"));
  if (refresh->truncated)
    {
      g_autofree char *max = sock_format_number (SOCK_ROUTER_ADMIN_MAX_ITEMS);
      /* TRANSLATORS: how the list is kept, then a count: "Listed once; only the first 2,000 are shown" */
      g_autofree char *more = g_strdup_printf (_("%s; only the first %s are shown"), message, max);
      g_free (message);
      message = g_steal_pointer (&more);
    }
  _sock_router_admin_set_state (self, refresh->list, SOCK_ADMIN_STATE_AVAILABLE, message, NULL);
done:
  task_list_done (refresh->task);
  refresh_free (refresh);
}

static void
item_call_done (SockRouterAdmin *self,
                ItemCall        *call)
{
  Refresh *refresh = call->refresh;

  g_free (call);
  if (--refresh->pending == 0)
    finish_with_items (self, refresh);
}

static gpointer
item_new (SockAdminList  list,
          JsonObject    *details)
{
  if (list == SOCK_ADMIN_SESSIONS)
    return sock_admin_session_new_from_details (details);
  if (list == SOCK_ADMIN_SUBSCRIPTIONS)
    return sock_admin_subscription_new_from_details (details);
  return sock_admin_registration_new_from_details (details);
}

/* An item that is gone by now (no_such_…) is left out. */
static void
get_done (SockRouterAdmin *self,
          SockCallResult  *result,
          const GError    *error,
          gpointer         data)
{
  ItemCall *call = data;
  g_autoptr(JsonNode) details = _sock_router_admin_result_arg (result);
  gpointer item = NULL;

  if (details != NULL && JSON_NODE_HOLDS_OBJECT (details))
    item = item_new (call->refresh->list, json_node_get_object (details));
  if (item != NULL)
    g_ptr_array_add (call->refresh->items, item);
  item_call_done (self, call);
}

static void
members_done (SockRouterAdmin *self,
              SockCallResult  *result,
              const GError    *error,
              gpointer         data)
{
  ItemCall *call = data;
  g_autoptr(JsonNode) list = _sock_router_admin_result_arg (result);

  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 *key = g_memdup2 (&call->id, sizeof call->id);

      for (guint i = 0; i < json_array_get_length (array) && i < SOCK_ROUTER_ADMIN_MAX_ITEMS; i++)
        {
          gint64 id;

          if (_sock_admin_node_id (json_array_get_element (array, i), &id))
            _sock_admin_ids_add (ids, id);
        }
      g_hash_table_replace (call->refresh->members, key, ids);
    }
  item_call_done (self, call);
}

static void
describe (SockRouterAdmin *self,
          Refresh         *refresh,
          gint64           id)
{
  const Procedures *p = &procedures[refresh->list];
  g_autoptr(JsonArray) args = _sock_router_admin_id_args (id);
  ItemCall *call = g_new0 (ItemCall, 1);

  call->refresh = refresh;
  call->id = id;
  refresh->pending++;
  _sock_router_admin_call (self, p->get, args, NULL, get_done, call);
  if (p->members == NULL)
    return;
  call = g_new0 (ItemCall, 1);
  call->refresh = refresh;
  call->id = id;
  refresh->pending++;
  _sock_router_admin_call (self, p->members, args, NULL, members_done, call);
}

/* Sessions: [id, …]; subscriptions and registrations: {exact: [ids], prefix: […], wildcard: […]}. */
static void
collect_ids (JsonNode *node,
             GArray   *ids)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          gint64 id;

          if (_sock_admin_node_id (json_array_get_element (array, i), &id))
            _sock_admin_ids_add (ids, id);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      static const char * const policies[] = { "exact", "prefix", "wildcard" };
      JsonObject *object = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
        if (json_object_has_member (object, policies[i]))
          collect_ids (json_object_get_member (object, policies[i]), ids);
    }
}

static void
list_done (SockRouterAdmin *self,
           SockCallResult  *result,
           const GError    *error,
           gpointer         data)
{
  Refresh *refresh = data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) shape = NULL;

  if (error != NULL)
    return finish_with_error (self, refresh, error);
  node = _sock_router_admin_result_arg (result);
  /* fox-wamp answers wamp.session.list with the ids as the arguments themselves */
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_clear_pointer (&node, json_node_unref);
      node = json_from_string (result->args, NULL);
    }
  if (node == NULL || (!JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_OBJECT (node)))
    {
      shape = g_error_new (SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("%s did not answer with a list"),
                           procedures[refresh->list].list);
      return finish_with_error (self, refresh, shape);
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  collect_ids (node, ids);
  refresh->truncated = ids->len > SOCK_ROUTER_ADMIN_MAX_ITEMS;
  /* one pending count for the loop itself, so that answers given at once cannot finish early */
  refresh->pending = 1;
  for (guint i = 0; i < MIN (ids->len, SOCK_ROUTER_ADMIN_MAX_ITEMS); i++)
    describe (self, refresh, g_array_index (ids, gint64, i));
  if (--refresh->pending == 0)
    finish_with_items (self, refresh);
}

void
_sock_router_admin_refresh_list (SockRouterAdmin *self,
                                 SockAdminList    list,
                                 GTask           *task)
{
  SockSession *session = sock_connection_get_session (self->connection);
  Refresh *refresh;

  if (session != NULL && sock_session_get_kind (session) != SOCK_SESSION_KIND_WAMP2)
    {
      _sock_router_admin_set_state (self, list, SOCK_ADMIN_STATE_NOT_OFFERED,
                                    _("Not offered by this server: only WAMP v2 routers have a meta API"),
                                    NULL);
      task_list_done (task);
      return;
    }
  refresh = g_new0 (Refresh, 1);
  refresh->list = list;
  refresh->generation = ++self->lists[list].generation;
  refresh->task = task;
  refresh->items = g_ptr_array_new_with_free_func (g_object_unref);
  refresh->members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);
  _sock_router_admin_call (self, procedures[list].list, NULL, NULL, list_done, refresh);
}
