/* test-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection's health against the demo server on 127.0.0.1: the smoothed rate (what the tab's
 * header shows) reads what arrived over its window, a server restart on the timeline
 * (entries, reconnect count, time disconnected, the close in words), and calls' latency and
 * errors by kind.
 */

#include <math.h>

#include "session-test-util.h"
#include "sock-rate.h"

/* The smoothed rate is computed from the same messages over the same ticks: it may differ from
 * the log's count by rounding and by a message received while the tick ran, far less than a raw
 * one-second rate of this stream (7 or 12 while the window's is 9) would. */
#define RATE_TOLERANCE 1.0
/* Answers in bursts: the stream is steady over the window, uneven second to second. */
#define BURST_MS 2500
#define BURST_CALLS 5

typedef struct
{
  gint64 time_us;  /* wall clock, as the log's */
  double rate;
} RateSample;

typedef struct
{
  SockSession *session;
  JsonArray   *args;
  guint        sent;
  guint        answered;
} Bursts;

/* The connection tells its rate from its once-a-second tick, whenever the figure changes. */
static void
on_rate (SockConnection *connection,
         GParamSpec     *pspec,
         GArray         *samples)
{
  RateSample sample = { g_get_real_time (), sock_connection_get_rate_in (connection) };

  g_array_append_val (samples, sample);
}

static void
burst_answered_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Bursts *bursts = user_data;
  SockCallResult *answer = sock_session_call_finish (SOCK_SESSION (object), result, NULL);

  g_clear_pointer (&answer, sock_call_result_free);
  bursts->answered++;
}

static gboolean
burst_cb (gpointer user_data)
{
  Bursts *bursts = user_data;

  for (guint i = 0; i < BURST_CALLS; i++, bursts->sent++)
    sock_session_call_async (bursts->session, "demo.add", bursts->args, NULL, NULL, NULL, NULL, NULL,
                             burst_answered_cb, bursts);
  return G_SOURCE_CONTINUE;
}

/* Messages a second that the log received between two of the connection's ticks. */
static double
arrived_rate (SockMessageLog   *log,
              const RateSample *from,
              const RateSample *to)
{
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.direction == SOCK_LOG_DIRECTION_IN &&
          entry.time_us > from->time_us && entry.time_us <= to->time_us)
        n++;
    }
  return n / ((to->time_us - from->time_us) / (double) G_USEC_PER_SEC);
}

/* demo.tick (1/s) and the three demo.metrics topics (2/s each, in bursts of three every 500 ms),
 * and five answers every 2.5 s: 9 messages a second. Each rate the connection tells is what the
 * log received over its window, the last SOCK_RATE_WINDOW ticks; not a fixed 9, as the demo's
 * timers run late on a loaded machine and send less. */
static void
test_health_steady_rate (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "demo");
  SockMessageLog *log = sock_connection_get_log (connection);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (RateSample));
  g_autoptr(JsonArray) args = json_array_from ("[2, 3]");
  Bursts bursts = { sock_connection_get_session (connection), args, 0, 0 };
  double low = G_MAXDOUBLE, high = 0, worst = 0;
  guint first, timer;

  g_signal_connect (connection, "notify::rate-in", G_CALLBACK (on_rate), samples);
  sock_connection_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  sock_connection_subscribe (connection, "demo.metrics", SOCK_MATCH_PREFIX);
  timer = g_timeout_add (BURST_MS, burst_cb, &bursts);
  /* the window fills */
  wait_ms (12000);
  first = samples->len;
  wait_ms (15000);
  g_source_remove (timer);
  g_signal_handlers_disconnect_by_data (connection, samples);
  WAIT_FOR (bursts.answered == bursts.sent);

  /* a stream's rate changes a little with every tick */
  g_assert_cmpuint (first, >=, SOCK_RATE_WINDOW);
  g_assert_cmpuint (samples->len, >, first);
  for (guint i = first; i < samples->len; i++)
    {
      RateSample *sample = &g_array_index (samples, RateSample, i);
      double arrived = arrived_rate (log, sample - SOCK_RATE_WINDOW, sample);

      low = MIN (low, sample->rate);
      high = MAX (high, sample->rate);
      worst = MAX (worst, fabs (sample->rate - arrived));
    }
  g_test_message ("rate in over 15 s: %.2f to %.2f/s, %u changes, off what arrived by %.2f at most",
                  low, high, samples->len - first, worst);
  for (guint i = first; i < samples->len; i++)
    {
      RateSample *sample = &g_array_index (samples, RateSample, i);

      g_assert_cmpfloat_with_epsilon (sample->rate, arrived_rate (log, sample - SOCK_RATE_WINDOW, sample),
                                      RATE_TOLERANCE);
    }
  connection_close (connection);
}

