/* sock-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines are built with cairo inside the snapshot (GTK 4.8 has no GskPath); everything else is
 * snapshot nodes. Colours come from the theme's named colours, so the chart follows light and
 * dark styles; the text uses the widget's own colour.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sock-chart.h"
#include "sock-number-format.h"

#define PAD_TOP    22.0
#define PAD_BOTTOM 18.0
#define PAD_SIDE   4.0

struct _SockChart
{
  GtkWidget      parent_instance;

  SockChartData *data;
  char          *names[SOCK_CHART_MAX_SERIES + 1];
  int            hover;        /* point under the pointer, -1 none */
  double         hover_x;      /* -1: not over the chart */
  char          *hover_text;
};

G_DEFINE_FINAL_TYPE (SockChart, sock_chart, GTK_TYPE_WIDGET)

static const char *series_colors[SOCK_CHART_MAX_SERIES] = { "accent_color", "warning_color" };

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, rgba))
    gtk_style_context_get_color (context, rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
foreground (GtkWidget *widget,
            double     alpha,
            GdkRGBA   *rgba)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  rgba->alpha *= alpha;
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           double       x,
           double       y,
           gboolean     right_aligned,
           double       alpha)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  GdkRGBA color;
  int width, height;

  foreground (widget, alpha, &color);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (right_aligned ? x - width : x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_grid (SockChart   *self,
           GtkSnapshot *snapshot,
           double       width,
           double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA line;
  g_autofree char *top = sock_chart_data_format_value (self->data, sock_chart_data_get_top (self->data));
  const char *span = sock_chart_data_get_range (self->data) == SOCK_CHART_RANGE_HOUR ? _("1 hour ago")
                                                                                      : _("5 min ago");

  foreground (widget, 0.12, &line);
  for (guint i = 0; i <= 2; i++)
    {
      double y = PAD_TOP + (height - PAD_TOP - PAD_BOTTOM) * i / 2.0;

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (PAD_SIDE, floor (y), width - 2 * PAD_SIDE, 1));
    }
  draw_text (widget, snapshot, top, width - PAD_SIDE, 2, TRUE, 0.55);
  draw_text (widget, snapshot, span, PAD_SIDE, height - PAD_BOTTOM + 1, FALSE, 0.55);
  draw_text (widget, snapshot, _("now"), width - PAD_SIDE, height - PAD_BOTTOM + 1, TRUE, 0.55);
}

/* A point with no data on either side (an RTT sample every keepalive interval) is a dot. */
static void
draw_isolated (SockChart     *self,
               cairo_t       *cr,
               guint          s,
               double         plot_w,
               double         plot_h,
               const GdkRGBA *color)
{
  guint n = sock_chart_data_get_n_points (self->data);
  double value;

  gdk_cairo_set_source_rgba (cr, color);
  for (guint i = 0; i < n; i++)
    if (sock_chart_data_get_value (self->data, s, i, &value)
        && (i == 0 || !sock_chart_data_get_value (self->data, s, i - 1, NULL))
        && (i + 1 == n || !sock_chart_data_get_value (self->data, s, i + 1, NULL)))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, sock_chart_data_x_for_point (self->data, i, plot_w),
                   sock_chart_data_y_for_value (self->data, value, plot_h), 2.5, 0, 2 * G_PI);
      }
  cairo_fill (cr);
}

static void
draw_series (SockChart   *self,
             GtkSnapshot *snapshot,
             guint        s,
             double       width,
             double       height)
{
  double plot_w = width - 2 * PAD_SIDE, plot_h = height - PAD_TOP - PAD_BOTTOM;
  guint n = sock_chart_data_get_n_points (self->data);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  GdkRGBA color;
  gboolean drawing = FALSE;
  double value;

  lookup_color (GTK_WIDGET (self), series_colors[s], &color);
  cairo_translate (cr, PAD_SIDE, PAD_TOP);
  draw_isolated (self, cr, s, plot_w, plot_h, &color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &color);
  for (guint i = 0; i < n; i++)
    {
      if (!sock_chart_data_get_value (self->data, s, i, &value))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, sock_chart_data_x_for_point (self->data, i, plot_w),
                       sock_chart_data_y_for_value (self->data, value, plot_h));
      else
        cairo_move_to (cr, sock_chart_data_x_for_point (self->data, i, plot_w),
                       sock_chart_data_y_for_value (self->data, value, plot_h));
      drawing = TRUE;
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_legend (SockChart   *self,
             GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = PAD_SIDE;

  if (self->hover_text != NULL)
    {
      draw_text (widget, snapshot, self->hover_text, x, 2, FALSE, 0.9);
      return;
    }
  for (guint s = 0; s < sock_chart_data_get_n_series (self->data) && self->names[s] != NULL; s++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->names[s]);
      GdkRGBA color;
      int w, h;

      lookup_color (widget, series_colors[s], &color);
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, 2 + h / 2.0 - 1.5, 10, 3));
      draw_text (widget, snapshot, self->names[s], x + 14, 2, FALSE, 0.75);
      x += 14 + w + 16;
    }
}

