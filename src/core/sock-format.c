/* sock-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-format.h"

static gint grouping_on = TRUE;

char *
sock_format_duration (gint64 us)
{
  double ms = MAX (us, 0) / 1000.0;
  /* whole seconds, rounded, for minutes and hours */
  gint64 s = (MAX (us, 0) + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;

  if (ms < 10)
    /* TRANSLATORS: a short duration in milliseconds, with one decimal */
    return g_strdup_printf (_("%.1f ms"), ms);
  if (ms < 999.5)
    return g_strdup_printf (_("%.0f ms"), ms);
  if (ms < 59950)
    /* TRANSLATORS: seconds with one decimal */
    return g_strdup_printf (_("%.1f s"), ms / 1000);
  if (s < 3600)
    /* TRANSLATORS: minutes and seconds */
    return g_strdup_printf (_("%d min %d s"), (int) (s / 60), (int) (s % 60));
  /* TRANSLATORS: hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) MIN (s / 3600, G_MAXINT), (int) ((s % 3600) / 60));
}

void
sock_format_set_grouping (gboolean grouping)
{
  g_atomic_int_set (&grouping_on, grouping != FALSE);
}

gboolean
sock_format_get_grouping (void)
{
  return g_atomic_int_get (&grouping_on);
}

char *
sock_format_number (guint64 n)
{
  if (sock_format_get_grouping ())
    return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
sock_format_decimal (double value,
                     guint  decimals)
{
  int precision = (int) MIN (decimals, 9);

  if (sock_format_get_grouping ())
    return g_strdup_printf ("%'.*f", precision, value);
  return g_strdup_printf ("%.*f", precision, value);
}
