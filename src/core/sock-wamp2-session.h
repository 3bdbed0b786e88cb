/* sock-wamp2-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WAMP v2 client session (JSON): join with anonymous, ticket or wampcra authentication,
 * publish and subscribe, call, register procedures, leave with GOODBYE.
 */

#pragma once

#include "sock-session.h"
#include "sock-wamp-cryptosign.h"

G_BEGIN_DECLS

#define SOCK_TYPE_INVOCATION (sock_invocation_get_type ())

G_DECLARE_FINAL_TYPE (SockInvocation, sock_invocation, SOCK, INVOCATION, GObject)

#define SOCK_TYPE_WAMP2_SESSION (sock_wamp2_session_get_type ())

G_DECLARE_FINAL_TYPE (SockWamp2Session, sock_wamp2_session, SOCK, WAMP2_SESSION, SockSession)

/* Credentials: authid with a ticket, a wampcra secret (salted keys are derived from the
 * challenge) or a WAMP-Cryptosign key (its public key goes in HELLO's authextra.pubkey). All may
 * be NULL (anonymous). */
typedef struct
{
  const char            *authid;
  const char            *ticket;
  const char            *secret;
  SockWampCryptosignKey *cryptosign_key;
} SockWampCredentials;

/* Called for each INVOCATION. Answer now or later with sock_invocation_return*(); the
 * invocation's cancellable is cancelled when the router interrupts the call. */
typedef void (*SockInvocationFunc) (SockWamp2Session *session,
                                    SockInvocation   *invocation,
                                    gpointer          user_data);

SockWamp2Session *sock_wamp2_session_new              (SockTransport        *transport,
                                                       SockMessageLog       *log,
                                                       const char           *reason,
                                                       const char           *realm,
                                                       const SockWampCredentials *credentials);
/* The same for a subprotocol of another serializer (e.g. wamp.2.msgpack: MessagePack, not
 * batched): messages go out and are read in it; the log keeps their wire bytes. */
SockWamp2Session *sock_wamp2_session_new_serialized   (SockTransport        *transport,
                                                       SockMessageLog       *log,
                                                       const char           *reason,
                                                       const char           *realm,
                                                       const SockWampCredentials *credentials,
                                                       SockWampSerializer    serializer,
                                                       gboolean              batched);

const char       *sock_wamp2_session_get_realm        (SockWamp2Session     *self);
/* From WELCOME; 0 / NULL before. */
gint64            sock_wamp2_session_get_session_id   (SockWamp2Session     *self);
const char       *sock_wamp2_session_get_authid       (SockWamp2Session     *self);
const char       *sock_wamp2_session_get_authrole     (SockWamp2Session     *self);
const char       *sock_wamp2_session_get_authmethod   (SockWamp2Session     *self);
const char       *sock_wamp2_session_get_authprovider (SockWamp2Session     *self);
const char       *sock_wamp2_session_get_router_agent (SockWamp2Session     *self);
/* WELCOME.Details.roles as JSON text, e.g. {"broker":{"features":{…}},"dealer":{…}}. */
const char       *sock_wamp2_session_get_router_roles (SockWamp2Session     *self);
/* Whether the router announced role (e.g. "dealer") with feature (e.g. "call_canceling"). */
gboolean          sock_wamp2_session_has_feature      (SockWamp2Session     *self,
                                                       const char           *role,
                                                       const char           *feature);

/* options: REGISTER options (e.g. {"match":"prefix"}), may be NULL. */
void              sock_wamp2_session_register_async   (SockWamp2Session     *self,
                                                       const char           *procedure,
                                                       JsonObject           *options,
                                                       SockInvocationFunc    handler,
                                                       gpointer              handler_data,
                                                       GDestroyNotify        handler_destroy,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Returns the registration id, or 0 with error. */
gint64            sock_wamp2_session_register_finish  (SockWamp2Session     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              sock_wamp2_session_unregister_async (SockWamp2Session     *self,
                                                       gint64                registration,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean          sock_wamp2_session_unregister_finish (SockWamp2Session    *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

const char       *sock_invocation_get_procedure       (SockInvocation       *self);
gint64            sock_invocation_get_request         (SockInvocation       *self);
gint64            sock_invocation_get_registration    (SockInvocation       *self);
/* JSON text or NULL. */
const char       *sock_invocation_get_args            (SockInvocation       *self);
const char       *sock_invocation_get_kwargs          (SockInvocation       *self);
const char       *sock_invocation_get_details         (SockInvocation       *self);
JsonArray        *sock_invocation_dup_args            (SockInvocation       *self);
gboolean          sock_invocation_get_receive_progress (SockInvocation      *self);
/* Cancelled when the router sends INTERRUPT. */
GCancellable     *sock_invocation_get_cancellable     (SockInvocation       *self);
gboolean          sock_invocation_is_answered         (SockInvocation       *self);
/* A progressive result; FALSE (and nothing sent) when the caller did not ask for progress. */
gboolean          sock_invocation_progress            (SockInvocation       *self,
                                                       JsonArray            *args,
                                                       JsonObject           *kwargs);
void              sock_invocation_return              (SockInvocation       *self,
                                                       JsonArray            *args,
                                                       JsonObject           *kwargs);
void              sock_invocation_return_error        (SockInvocation       *self,
                                                       const char           *error_uri,
                                                       JsonArray            *args,
                                                       JsonObject           *kwargs);
/* The same with JSON text (or NULL) sent as it is, as sock_session_publish_json_async() does;
 * text the session's serializer cannot carry exactly is refused (FALSE, @error in words) and
 * nothing is sent. FALSE without an error when the invocation cannot be answered any more. */
gboolean          sock_invocation_return_json         (SockInvocation       *self,
                                                       const char           *args,
                                                       const char           *kwargs,
                                                       GError              **error);
gboolean          sock_invocation_return_error_json   (SockInvocation       *self,
                                                       const char           *error_uri,
                                                       const char           *args,
                                                       const char           *kwargs,
                                                       GError              **error);

/* The roles and features the HELLO announces, as JSON text (for tests and the about page). */
const char       *sock_wamp2_session_hello_roles      (void);

G_END_DECLS
