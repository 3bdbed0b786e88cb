/* test-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockTimeline, SockHealth and SockChartData without a display or network: the timeline's bound
 * and what it adds up to, call latency percentiles over the window, errors by kind from the
 * statistics (with the bound on URIs), the idle-timeout hint's rule, and the charts' sampling,
 * scaling and hit-testing.
 */

#include "config.h"

#include <math.h>

#include "sock-chart-data.h"
#include "sock-connection.h"
#include "sock-health.h"

#define S ((gint64) G_USEC_PER_SEC)

static void
test_health_timeline (void)
{
  g_autoptr(SockTimeline) timeline = sock_timeline_new (4);
  g_autoptr(SockTimelineEntry) first = NULL;
  g_autoptr(SockTimelineEntry) last = NULL;
  gint64 t = 1000 * S;

  sock_timeline_record (timeline, SOCK_CONNECTION_CONNECTING, NULL, 0, t, 1);
  g_assert_cmpint (sock_timeline_get_disconnected (timeline, t + 5 * S), ==, 0);
  sock_timeline_record (timeline, SOCK_CONNECTION_JOINED, NULL, 0, t + 1 * S, 2);
  g_assert_cmpint (sock_timeline_get_uptime (timeline, t + 11 * S), ==, 10 * S);
  sock_timeline_record (timeline, SOCK_CONNECTION_NOT_RESPONDING, "No answer to a ping", 0, t + 20 * S, 3);
  /* not responding is still up */
  g_assert_cmpint (sock_timeline_get_uptime (timeline, t + 21 * S), ==, 20 * S);
  sock_timeline_record (timeline, SOCK_CONNECTION_RECONNECTING, "Gone", 1006, t + 30 * S, 4);
  g_assert_cmpint (sock_timeline_get_uptime (timeline, t + 31 * S), ==, 0);
  g_assert_cmpint (sock_timeline_get_disconnected (timeline, t + 35 * S), ==, 5 * S);
  sock_timeline_record (timeline, SOCK_CONNECTION_CONNECTING, NULL, 0, t + 32 * S, 5);
  sock_timeline_record (timeline, SOCK_CONNECTION_JOINED, NULL, 0, t + 40 * S, 6);

  g_assert_cmpuint (sock_timeline_get_reconnects (timeline), ==, 1);
  g_assert_cmpuint (sock_timeline_get_drops (timeline), ==, 1);
  g_assert_cmpint (sock_timeline_get_disconnected (timeline, t + 100 * S), ==, 10 * S);
  g_assert_cmpint (sock_timeline_get_uptime (timeline, t + 100 * S), ==, 60 * S);
  /* bounded: the two oldest went */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 4);
  g_assert_cmpuint (sock_timeline_get_n_dropped (timeline), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (sock_timeline_entry_get_state (first), ==, SOCK_CONNECTION_NOT_RESPONDING);
  g_assert_cmpstr (sock_timeline_entry_get_title (first), ==, "Not responding");
  g_assert_cmpstr (sock_timeline_entry_get_reason (first), ==, "No answer to a ping");
  g_assert_null (sock_timeline_entry_get_close_words (first));
  last = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_assert_cmpstr (sock_timeline_entry_get_title (last), ==, "Reconnecting");
  g_assert_cmpuint (sock_timeline_entry_get_close_code (last), ==, 1006);
  g_assert_nonnull (strstr (sock_timeline_entry_get_close_words (last), "1006"));
}

static void
test_health_latency (void)
{
  g_autoptr(SockHealth) health = sock_health_new ();
  g_autoptr(SockStats) stats = sock_stats_new ();
  SockLatency latency;

  g_assert_false (sock_health_get_latency (health, &latency));
  /* 1..100 ms */
  for (guint i = 1; i <= 100; i++)
    sock_health_record_call (health, i * 1000);
  sock_health_update (health, stats, 0);
  g_assert_true (sock_health_get_latency (health, &latency));
  g_assert_cmpuint (latency.n_calls, ==, 100);
  g_assert_cmpint (latency.p50_us, ==, 50000);
  g_assert_cmpint (latency.p95_us, ==, 95000);
  g_assert_cmpint (latency.max_us, ==, 100000);

  /* the window keeps the last SOCK_HEALTH_LATENCY_WINDOW: the slow ones are forgotten */
  for (guint i = 0; i < SOCK_HEALTH_LATENCY_WINDOW; i++)
    sock_health_record_call (health, 2000);
  sock_health_update (health, stats, 0);
  g_assert_true (sock_health_get_latency (health, &latency));
  g_assert_cmpuint (latency.n_calls, ==, 100 + SOCK_HEALTH_LATENCY_WINDOW);
  g_assert_cmpint (latency.max_us, ==, 2000);
}

