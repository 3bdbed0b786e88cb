/* sock-demo-router.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Realms, sessions and the WAMP v2 session state machine. Every text frame is decoded once with
 * the codec into a stack message; the broker, dealer and auth files take it from there.
 */

#include <gio/gunixsocketaddress.h>
#include <string.h>

#include "sock-demo-router-private.h"

#include "sock-json-write.h"
#include "sock-wamp-auth.h"

/* Helpers ------------------------------------------------------------------------------- */

GSource *
_sock_demo_source_add (SockDemoRouter *router,
                       guint           ms,
                       GSourceFunc     func,
                       gpointer        data)
{
  GSource *source = ms ? g_timeout_source_new (ms) : g_idle_source_new ();

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, router->context);
  return source;
}

void
_sock_demo_source_clear (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Session and publication ids: random in [1, 2^53], as the spec asks. */
gint64
_sock_demo_random_id (void)
{
  gint64 high = g_random_int () & 0x1FFFFF;

  return (high << 32 | g_random_int ()) + 1;
}

char *
_sock_demo_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

char *
_sock_demo_json_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  sock_json_write_node (out, node);
  return g_string_free (out, FALSE);
}

const char *
_sock_demo_json_string (JsonNode *node)
{
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_sock_demo_option_bool (JsonObject *options,
                        const char *name,
                        gboolean    fallback)
{
  JsonNode *node = options ? json_object_get_member (options, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

const char *
_sock_demo_option_string (JsonObject *options,
                          const char *name)
{
  return _sock_demo_json_string (options ? json_object_get_member (options, name) : NULL);
}

gint64
_sock_demo_option_int (JsonObject *options,
                       const char *name,
                       gint64      fallback)
{
  JsonNode *node = options ? json_object_get_member (options, name) : NULL;
  GType type = node ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

GArray *
_sock_demo_id_list (JsonNode *node)
{
  GArray *ids;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = _sock_demo_json_string (element);
      gint64 id = -1;

      if (text != NULL)
        id = g_ascii_strtoll (text, NULL, 10);
      else if (json_node_get_value_type (element) == G_TYPE_INT64)
        id = json_node_get_int (element);
      g_array_append_val (ids, id);
    }
  return ids;
}

void
_sock_demo_session_send_text (SockDemoSession *session,
                              const char      *text)
{
  g_autoptr(GError) error = NULL;
  SockDemoSink *sink = session->sink;
  gsize start;

  /* libsoup complains about sends on a closing connection; the peer is going anyway. */
  if (text == NULL || !sink->funcs->is_open (sink))
    return;
  if (session->serializer == SOCK_WAMP_SERIALIZER_JSON && !session->batched)
    return sink->funcs->send (sink, (const guint8 *) text, strlen (text), FALSE);

  start = session->batched && session->serializer != SOCK_WAMP_SERIALIZER_JSON ? 4 : 0;
  g_byte_array_set_size (session->encoded, start);
  if (!sock_wamp_serializer_from_json (session->serializer, text, strlen (text), session->encoded, &error))
    {
      g_message ("demo router: cannot encode a message for %s: %s",
                 sock_wamp_serializer_get_name (session->serializer), error->message);
      return;
    }
  if (start == 4)
    {
      guint32 be = GUINT32_TO_BE (session->encoded->len - 4);

      memcpy (session->encoded->data, &be, 4);
    }
  else if (session->batched)
    g_byte_array_append (session->encoded, (const guint8 *) "\x1e", 1);
  sink->funcs->send (sink, session->encoded->data, session->encoded->len,
                     sock_wamp_serializer_is_binary (session->serializer));
}

void
_sock_demo_session_send (SockDemoSession *session,
                         char            *text)
{
  _sock_demo_session_send_text (session, text);
  g_free (text);
}

static JsonObject *
message_details (const char *message)
{
  JsonObject *details = json_object_new ();

  if (message != NULL)
    json_object_set_string_member (details, "message", message);
  return details;
}

void
_sock_demo_send_error (SockDemoSession *session,
                       int              request_type,
                       gint64           request,
                       const char      *uri,
                       const char      *message)
{
  g_autoptr(JsonArray) args = json_array_new ();

  if (message != NULL)
    json_array_add_string_element (args, message);
  _sock_demo_session_send (session, sock_wamp_build_error (request_type, request, NULL, uri,
                                                           args, NULL));
}

JsonObject *
_sock_demo_session_describe (SockDemoSession *session)
{
  JsonObject *object = json_object_new ();
  JsonObject *transport = json_object_new ();
  const char *protocol = session->protocol;

  json_object_set_int_member (object, "session", session->id);
  json_object_set_string_member (object, "authid", session->authid);
  json_object_set_string_member (object, "authrole", session->authrole);
  json_object_set_string_member (object, "authmethod", session->authmethod);
  json_object_set_string_member (object, "authprovider", session->authprovider);
  json_object_set_string_member (transport, "type", session->sink->funcs->type);
  if (protocol != NULL)
    json_object_set_string_member (transport, "protocol", protocol);
  else
    json_object_set_null_member (transport, "protocol");
  if (session->peer != NULL)
    json_object_set_string_member (transport, "peer", session->peer);
  json_object_set_object_member (object, "transport", transport);
  if (session->joined != NULL)
    json_object_set_string_member (object, "joined", session->joined);
  return object;
}

/* Realms -------------------------------------------------------------------------------- */

static void
subscription_free (gpointer data)
{
  SockDemoSubscription *subscription = data;

  g_free (subscription->uri);
  g_free (subscription->key);
  g_free (subscription->created);
  g_ptr_array_unref (subscription->subscribers);
  g_free (subscription);
}

static void
registration_free (gpointer data)
{
  SockDemoRegistration *registration = data;

  g_free (registration->uri);
  g_free (registration->key);
  g_free (registration->created);
  g_free (registration);
}

static SockDemoRealm *
realm_new (SockDemoRouter *router,
           const char     *name,
           gboolean        meta)
{
  SockDemoRealm *realm = g_new0 (SockDemoRealm, 1);

  realm->router = router;
  realm->name = g_strdup (name);
  realm->meta = meta;
  realm->sessions = g_hash_table_new (g_int64_hash, g_int64_equal);
  realm->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, subscription_free);
  realm->subscription_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  realm->registrations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, registration_free);
  realm->registration_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  realm->retained = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  realm->history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _sock_demo_history_free);
  if (meta)
    _sock_demo_meta_add_procedures (realm);
  _sock_demo_content_add_procedures (realm);
  return realm;
}

