/* sock-mock-callee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-json-input.h"
#include "sock-json-pretty.h"
#include "sock-json-write.h"
#include "sock-session-private.h"
#include "sock-mock-callee-private.h"
#include "sock-registration.h"

/* One call waiting for its progressive results or its answer. */
typedef struct
{
  SockMockCallee     *callee;      /* not a ref: the callee answers every pending call before it goes */
  SockInvocation     *invocation;
  SockMockInvocation *item;
  guint               n_progress;  /* to send, 0 when the caller did not ask for any */
  guint               interval_ms; /* between steps */
  guint               source;
  gulong              cancelled_id;
} Pending;

struct _SockMockCallee
{
  GObject           parent_instance;

  char             *procedure;
  SockMatch         match;
  gboolean          is_error;
  char             *error_uri;
  char             *args;          /* JSON text, sent as it is */
  char             *kwargs;
  guint             delay_ms;
  guint             n_progress;

  SockConnection   *connection;    /* a ref while registered */
  SockRegistration *registration;  /* a ref while registered */
  GListStore       *invocations;
  guint64           n_invocations;
  GPtrArray        *pending;       /* Pending */
};

G_DEFINE_FINAL_TYPE (SockMockCallee, sock_mock_callee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROCEDURE,
  PROP_REGISTRATION,
  PROP_N_INVOCATIONS,
  PROP_ANSWER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->source, g_source_remove);
  g_cancellable_disconnect (sock_invocation_get_cancellable (pending->invocation), pending->cancelled_id);
  g_object_unref (pending->invocation);
  g_object_unref (pending->item);
  g_free (pending);
}

static void
sock_mock_callee_dispose (GObject *object)
{
  SockMockCallee *self = SOCK_MOCK_CALLEE (object);

  sock_mock_callee_unregister (self);

  G_OBJECT_CLASS (sock_mock_callee_parent_class)->dispose (object);
}

static void
sock_mock_callee_finalize (GObject *object)
{
  SockMockCallee *self = SOCK_MOCK_CALLEE (object);

  g_free (self->procedure);
  g_free (self->error_uri);
  g_clear_pointer (&self->args, g_free);
  g_clear_pointer (&self->kwargs, g_free);
  g_object_unref (self->invocations);
  g_ptr_array_unref (self->pending);

  G_OBJECT_CLASS (sock_mock_callee_parent_class)->finalize (object);
}

static void
sock_mock_callee_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SockMockCallee *self = SOCK_MOCK_CALLEE (object);

  switch (prop_id)
    {
    case PROP_PROCEDURE: g_value_set_string (value, self->procedure); break;
    case PROP_REGISTRATION: g_value_set_object (value, self->registration); break;
    case PROP_N_INVOCATIONS: g_value_set_uint64 (value, self->n_invocations); break;
    case PROP_ANSWER_TEXT: g_value_take_string (value, sock_mock_callee_dup_answer_text (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_mock_callee_class_init (SockMockCalleeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_mock_callee_dispose;
  object_class->finalize = sock_mock_callee_finalize;
  object_class->get_property = sock_mock_callee_get_property;

  properties[PROP_PROCEDURE] = g_param_spec_string ("procedure", NULL, NULL, NULL, flags);
  properties[PROP_REGISTRATION] = g_param_spec_object ("registration", NULL, NULL, SOCK_TYPE_REGISTRATION, flags);
  properties[PROP_N_INVOCATIONS] = g_param_spec_uint64 ("n-invocations", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_ANSWER_TEXT] = g_param_spec_string ("answer-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_mock_callee_init (SockMockCallee *self)
{
  self->invocations = g_list_store_new (SOCK_TYPE_MOCK_INVOCATION);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
}

SockMockCallee *
sock_mock_callee_new (const char *procedure,
                      SockMatch   match)
{
  SockMockCallee *self;

  g_return_val_if_fail (procedure != NULL, NULL);

  self = g_object_new (SOCK_TYPE_MOCK_CALLEE, NULL);
  self->procedure = g_strdup (procedure);
  self->match = match;
  return self;
}

const char *
sock_mock_callee_get_procedure (SockMockCallee *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), NULL);
  return self->procedure;
}

SockMatch
sock_mock_callee_get_match (SockMockCallee *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), SOCK_MATCH_EXACT);
  return self->match;
}

static void
set_answer (SockMockCallee *self,
            const char     *error_uri,
            const char     *args,
            const char     *kwargs)
{
  g_free (self->error_uri);
  self->error_uri = g_strdup (error_uri);
  self->is_error = error_uri != NULL;
  g_free (self->args);
  g_free (self->kwargs);
  /* numbers and strings as typed, without the white space between them; an empty object is no
   * keyword arguments */
  self->args = args != NULL ? sock_json_compact (args, strlen (args), G_MAXSIZE / 4) : NULL;
  self->kwargs = kwargs != NULL ? sock_json_compact (kwargs, strlen (kwargs), G_MAXSIZE / 4) : NULL;
  if (self->kwargs != NULL && g_str_equal (self->kwargs, "{}"))
    g_clear_pointer (&self->kwargs, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER_TEXT]);
}

