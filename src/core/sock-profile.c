/* sock-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-profile.h"
#include "sock-url-private.h"

struct _SockProfile
{
  GObject        parent_instance;

  char          *url;
  GStrv          protocols;
  GPtrArray     *headers;    /* name, value, …, NULL */
  char          *origin;
  SockTlsPolicy  tls_policy;
  char          *ca_file;
  char          *pin;
  guint          connect_timeout;
  guint64        max_message_size;
  gboolean       deflate;
  guint          keepalive_interval;
  guint          pong_timeout_ms;
  guint          join_timeout_ms;
  guint          ack_timeout_ms;
  guint          call_timeout_ms;
};

G_DEFINE_FINAL_TYPE (SockProfile, sock_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_ORIGIN,
  PROP_TLS_POLICY,
  PROP_CONNECT_TIMEOUT,
  PROP_MAX_MESSAGE_SIZE,
  PROP_DEFLATE,
  PROP_KEEPALIVE_INTERVAL,
  PROP_PONG_TIMEOUT_MS,
  PROP_JOIN_TIMEOUT_MS,
  PROP_ACK_TIMEOUT_MS,
  PROP_CALL_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_protocols[] = { "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp", NULL };

static void
sock_profile_finalize (GObject *object)
{
  SockProfile *self = (SockProfile *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->protocols, g_strfreev);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->pin, g_free);

  G_OBJECT_CLASS (sock_profile_parent_class)->finalize (object);
}

