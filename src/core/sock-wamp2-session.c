/* sock-wamp2-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v2: joining (HELLO, CHALLENGE/AUTHENTICATE, WELCOME or ABORT), leaving (GOODBYE both
 * ways), and the dispatch of every received frame. Publish/subscribe and RPC live in their own
 * files.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-wamp-auth.h"
#include "sock-wamp2-session-private.h"

#define LEAVE_TIMEOUT_MS 3000

G_DEFINE_FINAL_TYPE (SockWamp2Session, sock_wamp2_session, SOCK_TYPE_SESSION)

/* The roles and features implemented here. Some routers send progressive results only to callees
 * that announce call_canceling together with progressive_call_results. */
static const char hello_roles[] =
  "{\"publisher\":{\"features\":{\"publisher_exclusion\":true,\"publisher_identification\":true,"
  "\"subscriber_blackwhite_listing\":true}},"
  "\"subscriber\":{\"features\":{\"pattern_based_subscription\":true,\"publisher_identification\":true}},"
  "\"caller\":{\"features\":{\"progressive_call_results\":true,\"call_timeout\":true,"
  "\"call_canceling\":true,\"caller_identification\":true}},"
  "\"callee\":{\"features\":{\"progressive_call_results\":true,\"call_canceling\":true,"
  "\"call_timeout\":true,\"caller_identification\":true,\"pattern_based_registration\":true}}}";

const char *
sock_wamp2_session_hello_roles (void)
{
  return hello_roles;
}

static void
sock_wamp2_session_finalize (GObject *object)
{
  SockWamp2Session *self = (SockWamp2Session *)object;

  if (self->leave_timeout != NULL)
    {
      g_source_destroy (self->leave_timeout);
      g_clear_pointer (&self->leave_timeout, g_source_unref);
    }
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->expired, g_hash_table_unref);
  g_clear_pointer (&self->subscribed, g_hash_table_unref);
  g_clear_pointer (&self->registrations, g_hash_table_unref);
  g_clear_pointer (&self->invocations, g_hash_table_unref);
  g_clear_pointer (&self->realm, g_free);
  g_clear_pointer (&self->authid, g_free);
  g_clear_pointer (&self->ticket, g_free);
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->cryptosign_key, sock_wamp_cryptosign_key_unref);
  g_clear_pointer (&self->cra_challenge, g_free);
  g_clear_pointer (&self->welcome_authid, g_free);
  g_clear_pointer (&self->authrole, g_free);
  g_clear_pointer (&self->authmethod, g_free);
  g_clear_pointer (&self->authprovider, g_free);
  g_clear_pointer (&self->router_agent, g_free);
  g_clear_pointer (&self->router_roles, g_free);
  g_clear_pointer (&self->router_roles_object, json_object_unref);
  g_string_free (self->decoded, TRUE);

  G_OBJECT_CLASS (sock_wamp2_session_parent_class)->finalize (object);
}

static void
sock_wamp2_session_dispose (GObject *object)
{
  SockWamp2Session *self = (SockWamp2Session *)object;
  g_autoptr(GError) error = g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED,
                                                 _("The session was closed"));

  if (self->auth_cancellable != NULL)
    g_cancellable_cancel (self->auth_cancellable);
  g_clear_object (&self->auth_cancellable);
  if (self->pending != NULL)
    SOCK_SESSION_GET_CLASS (self)->lost (SOCK_SESSION (self), error);
  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);

  G_OBJECT_CLASS (sock_wamp2_session_parent_class)->dispose (object);
}

/* Joining */

static JsonObject *
hello_details (SockWamp2Session *self)
{
  g_autoptr(JsonNode) roles = json_from_string (hello_roles, NULL);
  JsonObject *details = json_object_new ();
  JsonArray *methods = json_array_new ();

  json_object_set_member (details, "roles", g_steal_pointer (&roles));
  json_object_set_string_member (details, "agent", "Sockscope/" PACKAGE_VERSION);
  if (self->ticket != NULL)
    json_array_add_string_element (methods, "ticket");
  if (self->secret != NULL)
    json_array_add_string_element (methods, "wampcra");
  if (self->cryptosign_key != NULL)
    {
      JsonObject *extra = json_object_new ();

      json_array_add_string_element (methods, "cryptosign");
      json_object_set_string_member (extra, "pubkey", sock_wamp_cryptosign_key_get_public_key (self->cryptosign_key));
      json_object_set_object_member (details, "authextra", extra);
    }
  json_array_add_string_element (methods, "anonymous");
  json_object_set_array_member (details, "authmethods", methods);
  if (self->authid != NULL)
    json_object_set_string_member (details, "authid", self->authid);

  return details;
}

