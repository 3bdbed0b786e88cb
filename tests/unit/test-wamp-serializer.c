/* test-wamp-serializer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MessagePack and CBOR for WAMP v2, checked against bytes written by
 * independent encoders (wamp-serializer-vectors.txt, made by
 * make-serializer-vectors.js with @msgpack/msgpack and node-cbor), against
 * our builders, and against hostile input.
 */

#include <string.h>

#include "sock-error.h"
#include "sock-wamp-message.h"
#include "sock-wamp-serializer-private.h"

#define MSGPACK SOCK_WAMP_SERIALIZER_MSGPACK
#define CBOR SOCK_WAMP_SERIALIZER_CBOR

static GPtrArray *pool;
static GHashTable *vectors;  /* name -> char *[5] */

static JsonObject *
O (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_ptr_array_add (pool, json_node_ref (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
A (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_ptr_array_add (pool, json_node_ref (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static GBytes *
unhex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *bytes = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    bytes[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_bytes_new_take (bytes, len);
}

static char *
to_hex (const guint8 *data,
        gsize         len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static char *
to_json (SockWampSerializer  serializer,
         const guint8       *data,
         gsize               len,
         GError            **error)
{
  g_autoptr(GString) out = g_string_new ("PREFIX");

  if (!sock_wamp_serializer_to_json (serializer, data, len, out, error))
    {
      g_assert_cmpstr (out->str, ==, "PREFIX");  /* restored */
      return NULL;
    }
  g_assert_true (g_str_has_prefix (out->str, "PREFIX"));
  return g_strdup (out->str + 6);
}

static char *
from_json_hex (SockWampSerializer serializer,
               const char        *json)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_wamp_serializer_from_json (serializer, json, strlen (json), out, &error));
  g_assert_no_error (error);
  return to_hex (out->data, out->len);
}

/* Bytes -> JSON -> bytes through one format. */
static char *
round_trip (SockWampSerializer serializer,
            const char        *json)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_wamp_serializer_from_json (serializer, json, strlen (json), out, &error));
  return to_json (serializer, out->data, out->len, NULL);
}

static void
load_vectors (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (VECTORS_FILE, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  vectors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) != 5)
        {
          g_assert_cmpstr (lines[i], ==, "");
          g_strfreev (fields);
          continue;
        }
      g_hash_table_insert (vectors, fields[0], fields);
    }
  g_assert_cmpuint (g_hash_table_size (vectors), >=, 30);
}

static void
check_vector (const char * const *v,
              SockWampSerializer  serializer,
              const char         *hex)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (strcmp (hex, "-") == 0)
    return;
  bytes = unhex (hex);
  json = to_json (serializer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, v[2]);
  if (strcmp (v[1], "rt") == 0)
    {
      g_autofree char *ours = from_json_hex (serializer, v[2]);
      g_assert_cmpstr (ours, ==, hex);
    }
}

static void
test_wamp_serializer_vectors (void)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, vectors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char * const *v = value;

      g_test_message ("vector %s", v[0]);
      check_vector (v, MSGPACK, v[3]);
      check_vector (v, CBOR, v[4]);
    }
}

/* The elements the transcoder notes are those the scanner finds in its text. */
static void
check_elements (SockWampSerializer  serializer,
                GBytes             *bytes)
{
  SockJsonElement noted[8], scanned[8];
  g_autoptr(GString) out = g_string_new ("[0]");
  guint n_noted = 0, n_scanned = 0;

  g_assert_true (_sock_wamp_serializer_to_json_elements (serializer, g_bytes_get_data (bytes, NULL),
                                                         g_bytes_get_size (bytes), out, noted, 3, &n_noted, NULL));
  g_assert_true (sock_json_scan_array (out->str + 3, out->len - 3, scanned, 3, &n_scanned, NULL, NULL));
  g_assert_cmpuint (n_noted, ==, n_scanned);
  for (guint i = 0; i < MIN (n_noted, 3); i++)
    {
      g_assert_cmpint (noted[i].kind, ==, scanned[i].kind);
      g_assert_cmpuint (noted[i].offset, ==, scanned[i].offset);
      g_assert_cmpuint (noted[i].len, ==, scanned[i].len);
      g_assert_cmpint (noted[i].has_escapes, ==, scanned[i].has_escapes);
    }
}

