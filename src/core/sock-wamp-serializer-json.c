/* sock-wamp-serializer-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON side of the binary serializers: writing JSON text for decoded
 * MessagePack / CBOR values, and walking JSON text to encode it.
 */

#include <stdarg.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-json-write.h"
#include "sock-wamp-serializer-private.h"

gboolean
_sock_serial_fail (GError    **error,
                   const char *format,
                   ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (SOCK_ERROR, SOCK_ERROR_PROTOCOL, format, args);
  va_end (args);
  return FALSE;
}

gboolean
_sock_serial_too_deep (SockSerialReader *r,
                       gsize             at,
                       guint             depth)
{
  if (depth < SOCK_WAMP_SERIALIZER_MAX_DEPTH)
    return FALSE;
  return !_sock_serial_fail (r->error, "%s message nests deeper than %d at byte %" G_GSIZE_FORMAT,
                             r->format, SOCK_WAMP_SERIALIZER_MAX_DEPTH, at);
}

gboolean
_sock_serial_read_message (SockSerialReader   *r,
                           SockSerialReadFunc  read_value)
{
  if (r->len == 0)
    return _sock_serial_fail (r->error, "empty %s message", r->format);
  if (!read_value (r, 0))
    return FALSE;
  if (r->pos != r->len)
    return _sock_serial_fail (r->error, "%" G_GSIZE_FORMAT " bytes after the end of the %s message "
                              "(at byte %" G_GSIZE_FORMAT ")", r->len - r->pos, r->format, r->pos);
  return TRUE;
}

void
_sock_serial_write_uint (GString *out,
                         guint64  value)
{
  /* Two digits per division: ids are 10 to 16 digits long. */
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
  char buf[24];
  char *p = buf + sizeof buf;

  if (value < 10)
    {
      g_string_append_c (out, (char) ('0' + value));
      return;
    }
  while (value >= 100)
    {
      guint i = (guint) (value % 100) * 2;

      value /= 100;
      *--p = pairs[i + 1];
      *--p = pairs[i];
    }
  if (value >= 10)
    {
      *--p = pairs[value * 2 + 1];
      *--p = pairs[value * 2];
    }
  else
    *--p = (char) ('0' + value);
  _sock_serial_put (out, p, buf + sizeof buf - p);
}

void
_sock_serial_write_negative (GString *out,
                             guint64  n)
{
  if (n == G_MAXUINT64)
    {
      g_string_append (out, "-18446744073709551616");
      return;
    }
  g_string_append_c (out, '-');
  _sock_serial_write_uint (out, n + 1);
}

/* Big-endian magnitude -> decimal, by repeated division by 10^9. */
void
_sock_serial_write_big_decimal (GString      *out,
                                const guint8 *bytes,
                                gsize         len,
                                gboolean      negative)
{
  g_autofree guint8 *num = g_malloc (len + 1);
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize start = 0;

  num[0] = 0;
  memcpy (num + 1, bytes, len);
  len++;
  if (negative)  /* tag 3 holds n for the value -1 - n */
    for (gsize i = len; i-- > 0;)
      if (++num[i] != 0)
        break;
  while (start < len)
    {
      guint64 rem = 0;

      if (num[start] == 0)
        {
          start++;
          continue;
        }
      for (gsize i = start; i < len; i++)
        {
          guint64 cur = rem * 256 + num[i];
          num[i] = (guint8) (cur / 1000000000);
          rem = cur % 1000000000;
        }
      for (int k = 0; k < 9; k++, rem /= 10)
        g_string_append_c (digits, (char) ('0' + rem % 10));
    }
  while (digits->len > 1 && digits->str[digits->len - 1] == '0')
    g_string_truncate (digits, digits->len - 1);
  if (digits->len == 0)
    g_string_append_c (digits, '0');
  if (negative)
    g_string_append_c (out, '-');
  for (gsize i = digits->len; i-- > 0;)
    g_string_append_c (out, digits->str[i]);
}

/* As the builders write doubles (sock-json-write.c), so that a transcoded frame and one they
 * wrote show a number the same way. */
void
_sock_serial_write_double (GString *out,
                           double   value)
{
  sock_json_write_double (out, value);
}

/* A float32 is shown as the double it widens to, exactly: JSON numbers are
 * doubles to every peer, and 0.1f is not 0.1. */
void
_sock_serial_write_float (GString *out,
                          float    value)
{
  _sock_serial_write_double (out, value);
}

/* The common case: printable ASCII without quotes or backslashes. */
static inline gboolean
is_plain (const guint8 *data,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] < 0x20 || data[i] >= 0x80 || data[i] == '"' || data[i] == '\\')
      return FALSE;
  return TRUE;
}

/* g_utf8_validate_len() refuses U+0000, which is valid UTF-8. */
static gboolean
utf8_validate_with_nul (const guint8 *data,
                        gsize         len)
{
  const guint8 *end = data + len;

  while (data < end)
    {
      const guint8 *nul = memchr (data, 0, end - data);
      const guint8 *stop = nul != NULL ? nul : end;

      if (!g_utf8_validate_len ((const char *) data, stop - data, NULL))
        return FALSE;
      data = stop + (nul != NULL);
    }
  return TRUE;
}

