/* sock-wamp-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding: one pass of the JSON scanner validates the frame and gives the
 * byte range of each element; a table per message type says what each element
 * must be and where it goes. No JSON tree is built on this path.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-wamp-message.h"
#include "sock-wamp-serializer-private.h"

#define MAX_ELEMENTS 7  /* v2 ERROR with Arguments and ArgumentsKw */
#define UNBOUNDED    G_MAXUINT8
#define NO_STRING    G_MAXSIZE

typedef enum
{
  F_NONE,
  F_REQUEST,          /* integer in [1, 2^53] -> request_id */
  F_ID,               /* integer in [0, 2^53] -> id */
  F_PUBLICATION,      /* integer in [0, 2^53] -> publication */
  F_REQUEST_TYPE,     /* a v2 message type -> request_type */
  F_URI,              /* v2 URI -> uri */
  F_PATTERN,          /* v2 URI, empty components allowed -> uri */
  F_NAME,             /* non-empty string -> uri */
  F_SIGNATURE,        /* string -> text */
  F_DICT,             /* object -> details */
  F_ARGS,             /* array -> args */
  F_KWARGS,           /* object -> kwargs */
  F_V1_URI,           /* non-empty string -> uri */
  F_V1_ID,            /* string -> text */
  F_V1_PREFIX,        /* non-empty string -> text */
  F_V1_TEXT,          /* string -> text2 */
  F_V1_VERSION,       /* integer -> id */
  F_V1_VALUE,         /* any value -> args (spread) */
  F_V1_REST,          /* any values up to the end -> args (spread) */
  F_V1_ERROR_DETAILS, /* any value -> error_details */
  F_V1_EXCLUDE,       /* boolean or array of strings -> exclude_me / exclude */
  F_V1_ELIGIBLE,      /* array of strings -> eligible */
} FieldKind;

typedef struct
{
  FieldKind   kind;
  const char *name;
} Field;

typedef struct
{
  int         type;
  const char *name;
  guint8      min, max;
  Field       fields[MAX_ELEMENTS];
} Spec;

#define NOTHING   { F_NONE, NULL }
#define REQUEST   { F_REQUEST, "request" }
#define DETAILS   { F_DICT, "details" }
#define OPTIONS   { F_DICT, "options" }
#define ARGS      { F_ARGS, "args" }
#define KWARGS    { F_KWARGS, "kwargs" }
#define V1_CALLID { F_V1_ID, "call id" }

