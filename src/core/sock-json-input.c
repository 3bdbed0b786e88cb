/* sock-json-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-input.h"
#include "sock-json-scan.h"
#include "sock-safe-text.h"

typedef struct
{
  const char *text;
  gsize       len;
  const char *what;
} Input;

typedef struct
{
  guint line;
  guint column;
} Position;

static Position
position_at (const Input *in,
             gsize        offset)
{
  Position pos = { 1, 1 };

  for (gsize i = 0; i < offset && i < in->len; i++)
    {
      guchar c = in->text[i];

      if (c == '\n')
        pos.line++, pos.column = 1;
      else if ((c & 0xC0) != 0x80)
        pos.column++;
    }
  return pos;
}

/* What is open at @offset: the innermost container's closing bracket (or 0), and whether
 * the text is inside a string (then @string_start says where it began). */
static char
open_at (const Input *in,
         gsize        offset,
         gboolean    *in_string,
         gsize       *string_start)
{
  g_autoptr(GString) stack = g_string_new (NULL);

  *in_string = FALSE;
  for (gsize i = 0; i < offset && i < in->len; i++)
    {
      char c = in->text[i];

      if (*in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            *in_string = FALSE;
        }
      else if (c == '"')
        *in_string = TRUE, *string_start = i;
      else if (c == '[' || c == '{')
        g_string_append_c (stack, c == '[' ? ']' : '}');
      else if ((c == ']' || c == '}') && stack->len > 0)
        g_string_truncate (stack, stack->len - 1);
    }
  return stack->len > 0 ? stack->str[stack->len - 1] : 0;
}

/* The word or character found at @offset, made safe to show. */
static char *
dup_found (const Input *in,
           gsize        offset)
{
  gsize n = 0;

  while (offset + n < in->len && n < 20 && (g_ascii_isalnum (in->text[offset + n]) || in->text[offset + n] == '_'))
    n++;
  if (n == 0)
    n = offset < in->len ? g_utf8_skip[(guchar) in->text[offset]] : 0;
  return sock_safe_text (in->text + offset, MIN (n, in->len - offset), 20, SOCK_SAFE_TEXT_ONE_LINE);
}

static char *
dup_end_problem (const Input *in,
                 const char  *why)
{
  Position end = position_at (in, in->len);
  gboolean in_string;
  gsize string_start = 0;
  char close = open_at (in, in->len, &in_string, &string_start);

  if (in_string)
    {
      Position start = position_at (in, string_start);

      return g_strdup_printf (_("missing \" at the end of line %u: the string at line %u, column %u is "
                                "never closed"), end.line, start.line, start.column);
    }
  if (g_str_equal (why, "unexpected end of input") && close != 0)
    return g_strdup_printf (_("missing a value and %c at the end of line %u"), close, end.line);
  if (close != 0)
    return g_strdup_printf (_("missing %c at the end of line %u"), close, end.line);
  return g_strdup_printf (_("the text ends too early, at the end of line %u"), end.line);
}