static void
join_expired (SockSession *session,
              gpointer     data)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  g_autofree char *within = _sock_format_ms (_sock_session_deadline_ms (session, SOCK_DEADLINE_JOIN));
  const char *agreed = sock_transport_get_protocol (sock_session_get_transport (session));
  GError *error;

  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  if (data != NULL)
    error = _sock_session_timed_out (session, _("No WELCOME or ABORT within %s after AUTHENTICATE (realm “%s”): "
                                                "the router took the credentials but never decided; it may be "
                                                "waiting on its authenticator"), within, self->realm);
  else
    error = _sock_session_timed_out (session, _("No WELCOME, ABORT or CHALLENGE within %s after HELLO (realm "
                                                "“%s”): the WebSocket is open%s%s%s, but no WAMP v2 router "
                                                "answered; check that this URL is the router’s WAMP endpoint "
                                                "and that the router is not overloaded or stuck"),
                                     within, self->realm, agreed ? _(" (subprotocol ") : "", agreed ? agreed : "",
                                     agreed ? ")" : "");
  _sock_session_fail_join (session, error);
}

void
_sock_wamp2_arm_join_deadline (SockWamp2Session *self,
                               gboolean          after_authenticate)
{
  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  self->join_deadline = _sock_session_deadline_start (SOCK_SESSION (self),
                                                      _sock_session_deadline_ms (SOCK_SESSION (self),
                                                                                 SOCK_DEADLINE_JOIN),
                                                      join_expired, after_authenticate ? self : NULL);
}

static void
sock_wamp2_session_join (SockSession *session)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  g_autoptr(JsonObject) details = hello_details (self);
  GError *error = NULL;

  _sock_wamp2_arm_join_deadline (self, FALSE);
  if (!_sock_session_send_message (session, SOCK_WAMP_V2, sock_wamp_build_hello (self->realm, details), &error))
    {
      g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
      _sock_session_fail_join (session, error);
    }
}

char *
_sock_wamp2_dup_string_member (JsonObject *object,
                               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_dup_string (node);
}

static void
set_facts (SockWamp2Session *self)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->session_id);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_auto(GStrv) role_names = NULL;

  if (self->router_roles_object != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->router_roles_object);

      members = g_list_sort (members, (GCompareFunc) g_strcmp0);
      for (GList *l = members; l != NULL; l = l->next)
        g_strv_builder_add (roles, l->data);
    }
  role_names = g_strv_builder_end (roles);
  _sock_session_set_facts (SOCK_SESSION (self), id, self->realm, self->welcome_authid, self->authrole,
                           (const char * const *) role_names);
}

static void
handle_welcome (SockWamp2Session      *self,
                const SockWampMessage *message)
{
  g_autoptr(JsonObject) details = sock_wamp_message_dup_details (message, NULL);
  JsonNode *roles = details ? json_object_get_member (details, "roles") : NULL;

  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  self->session_id = message->id;
  self->welcome_authid = _sock_wamp2_dup_string_member (details, "authid");
  self->authrole = _sock_wamp2_dup_string_member (details, "authrole");
  self->authmethod = _sock_wamp2_dup_string_member (details, "authmethod");
  self->authprovider = _sock_wamp2_dup_string_member (details, "authprovider");
  self->router_agent = _sock_wamp2_dup_string_member (details, "agent");
  if (roles != NULL && JSON_NODE_HOLDS_OBJECT (roles))
    {
      self->router_roles_object = json_object_ref (json_node_get_object (roles));
      self->router_roles = _sock_json_object_to_text (self->router_roles_object);
    }

  _sock_session_marker (SOCK_SESSION (self), _("joined realm %s as session %" PRId64
                                               " (authid %s, role %s, method %s)"),
                        self->realm, self->session_id, self->welcome_authid ? self->welcome_authid : "-",
                        self->authrole ? self->authrole : "-", self->authmethod ? self->authmethod : "-");
  set_facts (self);
  _sock_session_joined (SOCK_SESSION (self));
}

