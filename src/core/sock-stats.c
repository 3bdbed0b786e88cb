/* sock-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ring is indexed by the second since the first tick: slot (second % SOCK_STATS_RING_SECONDS).
 * Recording adds to the current second's slot; a tick closes it and clears the slots of the
 * seconds it moves over.
 */

#include "config.h"

#include <string.h>

#include "sock-rate.h"
#include "sock-stats.h"

#define TICK_SLACK_US (G_USEC_PER_SEC / 10)

typedef struct
{
  guint64 values[SOCK_STATS_N_SERIES];
  guint32 n_rtt;
} Slot;

typedef struct
{
  gint64  time_us;
  int     state;
  char   *state_name;
  char   *reason;
  guint   close_code;
} StateChange;

struct _SockStats
{
  GObject     parent_instance;

  guint64     totals[SOCK_STATS_N_SERIES];
  guint64     errors[SOCK_STATS_N_ERROR_KINDS];
  GHashTable *wamp_errors;    /* uri -> count (GUINT_TO_POINTER is too small: guint64 *) */

  Slot       *ring;
  guint64     second;         /* the current second, counted from the first tick */
  guint       n_seconds;
  gint64      second_start;   /* monotonic start of the current second; 0: no tick yet */
  gint64      last_tick;

  SockRate    rate_in;
  SockRate    rate_out;
  gint64      last_rtt;

  GArray     *state_changes;  /* StateChange */
  SockStatsStateChange view;
};

G_DEFINE_FINAL_TYPE (SockStats, sock_stats, G_TYPE_OBJECT)

static void
state_change_clear (gpointer data)
{
  StateChange *change = data;

  g_free (change->state_name);
  g_free (change->reason);
}

static void
sock_stats_finalize (GObject *object)
{
  SockStats *self = SOCK_STATS (object);

  g_clear_pointer (&self->wamp_errors, g_hash_table_unref);
  g_clear_pointer (&self->ring, g_free);
  g_clear_pointer (&self->state_changes, g_array_unref);

  G_OBJECT_CLASS (sock_stats_parent_class)->finalize (object);
}

static void
sock_stats_class_init (SockStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sock_stats_finalize;
}

static void
sock_stats_init (SockStats *self)
{
  self->wamp_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ring = g_new0 (Slot, SOCK_STATS_RING_SECONDS);
  self->n_seconds = 1;
  self->last_rtt = -1;
  self->state_changes = g_array_new (FALSE, FALSE, sizeof (StateChange));
  g_array_set_clear_func (self->state_changes, state_change_clear);
}

SockStats *
sock_stats_new (void)
{
  return g_object_new (SOCK_TYPE_STATS, NULL);
}

static Slot *
current (SockStats *self)
{
  return &self->ring[self->second % SOCK_STATS_RING_SECONDS];
}

static void
add (SockStats       *self,
     SockStatsSeries  series,
     guint64          value)
{
  self->totals[series] += value;
  current (self)->values[series] += value;
}

void
sock_stats_record_in (SockStats *self,
                      guint64    messages,
                      guint64    bytes)
{
  g_return_if_fail (SOCK_IS_STATS (self));
  add (self, SOCK_STATS_MESSAGES_IN, messages);
  add (self, SOCK_STATS_BYTES_IN, bytes);
}

void
sock_stats_record_out (SockStats *self,
                       guint64    messages,
                       guint64    bytes)
{
  g_return_if_fail (SOCK_IS_STATS (self));
  add (self, SOCK_STATS_MESSAGES_OUT, messages);
  add (self, SOCK_STATS_BYTES_OUT, bytes);
}

void
sock_stats_record_rtt (SockStats *self,
                       gint64     us)
{
  Slot *slot;

  g_return_if_fail (SOCK_IS_STATS (self));
  g_return_if_fail (us >= 0);

  slot = current (self);
  /* the slot keeps the running mean of the second */
  slot->values[SOCK_STATS_RTT] = (slot->values[SOCK_STATS_RTT] * slot->n_rtt + (guint64) us) / (slot->n_rtt + 1);
  slot->n_rtt++;
  self->totals[SOCK_STATS_RTT]++;
  self->last_rtt = us;
}

void
sock_stats_record_error (SockStats          *self,
                         SockStatsErrorKind  kind,
                         const char         *uri)
{
  g_return_if_fail (SOCK_IS_STATS (self));
  g_return_if_fail (kind < SOCK_STATS_N_ERROR_KINDS);

  self->errors[kind]++;
  add (self, SOCK_STATS_ERRORS, 1);
  if (kind == SOCK_STATS_ERROR_WAMP && uri != NULL)
    {
      guint64 *count = g_hash_table_lookup (self->wamp_errors, uri);

      /* a server that makes up a URI per error must not grow the table without end: the rest
       * count in the total of their kind only */
      if (count == NULL && g_hash_table_size (self->wamp_errors) >= SOCK_STATS_MAX_ERROR_URIS)
        return;
      if (count == NULL)
        {
          count = g_new0 (guint64, 1);
          g_hash_table_insert (self->wamp_errors, g_strdup (uri), count);
        }
      (*count)++;
    }
}

