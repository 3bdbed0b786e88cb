/* sock-message-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-block-private.h"
#include "sock-message-log-private.h"

/* Evicting 5% of a cap at once keeps removals rare and large: GTK 4.8 rebuilds ~200 rows on
 * every removal once the focused row is gone, so many small ones kill the frame rate. */
#define EVICT_CHUNK_DIVISOR 20
#define MIN_RECORDS 1024
#define MIN_ARENA (64 * 1024)

G_DEFINE_FINAL_TYPE (SockMessageLog, sock_message_log, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_MESSAGES,
  PROP_MAX_BYTES,
  PROP_N_RETAINED,
  PROP_FIRST_SEQ,
  PROP_DROPPED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static inline Record *
record_at (SockMessageLog *self,
           guint           i)
{
  guint idx = self->head + i;

  if (idx >= self->rec_cap)
    idx -= self->rec_cap;
  return &self->recs[idx];
}

static inline guint8 *
arena_at (SockMessageLog *self,
          guint64         abs)
{
  return self->arena + (abs - self->base) % self->arena_cap;
}

/* Copies the records in order into a ring of new_cap >= n, starting at index 0. */
static void
resize_records (SockMessageLog *self,
                guint           new_cap)
{
  Record *recs = sock_block_resize (NULL, 0, new_cap * sizeof (Record));
  guint first_part = MIN (self->n, self->rec_cap - self->head);

  g_assert (new_cap >= self->n);
  if (self->n > 0)
    {
      memcpy (recs, self->recs + self->head, first_part * sizeof (Record));
      memcpy (recs + first_part, self->recs, (self->n - first_part) * sizeof (Record));
    }
  sock_block_free (self->recs, self->rec_cap * sizeof (Record));
  self->recs = recs;
  self->rec_cap = new_cap;
  self->head = 0;
}

/* Copies the bytes in use into a new arena of new_cap, from its start. Offsets do not change:
 * only base does. */
static void
resize_arena (SockMessageLog *self,
              guint64         new_cap)
{
  guint64 used = self->write_abs - self->head_abs;
  guint8 *arena = sock_block_resize (NULL, 0, new_cap);

  g_assert (new_cap >= used);
  if (used > 0)
    {
      guint64 start = (self->head_abs - self->base) % self->arena_cap;
      guint64 first_part = MIN (used, self->arena_cap - start);

      memcpy (arena, self->arena + start, first_part);
      memcpy (arena + first_part, self->arena, used - first_part);
    }
  sock_block_free (self->arena, self->arena_cap);
  self->arena = arena;
  self->arena_cap = new_cap;
  self->base = self->head_abs;
}

/* Growing keeps what is in use where it is: a big block grows by mremap (sock-block.c), which
 * copies nothing and touches no new page, and only a wrapped tail segment moves to the new end. */
static void
grow_records (SockMessageLog *self,
              guint           new_cap)
{
  guint tail = self->rec_cap - self->head;

  g_assert (new_cap > self->rec_cap);
  self->recs = sock_block_resize (self->recs, self->rec_cap * sizeof (Record), new_cap * sizeof (Record));
  if (self->n > tail)
    {
      memmove (self->recs + new_cap - tail, self->recs + self->head, tail * sizeof (Record));
      self->head = new_cap - tail;
    }
  self->rec_cap = new_cap;
}

static void
grow_arena (SockMessageLog *self,
            guint64         new_cap)
{
  guint64 used = self->write_abs - self->head_abs;
  guint64 start = self->arena_cap > 0 ? (self->head_abs - self->base) % self->arena_cap : 0;

  g_assert (new_cap > self->arena_cap);
  self->arena = sock_block_resize (self->arena, self->arena_cap, new_cap);
  if (start + used > self->arena_cap)
    {
      guint64 tail = self->arena_cap - start;

      memmove (self->arena + new_cap - tail, self->arena + start, tail);
      start = new_cap - tail;
    }
  self->arena_cap = new_cap;
  /* Unsigned wrap-around is fine: only differences (offset - base) are used. */
  self->base = self->head_abs - start;
}

static void
evict (SockMessageLog *self,
       guint           count)
{
  count = MIN (count, self->n);
  for (guint i = 0; i < count; i++)
    self->payload_bytes -= record_at (self, i)->length;
  self->head = (guint) (((guint64) self->head + count) % MAX (self->rec_cap, 1));
  self->n -= count;
  self->first_seq += count;
  self->dropped += count;
  self->head_abs = self->n > 0 ? record_at (self, 0)->offset : self->write_abs;
}

/* Evicts from the head until at least min_free bytes of the arena are free again. */
static void
evict_bytes (SockMessageLog *self,
             guint64         min_free)
{
  guint count = 0;

  while (count < self->n &&
         self->arena_cap - (self->write_abs - record_at (self, count)->offset) < min_free)
    count++;
  evict (self, MAX (count, 1));
}

/* Returns the absolute offset where len contiguous bytes can be written, growing the arena up
 * to the byte cap and then evicting the head in chunks. len <= max_bytes. */
static guint64
reserve (SockMessageLog *self,
         guint64         len)
{
  for (;;)
    {
      guint64 pos = self->write_abs;
      guint64 phys;

      if (self->n == 0)
        {
          /* Nothing in use: start at the arena's beginning. */
          self->head_abs = self->base = self->write_abs;
        }
      if (self->arena_cap > 0)
        {
          phys = (pos - self->base) % self->arena_cap;
          if (phys + len > self->arena_cap)
            pos += self->arena_cap - phys;
          if (pos + len - self->head_abs <= self->arena_cap)
            return pos;
        }
      if (self->arena_cap < self->max_bytes)
        {
          guint64 used = self->write_abs - self->head_abs;
          /* Small steps: once the ring turns, every byte of its capacity is resident. */
          guint64 want = MAX (MAX (self->arena_cap + self->arena_cap / 8, used + len), MIN_ARENA);

          grow_arena (self, MIN (want, self->max_bytes));
        }
      else
        {
          evict_bytes (self, MAX (len, self->max_bytes / EVICT_CHUNK_DIVISOR));
        }
    }
}

static Record *
next_record (SockMessageLog *self)
{
  if (self->n == self->max_messages)
    evict (self, MAX (self->max_messages / EVICT_CHUNK_DIVISOR, 1));
  if (self->n == self->rec_cap)
    {
      guint64 want = MAX ((guint64) self->rec_cap * 2, MIN_RECORDS);

      grow_records (self, (guint) MIN (want, self->max_messages));
    }
  return record_at (self, self->n);
}

guint64
sock_message_log_append (SockMessageLog     *self,
                         const SockLogEntry *entry,
                         const guint8       *raw,
                         gsize               len)
{
  Record *rec;
  guint64 offset;
  guint32 size;
  guint8 flags;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (raw != NULL || len == 0, 0);

  if (self->count_only)
    return self->first_seq++;

  flags = entry->flags;
  size = entry->size != 0 ? entry->size : (guint32) MIN (len, G_MAXUINT32);
  if (len > MIN (self->max_bytes, G_MAXUINT32))
    {
      len = MIN (self->max_bytes, G_MAXUINT32);
      flags |= SOCK_LOG_FLAG_TRUNCATED;
    }

  /* Both may evict the head; the slot after the last record stays where it is. */
  rec = next_record (self);
  offset = len > 0 ? reserve (self, len) : self->write_abs;
  if (len > 0)
    memcpy (arena_at (self, offset), raw, len);
  self->write_abs = offset + len;
  g_assert (rec == record_at (self, self->n));
  rec->offset = offset;
  rec->time_us = entry->time_us;
  rec->request_id = entry->request_id;
  rec->second_id = entry->second_id;
  rec->uri = entry->uri;
  rec->size = size;
  rec->length = (guint32) len;
  rec->direction = entry->direction;
  rec->kind = entry->kind;
  rec->type = entry->type;
  rec->flags = flags;
  self->payload_bytes += len;
  if (self->n == 0)
    self->head_abs = rec->offset;
  self->n++;
  sock_message_pairs_observe (self->pairs, self->first_seq + self->n - 1, entry, raw, len);

  return self->first_seq + self->n - 1;
}

guint64
sock_message_log_append_marker (SockMessageLog *self,
                                const char     *text)
{
  SockLogEntry entry = {
    .time_us = g_get_real_time (),
    .direction = SOCK_LOG_DIRECTION_LOCAL,
    .kind = SOCK_LOG_KIND_MARKER,
  };

  g_return_val_if_fail (text != NULL, 0);

  return sock_message_log_append (self, &entry, (const guint8 *) text, strlen (text));
}

gboolean
sock_message_log_peek (SockMessageLog  *self,
                       guint64          seq,
                       SockLogEntry    *out,
                       const guint8   **raw,
                       gsize           *len)
{
  const Record *rec;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), FALSE);

  if (seq < self->first_seq || seq - self->first_seq >= self->n)
    return FALSE;

  rec = record_at (self, (guint) (seq - self->first_seq));
  if (out != NULL)
    {
      out->time_us = rec->time_us;
      out->request_id = rec->request_id;
      out->second_id = rec->second_id;
      out->uri = rec->uri;
      out->size = rec->size;
      out->direction = rec->direction;
      out->kind = rec->kind;
      out->type = rec->type;
      out->flags = rec->flags;
    }
  if (raw != NULL)
    *raw = rec->length > 0 ? arena_at (self, rec->offset) : (const guint8 *) "";
  if (len != NULL)
    *len = rec->length;
  return TRUE;
}

