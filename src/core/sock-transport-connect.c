/* sock-transport-connect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opening handshake: build the session from the profile, watch every step libsoup takes, and
 * record it all in a SockHandshake, whether the WebSocket opens or not.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-port-sniff.h"
#include "sock-transport-private.h"

static void
on_logger_line (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  SockTransport *self = user_data;
  const char *colon;

  /* The logger shows the request as it went on the wire (Host included), and the body libsoup
   * reads and throws away for a failed handshake. */
  if (direction == '<' && level == SOUP_LOGGER_LOG_BODY)
    {
      if (self->body == NULL)
        self->body = g_string_new (NULL);
      else if (self->body->len > 0)
        g_string_append_c (self->body, '\n');
      if (self->body->len < SOCK_HANDSHAKE_BODY_SNIPPET + 1)
        g_string_append_len (self->body, data, MIN (strlen (data), SOCK_HANDSHAKE_BODY_SNIPPET + 1));
      return;
    }

  if (direction != '>' || level != SOUP_LOGGER_LOG_HEADERS || (colon = strchr (data, ':')) == NULL)
    return;

  if (g_str_has_prefix (data, "Soup-Debug"))
    return;

  {
    g_autofree char *name = g_strndup (data, colon - data);

    sock_handshake_add_request_header (self->handshake, name, colon + 1 + strspn (colon + 1, " "));
  }
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  SockTransport      *self)
{
  switch (event)
    {
    case G_SOCKET_CLIENT_RESOLVING:
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_RESOLVING);
      break;
    case G_SOCKET_CLIENT_RESOLVED:
    case G_SOCKET_CLIENT_CONNECTING:
    case G_SOCKET_CLIENT_PROXY_NEGOTIATING:
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_CONNECTING);
      break;
    case G_SOCKET_CLIENT_CONNECTED:
      if (G_IS_SOCKET_CONNECTION (connection))
        {
          g_autoptr(GSocketAddress) address =
            g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);

          if (G_IS_INET_SOCKET_ADDRESS (address))
            {
              g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
              sock_handshake_set_remote_address (self->handshake, text);
            }
        }
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_REQUEST);
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKING:
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_TLS);
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKED:
    case G_SOCKET_CLIENT_COMPLETE:
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_REQUEST);
      break;
    case G_SOCKET_CLIENT_PROXY_NEGOTIATED:
    default:
      break;
    }
}

static void
on_got_headers (SoupMessage   *message,
                SockTransport *self)
{
  sock_handshake_set_phase (self->handshake, SOCK_PHASE_RESPONSE);
}

static char *
certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       SockTransport        *self)
{
  return _sock_transport_accept_certificate (self, certificate, errors);
}

gboolean
_sock_transport_accept_certificate (SockTransport        *self,
                                    GTlsCertificate      *certificate,
                                    GTlsCertificateFlags  errors)
{
  g_autofree char *sha256 = NULL;

  sock_handshake_set_certificate (self->handshake, certificate, errors);

  switch (sock_profile_get_tls_policy (self->profile))
    {
    case SOCK_TLS_INSECURE:
      return TRUE;
    case SOCK_TLS_PIN:
      sha256 = certificate_sha256 (certificate);
      if (g_strcmp0 (sha256, sock_profile_get_pin (self->profile)) == 0)
        return TRUE;
      self->pin_mismatch = TRUE;
      return FALSE;
    case SOCK_TLS_VERIFY:
    case SOCK_TLS_CA_FILE:
    default:
      return FALSE;
    }
}

static gboolean
setup_session (SockTransport  *self,
               GError        **error)
{
  g_autoptr(SoupLogger) logger = NULL;
  g_autofree char *user_agent = g_strdup_printf ("Sockscope/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", user_agent, NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);
  soup_logger_set_max_body_size (logger, SOCK_HANDSHAKE_BODY_SNIPPET + 1);
  soup_logger_set_printer (logger, on_logger_line, self, NULL);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));

  if (sock_profile_get_deflate (self->profile))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);

  switch (sock_profile_get_tls_policy (self->profile))
    {
    case SOCK_TLS_CA_FILE:
      {
        g_autoptr(GError) local_error = NULL;
        g_autoptr(GTlsDatabase) database =
          g_tls_file_database_new (sock_profile_get_ca_file (self->profile), &local_error);

        if (database == NULL)
          {
            g_set_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE, _("Cannot use “%s” as a CA file: %s"),
                         sock_profile_get_ca_file (self->profile), local_error->message);
            return FALSE;
          }
        soup_session_set_tls_database (self->session, database);
      }
      break;
    case SOCK_TLS_PIN:
      /* With no database every certificate fails validation, so the pin check always runs. */
      soup_session_set_tls_database (self->session, NULL);
      break;
    case SOCK_TLS_VERIFY:
    case SOCK_TLS_INSECURE:
    default:
      break;
    }

  return TRUE;
}

