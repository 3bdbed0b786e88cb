/* sock-demo-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demo router publishes and offers by itself, in realms `demo` and `secure`:
 * demo.tick (a counter every second), demo.metrics.{cpu,memory,requests} (random walks every
 * 500 ms), the procedures demo.add, demo.echo, demo.slow, demo.fail and demo.flood, and the
 * floods that demo.flood starts. The timers run while at least one session is joined.
 *
 * A flood sends rate/100 events every 10 ms, each frame written with one snprintf: at 100k
 * events/s a JSON tree or a GString per event would cost more than libsoup's send.
 */

#include "sock-demo-router-private.h"

#define TICK_MS 1000
#define METRICS_MS 500
#define FLOOD_TICK_MS 10
#define FLOOD_MAX_RATE 1000000
#define FLOOD_MAX_SECONDS 600
/* A client slower than the rate makes libsoup queue the rest in memory: bound the worst case. */
#define FLOOD_MAX_EVENTS 10000000
#define SLOW_STEP_MS 100
#define SLOW_MAX_STEPS 1000

typedef struct
{
  const char *topic;
  const char *unit;
  double      value;
  double      min, max, step;
} Series;

typedef struct
{
  SockDemoContent *content;
  SockDemoRealm   *realm;
  GSource         *source;
  double           rate;
  gint64           total;
  gint64           sent;
  gint64           started;
  gint64           publication;
} Flood;

struct _SockDemoContent
{
  SockDemoRouter *router;
  GSource        *tick_source;
  GSource        *metrics_source;
  gint64          tick;
  Series          series[3];
  GPtrArray      *floods;  /* Flood, owned */
};

/* Timers -------------------------------------------------------------------------------- */

static void
publish_everywhere (SockDemoContent *content,
                    const char      *topic,
                    JsonArray       *args,
                    JsonObject      *kwargs)
{
  _sock_demo_realm_publish_json (content->router->demo, topic, args, kwargs);
  _sock_demo_realm_publish_json (content->router->secure, topic, args, kwargs);
  _sock_demo_realm_publish_json (content->router->plain, topic, args, kwargs);
}

static gboolean
on_tick (gpointer user_data)
{
  SockDemoContent *content = user_data;
  g_autoptr(JsonArray) args = json_array_new ();
  g_autoptr(JsonObject) kwargs = json_object_new ();
  g_autofree char *now = _sock_demo_now_iso8601 ();

  json_array_add_int_element (args, ++content->tick);
  json_object_set_string_member (kwargs, "time", now);
  publish_everywhere (content, "demo.tick", args, kwargs);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_metrics (gpointer user_data)
{
  SockDemoContent *content = user_data;
  g_autofree char *now = _sock_demo_now_iso8601 ();

  for (guint i = 0; i < G_N_ELEMENTS (content->series); i++)
    {
      Series *series = &content->series[i];
      g_autoptr(JsonArray) args = json_array_new ();
      g_autoptr(JsonObject) kwargs = json_object_new ();

      series->value += g_random_double_range (-series->step, series->step);
      series->value = CLAMP (series->value, series->min, series->max);
      json_array_add_double_element (args, (gint64) (series->value * 10 + 0.5) / 10.0);
      json_object_set_string_member (kwargs, "unit", series->unit);
      json_object_set_string_member (kwargs, "time", now);
      publish_everywhere (content, series->topic, args, kwargs);
    }
  return G_SOURCE_CONTINUE;
}

SockDemoContent *
_sock_demo_content_new (SockDemoRouter *router)
{
  SockDemoContent *content = g_new0 (SockDemoContent, 1);

  content->router = router;
  content->series[0] = (Series) { "demo.metrics.cpu", "%", 35, 0, 100, 6 };
  content->series[1] = (Series) { "demo.metrics.memory", "MiB", 512, 200, 900, 12 };
  content->series[2] = (Series) { "demo.metrics.requests", "req/s", 800, 0, 2500, 60 };
  content->floods = g_ptr_array_new_with_free_func (g_free);
  return content;
}

void
_sock_demo_content_free (SockDemoContent *content)
{
  _sock_demo_content_stop (content);
  g_ptr_array_unref (content->floods);
  g_free (content);
}

void
_sock_demo_content_start (SockDemoContent *content)
{
  if (content->tick_source != NULL)
    return;
  content->tick_source = _sock_demo_source_add (content->router, TICK_MS, on_tick, content);
  content->metrics_source = _sock_demo_source_add (content->router, METRICS_MS, on_metrics,
                                                   content);
}

static void
flood_stop (gpointer data,
            gpointer user_data)
{
  Flood *flood = data;

  _sock_demo_source_clear (&flood->source);
}

void
_sock_demo_content_stop (SockDemoContent *content)
{
  _sock_demo_source_clear (&content->tick_source);
  _sock_demo_source_clear (&content->metrics_source);
  g_ptr_array_foreach (content->floods, flood_stop, NULL);
  g_ptr_array_set_size (content->floods, 0);
}

/* Floods -------------------------------------------------------------------------------- */

typedef struct
{
  SockDemoSession         *session;       /* valid for the tick: a closed one is freed in an idle */
  gint64                   subscription;  /* 0 for a v1 subscriber */
  gboolean                 pattern;
} Target;

static GArray *
flood_targets (SockDemoRealm *realm)
{
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (Target));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, realm->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SockDemoSubscription *subscription = value;

      if (!_sock_demo_match_topic (subscription, "demo.flood"))
        continue;
      for (guint i = 0; i < subscription->subscribers->len; i++)
        {
          SockDemoSession *session = g_ptr_array_index (subscription->subscribers, i);
          Target target = { session, subscription->id,
                            subscription->match != SOCK_DEMO_MATCH_EXACT };

          if (session->version == SOCK_WAMP_V1)
            target.subscription = 0;
          if (session->state == SOCK_DEMO_SESSION_OPEN)
            g_array_append_val (targets, target);
        }
    }
  return targets;
}

