/* sock-transport-rawsocket-connect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockTransport's WAMP RawSocket backend, the opening: connect with GSocketClient (TCP, TLS with the
 * profile's certificate policy, a Unix socket) under the profile's deadline, exchange the 4-byte
 * handshake and record everything seen in the SockHandshake, in words when it fails.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>
#include <string.h>

#include "sock-error.h"
#include "sock-safe-text.h"
#include "sock-transport-private.h"



static double
ms_since_start (SockTransport *self)
{
  return (g_get_monotonic_time () - self->raw_start) / 1000.0;
}

/* The serializer the profile asks for: the first WAMP v2 one it offers (Auto offers JSON first;
 * validation refuses an offer without one). */
static SockRawsocketSerializer
chosen_serializer (SockProfile *profile)
{
  const char * const *protocols = sock_profile_get_protocols (profile);

  for (guint i = 0; protocols[i] != NULL; i++)
    if (sock_rawsocket_serializer_from_protocol (protocols[i]) != SOCK_RAWSOCKET_SERIALIZER_INVALID)
      return sock_rawsocket_serializer_from_protocol (protocols[i]);
  return SOCK_RAWSOCKET_SERIALIZER_INVALID;
}

/* The largest length exponent that stays within the profile's largest message. */
static guint
chosen_exponent (SockProfile *profile)
{
  guint64 max = sock_profile_get_max_message_size (profile);
  guint exponent = sock_rawsocket_exponent_for_length (MIN (max, (guint64) SOCK_RAWSOCKET_LENGTH_MAX));

  while (exponent > 0 && sock_rawsocket_length_for_exponent (exponent) > max)
    exponent--;
  return exponent;
}

static char *
hex4 (const guint8 *bytes)
{
  return g_strdup_printf ("%02X %02X %02X %02X", bytes[0], bytes[1], bytes[2], bytes[3]);
}

static void
add_number_header (SockHandshake *handshake,
                   gboolean       request,
                   const char    *name,
                   gsize          value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GSIZE_FORMAT, value);

  if (request)
    sock_handshake_add_request_header (handshake, name, text);
  else
    sock_handshake_add_response_header (handshake, name, text);
}

static void
record_hello (SockTransport *self,
              guint          exponent)
{
  g_autofree char *bytes = hex4 (self->raw_hello);
  g_autofree char *line = g_strdup_printf ("RAWSOCKET %s", bytes);
  g_autofree char *name = sock_rawsocket_serializer_describe (self->raw_serializer);
  const char *protocol = sock_rawsocket_serializer_to_protocol (self->raw_serializer);
  const char * const offered[] = { protocol, NULL };

  sock_handshake_set_request_line (self->handshake, line);
  sock_handshake_add_request_header (self->handshake, "Serializer", name);
  add_number_header (self->handshake, TRUE, "Max-Length", sock_rawsocket_length_for_exponent (exponent));
  sock_handshake_set_offered_protocols (self->handshake, offered);
  sock_handshake_set_origin (self->handshake, NULL);
}

static void
record_timings (SockTransport *self)
{
  sock_handshake_set_timings (self->handshake, &self->raw_timings);
}

/* Ends the attempt with error, in words; the handshake keeps what was seen. */
static void
fail (SockTransport *self,
      GError        *error)
{
  g_autoptr(GError) owned = error;

  if (self->timed_out)
    {
      guint timeout = sock_profile_get_connect_timeout (self->profile);
      SockPhase phase = sock_handshake_get_phase (self->handshake);

      g_clear_error (&owned);
      if (phase == SOCK_PHASE_REQUEST)
        owned = g_error_new (SOCK_ERROR, SOCK_ERROR_TIMED_OUT,
                             _("The server did not answer the RawSocket handshake within %u s: it accepted "
                               "the connection but is silent, so it is probably not a RawSocket router "
                               "(a WebSocket or HTTP server waits for a request)"), timeout);
      else if (phase == SOCK_PHASE_TLS)
        owned = g_error_new (SOCK_ERROR, SOCK_ERROR_TIMED_OUT, _("The TLS handshake did not finish within %u s"),
                             timeout);
      else
        owned = g_error_new (SOCK_ERROR, SOCK_ERROR_TIMED_OUT,
                             _("The server did not accept the connection within %u s"), timeout);
    }
  else if (self->pin_mismatch)
    {
      g_clear_error (&owned);
      owned = g_error_new (SOCK_ERROR, SOCK_ERROR_PIN_MISMATCH,
                           _("The server’s certificate (SHA-256 %s) is not the pinned one (%s)"),
                           sock_handshake_get_cert_sha256 (self->handshake), sock_profile_get_pin (self->profile));
    }
  record_timings (self);
  g_clear_object (&self->raw_stream);
  _sock_transport_finish_connect (self, owned);
}