static SoupMessage *
create_message (SockTransport  *self,
                GError        **error)
{
  const char * const *headers = sock_profile_get_headers (self->profile);
  SoupMessage *message;

  message = soup_message_new (SOUP_METHOD_GET, sock_profile_get_url (self->profile));
  if (message == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL, _("“%s” is not a valid URL"),
                   sock_profile_get_url (self->profile));
      return NULL;
    }

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  for (guint i = 0; headers[i] && headers[i + 1]; i += 2)
    soup_message_headers_append (soup_message_get_request_headers (message), headers[i], headers[i + 1]);

  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event), self);
  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers), self);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate), self);

  return message;
}

static char *
request_line (SoupMessage *message)
{
  GUri *uri = soup_message_get_uri (message);
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);

  return g_strdup_printf ("GET %s%s%s HTTP/1.1", *path ? path : "/", query ? "?" : "", query ? query : "");
}

static double
metric_ms (guint64 value,
           guint64 start)
{
  return value == 0 || value < start ? -1 : (value - start) / 1000.0;
}

static void
record_timings (SockTransport *self)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (self->message);
  SockTimings timings;
  guint64 start;

  if (metrics == NULL)
    return;

  start = soup_message_metrics_get_fetch_start (metrics);
  timings.dns_start = metric_ms (soup_message_metrics_get_dns_start (metrics), start);
  timings.dns_end = metric_ms (soup_message_metrics_get_dns_end (metrics), start);
  timings.connect_start = metric_ms (soup_message_metrics_get_connect_start (metrics), start);
  timings.connect_end = metric_ms (soup_message_metrics_get_connect_end (metrics), start);
  timings.tls_start = metric_ms (soup_message_metrics_get_tls_start (metrics), start);
  timings.request_start = metric_ms (soup_message_metrics_get_request_start (metrics), start);
  timings.response_start = metric_ms (soup_message_metrics_get_response_start (metrics), start);
  timings.response_end = metric_ms (soup_message_metrics_get_response_end (metrics), start);
  timings.request_header_bytes = soup_message_metrics_get_request_header_bytes_sent (metrics);
  timings.response_header_bytes = soup_message_metrics_get_response_header_bytes_received (metrics);

  sock_handshake_set_timings (self->handshake, &timings);
}

const char *
_sock_tls_version_name (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0: return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0: return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1: return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2: return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3: return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0: return "DTLS 1.0";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2: return "DTLS 1.2";
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default: return NULL;
    }
}

static void
record_response (SockTransport *self)
{
  SoupMessage *message = self->message;
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  guint status = soup_message_get_status (message);
  GTlsCertificate *certificate;

  if (sock_handshake_get_request_line (self->handshake) == NULL)
    {
      g_autofree char *line = request_line (message);
      sock_handshake_set_request_line (self->handshake, line);
    }

  if (sock_handshake_get_remote_address (self->handshake) == NULL)
    {
      GSocketAddress *address = soup_message_get_remote_address (message);

      if (G_IS_INET_SOCKET_ADDRESS (address))
        {
          g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
          sock_handshake_set_remote_address (self->handshake, text);
        }
    }

  if (status != 0)
    {
      SoupHTTPVersion version = soup_message_get_http_version (message);

      sock_handshake_set_status (self->handshake, version == SOUP_HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1",
                                 status, soup_message_get_reason_phrase (message));
      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        sock_handshake_add_response_header (self->handshake, name, value);
    }

  if (self->body != NULL && self->body->len > 0)
    sock_handshake_set_body (self->handshake, (const guint8 *)self->body->str, self->body->len);

  if (status >= 300 && status < 400)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      if (location != NULL)
        {
          g_autofree char *target = g_uri_resolve_relative (sock_profile_get_url (self->profile), location,
                                                            G_URI_FLAGS_NONE, NULL);
          sock_handshake_set_redirect (self->handshake, target ? target : location);
        }
    }

  if ((certificate = soup_message_get_tls_peer_certificate (message)) != NULL)
    {
      sock_handshake_set_certificate (self->handshake, certificate,
                                      soup_message_get_tls_peer_certificate_errors (message));
      sock_handshake_set_tls (self->handshake,
                              _sock_tls_version_name (soup_message_get_tls_protocol_version (message)),
                              soup_message_get_tls_ciphersuite_name (message));
    }

  record_timings (self);
}