void
sock_mock_callee_set_result (SockMockCallee *self,
                             JsonArray      *args,
                             JsonObject     *kwargs)
{
  g_autofree char *args_text = _sock_json_array_to_text (args);
  g_autofree char *kwargs_text = _sock_json_object_to_text (kwargs);

  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  set_answer (self, NULL, args_text, kwargs_text);
}

void
sock_mock_callee_set_error (SockMockCallee *self,
                            const char     *error_uri,
                            JsonArray      *args,
                            JsonObject     *kwargs)
{
  g_autofree char *args_text = _sock_json_array_to_text (args);
  g_autofree char *kwargs_text = _sock_json_object_to_text (kwargs);

  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  g_return_if_fail (error_uri != NULL);
  set_answer (self, error_uri, args_text, kwargs_text);
}

void
sock_mock_callee_set_result_json (SockMockCallee *self,
                                  const char     *args,
                                  const char     *kwargs)
{
  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  set_answer (self, NULL, args, kwargs);
}

void
sock_mock_callee_set_error_json (SockMockCallee *self,
                                 const char     *error_uri,
                                 const char     *args,
                                 const char     *kwargs)
{
  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  g_return_if_fail (error_uri != NULL);
  set_answer (self, error_uri, args, kwargs);
}

/* Whether the answer can go exactly over @serializer (MessagePack's integers end at 2^64 - 1). */
static gboolean
check_answer (SockMockCallee      *self,
              SockWampSerializer   serializer,
              GError             **error)
{
  return (self->args == NULL || sock_json_input_check (self->args, -1, SOCK_JSON_INPUT_ARRAY, serializer,
                                                       _("Arguments"), error))
         && (self->kwargs == NULL || sock_json_input_check (self->kwargs, -1, SOCK_JSON_INPUT_OBJECT, serializer,
                                                            _("Keyword arguments"), error));
}

void
sock_mock_callee_set_delay (SockMockCallee *self,
                            guint           delay_ms)
{
  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  self->delay_ms = MIN (delay_ms, SOCK_MOCK_MAX_DELAY_MS);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER_TEXT]);
}

void
sock_mock_callee_set_n_progress (SockMockCallee *self,
                                 guint           n_progress)
{
  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  self->n_progress = MIN (n_progress, SOCK_MOCK_MAX_PROGRESS);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER_TEXT]);
}

static char *
plain_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
sock_mock_callee_dup_answer_text (SockMockCallee *self)
{
  return sock_mock_callee_dup_answer_text_full (self, plain_count);
}