guint
sock_message_log_get_n_retained (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->n;
}

guint64
sock_message_log_get_first_seq (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->first_seq;
}

guint64
sock_message_log_get_end_seq (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->first_seq + self->n;
}

guint64
sock_message_log_get_dropped (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->dropped;
}

guint64
sock_message_log_get_payload_bytes (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->payload_bytes;
}

void
sock_message_log_clear (SockMessageLog *self)
{
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));

  self->first_seq += self->n;
  self->n = 0;
  self->head = 0;
  self->payload_bytes = 0;
  self->head_abs = self->base = self->write_abs;
  /* Give the memory back: a cleared log may stay idle for a long time. */
  sock_block_free (g_steal_pointer (&self->recs), self->rec_cap * sizeof (Record));
  sock_block_free (g_steal_pointer (&self->arena), self->arena_cap);
  self->rec_cap = 0;
  self->arena_cap = 0;
}

void
sock_message_log_set_retain (SockMessageLog *self,
                             gboolean        retain)
{
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));

  if (self->count_only == !retain)
    return;
  if (!retain)
    sock_message_log_clear (self);
  self->count_only = !retain;
}

gboolean
sock_message_log_get_retain (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), TRUE);
  return !self->count_only;
}

guint
sock_message_log_get_max_messages (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->max_messages;
}