/* After a ws:// attempt that the server dropped without a word, does that port speak TLS? After a
 * wss:// attempt that failed or hung in the TLS handshake, does it speak plain HTTP? */
static SockPortLanguage
sniff_language (SockTransport *self,
                const GError  *error)
{
  SockPhase phase = sock_handshake_get_phase (self->handshake);

  if (sock_handshake_get_status (self->handshake) != 0)
    return -1;

  if (sock_handshake_is_secure (self->handshake))
    {
      if (phase == SOCK_PHASE_TLS &&
          (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_TIMED_OUT) ||
           g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
           g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_MISC) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)))
        return SOCK_PORT_SPEAKS_HTTP;
      return -1;
    }

  if (phase < SOCK_PHASE_REQUEST)
    return -1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return SOCK_PORT_SPEAKS_TLS;

  return -1;
}

static void
sniff_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SockTransport *self = g_task_get_source_object (task);
  SockPortLanguage language = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "language"));
  gboolean speaks = sock_port_sniff_finish (result);

  if (self->connect_task == NULL)
    return;

  if (language == SOCK_PORT_SPEAKS_TLS)
    sock_handshake_set_port_speaks_tls (self->handshake, speaks);
  else
    sock_handshake_set_port_speaks_http (self->handshake, speaks);

  _sock_transport_finish_connect (self, g_task_get_task_data (task));
}

static void
start_sniff (SockTransport    *self,
             SockPortLanguage  language,
             GError           *error)
{
  GTask *task = g_task_new (self, NULL, NULL, NULL);
  GUri *uri = soup_message_get_uri (self->message);

  g_task_set_task_data (task, error, (GDestroyNotify)g_error_free);
  g_object_set_data (G_OBJECT (task), "language", GINT_TO_POINTER (language));
  sock_port_sniff_async (g_uri_get_host (uri), g_uri_get_port (uri), language, self->sniff_cancellable,
                         sniff_cb, task);
}