static const Spec v2_specs[] = {
  { SOCK_WAMP_EVENT, "EVENT", 4, 6,
    { NOTHING, { F_ID, "subscription" }, { F_PUBLICATION, "publication" }, DETAILS, ARGS, KWARGS } },
  { SOCK_WAMP_PUBLISH, "PUBLISH", 4, 6, { NOTHING, REQUEST, OPTIONS, { F_URI, "topic" }, ARGS, KWARGS } },
  { SOCK_WAMP_PUBLISHED, "PUBLISHED", 3, 3, { NOTHING, REQUEST, { F_PUBLICATION, "publication" } } },
  { SOCK_WAMP_CALL, "CALL", 4, 6, { NOTHING, REQUEST, OPTIONS, { F_URI, "procedure" }, ARGS, KWARGS } },
  { SOCK_WAMP_RESULT, "RESULT", 3, 5, { NOTHING, REQUEST, DETAILS, ARGS, KWARGS } },
  { SOCK_WAMP_INVOCATION, "INVOCATION", 4, 6,
    { NOTHING, REQUEST, { F_ID, "registration" }, DETAILS, ARGS, KWARGS } },
  { SOCK_WAMP_YIELD, "YIELD", 3, 5, { NOTHING, REQUEST, OPTIONS, ARGS, KWARGS } },
  { SOCK_WAMP_ERROR, "ERROR", 5, 7,
    { NOTHING, { F_REQUEST_TYPE, "request type" }, REQUEST, DETAILS, { F_URI, "error" }, ARGS, KWARGS } },
  { SOCK_WAMP_HELLO, "HELLO", 3, 3, { NOTHING, { F_URI, "realm" }, DETAILS } },
  { SOCK_WAMP_WELCOME, "WELCOME", 3, 3, { NOTHING, { F_ID, "session" }, DETAILS } },
  { SOCK_WAMP_ABORT, "ABORT", 3, 5, { NOTHING, DETAILS, { F_URI, "reason" }, ARGS, KWARGS } },
  { SOCK_WAMP_CHALLENGE, "CHALLENGE", 3, 3, { NOTHING, { F_NAME, "authmethod" }, { F_DICT, "extra" } } },
  { SOCK_WAMP_AUTHENTICATE, "AUTHENTICATE", 3, 3,
    { NOTHING, { F_SIGNATURE, "signature" }, { F_DICT, "extra" } } },
  { SOCK_WAMP_GOODBYE, "GOODBYE", 3, 3, { NOTHING, DETAILS, { F_URI, "reason" } } },
  { SOCK_WAMP_SUBSCRIBE, "SUBSCRIBE", 4, 4, { NOTHING, REQUEST, OPTIONS, { F_PATTERN, "topic" } } },
  { SOCK_WAMP_SUBSCRIBED, "SUBSCRIBED", 3, 3, { NOTHING, REQUEST, { F_ID, "subscription" } } },
  { SOCK_WAMP_UNSUBSCRIBE, "UNSUBSCRIBE", 3, 3, { NOTHING, REQUEST, { F_ID, "subscription" } } },
  { SOCK_WAMP_UNSUBSCRIBED, "UNSUBSCRIBED", 2, 2, { NOTHING, REQUEST } },
  { SOCK_WAMP_CANCEL, "CANCEL", 3, 3, { NOTHING, REQUEST, OPTIONS } },
  { SOCK_WAMP_REGISTER, "REGISTER", 4, 4, { NOTHING, REQUEST, OPTIONS, { F_PATTERN, "procedure" } } },
  { SOCK_WAMP_REGISTERED, "REGISTERED", 3, 3, { NOTHING, REQUEST, { F_ID, "registration" } } },
  { SOCK_WAMP_UNREGISTER, "UNREGISTER", 3, 3, { NOTHING, REQUEST, { F_ID, "registration" } } },
  { SOCK_WAMP_UNREGISTERED, "UNREGISTERED", 2, 2, { NOTHING, REQUEST } },
  { SOCK_WAMP_INTERRUPT, "INTERRUPT", 3, 3, { NOTHING, REQUEST, OPTIONS } },
};

static const Spec v1_specs[] = {
  { SOCK_WAMP1_EVENT, "EVENT", 3, 3, { NOTHING, { F_V1_URI, "topic" }, { F_V1_VALUE, "event" } } },
  { SOCK_WAMP1_WELCOME, "WELCOME", 4, 4,
    { NOTHING, { F_V1_ID, "session id" }, { F_V1_VERSION, "protocol version" },
      { F_V1_TEXT, "server ident" } } },
  { SOCK_WAMP1_PREFIX, "PREFIX", 3, 3, { NOTHING, { F_V1_PREFIX, "prefix" }, { F_V1_URI, "uri" } } },
  { SOCK_WAMP1_CALL, "CALL", 3, UNBOUNDED,
    { NOTHING, V1_CALLID, { F_V1_URI, "procedure" }, { F_V1_REST, "args" } } },
  { SOCK_WAMP1_CALLRESULT, "CALLRESULT", 3, 3, { NOTHING, V1_CALLID, { F_V1_VALUE, "result" } } },
  { SOCK_WAMP1_CALLERROR, "CALLERROR", 4, 5,
    { NOTHING, V1_CALLID, { F_V1_URI, "error" }, { F_V1_TEXT, "description" },
      { F_V1_ERROR_DETAILS, "details" } } },
  { SOCK_WAMP1_SUBSCRIBE, "SUBSCRIBE", 2, 2, { NOTHING, { F_V1_URI, "topic" } } },
  { SOCK_WAMP1_UNSUBSCRIBE, "UNSUBSCRIBE", 2, 2, { NOTHING, { F_V1_URI, "topic" } } },
  { SOCK_WAMP1_PUBLISH, "PUBLISH", 3, 5,
    { NOTHING, { F_V1_URI, "topic" }, { F_V1_VALUE, "event" }, { F_V1_EXCLUDE, "exclude" },
      { F_V1_ELIGIBLE, "eligible" } } },
};

