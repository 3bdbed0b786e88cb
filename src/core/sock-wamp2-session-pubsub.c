/* sock-wamp2-session-pubsub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v2 requests in general (ids, the pending table, ERROR) and publish/subscribe. EVENT is the
 * hot path: no JSON tree is built for it unless the subscription is a pattern (the concrete topic
 * is then in Details.topic).
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-json-scan.h"
#include "sock-wamp2-session-private.h"
#include "sock-wamp-uri.h"

typedef struct
{
  char      *topic;
  SockMatch  match;
  guint32    uri;    /* topic interned in the log once, not per event */
  /* where events are counted without a second lookup (a reference) */
  SockSubscription *sub;
} Subscribed;

static void
subscribed_free (gpointer data)
{
  Subscribed *subscribed = data;

  g_free (subscribed->topic);
  g_clear_object (&subscribed->sub);
  g_free (subscribed);
}

/* Requests */

gint64
_sock_wamp2_next_request (SockWamp2Session *self)
{
  /* request ids count up per session, within [1, 2^53] */
  if (self->next_request >= G_GINT64_CONSTANT (9007199254740992))
    self->next_request = 0;
  return ++self->next_request;
}

SockWamp2Pending *
_sock_wamp2_pending_add (SockWamp2Session *self,
                         int               type,
                         GTask            *task)
{
  SockWamp2Pending *pending = g_new0 (SockWamp2Pending, 1);

  pending->session = self;
  pending->type = type;
  pending->request = _sock_wamp2_next_request (self);
  pending->task = g_object_ref (task);
  g_hash_table_insert (self->pending, &pending->request, pending);
  return pending;
}

void
_sock_wamp2_pending_free (gpointer data)
{
  SockWamp2Pending *pending = data;

  if (pending->cancel_id != 0)
    g_cancellable_disconnect (pending->cancellable, pending->cancel_id);
  g_clear_object (&pending->cancellable);
  g_clear_object (&pending->task);
  g_clear_pointer (&pending->registration, _sock_wamp2_registration_free);
  _sock_session_deadline_stop (pending->deadline);
  g_free (pending->uri);
  g_free (pending);
}

/* What did not come back, for the error and the log. */
static char *
describe_expired (SockWamp2Session *self,
                  SockWamp2Pending *pending,
                  guint             ms)
{
  g_autofree char *within = _sock_format_ms (ms);

  switch (pending->type)
    {
    case SOCK_WAMP_SUBSCRIBE:
      return g_strdup_printf (_("No SUBSCRIBED for %s within %s"), pending->uri, within);
    case SOCK_WAMP_UNSUBSCRIBE:
      return g_strdup_printf (_("No UNSUBSCRIBED for %s within %s"), pending->uri, within);
    case SOCK_WAMP_PUBLISH:
      return g_strdup_printf (_("No PUBLISHED for %s within %s (some routers acknowledge only "
                                "publications that reach a subscriber; the event may still have been "
                                "delivered)"), pending->uri, within);
    case SOCK_WAMP_REGISTER:
      return g_strdup_printf (_("No REGISTERED for %s within %s"), pending->uri, within);
    case SOCK_WAMP_UNREGISTER:
      return g_strdup_printf (_("No UNREGISTERED for registration %" PRId64 " within %s"),
                              pending->id, within);
    case SOCK_WAMP_CALL:
    default:
      return g_strdup_printf (_("No RESULT for %s within %s"), pending->uri, within);
    }
}

static guint
deadline_of (SockWamp2Session *self,
             SockWamp2Pending *pending)
{
  if (pending->type == SOCK_WAMP_CALL)
    return pending->deadline_ms ? pending->deadline_ms : _sock_session_deadline_ms (SOCK_SESSION (self),
                                                                                     SOCK_DEADLINE_CALL);
  return _sock_session_deadline_ms (SOCK_SESSION (self), SOCK_DEADLINE_ACK);
}

static void
pending_expired (SockSession *session,
                 gpointer     data)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, ((SockWamp2Pending *)data)->request);
  g_autofree char *what = describe_expired (self, pending, deadline_of (self, pending));
  GError *error = _sock_session_timed_out (session, "%s", what);

  if (g_hash_table_size (self->expired) > 1024)
    g_hash_table_remove_all (self->expired);
  g_hash_table_insert (self->expired, g_memdup2 (&pending->request, sizeof (gint64)),
                       GINT_TO_POINTER (pending->type));
  if (pending->type == SOCK_WAMP_CALL &&
      sock_wamp2_session_has_feature (self, "dealer", "call_canceling"))
    {
      g_autoptr(JsonObject) options = json_object_new ();

      json_object_set_string_member (options, "mode", "skip");
      _sock_session_send_message (session, SOCK_WAMP_V2, sock_wamp_build_cancel (pending->request, options), NULL);
    }
  g_task_return_error (pending->task, error);
  _sock_wamp2_pending_free (pending);
}