static void
sock_profile_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SockProfile *self = SOCK_PROFILE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_TLS_POLICY:
      g_value_set_int (value, self->tls_policy);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint64 (value, self->max_message_size);
      break;
    case PROP_DEFLATE:
      g_value_set_boolean (value, self->deflate);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, self->keepalive_interval);
      break;
    case PROP_PONG_TIMEOUT_MS:
      g_value_set_uint (value, self->pong_timeout_ms);
      break;
    case PROP_JOIN_TIMEOUT_MS:
      g_value_set_uint (value, self->join_timeout_ms);
      break;
    case PROP_ACK_TIMEOUT_MS:
      g_value_set_uint (value, self->ack_timeout_ms);
      break;
    case PROP_CALL_TIMEOUT_MS:
      g_value_set_uint (value, self->call_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_profile_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SockProfile *self = SOCK_PROFILE (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_URL:
      if (!sock_profile_set_url (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      break;
    case PROP_ORIGIN:
      if (!sock_profile_set_origin (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      break;
    case PROP_TLS_POLICY:
      sock_profile_set_tls_policy (self, g_value_get_int (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      sock_profile_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_MESSAGE_SIZE:
      sock_profile_set_max_message_size (self, g_value_get_uint64 (value));
      break;
    case PROP_DEFLATE:
      sock_profile_set_deflate (self, g_value_get_boolean (value));
      break;
    case PROP_KEEPALIVE_INTERVAL:
      sock_profile_set_keepalive_interval (self, g_value_get_uint (value));
      break;
    case PROP_PONG_TIMEOUT_MS:
      sock_profile_set_pong_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_JOIN_TIMEOUT_MS:
      sock_profile_set_join_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_ACK_TIMEOUT_MS:
      sock_profile_set_ack_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_CALL_TIMEOUT_MS:
      sock_profile_set_call_timeout_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_profile_class_init (SockProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_profile_finalize;
  object_class->get_property = sock_profile_get_property;
  object_class->set_property = sock_profile_set_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, flags);
  properties[PROP_TLS_POLICY] =
    g_param_spec_int ("tls-policy", NULL, NULL, SOCK_TLS_VERIFY, SOCK_TLS_INSECURE, SOCK_TLS_VERIFY, flags);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 0, 3600, SOCK_PROFILE_DEFAULT_CONNECT_TIMEOUT, flags);
  properties[PROP_MAX_MESSAGE_SIZE] =
    g_param_spec_uint64 ("max-message-size", NULL, NULL, 0, G_MAXUINT64,
                         SOCK_PROFILE_DEFAULT_MAX_MESSAGE_SIZE, flags);
  properties[PROP_DEFLATE] = g_param_spec_boolean ("deflate", NULL, NULL, TRUE, flags);
  properties[PROP_KEEPALIVE_INTERVAL] =
    g_param_spec_uint ("keepalive-interval", NULL, NULL, 0, 3600, SOCK_PROFILE_DEFAULT_KEEPALIVE, flags);
  properties[PROP_PONG_TIMEOUT_MS] =
    g_param_spec_uint ("pong-timeout-ms", NULL, NULL, 0, SOCK_PROFILE_MAX_TIMEOUT_MS,
                       SOCK_PROFILE_DEFAULT_PONG_TIMEOUT_MS, flags);
  properties[PROP_JOIN_TIMEOUT_MS] =
    g_param_spec_uint ("join-timeout-ms", NULL, NULL, 0, SOCK_PROFILE_MAX_TIMEOUT_MS,
                       SOCK_PROFILE_DEFAULT_JOIN_TIMEOUT_MS, flags);
  properties[PROP_ACK_TIMEOUT_MS] =
    g_param_spec_uint ("ack-timeout-ms", NULL, NULL, 0, SOCK_PROFILE_MAX_TIMEOUT_MS,
                       SOCK_PROFILE_DEFAULT_ACK_TIMEOUT_MS, flags);
  properties[PROP_CALL_TIMEOUT_MS] =
    g_param_spec_uint ("call-timeout-ms", NULL, NULL, 0, SOCK_PROFILE_MAX_TIMEOUT_MS,
                       SOCK_PROFILE_DEFAULT_CALL_TIMEOUT_MS, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_profile_init (SockProfile *self)
{
  self->protocols = g_strdupv ((char **)default_protocols);
  self->headers = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->tls_policy = SOCK_TLS_VERIFY;
  self->connect_timeout = SOCK_PROFILE_DEFAULT_CONNECT_TIMEOUT;
  self->max_message_size = SOCK_PROFILE_DEFAULT_MAX_MESSAGE_SIZE;
  self->deflate = TRUE;
  self->keepalive_interval = SOCK_PROFILE_DEFAULT_KEEPALIVE;
  self->pong_timeout_ms = SOCK_PROFILE_DEFAULT_PONG_TIMEOUT_MS;
  self->join_timeout_ms = SOCK_PROFILE_DEFAULT_JOIN_TIMEOUT_MS;
  self->ack_timeout_ms = SOCK_PROFILE_DEFAULT_ACK_TIMEOUT_MS;
  self->call_timeout_ms = SOCK_PROFILE_DEFAULT_CALL_TIMEOUT_MS;
}

SockProfile *
sock_profile_new (void)
{
  return g_object_new (SOCK_TYPE_PROFILE, NULL);
}

SockProfile *
sock_profile_new_for_url (const char  *url,
                          GError     **error)
{
  g_autoptr(SockProfile) self = sock_profile_new ();

  if (!sock_profile_set_url (self, url, error))
    return NULL;

  return g_steal_pointer (&self);
}

SockProfile *
sock_profile_copy (SockProfile *self)
{
  SockProfile *copy;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  copy = sock_profile_new ();
  copy->url = g_strdup (self->url);
  g_strfreev (copy->protocols);
  copy->protocols = g_strdupv (self->protocols);
  for (guint i = 0; i + 1 < self->headers->len; i += 2)
    {
      g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (self->headers, i)));
      g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (self->headers, i + 1)));
    }
  copy->origin = g_strdup (self->origin);
  copy->tls_policy = self->tls_policy;
  copy->ca_file = g_strdup (self->ca_file);
  copy->pin = g_strdup (self->pin);
  copy->connect_timeout = self->connect_timeout;
  copy->max_message_size = self->max_message_size;
  copy->deflate = self->deflate;
  copy->keepalive_interval = self->keepalive_interval;
  copy->pong_timeout_ms = self->pong_timeout_ms;
  copy->join_timeout_ms = self->join_timeout_ms;
  copy->ack_timeout_ms = self->ack_timeout_ms;
  copy->call_timeout_ms = self->call_timeout_ms;

  return copy;
}

const char *
sock_profile_get_url (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return self->url;
}

gboolean
sock_profile_set_url (SockProfile  *self,
                      const char   *url,
                      GError      **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  if (!(uri = _sock_url_parse (url, error)))
    return FALSE;

  if (g_strcmp0 (self->url, url) != 0)
    {
      g_free (self->url);
      self->url = g_strdup (url);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
    }

  return TRUE;
}

const char * const *
sock_profile_get_protocols (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return (const char * const *)self->protocols;
}

gboolean
sock_profile_set_protocols (SockProfile         *self,
                            const char * const  *protocols,
                            GError             **error)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  for (guint i = 0; protocols != NULL && protocols[i]; i++)
    {
      if (!_sock_is_token (protocols[i]))
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
                       _("“%s” is not a valid subprotocol name: use letters, digits and . - _ only, "
                         "as in wamp.2.json"), protocols[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          if (g_ascii_strcasecmp (protocols[i], protocols[j]) == 0)
            {
              g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
                           _("The subprotocol “%s” is offered twice"), protocols[i]);
              return FALSE;
            }
        }
    }

  g_strfreev (self->protocols);
  self->protocols = protocols ? g_strdupv ((char **)protocols) : g_new0 (char *, 1);

  return TRUE;
}

const char * const *
sock_profile_get_headers (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return (const char * const *)self->headers->pdata;
}

/* Headers that the WebSocket handshake itself owns: setting them by hand breaks it. */
static gboolean
is_handshake_header (const char *name)
{
  static const char * const reserved[] = {
    "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
    "Sec-WebSocket-Extensions", "Content-Length", "Transfer-Encoding", NULL
  };

  for (guint i = 0; reserved[i]; i++)
    if (g_ascii_strcasecmp (name, reserved[i]) == 0)
      return TRUE;

  return FALSE;
}

gboolean
sock_profile_add_header (SockProfile  *self,
                         const char   *name,
                         const char   *value,
                         GError      **error)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  if (!_sock_is_token (name))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                   _("“%s” is not a valid header name: use letters, digits and - only"),
                   name ? name : "");
      return FALSE;
    }

  if (value == NULL || strpbrk (value, "\r\n") != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                   _("The value of header “%s” contains a line break, which would inject headers: "
                     "remove it"), name);
      return FALSE;
    }

  for (const char *p = value; *p; p++)
    {
      if ((guchar)*p < 0x20 && *p != '\t')
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                       _("The value of header “%s” contains a control character: remove it"), name);
          return FALSE;
        }
    }

  if (is_handshake_header (name))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                   _("“%s” is part of the WebSocket handshake and is set by Sockscope itself"), name);
      return FALSE;
    }

  if (g_ascii_strcasecmp (name, "Origin") == 0)
    return sock_profile_set_origin (self, value, error);

  if (g_ascii_strcasecmp (name, "Sec-WebSocket-Protocol") == 0)
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);

      for (guint i = 0; parts[i]; i++)
        g_strstrip (parts[i]);

      return sock_profile_set_protocols (self, (const char * const *)parts, error);
    }

  /* keep the NULL terminator last */
  g_ptr_array_add (self->headers, g_strdup (name));
  g_ptr_array_add (self->headers, g_strstrip (g_strdup (value)));

  return TRUE;
}

