/* sock-wamp-message-build.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v2 builders, writing compact JSON (v1: sock-wamp1-build.c).
 */

#include "sock-json-scan.h"
#include "sock-wamp-build-private.h"

#define VALID_ID(id)      ((id) >= 0 && (id) <= SOCK_JSON_MAX_SAFE_INTEGER)
#define VALID_REQUEST(id) ((id) >= 1 && (id) <= SOCK_JSON_MAX_SAFE_INTEGER)

static void
add_id (GString *s,
        gint64   id)
{
  g_string_append_printf (s, ",%" G_GINT64_FORMAT, id);
}

static void
add_object (GString    *s,
            JsonObject *object)
{
  g_string_append_c (s, ',');
  if (object != NULL)
    sock_json_write_object (s, object);
  else
    g_string_append (s, "{}");
}

static void
add_array (GString   *s,
           JsonArray *array)
{
  g_string_append_c (s, ',');
  if (array != NULL)
    sock_json_write_array (s, array);
  else
    g_string_append (s, "[]");
}

/* Trailing empty payloads are left out, but kwargs need args before them. */
static void
add_payload (GString    *s,
             JsonArray  *args,
             JsonObject *kwargs)
{
  gboolean has_args = args != NULL && json_array_get_length (args) > 0;
  gboolean has_kwargs = kwargs != NULL && json_object_get_size (kwargs) > 0;

  if (has_args || has_kwargs)
    add_array (s, args);
  if (has_kwargs)
    add_object (s, kwargs);
}

static void
add_raw (GString       *s,
         SockJsonRange  range,
         const char    *fallback)
{
  g_string_append_c (s, ',');
  if (range.data != NULL)
    g_string_append_len (s, range.data, range.len);
  else
    g_string_append (s, fallback);
}

/* A payload given as JSON text: an array or object with only white space inside counts as empty. */
static gboolean
range_is_empty (SockJsonRange range)
{
  gsize i = 1;

  if (range.data == NULL || range.len < 2)
    return TRUE;
  while (i < range.len && g_ascii_isspace (range.data[i]))
    i++;
  return i < range.len && (range.data[i] == ']' || range.data[i] == '}');
}

static void
add_payload_raw (GString       *s,
                 SockJsonRange  args,
                 SockJsonRange  kwargs)
{
  gboolean has_kwargs = !range_is_empty (kwargs);

  if (!range_is_empty (args) || has_kwargs)
    add_raw (s, args, "[]");
  if (has_kwargs)
    add_raw (s, kwargs, "{}");
}

/* The payload and the closing bracket after a begin_…() that returns NULL when it refuses its
 * arguments: then NULL. */
static char *
finish_payload (GString    *s,
                JsonArray  *args,
                JsonObject *kwargs)
{
  if (s == NULL)
    return NULL;
  add_payload (s, args, kwargs);
  return finish (s);
}

static char *
finish_payload_raw (GString       *s,
                    SockJsonRange  args,
                    SockJsonRange  kwargs)
{
  if (s == NULL)
    return NULL;
  add_payload_raw (s, args, kwargs);
  return finish (s);
}

char *
sock_wamp_build_hello (const char *realm,
                       JsonObject *details)
{
  GString *s;

  g_return_val_if_fail (realm != NULL, NULL);

  s = begin (SOCK_WAMP_HELLO);
  add_string (s, realm);
  add_object (s, details);
  return finish (s);
}

char *
sock_wamp_build_welcome (gint64      session,
                         JsonObject *details)
{
  GString *s;

  g_return_val_if_fail (VALID_ID (session), NULL);

  s = begin (SOCK_WAMP_WELCOME);
  add_id (s, session);
  add_object (s, details);
  return finish (s);
}

char *
sock_wamp_build_abort (JsonObject *details,
                       const char *reason,
                       JsonArray  *args,
                       JsonObject *kwargs)
{
  GString *s;

  g_return_val_if_fail (reason != NULL, NULL);

  s = begin (SOCK_WAMP_ABORT);
  add_object (s, details);
  add_string (s, reason);
  add_payload (s, args, kwargs);
  return finish (s);
}

/* CHALLENGE and AUTHENTICATE share their shape. */
static char *
build_auth (int         type,
            const char *text,
            JsonObject *extra)
{
  GString *s;

  g_return_val_if_fail (text != NULL, NULL);

  s = begin (type);
  add_string (s, text);
  add_object (s, extra);
  return finish (s);
}

char *
sock_wamp_build_challenge (const char *authmethod,
                           JsonObject *extra)
{
  return build_auth (SOCK_WAMP_CHALLENGE, authmethod, extra);
}

char *
sock_wamp_build_authenticate (const char *signature,
                              JsonObject *extra)
{
  return build_auth (SOCK_WAMP_AUTHENTICATE, signature, extra);
}

