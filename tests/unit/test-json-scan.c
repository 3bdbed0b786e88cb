/* test-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"

typedef struct
{
  const char *name;
  const char *doc;
  gssize      len;       /* -1: strlen */
  const char *error;     /* NULL: valid */
  SockJsonKind kind;     /* of the top-level value when valid */
  int         n;         /* top-level array length, -1 when not an array */
} ScanCase;

static const ScanCase cases[] = {
  { "empty-array", "[]", -1, NULL, SOCK_JSON_ARRAY, 0 },
  { "numbers", "[-0, 1e3, 1.5E-3, 0.0, -12, 2E+2]", -1, NULL, SOCK_JSON_ARRAY, 6 },
  { "literals", "[true,false,null]", -1, NULL, SOCK_JSON_ARRAY, 3 },
  { "whitespace", " \t\r\n[ 1 ,\n\"a\" ] \n", -1, NULL, SOCK_JSON_ARRAY, 2 },
  { "brackets-in-strings", "[{\"a\":\"]}\",\"b\":[\"[\",\"{\"]},\"\\\"]\"]", -1, NULL, SOCK_JSON_ARRAY, 2 },
  { "escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\"]", -1, NULL, SOCK_JSON_ARRAY, 1 },
  { "surrogate-pair", "[\"\\ud83d\\ude00\"]", -1, NULL, SOCK_JSON_ARRAY, 1 },
  { "raw-utf8", "[\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\"]", -1, NULL, SOCK_JSON_ARRAY, 1 },
  { "object-top", "{\"a\":[1,2]}", -1, NULL, SOCK_JSON_OBJECT, -1 },
  { "string-top", "\"x\"", -1, NULL, SOCK_JSON_STRING, -1 },
  { "number-top", " 42 ", -1, NULL, SOCK_JSON_NUMBER, -1 },
  { "largest-double", "[1.7976931348623157e308, -1.7976931348623157E+308, 5e-324, 1e-99999]", -1, NULL,
    SOCK_JSON_ARRAY, 4 },
  { "beyond-double", "[1, 1.8e308]", -1, "invalid JSON at byte 4: number out of range" },
  { "beyond-double-exponent", "[17E65554]", -1, "invalid JSON at byte 1: number out of range" },
  { "beyond-double-digits", "[0.0001e313]", -1, "invalid JSON at byte 1: number out of range" },
  { "empty", "", -1, "invalid JSON at byte 0: empty document" },
  { "blank", "  \n", -1, "invalid JSON at byte 0: empty document" },
  { "trailing-comma", "[1,]", -1, "invalid JSON at byte 3: unexpected character ']'" },
  { "missing-comma", "[1 2]", -1, "invalid JSON at byte 3: expected ',' or ']'" },
  { "leading-zero", "[01]", -1, "invalid JSON at byte 1: leading zero in number" },
  { "bare-fraction", "[1.]", -1, "invalid JSON at byte 1: invalid number" },
  { "bare-exponent", "[1e]", -1, "invalid JSON at byte 1: invalid number" },
  { "plus-sign", "[+1]", -1, "invalid JSON at byte 1: unexpected character '+'" },
  { "nan", "[NaN]", -1, "invalid JSON at byte 1: unexpected character 'N'" },
  { "truncated-literal", "[tru]", -1, "invalid JSON at byte 1: unexpected character 't'" },
  { "unterminated-string", "[\"abc]", -1, "invalid JSON at byte 1: unterminated string" },
  { "bad-escape", "[\"\\x\"]", -1, "invalid JSON at byte 2: invalid escape in string" },
  { "short-unicode-escape", "[\"\\u12\"]", -1, "invalid JSON at byte 2: invalid \\u escape in string" },
  { "lone-high-surrogate", "[\"\\ud83d\"]", -1, "invalid JSON at byte 2: lone high surrogate in string" },
  { "lone-low-surrogate", "[\"\\ude00x\"]", -1, "invalid JSON at byte 2: lone low surrogate in string" },
  { "control-char", "[\"a\x01\"]", -1, "invalid JSON at byte 3: control character in string (byte 0x01)" },
  { "raw-newline", "[\"a\nb\"]", -1, "invalid JSON at byte 3: control character in string (byte 0x0a)" },
  { "nul-byte", "[\"a\0b\"]", 7, "invalid JSON at byte 3: control character in string (byte 0x00)" },
  { "invalid-utf8", "[\"\xff\"]", -1, "invalid JSON at byte 2: invalid UTF-8 (byte 0xff)" },
  { "overlong-utf8", "[\"\xc0\xaf\"]", -1, "invalid JSON at byte 2: invalid UTF-8 (byte 0xc0)" },
  { "utf8-surrogate", "[\"\xed\xa0\x80\"]", -1, "invalid JSON at byte 2: invalid UTF-8 (byte 0xed)" },
  { "truncated-utf8", "[\"\xe2\x82", -1, "invalid JSON at byte 2: invalid UTF-8 (byte 0xe2)" },
  { "latin1-outside-string", "[\xe9]", -1, "invalid JSON at byte 1: unexpected character (byte 0xe9)" },
  { "trailing-garbage", "[1] x", -1, "invalid JSON at byte 4: unexpected data after the document" },
  { "two-documents", "[1][2]", -1, "invalid JSON at byte 3: unexpected data after the document" },
  { "truncated-array", "[1", -1, "invalid JSON at byte 2: unterminated array" },
  { "truncated-after-comma", "[1,", -1, "invalid JSON at byte 3: unexpected end of input" },
  { "truncated-object", "[{\"a\":1", -1, "invalid JSON at byte 7: unterminated object" },
  { "missing-colon", "{\"a\" 1}", -1, "invalid JSON at byte 5: expected ':' after a key" },
  { "number-key", "{1:2}", -1, "invalid JSON at byte 1: expected a string key" },
  { "single-quotes", "['a']", -1, "invalid JSON at byte 1: unexpected character '''" },
  { "bom", "\xef\xbb\xbf[]", -1, "invalid JSON at byte 0: unexpected character (byte 0xef)" },
};