void
sock_stats_record_state (SockStats  *self,
                         int         state,
                         const char *state_name,
                         const char *reason,
                         guint       close_code)
{
  StateChange change = {
    .time_us = g_get_real_time (),
    .state = state,
    .state_name = g_strdup (state_name),
    .reason = g_strdup (reason),
    .close_code = close_code,
  };

  g_return_if_fail (SOCK_IS_STATS (self));

  if (self->state_changes->len >= SOCK_STATS_MAX_STATE_CHANGES)
    g_array_remove_index (self->state_changes, 0);
  g_array_append_val (self->state_changes, change);
}

void
sock_stats_tick (SockStats *self,
                 gint64     now)
{
  guint64 passed;
  gint64 span;

  g_return_if_fail (SOCK_IS_STATS (self));

  if (self->second_start == 0)
    {
      self->second_start = self->last_tick = now;
      return;
    }
  /* The ring follows the ticks: a one-second timer drifts a little later each time, and with
   * fixed second boundaries it would skip one now and then, leaving an empty second between two
   * full ones (a dip to 0 in the Health charts). A tick a little early counts as a whole second. */
  passed = now > self->second_start ? (guint64) ((now - self->second_start + TICK_SLACK_US) / G_USEC_PER_SEC) : 0;
  for (guint64 i = 0; i < MIN (passed, SOCK_STATS_RING_SECONDS); i++)
    {
      self->second++;
      *current (self) = (Slot) { 0 };
    }
  if (passed > SOCK_STATS_RING_SECONDS)
    self->second += passed - SOCK_STATS_RING_SECONDS;
  if (passed > 0)
    self->second_start = now;
  self->n_seconds = (guint) MIN ((guint64) self->n_seconds + passed, SOCK_STATS_RING_SECONDS);

  span = now - self->last_tick;
  self->last_tick = now;
  sock_rate_sample (&self->rate_in, self->totals[SOCK_STATS_MESSAGES_IN], span);
  sock_rate_sample (&self->rate_out, self->totals[SOCK_STATS_MESSAGES_OUT], span);
}

guint64
sock_stats_get_total (SockStats       *self,
                      SockStatsSeries  series)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  g_return_val_if_fail (series < SOCK_STATS_N_SERIES, 0);
  return self->totals[series];
}

guint64
sock_stats_get_errors (SockStats          *self,
                       SockStatsErrorKind  kind)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  g_return_val_if_fail (kind < SOCK_STATS_N_ERROR_KINDS, 0);
  return self->errors[kind];
}

guint64
sock_stats_get_wamp_errors (SockStats  *self,
                            const char *uri)
{
  guint64 *count;

  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  g_return_val_if_fail (uri != NULL, 0);

  count = g_hash_table_lookup (self->wamp_errors, uri);
  return count ? *count : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
sock_stats_dup_wamp_error_uris (SockStats *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (SOCK_IS_STATS (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->wamp_errors, &n);
  g_qsort_with_data (keys, n, sizeof (char *), compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

guint
sock_stats_get_n_seconds (SockStats *self)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  return self->n_seconds;
}

guint64
sock_stats_get_second (SockStats       *self,
                       SockStatsSeries  series,
                       guint            seconds_ago)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  g_return_val_if_fail (series < SOCK_STATS_N_SERIES, 0);

  if (seconds_ago >= self->n_seconds)
    return 0;
  return self->ring[(self->second - seconds_ago) % SOCK_STATS_RING_SECONDS].values[series];
}

double
sock_stats_get_rate_in (SockStats *self)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  return self->rate_in.rate;
}

double
sock_stats_get_rate_out (SockStats *self)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  return self->rate_out.rate;
}

gint64
sock_stats_get_last_rtt (SockStats *self)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), -1);
  return self->last_rtt;
}

guint
sock_stats_get_n_state_changes (SockStats *self)
{
  g_return_val_if_fail (SOCK_IS_STATS (self), 0);
  return self->state_changes->len;
}

const SockStatsStateChange *
sock_stats_get_state_change (SockStats *self,
                             guint      i)
{
  StateChange *change;

  g_return_val_if_fail (SOCK_IS_STATS (self), NULL);
  g_return_val_if_fail (i < self->state_changes->len, NULL);

  change = &g_array_index (self->state_changes, StateChange, i);
  self->view = (SockStatsStateChange) {
    .time_us = change->time_us,
    .state = change->state,
    .state_name = change->state_name,
    .reason = change->reason,
    .close_code = change->close_code,
  };
  return &self->view;
}
