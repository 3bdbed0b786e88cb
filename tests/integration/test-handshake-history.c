/* test-handshake-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection keeps every connect attempt: against the demo server on 127.0.0.1, an attempt
 * before the server listens fails (connection refused), the next one after it started opens, and
 * both are on record with their outcomes and diagnoses, in order.
 */

#include "config.h"

#include "sock-connection.h"
#include "sock-demo-server.h"
#include "sock-handshake-export.h"
#include "session-test-util.h"
#include "../test-net.h"

static SockHandshakeAttempt *
attempt_at (SockConnection *connection,
            guint           position)
{
  g_autoptr(SockHandshakeAttempt) attempt = g_list_model_get_item (sock_connection_get_handshakes (connection),
                                                                   position);
  g_assert_nonnull (attempt);
  return attempt;  /* the model holds it */
}

static void
test_handshake_history_fail_then_open (void)
{
  guint port = test_closed_port ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", port);
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  GListModel *attempts = sock_connection_get_handshakes (connection);
  SockHandshakeAttempt *failed, *opened;

  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 0);
  g_assert_false (connection_open (connection, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 1);

  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 2);

  failed = attempt_at (connection, 0);
  g_assert_false (sock_handshake_attempt_get_succeeded (failed));
  g_assert_cmpstr (sock_handshake_attempt_get_outcome (failed), ==, "Failed");
  g_assert_cmpstr (sock_diagnosis_get_id (sock_handshake_attempt_get_diagnosis (failed)), ==, "connection-refused");
  g_assert_cmpuint (sock_handshake_get_status (sock_handshake_attempt_get_handshake (failed)), ==, 0);
  g_assert_cmpfloat (sock_handshake_attempt_get_duration_ms (failed), >=, 0);

  opened = attempt_at (connection, 1);
  g_assert_true (sock_handshake_attempt_get_succeeded (opened));
  g_assert_cmpstr (sock_handshake_attempt_get_outcome (opened), ==, "Opened");
  g_assert_cmpstr (sock_diagnosis_get_id (sock_handshake_attempt_get_diagnosis (opened)), ==, "ok");
  g_assert_cmpuint (sock_handshake_get_status (sock_handshake_attempt_get_handshake (opened)), ==, 101);
  g_assert_true (sock_handshake_attempt_get_handshake (opened) == sock_connection_get_handshake (connection));
  g_assert_true (g_date_time_compare (sock_handshake_attempt_get_started (failed),
                                      sock_handshake_attempt_get_started (opened)) <= 0);
  {
    /* the opened one went over the wire: its curl command is the request that was sent */
    g_autofree char *curl = sock_handshake_export_curl (opened);
    g_autofree char *target = g_strdup_printf ("'http://127.0.0.1:%u/ws'\n", port);

    g_assert_true (g_str_has_suffix (curl, target));
    g_assert_nonnull (strstr (curl, "--header 'Sec-WebSocket-Protocol: wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp'"));
    g_assert_nonnull (strstr (curl, "--header 'Upgrade: websocket'"));
  }
  connection_close (connection);
  sock_demo_server_stop (server);
}

/* A 101 followed by a close within the observation window: recorded as opened, then
 * re-diagnosed by what the server did right after. */
static void
test_handshake_history_closed_after_open (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/fault/close/1008");
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  g_autoptr(GError) error = NULL;
  SockHandshakeAttempt *attempt;

  g_assert_false (connection_open (connection, &error));
  g_assert_cmpuint (g_list_model_get_n_items (sock_connection_get_handshakes (connection)), ==, 1);
  attempt = attempt_at (connection, 0);
  g_assert_true (sock_handshake_attempt_get_succeeded (attempt));
  g_assert_cmpstr (sock_handshake_attempt_get_outcome (attempt), ==, "Closed right after opening");
  g_assert_cmpstr (sock_diagnosis_get_id (sock_handshake_attempt_get_diagnosis (attempt)), ==, "closed-after-open");
  {
    g_autofree char *text = sock_handshake_export_text (attempt);

    /* the text export says what the server did */
    g_assert_nonnull (strstr (text, "Outcome: Closed right after opening ("));
    g_assert_nonnull (strstr (text, "1008"));
  }
  sock_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/handshake-history/fail-then-open", test_handshake_history_fail_then_open);
  g_test_add_func ("/sockscope/handshake-history/closed-after-open", test_handshake_history_closed_after_open);

  return g_test_run ();
}
