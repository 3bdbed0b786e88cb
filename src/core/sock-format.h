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
char *sock_format_duration (gint64 us);

G_END_DECLS