static void
realm_free (SockDemoRealm *realm)
{
  g_hash_table_unref (realm->sessions);
  g_hash_table_unref (realm->subscription_ids);
  g_hash_table_unref (realm->subscriptions);
  g_hash_table_unref (realm->registration_ids);
  g_hash_table_unref (realm->registrations);
  g_hash_table_unref (realm->retained);
  g_hash_table_unref (realm->history);
  g_free (realm->name);
  g_free (realm);
}

/* Sessions ------------------------------------------------------------------------------ */

void
_sock_demo_session_join (SockDemoSession *session,
                         SockDemoRealm   *realm)
{
  g_assert (session->realm == NULL);

  session->realm = realm;
  session->state = SOCK_DEMO_SESSION_OPEN;
  g_free (session->joined);
  session->joined = _sock_demo_now_iso8601 ();
  g_hash_table_insert (realm->sessions, &session->id, session);
  if (session->router->n_joined++ == 0)
    _sock_demo_content_start (session->router->content);
  _sock_demo_meta_on_join (session);
}

static void
session_leave (SockDemoSession *session)
{
  SockDemoRealm *realm = session->realm;

  if (realm == NULL)
    return;

  _sock_demo_dealer_leave (session);
  while (session->subscriptions->len > 0)
    _sock_demo_broker_remove (session, g_ptr_array_index (session->subscriptions, 0));
  g_hash_table_remove (realm->sessions, &session->id);
  _sock_demo_meta_on_leave (session);
  session->realm = NULL;
  if (--session->router->n_joined == 0)
    _sock_demo_content_stop (session->router->content);
}

void
_sock_demo_session_close_transport (SockDemoSession *session,
                                    gushort          code,
                                    const char      *reason)
{
  if (session->sink->funcs->is_open (session->sink))
    session->sink->funcs->close (session->sink, code, reason);
}

