/* sock-router-admin-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Meta calls and subscriptions with a deadline: the router is asked to time the call out
 * (CALL.timeout), and a timer of our own cancels the wait a second later for routers that
 * ignore it. The actions built on them: kill a session, read a subscription's event history.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-error.h"
#include "sock-router-admin-private.h"
#include "sock-session-private.h"

#define GRACE_MS 1000

typedef struct
{
  SockRouterAdmin   *self;         /* a reference */
  char              *what;         /* the procedure or topic, for the timeout's words */
  GCancellable      *cancellable;  /* cancelled by the timer or by the admin's dispose */
  gulong             cancel_id;
  GSource           *timer;
  gboolean           timed_out;
  SockAdminCallFunc  func;
  gpointer           data;
} Call;

static void
call_free (Call *call)
{
  g_cancellable_disconnect (call->self->cancellable, call->cancel_id);
  if (call->timer != NULL)
    {
      g_source_destroy (call->timer);
      g_source_unref (call->timer);
    }
  g_object_unref (call->cancellable);
  g_object_unref (call->self);
  g_free (call->what);
  g_free (call);
}

static gboolean
call_timed_out (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
owner_cancelled (GCancellable *owner,
                 GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static Call *
call_new (SockRouterAdmin   *self,
          const char        *what,
          SockAdminCallFunc  func,
          gpointer           data)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->what = g_strdup (what);
  call->cancellable = g_cancellable_new ();
  call->cancel_id = g_cancellable_connect (self->cancellable, G_CALLBACK (owner_cancelled),
                                           call->cancellable, NULL);
  call->timer = g_timeout_source_new (self->timeout_ms + GRACE_MS);
  g_source_set_callback (call->timer, call_timed_out, call, NULL);
  g_source_attach (call->timer, NULL);
  call->func = func;
  call->data = data;
  return call;
}

/* Hands the outcome over, with a timeout in words instead of "cancelled". */
static void
call_complete (Call           *call,
               SockCallResult *result,
               GError         *error)
{
  if (call->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new (SOCK_ERROR, SOCK_ERROR_TIMED_OUT, _("%s: no answer within %u s"),
                           call->what, (call->self->timeout_ms + GRACE_MS) / 1000);
    }
  call->func (call->self, result, error, call->data);
  g_clear_error (&error);
  call_free (call);
}

static void
call_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GError *error = NULL;
  SockCallResult *result = sock_session_call_finish (SOCK_SESSION (object), res, &error);

  call_complete (user_data, result, error);
  if (result != NULL)
    sock_call_result_free (result);
}

static SockSession *
joined_session (SockRouterAdmin *self,
                GError         **error)
{
  SockSession *session = sock_connection_get_session (self->connection);

  if (session == NULL || sock_session_get_state (session) != SOCK_SESSION_JOINED)
    {
      g_set_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED,
                   _("The connection has not joined a realm"));
      return NULL;
    }
  return session;
}

void
_sock_router_admin_call (SockRouterAdmin   *self,
                         const char        *procedure,
                         JsonArray         *args,
                         JsonObject        *kwargs,
                         SockAdminCallFunc  func,
                         gpointer           data)
{
  SockCallOptions options = { .timeout_ms = self->timeout_ms };
  GError *error = NULL;
  SockSession *session = joined_session (self, &error);
  Call *call = call_new (self, procedure, func, data);

  if (session == NULL)
    {
      call_complete (call, NULL, error);
      return;
    }
  sock_session_call_async (session, procedure, args, kwargs, &options, NULL, NULL,
                           call->cancellable, call_cb, call);
}

static void
subscribe_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  GError *error = NULL;

  sock_session_subscribe_finish (SOCK_SESSION (object), res, NULL, &error);
  call_complete (user_data, NULL, error);
}

void
_sock_router_admin_subscribe (SockRouterAdmin   *self,
                              const char        *topic,
                              SockMatch          match,
                              SockAdminCallFunc  func,
                              gpointer           data)
{
  GError *error = NULL;
  SockSession *session = joined_session (self, &error);
  Call *call = call_new (self, topic, func, data);

  if (session == NULL)
    {
      call_complete (call, NULL, error);
      return;
    }
  /* not the user's: kept out of the connection's subscriptions (see sock-router-admin.c) */
  _sock_session_subscribe_internal_async (session, topic, match, call->cancellable,
                                          subscribe_cb, call);
}

