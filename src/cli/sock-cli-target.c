/* sock-cli-target.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection reconnects by itself once it joined; until its first join succeeds, a failed open
 * is tried again here with the same backoff (1, 2, 4 … 30 s), so that an agent started before its
 * server comes up does not give up.
 */

#include "config.h"

#include <string.h>

#include "sock-cli.h"
#include "sock-cli-check.h"
#include "sock-cli-target.h"

static void open_now (SockCliTarget *self);

static void
on_event (SockConnection  *connection,
          const SockEvent *event,
          SockCliTarget   *self)
{
  SockCliTopicStats *stats;
  char *key;

  /* a flood is mostly one topic: no hashing for it */
  if (self->last_key != NULL && strcmp (self->last_key, event->topic) == 0)
    stats = self->last_stats;
  else if (g_hash_table_lookup_extended (self->topics, event->topic, (gpointer *) &key, (gpointer *) &stats))
    {
      self->last_key = key;
      self->last_stats = stats;
    }
  else if (g_hash_table_size (self->topics) < self->max_topics)
    {
      stats = g_new0 (SockCliTopicStats, 1);
      key = g_strdup (event->topic);
      g_hash_table_insert (self->topics, key, stats);
      self->last_key = key;
      self->last_stats = stats;
    }
  else
    stats = &self->overflow;
  stats->events++;
  stats->last_us = event->time_us;
}

static void
on_diagnosis (SockConnection *connection,
              GParamSpec     *pspec,
              SockCliTarget  *self)
{
  SockDiagnosis *diagnosis = sock_connection_get_diagnosis (connection);
  const char *id;

  if (diagnosis == NULL || sock_diagnosis_get_severity (diagnosis) != SOCK_SEVERITY_ERROR)
    return;
  id = sock_diagnosis_get_id (diagnosis);
  g_hash_table_insert (self->handshake_failures, g_strdup (id),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->handshake_failures, id)) + 1));
}

static void
on_state (SockConnection *connection,
          GParamSpec     *pspec,
          SockCliTarget  *self)
{
  int state = sock_connection_get_state (connection);

  if (state == SOCK_CONNECTION_RECONNECTING && self->last_state != SOCK_CONNECTION_RECONNECTING)
    self->reconnects++;
  if (state != self->last_state)
    {
      const char *reason = sock_connection_get_close_reason (connection);

      sock_cli_printerr ("%s: %s%s%s", self->name, sock_connection_state_to_string (state),
                         reason != NULL && state != SOCK_CONNECTION_JOINED ? ": " : "",
                         reason != NULL && state != SOCK_CONNECTION_JOINED ? reason : "");
    }
  self->last_state = state;
}

static gboolean
retry_cb (gpointer user_data)
{
  SockCliTarget *self = user_data;

  self->retry = 0;
  open_now (self);
  return G_SOURCE_REMOVE;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  SockCliTarget *self = g_object_get_data (G_OBJECT (cancellable), "target");
  g_autoptr(GError) error = NULL;
  guint delay;

  /* self is gone when the open was cancelled */
  if (sock_connection_open_finish (SOCK_CONNECTION (object), result, &error) || self == NULL)
    return;
  delay = MIN (1u << MIN (self->retry_backoff, 5), SOCK_CONNECTION_MAX_BACKOFF_S);
  self->retry_backoff++;
  self->retry = g_timeout_add_seconds (delay, retry_cb, self);
}

static void
open_now (SockCliTarget *self)
{
  sock_connection_open_async (self->connection, self->cancellable, open_cb, g_object_ref (self->cancellable));
}

SockCliTarget *
sock_cli_target_new (const char     *name,
                     SockConnection *connection,
                     guint           max_topics)
{
  SockCliTarget *self = g_new0 (SockCliTarget, 1);

  self->name = g_strdup (name);
  self->connection = connection;
  self->max_topics = max_topics;
  self->topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->handshake_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_cli_check_free);
  self->last_state = SOCK_CONNECTION_CLOSED;
  self->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->cancellable), "target", self);
  sock_connection_set_reconnect (connection, TRUE);
  /* the agent runs for days: the log keeps nothing */
  sock_message_log_set_retain (sock_connection_get_log (connection), FALSE);
  g_signal_connect (connection, "event", G_CALLBACK (on_event), self);
  g_signal_connect (connection, "notify::diagnosis", G_CALLBACK (on_diagnosis), self);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), self);
  open_now (self);
  return self;
}

gboolean
sock_cli_target_is_up (SockCliTarget *self)
{
  return sock_connection_get_state (self->connection) == SOCK_CONNECTION_JOINED;
}

void
sock_cli_target_free (SockCliTarget *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->retry, g_source_remove);
  g_object_set_data (G_OBJECT (self->cancellable), "target", NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (self->connection, self);
  g_object_run_dispose (G_OBJECT (self->connection));
  g_clear_object (&self->connection);
  g_clear_pointer (&self->topics, g_hash_table_unref);
  g_clear_pointer (&self->handshake_failures, g_hash_table_unref);
  g_free (self->name);
  g_free (self);
}
