/* sock-session-api.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session operations every kind shares (checked here, carried out by the kind's vfuncs),
 * the WAMP error domain with its URI and payload, and small helpers.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-json-input.h"
#include "sock-json-pretty.h"
#include "sock-json-write.h"
#include "sock-session-private.h"

/* The WAMP error domain: an extended GError that keeps the URI and payload */

typedef struct
{
  char *uri;
  char *args;
  char *kwargs;
  char *details;  /* an ABORT's Details */
} SockSessionErrorPrivate;

static void
sock_session_error_private_init (SockSessionErrorPrivate *priv)
{
}

static void
sock_session_error_private_copy (const SockSessionErrorPrivate *src,
                              SockSessionErrorPrivate       *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->uri = g_strdup (src->uri);
  dest->args = g_strdup (src->args);
  dest->kwargs = g_strdup (src->kwargs);
  dest->details = g_strdup (src->details);
}

static void
sock_session_error_private_clear (SockSessionErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->uri, g_free);
  g_clear_pointer (&priv->args, g_free);
  g_clear_pointer (&priv->kwargs, g_free);
  g_clear_pointer (&priv->details, g_free);
}

G_DEFINE_EXTENDED_ERROR (SockSessionError, sock_session_error)

static char *
range_dup (SockJsonRange range)
{
  return range.data ? g_strndup (range.data, range.len) : NULL;
}

GError *
sock_session_error_new (SockSessionErrorCode  code,
                     const char        *uri,
                     SockJsonRange      args,
                     SockJsonRange      kwargs,
                     const char        *message)
{
  GError *error = g_error_new_literal (SOCK_SESSION_ERROR, code, message);
  SockSessionErrorPrivate *priv = sock_session_error_get_private (error);

  if (priv == NULL)
    return error;
  priv->uri = g_strdup (uri);
  priv->args = range_dup (args);
  priv->kwargs = range_dup (kwargs);

  return error;
}

static SockSessionErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != SOCK_SESSION_ERROR)
    return NULL;
  return sock_session_error_get_private (error);
}

const char *
sock_session_error_get_uri (const GError *error)
{
  SockSessionErrorPrivate *priv = get_private (error);

  return priv ? priv->uri : NULL;
}

const char *
sock_session_error_get_args (const GError *error)
{
  SockSessionErrorPrivate *priv = get_private (error);

  return priv ? priv->args : NULL;
}

const char *
sock_session_error_get_kwargs (const GError *error)
{
  SockSessionErrorPrivate *priv = get_private (error);

  return priv ? priv->kwargs : NULL;
}

const char *
sock_session_error_get_details (const GError *error)
{
  SockSessionErrorPrivate *priv = get_private (error);

  return priv ? priv->details : NULL;
}

void
_sock_session_error_set_details (GError     *error,
                                 const char *details)
{
  SockSessionErrorPrivate *priv = get_private (error);

  if (priv == NULL)
    return;
  g_free (priv->details);
  priv->details = g_strdup (details);
}

static gboolean
is_realm_name (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 255)
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-')
      return FALSE;
  return text[0] != '.' && !g_str_has_suffix (text, ".");
}

/* The first realm name after "try" or "use" in a router's message ("try demo or secure"), or the
 * first quoted one, that is not asked. */
static char *
realm_in_message (const char *message,
                  const char *asked)
{
  g_auto(GStrv) words = g_regex_split_simple ("[\\s,;:()\"'“”‘’]+", message, 0, 0);
  gboolean after_verb = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_strdup (words[i]);
      gsize len = strlen (word);

      while (len > 0 && (word[len - 1] == '.' || word[len - 1] == '!' || word[len - 1] == '?'))
        word[--len] = '\0';
      if (g_ascii_strcasecmp (word, "try") == 0 || g_ascii_strcasecmp (word, "use") == 0 ||
          g_ascii_strcasecmp (word, "realms") == 0)
        after_verb = TRUE;
      else if (after_verb && is_realm_name (word) && g_strcmp0 (word, asked) != 0 &&
               g_ascii_strcasecmp (word, "or") != 0 && g_ascii_strcasecmp (word, "realm") != 0)
        return g_steal_pointer (&word);
    }
  return NULL;
}

