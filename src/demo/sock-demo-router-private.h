/* sock-demo-router-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of the demo router: realms, sessions, the broker's subscriptions, the
 * dealer's registrations and pending calls, and the router-side demo content.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-demo-router.h"
#include "sock-demo-sink.h"
#include "sock-wamp-message.h"

G_BEGIN_DECLS

#define SOCK_DEMO_ROUTER_AGENT "Sockscope demo router"

typedef enum
{
  SOCK_DEMO_MATCH_EXACT,
  SOCK_DEMO_MATCH_PREFIX,
  SOCK_DEMO_MATCH_WILDCARD,
  SOCK_DEMO_N_MATCH,
} SockDemoMatch;

typedef enum
{
  SOCK_DEMO_SESSION_ESTABLISHING,  /* v2: waiting for HELLO */
  SOCK_DEMO_SESSION_CHALLENGED,    /* v2: waiting for AUTHENTICATE */
  SOCK_DEMO_SESSION_OPEN,
  SOCK_DEMO_SESSION_KILLED,        /* v2: sent GOODBYE (wamp.session.kill), waiting for the reply */
  SOCK_DEMO_SESSION_CLOSED,
} SockDemoSessionState;

typedef struct _SockDemoRealm        SockDemoRealm;
typedef struct _SockDemoSubscription SockDemoSubscription;
typedef struct _SockDemoRegistration SockDemoRegistration;
typedef struct _SockDemoCall         SockDemoCall;
typedef struct _SockDemoContent      SockDemoContent;

/* A procedure the router implements itself. It must answer @call (now or later) with
 * _sock_demo_call_reply() or _sock_demo_call_fail(); @args and @kwargs may be NULL. */
typedef void (*SockDemoProcedure) (SockDemoCall *call,
                                   JsonArray    *args,
                                   JsonObject   *kwargs);

struct _SockDemoRouter
{
  SockDemoRealm   *demo;
  SockDemoRealm   *secure;
  SockDemoRealm   *plain;         /* no meta API: what a router without one looks like */
  GPtrArray       *sessions;      /* SockDemoSession, owned: every open connection */
  guint            n_joined;      /* sessions attached to a realm */
  gint64           next_id;       /* subscriptions and registrations */
  char            *salted_key;    /* saltuser's derived WAMP-CRA key */
  GMainContext    *context;       /* the thread-default one at creation: every timer runs there */
  SockDemoContent *content;
};

struct _SockDemoRealm
{
  SockDemoRouter *router;
  char           *name;
  gboolean        meta;              /* offers the meta API and event history */
  GHashTable     *sessions;          /* &id -> SockDemoSession */
  GHashTable     *subscriptions;     /* "match uri" -> SockDemoSubscription, owned */
  GHashTable     *subscription_ids;  /* &id -> SockDemoSubscription */
  GHashTable     *registrations;     /* uri -> SockDemoRegistration, owned */
  GHashTable     *registration_ids;  /* &id -> SockDemoRegistration */
  GHashTable     *retained;          /* topic -> char* (the args and kwargs, see broker) */
  GHashTable     *history;           /* topic -> GQueue of events (see router-history) */
  guint64         history_seq;       /* orders events across topics */
};

struct _SockDemoSession
{
  SockDemoRouter          *router;
  SockDemoSink            *sink;             /* owned: the transport */
  char                    *protocol;         /* negotiated subprotocol, or NULL */
  SockWampVersion          version;
  SockWampSerializer       serializer;       /* v2: the subprotocol's */
  gboolean                 batched;
  GString                 *decoded;          /* reused: a binary message's JSON */
  GByteArray              *encoded;          /* reused: a message in the session's serializer */
  SockDemoSessionState     state;
  gint64                   id;
  SockDemoRealm           *realm;
  char                    *authid;
  char                    *authrole;
  char                    *authmethod;
  char                    *authprovider;
  char                    *peer;             /* "tcp4:127.0.0.1:54321", "unix:/PATH", or NULL */
  char                    *joined;           /* ISO 8601, set on join */
  char                    *expected;         /* ticket or signature awaited by AUTHENTICATE */
  char                    *v1_authkey;       /* v1: the key of the WAMP-CRA request under way */
  gboolean                 callee_progress;  /* announced progressive_call_results */
  GPtrArray               *subscriptions;    /* SockDemoSubscription this session is in */
  GPtrArray               *registrations;    /* SockDemoRegistration it is the callee of */
  GHashTable              *calls;            /* &request -> SockDemoCall it made */
  GHashTable              *invocations;      /* &invocation -> SockDemoCall it serves */
  GHashTable              *prefixes;         /* v1 CURIE prefix -> URI */
  gint64                   next_request;     /* v1 calls and v2 invocations */
  GSource                 *free_source;
};

