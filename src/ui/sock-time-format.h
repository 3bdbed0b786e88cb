/* sock-time-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message log's time column as Preferences want it ("timestamp-format"): local time, UTC,
 * or the time since the log's first row (relative).
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SOCK_TIME_TEXT_SIZE 32

/* local_text: the local "HH:MM:SS.mmm" already made for the row, returned as is when the format
 * is local; otherwise the text is written to buf ("+12.345 s" after origin_us when relative). UI
 * thread only. */
const char *sock_time_format_text  (gint64      time_us,
                                    gint64      origin_us,
                                    const char *local_text,
                                    char        buf[SOCK_TIME_TEXT_SIZE]);
/* Calls changed (object) whenever the format changes, once sock_time_format_text() follows it;
 * until object is finalized. */
void        sock_time_format_watch (GCallback   changed,
                                    gpointer    object);

G_END_DECLS
