/* sock-message-pairs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-json-scan.h"
#include "sock-message-pairs.h"
#include "sock-wamp-message.h"

#define ID_MASK ((G_GUINT64_CONSTANT (1) << 53) - 1)

typedef struct
{
  guint64 key;       /* 0: empty */
  guint64 seq;
  gint64  time_us;
  guint32 n_progress;
} Slot;

typedef struct
{
  guint64 request_seq;
  guint64 answer_seq;
  gint64  elapsed_us;
  guint32 n_progress;  /* progressive: its number; final: how many came before it */
  guint8  final;
  guint8  error;
} Pair;

struct _SockMessagePairs
{
  guint   max_pending;
  guint   max_pairs;
  Slot   *slots;        /* open addressing, linear probing; n_slots a power of two */
  guint   n_slots;
  guint   n_pending;
  guint64 *order;       /* keys in the order they were inserted, a ring of max_pending */
  guint64 *order_seq;
  guint   order_head;
  Pair   *pairs;        /* a ring, in order of answer_seq */
  guint   pairs_head;   /* index of the oldest */
  guint   n_pairs;
  guint64 forgotten_before; /* requests before this seq may have been forgotten */
  GString *scratch;     /* a MessagePack or CBOR frame's JSON form, while it is read */
};

/* What pairing reads in a frame besides its record: an ERROR's failed request type (-1: not
 * known), and whether a RESULT or YIELD is progressive or a PUBLISH asks for an acknowledgement
 * (the flag in the dictionary at element 2). */
typedef struct
{
  int      request_type;
  gboolean flag;
} FrameFacts;

SockMessagePairs *
sock_message_pairs_new (guint max_pending,
                        guint max_pairs)
{
  SockMessagePairs *self = g_new0 (SockMessagePairs, 1);

  self->max_pending = MAX (max_pending, 1);
  self->max_pairs = MAX (max_pairs, 1);
  return self;
}

void
sock_message_pairs_free (SockMessagePairs *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self->order);
  g_free (self->order_seq);
  g_free (self->pairs);
  if (self->scratch != NULL)
    g_string_free (self->scratch, TRUE);
  g_free (self);
}

static void
clear_pending (SockMessagePairs *self,
               guint64           before_seq)
{
  if (self->slots != NULL)
    {
      memset (self->slots, 0, sizeof (Slot) * self->n_slots);
      memset (self->order, 0, sizeof (guint64) * self->max_pending);
    }
  self->n_pending = 0;
  self->forgotten_before = before_seq;
}

void
sock_message_pairs_clear (SockMessagePairs *self)
{
  g_return_if_fail (self != NULL);

  clear_pending (self, 0);
  self->n_pairs = 0;
  self->pairs_head = 0;
}

guint
sock_message_pairs_get_n_pending (SockMessagePairs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pending;
}

static void
ensure_tables (SockMessagePairs *self)
{
  if (self->slots != NULL)
    return;
  self->n_slots = 1;
  while (self->n_slots < self->max_pending * 2)
    self->n_slots <<= 1;
  self->slots = g_new0 (Slot, self->n_slots);
  self->order = g_new0 (guint64, self->max_pending);
  self->order_seq = g_new0 (guint64, self->max_pending);
  self->pairs = g_new0 (Pair, self->max_pairs);
}

static inline guint
slot_of (SockMessagePairs *self,
         guint64           key)
{
  /* Fibonacci hashing spreads consecutive request ids */
  return (guint) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & (self->n_slots - 1);
}

static Slot *
find (SockMessagePairs *self,
      guint64           key)
{
  if (self->slots == NULL)
    return NULL;
  for (guint i = slot_of (self, key); self->slots[i].key != 0; i = (i + 1) & (self->n_slots - 1))
    if (self->slots[i].key == key)
      return &self->slots[i];
  return NULL;
}

