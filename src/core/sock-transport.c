/* sock-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sock-error.h"
#include "sock-transport-private.h"


G_DEFINE_FINAL_TYPE (SockTransport, sock_transport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  CLOSED,
  EARLY_WINDOW_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_sock_transport_set_state (SockTransport      *self,
           SockTransportState  state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

GSource *
_sock_timeout_add (guint       interval_ms,
                   GSourceFunc function,
                   gpointer    data)
{
  GSource *source = g_timeout_source_new (interval_ms);

  g_source_set_callback (source, function, data, NULL);
  g_source_set_static_name (source, "[sockscope] transport timeout");
  g_source_attach (source, g_main_context_get_thread_default ());

  return source;
}

void
_sock_source_clear (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
clear_sources (SockTransport *self)
{
  _sock_source_clear (&self->timeout_source);
  _sock_source_clear (&self->early_source);
}

static void
drop_connection (SockTransport *self)
{
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->connection);
    }
}

static void
sock_transport_dispose (GObject *object)
{
  SockTransport *self = (SockTransport *)object;

  clear_sources (self);
  _sock_transport_batch_detach (self);
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);
  g_cancellable_cancel (self->sniff_cancellable);
  drop_connection (self);
  _sock_transport_raw_dispose (self);
  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);
  g_clear_object (&self->message);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sock_transport_parent_class)->dispose (object);
}

static void
sock_transport_finalize (GObject *object)
{
  SockTransport *self = (SockTransport *)object;

  g_clear_object (&self->profile);
  g_clear_object (&self->handshake);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->sniff_cancellable);
  g_clear_pointer (&self->close_reason, g_free);
  g_clear_error (&self->connection_error);
  if (self->body != NULL)
    g_string_free (self->body, TRUE);

  G_OBJECT_CLASS (sock_transport_parent_class)->finalize (object);
}

static void
sock_transport_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SockTransport *self = SOCK_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drop_log_message (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
}

/* libsoup logs a debug message for every WebSocket frame it reads or queues; GLib formats each
 * one and runs it through the default handler (which reads G_MESSAGES_DEBUG every time) only to
 * drop it: about 5% of the time spent on a firehose. Unless someone asked for them, drop them at
 * once. */
static void
quiet_libsoup_debug (void)
{
  const char *wanted = g_getenv ("G_MESSAGES_DEBUG");

  if (wanted == NULL || (strstr (wanted, "all") == NULL && strstr (wanted, "libsoup") == NULL))
    g_log_set_handler ("libsoup", G_LOG_LEVEL_DEBUG, drop_log_message, NULL);
}

/* libsoup declares SoupWebsocketConnection::message with g_cclosure_marshal_generic and no
 * va_list marshaller, so each frame's emission packs its arguments into GValues and calls the
 * handler through libffi: about 3,000 instructions per frame, a fifth of receiving a small one.
 * With this va_list marshaller for the signal's (int, GBytes) arguments, GLib calls a lone
 * handler directly. The signal is libsoup's: this is set only when its signature is the one the
 * marshaller reads, and it is correct for every C handler of that signature. */
static void
marshal_ws_message_va (GClosure *closure,
                       GValue   *return_value,
                       gpointer  instance,
                       va_list   args,
                       gpointer  marshal_data,
                       int       n_params,
                       GType    *param_types)
{
  typedef void (*MessageFunc) (gpointer instance, int type, GBytes *message, gpointer data);
  GCClosure *cc = (GCClosure *) closure;
  gboolean copy = (param_types[1] & G_SIGNAL_TYPE_STATIC_SCOPE) == 0;
  MessageFunc callback = (MessageFunc) (marshal_data ? marshal_data : cc->callback);
  va_list args_copy;
  int type;
  GBytes *message;

  G_VA_COPY (args_copy, args);
  type = va_arg (args_copy, int);
  message = va_arg (args_copy, GBytes *);
  va_end (args_copy);
  if (copy && message != NULL)
    message = g_bytes_ref (message);
  if (G_CCLOSURE_SWAP_DATA (closure))
    callback (closure->data, type, message, instance);
  else
    callback (instance, type, message, closure->data);
  if (copy && message != NULL)
    g_bytes_unref (message);
}

