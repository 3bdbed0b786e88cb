/* sock-connect-options-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON form of SockConnectOptions (the format is described in sock-connect-options.h): what
 * Recent stores, and what saved connections will. Secrets are never written; reading is strict
 * about the types of the members it knows, ignores the others, and refuses newer versions.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-connect-options-private.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-scan.h"
#include "sock-saved-secrets.h"

/* Limits on what is read: a stored form is small. */
#define MAX_TEXT_BYTES     (256 * 1024)
#define MAX_HEADERS        64
#define MAX_SUBSCRIPTIONS  1024
#define MAX_SECONDS        3600

static const char * const tls_ids[] = { "system", "ca-file", "pin", "insecure" };

/* The liveness deadlines, in milliseconds ("pong_timeout_ms", …). */
static const struct
{
  const char *name;
  guint     (*get) (SockProfile *profile);
  void      (*set) (SockProfile *profile, guint ms);
} deadlines[] = {
  { "pong_timeout_ms", sock_profile_get_pong_timeout_ms, sock_profile_set_pong_timeout_ms },
  { "join_timeout_ms", sock_profile_get_join_timeout_ms, sock_profile_set_join_timeout_ms },
  { "ack_timeout_ms", sock_profile_get_ack_timeout_ms, sock_profile_set_ack_timeout_ms },
  { "call_timeout_ms", sock_profile_get_call_timeout_ms, sock_profile_set_call_timeout_ms },
};

