/* test-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP RawSocket codec: handshake bytes both ways, every refusal in words, message headers
 * and the incremental reader's limits.
 */

#include <string.h>

#include "sock-rawsocket.h"

static void
test_rawsocket_lengths (void)
{
  g_assert_cmpuint (sock_rawsocket_length_for_exponent (0), ==, 512);
  g_assert_cmpuint (sock_rawsocket_length_for_exponent (1), ==, 1024);
  g_assert_cmpuint (sock_rawsocket_length_for_exponent (14), ==, 1 << 23);
  g_assert_cmpuint (sock_rawsocket_length_for_exponent (15), ==, SOCK_RAWSOCKET_LENGTH_MAX);
  g_assert_cmpuint (sock_rawsocket_exponent_for_length (0), ==, 0);
  g_assert_cmpuint (sock_rawsocket_exponent_for_length (512), ==, 0);
  g_assert_cmpuint (sock_rawsocket_exponent_for_length (513), ==, 1);
  g_assert_cmpuint (sock_rawsocket_exponent_for_length (128 * 1024), ==, 8);
  g_assert_cmpuint (sock_rawsocket_exponent_for_length (G_MAXSIZE), ==, 15);
}

static void
test_rawsocket_serializers (void)
{
  g_autofree char *json = sock_rawsocket_serializer_describe (1);
  g_autofree char *cbor = sock_rawsocket_serializer_describe (3);
  g_autofree char *other = sock_rawsocket_serializer_describe (9);

  g_assert_cmpint (sock_rawsocket_serializer_from_protocol ("wamp.2.json"), ==, SOCK_RAWSOCKET_SERIALIZER_JSON);
  g_assert_cmpint (sock_rawsocket_serializer_from_protocol ("wamp.2.msgpack"), ==, SOCK_RAWSOCKET_SERIALIZER_MSGPACK);
  g_assert_cmpint (sock_rawsocket_serializer_from_protocol ("wamp.2.cbor"), ==, SOCK_RAWSOCKET_SERIALIZER_CBOR);
  g_assert_cmpint (sock_rawsocket_serializer_from_protocol ("wamp.2.json.batched"), ==, SOCK_RAWSOCKET_SERIALIZER_INVALID);
  g_assert_cmpint (sock_rawsocket_serializer_from_protocol (NULL), ==, SOCK_RAWSOCKET_SERIALIZER_INVALID);
  g_assert_cmpstr (sock_rawsocket_serializer_to_protocol (SOCK_RAWSOCKET_SERIALIZER_MSGPACK), ==, "wamp.2.msgpack");
  g_assert_null (sock_rawsocket_serializer_to_protocol (SOCK_RAWSOCKET_SERIALIZER_INVALID));
  g_assert_cmpstr (json, ==, "JSON");
  g_assert_cmpstr (cbor, ==, "CBOR");
  g_assert_nonnull (strstr (other, "9"));
}

static void
test_rawsocket_hello (void)
{
  guint8 hello[4];
  guint8 reply[4];
  SockRawsocketHello seen = { 0 };
  SockRawsocketHello accepted = { 0 };
  int refusal = 99;

  sock_rawsocket_write_hello (hello, SOCK_RAWSOCKET_SERIALIZER_MSGPACK, 8);
  g_assert_cmpmem (hello, 4, "\x7f\x82\x00\x00", 4);
  g_assert_true (sock_rawsocket_parse_hello (hello, &seen, &refusal, NULL));
  g_assert_cmpint (refusal, ==, -1);
  g_assert_cmpint (seen.serializer, ==, SOCK_RAWSOCKET_SERIALIZER_MSGPACK);
  g_assert_cmpuint (seen.length_exponent, ==, 8);
  g_assert_cmpuint (seen.max_length, ==, 128 * 1024);

  sock_rawsocket_write_reply (reply, seen.serializer, 15);
  g_assert_cmpmem (reply, 4, "\x7f\xf2\x00\x00", 4);
  g_assert_true (sock_rawsocket_parse_reply (reply, SOCK_RAWSOCKET_SERIALIZER_MSGPACK, &accepted, NULL));
  g_assert_cmpint (accepted.serializer, ==, SOCK_RAWSOCKET_SERIALIZER_MSGPACK);
  g_assert_cmpuint (accepted.max_length, ==, SOCK_RAWSOCKET_LENGTH_MAX);
}

