/* test-input-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user types and what the server sends: the strict JSON input reader, the URI check
 * and the terminal-safe text, and the JSON writer's escapes.
 */

#include <json-glib/json-glib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-input.h"
#include "sock-json-write.h"
#include "sock-safe-text.h"
#include "sock-wamp-uri.h"
#include "../test-tap.h"

static void
test_input_safety_json_refused (void)
{
  static const struct { const char *text; SockJsonInputKind kind; const char *message; } cases[] = {
    { "[1, 2] [3]", SOCK_JSON_INPUT_ARRAY, "Arguments: unexpected text after the array at line 1, column 8" },
    { "[\"hello\", 42]{\"from\": \"me\"}", SOCK_JSON_INPUT_ARRAY,
      "Arguments: unexpected text after the array at line 1, column 14" },
    { "[2,3] [4]", SOCK_JSON_INPUT_ARRAY, "Arguments: unexpected text after the array at line 1, column 7" },
    { "[\"a\\u0000b\"]", SOCK_JSON_INPUT_ARRAY,
      "Arguments: a string contains \\u0000 (NUL) at line 1, column 4, which cannot be sent exactly" },
    { "{\"k\": \"\\u0000\"}", SOCK_JSON_INPUT_OBJECT, "at line 1, column 8" },
    { "[1, 2", SOCK_JSON_INPUT_ARRAY, "Arguments: missing ] at the end of line 1" },
    { "[1,\n {\"a\": 1}", SOCK_JSON_INPUT_ARRAY, "missing ] at the end of line 2" },
    { "{\"a\": [1", SOCK_JSON_INPUT_OBJECT, "missing ] at the end of line 1" },
    { "[1,", SOCK_JSON_INPUT_ARRAY, "missing a value and ] at the end of line 1" },
    { "[\"abc", SOCK_JSON_INPUT_ARRAY, "missing \" at the end of line 1: the string at line 1, column 2" },
    { "[1 2]", SOCK_JSON_INPUT_ARRAY, "missing , or ] before “2” at line 1, column 4" },
    { "{a: 1}", SOCK_JSON_INPUT_OBJECT, "expected a key in double quotes at line 1, column 2, found “a”" },
    { "{\"a\" 1}", SOCK_JSON_INPUT_OBJECT, "missing : after the key, at line 1, column 6" },
    { "['x']", SOCK_JSON_INPUT_ARRAY, "unexpected ' at line 1, column 2: JSON strings use double quotes" },
    { "[\n  hello]", SOCK_JSON_INPUT_ARRAY, "unexpected “hello” at line 2, column 3" },
    { "[01]", SOCK_JSON_INPUT_ARRAY, "a number cannot start with 0, at line 1, column 2" },
    { "[\"é\", 1e999]", SOCK_JSON_INPUT_ARRAY, "a number too large for JSON at line 1, column 7" },
    { "", SOCK_JSON_INPUT_ARRAY, "Arguments: it is empty" },
    { "{}", SOCK_JSON_INPUT_ARRAY, "Arguments: must be a JSON array" },
    { "[]", SOCK_JSON_INPUT_OBJECT, "Arguments: must be a JSON object" },
    { "[\"\x1b[31m\"]", SOCK_JSON_INPUT_ARRAY, "control character inside a string at line 1, column 3" },
    { "[\"\xff\"]", SOCK_JSON_INPUT_ARRAY, "not UTF-8 at line 1, column 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sock_json_input_parse (cases[i].text, -1, cases[i].kind, "Arguments", &error);
      /* hostile text, printed escaped: the TAP output stays lines of UTF-8 */
      g_autofree char *text = tap_text (cases[i].text, -1);
      g_autofree char *message = tap_text (error ? error->message : "(accepted)", -1);

      g_test_message ("case %u: %s → %s", i, text, message);
      g_assert_null (node);
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (strstr (error->message, "<data>"));
    }
}

static void
test_input_safety_json_exact (void)
{
  static const struct { const char *text; SockJsonInputKind kind; const char *written; } cases[] = {
    { " [\"hello\", 42] \n", SOCK_JSON_INPUT_ARRAY, "[\"hello\",42]" },
    { "[\"a\\\\u0000b\"]", SOCK_JSON_INPUT_ARRAY, "[\"a\\\\u0000b\"]" },  /* a backslash, then u0000 */
    { "[\"\\u00e9\\ud83d\\ude00\", 1.5, -0, true, null]", SOCK_JSON_INPUT_ARRAY,
      "[\"é😀\",1.5,0,true,null]" },
    { "{\"from\": \"me\", \"n\": [1, {\"x\": []}]}", SOCK_JSON_INPUT_OBJECT, "{\"from\":\"me\",\"n\":[1,{\"x\":[]}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sock_json_input_parse (cases[i].text, -1, cases[i].kind, "--args", &error);
      g_autoptr(GString) out = g_string_new (NULL);

      g_assert_no_error (error);
      sock_json_write_node (out, node);
      g_assert_cmpstr (out->str, ==, cases[i].written);
    }
}

static void
test_input_safety_uri (void)
{
  static const struct { const char *uri; SockWampUriRole role; SockMatch match; const char *message; } cases[] = {
    { "com.example.news", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, NULL },
    { "a..b", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "the topic “a..b” has two dots in a row at character 2" },
    { "a..b", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_WILDCARD, NULL },
    { ".a.", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_WILDCARD, NULL },
    { "a..b", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_PREFIX, "two dots in a row" },
    { "com.app.", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_PREFIX, NULL },
    { "com.app.", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "ends with a dot" },
    { ".com", SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, "the procedure “.com” starts with a dot" },
    { "", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_WILDCARD, "the topic is empty" },
    { "", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, "the realm is empty" },
    { "a b", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, "the realm “a b” contains whitespace at character 2" },
    { "a\tb", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "“a\\x09b” contains whitespace" },
    { "a\xc2\xa0" "b", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "contains whitespace" },
    { "a\x1b[2J", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "“a\\x1b[2J” contains a control character" },
    { "a#b", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "contains “#” at character 2" },
    { "a.\xff", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, "the topic “a.\\xff” is not valid UTF-8" },
    { "a..b", SOCK_WAMP_URI_REALM, SOCK_MATCH_WILDCARD, "two dots in a row" },
    { "café.menü", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, NULL },
    { "http://example.com/rpc#add", SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, NULL },  /* WAMP v1 */
    { "http://example.com/a b", SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, "contains whitespace" },
    /* a realm is a WAMP v2 URI even when it looks like a v1 IRI */
    { "x#://[[", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, "the realm “x#://[[” contains “#” at character 2" },
    { "http://example.com/realm#1", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, "contains “#” at character 25" },
    { "ws://a..b", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, "has two dots in a row at character 7" },
    { "x://realm.one", SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, NULL },
    { "x#://[[", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, NULL },  /* a WAMP v1 topic IRI */
    { "test.safe\xe2\x80\xae\xc2\x85x", SOCK_WAMP_URI_TOPIC, SOCK_MATCH_EXACT, NULL },  /* WAMP allows it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sock_wamp_uri_check (cases[i].uri, cases[i].role, cases[i].match, &error);
      g_autofree char *message = tap_text (error ? error->message : "(valid)", -1);

      g_test_message ("case %u: %s", i, message);
      g_assert_cmpint (ok, ==, cases[i].message == NULL);
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_input_safety_safe_text (void)
{
  static const struct { const char *text; gssize len; gsize max; SockSafeTextFlags flags; const char *safe; } cases[] = {
    { "plain text, é €", -1, 0, 0, "plain text, é €" },
    { "\x1b[31mred\x1b[0m", -1, 0, 0, "\\x1b[31mred\\x1b[0m" },
    { "\x1b]0;title\x07", -1, 0, 0, "\\x1b]0;title\\x07" },
    { "a\xc2\x9b" "2Jb", -1, 0, 0, "a\\x9b2Jb" },                      /* C1 CSI */
    { "\xe2\x80\xae" "evil", -1, 0, 0, "\\u202eevil" },                 /* right-to-left override */
    { "bad \xff\xfe utf8", -1, 0, 0, "bad \\xff\\xfe utf8" },
    { "line\nbreak\ttab\r", -1, 0, 0, "line\\x0abreak\\x09tab\\x0d" },
    { "line\nbreak\ttab\r", -1, 0, SOCK_SAFE_TEXT_MULTILINE, "line\nbreak\ttab\\x0d" },
    { "nul\0inside", 10, 0, 0, "nul\\x00inside" },
    { "\x7f", -1, 0, 0, "\\x7f" },
    { "ééééé", -1, 3, 0, "ééé…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = sock_safe_text (cases[i].text, cases[i].len, cases[i].max, cases[i].flags);

      g_assert_cmpstr (safe, ==, cases[i].safe);
      g_assert_true (g_utf8_validate (safe, -1, NULL));
    }
  g_assert_null (sock_safe_text (NULL, -1, 0, 0));
}

static void
test_input_safety_json_write (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostile = "\x1b[2J \x7f \xc2\x9b \xe2\x80\xae \xff \" \\ é";

  sock_json_write_string (out, hostile);
  g_assert_cmpstr (out->str, ==, "\"\\u001b[2J \\u007f \\u009b \\u202e \\ufffd \\\" \\\\ é\"");
  back = json_from_string (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (back), ==, "\x1b[2J \x7f \xc2\x9b \xe2\x80\xae \xef\xbf\xbd \" \\ é");

  /* a server's valid JSON passed on: the same value, no raw control */
  sock_safe_json_append (raw, "[\"\xc2\x9b\",\"\xe2\x81\xa6x\",{\"é\":\"\x7f\"}]", strlen ("[\"\xc2\x9b\",\"\xe2\x81\xa6x\",{\"é\":\"\x7f\"}]"));
  g_assert_cmpstr (raw->str, ==, "[\"\\u009b\",\"\\u2066x\",{\"é\":\"\\u007f\"}]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/input-safety/json-refused", test_input_safety_json_refused);
  g_test_add_func ("/sockscope/input-safety/json-exact", test_input_safety_json_exact);
  g_test_add_func ("/sockscope/input-safety/uri", test_input_safety_uri);
  g_test_add_func ("/sockscope/input-safety/safe-text", test_input_safety_safe_text);
  g_test_add_func ("/sockscope/input-safety/json-write", test_input_safety_json_write);

  return g_test_run ();
}
