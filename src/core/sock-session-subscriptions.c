/* sock-session-subscriptions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subscriptions a session holds and the one route every EVENT takes: the log, the
 * subscription's counters, the owner's event func. The owner (SockConnection) lends its own
 * subscription objects through the lookup hook, so that counting needs no copy and no lookup
 * beyond the one the kind does to find the subscription.
 */

#include "config.h"

#include "sock-session-private.h"

GPtrArray *
sock_session_get_subscriptions (SockSession *self)
{
  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);

  return _sock_session_get_subscriptions (self);
}

SockSubscription *
_sock_session_add_subscription (SockSession *self,
                                const char  *topic,
                                SockMatch    match,
                                gint64       id)
{
  SockSessionHooks *hooks = _sock_session_get_hooks (self);
  SockSubscription *sub = _sock_session_find_subscription (self, topic, match);

  if (sub == NULL)
    {
      if (hooks->adopt != NULL)
        sub = hooks->adopt (self, topic, match, hooks->user_data);
      sub = sub ? g_object_ref (sub) : sock_subscription_new (topic, match);
      g_ptr_array_add (_sock_session_get_subscriptions (self), sub);
      g_ptr_array_add (_sock_session_get_held_uris (self), g_strdup (topic));
    }
  _sock_subscription_set_state (sub, SOCK_SUBSCRIPTION_ACTIVE, NULL);
  _sock_subscription_set_id (sub, id);
  return sub;
}

void
_sock_session_remove_subscription (SockSession *self,
                                   const char  *topic,
                                   SockMatch    match)
{
  SockSessionHooks *hooks = _sock_session_get_hooks (self);
  SockSubscription *sub = _sock_session_find_subscription (self, topic, match);
  guint index;

  if (sub == NULL || !g_ptr_array_find (_sock_session_get_subscriptions (self), sub, &index))
    return;
  if (hooks->forget != NULL)
    hooks->forget (self, sub, hooks->user_data);
  g_ptr_array_remove_index (_sock_session_get_held_uris (self), index);
  g_ptr_array_remove_index (_sock_session_get_subscriptions (self), index);
}

SockSubscription *
_sock_session_find_subscription (SockSession *self,
                                 const char  *topic,
                                 SockMatch    match)
{
  GPtrArray *all = _sock_session_get_subscriptions (self);
  GPtrArray *uris = _sock_session_get_held_uris (self);

  for (guint i = 0; i < all->len; i++)
    {
      SockSubscription *sub = g_ptr_array_index (all, i);

      if (sub->match == (int) match && g_str_equal (g_ptr_array_index (uris, i), topic))
        return sub;
    }
  return NULL;
}

SockSubscription *
_sock_session_find_subscription_by_id (SockSession *self,
                                       gint64       id)
{
  GPtrArray *all = _sock_session_get_subscriptions (self);

  for (guint i = 0; i < all->len; i++)
    {
      SockSubscription *sub = g_ptr_array_index (all, i);

      if (sub->id == id)
        return sub;
    }
  return NULL;
}

void
_sock_session_deliver_event (SockSession        *self,
                             SockSubscription   *sub,
                             const SockLogEntry *entry,
                             const guint8       *raw,
                             gsize               len,
                             const SockEvent    *event)
{
  SockSessionHooks *hooks = _sock_session_get_hooks (self);

  _sock_session_append (self, entry, raw, len);
  if (sub == NULL)
    return;
  _sock_subscription_count (sub, event->time_us);
  if (hooks->event_func != NULL)
    hooks->event_func (self, event, hooks->user_data);
}

void
_sock_session_count_error (SockSession        *self,
                           SockStatsErrorKind  kind,
                           const char         *uri)
{
  SockSessionHooks *hooks = _sock_session_get_hooks (self);

  if (hooks->stats != NULL)
    sock_stats_record_error (hooks->stats, kind, uri);
}
