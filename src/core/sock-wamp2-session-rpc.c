/* sock-wamp2-session-rpc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v2 remote procedure calls, both as caller (CALL, progressive RESULTs, CANCEL) and as
 * callee (REGISTER, INVOCATION answered by a SockInvocation, INTERRUPT).
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-wamp2-session-private.h"
#include "sock-wamp-uri.h"


static const char * const cancel_modes[] = { "skip", "kill", "killnowait" };

/* Calling */

typedef struct
{
  SockWamp2Session *session;
  gint64            request;
} CancelData;

static gboolean
cancel_idle_cb (gpointer data)
{
  CancelData *cancel = data;
  SockWamp2Session *self = cancel->session;
  SockWamp2Pending *pending = g_hash_table_lookup (self->pending, &cancel->request);
  g_autoptr(JsonObject) options = json_object_new ();

  if (pending == NULL || sock_session_get_state (SOCK_SESSION (self)) != SOCK_SESSION_JOINED)
    return G_SOURCE_REMOVE;

  json_object_set_string_member (options, "mode", cancel_modes[pending->cancel_mode]);
  _sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2,
                              sock_wamp_build_cancel (pending->request, options), NULL);

  /* with kill, the router's ERROR (wamp.error.canceled) completes the call */
  if (pending->cancel_mode != SOCK_CANCEL_KILL)
    {
      pending = _sock_wamp2_pending_take (self, cancel->request);
      g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The call was cancelled"));
      _sock_wamp2_pending_free (pending);
    }
  return G_SOURCE_REMOVE;
}

static void
cancel_data_free (gpointer data)
{
  CancelData *cancel = data;

  g_object_unref (cancel->session);
  g_free (cancel);
}

static void
on_call_cancelled (GCancellable     *cancellable,
                   SockWamp2Pending *pending)
{
  CancelData *cancel = g_new0 (CancelData, 1);
  GSource *source = g_idle_source_new ();

  /* not here: a cancelled handler must not disconnect itself */
  cancel->session = g_object_ref (pending->session);
  cancel->request = pending->request;
  g_source_set_callback (source, cancel_idle_cb, cancel, cancel_data_free);
  g_source_set_static_name (source, "[sockscope] cancel call");
  g_source_attach (source, g_task_get_context (pending->task));
  g_source_unref (source);
}

static guint
call_deadline (SockWamp2Session      *self,
               const SockCallOptions *options)
{
  guint deadline = options->deadline_ms;

  if (deadline == 0)
    {
      guint ack = _sock_session_deadline_ms (SOCK_SESSION (self), SOCK_DEADLINE_ACK);

      deadline = _sock_session_deadline_ms (SOCK_SESSION (self), SOCK_DEADLINE_CALL);
      /* the router's own timeout answers first */
      if (deadline != 0 && options->timeout_ms > 0 && deadline < options->timeout_ms + ack)
        deadline = options->timeout_ms + MAX (ack, 1000);
      if (deadline == 0)
        deadline = G_MAXUINT;
    }
  return deadline;
}

void
_sock_wamp2_call (SockSession           *session,
                  const char            *procedure,
                  const char            *args,
                  const char            *kwargs,
                  const SockCallOptions *options,
                  SockProgressFunc       progress,
                  gpointer               progress_data,
                  GTask                 *task)
{
  g_autoptr(GError) uri_error = NULL;
  SockWamp2Session *self = SOCK_WAMP2_SESSION (session);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonObject) object = json_object_new ();
  SockWamp2Pending *pending;

  if (!sock_wamp_uri_check (procedure, SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, &uri_error))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT, "%s",
                                    uri_error->message);
  if (g_cancellable_is_cancelled (cancellable))
    return g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The call was cancelled"));

  if (options->timeout_ms > 0)
    json_object_set_int_member (object, "timeout", options->timeout_ms);
  if (options->receive_progress)
    json_object_set_boolean_member (object, "receive_progress", TRUE);

  pending = _sock_wamp2_pending_add (self, SOCK_WAMP_CALL, task);
  pending->uri = g_strdup (procedure);
  pending->progress = progress;
  pending->progress_data = progress_data;
  pending->cancel_mode = options->cancel_mode;
  pending->deadline_ms = call_deadline (self, options);
  if (!_sock_wamp2_send_request (self, pending,
                                 sock_wamp_build_request_raw (SOCK_WAMP_CALL, pending->request, object, procedure,
                                                              sock_json_range_of (args), sock_json_range_of (kwargs))))
    return;
  if (cancellable != NULL)
    {
      pending->cancellable = g_object_ref (cancellable);
      pending->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_call_cancelled), pending, NULL);
    }
}