static void
speed_up_message_signal (void)
{
  /* the signal exists once the class does */
  g_autoptr(GTypeClass) klass = g_type_class_ref (SOUP_TYPE_WEBSOCKET_CONNECTION);
  guint id = g_signal_lookup ("message", SOUP_TYPE_WEBSOCKET_CONNECTION);
  GSignalQuery query;

  g_signal_query (id, &query);
  if (id != 0 && query.return_type == G_TYPE_NONE && query.n_params == 2 &&
      (query.param_types[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE) == G_TYPE_INT &&
      (query.param_types[1] & ~G_SIGNAL_TYPE_STATIC_SCOPE) == G_TYPE_BYTES)
    g_signal_set_va_marshaller (id, SOUP_TYPE_WEBSOCKET_CONNECTION, marshal_ws_message_va);
}

static void
sock_transport_class_init (SockTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  quiet_libsoup_debug ();
  speed_up_message_signal ();

  object_class->dispose = sock_transport_dispose;
  object_class->finalize = sock_transport_finalize;
  object_class->get_property = sock_transport_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SOCK_TRANSPORT_CLOSED, SOCK_TRANSPORT_CLOSING,
                      SOCK_TRANSPORT_CLOSED, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_ERROR);
  signals[EARLY_WINDOW_DONE] =
    g_signal_new ("early-window-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sock_transport_init (SockTransport *self)
{
  self->state = SOCK_TRANSPORT_CLOSED;
  self->sniff_cancellable = g_cancellable_new ();
}

SockTransport *
sock_transport_new (SockProfile *profile)
{
  SockTransport *self;

  g_return_val_if_fail (SOCK_IS_PROFILE (profile), NULL);

  self = g_object_new (SOCK_TYPE_TRANSPORT, NULL);
  self->profile = sock_profile_copy (profile);

  return self;
}

SockProfile *
sock_transport_get_profile (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), NULL);

  return self->profile;
}

void
sock_transport_set_frame_func (SockTransport          *self,
                               SockTransportFrameFunc  func,
                               gpointer                user_data)
{
  g_return_if_fail (SOCK_IS_TRANSPORT (self));

  self->frame_func = func;
  self->frame_func_data = user_data;
}

SockTransportState
sock_transport_get_state (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), SOCK_TRANSPORT_CLOSED);

  return self->state;
}

SockHandshake *
sock_transport_get_handshake (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), NULL);

  return self->handshake;
}

const char *
sock_transport_get_protocol (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), NULL);

  return self->handshake ? sock_handshake_get_protocol (self->handshake) : NULL;
}

gushort
sock_transport_get_close_code (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), 0);

  return self->close_code;
}

const char *
sock_transport_get_close_reason (SockTransport *self)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), NULL);

  return self->close_reason;
}

guint64
sock_transport_get_bytes_in (SockTransport *self)
{
  return self->bytes_in;
}

guint64
sock_transport_get_bytes_out (SockTransport *self)
{
  return self->bytes_out;
}

guint64
sock_transport_get_frames_in (SockTransport *self)
{
  return self->frames_in;
}

guint64
sock_transport_get_frames_out (SockTransport *self)
{
  return self->frames_out;
}

/* Sending and receiving on the open connection */

static double
ms_since_open (SockTransport *self)
{
  return (g_get_monotonic_time () - self->open_time) / 1000.0;
}

void
_sock_transport_end_early_window (SockTransport *self)
{
  if (!self->early_window_open)
    return;

  self->early_window_open = FALSE;
  _sock_source_clear (&self->early_source);
  g_signal_emit (self, signals[EARLY_WINDOW_DONE], 0);
}

static gboolean
early_window_timeout_cb (gpointer user_data)
{
  SockTransport *self = user_data;

  _sock_source_clear (&self->early_source);
  _sock_transport_end_early_window (self);

  return G_SOURCE_REMOVE;
}

void
_sock_transport_start_early_window (SockTransport *self)
{
  self->open_time = g_get_monotonic_time ();
  self->early_window_open = TRUE;
  self->close_code = 0;
  g_clear_pointer (&self->close_reason, g_free);
  self->early_source = _sock_timeout_add (SOCK_TRANSPORT_EARLY_WINDOW_MS, early_window_timeout_cb, self);
}