static void
test_json_scan_case (gconstpointer data)
{
  const ScanCase *c = data;
  gsize len = c->len < 0 ? strlen (c->doc) : (gsize) c->len;
  g_autoptr(GError) error = NULL;
  SockJsonKind kind = SOCK_JSON_INVALID;
  gsize offset = G_MAXSIZE;
  gboolean ok;

  ok = sock_json_validate (c->doc, len, &kind, &offset, &error);
  if (c->error != NULL)
    {
      g_autofree char *prefix = NULL;

      g_assert_false (ok);
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
      g_assert_cmpstr (error->message, ==, c->error);
      prefix = g_strdup_printf ("invalid JSON at byte %" G_GSIZE_FORMAT ":", offset);
      g_assert_true (g_str_has_prefix (c->error, prefix));
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (kind, ==, c->kind);

  /* Whatever we accept, json-glib accepts too. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, c->doc, len, &error));
    g_assert_no_error (error);
  }

  if (c->n >= 0)
    {
      SockJsonElement elements[8];
      guint n = 99;

      g_assert_true (sock_json_scan_array (c->doc, len, elements, G_N_ELEMENTS (elements), &n, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, c->n);
    }
  else
    {
      SockJsonElement elements[1];

      g_assert_false (sock_json_scan_array (c->doc, len, elements, 1, NULL, &offset, &error));
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
      g_assert_cmpstr (error->message, ==, "not a JSON array");
    }
}

static void
test_json_scan_elements (void)
{
  const char *doc = " [36, \"a\\\"b\", {\"x\":[1,\"]\"]}, [ ], true, null, -2.5e1 ] ";
  static const struct { SockJsonKind kind; const char *text; } expected[] = {
    { SOCK_JSON_NUMBER, "36" },
    { SOCK_JSON_STRING, "\"a\\\"b\"" },
    { SOCK_JSON_OBJECT, "{\"x\":[1,\"]\"]}" },
    { SOCK_JSON_ARRAY, "[ ]" },
    { SOCK_JSON_TRUE, "true" },
    { SOCK_JSON_NULL, "null" },
  };
  SockJsonElement elements[6];
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (sock_json_scan_array (doc, strlen (doc), elements, G_N_ELEMENTS (elements), &n, NULL, &error));
  g_assert_no_error (error);
  /* Seven elements, of which the first six were recorded. */
  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = g_strndup (doc + elements[i].offset, elements[i].len);

      g_assert_cmpint (elements[i].kind, ==, expected[i].kind);
      g_assert_cmpstr (text, ==, expected[i].text);
    }
  g_assert_false (elements[0].has_escapes);
  g_assert_true (elements[1].has_escapes);
}