static void
test_wamp_serializer_elements (void)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SockJsonElement elements[4];
  guint n;

  g_hash_table_iter_init (&iter, vectors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint f = 3; f <= 4; f++)
      {
        const char *hex = ((char **) value)[f];
        g_autoptr(GBytes) bytes = NULL;

        if (strcmp (hex, "-") == 0)
          continue;
        bytes = unhex (hex);
        check_elements (f == 3 ? MSGPACK : CBOR, bytes);
      }
  {
    g_autoptr(GBytes) yield = unhex ("9346a461225c22c0");  /* [70,"a\"\\\"",null] */
    check_elements (MSGPACK, yield);
  }
  g_assert_false (_sock_wamp_serializer_to_json_elements (MSGPACK, (const guint8 *) "\x81\xa1" "a\x01", 4, out,
                                                          elements, 4, &n, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "the MessagePack message is not an array");
  g_assert_cmpuint (out->len, ==, 0);
}

typedef struct
{
  const char *name;
  char     *(*build) (void);
} Built;

static char *b_hello (void) { return sock_wamp_build_hello ("realm1", O ("{\"agent\":\"sockscope\",\"roles\":{\"caller\":{\"features\":{\"progressive_call_results\":true}},\"subscriber\":{}},\"authmethods\":[\"cryptosign\",\"ticket\"],\"authid\":\"joe\",\"authextra\":{\"pubkey\":\"545efb0a2192db8d43f118e9bf9aee081466e1ef36c708b96ee6f62dddad9122\"}}")); }
static char *b_welcome (void) { return sock_wamp_build_welcome (9007199254740991, O ("{\"authid\":\"joe\",\"authrole\":\"user\",\"roles\":{\"broker\":{},\"dealer\":{}}}")); }
static char *b_abort (void) { return sock_wamp_build_abort (O ("{\"message\":\"no such realm\"}"), "wamp.error.no_such_realm", A ("[\"x\"]"), O ("{\"k\":1}")); }
static char *b_challenge (void) { return sock_wamp_build_challenge ("cryptosign", O ("{\"challenge\":\"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\",\"channel_binding\":null}")); }
static char *b_authenticate (void) { g_autofree char *sig = g_strnfill (192, 'a'); for (int i = 1; i < 192; i += 2) sig[i] = 'b'; return sock_wamp_build_authenticate (sig, NULL); }
static char *b_goodbye (void) { return sock_wamp_build_goodbye (NULL, "wamp.close.close_realm"); }
static char *b_error (void) { return sock_wamp_build_error (48, 7, NULL, "wamp.error.invalid_argument", A ("[\"bad\"]"), O ("{\"field\":\"x\"}")); }
static char *b_publish (void) { return sock_wamp_build_publish (1, O ("{\"acknowledge\":true,\"exclude_me\":false}"), "com.example.topic", A ("[\"Hello\",1.5,null,true]"), O ("{\"t\":-273.15}")); }
static char *b_published (void) { return sock_wamp_build_published (1, 4429313566); }
static char *b_subscribe (void) { return sock_wamp_build_subscribe (2, O ("{\"match\":\"prefix\"}"), "com.example"); }
static char *b_subscribed (void) { return sock_wamp_build_subscribed (2, 5512315355); }
static char *b_unsubscribe (void) { return sock_wamp_build_unsubscribe (3, 5512315355); }
static char *b_unsubscribed (void) { return sock_wamp_build_unsubscribed (3); }
static char *b_event (void) { return sock_wamp_build_event (5512315355, 4429313566, O ("{\"topic\":\"com.myapp.topic1\"}"), A ("[\"Hello!\",42]"), O ("{\"color\":\"orange\",\"sizes\":[23,42,7]}")); }
static char *b_call (void) { return sock_wamp_build_call (4, O ("{\"timeout\":1000}"), "com.example.add", A ("[2,3]"), NULL); }
static char *b_cancel (void) { return sock_wamp_build_cancel (4, O ("{\"mode\":\"kill\"}")); }
static char *b_result (void) { return sock_wamp_build_result (4, O ("{\"progress\":true}"), A ("[5]"), NULL); }
static char *b_register (void) { return sock_wamp_build_register (5, O ("{\"invoke\":\"roundrobin\"}"), "com.example.add"); }
static char *b_registered (void) { return sock_wamp_build_registered (5, 2103333224); }
static char *b_unregister (void) { return sock_wamp_build_unregister (6, 2103333224); }
static char *b_unregistered (void) { return sock_wamp_build_unregistered (6); }
static char *b_invocation (void) { return sock_wamp_build_invocation (6131533, 2103333224, O ("{\"caller\":3335656}"), A ("[2,3]"), O ("{\"precise\":true}")); }
static char *b_interrupt (void) { return sock_wamp_build_interrupt (6131533, O ("{\"mode\":\"killnowait\"}")); }
static char *b_yield (void) { return sock_wamp_build_yield (6131533, NULL, A ("[5]"), O ("{\"unicode\":\"h\\u00e9llo \\u2713 \\ud83d\\ude00\",\"esc\":\"a\\\"b\\\\c\\n\\u0001\\t\"}")); }

