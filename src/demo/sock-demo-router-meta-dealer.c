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
  json_object_set_string_member (object, "match", "exact");
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
  JsonArray *exact = json_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, call->realm->registration_ids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!_sock_demo_meta_hidden (((SockDemoRegistration *) value)->uri))
      json_array_add_int_element (exact, ((SockDemoRegistration *) value)->id);
  json_object_set_array_member (lists, "exact", exact);
  json_object_set_array_member (lists, "prefix", json_array_new ());
  json_object_set_array_member (lists, "wildcard", json_array_new ());
  _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (), lists));
  json_object_unref (lists);
}

static SockDemoRegistration *
lookup (SockDemoCall *call,
        JsonArray    *args)
{
  const char *uri = _sock_demo_json_string (_sock_demo_meta_arg (args, 0));
  JsonNode *options = _sock_demo_meta_arg (args, 1);
  const char *match = NULL;
  SockDemoRegistration *registration;

  if (options != NULL && JSON_NODE_HOLDS_OBJECT (options))
    match = _sock_demo_option_string (json_node_get_object (options), "match");
  if (uri == NULL || (match != NULL && !g_str_equal (match, "exact")))
    return NULL;
  registration = g_hash_table_lookup (call->realm->registrations, uri);
  return registration != NULL && !_sock_demo_meta_hidden (uri) ? registration : NULL;
}

/* lookup(procedure[, options]) and match(procedure) are the same with exact registrations only. */
static void
registration_lookup (SockDemoCall *call,
                     JsonArray    *args,
                     JsonObject   *kwargs)
{
  SockDemoRegistration *registration = lookup (call, args);

  if (registration != NULL)
    _sock_demo_meta_reply_int (call, registration->id);
  else
    _sock_demo_meta_reply_null (call);
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
    { "wamp.registration.match", registration_lookup },
    { "wamp.registration.get", registration_get },
    { "wamp.registration.list_callees", registration_list_callees },
    { "wamp.registration.count_callees", registration_count_callees },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    _sock_demo_dealer_add_procedure (realm, procedures[i].uri, procedures[i].procedure);
}
