/* sock-cbor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CBOR (RFC 8949) <-> JSON text for WAMP's wamp.2.cbor. Like sock-msgpack.c a
 * decoder of our own that writes JSON straight from the bytes (libcbor's
 * cbor_load builds a tree of heap items and is slower; see
 * tests/bench/bench-wamp-codec.c). Indefinite lengths, half floats and
 * bignums (tags 2 and 3, shown as exact JSON numbers) are read; other tags
 * are skipped and their content shown.
 */

#include <math.h>
#include <string.h>

#include "sock-wamp-serializer-private.h"

#define INDEFINITE 31
#define BREAK 0xff

typedef SockSerialReader Reader;

typedef struct
{
  gsize   at;
  guint8  major;
  guint8  info;
  guint64 arg;
} Head;

static gboolean read_value (Reader *r, guint depth);

static gboolean
read_head (Reader *r,
           Head   *head)
{
  static const guint8 sizes[] = { 1, 2, 4, 8 };
  guint8 b;

  if (!_sock_serial_need (r, 1))
    return FALSE;
  head->at = r->pos;
  b = r->data[r->pos++];
  head->major = b >> 5;
  head->info = b & 0x1f;
  head->arg = head->info;
  if (head->info < 24 || head->info == INDEFINITE)
    return TRUE;
  if (head->info > 27)
    return _sock_serial_fail (r->error, "CBOR byte %" G_GSIZE_FORMAT " uses reserved additional information %u",
                              head->at, head->info);
  if (!_sock_serial_need (r, sizes[head->info - 24]))
    return FALSE;
  head->arg = _sock_serial_get_be (r->data + r->pos, sizes[head->info - 24]);
  r->pos += sizes[head->info - 24];
  return TRUE;
}

static gboolean
definite (Reader     *r,
          const Head *head)
{
  if (head->info != INDEFINITE)
    return TRUE;
  return _sock_serial_fail (r->error, "CBOR byte %" G_GSIZE_FORMAT " has an indefinite length where none is allowed",
                            head->at);
}

static gboolean
write_text (Reader       *r,
            gsize         at,
            const guint8 *bytes,
            gsize         len,
            gboolean      binary)
{
  if (binary)
    _sock_serial_write_binary (r->out, bytes, len);
  else if (!_sock_serial_write_string (r->out, bytes, len))
    return _sock_serial_fail (r->error, "CBOR text string at byte %" G_GSIZE_FORMAT " is not valid UTF-8", at);
  return TRUE;
}

/* Byte and text strings; an indefinite one is a run of definite chunks of
 * the same major type up to a break. */
static gboolean
read_string (Reader     *r,
             const Head *head)
{
  g_autoptr(GByteArray) joined = NULL;

  if (head->info != INDEFINITE)
    {
      const guint8 *at = r->data + r->pos;

      if (!_sock_serial_need (r, head->arg))
        return FALSE;
      r->pos += head->arg;
      return write_text (r, head->at, at, head->arg, head->major == 2);
    }
  joined = g_byte_array_new ();
  for (;;)
    {
      Head chunk;

      if (!_sock_serial_need (r, 1))
        return FALSE;
      if (r->data[r->pos] == BREAK)
        break;
      if (!read_head (r, &chunk))
        return FALSE;
      if (chunk.major != head->major || chunk.info == INDEFINITE)
        return _sock_serial_fail (r->error, "CBOR string chunk at byte %" G_GSIZE_FORMAT
                                  " is not a definite string of the same type", chunk.at);
      if (!_sock_serial_need (r, chunk.arg))
        return FALSE;
      g_byte_array_append (joined, r->data + r->pos, chunk.arg);
      r->pos += chunk.arg;
    }
  r->pos++;
  return write_text (r, head->at, joined->data, joined->len, head->major == 2);
}

/* Before each element of an indefinite container: TRUE while there is one. */
static gboolean
more (Reader     *r,
      const Head *head,
      guint64     i,
      gboolean   *ok)
{
  *ok = TRUE;
  if (head->info != INDEFINITE)
    return i < head->arg;
  if (!_sock_serial_need (r, 1))
    return *ok = FALSE;
  if (r->data[r->pos] != BREAK)
    return TRUE;
  r->pos++;
  return FALSE;
}

static gboolean
check_count (Reader     *r,
             const Head *head,
             guint       per_entry)
{
  /* Every element takes at least a byte: refuse huge counts before looping. */
  if (head->info == INDEFINITE || head->arg <= (r->len - r->pos) / per_entry)
    return TRUE;
  return _sock_serial_fail (r->error, "CBOR %s at byte %" G_GSIZE_FORMAT " declares %" G_GUINT64_FORMAT
                            " %s but only %" G_GSIZE_FORMAT " bytes follow", per_entry == 1 ? "array" : "map",
                            head->at, head->arg, per_entry == 1 ? "elements" : "entries", r->len - r->pos);
}

