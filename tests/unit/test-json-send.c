/* test-json-send.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sending exactly what the user typed: the check of JSON text to send as it is (binary strings'
 * base64, integers each serializer carries), the builders that keep the payload's text, and the
 * MessagePack and CBOR bytes those messages become.
 */

#include <string.h>

#include "sock-error.h"
#include "sock-json-input.h"
#include "sock-wamp-message.h"
#include "sock-wamp-serializer.h"

static void
test_json_send_check_accepted (void)
{
  static const struct { const char *text; SockJsonInputKind kind; SockWampSerializer serializer; } cases[] = {
    { "[\"\\u0000AQID/w==\", \"\\u0000\", \"\\u0000AA==\"]", SOCK_JSON_INPUT_ARRAY, SOCK_WAMP_SERIALIZER_MSGPACK },
    { "[18446744073709551615, -9223372036854775808, 0, -0, 1.5e300]", SOCK_JSON_INPUT_ARRAY,
      SOCK_WAMP_SERIALIZER_MSGPACK },
    { "[12345678901234567890123, -18446744073709551616, -99999999999999999999999]", SOCK_JSON_INPUT_ARRAY,
      SOCK_WAMP_SERIALIZER_CBOR },
    { "[12345678901234567890123, 1e400000000000000000000000]", SOCK_JSON_INPUT_ARRAY, SOCK_WAMP_SERIALIZER_JSON },
    /* a key is a key whatever it holds; a big number with a fraction or an exponent is a float */
    { "{\"\\u0000not base64!\": 123456789012345678901234567890.5}", SOCK_JSON_INPUT_OBJECT,
      SOCK_WAMP_SERIALIZER_MSGPACK },
    { "{\"a\" : [\"\\u0000QQ\\u003d\\u003d\"]}", SOCK_JSON_INPUT_OBJECT, SOCK_WAMP_SERIALIZER_CBOR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = sock_json_input_check (cases[i].text, -1, cases[i].kind, cases[i].serializer, "Arguments",
                                           &error);

      /* 1e4000… is no JSON the scanner takes: the JSON case stops at the first number */
      if (i == 3)
        {
          g_assert_false (ok);
          g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
          g_assert_nonnull (strstr (error->message, "a number too large for JSON at line 1, column 27"));
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
    }
}

static void
test_json_send_check_refused (void)
{
  static const struct { const char *text; SockWampSerializer serializer; const char *message; } cases[] = {
    { "[1, \"\\u0000AQI\"]", SOCK_WAMP_SERIALIZER_JSON,
      "Arguments: the binary string (\\u0000 and base64) at line 1, column 5 is not valid base64: its 3 base64 "
      "characters are not a multiple of 4 (pad with =)" },
    { "[\n \"\\u0000AQ*D\"]", SOCK_WAMP_SERIALIZER_CBOR,
      "Arguments: the binary string (\\u0000 and base64) at line 2, column 2 is not valid base64: “*” is not a "
      "base64 character" },
    { "[\"\\u0000A=QD\"]", SOCK_WAMP_SERIALIZER_MSGPACK, "“=” is not a base64 character" },
    { "[18446744073709551616]", SOCK_WAMP_SERIALIZER_MSGPACK,
      "Arguments: the integer 18446744073709551616 at line 1, column 2 does not fit in MessagePack, whose "
      "integers reach from -2^63 to 2^64-1: send it as a string, or connect with CBOR or JSON" },
    { "[1, -9223372036854775809]", SOCK_WAMP_SERIALIZER_MSGPACK, "the integer -9223372036854775809 at line 1, "
      "column 5 does not fit in MessagePack" },
    { "[{\"n\": 12345678901234567890123}]", SOCK_WAMP_SERIALIZER_MSGPACK, "the integer 12345678901234567890123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sock_json_input_check (cases[i].text, -1, SOCK_JSON_INPUT_ARRAY, cases[i].serializer,
                                             "Arguments", &error));
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    /* a CBOR bignum here holds up to 1024 bits: 308 digits always fit, 309 may not */
    g_autoptr(GString) text = g_string_new ("[");
    g_autoptr(GError) error = NULL;

    g_string_append_c (text, '1');
    for (guint i = 1; i < 308; i++)
      g_string_append_c (text, '0');
    g_string_append_c (text, ']');
    g_assert_true (sock_json_input_check (text->str, -1, SOCK_JSON_INPUT_ARRAY, SOCK_WAMP_SERIALIZER_CBOR, "A",
                                          &error));
    g_assert_no_error (error);
    g_string_insert_c (text, 1, '1');
    g_assert_false (sock_json_input_check (text->str, -1, SOCK_JSON_INPUT_ARRAY, SOCK_WAMP_SERIALIZER_CBOR, "A",
                                           &error));
    g_assert_nonnull (strstr (error->message, "has more than 308 digits"));
  }
}

#define RANGE(text) sock_json_range_of (text)

static void
test_json_send_build (void)
{
  static const char *args = "[\"\\u0000AQID/w==\", 18446744073709551615, 12345678901234567890123]";
  g_autofree char *publish = sock_wamp_build_request_raw (SOCK_WAMP_PUBLISH, 7, NULL, "a.b", RANGE (args),
                                                          RANGE (NULL));
  g_autofree char *empty = sock_wamp_build_request_raw (SOCK_WAMP_CALL, 8, NULL, "a.b", RANGE ("[ ]"),
                                                        RANGE ("{\n}"));
  g_autofree char *kwargs_only = sock_wamp_build_request_raw (SOCK_WAMP_CALL, 9, NULL, "a.b", RANGE (NULL),
                                                              RANGE ("{\"n\": -0}"));
  g_autofree char *yield = sock_wamp_build_answer_raw (SOCK_WAMP_YIELD, 3, NULL, RANGE ("[1]"), RANGE ("{}"));
  g_autofree char *error = sock_wamp_build_error_raw (SOCK_WAMP_INVOCATION, 3, NULL, "app.error.x", RANGE ("[]"),
                                                      RANGE ("{\"why\": 1e2}"));
  g_autofree char *v1_call = sock_wamp1_build_call_raw ("c1", "http://x/y#z", RANGE (" [ 1 , \"\\u0000AA==\" ] "),
                                                        RANGE ("{\"k\":2}"));
  g_autofree char *v1_call_empty = sock_wamp1_build_call_raw ("c2", "p", RANGE ("[ ]"), RANGE (NULL));
  const char * const none[] = { NULL };
  g_autofree char *v1_publish = sock_wamp1_build_publish_raw ("t", RANGE ("18446744073709551616"), TRUE, NULL,
                                                              NULL);
  g_autofree char *v1_lists = sock_wamp1_build_publish_raw ("t", RANGE (NULL), FALSE, none, NULL);

  /* the payload's text as it was typed, trailing empty payloads left out */
  g_assert_cmpstr (publish, ==, "[16,7,{},\"a.b\",[\"\\u0000AQID/w==\", 18446744073709551615, "
                                "12345678901234567890123]]");
  g_assert_cmpstr (empty, ==, "[48,8,{},\"a.b\"]");
  g_assert_cmpstr (kwargs_only, ==, "[48,9,{},\"a.b\",[],{\"n\": -0}]");
  g_assert_cmpstr (yield, ==, "[70,3,{},[1]]");
  g_assert_cmpstr (error, ==, "[8,68,3,{},\"app.error.x\",[],{\"why\": 1e2}]");
  g_assert_cmpstr (v1_call, ==, "[2,\"c1\",\"http://x/y#z\",1 , \"\\u0000AA==\" ,{\"k\":2}]");
  g_assert_cmpstr (v1_call_empty, ==, "[2,\"c2\",\"p\"]");
  g_assert_cmpstr (v1_publish, ==, "[7,\"t\",18446744073709551616,true]");
  g_assert_cmpstr (v1_lists, ==, "[7,\"t\",null,[]]");
}

static JsonNode *
parse_or_null (const char *text)
{
  return text != NULL ? json_from_string (text, NULL) : NULL;
}

/* The JsonArray builders and their text twins share everything before the payload: given the same
 * payload (compact, not empty), both write the same bytes, and both refuse the same heads. */
static void
test_json_send_build_both_forms (void)
{
  static const struct { const char *args, *kwargs, *wire_tail; } payloads[] = {
    { "[1,\"two\",2.5,null]", "{\"k\":[true],\"n\":{}}", ",[1,\"two\",2.5,null],{\"k\":[true],\"n\":{}}]" },
    { "[7]", NULL, ",[7]]" },
    { NULL, "{\"only\":\"kw\"}", ",[],{\"only\":\"kw\"}]" },
    { NULL, NULL, "]" },
  };
  g_autoptr(JsonNode) details = json_from_string ("{\"x\":1}", NULL);
  JsonObject *d = json_node_get_object (details);

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autoptr(JsonNode) args_node = parse_or_null (payloads[i].args);
      g_autoptr(JsonNode) kwargs_node = parse_or_null (payloads[i].kwargs);
      JsonArray *args = args_node != NULL ? json_node_get_array (args_node) : NULL;
      JsonObject *kwargs = kwargs_node != NULL ? json_node_get_object (kwargs_node) : NULL;
      SockJsonRange a = RANGE (payloads[i].args), k = RANGE (payloads[i].kwargs);
      struct { char *tree, *text; const char *head; } built[] = {
        { sock_wamp_build_error (SOCK_WAMP_CALL, 7, d, "a.err", args, kwargs),
          sock_wamp_build_error_raw (SOCK_WAMP_CALL, 7, d, "a.err", a, k), "[8,48,7,{\"x\":1},\"a.err\"" },
        { sock_wamp_build_publish (8, d, "a.topic", args, kwargs),
          sock_wamp_build_request_raw (SOCK_WAMP_PUBLISH, 8, d, "a.topic", a, k), "[16,8,{\"x\":1},\"a.topic\"" },
        { sock_wamp_build_call (9, NULL, "a.proc", args, kwargs),
          sock_wamp_build_request_raw (SOCK_WAMP_CALL, 9, NULL, "a.proc", a, k), "[48,9,{},\"a.proc\"" },
        { sock_wamp_build_result (10, d, args, kwargs),
          sock_wamp_build_answer_raw (SOCK_WAMP_RESULT, 10, d, a, k), "[50,10,{\"x\":1}" },
        { sock_wamp_build_yield (11, NULL, args, kwargs),
          sock_wamp_build_answer_raw (SOCK_WAMP_YIELD, 11, NULL, a, k), "[70,11,{}" },
        { sock_wamp_build_event (12, 13, d, args, kwargs),
          sock_wamp_build_event_raw (12, 13, RANGE ("{\"x\":1}"), a, k), "[36,12,13,{\"x\":1}" },
      };

      for (guint j = 0; j < G_N_ELEMENTS (built); j++)
        {
          g_autofree char *wire = g_strconcat (built[j].head, payloads[i].wire_tail, NULL);

          g_assert_cmpstr (built[j].tree, ==, wire);
          g_assert_cmpstr (built[j].text, ==, wire);
          g_free (built[j].tree);
          g_free (built[j].text);
        }
    }

  /* a bad head is refused by both forms, before any payload is looked at */
  for (guint i = 0; i < 2; i++)
    {
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*VALID_REQUEST*");
      g_assert_null (i == 0 ? sock_wamp_build_error (SOCK_WAMP_CALL, 0, NULL, "a.err", NULL, NULL)
                            : sock_wamp_build_error_raw (SOCK_WAMP_CALL, 0, NULL, "a.err", RANGE (NULL), RANGE (NULL)));
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*uri != NULL*");
      g_assert_null (i == 0 ? sock_wamp_build_call (1, NULL, NULL, NULL, NULL)
                            : sock_wamp_build_request_raw (SOCK_WAMP_CALL, 1, NULL, NULL, RANGE (NULL), RANGE (NULL)));
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*VALID_ID (publication)*");
      g_assert_null (i == 0 ? sock_wamp_build_event (1, -1, NULL, NULL, NULL)
                            : sock_wamp_build_event_raw (1, -1, RANGE (NULL), RANGE (NULL), RANGE (NULL)));
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*VALID_REQUEST*");
      g_assert_null (i == 0 ? sock_wamp_build_yield (0, NULL, NULL, NULL)
                            : sock_wamp_build_answer_raw (SOCK_WAMP_YIELD, 0, NULL, RANGE (NULL), RANGE (NULL)));
      g_test_assert_expected_messages ();
    }
}

