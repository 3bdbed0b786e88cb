/* test-raw-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Raw mode against the demo server's /echo on 127.0.0.1: text and binary frames both ways, each
 * recorded once in the log, and WAMP operations refused with a reason.
 */

#include "session-test-util.h"
#include "sock-session-private.h"

static void
test_raw_session_echo (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  static const guint8 binary[] = { 0, 1, 2, 0xff };
  SockMessageLog *log;
  SockSession *session;
  SockLogEntry entry;
  const guint8 *raw;
  gsize len;

  url = demo_server_start_url (server, "/echo");
  connection = connection_new (url, NULL, NULL);
  sock_connection_set_force_raw (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  log = sock_connection_get_log (connection);
  session = sock_connection_get_session (connection);
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_RAW);
  g_assert_cmpstr (sock_session_get_reason (session), ==, "raw mode chosen: frames are not read as WAMP");

  g_assert_true (sock_session_send_raw (session, TRUE, (const guint8 *)"[1,2", 4, &error));
  g_assert_true (sock_session_send_raw (session, FALSE, binary, sizeof binary, &error));
  WAIT_FOR (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_BINARY, 0) >= 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_TEXT, 0), ==, 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_TEXT, 0), ==, 1);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_BINARY, 0), ==, 1);
  /* the last record is the echoed binary frame, bytes intact */
  g_assert_true (sock_message_log_peek (log, sock_message_log_get_end_seq (log) - 1, &entry, &raw, &len));
  g_assert_cmpint (entry.flags & SOCK_LOG_FLAG_BINARY, !=, 0);
  g_assert_cmpmem (raw, len, binary, sizeof binary);
  g_assert_cmpuint (sock_connection_get_messages_in (connection), ==, 2);
  g_assert_cmpuint (sock_connection_get_messages_out (connection), ==, 2);

  sock_session_subscribe_async (session, "demo.tick", SOCK_MATCH_EXACT, NULL, store_result, &result);
  g_assert_false (sock_session_subscribe_finish (session, wait_result (&result), NULL, &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_SUPPORTED);

  connection_close (connection);
  sock_demo_server_stop (server);
}

static void
test_raw_session_binary_on_json (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnection) connection = NULL;
  static const guint8 binary[] = { 0x93, 1, 2 };
  SockMessageLog *log;
  SockSession *session;

  /* a binary frame arriving on a WAMP v1 session (JSON) is flagged, and v1 keeps going */
  url = demo_server_start_url (server, "/ws");
  connection = connection_new (url, (const char *[]) { "wamp", NULL }, NULL);
  g_assert_true (connection_open (connection, &error));
  log = sock_connection_get_log (connection);
  session = sock_connection_get_session (connection);
  _sock_session_receive (session, FALSE, binary, sizeof binary, 0);
  g_assert_cmpuint (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_PROTOCOL_ERROR, 0), ==, 1);
  g_assert_true (has_marker (log, "a binary frame (3 bytes) on the JSON subprotocol"));
  g_assert_cmpint (sock_session_get_state (session), ==, SOCK_SESSION_JOINED);
  connection_close (connection);
  sock_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/raw-session/echo", test_raw_session_echo);
  g_test_add_func ("/sockscope/raw-session/binary-on-json", test_raw_session_binary_on_json);

  return g_test_run ();
}
