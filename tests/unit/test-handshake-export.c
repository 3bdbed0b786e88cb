/* test-handshake-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handshake attempt as text, as a curl command and as a websocat command: exact output, hostile
 * header values quoted for a shell, secrets left out. And the bounded history of attempts.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sock-handshake-export.h"
#include "sock-handshake-history.h"

#define HOSTILE "it's $(touch /tmp/x) `id` \"q\" \\ ;|&"

static SockHandshake *
make_refused (void)
{
  SockHandshake *hs = sock_handshake_new ("ws://127.0.0.1:9/ws?ticket=s3cr3t&room=a'b");
  const char *protocols[] = { "wamp.2.json", "wamp", NULL };

  sock_handshake_set_offered_protocols (hs, protocols);
  sock_handshake_set_origin (hs, "http://o'rigin.test");
  sock_handshake_set_phase (hs, SOCK_PHASE_CONNECTING);
  return hs;
}

static SockHandshake *
make_200 (void)
{
  SockHandshake *hs = sock_handshake_new ("wss://example.test/ws");
  SockTimings timings = { 0, 2.5, 2.5, 10, 4, 10.5, 30.5, 31, 200, 150 };

  sock_handshake_set_request_line (hs, "GET /ws HTTP/1.1");
  sock_handshake_add_request_header (hs, "Host", "example.test");
  sock_handshake_add_request_header (hs, "Upgrade", "websocket");
  sock_handshake_add_request_header (hs, "Authorization", "Bearer abc.def");
  sock_handshake_add_request_header (hs, "X-Evil", HOSTILE);
  sock_handshake_set_status (hs, "HTTP/1.1", 200, "OK");
  sock_handshake_add_response_header (hs, "Server", "nginx/1.22.1");
  sock_handshake_set_body (hs, (const guint8 *) "<html>", 6);
  sock_handshake_set_timings (hs, &timings);
  return hs;
}

static SockHandshakeAttempt *
make_attempt (SockHandshake *hs,
              const GError  *error)
{
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 12, 5, 8, 0, 1);

  return sock_handshake_attempt_new (hs, error, NULL, started, 42);
}

static void
test_handshake_export_curl (void)
{
  g_autoptr(SockHandshake) hs = make_200 ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Unexpected response code: 200");
  g_autoptr(SockHandshakeAttempt) attempt = make_attempt (hs, error);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("wss://example.test/ws", NULL);
  g_autofree char *curl = NULL;

  sock_profile_set_tls_policy (profile, SOCK_TLS_INSECURE);
  sock_handshake_attempt_set_profile (attempt, profile);
  curl = sock_handshake_export_curl (attempt);
  g_assert_cmpstr (curl, ==,
                   "# Secrets are not copied: set these shell variables first: TOKEN\n"
                   "curl --include --no-buffer --http1.1 \\\n"
                   "  --insecure \\\n"
                   "  --header 'Upgrade: websocket' \\\n"
                   "  --header 'Authorization: Bearer '\"$TOKEN\" \\\n"
                   "  --header 'X-Evil: it'\\''s $(touch /tmp/x) `id` \"q\" \\ ;|&' \\\n"
                   "  'https://example.test/ws'\n");
  g_assert_null (strstr (curl, "abc.def"));
}

static void
test_handshake_export_curl_not_sent (void)
{
  g_autoptr(SockHandshake) hs = make_refused ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(SockHandshakeAttempt) attempt = make_attempt (hs, error);
  g_autofree char *curl = sock_handshake_export_curl (attempt);

  /* nothing went over the wire: the request libsoup would have sent */
  g_assert_cmpstr (curl, ==,
                   "# Secrets are not copied: set these shell variables first: TICKET\n"
                   "curl --include --no-buffer --http1.1 \\\n"
                   "  --header 'Connection: Upgrade' \\\n"
                   "  --header 'Upgrade: websocket' \\\n"
                   "  --header 'Sec-WebSocket-Version: 13' \\\n"
                   "  --header 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \\\n"
                   "  --header 'Sec-WebSocket-Protocol: wamp.2.json, wamp' \\\n"
                   "  --header 'Origin: http://o'\\''rigin.test' \\\n"
                   "  'http://127.0.0.1:9/ws?ticket='\"$TICKET\"'&room=a'\\''b'\n");
  g_assert_null (strstr (curl, "s3cr3t"));
}