static void
draw_hover (SockChart   *self,
            GtkSnapshot *snapshot,
            double       width,
            double       height)
{
  double plot_w = width - 2 * PAD_SIDE, plot_h = height - PAD_TOP - PAD_BOTTOM;
  double x = PAD_SIDE + sock_chart_data_x_for_point (self->data, self->hover, plot_w);
  GdkRGBA line;
  double value;

  foreground (GTK_WIDGET (self), 0.35, &line);
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (floor (x), PAD_TOP, 1, plot_h));
  for (guint s = 0; s < sock_chart_data_get_n_series (self->data); s++)
    if (sock_chart_data_get_value (self->data, s, self->hover, &value))
      {
        GdkRGBA color;
        double y = PAD_TOP + sock_chart_data_y_for_value (self->data, value, plot_h);
        GskRoundedRect dot;

        lookup_color (GTK_WIDGET (self), series_colors[s], &color);
        gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x - 3.5, y - 3.5, 7, 7), 3.5);
        gtk_snapshot_push_rounded_clip (snapshot, &dot);
        gtk_snapshot_append_color (snapshot, &color, &dot.bounds);
        gtk_snapshot_pop (snapshot);
      }
}

static void
sock_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  SockChart *self = SOCK_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);

  if (width <= 2 * PAD_SIDE || height <= PAD_TOP + PAD_BOTTOM)
    return;
  draw_grid (self, snapshot, width, height);
  for (guint s = 0; s < sock_chart_data_get_n_series (self->data); s++)
    draw_series (self, snapshot, s, width, height);
  if (self->hover >= 0)
    draw_hover (self, snapshot, width, height);
  draw_legend (self, snapshot);
}

static void
update_hover (SockChart *self)
{
  double plot_w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD_SIDE;
  int hover = self->hover_x < 0 ? -1 : sock_chart_data_hit (self->data, self->hover_x - PAD_SIDE, plot_w);

  self->hover = hover;
  g_clear_pointer (&self->hover_text, g_free);
  if (hover >= 0)
    self->hover_text = sock_chart_data_describe_point (self->data, hover, (const char * const *) self->names);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->hover_text);
}

void
sock_chart_hover (SockChart *self,
                  double     x)
{
  g_return_if_fail (SOCK_IS_CHART (self));

  self->hover_x = x;
  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SockChart                *self)
{
  double plot_w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD_SIDE;

  /* a redraw only when the pointer moves to another point */
  if (self->hover >= 0 && sock_chart_data_hit (self->data, x - PAD_SIDE, plot_w) == self->hover)
    {
      self->hover_x = x;
      return;
    }
  sock_chart_hover (self, x);
}

static void
on_leave (GtkEventControllerMotion *motion,
          SockChart                *self)
{
  sock_chart_hover (self, -1);
}

static void
sock_chart_finalize (GObject *object)
{
  SockChart *self = SOCK_CHART (object);

  g_clear_pointer (&self->data, sock_chart_data_free);
  for (guint s = 0; s < SOCK_CHART_MAX_SERIES; s++)
    g_clear_pointer (&self->names[s], g_free);
  g_clear_pointer (&self->hover_text, g_free);

  G_OBJECT_CLASS (sock_chart_parent_class)->finalize (object);
}

static void
sock_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 110;
}

static void
sock_chart_class_init (SockChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sock_chart_finalize;
  widget_class->snapshot = sock_chart_snapshot;
  widget_class->measure = sock_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* The axis label and the point under the pointer, with digits grouped as Preferences now say. */
static void
grouping_changed_cb (SockChart *self)
{
  if (self->hover_x >= 0 && self->data != NULL)
    update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sock_chart_init (SockChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->hover_x = -1;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
}

GtkWidget *
sock_chart_new (SockChartUnit          unit,
                const SockStatsSeries *series,
                const char * const    *names,
                guint                  n_series)
{
  SockChart *self;

  g_return_val_if_fail (n_series > 0 && n_series <= SOCK_CHART_MAX_SERIES, NULL);

  self = g_object_new (SOCK_TYPE_CHART, NULL);
  self->data = sock_chart_data_new (unit, series, n_series);
  for (guint s = 0; s < n_series && names != NULL; s++)
    self->names[s] = g_strdup (names[s]);
  sock_chart_data_sample (self->data, NULL, SOCK_CHART_RANGE_5_MIN);
  return GTK_WIDGET (self);
}

void
sock_chart_update (SockChart      *self,
                   SockStats      *stats,
                   SockChartRange  range)
{
  g_return_if_fail (SOCK_IS_CHART (self));

  sock_chart_data_sample (self->data, stats, range);
  if (self->hover_x >= 0)
    update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SockChartData *
sock_chart_get_data (SockChart *self)
{
  g_return_val_if_fail (SOCK_IS_CHART (self), NULL);
  return self->data;
}

const char *
sock_chart_get_hover_text (SockChart *self)
{
  g_return_val_if_fail (SOCK_IS_CHART (self), NULL);
  return self->hover_text;
}
