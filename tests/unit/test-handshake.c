/* test-handshake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The handshake record: what a user sees of it (header lookup, the body snippet, the
 * certificate summary, the JSON report).
 */

#include "config.h"

#include <string.h>

#include "sock-handshake.h"
#include "test-cert.h"

static SockHandshake *
make_response (void)
{
  SockHandshake *hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");

  sock_handshake_set_request_line (hs, "GET /ws HTTP/1.1");
  sock_handshake_add_request_header (hs, "Host", "127.0.0.1:8080");
  sock_handshake_add_request_header (hs, "Sec-WebSocket-Protocol", "wamp.2.json, wamp");
  sock_handshake_set_status (hs, "HTTP/1.1", 200, "OK");
  sock_handshake_add_response_header (hs, "Server", "nginx/1.22.1");
  sock_handshake_add_response_header (hs, "Set-Cookie", "a=1");
  sock_handshake_add_response_header (hs, "set-cookie", "b=2");
  sock_handshake_add_response_header (hs, "Content-Type", "text/html");
  return hs;
}

static void
test_handshake_headers (void)
{
  g_autoptr(SockHandshake) hs = make_response ();
  const char * const *headers = sock_handshake_get_response_headers (hs);

  /* Kept in the order received, names as received */
  g_assert_cmpuint (g_strv_length ((char **)headers), ==, 8);
  g_assert_cmpstr (headers[0], ==, "Server");
  g_assert_cmpstr (headers[1], ==, "nginx/1.22.1");
  g_assert_cmpstr (headers[4], ==, "set-cookie");
  g_assert_cmpstr (headers[7], ==, "text/html");
  g_assert_null (headers[8]);

  /* Lookup ignores case and returns the first value */
  g_assert_cmpstr (sock_handshake_lookup_response_header (hs, "server"), ==, "nginx/1.22.1");
  g_assert_cmpstr (sock_handshake_lookup_response_header (hs, "SET-COOKIE"), ==, "a=1");
  g_assert_null (sock_handshake_lookup_response_header (hs, "Location"));
  g_assert_cmpstr (sock_handshake_lookup_request_header (hs, "sec-websocket-protocol"), ==, "wamp.2.json, wamp");
  g_assert_null (sock_handshake_lookup_request_header (hs, "Server"));
  g_assert_cmpstr (sock_handshake_get_request_headers (hs)[0], ==, "Host");
}

static void
test_handshake_body_truncated (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  g_autofree guint8 *big = g_malloc (5000);

  memset (big, 'x', 5000);
  g_assert_null (sock_handshake_get_body (hs));
  g_assert_null (sock_handshake_dup_body_text (hs));

  sock_handshake_set_body (hs, big, 5000);
  g_assert_cmpuint (g_bytes_get_size (sock_handshake_get_body (hs)), ==, SOCK_HANDSHAKE_BODY_SNIPPET);
  g_assert_cmpuint (SOCK_HANDSHAKE_BODY_SNIPPET, ==, 4096);
  g_assert_true (sock_handshake_get_body_truncated (hs));

  sock_handshake_set_body (hs, big, 4096);
  g_assert_cmpuint (g_bytes_get_size (sock_handshake_get_body (hs)), ==, 4096);
  g_assert_false (sock_handshake_get_body_truncated (hs));
}