static void
test_handshake_export_websocat (void)
{
  g_autoptr(SockHandshake) hs = make_refused ();
  g_autoptr(SockHandshakeAttempt) attempt = make_attempt (hs, NULL);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://127.0.0.1:9/ws", NULL);
  g_autofree char *websocat = NULL;

  g_assert_true (sock_profile_add_header (profile, "Cookie", "sid=xyz", NULL));
  g_assert_true (sock_profile_add_header (profile, "X-Evil", HOSTILE, NULL));
  sock_handshake_attempt_set_profile (attempt, profile);
  websocat = sock_handshake_export_websocat (attempt);
  g_assert_cmpstr (websocat, ==,
                   "# Secrets are not copied: set these shell variables first: COOKIE TICKET\n"
                   "websocat \\\n"
                   "  --protocol 'wamp.2.json, wamp' \\\n"
                   "  --origin 'http://o'\\''rigin.test' \\\n"
                   "  -H 'Cookie: '\"$COOKIE\" \\\n"
                   "  -H 'X-Evil: it'\\''s $(touch /tmp/x) `id` \"q\" \\ ;|&' \\\n"
                   "  'ws://127.0.0.1:9/ws?ticket='\"$TICKET\"'&room=a'\\''b'\n");
  g_assert_null (strstr (websocat, "xyz"));
}

static void
test_handshake_export_websocat_pin (void)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("wss://example.test/");
  g_autoptr(SockHandshakeAttempt) attempt = make_attempt (hs, NULL);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("wss://example.test/", NULL);
  g_autofree char *websocat = NULL;
  const char *none[] = { NULL };

  sock_handshake_set_offered_protocols (hs, none);
  sock_handshake_set_expected_pin (hs, "93c0110f84abca4e93333b1df2ca847fb939af743f278317c97bc013be7faa13");
  g_assert_true (sock_profile_set_pin (profile, "93c0110f84abca4e93333b1df2ca847fb939af743f278317c97bc013be7faa13", NULL));
  sock_handshake_attempt_set_profile (attempt, profile);
  websocat = sock_handshake_export_websocat (attempt);
  g_assert_cmpstr (websocat, ==,
                   "# The connection pins one certificate (SHA-256 "
                   "93c0110f84abca4e93333b1df2ca847fb939af743f278317c97bc013be7faa13); websocat cannot pin a "
                   "certificate, so --insecure skips the check: compare the fingerprint yourself.\n"
                   "websocat \\\n"
                   "  --insecure \\\n"
                   "  'wss://example.test/'\n");
}

static void
test_handshake_export_text (void)
{
  g_autoptr(SockHandshake) hs = make_200 ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Unexpected response code: 200");
  g_autoptr(SockHandshakeAttempt) attempt = make_attempt (hs, error);
  g_autofree char *text = sock_handshake_export_text (attempt);
  SockDiagnosis *diagnosis = sock_handshake_attempt_get_diagnosis (attempt);
  g_autofree char *expected = NULL;

  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "http-200");
  g_assert_nonnull (strstr (text, "WebSocket handshake: wss://example.test/ws\n"
                                  "Started: 2026-12-05 08:00:01 UTC\n"
                                  "Outcome: Failed (42 ms)\n"
                                  "Error: Unexpected response code: 200\n"
                                  "Diagnosis: "));
  expected = g_strdup_printf ("Diagnosis: %s (http-200)\n%s\nWhat to try:\n  • %s\n",
                              sock_diagnosis_get_title (diagnosis), sock_diagnosis_get_explanation (diagnosis),
                              sock_diagnosis_get_window_hints (diagnosis)[0]);
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "\nRequest\n"
                                  "GET /ws HTTP/1.1\n"
                                  "Host: example.test\n"
                                  "Upgrade: websocket\n"
                                  "Authorization: Bearer •••• (hidden)\n"
                                  "X-Evil: " HOSTILE "\n"
                                  "\n"
                                  "Response\n"
                                  "HTTP/1.1 200 OK\n"
                                  "Server: nginx/1.22.1\n"
                                  "\n"
                                  "Body:\n"
                                  "<html>\n"
                                  "\n"
                                  "Timings\n"
                                  "DNS lookup: 2.5 ms\n"
                                  "Connect: 1.5 ms\n"
                                  "TLS handshake: 6.0 ms\n"
                                  "Waiting for response: 20.0 ms\n"
                                  "\n"
                                  "TLS\n"));
  g_assert_null (strstr (text, "abc.def"));
}

/* Under a locale that groups digits (de_DE.UTF-8), the text for a person (a bug report) groups its
 * durations and writes the locale's decimal separator. */
