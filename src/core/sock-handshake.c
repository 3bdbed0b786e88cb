/* sock-handshake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-handshake-private.h"
#include "sock-secrets.h"


G_DEFINE_FINAL_TYPE (SockHandshake, sock_handshake, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_PHASE,
  PROP_STATUS,
  PROP_PROTOCOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_early_frame (gpointer data)
{
  SockEarlyFrame *frame = data;

  g_clear_pointer (&frame->data, g_bytes_unref);
}

static void
sock_handshake_finalize (GObject *object)
{
  SockHandshake *self = (SockHandshake *)object;

  g_free (self->url);
  g_free (self->remote_address);
  g_free (self->request_line);
  g_ptr_array_unref (self->request_headers);
  g_strfreev (self->offered_protocols);
  g_free (self->origin);
  g_free (self->reason);
  g_free (self->http_version);
  g_ptr_array_unref (self->response_headers);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->protocol);
  g_free (self->extensions);
  g_free (self->redirect);
  g_free (self->tls_version);
  g_free (self->tls_cipher);
  g_clear_object (&self->certificate);
  g_free (self->cert_subject);
  g_free (self->cert_issuer);
  g_clear_pointer (&self->cert_not_before, g_date_time_unref);
  g_clear_pointer (&self->cert_not_after, g_date_time_unref);
  g_free (self->cert_sha256);
  g_free (self->expected_pin);
  g_array_unref (self->early_frames);
  g_free (self->close_reason);
  g_clear_error (&self->connection_error);

  G_OBJECT_CLASS (sock_handshake_parent_class)->finalize (object);
}

static void
sock_handshake_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SockHandshake *self = SOCK_HANDSHAKE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PHASE:
      g_value_set_int (value, self->phase);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_handshake_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SockHandshake *self = SOCK_HANDSHAKE (object);

  switch (prop_id)
    {
    case PROP_URL:
      /* a record: shown, exported, quoted in diagnoses; no ticket in its query */
      self->url = sock_secret_mask_url (g_value_get_string (value));
      break;
    case PROP_PHASE:
      sock_handshake_set_phase (self, g_value_get_int (value));
      break;
    case PROP_PROTOCOL:
      sock_handshake_set_protocol (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_handshake_class_init (SockHandshakeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_handshake_finalize;
  object_class->get_property = sock_handshake_get_property;
  object_class->set_property = sock_handshake_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL, SOCK_PHASE_NONE, SOCK_PHASE_OPEN, SOCK_PHASE_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_handshake_init (SockHandshake *self)
{
  self->request_headers = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->response_headers = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->early_frames = g_array_new (FALSE, TRUE, sizeof (SockEarlyFrame));
  g_array_set_clear_func (self->early_frames, clear_early_frame);
  self->timings = (SockTimings) { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0 };
  self->close_at_ms = -1;
}

SockHandshake *
sock_handshake_new (const char *url)
{
  return g_object_new (SOCK_TYPE_HANDSHAKE, "url", url, NULL);
}

/* Replaces *field with a copy of value; TRUE when it changed. */
gboolean
_sock_handshake_replace_string (char       **field,
                                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
sock_handshake_get_url (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->url;
}

gboolean
sock_handshake_is_secure (SockHandshake *self)
{
  const char *scheme;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);

  scheme = self->url ? g_uri_peek_scheme (self->url) : NULL;
  return g_strcmp0 (scheme, "wss") == 0 || g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "rss") == 0;
}

SockPhase
sock_handshake_get_phase (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), SOCK_PHASE_NONE);
  return self->phase;
}

void
sock_handshake_set_phase (SockHandshake *self,
                          SockPhase      phase)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));

  if (self->phase == phase)
    return;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

const char *
sock_handshake_get_remote_address (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->remote_address;
}

void
sock_handshake_set_remote_address (SockHandshake *self,
                                   const char    *address)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->remote_address, address);
}

const char *
sock_handshake_get_request_line (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->request_line;
}

void
sock_handshake_set_request_line (SockHandshake *self,
                                 const char    *line)
{
  g_autofree char *masked = sock_secret_mask_url (line);

  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->request_line, masked);
}

static const char *
lookup_header (GPtrArray  *headers,
               const char *name)
{
  for (guint i = 0; i + 1 < headers->len; i += 2)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (headers, i), name) == 0)
        return g_ptr_array_index (headers, i + 1);
    }
  return NULL;
}

static void
add_header (GPtrArray  *headers,
            const char *name,
            const char *value)
{
  g_ptr_array_add (headers, g_strdup (name));
  g_ptr_array_add (headers, g_strdup (value ? value : ""));
}

