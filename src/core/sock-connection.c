/* sock-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-connection-private.h"
#include "sock-error.h"
#include "sock-wamp1-session.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (SockConnection, sock_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SESSION,
  PROP_DIAGNOSIS,
  PROP_RECONNECT,
  PROP_CLOSE_REASON,
  PROP_RATE_IN,
  PROP_RATE_OUT,
  PROP_RTT_US,
  N_PROPS
};

enum {
  EVENT,
  PROTOCOL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_attempt (SockConnection *self);

void
_sock_connection_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

GSource *
_sock_connection_timeout (SockConnection *self,
                          guint           ms,
                          GSourceFunc     func)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[sockscope] connection timer");
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static void
set_state (SockConnection      *self,
           SockConnectionState  state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_close_reason (SockConnection *self,
                  const char     *reason)
{
  g_free (self->close_reason);
  self->close_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_REASON]);
}

void
_sock_connection_set_state (SockConnection      *self,
                            SockConnectionState  state)
{
  set_state (self, state);
}

void
_sock_connection_set_close_reason (SockConnection *self,
                                   const char     *reason)
{
  set_close_reason (self, reason);
}

static void
set_diagnosis (SockConnection *self,
               SockDiagnosis  *diagnosis)
{
  g_clear_pointer (&self->diagnosis, sock_diagnosis_unref);
  self->diagnosis = diagnosis;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
}

void
_sock_connection_start_attempt (SockConnection *self)
{
  start_attempt (self);
}

static void
drop_session (SockConnection *self)
{
  g_autoptr(SockSession) old = g_steal_pointer (&self->session);

  if (old == NULL)
    return;
  g_signal_handlers_disconnect_by_data (old, self);
  *_sock_session_get_hooks (old) = (SockSessionHooks) { 0 };
  /* fails its pending join and requests, so that nothing keeps it alive */
  _sock_session_lost (old, NULL);
}

static void
sock_connection_dispose (GObject *object)
{
  SockConnection *self = (SockConnection *)object;

  _sock_connection_stop_detect (self);
  _sock_connection_clear_source (&self->reconnect_source);
  _sock_connection_models_dispose (self);
  _sock_liveness_stop (self);
  if (self->open_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->open_task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The connection was closed before it opened"));
    }
  drop_session (self);
  if (self->transport != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->transport, self);
      sock_transport_set_frame_func (self->transport, NULL, NULL);
      g_clear_object (&self->transport);
    }

  G_OBJECT_CLASS (sock_connection_parent_class)->dispose (object);
}

static void
sock_connection_finalize (GObject *object)
{
  SockConnection *self = (SockConnection *)object;

  g_clear_object (&self->options);
  g_clear_object (&self->log);
  g_clear_pointer (&self->diagnosis, sock_diagnosis_unref);
  g_clear_object (&self->handshakes);
  g_clear_pointer (&self->realm, g_free);
  g_clear_pointer (&self->authid, g_free);
  g_clear_pointer (&self->ticket, g_free);
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->cryptosign_key, sock_wamp_cryptosign_key_unref);
  g_clear_pointer (&self->close_reason, g_free);
  g_clear_pointer (&self->session_id, g_free);
  _sock_connection_models_finalize (self);
  g_clear_pointer (&self->liveness, _sock_liveness_free);

  G_OBJECT_CLASS (sock_connection_parent_class)->finalize (object);
}

