/* sock-number-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts and rates as Preferences want them ("digit-grouping"): with the locale's thousands
 * separator (1,000,000) or without (1000000).
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Whether digits are grouped now. UI thread only. */
gboolean sock_number_format_get_grouping (void);
/* Calls changed (object) whenever digit grouping is turned on or off, once the functions here
 * follow it; until object is finalized. */
void     sock_number_format_watch        (GCallback changed,
                                          gpointer  object);
/* "1,234,567" */
char    *sock_format_count               (guint64 n);
/* "1,234/s", or "2.5/s" below 10 */
char    *sock_format_rate                (double  rate);
/* A time given in microseconds, in milliseconds: "3.25 ms" below 10 ms, whole ones above
 * ("12,345 ms"). */
char    *sock_format_milliseconds        (double  us);
/* A figure with decimals digits after the decimal separator, grouped as counts are: "12,345.6" */
char    *sock_format_figure              (double  value,
                                          guint   decimals);

G_END_DECLS