static gboolean
read_array (Reader     *r,
            const Head *head,
            guint       depth)
{
  gboolean ok, top;

  if (_sock_serial_too_deep (r, head->at, depth) || !check_count (r, head, 1))
    return FALSE;
  top = _sock_serial_open_array (r);
  for (guint64 i = 0; more (r, head, i, &ok); i++)
    if (!_sock_serial_read_element (r, read_value, top, i, depth + 1))
      return FALSE;
  g_string_append_c (r->out, ']');
  return ok;
}

/* Keys that are not strings are written as strings of their JSON text;
 * tags on a key are skipped. */
static gboolean
read_key (Reader *r,
          guint   depth)
{
  gsize at = r->out->len;
  guint8 major;

  if (!_sock_serial_need (r, 1))
    return FALSE;
  major = r->data[r->pos] >> 5;
  if (major == 2 || major == 3)
    return read_value (r, depth);
  if (major == 4 || major == 5)
    return _sock_serial_fail (r->error, "CBOR map key at byte %" G_GSIZE_FORMAT " is an array or a map, "
                              "which JSON cannot show", r->pos);
  if (!read_value (r, depth))
    return FALSE;
  if (r->out->str[at] == '[' || r->out->str[at] == '{')
    return _sock_serial_fail (r->error, "a tagged CBOR map key before byte %" G_GSIZE_FORMAT
                              " is an array or a map, which JSON cannot show", r->pos);
  if (r->out->str[at] != '"')
    {
      g_string_insert_c (r->out, at, '"');
      g_string_append_c (r->out, '"');
    }
  return TRUE;
}

static gboolean
read_map (Reader     *r,
          const Head *head,
          guint       depth)
{
  gboolean ok;

  if (_sock_serial_too_deep (r, head->at, depth) || !check_count (r, head, 2))
    return FALSE;
  g_string_append_c (r->out, '{');
  for (guint64 i = 0; more (r, head, i, &ok); i++)
    if (!_sock_serial_read_entry (r, read_key, read_value, i, depth + 1))
      return FALSE;
  g_string_append_c (r->out, '}');
  return ok;
}

static gboolean
read_bignum (Reader     *r,
             const Head *tag)
{
  const guint8 *bytes;
  Head head;

  if (!read_head (r, &head))
    return FALSE;
  if (head.major != 2 || head.info == INDEFINITE)
    return _sock_serial_fail (r->error, "CBOR bignum at byte %" G_GSIZE_FORMAT
                              " does not hold a definite byte string", tag->at);
  if (!_sock_serial_need (r, head.arg))
    return FALSE;
  bytes = r->data + r->pos;
  r->pos += head.arg;
  while (head.arg > 0 && bytes[0] == 0)
    bytes++, head.arg--;
  if (head.arg > SOCK_SERIAL_MAX_BIGNUM_BYTES)
    return _sock_serial_fail (r->error, "CBOR bignum at byte %" G_GSIZE_FORMAT " has more than %d bits",
                              tag->at, SOCK_SERIAL_MAX_BIGNUM_BYTES * 8);
  if (head.arg <= 8 && tag->arg == 2)
    _sock_serial_write_uint (r->out, _sock_serial_get_be (bytes, head.arg));
  else if (head.arg <= 8)
    _sock_serial_write_negative (r->out, _sock_serial_get_be (bytes, head.arg));
  else
    _sock_serial_write_big_decimal (r->out, bytes, head.arg, tag->arg == 3);
  return TRUE;
}

static double
half_to_double (guint16 half)
{
  int exponent = (half >> 10) & 0x1f;
  int mantissa = half & 0x3ff;
  double value;

  if (exponent == 0)
    value = ldexp (mantissa, -24);
  else if (exponent != 31)
    value = ldexp (mantissa + 1024, exponent - 25);
  else
    value = mantissa == 0 ? INFINITY : NAN;
  return half & 0x8000 ? -value : value;
}

static gboolean
read_simple (Reader     *r,
             const Head *head)
{
  switch (head->info)
    {
    case 20: _sock_serial_put_literal (r->out, "false"); break;
    case 21: _sock_serial_put_literal (r->out, "true"); break;
    case 22: case 23: _sock_serial_put_literal (r->out, "null"); break;  /* null, undefined */
    case 25: _sock_serial_write_double (r->out, half_to_double ((guint16) head->arg)); break;
    case 26:
      {
        union { guint32 u; float f; } bits = { (guint32) head->arg };
        _sock_serial_write_float (r->out, bits.f);
      }
      break;
    case 27:
      {
        union { guint64 u; double d; } bits = { head->arg };
        _sock_serial_write_double (r->out, bits.d);
      }
      break;
    case INDEFINITE:
      return _sock_serial_fail (r->error, "CBOR break at byte %" G_GSIZE_FORMAT " outside an indefinite item",
                                head->at);
    default:
      return _sock_serial_fail (r->error, "CBOR simple value %" G_GUINT64_FORMAT " at byte %" G_GSIZE_FORMAT
                                " has no JSON form", head->arg, head->at);
    }
  return TRUE;
}

