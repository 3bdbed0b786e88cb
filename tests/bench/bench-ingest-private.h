/* bench-ingest-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Connects Sockscope's connection (transport, WAMP v2 session, message log) to url, subscribes
 * to the flood, and returns the events/s from the first to the last of total events. */
double bench_ingest_run_sockscope (const char *url,
                                   guint64     total);
/* The same, with the source paced: also the user and system CPU time the receiving thread took
 * per event (µs). */
double bench_ingest_run_sockscope_paced (const char *url,
                                         guint64     total,
                                         double     *user_us_per_event,
                                         double     *sys_us_per_event);

G_END_DECLS