static gboolean
is_progress (const SockWampMessage *message)
{
  g_autoptr(JsonObject) details = NULL;

  /* {} is by far the most common: skip building a tree for it */
  if (message->details.len <= 2 || g_strstr_len (message->details.data, message->details.len, "\"progress\"") == NULL)
    return FALSE;
  details = sock_wamp_message_dup_details (message, NULL);
  return details && json_object_has_member (details, "progress") &&
         json_node_get_value_type (json_object_get_member (details, "progress")) == G_TYPE_BOOLEAN &&
         json_object_get_boolean_member (details, "progress");
}

static void
handle_result (SockWamp2Session      *self,
               const SockWampMessage *message)
{
  SockWamp2Pending *pending = g_hash_table_lookup (self->pending, &message->request_id);

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL)
    {
      _sock_session_marker (SOCK_SESSION (self), _("RESULT for call %" PRId64
                                                   " that nothing waits for (cancelled?)"), message->request_id);
      return;
    }
  if (pending->type != SOCK_WAMP_CALL)
    return _sock_wamp2_violation (self, _("RESULT for a request that is no CALL"));

  if (is_progress (message))
    {
      _sock_wamp2_pending_rearm (self, pending);
      if (pending->progress != NULL)
        pending->progress (SOCK_SESSION (self), message->args, message->kwargs, pending->progress_data);
      return;
    }

  pending = _sock_wamp2_pending_take (self, message->request_id);
  g_task_return_pointer (pending->task, _sock_call_result_new (message->args, message->kwargs, message->details),
                         (GDestroyNotify)sock_call_result_free);
  _sock_wamp2_pending_free (pending);
}

/* Registering */

void
_sock_wamp2_registration_free (gpointer data)
{
  SockWamp2Registration *registration = data;

  if (registration->destroy != NULL)
    registration->destroy (registration->data);
  g_free (registration->procedure);
  g_free (registration);
}

void
sock_wamp2_session_register_async (SockWamp2Session    *self,
                                   const char          *procedure,
                                   JsonObject          *options,
                                   SockInvocationFunc   handler,
                                   gpointer             handler_data,
                                   GDestroyNotify       handler_destroy,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SockWamp2Registration *registration;
  SockWamp2Pending *pending;

  g_return_if_fail (SOCK_IS_WAMP2_SESSION (self));
  g_return_if_fail (procedure != NULL && handler != NULL);

  registration = g_new0 (SockWamp2Registration, 1);
  registration->procedure = g_strdup (procedure);
  registration->handler = handler;
  registration->data = handler_data;
  registration->destroy = handler_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_wamp2_session_register_async);
  if (sock_session_get_state (SOCK_SESSION (self)) != SOCK_SESSION_JOINED)
    {
      _sock_wamp2_registration_free (registration);
      return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED, _("Not joined"));
    }

  pending = _sock_wamp2_pending_add (self, SOCK_WAMP_REGISTER, task);
  pending->registration = registration;
  pending->uri = g_strdup (procedure);
  _sock_wamp2_send_request (self, pending, sock_wamp_build_register (pending->request, options, procedure));
}

gint64
sock_wamp2_session_register_finish (SockWamp2Session  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

void
sock_wamp2_session_unregister_async (SockWamp2Session    *self,
                                     gint64               registration,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SockWamp2Pending *pending;

  g_return_if_fail (SOCK_IS_WAMP2_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_wamp2_session_unregister_async);
  if (!g_hash_table_contains (self->registrations, &registration))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT,
                                    _("No registration %" PRId64 " in this session"), registration);

  pending = _sock_wamp2_pending_add (self, SOCK_WAMP_UNREGISTER, task);
  pending->id = registration;
  _sock_wamp2_send_request (self, pending, sock_wamp_build_unregister (pending->request, registration));
}