static const Built built[] = {
  { "hello", b_hello }, { "welcome", b_welcome }, { "abort", b_abort }, { "challenge", b_challenge },
  { "authenticate", b_authenticate }, { "goodbye", b_goodbye }, { "error", b_error },
  { "publish", b_publish }, { "published", b_published }, { "subscribe", b_subscribe },
  { "subscribed", b_subscribed }, { "unsubscribe", b_unsubscribe }, { "unsubscribed", b_unsubscribed },
  { "event", b_event }, { "call", b_call }, { "cancel", b_cancel }, { "result", b_result },
  { "register", b_register }, { "registered", b_registered }, { "unregister", b_unregister },
  { "unregistered", b_unregistered }, { "invocation", b_invocation }, { "interrupt", b_interrupt },
  { "yield", b_yield },
};

/* Every message the builders make: what they write is what the independent
 * encoders' bytes decode to, and it survives both formats; the codec reads
 * the transcoded text. */
static void
test_wamp_serializer_builders (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (built); i++)
    {
      const char * const *v = g_hash_table_lookup (vectors, built[i].name);
      g_autofree char *json = built[i].build ();
      g_autofree char *via_msgpack = round_trip (MSGPACK, json);
      g_autofree char *via_cbor = round_trip (CBOR, json);
      g_autofree char *upper = g_ascii_strup (built[i].name, -1);
      g_auto(SockWampMessage) msg = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", built[i].name, json);
      g_assert_nonnull (v);
      g_assert_cmpstr (json, ==, v[2]);
      g_assert_cmpstr (via_msgpack, ==, json);
      g_assert_cmpstr (via_cbor, ==, json);
      g_assert_true (sock_wamp_decode (SOCK_WAMP_V2, via_cbor, strlen (via_cbor), &msg, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (sock_wamp_message_type_name (SOCK_WAMP_V2, msg.type), ==, upper);
    }
}

/* Decoding @hex must fail with a message containing @words. */
static void
assert_fails (SockWampSerializer  serializer,
              const char         *hex,
              const char         *words)
{
  g_autoptr(GBytes) bytes = unhex (hex);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = to_json (serializer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_null (json);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  if (strstr (error->message, words) == NULL)
    g_error ("%s: \"%s\" does not say \"%s\"", hex, error->message, words);
}

static void
assert_decodes (SockWampSerializer  serializer,
                const char         *hex,
                const char         *expected)
{
  g_autoptr(GBytes) bytes = unhex (hex);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = to_json (serializer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static char *
nested (const char *open,
        guint       depth,
        const char *inner)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, open);
  g_string_append (out, inner);
  return g_string_free (out, FALSE);
}

static void
test_wamp_serializer_depth (void)
{
  g_autofree char *mp_ok = nested ("91", SOCK_WAMP_SERIALIZER_MAX_DEPTH, "c0");
  g_autofree char *mp_deep = nested ("91", SOCK_WAMP_SERIALIZER_MAX_DEPTH + 1, "c0");
  g_autofree char *mp_maps = nested ("81a161", SOCK_WAMP_SERIALIZER_MAX_DEPTH + 1, "c0");
  g_autofree char *cb_ok = nested ("81", SOCK_WAMP_SERIALIZER_MAX_DEPTH, "f6");
  g_autofree char *cb_deep = nested ("9f", 100000, "");
  g_autofree char *cb_tags = nested ("c1", SOCK_WAMP_SERIALIZER_MAX_DEPTH + 1, "00");
  g_autofree char *expected = nested ("[", SOCK_WAMP_SERIALIZER_MAX_DEPTH, "null");
  g_autoptr(GString) closed = g_string_new (expected);

  for (guint i = 0; i < SOCK_WAMP_SERIALIZER_MAX_DEPTH; i++)
    g_string_append_c (closed, ']');
  assert_decodes (MSGPACK, mp_ok, closed->str);
  assert_decodes (CBOR, cb_ok, closed->str);
  assert_fails (MSGPACK, mp_deep, "nests deeper than 128");
  assert_fails (MSGPACK, mp_maps, "nests deeper than 128");
  assert_fails (CBOR, cb_deep, "nests deeper than 128");
  assert_fails (CBOR, cb_tags, "nests deeper than 128");
}

/* Every proper prefix of every vector is refused, and says where. */
static void
test_wamp_serializer_truncated (void)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, vectors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint f = 3; f <= 4; f++)
      {
        const char *hex = ((char **) value)[f];
        g_autoptr(GBytes) bytes = NULL;
        gsize len;

        if (strcmp (hex, "-") == 0)
          continue;
        bytes = unhex (hex);
        len = g_bytes_get_size (bytes);
        for (gsize cut = 0; cut < len; cut++)
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *json = to_json (f == 3 ? MSGPACK : CBOR, g_bytes_get_data (bytes, NULL), cut, &error);

            g_assert_null (json);
            g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
            g_assert_true (strstr (error->message, "truncated") != NULL || strstr (error->message, "empty") != NULL ||
                           strstr (error->message, "only") != NULL);
            n++;
          }
      }
  g_assert_cmpuint (n, >, 5000);
  assert_fails (MSGPACK, "a361", "MessagePack message truncated: 2 more bytes needed at byte 1 of 2");
  assert_fails (CBOR, "6361", "CBOR message truncated: 2 more bytes needed at byte 1 of 2");
}