static void
on_tls_handshaked (SockTransport *self,
                   GTlsConnection *tls)
{
  GTlsCertificate *certificate = g_tls_connection_get_peer_certificate (tls);
  g_autofree char *cipher = g_tls_connection_get_ciphersuite_name (tls);

  if (certificate != NULL)
    sock_handshake_set_certificate (self->handshake, certificate, g_tls_connection_get_peer_certificate_errors (tls));
  sock_handshake_set_tls (self->handshake, _sock_tls_version_name (g_tls_connection_get_protocol_version (tls)),
                          cipher);
}

static gboolean
on_accept_certificate (GTlsConnection       *tls,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       SockTransport        *self)
{
  sock_handshake_set_certificate (self->handshake, certificate, errors);
  return _sock_transport_accept_certificate (self, certificate, errors);
}

static void
setup_tls (SockTransport  *self,
           GTlsConnection *tls)
{
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  if (sock_profile_get_tls_policy (self->profile) == SOCK_TLS_CA_FILE)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (sock_profile_get_ca_file (self->profile), NULL);

      g_tls_connection_set_database (tls, database);
    }
  else if (sock_profile_get_tls_policy (self->profile) == SOCK_TLS_PIN)
    g_tls_connection_set_database (tls, NULL);
}

static void
on_client_event (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 SockTransport      *self)
{
  switch (event)
    {
    case G_SOCKET_CLIENT_RESOLVED:
    case G_SOCKET_CLIENT_CONNECTING:
      if (self->raw_timings.connect_start < 0)
        self->raw_timings.connect_start = ms_since_start (self);
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_CONNECTING);
      break;
    case G_SOCKET_CLIENT_CONNECTED:
      self->raw_timings.connect_end = ms_since_start (self);
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
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKING:
      self->raw_timings.tls_start = ms_since_start (self);
      sock_handshake_set_phase (self->handshake, SOCK_PHASE_TLS);
      if (G_IS_TLS_CONNECTION (connection))
        setup_tls (self, G_TLS_CONNECTION (connection));
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKED:
      if (G_IS_TLS_CONNECTION (connection))
        on_tls_handshaked (self, G_TLS_CONNECTION (connection));
      break;
    default:
      break;
    }
}

/* The handshake */

static void
opened (SockTransport            *self,
        const SockRawsocketHello *accepted)
{
  const char *protocol = sock_rawsocket_serializer_to_protocol (self->raw_serializer);
  g_autofree char *bytes = hex4 (self->raw_reply);
  g_autofree char *name = sock_rawsocket_serializer_describe (accepted->serializer);

  sock_handshake_add_response_header (self->handshake, "RawSocket-Reply", bytes);
  sock_handshake_add_response_header (self->handshake, "Serializer", name);
  add_number_header (self->handshake, FALSE, "Max-Length", accepted->max_length);
  sock_handshake_set_phase (self->handshake, SOCK_PHASE_OPEN);
  sock_handshake_set_protocol (self->handshake, protocol);
  record_timings (self);

  self->raw_peer_max = accepted->max_length;
  _sock_transport_raw_start (self, sock_rawsocket_length_for_exponent (self->raw_hello[1] >> 4));
}

/* A foreign answer: keep what came (an HTTP status line, say) in the handshake, and name it. */
static GError *
foreign_answer (SockTransport *self,
                gsize          len,
                GError        *error)
{
  g_autofree char *first = NULL;
  const char *end;

  sock_handshake_set_body (self->handshake, self->raw_reply, len);
  end = memchr (self->raw_reply, '\n', len);
  if (end != NULL && end > (const char *) self->raw_reply && end[-1] == '\r')
    end--;
  first = sock_safe_text ((const char *) self->raw_reply, end ? (gssize) (end - (const char *) self->raw_reply) : (gssize) len,
                          120, 0);
  if (first != NULL && g_str_has_prefix (first, "HTTP/"))
    {
      GError *named = g_error_new (error->domain, error->code, _("%s It answered “%s”."), error->message,
                                   g_strstrip (first));
      g_error_free (error);
      return named;
    }
  return error;
}

static void
more_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SockTransport *self = g_task_get_source_object (task);
  GError *error = g_task_get_task_data (task);
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  g_task_set_task_data (task, NULL, NULL);
  if (self->connect_task == NULL)
    {
      g_error_free (error);
      return;
    }
  fail (self, foreign_answer (self, SOCK_RAWSOCKET_HANDSHAKE_SIZE + MAX (n, 0), error));
}