static const Spec *
find_spec (SockWampVersion version,
           gint64          type)
{
  const Spec *specs = version == SOCK_WAMP_V1 ? v1_specs : v2_specs;
  gsize n = version == SOCK_WAMP_V1 ? G_N_ELEMENTS (v1_specs) : G_N_ELEMENTS (v2_specs);

  for (gsize i = 0; i < n; i++)
    if (specs[i].type == type)
      return &specs[i];
  return NULL;
}

const char *
sock_wamp_message_type_name (SockWampVersion version,
                             int             type)
{
  const Spec *spec = find_spec (version, type);

  return spec ? spec->name : NULL;
}

static gboolean
uri_is_valid_len (const char *uri,
                  gsize       len,
                  gboolean    allow_empty_components)
{
  gboolean component_empty = TRUE;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = uri[i];

      if (c <= ' ' || c == 0x7F || c == '#')
        return FALSE;
      if (c != '.')
        component_empty = FALSE;
      else if (component_empty && !allow_empty_components)
        return FALSE;
      else
        component_empty = TRUE;
    }
  return !component_empty || allow_empty_components;
}

gboolean
sock_wamp_uri_is_valid (const char *uri,
                        gboolean    allow_empty_components)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  return uri_is_valid_len (uri, strlen (uri), allow_empty_components);
}

static inline char *
strings_base (const SockWampMessage *self)
{
  return self->heap ? self->heap : (char *) self->inline_strings;
}

static const char *
string_at (const SockWampMessage *self,
           gsize                  at)
{
  return at == NO_STRING ? NULL : strings_base (self) + at;
}

/* Decoded text is never longer than its quoted JSON form, so el->len bytes
 * are always room enough for it and its NUL. */
static const char *
store_string (SockWampMessage       *self,
              const char            *data,
              const SockJsonElement *el,
              gsize                 *at,
              gsize                 *len)
{
  if (self->used + el->len > self->capacity)
    {
      gsize capacity = MAX (self->capacity * 2, self->used + el->len + 64);

      if (self->heap == NULL)
        {
          self->heap = g_malloc (capacity);
          memcpy (self->heap, self->inline_strings, self->used);
        }
      else
        self->heap = g_realloc (self->heap, capacity);
      self->capacity = capacity;
    }
  *at = self->used;
  *len = sock_json_decode_string (data, el, strings_base (self) + self->used);
  self->used += *len + 1;
  return strings_base (self) + *at;
}

static gboolean
element_error (GError     **error,
               const Spec  *spec,
               guint        i,
               const char  *what)
{
  /* Translators: message type, element position, its name in the WAMP spec (untranslated), and
   * what is wrong, e.g. EVENT: element 1 (subscription) must be an integer */
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("%s: element %u (%s) %s"),
               spec->name, i, spec->fields[i].name, what);
  return FALSE;
}

static gboolean
read_id (const char            *data,
         const SockJsonElement *el,
         gint64                 min,
         gint64                *out,
         const Spec            *spec,
         guint                  i,
         GError               **error)
{
  switch (sock_json_parse_integer (data, el, out))
    {
    case SOCK_JSON_INTEGER_OK:
      if (*out >= min)
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case SOCK_JSON_INTEGER_OUT_OF_RANGE:
      return element_error (error, spec, i, min > 0 ? _("must be an integer from 1 to 2^53")
                                                    : _("must be an integer from 0 to 2^53"));
    case SOCK_JSON_INTEGER_NOT_INTEGER:
    default:
      return element_error (error, spec, i, _("must be an integer"));
    }
}

static SockJsonRange
range_of (const char            *data,
          const SockJsonElement *el)
{
  return (SockJsonRange) { data + el->offset, el->len };
}

static gboolean
is_string_array (SockJsonRange range)
{
  SockJsonElement stack[32];
  g_autofree SockJsonElement *heap = NULL;
  SockJsonElement *elements = stack;
  guint n = 0;

  if (!sock_json_scan_array (range.data, range.len, stack, G_N_ELEMENTS (stack), &n, NULL, NULL))
    return FALSE;
  if (n > G_N_ELEMENTS (stack))
    {
      elements = heap = g_new (SockJsonElement, n);
      sock_json_scan_array (range.data, range.len, heap, n, &n, NULL, NULL);
    }
  for (guint i = 0; i < n; i++)
    if (elements[i].kind != SOCK_JSON_STRING)
      return FALSE;
  return TRUE;
}

