/* sock-saved-templates.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starter settings for the servers people meet: Ratchet / GosWebSocketBundle and OroCRM (WAMP v1,
 * with the Origin their checks want; Oro's ticket in the URL and its oro/ping keepalive topic),
 * Crossbar.io, Nexus and Bondy (WAMP v2 realms and authentication). Each is a never-used
 * SockSavedConnection with an example URL to edit before it is saved.
 */

#pragma once

#include "sock-saved-connection.h"

G_BEGIN_DECLS

/* The templates, in the order to offer them (SockSavedConnection). */
GPtrArray *sock_saved_templates_new (void);

G_END_DECLS