void
_sock_transport_finish_connect (SockTransport *self,
                                GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  _sock_source_clear (&self->timeout_source);
  g_clear_object (&self->connect_cancellable);

  if (error != NULL)
    {
      _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSED);
      g_task_return_error (task, g_error_copy (error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* What the attempt waited for when it gave up. */
static char *
describe_wait (SockPhase phase,
               guint     timeout)
{
  switch (phase)
    {
    case SOCK_PHASE_NONE:
    case SOCK_PHASE_RESOLVING:
      return g_strdup_printf (_("The host name was not resolved within %u s"), timeout);
    case SOCK_PHASE_CONNECTING:
      return g_strdup_printf (_("The server did not accept the connection within %u s"), timeout);
    case SOCK_PHASE_TLS:
      return g_strdup_printf (_("The TLS handshake did not finish within %u s"), timeout);
    case SOCK_PHASE_REQUEST:
      return g_strdup_printf (_("The server did not answer the upgrade request within %u s"), timeout);
    case SOCK_PHASE_RESPONSE:
    case SOCK_PHASE_OPEN:
    default:
      return g_strdup_printf (_("The server's answer did not complete within %u s"), timeout);
    }
}

/* Turns what libsoup and GIO said into the error the diagnosis expects. */
static GError *
translate_error (SockTransport *self,
                 GError        *error)
{
  guint status = sock_handshake_get_status (self->handshake);

  if (self->timed_out)
    {
      g_autofree char *wait = describe_wait (sock_handshake_get_phase (self->handshake),
                                             sock_profile_get_connect_timeout (self->profile));

      g_clear_error (&error);
      return g_error_new_literal (SOCK_ERROR, SOCK_ERROR_TIMED_OUT, wait);
    }

  if (self->pin_mismatch)
    {
      g_clear_error (&error);
      return g_error_new (SOCK_ERROR, SOCK_ERROR_PIN_MISMATCH,
                          _("The server’s certificate (SHA-256 %s) is not the pinned one (%s)"),
                          sock_handshake_get_cert_sha256 (self->handshake),
                          sock_profile_get_pin (self->profile));
    }

  if (status >= 300 && status < 400)
    {
      g_clear_error (&error);
      return g_error_new (SOCK_ERROR, SOCK_ERROR_REDIRECT, _("The server redirects (%u) to %s"), status,
                          sock_handshake_get_redirect (self->handshake)
                            ? sock_handshake_get_redirect (self->handshake) : _("nowhere (no Location)"));
    }

  return error;
}

static void
websocket_connect_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  GError *error = NULL;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (self->connect_task == NULL)
    {
      /* disposed meanwhile */
      g_clear_error (&error);
      return;
    }

  record_response (self);

  if (connection == NULL)
    {
      SockPortLanguage language;

      error = translate_error (self, error);
      if ((language = sniff_language (self, error)) != (SockPortLanguage)-1)
        start_sniff (self, language, error);
      else
        {
          _sock_transport_finish_connect (self, error);
          g_error_free (error);
        }
      return;
    }

  sock_handshake_set_phase (self->handshake, SOCK_PHASE_OPEN);
  sock_handshake_set_protocol (self->handshake, soup_websocket_connection_get_protocol (connection));
  sock_handshake_set_extensions (self->handshake,
                                 soup_message_headers_get_one (soup_message_get_response_headers (self->message),
                                                               "Sec-WebSocket-Extensions"));
  _sock_transport_opened (self, connection);
  _sock_transport_finish_connect (self, NULL);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  SockTransport *self = user_data;

  _sock_source_clear (&self->timeout_source);
  self->timed_out = TRUE;
  g_cancellable_cancel (self->connect_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
reset_attempt (SockTransport *self)
{
  g_clear_object (&self->handshake);
  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);
  g_clear_object (&self->message);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  if (self->body != NULL)
    g_string_truncate (self->body, 0);
  g_clear_error (&self->connection_error);
  self->timed_out = FALSE;
  self->pin_mismatch = FALSE;
  _sock_transport_raw_dispose (self);
  self->frames_in = self->frames_out = self->bytes_in = self->bytes_out = 0;
}

void
sock_transport_connect_async (SockTransport       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char * const *protocols;
  GError *error = NULL;
  guint timeout;

  g_return_if_fail (SOCK_IS_TRANSPORT (self));
  g_return_if_fail (self->connect_task == NULL);
  g_return_if_fail (self->connection == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_transport_connect_async);

  reset_attempt (self);
  self->handshake = sock_handshake_new (sock_profile_get_url (self->profile));
  sock_handshake_set_offered_protocols (self->handshake, sock_profile_get_protocols (self->profile));
  sock_handshake_set_origin (self->handshake, sock_profile_get_origin (self->profile));
  sock_handshake_set_max_message_size (self->handshake, sock_profile_get_max_message_size (self->profile));
  sock_handshake_set_timeout (self->handshake, sock_profile_get_connect_timeout (self->profile));
  if (sock_profile_get_tls_policy (self->profile) == SOCK_TLS_PIN)
    sock_handshake_set_expected_pin (self->handshake, sock_profile_get_pin (self->profile));

  self->rawsocket = sock_url_is_rawsocket (sock_profile_get_url (self->profile));
  if (!sock_profile_validate (self->profile, &error) ||
      (!self->rawsocket && (!setup_session (self, &error) || !(self->message = create_message (self, &error)))))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!self->rawsocket)
    {
      g_autofree char *line = request_line (self->message);
      sock_handshake_set_request_line (self->handshake, line);
    }

  self->connect_task = g_steal_pointer (&task);
  self->connect_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                           g_object_ref (self->connect_cancellable), g_object_unref);
  if ((timeout = sock_profile_get_connect_timeout (self->profile)) > 0)
    self->timeout_source = _sock_timeout_add (timeout * 1000, connect_timeout_cb, self);

  _sock_transport_set_state (self, SOCK_TRANSPORT_CONNECTING);
  sock_handshake_set_phase (self->handshake, SOCK_PHASE_RESOLVING);
  if (self->rawsocket)
    {
      _sock_transport_raw_connect (self);
      return;
    }
  protocols = sock_profile_get_protocols (self->profile);
  /* an empty list would go out as an empty Sec-WebSocket-Protocol header */
  soup_session_websocket_connect_async (self->session, self->message, sock_profile_get_origin (self->profile),
                                        protocols[0] ? (char **)protocols : NULL, G_PRIORITY_DEFAULT,
                                        self->connect_cancellable, websocket_connect_cb, g_object_ref (self));
}

gboolean
sock_transport_connect_finish (SockTransport  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
