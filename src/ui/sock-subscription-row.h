/* sock-subscription-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a connection's subscriptions list: the topic, its match and state, and what arrived
 * ("12 events · 2.0/s", "No events yet", "Silent for 8 s"), bound to a SockSubscription.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-subscription.h"

G_BEGIN_DECLS

#define SOCK_TYPE_SUBSCRIPTION_ROW (sock_subscription_row_get_type ())

G_DECLARE_FINAL_TYPE (SockSubscriptionRow, sock_subscription_row, SOCK, SUBSCRIPTION_ROW, GtkWidget)

SockSubscription *sock_subscription_row_get_subscription (SockSubscriptionRow *self);
void              sock_subscription_row_set_subscription (SockSubscriptionRow *self,
                                                          SockSubscription    *subscription);

/* After this long without an event, the row says how long it has been silent. */
#define SOCK_SUBSCRIPTION_ROW_SILENT_AFTER_S 5

G_END_DECLS