char *
sock_wamp_build_goodbye (JsonObject *details,
                         const char *reason)
{
  GString *s;

  g_return_val_if_fail (reason != NULL, NULL);

  s = begin (SOCK_WAMP_GOODBYE);
  add_object (s, details);
  add_string (s, reason);
  return finish (s);
}

/* [ERROR, request type, request, details, error]: what ERROR has before its payload. */
static GString *
begin_error (int         request_type,
             gint64      request,
             JsonObject *details,
             const char *error)
{
  GString *s;

  g_return_val_if_fail (sock_wamp_message_type_name (SOCK_WAMP_V2, request_type) != NULL, NULL);
  g_return_val_if_fail (VALID_REQUEST (request), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  s = begin (SOCK_WAMP_ERROR);
  add_id (s, request_type);
  add_id (s, request);
  add_object (s, details);
  add_string (s, error);
  return s;
}

char *
sock_wamp_build_error (int         request_type,
                       gint64      request,
                       JsonObject *details,
                       const char *error,
                       JsonArray  *args,
                       JsonObject *kwargs)
{
  return finish_payload (begin_error (request_type, request, details, error), args, kwargs);
}

char *
sock_wamp_build_error_raw (int           request_type,
                           gint64        request,
                           JsonObject   *details,
                           const char   *error,
                           SockJsonRange args,
                           SockJsonRange kwargs)
{
  return finish_payload_raw (begin_error (request_type, request, details, error), args, kwargs);
}

/* [type, request, options, uri]: PUBLISH, SUBSCRIBE, CALL, REGISTER before their payload. */
static GString *
begin_request_uri (int         type,
                   gint64      request,
                   JsonObject *options,
                   const char *uri)
{
  GString *s;

  g_return_val_if_fail (VALID_REQUEST (request), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  s = begin (type);
  add_id (s, request);
  add_object (s, options);
  add_string (s, uri);
  return s;
}

/* PUBLISH and CALL with their payload as JSON text, kept as it is (numbers and binary strings
 * exactly as typed). */
char *
sock_wamp_build_request_raw (int           type,
                             gint64        request,
                             JsonObject   *options,
                             const char   *uri,
                             SockJsonRange args,
                             SockJsonRange kwargs)
{
  g_return_val_if_fail (type == SOCK_WAMP_PUBLISH || type == SOCK_WAMP_CALL, NULL);

  return finish_payload_raw (begin_request_uri (type, request, options, uri), args, kwargs);
}

/* [type, request, options, uri(, args(, kwargs))]. */
static char *
build_request_uri (int         type,
                   gint64      request,
                   JsonObject *options,
                   const char *uri,
                   JsonArray  *args,
                   JsonObject *kwargs)
{
  return finish_payload (begin_request_uri (type, request, options, uri), args, kwargs);
}

char *
sock_wamp_build_publish (gint64      request,
                         JsonObject *options,
                         const char *topic,
                         JsonArray  *args,
                         JsonObject *kwargs)
{
  return build_request_uri (SOCK_WAMP_PUBLISH, request, options, topic, args, kwargs);
}

char *
sock_wamp_build_subscribe (gint64      request,
                           JsonObject *options,
                           const char *topic)
{
  return build_request_uri (SOCK_WAMP_SUBSCRIBE, request, options, topic, NULL, NULL);
}

char *
sock_wamp_build_call (gint64      request,
                      JsonObject *options,
                      const char *procedure,
                      JsonArray  *args,
                      JsonObject *kwargs)
{
  return build_request_uri (SOCK_WAMP_CALL, request, options, procedure, args, kwargs);
}

char *
sock_wamp_build_register (gint64      request,
                          JsonObject *options,
                          const char *procedure)
{
  return build_request_uri (SOCK_WAMP_REGISTER, request, options, procedure, NULL, NULL);
}

/* [type, request(, id)]: acknowledgements and UNSUBSCRIBE / UNREGISTER. */
static char *
build_ids (int    type,
           gint64 request,
           gint64 id)
{
  GString *s;

  g_return_val_if_fail (VALID_REQUEST (request), NULL);
  g_return_val_if_fail (id == SOCK_WAMP_NO_ID || VALID_ID (id), NULL);

  s = begin (type);
  add_id (s, request);
  if (id != SOCK_WAMP_NO_ID)
    add_id (s, id);
  return finish (s);
}

char *
sock_wamp_build_published (gint64 request,
                           gint64 publication)
{
  g_return_val_if_fail (VALID_ID (publication), NULL);
  return build_ids (SOCK_WAMP_PUBLISHED, request, publication);
}

char *
sock_wamp_build_subscribed (gint64 request,
                            gint64 subscription)
{
  g_return_val_if_fail (VALID_ID (subscription), NULL);
  return build_ids (SOCK_WAMP_SUBSCRIBED, request, subscription);
}

char *
sock_wamp_build_unsubscribe (gint64 request,
                             gint64 subscription)
{
  g_return_val_if_fail (VALID_ID (subscription), NULL);
  return build_ids (SOCK_WAMP_UNSUBSCRIBE, request, subscription);
}

char *
sock_wamp_build_unsubscribed (gint64 request)
{
  return build_ids (SOCK_WAMP_UNSUBSCRIBED, request, SOCK_WAMP_NO_ID);
}

char *
sock_wamp_build_registered (gint64 request,
                            gint64 registration)
{
  g_return_val_if_fail (VALID_ID (registration), NULL);
  return build_ids (SOCK_WAMP_REGISTERED, request, registration);
}

char *
sock_wamp_build_unregister (gint64 request,
                            gint64 registration)
{
  g_return_val_if_fail (VALID_ID (registration), NULL);
  return build_ids (SOCK_WAMP_UNREGISTER, request, registration);
}

char *
sock_wamp_build_unregistered (gint64 request)
{
  return build_ids (SOCK_WAMP_UNREGISTERED, request, SOCK_WAMP_NO_ID);
}

/* [EVENT, subscription, publication]: the raw form's details are text too, so they follow. */
static GString *
begin_event (gint64 subscription,
             gint64 publication)
{
  GString *s;

  g_return_val_if_fail (VALID_ID (subscription), NULL);
  g_return_val_if_fail (VALID_ID (publication), NULL);

  s = begin (SOCK_WAMP_EVENT);
  add_id (s, subscription);
  add_id (s, publication);
  return s;
}

char *
sock_wamp_build_event (gint64      subscription,
                       gint64      publication,
                       JsonObject *details,
                       JsonArray  *args,
                       JsonObject *kwargs)
{
  GString *s = begin_event (subscription, publication);

  if (s == NULL)
    return NULL;
  add_object (s, details);
  add_payload (s, args, kwargs);
  return finish (s);
}

/* Unlike the other raw forms, a payload range that is there is copied even when empty ("[]"):
 * the router passes the PUBLISH's payload on verbatim. */
char *
sock_wamp_build_event_raw (gint64        subscription,
                           gint64        publication,
                           SockJsonRange details,
                           SockJsonRange args,
                           SockJsonRange kwargs)
{
  GString *s = begin_event (subscription, publication);

  if (s == NULL)
    return NULL;
  add_raw (s, details, "{}");
  if (args.data != NULL || kwargs.data != NULL)
    add_raw (s, args, "[]");
  if (kwargs.data != NULL)
    add_raw (s, kwargs, "{}");
  return finish (s);
}

/* [type, request, options-or-details]: RESULT, YIELD, CANCEL, INTERRUPT before their payload. */
static GString *
begin_request_payload (int         type,
                       gint64      request,
                       JsonObject *options)
{
  GString *s;

  g_return_val_if_fail (VALID_REQUEST (request), NULL);

  s = begin (type);
  add_id (s, request);
  add_object (s, options);
  return s;
}

/* [type, request, options-or-details(, args(, kwargs))]. */
static char *
build_request_payload (int         type,
                       gint64      request,
                       JsonObject *options,
                       JsonArray  *args,
                       JsonObject *kwargs)
{
  return finish_payload (begin_request_payload (type, request, options), args, kwargs);
}

char *
sock_wamp_build_cancel (gint64      request,
                        JsonObject *options)
{
  return build_request_payload (SOCK_WAMP_CANCEL, request, options, NULL, NULL);
}

char *
sock_wamp_build_result (gint64      request,
                        JsonObject *details,
                        JsonArray  *args,
                        JsonObject *kwargs)
{
  return build_request_payload (SOCK_WAMP_RESULT, request, details, args, kwargs);
}

char *
sock_wamp_build_interrupt (gint64      request,
                           JsonObject *options)
{
  return build_request_payload (SOCK_WAMP_INTERRUPT, request, options, NULL, NULL);
}

char *
sock_wamp_build_yield (gint64      request,
                       JsonObject *options,
                       JsonArray  *args,
                       JsonObject *kwargs)
{
  return build_request_payload (SOCK_WAMP_YIELD, request, options, args, kwargs);
}

/* RESULT and YIELD with their payload as JSON text. */
char *
sock_wamp_build_answer_raw (int           type,
                            gint64        request,
                            JsonObject   *details,
                            SockJsonRange args,
                            SockJsonRange kwargs)
{
  g_return_val_if_fail (type == SOCK_WAMP_RESULT || type == SOCK_WAMP_YIELD, NULL);

  return finish_payload_raw (begin_request_payload (type, request, details), args, kwargs);
}

char *
sock_wamp_build_invocation (gint64      request,
                            gint64      registration,
                            JsonObject *details,
                            JsonArray  *args,
                            JsonObject *kwargs)
{
  GString *s;

  g_return_val_if_fail (VALID_REQUEST (request), NULL);
  g_return_val_if_fail (VALID_ID (registration), NULL);

  s = begin (SOCK_WAMP_INVOCATION);
  add_id (s, request);
  add_id (s, registration);
  add_object (s, details);
  add_payload (s, args, kwargs);
  return finish (s);
}