gboolean
_sock_serial_write_string (GString      *out,
                           const guint8 *data,
                           gsize         len)
{
  static const char hex[] = "0123456789abcdef";
  gsize run = 0;
  char *at;

  if (is_plain (data, len))
    {
      at = _sock_serial_reserve (out, len + 2);
      at[0] = '"';
      if (len > 0)  /* data may be NULL then */
        memcpy (at + 1, data, len);
      at[len + 1] = '"';
      out->len += len + 2;
      out->str[out->len] = '\0';
      return TRUE;
    }
  if (!utf8_validate_with_nul (data, len))
    return FALSE;
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      _sock_serial_put (out, (const char *) data + run, i - run);
      run = i + 1;
      switch (c)
        {
        case '"': _sock_serial_put_literal (out, "\\\""); break;
        case '\\': _sock_serial_put_literal (out, "\\\\"); break;
        case '\n': _sock_serial_put_literal (out, "\\n"); break;
        case '\r': _sock_serial_put_literal (out, "\\r"); break;
        case '\t': _sock_serial_put_literal (out, "\\t"); break;
        case '\b': _sock_serial_put_literal (out, "\\b"); break;
        case '\f': _sock_serial_put_literal (out, "\\f"); break;
        default:
          _sock_serial_put_literal (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xF]);
        }
    }
  _sock_serial_put (out, (const char *) data + run, len - run);
  g_string_append_c (out, '"');
  return TRUE;
}

void
_sock_serial_write_binary (GString      *out,
                           const guint8 *data,
                           gsize         len)
{
  gsize at;
  int state = 0, save = 0;

  g_string_append (out, "\"\\u0000");
  at = out->len;
  /* g_base64_encode_step's documented bound, plus the close. */
  g_string_set_size (out, at + (len / 3 + 1) * 4 + 4);
  at += g_base64_encode_step (data, len, FALSE, out->str + at, &state, &save);
  at += g_base64_encode_close (FALSE, out->str + at, &state, &save);
  g_string_truncate (out, at);
  g_string_append_c (out, '"');
}

void
_sock_serial_note_element (GString            *out,
                           SockSerialElements *elements,
                           gsize               start)
{
  SockJsonElement *e;
  const char *text = out->str + start;

  if (elements->n++ >= elements->max)
    return;
  e = &elements->elements[elements->n - 1];
  e->offset = start - elements->base;
  e->len = out->len - start;
  e->has_escapes = FALSE;
  switch (text[0])
    {
    case '"':
      e->kind = SOCK_JSON_STRING;
      e->has_escapes = memchr (text, '\\', e->len) != NULL;
      break;
    case '[': e->kind = SOCK_JSON_ARRAY; break;
    case '{': e->kind = SOCK_JSON_OBJECT; break;
    case 't': e->kind = SOCK_JSON_TRUE; break;
    case 'f': e->kind = SOCK_JSON_FALSE; break;
    case 'n': e->kind = SOCK_JSON_NULL; break;
    default: e->kind = SOCK_JSON_NUMBER; break;
    }
}

/* --- JSON -> binary --- */

typedef struct
{
  const SockSerialEncoder *encoder;
  const char              *p;
  const char              *end;
  GByteArray              *out;      /* NULL while counting */
  GArray                  *counts;   /* elements of each container, in the order they open */
  guint                    next;
  char                    *scratch;  /* room for the longest string */
} Walk;

static void walk_value (Walk *w);

static void
skip_space (Walk *w)
{
  while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' || *w->p == '\n' || *w->p == '\r'))
    w->p++;
}