void
sock_message_log_set_max_messages (SockMessageLog *self,
                                   guint           max_messages)
{
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));
  g_return_if_fail (max_messages > 0);

  if (self->max_messages == max_messages)
    return;

  self->max_messages = max_messages;
  if (self->n > max_messages)
    evict (self, self->n - max_messages);
  if (self->rec_cap > max_messages)
    resize_records (self, max_messages);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MESSAGES]);
}

guint64
sock_message_log_get_max_bytes (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->max_bytes;
}

void
sock_message_log_set_max_bytes (SockMessageLog *self,
                                guint64         max_bytes)
{
  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));
  g_return_if_fail (max_bytes > 0);

  if (self->max_bytes == max_bytes)
    return;

  self->max_bytes = max_bytes;
  while (self->write_abs - self->head_abs > max_bytes)
    evict (self, 1);
  if (self->arena_cap > max_bytes)
    resize_arena (self, max_bytes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

void
sock_message_log_flush (SockMessageLog *self)
{
  guint64 first = self->first_seq;
  guint64 end = self->first_seq + self->n;
  guint64 removed;
  guint64 added;
  gboolean first_moved;
  gboolean n_changed;

  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));

  if (first == self->notified_first && end == self->notified_end)
    return;

  /* Rows appended and evicted between two flushes were never announced: skip them. */
  removed = MIN (first, self->notified_end) - self->notified_first;
  added = end - MAX (first, self->notified_end);
  first_moved = first != self->notified_first;
  n_changed = end - first != self->notified_end - self->notified_first;
  self->notified_first = first;
  self->notified_end = end;

  g_object_freeze_notify (G_OBJECT (self));
  if (n_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RETAINED]);
  if (first_moved)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_SEQ]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DROPPED]);
    }
  g_signal_emit (self, signals[CHANGED], 0, (guint) removed, (guint) added);
  g_object_thaw_notify (G_OBJECT (self));
}

