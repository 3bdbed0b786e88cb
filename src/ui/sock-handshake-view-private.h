/* sock-handshake-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-handshake-view.h"

G_BEGIN_DECLS

const char *_sock_handshake_view_severity_icon (SockSeverity          severity);
/* sock-handshake-view-details.c: the selected attempt's groups below its diagnosis. */
void        _sock_handshake_view_fill_details  (GtkBox               *details,
                                                SockHandshakeAttempt *attempt);

G_END_DECLS
