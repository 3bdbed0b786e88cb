/* sock-connection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection as the user sees it: the transport, the session chosen for it (WAMP v2, WAMP v1
 * or raw, negotiated or detected), the message log (kept across reconnects), the diagnosis of a
 * failure, and the reconnect policy. On reconnect it rejoins, re-subscribes and re-registers what
 * the user had, and writes a gap marker into the log. Views and the CLI drive everything through
 * this object and its session.
 */

#pragma once

#include <gio/gio.h>

#include "sock-connect-options.h"
#include "sock-diagnosis.h"
#include "sock-health.h"
#include "sock-message-log.h"
#include "sock-profile.h"
#include "sock-registration.h"
#include "sock-session.h"
#include "sock-stats.h"
#include "sock-subscription.h"
#include "sock-transport.h"
#include "sock-wamp-cryptosign.h"
#include "sock-wamp2-session.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_CONNECTION_CLOSED,
  SOCK_CONNECTION_CONNECTING,
  SOCK_CONNECTION_JOINED,        /* open, and the session joined (raw: open) */
  SOCK_CONNECTION_RECONNECTING,  /* lost; waiting to try again */
  SOCK_CONNECTION_NOT_RESPONDING, /* open, but a liveness deadline passed (a pong or a WAMP answer) */
} SockConnectionState;

/* Protocol detection windows (see sock-connection-detect.c). */
#define SOCK_CONNECTION_V1_WINDOW_MS  500
#define SOCK_CONNECTION_V2_WINDOW_MS  2000
#define SOCK_CONNECTION_MAX_BACKOFF_S 30

/* The round trip of WebSocket pings (ping sent to pong received), over the last
 * SOCK_RTT_WINDOW pongs. */
#define SOCK_RTT_WINDOW 64

typedef struct
{
  guint   n_samples;   /* pongs timed since the connection was made (all attempts) */
  gint64  last_us;
  gint64  min_us;      /* over the window */
  gint64  mean_us;
  gint64  p95_us;
} SockRtt;

#define SOCK_TYPE_CONNECTION (sock_connection_get_type ())

G_DECLARE_FINAL_TYPE (SockConnection, sock_connection, SOCK, CONNECTION, GObject)

/* The profile is copied by the transport. */
SockConnection      *sock_connection_new                (SockProfile          *profile);
/* Validates options (NULL and the reason when they are not valid) and applies all of them: the
 * profile, realm, credentials, protocol choice (raw: read frames raw) and reconnecting. The
 * connection keeps a copy (sock_connection_get_options()). */
SockConnection      *sock_connection_new_for_options    (SockConnectOptions   *options,
                                                         GError              **error);
/* What the connection was made from, or NULL (sock_connection_new()). The subscriptions in it are
 * what the user asked for; they follow the user's subscribe and unsubscribe. */
SockConnectOptions  *sock_connection_get_options        (SockConnection       *self);

/* Settings; take effect at the next open. realm default "realm1". */
void                 sock_connection_set_realm          (SockConnection       *self,
                                                         const char           *realm);
const char          *sock_connection_get_realm          (SockConnection       *self);
void                 sock_connection_set_credentials    (SockConnection       *self,
                                                         const char           *authid,
                                                         const char           *ticket,
                                                         const char           *secret);
/* WAMP-Cryptosign (with the authid of set_credentials()); NULL for none. */
void                 sock_connection_set_cryptosign_key (SockConnection       *self,
                                                         SockWampCryptosignKey *key);
/* Treat the connection as raw frames whatever was negotiated. */
void                 sock_connection_set_force_raw      (SockConnection       *self,
                                                         gboolean              force_raw);
/* Off by default (the CLI); the GUI turns it on: backoff 1, 2, 4 … 30 s. */
void                 sock_connection_set_reconnect      (SockConnection       *self,
                                                         gboolean              reconnect);
gboolean             sock_connection_get_reconnect      (SockConnection       *self);

/* Connects, chooses the session kind and joins. On failure the error is the connect error (and
 * the "diagnosis" explains it), an early close (diagnosed too), or the session's error (an ABORT:
 * SOCK_SESSION_ERROR_ABORTED with the reason URI). */