/* A string element, stored and then checked by @kind's rule. */
static gboolean
read_string (SockWampMessage       *self,
             const char            *data,
             const SockJsonElement *el,
             FieldKind              kind,
             const Spec            *spec,
             guint                  i,
             GError               **error)
{
  gboolean uri_like = kind == F_URI || kind == F_PATTERN || kind == F_V1_URI;
  gboolean non_empty = kind == F_NAME || kind == F_V1_PREFIX;
  gsize *at, *len;
  const char *s;

  if (uri_like || kind == F_NAME)
    at = &self->uri_at, len = &self->uri_len;
  else if (kind == F_V1_TEXT)
    at = &self->text2_at, len = &self->text2_len;
  else
    at = &self->text_at, len = &self->text_len;

  if (el->kind != SOCK_JSON_STRING)
    return element_error (error, spec, i, uri_like ? _("must be a URI string")
                                          : non_empty ? _("must be a non-empty string")
                                          : _("must be a string"));
  s = store_string (self, data, el, at, len);
  if ((kind == F_URI || kind == F_PATTERN) && !uri_is_valid_len (s, *len, kind == F_PATTERN))
    return element_error (error, spec, i, _("must be a valid URI"));
  if (kind == F_V1_URI && *len == 0)
    return element_error (error, spec, i, _("must be a URI string"));
  /* A NUL would cut the C string that consumers see. */
  if (memchr (s, '\0', *len))
    return element_error (error, spec, i, _("must not contain a NUL character"));
  if (non_empty && *len == 0)
    return element_error (error, spec, i, _("must be a non-empty string"));
  return TRUE;
}

static gboolean
read_exclude (SockWampMessage       *self,
              const char            *data,
              const SockJsonElement *el,
              const Spec            *spec,
              guint                  i,
              GError               **error)
{
  /* [7, topic, event, excludeMe] or [7, topic, event, exclude(, eligible)] */
  if (self->n_elements == 4 && (el->kind == SOCK_JSON_TRUE || el->kind == SOCK_JSON_FALSE))
    {
      self->exclude_me = el->kind == SOCK_JSON_TRUE;
      return TRUE;
    }
  if (el->kind == SOCK_JSON_ARRAY && is_string_array (range_of (data, el)))
    {
      self->exclude = range_of (data, el);
      return TRUE;
    }
  return element_error (error, spec, i, self->n_elements == 4 ? _("must be a boolean or an array of strings")
                                                              : _("must be an array of strings"));
}

/* Where the last element of a valid array document ends. */
static gsize
end_of_last_element (const char *data,
                     gsize       len)
{
  while (g_ascii_isspace (data[len - 1]))
    len--;
  len--;  /* the closing bracket */
  while (g_ascii_isspace (data[len - 1]))
    len--;
  return len;
}