/* Backward-shift deletion: no tombstones, so probes stay short however long the flood. */
static void
remove_slot (SockMessagePairs *self,
             Slot             *slot)
{
  guint mask = self->n_slots - 1;
  guint hole = (guint) (slot - self->slots);

  for (guint i = (hole + 1) & mask; self->slots[i].key != 0; i = (i + 1) & mask)
    {
      guint home = slot_of (self, self->slots[i].key);

      /* move i into the hole unless its home lies cyclically in (hole, i] */
      if (((i - home) & mask) >= ((i - hole) & mask))
        {
          self->slots[hole] = self->slots[i];
          hole = i;
        }
    }
  self->slots[hole].key = 0;
  self->n_pending--;
}

static void
insert (SockMessagePairs *self,
        guint64           key,
        guint64           seq,
        gint64            time_us)
{
  guint64 old_key;
  Slot *slot;

  ensure_tables (self);
  if ((slot = find (self, key)) != NULL)
    remove_slot (self, slot);
  /* full: the oldest request still waiting is forgotten */
  old_key = self->order[self->order_head];
  if (old_key != 0 && (slot = find (self, old_key)) != NULL && slot->seq == self->order_seq[self->order_head])
    {
      remove_slot (self, slot);
      self->forgotten_before = MAX (self->forgotten_before, self->order_seq[self->order_head] + 1);
    }
  self->order[self->order_head] = key;
  self->order_seq[self->order_head] = seq;
  self->order_head = (self->order_head + 1) % self->max_pending;

  {
    guint i = slot_of (self, key);

    while (self->slots[i].key != 0)
      i = (i + 1) & (self->n_slots - 1);
    self->slots[i] = (Slot) { key, seq, time_us, 0 };
    self->n_pending++;
  }
}

static guint64
make_key (SockLogKind      kind,
          SockLogDirection direction,
          guint            type,
          guint64          request_id)
{
  return ((guint64) (kind == SOCK_LOG_KIND_WAMP1) << 61) | ((guint64) (direction & 1) << 60) |
         ((guint64) (type & 0x7f) << 53) | (request_id & ID_MASK);
}

static void
add_pair (SockMessagePairs *self,
          const Slot       *request,
          guint64           seq,
          gint64            time_us,
          guint32           n_progress,
          gboolean          final,
          gboolean          error)
{
  Pair *pair;

  ensure_tables (self);
  if (self->n_pairs == self->max_pairs)
    {
      self->pairs_head = (self->pairs_head + 1) % self->max_pairs;
      self->n_pairs--;
    }
  pair = &self->pairs[(self->pairs_head + self->n_pairs) % self->max_pairs];
  *pair = (Pair) { request->seq, seq, time_us - request->time_us, n_progress, final, error };
  self->n_pairs++;
}

/* Element index of a JSON array frame, found without validating the whole frame again (the
 * session decoded it once already; a RESULT's arguments may be megabytes). */
static gboolean
frame_element (const guint8    *raw,
               gsize            len,
               guint            index,
               SockJsonElement *out)
{
  SockJsonElement whole = { SOCK_JSON_ARRAY, FALSE, 0, len };
  SockJsonIter iter;

  if (raw == NULL || len < 2 || raw[0] != '[')
    return FALSE;
  sock_json_iter_init (&iter, (const char *) raw, &whole);
  for (guint i = 0; i <= index; i++)
    if (!sock_json_iter_next (&iter, NULL, out))
      return FALSE;
  return TRUE;
}

/* Whether member key of the object at element index of a JSON array frame is true. */
static gboolean
flag_in_frame (const guint8 *raw,
               gsize         len,
               guint         index,
               const char   *key)
{
  SockJsonElement element, member;

  return frame_element (raw, len, index, &element) && element.kind == SOCK_JSON_OBJECT &&
         sock_json_object_find_member ((const char *) raw + element.offset, element.len, key, &member) &&
         member.kind == SOCK_JSON_TRUE;
}

/* ERROR's request type from the frame, or -1 (not JSON). */
static int
error_request_type (const guint8 *raw,
                    gsize         len)
{
  SockJsonElement element;
  gint64 type;

  if (!frame_element (raw, len, 1, &element) || element.kind != SOCK_JSON_NUMBER ||
      sock_json_parse_integer ((const char *) raw, &element, &type) != SOCK_JSON_INTEGER_OK)
    return -1;
  return (int) CLAMP (type, 0, 127);
}