void                 sock_connection_open_async         (SockConnection       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             sock_connection_open_finish        (SockConnection       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Leaves the session (GOODBYE for v2) and closes; no reconnect follows. */
void                 sock_connection_close_async        (SockConnection       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             sock_connection_close_finish       (SockConnection       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Taking the connection down or up by hand (sock-connection-state.c). Disconnect: closes whatever
 * the state (as close_async, no reconnect follows), close reason "Disconnected by you". Cancel:
 * while connecting, gives the attempt up, close reason "Cancelled". Reconnect now: while
 * reconnecting, starts the next attempt without waiting (FALSE if not reconnecting; a closed
 * connection is opened with open_async). Stop reconnecting: while reconnecting, closes with the
 * reason "Stopped reconnecting"; the reconnect setting stays. */
void                 sock_connection_disconnect         (SockConnection       *self);
void                 sock_connection_cancel             (SockConnection       *self);
gboolean             sock_connection_reconnect_now      (SockConnection       *self);
void                 sock_connection_stop_reconnecting  (SockConnection       *self);
/* While connecting: when the attempt gives up (the profile's connect timeout, monotonic); else 0. */
gint64               sock_connection_get_connect_deadline (SockConnection     *self);

/* The subscriptions asked for, element type SockSubscription: each stays from subscribe to
 * unsubscribe, through reconnects (restoring, then active again, its counters carried on). */
GListModel          *sock_connection_get_subscriptions  (SockConnection       *self);
/* The subscription to (topic, match) among them, or NULL. Transfer none. */
SockSubscription    *sock_connection_find_subscription  (SockConnection       *self,
                                                         const char           *topic,
                                                         SockMatch             match);
/* Adds (topic, match) to the subscriptions, or returns the one there (a failed one is tried again),
 * and subscribes now if joined, else once joined. Its state tells how it went. Transfer none. */
SockSubscription    *sock_connection_subscribe          (SockConnection       *self,
                                                         const char           *topic,
                                                         SockMatch             match);
/* Removes it from the model and unsubscribes if the session holds it. */
void                 sock_connection_unsubscribe        (SockConnection       *self,
                                                         SockSubscription     *subscription);
/* The procedures registered, element type SockRegistration, kept through reconnects. */
GListModel          *sock_connection_get_registrations  (SockConnection       *self);
void                 sock_connection_unregister         (SockConnection       *self,
                                                         SockRegistration     *registration);
/* Counters and the last hour, second by second; see sock-stats.h. */
SockStats           *sock_connection_get_stats          (SockConnection       *self);
/* The state timeline, uptime, reconnects, call latency and errors by kind; see sock-health.h. */
SockHealth          *sock_connection_get_health         (SockConnection       *self);
/* Messages per second in and out, smoothed; the "rate-in" and "rate-out" properties, notified at
 * most once a second. */
double               sock_connection_get_rate_in        (SockConnection       *self);
double               sock_connection_get_rate_out       (SockConnection       *self);

/* Registers a procedure (WAMP v2) and registers it again after each reconnect; it shows in
 * sock_connection_get_registrations() (a first registration that fails is not kept). */
void                 sock_connection_register_async     (SockConnection       *self,
                                                         const char           *procedure,
                                                         JsonObject           *options,
                                                         SockInvocationFunc    handler,
                                                         gpointer              handler_data,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gint64               sock_connection_register_finish    (SockConnection       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

SockConnectionState  sock_connection_get_state          (SockConnection       *self);
/* While reconnecting: when the next attempt starts (g_get_monotonic_time () units); else 0. */
gint64               sock_connection_get_reconnect_time (SockConnection       *self);
/* Why the connection is closed (the server's close, an ABORT, …), or NULL. */
const char          *sock_connection_get_close_reason   (SockConnection       *self);
/* The current session, or NULL before the first open. */
SockSession         *sock_connection_get_session        (SockConnection       *self);
SockSessionKind      sock_connection_get_kind           (SockConnection       *self);
/* The session id as text (v2: the number; v1: the server's string), or NULL. */
const char          *sock_connection_get_session_id     (SockConnection       *self);
SockTransport       *sock_connection_get_transport      (SockConnection       *self);
SockHandshake       *sock_connection_get_handshake      (SockConnection       *self);
/* The diagnosis of the last failed connect or early close, or NULL. */
SockDiagnosis       *sock_connection_get_diagnosis      (SockConnection       *self);
/* Every connect attempt (SockHandshakeAttempt), oldest first, the last 50 kept. */
GListModel          *sock_connection_get_handshakes     (SockConnection       *self);
SockMessageLog      *sock_connection_get_log            (SockConnection       *self);
/* Frames in and out over all attempts. Not notified per message: poll them. */
guint64              sock_connection_get_messages_in    (SockConnection       *self);
guint64              sock_connection_get_messages_out   (SockConnection       *self);

const char          *sock_connection_state_to_string    (SockConnectionState   state);

/* Liveness (sock-connection-liveness.c). With the profile's keepalive interval K > 0 the
 * connection pings at the open and every K s; a ping is answered by its pong or by any frame
 * arriving within the pong timeout P. Unanswered while joined: the state turns
 * SOCK_CONNECTION_NOT_RESPONDING ("close-reason" says why, set before the state is notified);
 * a frame or pong arriving within another P brings it back to JOINED, else the connection is
 * dropped (and reconnected when reconnect is on). A server that never answers a ping while
 * other frames arrive is said so once in the log; from then on it counts as not responding only
 * when nothing at all arrived for K + P while a request waits for an answer, so a quiet server
 * is never called dead.
 *
 * The last RTT in µs, or -1 before the first pong ("rtt-us", notified with each pong). */
gint64               sock_connection_get_rtt_us         (SockConnection       *self);
/* FALSE (and out zeroed) before the first pong. */
gboolean             sock_connection_get_rtt            (SockConnection       *self,
                                                         SockRtt              *out);

/* Properties: state, session, diagnosis, reconnect, close-reason, rate-in, rate-out, rtt-us.
 * Signals, forwarded from whatever session is current:
 *   event (SockEvent *event)
 *   protocol-error (GError *error)
 */

G_END_DECLS