static void
flood_send (Flood  *flood,
            Target *target,
            gint64  seq)
{
  char frame[160];

  if (target->subscription == 0)
    g_snprintf (frame, sizeof frame, "[8,\"demo.flood\",%" G_GINT64_FORMAT "]", seq);
  else
    g_snprintf (frame, sizeof frame,
                "[36,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,[%" G_GINT64_FORMAT
                ",%" G_GINT64_FORMAT "]]",
                target->subscription, flood->publication + seq,
                target->pattern ? "{\"topic\":\"demo.flood\"}" : "{}", seq, flood->total);
  _sock_demo_session_send_text (target->session, frame);
}

static gboolean
on_flood (gpointer user_data)
{
  Flood *flood = user_data;
  double elapsed = (g_get_monotonic_time () - flood->started) / (double) G_USEC_PER_SEC;
  gint64 due = MIN (flood->total, (gint64) (flood->rate * elapsed));
  g_autoptr(GArray) targets = flood_targets (flood->realm);

  for (; flood->sent < due; flood->sent++)
    for (guint i = 0; i < targets->len; i++)
      flood_send (flood, &g_array_index (targets, Target, i), flood->sent + 1);

  if (flood->sent < flood->total)
    return G_SOURCE_CONTINUE;
  _sock_demo_source_clear (&flood->source);
  g_ptr_array_remove_fast (flood->content->floods, flood);
  return G_SOURCE_REMOVE;
}

