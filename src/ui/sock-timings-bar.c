/* sock-timings-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-handshake-export.h"
#include "sock-number-format.h"
#include "sock-timings-bar.h"

#define BAR_HEIGHT 12

struct _SockTimingsBar
{
  GtkWidget       parent_instance;

  SockTimingSpan  spans[SOCK_TIMING_N_STEPS];
  double          first;  /* the bar starts at the first step: time queued before it is no step */
  double          total;
};

G_DEFINE_FINAL_TYPE (SockTimingsBar, sock_timings_bar, GTK_TYPE_WIDGET)

/* libadwaita's named colours, so that the bar follows light and dark styles. */
static const char *step_colors[SOCK_TIMING_N_STEPS] = {
  [SOCK_TIMING_DNS] = "warning_color",
  [SOCK_TIMING_CONNECT] = "success_color",
  [SOCK_TIMING_TLS] = "purple_3",
  [SOCK_TIMING_WAIT] = "accent_bg_color",
};

static void
sock_timings_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : BAR_HEIGHT;
}

static void
sock_timings_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SockTimingsBar *self = SOCK_TIMINGS_BAR (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA track;
  GskRoundedRect outline;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &track);
  G_GNUC_END_IGNORE_DEPRECATIONS
  track.alpha *= 0.1;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), height / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; self->total > self->first && i < SOCK_TIMING_N_STEPS; i++)
    {
      GdkRGBA color = { 0.5, 0.5, 0.5, 1 };
      double x, w;

      if (self->spans[i].start < 0)
        continue;
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_lookup_color (style, step_colors[i], &color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      x = (self->spans[i].start - self->first) / (self->total - self->first) * width;
      /* a step of a few microseconds still shows */
      w = MAX ((self->spans[i].end - self->spans[i].start) / (self->total - self->first) * width, 2);
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, 0, w, height));
    }
  gtk_snapshot_pop (snapshot);
}

static void
sock_timings_bar_class_init (SockTimingsBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = sock_timings_bar_measure;
  widget_class->snapshot = sock_timings_bar_snapshot;
  gtk_widget_class_set_css_name (widget_class, "timingsbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sock_timings_bar_init (SockTimingsBar *self)
{
  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    self->spans[i].start = self->spans[i].end = -1;
}

GtkWidget *
sock_timings_bar_new (void)
{
  return g_object_new (SOCK_TYPE_TIMINGS_BAR, NULL);
}

void
sock_timings_bar_set_timings (SockTimingsBar    *self,
                              const SockTimings *timings)
{
  g_autoptr(GString) description = g_string_new (NULL);
  SockTimingSpan spans[SOCK_TIMING_N_STEPS] = { { -1, -1 }, { -1, -1 }, { -1, -1 }, { -1, -1 } };

  g_return_if_fail (SOCK_IS_TIMINGS_BAR (self));

  if (timings != NULL)
    sock_timings_get_spans (timings, spans);
  memcpy (self->spans, spans, sizeof spans);
  self->total = 0;
  self->first = G_MAXDOUBLE;
  for (guint i = 0; i < SOCK_TIMING_N_STEPS; i++)
    {
      g_autofree char *figure = NULL;

      if (self->spans[i].start < 0)
        continue;
      figure = sock_format_figure (self->spans[i].end - self->spans[i].start, 1);
      self->total = MAX (self->total, self->spans[i].end);
      self->first = MIN (self->first, self->spans[i].start);
      if (description->len > 0)
        g_string_append (description, ", ");
      /* TRANSLATORS: a step of the handshake and how long it took, "Connect 1,250.5 ms" */
      g_string_append_printf (description, _("%s %s ms"), sock_timing_step_name (i), figure);
    }
  if (self->first == G_MAXDOUBLE)
    self->first = 0;
  if (timings != NULL)
    self->total = MAX (self->total, timings->response_end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->len ? description->str : _("No timings"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
