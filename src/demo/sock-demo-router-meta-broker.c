/* sock-demo-router-meta-broker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subscription meta API of the demo router: wamp.subscription.list / lookup / match / get /
 * list_subscribers / count_subscribers / get_events and the events on_create / on_subscribe /
 * on_unsubscribe / on_delete, in the shapes of the WAMP spec (and Crossbar).
 */

#include "sock-demo-router-private.h"

#define HISTORY_DEFAULT_LIMIT 10

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

JsonObject *
_sock_demo_subscription_describe (SockDemoSubscription *subscription)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", subscription->id);
  json_object_set_string_member (object, "created", subscription->created);
  json_object_set_string_member (object, "uri", subscription->uri);
  json_object_set_string_member (object, "match", _sock_demo_match_name (subscription->match));
  return object;
}

void
_sock_demo_meta_subscribed (SockDemoSession      *session,
                            SockDemoSubscription *subscription,
                            gboolean              created)
{
  g_autoptr(JsonObject) details = NULL;

  if (_sock_demo_meta_hidden (subscription->uri))
    return;
  if (created)
    {
      details = _sock_demo_subscription_describe (subscription);
      _sock_demo_meta_publish (session->realm, "wamp.subscription.on_create", session->id, 0, details);
    }
  _sock_demo_meta_publish (session->realm, "wamp.subscription.on_subscribe", session->id,
                           subscription->id, NULL);
}

void
_sock_demo_meta_unsubscribed (SockDemoSession      *session,
                              SockDemoSubscription *subscription,
                              gboolean              deleted)
{
  if (_sock_demo_meta_hidden (subscription->uri))
    return;
  _sock_demo_meta_publish (session->realm, "wamp.subscription.on_unsubscribe", session->id,
                           subscription->id, NULL);
  if (deleted)
    _sock_demo_meta_publish (session->realm, "wamp.subscription.on_delete", session->id,
                             subscription->id, NULL);
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

      if (_sock_demo_meta_hidden (subscription->uri))
        continue;
      json_array_add_int_element (json_object_get_array_member (lists,
                                                                _sock_demo_match_name (subscription->match)),
                                  subscription->id);
    }
  _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (), lists));
  json_object_unref (lists);
}

static void
subscription_lookup (SockDemoCall *call,
                     JsonArray    *args,
                     JsonObject   *kwargs)
{
  const char *topic = _sock_demo_json_string (_sock_demo_meta_arg (args, 0));
  JsonNode *options = _sock_demo_meta_arg (args, 1);
  const char *match = NULL;
  g_autofree char *key = NULL;
  SockDemoSubscription *subscription;

  if (options != NULL && JSON_NODE_HOLDS_OBJECT (options))
    match = _sock_demo_option_string (json_node_get_object (options), "match");
  key = g_strdup_printf ("%s %s", match ? match : "exact", topic ? topic : "");
  subscription = g_hash_table_lookup (call->realm->subscriptions, key);
  if (subscription != NULL)
    _sock_demo_meta_reply_int (call, subscription->id);
  else
    _sock_demo_meta_reply_null (call);
}

/* The subscriptions an event on the topic would reach, or null when none. */
static void
subscription_match (SockDemoCall *call,
                    JsonArray    *args,
                    JsonObject   *kwargs)
{
  const char *topic = _sock_demo_json_string (_sock_demo_meta_arg (args, 0));
  g_autoptr(JsonArray) ids = json_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, call->realm->subscription_ids);
  while (topic != NULL && g_hash_table_iter_next (&iter, NULL, &value))
    if (!_sock_demo_meta_hidden (((SockDemoSubscription *) value)->uri)
        && _sock_demo_match_topic (value, topic))
      json_array_add_int_element (ids, ((SockDemoSubscription *) value)->id);
  if (json_array_get_length (ids) == 0)
    _sock_demo_meta_reply_null (call);
  else
    _sock_demo_meta_reply_node (call, json_node_init_array (json_node_alloc (), ids));
}

static SockDemoSubscription *
find_subscription (SockDemoCall *call,
                   JsonArray    *args)
{
  SockDemoSubscription *subscription = NULL;
  gint64 id;

  if (_sock_demo_meta_arg_id (args, 0, &id))
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

  if (subscription != NULL)
    _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (),
                                                             _sock_demo_subscription_describe (subscription)));
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
  _sock_demo_meta_reply_node (call, json_node_init_array (json_node_alloc (), ids));
  json_array_unref (ids);
}

static void
subscription_count_subscribers (SockDemoCall *call,
                                JsonArray    *args,
                                JsonObject   *kwargs)
{
  SockDemoSubscription *subscription = find_subscription (call, args);

  if (subscription != NULL)
    _sock_demo_meta_reply_int (call, subscription->subscribers->len);
}

/* get_events(subscription[, limit]) with the keyword arguments limit and reverse: the newest
 * events first when reverse, else in the order they were published. */
static void
subscription_get_events (SockDemoCall *call,
                         JsonArray    *args,
                         JsonObject   *kwargs)
{
  SockDemoSubscription *subscription = find_subscription (call, args);
  gint64 limit = HISTORY_DEFAULT_LIMIT;
  JsonArray *events;

  if (subscription == NULL)
    return;
  _sock_demo_meta_arg_id (args, 1, &limit);
  limit = _sock_demo_option_int (kwargs, "limit", limit);
  if (limit < 1)
    {
      _sock_demo_call_fail_message (call, "wamp.error.invalid_argument", "limit must be positive");
      return;
    }
  events = _sock_demo_history_query (call->realm, subscription, MIN (limit, G_MAXUINT),
                                     _sock_demo_option_bool (kwargs, "reverse", FALSE));
  _sock_demo_meta_reply_node (call, json_node_init_array (json_node_alloc (), events));
  json_array_unref (events);
}

void
_sock_demo_meta_add_broker_procedures (SockDemoRealm *realm)
{
  static const struct
  {
    const char        *uri;
    SockDemoProcedure  procedure;
  } procedures[] = {
    { "wamp.subscription.list", subscription_list },
    { "wamp.subscription.lookup", subscription_lookup },
    { "wamp.subscription.match", subscription_match },
    { "wamp.subscription.get", subscription_get },
    { "wamp.subscription.list_subscribers", subscription_list_subscribers },
    { "wamp.subscription.count_subscribers", subscription_count_subscribers },
    { "wamp.subscription.get_events", subscription_get_events },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    _sock_demo_dealer_add_procedure (realm, procedures[i].uri, procedures[i].procedure);
}
