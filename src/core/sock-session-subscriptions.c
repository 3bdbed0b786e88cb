/* sock-session-subscriptions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subscriptions a session holds and the one route every EVENT takes: the log, the
 * subscription's counters, the owner's event func. The owner (SockConnection) lends its own
 * subscription objects through the lookup hook, so that counting needs no copy and no lookup
 * beyond the one the kind does to find the subscription. Who holds each (the user, internal
 * holders such as the router admin) is kept beside it: only the user's are adopted.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-session-private.h"

GPtrArray *
sock_session_get_subscriptions (SockSession *self)
{
  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);

  return _sock_session_get_subscriptions (self);
}

gboolean
_sock_session_task_is_internal (GTask *task)
{
  return task != NULL && g_task_get_source_tag (task) == _sock_session_subscribe_internal_async;
}

static SockSubscriptionHold *
hold_at (SockSession *self,
         guint        index)
{
  return &g_array_index (_sock_session_get_holds (self), SockSubscriptionHold, index);
}

SockSubscription *
_sock_session_add_subscription (SockSession *self,
                                const char  *topic,
                                SockMatch    match,
                                gint64       id,
                                GTask       *task)
{
  SockSessionHooks *hooks = _sock_session_get_hooks (self);
  GPtrArray *all = _sock_session_get_subscriptions (self);
  SockSubscription *sub = _sock_session_find_subscription (self, topic, match);
  gboolean internal = _sock_session_task_is_internal (task);
  SockSubscriptionHold *hold;
  guint index;

  if (sub == NULL)
    {
      g_ptr_array_add (all, sock_subscription_new (topic, match));
      g_ptr_array_add (_sock_session_get_held_uris (self), g_strdup (topic));
      g_array_set_size (_sock_session_get_holds (self), all->len);
      index = all->len - 1;
    }
  else
    g_ptr_array_find (all, sub, &index);
  hold = hold_at (self, index);
  if (internal)
    hold->internal++;
  else if (!hold->user)
    {
      SockSubscription *adopted;

      /* the user's: counted on the owner's object (it is in the owner's model) */
      hold->user = TRUE;
      adopted = hooks->adopt ? hooks->adopt (self, topic, match, hooks->user_data) : NULL;
      if (adopted != NULL)
        {
          g_object_unref (g_ptr_array_index (all, index));
          g_ptr_array_index (all, index) = g_object_ref (adopted);
        }
    }
  sub = g_ptr_array_index (all, index);
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
  if (hooks->forget != NULL && hold_at (self, index)->user)
    hooks->forget (self, sub, hooks->user_data);
  g_array_remove_index (_sock_session_get_holds (self), index);
  g_ptr_array_remove_index (_sock_session_get_held_uris (self), index);
  g_ptr_array_remove_index (_sock_session_get_subscriptions (self), index);
}

void
_sock_session_unsubscribe_hold (SockSession *self,
                                const char  *topic,
                                SockMatch    match,
                                gboolean     internal,
                                GTask       *task)
{
  SockSessionClass *klass = SOCK_SESSION_GET_CLASS (self);
  SockSessionHooks *hooks = _sock_session_get_hooks (self);
  g_autofree char *expanded = NULL;
  const char *uri = topic;
  SockSubscription *sub;
  SockSubscriptionHold *hold;
  guint index;

  /* subscriptions are held under the URI the topic stands for (a v1 CURIE is expanded) */
  if (klass->expand_uri != NULL)
    uri = expanded = klass->expand_uri (self, topic);
  sub = _sock_session_find_subscription (self, uri, match);
  if (sub == NULL || !g_ptr_array_find (_sock_session_get_subscriptions (self), sub, &index)
      || (internal ? hold_at (self, index)->internal == 0 : !hold_at (self, index)->user))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT,
                                    _("Not subscribed to %s (match %s)"), topic, sock_match_to_string (match));
  hold = hold_at (self, index);
  if (hold->internal + (hold->user ? 1 : 0) > 1)
    {
      /* another holder keeps it: the router's subscription stays */
      if (internal)
        hold->internal--;
      else
        {
          hold->user = FALSE;
          if (hooks->forget != NULL)
            hooks->forget (self, sub, hooks->user_data);
        }
      return g_task_return_boolean (task, TRUE);
    }
  klass->unsubscribe (self, uri, match, task);
}

void
_sock_session_subscribe_internal_async (SockSession         *self,
                                        const char          *topic,
                                        SockMatch            match,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (topic != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data,
                                    _sock_session_subscribe_internal_async);
  if (task != NULL)
    SOCK_SESSION_GET_CLASS (self)->subscribe (self, topic, match, task);
}

void
_sock_session_unsubscribe_internal_async (SockSession         *self,
                                          const char          *topic,
                                          SockMatch            match,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));
  g_return_if_fail (topic != NULL);

  task = _sock_session_new_request (self, cancellable, callback, user_data,
                                    _sock_session_unsubscribe_internal_async);
  if (task != NULL)
    _sock_session_unsubscribe_hold (self, topic, match, TRUE, task);
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

      if (sub->activity.id == id)
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
