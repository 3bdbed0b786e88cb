/* sock-demo-router-meta.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subset of the WAMP meta API the demo router offers: wamp.session.count/list/get,
 * wamp.subscription.list/lookup/get/list_subscribers, wamp.registration.list/lookup/get, and
 * the events wamp.session.on_join / on_leave. Meta procedures are not listed by
 * wamp.registration.list (as in Crossbar); the demo.* ones are.
 */

#include "sock-demo-router-private.h"

static JsonNode *
arg (JsonArray *args,
     guint      i)
{
  return args != NULL && i < json_array_get_length (args) ? json_array_get_element (args, i) : NULL;
}

static gboolean
arg_id (JsonArray *args,
        guint      i,
        gint64    *id)
{
  JsonNode *node = arg (args, i);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *id = json_node_get_int (node);
  return TRUE;
}

static void
reply_node (SockDemoCall *call,
            JsonNode     *node)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_element (args, node);
  _sock_demo_call_reply (call, args, NULL);
}

static void
reply_int_or_null (SockDemoCall *call,
                   gint64        id,
                   gboolean      found)
{
  reply_node (call, found ? json_node_init_int (json_node_alloc (), id)
                          : json_node_init_null (json_node_alloc ()));
}

/* A list of authroles as the optional first argument filters sessions. */
static gboolean
role_wanted (JsonArray       *args,
             SockDemoSession *session)
{
  JsonNode *node = arg (args, 0);
  JsonArray *roles;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  roles = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (roles); i++)
    if (g_strcmp0 (_sock_demo_json_string (json_array_get_element (roles, i)), session->authrole) == 0)
      return TRUE;
  return FALSE;
}

static void
session_count (SockDemoCall *call,
               JsonArray    *args,
               JsonObject   *kwargs)
{
  GHashTableIter iter;
  gpointer value;
  gint64 n = 0;

  g_hash_table_iter_init (&iter, call->realm->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += role_wanted (args, value);
  reply_int_or_null (call, n, TRUE);
}

static void
session_list (SockDemoCall *call,
              JsonArray    *args,
              JsonObject   *kwargs)
{
  JsonArray *ids = json_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, call->realm->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (role_wanted (args, value))
      json_array_add_int_element (ids, ((SockDemoSession *) value)->id);
  reply_node (call, json_node_init_array (json_node_alloc (), ids));
  json_array_unref (ids);
}

static void
session_get (SockDemoCall *call,
             JsonArray    *args,
             JsonObject   *kwargs)
{
  SockDemoSession *session = NULL;
  gint64 id;

  if (arg_id (args, 0, &id))
    session = g_hash_table_lookup (call->realm->sessions, &id);
  if (session == NULL)
    {
      _sock_demo_call_fail_message (call, "wamp.error.no_such_session", "no such session");
      return;
    }
  reply_node (call, json_node_init_object (json_node_alloc (), _sock_demo_session_describe (session)));
}

/* {exact: [ids], prefix: [ids], wildcard: [ids]} */
static JsonObject *
lists_by_match (void)
{
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, "exact", json_array_new ());
  json_object_set_array_member (object, "prefix", json_array_new ());
  json_object_set_array_member (object, "wildcard", json_array_new ());
  return object;
}

static const char *
match_name (SockDemoMatch match)
{
  return match == SOCK_DEMO_MATCH_EXACT ? "exact" : match == SOCK_DEMO_MATCH_PREFIX ? "prefix"
                                                                                    : "wildcard";
}

static void
subscription_list (SockDemoCall *call,
                   JsonArray    *args,
                   JsonObject   *kwargs)
{
  JsonObject *lists = lists_by_match ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, call->realm->subscription_ids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockDemoSubscription *subscription = value;

      json_array_add_int_element (json_object_get_array_member (lists,
                                                                match_name (subscription->match)),
                                  subscription->id);
    }
  reply_node (call, json_node_init_object (json_node_alloc (), lists));
  json_object_unref (lists);
}

static void
subscription_lookup (SockDemoCall *call,
                     JsonArray    *args,
                     JsonObject   *kwargs)
{
  const char *topic = _sock_demo_json_string (arg (args, 0));
  JsonNode *options = arg (args, 1);
  const char *match = NULL;
  g_autofree char *key = NULL;
  SockDemoSubscription *subscription;

  if (options != NULL && JSON_NODE_HOLDS_OBJECT (options))
    match = _sock_demo_option_string (json_node_get_object (options), "match");
  key = g_strdup_printf ("%s %s", match ? match : "exact", topic ? topic : "");
  subscription = g_hash_table_lookup (call->realm->subscriptions, key);
  reply_int_or_null (call, subscription ? subscription->id : 0, subscription != NULL);
}

