/* test-topics-hidden.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The topic tree of a demo tab counts every message of the connection while another view is
 * shown: with Health in front (nobody flushes the log then) and the log at its smallest cap, a
 * topic gets three times the cap in bursts; the log evicts the oldest, yet once Topics is shown
 * its count is every message sent.
 */

#include "config.h"

#include <adwaita.h>

#include "sock-demo-server.h"
#include "sock-health-view.h"
#include "sock-router-view.h"
#include "sock-topic-view.h"
#include "test-topics-util.h"

#define TOPIC    "polish.hidden.series"
#define CAP      1000
#define BURST    500
#define N_BURSTS 6

static SockApplication *app;

typedef DemoFixture Fixture;

typedef struct
{
  SockTopicView *view;
  guint64        want;
} CountQuery;

static guint64
tree_count (SockTopicView *view)
{
  SockTopicNode *node = sock_topic_tree_lookup (sock_topic_view_get_tree (view), TOPIC);

  return node != NULL ? sock_topic_node_get_count (node) : 0;
}

static gboolean
tree_counted (gpointer data)
{
  CountQuery *query = data;

  return tree_count (query->view) == query->want;
}

/* The count a row shows. */
static guint64
shown_count (SockTopicView *view,
             const char    *path)
{
  const char *text = cell_text (view, path, 1);

  if (text == NULL)
    g_error ("the row of %s is not on screen", path);
  return count_of (text);
}

static gboolean
row_shown (gpointer data)
{
  RowQuery *query = data;

  return cell_text (query->view, query->path, 1) != NULL;
}

static void
append_burst (SockMessageLog *log,
              guint           n)
{
  guint32 uri = sock_message_log_intern_uri (log, TOPIC, -1);

  for (guint i = 0; i < n; i++)
    {
      SockLogEntry e = { 0 };
      const char *payload = "[36,1,2,{},[42]]";

      e.time_us = g_get_real_time ();
      e.direction = SOCK_LOG_DIRECTION_IN;
      e.kind = SOCK_LOG_KIND_WAMP2;
      e.type = 36;
      e.uri = uri;
      sock_message_log_append (log, &e, (const guint8 *) payload, strlen (payload));
    }
}

static void
test_topics_hidden_counts_all (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  SockMessageLog *log;
  GtkWidget *router;
  SockTopicView *view;
  CountQuery query;
  RowQuery row;
  guint64 sent = 0;

  g_assert_true (wait_for (page_joined, page));
  log = sock_connection_get_log (sock_connection_page_get_connection (page));
  /* the smallest cap Preferences allow, as a user sets it */
  g_settings_set_uint (settings, "log-max-messages", CAP);
  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, CAP);

  router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);
  g_assert_nonnull (router);
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "health"));
  view = sock_router_view_get_topic_view (SOCK_ROUTER_VIEW (router));
  g_assert_true (wait_for (widget_mapped, find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* bursts below the cap, more than it in all: each is counted before the cap evicts it */
  for (guint b = 0; b < N_BURSTS; b++)
    {
      append_burst (log, BURST);
      sent += BURST;
      query = (CountQuery) { view, sent };
      if (!wait_for (tree_counted, &query))
        g_error ("the tree counted %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " messages while Health was shown",
                 tree_count (view), sent);
    }
  /* the log kept no more than its cap: the first messages are gone from it */
  g_assert_cmpuint (sock_message_log_get_n_retained (log), <=, CAP);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), >, 0);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* Ctrl+4: the count on screen is every message sent */
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "topics"));
  g_assert_true (wait_for (widget_mapped, view));
  expand (view, "polish");
  expand (view, "polish.hidden");
  row = (RowQuery) { view, TOPIC };
  g_assert_true (wait_for (row_shown, &row));
  g_assert_cmpuint (tree_count (view), ==, N_BURSTS * BURST);
  g_assert_cmpuint (shown_count (view, TOPIC), ==, N_BURSTS * BURST);
  g_assert_cmpuint (shown_count (view, "polish"), ==, N_BURSTS * BURST);

  g_settings_reset (settings, "log-max-messages");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if ((app = ui_test_init (&argc, &argv)) == NULL)
    return 0;

  g_test_add ("/sockscope/topics-hidden/counts-all", Fixture, NULL, demo_fixture_set_up,
              test_topics_hidden_counts_all, demo_fixture_tear_down);

  status = g_test_run ();
  ui_test_finish (&app);
  return status;
}
