/* sock-json-scan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A strict (RFC 8259), allocation-free JSON scanner. It validates a whole
 * document in one pass and reports the kind and byte range of each element of
 * a top-level array, so that a WAMP envelope can be read without building a
 * json-glib tree for every message.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Containers may nest this deep; deeper documents are rejected. */
#define SOCK_JSON_MAX_DEPTH 128

/* 2^53: the largest integer a JSON number keeps exactly in every peer. */
#define SOCK_JSON_MAX_SAFE_INTEGER G_GINT64_CONSTANT (9007199254740992)

typedef enum
{
  SOCK_JSON_INVALID,
  SOCK_JSON_STRING,
  SOCK_JSON_NUMBER,
  SOCK_JSON_OBJECT,
  SOCK_JSON_ARRAY,
  SOCK_JSON_TRUE,
  SOCK_JSON_FALSE,
  SOCK_JSON_NULL,
} SockJsonKind;

typedef struct
{
  SockJsonKind kind;
  gboolean     has_escapes;  /* strings: a backslash occurs inside */
  gsize        offset;       /* of the first byte (the quote of a string) */
  gsize        len;          /* up to and including the last byte */
} SockJsonElement;

typedef enum
{
  SOCK_JSON_INTEGER_OK,
  SOCK_JSON_INTEGER_NOT_INTEGER,   /* not a number, or has a non-zero fraction */
  SOCK_JSON_INTEGER_OUT_OF_RANGE,  /* beyond ±2^53 */
} SockJsonIntegerResult;

const char            *sock_json_kind_to_string   (SockJsonKind            kind);

/* Validates a whole document; @kind receives the kind of its top-level value. */
gboolean               sock_json_validate         (const char             *data,
                                                   gsize                   len,
                                                   SockJsonKind           *kind,
                                                   gsize                  *error_offset,
                                                   GError                **error);

/* The same, giving the scanner's reason as a fixed English phrase (e.g. "unterminated
 * array") and its byte offset, for callers that put it in their own words. */
gboolean               sock_json_validate_why     (const char             *data,
                                                   gsize                   len,
                                                   SockJsonKind           *kind,
                                                   const char            **why,
                                                   gsize                  *error_offset);

/* Validates a whole document that must be an array and fills @elements with
 * its first @max_elements elements; @n_elements receives the count of all of
 * them. Errors are SOCK_ERROR_INVALID_JSON, "invalid JSON at byte N: why" (and
 * @error_offset gets N), or "not a JSON array" (N = 0). */
gboolean               sock_json_scan_array       (const char             *data,
                                                   gsize                   len,
                                                   SockJsonElement        *elements,
                                                   guint                   max_elements,
                                                   guint                  *n_elements,
                                                   gsize                  *error_offset,
                                                   GError                **error);

/* Decodes a string element of a valid document into @out (which has room for
 * element->len bytes) and NUL-terminates it; returns the decoded length. */
gsize                  sock_json_decode_string    (const char             *data,
                                                   const SockJsonElement  *element,
                                                   char                   *out);

/* Reads a number element exactly: 1e3 and 10.0 are integers, 1.5 is not. */
SockJsonIntegerResult  sock_json_parse_integer    (const char             *data,
                                                   const SockJsonElement  *element,
                                                   gint64                 *value);

/* Finds the member named key (compared as written) of the object that a valid document is, and
 * fills @out with its value's element (offset relative to @data). No tree, no allocation. */
gboolean               sock_json_object_find_member (const char          *data,
                                                     gsize                len,
                                                     const char          *key,
                                                     SockJsonElement     *out);

/* The members of an object, or the elements of an array, of a valid document, one by one
 * without a tree: sock_json_iter_init() on the container's element, then sock_json_iter_next()
 * until it returns FALSE. Offsets are relative to @data. */
typedef struct
{
  /*< private >*/
  const char *data;
  gsize       end;
  gsize       pos;
  gboolean    object;
} SockJsonIter;

void                   sock_json_iter_init        (SockJsonIter           *iter,
                                                   const char             *data,
                                                   const SockJsonElement  *container);
/* @key (objects only; may be NULL) gets the key's string element, quotes included. */
gboolean               sock_json_iter_next        (SockJsonIter           *iter,
                                                   SockJsonElement        *key,
                                                   SockJsonElement        *value);

G_END_DECLS
