/* sock-wamp1-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-write.h"
#include "sock-json-scan.h"
#include "sock-wamp1-session-private.h"

typedef struct
{
  SockWamp1Session    *session;
  char                *id;
  char                *uri;
  GTask               *task;
  guint                deadline_ms;
  SockSessionDeadline *deadline;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  _sock_session_deadline_stop (call->deadline);
  g_clear_object (&call->task);
  g_free (call->id);
  g_free (call->uri);
  g_free (call);
}

G_DEFINE_FINAL_TYPE (SockWamp1Session, sock_wamp1_session, SOCK_TYPE_SESSION)

void
_sock_wamp1_clear_join_deadline (SockWamp1Session *self)
{
  g_clear_pointer (&self->welcome_deadline, _sock_session_deadline_stop);
}

static void
sock_wamp1_session_finalize (GObject *object)
{
  SockWamp1Session *self = (SockWamp1Session *)object;

  _sock_wamp1_clear_join_deadline (self);
  _sock_wamp1_auth_clear (self);
  g_clear_pointer (&self->authid, g_free);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->server_ident, g_free);
  g_clear_pointer (&self->prefixes, g_hash_table_unref);
  g_clear_pointer (&self->calls, g_hash_table_unref);

  G_OBJECT_CLASS (sock_wamp1_session_parent_class)->finalize (object);
}

/* Joining: the server speaks first */

static void
welcome_expired (SockSession *session,
                 gpointer     data)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  g_autofree char *within = _sock_format_ms (_sock_session_deadline_ms (session, SOCK_DEADLINE_JOIN));

  _sock_wamp1_clear_join_deadline (self);
  _sock_session_fail_join (session,
                           _sock_session_timed_out (session, _("No WAMP v1 WELCOME from the server within %s: the "
                                                               "WebSocket is open with subprotocol wamp, but a "
                                                               "WAMP v1 server speaks first; check the URL"),
                                                    within));
}

static void
sock_wamp1_session_join (SockSession *session)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);

  if (self->session_id != NULL)
    return _sock_session_joined (session);

  self->welcome_deadline = _sock_session_deadline_start (session,
                                                         _sock_session_deadline_ms (session, SOCK_DEADLINE_JOIN),
                                                         welcome_expired, NULL);
}

static void
sock_wamp1_session_leave (SockSession *session)
{
  /* v1 has no GOODBYE */
  _sock_session_closed (session, NULL);
  sock_transport_close (sock_session_get_transport (session), 1000, NULL);
}

static void
fail_call (gpointer key,
           gpointer value,
           gpointer user_data)
{
  g_task_return_error (((Call *)value)->task, g_error_copy (user_data));
}

static void
sock_wamp1_session_lost (SockSession  *session,
                         const GError *error)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  g_autoptr(GHashTable) calls = g_steal_pointer (&self->calls);
  g_autoptr(GError) lost = NULL;

  _sock_wamp1_clear_join_deadline (self);
  _sock_wamp1_auth_clear (self);
  self->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, call_free);
  lost = g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST,
                      _("The connection closed with the call pending%s%s"), error ? ": " : "",
                      error ? error->message : "");
  g_hash_table_foreach (calls, fail_call, lost);
}

/* Receiving */

char *
sock_wamp1_session_expand (SockWamp1Session *self,
                           const char       *curie)
{
  const char *colon;
  g_autofree char *prefix = NULL;
  const char *uri;

  g_return_val_if_fail (SOCK_IS_WAMP1_SESSION (self), NULL);
  g_return_val_if_fail (curie != NULL, NULL);

  /* a full URI ("http://…") is never a CURIE */
  if ((colon = strchr (curie, ':')) == NULL || g_str_has_prefix (colon, "://"))
    return g_strdup (curie);
  prefix = g_strndup (curie, colon - curie);
  if ((uri = g_hash_table_lookup (self->prefixes, prefix)) == NULL)
    return g_strdup (curie);
  return g_strconcat (uri, colon + 1, NULL);
}

static void
handle_welcome (SockWamp1Session      *self,
                const SockWampMessage *message)
{
  if (self->session_id != NULL)
    {
      _sock_session_marker (SOCK_SESSION (self), _("a second WELCOME: ignored"));
      return;
    }
  _sock_wamp1_clear_join_deadline (self);
  self->session_id = g_strdup (sock_wamp_message_get_session_id (message));
  self->server_ident = g_strdup (sock_wamp_message_get_server_ident (message));
  _sock_session_marker (SOCK_SESSION (self), _("WAMP v1 session %s with %s"), self->session_id,
                        self->server_ident);
  _sock_session_set_facts (SOCK_SESSION (self), self->session_id, NULL, NULL, NULL, NULL);
  if (sock_session_get_state (SOCK_SESSION (self)) != SOCK_SESSION_JOINING)
    return;
  /* with credentials, WAMP-CRA over RPC comes first (the server cannot ask for it in v1) */
  if (self->authid != NULL && self->secret != NULL)
    return _sock_wamp1_auth_start (self);
  _sock_session_joined (SOCK_SESSION (self));
}

