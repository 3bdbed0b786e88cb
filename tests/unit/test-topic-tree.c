/* test-topic-tree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The URI tree of a log: nodes split at dots in name order, counts that add up the tree, the
 * last message per node, rates sampled on demand, notifications once per batch, and the cap on
 * distinct URIs.
 */

#include "config.h"

#include <string.h>

#include "sock-topic-tree.h"
#include "sock-wamp-message.h"

static void
append (SockMessageLog *log,
        const char     *uri,
        gint64          time_us)
{
  SockLogEntry entry = {
    .time_us = time_us,
    .uri = sock_message_log_intern_uri (log, uri, -1),
    .direction = SOCK_LOG_DIRECTION_IN,
    .kind = SOCK_LOG_KIND_WAMP2,
    .type = SOCK_WAMP_EVENT,
  };
  const char *payload = "[36,1,2,{},[1]]";

  sock_message_log_append (log, &entry, (const guint8 *) payload, strlen (payload));
}

static guint notified;

static void
on_notify_count (void)
{
  notified++;
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(SockTopicNode) node = g_list_model_get_item (model, position);

  g_assert_nonnull (node);
  return sock_topic_node_get_name (node);  /* the model keeps it */
}

static void
test_topic_tree_counts (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = sock_topic_tree_new (log);
  GListModel *roots = sock_topic_tree_get_roots (tree);
  SockTopicNode *metrics, *cpu, *demo;

  append (log, "demo.metrics.cpu", 1000);
  append (log, "demo.metrics.memory", 2000);
  append (log, "demo.metrics.cpu", 3000);
  append (log, "demo.tick", 4000);
  append (log, "com.example", 5000);
  /* nothing is read before the log announces it */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 0);
  sock_message_log_flush (log);

  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 2);
  g_assert_cmpstr (name_at (roots, 0), ==, "com");
  g_assert_cmpstr (name_at (roots, 1), ==, "demo");
  demo = sock_topic_tree_lookup (tree, "demo");
  metrics = sock_topic_tree_lookup (tree, "demo.metrics");
  cpu = sock_topic_tree_lookup (tree, "demo.metrics.cpu");
  g_assert_nonnull (cpu);
  g_assert_cmpstr (sock_topic_node_get_path (cpu), ==, "demo.metrics.cpu");
  g_assert_cmpuint (sock_topic_node_get_count (demo), ==, 4);
  g_assert_cmpuint (sock_topic_node_get_count (metrics), ==, 3);
  g_assert_cmpuint (sock_topic_node_get_own_count (metrics), ==, 0);
  g_assert_cmpuint (sock_topic_node_get_count (cpu), ==, 2);
  g_assert_cmpint (sock_topic_node_get_last_time (cpu), ==, 3000);
  g_assert_cmpint (sock_topic_node_get_last_time (demo), ==, 4000);
  g_assert_cmpuint (sock_topic_node_get_last_seq (metrics), ==, 2);
  g_assert_true (sock_topic_node_get_parent (cpu) == metrics);
  g_assert_cmpstr (name_at (sock_topic_node_get_children (metrics), 0), ==, "cpu");
  g_assert_cmpstr (name_at (sock_topic_node_get_children (metrics), 1), ==, "memory");
  g_assert_null (sock_topic_tree_lookup (tree, "demo.metrics.disk"));
  g_assert_cmpuint (sock_topic_tree_get_n_uris (tree), ==, 4);

  /* an acknowledgement counts, but the last value stays the last event's */
  {
    SockLogEntry ack = { .time_us = 4500, .uri = sock_message_log_intern_uri (log, "demo.tick", -1),
                         .direction = SOCK_LOG_DIRECTION_IN, .kind = SOCK_LOG_KIND_WAMP2, .type = SOCK_WAMP_SUBSCRIBED };
    guint64 seq = G_MAXUINT64;

    sock_message_log_append (log, &ack, (const guint8 *) "[33,1,2]", 8);
    sock_message_log_flush (log);
    g_assert_cmpuint (sock_topic_node_get_last_seq (demo), ==, 5);
    g_assert_true (sock_topic_node_get_value_seq (demo, &seq));
    g_assert_cmpuint (seq, ==, 3);
    g_assert_true (sock_topic_node_get_value_seq (cpu, &seq));
    g_assert_cmpuint (seq, ==, 2);
  }

  /* a batch of 1000 messages is one notification per node */
  g_signal_connect (demo, "notify::count", G_CALLBACK (on_notify_count), NULL);
  notified = 0;
  for (guint i = 0; i < 1000; i++)
    append (log, "demo.tick", 10000 + i);
  sock_message_log_flush (log);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (sock_topic_node_get_count (demo), ==, 1005);
}