static void
test_handshake_body_text (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  static const char raw[] = "caf\xc3\xa9\tok\r\nline2\x01\x1b[31m\x7f\xff end";
  g_autofree char *text = NULL;

  sock_handshake_set_body (hs, (const guint8 *)raw, sizeof raw - 1);
  text = sock_handshake_dup_body_text (hs);
  /* UTF-8, tabs and newlines kept; CR, other control bytes and invalid bytes escaped */
  g_assert_cmpstr (text, ==, "café\tok\\r\nline2\\x01\\x1b[31m\\x7f\\xff end");
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_handshake_certificate (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("wss://sockscope.test:8443/ws");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (test_cert_pem, -1, &error);
  g_autofree char *not_before = NULL;

  g_assert_no_error (error);
  g_assert_true (sock_handshake_is_secure (hs));
  g_assert_false (sock_handshake_get_tls_used (hs));

  sock_handshake_set_certificate (hs, cert, G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_true (sock_handshake_get_certificate (hs) == cert);
  g_assert_true (sock_handshake_get_tls_used (hs));
  g_assert_cmpstr (sock_handshake_get_cert_sha256 (hs), ==, TEST_CERT_SHA256);
  g_assert_nonnull (strstr (sock_handshake_get_cert_subject (hs), "CN=sockscope.test"));
  g_assert_cmpstr (sock_handshake_get_cert_subject (hs), ==, sock_handshake_get_cert_issuer (hs));
  g_assert_cmpint (sock_handshake_get_certificate_errors (hs), ==, G_TLS_CERTIFICATE_UNKNOWN_CA);
  not_before = g_date_time_format_iso8601 (sock_handshake_get_cert_not_before (hs));
  g_assert_cmpstr (not_before, ==, "2026-11-26T01:44:09Z");
  g_assert_cmpint (g_date_time_get_year (sock_handshake_get_cert_not_after (hs)), ==, 2036);
}

static void
test_handshake_redirect (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");

  /* A relative Location is resolved against the request URL */
  sock_handshake_set_redirect (hs, "/ws/");
  g_assert_cmpstr (sock_handshake_get_redirect (hs), ==, "ws://127.0.0.1:8080/ws/");
  sock_handshake_set_redirect (hs, "https://example.com/socket");
  g_assert_cmpstr (sock_handshake_get_redirect (hs), ==, "https://example.com/socket");
}

static void
test_handshake_early_frames (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  g_autofree guint8 *big = g_malloc0 (3000);
  const SockEarlyFrame *frame;

  for (guint i = 0; i < 10; i++)
    sock_handshake_add_early_frame (hs, i > 0, big, i == 0 ? 3000 : 3, i * 1.5);

  /* Only the first frames are kept, each cut to a snippet but with its real size */
  g_assert_cmpuint (sock_handshake_get_n_early_frames (hs), ==, SOCK_HANDSHAKE_MAX_FRAMES);
  frame = sock_handshake_get_early_frame (hs, 0);
  g_assert_false (frame->is_text);
  g_assert_cmpuint (g_bytes_get_size (frame->data), ==, SOCK_HANDSHAKE_FRAME_SNIPPET);
  g_assert_cmpuint (frame->full_size, ==, 3000);
  frame = sock_handshake_get_early_frame (hs, 7);
  g_assert_true (frame->is_text);
  g_assert_cmpfloat (frame->at_ms, ==, 10.5);
}

static void
test_handshake_phase (void)
{
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_RESOLVING), ==, "resolving");
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_CONNECTING), ==, "connecting");
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_TLS), ==, "tls");
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_REQUEST), ==, "request");
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_RESPONSE), ==, "response");
  g_assert_cmpstr (sock_phase_to_string (SOCK_PHASE_OPEN), ==, "open");
}

static JsonObject *
to_json (SockHandshake *hs,
         JsonNode     **node)
{
  *node = sock_handshake_to_json (hs);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*node));
  return json_node_get_object (*node);
}

static void
test_handshake_json_plain (void)
{
  g_autoptr(SockHandshake) hs = make_response ();
  g_autoptr(JsonNode) node = NULL;
  SockTimings timings = { -1, -1, 0.25, 1.5, -1, 1.75, 12.5, 13.0, 180, 95 };
  static const char body[] = "<title>My App</title>\x01";
  JsonObject *root, *headers, *t;

  sock_handshake_set_remote_address (hs, "127.0.0.1:8080");
  sock_handshake_set_timings (hs, &timings);
  sock_handshake_set_body (hs, (const guint8 *)body, sizeof body - 1);
  sock_handshake_set_phase (hs, SOCK_PHASE_RESPONSE);
  root = to_json (hs, &node);

  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, "ws://127.0.0.1:8080/ws");
  g_assert_cmpstr (json_object_get_string_member (root, "remote_address"), ==, "127.0.0.1:8080");
  g_assert_cmpstr (json_object_get_string_member (root, "request_line"), ==, "GET /ws HTTP/1.1");
  g_assert_cmpint (json_object_get_int_member (root, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (root, "reason"), ==, "OK");
  g_assert_cmpstr (json_object_get_string_member (root, "http_version"), ==, "HTTP/1.1");
  g_assert_cmpstr (json_object_get_string_member (root, "phase"), ==, "response");
  g_assert_cmpstr (json_object_get_string_member (root, "body"), ==, "<title>My App</title>\\x01");
  g_assert_true (json_object_get_null_member (root, "protocol"));
  g_assert_true (json_object_get_null_member (root, "tls"));
  g_assert_true (json_object_get_null_member (root, "close"));
  g_assert_false (json_object_get_boolean_member (root, "port_speaks_tls"));
  g_assert_false (json_object_get_boolean_member (root, "port_speaks_http"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "early_frames")), ==, 0);

  headers = json_object_get_object_member (root, "response_headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "Server"), ==, "nginx/1.22.1");
  /* A repeated header keeps every value */
  g_assert_cmpstr (json_object_get_string_member (headers, "Set-Cookie"), ==, "a=1, b=2");
  headers = json_object_get_object_member (root, "request_headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "Host"), ==, "127.0.0.1:8080");

  t = json_object_get_object_member (root, "timings");
  g_assert_false (json_object_has_member (t, "dns_start"));
  g_assert_false (json_object_has_member (t, "tls_start"));
  g_assert_cmpfloat (json_object_get_double_member (t, "connect_start"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (t, "response_start"), ==, 12.5);
  g_assert_cmpint (json_object_get_int_member (t, "request_header_bytes"), ==, 180);
  g_assert_cmpint (json_object_get_int_member (t, "response_header_bytes"), ==, 95);
}

static void
test_handshake_json_tls (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("wss://example.com/ws");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2025, 6, 7, 8, 9, 10);
  JsonObject *tls;
  JsonArray *errors;

  sock_handshake_set_tls (hs, "TLS 1.3", "AES-256-GCM");
  sock_handshake_set_certificate_info (hs, "CN=example.com", "CN=Example CA", from, until,
                                       "AB12" "0000000000000000000000000000000000000000000000000000000000",
                                       G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_EXPIRED);
  tls = json_object_get_object_member (to_json (hs, &node), "tls");

  g_assert_cmpstr (json_object_get_string_member (tls, "version"), ==, "TLS 1.3");
  g_assert_cmpstr (json_object_get_string_member (tls, "cipher"), ==, "AES-256-GCM");
  g_assert_cmpstr (json_object_get_string_member (tls, "subject"), ==, "CN=example.com");
  g_assert_cmpstr (json_object_get_string_member (tls, "issuer"), ==, "CN=Example CA");
  g_assert_cmpstr (json_object_get_string_member (tls, "not_before"), ==, "2024-01-02T03:04:05Z");
  g_assert_cmpstr (json_object_get_string_member (tls, "not_after"), ==, "2025-06-07T08:09:10Z");
  /* Fingerprints are lowercase whatever the caller passed */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "sha256"), "ab12000"));
  errors = json_object_get_array_member (tls, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (errors, 0), ==, "unknown-ca");
  g_assert_cmpstr (json_array_get_string_element (errors, 1), ==, "expired");
}

