/* sock-msgpack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MessagePack <-> JSON text for WAMP's wamp.2.msgpack. A small decoder of our
 * own: it writes JSON straight from the bytes with no tree in between, checks
 * every declared length against what is left of the frame, and bounds the
 * nesting depth (msgpack-c builds a tree in a zone first and is slower here;
 * see tests/bench/bench-wamp-codec.c).
 */

#include <string.h>

#include "sock-wamp-serializer-private.h"

typedef SockSerialReader Reader;

static gboolean read_value (Reader *r, guint depth);

/* The length field of a str / bin / array / map that follows the head. */
static gboolean
read_length (Reader *r,
             guint   n_bytes,
             gsize  *length)
{
  if (!_sock_serial_need (r, n_bytes))
    return FALSE;
  *length = _sock_serial_get_be (r->data + r->pos, n_bytes);
  r->pos += n_bytes;
  return TRUE;
}

static gboolean
read_bytes (Reader   *r,
            gsize     at,
            gsize     length,
            gboolean  binary)
{
  const guint8 *bytes = r->data + r->pos;

  if (!_sock_serial_need (r, length))
    return FALSE;
  r->pos += length;
  if (binary)
    {
      _sock_serial_write_binary (r->out, bytes, length);
      return TRUE;
    }
  if (!_sock_serial_write_string (r->out, bytes, length))
    return _sock_serial_fail (r->error, "MessagePack string at byte %" G_GSIZE_FORMAT " is not valid UTF-8",
                              at);
  return TRUE;
}

static gboolean
read_array (Reader *r,
            gsize   at,
            gsize   n,
            guint   depth)
{
  gboolean top;

  if (_sock_serial_too_deep (r, at, depth))
    return FALSE;
  /* Every element takes at least a byte: refuse huge counts before looping. */
  if (n > r->len - r->pos)
    return _sock_serial_fail (r->error, "MessagePack array at byte %" G_GSIZE_FORMAT " declares %" G_GSIZE_FORMAT
                              " elements but only %" G_GSIZE_FORMAT " bytes follow", at, n, r->len - r->pos);
  top = _sock_serial_open_array (r);
  for (gsize i = 0; i < n; i++)
    if (!_sock_serial_read_element (r, read_value, top, i, depth + 1))
      return FALSE;
  g_string_append_c (r->out, ']');
  return TRUE;
}

/* Keys that are not strings are written as strings of their JSON text. */
static gboolean
read_key (Reader *r,
          guint   depth)
{
  gsize at = r->out->len;
  guint8 head;

  if (!_sock_serial_need (r, 1))
    return FALSE;
  head = r->data[r->pos];

  if ((head >= 0xa0 && head <= 0xbf) || head == 0xd9 || head == 0xda || head == 0xdb ||
      head == 0xc4 || head == 0xc5 || head == 0xc6)
    return read_value (r, depth);
  if ((head >= 0x80 && head <= 0x9f) || head == 0xdc || head == 0xdd || head == 0xde || head == 0xdf)
    return _sock_serial_fail (r->error, "MessagePack map key at byte %" G_GSIZE_FORMAT " is an array or a map, "
                              "which JSON cannot show", r->pos);
  if (!read_value (r, depth))
    return FALSE;
  g_string_insert_c (r->out, at, '"');
  g_string_append_c (r->out, '"');
  return TRUE;
}

static gboolean
read_map (Reader *r,
          gsize   at,
          gsize   n,
          guint   depth)
{
  if (_sock_serial_too_deep (r, at, depth))
    return FALSE;
  if (n > (r->len - r->pos) / 2)
    return _sock_serial_fail (r->error, "MessagePack map at byte %" G_GSIZE_FORMAT " declares %" G_GSIZE_FORMAT
                              " entries but only %" G_GSIZE_FORMAT " bytes follow", at, n, r->len - r->pos);
  g_string_append_c (r->out, '{');
  for (gsize i = 0; i < n; i++)
    if (!_sock_serial_read_entry (r, read_key, read_value, i, depth + 1))
      return FALSE;
  g_string_append_c (r->out, '}');
  return TRUE;
}

