/* sock-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session spoken over one open WebSocket: WAMP v2, WAMP v1 or raw frames. A session decodes
 * every frame once, appends it to the connection's SockMessageLog, and turns the messages that
 * matter into events (for the connection) and completed calls. SockConnection chooses and creates sessions;
 * views and the CLI use the API below, whatever the kind.
 */

#pragma once

#include <gio/gio.h>

#include "sock-message-log.h"
#include "sock-subscription.h"
#include "sock-transport.h"
#include "sock-wamp-message.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_SESSION_KIND_RAW,
  SOCK_SESSION_KIND_WAMP1,
  SOCK_SESSION_KIND_WAMP2,
} SockSessionKind;

typedef enum
{
  SOCK_SESSION_JOINING,
  SOCK_SESSION_JOINED,
  SOCK_SESSION_LEAVING,
  SOCK_SESSION_CLOSED,
} SockSessionState;

typedef enum
{
  SOCK_MATCH_EXACT,
  SOCK_MATCH_PREFIX,
  SOCK_MATCH_WILDCARD,
} SockMatch;

typedef enum
{
  SOCK_CANCEL_SKIP,
  SOCK_CANCEL_KILL,
  SOCK_CANCEL_KILLNOWAIT,
} SockCancelMode;

/* Errors of the WAMP layer. Errors that carry a WAMP error URI (ABORT, ERROR, CALLERROR) keep it,
 * with the payload as JSON text: see sock_session_error_get_uri() and friends. */
#define SOCK_SESSION_ERROR (sock_session_error_quark ())

typedef enum
{
  SOCK_SESSION_ERROR_ABORTED,            /* the router refused the join (ABORT) */
  SOCK_SESSION_ERROR_REMOTE,             /* a request failed: ERROR (v2) or CALLERROR (v1) */
  SOCK_SESSION_ERROR_PROTOCOL_VIOLATION, /* a malformed or unexpected message */
  SOCK_SESSION_ERROR_CONNECTION_LOST,    /* the connection closed with the request pending */
  SOCK_SESSION_ERROR_NOT_JOINED,         /* not (or no longer) joined */
  SOCK_SESSION_ERROR_NOT_SUPPORTED,      /* this session kind cannot do that */
  SOCK_SESSION_ERROR_NOT_WAMP,           /* the peer did not answer like a WAMP router */
  SOCK_SESSION_ERROR_AUTH,               /* asked for an authentication we cannot answer */
  SOCK_SESSION_ERROR_INVALID_ARGUMENT,   /* bad URI, bad id, … (nothing was sent) */
  SOCK_SESSION_ERROR_TIMED_OUT,          /* the answer did not come within its deadline (the profile's
                                          * join, acknowledgement or call timeout): the message says
                                          * what did not come back */
} SockSessionErrorCode;

GQuark      sock_session_error_quark       (void);
/* range data NULL: absent. */
GError     *sock_session_error_new         (SockSessionErrorCode  code,
                                         const char        *uri,
                                         SockJsonRange      args,
                                         SockJsonRange      kwargs,
                                         const char        *message);
/* The WAMP error or reason URI, or NULL. */
const char *sock_session_error_get_uri     (const GError      *error);
/* The error's Arguments / ArgumentsKw (v1: [description, details]) as JSON text, or NULL. */
const char *sock_session_error_get_args    (const GError      *error);
const char *sock_session_error_get_kwargs  (const GError      *error);
/* An ABORT's Details as JSON text, or NULL. */
const char *sock_session_error_get_details (const GError      *error);
/* The realm an ABORT for wamp.error.no_such_realm names instead of asked: from its Details'
 * "realms", or from its message ("no realm "x" (try demo or secure)"), or NULL. */
char       *sock_session_error_dup_suggested_realm (const GError *error,
                                                    const char   *asked);
/* What a WAMP error or close URI means for the user ("the realm does not exist on this router:
 * check the realm name"), or NULL for URIs with no known meaning. */
const char *sock_wamp_uri_explain       (const char        *uri);
/* What went wrong, in words for the user: the meaning of a known WAMP error URI, the router's own
 * words for one that is not standard, or the message. Widgets show this rather than matching URIs. */
char       *sock_session_error_dup_words   (const GError      *error);
/* Whether the request was cancelled: by our GCancellable, or by the router (wamp.error.canceled). */
gboolean    sock_session_error_is_cancelled (const GError     *error);

/* An event as delivered by SockConnection's "event" signal. Everything points into the frame and
 * is valid only during the emission; copy what you keep. */
