/* sock-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-json-scan.h"

#include <string.h>

#include "sock-error.h"

typedef struct
{
  const guchar *p;
  gsize         len;
  gsize         pos;
  const char   *why;       /* set on the first error */
  gsize         error_at;
  gboolean      show_byte; /* append the offending byte to @why */
} Scan;

static gboolean scan_value (Scan *s, guint depth, SockJsonKind *kind, gboolean *has_escapes);

static gboolean
fail (Scan       *s,
      gsize       at,
      const char *why,
      gboolean    show_byte)
{
  s->why = why;
  s->error_at = at;
  s->show_byte = show_byte && at < s->len;
  return FALSE;
}

static inline void
skip_ws (Scan *s)
{
  while (s->pos < s->len)
    {
      guchar c = s->p[s->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      s->pos++;
    }
}

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_cont (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* Length of the valid UTF-8 sequence at @p, or 0: rejects overlong forms,
 * surrogates and code points beyond U+10FFFF as RFC 3629 requires. */
static gsize
utf8_sequence (const guchar *p,
               gsize         avail)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;

  if (c < 0xC2 || c > 0xF4)
    return 0;
  if (c < 0xE0)
    return avail >= 2 && is_cont (p[1]) ? 2 : 0;
  if (c < 0xF0)
    {
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
      return avail >= 3 && p[1] >= lo && p[1] <= hi && is_cont (p[2]) ? 3 : 0;
    }
  if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  return avail >= 4 && p[1] >= lo && p[1] <= hi && is_cont (p[2]) && is_cont (p[3]) ? 4 : 0;
}

static int
hex4 (const guchar *p)
{
  int v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = (v << 4) | d;
    }
  return v;
}

