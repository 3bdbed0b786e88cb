/* sock-handshake-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-handshake-history.h"

struct _SockHandshakeHistory
{
  SockBoundedList  parent_instance;   /* SockHandshakeAttempt, oldest first */

  GDateTime       *started;    /* of the attempt under way */
  gint64           started_us; /* monotonic, for its duration */
};

G_DEFINE_FINAL_TYPE (SockHandshakeHistory, sock_handshake_history, SOCK_TYPE_BOUNDED_LIST)

static void
sock_handshake_history_finalize (GObject *object)
{
  SockHandshakeHistory *self = SOCK_HANDSHAKE_HISTORY (object);

  g_clear_pointer (&self->started, g_date_time_unref);

  G_OBJECT_CLASS (sock_handshake_history_parent_class)->finalize (object);
}

static void
sock_handshake_history_class_init (SockHandshakeHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_handshake_history_finalize;
}

static void
sock_handshake_history_init (SockHandshakeHistory *self)
{
}

SockHandshakeHistory *
sock_handshake_history_new (guint limit)
{
  return g_object_new (SOCK_TYPE_HANDSHAKE_HISTORY,
                       "item-type", SOCK_TYPE_HANDSHAKE_ATTEMPT,
                       "max-items", limit > 0 ? limit : SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT,
                       NULL);
}

guint
sock_handshake_history_get_limit (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), 0);
  return sock_bounded_list_get_max_items (SOCK_BOUNDED_LIST (self));
}

guint
sock_handshake_history_get_n_dropped (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), 0);
  return sock_bounded_list_get_n_dropped (SOCK_BOUNDED_LIST (self));
}

void
sock_handshake_history_append (SockHandshakeHistory *self,
                               SockHandshakeAttempt *attempt)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self));
  g_return_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (attempt));

  sock_bounded_list_append (SOCK_BOUNDED_LIST (self), attempt);
}

SockHandshakeAttempt *
sock_handshake_history_get_last (SockHandshakeHistory *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);
  return sock_bounded_list_peek_last (SOCK_BOUNDED_LIST (self));
}

SockHandshakeAttempt *
sock_handshake_history_find (SockHandshakeHistory *self,
                             SockHandshake        *handshake)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self)); i > 0; i--)
    {
      SockHandshakeAttempt *attempt = sock_bounded_list_peek (SOCK_BOUNDED_LIST (self), i - 1);

      if (sock_handshake_attempt_get_handshake (attempt) == handshake)
        return attempt;
    }
  return NULL;
}

void
sock_handshake_history_begin (SockHandshakeHistory *self)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self));

  g_clear_pointer (&self->started, g_date_time_unref);
  self->started = g_date_time_new_now_utc ();
  self->started_us = g_get_monotonic_time ();
}

SockHandshakeAttempt *
sock_handshake_history_record (SockHandshakeHistory *self,
                               SockHandshake        *handshake,
                               const GError         *error,
                               SockDiagnosis        *diagnosis)
{
  g_autoptr(SockHandshakeAttempt) attempt = NULL;
  double duration_ms = -1;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_HISTORY (self), NULL);
  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), NULL);

  if (self->started != NULL)
    duration_ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  attempt = sock_handshake_attempt_new (handshake, error, diagnosis, self->started, duration_ms);
  g_clear_pointer (&self->started, g_date_time_unref);
  sock_handshake_history_append (self, attempt);
  return attempt;
}