static void
test_handshake_export_text_grouping (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://example.test/ws");
  /* a response awaited for twelve seconds */
  SockTimings timings = { 0, 2.5, 2.5, 4, -1, 4.5, 12350.1, 12351, 200, 150 };
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 12, 5, 8, 0, 1);
  g_autoptr(SockHandshakeAttempt) attempt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }
  sock_handshake_set_request_line (hs, "GET /ws HTTP/1.1");
  sock_handshake_set_timings (hs, &timings);
  attempt = sock_handshake_attempt_new (hs, error, NULL, started, 10012.4);
  text = sock_handshake_export_text (attempt);
  summary = sock_handshake_attempt_dup_summary (attempt);
  setlocale (LC_NUMERIC, numeric);
  g_test_message ("%s", text);

  g_assert_nonnull (strstr (text, "Outcome: Failed (10.012 ms)\n"));
  g_assert_nonnull (strstr (text, "\nTimings\n"
                                  "DNS lookup: 2,5 ms\n"
                                  "Connect: 1,5 ms\n"
                                  "Waiting for response: 12.345,6 ms\n"));
  g_assert_nonnull (strstr (summary, " · 10,0 s"));
}

static void
test_handshake_export_mask (void)
{
  g_autofree char *text = sock_handshake_mask_text ("Could not open ws://h/ws?room=1&ticket=s3cr3t#x "
                                                    "and 'wss://h/?Token=abc' or ?key=");
  g_autofree char *bearer = sock_handshake_mask_header ("authorization", "Bearer abc");
  g_autofree char *cookie = sock_handshake_mask_header ("Cookie", "a=1; b=2");
  g_autofree char *other = sock_handshake_mask_header ("X-Key", "abc");

  g_assert_cmpstr (text, ==, "Could not open ws://h/ws?room=1&ticket=•••• (hidden)#x "
                             "and 'wss://h/?Token=•••• (hidden)' or ?key=•••• (hidden)");
  g_assert_cmpstr (bearer, ==, "Bearer •••• (hidden)");
  g_assert_cmpstr (cookie, ==, "•••• (hidden)");
  g_assert_cmpstr (other, ==, "abc");
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_handshake_export_history_bounded (void)
{
  g_autoptr(SockHandshakeHistory) history = sock_handshake_history_new (3);
  g_autoptr(SockHandshakeAttempt) first = NULL;
  g_autoptr(SockHandshakeAttempt) last = NULL;
  SockHandshake *kept[5];
  guint n_changes = 0;

  g_signal_connect (history, "items-changed", G_CALLBACK (on_items_changed), &n_changes);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/", 9000 + i);
      g_autoptr(SockHandshake) hs = sock_handshake_new (url);
      g_autoptr(GError) error = i % 2 ? NULL : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "no");

      kept[i] = g_object_ref (hs);
      sock_handshake_history_begin (history);
      sock_handshake_history_record (history, hs, error, NULL);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_assert_cmpuint (sock_handshake_history_get_n_dropped (history), ==, 2);
  g_assert_cmpuint (n_changes, >=, 5);
  first = g_list_model_get_item (G_LIST_MODEL (history), 0);
  last = g_list_model_get_item (G_LIST_MODEL (history), 2);
  g_assert_cmpstr (sock_handshake_get_url (sock_handshake_attempt_get_handshake (first)), ==, "ws://127.0.0.1:9002/");
  g_assert_false (sock_handshake_attempt_get_succeeded (first));
  g_assert_cmpstr (sock_handshake_attempt_get_outcome (first), ==, "Failed");
  g_assert_true (sock_handshake_attempt_get_succeeded (sock_handshake_history_get_last (history)) == FALSE);
  g_assert_true (sock_handshake_history_find (history, kept[3]) != NULL);
  g_assert_null (sock_handshake_history_find (history, kept[0]));
  g_assert_cmpfloat (sock_handshake_attempt_get_duration_ms (last), >=, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (history), 3));
  for (guint i = 0; i < 5; i++)
    g_object_unref (kept[i]);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/handshake-export/curl", test_handshake_export_curl);
  g_test_add_func ("/sockscope/handshake-export/curl-not-sent", test_handshake_export_curl_not_sent);
  g_test_add_func ("/sockscope/handshake-export/websocat", test_handshake_export_websocat);
  g_test_add_func ("/sockscope/handshake-export/websocat-pin", test_handshake_export_websocat_pin);
  g_test_add_func ("/sockscope/handshake-export/text", test_handshake_export_text);
  g_test_add_func ("/sockscope/handshake-export/text-grouping", test_handshake_export_text_grouping);
  g_test_add_func ("/sockscope/handshake-export/mask", test_handshake_export_mask);
  g_test_add_func ("/sockscope/handshake-export/history-bounded", test_handshake_export_history_bounded);

  return g_test_run ();
}
