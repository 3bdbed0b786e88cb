/* sock-health-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a connection's errors by kind: protocol violations, timeouts, or one WAMP error URI,
 * with its count and what it means in words.
 */

#pragma once

#include <glib-object.h>

#include "sock-stats.h"

G_BEGIN_DECLS

#define SOCK_TYPE_HEALTH_ERROR (sock_health_error_get_type ())

G_DECLARE_FINAL_TYPE (SockHealthError, sock_health_error, SOCK, HEALTH_ERROR, GObject)

/* uri: for SOCK_STATS_ERROR_WAMP, the error URI (NULL: the URIs beyond the bound). */
SockHealthError *sock_health_error_new         (SockStatsErrorKind  kind,
                                                const char         *uri,
                                                guint64             count);
SockStatsErrorKind sock_health_error_get_kind  (SockHealthError    *self);
/* "Protocol violations", "Timeouts", or the WAMP error URI. */
const char      *sock_health_error_get_title   (SockHealthError    *self);
const char      *sock_health_error_get_uri     (SockHealthError    *self);
guint64          sock_health_error_get_count   (SockHealthError    *self);
/* What it means, in words. */
const char      *sock_health_error_get_meaning (SockHealthError    *self);

/* Properties (read-only, set at construction): kind (int), title, uri, meaning (strings),
 * count (uint64). */

G_END_DECLS