static gboolean
arg_number (JsonArray *args,
            guint      i,
            double     fallback,
            double    *value)
{
  JsonNode *node = args && i < json_array_get_length (args) ? json_array_get_element (args, i) : NULL;
  GType type = node ? json_node_get_value_type (node) : G_TYPE_INVALID;

  *value = fallback;
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  return node == NULL || type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static void
demo_flood (SockDemoCall *call,
            JsonArray    *args,
            JsonObject   *kwargs)
{
  SockDemoContent *content = call->realm->router->content;
  g_autoptr(JsonArray) result = json_array_new ();
  JsonObject *object = json_object_new ();
  double rate, seconds;
  Flood *flood;

  if (!arg_number (args, 0, 1000, &rate) || !arg_number (args, 1, 1, &seconds)
      || rate <= 0 || rate > FLOOD_MAX_RATE || seconds <= 0 || seconds > FLOOD_MAX_SECONDS
      || rate * seconds > FLOOD_MAX_EVENTS)
    {
      json_object_unref (object);
      _sock_demo_call_fail_message (call, "wamp.error.invalid_argument",
                                    "demo.flood takes [rate events/s (up to 1000000), "
                                    "duration s (up to 600)], 10000000 events at most");
      return;
    }

  flood = g_new0 (Flood, 1);
  flood->content = content;
  flood->realm = call->realm;
  flood->rate = rate;
  flood->total = (gint64) (rate * seconds + 0.5);
  flood->publication = _sock_demo_random_id () / 2;
  flood->started = g_get_monotonic_time ();
  flood->source = _sock_demo_source_add (content->router, FLOOD_TICK_MS, on_flood, flood);
  g_ptr_array_add (content->floods, flood);

  json_object_set_int_member (object, "scheduled", flood->total);
  json_array_add_object_element (result, object);
  _sock_demo_call_reply (call, result, NULL);
}

/* Procedures ---------------------------------------------------------------------------- */

static void
demo_add (SockDemoCall *call,
          JsonArray    *args,
          JsonObject   *kwargs)
{
  g_autoptr(JsonArray) result = json_array_new ();
  gboolean integers = TRUE;
  gint64 isum = 0;
  double sum = 0;

  for (guint i = 0; args != NULL && i < json_array_get_length (args); i++)
    {
      JsonNode *node = json_array_get_element (args, i);
      GType type = json_node_get_value_type (node);

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          _sock_demo_call_fail_message (call, "wamp.error.invalid_argument",
                                        "demo.add adds numbers");
          return;
        }
      integers = integers && type == G_TYPE_INT64;
      sum += json_node_get_double (node);
      if (type == G_TYPE_INT64)
        isum += json_node_get_int (node);
    }
  if (integers)
    json_array_add_int_element (result, isum);
  else
    json_array_add_double_element (result, sum);
  _sock_demo_call_reply (call, result, NULL);
}

static void
demo_echo (SockDemoCall *call,
           JsonArray    *args,
           JsonObject   *kwargs)
{
  _sock_demo_call_reply (call, args, kwargs);
}

static void
demo_fail (SockDemoCall *call,
           JsonArray    *args,
           JsonObject   *kwargs)
{
  g_autoptr(JsonArray) error_args = json_array_new ();
  g_autoptr(JsonObject) error_kwargs = json_object_new ();

  json_array_add_string_element (error_args, "this procedure always fails");
  json_object_set_int_member (error_kwargs, "code", 42);
  _sock_demo_call_fail (call, "demo.error.failed", error_args, error_kwargs);
}

/* Progress [i] for i = 1..N, 100 ms apart, then the result [N]. */
static gboolean
on_slow_step (gpointer user_data)
{
  SockDemoCall *call = user_data;
  g_autoptr(JsonArray) args = json_array_new ();

  json_array_add_int_element (args, ++call->step);
  _sock_demo_call_progress (call, args, NULL);
  if (call->step < call->steps)
    return G_SOURCE_CONTINUE;
  _sock_demo_source_clear (&call->work_source);
  _sock_demo_call_reply (call, args, NULL);
  return G_SOURCE_REMOVE;
}

static void
demo_slow (SockDemoCall *call,
           JsonArray    *args,
           JsonObject   *kwargs)
{
  g_autoptr(JsonArray) result = NULL;
  double steps;

  if (!arg_number (args, 0, 5, &steps) || steps < 0 || steps > SLOW_MAX_STEPS)
    {
      _sock_demo_call_fail_message (call, "wamp.error.invalid_argument",
                                    "demo.slow takes [steps] from 0 to 1000");
      return;
    }
  call->steps = (guint) steps;
  if (call->steps > 0)
    {
      call->work_source = _sock_demo_source_add (call->realm->router, SLOW_STEP_MS, on_slow_step,
                                                 call);
      return;
    }
  result = json_array_new ();
  json_array_add_int_element (result, 0);
  _sock_demo_call_reply (call, result, NULL);
}

void
_sock_demo_content_add_procedures (SockDemoRealm *realm)
{
  _sock_demo_dealer_add_procedure (realm, "demo.add", demo_add);
  _sock_demo_dealer_add_procedure (realm, "demo.echo", demo_echo);
  _sock_demo_dealer_add_procedure (realm, "demo.slow", demo_slow);
  _sock_demo_dealer_add_procedure (realm, "demo.fail", demo_fail);
  _sock_demo_dealer_add_procedure (realm, "demo.flood", demo_flood);
}
