/* sock-connection-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockConnection's settings and what it tells about itself.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-connection-private.h"

void
sock_connection_set_realm (SockConnection *self,
                           const char     *realm)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));
  g_return_if_fail (realm != NULL);

  g_free (self->realm);
  self->realm = g_strdup (realm);
}

const char *
sock_connection_get_realm (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->realm;
}

void
sock_connection_set_credentials (SockConnection *self,
                                 const char     *authid,
                                 const char     *ticket,
                                 const char     *secret)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  g_free (self->authid);
  g_free (self->ticket);
  g_free (self->secret);
  self->authid = g_strdup (authid);
  self->ticket = g_strdup (ticket);
  self->secret = g_strdup (secret);
}

void
sock_connection_set_cryptosign_key (SockConnection        *self,
                                    SockWampCryptosignKey *key)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  if (key != NULL)
    sock_wamp_cryptosign_key_ref (key);
  g_clear_pointer (&self->cryptosign_key, sock_wamp_cryptosign_key_unref);
  self->cryptosign_key = key;
}

void
sock_connection_set_force_raw (SockConnection *self,
                               gboolean        force_raw)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));
  self->force_raw = !!force_raw;
}

gboolean
sock_connection_get_reconnect (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), FALSE);
  return self->reconnect;
}

SockConnectionState
sock_connection_get_state (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), SOCK_CONNECTION_CLOSED);
  return self->state;
}

gint64
sock_connection_get_reconnect_time (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return self->state == SOCK_CONNECTION_RECONNECTING ? self->reconnect_time : 0;
}

const char *
sock_connection_get_close_reason (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->close_reason;
}

SockSession *
sock_connection_get_session (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->session;
}

SockSessionKind
sock_connection_get_kind (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), SOCK_SESSION_KIND_RAW);
  return self->session ? sock_session_get_kind (self->session) : SOCK_SESSION_KIND_RAW;
}

const char *
sock_connection_get_session_id (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->session_id;
}

SockTransport *
sock_connection_get_transport (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->transport;
}

SockHandshake *
sock_connection_get_handshake (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return sock_transport_get_handshake (self->transport);
}

SockDiagnosis *
sock_connection_get_diagnosis (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->diagnosis;
}

SockMessageLog *
sock_connection_get_log (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->log;
}

guint64
sock_connection_get_messages_in (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return self->in_before + sock_transport_get_frames_in (self->transport);
}

guint64
sock_connection_get_messages_out (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return self->out_before + sock_transport_get_frames_out (self->transport);
}

const char *
sock_connection_state_to_string (SockConnectionState state)
{
  switch (state)
    {
    case SOCK_CONNECTION_CONNECTING: return "connecting";
    case SOCK_CONNECTION_JOINED: return "joined";
    case SOCK_CONNECTION_RECONNECTING: return "reconnecting";
    case SOCK_CONNECTION_NOT_RESPONDING: return "not responding";
    case SOCK_CONNECTION_CLOSED:
    default: return "closed";
    }
}

/* Taking the connection down or up by hand */

static gboolean
release_connection (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
user_close_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  /* completes from inside the session's teardown: let go of the connection once that is over */
  g_idle_add (release_connection, g_object_ref (object));
}

static void
close_by_user (SockConnection *self,
               const char     *reason)
{
  self->user_reason = reason;
  sock_connection_close_async (self, NULL, user_close_cb, NULL);
}

void
sock_connection_disconnect (SockConnection *self)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  if (self->state == SOCK_CONNECTION_CLOSED)
    return;
  close_by_user (self, N_("Disconnected by you"));
}

void
sock_connection_cancel (SockConnection *self)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  if (self->state != SOCK_CONNECTION_CONNECTING)
    return;
  close_by_user (self, N_("Cancelled"));
}

gboolean
sock_connection_reconnect_now (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), FALSE);

  if (self->state != SOCK_CONNECTION_RECONNECTING)
    return FALSE;
  _sock_connection_clear_source (&self->reconnect_source);
  _sock_connection_start_attempt (self);
  return TRUE;
}

void
sock_connection_stop_reconnecting (SockConnection *self)
{
  g_return_if_fail (SOCK_IS_CONNECTION (self));

  if (self->state != SOCK_CONNECTION_RECONNECTING)
    return;
  _sock_connection_clear_source (&self->reconnect_source);
  _sock_connection_set_close_reason (self, _("Stopped reconnecting"));
  _sock_connection_set_state (self, SOCK_CONNECTION_CLOSED);
}

gint64
sock_connection_get_connect_deadline (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return self->state == SOCK_CONNECTION_CONNECTING ? self->attempt_deadline : 0;
}
