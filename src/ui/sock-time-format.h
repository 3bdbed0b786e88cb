/* sock-time-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message log's time column as Preferences want it ("timestamp-format"): local time, UTC,
 * or the time since Sockscope started (the same origin for every tab, so that tabs compare).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_TIME_TEXT_SIZE 32

/* local_text: the local "HH:MM:SS.mmm" already made for the row, returned as is when the format
 * is local; otherwise the text is written to buf. UI thread only. */
const char *sock_time_format_text (gint64      time_us,
                                   const char *local_text,
                                   char        buf[SOCK_TIME_TEXT_SIZE]);

G_END_DECLS