void
_sock_transport_emit_closed (SockTransport *self,
                             guint          code,
                             const char    *reason,
                             const GError  *error)
{
  _sock_transport_batch_detach (self);
  g_signal_emit (self, signals[CLOSED], 0, code, reason, error);
}

void
_sock_transport_deliver (SockTransport *self,
                         gboolean       is_text,
                         GBytes        *message)
{
  gsize len = g_bytes_get_size (message);
  gint64 now;

  self->frames_in++;
  self->bytes_in += len;
  if (self->batch_socket != NULL)
    _sock_transport_batch_frame (self);

  if (self->early_window_open && sock_handshake_get_n_early_frames (self->handshake) < SOCK_HANDSHAKE_MAX_FRAMES)
    sock_handshake_add_early_frame (self->handshake, is_text, g_bytes_get_data (message, NULL), len,
                                    ms_since_open (self));

  now = g_get_real_time ();
  if (self->frame_func != NULL)
    self->frame_func (self, is_text, message, now, self->frame_func_data);
}

static void
on_ws_message (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *message,
               SockTransport           *self)
{
  _sock_transport_deliver (self, type == SOUP_WEBSOCKET_DATA_TEXT, message);
}

/* libsoup 3.2 hands the pong's payload as a GByteArray, although its signal is declared with
 * GBytes. */
static void
on_ws_pong (SoupWebsocketConnection *connection,
            GByteArray              *payload,
            SockTransport           *self)
{
  if (self->pong_func != NULL)
    self->pong_func (self, payload ? payload->data : NULL, payload ? payload->len : 0, self->pong_func_data);
}

static void
on_ws_error (SoupWebsocketConnection *connection,
             GError                  *error,
             SockTransport           *self)
{
  if (self->connection_error == NULL)
    self->connection_error = g_error_copy (error);

  if (self->early_window_open)
    sock_handshake_set_connection_error (self->handshake, error);
}

static void
on_ws_closing (SoupWebsocketConnection *connection,
               SockTransport           *self)
{
  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSING);
}

static void
on_ws_closed (SoupWebsocketConnection *connection,
              SockTransport           *self)
{
  g_autoptr(SockTransport) hold = g_object_ref (self);
  g_autoptr(GError) error = g_steal_pointer (&self->connection_error);
  gushort code = soup_websocket_connection_get_close_code (connection);
  const char *reason = soup_websocket_connection_get_close_data (connection);
  /* libsoup reports 1005 for a close frame without a code, and 0 for none at all */
  gboolean present = code != 0 && code != SOUP_WEBSOCKET_CLOSE_NO_STATUS;

  (void) hold; /* keeps self alive to the end of this function */
  /* a close frame carrying 0, or 1005 (reserved for "no code"), is a protocol error: the code
   * was on the wire, and the diagnosis must say so rather than "no close code" */
  /* (code 0 without a reason is also what an invalid frame leaves when the server never answers
   * the client's close: that one is no close code) */
  if (((code == 0 && reason != NULL && *reason != '\0') || code == SOUP_WEBSOCKET_CLOSE_NO_STATUS) &&
      error != NULL && g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR))
    present = TRUE;

  self->close_code = code;
  g_free (self->close_reason);
  self->close_reason = g_strdup (reason);

  if (self->early_window_open)
    sock_handshake_set_early_close (self->handshake, present, code, reason, ms_since_open (self));

  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSED);
  g_signal_handlers_disconnect_by_data (connection, self);
  g_clear_object (&self->connection);
  _sock_transport_batch_detach (self);

  g_signal_emit (self, signals[CLOSED], 0, (guint)code, reason, error);
  _sock_transport_end_early_window (self);
}

static gboolean
check_open (SockTransport  *self,
            GError        **error)
{
  if (self->rawsocket ? !_sock_transport_raw_is_open (self) :
      self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NOT_CONNECTED,
                   _("Not connected: connect first, or reconnect after the server closed"));
      return FALSE;
    }

  return TRUE;
}

gboolean
sock_transport_send_text (SockTransport  *self,
                          const char     *text,
                          gsize           len,
                          GError        **error)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("A text frame must be valid UTF-8: send it as binary instead"));
      return FALSE;
    }

  if (self->rawsocket)
    return _sock_transport_raw_send (self, SOCK_RAWSOCKET_FRAME_MESSAGE, text, len, error);
  soup_websocket_connection_send_message (self->connection, SOUP_WEBSOCKET_DATA_TEXT,
                                          g_bytes_new_static (text, len));
  self->frames_out++;
  self->bytes_out += len;

  return TRUE;
}