/* @s->pos is at a backslash. */
static gboolean
scan_escape (Scan *s)
{
  gsize at = s->pos;
  int cp, lo;

  if (at + 1 >= s->len)
    return fail (s, at, "unterminated string", FALSE);
  switch (s->p[at + 1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      s->pos += 2;
      return TRUE;
    case 'u':
      break;
    default:
      return fail (s, at, "invalid escape in string", FALSE);
    }
  if (at + 6 > s->len || (cp = hex4 (s->p + at + 2)) < 0)
    return fail (s, at, "invalid \\u escape in string", FALSE);
  s->pos += 6;
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    return fail (s, at, "lone low surrogate in string", FALSE);
  if (cp < 0xD800 || cp > 0xDBFF)
    return TRUE;
  if (s->pos + 6 > s->len || s->p[s->pos] != '\\' || s->p[s->pos + 1] != 'u' ||
      (lo = hex4 (s->p + s->pos + 2)) < 0xDC00 || lo > 0xDFFF)
    return fail (s, at, "lone high surrogate in string", FALSE);
  s->pos += 6;
  return TRUE;
}

/* @s->pos is at the opening quote. */
static gboolean
scan_string (Scan     *s,
             gboolean *has_escapes)
{
  gsize start = s->pos++;

  for (;;)
    {
      guchar c;
      gsize n;

      /* The hot loop: plain printable ASCII. */
      while (s->pos < s->len && (c = s->p[s->pos]) >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        s->pos++;
      if (s->pos >= s->len)
        return fail (s, start, "unterminated string", FALSE);
      c = s->p[s->pos];
      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          *has_escapes = TRUE;
          if (!scan_escape (s))
            return FALSE;
          continue;
        }
      if (c < 0x20)
        return fail (s, s->pos, "control character in string", TRUE);
      if ((n = utf8_sequence (s->p + s->pos, s->len - s->pos)) == 0)
        return fail (s, s->pos, "invalid UTF-8", TRUE);
      s->pos += n;
    }
}

static gboolean
scan_digits (Scan *s)
{
  gsize start = s->pos;

  while (s->pos < s->len && is_digit (s->p[s->pos]))
    s->pos++;
  return s->pos > start;
}

/* json-glib reads numbers as doubles, and one beyond their range comes back
 * as "inf", which is not JSON: reject those here (RFC 8259 lets a parser limit
 * the range of numbers). @digits are the integer and fraction digits. */
static gboolean
number_in_range (const guchar *int_part,
                 gsize         n_int,
                 const guchar *frac,
                 gsize         n_frac,
                 gint64        exponent)
{
  static const char max_digits[] = "17976931348623158";  /* G_MAXDOUBLE, rounded up */
  char lead[sizeof max_digits] = { 0 };
  gsize first = 0, n_lead = 0;
  gint64 magnitude;

  while (first < n_int && int_part[first] == '0')
    first++;
  if (first < n_int)
    magnitude = (gint64) (n_int - first) - 1 + exponent;
  else
    {
      gsize z = 0;

      while (z < n_frac && frac[z] == '0')
        z++;
      if (z == n_frac)
        return TRUE;  /* zero */
      magnitude = -(gint64) z - 1 + exponent;
    }
  if (magnitude != 308)
    return magnitude < 308;
  for (gsize i = first; i < n_int + n_frac && n_lead < sizeof lead - 1; i++)
    {
      guchar c = i < n_int ? int_part[i] : frac[i - n_int];

      if (n_lead > 0 || c != '0')
        lead[n_lead++] = c;
    }
  while (n_lead < sizeof lead - 1)
    lead[n_lead++] = '0';
  return strcmp (lead, max_digits) < 0;
}

static gboolean
scan_number (Scan *s)
{
  gsize start = s->pos;
  const guchar *int_part, *frac = NULL;
  gsize n_int, n_frac = 0;
  gint64 exponent = 0;

  if (s->p[s->pos] == '-')
    s->pos++;
  int_part = s->p + s->pos;
  if (s->pos < s->len && s->p[s->pos] == '0')
    {
      s->pos++;
      if (s->pos < s->len && is_digit (s->p[s->pos]))
        return fail (s, start, "leading zero in number", FALSE);
    }
  else if (!scan_digits (s))
    return fail (s, start, "invalid number", FALSE);
  n_int = s->p + s->pos - int_part;
  if (s->pos < s->len && s->p[s->pos] == '.')
    {
      frac = s->p + ++s->pos;
      if (!scan_digits (s))
        return fail (s, start, "invalid number", FALSE);
      n_frac = s->p + s->pos - frac;
    }
  if (s->pos < s->len && (s->p[s->pos] == 'e' || s->p[s->pos] == 'E'))
    {
      gboolean negative = FALSE;
      gsize digits;

      s->pos++;
      if (s->pos < s->len && (s->p[s->pos] == '+' || s->p[s->pos] == '-'))
        negative = s->p[s->pos++] == '-';
      digits = s->pos;
      if (!scan_digits (s))
        return fail (s, start, "invalid number", FALSE);
      for (; digits < s->pos; digits++)
        exponent = MIN (exponent * 10 + (s->p[digits] - '0'), 1000000);
      if (negative)
        exponent = -exponent;
    }
  /* Only long numbers and exponents can leave a double's range. */
  if ((exponent != 0 || n_int > 300) && !number_in_range (int_part, n_int, frac, n_frac, exponent))
    return fail (s, start, "number out of range", FALSE);
  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word,
              gsize       n)
{
  if (s->len - s->pos < n || memcmp (s->p + s->pos, word, n) != 0)
    return fail (s, s->pos, "unexpected character", TRUE);
  s->pos += n;
  return TRUE;
}

/* @s->pos is at '[' or '{'. Records the first @max elements of an array. */
static gboolean
scan_container (Scan            *s,
                guint            depth,
                SockJsonElement *elements,
                guint            max,
                guint           *count)
{
  gboolean is_object = s->p[s->pos] == '{';
  guchar close = is_object ? '}' : ']';
  guint n = 0;

  if (depth > SOCK_JSON_MAX_DEPTH)
    return fail (s, s->pos, "nesting deeper than 128 levels", FALSE);
  s->pos++;
  skip_ws (s);
  if (s->pos < s->len && s->p[s->pos] == close)
    {
      s->pos++;
      goto done;
    }
  for (;;)
    {
      SockJsonKind kind;
      gboolean esc = FALSE;
      gsize start;

      skip_ws (s);
      if (is_object)
        {
          if (s->pos >= s->len || s->p[s->pos] != '"')
            return fail (s, s->pos, s->pos >= s->len ? "unterminated object" : "expected a string key", FALSE);
          if (!scan_string (s, &esc))
            return FALSE;
          skip_ws (s);
          if (s->pos >= s->len || s->p[s->pos] != ':')
            return fail (s, s->pos, "expected ':' after a key", FALSE);
          s->pos++;
          skip_ws (s);
        }
      start = s->pos;
      if (!scan_value (s, depth, &kind, &esc))
        return FALSE;
      if (n < max)
        {
          elements[n].kind = kind;
          elements[n].has_escapes = esc;
          elements[n].offset = start;
          elements[n].len = s->pos - start;
        }
      n++;
      skip_ws (s);
      if (s->pos >= s->len)
        return fail (s, s->pos, is_object ? "unterminated object" : "unterminated array", FALSE);
      if (s->p[s->pos] == close)
        {
          s->pos++;
          break;
        }
      if (s->p[s->pos] != ',')
        return fail (s, s->pos, is_object ? "expected ',' or '}'" : "expected ',' or ']'", FALSE);
      s->pos++;
    }
done:
  if (count)
    *count = n;
  return TRUE;
}

/* @s->pos is at the first byte of a value (whitespace skipped). */
static gboolean
scan_value (Scan         *s,
            guint         depth,
            SockJsonKind *kind,
            gboolean     *has_escapes)
{
  if (s->pos >= s->len)
    return fail (s, s->pos, "unexpected end of input", FALSE);
  switch (s->p[s->pos])
    {
    case '"':
      *kind = SOCK_JSON_STRING;
      return scan_string (s, has_escapes);
    case '[':
      *kind = SOCK_JSON_ARRAY;
      return scan_container (s, depth + 1, NULL, 0, NULL);
    case '{':
      *kind = SOCK_JSON_OBJECT;
      return scan_container (s, depth + 1, NULL, 0, NULL);
    case 't':
      *kind = SOCK_JSON_TRUE;
      return scan_literal (s, "true", 4);
    case 'f':
      *kind = SOCK_JSON_FALSE;
      return scan_literal (s, "false", 5);
    case 'n':
      *kind = SOCK_JSON_NULL;
      return scan_literal (s, "null", 4);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      *kind = SOCK_JSON_NUMBER;
      return scan_number (s);
    default:
      return fail (s, s->pos, "unexpected character", TRUE);
    }
}

static gboolean
report (Scan    *s,
        gsize   *error_offset,
        GError **error)
{
  if (error_offset)
    *error_offset = s->error_at;
  if (!s->show_byte)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                 "invalid JSON at byte %" G_GSIZE_FORMAT ": %s", s->error_at, s->why);
  else if (s->p[s->error_at] >= 0x20 && s->p[s->error_at] < 0x7F)
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                 "invalid JSON at byte %" G_GSIZE_FORMAT ": %s '%c'", s->error_at, s->why,
                 s->p[s->error_at]);
  else
    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                 "invalid JSON at byte %" G_GSIZE_FORMAT ": %s (byte 0x%02x)", s->error_at, s->why,
                 s->p[s->error_at]);
  return FALSE;
}