static gboolean
read_number (Reader *r,
             guint8  head)
{
  static const guint8 sizes[] = { 4, 8, 1, 2, 4, 8, 1, 2, 4, 8 };  /* 0xca … 0xd3 */
  guint size = sizes[head - 0xca];
  guint64 v;

  if (!_sock_serial_need (r, size))
    return FALSE;
  v = _sock_serial_get_be (r->data + r->pos, size);
  r->pos += size;
  if (head == 0xca)
    {
      union { guint32 u; float f; } bits = { (guint32) v };

      _sock_serial_write_float (r->out, bits.f);
    }
  else if (head == 0xcb)
    {
      union { guint64 u; double d; } bits = { v };
      _sock_serial_write_double (r->out, bits.d);
    }
  else if (head <= 0xcf)
    _sock_serial_write_uint (r->out, v);
  else
    {
      /* Sign-extend the two's complement value of @size bytes. */
      gint64 s = size == 8 ? (gint64) v : (gint64) (v ^ (G_GUINT64_CONSTANT (1) << (8 * size - 1))) -
                                          (G_GINT64_CONSTANT (1) << (8 * size - 1));
      if (s >= 0)
        _sock_serial_write_uint (r->out, (guint64) s);
      else
        _sock_serial_write_negative (r->out, (guint64) (-(s + 1)));
    }
  return TRUE;
}

static gboolean
read_value (Reader *r,
            guint   depth)
{
  gsize at = r->pos, n;
  guint8 head;

  if (depth > SOCK_WAMP_SERIALIZER_MAX_DEPTH)
    return _sock_serial_fail (r->error, "MessagePack message nests deeper than %d at byte %" G_GSIZE_FORMAT,
                              SOCK_WAMP_SERIALIZER_MAX_DEPTH, r->pos);
  if (!_sock_serial_need (r, 1))
    return FALSE;
  head = r->data[r->pos++];
  if (head <= 0x7f)
    _sock_serial_write_uint (r->out, head);
  else if (head >= 0xe0)
    _sock_serial_write_negative (r->out, (guint64) (0xff - head));
  else if (head <= 0x8f)
    return read_map (r, at, head & 0x0f, depth);
  else if (head <= 0x9f)
    return read_array (r, at, head & 0x0f, depth);
  else if (head <= 0xbf)
    return read_bytes (r, at, head & 0x1f, FALSE);
  else
    switch (head)
      {
      case 0xc0: _sock_serial_put_literal (r->out, "null"); break;
      case 0xc2: _sock_serial_put_literal (r->out, "false"); break;
      case 0xc3: _sock_serial_put_literal (r->out, "true"); break;
      case 0xc4: return read_length (r, 1, &n) && read_bytes (r, at, n, TRUE);
      case 0xc5: return read_length (r, 2, &n) && read_bytes (r, at, n, TRUE);
      case 0xc6: return read_length (r, 4, &n) && read_bytes (r, at, n, TRUE);
      case 0xd9: return read_length (r, 1, &n) && read_bytes (r, at, n, FALSE);
      case 0xda: return read_length (r, 2, &n) && read_bytes (r, at, n, FALSE);
      case 0xdb: return read_length (r, 4, &n) && read_bytes (r, at, n, FALSE);
      case 0xdc: return read_length (r, 2, &n) && read_array (r, at, n, depth);
      case 0xdd: return read_length (r, 4, &n) && read_array (r, at, n, depth);
      case 0xde: return read_length (r, 2, &n) && read_map (r, at, n, depth);
      case 0xdf: return read_length (r, 4, &n) && read_map (r, at, n, depth);
      case 0xc1:
        return _sock_serial_fail (r->error, "byte %" G_GSIZE_FORMAT " is 0xc1, which MessagePack never uses",
                                  r->pos - 1);
      case 0xc7: case 0xc8: case 0xc9:
      case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8:
        return _sock_serial_fail (r->error, "MessagePack extension type at byte %" G_GSIZE_FORMAT
                                  ": WAMP messages do not use extension types", r->pos - 1);
      default:
        return read_number (r, head);
      }
  return TRUE;
}

