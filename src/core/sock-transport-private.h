/* sock-transport-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-transport.c (the open connection) and sock-transport-connect.c (the opening
 * handshake and its record).
 */

#pragma once

#include <libsoup/soup.h>

#include "sock-transport.h"

G_BEGIN_DECLS

struct _SockTransport
{
  GObject                  parent_instance;

  SockProfile             *profile;
  SockHandshake           *handshake;
  SoupSession             *session;
  SoupMessage             *message;
  SoupWebsocketConnection *connection;
  GTask                   *connect_task;
  GCancellable            *connect_cancellable;
  GCancellable            *sniff_cancellable;
  GString                 *body;
  GError                  *connection_error;

  SockTransportFrameFunc   frame_func;
  gpointer                 frame_func_data;
  SockTransportPongFunc    pong_func;
  gpointer                 pong_func_data;

  SockTransportState       state;
  GSource                 *timeout_source;
  GSource                 *early_source;
  gint64                   open_time;
  gboolean                 timed_out;
  gboolean                 pin_mismatch;
  gboolean                 early_window_open;

  gushort                  close_code;
  char                    *close_reason;

  guint64                  bytes_in;
  guint64                  bytes_out;
  guint64                  frames_in;
  guint64                  frames_out;
};

/* Like g_timeout_add(), but on the thread-default main context the transport runs on. */
GSource *_sock_timeout_add      (guint                    interval_ms,
                                 GSourceFunc              function,
                                 gpointer                 data);
void      _sock_source_clear     (GSource                **source);
void _sock_transport_set_state (SockTransport           *self,
                                SockTransportState       state);
void _sock_transport_opened    (SockTransport           *self,
                                SoupWebsocketConnection *connection);

G_END_DECLS