static GByteArray *
encode (SockWampSerializer  serializer,
        const char         *json)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_wamp_serializer_from_json (serializer, json, strlen (json), out, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static void
assert_bytes (GByteArray   *out,
              const guint8 *expected,
              gsize         len)
{
  g_assert_cmpmem (out->data, out->len, expected, len);
}

/* The integers at both ends of 64 bits, a bignum and a binary string, byte by byte, and back. */
static void
test_json_send_encode (void)
{
  static const char json[] = "[\"\\u0000AQID/w==\",18446744073709551615,-9223372036854775808]";
  static const char big[] = "[12345678901234567890123,-12345678901234567890124]";
  static const guint8 msgpack[] = {
    0x93, 0xc4, 0x04, 0x01, 0x02, 0x03, 0xff,
    0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xd3, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  };
  static const guint8 cbor[] = {
    0x83, 0x44, 0x01, 0x02, 0x03, 0xff,
    0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  };
  /* 12345678901234567890123 = 0x029d42b64e76714244cb; the negative one is -1 - that */
  static const guint8 cbor_big[] = {
    0x82, 0xc2, 0x4a, 0x02, 0x9d, 0x42, 0xb6, 0x4e, 0x76, 0x71, 0x42, 0x44, 0xcb,
    0xc3, 0x4a, 0x02, 0x9d, 0x42, 0xb6, 0x4e, 0x76, 0x71, 0x42, 0x44, 0xcb,
  };
  g_autoptr(GByteArray) m = encode (SOCK_WAMP_SERIALIZER_MSGPACK, json);
  g_autoptr(GByteArray) c = encode (SOCK_WAMP_SERIALIZER_CBOR, json);
  g_autoptr(GByteArray) cb = encode (SOCK_WAMP_SERIALIZER_CBOR, big);
  g_autoptr(GString) back = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  assert_bytes (m, msgpack, sizeof msgpack);
  assert_bytes (c, cbor, sizeof cbor);
  assert_bytes (cb, cbor_big, sizeof cbor_big);

  /* and they read back to the text that was typed */
  g_assert_true (sock_wamp_serializer_to_json (SOCK_WAMP_SERIALIZER_MSGPACK, m->data, m->len, back, &error));
  g_assert_cmpstr (back->str, ==, json);
  g_string_truncate (back, 0);
  g_assert_true (sock_wamp_serializer_to_json (SOCK_WAMP_SERIALIZER_CBOR, c->data, c->len, back, &error));
  g_assert_cmpstr (back->str, ==, json);
  g_string_truncate (back, 0);
  g_assert_true (sock_wamp_serializer_to_json (SOCK_WAMP_SERIALIZER_CBOR, cb->data, cb->len, back, &error));
  g_assert_cmpstr (back->str, ==, big);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/json-send/check/accepted", test_json_send_check_accepted);
  g_test_add_func ("/sockscope/json-send/check/refused", test_json_send_check_refused);
  g_test_add_func ("/sockscope/json-send/build", test_json_send_build);
  g_test_add_func ("/sockscope/json-send/build/both-forms", test_json_send_build_both_forms);
  g_test_add_func ("/sockscope/json-send/encode", test_json_send_encode);
  return g_test_run ();
}
