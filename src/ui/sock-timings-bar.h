/* sock-timings-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of one handshake (DNS, connect, TLS, waiting for the response) as a bar, each step's
 * width its share of the attempt, in the theme's colours.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-handshake.h"

G_BEGIN_DECLS

#define SOCK_TYPE_TIMINGS_BAR (sock_timings_bar_get_type ())

G_DECLARE_FINAL_TYPE (SockTimingsBar, sock_timings_bar, SOCK, TIMINGS_BAR, GtkWidget)

GtkWidget *sock_timings_bar_new         (void);
/* NULL clears the bar. */
void       sock_timings_bar_set_timings (SockTimingsBar    *self,
                                         const SockTimings *timings);

G_END_DECLS