/* EVENT takes the sessions' one route for events: the log, the subscription's counters, the event
 * func. v1 has no subscription ids: a short linear scan by the (expanded) topic. */
static void
receive_event (SockWamp1Session      *self,
               const SockWampMessage *message,
               const guint8          *raw,
               gsize                  len,
               gint64                 time_us)
{
  const char *uri = sock_wamp_message_get_uri (message);
  g_autofree char *topic = sock_wamp1_session_expand (self, uri);
  SockSubscription *sub = _sock_session_find_subscription (SOCK_SESSION (self), topic, SOCK_MATCH_EXACT);
  SockLogEntry entry = {
    .time_us = time_us,
    .uri = uri ? _sock_session_intern_uri (SOCK_SESSION (self), uri) : 0,
    .size = (guint32)MIN (len, G_MAXUINT32),
    .direction = SOCK_LOG_DIRECTION_IN,
    .kind = SOCK_LOG_KIND_WAMP1,
    .type = SOCK_WAMP1_EVENT,
  };
  SockEvent event = {
    .time_us = time_us,
    .topic = topic,
    .subscribed = topic,
    .args = message->args,
    .args_is_value = TRUE,
  };

  _sock_session_deliver_event (SOCK_SESSION (self), sub, &entry, raw, len, &event);
}

static void
handle_call_answer (SockWamp1Session      *self,
                    const SockWampMessage *message)
{
  const char *call_id = sock_wamp_message_get_call_id (message);
  gpointer key;
  Call *call;
  GTask *task;

  if (!g_hash_table_steal_extended (self->calls, call_id, &key, (gpointer *)&call))
    {
      _sock_session_marker (SOCK_SESSION (self), _("answer to call “%s” that nothing waits for (or came after "
                                                   "its deadline)"), call_id);
      return;
    }
  task = g_object_ref (call->task);
  call_free (call);
  if (message->type == SOCK_WAMP1_CALLRESULT)
    {
      g_autofree char *args = g_strdup_printf ("[%.*s]", (int)message->args.len, message->args.data);
      SockCallResult *result = g_new0 (SockCallResult, 1);

      result->args = g_steal_pointer (&args);
      g_task_return_pointer (task, result, (GDestroyNotify)sock_call_result_free);
    }
  else
    {
      const char *uri = sock_wamp_message_get_uri (message);
      const char *desc = sock_wamp_message_get_error_desc (message);

      _sock_session_count_error (SOCK_SESSION (self), SOCK_STATS_ERROR_WAMP, uri);
      g_autoptr(GString) args = g_string_new ("[");
      SockJsonRange range;

      sock_json_write_string (args, desc ? desc : "");
      if (message->error_details.data != NULL)
        g_string_append_printf (args, ",%.*s", (int)message->error_details.len, message->error_details.data);
      g_string_append_c (args, ']');
      range = (SockJsonRange) { args->str, args->len };
      g_task_return_error (task, sock_session_error_new (SOCK_SESSION_ERROR_REMOTE, uri, range, (SockJsonRange) { 0 },
                                                         desc && *desc ? desc : uri));
    }
  g_object_unref (task);
}