char *
sock_session_error_dup_suggested_realm (const GError *error,
                                        const char   *asked)
{
  const char *details = sock_session_error_get_details (error);
  g_autoptr(JsonNode) root = details ? json_from_string (details, NULL) : NULL;
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *realms = object ? json_object_get_member (object, "realms") : NULL;
  JsonNode *message = object ? json_object_get_member (object, "message") : NULL;

  if (!g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED)
      || g_strcmp0 (sock_session_error_get_uri (error), "wamp.error.no_such_realm") != 0)
    return NULL;
  if (realms != NULL && JSON_NODE_HOLDS_ARRAY (realms))
    {
      JsonArray *array = json_node_get_array (realms);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *name = json_node_get_value_type (item) == G_TYPE_STRING ? json_node_get_string (item) : NULL;

          if (is_realm_name (name) && g_strcmp0 (name, asked) != 0)
            return g_strdup (name);
        }
    }
  if (message != NULL && json_node_get_value_type (message) == G_TYPE_STRING)
    return realm_in_message (json_node_get_string (message), asked);
  return NULL;
}

static const struct
{
  const char *uri;
  const char *meaning;
} explanations[] = {
  { "wamp.error.no_such_realm", N_("the realm does not exist on this router: check the realm name") },
  { "wamp.error.authentication_failed", N_("the router rejected the credentials: check the authid and the "
                                           "ticket or secret") },
  { "wamp.error.authentication_denied", N_("the router denied this authid: check the authid and its role") },
  { "wamp.error.authentication_required", N_("this realm needs authentication: give an authid with a ticket "
                                             "or a secret") },
  { "wamp.error.no_auth_method", N_("none of the offered authentication methods is accepted for this realm: "
                                    "give a ticket or a secret, or use another realm") },
  { "wamp.error.not_authorized", N_("the session's role may not do this: check the router's permissions") },
  { "wamp.error.authorization_failed", N_("the router could not check the permissions (its authorizer "
                                          "failed)") },
  { "wamp.error.no_such_role", N_("the role given does not exist on this realm") },
  { "wamp.error.protocol_violation", N_("a message broke the WAMP protocol: see the log for the message") },
  { "wamp.error.no_such_procedure", N_("no callee has registered this procedure: check its name, or start "
                                       "the callee") },
  { "wamp.error.no_such_subscription", N_("the router does not know this subscription") },
  { "wamp.error.no_such_registration", N_("the router does not know this registration") },
  { "wamp.error.procedure_already_exists", N_("another session has already registered this procedure") },
  { "wamp.error.invalid_uri", N_("the router rejected the URI: use dot-separated lowercase components") },
  { "wamp.error.invalid_argument", N_("the procedure rejected its arguments") },
  { "wamp.error.canceled", N_("the call was canceled") },
  { "wamp.error.timeout", N_("the call took longer than its timeout") },
  { "wamp.error.unavailable", N_("the callee is unavailable") },
  { "wamp.error.no_available_callee", N_("no callee is available for this procedure") },
  { "wamp.error.feature_not_supported", N_("the router does not support a feature this request asked for") },
  { "wamp.error.payload_size_exceeded", N_("the message is larger than the router accepts") },
  { "wamp.close.system_shutdown", N_("the router is shutting down") },
  { "wamp.close.close_realm", N_("the realm was closed") },
  { "wamp.close.goodbye_and_out", N_("the session ended normally") },
  { "wamp.close.normal", N_("the session ended normally") },
  { "wamp.close.killed", N_("the session was killed by the router (e.g. through the meta API)") },
};

const char *
sock_wamp_uri_explain (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (explanations); i++)
    if (g_str_equal (uri, explanations[i].uri))
      return _(explanations[i].meaning);
  return NULL;
}

char *
sock_session_error_dup_words (const GError *error)
{
  const char *uri;
  const char *meaning;

  g_return_val_if_fail (error != NULL, NULL);

  uri = sock_session_error_get_uri (error);
  if (uri == NULL)
    return g_strdup (error->message);
  if ((meaning = sock_wamp_uri_explain (uri)) != NULL)
    return g_strdup (meaning);
  return g_strdup (_("Not a standard WAMP error: the application defines what it means"));
}

gboolean
sock_session_error_is_cancelled (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_strcmp0 (sock_session_error_get_uri (error), "wamp.error.canceled") == 0;
}

/* SockCallResult */

