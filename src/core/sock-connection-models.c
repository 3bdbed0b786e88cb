/* sock-connection-models.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live models a connection owns: its subscriptions and registrations (GListModels that keep
 * their items through reconnects) and its statistics. A one-second tick publishes what the hot
 * path counted (rates, counts, the statistics ring): views hear at most one notification per
 * object per second, never one per message.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-connection-private.h"
#include "sock-registration-private.h"

enum { TICK_MS = 1000 };

/* What a failed request means for the user, in words (not a URI for widgets to match). */
static char *
dup_error_words (const GError *error)
{
  g_autofree char *words = NULL;

  if (sock_session_error_get_uri (error) != NULL)
    {
      words = sock_session_error_dup_words (error);
      return g_strdup_printf (_("The router refused: %s"), words);
    }
  if (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST))
    return g_strdup (_("The connection was lost before the router answered"));
  return g_strdup (error->message);
}

static gboolean
is_joined (SockConnection *self)
{
  return self->session != NULL && sock_session_get_state (self->session) == SOCK_SESSION_JOINED;
}

static gboolean
in_store (GListStore *store,
          gpointer    item)
{
  return g_list_store_find (store, item, NULL);
}

/* Sampling and the tick */

void
_sock_connection_sample (SockConnection *self)
{
  guint64 in = sock_transport_get_frames_in (self->transport);
  guint64 out = sock_transport_get_frames_out (self->transport);
  guint64 bytes_in = sock_transport_get_bytes_in (self->transport);
  guint64 bytes_out = sock_transport_get_bytes_out (self->transport);

  /* the transport's counters start again with each attempt (see start_attempt) */
  sock_stats_record_in (self->stats, in - MIN (in, self->sampled[0]), bytes_in - MIN (bytes_in, self->sampled[2]));
  sock_stats_record_out (self->stats, out - MIN (out, self->sampled[1]),
                         bytes_out - MIN (bytes_out, self->sampled[3]));
  self->sampled[0] = in;
  self->sampled[1] = out;
  self->sampled[2] = bytes_in;
  self->sampled[3] = bytes_out;
}

void
_sock_connection_sample_restart (SockConnection *self)
{
  _sock_connection_sample (self);
  memset (self->sampled, 0, sizeof self->sampled);
}

static void
tick_items (GListModel *model,
            gint64      span_us,
            void      (*tick) (gpointer, gint64))
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      tick (item, span_us);
    }
}

void
_sock_connection_tick (SockConnection *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 span = self->last_tick ? now - self->last_tick : TICK_MS * 1000;

  self->last_tick = now;
  _sock_connection_sample (self);
  sock_stats_tick (self->stats, now);
  sock_health_update (self->health, self->stats, now);
  tick_items (G_LIST_MODEL (self->subscriptions), span, (void (*) (gpointer, gint64)) _sock_subscription_tick);
  tick_items (G_LIST_MODEL (self->registrations), span, (void (*) (gpointer, gint64)) _sock_registration_tick);
  _sock_connection_notify_rates (self);
}

static gboolean
tick_cb (gpointer data)
{
  _sock_connection_tick (data);
  return G_SOURCE_CONTINUE;
}

/* The seconds up to now in which nothing came from the server (no frame, no pong). */
static guint
quiet_seconds (SockStats *stats)
{
  guint n = sock_stats_get_n_seconds (stats);
  guint i;

  for (i = 0; i < n; i++)
    if (sock_stats_get_second (stats, SOCK_STATS_MESSAGES_IN, i) > 0 || sock_stats_get_second (stats, SOCK_STATS_RTT, i) > 0)
      break;
  return i;
}

static void
on_state_notify (SockConnection *self)
{
  SockTimeline *timeline = sock_health_get_timeline (self->health);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  g_autoptr(SockTimelineEntry) last = n ? g_list_model_get_item (G_LIST_MODEL (timeline), n - 1) : NULL;
  guint code = sock_transport_get_close_code (self->transport);
  gboolean lost = !self->closing && last != NULL && sock_timeline_entry_get_state (last) == SOCK_CONNECTION_JOINED
                  && (self->state == SOCK_CONNECTION_RECONNECTING || self->state == SOCK_CONNECTION_CLOSED);

  _sock_connection_sample (self);
  sock_stats_record_state (self->stats, self->state, sock_connection_state_to_string (self->state),
                           self->close_reason, code);
  if (lost)
    sock_health_record_loss (self->health, quiet_seconds (self->stats),
                             sock_profile_get_keepalive_interval (sock_transport_get_profile (self->transport)));
  /* joining and connecting have no reason nor close code of their own: what is read here is the
   * last loss's */
  if (self->state == SOCK_CONNECTION_JOINED || self->state == SOCK_CONNECTION_CONNECTING)
    sock_health_record_state (self->health, self->state, NULL, 0, g_get_monotonic_time (), g_get_real_time ());
  else
    sock_health_record_state (self->health, self->state, self->close_reason,
                              self->state == SOCK_CONNECTION_NOT_RESPONDING ? 0 : code,
                              g_get_monotonic_time (), g_get_real_time ());
}