const char * const *
sock_handshake_get_request_headers (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return (const char * const *)self->request_headers->pdata;
}

void
sock_handshake_add_request_header (SockHandshake *self,
                                   const char    *name,
                                   const char    *value)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_autofree char *masked = sock_secret_mask_header (name, value);

  g_return_if_fail (name != NULL);
  add_header (self->request_headers, name, masked);
}

const char *
sock_handshake_lookup_request_header (SockHandshake *self,
                                      const char    *name)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return lookup_header (self->request_headers, name);
}

const char * const *
sock_handshake_get_offered_protocols (SockHandshake *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->offered_protocols ? (const char * const *)self->offered_protocols : none;
}

void
sock_handshake_set_offered_protocols (SockHandshake      *self,
                                      const char * const *protocols)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_strfreev (self->offered_protocols);
  self->offered_protocols = g_strdupv ((char **)protocols);
}

const char *
sock_handshake_get_origin (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->origin;
}

void
sock_handshake_set_origin (SockHandshake *self,
                           const char    *origin)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->origin, origin);
}

guint
sock_handshake_get_status (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), 0);
  return self->status;
}

const char *
sock_handshake_get_reason (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->reason;
}

const char *
sock_handshake_get_http_version (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->http_version;
}

void
sock_handshake_set_status (SockHandshake *self,
                           const char    *http_version,
                           guint          status,
                           const char    *reason)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));

  _sock_handshake_replace_string (&self->http_version, http_version);
  _sock_handshake_replace_string (&self->reason, reason);
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char * const *
sock_handshake_get_response_headers (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return (const char * const *)self->response_headers->pdata;
}

void
sock_handshake_add_response_header (SockHandshake *self,
                                    const char    *name,
                                    const char    *value)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_return_if_fail (name != NULL);
  add_header (self->response_headers, name, value);
}

const char *
sock_handshake_lookup_response_header (SockHandshake *self,
                                       const char    *name)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return lookup_header (self->response_headers, name);
}

GBytes *
sock_handshake_get_body (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->body;
}

gboolean
sock_handshake_get_body_truncated (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), FALSE);
  return self->body_truncated;
}

void
sock_handshake_set_body (SockHandshake *self,
                         const guint8  *data,
                         gsize          len)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  g_return_if_fail (data != NULL || len == 0);

  g_clear_pointer (&self->body, g_bytes_unref);
  self->body_truncated = len > SOCK_HANDSHAKE_BODY_SNIPPET;
  if (data != NULL)
    self->body = g_bytes_new (data, MIN (len, SOCK_HANDSHAKE_BODY_SNIPPET));
}

/* Keeps valid UTF-8, newlines and tabs; shows anything else as an escape so that a log
 * line or a label never carries raw control bytes or broken sequences. */
char *
_sock_handshake_printable_text (const char *data,
                                gsize       len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar)*p);
          p++;
          continue;
        }
      if (c == '\r')
        g_string_append (out, "\\r");
      else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

char *
sock_handshake_dup_body_text (SockHandshake *self)
{
  gsize len;
  const char *data;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);

  if (self->body == NULL || g_bytes_get_size (self->body) == 0)
    return NULL;
  data = g_bytes_get_data (self->body, &len);
  return _sock_handshake_printable_text (data, len);
}

const char *
sock_handshake_get_protocol (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->protocol;
}

void
sock_handshake_set_protocol (SockHandshake *self,
                             const char    *protocol)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  if (_sock_handshake_replace_string (&self->protocol, protocol))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
}

const char *
sock_handshake_get_extensions (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->extensions;
}

void
sock_handshake_set_extensions (SockHandshake *self,
                               const char    *extensions)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE (self));
  _sock_handshake_replace_string (&self->extensions, extensions);
}

const char *
sock_handshake_get_redirect (SockHandshake *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (self), NULL);
  return self->redirect;
}

void
sock_handshake_set_redirect (SockHandshake *self,
                             const char    *location)
{
  g_autoptr(GUri) resolved = NULL;

  g_return_if_fail (SOCK_IS_HANDSHAKE (self));

  if (location != NULL && self->url != NULL)
    {
      g_autoptr(GUri) base = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);

      if (base != NULL)
        resolved = g_uri_parse_relative (base, location, G_URI_FLAGS_ENCODED, NULL);
    }

  if (resolved != NULL)
    {
      g_autofree char *text = g_uri_to_string (resolved);

      _sock_handshake_replace_string (&self->redirect, text);
    }
  else
    _sock_handshake_replace_string (&self->redirect, location);
}