void
_sock_wamp2_pending_rearm (SockWamp2Session *self,
                           SockWamp2Pending *pending)
{
  _sock_session_deadline_stop (pending->deadline);
  pending->deadline = _sock_session_deadline_start (SOCK_SESSION (self), deadline_of (self, pending),
                                                    pending_expired, pending);
}

gboolean
_sock_wamp2_late_answer (SockWamp2Session      *self,
                         const SockWampMessage *message)
{
  if (!g_hash_table_remove (self->expired, &message->request_id))
    return FALSE;
  _sock_session_marker (SOCK_SESSION (self), _("%s for request %" PRId64 " came after its deadline: "
                                               "ignored"),
                        sock_wamp_message_type_name (SOCK_WAMP_V2, message->type), message->request_id);
  return TRUE;
}

SockWamp2Pending *
_sock_wamp2_pending_take (SockWamp2Session *self,
                          gint64            request)
{
  gpointer key, value;

  if (!g_hash_table_steal_extended (self->pending, &request, &key, &value))
    return NULL;
  return value;
}

gboolean
_sock_wamp2_send_request (SockWamp2Session *self,
                          SockWamp2Pending *pending,
                          char             *text)
{
  GError *error = NULL;

  pending->deadline = _sock_session_deadline_start (SOCK_SESSION (self), deadline_of (self, pending),
                                                    pending_expired, pending);
  if (_sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2, text, &error))
    return TRUE;

  pending = _sock_wamp2_pending_take (self, pending->request);
  g_task_return_error (pending->task, error);
  _sock_wamp2_pending_free (pending);
  return FALSE;
}

GError *
_sock_wamp2_error_from (const SockWampMessage *message)
{
  const char *uri = sock_wamp_message_get_uri (message);
  const char *meaning = sock_wamp_uri_explain (uri);
  g_autoptr(GString) text = g_string_new (uri);

  if (message->args.data != NULL && message->args.len > 2)
    g_string_append_printf (text, " %.*s", (int)MIN (message->args.len, 500), message->args.data);
  if (message->kwargs.data != NULL && message->kwargs.len > 2)
    g_string_append_printf (text, " %.*s", (int)MIN (message->kwargs.len, 500), message->kwargs.data);
  if (meaning != NULL)
    g_string_append_printf (text, " (%s)", meaning);

  return sock_session_error_new (SOCK_SESSION_ERROR_REMOTE, uri, message->args, message->kwargs, text->str);
}

void
_sock_wamp2_handle_error (SockWamp2Session      *self,
                          const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);

  _sock_session_count_error (SOCK_SESSION (self), SOCK_STATS_ERROR_WAMP, sock_wamp_message_get_uri (message));
  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL)
    {
      /* e.g. the answer to a call cancelled with mode skip */
      _sock_session_marker (SOCK_SESSION (self), _("ERROR for request %" PRId64
                                                   " that nothing waits for"), message->request_id);
      return;
    }
  if (pending->type != message->request_type)
    {
      g_autofree char *text = g_strdup_printf (_("ERROR for a %s names request %" PRId64
                                                 ", which was a %s"),
                                               sock_wamp_message_type_name (SOCK_WAMP_V2, message->request_type),
                                               message->request_id,
                                               sock_wamp_message_type_name (SOCK_WAMP_V2, pending->type));
      g_hash_table_insert (self->pending, &pending->request, pending);
      return _sock_wamp2_violation (self, text);
    }

  g_task_return_error (pending->task, _sock_wamp2_error_from (message));
  _sock_wamp2_pending_free (pending);
}

/* Publish and subscribe */

void
_sock_wamp2_subscribe (SockSession *session,
                       const char  *topic,
                       SockMatch    match,
                       GTask       *task)
{
  g_autoptr(GError) uri_error = NULL;
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  g_autoptr(JsonObject) options = json_object_new ();
  SockWamp2Pending *pending;

  if (!sock_wamp_uri_check (topic, SOCK_WAMP_URI_TOPIC, match, &uri_error))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT, "%s",
                                    uri_error->message);
  if (match != SOCK_MATCH_EXACT)
    json_object_set_string_member (options, "match", sock_match_to_string (match));

  pending = _sock_wamp2_pending_add (self, SOCK_WAMP_SUBSCRIBE, task);
  pending->uri = g_strdup (topic);
  pending->match = match;
  _sock_wamp2_send_request (self, pending, sock_wamp_build_subscribe (pending->request, options, topic));
}