/* Scans the top-level value and checks nothing but whitespace follows. */
static gboolean
scan_document (Scan            *s,
               SockJsonKind    *kind,
               SockJsonElement *elements,
               guint            max,
               guint           *count)
{
  gboolean esc = FALSE;

  skip_ws (s);
  if (s->pos >= s->len)
    return fail (s, 0, "empty document", FALSE);
  if (s->p[s->pos] == '[' && count)
    {
      *kind = SOCK_JSON_ARRAY;
      if (!scan_container (s, 1, elements, max, count))
        return FALSE;
    }
  else if (!scan_value (s, 0, kind, &esc))
    return FALSE;
  skip_ws (s);
  if (s->pos < s->len)
    return fail (s, s->pos, "unexpected data after the document", FALSE);
  return TRUE;
}

gboolean
sock_json_validate (const char    *data,
                    gsize          len,
                    SockJsonKind  *kind,
                    gsize         *error_offset,
                    GError       **error)
{
  Scan s = { (const guchar *) data, len, 0, NULL, 0, FALSE };
  SockJsonKind k = SOCK_JSON_INVALID;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!scan_document (&s, &k, NULL, 0, NULL))
    return report (&s, error_offset, error);
  if (kind)
    *kind = k;
  return TRUE;
}

gboolean
sock_json_validate_why (const char    *data,
                        gsize          len,
                        SockJsonKind  *kind,
                        const char   **why,
                        gsize         *error_offset)
{
  Scan s = { (const guchar *) data, len, 0, NULL, 0, FALSE };
  SockJsonKind k = SOCK_JSON_INVALID;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!scan_document (&s, &k, NULL, 0, NULL))
    {
      *why = s.why;
      *error_offset = s.error_at;
      return FALSE;
    }
  *kind = k;
  return TRUE;
}

gboolean
sock_json_scan_array (const char       *data,
                      gsize             len,
                      SockJsonElement  *elements,
                      guint             max_elements,
                      guint            *n_elements,
                      gsize            *error_offset,
                      GError          **error)
{
  Scan s = { (const guchar *) data, len, 0, NULL, 0, FALSE };
  SockJsonKind kind = SOCK_JSON_INVALID;
  guint count = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (elements != NULL || max_elements == 0, FALSE);

  if (!scan_document (&s, &kind, elements, max_elements, &count))
    return report (&s, error_offset, error);
  if (kind != SOCK_JSON_ARRAY)
    {
      if (error_offset)
        *error_offset = 0;
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "not a JSON array");
      return FALSE;
    }
  if (n_elements)
    *n_elements = count;
  return TRUE;
}

