/* sock-chart-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points are doubles with NAN for "no data", so that a chart leaves a gap rather than drawing a
 * drop to zero where the ring has nothing (before the connection existed, or a second without a
 * pong).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sock-chart-data.h"
#include "sock-number-format.h"

#define MAX_POINTS 360

struct _SockChartData
{
  SockChartUnit    unit;
  SockStatsSeries  series[SOCK_CHART_MAX_SERIES];
  guint            n_series;
  SockChartRange   range;
  guint            n_points;
  guint            bucket;
  double           points[SOCK_CHART_MAX_SERIES][MAX_POINTS];
  double           top;
};

SockChartData *
sock_chart_data_new (SockChartUnit          unit,
                     const SockStatsSeries *series,
                     guint                  n_series)
{
  SockChartData *self;

  g_return_val_if_fail (n_series > 0 && n_series <= SOCK_CHART_MAX_SERIES, NULL);

  self = g_new0 (SockChartData, 1);
  self->unit = unit;
  self->n_series = n_series;
  for (guint s = 0; s < n_series; s++)
    self->series[s] = series[s];
  self->top = 1;
  return self;
}

void
sock_chart_data_free (SockChartData *self)
{
  g_free (self);
}

/* The mean of the seconds [first_ago, first_ago + bucket) that hold data; NAN if none does. */
static double
bucket_mean (SockStats       *stats,
             SockStatsSeries  series,
             guint            first_ago,
             guint            bucket)
{
  guint held = sock_stats_get_n_seconds (stats);
  double sum = 0;
  guint n = 0;

  for (guint s = first_ago; s < first_ago + bucket && s < held; s++)
    {
      guint64 value = sock_stats_get_second (stats, series, s);

      if (series == SOCK_STATS_RTT && value == 0)
        continue;
      sum += (double) value;
      n++;
    }
  return n > 0 ? sum / n : NAN;
}

static double
round_top (double max)
{
  double magnitude;

  if (!(max > 0))
    return 1;
  magnitude = pow (10, floor (log10 (max)));
  if (max <= magnitude)
    return magnitude;
  if (max <= 2 * magnitude)
    return 2 * magnitude;
  if (max <= 5 * magnitude)
    return 5 * magnitude;
  return 10 * magnitude;
}

void
sock_chart_data_sample (SockChartData  *self,
                        SockStats      *stats,
                        SockChartRange  range)
{
  double max = 0;

  g_return_if_fail (self != NULL);

  self->range = range;
  self->bucket = range == SOCK_CHART_RANGE_HOUR ? 10 : 1;
  self->n_points = range == SOCK_CHART_RANGE_HOUR ? 360 : 300;
  /* the current second is still being counted: the newest point is the last whole one */
  for (guint s = 0; s < self->n_series; s++)
    for (guint i = 0; i < self->n_points; i++)
      {
        guint first_ago = 1 + (self->n_points - 1 - i) * self->bucket;
        double value = stats ? bucket_mean (stats, self->series[s], first_ago, self->bucket) : NAN;

        self->points[s][i] = value;
        if (!isnan (value))
          max = MAX (max, value);
      }
  self->top = round_top (max);
}

SockChartRange
sock_chart_data_get_range (SockChartData *self)
{
  g_return_val_if_fail (self != NULL, SOCK_CHART_RANGE_5_MIN);
  return self->range;
}

guint
sock_chart_data_get_n_series (SockChartData *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_series;
}

guint
sock_chart_data_get_n_points (SockChartData *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_points;
}

guint
sock_chart_data_get_bucket (SockChartData *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->bucket;
}

gboolean
sock_chart_data_get_value (SockChartData *self,
                           guint          series,
                           guint          i,
                           double        *value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (series < self->n_series, FALSE);

  if (i >= self->n_points || isnan (self->points[series][i]))
    return FALSE;
  if (value != NULL)
    *value = self->points[series][i];
  return TRUE;
}

double
sock_chart_data_get_top (SockChartData *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->top;
}

double
sock_chart_data_x_for_point (SockChartData *self,
                             guint          i,
                             double         width)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_points < 2)
    return width;
  return width * i / (self->n_points - 1);
}

double
sock_chart_data_y_for_value (SockChartData *self,
                             double         value,
                             double         height)
{
  g_return_val_if_fail (self != NULL, 0);
  return height - height * CLAMP (value / self->top, 0, 1);
}

int
sock_chart_data_hit (SockChartData *self,
                     double         x,
                     double         width)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->n_points == 0 || width <= 0)
    return -1;
  return (int) CLAMP (round (x / width * (self->n_points - 1)), 0, self->n_points - 1);
}

guint
sock_chart_data_seconds_ago (SockChartData *self,
                             guint          i)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (i < self->n_points, 0);
  return 1 + (self->n_points - 1 - i) * self->bucket;
}

char *
sock_chart_data_format_value (SockChartData *self,
                              double         value)
{
  g_autofree char *size = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->unit)
    {
    case SOCK_CHART_UNIT_BYTES:
      size = g_format_size ((guint64) MAX (value, 0));
      /* TRANSLATORS: a size per second, e.g. "1.2 kB/s" */
      return g_strdup_printf (_("%s/s"), size);
    case SOCK_CHART_UNIT_TIME:
      return sock_format_milliseconds (MAX (value, 0));
    case SOCK_CHART_UNIT_RATE:
    default:
      /* digits grouped as Preferences say, "2.5/s" below 10 */
      return sock_format_rate (MAX (value, 0));
    }
}

static char *
format_ago (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (ngettext ("%u s ago", "%u s ago", seconds), seconds);
  if (seconds % 60 == 0)
    return g_strdup_printf (ngettext ("%u min ago", "%u min ago", seconds / 60), seconds / 60);
  return g_strdup_printf (_("%u min %u s ago"), seconds / 60, seconds % 60);
}

char *
sock_chart_data_describe_point (SockChartData      *self,
                                guint               i,
                                const char * const *names)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *ago = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_points, NULL);

  ago = format_ago (sock_chart_data_seconds_ago (self, i));
  text = g_string_new (ago);
  for (guint s = 0; s < self->n_series; s++)
    {
      double value;
      g_autofree char *formatted = NULL;

      if (sock_chart_data_get_value (self, s, i, &value))
        formatted = sock_chart_data_format_value (self, value);
      g_string_append (text, s == 0 ? ": " : " · ");
      if (names != NULL && names[s] != NULL)
        g_string_append_printf (text, "%s ", names[s]);
      g_string_append (text, formatted ? formatted : _("no data"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