static gboolean
read_element (SockWampMessage       *self,
              const char            *data,
              gsize                  data_len,
              const SockJsonElement *el,
              const Spec            *spec,
              guint                  i,
              GError               **error)
{
  FieldKind kind = spec->fields[i].kind;

  switch (kind)
    {
    case F_REQUEST:
      return read_id (data, el, 1, &self->request_id, spec, i, error);
    case F_ID:
      return read_id (data, el, 0, &self->id, spec, i, error);
    case F_PUBLICATION:
      return read_id (data, el, 0, &self->publication, spec, i, error);
    case F_REQUEST_TYPE:
      if (sock_json_parse_integer (data, el, &self->request_type) != SOCK_JSON_INTEGER_OK ||
          find_spec (SOCK_WAMP_V2, self->request_type) == NULL)
        return element_error (error, spec, i, _("must be a WAMP message type"));
      return TRUE;
    case F_V1_VERSION:
      if (sock_json_parse_integer (data, el, &self->id) != SOCK_JSON_INTEGER_OK)
        return element_error (error, spec, i, _("must be an integer"));
      /* WAMP v1 only ever had version 1; anything else is another protocol. */
      if (self->id != 1)
        return element_error (error, spec, i, _("must be 1"));
      return TRUE;
    case F_DICT:
      if (el->kind != SOCK_JSON_OBJECT)
        return element_error (error, spec, i, _("must be an object"));
      self->details = range_of (data, el);
      return TRUE;
    case F_ARGS:
      if (el->kind == SOCK_JSON_NULL)
        return (self->null_payload = TRUE);
      if (el->kind != SOCK_JSON_ARRAY)
        return element_error (error, spec, i, _("must be an array"));
      self->args = range_of (data, el);
      return TRUE;
    case F_KWARGS:
      if (el->kind == SOCK_JSON_NULL)
        return (self->null_payload = TRUE);
      if (el->kind != SOCK_JSON_OBJECT)
        return element_error (error, spec, i, _("must be an object"));
      self->kwargs = range_of (data, el);
      return TRUE;
    case F_V1_VALUE:
      self->args = range_of (data, el);
      self->args_spread = TRUE;
      return TRUE;
    case F_V1_REST:
      self->args.data = data + el->offset;
      self->args.len = end_of_last_element (data, data_len) - el->offset;
      self->args_spread = TRUE;
      return TRUE;
    case F_V1_ERROR_DETAILS:
      self->error_details = range_of (data, el);
      return TRUE;
    case F_V1_EXCLUDE:
      return read_exclude (self, data, el, spec, i, error);
    case F_V1_ELIGIBLE:
      if (el->kind != SOCK_JSON_ARRAY || !is_string_array (range_of (data, el)))
        return element_error (error, spec, i, _("must be an array of strings"));
      self->eligible = range_of (data, el);
      return TRUE;
    case F_URI: case F_PATTERN: case F_NAME: case F_SIGNATURE:
    case F_V1_URI: case F_V1_ID: case F_V1_PREFIX: case F_V1_TEXT:
      return read_string (self, data, el, kind, spec, i, error);
    case F_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
message_init (SockWampMessage *self,
              SockWampVersion  version)
{
  memset (self, 0, G_STRUCT_OFFSET (SockWampMessage, inline_strings));
  self->version = version;
  self->type = -1;
  self->request_id = self->request_type = self->id = self->publication = SOCK_WAMP_NO_ID;
  self->exclude_me = -1;
  self->uri_at = self->text_at = self->text2_at = NO_STRING;
  self->capacity = sizeof self->inline_strings;
}

static gboolean
protocol_error (SockWampMessage  *self,
                GError          **error,
                const char       *format,
                ...) G_GNUC_PRINTF (3, 4);

static gboolean
protocol_error (SockWampMessage  *self,
                GError          **error,
                const char       *format,
                ...)
{
  va_list args;

  sock_wamp_message_clear (self);
  if (error)
    {
      va_start (args, format);
      *error = g_error_new_valist (SOCK_ERROR, SOCK_ERROR_PROTOCOL, format, args);
      va_end (args);
    }
  return FALSE;
}

static gboolean
check_count (const Spec  *spec,
             guint        n,
             GError     **error)
{
  if (n >= spec->min && n <= spec->max)
    return TRUE;
  if (spec->min == spec->max)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("%s: expected %u elements, got %u"),
                 spec->name, spec->min, n);
  else if (spec->max == UNBOUNDED)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("%s: expected at least %u elements, got %u"),
                 spec->name, spec->min, n);
  else
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL, _("%s: expected %u to %u elements, got %u"),
                 spec->name, spec->min, spec->max, n);
  return FALSE;
}

/* The codec after the scan: @elements are the top-level elements of @data as
 * sock_json_scan_array() reports them (or a transcoder noted them), @n their count. */
