/* test-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockStats and SockRate without a display or a network: the per-second ring (values by seconds
 * ago, skipped seconds, wrapping after an hour), totals, errors by kind and URI, the round trip,
 * state changes, and smoothed rates that read a steady rate as it is and decay to 0.
 */

#include "config.h"

#include "sock-rate.h"
#include "sock-stats.h"

#define S ((gint64) G_USEC_PER_SEC)

static void
test_stats_ring (void)
{
  g_autoptr(SockStats) stats = sock_stats_new ();
  gint64 t = 1000 * S;

  sock_stats_tick (stats, t);
  g_assert_cmpuint (sock_stats_get_n_seconds (stats), ==, 1);

  sock_stats_record_in (stats, 3, 300);
  sock_stats_record_out (stats, 1, 10);
  sock_stats_tick (stats, t += S);
  sock_stats_record_in (stats, 5, 500);
  /* the current second is slot 0, the one before slot 1 */
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 0), ==, 5);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 1), ==, 3);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_BYTES_IN, 1), ==, 300);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_OUT, 1), ==, 1);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 2), ==, 0);
  g_assert_cmpuint (sock_stats_get_n_seconds (stats), ==, 2);

  /* three seconds with no tick: they read 0, and the values move back with them */
  sock_stats_tick (stats, t += 3 * S);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 0), ==, 0);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 1), ==, 0);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 3), ==, 5);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 4), ==, 3);
  g_assert_cmpuint (sock_stats_get_n_seconds (stats), ==, 5);

  /* a tick within the same second does not move the ring */
  sock_stats_tick (stats, t + S / 2);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 3), ==, 5);

  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_MESSAGES_IN), ==, 8);
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_BYTES_IN), ==, 800);
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_MESSAGES_OUT), ==, 1);
}

static void
test_stats_hour (void)
{
  g_autoptr(SockStats) stats = sock_stats_new ();
  gint64 t = 5 * S;

  sock_stats_tick (stats, t);
  for (guint i = 0; i < SOCK_STATS_RING_SECONDS + 10; i++)
    {
      sock_stats_record_in (stats, i, 0);
      sock_stats_tick (stats, t += S);
    }
  /* an hour is kept; the oldest seconds are gone */
  g_assert_cmpuint (sock_stats_get_n_seconds (stats), ==, SOCK_STATS_RING_SECONDS);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, 1), ==, SOCK_STATS_RING_SECONDS + 9);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, SOCK_STATS_RING_SECONDS - 1), ==, 11);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, SOCK_STATS_RING_SECONDS), ==, 0);

  /* a gap longer than the ring clears it all */
  sock_stats_tick (stats, t += 2 * SOCK_STATS_RING_SECONDS * S);
  for (guint i = 0; i < SOCK_STATS_RING_SECONDS; i++)
    g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, i), ==, 0);
}

