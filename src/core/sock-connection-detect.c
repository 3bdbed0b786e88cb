/* sock-connection-detect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which session a connection speaks. The negotiated subprotocol decides (wamp.2.json,
 * wamp.2.msgpack, wamp.2.cbor and their batched variants: v2 in that serializer; wamp: v1). Without one: a WAMP v1 server speaks first with [0, …] (WELCOME) right after the
 * open; a WAMP v2 router waits for HELLO and answers WELCOME, ABORT or CHALLENGE; anything else is
 * a plain WebSocket (raw). HELLO is sent only when no subprotocol was offered: a server that was
 * offered WAMP and agreed to none (or to another subprotocol) is not sent WAMP at all.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-connection-private.h"
#include "sock-raw-session.h"
#include "sock-wamp1-session.h"

typedef struct
{
  gboolean  is_text;
  GBytes   *data;
  gint64    time_us;
} HeldFrame;

static void
held_frame_free (gpointer data)
{
  HeldFrame *frame = data;

  g_bytes_unref (frame->data);
  g_free (frame);
}

static void
feed_held (SockConnection *self)
{
  g_autoptr(GPtrArray) frames = g_steal_pointer (&self->held_frames);
  g_autoptr(SockSession) session = g_object_ref (self->session);

  for (guint i = 0; frames != NULL && i < frames->len; i++)
    {
      HeldFrame *frame = g_ptr_array_index (frames, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (frame->data, &len);

      if (self->session != session)
        break;
      _sock_session_receive (session, frame->is_text, data, len, frame->time_us);
    }
}

void
_sock_connection_stop_detect (SockConnection *self)
{
  self->detect = DETECT_NONE;
  _sock_connection_clear_source (&self->detect_source);
  g_clear_pointer (&self->held_frames, g_ptr_array_unref);
}

static SockSession *
new_wamp2_serialized (SockConnection     *self,
                      const char         *reason,
                      SockWampSerializer  serializer,
                      gboolean            batched)
{
  SockWampCredentials credentials = { self->authid, self->ticket, self->secret, self->cryptosign_key };

  return SOCK_SESSION (sock_wamp2_session_new_serialized (self->transport, self->log, reason, self->realm,
                                                          &credentials, serializer, batched));
}

static SockSession *
new_wamp2 (SockConnection *self,
           const char     *reason)
{
  return new_wamp2_serialized (self, reason, SOCK_WAMP_SERIALIZER_JSON, FALSE);
}

static void
choose (SockConnection *self,
        SockSession    *session)
{
  _sock_connection_stop_detect (self);
  _sock_connection_use_session (self, session);
  g_object_unref (session);
}

static void
choose_holding (SockConnection *self,
                SockSession    *session)
{
  g_autoptr(GPtrArray) frames = g_steal_pointer (&self->held_frames);

  _sock_connection_stop_detect (self);
  self->held_frames = g_steal_pointer (&frames);
  _sock_connection_use_session (self, session);
  g_object_unref (session);
  feed_held (self);
}

static gboolean
v2_window_cb (gpointer data)
{
  SockConnection *self = data;

  g_clear_pointer (&self->detect_source, g_source_unref);
  choose (self, SOCK_SESSION (sock_raw_session_new (self->transport, self->log,
                                                    _("no subprotocol and no WAMP reply to HELLO within 2 s: raw"))));
  return G_SOURCE_REMOVE;
}

/* The WAMP subprotocols offered, "wamp.2.json, wamp", or NULL when none was. */
static char *
offered_wamp (SockConnection *self)
{
  const char * const *offered = sock_profile_get_protocols (sock_transport_get_profile (self->transport));
  g_autoptr(GStrvBuilder) wamp = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; offered != NULL && offered[i] != NULL; i++)
    if (g_str_equal (offered[i], "wamp") || g_str_has_prefix (offered[i], "wamp.2."))
      g_strv_builder_add (wamp, offered[i]);
  names = g_strv_builder_end (wamp);
  return names[0] != NULL ? g_strjoinv (", ", names) : NULL;
}

/* A server that agreed to none of the WAMP subprotocols offered, or to another one, is no WAMP
 * router: HELLO would be garbage to it (an echo server echoes it, others close). */
static gboolean
choose_raw_without_hello (SockConnection *self)
{
  const char *protocol = sock_transport_get_protocol (self->transport);
  g_autofree char *offered = offered_wamp (self);
  g_autofree char *reason = NULL;

  if (protocol != NULL)
    reason = g_strdup_printf (_("the server agreed to subprotocol %s, not WAMP, and did not speak first: "
                                "raw, no HELLO sent"), protocol);
  else if (offered != NULL)
    reason = g_strdup_printf (_("offered %s, the server agreed to none and did not speak first: "
                                "raw, no HELLO sent"), offered);
  else
    return FALSE;
  choose (self, SOCK_SESSION (sock_raw_session_new (self->transport, self->log, reason)));
  return TRUE;
}