/* The request types that a v2 message answers, most likely first; NULL if it answers none. */
static const guint8 *
v2_answers (guint type)
{
  static const guint8 welcome[] = { SOCK_WAMP_AUTHENTICATE, SOCK_WAMP_HELLO, 0 };
  static const guint8 hello[] = { SOCK_WAMP_HELLO, 0 };
  static const guint8 goodbye[] = { SOCK_WAMP_GOODBYE, 0 };
  static const guint8 publish[] = { SOCK_WAMP_PUBLISH, 0 };
  static const guint8 subscribe[] = { SOCK_WAMP_SUBSCRIBE, 0 };
  static const guint8 unsubscribe[] = { SOCK_WAMP_UNSUBSCRIBE, 0 };
  static const guint8 call[] = { SOCK_WAMP_CALL, 0 };
  static const guint8 reg[] = { SOCK_WAMP_REGISTER, 0 };
  static const guint8 unreg[] = { SOCK_WAMP_UNREGISTER, 0 };
  static const guint8 invocation[] = { SOCK_WAMP_INVOCATION, 0 };
  static const guint8 any[] = { SOCK_WAMP_CALL, SOCK_WAMP_SUBSCRIBE, SOCK_WAMP_UNSUBSCRIBE, SOCK_WAMP_PUBLISH,
                                SOCK_WAMP_REGISTER, SOCK_WAMP_UNREGISTER, SOCK_WAMP_INVOCATION, 0 };

  switch (type)
    {
    case SOCK_WAMP_WELCOME: case SOCK_WAMP_ABORT: return welcome;
    case SOCK_WAMP_CHALLENGE: return hello;
    case SOCK_WAMP_GOODBYE: return goodbye;
    case SOCK_WAMP_PUBLISHED: return publish;
    case SOCK_WAMP_SUBSCRIBED: return subscribe;
    case SOCK_WAMP_UNSUBSCRIBED: return unsubscribe;
    case SOCK_WAMP_RESULT: return call;
    case SOCK_WAMP_REGISTERED: return reg;
    case SOCK_WAMP_UNREGISTERED: return unreg;
    case SOCK_WAMP_YIELD: return invocation;
    case SOCK_WAMP_ERROR: return any;
    default: return NULL;
    }
}

