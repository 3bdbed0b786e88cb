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

G_END_DECLS
