/* bench-topic-tree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the URI tree costs on top of the log it reads: 1M events over 60 topics (demo.metrics.*
 * style, 3 levels deep) appended to a log, flushed every 1,000 (a frame at 100k events/s), once
 * without a tree (the baseline) and once with one. Prints both rates and the ratio; the tree
 * must leave the log able to take well over 100k events/s.
 */

#include "config.h"

#include <string.h>

#include "sock-topic-tree.h"
#include "sock-wamp-message.h"

#define N_EVENTS 1000000
#define N_TOPICS 60
#define BATCH    1000

static double
run (gboolean with_tree)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockTopicTree) tree = with_tree ? sock_topic_tree_new (log) : NULL;
  const char *payload = "[36,1,2,{},[30.9],{\"unit\":\"%\",\"time\":\"2026-12-05T10:03:18Z\"}]";
  guint32 uris[N_TOPICS];
  gint64 start;

  for (guint i = 0; i < N_TOPICS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("demo.group%u.metric%u", i % 6, i);

      uris[i] = sock_message_log_intern_uri (log, uri, -1);
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_EVENTS; i++)
    {
      SockLogEntry entry = { .time_us = i, .uri = uris[i % N_TOPICS], .direction = SOCK_LOG_DIRECTION_IN,
                             .kind = SOCK_LOG_KIND_WAMP2, .type = SOCK_WAMP_EVENT };

      sock_message_log_append (log, &entry, (const guint8 *) payload, strlen (payload));
      if (i % BATCH == BATCH - 1)
        sock_message_log_flush (log);
    }
  sock_message_log_flush (log);
  if (tree != NULL)
    g_assert_cmpuint (sock_topic_node_get_count (sock_topic_tree_lookup (tree, "demo")), ==, N_EVENTS);
  return N_EVENTS / ((g_get_monotonic_time () - start) / 1e6);
}

int
main (void)
{
  double baseline = 0, with_tree = 0;

  /* best of three each, interleaved: the machine is shared */
  for (guint i = 0; i < 3; i++)
    {
      baseline = MAX (baseline, run (FALSE));
      with_tree = MAX (with_tree, run (TRUE));
    }
  g_print ("log alone:      %.0f events/s\n", baseline);
  g_print ("log + URI tree: %.0f events/s (%.2fx the log alone)\n", with_tree, with_tree / baseline);
  return with_tree >= 100000 ? 0 : 1;
}