static gboolean
is_strict_base64 (const char *s,
                  gsize       len)
{
  gsize pad = 0;

  if (len % 4 != 0)
    return FALSE;
  while (pad < 2 && pad < len && s[len - 1 - pad] == '=')
    pad++;
  for (gsize i = 0; i < len - pad; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/')
      return FALSE;
  return TRUE;
}

/* A string token; @as_key keeps "\u0000…" keys strings. */
static void
walk_string (Walk     *w,
             gboolean  as_key)
{
  SockJsonElement element = { SOCK_JSON_STRING, TRUE, 0, 0 };
  const char *start = w->p;
  gsize len;

  for (w->p++; *w->p != '"'; w->p++)
    if (*w->p == '\\')
      w->p++;
  w->p++;
  if (w->out == NULL)
    return;
  element.len = w->p - start;
  len = sock_json_decode_string (start, &element, w->scratch);
  if (!as_key && len > 0 && w->scratch[0] == '\0' && is_strict_base64 (w->scratch + 1, len - 1))
    {
      gsize n = 0;

      /* Decoding in place is safe: base64 shrinks. */
      w->scratch[len] = '\0';
      if (len > 1)
        g_base64_decode_inplace (w->scratch + 1, &n);
      w->encoder->binary (w->out, (const guint8 *) w->scratch + 1, n);
    }
  else
    w->encoder->string (w->out, w->scratch, len);
}

/* Digits of a magnitude; FALSE when it is beyond 2^64 - 1, except that
 * exactly 2^64 gives @is_2_64. */
static gboolean
parse_magnitude (const char *digits,
                 gsize       len,
                 guint64    *value,
                 gboolean   *is_2_64)
{
  guint64 v = 0;

  *is_2_64 = len == 20 && memcmp (digits, "18446744073709551616", 20) == 0;
  for (gsize i = 0; i < len; i++)
    {
      guint d = digits[i] - '0';

      if (v > (G_MAXUINT64 - d) / 10)
        return FALSE;
      v = v * 10 + d;
    }
  *value = v;
  return TRUE;
}

static void
walk_number (Walk *w)
{
  const char *start = w->p;
  gboolean integral = TRUE, negative = *start == '-', is_2_64;
  guint64 m = 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 8];
  gsize len;

  while (w->p < w->end && strchr ("+-0123456789.eE", *w->p) != NULL && *w->p != '\0')
    {
      if (*w->p == '.' || *w->p == 'e' || *w->p == 'E')
        integral = FALSE;
      w->p++;
    }
  if (w->out == NULL)
    return;
  len = w->p - start;
  if (integral)
    {
      const char *digits = start + negative;
      gsize n_digits = len - negative;
      gboolean fits = parse_magnitude (digits, n_digits, &m, &is_2_64);

      if (fits && (!negative || m == 0))
        {
          w->encoder->integer (w->out, FALSE, m);
          return;
        }
      if (negative && (fits || is_2_64) && (is_2_64 ? G_MAXUINT64 : m - 1) <= w->encoder->negative_max)
        {
          w->encoder->integer (w->out, TRUE, is_2_64 ? G_MAXUINT64 : m - 1);
          return;
        }
      /* 2^1024 has 309 digits: past that it is no bignum a decoder takes. */
      if (w->encoder->bignum != NULL && n_digits <= 309 &&
          w->encoder->bignum (w->out, negative, digits, n_digits))
        return;
    }
  if (len < sizeof buf)
    {
      memcpy (buf, start, len);
      buf[len] = '\0';
      w->encoder->real (w->out, g_ascii_strtod (buf, NULL));
    }
  else
    {
      g_autofree char *copy = g_strndup (start, len);

      w->encoder->real (w->out, g_ascii_strtod (copy, NULL));
    }
}

static guint
open_container (Walk *w)
{
  guint index = w->next++;
  guint zero = 0;

  if (w->out == NULL)
    g_array_append_val (w->counts, zero);
  return index;
}

static void
walk_container (Walk *w,
                char  close)
{
  guint index = open_container (w);

  if (w->out != NULL)
    {
      guint n = g_array_index (w->counts, guint, index);

      if (close == ']')
        w->encoder->array (w->out, n);
      else
        w->encoder->map (w->out, n);
    }
  w->p++;
  skip_space (w);
  while (*w->p != close)
    {
      if (close == '}')
        {
          walk_string (w, TRUE);
          skip_space (w);
          w->p++;  /* ':' */
        }
      walk_value (w);
      if (w->out == NULL)
        g_array_index (w->counts, guint, index)++;
      skip_space (w);
      if (*w->p == ',')
        {
          w->p++;
          skip_space (w);
        }
    }
  w->p++;
}

static void
walk_value (Walk *w)
{
  skip_space (w);
  switch (*w->p)
    {
    case '{': walk_container (w, '}'); break;
    case '[': walk_container (w, ']'); break;
    case '"': walk_string (w, FALSE); break;
    case 't':
      w->p += 4;
      if (w->out)
        w->encoder->boolean (w->out, TRUE);
      break;
    case 'f':
      w->p += 5;
      if (w->out)
        w->encoder->boolean (w->out, FALSE);
      break;
    case 'n':
      w->p += 4;
      if (w->out)
        w->encoder->null (w->out);
      break;
    default:
      walk_number (w);
    }
}

gboolean
_sock_serial_encode_json (const SockSerialEncoder *encoder,
                          const char              *json,
                          gsize                    len,
                          GByteArray              *out,
                          GError                 **error)
{
  g_autoptr(GArray) counts = NULL;
  g_autofree char *scratch = NULL;
  Walk w = { encoder, json, json + len, NULL, NULL, 0, NULL };

  /* The walk trusts the text once the strict scanner has accepted it (which
   * also bounds its depth). The scanner's "\0"-free documents end in a NUL
   * only if we make them: copy into a terminated buffer. */
  if (!sock_json_validate (json, len, NULL, NULL, error))
    return FALSE;
  scratch = g_malloc (len + 1);
  memcpy (scratch, json, len);
  scratch[len] = '\0';
  counts = g_array_new (FALSE, FALSE, sizeof (guint));
  w.p = scratch;
  w.end = scratch + len;
  w.counts = counts;
  walk_value (&w);

  w.scratch = g_malloc (len + 1);
  w.p = scratch;
  w.next = 0;
  w.out = out;
  walk_value (&w);
  g_free (w.scratch);
  return TRUE;
}