static void
test_topic_tree_rates (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = sock_topic_tree_new (log);
  SockTopicNode *tick;
  double history[SOCK_TOPIC_HISTORY];
  guint n;

  for (guint second = 0; second < 70; second++)
    {
      for (guint i = 0; i < 7; i++)
        append (log, "demo.tick", second * G_USEC_PER_SEC);
      sock_message_log_flush (log);
      sock_topic_tree_sample (tree, G_USEC_PER_SEC);
    }
  tick = sock_topic_tree_lookup (tree, "demo.tick");
  g_assert_cmpfloat_with_epsilon (sock_topic_node_get_rate (tick), 7.0, 0.01);
  n = sock_topic_node_copy_history (tick, history);
  g_assert_cmpuint (n, ==, SOCK_TOPIC_HISTORY);
  g_assert_cmpfloat_with_epsilon (history[n - 1], 7.0, 0.01);
  /* quiet: the rate falls to 0 within the rate's window */
  for (guint second = 0; second < 10; second++)
    sock_topic_tree_sample (tree, G_USEC_PER_SEC);
  g_assert_cmpfloat (sock_topic_node_get_rate (tick), ==, 0.0);
  g_assert_cmpfloat (sock_topic_node_get_rate (sock_topic_tree_lookup (tree, "demo")), ==, 0.0);
}

/* A server that invents a URI per message fills the tree up to the cap, then one node. */
static void
test_topic_tree_cap (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = sock_topic_tree_new (log);
  SockTopicNode *overflow;

  for (guint i = 0; i < SOCK_TOPIC_TREE_MAX_URIS + 500; i++)
    {
      g_autofree char *uri = g_strdup_printf ("spam.u%u", i);

      append (log, uri, i);
    }
  sock_message_log_flush (log);
  g_assert_cmpuint (sock_topic_tree_get_n_uris (tree), ==, SOCK_TOPIC_TREE_MAX_URIS);
  overflow = sock_topic_tree_lookup (tree, SOCK_TOPIC_TREE_OVERFLOW);
  g_assert_nonnull (overflow);
  g_assert_cmpuint (sock_topic_node_get_count (overflow), ==, 500);
  g_assert_cmpuint (sock_topic_node_get_count (sock_topic_tree_lookup (tree, "spam")), ==, SOCK_TOPIC_TREE_MAX_URIS);
}

/* Records evicted before they were read are skipped, not misread. */
static void
test_topic_tree_eviction (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = sock_topic_tree_new (log);

  sock_message_log_set_max_messages (log, 100);
  for (guint i = 0; i < 1000; i++)
    append (log, i < 900 ? "old.topic" : "new.topic", i);
  sock_message_log_flush (log);
  g_assert_cmpuint (sock_topic_node_get_count (sock_topic_tree_lookup (tree, "new")), ==, 100);
  g_assert_null (sock_topic_tree_lookup (tree, "old"));
}

typedef struct
{
  guint position, removed, added;
} Changed;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changed    *changed)
{
  *changed = (Changed) { position, removed, added };
}

/* A URI that is first a leaf and then a prefix of another comes again in its parent's list, so
 * that a tree view sees that it has children now. */
static void
test_topic_tree_leaf_grows (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = sock_topic_tree_new (log);
  SockTopicNode *demo, *tick;
  Changed changed = { G_MAXUINT, 0, 0 };

  append (log, "demo.alpha", 1000);
  append (log, "demo.tick", 2000);
  sock_message_log_flush (log);
  demo = sock_topic_tree_lookup (tree, "demo");
  tick = sock_topic_tree_lookup (tree, "demo.tick");
  g_signal_connect (sock_topic_node_get_children (demo), "items-changed", G_CALLBACK (on_items_changed), &changed);

  append (log, "demo.tick.late", 3000);
  sock_message_log_flush (log);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_true (sock_topic_tree_lookup (tree, "demo.tick") == tick);
  g_assert_cmpuint (sock_topic_node_get_count (tick), ==, 2);
  g_assert_cmpuint (sock_topic_node_get_own_count (tick), ==, 1);

  /* a second child is only an insertion in the node's own list */
  changed = (Changed) { G_MAXUINT, 0, 0 };
  append (log, "demo.tick.later", 4000);
  sock_message_log_flush (log);
  g_assert_cmpuint (changed.position, ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (sock_topic_node_get_children (tick)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sockscope/topic-tree/counts", test_topic_tree_counts);
  g_test_add_func ("/sockscope/topic-tree/rates", test_topic_tree_rates);
  g_test_add_func ("/sockscope/topic-tree/cap", test_topic_tree_cap);
  g_test_add_func ("/sockscope/topic-tree/leaf-grows", test_topic_tree_leaf_grows);
  g_test_add_func ("/sockscope/topic-tree/eviction", test_topic_tree_eviction);
  return g_test_run ();
}