static void
session_close (SockDemoSession *session,
               const char      *reason)
{
  session_leave (session);
  session->state = SOCK_DEMO_SESSION_CLOSED;
  _sock_demo_session_close_transport (session, SOUP_WEBSOCKET_CLOSE_NORMAL, reason);
}

void
_sock_demo_session_abort (SockDemoSession *session,
                          const char      *reason,
                          const char      *message)
{
  g_autoptr(JsonObject) details = message_details (message);

  _sock_demo_session_send (session, sock_wamp_build_abort (details, reason, NULL, NULL));
  session_close (session, NULL);
}

static void
protocol_violation (SockDemoSession *session,
                    const char      *message)
{
  _sock_demo_session_abort (session, "wamp.error.protocol_violation", message);
}

static void
goodbye (SockDemoSession *session)
{
  g_autoptr(JsonObject) details = json_object_new ();

  _sock_demo_session_send (session, sock_wamp_build_goodbye (details,
                                                             "wamp.close.goodbye_and_out"));
  /* The transport stays: the client may close it or join again with HELLO. */
  session_leave (session);
  session->state = SOCK_DEMO_SESSION_ESTABLISHING;
}

void
_sock_demo_session_kill (SockDemoSession *session,
                         const char      *reason,
                         const char      *message)
{
  g_autoptr(JsonObject) details = message_details (message);

  _sock_demo_session_send (session, sock_wamp_build_goodbye (details, reason));
  /* Set first: the meta events of its leaving are no longer sent to it. */
  session->state = SOCK_DEMO_SESSION_KILLED;
  session_leave (session);
}

static gboolean
dispatch_open (SockDemoSession *session,
               SockWampMessage *msg)
{
  switch (msg->type)
    {
    case SOCK_WAMP_SUBSCRIBE:   _sock_demo_broker_subscribe (session, msg); return TRUE;
    case SOCK_WAMP_UNSUBSCRIBE: _sock_demo_broker_unsubscribe (session, msg); return TRUE;
    case SOCK_WAMP_PUBLISH:     _sock_demo_broker_publish (session, msg); return TRUE;
    case SOCK_WAMP_REGISTER:    _sock_demo_dealer_register (session, msg); return TRUE;
    case SOCK_WAMP_UNREGISTER:  _sock_demo_dealer_unregister (session, msg); return TRUE;
    case SOCK_WAMP_CALL:        _sock_demo_dealer_call (session, msg); return TRUE;
    case SOCK_WAMP_CANCEL:      _sock_demo_dealer_cancel (session, msg); return TRUE;
    case SOCK_WAMP_YIELD:       _sock_demo_dealer_yield (session, msg); return TRUE;
    case SOCK_WAMP_ERROR:
      if (msg->request_type != SOCK_WAMP_INVOCATION)
        return FALSE;
      _sock_demo_dealer_error (session, msg);
      return TRUE;
    case SOCK_WAMP_GOODBYE:     goodbye (session); return TRUE;
    default:
      return FALSE;
    }
}

static void
dispatch (SockDemoSession *session,
          SockWampMessage *msg)
{
  const char *name = sock_wamp_message_type_name (SOCK_WAMP_V2, msg->type);
  g_autofree char *why = NULL;
  gboolean handled = FALSE;

  if (msg->type == SOCK_WAMP_ABORT)
    {
      session_close (session, NULL);
      return;
    }

  switch (session->state)
    {
    case SOCK_DEMO_SESSION_ESTABLISHING:
      handled = msg->type == SOCK_WAMP_HELLO;
      if (handled)
        _sock_demo_auth_hello (session, msg);
      break;
    case SOCK_DEMO_SESSION_CHALLENGED:
      handled = msg->type == SOCK_WAMP_AUTHENTICATE;
      if (handled)
        _sock_demo_auth_authenticate (session, msg);
      break;
    case SOCK_DEMO_SESSION_OPEN:
      handled = dispatch_open (session, msg);
      break;
    case SOCK_DEMO_SESSION_KILLED:
      /* The reply to our GOODBYE ends the transport; anything else sent meanwhile is dropped. */
      if (msg->type == SOCK_WAMP_GOODBYE)
        session_close (session, NULL);
      return;
    case SOCK_DEMO_SESSION_CLOSED:
    default:
      return;
    }

  if (handled)
    return;
  why = g_strdup_printf ("%s is not allowed %s", name,
                         session->state == SOCK_DEMO_SESSION_OPEN ? "from a client in an open session"
                         : session->state == SOCK_DEMO_SESSION_CHALLENGED ? "while authenticating"
                         : "before HELLO");
  protocol_violation (session, why);
}

