/* sock-wamp-serializer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the MessagePack and CBOR transcoders: writing JSON text from
 * binary values, and walking JSON text to encode it.
 */

#pragma once

#include <string.h>

#include "sock-json-scan.h"
#include "sock-wamp-message.h"
#include "sock-wamp-serializer.h"

G_BEGIN_DECLS

/* CBOR bignums are read and written up to this many bytes (1024 bits). */
#define SOCK_SERIAL_MAX_BIGNUM_BYTES 128

/* --- binary -> JSON (sock-wamp-serializer-json.c) --- */

/* Appending to a GString without a call per piece: the transcoders write
 * ~100 small pieces per message, and g_string_append_len() is not inlined. */
static inline char *
_sock_serial_reserve (GString *out,
                      gsize    n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      out->len = len;
    }
  return out->str + out->len;
}

static inline void
_sock_serial_put (GString    *out,
                  const char *data,
                  gsize       n)
{
  if (n > 0)  /* data may be NULL then */
    memcpy (_sock_serial_reserve (out, n), data, n);
  out->len += n;
  out->str[out->len] = '\0';
}

#define _sock_serial_put_literal(out, literal) _sock_serial_put ((out), (literal), sizeof (literal) - 1)

void      _sock_serial_write_uint     (GString       *out,
                                       guint64        value);
/* Writes -1 - @n exactly (CBOR's negative integers reach -2^64). */
void      _sock_serial_write_negative (GString       *out,
                                       guint64        n);
/* A big-endian magnitude in decimal; @negative: -1 - magnitude (CBOR tag 3). */
void      _sock_serial_write_big_decimal (GString      *out,
                                          const guint8 *bytes,
                                          gsize         len,
                                          gboolean      negative);
/* The shortest text that reads back to the same double; ".0" keeps an
 * integral double a double; a non-finite one is written as null. */
void      _sock_serial_write_double   (GString       *out,
                                       double         value);
/* A float32 as the double it widens to. */
void      _sock_serial_write_float    (GString       *out,
                                       float          value);
/* Text strings must be UTF-8; FALSE if not. */
gboolean  _sock_serial_write_string   (GString       *out,
                                       const guint8  *data,
                                       gsize          len);
/* "\u0000" + base64, the WAMP JSON form of binary. */
void      _sock_serial_write_binary   (GString       *out,
                                       const guint8  *data,
                                       gsize          len);
gboolean  _sock_serial_fail           (GError       **error,
                                       const char    *format,
                                       ...) G_GNUC_PRINTF (2, 3);

/* --- JSON -> binary (sock-wamp-serializer-json.c) --- */

typedef struct
{
  void (*null)     (GByteArray *out);
  void (*boolean)  (GByteArray *out, gboolean value);
  /* @negative: the value is -1 - @n; else it is @n. */
  void (*integer)  (GByteArray *out, gboolean negative, guint64 n);
  void (*real)     (GByteArray *out, double value);
  void (*string)   (GByteArray *out, const char *data, gsize len);
  void (*binary)   (GByteArray *out, const guint8 *data, gsize len);
  void (*array)    (GByteArray *out, gsize n_elements);
  void (*map)      (GByteArray *out, gsize n_pairs);
  /* Integers beyond the integer forms, as decimal digits; NULL, or FALSE
   * when it is too big even so: a double. */
  gboolean (*bignum) (GByteArray *out, gboolean negative, const char *digits, gsize len);
  /* The most negative -1 - n the format holds as an integer: n_max. */
  guint64 negative_max;
} SockSerialEncoder;

gboolean  _sock_serial_encode_json    (const SockSerialEncoder *encoder,
                                       const char              *json,
                                       gsize                    len,
                                       GByteArray              *out,
                                       GError                 **error);

/* Big-endian helpers. */
static inline void
_sock_serial_put_be (GByteArray *out,
                     guint8      head,
                     guint64     value,
                     guint       n_bytes)
{
  guint8 buf[9];

  buf[0] = head;
  for (guint i = 0; i < n_bytes; i++)
    buf[1 + i] = (guint8) (value >> (8 * (n_bytes - 1 - i)));
  g_byte_array_append (out, buf, 1 + n_bytes);
}

static inline guint64
_sock_serial_get_be (const guint8 *p,
                     guint         n_bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < n_bytes; i++)
    value = (value << 8) | p[i];
  return value;
}

/* The top-level elements of a transcoded message, as sock_json_scan_array()
 * reports them for JSON text, noted while writing: with them the codec need
 * not scan the text it was just given (see sock-wamp-serializer.c). */
typedef struct
{
  SockJsonElement *elements;
  guint            max;
  guint            n;
  gsize            base;   /* where the message's JSON starts in the output */
} SockSerialElements;