typedef struct
{
  gint64          time_us;        /* wall clock at receipt */
  const char     *topic;          /* the concrete topic */
  const char     *subscribed;     /* the topic or pattern subscribed to */
  gint64          subscription;   /* v2; 0 for v1 */
  gint64          publication;    /* v2; 0 for v1 */
  SockJsonRange   args;           /* v2: an array; v1: the single event value (args_is_value) */
  SockJsonRange   kwargs;         /* v2 only */
  SockJsonRange   details;        /* v2 only */
  gboolean        args_is_value;
} SockEvent;

/* The outcome of a call; JSON text, NULL when absent. */
typedef struct
{
  char *args;
  char *kwargs;
  char *details;
} SockCallResult;

#define SOCK_TYPE_CALL_RESULT (sock_call_result_get_type ())
GType            sock_call_result_get_type  (void) G_GNUC_CONST;
SockCallResult  *sock_call_result_copy      (const SockCallResult *self);
void             sock_call_result_free      (SockCallResult       *self);

typedef struct
{
  gboolean             acknowledge;
  gboolean             include_me;     /* the publisher gets its own event (v2 exclude_me false; v1 excludeMe
                                        * false); excluded otherwise, in both versions */
  gboolean             disclose_me;    /* v2 */
  gboolean             retain;         /* v2 */
  const char * const  *exclude;        /* session ids (v2: integers written as text) */
  const char * const  *eligible;
} SockPublishOptions;

typedef struct
{
  guint                timeout_ms;       /* v2: the router's call timeout; 0 none */
  gboolean             receive_progress; /* v2 */
  SockCancelMode       cancel_mode;      /* v2: how a cancelled call is cancelled */
  guint                deadline_ms;      /* how long to wait for the result here (each progressive
                                          * result starts it again): 0 the profile's call timeout (and
                                          * at least timeout_ms plus the acknowledgement timeout, so
                                          * that the router's answer comes first); G_MAXUINT for ever */
} SockCallOptions;

typedef struct _SockSession SockSession;

/* A progressive result (v2) arriving while the call goes on. Ranges valid during the call. */
typedef void (*SockProgressFunc) (SockSession   *session,
                                  SockJsonRange  args,
                                  SockJsonRange  kwargs,
                                  gpointer       user_data);

#define SOCK_TYPE_SESSION (sock_session_get_type ())

G_DECLARE_DERIVABLE_TYPE (SockSession, sock_session, SOCK, SESSION, GObject)

struct _SockSessionClass
{
  GObjectClass parent_class;

  /* A frame arrived. Decode it once, log it (_sock_session_log_frame) and act on it. */
  void     (*receive)           (SockSession     *self,
                                 gboolean         is_text,
                                 const guint8    *data,
                                 gsize            len,
                                 gint64           time_us);
  /* Start joining; complete with _sock_session_joined() or _sock_session_fail_join(). */
  void     (*join)              (SockSession     *self);
  /* Start leaving politely; call _sock_session_closed() when done. */
  void     (*leave)             (SockSession     *self);
  /* The transport closed: fail whatever is pending with error. */
  void     (*lost)              (SockSession     *self,
                                 const GError    *error);

  void     (*subscribe)         (SockSession     *self,
                                 const char      *topic,
                                 SockMatch        match,
                                 GTask           *task);
  void     (*unsubscribe)       (SockSession     *self,
                                 const char      *topic,
                                 SockMatch        match,
                                 GTask           *task);
  /* args, kwargs: JSON text (an array, an object) or NULL, checked already, sent as it is. */
  void     (*publish)           (SockSession     *self,
                                 const char      *topic,
                                 const char      *args,
                                 const char      *kwargs,
                                 const SockPublishOptions *options,
                                 GTask           *task);
  /* The URI a topic stands for (WAMP v1 expands CURIEs); NULL: the topic as given. */
  char    *(*expand_uri)        (SockSession     *self,
                                 const char      *topic);
  void     (*call)              (SockSession     *self,
                                 const char      *procedure,
                                 const char      *args,
                                 const char      *kwargs,
                                 const SockCallOptions *options,
                                 SockProgressFunc progress,
                                 gpointer         progress_data,
                                 GTask           *task);

  gpointer padding[8];
};

SockSessionKind   sock_session_get_kind           (SockSession          *self);
/* WAMP v2: the serializer the subprotocol agreed on (JSON for every other kind). */
SockWampSerializer sock_session_get_serializer    (SockSession          *self);
SockSessionState  sock_session_get_state          (SockSession          *self);
/* Why this kind was chosen, e.g. "negotiated subprotocol wamp.2.json". */
const char       *sock_session_get_reason         (SockSession          *self);
SockTransport    *sock_session_get_transport      (SockSession          *self);
SockMessageLog   *sock_session_get_log            (SockSession          *self);
/* The error the session ended with (ABORT, protocol violation, lost connection), or NULL. */
const GError     *sock_session_get_error          (SockSession          *self);

