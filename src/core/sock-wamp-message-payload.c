/* sock-wamp-message-payload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lazy side of the codec: payloads are parsed with json-glib only when
 * someone looks at them (the detail view, a call's result).
 */

#include "sock-error.h"
#include "sock-wamp-message.h"

JsonNode *
sock_json_range_parse (SockJsonRange   range,
                       GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  g_return_val_if_fail (range.data != NULL, NULL);

  if (!json_parser_load_from_data (parser, range.data, range.len, error))
    return NULL;
  if ((root = json_parser_get_root (parser)) == NULL)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "empty JSON text");
      return NULL;
    }
  return json_node_ref (root);
}

static JsonObject *
dup_object (SockJsonRange   range,
            GError        **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (range.data == NULL)
    return NULL;
  if ((node = sock_json_range_parse (range, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "not a JSON object");
      return NULL;
    }
  return json_node_dup_object (node);
}

JsonObject *
sock_wamp_message_dup_details (const SockWampMessage  *self,
                               GError                **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dup_object (self->details, error);
}

JsonObject *
sock_wamp_message_dup_kwargs (const SockWampMessage  *self,
                              GError                **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dup_object (self->kwargs, error);
}

JsonArray *
sock_wamp_message_dup_args (const SockWampMessage  *self,
                            GError                **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) text = NULL;
  SockJsonRange range;

  g_return_val_if_fail (self != NULL, NULL);

  range = self->args;

  if (range.data == NULL)
    return NULL;
  if (self->args_spread)
    {
      /* v1 spreads its values over the message: gather them into an array. */
      text = g_string_sized_new (range.len + 2);
      g_string_append_c (text, '[');
      g_string_append_len (text, range.data, range.len);
      g_string_append_c (text, ']');
      range = (SockJsonRange) { text->str, text->len };
    }
  if ((node = sock_json_range_parse (range, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "not a JSON array");
      return NULL;
    }
  return json_node_dup_array (node);
}

static GStrv
dup_strv (SockJsonRange range)
{
  g_autoptr(JsonNode) node = sock_json_range_parse (range, NULL);
  JsonArray *array;
  GStrv strv;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (json_array_get_string_element (array, i));
  return strv;
}

static char *
build_v1 (const SockWampMessage *self,
          JsonArray             *args)
{
  const char *uri = sock_wamp_message_get_uri (self);
  JsonNode *value = args != NULL && json_array_get_length (args) > 0
                    ? json_array_get_element (args, 0) : NULL;
  g_autoptr(JsonNode) error_details = NULL;
  g_auto(GStrv) exclude = NULL;
  g_auto(GStrv) eligible = NULL;

  switch (self->type)
    {
    case SOCK_WAMP1_WELCOME:
      return sock_wamp1_build_welcome (sock_wamp_message_get_session_id (self),
                                       sock_wamp_message_get_server_ident (self));
    case SOCK_WAMP1_PREFIX:
      return sock_wamp1_build_prefix (sock_wamp_message_get_prefix (self), uri);
    case SOCK_WAMP1_CALL:
      return sock_wamp1_build_call (sock_wamp_message_get_call_id (self), uri, args);
    case SOCK_WAMP1_CALLRESULT:
      return sock_wamp1_build_callresult (sock_wamp_message_get_call_id (self), value);
    case SOCK_WAMP1_CALLERROR:
      if (self->error_details.data != NULL)
        error_details = sock_json_range_parse (self->error_details, NULL);
      return sock_wamp1_build_callerror (sock_wamp_message_get_call_id (self), uri,
                                         sock_wamp_message_get_error_desc (self), error_details);
    case SOCK_WAMP1_SUBSCRIBE:
      return sock_wamp1_build_subscribe (uri);
    case SOCK_WAMP1_UNSUBSCRIBE:
      return sock_wamp1_build_unsubscribe (uri);
    case SOCK_WAMP1_PUBLISH:
      if (self->exclude_me >= 0)
        return sock_wamp1_build_publish_exclude_me (uri, value, self->exclude_me);
      if (self->exclude.data == NULL)
        return sock_wamp1_build_publish (uri, value);
      exclude = dup_strv (self->exclude);
      if (self->eligible.data != NULL)
        eligible = dup_strv (self->eligible);
      return sock_wamp1_build_publish_lists (uri, value, (const char * const *) exclude,
                                             (const char * const *) eligible);
    case SOCK_WAMP1_EVENT:
      return sock_wamp1_build_event (uri, value);
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
build_v2 (const SockWampMessage *self,
          JsonObject            *details,
          JsonArray             *args,
          JsonObject            *kwargs)
{
  const char *uri = sock_wamp_message_get_uri (self);
  gint64 req = self->request_id;

  switch (self->type)
    {
    case SOCK_WAMP_HELLO: return sock_wamp_build_hello (uri, details);
    case SOCK_WAMP_WELCOME: return sock_wamp_build_welcome (self->id, details);
    case SOCK_WAMP_ABORT: return sock_wamp_build_abort (details, uri, args, kwargs);
    case SOCK_WAMP_CHALLENGE: return sock_wamp_build_challenge (uri, details);
    case SOCK_WAMP_AUTHENTICATE:
      return sock_wamp_build_authenticate (sock_wamp_message_get_signature (self), details);
    case SOCK_WAMP_GOODBYE: return sock_wamp_build_goodbye (details, uri);
    case SOCK_WAMP_ERROR:
      return sock_wamp_build_error (self->request_type, req, details, uri, args, kwargs);
    case SOCK_WAMP_PUBLISH: return sock_wamp_build_publish (req, details, uri, args, kwargs);
    case SOCK_WAMP_PUBLISHED: return sock_wamp_build_published (req, self->publication);
    case SOCK_WAMP_SUBSCRIBE: return sock_wamp_build_subscribe (req, details, uri);
    case SOCK_WAMP_SUBSCRIBED: return sock_wamp_build_subscribed (req, self->id);
    case SOCK_WAMP_UNSUBSCRIBE: return sock_wamp_build_unsubscribe (req, self->id);
    case SOCK_WAMP_UNSUBSCRIBED: return sock_wamp_build_unsubscribed (req);
    case SOCK_WAMP_EVENT:
      return sock_wamp_build_event (self->id, self->publication, details, args, kwargs);
    case SOCK_WAMP_CALL: return sock_wamp_build_call (req, details, uri, args, kwargs);
    case SOCK_WAMP_CANCEL: return sock_wamp_build_cancel (req, details);
    case SOCK_WAMP_RESULT: return sock_wamp_build_result (req, details, args, kwargs);
    case SOCK_WAMP_REGISTER: return sock_wamp_build_register (req, details, uri);
    case SOCK_WAMP_REGISTERED: return sock_wamp_build_registered (req, self->id);
    case SOCK_WAMP_UNREGISTER: return sock_wamp_build_unregister (req, self->id);
    case SOCK_WAMP_UNREGISTERED: return sock_wamp_build_unregistered (req);
    case SOCK_WAMP_INVOCATION:
      return sock_wamp_build_invocation (req, self->id, details, args, kwargs);
    case SOCK_WAMP_INTERRUPT: return sock_wamp_build_interrupt (req, details);
    case SOCK_WAMP_YIELD: return sock_wamp_build_yield (req, details, args, kwargs);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
sock_wamp_message_build (const SockWampMessage  *self,
                         GError                **error)
{
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->type >= 0, NULL);

  details = sock_wamp_message_dup_details (self, &local_error);
  if (local_error == NULL)
    args = sock_wamp_message_dup_args (self, &local_error);
  if (local_error == NULL)
    kwargs = sock_wamp_message_dup_kwargs (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (self->version == SOCK_WAMP_V1)
    return build_v1 (self, args);
  return build_v2 (self, details, args, kwargs);
}