static void
test_health_errors (void)
{
  g_autoptr(SockHealth) health = sock_health_new ();
  g_autoptr(SockStats) stats = sock_stats_new ();
  GListModel *errors = sock_health_get_errors (health);
  g_autoptr(SockHealthError) row = NULL;

  sock_stats_record_error (stats, SOCK_STATS_ERROR_TIMEOUT, NULL);
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "wamp.error.no_such_procedure");
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "com.example.a");
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "com.example.a");
  sock_health_update (health, stats, 0);
  g_assert_cmpuint (sock_health_get_n_errors (health), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (errors), ==, 3);
  row = g_list_model_get_item (errors, 0);
  g_assert_cmpstr (sock_health_error_get_title (row), ==, "Timeouts");
  g_clear_object (&row);
  /* the WAMP errors, most first */
  row = g_list_model_get_item (errors, 1);
  g_assert_cmpstr (sock_health_error_get_uri (row), ==, "com.example.a");
  g_assert_cmpuint (sock_health_error_get_count (row), ==, 2);
  g_clear_object (&row);
  row = g_list_model_get_item (errors, 2);
  g_assert_cmpstr (sock_health_error_get_meaning (row), ==,
                   "no callee has registered this procedure: check its name, or start the callee");
  g_clear_object (&row);

  /* a server that makes up URIs: at most SOCK_STATS_MAX_ERROR_URIS, the rest as "other" */
  for (guint i = 0; i < 2 * SOCK_STATS_MAX_ERROR_URIS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("com.example.made_up_%u", i);

      sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, uri);
    }
  sock_health_update (health, stats, 0);
  g_assert_cmpuint (g_list_model_get_n_items (errors), ==, 1 + SOCK_STATS_MAX_ERROR_URIS + 1);
  row = g_list_model_get_item (errors, g_list_model_get_n_items (errors) - 1);
  g_assert_null (sock_health_error_get_uri (row));
  g_assert_cmpuint (sock_health_error_get_count (row), ==, SOCK_STATS_MAX_ERROR_URIS + 2);
}

static void
test_health_idle_hint (void)
{
  g_autoptr(SockHealth) health = sock_health_new ();
  g_autofree char *off = sock_health_describe_idle_close (60, 0);
  g_autofree char *on = sock_health_describe_idle_close (58, 90);
  g_autofree char *cloudflare = sock_health_describe_idle_close (100, 0);
  g_autofree char *busy = sock_health_describe_idle_close (3, 25);
  g_autofree char *long_quiet = sock_health_describe_idle_close (300, 0);

  g_assert_nonnull (strstr (off, "nginx"));
  g_assert_nonnull (strstr (off, "Keepalive is off"));
  g_assert_nonnull (strstr (on, "every 90 s"));
  g_assert_nonnull (strstr (cloudflare, "Cloudflare"));
  g_assert_null (busy);
  g_assert_null (long_quiet);

  sock_health_record_loss (health, 61, 0);
  g_assert_nonnull (sock_health_get_idle_close_hint (health));
  sock_health_record_loss (health, 2, 0);
  g_assert_null (sock_health_get_idle_close_hint (health));
}

/* A ring fed second by second: 5 messages a second for 100 s, then 20 a second for 20 s. */
static SockStats *
feed_stats (void)
{
  SockStats *stats = sock_stats_new ();
  gint64 now = 5000 * S;

  sock_stats_tick (stats, now);
  for (guint s = 0; s < 120; s++)
    {
      sock_stats_record_in (stats, s < 100 ? 5 : 20, 100);
      if (s % 25 == 0)
        sock_stats_record_rtt (stats, 3000);
      now += S;
      sock_stats_tick (stats, now);
    }
  return stats;
}

static void
test_health_chart_sampling (void)
{
  g_autoptr(SockStats) stats = feed_stats ();
  SockStatsSeries series[] = { SOCK_STATS_MESSAGES_IN, SOCK_STATS_MESSAGES_OUT };
  SockChartData *data = sock_chart_data_new (SOCK_CHART_UNIT_RATE, series, 2);
  double value;

  sock_chart_data_sample (data, stats, SOCK_CHART_RANGE_5_MIN);
  g_assert_cmpuint (sock_chart_data_get_n_points (data), ==, 300);
  /* the newest point is the last whole second */
  g_assert_true (sock_chart_data_get_value (data, 0, 299, &value));
  g_assert_cmpfloat (value, ==, 20);
  g_assert_true (sock_chart_data_get_value (data, 0, 299 - 20, &value));
  g_assert_cmpfloat (value, ==, 5);
  g_assert_true (sock_chart_data_get_value (data, 1, 299, &value));
  g_assert_cmpfloat (value, ==, 0);
  /* before the ring began: no data, not zero */
  g_assert_false (sock_chart_data_get_value (data, 0, 0, NULL));
  g_assert_cmpfloat (sock_chart_data_get_top (data), ==, 20);

  /* the hour: 10 s means */
  sock_chart_data_sample (data, stats, SOCK_CHART_RANGE_HOUR);
  g_assert_cmpuint (sock_chart_data_get_n_points (data), ==, 360);
  g_assert_cmpuint (sock_chart_data_get_bucket (data), ==, 10);
  g_assert_true (sock_chart_data_get_value (data, 0, 359, &value));
  g_assert_cmpfloat (value, ==, 20);
  g_assert_true (sock_chart_data_get_value (data, 0, 357, &value));
  g_assert_cmpfloat (fabs (value - 5), <, 1e-9);
  sock_chart_data_free (data);
}