guint64
sock_message_log_get_notified_first (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->notified_first;
}

guint64
sock_message_log_get_notified_end (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);
  return self->notified_end;
}

SockMessageLog *
sock_message_log_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_LOG, NULL);
}

static void
sock_message_log_finalize (GObject *object)
{
  SockMessageLog *self = (SockMessageLog *)object;

  sock_block_free (g_steal_pointer (&self->recs), self->rec_cap * sizeof (Record));
  sock_block_free (g_steal_pointer (&self->arena), self->arena_cap);
  g_clear_pointer (&self->uri_index, g_hash_table_unref);
  g_clear_pointer (&self->uris, g_ptr_array_unref);
  g_clear_pointer (&self->uri_chunk, g_string_chunk_free);
  g_clear_pointer (&self->pairs, sock_message_pairs_free);

  G_OBJECT_CLASS (sock_message_log_parent_class)->finalize (object);
}

static void
sock_message_log_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SockMessageLog *self = SOCK_MESSAGE_LOG (object);

  switch (prop_id)
    {
    case PROP_MAX_MESSAGES:
      g_value_set_uint (value, self->max_messages);
      break;
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;
    case PROP_N_RETAINED:
      g_value_set_uint (value, self->n);
      break;
    case PROP_FIRST_SEQ:
      g_value_set_uint64 (value, self->first_seq);
      break;
    case PROP_DROPPED:
      g_value_set_uint64 (value, self->dropped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_log_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SockMessageLog *self = SOCK_MESSAGE_LOG (object);

  switch (prop_id)
    {
    case PROP_MAX_MESSAGES:
      sock_message_log_set_max_messages (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BYTES:
      sock_message_log_set_max_bytes (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_log_class_init (SockMessageLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sock_message_log_finalize;
  object_class->get_property = sock_message_log_get_property;
  object_class->set_property = sock_message_log_set_property;

  properties[PROP_MAX_MESSAGES] =
    g_param_spec_uint ("max-messages", NULL, NULL,
                       1, G_MAXUINT32, SOCK_MESSAGE_LOG_DEFAULT_MAX_MESSAGES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL,
                         1, G_MAXUINT64, SOCK_MESSAGE_LOG_DEFAULT_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The counters below are notified from sock_message_log_flush (), not per message. */
  properties[PROP_N_RETAINED] =
    g_param_spec_uint ("n-retained", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_SEQ] =
    g_param_spec_uint64 ("first-seq", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DROPPED] =
    g_param_spec_uint64 ("dropped", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sock_message_log_init (SockMessageLog *self)
{
  self->max_messages = SOCK_MESSAGE_LOG_DEFAULT_MAX_MESSAGES;
  self->max_bytes = SOCK_MESSAGE_LOG_DEFAULT_MAX_BYTES;
  self->uri_chunk = g_string_chunk_new (4096);
  self->uri_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->uris = g_ptr_array_new ();
  g_ptr_array_add (self->uris, NULL);
  self->pairs = sock_message_pairs_new (SOCK_MESSAGE_PAIRS_MAX_PENDING, SOCK_MESSAGE_PAIRS_MAX_PAIRS);
}

SockMessagePairs *
sock_message_log_get_pairs (SockMessageLog *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), NULL);
  return self->pairs;
}