static void
test_wamp_serializer_lengths (void)
{
  /* Declared lengths past the end are refused before anything is allocated. */
  assert_fails (MSGPACK, "ddffffffff", "array at byte 0 declares 4294967295 elements but only 0 bytes follow");
  assert_fails (MSGPACK, "dfffffffff01", "map at byte 0 declares 4294967295 entries but only 1 bytes follow");
  assert_fails (MSGPACK, "dbffffffff61", "truncated: 4294967294 more bytes needed at byte 5");
  assert_fails (MSGPACK, "c6ffffffff", "truncated");
  assert_fails (CBOR, "9bffffffffffffffff", "declares 18446744073709551615 elements");
  assert_fails (CBOR, "bb7fffffffffffffff00", "declares 9223372036854775807 entries");
  assert_fails (CBOR, "5bffffffffffffffff", "truncated");
  assert_fails (CBOR, "7a0000000561", "truncated");
  assert_fails (CBOR, "5f41", "truncated");
  assert_fails (CBOR, "9f01", "truncated");
  /* Bytes after the message. */
  assert_fails (MSGPACK, "90c0", "1 bytes after the end of the MessagePack message (at byte 1)");
  assert_fails (CBOR, "80f6f6", "2 bytes after the end of the CBOR message (at byte 1)");
  assert_fails (MSGPACK, "", "empty MessagePack message");
  assert_fails (CBOR, "", "empty CBOR message");
}

static void
test_wamp_serializer_refusals (void)
{
  assert_fails (MSGPACK, "a2c328", "MessagePack string at byte 0 is not valid UTF-8");
  assert_fails (CBOR, "62c328", "CBOR text string at byte 0 is not valid UTF-8");
  assert_fails (MSGPACK, "8190c0", "map key at byte 1 is an array or a map");
  assert_fails (CBOR, "a180f6", "map key at byte 1 is an array or a map");
  assert_fails (CBOR, "a1c180f6", "is an array or a map");
  assert_fails (MSGPACK, "d40100", "WAMP messages do not use extension types");
  assert_fails (MSGPACK, "c1", "0xc1, which MessagePack never uses");
  assert_fails (CBOR, "1c", "reserved additional information 28");
  assert_fails (CBOR, "f0", "simple value 16 at byte 0 has no JSON form");
  assert_fails (CBOR, "f820", "simple value 32");
  assert_fails (CBOR, "ff", "break at byte 0 outside an indefinite item");
  assert_fails (CBOR, "1f", "indefinite length where none is allowed");
  assert_fails (CBOR, "5f6161ff", "not a definite string of the same type");
  assert_fails (CBOR, "c260", "bignum at byte 0 does not hold a definite byte string");
}

