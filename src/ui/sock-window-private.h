/* sock-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sock-diagnosis.h"
#include "sock-handshake.h"

G_BEGIN_DECLS

/* Fills the handshake page: the diagnosis as the status page's icon, title and description, and
 * what to try, the evidence, the request and the response as groups in details. */
void _sock_window_show_diagnosis (AdwStatusPage *page,
                                  GtkBox        *details,
                                  SockDiagnosis *diagnosis,
                                  SockHandshake *handshake);

G_END_DECLS