gboolean
_sock_msgpack_to_json (const guint8        *data,
                       gsize                len,
                       GString             *out,
                       SockSerialElements  *elements,
                       GError             **error)
{
  Reader r = { "MessagePack", data, len, 0, out, elements, error };

  return _sock_serial_read_message (&r, read_value);
}

/* --- JSON -> MessagePack --- */

/* A fix form for small @n (if any, @fix_max > 0), else the narrowest of the 8- (if any, @head8 != 0),
 * 16- and 32-bit forms, whose heads follow one another. */
static void
put_sized (GByteArray *out,
           guint8      fix_base,
           gsize       fix_max,
           guint8      head8,
           guint8      head16,
           gsize       n)
{
  if (fix_max > 0 && n <= fix_max)
    {
      guint8 b = fix_base | (guint8) n;
      g_byte_array_append (out, &b, 1);
    }
  else if (n <= 0xff && head8 != 0)
    _sock_serial_put_be (out, head8, n, 1);
  else if (n <= 0xffff)
    _sock_serial_put_be (out, head16, n, 2);
  else
    _sock_serial_put_be (out, head16 + 1, n, 4);
}

static void
enc_null (GByteArray *out)
{
  guint8 b = 0xc0;

  g_byte_array_append (out, &b, 1);
}

static void
enc_boolean (GByteArray *out,
             gboolean    value)
{
  guint8 b = value ? 0xc3 : 0xc2;

  g_byte_array_append (out, &b, 1);
}

static void
enc_integer (GByteArray *out,
             gboolean    negative,
             guint64     n)
{
  if (!negative)
    {
      if (n <= 0x7f)
        {
          guint8 b = (guint8) n;
          g_byte_array_append (out, &b, 1);
        }
      else
        _sock_serial_put_be (out, n <= 0xff ? 0xcc : n <= 0xffff ? 0xcd : n <= 0xffffffff ? 0xce : 0xcf, n,
                             n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffffff ? 4 : 8);
      return;
    }
  /* -1 - n, two's complement */
  if (n < 32)
    {
      guint8 b = (guint8) (0xff - n);
      g_byte_array_append (out, &b, 1);
    }
  else if (n < 0x80)
    _sock_serial_put_be (out, 0xd0, ~n, 1);
  else if (n < 0x8000)
    _sock_serial_put_be (out, 0xd1, ~n, 2);
  else if (n < 0x80000000)
    _sock_serial_put_be (out, 0xd2, ~n, 4);
  else
    _sock_serial_put_be (out, 0xd3, ~n, 8);
}

static void
enc_real (GByteArray *out,
          double      value)
{
  union { double d; guint64 u; } bits = { value };

  _sock_serial_put_be (out, 0xcb, bits.u, 8);
}

static void
enc_string (GByteArray *out,
            const char *data,
            gsize       len)
{
  put_sized (out, 0xa0, 31, 0xd9, 0xda, len);
  g_byte_array_append (out, (const guint8 *) data, len);
}

static void
enc_binary (GByteArray   *out,
            const guint8 *data,
            gsize         len)
{
  put_sized (out, 0, 0, 0xc4, 0xc5, len);
  g_byte_array_append (out, data, len);
}

static void
enc_array (GByteArray *out,
           gsize       n)
{
  put_sized (out, 0x90, 15, 0, 0xdc, n);
}

static void
enc_map (GByteArray *out,
         gsize       n)
{
  put_sized (out, 0x80, 15, 0, 0xde, n);
}

static const SockSerialEncoder msgpack_encoder = {
  enc_null, enc_boolean, enc_integer, enc_real, enc_string, enc_binary, enc_array, enc_map, NULL,
  G_MAXINT64,
};

gboolean
_sock_msgpack_from_json (const char  *json,
                         gsize        len,
                         GByteArray  *out,
                         GError     **error)
{
  return _sock_serial_encode_json (&msgpack_encoder, json, len, out, error);
}
