/* sock-demo-router-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Event history for wamp.subscription.get_events. Like Crossbar's event store, history is
 * configured per topic: the demo's topics (demo.*, except the demo.flood firehose) keep their
 * last HISTORY_PER_TOPIC events, whether anyone subscribes or not.
 */

#include "sock-demo-router-private.h"

#include "sock-json-scan.h"

#define HISTORY_PER_TOPIC 50

typedef struct
{
  guint64  seq;
  gint64   publication;
  char    *timestamp;
  char    *topic;
  char    *args;    /* JSON text, or NULL */
  char    *kwargs;
} HistoryEvent;

static void
history_event_free (gpointer data)
{
  HistoryEvent *event = data;

  g_free (event->timestamp);
  g_free (event->topic);
  g_free (event->args);
  g_free (event->kwargs);
  g_free (event);
}

void
_sock_demo_history_free (gpointer queue)
{
  g_queue_free_full (queue, history_event_free);
}

static gboolean
keeps_history (const char *topic)
{
  return g_str_has_prefix (topic, "demo.") && !g_str_equal (topic, "demo.flood");
}

static char *
range_dup (SockJsonRange range)
{
  return range.data != NULL ? g_strndup (range.data, range.len) : NULL;
}

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

void
_sock_demo_history_record (SockDemoRealm *realm,
                           const char    *topic,
                           gint64         publication,
                           SockJsonRange  args,
                           SockJsonRange  kwargs)
{
  GQueue *queue;
  HistoryEvent *event;

  if (!realm->meta || !keeps_history (topic))
    return;
  queue = g_hash_table_lookup (realm->history, topic);
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (realm->history, g_strdup (topic), queue);
    }
  event = g_new0 (HistoryEvent, 1);
  event->seq = ++realm->history_seq;
  event->publication = publication;
  event->timestamp = timestamp_now ();
  event->topic = g_strdup (topic);
  event->args = range_dup (args);
  event->kwargs = range_dup (kwargs);
  g_queue_push_tail (queue, event);
  if (queue->length > HISTORY_PER_TOPIC)
    history_event_free (g_queue_pop_head (queue));
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  guint64 x = (*(HistoryEvent * const *) a)->seq;
  guint64 y = (*(HistoryEvent * const *) b)->seq;

  return x < y ? -1 : x > y;
}

static void
set_json_member (JsonObject *object,
                 const char *name,
                 const char *text)
{
  JsonNode *node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node != NULL)
    json_object_set_member (object, name, node);
}

/* The spec's shape: {timestamp, subscription, publication, details, args, kwargs}. */
static JsonObject *
describe (HistoryEvent         *event,
          SockDemoSubscription *subscription)
{
  JsonObject *object = json_object_new ();
  JsonObject *details = json_object_new ();

  if (subscription->match != SOCK_DEMO_MATCH_EXACT)
    json_object_set_string_member (details, "topic", event->topic);
  json_object_set_string_member (object, "timestamp", event->timestamp);
  json_object_set_int_member (object, "subscription", subscription->id);
  json_object_set_int_member (object, "publication", event->publication);
  json_object_set_object_member (object, "details", details);
  set_json_member (object, "args", event->args);
  set_json_member (object, "kwargs", event->kwargs);
  return object;
}

JsonArray *
_sock_demo_history_query (SockDemoRealm        *realm,
                          SockDemoSubscription *subscription,
                          guint                 limit,
                          gboolean              reverse)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  JsonArray *events = json_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint first;

  g_hash_table_iter_init (&iter, realm->history);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (_sock_demo_match_topic (subscription, key))
      for (GList *l = ((GQueue *) value)->head; l != NULL; l = l->next)
        g_ptr_array_add (found, l->data);
  g_ptr_array_sort (found, compare_seq);
  first = found->len > limit ? found->len - limit : 0;
  for (guint i = 0; i < found->len - first; i++)
    {
      guint index = reverse ? found->len - 1 - i : first + i;

      json_array_add_object_element (events, describe (g_ptr_array_index (found, index),
                                                       subscription));
    }
  return events;
}