static void
receive_one (SockDemoSession *session,
             const guint8    *data,
             gsize            len)
{
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;

  if (!sock_wamp_decode_serialized (session->serializer, data, len, session->decoded, &msg, &error))
    protocol_violation (session, error->message);
  else
    dispatch (session, &msg);
}

static void
receive_batch (SockDemoSession *session,
               const guint8    *data,
               gsize            len)
{
  g_autoptr(GError) error = NULL;
  const guint8 *message;
  gsize message_len;
  gsize pos = 0;

  while (session->state != SOCK_DEMO_SESSION_CLOSED &&
         sock_wamp_serializer_batch_next (session->serializer, data, len, &pos, &message, &message_len, &error))
    receive_one (session, message, message_len);
  if (error != NULL && session->state != SOCK_DEMO_SESSION_CLOSED)
    protocol_violation (session, error->message);
}

void
_sock_demo_session_receive (SockDemoSession *session,
                            const guint8    *data,
                            gsize            len,
                            gboolean         binary)
{
  if (session->version == SOCK_WAMP_V1)
    {
      if (!binary)
        _sock_demo_v1_message (session, (const char *) data, len);
      else
        _sock_demo_session_close_transport (session, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA,
                                            "WAMP v1 uses text frames");
      return;
    }

  if (session->state == SOCK_DEMO_SESSION_CLOSED)
    return;
  if (binary != sock_wamp_serializer_is_binary (session->serializer))
    {
      g_autofree char *why = g_strdup_printf ("%s frame on %s", binary ? "binary" : "text",
                                              sock_wamp_serializer_to_subprotocol (session->serializer,
                                                                                   session->batched));
      protocol_violation (session, why);
    }
  else if (session->batched)
    receive_batch (session, data, len);
  else
    receive_one (session, data, len);
}

static void
session_free (gpointer data)
{
  SockDemoSession *session = data;

  _sock_demo_source_clear (&session->free_source);
  session_leave (session);
  session->sink->funcs->free (session->sink);
  g_free (session->protocol);
  g_ptr_array_unref (session->subscriptions);
  g_ptr_array_unref (session->registrations);
  g_hash_table_unref (session->calls);
  g_hash_table_unref (session->invocations);
  g_hash_table_unref (session->prefixes);
  g_free (session->authid);
  g_free (session->authrole);
  g_free (session->authmethod);
  g_free (session->authprovider);
  g_free (session->peer);
  g_free (session->joined);
  g_free (session->expected);
  g_free (session->v1_authkey);
  g_string_free (session->decoded, TRUE);
  g_byte_array_unref (session->encoded);
  g_free (session);
}

static gboolean
free_closed_session (gpointer user_data)
{
  SockDemoSession *session = user_data;

  _sock_demo_source_clear (&session->free_source);
  g_ptr_array_remove_fast (session->router->sessions, session);
  return G_SOURCE_REMOVE;
}

/* A write error can close the connection from inside a send, in the middle of a loop over
 * subscribers or calls: the session is dropped from the main loop instead. */
void
_sock_demo_session_closed (SockDemoSession *session)
{
  session->state = SOCK_DEMO_SESSION_CLOSED;
  if (session->free_source == NULL)
    session->free_source = _sock_demo_source_add (session->router, 0, free_closed_session, session);
}

static SockDemoSession *
session_new (SockDemoRouter *router,
             SockDemoSink   *sink)
{
  SockDemoSession *session = g_new0 (SockDemoSession, 1);

  session->router = router;
  session->sink = sink;
  session->id = _sock_demo_random_id ();
  session->subscriptions = g_ptr_array_new ();
  session->registrations = g_ptr_array_new ();
  session->calls = g_hash_table_new (g_int64_hash, g_int64_equal);
  session->invocations = g_hash_table_new (g_int64_hash, g_int64_equal);
  session->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  session->decoded = g_string_sized_new (256);
  session->encoded = g_byte_array_new ();
  return session;
}