static gboolean
v1_window_cb (gpointer data)
{
  SockConnection *self = data;
  SockSession *session;

  g_clear_pointer (&self->detect_source, g_source_unref);
  if (choose_raw_without_hello (self))
    return G_SOURCE_REMOVE;
  /* nothing was offered, so nothing could be agreed, and the server stayed silent: it may be a
   * WAMP v2 router waiting for HELLO */
  session = new_wamp2 (self, NULL);
  self->detect = DETECT_WAIT_V2;
  _sock_connection_use_session (self, session);
  g_object_unref (session);
  if (self->detect == DETECT_WAIT_V2)
    self->detect_source = _sock_connection_timeout (self, SOCK_CONNECTION_V2_WINDOW_MS, v2_window_cb);
  return G_SOURCE_REMOVE;
}

void
_sock_connection_opened (SockConnection *self)
{
  const char *protocol = sock_transport_get_protocol (self->transport);
  g_autofree char *reason = NULL;
  SockWampSerializer serializer;
  gboolean batched;

  if (self->force_raw)
    return choose (self, SOCK_SESSION (sock_raw_session_new (self->transport, self->log,
                                                             _("raw mode chosen: frames are not read as WAMP"))));

  if (protocol != NULL)
    reason = g_strdup_printf (_("negotiated subprotocol %s"), protocol);
  if (protocol != NULL && sock_wamp_serializer_from_subprotocol (protocol, &serializer, &batched))
    return choose (self, new_wamp2_serialized (self, reason, serializer, batched));
  if (g_strcmp0 (protocol, "wamp") == 0)
    return choose (self, SOCK_SESSION (sock_wamp1_session_new (self->transport, self->log, reason)));

  self->detect = DETECT_WAIT_V1;
  self->held_frames = g_ptr_array_new_with_free_func (held_frame_free);
  self->detect_source = _sock_connection_timeout (self, SOCK_CONNECTION_V1_WINDOW_MS, v1_window_cb);
}

static char *
explain_protocol (SockConnection *self,
                  const char     *what)
{
  const char *protocol = sock_transport_get_protocol (self->transport);

  if (protocol != NULL)
    return g_strdup_printf (_("subprotocol %s (not WAMP JSON); %s"), protocol, what);
  return g_strdup_printf (_("no subprotocol; %s"), what);
}

static void
first_frame_v1 (SockConnection *self,
                gboolean        is_text,
                GBytes         *data)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  g_autofree char *reason = NULL;
  /* only ever cleared after a decode: an undecoded message holds garbage */
  g_auto(SockWampMessage) message = { 0 };

  if (!is_text)
    message.heap = NULL;
  if (is_text && sock_wamp_decode (SOCK_WAMP_V1, text, len, &message, NULL) && message.type == SOCK_WAMP1_WELCOME)
    {
      reason = explain_protocol (self, _("the server spoke first with [0,…]: WAMP v1"));
      return choose_holding (self, SOCK_SESSION (sock_wamp1_session_new (self->transport, self->log, reason)));
    }
  reason = explain_protocol (self, _("the server spoke first, not with a WAMP v1 WELCOME: raw"));
  choose_holding (self, SOCK_SESSION (sock_raw_session_new (self->transport, self->log, reason)));
}

static void
reply_v2 (SockConnection *self,
          gboolean        is_text,
          GBytes         *data)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  g_autofree char *reason = NULL;
  g_auto(SockWampMessage) message = { 0 };

  if (!is_text)
    message.heap = NULL;  /* cleared on exit without a decode */

  if (is_text && sock_wamp_decode (SOCK_WAMP_V2, text, len, &message, NULL) &&
      (message.type == SOCK_WAMP_WELCOME || message.type == SOCK_WAMP_ABORT ||
       message.type == SOCK_WAMP_CHALLENGE))
    {
      g_autofree char *what = g_strdup_printf (_("HELLO answered by %s"),
                                               sock_wamp_message_type_name (SOCK_WAMP_V2, message.type));

      g_autoptr(GPtrArray) frames = g_steal_pointer (&self->held_frames);

      reason = explain_protocol (self, what);
      _sock_connection_stop_detect (self);
      _sock_session_set_reason (self->session, reason);
      self->held_frames = g_steal_pointer (&frames);
      feed_held (self);
      return;
    }
  reason = explain_protocol (self, _("HELLO was answered with something that is not WAMP v2: raw"));
  choose_holding (self, SOCK_SESSION (sock_raw_session_new (self->transport, self->log, reason)));
}

void
_sock_connection_frame (SockConnection *self,
                        gboolean        is_text,
                        GBytes         *data,
                        gint64          time_us)
{
  if (self->detect != DETECT_NONE)
    {
      HeldFrame *frame = g_new0 (HeldFrame, 1);
      DetectPhase phase = self->detect;

      frame->is_text = is_text;
      frame->data = g_bytes_ref (data);
      frame->time_us = time_us;
      g_ptr_array_add (self->held_frames, frame);

      if (phase == DETECT_WAIT_V1)
        first_frame_v1 (self, is_text, data);
      else
        reply_v2 (self, is_text, data);
      return;
    }

  if (self->session != NULL)
    {
      gsize len;
      const guint8 *bytes = g_bytes_get_data (data, &len);

      _sock_session_receive (self->session, is_text, bytes, len, time_us);
    }
}