struct _SockDemoSubscription
{
  gint64         id;
  SockDemoMatch  match;
  char          *uri;
  char          *key;
  char          *created;
  GPtrArray     *subscribers;  /* SockDemoSession */
};

struct _SockDemoRegistration
{
  gint64             id;
  char              *uri;
  char              *key;        /* in realm->registrations: the URI, or "<match> <uri>" for a pattern */
  SockDemoMatch      match;
  char              *created;
  SockDemoSession   *callee;     /* NULL for the router's own procedures */
  SockDemoProcedure  procedure;
};

struct _SockDemoCall
{
  SockDemoRealm   *realm;
  SockDemoSession *caller;
  gint64           request;           /* the caller's request id (v1: a counter) */
  char            *v1_call_id;
  gboolean         receive_progress;
  gboolean         killing;           /* CANCEL kill: waiting for the callee to answer */
  SockDemoSession *callee;
  gint64           invocation;
  GSource         *timeout_source;
  GSource         *work_source;       /* a router procedure's timer (demo.slow) */
  guint            step;
  guint            steps;
  SockJsonRange    raw_args;          /* a v2 CALL's payload as it came, read only while the CALL */
  SockJsonRange    raw_kwargs;        /* is routed: passed on to the callee as it is */
  JsonArray       *routed_args;       /* the same parsed, as the router's procedures got them: */
  JsonObject      *routed_kwargs;     /* replied as they are, they go back as they came */
};

/* Options of one publication; lists are of session ids. */
typedef struct
{
  SockDemoSession *publisher;
  gboolean         exclude_me;
  gboolean         disclose_me;
  GArray          *exclude;    /* gint64, or NULL */
  GArray          *eligible;   /* gint64, or NULL */
} SockDemoPublishOptions;

/* sock-demo-router.c */
/* A timeout (or, with @ms 0, an idle) on the router's context; the caller owns the reference
 * and drops it with _sock_demo_source_clear(), also from inside @func. */
GSource         *_sock_demo_source_add         (SockDemoRouter   *router,
                                                guint             ms,
                                                GSourceFunc       func,
                                                gpointer          data);
void             _sock_demo_source_clear       (GSource         **source);
gint64           _sock_demo_random_id          (void);
char            *_sock_demo_now_iso8601        (void);
/* Sends @text (JSON, as the builders write it) in the session's serializer if the connection is
 * still open; the first one takes ownership. */
void             _sock_demo_session_send       (SockDemoSession  *session,
                                                char             *text);
void             _sock_demo_session_send_text  (SockDemoSession  *session,
                                                const char       *text);
/* Closes the transport if it is still open (@code: a WebSocket close code). */
void             _sock_demo_session_close_transport (SockDemoSession *session,
                                                gushort           code,
                                                const char       *reason);
void             _sock_demo_session_abort      (SockDemoSession  *session,
                                                const char       *reason,
                                                const char       *message);
void             _sock_demo_session_join       (SockDemoSession  *session,
                                                SockDemoRealm    *realm);
void             _sock_demo_send_error         (SockDemoSession  *session,
                                                int               request_type,
                                                gint64            request,
                                                const char       *uri,
                                                const char       *message);
JsonObject      *_sock_demo_session_describe   (SockDemoSession  *session);
/* wamp.session.kill: GOODBYE with @reason (and @message), then the session leaves its realm. */
void             _sock_demo_session_kill       (SockDemoSession  *session,
                                                const char       *reason,
                                                const char       *message);
char            *_sock_demo_json_text          (JsonNode         *node);
/* Typed reads of options that tolerate a wrong type (the default is used then). */
const char      *_sock_demo_json_string        (JsonNode         *node);
gboolean         _sock_demo_option_bool        (JsonObject       *options,
                                                const char       *name,
                                                gboolean          fallback);