static void
test_wamp_serializer_cbor_forms (void)
{
  /* Indefinite lengths, tags skipped, self-described CBOR, undefined. */
  assert_decodes (CBOR, "9f0102ff", "[1,2]");
  assert_decodes (CBOR, "9fff", "[]");
  assert_decodes (CBOR, "bf616101ff", "{\"a\":1}");
  assert_decodes (CBOR, "5f4101420203ff", "\"\\u0000AQID\"");
  assert_decodes (CBOR, "7f616161626163ff", "\"abc\"");
  assert_decodes (CBOR, "d9d9f7c11a5f5e1000", "1600000000");
  assert_decodes (CBOR, "82f7f6", "[null,null]");
  assert_decodes (CBOR, "a2f4f6f5f6", "{\"false\":null,\"true\":null}");
  assert_decodes (CBOR, "a1c16161f6", "{\"a\":null}");
  assert_decodes (CBOR, "c243000001", "1");
  assert_decodes (CBOR, "fa7fc00000", "null");  /* NaN has no JSON form */
  assert_decodes (MSGPACK, "cb7ff0000000000000", "null");
  assert_decodes (MSGPACK, "d3ffffffffffffffff", "-1");
  assert_decodes (MSGPACK, "d38000000000000000", "-9223372036854775808");
  assert_decodes (MSGPACK, "cfffffffffffffffff", "18446744073709551615");
  assert_decodes (MSGPACK, "d0ff", "-1");
  assert_decodes (MSGPACK, "d1ff80", "-128");
  assert_decodes (MSGPACK, "a3610062", "\"a\\u0000b\"");  /* U+0000 is valid UTF-8 */
  assert_decodes (CBOR, "d9d9f7820102", "[1,2]");
  assert_decodes (MSGPACK, "d2ffff7fff", "-32769");
}

/* "\u0000" + base64 becomes binary; anything else stays a string. */
static void
test_wamp_serializer_binary_marker (void)
{
  g_autofree char *bin = from_json_hex (MSGPACK, "[\"\\u0000AQID\",\"\\u0000\",\"\\u0000hello!\",\"\\u0000AQI\"]");
  g_autofree char *key = from_json_hex (MSGPACK, "{\"\\u0000AQID\":1}");
  g_autofree char *cbin = from_json_hex (CBOR, "[\"\\u0000AQID\",\"\\u0000/w==\"]");

  g_assert_cmpstr (bin, ==, "94c403010203c400a7006865" "6c6c6f21a400415149");
  g_assert_cmpstr (key, ==, "81a5004151494401");
  g_assert_cmpstr (cbin, ==, "824301020341ff");
}

static void
test_wamp_serializer_numbers (void)
{
  g_autofree char *beyond = from_json_hex (MSGPACK, "[18446744073709551616,-9223372036854775809,1e3,-0]");
  g_autofree char *cbeyond = from_json_hex (CBOR, "[18446744073709551616,-18446744073709551616,-18446744073709551617]");
  g_autofree char *doubles = round_trip (MSGPACK, "[0.1,1e+300,-2.5e-07,1.0,123456789.123456789,5e-324]");

  /* Past MessagePack's integer forms: doubles, as in every JSON peer; CBOR
   * has bignums. */
  g_assert_cmpstr (beyond, ==, "94cb43f0000000000000cbc3e0000000000000cb408f40000000000000");
  g_assert_cmpstr (cbeyond, ==, "83c2490100000000000000003bffffffffffffffffc349010000000000000000");
  /* Doubles keep their value (and text, but for the 15-digit form of the
   * smallest denormal, as sock-json-write.c writes it). */
  g_assert_cmpstr (doubles, ==, "[0.1,1e+300,-2.5e-07,1.0,123456789.12345679,4.94065645841247e-324]");
}