gsize
sock_json_decode_string (const char            *data,
                         const SockJsonElement *element,
                         char                  *out)
{
  const guchar *p = (const guchar *) data + element->offset + 1;
  const guchar *end = (const guchar *) data + element->offset + element->len - 1;
  char *o = out;

  g_return_val_if_fail (element->kind == SOCK_JSON_STRING, 0);

  if (!element->has_escapes)
    {
      memcpy (out, p, end - p);
      out[end - p] = '\0';
      return end - p;
    }
  while (p < end)
    {
      gunichar cp;

      if (*p != '\\')
        {
          *o++ = *p++;
          continue;
        }
      switch (p[1])
        {
        case 'b': *o++ = '\b'; p += 2; continue;
        case 'f': *o++ = '\f'; p += 2; continue;
        case 'n': *o++ = '\n'; p += 2; continue;
        case 'r': *o++ = '\r'; p += 2; continue;
        case 't': *o++ = '\t'; p += 2; continue;
        case 'u': break;
        default: *o++ = p[1]; p += 2; continue;
        }
      /* The scan has checked the escape and paired surrogates. */
      cp = hex4 (p + 2);
      p += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF)
        {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4 (p + 2) - 0xDC00);
          p += 6;
        }
      o += g_unichar_to_utf8 (cp, o);
    }
  *o = '\0';
  return o - out;
}

static inline guchar
digit_at (const char *int_part,
          gsize       n_int,
          const char *frac,
          gsize       i)
{
  return i < n_int ? int_part[i] : frac[i - n_int];
}

SockJsonIntegerResult
sock_json_parse_integer (const char            *data,
                         const SockJsonElement *element,
                         gint64                *value)
{
  const char *p = data + element->offset;
  const char *end = p + element->len;
  const char *int_part, *frac = NULL;
  gsize n_int, n_frac = 0, first, last;
  gint64 exponent = 0, scale;
  gboolean negative = FALSE;
  guint64 v = 0;

  if (element->kind != SOCK_JSON_NUMBER)
    return SOCK_JSON_INTEGER_NOT_INTEGER;
  /* An element of a document that was not scanned (sock_json_iter_next () over a frame that may
   * not be JSON) is only known to start like a number: nothing is read past its end. */
  if (p < end && *p == '-')
    negative = TRUE, p++;
  for (int_part = p; p < end && is_digit (*p); p++)
    ;
  n_int = p - int_part;
  if (n_int == 0)
    return SOCK_JSON_INTEGER_NOT_INTEGER;
  if (p < end && *p == '.')
    {
      for (frac = ++p; p < end && is_digit (*p); p++)
        ;
      n_frac = p - frac;
    }
  if (p < end)
    {
      gboolean neg_exp;
      const char *digits;

      if (*p != 'e' && *p != 'E')
        return SOCK_JSON_INTEGER_NOT_INTEGER;
      neg_exp = ++p < end && *p == '-';
      if (p < end && (*p == '-' || *p == '+'))
        p++;
      for (digits = p; p < end && is_digit (*p); p++)
        exponent = MIN (exponent * 10 + (*p - '0'), 1000000);
      if (p == digits || p < end)
        return SOCK_JSON_INTEGER_NOT_INTEGER;
      if (neg_exp)
        exponent = -exponent;
    }

  /* The value is digits × 10^scale; strip zeros at both ends to see whether
   * it is an integer, then bound the digit count before multiplying. */
  for (first = 0; first < n_int + n_frac && digit_at (int_part, n_int, frac, first) == '0'; first++)
    ;
  if (first == n_int + n_frac)
    {
      *value = 0;
      return SOCK_JSON_INTEGER_OK;
    }
  scale = exponent - (gint64) n_frac;
  for (last = n_int + n_frac - 1; digit_at (int_part, n_int, frac, last) == '0'; last--)
    scale++;
  if (scale < 0)
    return SOCK_JSON_INTEGER_NOT_INTEGER;
  if ((gint64) (last - first + 1) + scale > 16)
    return SOCK_JSON_INTEGER_OUT_OF_RANGE;
  for (gsize i = first; i <= last; i++)
    v = v * 10 + (digit_at (int_part, n_int, frac, i) - '0');
  for (; scale > 0; scale--)
    v *= 10;
  if (v > (guint64) SOCK_JSON_MAX_SAFE_INTEGER)
    return SOCK_JSON_INTEGER_OUT_OF_RANGE;
  *value = negative ? -(gint64) v : (gint64) v;
  return SOCK_JSON_INTEGER_OK;
}

const char *
sock_json_kind_to_string (SockJsonKind kind)
{
  switch (kind)
    {
    case SOCK_JSON_STRING: return "string";
    case SOCK_JSON_NUMBER: return "number";
    case SOCK_JSON_OBJECT: return "object";
    case SOCK_JSON_ARRAY: return "array";
    case SOCK_JSON_TRUE: return "true";
    case SOCK_JSON_FALSE: return "false";
    case SOCK_JSON_NULL: return "null";
    case SOCK_JSON_INVALID:
    default:
      return "invalid";
    }
}