char *
sock_mock_callee_dup_answer_text_full (SockMockCallee    *self,
                                       SockMockCountText  count_text)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), NULL);
  g_return_val_if_fail (count_text != NULL, NULL);

  if (self->is_error)
    /* TRANSLATORS: what a mock procedure answers, "Error app.error.busy" */
    g_string_printf (text, _("Error %s"), self->error_uri);
  else
    g_string_assign (text, _("Result"));
  if (self->args != NULL)
    g_string_append_printf (text, " %s", self->args);
  if (self->kwargs != NULL)
    g_string_append_printf (text, " %s", self->kwargs);
  if (self->n_progress > 0)
    {
      g_autofree char *n = count_text (self->n_progress);

      /* TRANSLATORS: appended to a mock's answer; %s is a count, e.g. "1,000" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", after %s progressive result",
                                                 ", after %s progressive results", self->n_progress), n);
    }
  if (self->delay_ms > 0)
    {
      g_autofree char *ms = count_text (self->delay_ms);

      /* TRANSLATORS: appended to a mock's answer, "Result [1] after 1,500 ms" */
      g_string_append_printf (text, _(" after %s ms"), ms);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Answering ------------------------------------------------------------------------------ */

static void
finish_pending (Pending *pending)
{
  g_ptr_array_remove (pending->callee->pending, pending);
}

static void
answer (Pending *pending)
{
  SockMockCallee *self = pending->callee;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) why = NULL;

  if (self->is_error
      ? sock_invocation_return_error_json (pending->invocation, self->error_uri, self->args, self->kwargs, &error)
      : sock_invocation_return_json (pending->invocation, self->args, self->kwargs, &error))
    {
      _sock_mock_invocation_set_outcome (pending->item, self->is_error ? SOCK_MOCK_OUTCOME_ERROR
                                                                       : SOCK_MOCK_OUTCOME_RESULT);
      return;
    }
  if (error == NULL)
    return;
  /* the session's serializer cannot carry the answer (checked at registration, but a reconnect
   * may have agreed on another): the caller is told why rather than left waiting */
  why = json_array_new ();
  json_array_add_string_element (why, error->message);
  sock_invocation_return_error (pending->invocation, "wamp.error.invalid_argument", why, NULL);
  _sock_mock_invocation_set_outcome (pending->item, SOCK_MOCK_OUTCOME_ERROR);
}

/* Returns whether the progressive result went out. */
static gboolean
send_progress (Pending *pending)
{
  g_autoptr(JsonArray) args = json_array_new ();
  guint step = sock_mock_invocation_get_n_progress (pending->item) + 1;

  json_array_add_int_element (args, step);
  json_array_add_int_element (args, pending->n_progress);
  if (!sock_invocation_progress (pending->invocation, args, NULL))
    return FALSE;
  _sock_mock_invocation_add_progress (pending->item);
  return TRUE;
}

/* Sends what is due: the next progressive result, or the answer once all of them are out.
 * Returns whether the call is done. A progressive result that cannot go out (the call can no
 * longer be answered, or the session cannot send) ends the call: trying it again every step
 * would never end. */
static gboolean
step (Pending *pending)
{
  if (sock_mock_invocation_get_n_progress (pending->item) < pending->n_progress && send_progress (pending))
    return FALSE;
  answer (pending);
  return TRUE;
}

static gboolean
on_step_timeout (gpointer data)
{
  Pending *pending = data;

  if (!step (pending))
    return G_SOURCE_CONTINUE;
  pending->source = 0;
  finish_pending (pending);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_idle (gpointer data)
{
  Pending *pending = data;

  finish_pending (pending);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              Pending      *pending)
{
  /* the session answers wamp.error.canceled itself; disconnecting inside the signal would
   * deadlock, so the pending call goes at the next idle */
  _sock_mock_invocation_set_outcome (pending->item, SOCK_MOCK_OUTCOME_INTERRUPTED);
  g_clear_handle_id (&pending->source, g_source_remove);
  pending->source = g_idle_add (on_cancelled_idle, pending);
}

static char *
dup_called_procedure (SockMockCallee *self,
                      SockInvocation *invocation)
{
  g_autoptr(JsonNode) details = NULL;
  JsonObject *object;

  /* a prefix or wildcard registration learns the procedure called from details.procedure */
  if (sock_invocation_get_details (invocation) != NULL)
    details = json_from_string (sock_invocation_get_details (invocation), NULL);
  object = details && JSON_NODE_HOLDS_OBJECT (details) ? json_node_get_object (details) : NULL;
  if (object != NULL && json_object_has_member (object, "procedure")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "procedure"))
      && json_node_get_value_type (json_object_get_member (object, "procedure")) == G_TYPE_STRING)
    return g_strdup (json_object_get_string_member (object, "procedure"));
  return g_strdup (sock_invocation_get_procedure (invocation));
}

static void
record (SockMockCallee     *self,
        SockMockInvocation *item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->invocations));

  if (n >= SOCK_MOCK_MAX_INVOCATIONS)
    g_list_store_splice (self->invocations, 0, n - SOCK_MOCK_MAX_INVOCATIONS + 1, NULL, 0);
  g_list_store_append (self->invocations, item);
  self->n_invocations++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INVOCATIONS]);
}