static void
test_wamp_serializer_subprotocols (void)
{
  SockWampSerializer serializer = -1;
  gboolean batched = -1;

  g_assert_true (sock_wamp_serializer_from_subprotocol ("wamp.2.msgpack", &serializer, &batched));
  g_assert_cmpint (serializer, ==, MSGPACK);
  g_assert_false (batched);
  g_assert_true (sock_wamp_serializer_from_subprotocol ("wamp.2.cbor.batched", &serializer, &batched));
  g_assert_cmpint (serializer, ==, CBOR);
  g_assert_true (batched);
  g_assert_true (sock_wamp_serializer_from_subprotocol ("wamp.2.json", &serializer, NULL));
  g_assert_cmpint (serializer, ==, SOCK_WAMP_SERIALIZER_JSON);
  g_assert_false (sock_wamp_serializer_from_subprotocol ("wamp.2.ubjson", &serializer, NULL));
  g_assert_false (sock_wamp_serializer_from_subprotocol ("wamp", &serializer, NULL));
  g_assert_false (sock_wamp_serializer_from_subprotocol (NULL, &serializer, NULL));
  g_assert_cmpstr (sock_wamp_serializer_to_subprotocol (CBOR, FALSE), ==, "wamp.2.cbor");
  g_assert_cmpstr (sock_wamp_serializer_to_subprotocol (MSGPACK, TRUE), ==, "wamp.2.msgpack.batched");
  g_assert_cmpstr (sock_wamp_serializer_get_name (MSGPACK), ==, "MessagePack");
  g_assert_true (sock_wamp_serializer_is_binary (CBOR));
  g_assert_false (sock_wamp_serializer_is_binary (SOCK_WAMP_SERIALIZER_JSON));
}

static void
check_batch (SockWampSerializer serializer)
{
  const char *messages[] = { "[17,1,2]", "[35,3]", "[36,1,2,{},[\"\\u0000AQID\"]]" };
  g_autoptr(GByteArray) batch = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *message;
  gsize pos = 0, len, i = 0;

  for (i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GByteArray) one = g_byte_array_new ();

      g_assert_true (sock_wamp_serializer_from_json (serializer, messages[i], strlen (messages[i]), one, NULL));
      sock_wamp_serializer_batch_append (serializer, batch, one->data, one->len);
    }
  for (i = 0; sock_wamp_serializer_batch_next (serializer, batch->data, batch->len, &pos, &message, &len, &error); i++)
    {
      g_autofree char *json = to_json (serializer, message, len, NULL);
      g_assert_cmpstr (json, ==, messages[i]);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, 3);
  /* Cut short: the last message is refused in words. */
  pos = 0;
  g_assert_true (sock_wamp_serializer_batch_next (serializer, batch->data, batch->len - 1, &pos, &message, &len, NULL));
  g_assert_true (sock_wamp_serializer_batch_next (serializer, batch->data, batch->len - 1, &pos, &message, &len, NULL));
  g_assert_false (sock_wamp_serializer_batch_next (serializer, batch->data, batch->len - 1, &pos, &message, &len, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  g_test_message ("%s", error->message);
}

static void
test_wamp_serializer_batched (void)
{
  check_batch (SOCK_WAMP_SERIALIZER_JSON);
  check_batch (MSGPACK);
  check_batch (CBOR);
}

static void
test_wamp_serializer_bad_json (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_byte_array_append (out, (const guint8 *) "x", 1);
  g_assert_false (sock_wamp_serializer_from_json (MSGPACK, "[1,", 3, out, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  g_assert_cmpuint (out->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pool = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  load_vectors ();
  g_test_add_func ("/sockscope/wamp-serializer/vectors", test_wamp_serializer_vectors);
  g_test_add_func ("/sockscope/wamp-serializer/builders", test_wamp_serializer_builders);
  g_test_add_func ("/sockscope/wamp-serializer/elements", test_wamp_serializer_elements);
  g_test_add_func ("/sockscope/wamp-serializer/depth", test_wamp_serializer_depth);
  g_test_add_func ("/sockscope/wamp-serializer/truncated", test_wamp_serializer_truncated);
  g_test_add_func ("/sockscope/wamp-serializer/lengths", test_wamp_serializer_lengths);
  g_test_add_func ("/sockscope/wamp-serializer/refusals", test_wamp_serializer_refusals);
  g_test_add_func ("/sockscope/wamp-serializer/cbor-forms", test_wamp_serializer_cbor_forms);
  g_test_add_func ("/sockscope/wamp-serializer/binary-marker", test_wamp_serializer_binary_marker);
  g_test_add_func ("/sockscope/wamp-serializer/numbers", test_wamp_serializer_numbers);
  g_test_add_func ("/sockscope/wamp-serializer/subprotocols", test_wamp_serializer_subprotocols);
  g_test_add_func ("/sockscope/wamp-serializer/batched", test_wamp_serializer_batched);
  g_test_add_func ("/sockscope/wamp-serializer/bad-json", test_wamp_serializer_bad_json);
  status = g_test_run ();
  g_hash_table_unref (vectors);
  g_ptr_array_unref (pool);
  return status;
}
