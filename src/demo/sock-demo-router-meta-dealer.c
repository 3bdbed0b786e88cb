/* sock-demo-router-meta-dealer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registration meta API of the demo router: wamp.registration.list / lookup / match / get /
 * list_callees / count_callees and the events on_create / on_register / on_unregister /
 * on_delete. Registrations are exact with one callee (or the router itself for its own
 * procedures, which have no callee session: they list none).
 */

#include "sock-demo-router-private.h"

static JsonObject *
registration_describe (SockDemoRegistration *registration)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", registration->id);
  json_object_set_string_member (object, "created", registration->created);
  json_object_set_string_member (object, "uri", registration->uri);
  json_object_set_string_member (object, "match", _sock_demo_match_name (registration->match));
  json_object_set_string_member (object, "invoke", "single");
  return object;
}

void
_sock_demo_meta_registered (SockDemoSession      *session,
                            SockDemoRegistration *registration)
{
  g_autoptr(JsonObject) details = registration_describe (registration);

  _sock_demo_meta_publish (session->realm, "wamp.registration.on_create", session->id, 0, details);
  _sock_demo_meta_publish (session->realm, "wamp.registration.on_register", session->id,
                           registration->id, NULL);
}

void
_sock_demo_meta_unregistered (SockDemoSession      *session,
                              SockDemoRegistration *registration)
{
  _sock_demo_meta_publish (session->realm, "wamp.registration.on_unregister", session->id,
                           registration->id, NULL);
  _sock_demo_meta_publish (session->realm, "wamp.registration.on_delete", session->id,
                           registration->id, NULL);
}

static void
registration_list (SockDemoCall *call,
                   JsonArray    *args,
                   JsonObject   *kwargs)
{
  JsonObject *lists = json_object_new ();
  JsonArray *ids[SOCK_DEMO_N_MATCH];
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < SOCK_DEMO_N_MATCH; i++)
    {
      ids[i] = json_array_new ();
      json_object_set_array_member (lists, _sock_demo_match_name (i), ids[i]);
    }
  g_hash_table_iter_init (&iter, call->realm->registration_ids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockDemoRegistration *registration = value;

      if (!_sock_demo_meta_hidden (registration->uri))
        json_array_add_int_element (ids[registration->match], registration->id);
    }
  _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (), lists));
  json_object_unref (lists);
}

static SockDemoRegistration *
lookup (SockDemoCall *call,
        JsonArray    *args)
{
  const char *uri = _sock_demo_json_string (_sock_demo_meta_arg (args, 0));
  JsonNode *options = _sock_demo_meta_arg (args, 1);
  SockDemoMatch match = SOCK_DEMO_MATCH_EXACT;
  SockDemoRegistration *registration;

  if (uri == NULL)
    return NULL;
  if (options != NULL && JSON_NODE_HOLDS_OBJECT (options)
      && !_sock_demo_match_parse (_sock_demo_option_string (json_node_get_object (options), "match"), &match))
    return NULL;
  registration = _sock_demo_dealer_lookup (call->realm, uri, match);
  return registration != NULL && !_sock_demo_meta_hidden (uri) ? registration : NULL;
}

static void
reply_id (SockDemoCall         *call,
          SockDemoRegistration *registration)
{
  if (registration != NULL)
    _sock_demo_meta_reply_int (call, registration->id);
  else
    _sock_demo_meta_reply_null (call);
}

/* lookup(procedure[, options]): the registration of that URI and match policy. */
static void
registration_lookup (SockDemoCall *call,
                     JsonArray    *args,
                     JsonObject   *kwargs)
{
  reply_id (call, lookup (call, args));
}

/* match(procedure): the registration a call of it would go to. */
static void
registration_match (SockDemoCall *call,
                    JsonArray    *args,
                    JsonObject   *kwargs)
{
  const char *uri = _sock_demo_json_string (_sock_demo_meta_arg (args, 0));
  SockDemoRegistration *registration = uri ? _sock_demo_dealer_match (call->realm, uri) : NULL;

  reply_id (call, registration != NULL && !_sock_demo_meta_hidden (registration->uri) ? registration : NULL);
}

static SockDemoRegistration *
find_registration (SockDemoCall *call,
                   JsonArray    *args)
{
  SockDemoRegistration *registration = NULL;
  gint64 id;

  if (_sock_demo_meta_arg_id (args, 0, &id))
    registration = g_hash_table_lookup (call->realm->registration_ids, &id);
  if (registration == NULL)
    _sock_demo_call_fail_message (call, "wamp.error.no_such_registration", "no such registration");
  return registration;
}

static void
registration_get (SockDemoCall *call,
                  JsonArray    *args,
                  JsonObject   *kwargs)
{
  SockDemoRegistration *registration = find_registration (call, args);

  if (registration != NULL)
    _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (),
                                                             registration_describe (registration)));
}

static void
registration_list_callees (SockDemoCall *call,
                           JsonArray    *args,
                           JsonObject   *kwargs)
{
  SockDemoRegistration *registration = find_registration (call, args);
  JsonArray *ids;

  if (registration == NULL)
    return;
  ids = json_array_new ();
  if (registration->callee != NULL)
    json_array_add_int_element (ids, registration->callee->id);
  _sock_demo_meta_reply_node (call, json_node_init_array (json_node_alloc (), ids));
  json_array_unref (ids);
}

static void
registration_count_callees (SockDemoCall *call,
                            JsonArray    *args,
                            JsonObject   *kwargs)
{
  SockDemoRegistration *registration = find_registration (call, args);

  if (registration != NULL)
    _sock_demo_meta_reply_int (call, registration->callee != NULL);
}

void
_sock_demo_meta_add_dealer_procedures (SockDemoRealm *realm)
{
  static const struct
  {
    const char        *uri;
    SockDemoProcedure  procedure;
  } procedures[] = {
    { "wamp.registration.list", registration_list },
    { "wamp.registration.lookup", registration_lookup },
    { "wamp.registration.match", registration_match },
    { "wamp.registration.get", registration_get },
    { "wamp.registration.list_callees", registration_list_callees },
    { "wamp.registration.count_callees", registration_count_callees },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    _sock_demo_dealer_add_procedure (realm, procedures[i].uri, procedures[i].procedure);
}
