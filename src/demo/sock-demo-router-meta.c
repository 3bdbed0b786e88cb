/* sock-demo-router-meta.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session part of the WAMP meta API the demo router offers (wamp.session.count / list / get /
 * kill and the events wamp.session.on_join / on_leave), the table of every meta procedure, and
 * helpers for the subscription and registration parts (sock-demo-router-meta-broker.c and
 * -meta-dealer.c). As in Crossbar, wamp.* subscriptions and registrations are the router's own:
 * the meta API neither lists them nor sends events about them.
 */

#include "sock-demo-router-private.h"

JsonNode *
_sock_demo_meta_arg (JsonArray *args,
                     guint      i)
{
  return args != NULL && i < json_array_get_length (args) ? json_array_get_element (args, i) : NULL;
}

gboolean
_sock_demo_meta_arg_id (JsonArray *args,
                        guint      i,
                        gint64    *id)
{
  JsonNode *node = _sock_demo_meta_arg (args, i);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *id = json_node_get_int (node);
  return TRUE;
}

void
_sock_demo_meta_reply_node (SockDemoCall *call,
                            JsonNode     *node)
{
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_element (args, node);
  _sock_demo_call_reply (call, args, NULL);
}

void
_sock_demo_meta_reply_int (SockDemoCall *call,
                           gint64        value)
{
  _sock_demo_meta_reply_node (call, json_node_init_int (json_node_alloc (), value));
}

void
_sock_demo_meta_reply_null (SockDemoCall *call)
{
  _sock_demo_meta_reply_node (call, json_node_init_null (json_node_alloc ()));
}

void
_sock_demo_meta_publish (SockDemoRealm *realm,
                         const char    *topic,
                         gint64         session,
                         gint64         id,
                         JsonObject    *details)
{
  g_autoptr(JsonArray) args = NULL;

  if (!realm->meta)
    return;
  args = json_array_new ();
  json_array_add_int_element (args, session);
  if (details != NULL)
    json_array_add_object_element (args, json_object_ref (details));
  else
    json_array_add_int_element (args, id);
  _sock_demo_realm_publish_json (realm, topic, args, NULL);
}

gboolean
_sock_demo_meta_hidden (const char *uri)
{
  /* "wamp" itself too: a prefix subscription to it takes every meta event */
  return g_str_has_prefix (uri, "wamp.") || g_str_equal (uri, "wamp");
}

const char *
_sock_demo_match_name (SockDemoMatch match)
{
  return match == SOCK_DEMO_MATCH_EXACT ? "exact" : match == SOCK_DEMO_MATCH_PREFIX ? "prefix"
                                                                                    : "wildcard";
}

/* Sessions ------------------------------------------------------------------------------ */

/* A list of authroles as the optional first argument filters sessions. */
static gboolean
role_wanted (JsonArray       *args,
             SockDemoSession *session)
{
  JsonNode *node = _sock_demo_meta_arg (args, 0);
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
  _sock_demo_meta_reply_int (call, n);
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
  _sock_demo_meta_reply_node (call, json_node_init_array (json_node_alloc (), ids));
  json_array_unref (ids);
}

static SockDemoSession *
find_session (SockDemoCall *call,
              JsonArray    *args)
{
  SockDemoSession *session = NULL;
  gint64 id;

  if (_sock_demo_meta_arg_id (args, 0, &id))
    session = g_hash_table_lookup (call->realm->sessions, &id);
  if (session == NULL)
    _sock_demo_call_fail_message (call, "wamp.error.no_such_session", "no such session");
  return session;
}

static void
session_get (SockDemoCall *call,
             JsonArray    *args,
             JsonObject   *kwargs)
{
  SockDemoSession *session = find_session (call, args);

  if (session != NULL)
    _sock_demo_meta_reply_node (call, json_node_init_object (json_node_alloc (),
                                                             _sock_demo_session_describe (session)));
}

/* wamp.session.kill(session) with the keyword arguments reason (a URI, default
 * wamp.close.killed) and message. A session cannot kill itself (as in Crossbar). */
static void
session_kill (SockDemoCall *call,
              JsonArray    *args,
              JsonObject   *kwargs)
{
  SockDemoSession *session = find_session (call, args);
  const char *reason = _sock_demo_option_string (kwargs, "reason");
  const char *message = _sock_demo_option_string (kwargs, "message");

  if (session == NULL)
    return;
  if (session == call->caller)
    {
      _sock_demo_call_fail_message (call, "wamp.error.invalid_argument",
                                    "a session cannot kill itself: leave with GOODBYE");
      return;
    }
  if (reason != NULL && !sock_wamp_uri_is_valid (reason, FALSE))
    {
      _sock_demo_call_fail_message (call, "wamp.error.invalid_uri", "reason must be a URI");
      return;
    }
  _sock_demo_session_kill (session, reason ? reason : "wamp.close.killed", message);
  _sock_demo_call_reply (call, NULL, NULL);
}

void
_sock_demo_meta_on_join (SockDemoSession *session)
{
  g_autoptr(JsonArray) args = json_array_new ();

  if (!session->realm->meta)
    return;
  json_array_add_object_element (args, _sock_demo_session_describe (session));
  _sock_demo_realm_publish_json (session->realm, "wamp.session.on_join", args, NULL);
}

void
_sock_demo_meta_on_leave (SockDemoSession *session)
{
  g_autoptr(JsonArray) args = json_array_new ();

  if (!session->realm->meta)
    return;
  json_array_add_int_element (args, session->id);
  json_array_add_string_element (args, session->authid);
  json_array_add_string_element (args, session->authrole);
  _sock_demo_realm_publish_json (session->realm, "wamp.session.on_leave", args, NULL);
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
    { "wamp.session.kill", session_kill },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    _sock_demo_dealer_add_procedure (realm, procedures[i].uri, procedures[i].procedure);
  _sock_demo_meta_add_broker_procedures (realm);
  _sock_demo_meta_add_dealer_procedures (realm);
}