static gboolean
is_v2_request (guint type)
{
  switch (type)
    {
    case SOCK_WAMP_HELLO: case SOCK_WAMP_AUTHENTICATE: case SOCK_WAMP_GOODBYE: case SOCK_WAMP_PUBLISH:
    case SOCK_WAMP_SUBSCRIBE: case SOCK_WAMP_UNSUBSCRIBE: case SOCK_WAMP_CALL: case SOCK_WAMP_REGISTER:
    case SOCK_WAMP_UNREGISTER: case SOCK_WAMP_INVOCATION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Ids of the join and the goodbye: the messages carry none. */
static guint64
request_id_of (const SockLogEntry *entry)
{
  if (entry->kind == SOCK_LOG_KIND_WAMP2 &&
      (entry->type == SOCK_WAMP_HELLO || entry->type == SOCK_WAMP_AUTHENTICATE ||
       entry->type == SOCK_WAMP_GOODBYE || entry->type == SOCK_WAMP_WELCOME ||
       entry->type == SOCK_WAMP_ABORT || entry->type == SOCK_WAMP_CHALLENGE))
    return 0;
  return entry->request_id;
}

static Slot *
find_request (SockMessagePairs   *self,
              const SockLogEntry *entry,
              const FrameFacts   *facts)
{
  SockLogDirection request_dir = entry->direction == SOCK_LOG_DIRECTION_IN ? SOCK_LOG_DIRECTION_OUT :
                                                                              SOCK_LOG_DIRECTION_IN;
  guint64 id = request_id_of (entry);
  guint8 one[2] = { 0, 0 };
  const guint8 *types;

  if (entry->kind == SOCK_LOG_KIND_WAMP1)
    {
      if (entry->type != SOCK_WAMP1_CALLRESULT && entry->type != SOCK_WAMP1_CALLERROR)
        return NULL;
      return find (self, make_key (SOCK_LOG_KIND_WAMP1, request_dir, SOCK_WAMP1_CALL, id));
    }
  if ((types = v2_answers (entry->type)) == NULL)
    return NULL;
  if (entry->type == SOCK_WAMP_ERROR && (one[0] = (guint8) MAX (facts->request_type, 0)) != 0)
    types = one;
  for (; *types != 0; types++)
    {
      Slot *slot = find (self, make_key (SOCK_LOG_KIND_WAMP2, request_dir, *types, id));

      if (slot != NULL)
        return slot;
    }
  return NULL;
}

/* The dictionary of a decoded message sets key to true. */
static gboolean
flag_in_range (SockJsonRange range,
               const char   *key)
{
  SockJsonElement member;

  return range.data != NULL && range.len > 1 && range.data[0] == '{' &&
         sock_json_object_find_member (range.data, range.len, key, &member) && member.kind == SOCK_JSON_TRUE;
}

/* A MessagePack or CBOR frame: its envelope decoded into JSON (only for the few types that need
 * it, never for events). */
static void
read_serialized_facts (SockMessagePairs   *self,
                       const SockLogEntry *entry,
                       const guint8       *raw,
                       gsize               len,
                       const char         *key,
                       FrameFacts         *facts)
{
  g_auto(SockWampMessage) message = { 0 };

  if (self->scratch == NULL)
    self->scratch = g_string_new (NULL);
  if (!sock_wamp_decode_serialized (sock_log_flags_get_serializer (entry->flags), raw, len, self->scratch,
                                    &message, NULL))
    return;
  if (entry->type == SOCK_WAMP_ERROR)
    facts->request_type = (int) CLAMP (message.request_type, -1, 127);
  if (key != NULL)
    facts->flag = flag_in_range (message.details, key);
  /* a large result's text is not kept */
  if (self->scratch->allocated_len > 64 * 1024)
    {
      g_string_free (self->scratch, TRUE);
      self->scratch = NULL;
    }
}

static void
read_facts (SockMessagePairs   *self,
            const SockLogEntry *entry,
            const guint8       *raw,
            gsize               len,
            FrameFacts         *facts)
{
  const char *key = NULL;

  *facts = (FrameFacts) { -1, FALSE };
  if (entry->kind != SOCK_LOG_KIND_WAMP2)
    return;
  if (entry->type == SOCK_WAMP_RESULT || entry->type == SOCK_WAMP_YIELD)
    key = "progress";
  else if (entry->type == SOCK_WAMP_PUBLISH)
    key = "acknowledge";
  else if (entry->type != SOCK_WAMP_ERROR)
    return;
  if (entry->flags & SOCK_LOG_FLAG_SERIALIZED)
    return read_serialized_facts (self, entry, raw, len, key, facts);
  if (entry->type == SOCK_WAMP_ERROR)
    facts->request_type = error_request_type (raw, len);
  if (key != NULL)
    facts->flag = flag_in_frame (raw, len, 2, key);
}

void
sock_message_pairs_observe (SockMessagePairs   *self,
                            guint64             seq,
                            const SockLogEntry *entry,
                            const guint8       *raw,
                            gsize               len)
{
  Slot *request;
  FrameFacts facts;

  g_return_if_fail (self != NULL);
  g_return_if_fail (entry != NULL);

  /* the flood's path: events, raw frames, notes */
  if ((entry->kind != SOCK_LOG_KIND_WAMP2 && entry->kind != SOCK_LOG_KIND_WAMP1) ||
      entry->type == SOCK_WAMP_EVENT)
    return;

  if (entry->kind == SOCK_LOG_KIND_WAMP1 && entry->type == SOCK_WAMP1_WELCOME)
    return clear_pending (self, seq);
  if (entry->kind == SOCK_LOG_KIND_WAMP2 && entry->type == SOCK_WAMP_HELLO)
    clear_pending (self, seq);

  read_facts (self, entry, raw, len, &facts);
  if ((request = find_request (self, entry, &facts)) != NULL)
    {
      if ((entry->type == SOCK_WAMP_RESULT || entry->type == SOCK_WAMP_YIELD) && facts.flag)
        return add_pair (self, request, seq, entry->time_us, ++request->n_progress, FALSE, FALSE);
      add_pair (self, request, seq, entry->time_us, request->n_progress, TRUE,
                entry->type == SOCK_WAMP_ERROR || entry->type == SOCK_WAMP_ABORT ||
                (entry->kind == SOCK_LOG_KIND_WAMP1 && entry->type == SOCK_WAMP1_CALLERROR));
      remove_slot (self, request);
      return;
    }

  if (entry->kind == SOCK_LOG_KIND_WAMP1 ? entry->type == SOCK_WAMP1_CALL && entry->request_id != 0 :
      is_v2_request (entry->type) && (entry->type != SOCK_WAMP_PUBLISH || facts.flag))
    insert (self, make_key (entry->kind, entry->direction, entry->type, request_id_of (entry)), seq,
            entry->time_us);
}

static gboolean
is_answer (const SockLogEntry *entry)
{
  if (entry->kind == SOCK_LOG_KIND_WAMP1)
    return entry->type == SOCK_WAMP1_CALLRESULT || entry->type == SOCK_WAMP1_CALLERROR;
  return entry->kind == SOCK_LOG_KIND_WAMP2 && v2_answers (entry->type) != NULL &&
         entry->type != SOCK_WAMP_GOODBYE;
}

static gboolean
is_request (const SockLogEntry *entry)
{
  if (entry->kind == SOCK_LOG_KIND_WAMP1)
    return entry->type == SOCK_WAMP1_CALL;
  return entry->kind == SOCK_LOG_KIND_WAMP2 && is_v2_request (entry->type);
}

static const Pair *
pair_at (SockMessagePairs *self,
         guint             i)
{
  return &self->pairs[(self->pairs_head + i) % self->max_pairs];
}

static const Pair *
find_answer (SockMessagePairs *self,
             guint64           seq)
{
  guint lo = 0, hi = self->n_pairs;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pair_at (self, mid)->answer_seq < seq)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->n_pairs && pair_at (self, lo)->answer_seq == seq ? pair_at (self, lo) : NULL;
}

void
sock_message_pairs_lookup (SockMessagePairs   *self,
                           guint64             seq,
                           const SockLogEntry *entry,
                           SockMessagePair    *out)
{
  const Pair *pair;
  Slot *slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (entry != NULL);
  g_return_if_fail (out != NULL);

  *out = (SockMessagePair) { SOCK_PAIR_NONE, G_MAXUINT64, 0, 0, FALSE };
  if (entry->kind != SOCK_LOG_KIND_WAMP1 && entry->kind != SOCK_LOG_KIND_WAMP2)
    return;

  if ((pair = find_answer (self, seq)) != NULL)
    {
      *out = (SockMessagePair) { pair->final ? SOCK_PAIR_ANSWER : SOCK_PAIR_PROGRESS, pair->request_seq,
                                 pair->elapsed_us, pair->n_progress, pair->error };
      return;
    }

  if (is_request (entry))
    {
      /* the newest pairs first: the answer comes soon after its request */
      for (guint i = self->n_pairs; i > 0; i--)
        {
          pair = pair_at (self, i - 1);
          if (pair->answer_seq < seq)
            break;
          if (pair->request_seq == seq && pair->final)
            {
              *out = (SockMessagePair) { SOCK_PAIR_ANSWERED, pair->answer_seq, pair->elapsed_us, pair->n_progress,
                                         pair->error };
              return;
            }
        }
      slot = find (self, make_key (entry->kind, entry->direction, entry->type, request_id_of (entry)));
      if (slot != NULL && slot->seq == seq)
        *out = (SockMessagePair) { SOCK_PAIR_PENDING, G_MAXUINT64, 0, slot->n_progress, FALSE };
      else if (entry->kind == SOCK_LOG_KIND_WAMP2 && entry->type == SOCK_WAMP_GOODBYE)
        return;
      else if (seq < self->forgotten_before)
        out->role = SOCK_PAIR_UNANSWERED;
      return;
    }

  if (is_answer (entry) && (self->n_pairs == 0 || seq > pair_at (self, 0)->answer_seq))
    out->role = SOCK_PAIR_UNMATCHED;
}