static void
report (SockWamp1Session *self,
        const char       *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
report (SockWamp1Session *self,
        const char       *format,
        ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (SOCK_ERROR, SOCK_ERROR_PROTOCOL, format, args);
  va_end (args);
  _sock_session_marker (SOCK_SESSION (self), _("protocol error: %s"), error->message);
  g_signal_emit_by_name (self, "protocol-error", error);
}

static void
dispatch (SockWamp1Session      *self,
          const SockWampMessage *message,
          gint64                 time_us)
{
  switch (message->type)
    {
    case SOCK_WAMP1_WELCOME:
      return handle_welcome (self, message);
    case SOCK_WAMP1_PREFIX:
      g_hash_table_replace (self->prefixes, g_strdup (sock_wamp_message_get_prefix (message)),
                            g_strdup (sock_wamp_message_get_uri (message)));
      return;
    case SOCK_WAMP1_CALLRESULT:
    case SOCK_WAMP1_CALLERROR:
      if (_sock_wamp1_auth_handle_answer (self, message))
        return;
      return handle_call_answer (self, message);
    default:
      report (self, _("a client does not expect %s from a server"),
              sock_wamp_message_type_name (SOCK_WAMP_V1, message->type));
    }
}

static void
sock_wamp1_session_receive (SockSession  *session,
                            gboolean      is_text,
                            const guint8 *data,
                            gsize         len,
                            gint64        time_us)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  g_autoptr(GError) error = NULL;

  if (!is_text)
    {
      g_autofree char *size = sock_format_number (len);

      /* TRANSLATORS: %s is a count of bytes, "1,500" */
      error = g_error_new (SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("a binary frame (%s bytes) on the JSON subprotocol"),
                           size);
      return _sock_session_log_protocol_error (session, error, is_text, data, len, time_us);
    }

  g_auto(SockWampMessage) message = { 0 };
  /* v1 servers send more than WAMP on the socket (Oro's "HTTP/1.1 403" text): report, go on */
  if (!sock_wamp_decode (SOCK_WAMP_V1, (const char *)data, len, &message, &error))
    return _sock_session_log_protocol_error (session, error, is_text, data, len, time_us);

  if (message.type == SOCK_WAMP1_EVENT)
    return receive_event (self, &message, data, len, time_us);
  _sock_session_log_message (session, SOCK_LOG_DIRECTION_IN, &message, data, len, time_us);
  dispatch (self, &message, time_us);
}

/* Requests */

static char *
full_uri (SockWamp1Session *self,
          const char       *uri)
{
  return sock_wamp1_session_expand (self, uri);
}

static void
send_or_fail (SockSession *session,
              char        *text,
              GTask       *task,
              gssize       value)
{
  GError *error = NULL;

  if (_sock_session_send_message (session, SOCK_WAMP_V1, text, &error))
    g_task_return_int (task, value);
  else
    g_task_return_error (task, error);
}

static void
sock_wamp1_session_subscribe (SockSession *session,
                              const char  *topic,
                              SockMatch    match,
                              GTask       *task)
{
  g_autofree char *uri = full_uri (SOCK_WAMP1_SESSION (session), topic);

  if (match != SOCK_MATCH_EXACT)
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_SUPPORTED,
                                    _("WAMP v1 has no pattern subscriptions (match %s)"),
                                    sock_match_to_string (match));
  _sock_session_add_subscription (session, uri, match, 0, task);
  send_or_fail (session, sock_wamp1_build_subscribe (uri), task, 0);
}

static char *
sock_wamp1_session_expand_uri (SockSession *session,
                               const char  *topic)
{
  return full_uri (SOCK_WAMP1_SESSION (session), topic);
}

static void
sock_wamp1_session_unsubscribe (SockSession *session,
                                const char  *topic,
                                SockMatch    match,
                                GTask       *task)
{
  g_autofree char *uri = full_uri (SOCK_WAMP1_SESSION (session), topic);

  _sock_session_remove_subscription (session, uri, match);
  send_or_fail (session, sock_wamp1_build_unsubscribe (uri), task, TRUE);
}

/* The one event value v1 sends, as a range of @args or @kwargs (JSON text): args[0] when args has
 * one element and there are no kwargs, kwargs when args is empty, else args (or null). */
static SockJsonRange
event_value (const char *args,
             const char *kwargs)
{
  SockJsonElement elements[1];
  SockJsonRange range = sock_json_range_of (args);
  guint n = 0;

  if (args != NULL && !sock_json_scan_array (args, range.len, elements, 1, &n, NULL, NULL))
    n = 0;
  if (args != NULL && n == 1 && kwargs == NULL)
    return (SockJsonRange) { args + elements[0].offset, elements[0].len };
  if (n == 0 && kwargs != NULL)
    return sock_json_range_of (kwargs);
  return range;
}

static void
sock_wamp1_session_publish (SockSession              *session,
                            const char               *topic,
                            const char               *args,
                            const char               *kwargs,
                            const SockPublishOptions *options,
                            GTask                    *task)
{
  g_autofree char *uri = full_uri (SOCK_WAMP1_SESSION (session), topic);
  const char * const none[] = { NULL };
  const char * const *exclude = options->exclude;
  char *text;

  if (options->acknowledge)
    _sock_session_marker (session, _("WAMP v1 has no publish acknowledgement: sent without one"));
  if (exclude == NULL && options->eligible != NULL)
    exclude = none;
  text = sock_wamp1_build_publish_raw (uri, event_value (args, kwargs), !options->include_me, exclude,
                                       options->eligible);
  send_or_fail (session, text, task, 0);
}

