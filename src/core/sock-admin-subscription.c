/* sock-admin-subscription.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-admin-subscription.h"
#include "sock-router-admin-private.h"

struct _SockAdminSubscription
{
  SockAdminEntry parent_instance;
};

G_DEFINE_FINAL_TYPE (SockAdminSubscription, sock_admin_subscription, SOCK_TYPE_ADMIN_ENTRY)

static void
sock_admin_subscription_class_init (SockAdminSubscriptionClass *klass)
{
}

static void
sock_admin_subscription_init (SockAdminSubscription *self)
{
}

SockAdminSubscription *
sock_admin_subscription_new_from_details (JsonObject *details)
{
  return _sock_admin_entry_new (SOCK_TYPE_ADMIN_SUBSCRIPTION, details);
}