gboolean
sock_profile_add_header_line (SockProfile  *self,
                              const char   *line,
                              GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *colon;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  if (line == NULL || (colon = strchr (line, ':')) == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                   _("“%s” is not a header: write it as “Name: value”"), line ? line : "");
      return FALSE;
    }

  name = g_strstrip (g_strndup (line, colon - line));
  value = g_strstrip (g_strdup (colon + 1));

  return sock_profile_add_header (self, name, value, error);
}

void
sock_profile_clear_headers (SockProfile *self)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));

  g_ptr_array_set_size (self->headers, 0);
}

const char *
sock_profile_get_origin (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return self->origin;
}

gboolean
sock_profile_set_origin (SockProfile  *self,
                         const char   *origin,
                         GError      **error)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  if (origin != NULL && *origin == '\0')
    origin = NULL;

  if (origin != NULL && g_strcmp0 (origin, "null") != 0)
    {
      g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
          strpbrk (origin, "\r\n \t") != NULL)
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_ORIGIN,
                       _("“%s” is not a valid Origin: write it as scheme://host[:port], "
                         "as in https://app.example.com"), origin);
          return FALSE;
        }
    }

  if (g_strcmp0 (self->origin, origin) != 0)
    {
      g_free (self->origin);
      self->origin = g_strdup (origin);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
    }

  return TRUE;
}