static void
test_handshake_json_open (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:8080/ws");
  g_autoptr(JsonNode) node = NULL;
  static const char welcome[] = "[0,\"abc\",1,\"Ratchet/0.4.4\"]";
  static const guint8 binary[] = { 0x00, 0xff, 0x10 };
  JsonObject *root, *close, *frame;
  JsonArray *frames;

  sock_handshake_set_status (hs, "HTTP/1.1", 101, "Switching Protocols");
  sock_handshake_set_protocol (hs, "wamp");
  sock_handshake_add_early_frame (hs, TRUE, (const guint8 *)welcome, strlen (welcome), 2.0);
  sock_handshake_add_early_frame (hs, FALSE, binary, sizeof binary, 3.5);
  sock_handshake_set_early_close (hs, TRUE, 1008, "Policy violation", 4.0);
  root = to_json (hs, &node);

  g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "wamp");
  close = json_object_get_object_member (root, "close");
  g_assert_cmpint (json_object_get_int_member (close, "code"), ==, 1008);
  g_assert_cmpstr (json_object_get_string_member (close, "reason"), ==, "Policy violation");
  frames = json_object_get_array_member (root, "early_frames");
  g_assert_cmpuint (json_array_get_length (frames), ==, 2);
  frame = json_array_get_object_element (frames, 0);
  g_assert_cmpstr (json_object_get_string_member (frame, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (frame, "text"), ==, welcome);
  frame = json_array_get_object_element (frames, 1);
  g_assert_cmpstr (json_object_get_string_member (frame, "base64"), ==, "AP8Q");
  g_assert_cmpint (json_object_get_int_member (frame, "size"), ==, 3);

  /* A close without a code says so */
  g_clear_pointer (&node, json_node_unref);
  sock_handshake_set_early_close (hs, FALSE, 0, NULL, 4.0);
  close = json_object_get_object_member (to_json (hs, &node), "close");
  g_assert_true (json_object_get_null_member (close, "code"));
  g_assert_true (json_object_get_null_member (close, "reason"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/handshake/headers", test_handshake_headers);
  g_test_add_func ("/sockscope/handshake/body-truncated", test_handshake_body_truncated);
  g_test_add_func ("/sockscope/handshake/body-text", test_handshake_body_text);
  g_test_add_func ("/sockscope/handshake/certificate", test_handshake_certificate);
  g_test_add_func ("/sockscope/handshake/redirect", test_handshake_redirect);
  g_test_add_func ("/sockscope/handshake/early-frames", test_handshake_early_frames);
  g_test_add_func ("/sockscope/handshake/phase", test_handshake_phase);
  g_test_add_func ("/sockscope/handshake/json-plain", test_handshake_json_plain);
  g_test_add_func ("/sockscope/handshake/json-tls", test_handshake_json_tls);
  g_test_add_func ("/sockscope/handshake/json-open", test_handshake_json_open);

  return g_test_run ();
}
