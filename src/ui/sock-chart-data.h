/* sock-chart-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data path of a Health chart, with no display: sampling series of a connection's statistics
 * ring into points (one a second for the last 5 minutes, or the mean of each 10 s for the last
 * hour), scaling them into a box (a round top value), finding the point under the pointer, and
 * saying it in words. SockChart draws what this computes; unit tests drive it alone.
 */

#pragma once

#include "sock-stats.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_CHART_RANGE_5_MIN,   /* 300 points of 1 s */
  SOCK_CHART_RANGE_HOUR,    /* 360 points of 10 s */
} SockChartRange;

typedef enum
{
  SOCK_CHART_UNIT_RATE,     /* per second: "7.0/s" */
  SOCK_CHART_UNIT_BYTES,    /* bytes per second: "1.2 kB/s" */
  SOCK_CHART_UNIT_TIME,     /* microseconds: "3.4 ms" */
} SockChartUnit;

#define SOCK_CHART_MAX_SERIES 2

typedef struct _SockChartData SockChartData;

SockChartData *sock_chart_data_new           (SockChartUnit         unit,
                                              const SockStatsSeries *series,
                                              guint                 n_series);
void           sock_chart_data_free          (SockChartData        *self);

/* Reads the points of range from stats (NULL: none). Seconds the ring does not hold yet read as
 * no data; so do seconds without an RTT sample (SOCK_STATS_RTT). */
void           sock_chart_data_sample        (SockChartData        *self,
                                              SockStats            *stats,
                                              SockChartRange        range);
SockChartRange sock_chart_data_get_range     (SockChartData        *self);
guint          sock_chart_data_get_n_series  (SockChartData        *self);
guint          sock_chart_data_get_n_points  (SockChartData        *self);
/* Seconds each point covers. */
guint          sock_chart_data_get_bucket    (SockChartData        *self);
/* Point i, oldest first (i = n_points - 1 is now); FALSE where there is no data. */
gboolean       sock_chart_data_get_value     (SockChartData        *self,
                                              guint                 series,
                                              guint                 i,
                                              double               *value);
/* The chart's top: a round number (1, 2 or 5 × 10ⁿ) at or above the largest point; 1 without data. */
double         sock_chart_data_get_top       (SockChartData        *self);

/* Scaling into a width × height box: x of point i, y of a value (0 at the bottom). */
double         sock_chart_data_x_for_point   (SockChartData        *self,
                                              guint                 i,
                                              double                width);
double         sock_chart_data_y_for_value   (SockChartData        *self,
                                              double                value,
                                              double                height);
/* The point nearest x in a box of width; -1 when the chart has no points. */
int            sock_chart_data_hit           (SockChartData        *self,
                                              double                x,
                                              double                width);
/* How long before now point i ends, in seconds. */
guint          sock_chart_data_seconds_ago   (SockChartData        *self,
                                              guint                 i);

/* A value in the chart's unit: "7.0/s", "1.2 kB/s", "3.4 ms". */
char          *sock_chart_data_format_value  (SockChartData        *self,
                                              double                value);
/* What point i says: "2 min 5 s ago: 7.0/s · 0.5/s" with names given per series (e.g. "In"),
 * and "no data" where there is none. */
char          *sock_chart_data_describe_point (SockChartData       *self,
                                               guint                i,
                                               const char * const  *names);

G_END_DECLS