void
_sock_connection_models_init (SockConnection *self)
{
  self->subscriptions = g_list_store_new (SOCK_TYPE_SUBSCRIPTION);
  self->registrations = g_list_store_new (SOCK_TYPE_REGISTRATION);
  self->stats = sock_stats_new ();
  self->health = sock_health_new ();
  self->tick_source = _sock_connection_timeout (self, TICK_MS, tick_cb);
  g_signal_connect (self, "notify::state", G_CALLBACK (on_state_notify), NULL);
}

void
_sock_connection_models_dispose (SockConnection *self)
{
  _sock_connection_clear_source (&self->tick_source);
}

void
_sock_connection_models_finalize (SockConnection *self)
{
  g_clear_object (&self->subscriptions);
  g_clear_object (&self->registrations);
  g_clear_object (&self->stats);
  g_clear_object (&self->health);
}

/* Subscriptions */

static SockSubscription *
lookup_subscription (SockConnection *self,
                     const char     *topic,
                     int             match)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subscriptions));

  for (guint i = 0; i < n; i++)
    {
      SockSubscription *sub = g_list_model_get_item (G_LIST_MODEL (self->subscriptions), i);

      g_object_unref (sub);  /* the store holds it */
      if (sub->match == match && g_str_equal (sub->topic, topic))
        return sub;
    }
  return NULL;
}

SockSubscription *
sock_connection_find_subscription (SockConnection *self,
                                   const char     *topic,
                                   SockMatch       match)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (topic != NULL, NULL);

  return lookup_subscription (self, topic, match);
}

/* A subscription made on the session directly (the CLI, tests) is the connection's too: it shows
 * in the model and is made again after a reconnect. */
SockSubscription *
_sock_connection_adopt_subscription (SockSession *session,
                                     const char  *topic,
                                     int          match,
                                     gpointer     user_data)
{
  SockConnection *self = user_data;
  SockSubscription *sub = lookup_subscription (self, topic, match);
  SockSessionClass *klass = SOCK_SESSION_GET_CLASS (session);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subscriptions));

  /* held under the URI the topic stands for (a WAMP v1 CURIE is expanded) */
  for (guint i = 0; sub == NULL && klass->expand_uri != NULL && i < n; i++)
    {
      g_autoptr(SockSubscription) item = g_list_model_get_item (G_LIST_MODEL (self->subscriptions), i);
      g_autofree char *expanded = klass->expand_uri (session, item->topic);

      if (item->match == match && g_strcmp0 (expanded, topic) == 0)
        sub = item;
    }
  if (sub == NULL)
    {
      g_autoptr(SockSubscription) made = sock_subscription_new (topic, match);

      g_list_store_append (self->subscriptions, made);
      sub = made;
    }
  return sub;
}

void
_sock_connection_forget_subscription (SockSession      *session,
                                      SockSubscription *subscription,
                                      gpointer          user_data)
{
  SockConnection *self = user_data;
  guint position;

  if (g_list_store_find (self->subscriptions, subscription, &position))
    g_list_store_remove (self->subscriptions, position);
}

typedef struct
{
  SockConnection   *self;
  SockSubscription *sub;
} SubscribeData;

static void
subscribe_data_free (SubscribeData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->sub);
  g_free (data);
}

