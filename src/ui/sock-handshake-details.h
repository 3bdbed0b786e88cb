/* sock-handshake-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer of a handshake for every place that shows one.
 */

#pragma once

#include <adwaita.h>

#include "sock-diagnosis.h"
#include "sock-handshake.h"
#include "sock-handshake-attempt.h"

G_BEGIN_DECLS

const char *sock_handshake_details_severity_icon (SockSeverity          severity);
void        sock_handshake_details_clear         (GtkBox               *details);
/* Replaces the box's children with the groups describing a handshake. With an attempt, its
 * diagnosis and handshake are used and diagnosis and handshake are ignored; either may be NULL. */
void        sock_handshake_details_fill          (GtkBox               *details,
                                                  SockDiagnosis        *diagnosis,
                                                  SockHandshake        *handshake,
                                                  SockHandshakeAttempt *attempt);

G_END_DECLS
