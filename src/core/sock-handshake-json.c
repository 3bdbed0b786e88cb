/* sock-handshake-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockHandshake as JSON, for the CLI's output, saved reports and "copy as JSON".
 */

#include "config.h"

#include "sock-handshake-private.h"

static void
set_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Repeated names are joined with ", " as HTTP allows, so the object keeps every value. */
static JsonNode *
headers_to_json (GPtrArray *headers)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i + 1 < headers->len; i += 2)
    {
      const char *name = g_ptr_array_index (headers, i);
      const char *value = g_ptr_array_index (headers, i + 1);
      const char *known = NULL;
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL && known == NULL; l = l->next)
        if (g_ascii_strcasecmp (l->data, name) == 0)
          known = l->data;
      g_list_free (members);

      if (known != NULL)
        {
          g_autofree char *joined = g_strdup_printf ("%s, %s",
                                                     json_object_get_string_member (object, known),
                                                     value);
          json_object_set_string_member (object, known, joined);
        }
      else
        json_object_set_string_member (object, name, value);
    }

  json_node_set_object (node, object);
  return node;
}

static void
add_timing (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  if (value < 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_timings (JsonBuilder       *builder,
             const SockTimings *t)
{
  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  add_timing (builder, "dns_start", t->dns_start);
  add_timing (builder, "dns_end", t->dns_end);
  add_timing (builder, "connect_start", t->connect_start);
  add_timing (builder, "connect_end", t->connect_end);
  add_timing (builder, "tls_start", t->tls_start);
  add_timing (builder, "request_start", t->request_start);
  add_timing (builder, "response_start", t->response_start);
  add_timing (builder, "response_end", t->response_end);
  json_builder_set_member_name (builder, "request_header_bytes");
  json_builder_add_int_value (builder, t->request_header_bytes);
  json_builder_set_member_name (builder, "response_header_bytes");
  json_builder_add_int_value (builder, t->response_header_bytes);
  json_builder_end_object (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  g_autofree char *iso = date ? g_date_time_format_iso8601 (date) : NULL;

  set_string_or_null (builder, name, iso);
}

static const struct { GTlsCertificateFlags flag; const char *name; } cert_error_names[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA, "unknown-ca" },
  { G_TLS_CERTIFICATE_BAD_IDENTITY, "bad-identity" },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not-activated" },
  { G_TLS_CERTIFICATE_EXPIRED, "expired" },
  { G_TLS_CERTIFICATE_REVOKED, "revoked" },
  { G_TLS_CERTIFICATE_INSECURE, "insecure" },
  { G_TLS_CERTIFICATE_GENERIC_ERROR, "generic-error" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (cert_error_names) == SOCK_HANDSHAKE_N_CERT_ERRORS);

guint
_sock_handshake_cert_error_names (GTlsCertificateFlags  errors,
                                  const char           *names[SOCK_HANDSHAKE_N_CERT_ERRORS + 1])
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cert_error_names); i++)
    if (errors & cert_error_names[i].flag)
      names[n++] = cert_error_names[i].name;
  names[n] = NULL;
  return n;
}