static void
sock_connection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SockConnection *self = SOCK_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_DIAGNOSIS: g_value_set_boxed (value, self->diagnosis); break;
    case PROP_RECONNECT: g_value_set_boolean (value, self->reconnect); break;
    case PROP_CLOSE_REASON: g_value_set_string (value, self->close_reason); break;
    case PROP_RATE_IN: g_value_set_double (value, self->notified_rate_in); break;
    case PROP_RATE_OUT: g_value_set_double (value, self->notified_rate_out); break;
    case PROP_RTT_US: g_value_set_int64 (value, sock_connection_get_rtt_us (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_connection_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SockConnection *self = SOCK_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_RECONNECT: sock_connection_set_reconnect (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_connection_class_init (SockConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_connection_dispose;
  object_class->finalize = sock_connection_finalize;
  object_class->get_property = sock_connection_get_property;
  object_class->set_property = sock_connection_set_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, SOCK_CONNECTION_CLOSED,
                                             SOCK_CONNECTION_NOT_RESPONDING, SOCK_CONNECTION_CLOSED, readable);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SOCK_TYPE_SESSION, readable);
  properties[PROP_DIAGNOSIS] = g_param_spec_boxed ("diagnosis", NULL, NULL, SOCK_TYPE_DIAGNOSIS, readable);
  properties[PROP_RECONNECT] =
    g_param_spec_boolean ("reconnect", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSE_REASON] = g_param_spec_string ("close-reason", NULL, NULL, NULL, readable);
  properties[PROP_RATE_IN] = g_param_spec_double ("rate-in", NULL, NULL, 0, G_MAXDOUBLE, 0, readable);
  properties[PROP_RATE_OUT] = g_param_spec_double ("rate-out", NULL, NULL, 0, G_MAXDOUBLE, 0, readable);
  properties[PROP_RTT_US] = g_param_spec_int64 ("rtt-us", NULL, NULL, -1, G_MAXINT64, -1, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[PROTOCOL_ERROR] = g_signal_new ("protocol-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sock_connection_init (SockConnection *self)
{
  self->log = sock_message_log_new ();
  self->handshakes = sock_handshake_history_new (SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT);
  self->realm = g_strdup ("realm1");
  _sock_connection_models_init (self);
  self->liveness = _sock_liveness_new ();
}

/* Called by the tick: the header's rates change at most once a second. */
void
_sock_connection_notify_rates (SockConnection *self)
{
  double in = sock_stats_get_rate_in (self->stats);
  double out = sock_stats_get_rate_out (self->stats);

  if (in != self->notified_rate_in)
    {
      self->notified_rate_in = in;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_IN]);
    }
  if (out != self->notified_rate_out)
    {
      self->notified_rate_out = out;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_OUT]);
    }
}

/* Frames and closes from the transport */

static void
on_frame (SockTransport *transport,
          gboolean       is_text,
          GBytes        *data,
          gint64         time_us,
          gpointer       user_data)
{
  SockConnection *self = user_data;

  if (G_UNLIKELY (self->state == SOCK_CONNECTION_NOT_RESPONDING))
    _sock_liveness_heard (self);
  _sock_connection_frame (self, is_text, data, time_us);
}

static void
on_pong (SockTransport *transport,
         const guint8  *payload,
         gsize          len,
         gpointer       user_data)
{
  _sock_liveness_pong (user_data, payload, len);
}