static SockTimelineEntry *
entry_at (SockTimeline *timeline,
          guint         i)
{
  return g_list_model_get_item (G_LIST_MODEL (timeline), i);
}

static guint
count_state (SockTimeline *timeline,
             int           state)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (timeline)); i++)
    {
      g_autoptr(SockTimelineEntry) entry = entry_at (timeline, i);

      n += sock_timeline_entry_get_state (entry) == state;
    }
  return n;
}

/* The server goes away and comes back on the same port: the timeline says so, in order, with
 * the loss's reason; the connection came back once and was down for a while. */
static void
test_health_restart (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  guint port = sock_demo_server_get_port (server);
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  SockHealth *health = sock_connection_get_health (connection);
  SockTimeline *timeline = sock_health_get_timeline (health);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockTimelineEntry) lost = NULL;
  static const int expected[] = { SOCK_CONNECTION_CONNECTING, SOCK_CONNECTION_JOINED, SOCK_CONNECTION_RECONNECTING };

  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  g_assert_cmpuint (sock_health_get_reconnects (health), ==, 0);
  sock_demo_server_stop (server);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_RECONNECTING);
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);
  WAIT_FOR (sock_connection_get_state (connection) == SOCK_CONNECTION_JOINED);
  WAIT_FOR (sock_health_get_reconnects (health) == 1);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SockTimelineEntry) entry = entry_at (timeline, i);

      g_assert_cmpint (sock_timeline_entry_get_state (entry), ==, expected[i]);
    }
  lost = entry_at (timeline, 2);
  g_assert_cmpstr (sock_timeline_entry_get_title (lost), ==, "Reconnecting");
  g_assert_nonnull (sock_timeline_entry_get_reason (lost));
  g_assert_cmpuint (count_state (timeline, SOCK_CONNECTION_JOINED), ==, 2);
  g_assert_cmpint (sock_health_get_disconnected (health), >, 0);
  g_assert_cmpint (sock_health_get_uptime (health), >=, 0);
  /* a loss after a few busy seconds is no proxy's idle timeout */
  g_assert_null (sock_health_get_idle_close_hint (health));
  connection_close (connection);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SockCallResult *answer = sock_session_call_finish (SOCK_SESSION (object), result, NULL);

  g_clear_pointer (&answer, sock_call_result_free);
  (*(guint *) user_data)++;
}

static gboolean
health_counts_calls (SockHealth *health,
                     guint64     n)
{
  SockLatency latency;

  return sock_health_get_latency (health, &latency) && latency.n_calls == n;
}

/* Twenty answered calls and one that fails: the latency is over the twenty, the failure counts
 * under its URI with its meaning. */
static void
test_health_calls (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "demo");
  SockHealth *health = sock_connection_get_health (connection);
  SockSession *session = sock_connection_get_session (connection);
  g_autoptr(JsonArray) args = json_array_from ("[2, 3]");
  g_autoptr(SockHealthError) row = NULL;
  SockLatency latency;
  guint done = 0;

  for (guint i = 0; i < 20; i++)
    sock_session_call_async (session, "demo.add", args, NULL, NULL, NULL, NULL, NULL, call_cb, &done);
  sock_session_call_async (session, "demo.fail", NULL, NULL, NULL, NULL, NULL, NULL, call_cb, &done);
  WAIT_FOR (done == 21);
  WAIT_FOR (health_counts_calls (health, 20) && sock_health_get_n_errors (health) == 1);

  g_assert_true (sock_health_get_latency (health, &latency));
  g_assert_cmpint (latency.p50_us, >, 0);
  g_assert_cmpint (latency.p50_us, <=, latency.p95_us);
  g_assert_cmpint (latency.p95_us, <=, latency.max_us);
  g_assert_cmpuint (g_list_model_get_n_items (sock_health_get_errors (health)), ==, 1);
  row = g_list_model_get_item (sock_health_get_errors (health), 0);
  g_assert_cmpint (sock_health_error_get_kind (row), ==, SOCK_STATS_ERROR_WAMP);
  g_assert_cmpuint (sock_health_error_get_count (row), ==, 1);
  g_assert_nonnull (sock_health_error_get_uri (row));
  g_assert_nonnull (sock_health_error_get_meaning (row));
  connection_close (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/health/steady-rate", test_health_steady_rate);
  g_test_add_func ("/sockscope/health/restart", test_health_restart);
  g_test_add_func ("/sockscope/health/calls", test_health_calls);

  return g_test_run ();
}
