/* sock-transport-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-transport.c (the open connection) and sock-transport-connect.c (the opening
 * handshake and its record).
 */

#pragma once

#include <libsoup/soup.h>

#include "sock-rawsocket.h"
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

  /* RawSocket (rs://, rss://, unix://) instead of libsoup: sock-transport-rawsocket.c */
  gboolean                 rawsocket;
  GSocketClient           *raw_client;
  GIOStream               *raw_stream;
  GCancellable            *raw_cancellable;   /* reads and writes of the open connection */
  SockRawsocketReader     *raw_reader;
  SockRawsocketSerializer  raw_serializer;
  guint8                   raw_hello[SOCK_RAWSOCKET_HANDSHAKE_SIZE];
  guint8                   raw_reply[64];       /* the reply, or the start of a foreign answer */
  guint8                  *raw_read_buffer;
  GByteArray              *raw_out;             /* queued behind the write in flight */
  GBytes                  *raw_writing;
  gsize                    raw_peer_max;        /* the longest message the router accepts */
  gint64                   raw_start;           /* monotonic: the attempt's start */
  SockTimings              raw_timings;

  /* reads in batches under a flood: sock-transport-batch.c */
  GSocket                 *batch_socket;        /* the TCP socket, or NULL: never batched */
  GSource                 *batch_source;        /* the tick, while batching */
  gint64                   batch_window_start;  /* monotonic; while not batching */
  guint64                  batch_window_frames; /* frames_in at the window's start */
  guint                    batch_ticks;         /* of this window, while batching */
  guint64                  batch_reads;         /* reads after the tick lowered the mark */
  gboolean                 batch_lowered;       /* the low-water mark is one byte until a read */
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
/* Shared by both backends: a frame received, the early window, the closed signal. */
void _sock_transport_deliver   (SockTransport           *self,
                                gboolean                 is_text,
                                GBytes                  *message);
void _sock_transport_start_early_window (SockTransport  *self);
void _sock_transport_end_early_window   (SockTransport  *self);
void _sock_transport_emit_closed        (SockTransport  *self,
                                         guint           code,
                                         const char     *reason,
                                         const GError   *error);
/* The profile's certificate policy for a certificate that failed validation (or any, pinned). */
gboolean _sock_transport_accept_certificate (SockTransport        *self,
                                             GTlsCertificate      *certificate,
                                             GTlsCertificateFlags  errors);
const char *_sock_tls_version_name      (GTlsProtocolVersion  version);

void _sock_transport_finish_connect    (SockTransport  *self,
                                        GError         *error);

/* sock-transport-batch.c: the connection's stream once open; every frame received; something due at
 * once (a pong); the stream's end. */
void     _sock_transport_batch_attach   (SockTransport  *self,
                                         GIOStream      *stream);
void     _sock_transport_batch_frame    (SockTransport  *self);
void     _sock_transport_batch_wake     (SockTransport  *self);
void     _sock_transport_batch_detach   (SockTransport  *self);
/* For tests: the socket's receive low-water mark in bytes, -1 without a TCP socket; how many
 * times a batch was read because the tick lowered the mark. */
int      _sock_transport_batch_get_low_water (SockTransport *self);
guint64  _sock_transport_batch_get_reads     (SockTransport *self);

/* sock-transport-rawsocket-connect.c */
void     _sock_transport_raw_connect    (SockTransport  *self);
/* sock-transport-rawsocket.c */
void     _sock_transport_raw_start      (SockTransport  *self,
                                         gsize           max_length);
gboolean _sock_transport_raw_send       (SockTransport  *self,
                                         SockRawsocketFrameType type,
                                         gconstpointer   data,
                                         gsize           len,
                                         GError        **error);
gboolean _sock_transport_raw_is_open    (SockTransport  *self);
void     _sock_transport_raw_close      (SockTransport  *self,
                                         gboolean        emit,
                                         const char     *reason);
void     _sock_transport_raw_dispose    (SockTransport  *self);

G_END_DECLS
