/* sock-registration.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One procedure the user registered through a connection (WAMP v2): the procedure, its state
 * (pending until joined, active, restoring after a reconnect, failed with the reason in words), the
 * router's id, and the invocations it answered. It stays in the connection's list model through
 * reconnects; the counters are published at most once a second.
 */

#pragma once

#include <glib-object.h>

#include "sock-subscription.h"

G_BEGIN_DECLS

#define SOCK_TYPE_REGISTRATION (sock_registration_get_type ())

G_DECLARE_FINAL_TYPE (SockRegistration, sock_registration, SOCK, REGISTRATION, GObject)

const char            *sock_registration_get_procedure      (SockRegistration *self);
/* The same states as a subscription's. */
SockSubscriptionState  sock_registration_get_state          (SockRegistration *self);
const char            *sock_registration_get_error          (SockRegistration *self);
gint64                 sock_registration_get_id             (SockRegistration *self);
guint64                sock_registration_get_n_invocations  (SockRegistration *self);
double                 sock_registration_get_rate           (SockRegistration *self);
gint64                 sock_registration_get_last_invocation_time (SockRegistration *self);

/* Properties (read-only, notified on change, counters at most once a second): procedure (string),
 * state (int), error (string), id (int64), n-invocations (uint64), rate (double),
 * last-invocation-time (int64) */

G_END_DECLS