static void
unsubscribe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sock_session_unsubscribe_finish (SOCK_SESSION (object), result, &error))
    sock_message_log_append_marker (sock_session_get_log (SOCK_SESSION (object)), error->message);
}

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SubscribeData *data = user_data;
  SockSession *session = SOCK_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!sock_session_subscribe_finish (session, result, NULL, &error))
    {
      g_autofree char *words = dup_error_words (error);

      /* a lost connection restores it after the reconnect: its state says so already */
      if (in_store (data->self->subscriptions, data->sub)
          && !g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST))
        _sock_subscription_set_state (data->sub, SOCK_SUBSCRIPTION_FAILED, words);
    }
  else if (!in_store (data->self->subscriptions, data->sub))
    {
      /* dropped by the user while the router was answering */
      if (sock_session_get_state (session) == SOCK_SESSION_JOINED)
        sock_session_unsubscribe_async (session, data->sub->topic, data->sub->match, NULL, unsubscribe_cb, NULL);
    }
  else if (data->sub->activity.state != SOCK_SUBSCRIPTION_ACTIVE)
    _sock_subscription_set_state (data->sub, SOCK_SUBSCRIPTION_ACTIVE, NULL);
  subscribe_data_free (data);
}

static void
send_subscribe (SockConnection   *self,
                SockSubscription *sub)
{
  SubscribeData *data = g_new0 (SubscribeData, 1);

  data->self = g_object_ref (self);
  data->sub = g_object_ref (sub);
  sock_session_subscribe_async (self->session, sub->topic, sub->match, NULL, subscribe_cb, data);
}

GListModel *
sock_connection_get_subscriptions (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->subscriptions);
}

SockSubscription *
sock_connection_subscribe (SockConnection *self,
                           const char     *topic,
                           SockMatch       match)
{
  SockSubscription *sub;

  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (topic != NULL, NULL);

  sub = lookup_subscription (self, topic, match);
  if (sub != NULL && sub->activity.state != SOCK_SUBSCRIPTION_FAILED)
    return sub;
  if (sub == NULL)
    {
      g_autoptr(SockSubscription) made = sock_subscription_new (topic, match);

      g_list_store_append (self->subscriptions, made);
      sub = made;
    }
  _sock_subscription_set_state (sub, SOCK_SUBSCRIPTION_PENDING, NULL);
  if (is_joined (self))
    send_subscribe (self, sub);
  return sub;
}

void
sock_connection_unsubscribe (SockConnection   *self,
                             SockSubscription *subscription)
{
  g_autoptr(SockSubscription) hold = NULL;
  guint position;

  g_return_if_fail (SOCK_IS_CONNECTION (self));
  g_return_if_fail (SOCK_IS_SUBSCRIPTION (subscription));

  if (!g_list_store_find (self->subscriptions, subscription, &position))
    return;
  hold = g_object_ref (subscription);
  g_list_store_remove (self->subscriptions, position);
  if (is_joined (self) && g_ptr_array_find (_sock_session_get_subscriptions (self->session), subscription, NULL))
    sock_session_unsubscribe_async (self->session, subscription->topic, subscription->match, NULL,
                                    unsubscribe_cb, NULL);
}

/* Registrations */

GListModel *
sock_connection_get_registrations (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->registrations);
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SockConnection *self = g_task_get_source_object (task);
  SockRegistration *registration = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 id = sock_wamp2_session_register_finish (SOCK_WAMP2_SESSION (object), result, &error);

  if (error != NULL)
    {
      g_autofree char *words = dup_error_words (error);

      if (!g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST))
        _sock_registration_set_state (registration, SOCK_SUBSCRIPTION_FAILED, words);
      if (g_task_get_source_tag (task) != _sock_connection_models_joined)
        {
          guint position;

          /* a first registration that failed is not kept to be made again */
          if (g_list_store_find (self->registrations, registration, &position))
            g_list_store_remove (self->registrations, position);
        }
      return g_task_return_error (task, error);
    }
  _sock_registration_set_state (registration, SOCK_SUBSCRIPTION_ACTIVE, NULL);
  _sock_registration_set_id (registration, id);
  g_task_return_int (task, id);
}

static void
send_register (SockConnection   *self,
               SockRegistration *registration,
               GTask            *task)
{
  sock_wamp2_session_register_async (SOCK_WAMP2_SESSION (self->session), registration->procedure,
                                     registration->options, _sock_registration_invoke,
                                     g_object_ref (registration), g_object_unref, NULL, register_cb, task);
}

void
sock_connection_register_async (SockConnection      *self,
                                const char          *procedure,
                                JsonObject          *options,
                                SockInvocationFunc   handler,
                                gpointer             handler_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SockRegistration) registration = NULL;

  g_return_if_fail (SOCK_IS_CONNECTION (self));
  g_return_if_fail (procedure != NULL && handler != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_connection_register_async);
  if (!SOCK_IS_WAMP2_SESSION (self->session))
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_SUPPORTED,
                                    _("Only WAMP v2 sessions can register procedures"));

  registration = _sock_registration_new (procedure, options, handler, handler_data);
  g_task_set_task_data (task, g_object_ref (registration), g_object_unref);
  g_list_store_append (self->registrations, registration);
  send_register (self, registration, g_steal_pointer (&task));
}