gboolean
_sock_wamp_decode_elements (SockWampVersion         version,
                            const char             *data,
                            gsize                   len,
                            const SockJsonElement  *elements,
                            guint                   n,
                            SockWampMessage        *out,
                            GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  SockJsonIntegerResult result;
  const Spec *spec;
  gint64 type = -1;

  message_init (out, version);
  if (n == 0)
    return protocol_error (out, error, _("empty message array"));
  result = sock_json_parse_integer (data, &elements[0], &type);
  if (result == SOCK_JSON_INTEGER_NOT_INTEGER)
    return protocol_error (out, error, _("element 0 (message type) must be an integer"));
  if (result != SOCK_JSON_INTEGER_OK || (spec = find_spec (version, type)) == NULL)
    return protocol_error (out, error, _("unknown message type %.*s"),
                           (int) MIN (elements[0].len, 24), data + elements[0].offset);
  out->type = spec->type;
  out->n_elements = n;
  if (!check_count (spec, n, &local_error))
    return protocol_error (out, error, "%s", local_error->message);
  for (guint i = 1; i < MIN (n, MAX_ELEMENTS); i++)
    {
      if (!read_element (out, data, len, &elements[i], spec, i, &local_error))
        return protocol_error (out, error, "%s", local_error->message);
      if (spec->fields[i].kind == F_V1_REST)
        break;
    }
  return TRUE;
}

gboolean
sock_wamp_decode (SockWampVersion   version,
                  const char       *data,
                  gsize             len,
                  SockWampMessage  *out,
                  GError          **error)
{
  SockJsonElement elements[MAX_ELEMENTS];
  g_autoptr(GError) local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (version == SOCK_WAMP_V1 || version == SOCK_WAMP_V2, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sock_json_scan_array (data, len, elements, MAX_ELEMENTS, &n, NULL, &local_error))
    {
      message_init (out, version);
      return protocol_error (out, error, "%s", local_error->message);
    }
  return _sock_wamp_decode_elements (version, data, len, elements, n, out, error);
}

gboolean
sock_wamp_decode_serialized (SockWampSerializer   serializer,
                             const guint8        *data,
                             gsize                len,
                             GString             *text,
                             SockWampMessage     *out,
                             GError             **error)
{
  SockJsonElement elements[MAX_ELEMENTS];
  g_autoptr(GError) local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (serializer == SOCK_WAMP_SERIALIZER_JSON)
    return sock_wamp_decode (SOCK_WAMP_V2, (const char *) data, len, out, error);

  g_string_truncate (text, 0);
  if (!_sock_wamp_serializer_to_json_elements (serializer, data, len, text, elements, MAX_ELEMENTS, &n,
                                               &local_error))
    {
      message_init (out, SOCK_WAMP_V2);
      return protocol_error (out, error, "%s", local_error->message);
    }
  return _sock_wamp_decode_elements (SOCK_WAMP_V2, text->str, text->len, elements, n, out, error);
}

void
sock_wamp_message_clear (SockWampMessage *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->heap, g_free);
  self->used = 0;
  self->capacity = sizeof self->inline_strings;
}

const char *
sock_wamp_message_get_uri (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return string_at (self, self->uri_at);
}

static gboolean
is_v1 (const SockWampMessage *self,
       int                    type)
{
  return self->version == SOCK_WAMP_V1 && self->type == type;
}

const char *
sock_wamp_message_get_call_id (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (is_v1 (self, SOCK_WAMP1_CALL) || is_v1 (self, SOCK_WAMP1_CALLRESULT) ||
      is_v1 (self, SOCK_WAMP1_CALLERROR))
    return string_at (self, self->text_at);
  return NULL;
}

const char *
sock_wamp_message_get_prefix (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return is_v1 (self, SOCK_WAMP1_PREFIX) ? string_at (self, self->text_at) : NULL;
}

const char *
sock_wamp_message_get_session_id (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return is_v1 (self, SOCK_WAMP1_WELCOME) ? string_at (self, self->text_at) : NULL;
}

const char *
sock_wamp_message_get_server_ident (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return is_v1 (self, SOCK_WAMP1_WELCOME) ? string_at (self, self->text2_at) : NULL;
}

const char *
sock_wamp_message_get_error_desc (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return is_v1 (self, SOCK_WAMP1_CALLERROR) ? string_at (self, self->text2_at) : NULL;
}

const char *
sock_wamp_message_get_signature (const SockWampMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->version == SOCK_WAMP_V2 && self->type == SOCK_WAMP_AUTHENTICATE)
    return string_at (self, self->text_at);
  return NULL;
}