static guint
call_deadline (SockSession           *session,
               const SockCallOptions *options)
{
  if (options != NULL && options->deadline_ms != 0)
    return options->deadline_ms;
  return _sock_session_deadline_ms (session, SOCK_DEADLINE_CALL);
}

static void
call_expired (SockSession *session,
              gpointer     data)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  Call *call = data;
  g_autofree char *within = NULL;
  gpointer key;

  if (!g_hash_table_steal_extended (self->calls, call->id, &key, NULL))
    return;
  within = _sock_format_ms (call->deadline_ms);
  g_task_return_error (call->task, _sock_session_timed_out (session, _("No CALLRESULT for %s within %s"),
                                                            call->uri, within));
  call_free (call);
}

static void
sock_wamp1_session_call (SockSession           *session,
                         const char            *procedure,
                         const char            *args,
                         const char            *kwargs,
                         const SockCallOptions *options,
                         SockProgressFunc       progress,
                         gpointer               progress_data,
                         GTask                 *task)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  g_autofree char *uri = full_uri (self, procedure);
  g_autofree char *call_id = NULL;
  GError *error = NULL;
  Call *call;

  call_id = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->next_call);
  /* v1 has no keyword arguments: they go as a last argument */
  if (!_sock_session_send_message (session, SOCK_WAMP_V1,
                                   sock_wamp1_build_call_raw (call_id, uri, sock_json_range_of (args),
                                                              sock_json_range_of (kwargs)), &error))
    return g_task_return_error (task, error);
  call = g_new0 (Call, 1);
  call->session = self;
  call->id = g_steal_pointer (&call_id);
  call->uri = g_steal_pointer (&uri);
  call->task = g_object_ref (task);
  call->deadline_ms = call_deadline (session, options);
  call->deadline = _sock_session_deadline_start (session, call->deadline_ms, call_expired, call);
  g_hash_table_insert (self->calls, call->id, call);
}

void
sock_wamp1_session_set_credentials (SockWamp1Session *self,
                                    const char       *authid,
                                    const char       *secret)
{
  g_return_if_fail (SOCK_IS_WAMP1_SESSION (self));

  g_free (self->authid);
  self->authid = g_strdup (authid);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);
  self->secret = g_strdup (secret);
}

gboolean
sock_wamp1_session_add_prefix (SockWamp1Session  *self,
                               const char        *prefix,
                               const char        *uri,
                               GError           **error)
{
  g_return_val_if_fail (SOCK_IS_WAMP1_SESSION (self), FALSE);
  g_return_val_if_fail (prefix != NULL && uri != NULL, FALSE);

  if (!_sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V1, sock_wamp1_build_prefix (prefix, uri), error))
    return FALSE;
  g_hash_table_replace (self->prefixes, g_strdup (prefix), g_strdup (uri));
  return TRUE;
}

const char *
sock_wamp1_session_get_session_id (SockWamp1Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP1_SESSION (self), NULL);
  return self->session_id;
}

const char *
sock_wamp1_session_get_server_ident (SockWamp1Session *self)
{
  g_return_val_if_fail (SOCK_IS_WAMP1_SESSION (self), NULL);
  return self->server_ident;
}

static void
sock_wamp1_session_class_init (SockWamp1SessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SockSessionClass *session_class = SOCK_SESSION_CLASS (klass);

  object_class->finalize = sock_wamp1_session_finalize;

  session_class->receive = sock_wamp1_session_receive;
  session_class->join = sock_wamp1_session_join;
  session_class->leave = sock_wamp1_session_leave;
  session_class->lost = sock_wamp1_session_lost;
  session_class->subscribe = sock_wamp1_session_subscribe;
  session_class->expand_uri = sock_wamp1_session_expand_uri;
  session_class->unsubscribe = sock_wamp1_session_unsubscribe;
  session_class->publish = sock_wamp1_session_publish;
  session_class->call = sock_wamp1_session_call;
}

static void
sock_wamp1_session_init (SockWamp1Session *self)
{
  self->prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, call_free);
}

SockWamp1Session *
sock_wamp1_session_new (SockTransport  *transport,
                        SockMessageLog *log,
                        const char     *reason)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  return g_object_new (SOCK_TYPE_WAMP1_SESSION, "transport", transport, "log", log,
                       "kind", SOCK_SESSION_KIND_WAMP1, "reason", reason, NULL);
}