void      _sock_serial_note_element   (GString            *out,
                                       SockSerialElements *elements,
                                       gsize               start);

/* A binary message being transcoded to JSON text: its bytes and where the reader is, the text
 * written, the top-level elements noted (NULL unless the caller wants them), and the format's
 * name for the errors. */
typedef struct
{
  const char          *format;   /* "MessagePack", "CBOR" */
  const guint8        *data;
  gsize                len;
  gsize                pos;
  GString             *out;
  SockSerialElements  *elements;
  GError             **error;
} SockSerialReader;

typedef gboolean (*SockSerialReadFunc) (SockSerialReader *r,
                                        guint             depth);

/* FALSE, saying how many bytes are missing, when fewer than @n are left. */
static inline gboolean
_sock_serial_need (SockSerialReader *r,
                   gsize             n)
{
  if (r->len - r->pos >= n)
    return TRUE;
  return _sock_serial_fail (r->error, "%s message truncated: %" G_GSIZE_FORMAT
                            " more bytes needed at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                            r->format, n - (r->len - r->pos), r->pos, r->len);
}

/* Containers nest at most as deep as the JSON scanner lets them, so that
 * whatever we write reads back: TRUE (and the error) past that. */
gboolean  _sock_serial_too_deep       (SockSerialReader   *r,
                                       gsize               at,
                                       guint               depth);
/* An array's '[': TRUE when it is the message's own array (under CBOR tags, maybe), whose
 * elements are noted as they are read. */
static inline gboolean
_sock_serial_open_array (SockSerialReader *r)
{
  gboolean top = r->elements != NULL && r->out->len == r->elements->base;

  g_string_append_c (r->out, '[');
  return top;
}

/* Element @i of an array that _sock_serial_open_array() opened, read by @read_value at @depth
 * (a comma before all but the first), and noted when the array is the message's own (@top). */
static inline gboolean
_sock_serial_read_element (SockSerialReader   *r,
                           SockSerialReadFunc  read_value,
                           gboolean            top,
                           guint64             i,
                           guint               depth)
{
  gsize start;

  if (i > 0)
    g_string_append_c (r->out, ',');
  start = r->out->len;
  if (!read_value (r, depth))
    return FALSE;
  if (top)
    _sock_serial_note_element (r->out, r->elements, start);
  return TRUE;
}

/* Entry @i of a map: its key read by @read_key and its value by @read_value, at @depth. */
static inline gboolean
_sock_serial_read_entry (SockSerialReader   *r,
                         SockSerialReadFunc  read_key,
                         SockSerialReadFunc  read_value,
                         guint64             i,
                         guint               depth)
{
  if (i > 0)
    g_string_append_c (r->out, ',');
  if (!read_key (r, depth))
    return FALSE;
  g_string_append_c (r->out, ':');
  return read_value (r, depth);
}

/* A whole message, read by @read_value: not empty, and nothing after it. */
gboolean  _sock_serial_read_message   (SockSerialReader   *r,
                                       SockSerialReadFunc  read_value);

/* Like sock_wamp_serializer_to_json(), and fills @elements with the first
 * @max_elements elements of the message's top-level array (offsets from
 * where the message starts in @out); @n_elements gets the count of all of
 * them. A message that is not an array is refused. */
gboolean  _sock_wamp_serializer_to_json_elements (SockWampSerializer   serializer,
                                                  const guint8        *data,
                                                  gsize                len,
                                                  GString             *out,
                                                  SockJsonElement     *elements,
                                                  guint                max_elements,
                                                  guint               *n_elements,
                                                  GError             **error);

/* sock-wamp-message.c: the codec after the scan, for elements a transcoder noted. */
gboolean  _sock_wamp_decode_elements  (SockWampVersion         version,
                                       const char             *data,
                                       gsize                   len,
                                       const SockJsonElement  *elements,
                                       guint                   n,
                                       SockWampMessage        *out,
                                       GError                **error);

/* --- per format --- */

gboolean  _sock_msgpack_to_json       (const guint8        *data,
                                       gsize                len,
                                       GString             *out,
                                       SockSerialElements  *elements,
                                       GError             **error);
gboolean  _sock_msgpack_from_json     (const char    *json,
                                       gsize          len,
                                       GByteArray    *out,
                                       GError       **error);
gboolean  _sock_cbor_to_json          (const guint8        *data,
                                       gsize                len,
                                       GString             *out,
                                       SockSerialElements  *elements,
                                       GError             **error);
gboolean  _sock_cbor_from_json        (const char    *json,
                                       gsize          len,
                                       GByteArray    *out,
                                       GError       **error);

G_END_DECLS
