/* sock-cli-metrics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Prometheus text exposition (format 0.0.4) of `watch`'s connections, and the HTTP server that
 * serves it at /metrics. Metric names are an interface: see README.md.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* targets: SockCliTarget *. */
char       *sock_cli_metrics_render (GPtrArray   *targets);
/* Listens on listen ("127.0.0.1:9464", "[::1]:9464", "0.0.0.0:9464"; port 0 picks one) and serves
 * GET /metrics from targets (kept by reference). *out_url: where it listens. */
SoupServer *sock_cli_metrics_serve  (const char  *listen,
                                     GPtrArray   *targets,
                                     char       **out_url,
                                     GError     **error);

G_END_DECLS