static void
test_rawsocket_bad_hello (void)
{
  g_autoptr(GError) error = NULL;
  int refusal = 99;

  g_assert_false (sock_rawsocket_parse_hello ((const guint8 *) "GET ", NULL, &refusal, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET);
  g_assert_cmpint (refusal, ==, -1);
  g_clear_error (&error);

  g_assert_false (sock_rawsocket_parse_hello ((const guint8 *) "\x7f\xf1\x00\x01", NULL, &refusal, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE);
  g_assert_cmpint (refusal, ==, SOCK_RAWSOCKET_REFUSAL_RESERVED_BITS);
  g_clear_error (&error);

  g_assert_false (sock_rawsocket_parse_hello ((const guint8 *) "\x7f\xf0\x00\x00", NULL, &refusal, &error));
  g_assert_cmpint (refusal, ==, SOCK_RAWSOCKET_REFUSAL_SERIALIZER_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "serializer 0"));
}

typedef struct
{
  guint       code;
  int         error_code;
  const char *words;
} Refusal;

static void
test_rawsocket_refusals (void)
{
  static const Refusal refusals[] = {
    { 0, SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL, "faulty" },
    { 1, SOCK_RAWSOCKET_ERROR_REFUSED_SERIALIZER, "does not support the CBOR serializer" },
    { 2, SOCK_RAWSOCKET_ERROR_REFUSED_LENGTH, "maximum message length" },
    { 3, SOCK_RAWSOCKET_ERROR_REFUSED_RESERVED_BITS, "reserved bits" },
    { 4, SOCK_RAWSOCKET_ERROR_REFUSED_CONNECTION_LIMIT, "maximum number of connections" },
    { 9, SOCK_RAWSOCKET_ERROR_REFUSED_UNKNOWN, "error code 9" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      SockRawsocketHello out = { 0 };
      guint8 reply[4];

      sock_rawsocket_write_refusal (reply, refusals[i].code);
      g_assert_cmpuint (reply[1], ==, refusals[i].code << 4);
      g_assert_false (sock_rawsocket_parse_reply (reply, SOCK_RAWSOCKET_SERIALIZER_CBOR, &out, &error));
      g_assert_error (error, SOCK_RAWSOCKET_ERROR, refusals[i].error_code);
      g_assert_nonnull (strstr (error->message, refusals[i].words));
    }
}

static void
test_rawsocket_foreign_reply (void)
{
  static const struct { const char *bytes; const char *words; } replies[] = {
    { "HTTP", "web server" },
    { "\x15\x03\x03\x00", "rss://" },
    { "SSH-", "0x53" },
  };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_assert_false (sock_rawsocket_parse_reply ((const guint8 *) replies[i].bytes,
                                                  SOCK_RAWSOCKET_SERIALIZER_JSON, NULL, &error));
      g_assert_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET);
      g_assert_nonnull (strstr (error->message, replies[i].words));
      g_clear_error (&error);
    }

  g_assert_false (sock_rawsocket_parse_reply ((const guint8 *) "\x7f\xf1\x01\x00",
                                              SOCK_RAWSOCKET_SERIALIZER_JSON, NULL, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE);
  g_clear_error (&error);
  g_assert_false (sock_rawsocket_parse_reply ((const guint8 *) "\x7f\xf2\x00\x00",
                                              SOCK_RAWSOCKET_SERIALIZER_JSON, NULL, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE);
  g_assert_nonnull (strstr (error->message, "MessagePack"));
}

static void
test_rawsocket_frames (void)
{
  g_autoptr(SockRawsocketReader) reader = sock_rawsocket_reader_new (1000);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  SockRawsocketFrameType type = 99;
  GByteArray *wire = g_byte_array_new ();
  guint8 header[4];

  sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_MESSAGE, 0x10203);
  g_assert_cmpmem (header, 4, "\x00\x01\x02\x03", 4);

  sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_MESSAGE, 5);
  g_byte_array_append (wire, header, 4);
  g_byte_array_append (wire, (const guint8 *) "[1,2]", 5);
  sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_PING, 0);
  g_byte_array_append (wire, header, 4);
  sock_rawsocket_write_header (header, SOCK_RAWSOCKET_FRAME_PONG, 3);
  g_byte_array_append (wire, header, 4);
  g_byte_array_append (wire, (const guint8 *) "abc", 3);

  /* One byte at a time: frames come out only when whole. */
  for (guint i = 0; i < 8; i++)
    {
      sock_rawsocket_reader_push (reader, wire->data + i, 1);
      g_assert_false (sock_rawsocket_reader_next (reader, &type, &payload, &error));
      g_assert_no_error (error);
    }
  sock_rawsocket_reader_push (reader, wire->data + 8, wire->len - 8);
  g_assert_true (sock_rawsocket_reader_next (reader, &type, &payload, &error));
  g_assert_cmpint (type, ==, SOCK_RAWSOCKET_FRAME_MESSAGE);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), "[1,2]", 5);
  g_clear_pointer (&payload, g_bytes_unref);
  g_assert_true (sock_rawsocket_reader_next (reader, &type, &payload, &error));
  g_assert_cmpint (type, ==, SOCK_RAWSOCKET_FRAME_PING);
  g_assert_cmpuint (g_bytes_get_size (payload), ==, 0);
  g_clear_pointer (&payload, g_bytes_unref);
  g_assert_true (sock_rawsocket_reader_next (reader, &type, &payload, &error));
  g_assert_cmpint (type, ==, SOCK_RAWSOCKET_FRAME_PONG);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), "abc", 3);
  g_clear_pointer (&payload, g_bytes_unref);
  g_assert_false (sock_rawsocket_reader_next (reader, &type, &payload, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sock_rawsocket_reader_get_pending (reader), ==, 0);
  g_byte_array_unref (wire);
}

