/* sock-wamp-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP v1 and v2 (JSON) message codec. Decoding reads the envelope once
 * with the allocation-free scanner (sock-json-scan.h) into a caller-provided
 * struct that points into the frame; payloads stay raw JSON until someone asks
 * for them (sock_wamp_message_dup_args() and friends parse them lazily).
 */

#pragma once

#include <json-glib/json-glib.h>
#include <string.h>

#include "sock-wamp-serializer.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_WAMP_V1 = 1,
  SOCK_WAMP_V2 = 2,
} SockWampVersion;

typedef enum
{
  SOCK_WAMP_HELLO        = 1,
  SOCK_WAMP_WELCOME      = 2,
  SOCK_WAMP_ABORT        = 3,
  SOCK_WAMP_CHALLENGE    = 4,
  SOCK_WAMP_AUTHENTICATE = 5,
  SOCK_WAMP_GOODBYE      = 6,
  SOCK_WAMP_ERROR        = 8,
  SOCK_WAMP_PUBLISH      = 16,
  SOCK_WAMP_PUBLISHED    = 17,
  SOCK_WAMP_SUBSCRIBE    = 32,
  SOCK_WAMP_SUBSCRIBED   = 33,
  SOCK_WAMP_UNSUBSCRIBE  = 34,
  SOCK_WAMP_UNSUBSCRIBED = 35,
  SOCK_WAMP_EVENT        = 36,
  SOCK_WAMP_CALL         = 48,
  SOCK_WAMP_CANCEL       = 49,
  SOCK_WAMP_RESULT       = 50,
  SOCK_WAMP_REGISTER     = 64,
  SOCK_WAMP_REGISTERED   = 65,
  SOCK_WAMP_UNREGISTER   = 66,
  SOCK_WAMP_UNREGISTERED = 67,
  SOCK_WAMP_INVOCATION   = 68,
  SOCK_WAMP_INTERRUPT    = 69,
  SOCK_WAMP_YIELD        = 70,
} SockWampType;

typedef enum
{
  SOCK_WAMP1_WELCOME     = 0,
  SOCK_WAMP1_PREFIX      = 1,
  SOCK_WAMP1_CALL        = 2,
  SOCK_WAMP1_CALLRESULT  = 3,
  SOCK_WAMP1_CALLERROR   = 4,
  SOCK_WAMP1_SUBSCRIBE   = 5,
  SOCK_WAMP1_UNSUBSCRIBE = 6,
  SOCK_WAMP1_PUBLISH     = 7,
  SOCK_WAMP1_EVENT       = 8,
} SockWamp1Type;

/* A slice of the decoded frame holding one JSON value; data is NULL when the
 * element is absent. Not NUL-terminated. */
typedef struct
{
  const char *data;
  gsize       len;
} SockJsonRange;

/* The range of a NUL-terminated text, or of none when it is NULL. */
static inline SockJsonRange
sock_json_range_of (const char *text)
{
  SockJsonRange range = { text, text != NULL ? strlen (text) : 0 };

  return range;
}

#define SOCK_WAMP_NO_ID G_GINT64_CONSTANT (-1)

/* Filled by sock_wamp_decode(); lives on the caller's stack. Ranges point into
 * the decoded frame, which must outlive the message; strings are copied into
 * the struct (or, when long, one heap block: call sock_wamp_message_clear()).
 * Do not copy the struct by value. Fields that a type lacks are -1 / NULL.
 * Decoding overwrites every field without reading it: clear a message after a
 * successful decode before decoding into it again. */