static GError *
abort_error (SockWamp2Session      *self,
             const SockWampMessage *message)
{
  const char *uri = sock_wamp_message_get_uri (message);
  const char *meaning = sock_wamp_uri_explain (uri);
  g_autoptr(JsonObject) details = sock_wamp_message_dup_details (message, NULL);
  g_autofree char *said = _sock_wamp2_dup_string_member (details, "message");
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_printf (text, _("The router refused to join: %s"), uri);
  if (meaning != NULL)
    g_string_append_printf (text, " (%s)", meaning);
  if (said != NULL)
    g_string_append_printf (text, ": “%s”", said);
  if (self->cryptosign_answered &&
      (g_strcmp0 (uri, "wamp.error.not_authorized") == 0 || g_strcmp0 (uri, "wamp.error.authentication_failed") == 0 ||
       g_strcmp0 (uri, "wamp.error.authorization_failed") == 0))
    g_string_append_printf (text, _(". The router refused the signature of public key %s for authid “%s”: is "
                                    "this key registered for that authid? (a wrong key file?)"),
                            sock_wamp_cryptosign_key_get_public_key (self->cryptosign_key),
                            self->authid != NULL ? self->authid : "");

  GError *error = sock_session_error_new (SOCK_SESSION_ERROR_ABORTED, uri, message->args, message->kwargs, text->str);
  g_autofree char *details_text = details ? _sock_json_object_to_text (details) : NULL;

  _sock_session_error_set_details (error, details_text);
  return error;
}

static void
handle_abort (SockWamp2Session      *self,
              const SockWampMessage *message)
{
  g_autoptr(GError) error = abort_error (self, message);
  SockTransport *transport = sock_session_get_transport (SOCK_SESSION (self));

  /* ABORT is never answered: fail what waits and close the WebSocket */
  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  _sock_session_fail_join (SOCK_SESSION (self), g_error_copy (error));
  SOCK_SESSION_GET_CLASS (self)->lost (SOCK_SESSION (self), error);
  _sock_session_closed (SOCK_SESSION (self), error);
  sock_transport_close (transport, 1000, "aborted");
}

/* Leaving */

static void
finish_leave (SockWamp2Session *self)
{
  if (self->leave_timeout != NULL)
    {
      g_source_destroy (self->leave_timeout);
      g_clear_pointer (&self->leave_timeout, g_source_unref);
    }
  _sock_session_closed (SOCK_SESSION (self), NULL);
  sock_transport_close (sock_session_get_transport (SOCK_SESSION (self)), 1000, NULL);
}

static guint
leave_timeout_ms (SockWamp2Session *self)
{
  guint ms = _sock_session_deadline_ms (SOCK_SESSION (self), SOCK_DEADLINE_ACK);

  /* a leave always ends */
  return ms > 0 ? ms : LEAVE_TIMEOUT_MS;
}

static gboolean
leave_timeout_cb (gpointer data)
{
  SockWamp2Session *self = data;
  g_autofree char *within = _sock_format_ms (leave_timeout_ms (self));

  _sock_session_marker (SOCK_SESSION (self), _("No GOODBYE from the router within %s: closing"), within);
  g_clear_pointer (&self->leave_timeout, g_source_unref);
  finish_leave (self);
  return G_SOURCE_REMOVE;
}

static void
sock_wamp2_session_leave (SockSession *session)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);

  self->goodbye_sent = TRUE;
  if (!_sock_session_send_message (session, SOCK_WAMP_V2,
                                   sock_wamp_build_goodbye (NULL, "wamp.close.close_realm"), NULL))
    return finish_leave (self);

  self->leave_timeout = g_timeout_source_new (leave_timeout_ms (self));
  g_source_set_callback (self->leave_timeout, leave_timeout_cb, self, NULL);
  g_source_attach (self->leave_timeout, g_main_context_get_thread_default ());
}

