/* sock-rate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rate smoothed over a window of the last few seconds, fed with a running total once a second:
 * a steady 7 events a second reads 7.0, a burst shows while it lasts, and the rate is exactly 0 a
 * window after the last event. Shared by the connection's statistics and its subscriptions.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_RATE_WINDOW 5

typedef struct
{
  guint64 last_total;
  guint64 counts[SOCK_RATE_WINDOW];
  gint64  spans[SOCK_RATE_WINDOW];  /* microseconds each sample covers */
  guint   next;
  guint   n;
  double  rate;
} SockRate;

/* Adds the sample of total at span_us after the previous one; returns the new rate. A total smaller
 * than the last one starts counting again from it. */
double sock_rate_sample (SockRate *rate,
                         guint64   total,
                         gint64    span_us);

G_END_DECLS
