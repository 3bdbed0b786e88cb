/* sock-handshake-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tab's handshakes: every connect attempt listed (time, outcome, status, duration, diagnosis)
 * and, for the selected one, the diagnosis with what to try, a timings bar, the request and
 * response headers, the TLS certificate chain, and Copy as Text / curl / websocat.
 */

#pragma once

#include <adwaita.h>

#include "sock-handshake-attempt.h"

G_BEGIN_DECLS

#define SOCK_TYPE_HANDSHAKE_VIEW (sock_handshake_view_get_type ())

G_DECLARE_FINAL_TYPE (SockHandshakeView, sock_handshake_view, SOCK, HANDSHAKE_VIEW, AdwBin)

GtkWidget            *sock_handshake_view_new              (void);

/* A GListModel of SockHandshakeAttempt (sock_connection_get_handshakes ()). The newest attempt
 * is selected whenever one is added. */
GListModel           *sock_handshake_view_get_attempts     (SockHandshakeView *self);
void                  sock_handshake_view_set_attempts     (SockHandshakeView *self,
                                                            GListModel        *attempts);

SockHandshakeAttempt *sock_handshake_view_get_selected     (SockHandshakeView *self);
void                  sock_handshake_view_select           (SockHandshakeView *self,
                                                            guint              position);

/* Opens the view for attempts in a window of its own, over parent's window; returns it. */
GtkWidget            *sock_handshake_view_present_window   (GtkWidget         *parent,
                                                            GListModel        *attempts,
                                                            const char        *url);

G_END_DECLS
