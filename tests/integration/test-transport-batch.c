/* test-transport-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads in batches under a flood (sock-transport-batch.c), against the demo server's demo.flood
 * on 127.0.0.1: a flood is read in batches (the socket's receive low-water mark is raised), every
 * event still reaches the log in order, the last ones too (they are fewer than a batch), the mark
 * comes down once the flood is over; a ping in a flood is read at once; a slow stream is never
 * batched. Over RawSocket the same.
 */

#include "session-test-util.h"
#include "sock-transport-private.h"

typedef struct
{
  SockTransport *transport;
  int            highest;    /* the highest low-water mark seen */
  guint          raised;     /* samples with a raised mark */
} Sampler;

static gboolean
sample_cb (gpointer user_data)
{
  Sampler *sampler = user_data;
  int mark = _sock_transport_batch_get_low_water (sampler->transport);

  sampler->highest = MAX (sampler->highest, mark);
  if (mark > 1)
    sampler->raised++;

  return G_SOURCE_CONTINUE;
}

/* The events of the flood in the log, checked to be 1..total in order; returns how many. */
static guint
check_flood_events (SockMessageLog *log,
                    gint64          total)
{
  gint64 expected = 1;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;
      g_autoptr(JsonArray) event = NULL;
      g_autofree char *text = NULL;
      JsonArray *args;

      if (!sock_message_log_peek (log, seq, &entry, &raw, &len) || entry.direction != SOCK_LOG_DIRECTION_IN ||
          entry.type != SOCK_WAMP_EVENT)
        continue;
      text = g_strndup ((const char *)raw, len);
      event = json_array_from (text);
      args = json_array_get_array_element (event, 4);
      g_assert_cmpint (json_array_get_int_element (args, 0), ==, expected);
      g_assert_cmpint (json_array_get_int_element (args, 1), ==, total);
      expected++;
    }

  return expected - 1;
}

typedef enum
{
  OVER_WS,
  OVER_WSS,
  OVER_RAWSOCKET,
} Over;

/* A connection joined to the demo router, over plain WebSocket, TLS or RawSocket. */
static SockConnection *
open_over (SockDemoServer *server,
           Over            over)
{
  g_autofree char *url = NULL;
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  SockConnection *connection;

  g_assert_true (sock_demo_server_start (server, 0, over == OVER_WSS ? 0 : -1, &error));
  g_assert_no_error (error);
  url = over == OVER_WSS ? sock_demo_server_dup_tls_wamp_url (server)
      : over == OVER_RAWSOCKET ? sock_demo_server_dup_rawsocket_url (server)
      : sock_demo_server_dup_wamp_url (server);
  profile = sock_profile_new_for_url (url, &error);
  g_assert_no_error (error);
  if (over == OVER_WSS)
    g_assert_true (sock_profile_set_pin (profile, sock_demo_server_get_certificate_sha256 (server), NULL));
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, "demo");
  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);

  return connection;
}

static void
flood_and_check (Over        over,
                 const char *args,
                 gint64      total,
                 gboolean    batched)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(SockConnection) connection = open_over (server, over);
  SockMessageLog *log = sock_connection_get_log (connection);
  Sampler sampler = { sock_connection_get_transport (connection), -1, 0 };
  guint sample_id;

  /* the connection found its TCP socket, at the system's default mark */
  g_assert_cmpint (_sock_transport_batch_get_low_water (sampler.transport), ==, 1);
  session_subscribe (connection, "demo.flood", SOCK_MATCH_EXACT);
  sample_id = g_timeout_add (2, sample_cb, &sampler);
  session_call (connection, "demo.flood", args);

  WAIT_FOR_WHAT (count_records (log, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_EVENT) >= total,
                 "every event of the flood in the log");
  g_assert_cmpuint (check_flood_events (log, total), ==, total);
  if (batched)
    {
      g_assert_cmpint (sampler.highest, >, 1);
      /* what came between two ticks was read at the tick, not only when a batch was full */
      g_assert_cmpuint (_sock_transport_batch_get_reads (sampler.transport), >, 10);
      /* over: the mark comes down, and what comes next is read at once */
      WAIT_FOR_WHAT (_sock_transport_batch_get_low_water (sampler.transport) == 1, "the mark to come down");
    }
  else
    {
      g_assert_cmpint (sampler.highest, ==, 1);
      g_assert_cmpuint (sampler.raised, ==, 0);
      g_assert_cmpuint (_sock_transport_batch_get_reads (sampler.transport), ==, 0);
    }
  g_source_remove (sample_id);
  connection_close (connection);
}

static void
test_batch_flood (gconstpointer data)
{
  /* 5,000 events a second for a second */
  flood_and_check (GPOINTER_TO_INT (data), "[5000,1]", 5000, TRUE);
}

static void
test_batch_slow_stream (void)
{
  /* 200 a second: read as they come */
  flood_and_check (OVER_WS, "[200,2]", 400, FALSE);
}

static void
test_batch_ping (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(SockConnection) connection = open_over (server, OVER_WS);
  SockTransport *transport = sock_connection_get_transport (connection);
  g_autoptr(GError) error = NULL;
  const guint8 payload[] = "test";

  session_subscribe (connection, "demo.flood", SOCK_MATCH_EXACT);
  session_call (connection, "demo.flood", "[5000,2]");
  WAIT_FOR_WHAT (_sock_transport_batch_get_low_water (transport) > 1, "the flood to be read in batches");
  g_assert_true (sock_transport_send_ping (transport, payload, sizeof payload - 1, &error));
  g_assert_no_error (error);
  /* the pong is read as soon as it comes */
  g_assert_cmpint (_sock_transport_batch_get_low_water (transport), ==, 1);
  connection_close (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/transport-batch/flood/ws", GINT_TO_POINTER (OVER_WS), test_batch_flood);
  g_test_add_data_func ("/transport-batch/flood/wss", GINT_TO_POINTER (OVER_WSS), test_batch_flood);
  g_test_add_data_func ("/transport-batch/flood/rawsocket", GINT_TO_POINTER (OVER_RAWSOCKET), test_batch_flood);
  g_test_add_func ("/transport-batch/slow-stream", test_batch_slow_stream);
  g_test_add_func ("/transport-batch/ping", test_batch_ping);

  return g_test_run ();
}
