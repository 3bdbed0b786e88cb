/* sock-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line chart of one or two series of a connection's statistics, drawn with GtkSnapshot in the
 * theme's colours, with a legend, the top of its scale, and the value under the pointer. It does
 * nothing on its own: its owner calls sock_chart_update() (the Health view: once a second while
 * shown). The data path is SockChartData.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-chart-data.h"

G_BEGIN_DECLS

#define SOCK_TYPE_CHART (sock_chart_get_type ())

G_DECLARE_FINAL_TYPE (SockChart, sock_chart, SOCK, CHART, GtkWidget)

/* names: one per series, shown in the legend ("In", "Out"). */
GtkWidget     *sock_chart_new             (SockChartUnit          unit,
                                           const SockStatsSeries *series,
                                           const char * const    *names,
                                           guint                  n_series);
/* Samples stats for range and redraws. */
void           sock_chart_update          (SockChart             *self,
                                           SockStats             *stats,
                                           SockChartRange         range);
SockChartData *sock_chart_get_data        (SockChart             *self);
/* What the point under the pointer says, or NULL when the pointer is not over the chart. */
const char    *sock_chart_get_hover_text  (SockChart             *self);
/* Hovers the chart at x (as the pointer would; -1: leave). */
void           sock_chart_hover           (SockChart             *self,
                                           double                 x);

G_END_DECLS
