/* sock-transport.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One WebSocket connection on libsoup, made from a SockProfile. It never follows a redirect
 * silently, records the whole opening exchange in a SockHandshake, counts bytes and frames, and
 * hands every frame to its one receiver (sock_transport_set_frame_func).
 */

#pragma once

#include <gio/gio.h>

#include "sock-handshake.h"
#include "sock-profile.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_TRANSPORT_CLOSED,
  SOCK_TRANSPORT_CONNECTING,
  SOCK_TRANSPORT_OPEN,
  SOCK_TRANSPORT_CLOSING,
} SockTransportState;

/* How long after the open frames and a close are kept in the handshake as "early". */
#define SOCK_TRANSPORT_EARLY_WINDOW_MS 1500

#define SOCK_TYPE_TRANSPORT (sock_transport_get_type ())

G_DECLARE_FINAL_TYPE (SockTransport, sock_transport, SOCK, TRANSPORT, GObject)

/* Called for every frame received: the hot path of a firehose, where a signal emission per message
 * (GSignal takes a global lock even to find there is no handler) costs as much as decoding it. */
typedef void (*SockTransportFrameFunc) (SockTransport *transport,
                                        gboolean       is_text,
                                        GBytes        *data,
                                        gint64         real_time_us,
                                        gpointer       user_data);

/* Called for every pong received (a WebSocket control frame; payload as the peer sent it). */
typedef void (*SockTransportPongFunc) (SockTransport *transport,
                                       const guint8  *payload,
                                       gsize          len,
                                       gpointer       user_data);

/* The profile is copied: later changes to it do not affect this transport. */
SockTransport      *sock_transport_new                (SockProfile          *profile);

SockProfile        *sock_transport_get_profile        (SockTransport        *self);
/* One direct receiver of frames (the session); NULL to remove it. */
void                sock_transport_set_frame_func     (SockTransport        *self,
                                                       SockTransportFrameFunc func,
                                                       gpointer              user_data);
SockTransportState  sock_transport_get_state          (SockTransport        *self);
/* The record of the current (or last) attempt; NULL before the first connect. */
SockHandshake      *sock_transport_get_handshake      (SockTransport        *self);
/* The agreed subprotocol, or NULL. */
const char         *sock_transport_get_protocol       (SockTransport        *self);

/* Completes when the WebSocket is open (whatever subprotocol was agreed), or with the error
 * that stopped it: G_IO_ERROR_*, G_RESOLVER_ERROR_*, G_TLS_ERROR_*, SOUP_WEBSOCKET_ERROR_*,
 * SOCK_ERROR_TIMED_OUT (the profile's connect timeout), SOCK_ERROR_REDIRECT (3xx),
 * SOCK_ERROR_PIN_MISMATCH. The handshake holds everything seen either way. */
void                sock_transport_connect_async      (SockTransport        *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            sock_transport_connect_finish     (SockTransport        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

gboolean            sock_transport_send_text          (SockTransport        *self,
                                                       const char           *text,
                                                       gsize                 len,
                                                       GError              **error);
gboolean            sock_transport_send_binary        (SockTransport        *self,
                                                       gconstpointer         data,
                                                       gsize                 len,
                                                       GError              **error);
void                sock_transport_close              (SockTransport        *self,
                                                       gushort               code,
                                                       const char           *reason);
/* Sends a close frame and drops the connection at once, without waiting for the peer's close
 * frame (a frozen peer never sends one): "closed" is emitted before this returns, with code 0,
 * reason and no error. Nothing happens when not open. */
void                sock_transport_abort              (SockTransport        *self,
                                                       const char           *reason);

/* Sends a WebSocket ping (payload at most 125 bytes). libsoup's own keepalive pings are not
 * used: liveness (SockConnection) sends its own, to time them. */
gboolean            sock_transport_send_ping          (SockTransport        *self,
                                                       const guint8         *payload,
                                                       gsize                 len,
                                                       GError              **error);
/* One direct receiver of pongs; NULL to remove it. */
void                sock_transport_set_pong_func      (SockTransport        *self,
                                                       SockTransportPongFunc func,
                                                       gpointer              user_data);

/* Close as seen from here: the peer's code (0 when none), and its reason. */
gushort             sock_transport_get_close_code     (SockTransport        *self);
const char         *sock_transport_get_close_reason   (SockTransport        *self);

guint64             sock_transport_get_bytes_in       (SockTransport        *self);
guint64             sock_transport_get_bytes_out      (SockTransport        *self);
guint64             sock_transport_get_frames_in      (SockTransport        *self);
guint64             sock_transport_get_frames_out     (SockTransport        *self);

/* Signals:
 *   closed (guint code, const char *reason, GError *error_or_null)
 *   early-window-done ()   the observation window after the open has passed (or the peer closed)
 */

G_END_DECLS