G_DEFINE_BOXED_TYPE (SockCallResult, sock_call_result, sock_call_result_copy, sock_call_result_free)

SockCallResult *
sock_call_result_copy (const SockCallResult *self)
{
  SockCallResult *copy = g_new0 (SockCallResult, 1);

  copy->args = g_strdup (self->args);
  copy->kwargs = g_strdup (self->kwargs);
  copy->details = g_strdup (self->details);
  return copy;
}

void
sock_call_result_free (SockCallResult *self)
{
  if (self == NULL)
    return;
  g_free (self->args);
  g_free (self->kwargs);
  g_free (self->details);
  g_free (self);
}

SockCallResult *
_sock_call_result_new (SockJsonRange args,
                       SockJsonRange kwargs,
                       SockJsonRange details)
{
  SockCallResult *self = g_new0 (SockCallResult, 1);

  self->args = range_dup (args);
  self->kwargs = range_dup (kwargs);
  self->details = range_dup (details);
  return self;
}

char *
_sock_json_array_to_text (JsonArray *array)
{
  GString *out;

  if (array == NULL)
    return NULL;
  out = g_string_new (NULL);
  sock_json_write_array (out, array);
  return g_string_free (out, FALSE);
}

char *
_sock_json_object_to_text (JsonObject *object)
{
  GString *out;

  if (object == NULL)
    return NULL;
  out = g_string_new (NULL);
  sock_json_write_object (out, object);
  return g_string_free (out, FALSE);
}

/* Names */

const char *
sock_session_kind_to_string (SockSessionKind kind)
{
  switch (kind)
    {
    case SOCK_SESSION_KIND_WAMP1: return "WAMP v1";
    case SOCK_SESSION_KIND_WAMP2: return "WAMP v2";
    case SOCK_SESSION_KIND_RAW:
    default: return "raw";
    }
}

const char *
sock_session_state_to_string (SockSessionState state)
{
  switch (state)
    {
    case SOCK_SESSION_JOINING: return "joining";
    case SOCK_SESSION_JOINED: return "joined";
    case SOCK_SESSION_LEAVING: return "leaving";
    case SOCK_SESSION_CLOSED:
    default: return "closed";
    }
}

static const char * const match_names[] = { "exact", "prefix", "wildcard" };

const char *
sock_match_to_string (SockMatch match)
{
  return match <= SOCK_MATCH_WILDCARD ? match_names[match] : "exact";
}

