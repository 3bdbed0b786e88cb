/* sock-topic-sparkline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small line of a Topics row's rate over its last minute (one value a second, oldest first,
 * the newest at the right edge), drawn with GtkSnapshot in the theme's accent colour. Its owner
 * hands it the values (the Topics view: once per frame while shown); it redraws only when they
 * changed.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SOCK_TYPE_TOPIC_SPARKLINE (sock_topic_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (SockTopicSparkline, sock_topic_sparkline, SOCK, TOPIC_SPARKLINE, GtkWidget)

GtkWidget *sock_topic_sparkline_new          (void);
/* n at most SOCK_TOPIC_HISTORY; values are copied. */
void       sock_topic_sparkline_set_values   (SockTopicSparkline *self,
                                              const double       *values,
                                              guint               n);
guint      sock_topic_sparkline_get_n_values (SockTopicSparkline *self);
/* The largest value shown (the top of its scale), 0 without values. */
double     sock_topic_sparkline_get_peak     (SockTopicSparkline *self);

G_END_DECLS