void
_sock_wamp2_unsubscribe (SockSession *session,
                         const char  *topic,
                         SockMatch    match,
                         GTask       *task)
{
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  SockSubscription *sub = _sock_session_find_subscription (session, topic, match);
  gint64 id = sock_subscription_get_id (sub);
  SockWamp2Pending *pending;

  pending = _sock_wamp2_pending_add (self, SOCK_WAMP_UNSUBSCRIBE, task);
  pending->uri = g_strdup (topic);
  pending->match = match;
  pending->id = id;
  _sock_wamp2_send_request (self, pending, sock_wamp_build_unsubscribe (pending->request, id));
}

static JsonArray *
ids_array (const char * const *ids,
           GError            **error)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (ids[i], 10, 1, G_GINT64_CONSTANT (9007199254740992), &id, NULL))
        {
          g_set_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a WAMP v2 session id (an integer from 1 to 2^53)"), ids[i]);
          return NULL;
        }
      json_array_add_int_element (array, (gint64)id);
    }
  return g_steal_pointer (&array);
}

static JsonObject *
publish_options (const SockPublishOptions  *options,
                 GError                   **error)
{
  g_autoptr(JsonObject) object = json_object_new ();

  if (options->acknowledge)
    json_object_set_boolean_member (object, "acknowledge", TRUE);
  if (options->include_me)
    json_object_set_boolean_member (object, "exclude_me", FALSE);
  if (options->disclose_me)
    json_object_set_boolean_member (object, "disclose_me", TRUE);
  if (options->retain)
    json_object_set_boolean_member (object, "retain", TRUE);
  if (options->exclude != NULL)
    {
      JsonArray *array = ids_array (options->exclude, error);
      if (array == NULL)
        return NULL;
      json_object_set_array_member (object, "exclude", array);
    }
  if (options->eligible != NULL)
    {
      JsonArray *array = ids_array (options->eligible, error);
      if (array == NULL)
        return NULL;
      json_object_set_array_member (object, "eligible", array);
    }
  return g_steal_pointer (&object);
}

void
_sock_wamp2_publish (SockSession              *session,
                     const char               *topic,
                     const char               *args,
                     const char               *kwargs,
                     const SockPublishOptions *options,
                     GTask                    *task)
{
  g_autoptr(GError) uri_error = NULL;
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  g_autoptr(JsonObject) object = NULL;
  SockWamp2Pending *pending;
  GError *error = NULL;
  char *text;

  if (!sock_wamp_uri_check (topic, SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, &uri_error))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT, "%s",
                                    uri_error->message);
  if (!(object = publish_options (options, &error)))
    return g_task_return_error (task, error);

  if (options->acknowledge)
    {
      pending = _sock_wamp2_pending_add (self, SOCK_WAMP_PUBLISH, task);
      pending->uri = g_strdup (topic);
      _sock_wamp2_send_request (self, pending,
                                sock_wamp_build_request_raw (SOCK_WAMP_PUBLISH, pending->request, object, topic,
                                                             sock_json_range_of (args), sock_json_range_of (kwargs)));
      return;
    }

  text = sock_wamp_build_request_raw (SOCK_WAMP_PUBLISH, _sock_wamp2_next_request (self), object, topic,
                                      sock_json_range_of (args), sock_json_range_of (kwargs));
  if (_sock_session_send_message (session, SOCK_WAMP_V2, text, &error))
    g_task_return_int (task, 0);
  else
    g_task_return_error (task, error);
}

static void
handle_subscribed (SockWamp2Session      *self,
                   const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);
  Subscribed *subscribed;

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL || pending->type != SOCK_WAMP_SUBSCRIBE)
    return _sock_wamp2_violation (self, _("SUBSCRIBED for a request that is no SUBSCRIBE"));

  subscribed = g_new0 (Subscribed, 1);
  subscribed->topic = g_strdup (pending->uri);
  subscribed->match = pending->match;
  subscribed->uri = _sock_session_intern_uri (SOCK_SESSION (self), pending->uri);
  subscribed->sub = g_object_ref (_sock_session_add_subscription (SOCK_SESSION (self), pending->uri,
                                                                  pending->match, message->id,
                                                                  pending->task));
  g_hash_table_replace (self->subscribed, g_memdup2 (&message->id, sizeof (gint64)), subscribed);
  g_task_return_int (pending->task, message->id);
  _sock_wamp2_pending_free (pending);
}

/* The router may give two of our subscriptions (say an exact and a prefix one) the same id: events
 * then count on the one still held. */
