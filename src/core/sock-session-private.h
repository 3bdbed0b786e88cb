/* sock-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the session kinds and SockConnection share: logging and sending a frame, completing the
 * join, and feeding frames in.
 */

#pragma once

#include "sock-session.h"
#include "sock-health.h"
#include "sock-stats.h"
#include "sock-subscription-private.h"

G_BEGIN_DECLS

/* Called by the connection. */
void     _sock_session_receive           (SockSession       *self,
                                          gboolean           is_text,
                                          const guint8      *data,
                                          gsize              len,
                                          gint64             time_us);
void     _sock_session_lost              (SockSession       *self,
                                          const GError      *error);

/* Called by the connection when protocol detection settles after the session was made. */
void     _sock_session_set_reason        (SockSession       *self,
                                          const char        *reason);

/* WAMP v2: the serializer (and batching) the subprotocol agreed on; JSON unless set. Messages
 * sent go out in it, and log records of messages in it carry its SOCK_LOG_FLAG_*. */
void     _sock_session_set_serializer    (SockSession        *self,
                                          SockWampSerializer  serializer,
                                          gboolean            batched);
gboolean _sock_session_get_batched       (SockSession       *self);
guint8   _sock_session_serializer_flags  (SockSession       *self);

/* Called by the session kinds. */
void     _sock_session_set_state         (SockSession       *self,
                                          SockSessionState   state);
guint64  _sock_session_log               (SockSession       *self,
                                          SockLogDirection   direction,
                                          SockLogKind        kind,
                                          guint8             type,
                                          const char        *uri,
                                          guint64            request_id,
                                          guint64            second_id,
                                          guint8             flags,
                                          const guint8      *raw,
                                          gsize              len,
                                          gint64             time_us);
/* The hot path's pieces of _sock_session_log: a URI interned once (e.g. per subscription) and an
 * entry appended as it is. */
guint32  _sock_session_intern_uri        (SockSession       *self,
                                          const char        *uri);
guint64  _sock_session_append            (SockSession        *self,
                                          const SockLogEntry *entry,
                                          const guint8       *raw,
                                          gsize               len);
/* Logs a decoded message (in or out) with its summary. */
guint64  _sock_session_log_message       (SockSession           *self,
                                          SockLogDirection       direction,
                                          const SockWampMessage *message,
                                          const guint8          *raw,
                                          gsize                  len,
                                          gint64                 time_us);
/* The same, with the URI to show when the message names none (an answer's request's URI). */
guint64  _sock_session_log_message_for   (SockSession           *self,
                                          SockLogDirection       direction,
                                          const SockWampMessage *message,
                                          const char            *request_uri,
                                          const guint8          *raw,
                                          gsize                  len,
                                          gint64                 time_us);
/* Logs a frame that failed to decode, reports it through "protocol-error". */
void     _sock_session_log_protocol_error (SockSession      *self,
                                           const GError     *error,
                                           gboolean          is_text,
                                           const guint8     *raw,
                                           gsize             len,
                                           gint64            time_us);
/* Decodes what we built (so that its log record is the same as for received frames), logs and
 * sends it. Takes text. */
gboolean _sock_session_send_message      (SockSession       *self,
                                          SockWampVersion    version,
                                          char              *text,
                                          GError           **error);
void     _sock_session_marker            (SockSession       *self,
                                          const char        *format,
                                          ...) G_GNUC_PRINTF (2, 3);

void     _sock_session_joined            (SockSession       *self);
/* Takes error. */
void     _sock_session_fail_join         (SockSession       *self,
                                          GError            *error);
void     _sock_session_closed            (SockSession       *self,
                                          const GError      *error);
/* The one receiver of events: the connection, which emits its own "event" signal only when
 * someone listens, so that a firehose nobody watches in code costs no emission. */
typedef void (*SockEventFunc) (SockSession     *session,
                               const SockEvent *event,
                               gpointer         user_data);
/* The subscription object the owner keeps for (topic, match), made and kept by the owner if it
 * had none: a subscription the session holds counts on the owner's object, which outlives the
 * session. NULL: the session makes its own. */
typedef SockSubscription *(*SockSubscriptionAdopt) (SockSession *session,
                                                    const char  *topic,
                                                    int          match,
                                                    gpointer     user_data);
/* The session no longer holds it (unsubscribed). */
typedef void (*SockSubscriptionForget) (SockSession      *session,
                                        SockSubscription *subscription,
                                        gpointer          user_data);

/* What the owner (the connection) hooks into a session; all optional. */
typedef struct
{
  SockEventFunc           event_func;
  SockSubscriptionAdopt   adopt;
  SockSubscriptionForget  forget;
  gpointer                user_data;
  SockStats              *stats;     /* not owned */
  SockHealth             *health;    /* not owned: the latency of answered calls */
} SockSessionHooks;

SockSessionHooks *_sock_session_get_hooks (SockSession       *self);
GPtrArray *_sock_session_get_subscriptions (SockSession      *self);
/* Beside it, index for index: the URI each is held under (char *). */
GPtrArray *_sock_session_get_held_uris (SockSession          *self);
/* Who holds a subscription: the user (sock_session_subscribe_async(), the connection's model)
 * and/or internal holders (_sock_session_subscribe_internal_async(): the router admin's meta
 * events). The router has one subscription for both (WAMP v2 gives the same id for the same
 * topic and match); it is unsubscribed there only when the last holder lets go. */
