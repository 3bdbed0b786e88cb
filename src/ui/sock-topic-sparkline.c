/* sock-topic-sparkline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The line is built with cairo inside the snapshot (GTK 4.8 has no GskPath). The scale is the
 * row's own peak: the shape of a topic's rate matters here, the figures are in the Rate column.
 * The values span the whole width, the seconds sampled so far up to a minute.
 */

#include "config.h"

#include <string.h>

#include "sock-topic-node.h"
#include "sock-topic-sparkline.h"

#define WIDTH  72
#define HEIGHT 16

struct _SockTopicSparkline
{
  GtkWidget parent_instance;

  double    values[SOCK_TOPIC_HISTORY];
  guint     n_values;
  double    peak;
};

G_DEFINE_FINAL_TYPE (SockTopicSparkline, sock_topic_sparkline, GTK_TYPE_WIDGET)

static void
accent_color (GtkWidget *widget,
              GdkRGBA   *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, "accent_color", rgba))
    gtk_style_context_get_color (context, rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static double
y_for (SockTopicSparkline *self,
       double              value,
       double              height)
{
  /* a flat zero lies on the bottom edge, a peak a pixel under the top */
  return height - 1 - (self->peak > 0 ? value / self->peak : 0) * (height - 2);
}

static void
sock_topic_sparkline_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  SockTopicSparkline *self = SOCK_TOPIC_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double step = width / (self->n_values - 1);
  double x0 = 0;
  GdkRGBA color;
  cairo_t *cr;

  if (self->n_values < 2 || width <= 0 || height <= 0)
    return;
  accent_color (widget, &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_move_to (cr, x0, y_for (self, self->values[0], height));
  for (guint i = 1; i < self->n_values; i++)
    cairo_line_to (cr, x0 + i * step, y_for (self, self->values[i], height));
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke_preserve (cr);
  /* the area under the line, faintly */
  cairo_line_to (cr, width, height);
  cairo_line_to (cr, x0, height);
  cairo_close_path (cr);
  color.alpha *= 0.25;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
sock_topic_sparkline_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH / 2 : HEIGHT;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
sock_topic_sparkline_class_init (SockTopicSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = sock_topic_sparkline_snapshot;
  widget_class->measure = sock_topic_sparkline_measure;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sock_topic_sparkline_init (SockTopicSparkline *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
sock_topic_sparkline_new (void)
{
  return g_object_new (SOCK_TYPE_TOPIC_SPARKLINE, NULL);
}

void
sock_topic_sparkline_set_values (SockTopicSparkline *self,
                                 const double       *values,
                                 guint               n)
{
  g_return_if_fail (SOCK_IS_TOPIC_SPARKLINE (self));
  g_return_if_fail (n <= SOCK_TOPIC_HISTORY);
  g_return_if_fail (n == 0 || values != NULL);

  if (n == self->n_values && (n == 0 || memcmp (values, self->values, n * sizeof *values) == 0))
    return;
  memcpy (self->values, values, n * sizeof *values);
  self->n_values = n;
  self->peak = 0;
  for (guint i = 0; i < n; i++)
    self->peak = MAX (self->peak, values[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sock_topic_sparkline_get_n_values (SockTopicSparkline *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_SPARKLINE (self), 0);
  return self->n_values;
}

double
sock_topic_sparkline_get_peak (SockTopicSparkline *self)
{
  g_return_val_if_fail (SOCK_IS_TOPIC_SPARKLINE (self), 0);
  return self->peak;
}