static void
add_tls (JsonBuilder   *builder,
         SockHandshake *self)
{
  const char *errors[SOCK_HANDSHAKE_N_CERT_ERRORS + 1];

  json_builder_set_member_name (builder, "tls");
  if (!sock_handshake_get_tls_used (self))
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  set_string_or_null (builder, "version", self->tls_version);
  set_string_or_null (builder, "cipher", self->tls_cipher);
  set_string_or_null (builder, "subject", self->cert_subject);
  set_string_or_null (builder, "issuer", self->cert_issuer);
  add_date (builder, "not_before", self->cert_not_before);
  add_date (builder, "not_after", self->cert_not_after);
  set_string_or_null (builder, "sha256", self->cert_sha256);
  set_string_or_null (builder, "expected_pin", self->expected_pin);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  _sock_handshake_cert_error_names (self->cert_errors, errors);
  for (guint i = 0; errors[i] != NULL; i++)
    json_builder_add_string_value (builder, errors[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_early_frames (JsonBuilder   *builder,
                  SockHandshake *self)
{
  json_builder_set_member_name (builder, "early_frames");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->early_frames->len; i++)
    {
      const SockEarlyFrame *frame = &g_array_index (self->early_frames, SockEarlyFrame, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (frame->data, &len);
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, frame->is_text ? "text" : "binary");
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, frame->full_size);
      json_builder_set_member_name (builder, "at_ms");
      json_builder_add_double_value (builder, frame->at_ms);
      /* Binary frames go out as base64 so that nothing is lost; text is made printable. */
      text = frame->is_text ? _sock_handshake_printable_text ((const char *)data, len) : g_base64_encode (data, len);
      json_builder_set_member_name (builder, frame->is_text ? "text" : "base64");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "truncated");
      json_builder_add_boolean_value (builder, frame->full_size > len);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_close (JsonBuilder   *builder,
           SockHandshake *self)
{
  json_builder_set_member_name (builder, "close");
  if (!self->closed_early)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  if (self->close_code_present)
    json_builder_add_int_value (builder, self->close_code);
  else
    json_builder_add_null_value (builder);
  set_string_or_null (builder, "reason", self->close_reason);
  json_builder_set_member_name (builder, "at_ms");
  json_builder_add_double_value (builder, self->close_at_ms);
  json_builder_end_object (builder);
}

static void
add_request (JsonBuilder   *builder,
             SockHandshake *self)
{
  set_string_or_null (builder, "url", self->url);
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, sock_phase_to_string (self->phase));
  set_string_or_null (builder, "remote_address", self->remote_address);
  set_string_or_null (builder, "request_line", self->request_line);
  json_builder_set_member_name (builder, "request_headers");
  json_builder_add_value (builder, headers_to_json (self->request_headers));
  json_builder_set_member_name (builder, "offered_protocols");
  json_builder_begin_array (builder);
  for (guint i = 0; self->offered_protocols && self->offered_protocols[i]; i++)
    json_builder_add_string_value (builder, self->offered_protocols[i]);
  json_builder_end_array (builder);
  set_string_or_null (builder, "origin", self->origin);
  /* What probing the port after a failure found */
  json_builder_set_member_name (builder, "port_speaks_tls");
  json_builder_add_boolean_value (builder, self->port_speaks_tls);
  json_builder_set_member_name (builder, "port_speaks_http");
  json_builder_add_boolean_value (builder, self->port_speaks_http);
}

static void
add_response (JsonBuilder   *builder,
              SockHandshake *self)
{
  g_autofree char *body = sock_handshake_dup_body_text (self);

  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, self->status);
  set_string_or_null (builder, "reason", self->reason);
  set_string_or_null (builder, "http_version", self->http_version);
  json_builder_set_member_name (builder, "response_headers");
  json_builder_add_value (builder, headers_to_json (self->response_headers));
  set_string_or_null (builder, "body", body);
  json_builder_set_member_name (builder, "body_truncated");
  json_builder_add_boolean_value (builder, self->body_truncated);
  set_string_or_null (builder, "protocol", self->protocol);
  set_string_or_null (builder, "extensions", self->extensions);
  set_string_or_null (builder, "redirect", self->redirect);
}

JsonNode *
sock_handshake_to_json (SockHandshake *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);

  json_builder_begin_object (builder);
  add_request (builder, self);
  add_response (builder, self);
  add_timings (builder, &self->timings);
  if (self->timeout > 0)
    {
      json_builder_set_member_name (builder, "timeout");
      json_builder_add_int_value (builder, self->timeout);
    }
  add_tls (builder, self);
  add_early_frames (builder, self);
  add_close (builder, self);
  if (self->connection_error != NULL)
    set_string_or_null (builder, "connection_error", self->connection_error->message);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