static void
reply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  GError *error = NULL;
  SockRawsocketHello accepted = { 0 };
  gsize n = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &n, &error) || self->connect_task == NULL)
    {
      if (self->connect_task != NULL)
        fail (self, error);
      else
        g_clear_error (&error);
      return;
    }
  self->raw_timings.response_start = self->raw_timings.response_end = ms_since_start (self);
  sock_handshake_set_phase (self->handshake, SOCK_PHASE_RESPONSE);
  if (n < SOCK_RAWSOCKET_HANDSHAKE_SIZE)
    {
      if (n > 0)
        sock_handshake_set_body (self->handshake, self->raw_reply, n);
      fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               _("The server closed the connection without answering the RawSocket handshake "
                                 "(after %u bytes): it may limit connections, or not speak RawSocket"), (guint) n));
      return;
    }
  if (!sock_rawsocket_parse_reply (self->raw_reply, self->raw_serializer, &accepted, &error))
    {
      if (g_error_matches (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET))
        {
          /* read what else it said (an HTTP status line), within the same deadline */
          GTask *task = g_task_new (self, NULL, NULL, NULL);

          g_task_set_task_data (task, error, NULL);
          g_input_stream_read_async (G_INPUT_STREAM (object), self->raw_reply + SOCK_RAWSOCKET_HANDSHAKE_SIZE,
                                     sizeof self->raw_reply - SOCK_RAWSOCKET_HANDSHAKE_SIZE, G_PRIORITY_DEFAULT,
                                     self->connect_cancellable, more_read_cb, task);
          return;
        }
      {
        g_autofree char *bytes = hex4 (self->raw_reply);
        sock_handshake_add_response_header (self->handshake, "RawSocket-Reply", bytes);
      }
      fail (self, error);
      return;
    }
  opened (self, &accepted);
}

static void
hello_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error) || self->connect_task == NULL)
    {
      if (self->connect_task != NULL)
        fail (self, error);
      else
        g_clear_error (&error);
      return;
    }
  g_input_stream_read_all_async (g_io_stream_get_input_stream (self->raw_stream), self->raw_reply,
                                 SOCK_RAWSOCKET_HANDSHAKE_SIZE, G_PRIORITY_DEFAULT, self->connect_cancellable,
                                 reply_cb, g_object_ref (self));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SockTransport) self = user_data;
  GError *error = NULL;
  GSocketConnection *connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);

  if (self->connect_task == NULL)
    {
      g_clear_object (&connection);
      g_clear_error (&error);
      return;
    }
  if (connection == NULL)
    {
      fail (self, error);
      return;
    }
  self->raw_stream = G_IO_STREAM (connection);
  self->raw_timings.request_start = ms_since_start (self);
  sock_handshake_set_phase (self->handshake, SOCK_PHASE_REQUEST);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (self->raw_stream), self->raw_hello,
                                   SOCK_RAWSOCKET_HANDSHAKE_SIZE, G_PRIORITY_DEFAULT, self->connect_cancellable,
                                   hello_cb, g_object_ref (self));
}

static GSocketConnectable *
connectable_for (SockTransport *self)
{
  const char *url = sock_profile_get_url (self->profile);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (sock_url_is_unix (url))
    {
      g_autofree char *path = g_uri_unescape_string (g_uri_get_path (uri), NULL);

      sock_handshake_set_remote_address (self->handshake, path);
      return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (path));
    }
  return g_network_address_new (g_uri_get_host (uri), g_uri_get_port (uri));
}

void
_sock_transport_raw_connect (SockTransport *self)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  guint exponent = chosen_exponent (self->profile);
  SockTimings none = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0 };

  self->raw_start = g_get_monotonic_time ();
  self->raw_timings = none;
  self->raw_serializer = chosen_serializer (self->profile);
  if (self->raw_serializer == SOCK_RAWSOCKET_SERIALIZER_INVALID)
    {
      fail (self, g_error_new (SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL,
                               _("RawSocket carries WAMP v2 only: choose wamp.2.json, wamp.2.msgpack or "
                                 "wamp.2.cbor as the protocol")));
      return;
    }
  sock_rawsocket_write_hello (self->raw_hello, self->raw_serializer, exponent);
  self->raw_timings.request_header_bytes = SOCK_RAWSOCKET_HANDSHAKE_SIZE;
  self->raw_timings.response_header_bytes = SOCK_RAWSOCKET_HANDSHAKE_SIZE;
  record_hello (self, exponent);

  connectable = connectable_for (self);
  self->raw_client = g_socket_client_new ();
  g_socket_client_set_tls (self->raw_client, sock_url_is_secure (sock_profile_get_url (self->profile)));
  g_signal_connect (self->raw_client, "event", G_CALLBACK (on_client_event), self);
  g_socket_client_connect_async (self->raw_client, connectable, self->connect_cancellable, connect_cb,
                                 g_object_ref (self));
}