gint64
sock_connection_register_finish (SockConnection  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
unregister_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SockRegistration) registration = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_wamp2_session_unregister_finish (SOCK_WAMP2_SESSION (object), result, &error))
    sock_message_log_append_marker (sock_session_get_log (SOCK_SESSION (object)), error->message);
}

void
sock_connection_unregister (SockConnection   *self,
                            SockRegistration *registration)
{
  g_autoptr(SockRegistration) hold = NULL;
  guint position;

  g_return_if_fail (SOCK_IS_CONNECTION (self));
  g_return_if_fail (SOCK_IS_REGISTRATION (registration));

  if (!g_list_store_find (self->registrations, registration, &position))
    return;
  hold = g_object_ref (registration);
  g_list_store_remove (self->registrations, position);
  /* the session may still invoke it until UNREGISTERED: it stays alive till then, but its
   * handler (whose data may be gone) is no longer called */
  _sock_registration_detach (registration);
  if (is_joined (self) && SOCK_IS_WAMP2_SESSION (self->session) && registration->activity.id != 0)
    sock_wamp2_session_unregister_async (SOCK_WAMP2_SESSION (self->session), registration->activity.id, NULL,
                                         unregister_cb, g_steal_pointer (&hold));
}

/* Through reconnects */

static void
replay_failed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sock_connection_register_finish (SOCK_CONNECTION (object), result, &error))
    sock_message_log_append_marker (sock_connection_get_log (SOCK_CONNECTION (object)), error->message);
}

void
_sock_connection_models_joined (SockConnection *self)
{
  GListModel *subscriptions = G_LIST_MODEL (self->subscriptions);
  GListModel *registrations = G_LIST_MODEL (self->registrations);

  for (guint i = 0; i < g_list_model_get_n_items (subscriptions); i++)
    {
      g_autoptr(SockSubscription) sub = g_list_model_get_item (subscriptions, i);

      if (sub->activity.state == SOCK_SUBSCRIPTION_PENDING || sub->activity.state == SOCK_SUBSCRIPTION_RESTORING)
        send_subscribe (self, sub);
    }
  for (guint i = 0; SOCK_IS_WAMP2_SESSION (self->session) && i < g_list_model_get_n_items (registrations); i++)
    {
      g_autoptr(SockRegistration) registration = g_list_model_get_item (registrations, i);
      GTask *task;

      if (registration->activity.state == SOCK_SUBSCRIPTION_ACTIVE || registration->activity.state == SOCK_SUBSCRIPTION_FAILED)
        continue;
      task = g_task_new (self, NULL, replay_failed_cb, NULL);
      g_task_set_source_tag (task, _sock_connection_models_joined);
      g_task_set_task_data (task, g_object_ref (registration), g_object_unref);
      send_register (self, registration, task);
    }
}

void
_sock_connection_models_lost (SockConnection *self,
                              gboolean        will_reconnect)
{
  SockSubscriptionState state = will_reconnect ? SOCK_SUBSCRIPTION_RESTORING : SOCK_SUBSCRIPTION_PENDING;
  GListModel *subscriptions = G_LIST_MODEL (self->subscriptions);
  GListModel *registrations = G_LIST_MODEL (self->registrations);

  for (guint i = 0; i < g_list_model_get_n_items (subscriptions); i++)
    {
      g_autoptr(SockSubscription) sub = g_list_model_get_item (subscriptions, i);

      if (sub->activity.state != SOCK_SUBSCRIPTION_FAILED)
        _sock_subscription_set_state (sub, state, NULL);
    }
  for (guint i = 0; i < g_list_model_get_n_items (registrations); i++)
    {
      g_autoptr(SockRegistration) registration = g_list_model_get_item (registrations, i);

      if (registration->activity.state != SOCK_SUBSCRIPTION_FAILED)
        _sock_registration_set_state (registration, state, NULL);
    }
}

/* Statistics */

SockStats *
sock_connection_get_stats (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->stats;
}

SockHealth *
sock_connection_get_health (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return self->health;
}

double
sock_connection_get_rate_in (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return sock_stats_get_rate_in (self->stats);
}

double
sock_connection_get_rate_out (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), 0);
  return sock_stats_get_rate_out (self->stats);
}