static void
forget_subscription (SockWamp2Session *self,
                     gint64            id)
{
  SockSubscription *other = _sock_session_find_subscription_by_id (SOCK_SESSION (self), id);
  Subscribed *subscribed = g_hash_table_lookup (self->subscribed, &id);

  if (other == NULL)
    g_hash_table_remove (self->subscribed, &id);
  else if (subscribed != NULL)
    g_set_object (&subscribed->sub, other);
}

static void
handle_unsubscribed (SockWamp2Session      *self,
                     const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL || pending->type != SOCK_WAMP_UNSUBSCRIBE)
    return _sock_wamp2_violation (self, _("UNSUBSCRIBED for a request that is no UNSUBSCRIBE"));

  _sock_session_remove_subscription (SOCK_SESSION (self), pending->uri, pending->match);
  forget_subscription (self, pending->id);
  g_task_return_boolean (pending->task, TRUE);
  _sock_wamp2_pending_free (pending);
}

static void
handle_published (SockWamp2Session      *self,
                  const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL || pending->type != SOCK_WAMP_PUBLISH)
    return _sock_wamp2_violation (self, _("PUBLISHED for a request that is no acknowledged PUBLISH"));

  g_task_return_int (pending->task, message->publication);
  _sock_wamp2_pending_free (pending);
}

/* The concrete topic of a pattern subscription's event (Details.topic), read with the scanner: the
 * envelope was validated whole, so no tree is built. Fills buf (of size) or returns NULL. */
static const char *
concrete_topic (const SockWampMessage *message,
                char                  *buf,
                gsize                  size,
                char                 **heap)
{
  SockJsonElement element;
  char *out;

  if (message->details.data == NULL
      || !sock_json_object_find_member (message->details.data, message->details.len, "topic", &element)
      || element.kind != SOCK_JSON_STRING)
    return NULL;
  if (!element.has_escapes)
    {
      if (element.len - 2 >= size)
        return *heap = g_strndup (message->details.data + element.offset + 1, element.len - 2);
      memcpy (buf, message->details.data + element.offset + 1, element.len - 2);
      buf[element.len - 2] = '\0';
      return buf;
    }
  out = element.len < size ? buf : (*heap = g_malloc (element.len));
  sock_json_decode_string (message->details.data, &element, out);
  return out;
}

void
_sock_wamp2_receive_event (SockWamp2Session      *self,
                           const SockWampMessage *message,
                           const guint8          *raw,
                           gsize                  len,
                           gint64                 time_us)
{
  Subscribed *subscribed = g_hash_table_lookup (self->subscribed, &message->id);
  g_autofree char *heap = NULL;
  char buf[256];
  const char *topic = NULL;
  SockLogEntry entry = {
    .time_us = time_us,
    .second_id = message->id,
    .size = (guint32)MIN (len, G_MAXUINT32),
    .direction = SOCK_LOG_DIRECTION_IN,
    .kind = SOCK_LOG_KIND_WAMP2,
    .type = SOCK_WAMP_EVENT,
    .flags = _sock_session_serializer_flags (SOCK_SESSION (self)),
  };
  SockEvent event;

  if (subscribed != NULL && subscribed->match != SOCK_MATCH_EXACT)
    topic = concrete_topic (message, buf, sizeof buf, &heap);
  if (topic != NULL)
    entry.uri = _sock_session_intern_uri (SOCK_SESSION (self), topic);
  else if (subscribed != NULL)
    entry.uri = subscribed->uri;

  if (subscribed == NULL)
    {
      _sock_session_deliver_event (SOCK_SESSION (self), NULL, &entry, raw, len, NULL);
      /* events may still arrive right after an UNSUBSCRIBE */
      _sock_session_marker (SOCK_SESSION (self), _("EVENT for subscription %" PRId64
                                                   ", which is not ours (any more)"), message->id);
      return;
    }

  event = (SockEvent) {
    .time_us = time_us,
    .topic = topic ? topic : subscribed->topic,
    .subscribed = subscribed->topic,
    .subscription = message->id,
    .publication = message->publication,
    .args = message->args,
    .kwargs = message->kwargs,
    .details = message->details,
  };
  _sock_session_deliver_event (SOCK_SESSION (self), subscribed->sub, &entry, raw, len, &event);
}

void
_sock_wamp2_handle_pubsub (SockWamp2Session      *self,
                           const SockWampMessage *message,
                           gint64                 time_us)
{
  switch (message->type)
    {
    case SOCK_WAMP_SUBSCRIBED: return handle_subscribed (self, message);
    case SOCK_WAMP_UNSUBSCRIBED: return handle_unsubscribed (self, message);
    case SOCK_WAMP_PUBLISHED: return handle_published (self, message);
    default: g_assert_not_reached ();
    }
}

/* For the session's init: the table of subscriptions by id. */
GHashTable *
_sock_wamp2_subscribed_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, subscribed_free);
}