typedef struct
{
  gboolean user;
  guint    internal;
} SockSubscriptionHold;
/* Beside it too, index for index (SockSubscriptionHold). */
GArray    *_sock_session_get_holds (SockSession              *self);

/* The one route of an EVENT (v1 and v2): into the log, onto its subscription's counters (sub may be
 * NULL: not ours any more), and to the event func. */
void     _sock_session_deliver_event     (SockSession        *self,
                                          SockSubscription   *sub,
                                          const SockLogEntry *entry,
                                          const guint8       *raw,
                                          gsize               len,
                                          const SockEvent    *event);
void     _sock_session_count_error       (SockSession        *self,
                                          SockStatsErrorKind  kind,
                                          const char         *uri);
/* Called by the kinds when joined. */
void     _sock_session_set_facts         (SockSession        *self,
                                          const char         *session_id,
                                          const char         *realm,
                                          const char         *authid,
                                          const char         *authrole,
                                          const char * const *router_roles);

/* The subscription held for (topic, match) now acknowledged with id for the holder that asked
 * in task (see _sock_session_task_is_internal()): the owner's object for the user (the owner
 * adopts it), the session's own for an internal holder only; active from now on. */
SockSubscription *_sock_session_add_subscription (SockSession *self,
                                                  const char  *topic,
                                                  SockMatch    match,
                                                  gint64       id,
                                                  GTask       *task);
/* A task for a request that needs the session joined (source_tag: the function that makes it);
 * NULL, the error "not joined" returned to the caller, when the session is not. */
GTask   *_sock_session_new_request       (SockSession         *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
/* Whether task is an internal holder's subscribe (not the user's). */
gboolean _sock_session_task_is_internal (GTask           *task);
/* Unsubscribes the user's hold (internal FALSE) or one internal hold: the router is asked only
 * when no other holder is left; else it only lets go here. */
void     _sock_session_unsubscribe_hold  (SockSession       *self,
                                          const char        *topic,
                                          SockMatch          match,
                                          gboolean           internal,
                                          GTask             *task);
/* A subscription that is not the user's: it counts and delivers its events like any other (the
 * connection's "event" signal), but the connection does not adopt it into its model nor make it
 * again after a reconnect: the holder does. Finish with sock_session_subscribe_finish(). */
void     _sock_session_subscribe_internal_async   (SockSession         *self,
                                                   const char          *topic,
                                                   SockMatch            match,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Lets go of one internal hold; finish with sock_session_unsubscribe_finish(). */
void     _sock_session_unsubscribe_internal_async (SockSession         *self,
                                                   const char          *topic,
                                                   SockMatch            match,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void     _sock_session_remove_subscription (SockSession     *self,
                                            const char      *topic,
                                            SockMatch        match);
SockSubscription *_sock_session_find_subscription (SockSession *self,
                                                   const char  *topic,
                                                   SockMatch    match);
SockSubscription *_sock_session_find_subscription_by_id (SockSession *self,
                                                         gint64       id);

/* Deadlines (sock-session-deadline.c): every request that waits for an answer has one, armed
 * when it is sent and stopped when the answer comes. When it passes first, func runs; it fails
 * the request (with _sock_session_timed_out()) and must stop the deadline. ms 0: no timer, but
 * the request still counts as waiting. */
typedef struct _SockSessionDeadline SockSessionDeadline;
typedef void (*SockDeadlineFunc) (SockSession *session,
                                  gpointer     data);
typedef enum
{
  SOCK_DEADLINE_JOIN,
  SOCK_DEADLINE_ACK,
  SOCK_DEADLINE_CALL,
} SockDeadlineKind;

SockSessionDeadline *_sock_session_deadline_start (SockSession      *self,
                                                   guint             ms,
                                                   SockDeadlineFunc  func,
                                                   gpointer          data);
/* NULL-safe. */
void                 _sock_session_deadline_stop  (SockSessionDeadline *deadline);
/* The profile's deadline of that kind, in ms (0: none). */
guint                _sock_session_deadline_ms    (SockSession      *self,
                                                   SockDeadlineKind  kind);
/* How many requests wait for an answer (the join included). */
guint                _sock_session_get_n_waiting  (SockSession      *self);
/* A SOCK_SESSION_ERROR_TIMED_OUT error with the words given, also written to the log as a
 * marker. */
GError              *_sock_session_timed_out      (SockSession      *self,
                                                   const char       *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
/* "10 s", "0.5 s". */
char                *_sock_format_ms              (guint             ms);

/* A SockCallResult from raw ranges (absent ones stay NULL). */
SockCallResult *_sock_call_result_new    (SockJsonRange      args,
                                          SockJsonRange      kwargs,
                                          SockJsonRange      details);
/* A JSON tree written as compact text (NULL for NULL). */
char           *_sock_json_array_to_text  (JsonArray        *array);
char           *_sock_json_object_to_text (JsonObject       *object);
/* sock-session-api.c: keeps an ABORT's Details with its error. */
void            _sock_session_error_set_details (GError     *error,
                                                 const char *details);

G_END_DECLS