JsonNode *
_sock_router_admin_result_arg (SockCallResult *result)
{
  g_autoptr(JsonNode) args = NULL;
  JsonArray *array;

  if (result == NULL || result->args == NULL)
    return NULL;
  args = json_from_string (result->args, NULL);
  if (args == NULL || !JSON_NODE_HOLDS_ARRAY (args))
    return NULL;
  array = json_node_get_array (args);
  if (json_array_get_length (array) == 0)
    return NULL;
  return json_node_copy (json_array_get_element (array, 0));
}

JsonArray *
_sock_router_admin_id_args (gint64 id)
{
  JsonArray *args = json_array_new ();

  json_array_add_int_element (args, id);
  return args;
}

gboolean
sock_router_admin_error_is_not_offered (const GError *error)
{
  static const char * const uris[] = {
    "wamp.error.no_such_procedure", "wamp.error.not_authorized",
    "wamp.error.feature_not_supported", "wamp.error.authorization_failed",
  };
  const char *uri = error ? sock_session_error_get_uri (error) : NULL;

  if (uri == NULL || !g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_REMOTE))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    if (g_str_equal (uri, uris[i]))
      return TRUE;
  return FALSE;
}

/* Actions ------------------------------------------------------------------------------- */

static void
task_done (SockRouterAdmin *self,
           SockCallResult  *result,
           const GError    *error,
           gpointer         data)
{
  g_autoptr(GTask) task = data;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, sock_call_result_copy (result),
                           (GDestroyNotify) sock_call_result_free);
}

static void
kill_done (SockRouterAdmin *self,
           SockCallResult  *result,
           const GError    *error,
           gpointer         data)
{
  GTask *task = data;
  gint64 *session = g_task_get_task_data (task);
  guint position;

  /* Without meta events nothing else would take it off the list. */
  if (error == NULL && _sock_router_admin_find (self, SOCK_ADMIN_SESSIONS, *session, &position))
    g_list_store_remove (self->lists[SOCK_ADMIN_SESSIONS].store, position);
  task_done (self, result, error, data);
}

void
sock_router_admin_kill_session_async (SockRouterAdmin     *self,
                                      gint64               session,
                                      const char          *reason,
                                      const char          *message,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = json_object_new ();
  GTask *task;

  g_return_if_fail (SOCK_IS_ROUTER_ADMIN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_router_admin_kill_session_async);
  g_task_set_task_data (task, g_memdup2 (&session, sizeof session), g_free);
  if (reason != NULL && !sock_wamp_uri_is_valid (reason, FALSE))
    {
      g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a valid reason: a reason is a URI such as wamp.close.killed"),
                               reason);
      g_object_unref (task);
      return;
    }
  if (reason != NULL)
    json_object_set_string_member (kwargs, "reason", reason);
  if (message != NULL)
    json_object_set_string_member (kwargs, "message", message);
  args = _sock_router_admin_id_args (session);
  _sock_router_admin_call (self, "wamp.session.kill", args, kwargs, kill_done, task);
}

gboolean
sock_router_admin_kill_session_finish (SockRouterAdmin  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  SockCallResult *call_result;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  call_result = g_task_propagate_pointer (G_TASK (result), error);
  if (call_result == NULL)
    return FALSE;
  sock_call_result_free (call_result);
  return TRUE;
}

void
sock_router_admin_get_events_async (SockRouterAdmin     *self,
                                    gint64               subscription,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = json_object_new ();
  GTask *task;

  g_return_if_fail (SOCK_IS_ROUTER_ADMIN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_router_admin_get_events_async);
  args = _sock_router_admin_id_args (subscription);
  if (limit > 0)
    json_object_set_int_member (kwargs, "limit", limit);
  _sock_router_admin_call (self, "wamp.subscription.get_events", args, kwargs, task_done, task);
}

JsonArray *
sock_router_admin_get_events_finish (SockRouterAdmin  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_autoptr(JsonNode) first = NULL;
  SockCallResult *call_result;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call_result = g_task_propagate_pointer (G_TASK (result), error);
  if (call_result == NULL)
    return NULL;
  first = _sock_router_admin_result_arg (call_result);
  sock_call_result_free (call_result);
  if (first == NULL || !JSON_NODE_HOLDS_ARRAY (first))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL,
                   _("wamp.subscription.get_events did not answer with a list of events"));
      return NULL;
    }
  return json_array_ref (json_node_get_array (first));
}