gboolean
sock_match_from_string (const char *text,
                        SockMatch  *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (match_names); i++)
    if (g_str_equal (text, match_names[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Operations */

GTask *
_sock_session_new_request (SockSession         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* the kinds return their own errors after a cancellation (e.g. wamp.error.canceled) */
  g_task_set_check_cancellable (task, FALSE);
  if (sock_session_get_state (self) == SOCK_SESSION_JOINED)
    return task;
  g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED,
                           _("Not joined: the session is %s"),
                           sock_session_state_to_string (sock_session_get_state (self)));
  g_object_unref (task);
  return NULL;
}

/* The id a task returned with g_task_return_int(), or FALSE and its error: an id may be 0. */
static gboolean
propagate_id (GAsyncResult  *result,
              gint64        *out_id,
              GError       **error)
{
  GError *local_error = NULL;
  gssize id;

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

void
sock_session_subscribe_async (SockSession         *self,
                              const char          *topic,
                              SockMatch            match,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (topic != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data, sock_session_subscribe_async);
  if (task != NULL)
    SOCK_SESSION_GET_CLASS (self)->subscribe (self, topic, match, task);
}

gboolean
sock_session_subscribe_finish (SockSession   *self,
                               GAsyncResult  *result,
                               gint64        *out_subscription,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return propagate_id (result, out_subscription, error);
}

void
sock_session_unsubscribe_async (SockSession         *self,
                                const char          *topic,
                                SockMatch            match,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (topic != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data, sock_session_unsubscribe_async);
  if (task != NULL)
    _sock_session_unsubscribe_hold (self, topic, match, FALSE, task);
}

gboolean
sock_session_unsubscribe_finish (SockSession   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Text to send as it is: checked for the session's serializer first, so that nothing that
 * cannot go exactly is sent, then with the white space between its tokens dropped (every
 * string and number keeps its text). */
static gboolean
prepare_payload (SockSession  *self,
                 const char   *args,
                 const char   *kwargs,
                 char        **args_out,
                 char        **kwargs_out,
                 GTask        *task)
{
  SockWampSerializer serializer = sock_session_get_serializer (self);
  g_autoptr(GError) error = NULL;

  if ((args != NULL && !sock_json_input_check (args, -1, SOCK_JSON_INPUT_ARRAY, serializer, _("Arguments"), &error))
      || (kwargs != NULL && !sock_json_input_check (kwargs, -1, SOCK_JSON_INPUT_OBJECT, serializer,
                                                    _("Keyword arguments"), &error)))
    {
      g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT, "%s", error->message);
      return FALSE;
    }
  *args_out = args != NULL ? sock_json_compact (args, strlen (args), G_MAXSIZE / 4) : NULL;
  *kwargs_out = kwargs != NULL ? sock_json_compact (kwargs, strlen (kwargs), G_MAXSIZE / 4) : NULL;
  return TRUE;
}

void
sock_session_publish_json_async (SockSession              *self,
                                 const char               *topic,
                                 const char               *args,
                                 const char               *kwargs,
                                 const SockPublishOptions *options,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  static const SockPublishOptions defaults = { 0 };
  g_autoptr(GTask) task = NULL;
  g_autofree char *args_text = NULL;
  g_autofree char *kwargs_text = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (topic != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data, sock_session_publish_async);
  if (task != NULL && prepare_payload (self, args, kwargs, &args_text, &kwargs_text, task))
    SOCK_SESSION_GET_CLASS (self)->publish (self, topic, args_text, kwargs_text, options ? options : &defaults,
                                            task);
}

void
sock_session_publish_async (SockSession              *self,
                            const char               *topic,
                            JsonArray                *args,
                            JsonObject               *kwargs,
                            const SockPublishOptions *options,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autofree char *args_text = _sock_json_array_to_text (args);
  g_autofree char *kwargs_text = _sock_json_object_to_text (kwargs);

  sock_session_publish_json_async (self, topic, args_text, kwargs_text, options, cancellable, callback,
                                   user_data);
}

gboolean
sock_session_publish_finish (SockSession   *self,
                             GAsyncResult  *result,
                             gint64        *out_publication,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return propagate_id (result, out_publication, error);
}

/* A call's latency, from the request to its result: timed around the task, whatever the kind, and
 * counted once the result is in (errors count by kind in the statistics instead). */
static void
call_completed (GTask      *task,
                GParamSpec *pspec,
                gint64     *started)
{
  SockSession *self = g_task_get_source_object (task);
  SockSessionHooks *hooks = _sock_session_get_hooks (self);

  if (hooks->health != NULL && !g_task_had_error (task))
    sock_health_record_call (hooks->health, g_get_monotonic_time () - *started);
}

static void
time_call (GTask *task)
{
  gint64 *started = g_new (gint64, 1);

  *started = g_get_monotonic_time ();
  g_signal_connect_data (task, "notify::completed", G_CALLBACK (call_completed), started,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}

void
sock_session_call_json_async (SockSession           *self,
                              const char            *procedure,
                              const char            *args,
                              const char            *kwargs,
                              const SockCallOptions *options,
                              SockProgressFunc       progress,
                              gpointer               progress_data,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  static const SockCallOptions defaults = { 0 };
  g_autoptr(GTask) task = NULL;
  g_autofree char *args_text = NULL;
  g_autofree char *kwargs_text = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (procedure != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data, sock_session_call_async);
  if (task == NULL)
    return;
  time_call (task);
  if (prepare_payload (self, args, kwargs, &args_text, &kwargs_text, task))
    SOCK_SESSION_GET_CLASS (self)->call (self, procedure, args_text, kwargs_text, options ? options : &defaults,
                                         progress, progress_data, task);
}

void
sock_session_call_async (SockSession           *self,
                         const char            *procedure,
                         JsonArray             *args,
                         JsonObject            *kwargs,
                         const SockCallOptions *options,
                         SockProgressFunc       progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autofree char *args_text = _sock_json_array_to_text (args);
  g_autofree char *kwargs_text = _sock_json_object_to_text (kwargs);

  sock_session_call_json_async (self, procedure, args_text, kwargs_text, options, progress, progress_data,
                                cancellable, callback, user_data);
}

SockCallResult *
sock_session_call_finish (SockSession   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