/* Router -------------------------------------------------------------------------------- */

static char *
peer_text (GSocketAddress *peer)
{
  g_autofree char *host = NULL;
  GInetAddress *address;

  /* Crossbar's form for a Unix socket: unix:PATH */
  if (G_IS_UNIX_SOCKET_ADDRESS (peer) && *g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (peer)) != '\0')
    return g_strconcat ("unix:", g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (peer)), NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (peer))
    return NULL;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer));
  host = g_inet_address_to_string (address);
  /* Crossbar's form: tcp4:HOST:PORT */
  return g_strdup_printf ("tcp%c:%s:%u",
                          g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? '6' : '4',
                          host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (peer)));
}

SockDemoSession *
_sock_demo_router_open (SockDemoRouter *router,
                        SockDemoSink   *sink,
                        const char     *protocol,
                        GSocketAddress *peer)
{
  SockDemoSession *session = session_new (router, sink);

  session->peer = peer_text (peer);
  session->protocol = g_strdup (protocol);
  session->version = g_strcmp0 (protocol, "wamp") == 0 ? SOCK_WAMP_V1 : SOCK_WAMP_V2;
  if (protocol == NULL || !sock_wamp_serializer_from_subprotocol (protocol, &session->serializer, &session->batched))
    session->serializer = SOCK_WAMP_SERIALIZER_JSON;
  g_ptr_array_add (router->sessions, session);
  return session;
}

/* Sends v1's WELCOME: after the transport has taken the session, which it may need for that. */
void
_sock_demo_session_start (SockDemoSession *session)
{
  if (session->version == SOCK_WAMP_V1)
    _sock_demo_v1_open (session);
}

void
sock_demo_router_shutdown (SockDemoRouter *router)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  g_return_if_fail (router != NULL);

  _sock_demo_content_stop (router->content);
  /* Not g_ptr_array_copy(): the copy would free the sessions too. */
  sessions = g_ptr_array_sized_new (router->sessions->len);
  g_ptr_array_extend (sessions, router->sessions, NULL, NULL);
  for (guint i = 0; i < sessions->len; i++)
    {
      SockDemoSession *session = g_ptr_array_index (sessions, i);

      if (!g_ptr_array_find (router->sessions, session, NULL))
        continue;
      if (session->version == SOCK_WAMP_V2 && session->state == SOCK_DEMO_SESSION_OPEN)
        _sock_demo_session_send (session,
                                 sock_wamp_build_goodbye (details, "wamp.close.system_shutdown"));
      session_leave (session);
      session->state = SOCK_DEMO_SESSION_CLOSED;
      _sock_demo_session_close_transport (session, SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                          "demo server stopping");
    }
}

guint
sock_demo_router_get_n_sessions (SockDemoRouter *router)
{
  g_return_val_if_fail (router != NULL, 0);

  return router->sessions->len;
}

SockDemoRouter *
sock_demo_router_new (void)
{
  SockDemoRouter *router = g_new0 (SockDemoRouter, 1);
  g_autoptr(GError) error = NULL;

  router->sessions = g_ptr_array_new_with_free_func (session_free);
  router->next_id = 1;
  router->context = g_main_context_ref_thread_default ();
  router->salted_key = sock_wamp_cra_derive_key ("salt-secret", "demo-salt", 1000, 32, &error);
  g_assert_no_error (error);
  router->content = _sock_demo_content_new (router);
  router->demo = realm_new (router, "demo", TRUE);
  router->secure = realm_new (router, "secure", TRUE);
  router->plain = realm_new (router, "plain", FALSE);
  return router;
}

void
sock_demo_router_free (SockDemoRouter *router)
{
  if (router == NULL)
    return;

  _sock_demo_content_stop (router->content);
  g_ptr_array_unref (router->sessions);
  _sock_demo_content_free (router->content);
  realm_free (router->demo);
  realm_free (router->secure);
  realm_free (router->plain);
  g_free (router->salted_key);
  g_main_context_unref (router->context);
  g_free (router);
}