SockTlsPolicy
sock_profile_get_tls_policy (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), SOCK_TLS_VERIFY);

  return self->tls_policy;
}

void
sock_profile_set_tls_policy (SockProfile   *self,
                             SockTlsPolicy  policy)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));
  g_return_if_fail (policy <= SOCK_TLS_INSECURE);

  if (self->tls_policy != policy)
    {
      self->tls_policy = policy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_POLICY]);
    }
}

const char *
sock_profile_get_ca_file (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return self->ca_file;
}

gboolean
sock_profile_set_ca_file (SockProfile  *self,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GList *certs;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  certs = g_tls_certificate_list_new_from_file (path, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE,
                   _("Cannot use “%s” as a CA file: %s"), path, local_error->message);
      return FALSE;
    }
  if (certs == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE,
                   _("“%s” holds no PEM certificate (“-----BEGIN CERTIFICATE-----”)"), path);
      return FALSE;
    }
  g_list_free_full (certs, g_object_unref);

  g_free (self->ca_file);
  /* GLib's TLS database wants an absolute path: "--ca demo.pem" means the one in this directory. */
  self->ca_file = g_canonicalize_filename (path, NULL);
  sock_profile_set_tls_policy (self, SOCK_TLS_CA_FILE);

  return TRUE;
}

const char *
sock_profile_get_pin (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), NULL);

  return self->pin;
}

gboolean
sock_profile_set_pin (SockProfile  *self,
                      const char   *pin,
                      GError      **error)
{
  g_autoptr(GString) hex = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);

  p = pin;
  if (g_ascii_strncasecmp (p, "sha256:", 7) == 0 || g_ascii_strncasecmp (p, "sha256/", 7) == 0)
    p += 7;

  for (; *p; p++)
    {
      if (*p == ':' || *p == ' ')
        continue;
      if (!g_ascii_isxdigit (*p))
        break;
      g_string_append_c (hex, g_ascii_tolower (*p));
    }

  if (*p != '\0' || hex->len != 64)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PIN,
                   _("“%s” is not a SHA-256 fingerprint: give 64 hex digits (colons allowed), as "
                     "printed by `openssl x509 -noout -fingerprint -sha256`"), pin);
      return FALSE;
    }

  g_free (self->pin);
  self->pin = g_string_free (g_steal_pointer (&hex), FALSE);
  sock_profile_set_tls_policy (self, SOCK_TLS_PIN);

  return TRUE;
}

guint
sock_profile_get_connect_timeout (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), 0);

  return self->connect_timeout;
}

void
sock_profile_set_connect_timeout (SockProfile *self,
                                  guint        seconds)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));

  if (self->connect_timeout != seconds)
    {
      self->connect_timeout = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
    }
}

guint64
sock_profile_get_max_message_size (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), 0);

  return self->max_message_size;
}

void
sock_profile_set_max_message_size (SockProfile *self,
                                   guint64      bytes)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));

  if (self->max_message_size != bytes)
    {
      self->max_message_size = bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MESSAGE_SIZE]);
    }
}

gboolean
sock_profile_get_deflate (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  return self->deflate;
}

void
sock_profile_set_deflate (SockProfile *self,
                          gboolean     deflate)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));

  deflate = !!deflate;
  if (self->deflate != deflate)
    {
      self->deflate = deflate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFLATE]);
    }
}

guint
sock_profile_get_keepalive_interval (SockProfile *self)
{
  g_return_val_if_fail (SOCK_IS_PROFILE (self), 0);

  return self->keepalive_interval;
}

void
sock_profile_set_keepalive_interval (SockProfile *self,
                                     guint        seconds)
{
  g_return_if_fail (SOCK_IS_PROFILE (self));

  if (self->keepalive_interval != seconds)
    {
      self->keepalive_interval = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEPALIVE_INTERVAL]);
    }
}