static void
test_stats_errors_rtt_states (void)
{
  g_autoptr(SockStats) stats = sock_stats_new ();
  g_auto(GStrv) uris = NULL;
  const SockStatsStateChange *change;

  sock_stats_tick (stats, S);
  g_assert_cmpint (sock_stats_get_last_rtt (stats), ==, -1);
  sock_stats_record_rtt (stats, 1000);
  sock_stats_record_rtt (stats, 3000);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_RTT, 0), ==, 2000);
  g_assert_cmpint (sock_stats_get_last_rtt (stats), ==, 3000);
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_RTT), ==, 2);

  sock_stats_record_error (stats, SOCK_STATS_ERROR_PROTOCOL, NULL);
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "wamp.error.no_such_procedure");
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "wamp.error.no_such_procedure");
  sock_stats_record_error (stats, SOCK_STATS_ERROR_WAMP, "com.example.error");
  sock_stats_record_error (stats, SOCK_STATS_ERROR_TIMEOUT, NULL);
  g_assert_cmpuint (sock_stats_get_errors (stats, SOCK_STATS_ERROR_PROTOCOL), ==, 1);
  g_assert_cmpuint (sock_stats_get_errors (stats, SOCK_STATS_ERROR_WAMP), ==, 3);
  g_assert_cmpuint (sock_stats_get_errors (stats, SOCK_STATS_ERROR_TIMEOUT), ==, 1);
  g_assert_cmpuint (sock_stats_get_wamp_errors (stats, "wamp.error.no_such_procedure"), ==, 2);
  g_assert_cmpuint (sock_stats_get_wamp_errors (stats, "wamp.error.other"), ==, 0);
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_ERRORS), ==, 5);
  g_assert_cmpuint (sock_stats_get_second (stats, SOCK_STATS_ERRORS, 0), ==, 5);
  uris = sock_stats_dup_wamp_error_uris (stats);
  g_assert_cmpuint (g_strv_length (uris), ==, 2);
  g_assert_cmpstr (uris[0], ==, "com.example.error");
  g_assert_cmpstr (uris[1], ==, "wamp.error.no_such_procedure");

  sock_stats_record_state (stats, 1, "connecting", NULL, 0);
  sock_stats_record_state (stats, 0, "closed", "The connection closed with code 1001", 1001);
  g_assert_cmpuint (sock_stats_get_n_state_changes (stats), ==, 2);
  change = sock_stats_get_state_change (stats, 1);
  g_assert_cmpstr (change->state_name, ==, "closed");
  g_assert_cmpstr (change->reason, ==, "The connection closed with code 1001");
  g_assert_cmpuint (change->close_code, ==, 1001);
  g_assert_cmpint (change->time_us, >, 0);
  for (guint i = 0; i < SOCK_STATS_MAX_STATE_CHANGES + 5; i++)
    sock_stats_record_state (stats, 2, "joined", NULL, 0);
  g_assert_cmpuint (sock_stats_get_n_state_changes (stats), ==, SOCK_STATS_MAX_STATE_CHANGES);
}

static void
test_stats_rates (void)
{
  g_autoptr(SockStats) stats = sock_stats_new ();
  gint64 t = S;

  sock_stats_tick (stats, t);
  /* a steady 7 a second, with ticks a little late or early, reads 7.0 */
  for (guint i = 0; i < 10; i++)
    {
      sock_stats_record_in (stats, 7, 70);
      sock_stats_tick (stats, t += S + (i % 2 ? 30000 : -30000));
    }
  g_assert_cmpfloat_with_epsilon (sock_stats_get_rate_in (stats), 7.0, 0.1);
  g_assert_cmpfloat (sock_stats_get_rate_out (stats), ==, 0);

  /* a burst shows, then decays to exactly 0 within the window */
  sock_stats_record_in (stats, 100000, 0);
  sock_stats_tick (stats, t += S);
  g_assert_cmpfloat (sock_stats_get_rate_in (stats), >, 10000);
  for (guint i = 0; i < SOCK_RATE_WINDOW - 1; i++)
    {
      double before = sock_stats_get_rate_in (stats);

      sock_stats_tick (stats, t += S);
      /* (within the unevenness of the earlier ticks) */
      g_assert_cmpfloat (sock_stats_get_rate_in (stats), <=, before * 1.05);
      g_assert_cmpfloat (sock_stats_get_rate_in (stats), >, 0);
    }
  sock_stats_tick (stats, t += S);
  g_assert_cmpfloat (sock_stats_get_rate_in (stats), ==, 0);
}

static void
test_stats_rate_restart (void)
{
  SockRate rate = { 0 };

  g_assert_cmpfloat (sock_rate_sample (&rate, 10, S), ==, 10.0);
  g_assert_cmpfloat (sock_rate_sample (&rate, 30, S), ==, 15.0);
  /* a total that starts again counts from 0 */
  g_assert_cmpfloat (sock_rate_sample (&rate, 5, S), ==, 35.0 / 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/stats/ring", test_stats_ring);
  g_test_add_func ("/sockscope/stats/hour", test_stats_hour);
  g_test_add_func ("/sockscope/stats/errors-rtt-states", test_stats_errors_rtt_states);
  g_test_add_func ("/sockscope/stats/rates", test_stats_rates);
  g_test_add_func ("/sockscope/stats/rate-restart", test_stats_rate_restart);

  return g_test_run ();
}