static void
handle_goodbye (SockWamp2Session      *self,
                const SockWampMessage *message)
{
  const char *reason = sock_wamp_message_get_uri (message);
  g_autoptr(GError) error = NULL;

  if (self->goodbye_sent)
    return finish_leave (self);

  /* the router ends the session: answer, then fail what is pending */
  _sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2,
                              sock_wamp_build_goodbye (NULL, "wamp.close.goodbye_and_out"), NULL);
  error = sock_session_error_new (SOCK_SESSION_ERROR_CONNECTION_LOST, reason, (SockJsonRange) { 0 },
                               (SockJsonRange) { 0 },
                               sock_wamp_uri_explain (reason)
                                 ? sock_wamp_uri_explain (reason) : _("the router ended the session"));
  SOCK_SESSION_GET_CLASS (self)->lost (SOCK_SESSION (self), error);
  _sock_session_closed (SOCK_SESSION (self), error);
  sock_transport_close (sock_session_get_transport (SOCK_SESSION (self)), 1000, NULL);
}

/* Receiving */

void
_sock_wamp2_violation (SockWamp2Session *self,
                       const char       *text)
{
  SockSession *session = SOCK_SESSION (self);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GError) error = sock_session_error_new (SOCK_SESSION_ERROR_PROTOCOL_VIOLATION, "wamp.error.protocol_violation",
                                                 (SockJsonRange) { 0 }, (SockJsonRange) { 0 }, text);

  if (sock_session_get_state (session) == SOCK_SESSION_CLOSED)
    return;
  json_object_set_string_member (details, "message", text);
  _sock_session_send_message (session, SOCK_WAMP_V2,
                              sock_wamp_build_abort (details, "wamp.error.protocol_violation", NULL, NULL), NULL);
  _sock_session_fail_join (session, g_error_copy (error));
  SOCK_SESSION_GET_CLASS (self)->lost (session, error);
  _sock_session_closed (session, error);
  sock_transport_close (sock_session_get_transport (session), 1002, "protocol violation");
}

static gboolean
joined_only (SockWamp2Session      *self,
             const SockWampMessage *message)
{
  SockSessionState state = sock_session_get_state (SOCK_SESSION (self));

  if (state == SOCK_SESSION_JOINED || state == SOCK_SESSION_LEAVING)
    return TRUE;

  {
    g_autofree char *text = g_strdup_printf (_("%s before the session was joined"),
                                             sock_wamp_message_type_name (SOCK_WAMP_V2, message->type));
    _sock_wamp2_violation (self, text);
  }
  return FALSE;
}

static void
dispatch (SockWamp2Session      *self,
          const SockWampMessage *message,
          gint64                 time_us)
{
  SockSessionState state = sock_session_get_state (SOCK_SESSION (self));

  switch (message->type)
    {
    case SOCK_WAMP_WELCOME:
      if (state != SOCK_SESSION_JOINING)
        return _sock_wamp2_violation (self, _("WELCOME after the session was joined"));
      return handle_welcome (self, message);
    case SOCK_WAMP_ABORT:
      return handle_abort (self, message);
    case SOCK_WAMP_CHALLENGE:
      if (state != SOCK_SESSION_JOINING)
        return _sock_wamp2_violation (self, _("CHALLENGE after the session was joined"));
      return _sock_wamp2_handle_challenge (self, message);
    case SOCK_WAMP_GOODBYE:
      return handle_goodbye (self, message);
    case SOCK_WAMP_EVENT:
    case SOCK_WAMP_PUBLISHED:
    case SOCK_WAMP_SUBSCRIBED:
    case SOCK_WAMP_UNSUBSCRIBED:
      if (joined_only (self, message))
        _sock_wamp2_handle_pubsub (self, message, time_us);
      return;
    case SOCK_WAMP_RESULT:
    case SOCK_WAMP_REGISTERED:
    case SOCK_WAMP_UNREGISTERED:
    case SOCK_WAMP_INVOCATION:
    case SOCK_WAMP_INTERRUPT:
      if (joined_only (self, message))
        _sock_wamp2_handle_rpc (self, message);
      return;
    case SOCK_WAMP_ERROR:
      if (joined_only (self, message))
        _sock_wamp2_handle_error (self, message);
      return;
    default:
      {
        g_autofree char *text = g_strdup_printf (_("a client does not expect %s from a router"),
                                                 sock_wamp_message_type_name (SOCK_WAMP_V2, message->type));
        _sock_wamp2_violation (self, text);
      }
    }
}

/* The topic or procedure of the request an answer answers: RESULT and SUBSCRIBED name none, and
 * the log shows it in their URI column. (Router-initiated requests such as INVOCATION count
 * their ids apart from ours, hence the list of answer types.) */