gboolean
sock_transport_send_binary (SockTransport  *self,
                            gconstpointer   data,
                            gsize           len,
                            GError        **error)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (self->rawsocket)
    return _sock_transport_raw_send (self, SOCK_RAWSOCKET_FRAME_MESSAGE, data, len, error);
  soup_websocket_connection_send_binary (self->connection, data, len);
  self->frames_out++;
  self->bytes_out += len;

  return TRUE;
}

void
sock_transport_close (SockTransport *self,
                      gushort        code,
                      const char    *reason)
{
  g_return_if_fail (SOCK_IS_TRANSPORT (self));

  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);

  if (self->rawsocket)
    {
      /* RawSocket has no close frame: the connection just ends */
      _sock_transport_raw_close (self, TRUE, reason);
      return;
    }
  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSING);
      soup_websocket_connection_close (self->connection, code, reason);
    }
}

void
sock_transport_abort (SockTransport *self,
                      const char    *reason)
{
  g_autoptr(SockTransport) hold = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;

  g_return_if_fail (SOCK_IS_TRANSPORT (self));

  if (self->rawsocket)
    {
      _sock_transport_raw_close (self, TRUE, reason);
      return;
    }
  if (self->connection == NULL)
    return;

  hold = g_object_ref (self);
  connection = g_steal_pointer (&self->connection);
  g_signal_handlers_disconnect_by_data (connection, self);
  _sock_transport_batch_detach (self);
  /* libsoup finishes (or gives up) the close on its own once we let go of it */
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_error (&self->connection_error);
  self->close_code = 0;
  g_free (self->close_reason);
  self->close_reason = g_strdup (reason);
  _sock_transport_set_state (self, SOCK_TRANSPORT_CLOSED);
  g_signal_emit (self, signals[CLOSED], 0, 0u, reason, NULL);
  _sock_transport_end_early_window (self);
}

gboolean
sock_transport_send_ping (SockTransport  *self,
                          const guint8   *payload,
                          gsize           len,
                          GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SOCK_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (len <= 125, FALSE);

  if (!check_open (self, error))
    return FALSE;

  /* the pong is timed: read it as soon as it comes, even in a flood */
  _sock_transport_batch_wake (self);
  if (self->rawsocket)
    return _sock_transport_raw_send (self, SOCK_RAWSOCKET_FRAME_PING, payload, len, error);
  /* libsoup 3.2 has no public ping: send_message() queues a frame with the opcode it is given,
   * which is how its own keepalive sends pings (opcode 0x9); control frames skip the
   * extensions. tests/integration/test-liveness.c checks that our pongs come back. */
  bytes = g_bytes_new (payload, len);
  soup_websocket_connection_send_message (self->connection, (SoupWebsocketDataType)0x9, bytes);
  return TRUE;
}

void
sock_transport_set_pong_func (SockTransport         *self,
                              SockTransportPongFunc  func,
                              gpointer               user_data)
{
  g_return_if_fail (SOCK_IS_TRANSPORT (self));

  self->pong_func = func;
  self->pong_func_data = user_data;
}

/* Connecting */

void
_sock_transport_opened (SockTransport           *self,
                        SoupWebsocketConnection *connection)
{
  self->connection = g_object_ref (connection);

  soup_websocket_connection_set_max_incoming_payload_size (connection,
                                                           sock_profile_get_max_message_size (self->profile));
  /* pings are sent and timed by the connection's liveness, not by libsoup */
  soup_websocket_connection_set_keepalive_interval (connection, 0);

  g_signal_connect (connection, "message", G_CALLBACK (on_ws_message), self);
  g_signal_connect (connection, "error", G_CALLBACK (on_ws_error), self);
  g_signal_connect (connection, "closing", G_CALLBACK (on_ws_closing), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_ws_closed), self);
  g_signal_connect (connection, "pong", G_CALLBACK (on_ws_pong), self);
  _sock_transport_batch_attach (self, soup_websocket_connection_get_io_stream (connection));

  _sock_transport_start_early_window (self);
  _sock_transport_set_state (self, SOCK_TRANSPORT_OPEN);
}
