/* sock-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figures as a person reads them, the same in the window and the CLI.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A duration in the unit a person reads best: "3.2 ms", "850 ms", "16.4 s", "2 min 3 s",
 * "1 h 5 min"; a negative one is 0. */
char     *sock_format_duration     (gint64   us);

/* Whether counts are written with the locale's digit grouping: on unless turned off (the window
 * follows its Preferences). Any thread. */
void      sock_format_set_grouping (gboolean grouping);
gboolean  sock_format_get_grouping (void);
/* A count as a person reads it: "1,234,567" (the locale's thousands separator) while grouping is
 * on, "1234567" while it is off. Never for text meant for tools (JSON, flags to copy). */
char     *sock_format_number       (guint64  n);
/* A figure with decimals digits after the locale's decimal separator, its whole part grouped as
 * sock_format_number() groups: "10,012" or "12,345.6" (C: "10012", "12345.6" while grouping is
 * off). For durations in milliseconds in texts for people; never for text meant for tools. */
char     *sock_format_decimal      (double   value,
                                    guint    decimals);

G_END_DECLS
