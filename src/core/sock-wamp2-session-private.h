/* sock-wamp2-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-wamp2-session.c (joining, leaving, dispatch), -pubsub.c and -rpc.c.
 */

#pragma once

#include "sock-session-private.h"
#include "sock-wamp2-session.h"

G_BEGIN_DECLS

/* A request waiting for its answer, keyed by request id. */
typedef struct
{
  SockWamp2Session *session;
  int               type;          /* SUBSCRIBE, UNSUBSCRIBE, PUBLISH, CALL, REGISTER, UNREGISTER */
  gint64            request;
  GTask            *task;
  char             *uri;           /* topic, procedure */
  SockMatch         match;
  gint64            id;            /* UNSUBSCRIBE / UNREGISTER: which */
  SockProgressFunc  progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
  gulong            cancel_id;
  SockCancelMode    cancel_mode;
  gpointer          registration;  /* REGISTER: the Registration being made */
  guint             deadline_ms;   /* CALL: how long to wait for the result (0: the profile's) */
  SockSessionDeadline *deadline;   /* armed when sent */
} SockWamp2Pending;

typedef struct
{
  char               *procedure;
  gint64              id;
  SockInvocationFunc  handler;
  gpointer            data;
  GDestroyNotify      destroy;
} SockWamp2Registration;

struct _SockWamp2Session
{
  SockSession  parent_instance;

  char        *realm;
  char        *authid;
  char        *ticket;
  char        *secret;
  SockWampCryptosignKey *cryptosign_key;
  gboolean     cryptosign_answered;  /* AUTHENTICATE went out for a cryptosign CHALLENGE */

  gint64       next_request;
  gint64       session_id;
  char        *welcome_authid;
  char        *authrole;
  char        *authmethod;
  char        *authprovider;
  char        *router_agent;
  char        *router_roles;
  JsonObject  *router_roles_object;

  GHashTable  *pending;        /* request id -> SockWamp2Pending */
  GHashTable  *subscribed;     /* subscription id -> char *topic (as subscribed) */
  GHashTable  *registrations;  /* registration id -> SockWamp2Registration */
  GHashTable  *invocations;    /* request id -> SockInvocation */
  gboolean     goodbye_sent;
  gboolean     noted_null_payload;
  GSource     *leave_timeout;
  GCancellable *auth_cancellable;  /* a salted WAMP-CRA key being derived on a thread */
  char        *cra_challenge;      /* the challenge it will sign */
  SockSessionDeadline *join_deadline;
  GHashTable  *expired;        /* request id -> request type: requests failed by their deadline */
  GString     *decoded;        /* reused: a MessagePack or CBOR frame's JSON, which messages point into */
};

gint64            _sock_wamp2_next_request     (SockWamp2Session *self);
/* The deadline for WELCOME (or, after_authenticate, for the answer to AUTHENTICATE). */
void              _sock_wamp2_arm_join_deadline (SockWamp2Session *self,
                                                 gboolean          after_authenticate);
/* A copy of the string member @name of @object (NULL too), or NULL if it is not a string. */
char             *_sock_wamp2_dup_string_member (JsonObject *object,
                                                 const char *name);
/* sock-wamp2-session-auth.c: answers a CHALLENGE (or aborts the join, saying why). */
void              _sock_wamp2_handle_challenge (SockWamp2Session      *self,
                                                const SockWampMessage *message);
SockWamp2Pending *_sock_wamp2_pending_add      (SockWamp2Session *self,
                                                int               type,
                                                GTask            *task);
void              _sock_wamp2_pending_free     (gpointer          data);
/* Takes the pending entry out of the table; the caller frees it. */
SockWamp2Pending *_sock_wamp2_pending_take     (SockWamp2Session *self,
                                                gint64            request);
/* Sends text; on failure completes the task and drops the pending entry. */
gboolean          _sock_wamp2_send_request     (SockWamp2Session *self,
                                                SockWamp2Pending *pending,
                                                char             *text);
/* Starts the request's deadline again (a progressive result shows the call is alive). */
void              _sock_wamp2_pending_rearm    (SockWamp2Session *self,
                                                SockWamp2Pending *pending);
/* An answer to a request whose deadline passed: logged as late and ignored (TRUE), or not one
 * of those (FALSE). */
gboolean          _sock_wamp2_late_answer      (SockWamp2Session      *self,
                                                const SockWampMessage *message);
/* Closes with ABORT wamp.error.protocol_violation. */
void              _sock_wamp2_violation        (SockWamp2Session *self,
                                                const char       *message);
GError           *_sock_wamp2_error_from       (const SockWampMessage *message);

/* An EVENT frame: logged with its concrete topic (the EVENT itself names only the subscription),
 * then handed to the event receivers. */
void              _sock_wamp2_receive_event    (SockWamp2Session      *self,
                                                const SockWampMessage *message,
                                                const guint8          *raw,
                                                gsize                  len,
                                                gint64                 time_us);
/* Answers from the router, by type. */
void              _sock_wamp2_handle_pubsub    (SockWamp2Session      *self,
                                                const SockWampMessage *message,
                                                gint64                 time_us);
void              _sock_wamp2_handle_rpc       (SockWamp2Session      *self,
                                                const SockWampMessage *message);
void              _sock_wamp2_handle_error     (SockWamp2Session      *self,
                                                const SockWampMessage *message);

/* vfuncs in -pubsub.c and -rpc.c */
void              _sock_wamp2_subscribe        (SockSession *session, const char *topic, SockMatch match,
                                                GTask *task);
void              _sock_wamp2_unsubscribe      (SockSession *session, const char *topic, SockMatch match,
                                                GTask *task);
void              _sock_wamp2_publish          (SockSession *session, const char *topic, const char *args,
                                                const char *kwargs, const SockPublishOptions *options,
                                                GTask *task);
void              _sock_wamp2_call             (SockSession *session, const char *procedure, const char *args,
                                                const char *kwargs, const SockCallOptions *options,
                                                SockProgressFunc progress, gpointer progress_data,
                                                GTask *task);
void              _sock_wamp2_registration_free (gpointer data);
GHashTable       *_sock_wamp2_subscribed_new   (void);
void              _sock_wamp2_interrupt_all    (SockWamp2Session *self);

/* An INVOCATION to answer (sock-wamp2-invocation.c); handle_invocation() fills it. */
struct _SockInvocation
{
  GObject           parent_instance;

  SockWamp2Session *session;   /* weak */
  char             *procedure;
  gint64            request;
  gint64            registration;
  char             *args;
  char             *kwargs;
  char             *details;
  gboolean          receive_progress;
  gboolean          answered;
  GCancellable     *cancellable;
};

G_END_DECLS