static const char *
answered_uri (SockWamp2Session      *self,
              const SockWampMessage *message)
{
  SockWamp2Pending *pending;

  switch (message->type)
    {
    case SOCK_WAMP_SUBSCRIBED:
    case SOCK_WAMP_UNSUBSCRIBED:
    case SOCK_WAMP_PUBLISHED:
    case SOCK_WAMP_RESULT:
    case SOCK_WAMP_REGISTERED:
    case SOCK_WAMP_UNREGISTERED:
      pending = g_hash_table_lookup (self->pending, &message->request_id);
      return pending != NULL ? pending->uri : NULL;
    default:
      return NULL;
    }
}

static void
receive_one (SockWamp2Session *self,
             gboolean          is_text,
             const guint8     *data,
             gsize             len,
             gint64            time_us)
{
  SockSession *session = SOCK_SESSION (self);
  g_autoptr(GError) error = NULL;
  g_auto(SockWampMessage) message = { 0 };

  if (!sock_wamp_decode_serialized (sock_session_get_serializer (session), data, len, self->decoded,
                                    &message, &error))
    {
      _sock_session_log_protocol_error (session, error, is_text, data, len, time_us);
      return _sock_wamp2_violation (self, error->message);
    }

  if (message.null_payload && !self->noted_null_payload)
    {
      /* said once: fox-wamp and wamp-server send it on every message without kwargs */
      self->noted_null_payload = TRUE;
      _sock_session_marker (session, _("The router sends null for Arguments or ArgumentsKw, which WAMP "
                                       "does not allow (it omits them or sends [] and {}); Sockscope reads "
                                       "null as absent"));
    }

  if (message.type == SOCK_WAMP_EVENT)
    return _sock_wamp2_receive_event (self, &message, data, len, time_us);

  _sock_session_log_message_for (session, SOCK_LOG_DIRECTION_IN, &message, answered_uri (self, &message),
                                 data, len, time_us);
  dispatch (self, &message, time_us);
}

static void
sock_wamp2_session_receive (SockSession  *session,
                            gboolean      is_text,
                            const guint8 *data,
                            gsize         len,
                            gint64        time_us)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  SockWampSerializer serializer = sock_session_get_serializer (session);
  g_autoptr(SockWamp2Session) alive = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *message;
  gsize message_len;
  gsize pos = 0;

  if (is_text == sock_wamp_serializer_is_binary (serializer))
    {
      const char *protocol = sock_wamp_serializer_to_subprotocol (serializer, _sock_session_get_batched (session));
      g_autofree char *size = sock_format_number (len);

      error = g_error_new (SOCK_ERROR, SOCK_ERROR_PROTOCOL,
                           /* TRANSLATORS: a count of bytes ("1,500"), then the subprotocol */
                           is_text ? _("a text frame (%s bytes) on the binary subprotocol %s")
                                   /* TRANSLATORS: a count of bytes ("1,500"), then the subprotocol */
                                   : _("a binary frame (%s bytes) on the text subprotocol %s"),
                           size, protocol);
      _sock_session_log_protocol_error (session, error, is_text, data, len, time_us);
      return _sock_wamp2_violation (self, error->message);
    }
  if (!_sock_session_get_batched (session))
    return receive_one (self, is_text, data, len, time_us);

  /* a batch: each message in turn, until one closes the session */
  alive = g_object_ref (self);
  while (sock_session_get_state (session) != SOCK_SESSION_CLOSED &&
         sock_wamp_serializer_batch_next (serializer, data, len, &pos, &message, &message_len, &error))
    receive_one (self, is_text, message, message_len, time_us);
  if (error != NULL && sock_session_get_state (session) != SOCK_SESSION_CLOSED)
    {
      _sock_session_log_protocol_error (session, error, is_text, data, len, time_us);
      _sock_wamp2_violation (self, error->message);
    }
}

static void
fail_pending (gpointer key,
              gpointer value,
              gpointer user_data)
{
  SockWamp2Pending *pending = value;
  const GError *error = user_data;

  g_task_return_error (pending->task, g_error_copy (error));
}

