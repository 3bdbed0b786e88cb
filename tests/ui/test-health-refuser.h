/* test-health-refuser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WAMP server for ui-health that takes the WebSocket upgrade on 127.0.0.1:port and answers
 * every HELLO with ABORT wamp.error.no_such_realm: a router that came back without the realm.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _Refuser Refuser;

/* NULL when port cannot be bound (yet). */
Refuser *refuser_start (guint    port);
/* HELLOs answered with ABORT so far. */
guint    refuser_get_aborts (Refuser *self);
void     refuser_stop  (Refuser *self);

G_END_DECLS