typedef struct
{
  SockWampVersion version;
  int             type;
  guint           n_elements;

  gint64          request_id;    /* v2: Request, CallReq, InvReq, ERROR's ReqId */
  gint64          request_type;  /* v2 ERROR: the type of the failed request */
  gint64          id;            /* v2: Session (WELCOME), Subscription, Registration;
                                  * v1 WELCOME: protocol version */
  gint64          publication;   /* v2 EVENT, PUBLISHED */

  SockJsonRange   details;       /* v2 Details / Options / Extra (an object) */
  SockJsonRange   args;          /* v2 Arguments (an array); v1: see args_spread */
  SockJsonRange   kwargs;        /* v2 ArgumentsKw (an object) */
  gboolean        null_payload;  /* v2: Arguments or ArgumentsKw was JSON null, which the spec
                                  * does not allow but routers such as fox-wamp and wamp-server
                                  * send; decoded as absent */
  gboolean        args_spread;   /* v1: args is a comma-separated list of values (CALL's
                                  * arguments; the one result or event) */
  SockJsonRange   error_details; /* v1 CALLERROR errorDetails (any JSON) */
  int             exclude_me;    /* v1 PUBLISH: -1 absent, else FALSE / TRUE */
  SockJsonRange   exclude;       /* v1 PUBLISH: array of session id strings */
  SockJsonRange   eligible;      /* v1 PUBLISH: array of session id strings */

  /*< private >*/
  gsize           uri_at, uri_len;
  gsize           text_at, text_len;
  gsize           text2_at, text2_len;
  gsize           used, capacity;
  char           *heap;
  char            inline_strings[192];
} SockWampMessage;

gboolean       sock_wamp_decode                     (SockWampVersion        version,
                                                     const char            *data,
                                                     gsize                  len,
                                                     SockWampMessage       *out,
                                                     GError               **error);
/* A WAMP v2 message in @serializer's encoding: JSON is decoded in place; MessagePack and CBOR are
 * transcoded into @text (emptied first), which the ranges then point into and which must outlive
 * the message. */
gboolean       sock_wamp_decode_serialized          (SockWampSerializer     serializer,
                                                     const guint8          *data,
                                                     gsize                  len,
                                                     GString               *text,
                                                     SockWampMessage       *out,
                                                     GError               **error);
void           sock_wamp_message_clear              (SockWampMessage       *self);

/* "EVENT", "CALLRESULT", …; NULL for an unknown code. */
const char    *sock_wamp_message_type_name          (SockWampVersion        version,
                                                     int                    type);
/* Loose WAMP v2 rules: non-empty, no whitespace or '#', no empty components
 * unless @allow_empty_components (wildcard patterns). */
gboolean       sock_wamp_uri_is_valid               (const char            *uri,
                                                     gboolean               allow_empty_components);

/* v2: topic, procedure, error, realm, reason, authmethod. v1: topic,
 * procedure, error URI, PREFIX's URI. */
const char    *sock_wamp_message_get_uri            (const SockWampMessage *self);
/* v1 CALL / CALLRESULT / CALLERROR */
const char    *sock_wamp_message_get_call_id        (const SockWampMessage *self);
/* v1 PREFIX */
const char    *sock_wamp_message_get_prefix         (const SockWampMessage *self);
/* v1 WELCOME */
const char    *sock_wamp_message_get_session_id     (const SockWampMessage *self);
const char    *sock_wamp_message_get_server_ident   (const SockWampMessage *self);
/* v1 CALLERROR */
const char    *sock_wamp_message_get_error_desc     (const SockWampMessage *self);
/* v2 AUTHENTICATE */
const char    *sock_wamp_message_get_signature      (const SockWampMessage *self);

/* Lazy payloads. NULL without an error when the element is absent. */
JsonObject    *sock_wamp_message_dup_details        (const SockWampMessage *self,
                                                     GError               **error);
JsonArray     *sock_wamp_message_dup_args           (const SockWampMessage *self,
                                                     GError               **error);
JsonObject    *sock_wamp_message_dup_kwargs         (const SockWampMessage *self,
                                                     GError               **error);
JsonNode      *sock_json_range_parse                (SockJsonRange          range,
                                                     GError               **error);

/* Re-encodes a decoded message with the builders below. */
char          *sock_wamp_message_build              (const SockWampMessage *self,
                                                     GError               **error);

/* Builders. Each returns newly allocated JSON text. NULL details / options
 * are written as {}; empty trailing args / kwargs are left out (args are
 * written, possibly empty, whenever kwargs are). */