/* Completes when joined (v2: WELCOME; v1: WELCOME; raw: at once). */
void              sock_session_join_async         (SockSession          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sock_session_join_finish        (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* v2: GOODBYE and wait for the router's; v1 and raw: close the WebSocket. */
void              sock_session_leave_async        (SockSession          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sock_session_leave_finish       (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Events of the subscription arrive through SockConnection's "event" signal. v1 has no acknowledgement: it
 * completes at once. out_subscription: v2's subscription id (0 for v1). */
void              sock_session_subscribe_async    (SockSession          *self,
                                                   const char           *topic,
                                                   SockMatch             match,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sock_session_subscribe_finish   (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   gint64               *out_subscription,
                                                   GError              **error);
void              sock_session_unsubscribe_async  (SockSession          *self,
                                                   const char           *topic,
                                                   SockMatch             match,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sock_session_unsubscribe_finish (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* v1 sends one event value: args[0] when args has one element and there are no kwargs, kwargs
 * when there are no args, else the args array. options may be NULL. out_publication: the
 * publication id when acknowledged (v2), else 0. */
void              sock_session_publish_async      (SockSession          *self,
                                                   const char           *topic,
                                                   JsonArray            *args,
                                                   JsonObject           *kwargs,
                                                   const SockPublishOptions *options,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* The same with Arguments and Keyword arguments as JSON text (or NULL), sent exactly as written:
 * numbers keep their text (JSON) or their exact value (MessagePack, CBOR), strings "\u0000" +
 * base64 go as binary. Text that is not valid, or holds what the session's serializer cannot
 * carry exactly, fails with SOCK_SESSION_ERROR_INVALID_ARGUMENT in words before anything is
 * sent (sock_json_input_check()). Finish with sock_session_publish_finish(). */
void              sock_session_publish_json_async (SockSession          *self,
                                                   const char           *topic,
                                                   const char           *args,
                                                   const char           *kwargs,
                                                   const SockPublishOptions *options,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sock_session_publish_finish     (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   gint64               *out_publication,
                                                   GError              **error);
/* Cancelling a v2 call sends CANCEL with options->cancel_mode. A failed call gives
 * SOCK_SESSION_ERROR_REMOTE with the error URI (sock_session_error_get_uri()). v1: kwargs, when given,
 * go as a last argument; the result is args [result]. options may be NULL. */
void              sock_session_call_async         (SockSession          *self,
                                                   const char           *procedure,
                                                   JsonArray            *args,
                                                   JsonObject           *kwargs,
                                                   const SockCallOptions *options,
                                                   SockProgressFunc      progress,
                                                   gpointer              progress_data,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* The same with JSON text, as sock_session_publish_json_async(); finish with
 * sock_session_call_finish(). */
void              sock_session_call_json_async    (SockSession          *self,
                                                   const char           *procedure,
                                                   const char           *args,
                                                   const char           *kwargs,
                                                   const SockCallOptions *options,
                                                   SockProgressFunc      progress,
                                                   gpointer              progress_data,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
SockCallResult   *sock_session_call_finish        (SockSession          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Sends one frame as it is (any kind), logged as raw text or binary. */
gboolean          sock_session_send_raw           (SockSession          *self,
                                                   gboolean              is_text,
                                                   const guint8         *data,
                                                   gsize                 len,
                                                   GError              **error);

/* The subscriptions this session holds now, element type SockSubscription (transfer none). Each
 * counts the events delivered on it (v2: by subscription id; v1: by topic). Through a connection,
 * they are the connection's own objects (sock_connection_get_subscriptions()), which outlive the
 * session and keep counting after a reconnect. */
GPtrArray        *sock_session_get_subscriptions  (SockSession          *self);

/* Facts of the joined session (NULL before the join, and where the kind has none): the session id
 * as text (v2: the number; v1: the server's string), the realm (v2), the authid and authrole the
 * router gave (v2), the subprotocol agreed in the handshake, and the roles the router announced
 * (v2: "broker", "dealer"). Properties of the same names, notified on change. */
const char       *sock_session_get_session_id     (SockSession          *self);
const char       *sock_session_get_realm          (SockSession          *self);
const char       *sock_session_get_authid         (SockSession          *self);
const char       *sock_session_get_authrole       (SockSession          *self);
const char       *sock_session_get_subprotocol    (SockSession          *self);
const char * const *sock_session_get_router_roles (SockSession          *self);

const char       *sock_session_kind_to_string     (SockSessionKind       kind);
const char       *sock_session_state_to_string    (SockSessionState      state);
const char       *sock_match_to_string            (SockMatch             match);
gboolean          sock_match_from_string          (const char           *text,
                                                   SockMatch            *out);

/* Signals:
 *   protocol-error (GError *error)      a malformed or unexpected message (v1 and raw keep going)
 *   closed (GError *error_or_null)      the session ended
 */

G_END_DECLS
