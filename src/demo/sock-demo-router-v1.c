/* sock-demo-router-v1.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v1 sessions, always in realm `demo`. CURIEs expand as the spec says (prefix URI +
 * suffix); the publisher receives its own event unless it asks otherwise (the v1 default,
 * the opposite of v2). A malformed message closes the connection with 1007, as Ratchet does.
 */

#include "sock-demo-router-private.h"

#include <string.h>

#define MAX_CLOSE_REASON 120  /* a close frame's payload holds 123 bytes */
#define AUTHREQ_URI "http://api.wamp.ws/procedure#authreq"
#define AUTH_URI    "http://api.wamp.ws/procedure#auth"

void
_sock_demo_v1_open (SockDemoSession *session)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, session->id);

  session->authid = g_strdup ("anonymous");
  session->authrole = g_strdup ("anonymous");
  session->authmethod = g_strdup ("anonymous");
  session->authprovider = g_strdup ("static");
  _sock_demo_session_send (session, sock_wamp1_build_welcome (id, SOCK_DEMO_ROUTER_AGENT));
  _sock_demo_session_join (session, session->router->demo);
}

static void
close_with (SockDemoSession *session,
            gushort          code,
            const char      *reason)
{
  g_autofree char *text = g_strdup (reason);

  if (strlen (text) > MAX_CLOSE_REASON)
    *g_utf8_find_prev_char (text, text + MAX_CLOSE_REASON + 1) = '\0';
  _sock_demo_session_close_transport (session, code, text);
}

static char *
resolve (SockDemoSession *session,
         const char      *uri)
{
  const char *colon = strchr (uri, ':');
  g_autofree char *prefix = NULL;
  const char *expansion;

  if (colon == NULL)
    return g_strdup (uri);
  prefix = g_strndup (uri, colon - uri);
  expansion = g_hash_table_lookup (session->prefixes, prefix);
  return expansion ? g_strconcat (expansion, colon + 1, NULL) : g_strdup (uri);
}

/* v1 spreads values over the message; as an array they become v2 args. */
static char *
as_array_text (SockJsonRange values)
{
  return g_strdup_printf ("[%.*s]", (int) values.len, values.data ? values.data : "");
}

/* WAMP-CRA over RPC, as Autobahn 0.8 servers offer it: authreq(authkey, extra) answers the
 * challenge as a string, auth(signature) the permissions. Nothing is refused to an anonymous
 * session: like most Ratchet servers, the demo only learns who the client is. */
static void
authenticate (SockDemoCall *call,
              const char   *uri,
              JsonArray    *args)
{
  JsonNode *first = args && json_array_get_length (args) > 0 ? json_array_get_element (args, 0) : NULL;
  const char *text = _sock_demo_json_string (first);
  g_autoptr(JsonArray) result = json_array_new ();

  if (g_str_equal (uri, AUTHREQ_URI))
    {
      g_autofree char *challenge = text ? _sock_demo_v1_authreq (call->caller, text) : NULL;

      if (challenge == NULL)
        return _sock_demo_call_fail_message (call, "http://api.wamp.ws/error#no-such-authkey",
                                             "authentication key does not exist");
      json_array_add_string_element (result, challenge);
    }
  else if (!_sock_demo_v1_auth (call->caller, text))
    return _sock_demo_call_fail_message (call, "http://api.wamp.ws/error#invalid-signature",
                                         "signature for authentication request is invalid");
  else
    {
      JsonObject *permissions = json_object_new ();

      json_object_set_array_member (permissions, "pubsub", json_array_new ());
      json_object_set_array_member (permissions, "rpc", json_array_new ());
      json_array_add_object_element (result, permissions);
    }
  _sock_demo_call_reply (call, result, NULL);
}

static void
call (SockDemoSession *session,
      SockWampMessage *msg)
{
  g_autofree char *uri = resolve (session, sock_wamp_message_get_uri (msg));
  g_autofree char *text = as_array_text (msg->args);
  g_autoptr(JsonNode) node = sock_json_range_parse ((SockJsonRange) { text, strlen (text) }, NULL);
  SockDemoCall *pending = _sock_demo_call_new (session, ++session->next_request);

  pending->v1_call_id = g_strdup (sock_wamp_message_get_call_id (msg));
  if (g_str_equal (uri, AUTHREQ_URI) || g_str_equal (uri, AUTH_URI))
    return authenticate (pending, uri, node ? json_node_get_array (node) : NULL);
  _sock_demo_dealer_route (pending, uri, NULL, node ? json_node_get_array (node) : NULL, NULL);
}

static void
unsubscribe (SockDemoSession *session,
             const char      *topic)
{
  for (guint i = 0; i < session->subscriptions->len; i++)
    {
      SockDemoSubscription *subscription = g_ptr_array_index (session->subscriptions, i);

      if (subscription->match == SOCK_DEMO_MATCH_EXACT && g_str_equal (subscription->uri, topic))
        {
          _sock_demo_broker_remove (session, subscription);
          return;
        }
    }
}

static GArray *
id_list (SockJsonRange range)
{
  g_autoptr(JsonNode) node = range.data ? sock_json_range_parse (range, NULL) : NULL;

  return _sock_demo_id_list (node);
}

static void
publish (SockDemoSession *session,
         SockWampMessage *msg,
         const char      *topic)
{
  SockDemoPublishOptions options = { session, msg->exclude_me == TRUE, FALSE, NULL, NULL };
  g_autofree char *args = as_array_text (msg->args);

  options.exclude = id_list (msg->exclude);
  options.eligible = id_list (msg->eligible);
  _sock_demo_realm_publish (session->realm, topic, (SockJsonRange) { args, strlen (args) },
                            (SockJsonRange) { NULL, 0 }, &options);
  g_clear_pointer (&options.exclude, g_array_unref);
  g_clear_pointer (&options.eligible, g_array_unref);
}

void
_sock_demo_v1_message (SockDemoSession *session,
                       const char      *data,
                       gsize            len)
{
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (session->state != SOCK_DEMO_SESSION_OPEN)
    return;
  if (!sock_wamp_decode (SOCK_WAMP_V1, data, len, &msg, &error))
    {
      close_with (session, SOUP_WEBSOCKET_CLOSE_BAD_DATA, error->message);
      return;
    }

  switch (msg.type)
    {
    case SOCK_WAMP1_PREFIX:
      g_hash_table_replace (session->prefixes, g_strdup (sock_wamp_message_get_prefix (&msg)),
                            g_strdup (sock_wamp_message_get_uri (&msg)));
      break;
    case SOCK_WAMP1_CALL:
      call (session, &msg);
      break;
    case SOCK_WAMP1_SUBSCRIBE:
      uri = resolve (session, sock_wamp_message_get_uri (&msg));
      _sock_demo_broker_add (session, uri, SOCK_DEMO_MATCH_EXACT);
      break;
    case SOCK_WAMP1_UNSUBSCRIBE:
      uri = resolve (session, sock_wamp_message_get_uri (&msg));
      unsubscribe (session, uri);
      break;
    case SOCK_WAMP1_PUBLISH:
      uri = resolve (session, sock_wamp_message_get_uri (&msg));
      publish (session, &msg, uri);
      break;
    default:
      uri = g_strdup_printf ("%s is sent by servers, not clients",
                             sock_wamp_message_type_name (SOCK_WAMP_V1, msg.type));
      close_with (session, SOUP_WEBSOCKET_CLOSE_BAD_DATA, uri);
      break;
    }
}