/* Writing */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_headers (JsonBuilder *builder,
             SockProfile *profile)
{
  const char * const *headers = sock_profile_get_headers (profile);

  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", headers[i]);
      /* a credential's value stays out of every file */
      if (!sock_header_is_credential (headers[i]))
        add_string (builder, "value", headers[i + 1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_tls (JsonBuilder *builder,
         SockProfile *profile)
{
  SockTlsPolicy policy = sock_profile_get_tls_policy (profile);

  json_builder_set_member_name (builder, "tls");
  json_builder_begin_object (builder);
  add_string (builder, "policy", tls_ids[policy]);
  if (policy == SOCK_TLS_CA_FILE && sock_profile_get_ca_file (profile) != NULL)
    {
      /* relative to nothing once stored */
      g_autofree char *path = g_canonicalize_filename (sock_profile_get_ca_file (profile), NULL);

      add_string (builder, "ca_file", path);
    }
  if (policy == SOCK_TLS_PIN)
    add_string (builder, "pin", sock_profile_get_pin (profile));
  json_builder_end_object (builder);
}

static void
add_limits (JsonBuilder *builder,
            SockProfile *profile)
{
  json_builder_set_member_name (builder, "limits");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "max_message_size");
  json_builder_add_int_value (builder, (gint64) sock_profile_get_max_message_size (profile));
  json_builder_set_member_name (builder, "deflate");
  json_builder_add_boolean_value (builder, sock_profile_get_deflate (profile));
  json_builder_set_member_name (builder, "connect_timeout");
  json_builder_add_int_value (builder, sock_profile_get_connect_timeout (profile));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "liveness");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keepalive");
  json_builder_add_int_value (builder, sock_profile_get_keepalive_interval (profile));
  for (guint i = 0; i < G_N_ELEMENTS (deadlines); i++)
    {
      json_builder_set_member_name (builder, deadlines[i].name);
      json_builder_add_int_value (builder, deadlines[i].get (profile));
    }
  json_builder_end_object (builder);
}

static void
add_subscriptions (JsonBuilder        *builder,
                   SockConnectOptions *self)
{
  json_builder_set_member_name (builder, "subscriptions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SockConnectOptionsSubscription *subscription = g_ptr_array_index (self->subscriptions, i);

      json_builder_begin_object (builder);
      add_string (builder, "topic", subscription->topic);
      add_string (builder, "match", sock_match_to_string (subscription->match));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The URL without a password in its userinfo (ws://user:password@host/): that is a secret too. */
static char *
dup_url_without_password (const char *url)
{
  GUriFlags flags = G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD;
  g_autoptr(GUri) uri = url ? g_uri_parse (url, flags, NULL) : NULL;
  g_autoptr(GUri) bare = NULL;

  if (uri == NULL || g_uri_get_password (uri) == NULL)
    return g_strdup (url);
  bare = g_uri_build_with_user (flags, g_uri_get_scheme (uri), g_uri_get_user (uri), NULL, NULL,
                                g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                                g_uri_get_query (uri), g_uri_get_fragment (uri));
  return g_uri_to_string (bare);
}

JsonNode *
sock_connect_options_to_json (SockConnectOptions *self)
{
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SOCK_CONNECT_OPTIONS_VERSION);
  url = dup_url_without_password (sock_profile_get_url (self->profile));
  if (url != NULL)
    {
      /* a ticket or token in the query is a secret too: its value is left empty, as Recent, the
       * workspace and exports must never hold it (saved connections keep it in the keyring) */
      g_autofree char *unstripped = g_steal_pointer (&url);

      url = sock_saved_secrets_strip_url (unstripped);
    }
  add_string (builder, "url", url);
  add_string (builder, "protocol", sock_protocol_choice_to_string (self->protocol));
  if (self->protocol == SOCK_PROTOCOL_CHOICE_CUSTOM)
    {
      const char * const *offered = sock_profile_get_protocols (self->profile);

      json_builder_set_member_name (builder, "subprotocols");
      json_builder_begin_array (builder);
      for (guint i = 0; offered != NULL && offered[i] != NULL; i++)
        json_builder_add_string_value (builder, offered[i]);
      json_builder_end_array (builder);
    }
  add_string (builder, "realm", self->realm);

  /* the ticket or secret is never written */
  json_builder_set_member_name (builder, "auth");
  json_builder_begin_object (builder);
  add_string (builder, "method", sock_auth_method_to_string (self->auth_method));
  add_string (builder, "authid", self->authid);
  if (self->auth_method == SOCK_AUTH_CRYPTOSIGN)
    add_string (builder, "private_key_file", self->private_key_file);
  json_builder_end_object (builder);

  add_headers (builder, self->profile);
  add_string (builder, "origin", sock_profile_get_origin (self->profile));
  add_tls (builder, self->profile);
  add_limits (builder, self->profile);
  json_builder_set_member_name (builder, "reconnect");
  json_builder_add_boolean_value (builder, self->reconnect);
  add_subscriptions (builder, self);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
sock_connect_options_to_string (SockConnectOptions *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  root = sock_connect_options_to_json (self);
  return json_to_string (root, FALSE);
}

/* Reading */

static gboolean G_GNUC_PRINTF (2, 3)
corrupt (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("The stored connection is damaged: %s"), detail);
  return FALSE;
}

/* The member, or NULL when absent (or null); FALSE when it has another type. */
static gboolean
get_member (JsonObject   *object,
            const char   *name,
            JsonNodeType  type,
            GType         value_type,
            JsonNode    **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_TYPE (node) != type ||
      (type == JSON_NODE_VALUE && json_node_get_value_type (node) != value_type))
    return corrupt (error, _("“%s” has the wrong type"), name);
  *out = node;
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **out,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (object, name, JSON_NODE_VALUE, G_TYPE_STRING, &node, error))
    return FALSE;
  *out = node ? json_node_get_string (node) : NULL;
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64      min,
         gint64      max,
         gint64     *out,
         GError    **error)
{
  JsonNode *node;

  if (!get_member (object, name, JSON_NODE_VALUE, G_TYPE_INT64, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    return corrupt (error, _("“%s” is out of range (%" PRId64 ")"), name, *out);
  return TRUE;
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node;

  if (!get_member (object, name, JSON_NODE_VALUE, G_TYPE_BOOLEAN, &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_object (JsonObject  *object,
            const char  *name,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node;

  if (!get_member (object, name, JSON_NODE_OBJECT, G_TYPE_INVALID, &node, error))
    return FALSE;
  *out = node ? json_node_get_object (node) : NULL;
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *name,
           guint        max_length,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node;

  if (!get_member (object, name, JSON_NODE_ARRAY, G_TYPE_INVALID, &node, error))
    return FALSE;
  *out = node ? json_node_get_array (node) : NULL;
  if (*out != NULL && json_array_get_length (*out) > max_length)
    return corrupt (error, _("“%s” has more than %u entries"), name, max_length);
  return TRUE;
}

/* A member failed a setter's check: say which. */
static gboolean
refused (GError     **error,
         const char  *name,
         GError      *cause)
{
  corrupt (error, "%s: %s", name, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
read_protocol (SockConnectOptions  *self,
               JsonObject          *object,
               GError             **error)
{
  const char *id = NULL;
  SockProtocolChoice protocol = SOCK_PROTOCOL_CHOICE_AUTO;
  JsonArray *offered = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  GError *cause = NULL;

  if (!get_string (object, "protocol", &id, error))
    return FALSE;
  if (id != NULL && !_sock_protocol_choice_from_id (id, &protocol))
    return corrupt (error, _("unknown protocol “%s”"), id);
  if (protocol != SOCK_PROTOCOL_CHOICE_CUSTOM)
    {
      sock_connect_options_set_protocol (self, protocol);
      return TRUE;
    }

  if (!get_array (object, "subprotocols", 32, &offered, error))
    return FALSE;
  for (guint i = 0; offered != NULL && i < json_array_get_length (offered); i++)
    {
      JsonNode *node = json_array_get_element (offered, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return corrupt (error, _("“subprotocols” holds something that is not a name"));
      g_ptr_array_add (names, (gpointer) json_node_get_string (node));
    }
  if (!sock_connect_options_set_subprotocols (self, (const char * const *) names->pdata, &cause))
    return refused (error, "subprotocols", cause);
  return TRUE;
}

static gboolean
read_auth (SockConnectOptions  *self,
           JsonObject          *object,
           GError             **error)
{
  JsonObject *auth = NULL;
  const char *id = NULL;
  const char *authid = NULL;
  const char *key_file = NULL;
  SockAuthMethod method = SOCK_AUTH_ANONYMOUS;

  if (!get_object (object, "auth", &auth, error))
    return FALSE;
  if (auth == NULL)
    return TRUE;
  if (!get_string (auth, "method", &id, error) || !get_string (auth, "authid", &authid, error) ||
      !get_string (auth, "private_key_file", &key_file, error))
    return FALSE;
  if (id != NULL && !_sock_auth_method_from_id (id, &method))
    return corrupt (error, _("unknown authentication method “%s”"), id);
  /* the secret was never stored: validate() asks for it */
  sock_connect_options_set_auth (self, method, authid, NULL);
  sock_connect_options_set_private_key_file (self, key_file);
  return TRUE;
}

static gboolean
read_headers (SockConnectOptions  *self,
              JsonObject          *object,
              GError             **error)
{
  JsonArray *headers = NULL;

  if (!get_array (object, "headers", MAX_HEADERS, &headers, error))
    return FALSE;
  for (guint i = 0; headers != NULL && i < json_array_get_length (headers); i++)
    {
      JsonNode *node = json_array_get_element (headers, i);
      const char *name = NULL;
      const char *value = NULL;
      GError *cause = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return corrupt (error, _("“headers” holds something that is not a header"));
      if (!get_string (json_node_get_object (node), "name", &name, error) ||
          !get_string (json_node_get_object (node), "value", &value, error))
        return FALSE;
      if (name == NULL)
        return corrupt (error, _("a header has no name"));
      /* a credential comes back empty, and validate() asks for it */
      if (!sock_profile_add_header (self->profile, name, value ? value : "", &cause))
        return refused (error, "headers", cause);
    }
  return TRUE;
}

static gboolean
read_tls (SockConnectOptions  *self,
          JsonObject          *object,
          GError             **error)
{
  JsonObject *tls = NULL;
  const char *id = NULL;
  const char *ca_file = NULL;
  const char *pin = NULL;
  GError *cause = NULL;

  if (!get_object (object, "tls", &tls, error))
    return FALSE;
  if (tls == NULL)
    return TRUE;
  if (!get_string (tls, "policy", &id, error) || !get_string (tls, "ca_file", &ca_file, error) ||
      !get_string (tls, "pin", &pin, error))
    return FALSE;

  if (id == NULL || g_str_equal (id, tls_ids[SOCK_TLS_VERIFY]))
    sock_profile_set_tls_policy (self->profile, SOCK_TLS_VERIFY);
  else if (g_str_equal (id, tls_ids[SOCK_TLS_INSECURE]))
    sock_profile_set_tls_policy (self->profile, SOCK_TLS_INSECURE);
  else if (g_str_equal (id, tls_ids[SOCK_TLS_PIN]))
    {
      if (pin == NULL || !sock_profile_set_pin (self->profile, pin, &cause))
        return cause ? refused (error, "tls", cause) : corrupt (error, _("a pinned certificate without a pin"));
    }
  else if (g_str_equal (id, tls_ids[SOCK_TLS_CA_FILE]))
    {
      if (ca_file == NULL)
        return corrupt (error, _("a CA file policy without a file"));
      /* The file may be gone since: keep the form, and let validate() say so. */
      if (!sock_profile_set_ca_file (self->profile, ca_file, NULL))
        {
          sock_profile_set_tls_policy (self->profile, SOCK_TLS_CA_FILE);
          self->missing_ca_file = g_strdup (ca_file);
        }
    }
  else
    return corrupt (error, _("unknown certificate check “%s”"), id);
  return TRUE;
}

static gboolean
read_limits (SockConnectOptions  *self,
             JsonObject          *object,
             GError             **error)
{
  JsonObject *limits = NULL;
  JsonObject *liveness = NULL;
  gint64 max_size = sock_profile_get_max_message_size (self->profile);
  gint64 timeout = sock_profile_get_connect_timeout (self->profile);
  gint64 keepalive = sock_profile_get_keepalive_interval (self->profile);
  gboolean deflate = sock_profile_get_deflate (self->profile);

  if (!get_object (object, "limits", &limits, error) || !get_object (object, "liveness", &liveness, error))
    return FALSE;
  if (limits != NULL &&
      (!get_int (limits, "max_message_size", 0, G_MAXINT64, &max_size, error) ||
       !get_bool (limits, "deflate", &deflate, error) ||
       !get_int (limits, "connect_timeout", 0, MAX_SECONDS, &timeout, error)))
    return FALSE;
  if (liveness != NULL && !get_int (liveness, "keepalive", 0, MAX_SECONDS, &keepalive, error))
    return FALSE;
  for (guint i = 0; liveness != NULL && i < G_N_ELEMENTS (deadlines); i++)
    {
      gint64 ms = deadlines[i].get (self->profile);

      if (!get_int (liveness, deadlines[i].name, 1, MAX_SECONDS * G_GINT64_CONSTANT (1000), &ms, error))
        return FALSE;
      deadlines[i].set (self->profile, ms);
    }

  sock_profile_set_max_message_size (self->profile, max_size);
  sock_profile_set_deflate (self->profile, deflate);
  sock_profile_set_connect_timeout (self->profile, timeout);
  sock_profile_set_keepalive_interval (self->profile, keepalive);
  return TRUE;
}

static gboolean
read_subscriptions (SockConnectOptions  *self,
                    JsonObject          *object,
                    GError             **error)
{
  JsonArray *subscriptions = NULL;

  if (!get_array (object, "subscriptions", MAX_SUBSCRIPTIONS, &subscriptions, error))
    return FALSE;
  for (guint i = 0; subscriptions != NULL && i < json_array_get_length (subscriptions); i++)
    {
      JsonNode *node = json_array_get_element (subscriptions, i);
      const char *topic = NULL;
      const char *match_id = NULL;
      SockMatch match = SOCK_MATCH_EXACT;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return corrupt (error, _("“subscriptions” holds something that is not a subscription"));
      if (!get_string (json_node_get_object (node), "topic", &topic, error) ||
          !get_string (json_node_get_object (node), "match", &match_id, error))
        return FALSE;
      if (topic == NULL)
        return corrupt (error, _("a subscription has no topic"));
      if (match_id != NULL && !sock_match_from_string (match_id, &match))
        return corrupt (error, _("unknown match “%s”"), match_id);
      sock_connect_options_add_subscription (self, topic, match);
    }
  return TRUE;
}

static gboolean
read_version (JsonObject  *object,
              GError     **error)
{
  gint64 version = 0;

  if (!get_int (object, "version", G_MININT64, G_MAXINT64, &version, error))
    return FALSE;
  if (version > SOCK_CONNECT_OPTIONS_VERSION)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION,
                   _("The stored connection was written by a newer Sockscope (format version %" PRId64
                     ", this one reads up to %d): update Sockscope to open it"),
                   version, SOCK_CONNECT_OPTIONS_VERSION);
      return FALSE;
    }
  if (version < 1)
    return corrupt (error, _("it has no valid “version”"));
  return TRUE;
}

SockConnectOptions *
sock_connect_options_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(SockConnectOptions) self = sock_connect_options_new ();
  JsonObject *object;
  const char *url = NULL;
  const char *origin = NULL;
  const char *realm = NULL;
  gboolean reconnect = TRUE;
  GError *cause = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (error, _("it is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_version (object, error) || !get_string (object, "url", &url, error))
    return NULL;
  if (url == NULL)
    {
      corrupt (error, _("it has no “url”"));
      return NULL;
    }
  if (!sock_connect_options_set_url (self, url, &cause))
    {
      refused (error, "url", cause);
      return NULL;
    }
  if (!read_protocol (self, object, error) || !get_string (object, "realm", &realm, error) ||
      !read_auth (self, object, error) || !read_headers (self, object, error) ||
      !get_string (object, "origin", &origin, error) || !read_tls (self, object, error) ||
      !read_limits (self, object, error) || !get_bool (object, "reconnect", &reconnect, error) ||
      !read_subscriptions (self, object, error))
    return NULL;
  if (origin != NULL && !sock_profile_set_origin (self->profile, origin, &cause))
    {
      refused (error, "origin", cause);
      return NULL;
    }
  sock_connect_options_set_realm (self, realm);
  sock_connect_options_set_reconnect (self, reconnect);

  return g_steal_pointer (&self);
}

SockConnectOptions *
sock_connect_options_new_from_string (const char  *text,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > MAX_TEXT_BYTES)
    {
      g_autofree char *max = sock_format_number (MAX_TEXT_BYTES);

      /* TRANSLATORS: %s is a count of bytes, "262,144" */
      corrupt (error, _("it is larger than %s bytes"), max);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  /* The strict scanner first: it bounds the nesting, where json-glib recurses without a limit
   * (a stored value of 80,000 brackets would overflow the stack). */
  if (!sock_json_validate (text, strlen (text), NULL, NULL, &local_error) ||
      !json_parser_load_from_data (parser, text, -1, &local_error))
    {
      corrupt (error, "%s", local_error->message);
      return NULL;
    }
  return sock_connect_options_new_from_json (json_parser_get_root (parser), error);
}