static void
on_invocation (SockWamp2Session *session,
               SockInvocation   *invocation,
               gpointer          user_data)
{
  SockMockCallee *self = user_data;
  g_autofree char *procedure = dup_called_procedure (self, invocation);
  Pending *pending = g_new0 (Pending, 1);

  pending->callee = self;
  pending->invocation = g_object_ref (invocation);
  pending->item = _sock_mock_invocation_new (sock_invocation_get_request (invocation), procedure,
                                             sock_invocation_get_args (invocation),
                                             sock_invocation_get_kwargs (invocation));
  pending->n_progress = sock_invocation_get_receive_progress (invocation) ? self->n_progress : 0;
  pending->interval_ms = self->delay_ms / (pending->n_progress + 1);
  record (self, pending->item);

  if (self->delay_ms == 0)
    {
      while (!step (pending))
        ;
      pending_free (pending);
      return;
    }
  g_ptr_array_add (self->pending, pending);
  pending->cancelled_id = g_cancellable_connect (sock_invocation_get_cancellable (invocation),
                                                 G_CALLBACK (on_cancelled), pending, NULL);
  if (pending->source == 0 && sock_mock_invocation_get_outcome (pending->item) == SOCK_MOCK_OUTCOME_PENDING)
    pending->source = g_timeout_add (pending->interval_ms, on_step_timeout, pending);
}

/* Registering ---------------------------------------------------------------------------- */

static SockRegistration *
find_registration (SockConnection *connection,
                   gint64          id)
{
  GListModel *model = sock_connection_get_registrations (connection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockRegistration) registration = g_list_model_get_item (model, i);

      if (sock_registration_get_id (registration) == id)
        return g_steal_pointer (&registration);
    }
  return NULL;
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SockMockCallee *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 id = sock_connection_register_finish (SOCK_CONNECTION (object), result, &error);

  if (id == 0)
    {
      g_clear_object (&self->connection);
      return g_task_return_error (task, error);
    }
  self->registration = find_registration (self->connection, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRATION]);
  g_task_return_boolean (task, TRUE);
}

void
sock_mock_callee_register_async (SockMockCallee      *self,
                                 SockConnection      *connection,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonObject) options = json_object_new ();
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));
  g_return_if_fail (SOCK_IS_CONNECTION (connection));
  g_return_if_fail (self->connection == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_mock_callee_register_async);
  if (sock_connection_get_session (connection) != NULL
      && !check_answer (self, sock_session_get_serializer (sock_connection_get_session (connection)), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (self->match != SOCK_MATCH_EXACT)
    json_object_set_string_member (options, "match", sock_match_to_string (self->match));
  self->connection = g_object_ref (connection);
  sock_connection_register_async (connection, self->procedure, options, on_invocation, self,
                                  cancellable, register_cb, task);
}

gboolean
sock_mock_callee_register_finish (SockMockCallee  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sock_mock_callee_unregister (SockMockCallee *self)
{
  g_return_if_fail (SOCK_IS_MOCK_CALLEE (self));

  while (self->pending->len > 0)
    {
      Pending *pending = g_ptr_array_index (self->pending, self->pending->len - 1);

      sock_invocation_return_error (pending->invocation, "wamp.error.canceled", NULL, NULL);
      _sock_mock_invocation_set_outcome (pending->item, SOCK_MOCK_OUTCOME_INTERRUPTED);
      g_ptr_array_remove_index (self->pending, self->pending->len - 1);
    }
  if (self->registration != NULL)
    {
      sock_connection_unregister (self->connection, self->registration);
      g_clear_object (&self->registration);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRATION]);
    }
  g_clear_object (&self->connection);
}

SockRegistration *
sock_mock_callee_get_registration (SockMockCallee *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), NULL);
  return self->registration;
}

GListModel *
sock_mock_callee_get_invocations (SockMockCallee *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), NULL);
  return G_LIST_MODEL (self->invocations);
}

guint64
sock_mock_callee_get_n_invocations (SockMockCallee *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_CALLEE (self), 0);
  return self->n_invocations;
}