static SockDemoSubscription *
find_subscription (SockDemoCall *call,
                   JsonArray    *args)
{
  SockDemoSubscription *subscription = NULL;
  gint64 id;

  if (arg_id (args, 0, &id))
    subscription = g_hash_table_lookup (call->realm->subscription_ids, &id);
  if (subscription == NULL)
    _sock_demo_call_fail_message (call, "wamp.error.no_such_subscription", "no such subscription");
  return subscription;
}

static void
subscription_get (SockDemoCall *call,
                  JsonArray    *args,
                  JsonObject   *kwargs)
{
  SockDemoSubscription *subscription = find_subscription (call, args);
  JsonObject *object;

  if (subscription == NULL)
    return;
  object = json_object_new ();
  json_object_set_int_member (object, "id", subscription->id);
  json_object_set_string_member (object, "created", subscription->created);
  json_object_set_string_member (object, "uri", subscription->uri);
  json_object_set_string_member (object, "match", match_name (subscription->match));
  reply_node (call, json_node_init_object (json_node_alloc (), object));
  json_object_unref (object);
}

static void
subscription_list_subscribers (SockDemoCall *call,
                               JsonArray    *args,
                               JsonObject   *kwargs)
{
  SockDemoSubscription *subscription = find_subscription (call, args);
  JsonArray *ids;

  if (subscription == NULL)
    return;
  ids = json_array_new ();
  for (guint i = 0; i < subscription->subscribers->len; i++)
    json_array_add_int_element (ids, ((SockDemoSession *)
                                      g_ptr_array_index (subscription->subscribers, i))->id);
  reply_node (call, json_node_init_array (json_node_alloc (), ids));
  json_array_unref (ids);
}

static void
registration_list (SockDemoCall *call,
                   JsonArray    *args,
                   JsonObject   *kwargs)
{
  JsonObject *lists = lists_by_match ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, call->realm->registration_ids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockDemoRegistration *registration = value;

      if (!g_str_has_prefix (registration->uri, "wamp."))
        json_array_add_int_element (json_object_get_array_member (lists, "exact"), registration->id);
    }
  reply_node (call, json_node_init_object (json_node_alloc (), lists));
  json_object_unref (lists);
}

static void
registration_lookup (SockDemoCall *call,
                     JsonArray    *args,
                     JsonObject   *kwargs)
{
  const char *uri = _sock_demo_json_string (arg (args, 0));
  SockDemoRegistration *registration = uri ? g_hash_table_lookup (call->realm->registrations, uri)
                                           : NULL;

  reply_int_or_null (call, registration ? registration->id : 0, registration != NULL);
}

static void
registration_get (SockDemoCall *call,
                  JsonArray    *args,
                  JsonObject   *kwargs)
{
  SockDemoRegistration *registration = NULL;
  JsonObject *object;
  gint64 id;

  if (arg_id (args, 0, &id))
    registration = g_hash_table_lookup (call->realm->registration_ids, &id);
  if (registration == NULL)
    {
      _sock_demo_call_fail_message (call, "wamp.error.no_such_registration", "no such registration");
      return;
    }
  object = json_object_new ();
  json_object_set_int_member (object, "id", registration->id);
  json_object_set_string_member (object, "created", registration->created);
  json_object_set_string_member (object, "uri", registration->uri);
  json_object_set_string_member (object, "match", "exact");
  json_object_set_string_member (object, "invoke", "single");
  reply_node (call, json_node_init_object (json_node_alloc (), object));
  json_object_unref (object);
}

void
_sock_demo_meta_add_procedures (SockDemoRealm *realm)
{
  static const struct
  {
    const char        *uri;
    SockDemoProcedure  procedure;
  } procedures[] = {
    { "wamp.session.count", session_count },
    { "wamp.session.list", session_list },
    { "wamp.session.get", session_get },
    { "wamp.subscription.list", subscription_list },
    { "wamp.subscription.lookup", subscription_lookup },
    { "wamp.subscription.get", subscription_get },
    { "wamp.subscription.list_subscribers", subscription_list_subscribers },
    { "wamp.registration.list", registration_list },
    { "wamp.registration.lookup", registration_lookup },
    { "wamp.registration.get", registration_get },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    _sock_demo_dealer_add_procedure (realm, procedures[i].uri, procedures[i].procedure);
}

void
_sock_demo_meta_on_join (SockDemoSession *session)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_object_element (args, _sock_demo_session_describe (session));
  _sock_demo_realm_publish_json (session->realm, "wamp.session.on_join", args, NULL);
}

void
_sock_demo_meta_on_leave (SockDemoSession *session)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_int_element (args, session->id);
  json_array_add_string_element (args, session->authid);
  json_array_add_string_element (args, session->authrole);
  _sock_demo_realm_publish_json (session->realm, "wamp.session.on_leave", args, NULL);
}