static char *
dup_problem (const Input *in,
             const char  *why,
             gsize        offset)
{
  Position at = position_at (in, offset);
  g_autofree char *found = dup_found (in, offset);
  gsize skip = 0;
  char first;

  while (skip < in->len && strchr (" \t\r\n", in->text[skip]) != NULL && in->text[skip] != '\0')
    skip++;
  first = skip < in->len ? in->text[skip] : '\0';

  if (g_str_equal (why, "empty document"))
    return g_strdup (_("it is empty"));
  if (g_str_equal (why, "unexpected data after the document"))
    return g_strdup_printf (first == '[' ? _("unexpected text after the array at line %u, column %u")
                            : first == '{' ? _("unexpected text after the object at line %u, column %u")
                            : _("unexpected text after the value at line %u, column %u"), at.line, at.column);
  if (offset >= in->len || g_str_equal (why, "unterminated string"))
    return dup_end_problem (in, why);
  if (g_str_equal (why, "expected ',' or ']'"))
    return g_strdup_printf (_("missing , or ] before “%s” at line %u, column %u"), found, at.line, at.column);
  if (g_str_equal (why, "expected ',' or '}'"))
    return g_strdup_printf (_("missing , or } before “%s” at line %u, column %u"), found, at.line, at.column);
  if (g_str_equal (why, "expected a string key"))
    return g_strdup_printf (_("expected a key in double quotes at line %u, column %u, found “%s”"),
                            at.line, at.column, found);
  if (g_str_equal (why, "expected ':' after a key"))
    return g_strdup_printf (_("missing : after the key, at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "unexpected character") && in->text[offset] == '\'')
    return g_strdup_printf (_("unexpected ' at line %u, column %u: JSON strings use double quotes"),
                            at.line, at.column);
  if (g_str_equal (why, "unexpected character") && g_ascii_isalpha (in->text[offset]))
    return g_strdup_printf (_("unexpected “%s” at line %u, column %u: text needs double quotes, "
                              "and the only words are true, false and null"), found, at.line, at.column);
  if (g_str_equal (why, "unexpected character"))
    return g_strdup_printf (_("unexpected “%s” at line %u, column %u"), found, at.line, at.column);
  if (g_str_equal (why, "control character in string"))
    return g_strdup_printf (_("a line break or control character inside a string at line %u, column %u "
                              "(write it as \\n or \\u00XX)"), at.line, at.column);
  if (g_str_equal (why, "invalid UTF-8"))
    return g_strdup_printf (_("text that is not UTF-8 at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "invalid escape in string"))
    return g_strdup_printf (_("an unknown escape in a string at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "invalid \\u escape in string"))
    return g_strdup_printf (_("\\u needs four hex digits, at line %u, column %u"), at.line, at.column);
  if (g_str_has_prefix (why, "lone "))
    return g_strdup_printf (_("half of a surrogate pair at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "leading zero in number"))
    return g_strdup_printf (_("a number cannot start with 0, at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "invalid number"))
    return g_strdup_printf (_("an incomplete number at line %u, column %u"), at.line, at.column);
  if (g_str_equal (why, "number out of range"))
    return g_strdup_printf (_("a number too large for JSON at line %u, column %u"), at.line, at.column);
  if (g_str_has_prefix (why, "nesting deeper"))
    return g_strdup_printf (_("nested deeper than %d levels at line %u, column %u"), SOCK_JSON_MAX_DEPTH,
                            at.line, at.column);
  return g_strdup_printf (_("invalid JSON at line %u, column %u"), at.line, at.column);
}

/* json-glib 1.6 ends a string at an escaped NUL: find one so it can be refused instead. */
static gboolean
find_escaped_nul (const Input *in,
                  gsize       *offset)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < in->len; i++)
    {
      char c = in->text[i];

      if (!in_string)
        in_string = c == '"';
      else if (c == '"')
        in_string = FALSE;
      else if (c == '\\' && i + 5 < in->len && memcmp (in->text + i + 1, "u0000", 5) == 0)
        {
          *offset = i;
          return TRUE;
        }
      else if (c == '\\')
        i++;
    }
  return FALSE;
}

static JsonNode *
fail (GError     **error,
      const Input *in,
      char        *problem)
{
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, "%s: %s", in->what, problem);
  g_free (problem);
  return NULL;
}

static gboolean
check_syntax (const Input        *in,
              SockJsonInputKind   kind,
              GError            **error)
{
  SockJsonKind found = SOCK_JSON_INVALID;
  const char *why = NULL;
  gsize offset = 0;

  if (!sock_json_validate_why (in->text, in->len, &found, &why, &offset))
    return fail (error, in, dup_problem (in, why, offset)) != NULL;
  if (kind == SOCK_JSON_INPUT_ARRAY && found != SOCK_JSON_ARRAY)
    return fail (error, in, g_strdup (_("must be a JSON array, e.g. [1, \"two\"]"))) != NULL;
  if (kind == SOCK_JSON_INPUT_OBJECT && found != SOCK_JSON_OBJECT)
    return fail (error, in, g_strdup (_("must be a JSON object, e.g. {\"a\": 1}"))) != NULL;
  return TRUE;
}

JsonNode *
sock_json_input_parse (const char         *text,
                       gssize              len,
                       SockJsonInputKind   kind,
                       const char         *what,
                       GError            **error)
{
  Input in = { text, len < 0 ? strlen (text) : (gsize) len, what };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize offset = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (!check_syntax (&in, kind, error))
    return NULL;
  if (find_escaped_nul (&in, &offset))
    {
      Position at = position_at (&in, offset);

      return fail (error, &in, g_strdup_printf (_("a string contains \\u0000 (NUL) at line %u, column %u, "
                                                  "which cannot be sent exactly"), at.line, at.column));
    }
  /* The scanner accepted it: json-glib reads the same text the same way. */
  if (!json_parser_load_from_data (parser, in.text, in.len, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* --- checking text to send as it is --- */

/* What is wrong with the base64 after a binary string's NUL, or NULL. */
static char *
dup_base64_problem (const char *b64,
                    gsize       len)
{
  gsize pad = 0;

  while (pad < 2 && pad < len && b64[len - 1 - pad] == '=')
    pad++;
  for (gsize i = 0; i < len - pad; i++)
    if (!g_ascii_isalnum (b64[i]) && b64[i] != '+' && b64[i] != '/')
      {
        g_autofree char *found = sock_safe_text (b64 + i, g_utf8_skip[(guchar) b64[i]], 8,
                                                 SOCK_SAFE_TEXT_ONE_LINE);

        return g_strdup_printf (_("“%s” is not a base64 character"), found);
      }
  if (len % 4 != 0)
    {
      g_autofree char *n = sock_format_number (len);

      /* TRANSLATORS: %s is a count of characters, "1,023" */
      return g_strdup_printf (_("its %s base64 characters are not a multiple of 4 (pad with =)"), n);
    }
  return NULL;
}

static gboolean
check_binary (const Input  *in,
              gsize         start,
              gsize         end,
              GError      **error)
{
  SockJsonElement element = { SOCK_JSON_STRING, TRUE, start, end - start };
  g_autofree char *decoded = NULL;
  g_autofree char *problem = NULL;
  gsize n;
  Position at;

  /* valid JSON has no raw NUL: a string starts with one only as the escape "\u0000" */
  if (end - start < 8 || memcmp (in->text + start + 1, "\\u0000", 6) != 0)
    return TRUE;
  decoded = g_malloc (end - start + 1);
  n = sock_json_decode_string (in->text, &element, decoded);
  if (!(problem = dup_base64_problem (decoded + 1, n - 1)))
    return TRUE;
  at = position_at (in, start);
  fail (error, in, g_strdup_printf (_("the binary string (\\u0000 and base64) at line %u, column %u is not "
                                      "valid base64: %s"), at.line, at.column, problem));
  return FALSE;
}

/* Whether the digits of a magnitude (no leading zeros) are at most @max's. */
static gboolean
at_most (const char *digits,
         gsize       len,
         const char *max)
{
  gsize max_len = strlen (max);

  return len < max_len || (len == max_len && memcmp (digits, max, len) <= 0);
}

static gboolean
check_integer (const Input         *in,
               gsize                start,
               gsize                end,
               SockWampSerializer   serializer,
               GError             **error)
{
  gboolean negative = in->text[start] == '-';
  const char *digits = in->text + start + negative;
  gsize len = end - start - negative;
  g_autofree char *number = NULL;
  Position at;

  if (serializer == SOCK_WAMP_SERIALIZER_MSGPACK
      && at_most (digits, len, negative ? "9223372036854775808" : "18446744073709551615"))
    return TRUE;
  if (serializer == SOCK_WAMP_SERIALIZER_CBOR && len <= 308)
    return TRUE;
  at = position_at (in, start);
  number = sock_safe_text (in->text + start, end - start, 40, SOCK_SAFE_TEXT_ONE_LINE);
  if (serializer == SOCK_WAMP_SERIALIZER_MSGPACK)
    fail (error, in, g_strdup_printf (_("the integer %s at line %u, column %u does not fit in MessagePack, whose "
                                        "integers reach from -2^63 to 2^64-1: send it as a string, or connect "
                                        "with CBOR or JSON"), number, at.line, at.column));
  else
    fail (error, in, g_strdup_printf (_("the integer %s at line %u, column %u has more than 308 digits, more "
                                        "than a CBOR bignum here holds"), number, at.line, at.column));
  return FALSE;
}

gboolean
sock_json_input_check (const char          *text,
                       gssize               len,
                       SockJsonInputKind    kind,
                       SockWampSerializer   serializer,
                       const char          *what,
                       GError             **error)
{
  Input in = { text, len < 0 ? strlen (text) : (gsize) len, what };
  gsize i = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  if (!check_syntax (&in, kind, error))
    return FALSE;
  /* The scanner accepted it: strings and numbers can be picked out without a tree. */
  while (i < in.len)
    {
      char c = in.text[i];
      gsize start = i, k;

      if (c == '"')
        {
          for (i++; in.text[i] != '"'; i++)
            if (in.text[i] == '\\')
              i++;
          i++;
          for (k = i; k < in.len && strchr (" \t\r\n", in.text[k]) != NULL && in.text[k] != '\0'; k++)
            ;
          /* keys stay strings whatever they hold */
          if ((k >= in.len || in.text[k] != ':') && !check_binary (&in, start, i, error))
            return FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean integral = TRUE;

          for (; i < in.len && strchr ("+-0123456789.eE", in.text[i]) != NULL && in.text[i] != '\0'; i++)
            integral = integral && strchr (".eE", in.text[i]) == NULL;
          if (integral && serializer != SOCK_WAMP_SERIALIZER_JSON
              && !check_integer (&in, start, i, serializer, error))
            return FALSE;
        }
      else
        i++;
    }
  return TRUE;
}
