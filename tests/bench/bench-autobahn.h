/* bench-autobahn.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Autobahn|JS on node (tests/interop/node_modules) counting total EVENTs of the bench flood at
 * url: events/s from the first to the last; -1 when the npm peers are not installed. */
double bench_autobahn_count (const char *url,
                             guint64     total);

G_END_DECLS