static gboolean
read_value (Reader *r,
            guint   depth)
{
  Head head;

  if (depth > SOCK_WAMP_SERIALIZER_MAX_DEPTH)
    return _sock_serial_fail (r->error, "CBOR message nests deeper than %d at byte %" G_GSIZE_FORMAT,
                              SOCK_WAMP_SERIALIZER_MAX_DEPTH, r->pos);
  if (!read_head (r, &head))
    return FALSE;
  switch (head.major)
    {
    case 0:
      if (!definite (r, &head))
        return FALSE;
      _sock_serial_write_uint (r->out, head.arg);
      return TRUE;
    case 1:
      if (!definite (r, &head))
        return FALSE;
      _sock_serial_write_negative (r->out, head.arg);
      return TRUE;
    case 2: case 3:
      return read_string (r, &head);
    case 4:
      return read_array (r, &head, depth);
    case 5:
      return read_map (r, &head, depth);
    case 6:
      if (!definite (r, &head))
        return FALSE;
      if (head.arg == 2 || head.arg == 3)
        return read_bignum (r, &head);
      return read_value (r, depth + 1);
    default:
      return read_simple (r, &head);
    }
}

gboolean
_sock_cbor_to_json (const guint8        *data,
                    gsize                len,
                    GString             *out,
                    SockSerialElements  *elements,
                    GError             **error)
{
  Reader r = { "CBOR", data, len, 0, out, elements, error };

  return _sock_serial_read_message (&r, read_value);
}

/* --- JSON -> CBOR --- */

static void
put_head (GByteArray *out,
          guint8      major,
          guint64     n)
{
  major <<= 5;
  if (n < 24)
    {
      guint8 b = major | (guint8) n;
      g_byte_array_append (out, &b, 1);
    }
  else if (n <= 0xff)
    _sock_serial_put_be (out, major | 24, n, 1);
  else if (n <= 0xffff)
    _sock_serial_put_be (out, major | 25, n, 2);
  else if (n <= 0xffffffff)
    _sock_serial_put_be (out, major | 26, n, 4);
  else
    _sock_serial_put_be (out, major | 27, n, 8);
}

static void
enc_null (GByteArray *out)
{
  put_head (out, 7, 22);
}

static void
enc_boolean (GByteArray *out,
             gboolean    value)
{
  put_head (out, 7, value ? 21 : 20);
}

static void
enc_integer (GByteArray *out,
             gboolean    negative,
             guint64     n)
{
  put_head (out, negative ? 1 : 0, n);
}

/* A float32 when it keeps the value, as JavaScript's encoders do. */
static void
enc_real (GByteArray *out,
          double      value)
{
  float narrow = (float) value;

  if ((double) narrow == value)
    {
      union { float f; guint32 u; } bits = { narrow };
      _sock_serial_put_be (out, 0xfa, bits.u, 4);
    }
  else
    {
      union { double d; guint64 u; } bits = { value };
      _sock_serial_put_be (out, 0xfb, bits.u, 8);
    }
}

static void
enc_string (GByteArray *out,
            const char *data,
            gsize       len)
{
  put_head (out, 3, len);
  g_byte_array_append (out, (const guint8 *) data, len);
}

static void
enc_binary (GByteArray   *out,
            const guint8 *data,
            gsize         len)
{
  put_head (out, 2, len);
  g_byte_array_append (out, data, len);
}

static void
enc_array (GByteArray *out,
           gsize       n)
{
  put_head (out, 4, n);
}

static void
enc_map (GByteArray *out,
         gsize       n)
{
  put_head (out, 5, n);
}

/* Tags 2 and 3: the magnitude (minus one for negatives) in big-endian bytes. */
static gboolean
enc_bignum (GByteArray *out,
            gboolean    negative,
            const char *digits,
            gsize       len)
{
  g_autoptr(GByteArray) le = g_byte_array_new ();  /* little-endian while building */
  guint8 zero = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint carry = digits[i] - '0';

      for (guint k = 0; k < le->len; k++)
        {
          guint v = le->data[k] * 10 + carry;
          le->data[k] = (guint8) v;
          carry = v >> 8;
        }
      if (carry != 0)
        {
          guint8 top = (guint8) carry;  /* at most 9 */
          g_byte_array_append (le, &top, 1);
        }
    }
  if (negative)  /* beyond 2^64, so never zero */
    for (guint k = 0; k < le->len && le->data[k]-- == 0; k++)
      ;
  while (le->len > 0 && le->data[le->len - 1] == 0)
    g_byte_array_set_size (le, le->len - 1);
  if (le->len == 0)
    g_byte_array_append (le, &zero, 1);
  if (le->len > SOCK_SERIAL_MAX_BIGNUM_BYTES)
    return FALSE;
  put_head (out, 6, negative ? 3 : 2);
  put_head (out, 2, le->len);
  for (guint k = le->len; k-- > 0;)
    g_byte_array_append (out, &le->data[k], 1);
  return TRUE;
}

static const SockSerialEncoder cbor_encoder = {
  enc_null, enc_boolean, enc_integer, enc_real, enc_string, enc_binary, enc_array, enc_map, enc_bignum,
  G_MAXUINT64,
};

gboolean
_sock_cbor_from_json (const char  *json,
                      gsize        len,
                      GByteArray  *out,
                      GError     **error)
{
  return _sock_serial_encode_json (&cbor_encoder, json, len, out, error);
}
