/* sock-connection-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-connection.c (the object, opening, closing, reconnecting) and
 * sock-connection-detect.c (choosing the session kind).
 */

#pragma once

#include "sock-connection.h"
#include "sock-handshake-history.h"
#include "sock-session-private.h"

G_BEGIN_DECLS

typedef enum
{
  DETECT_NONE,
  DETECT_WAIT_V1,   /* waiting for the server to speak first */
  DETECT_WAIT_V2,   /* HELLO sent, waiting for WELCOME / ABORT / CHALLENGE */
} DetectPhase;

typedef struct _SockLiveness SockLiveness;

struct _SockConnection
{
  GObject              parent_instance;

  SockConnectOptions  *options;         /* what it was made from (sock_connection_new_for_options), or NULL */
  SockTransport       *transport;
  SockMessageLog      *log;
  SockSession         *session;
  SockDiagnosis       *diagnosis;
  SockHandshakeHistory *handshakes;     /* every connect attempt, bounded */
  char                *realm;
  char                *authid;
  char                *ticket;
  char                *secret;
  SockWampCryptosignKey *cryptosign_key;
  char                *close_reason;
  char                *session_id;
  gboolean             force_raw;
  gboolean             reconnect;

  SockConnectionState  state;
  GTask               *open_task;       /* the user's open, while under way */
  gboolean             closing;         /* the user asked to close: no reconnect */
  gboolean             joined_once;
  const char          *user_reason;     /* the close reason when the user closes or cancels */
  gint64               attempt_deadline; /* monotonic, when the connect attempt times out */

  DetectPhase          detect;
  GSource             *detect_source;
  GPtrArray           *held_frames;     /* frames seen before the session kind was known */

  GSource             *reconnect_source;
  gint64               reconnect_time;
  guint                backoff;
  gint64               lost_at;         /* monotonic, when the connection dropped */

  /* sock-connection-models.c */
  GListStore          *subscriptions;   /* SockSubscription, kept through reconnects */
  GListStore          *registrations;   /* SockRegistration */
  SockStats           *stats;
  SockHealth          *health;          /* sock-health.c: timeline, latency, errors */
  GSource             *tick_source;
  gint64               last_tick;
  guint64              sampled[4];      /* the transport's frames in, out, bytes in, out at the last sample */
  double               notified_rate_in;
  double               notified_rate_out;

  guint64              in_before;       /* frames of earlier attempts */
  guint64              out_before;

  SockLiveness        *liveness;
};

/* sock-connection-detect.c */
void  _sock_connection_opened       (SockConnection *self);
void  _sock_connection_frame        (SockConnection *self,
                                     gboolean        is_text,
                                     GBytes         *data,
                                     gint64          time_us);
void  _sock_connection_stop_detect  (SockConnection *self);

/* sock-connection-liveness.c */
SockLiveness *_sock_liveness_new        (void);
void          _sock_liveness_free       (SockLiveness   *liveness);
/* The WebSocket opened: ping now and every keepalive interval. */
void          _sock_liveness_start      (SockConnection *self);
void          _sock_liveness_stop       (SockConnection *self);
/* A frame arrived while not responding. */
void          _sock_liveness_heard      (SockConnection *self);
void          _sock_liveness_pong       (SockConnection *self,
                                         const guint8   *payload,
                                         gsize           len);
/* Why liveness gave the connection up, or NULL. */
const char   *_sock_liveness_gave_up    (SockConnection *self);
/* sock-connection-handshakes.c */
void  _sock_connection_attempt_started     (SockConnection *self);
void  _sock_connection_attempt_ended       (SockConnection *self,
                                            const GError   *error);
void  _sock_connection_attempt_rediagnosed (SockConnection *self);

/* sock-connection.c */
void  _sock_connection_set_state        (SockConnection      *self,
                                         SockConnectionState  state);
void  _sock_connection_set_close_reason (SockConnection      *self,
                                         const char          *reason);
void  _sock_connection_use_session  (SockConnection *self,
                                     SockSession    *session);
void  _sock_connection_clear_source (GSource       **source);
GSource *_sock_connection_timeout   (SockConnection *self,
                                     guint           ms,
                                     GSourceFunc     func);
void  _sock_connection_notify_rates (SockConnection *self);
void  _sock_connection_start_attempt (SockConnection *self);

/* sock-connection-models.c */
void  _sock_connection_models_init     (SockConnection *self);
void  _sock_connection_models_dispose  (SockConnection *self);
void  _sock_connection_models_finalize (SockConnection *self);
/* The session joined: make what is pending or restoring. */
void  _sock_connection_models_joined   (SockConnection *self);
/* The session is gone: what was active is restoring (a reconnect follows) or pending. */
void  _sock_connection_models_lost     (SockConnection *self,
                                        gboolean        will_reconnect);
/* The session hooks of the subscriptions model. */
SockSubscription *_sock_connection_adopt_subscription (SockSession      *session,
                                                       const char       *topic,
                                                       int               match,
                                                       gpointer          user_data);
void  _sock_connection_forget_subscription (SockSession      *session,
                                            SockSubscription *subscription,
                                            gpointer          user_data);
/* Adds the transport's counts since the last sample to the statistics; _restart before the
 * transport's counters start again. */
void  _sock_connection_sample          (SockConnection *self);
void  _sock_connection_sample_restart  (SockConnection *self);
void  _sock_connection_tick            (SockConnection *self);

G_END_DECLS