gboolean
sock_wamp2_session_unregister_finish (SockWamp2Session  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
handle_registered (SockWamp2Session      *self,
                   const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);
  SockWamp2Registration *registration;

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL || pending->type != SOCK_WAMP_REGISTER)
    return _sock_wamp2_violation (self, _("REGISTERED for a request that is no REGISTER"));

  registration = g_steal_pointer (&pending->registration);
  registration->id = message->id;
  g_hash_table_replace (self->registrations, &registration->id, registration);
  g_task_return_int (pending->task, message->id);
  _sock_wamp2_pending_free (pending);
}

static void
handle_unregistered (SockWamp2Session      *self,
                     const SockWampMessage *message)
{
  SockWamp2Pending *pending = _sock_wamp2_pending_take (self, message->request_id);

  if (pending == NULL && _sock_wamp2_late_answer (self, message))
    return;
  if (pending == NULL || pending->type != SOCK_WAMP_UNREGISTER)
    return _sock_wamp2_violation (self, _("UNREGISTERED for a request that is no UNREGISTER"));

  g_hash_table_remove (self->registrations, &pending->id);
  g_task_return_boolean (pending->task, TRUE);
  _sock_wamp2_pending_free (pending);
}

/* Invocations */

static char *
range_dup (SockJsonRange range)
{
  return range.data ? g_strndup (range.data, range.len) : NULL;
}

static void
handle_invocation (SockWamp2Session      *self,
                   const SockWampMessage *message)
{
  SockWamp2Registration *registration = g_hash_table_lookup (self->registrations, &message->id);
  g_autoptr(JsonObject) details = NULL;
  SockInvocation *invocation;

  if (registration == NULL)
    {
      _sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2,
                                  sock_wamp_build_error (SOCK_WAMP_INVOCATION, message->request_id, NULL,
                                                         "wamp.error.no_such_registration", NULL, NULL),
                                  NULL);
      return;
    }

  details = sock_wamp_message_dup_details (message, NULL);
  invocation = g_object_new (SOCK_TYPE_INVOCATION, NULL);
  invocation->session = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *)&invocation->session);
  invocation->procedure = g_strdup (registration->procedure);
  invocation->request = message->request_id;
  invocation->registration = message->id;
  invocation->args = range_dup (message->args);
  invocation->kwargs = range_dup (message->kwargs);
  invocation->details = range_dup (message->details);
  invocation->receive_progress = details && json_object_has_member (details, "receive_progress") &&
                                 json_object_get_boolean_member (details, "receive_progress");
  g_hash_table_replace (self->invocations, &invocation->request, invocation);

  g_object_ref (invocation);
  registration->handler (self, invocation, registration->data);
  g_object_unref (invocation);
}

static void
handle_interrupt (SockWamp2Session      *self,
                  const SockWampMessage *message)
{
  SockInvocation *invocation = g_hash_table_lookup (self->invocations, &message->request_id);

  if (invocation == NULL)
    return;  /* answered already */

  g_object_ref (invocation);
  g_cancellable_cancel (invocation->cancellable);
  if (!invocation->answered)
    sock_invocation_return_error (invocation, "wamp.error.canceled", NULL, NULL);
  g_object_unref (invocation);
}

void
_sock_wamp2_interrupt_all (SockWamp2Session *self)
{
  g_autoptr(GHashTable) invocations = g_steal_pointer (&self->invocations);
  GHashTableIter iter;
  gpointer value;

  self->invocations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  if (invocations == NULL)
    return;
  g_hash_table_iter_init (&iter, invocations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockInvocation *invocation = value;

      invocation->answered = TRUE;
      g_cancellable_cancel (invocation->cancellable);
    }
}

void
_sock_wamp2_handle_rpc (SockWamp2Session      *self,
                        const SockWampMessage *message)
{
  switch (message->type)
    {
    case SOCK_WAMP_RESULT: return handle_result (self, message);
    case SOCK_WAMP_REGISTERED: return handle_registered (self, message);
    case SOCK_WAMP_UNREGISTERED: return handle_unregistered (self, message);
    case SOCK_WAMP_INVOCATION: return handle_invocation (self, message);
    case SOCK_WAMP_INTERRUPT: return handle_interrupt (self, message);
    default: g_assert_not_reached ();
    }
}