static void
finish_open (SockConnection *self,
             GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->open_task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
reconnect_cb (gpointer data)
{
  SockConnection *self = data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  start_attempt (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (SockConnection *self)
{
  guint delay = MIN (1u << MIN (self->backoff, 5), SOCK_CONNECTION_MAX_BACKOFF_S);
  g_autofree char *text = g_strdup_printf (_("connection lost: reconnecting in %u s"), delay);

  self->backoff++;
  sock_message_log_append_marker (self->log, text);
  self->reconnect_time = g_get_monotonic_time () + (gint64)delay * G_USEC_PER_SEC;
  self->reconnect_source = _sock_connection_timeout (self, delay * 1000, reconnect_cb);
  /* after the time is known, so that a state handler can read it */
  set_state (self, SOCK_CONNECTION_RECONNECTING);
}

/* In the words of the diagnosis: libsoup's code alone would blame the server for the client's own
 * 1009 and 1002, and call a close frame with code 0 "no close frame". */
static GError *
lost_error (SockConnection *self,
            guint           code,
            const char     *reason,
            const GError   *error)
{
  SockProfile *profile = sock_transport_get_profile (self->transport);
  g_autofree char *text = sock_diagnosis_describe_close (code, reason, error,
                                                         profile ? sock_profile_get_max_message_size (profile) : 0);

  return g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST, text);
}

static void
on_closed (SockTransport  *transport,
           guint           code,
           const char     *reason,
           GError         *error,
           SockConnection *self)
{
  g_autoptr(SockConnection) hold = g_object_ref (self);
  const char *gave_up = _sock_liveness_gave_up (self);
  /* dropped by liveness: its words say why */
  g_autoptr(GError) lost = gave_up ? g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST,
                                                          gave_up)
                                   : lost_error (self, code, reason, error);
  gboolean was_joined = self->state == SOCK_CONNECTION_JOINED || self->state == SOCK_CONNECTION_NOT_RESPONDING;
  const GError *session_error = NULL;

  _sock_liveness_stop (self);
  _sock_connection_stop_detect (self);
  if (self->session != NULL)
    {
      _sock_session_lost (self->session, lost);
      session_error = sock_session_get_error (self->session);
    }
  _sock_connection_models_lost (self, self->open_task == NULL && self->reconnect && !self->closing
                                      && self->joined_once);
  if (was_joined)
    self->lost_at = g_get_monotonic_time ();
  if (self->closing && self->user_reason != NULL)
    set_close_reason (self, _(self->user_reason));
  else
    set_close_reason (self, session_error != NULL ? session_error->message : lost->message);
  _sock_connection_attempt_rediagnosed (self);

  if (self->open_task != NULL)
    {
      /* closed before the session was joined: what the server did right after the open */
      if (session_error == NULL || !g_error_matches (session_error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED))
        set_diagnosis (self, sock_diagnose (NULL, sock_transport_get_handshake (transport)));
      set_state (self, SOCK_CONNECTION_CLOSED);
      finish_open (self, g_error_copy (session_error ? session_error : lost));
      return;
    }

  if (self->reconnect && !self->closing && self->joined_once)
    schedule_reconnect (self);
  else
    set_state (self, SOCK_CONNECTION_CLOSED);
}

/* Joining */

static void
update_session_id (SockConnection *self)
{
  g_free (self->session_id);
  self->session_id = g_strdup (sock_session_get_session_id (self->session));
}

static void
join_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SockConnection) self = user_data;
  SockSession *session = SOCK_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!sock_session_join_finish (session, result, &error))
    {
      if (session != self->session)
        return;  /* replaced while the kind was being detected */
      set_close_reason (self, error->message);
      sock_transport_close (self->transport, 1000, NULL);
      set_state (self, SOCK_CONNECTION_CLOSED);
      finish_open (self, g_steal_pointer (&error));
      return;
    }
  if (session != self->session)
    return;

  update_session_id (self);
  set_state (self, SOCK_CONNECTION_JOINED);
  if (self->lost_at != 0)
    {
      g_autofree char *text = g_strdup_printf (_("reconnected after %.0f s; messages in between were missed"),
                                               (g_get_monotonic_time () - self->lost_at) / (double)G_USEC_PER_SEC);

      sock_message_log_append_marker (self->log, text);
      self->lost_at = 0;
    }
  _sock_connection_models_joined (self);
  self->joined_once = TRUE;
  self->backoff = 0;
  finish_open (self, NULL);
}

static void
on_session_event (SockSession     *session,
                  const SockEvent *event,
                  gpointer         user_data)
{
  SockConnection *self = user_data;

  if (g_signal_has_handler_pending (self, signals[EVENT], 0, TRUE))
    g_signal_emit (self, signals[EVENT], 0, event);
}

static void
on_session_protocol_error (SockSession    *session,
                           const GError   *error,
                           SockConnection *self)
{
  g_signal_emit (self, signals[PROTOCOL_ERROR], 0, error);
}

