/* sock-wamp2-invocation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockInvocation: one INVOCATION of a procedure this session registered, answered with YIELD
 * (progressive or final) or ERROR, its payload from json-glib or as JSON text sent as it is.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-json-input.h"
#include "sock-wamp2-session-private.h"

G_DEFINE_FINAL_TYPE (SockInvocation, sock_invocation, G_TYPE_OBJECT)

static void
sock_invocation_finalize (GObject *object)
{
  SockInvocation *self = (SockInvocation *)object;

  if (self->session != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->session), (gpointer *)&self->session);
  g_free (self->procedure);
  g_free (self->args);
  g_free (self->kwargs);
  g_free (self->details);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sock_invocation_parent_class)->finalize (object);
}

static void
sock_invocation_class_init (SockInvocationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_invocation_finalize;
}

static void
sock_invocation_init (SockInvocation *self)
{
  self->cancellable = g_cancellable_new ();
}

const char *
sock_invocation_get_procedure (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);
  return self->procedure;
}

gint64
sock_invocation_get_request (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), 0);
  return self->request;
}

gint64
sock_invocation_get_registration (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), 0);
  return self->registration;
}

const char *
sock_invocation_get_args (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);
  return self->args;
}

const char *
sock_invocation_get_kwargs (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);
  return self->kwargs;
}

const char *
sock_invocation_get_details (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);
  return self->details;
}

JsonArray *
sock_invocation_dup_args (SockInvocation *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);

  if (self->args == NULL || !(node = json_from_string (self->args, NULL)) || !JSON_NODE_HOLDS_ARRAY (node))
    return json_array_new ();
  return json_array_ref (json_node_get_array (node));
}

gboolean
sock_invocation_get_receive_progress (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), FALSE);
  return self->receive_progress;
}

GCancellable *
sock_invocation_get_cancellable (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), NULL);
  return self->cancellable;
}

gboolean
sock_invocation_is_answered (SockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), TRUE);
  return self->answered;
}

static gboolean
can_answer (SockInvocation *self)
{
  return !self->answered && self->session != NULL &&
         sock_session_get_state (SOCK_SESSION (self->session)) == SOCK_SESSION_JOINED;
}

static void
answered (SockInvocation *self)
{
  self->answered = TRUE;
  if (self->session != NULL)
    g_hash_table_remove (self->session->invocations, &self->request);
}

gboolean
sock_invocation_progress (SockInvocation *self,
                          JsonArray      *args,
                          JsonObject     *kwargs)
{
  g_autoptr(JsonObject) options = json_object_new ();

  g_return_val_if_fail (SOCK_IS_INVOCATION (self), FALSE);

  if (!self->receive_progress || !can_answer (self))
    return FALSE;
  json_object_set_boolean_member (options, "progress", TRUE);
  return _sock_session_send_message (SOCK_SESSION (self->session), SOCK_WAMP_V2,
                                     sock_wamp_build_yield (self->request, options, args, kwargs), NULL);
}

void
sock_invocation_return (SockInvocation *self,
                        JsonArray      *args,
                        JsonObject     *kwargs)
{
  g_return_if_fail (SOCK_IS_INVOCATION (self));

  if (!can_answer (self))
    return;
  _sock_session_send_message (SOCK_SESSION (self->session), SOCK_WAMP_V2,
                              sock_wamp_build_yield (self->request, NULL, args, kwargs), NULL);
  answered (self);
}

void
sock_invocation_return_error (SockInvocation *self,
                              const char     *error_uri,
                              JsonArray      *args,
                              JsonObject     *kwargs)
{
  g_return_if_fail (SOCK_IS_INVOCATION (self));
  g_return_if_fail (error_uri != NULL);

  if (!can_answer (self))
    return;
  _sock_session_send_message (SOCK_SESSION (self->session), SOCK_WAMP_V2,
                              sock_wamp_build_error (SOCK_WAMP_INVOCATION, self->request, NULL, error_uri,
                                                     args, kwargs), NULL);
  answered (self);
}

static gboolean
check_answer (SockInvocation  *self,
              const char      *args,
              const char      *kwargs,
              GError         **error)
{
  SockWampSerializer serializer = sock_session_get_serializer (SOCK_SESSION (self->session));

  return (args == NULL || sock_json_input_check (args, -1, SOCK_JSON_INPUT_ARRAY, serializer, _("Arguments"), error))
         && (kwargs == NULL || sock_json_input_check (kwargs, -1, SOCK_JSON_INPUT_OBJECT, serializer,
                                                      _("Keyword arguments"), error));
}

gboolean
sock_invocation_return_json (SockInvocation  *self,
                             const char      *args,
                             const char      *kwargs,
                             GError         **error)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), FALSE);

  if (!can_answer (self) || !check_answer (self, args, kwargs, error))
    return FALSE;
  _sock_session_send_message (SOCK_SESSION (self->session), SOCK_WAMP_V2,
                              sock_wamp_build_answer_raw (SOCK_WAMP_YIELD, self->request, NULL,
                                                          sock_json_range_of (args), sock_json_range_of (kwargs)),
                              NULL);
  answered (self);
  return TRUE;
}

gboolean
sock_invocation_return_error_json (SockInvocation  *self,
                                   const char      *error_uri,
                                   const char      *args,
                                   const char      *kwargs,
                                   GError         **error)
{
  g_return_val_if_fail (SOCK_IS_INVOCATION (self), FALSE);
  g_return_val_if_fail (error_uri != NULL, FALSE);

  if (!can_answer (self) || !check_answer (self, args, kwargs, error))
    return FALSE;
  _sock_session_send_message (SOCK_SESSION (self->session), SOCK_WAMP_V2,
                              sock_wamp_build_error_raw (SOCK_WAMP_INVOCATION, self->request, NULL, error_uri,
                                                         sock_json_range_of (args), sock_json_range_of (kwargs)),
                              NULL);
  answered (self);
  return TRUE;
}