#define DEFINE_MS_SETTING(name, PROP)                                                \
guint                                                                                \
sock_profile_get_##name##_ms (SockProfile *self)                                     \
{                                                                                    \
  g_return_val_if_fail (SOCK_IS_PROFILE (self), 0);                                  \
  return self->name##_ms;                                                            \
}                                                                                    \
                                                                                     \
void                                                                                 \
sock_profile_set_##name##_ms (SockProfile *self,                                     \
                              guint        ms)                                       \
{                                                                                    \
  g_return_if_fail (SOCK_IS_PROFILE (self));                                         \
  if (self->name##_ms != ms)                                                         \
    {                                                                                \
      self->name##_ms = ms;                                                          \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                  \
    }                                                                                \
}

DEFINE_MS_SETTING (pong_timeout, PROP_PONG_TIMEOUT_MS)
DEFINE_MS_SETTING (join_timeout, PROP_JOIN_TIMEOUT_MS)
DEFINE_MS_SETTING (ack_timeout, PROP_ACK_TIMEOUT_MS)
DEFINE_MS_SETTING (call_timeout, PROP_CALL_TIMEOUT_MS)

static gboolean
validate_liveness (SockProfile  *self,
                   GError      **error)
{
  if (self->keepalive_interval > 3600)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("The keepalive interval must be at most 3600 s (it is %u s)"), self->keepalive_interval);
      return FALSE;
    }
  if (self->keepalive_interval > 0 && self->pong_timeout_ms == 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("Pings need a pong timeout above 0: set one, or turn keepalive off (0)"));
      return FALSE;
    }
  if (self->pong_timeout_ms > SOCK_PROFILE_MAX_TIMEOUT_MS || self->join_timeout_ms > SOCK_PROFILE_MAX_TIMEOUT_MS ||
      self->ack_timeout_ms > SOCK_PROFILE_MAX_TIMEOUT_MS || self->call_timeout_ms > SOCK_PROFILE_MAX_TIMEOUT_MS)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("Timeouts must be at most 24 hours"));
      return FALSE;
    }
  return TRUE;
}

/* RawSocket has no HTTP request to carry headers or an Origin, and carries WAMP v2 only: an
 * offer without a WAMP v2 serializer (WAMP v1, none at all as --protocol raw or --no-protocol
 * make it, custom names) is refused. */
static gboolean
validate_rawsocket (SockProfile  *self,
                    GError      **error)
{
  gboolean wamp2 = FALSE;

  if (!sock_url_is_rawsocket (self->url))
    return TRUE;
  for (guint i = 0; self->protocols[i] != NULL; i++)
    wamp2 |= g_str_equal (self->protocols[i], "wamp.2.json") || g_str_equal (self->protocols[i], "wamp.2.msgpack") ||
             g_str_equal (self->protocols[i], "wamp.2.cbor");
  if (self->headers->len > 0 || self->origin != NULL)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                 _("RawSocket has no HTTP handshake to carry an Origin or request headers: remove them, or "
                   "use a ws:// or wss:// address"));
  else if (!wamp2)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
                 _("RawSocket carries WAMP v2 only: choose wamp.2.json, wamp.2.msgpack or wamp.2.cbor as the protocol"));
  else
    return TRUE;
  return FALSE;
}

gboolean
sock_profile_validate (SockProfile  *self,
                       GError      **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (SOCK_IS_PROFILE (self), FALSE);

  if (!(uri = _sock_url_parse (self->url, error)) || !validate_rawsocket (self, error))
    return FALSE;

  if (self->tls_policy == SOCK_TLS_CA_FILE &&
      (self->ca_file == NULL || !g_file_test (self->ca_file, G_FILE_TEST_IS_REGULAR)))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE,
                   _("The CA file “%s” cannot be read: choose an existing PEM file"),
                   self->ca_file ? self->ca_file : "");
      return FALSE;
    }

  if (self->tls_policy == SOCK_TLS_PIN && self->pin == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PIN,
                   _("Certificate pinning is on but no fingerprint is set"));
      return FALSE;
    }

  if (self->max_message_size < 1024)
    {
      g_autofree char *size = sock_format_number (self->max_message_size);

      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: %s is a count of bytes, "1,000" */
                   _("The largest message size must be at least 1 KiB (it is %s bytes)"), size);
      return FALSE;
    }

  return validate_liveness (self, error);
}