void
_sock_connection_use_session (SockConnection *self,
                              SockSession    *session)
{
  drop_session (self);
  self->session = g_object_ref (session);
  /* v1 servers cannot ask for authentication: the session offers it, given a WAMP-CRA secret */
  if (SOCK_IS_WAMP1_SESSION (session) && self->authid != NULL && self->secret != NULL)
    sock_wamp1_session_set_credentials (SOCK_WAMP1_SESSION (session), self->authid, self->secret);
  *_sock_session_get_hooks (session) = (SockSessionHooks) {
    .event_func = on_session_event,
    .adopt = _sock_connection_adopt_subscription,
    .forget = _sock_connection_forget_subscription,
    .user_data = self,
    .stats = self->stats,
    .health = self->health,
  };
  g_signal_connect (session, "protocol-error", G_CALLBACK (on_session_protocol_error), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  sock_session_join_async (session, NULL, join_cb, g_object_ref (self));
}

/* Opening */

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SockConnection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_transport_connect_finish (self->transport, result, &error))
    {
      if (self->closing && self->user_reason != NULL)
        {
          set_diagnosis (self, NULL);
          set_close_reason (self, _(self->user_reason));
        }
      else
        {
          set_diagnosis (self, sock_diagnose (error, sock_transport_get_handshake (self->transport)));
          set_close_reason (self, error->message);
        }
      _sock_connection_attempt_ended (self, error);
      if (self->open_task == NULL && self->reconnect && !self->closing)
        return schedule_reconnect (self);
      set_state (self, SOCK_CONNECTION_CLOSED);
      finish_open (self, g_steal_pointer (&error));
      return;
    }
  set_diagnosis (self, NULL);
  _sock_liveness_start (self);
  _sock_connection_attempt_ended (self, NULL);
  _sock_connection_opened (self);
}

static void
start_attempt (SockConnection *self)
{
  GCancellable *cancellable = self->open_task ? g_task_get_cancellable (self->open_task) : NULL;

  /* the transport's counters start again with each attempt */
  self->in_before += sock_transport_get_frames_in (self->transport);
  self->out_before += sock_transport_get_frames_out (self->transport);
  _sock_connection_sample_restart (self);
  self->attempt_deadline = g_get_monotonic_time ()
    + (gint64) sock_profile_get_connect_timeout (sock_transport_get_profile (self->transport)) * G_USEC_PER_SEC;
  set_state (self, SOCK_CONNECTION_CONNECTING);
  _sock_connection_attempt_started (self);
  sock_transport_connect_async (self->transport, cancellable, connect_cb, g_object_ref (self));
}

void
sock_connection_open_async (SockConnection      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_connection_open_async);
  if (self->state != SOCK_CONNECTION_CLOSED || self->open_task != NULL)
    return g_task_return_new_error (task, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                                    _("The connection is already %s"),
                                    sock_connection_state_to_string (self->state));

  self->closing = FALSE;
  self->user_reason = NULL;
  self->open_task = g_steal_pointer (&task);
  start_attempt (self);
}

gboolean
sock_connection_open_finish (SockConnection  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
leave_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  sock_session_leave_finish (SOCK_SESSION (object), result, NULL);
  g_task_return_boolean (task, TRUE);
}

void
sock_connection_close_async (SockConnection      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_connection_close_async);
  self->closing = TRUE;
  _sock_connection_clear_source (&self->reconnect_source);

  if (self->session != NULL && sock_session_get_state (self->session) == SOCK_SESSION_JOINED)
    return sock_session_leave_async (self->session, NULL, leave_cb, g_steal_pointer (&task));

  sock_transport_close (self->transport, 1000, NULL);
  if (self->state == SOCK_CONNECTION_RECONNECTING)
    {
      if (self->user_reason != NULL)
        set_close_reason (self, _(self->user_reason));
      set_state (self, SOCK_CONNECTION_CLOSED);
    }
  g_task_return_boolean (task, TRUE);
}

gboolean
sock_connection_close_finish (SockConnection  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Settings and state */

SockConnection *
sock_connection_new (SockProfile *profile)
{
  SockConnection *self;

  g_return_val_if_fail (SOCK_IS_PROFILE (profile), NULL);

  self = g_object_new (SOCK_TYPE_CONNECTION, NULL);
  self->transport = sock_transport_new (profile);
  sock_transport_set_frame_func (self->transport, on_frame, self);
  sock_transport_set_pong_func (self->transport, on_pong, self);
  g_signal_connect (self->transport, "closed", G_CALLBACK (on_closed), self);
  return self;
}

void
sock_connection_set_reconnect (SockConnection *self,
                               gboolean        reconnect)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  reconnect = !!reconnect;
  if (self->reconnect == reconnect)
    return;
  self->reconnect = reconnect;
  if (!reconnect && self->reconnect_source != NULL)
    {
      _sock_connection_clear_source (&self->reconnect_source);
      set_state (self, SOCK_CONNECTION_CLOSED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT]);
}