static void
test_health_chart_rtt (void)
{
  g_autoptr(SockStats) stats = feed_stats ();
  SockStatsSeries series[] = { SOCK_STATS_RTT };
  SockChartData *data = sock_chart_data_new (SOCK_CHART_UNIT_TIME, series, 1);
  guint with_data = 0;
  g_autofree char *text = NULL;

  sock_chart_data_sample (data, stats, SOCK_CHART_RANGE_5_MIN);
  for (guint i = 0; i < sock_chart_data_get_n_points (data); i++)
    with_data += sock_chart_data_get_value (data, 0, i, NULL);
  /* seconds without a pong are gaps */
  g_assert_cmpuint (with_data, ==, 5);
  text = sock_chart_data_format_value (data, 3000);
  g_assert_cmpstr (text, ==, "3.00 ms");
  g_assert_cmpfloat (sock_chart_data_get_top (data), ==, 5000);
  sock_chart_data_free (data);
}

static void
test_health_chart_scaling (void)
{
  g_autoptr(SockStats) stats = feed_stats ();
  SockStatsSeries series[] = { SOCK_STATS_MESSAGES_IN };
  const char *names[] = { "In", NULL };
  SockChartData *data = sock_chart_data_new (SOCK_CHART_UNIT_RATE, series, 1);
  g_autofree char *text = NULL;
  g_autofree char *gap = NULL;

  sock_chart_data_sample (data, stats, SOCK_CHART_RANGE_5_MIN);
  /* 0 at the bottom, the top at the top */
  g_assert_cmpfloat (sock_chart_data_y_for_value (data, 0, 100), ==, 100);
  g_assert_cmpfloat (sock_chart_data_y_for_value (data, 20, 100), ==, 0);
  g_assert_cmpfloat (sock_chart_data_y_for_value (data, 5, 100), ==, 75);
  g_assert_cmpfloat (sock_chart_data_x_for_point (data, 0, 598), ==, 0);
  g_assert_cmpfloat (sock_chart_data_x_for_point (data, 299, 598), ==, 598);

  /* the pointer: the nearest point, clamped to the chart */
  g_assert_cmpint (sock_chart_data_hit (data, 598, 598), ==, 299);
  g_assert_cmpint (sock_chart_data_hit (data, 2.9, 598), ==, 1);
  g_assert_cmpint (sock_chart_data_hit (data, -40, 598), ==, 0);
  g_assert_cmpint (sock_chart_data_hit (data, 9000, 598), ==, 299);
  g_assert_cmpuint (sock_chart_data_seconds_ago (data, 299), ==, 1);
  text = sock_chart_data_describe_point (data, sock_chart_data_hit (data, 598, 598), names);
  g_assert_cmpstr (text, ==, "1 s ago: In 20/s");
  gap = sock_chart_data_describe_point (data, 0, names);
  g_assert_cmpstr (gap, ==, "5 min ago: In no data");
  sock_chart_data_free (data);
}

static void
test_health_chart_round_top (void)
{
  g_autoptr(SockStats) stats = sock_stats_new ();
  SockStatsSeries series[] = { SOCK_STATS_BYTES_IN };
  SockChartData *data = sock_chart_data_new (SOCK_CHART_UNIT_BYTES, series, 1);
  static const struct { guint64 value; double top; } cases[] = {
    { 0, 1 }, { 1, 1 }, { 3, 5 }, { 7, 10 }, { 11, 20 }, { 150, 200 }, { 4999, 5000 }, { 5001, 10000 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SockStats) one = sock_stats_new ();

      sock_stats_tick (one, S);
      sock_stats_record_in (one, 1, cases[c].value);
      sock_stats_tick (one, 2 * S);
      sock_chart_data_sample (data, one, SOCK_CHART_RANGE_5_MIN);
      g_assert_cmpfloat (sock_chart_data_get_top (data), ==, cases[c].top);
    }
  sock_chart_data_sample (data, stats, SOCK_CHART_RANGE_5_MIN);
  g_assert_false (sock_chart_data_get_value (data, 0, 299, NULL));
  sock_chart_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/health/timeline", test_health_timeline);
  g_test_add_func ("/sockscope/health/latency", test_health_latency);
  g_test_add_func ("/sockscope/health/errors", test_health_errors);
  g_test_add_func ("/sockscope/health/idle-hint", test_health_idle_hint);
  g_test_add_func ("/sockscope/health/chart-sampling", test_health_chart_sampling);
  g_test_add_func ("/sockscope/health/chart-rtt", test_health_chart_rtt);
  g_test_add_func ("/sockscope/health/chart-scaling", test_health_chart_scaling);
  g_test_add_func ("/sockscope/health/chart-round-top", test_health_chart_round_top);

  return g_test_run ();
}