static void
test_json_scan_decode_string (void)
{
  static const struct { const char *json; const char *utf8; gsize len; } strings[] = {
    { "[\"plain\"]", "plain", 5 },
    { "[\"\"]", "", 0 },
    { "[\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"]", "q\"b\\s/n\nt\tr\rb\bf\f", 16 },
    { "[\"\\u00e9\\u20AC\"]", "\xc3\xa9\xe2\x82\xac", 5 },
    { "[\"\\ud83d\\ude00!\"]", "\xf0\x9f\x98\x80!", 5 },
    { "[\"raw \xc3\xa9\"]", "raw \xc3\xa9", 6 },
    { "[\"a\\u0000b\"]", "a\0b", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      SockJsonElement el;
      g_autofree char *out = NULL;
      guint n = 0;
      gsize len;

      g_assert_true (sock_json_scan_array (strings[i].json, strlen (strings[i].json), &el, 1, &n, NULL, NULL));
      out = g_malloc (el.len);
      len = sock_json_decode_string (strings[i].json, &el, out);
      g_assert_cmpuint (len, ==, strings[i].len);
      g_assert_cmpmem (out, len, strings[i].utf8, strings[i].len);
      g_assert_cmpint (out[len], ==, '\0');
    }
}

static void
test_json_scan_integers (void)
{
  static const struct { const char *json; SockJsonIntegerResult result; gint64 value; } numbers[] = {
    { "[0]", SOCK_JSON_INTEGER_OK, 0 },
    { "[-0]", SOCK_JSON_INTEGER_OK, 0 },
    { "[42]", SOCK_JSON_INTEGER_OK, 42 },
    { "[-17]", SOCK_JSON_INTEGER_OK, -17 },
    { "[1e3]", SOCK_JSON_INTEGER_OK, 1000 },
    { "[10.0]", SOCK_JSON_INTEGER_OK, 10 },
    { "[2.5e1]", SOCK_JSON_INTEGER_OK, 25 },
    { "[1200e-2]", SOCK_JSON_INTEGER_OK, 12 },
    { "[0.0e999999999]", SOCK_JSON_INTEGER_OK, 0 },
    { "[9007199254740992]", SOCK_JSON_INTEGER_OK, G_GINT64_CONSTANT (9007199254740992) },
    { "[-9007199254740992]", SOCK_JSON_INTEGER_OK, G_GINT64_CONSTANT (-9007199254740992) },
    { "[9007199254740993]", SOCK_JSON_INTEGER_OUT_OF_RANGE, 0 },
    { "[18446744073709551617]", SOCK_JSON_INTEGER_OUT_OF_RANGE, 0 },
    { "[1e16]", SOCK_JSON_INTEGER_OUT_OF_RANGE, 0 },
    { "[1e300]", SOCK_JSON_INTEGER_OUT_OF_RANGE, 0 },
    { "[1.5]", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "[1e-1]", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "[\"1\"]", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "[true]", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      SockJsonElement el;
      gint64 value = -999;
      guint n = 0;

      g_test_message ("%s", numbers[i].json);
      g_assert_true (sock_json_scan_array (numbers[i].json, strlen (numbers[i].json), &el, 1, &n, NULL, NULL));
      g_assert_cmpint (sock_json_parse_integer (numbers[i].json, &el, &value), ==, numbers[i].result);
      if (numbers[i].result == SOCK_JSON_INTEGER_OK)
        g_assert_cmpint (value, ==, numbers[i].value);
    }
}

/* Number elements that no scan checked (sock_json_iter_next () over a frame that is not JSON):
 * each is read within its bytes only (the copy is exactly that long, for ASan), and whatever is
 * not a number is not an integer. */
static void
test_parse_integer_unscanned (void)
{
  static const struct { const char *text; SockJsonIntegerResult result; gint64 value; } numbers[] = {
    { "4(", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "1e", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "1e+", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "1e-", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "1e2x", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "-", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "-.5", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "12x", SOCK_JSON_INTEGER_NOT_INTEGER, 0 },
    { "1.0e2", SOCK_JSON_INTEGER_OK, 100 },
    { "25", SOCK_JSON_INTEGER_OK, 25 },
    { "-7", SOCK_JSON_INTEGER_OK, -7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gsize len = strlen (numbers[i].text);
      g_autofree char *copy = g_memdup2 (numbers[i].text, len);
      SockJsonElement el = { SOCK_JSON_NUMBER, FALSE, 0, len };
      gint64 value = -999;

      g_test_message ("%s", numbers[i].text);
      g_assert_cmpint (sock_json_parse_integer (copy, &el, &value), ==, numbers[i].result);
      if (numbers[i].result == SOCK_JSON_INTEGER_OK)
        g_assert_cmpint (value, ==, numbers[i].value);
    }
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_json_scan_depth (void)
{
  g_autofree char *ok = nested (SOCK_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (SOCK_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (100000);
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  g_assert_true (sock_json_validate (ok, strlen (ok), NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (sock_json_validate (deep, strlen (deep), NULL, &offset, &error));
  g_assert_cmpstr (error->message, ==, "invalid JSON at byte 128: nesting deeper than 128 levels");
  g_assert_cmpuint (offset, ==, 128);
  g_clear_error (&error);

  /* No stack overflow however deep the input goes. */
  g_assert_false (sock_json_validate (very_deep, strlen (very_deep), NULL, NULL, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
}

/* One member of an object, as the EVENT path reads Details.topic. */
static void
test_json_scan_object_member (void)
{
  static const char doc[] = " { \"a\" : [1, {\"topic\": \"x\"}], \"t\\u0041\": 1,\"topic\" : \"com.x\\\"y\" , \"n\":-2.5e3}";
  SockJsonElement element;
  char out[32];

  g_assert_true (sock_json_object_find_member (doc, strlen (doc), "topic", &element));
  g_assert_cmpint (element.kind, ==, SOCK_JSON_STRING);
  g_assert_true (element.has_escapes);
  sock_json_decode_string (doc, &element, out);
  g_assert_cmpstr (out, ==, "com.x\"y");

  g_assert_true (sock_json_object_find_member (doc, strlen (doc), "n", &element));
  g_assert_cmpint (element.kind, ==, SOCK_JSON_NUMBER);
  g_assert_cmpint (element.len, ==, 6);
  g_assert_true (sock_json_object_find_member (doc, strlen (doc), "a", &element));
  g_assert_cmpint (element.kind, ==, SOCK_JSON_ARRAY);
  g_assert_cmpint (doc[element.offset + element.len - 1], ==, ']');

  /* not found: absent, only nested, or not an object */
  g_assert_false (sock_json_object_find_member (doc, strlen (doc), "x", &element));
  g_assert_false (sock_json_object_find_member ("{\"a\":{\"x\":1}}", 13, "x", &element));
  g_assert_false (sock_json_object_find_member ("[\"x\"]", 5, "x", &element));
  g_assert_false (sock_json_object_find_member ("{}", 2, "x", &element));
  /* a cut document is no match, and no read past its end */
  g_assert_false (sock_json_object_find_member ("{\"x\":\"ab", 8, "x", &element));
  g_assert_false (sock_json_object_find_member ("{\"x\"", 4, "x", &element));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/json-scan/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_json_scan_case);
    }
  g_test_add_func ("/sockscope/json-scan/elements", test_json_scan_elements);
  g_test_add_func ("/sockscope/json-scan/decode-string", test_json_scan_decode_string);
  g_test_add_func ("/sockscope/json-scan/integers", test_json_scan_integers);
  g_test_add_func ("/sockscope/json-scan/integers-unscanned", test_parse_integer_unscanned);
  g_test_add_func ("/sockscope/json-scan/depth", test_json_scan_depth);
  g_test_add_func ("/sockscope/json-scan/object-member", test_json_scan_object_member);

  return g_test_run ();
}