const char      *_sock_demo_option_string      (JsonObject       *options,
                                                const char       *name);
gint64           _sock_demo_option_int         (JsonObject       *options,
                                                const char       *name,
                                                gint64            fallback);
/* An array of integer ids (or, for v1, of decimal strings); NULL when absent. */
GArray          *_sock_demo_id_list            (JsonNode         *node);

/* sock-demo-router-auth.c */
void             _sock_demo_auth_hello         (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_auth_authenticate  (SockDemoSession  *session,
                                                SockWampMessage  *msg);

/* sock-demo-router-broker.c */
void             _sock_demo_broker_subscribe   (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_broker_unsubscribe (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_broker_publish     (SockDemoSession  *session,
                                                SockWampMessage  *msg);
SockDemoSubscription *_sock_demo_broker_add    (SockDemoSession  *session,
                                                const char       *uri,
                                                SockDemoMatch     match);
void             _sock_demo_broker_remove      (SockDemoSession  *session,
                                                SockDemoSubscription *subscription);
/* Whether uri falls under pattern with that match policy. */
gboolean         _sock_demo_match_uri          (SockDemoMatch         match,
                                                const char           *pattern,
                                                const char           *uri);
/* "exact", "prefix", "wildcard", or NULL (exact); FALSE for another name. */
gboolean         _sock_demo_match_parse        (const char           *name,
                                                SockDemoMatch        *match);
gboolean         _sock_demo_match_topic        (SockDemoSubscription *subscription,
                                                const char       *topic);
/* Sends one event to the matching subscribers; @args / @kwargs are raw JSON (data NULL when
 * absent). @options may be NULL for the router's own events. Returns the publication id. */
gint64           _sock_demo_realm_publish      (SockDemoRealm    *realm,
                                                const char       *topic,
                                                SockJsonRange     args,
                                                SockJsonRange     kwargs,
                                                const SockDemoPublishOptions *options);
void             _sock_demo_realm_publish_json (SockDemoRealm    *realm,
                                                const char       *topic,
                                                JsonArray        *args,
                                                JsonObject       *kwargs);

/* sock-demo-router-dealer.c */
void             _sock_demo_dealer_register    (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_dealer_unregister  (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_dealer_call        (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_dealer_cancel      (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_dealer_yield       (SockDemoSession  *session,
                                                SockWampMessage  *msg);
void             _sock_demo_dealer_error       (SockDemoSession  *session,
                                                SockWampMessage  *msg);
/* The registration a call of uri goes to: exact, else the longest prefix, else a wildcard. */
SockDemoRegistration *_sock_demo_dealer_match  (SockDemoRealm    *realm,
                                                const char       *uri);
/* The registration of (uri, match), or NULL. */
SockDemoRegistration *_sock_demo_dealer_lookup (SockDemoRealm    *realm,
                                                const char       *uri,
                                                SockDemoMatch     match);
void             _sock_demo_dealer_add_procedure (SockDemoRealm  *realm,
                                                const char       *uri,
                                                SockDemoProcedure procedure);
void             _sock_demo_dealer_remove      (SockDemoRegistration *registration);
/* Starts a call of @uri for @caller; the caller's request is in @call already. */
void             _sock_demo_dealer_route       (SockDemoCall     *call,
                                                const char       *uri,
                                                JsonObject       *options,
                                                JsonArray        *args,
                                                JsonObject       *kwargs);
SockDemoCall    *_sock_demo_call_new           (SockDemoSession  *caller,
                                                gint64            request);
void             _sock_demo_call_free          (SockDemoCall     *call);
void             _sock_demo_call_progress      (SockDemoCall     *call,
                                                JsonArray        *args,
                                                JsonObject       *kwargs);
void             _sock_demo_call_reply         (SockDemoCall     *call,
                                                JsonArray        *args,
                                                JsonObject       *kwargs);
void             _sock_demo_call_fail          (SockDemoCall     *call,
                                                const char       *uri,
                                                JsonArray        *args,
                                                JsonObject       *kwargs);
void             _sock_demo_call_fail_message  (SockDemoCall     *call,
                                                const char       *uri,
                                                const char       *message);
/* Drops what @session had as caller and as callee. */
void             _sock_demo_dealer_leave       (SockDemoSession  *session);

/* sock-demo-router-meta.c: the session meta API, and helpers for the other meta files */
void             _sock_demo_meta_add_procedures (SockDemoRealm   *realm);
void             _sock_demo_meta_on_join       (SockDemoSession  *session);
void             _sock_demo_meta_on_leave      (SockDemoSession  *session);
JsonNode        *_sock_demo_meta_arg           (JsonArray        *args,
                                                guint             i);
gboolean         _sock_demo_meta_arg_id        (JsonArray        *args,
                                                guint             i,
                                                gint64           *id);
/* Replies with one argument; takes @node. */
void             _sock_demo_meta_reply_node    (SockDemoCall     *call,
                                                JsonNode         *node);
void             _sock_demo_meta_reply_int     (SockDemoCall     *call,
                                                gint64            value);
void             _sock_demo_meta_reply_null    (SockDemoCall     *call);
/* Publishes a meta event [session, id] (or [session, details] when @details is given). */
void             _sock_demo_meta_publish       (SockDemoRealm    *realm,
                                                const char       *topic,
                                                gint64            session,
                                                gint64            id,
                                                JsonObject       *details);
/* wamp.* topics and procedures are the router's: the meta API does not show them. */
gboolean         _sock_demo_meta_hidden        (const char       *uri);
const char      *_sock_demo_match_name         (SockDemoMatch     match);

/* sock-demo-router-meta-broker.c */
void             _sock_demo_meta_add_broker_procedures (SockDemoRealm *realm);
JsonObject      *_sock_demo_subscription_describe (SockDemoSubscription *subscription);
void             _sock_demo_meta_subscribed    (SockDemoSession  *session,
                                                SockDemoSubscription *subscription,
                                                gboolean          created);
/* Before the subscription is dropped (@deleted: it was the last subscriber). */
void             _sock_demo_meta_unsubscribed  (SockDemoSession  *session,
                                                SockDemoSubscription *subscription,
                                                gboolean          deleted);

/* sock-demo-router-meta-dealer.c */
void             _sock_demo_meta_add_dealer_procedures (SockDemoRealm *realm);
void             _sock_demo_meta_registered    (SockDemoSession  *session,
                                                SockDemoRegistration *registration);
void             _sock_demo_meta_unregistered  (SockDemoSession  *session,
                                                SockDemoRegistration *registration);

/* sock-demo-router-history.c: the last events of topics that keep history (demo.*) */
void             _sock_demo_history_free       (gpointer          queue);
void             _sock_demo_history_record     (SockDemoRealm    *realm,
                                                const char       *topic,
                                                gint64            publication,
                                                SockJsonRange     args,
                                                SockJsonRange     kwargs);
/* The events that reached @subscription's pattern, oldest first: the newest @limit of them. */
JsonArray       *_sock_demo_history_query      (SockDemoRealm    *realm,
                                                SockDemoSubscription *subscription,
                                                guint             limit,
                                                gboolean          reverse);

/* sock-demo-router-auth.c, WAMP v1's WAMP-CRA over RPC: the challenge text for the auth key
 * (NULL for an unknown key), then whether the signature answers it (the session then has the
 * key's identity). */
char            *_sock_demo_v1_authreq         (SockDemoSession  *session,
                                                const char       *authkey);
gboolean         _sock_demo_v1_auth            (SockDemoSession  *session,
                                                const char       *signature);

/* sock-demo-router-v1.c */
void             _sock_demo_v1_open            (SockDemoSession  *session);
void             _sock_demo_v1_message         (SockDemoSession  *session,
                                                const char       *data,
                                                gsize             len);

/* sock-demo-content.c */
SockDemoContent *_sock_demo_content_new        (SockDemoRouter   *router);
void             _sock_demo_content_free       (SockDemoContent  *content);
void             _sock_demo_content_start      (SockDemoContent  *content);
/* Stops the timers and every flood. */
void             _sock_demo_content_stop       (SockDemoContent  *content);
void             _sock_demo_content_add_procedures (SockDemoRealm *realm);

G_END_DECLS