char *sock_wamp_build_hello        (const char *realm, JsonObject *details);
char *sock_wamp_build_welcome      (gint64 session, JsonObject *details);
char *sock_wamp_build_abort        (JsonObject *details, const char *reason,
                                    JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_challenge    (const char *authmethod, JsonObject *extra);
char *sock_wamp_build_authenticate (const char *signature, JsonObject *extra);
char *sock_wamp_build_goodbye      (JsonObject *details, const char *reason);
char *sock_wamp_build_error        (int request_type, gint64 request, JsonObject *details,
                                    const char *error, JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_publish      (gint64 request, JsonObject *options, const char *topic,
                                    JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_published    (gint64 request, gint64 publication);
char *sock_wamp_build_subscribe    (gint64 request, JsonObject *options, const char *topic);
char *sock_wamp_build_subscribed   (gint64 request, gint64 subscription);
char *sock_wamp_build_unsubscribe  (gint64 request, gint64 subscription);
char *sock_wamp_build_unsubscribed (gint64 request);
char *sock_wamp_build_event        (gint64 subscription, gint64 publication, JsonObject *details,
                                    JsonArray *args, JsonObject *kwargs);
/* For routers forwarding a PUBLISH: payloads as raw JSON, copied verbatim. */
char *sock_wamp_build_event_raw    (gint64 subscription, gint64 publication, SockJsonRange details,
                                    SockJsonRange args, SockJsonRange kwargs);
/* The payload as JSON text (an array, an object; data NULL: none), kept as it is: numbers and
 * binary strings exactly as typed. type: PUBLISH or CALL (request_raw), RESULT or YIELD
 * (answer_raw). */
char *sock_wamp_build_request_raw  (int type, gint64 request, JsonObject *options, const char *uri,
                                    SockJsonRange args, SockJsonRange kwargs);
char *sock_wamp_build_answer_raw   (int type, gint64 request, JsonObject *details,
                                    SockJsonRange args, SockJsonRange kwargs);
char *sock_wamp_build_error_raw    (int request_type, gint64 request, JsonObject *details,
                                    const char *error, SockJsonRange args, SockJsonRange kwargs);
char *sock_wamp_build_call         (gint64 request, JsonObject *options, const char *procedure,
                                    JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_cancel       (gint64 request, JsonObject *options);
char *sock_wamp_build_result       (gint64 request, JsonObject *details,
                                    JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_register     (gint64 request, JsonObject *options, const char *procedure);
char *sock_wamp_build_registered   (gint64 request, gint64 registration);
char *sock_wamp_build_unregister   (gint64 request, gint64 registration);
char *sock_wamp_build_unregistered (gint64 request);
char *sock_wamp_build_invocation   (gint64 request, gint64 registration, JsonObject *details,
                                    JsonArray *args, JsonObject *kwargs);
char *sock_wamp_build_interrupt    (gint64 request, JsonObject *options);
char *sock_wamp_build_yield        (gint64 request, JsonObject *options,
                                    JsonArray *args, JsonObject *kwargs);

/* WAMP v1. A NULL event / result is written as null; a NULL args array
 * writes no arguments. */
char *sock_wamp1_build_welcome     (const char *session_id, const char *server_ident);
char *sock_wamp1_build_prefix      (const char *prefix, const char *uri);
char *sock_wamp1_build_call        (const char *call_id, const char *procedure, JsonArray *args);
char *sock_wamp1_build_callresult  (const char *call_id, JsonNode *result);
/* @details NULL: the 4-element form. */
char *sock_wamp1_build_callerror   (const char *call_id, const char *error_uri,
                                    const char *description, JsonNode *details);
char *sock_wamp1_build_subscribe   (const char *topic);
char *sock_wamp1_build_unsubscribe (const char *topic);
char *sock_wamp1_build_publish     (const char *topic, JsonNode *event);
char *sock_wamp1_build_publish_exclude_me (const char *topic, JsonNode *event, gboolean exclude_me);
/* @eligible NULL: the 4-element form [7, topic, event, exclude]. */
char *sock_wamp1_build_publish_lists (const char *topic, JsonNode *event,
                                      const char * const *exclude, const char * const *eligible);
char *sock_wamp1_build_event       (const char *topic, JsonNode *event);
/* With the event as JSON text, kept as it is; @exclude non-NULL: the lists form, else the
 * exclude_me form. */
char *sock_wamp1_build_publish_raw (const char *topic, SockJsonRange event, gboolean exclude_me,
                                    const char * const *exclude, const char * const *eligible);
/* The elements of @args (a JSON array's text) spread as arguments, then @last if given. */
char *sock_wamp1_build_call_raw    (const char *call_id, const char *procedure, SockJsonRange args,
                                    SockJsonRange last);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SockWampMessage, sock_wamp_message_clear)

G_END_DECLS