static void
sock_wamp2_session_lost (SockSession  *session,
                         const GError *error)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  g_autoptr(GHashTable) pending = g_steal_pointer (&self->pending);
  g_autoptr(GError) lost = NULL;

  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, _sock_wamp2_pending_free);
  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  if (pending == NULL)
    return;

  lost = error ? g_error_copy (error)
               : g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST,
                                      _("The connection closed with the request pending"));
  if (lost->domain != SOCK_SESSION_ERROR)
    {
      g_autofree char *text = g_strdup_printf (_("The connection closed with the request pending: %s"),
                                               lost->message);
      g_clear_error (&lost);
      lost = g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST, text);
    }
  g_hash_table_foreach (pending, fail_pending, lost);
  _sock_wamp2_interrupt_all (self);
}

static void
sock_wamp2_session_class_init (SockWamp2SessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SockSessionClass *session_class = SOCK_SESSION_CLASS (klass);

  object_class->dispose = sock_wamp2_session_dispose;
  object_class->finalize = sock_wamp2_session_finalize;

  session_class->receive = sock_wamp2_session_receive;
  session_class->join = sock_wamp2_session_join;
  session_class->leave = sock_wamp2_session_leave;
  session_class->lost = sock_wamp2_session_lost;
  session_class->subscribe = _sock_wamp2_subscribe;
  session_class->unsubscribe = _sock_wamp2_unsubscribe;
  session_class->publish = _sock_wamp2_publish;
  session_class->call = _sock_wamp2_call;
}

static void
sock_wamp2_session_init (SockWamp2Session *self)
{
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, _sock_wamp2_pending_free);
  self->expired = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->subscribed = _sock_wamp2_subscribed_new ();
  self->registrations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, _sock_wamp2_registration_free);
  self->invocations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->decoded = g_string_sized_new (256);
}

SockWamp2Session *
sock_wamp2_session_new_serialized (SockTransport             *transport,
                                   SockMessageLog            *log,
                                   const char                *reason,
                                   const char                *realm,
                                   const SockWampCredentials *credentials,
                                   SockWampSerializer         serializer,
                                   gboolean                   batched)
{
  SockWamp2Session *self = sock_wamp2_session_new (transport, log, reason, realm, credentials);

  if (self != NULL)
    _sock_session_set_serializer (SOCK_SESSION (self), serializer, batched);
  return self;
}

SockWamp2Session *
sock_wamp2_session_new (SockTransport             *transport,
                        SockMessageLog            *log,
                        const char                *reason,
                        const char                *realm,
                        const SockWampCredentials *credentials)
{
  SockWamp2Session *self;

  g_return_val_if_fail (SOCK_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);
  g_return_val_if_fail (realm != NULL, NULL);

  self = g_object_new (SOCK_TYPE_WAMP2_SESSION, "transport", transport, "log", log,
                       "kind", SOCK_SESSION_KIND_WAMP2, "reason", reason, NULL);
  self->realm = g_strdup (realm);
  if (credentials != NULL)
    {
      self->authid = g_strdup (credentials->authid);
      self->ticket = g_strdup (credentials->ticket);
      self->secret = g_strdup (credentials->secret);
      if (credentials->cryptosign_key != NULL)
        self->cryptosign_key = sock_wamp_cryptosign_key_ref (credentials->cryptosign_key);
    }
  return self;
}

const char *
sock_wamp2_session_get_realm (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->realm;
}

gint64
sock_wamp2_session_get_session_id (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), 0);
  return self->session_id;
}

const char *
sock_wamp2_session_get_authid (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->welcome_authid;
}

const char *
sock_wamp2_session_get_authrole (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->authrole;
}

const char *
sock_wamp2_session_get_authmethod (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->authmethod;
}

const char *
sock_wamp2_session_get_authprovider (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->authprovider;
}

const char *
sock_wamp2_session_get_router_agent (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->router_agent;
}

const char *
sock_wamp2_session_get_router_roles (SockWamp2Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), NULL);
  return self->router_roles;
}

gboolean
sock_wamp2_session_has_feature (SockWamp2Session *self,
                                const char       *role,
                                const char       *feature)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (SOCK_IS_WAMP2_SESSION (self), FALSE);

  if (self->router_roles_object == NULL ||
      !(node = json_object_get_member (self->router_roles_object, role)) || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!(node = json_object_get_member (object, "features")) || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  node = json_object_get_member (json_node_get_object (node), feature);
  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}