static void
expect_reader_error (const char *header,
                     int         code,
                     const char *words)
{
  g_autoptr(SockRawsocketReader) reader = sock_rawsocket_reader_new (1000);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;

  sock_rawsocket_reader_push (reader, (const guint8 *) header, 4);
  g_assert_false (sock_rawsocket_reader_next (reader, NULL, &payload, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  g_clear_error (&error);
  /* It stays failed, even when a good frame follows. */
  sock_rawsocket_reader_push (reader, (const guint8 *) "\x00\x00\x00\x00", 4);
  g_assert_false (sock_rawsocket_reader_next (reader, NULL, &payload, &error));
  g_assert_error (error, SOCK_RAWSOCKET_ERROR, code);
  g_assert_null (payload);
}

static void
test_rawsocket_frame_errors (void)
{
  /* Over the limit: refused from the header alone, nothing of the payload needed. */
  expect_reader_error ("\x00\x00\x03\xe9", SOCK_RAWSOCKET_ERROR_TOO_LONG, "1001 bytes");
  expect_reader_error ("\x00\xff\xff\xff", SOCK_RAWSOCKET_ERROR_TOO_LONG, "1000 bytes");
  expect_reader_error ("\x08\x00\x00\x01", SOCK_RAWSOCKET_ERROR_RESERVED_BITS, "0x08");
  expect_reader_error ("\x03\x00\x00\x01", SOCK_RAWSOCKET_ERROR_UNKNOWN_TYPE, "type 3");
  expect_reader_error ("\x07\x00\x00\x01", SOCK_RAWSOCKET_ERROR_UNKNOWN_TYPE, "type 7");
}

static void
test_rawsocket_limit_exact (void)
{
  g_autoptr(SockRawsocketReader) reader = sock_rawsocket_reader_new (512);
  g_autoptr(GBytes) payload = NULL;
  guint8 frame[4 + 512] = { 0 };

  sock_rawsocket_write_header (frame, SOCK_RAWSOCKET_FRAME_MESSAGE, 512);
  sock_rawsocket_reader_push (reader, frame, sizeof frame);
  g_assert_true (sock_rawsocket_reader_next (reader, NULL, &payload, NULL));
  g_assert_cmpuint (g_bytes_get_size (payload), ==, 512);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/rawsocket/lengths", test_rawsocket_lengths);
  g_test_add_func ("/sockscope/rawsocket/serializers", test_rawsocket_serializers);
  g_test_add_func ("/sockscope/rawsocket/hello", test_rawsocket_hello);
  g_test_add_func ("/sockscope/rawsocket/bad-hello", test_rawsocket_bad_hello);
  g_test_add_func ("/sockscope/rawsocket/refusals", test_rawsocket_refusals);
  g_test_add_func ("/sockscope/rawsocket/foreign-reply", test_rawsocket_foreign_reply);
  g_test_add_func ("/sockscope/rawsocket/frames", test_rawsocket_frames);
  g_test_add_func ("/sockscope/rawsocket/frame-errors", test_rawsocket_frame_errors);
  g_test_add_func ("/sockscope/rawsocket/limit-exact", test_rawsocket_limit_exact);

  return g_test_run ();
}
