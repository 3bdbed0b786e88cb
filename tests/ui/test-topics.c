/* test-topics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Topics view of a demo tab under a real display, read through its rows and cells: the tree
 * counts the demo.metrics.* events the demo publishes, expanding "demo" and "metrics" shows the
 * three series with counts that grow; choosing a node filters the Messages view to exactly that
 * URI and below (with a chip that says so and clears it); the filter entry keeps the matches and
 * the nodes above them; Subscribe and Unsubscribe from the tree go through the tab's
 * subscriptions. A raw connection shows the empty state. With SOCK_SHOT_DIR set, it saves the
 * view in light and dark.
 */

#include "config.h"

#include <adwaita.h>

#include "sock-demo-server.h"
#include "sock-message-view.h"
#include "sock-router-view.h"
#include "sock-topic-sparkline.h"
#include "sock-topic-view.h"
#include "test-topics-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

static SockTopicView *
show_topics (SockConnectionPage *page)
{
  GtkWidget *router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);
  SockTopicView *view;

  g_assert_nonnull (router);
  /* Ctrl+4 */
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "topics"));
  view = sock_router_view_get_topic_view (SOCK_ROUTER_VIEW (router));
  g_assert_true (wait_for (widget_mapped, view));
  return view;
}

static void
show_messages (SockTopicView *view)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "router.show", "s", "messages"));
}

/* The row of path among the rows shown, or G_MAXUINT. */
static guint
row_of (SockTopicView *view,
        const char    *path)
{
  GListModel *rows = sock_topic_view_get_rows (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (sock_topic_node_get_path (gtk_tree_list_row_get_item (row)), path))
        return i;
    }
  return G_MAXUINT;
}

/* The paths of the rows shown, each followed by a space. */
static char *
rows_text (SockTopicView *view)
{
  GListModel *rows = sock_topic_view_get_rows (view);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(SockTopicNode) node = gtk_tree_list_row_get_item (row);

      g_string_append_printf (text, "%s ", sock_topic_node_get_path (node));
    }
  return g_string_free (text, FALSE);
}

static guint64
shown_count (SockTopicView *view,
             const char    *path)
{
  const char *text = cell_text (view, path, 1);

  return text != NULL ? count_of (text) : 0;
}

typedef struct
{
  SockTopicView *view;
  const char    *path;
  guint64        above;
} CountQuery;

static gboolean
count_above (gpointer data)
{
  CountQuery *query = data;

  return shown_count (query->view, query->path) > query->above;
}

static gboolean
prefix_cleared (gpointer data)
{
  return sock_topic_view_get_uri_prefix (data) == NULL;
}

/* Every message the Messages view shows has a URI at or below prefix (none when
 * prefix is NULL: then one at least is outside "demo.metrics"). */
static gboolean
list_under (SockMessageView *messages,
            const char      *prefix,
            guint           *n_out)
{
  GListModel *list = G_LIST_MODEL (sock_message_view_get_list (messages));
  gsize len = prefix ? strlen (prefix) : 0;
  guint n = g_list_model_get_n_items (list), outside = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SockMessageItem) item = g_list_model_get_item (list, i);
      const char *uri = sock_message_item_get_uri (item);

      if (uri == NULL || !(prefix == NULL ? g_str_has_prefix (uri, "demo.metrics")
                                          : strncmp (uri, prefix, len) == 0 && (uri[len] == '\0' || uri[len] == '.')))
        outside++;
    }
  *n_out = n;
  return prefix != NULL ? outside == 0 : outside > 0;
}

typedef struct
{
  SockMessageView *messages;
  const char      *prefix;
  guint            at_least;
} ListQuery;

static gboolean
list_is_under (gpointer data)
{
  ListQuery *query = data;
  guint n;

  return list_under (query->messages, query->prefix, &n) && n >= query->at_least;
}

/* The sparkline of demo.metrics.cpu has a few seconds of rates, not all zero. */
static gboolean
sparkline_drawn (gpointer data)
{
  GtkWidget *expander = find_expander (data, "demo.metrics.cpu");
  GtkWidget *cell = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (
    gtk_widget_get_first_child (gtk_widget_get_parent (gtk_widget_get_parent (expander))))));
  SockTopicSparkline *line = SOCK_TOPIC_SPARKLINE (gtk_widget_get_first_child (cell));

  return sock_topic_sparkline_get_n_values (line) >= 3 && sock_topic_sparkline_get_peak (line) > 0;
}

/* Counts, growing counts, and a last value, as a user expands demo → metrics. */
static void
test_topics_tree (Fixture       *fixture,
                  gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  SockTopicView *view;
  CountQuery counted;
  g_autofree char *rows = NULL;
  GtkWidget *expander;
  guint64 first;

  g_assert_true (wait_for (page_joined, page));
  view = show_topics (page);
  expand (view, "demo");
  expand (view, "demo.metrics");
  counted = (CountQuery) { view, "demo.metrics.cpu", 1 };
  g_assert_true (wait_for (count_above, &counted));
  rows = rows_text (view);
  g_assert_nonnull (strstr (rows, "demo demo.metrics demo.metrics.cpu demo.metrics.memory demo.metrics.requests "));
  /* each series is a leaf; "metrics" counts the three (and what was sent to it: the SUBSCRIBE) */
  expander = find_expander (view, "demo.metrics.cpu");
  g_assert_false (gtk_tree_list_row_is_expandable (gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))));
  g_assert_cmpuint (shown_count (view, "demo.metrics"), >=, shown_count (view, "demo.metrics.cpu")
                                                            + shown_count (view, "demo.metrics.memory"));

  /* the counts grow on screen */
  first = shown_count (view, "demo.metrics.memory");
  counted = (CountQuery) { view, "demo.metrics.memory", first };
  g_assert_true (wait_for (count_above, &counted));
  g_assert_cmpuint (shown_count (view, "demo.metrics.memory"), ==,
                    sock_topic_node_get_count (sock_topic_tree_lookup (sock_topic_view_get_tree (view),
                                                                       "demo.metrics.memory")));
  /* the last value is the payload of the last event: its args and kwargs */
  g_assert_nonnull (strstr (cell_text (view, "demo.metrics.cpu", 4), "\"unit\":\"%\""));
  g_assert_true (g_str_has_suffix (cell_text (view, "demo.metrics.cpu", 5), "s ago")
                 || g_str_equal (cell_text (view, "demo.metrics.cpu", 5), "just now"));
  /* the rate's last seconds, sampled while the view is shown */
  g_assert_true (wait_for (sparkline_drawn, view));
  save_screenshot (GTK_WIDGET (fixture->window), "topics");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "topics-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Choosing a node filters the messages to it and below; the chip says so and clears both. */
static void
test_topics_filter_log (Fixture       *fixture,
                        gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  SockMessageView *messages = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page));
  SockTopicView *view;
  GtkSingleSelection *selection;
  ListQuery query;
  CountQuery counted;
  GtkWidget *chip;

  g_assert_true (wait_for (page_joined, page));
  view = show_topics (page);
  expand (view, "demo");
  counted = (CountQuery) { view, "demo.tick", 0 };
  g_assert_true (wait_for (count_above, &counted));
  expand (view, "demo.metrics");
  counted = (CountQuery) { view, "demo.metrics.cpu", 0 };
  g_assert_true (wait_for (count_above, &counted));

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL))));
  gtk_single_selection_set_selected (selection, row_of (view, "demo.metrics"));
  g_assert_cmpstr (sock_topic_view_get_uri_prefix (view), ==, "demo.metrics");
  g_assert_cmpstr (sock_message_view_get_uri_prefix (messages), ==, "demo.metrics");

  /* Enter on the row shows its messages: only demo.metrics.*, the ticks are gone */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.show-messages", NULL));
  g_assert_true (wait_for (widget_mapped, messages));
  query = (ListQuery) { messages, "demo.metrics", 3 };
  g_assert_true (wait_for (list_is_under, &query));
  chip = find_widget (GTK_WIDGET (messages), GTK_TYPE_LABEL, label_is, "Under demo.metrics");
  g_assert_nonnull (chip);
  save_screenshot (GTK_WIDGET (fixture->window), "topics-filtered-log");

  /* a leaf: exactly that URI */
  show_topics (page);
  gtk_single_selection_set_selected (selection, row_of (view, "demo.metrics.cpu"));
  show_messages (view);
  query = (ListQuery) { messages, "demo.metrics.cpu", 1 };
  g_assert_true (wait_for (list_is_under, &query));
  g_assert_nonnull (find_widget (GTK_WIDGET (messages), GTK_TYPE_LABEL, label_is, "Under demo.metrics.cpu"));

  /* the chip's button shows every topic again and the tree forgets its choice */
  g_signal_emit_by_name (gtk_widget_get_last_child (gtk_widget_get_parent (
    find_widget (GTK_WIDGET (messages), GTK_TYPE_LABEL, label_is, "Under demo.metrics.cpu"))), "clicked");
  g_assert_true (wait_for (prefix_cleared, view));
  g_assert_null (sock_message_view_get_uri_prefix (messages));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  query = (ListQuery) { messages, NULL, 1 };
  g_assert_true (wait_for (list_is_under, &query));

  /* the uri prefix set from outside chooses the node, expanding what is above it */
  sock_message_view_set_uri_prefix (messages, "demo.metrics.requests");
  g_assert_cmpstr (sock_topic_view_get_uri_prefix (view), ==, "demo.metrics.requests");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, row_of (view, "demo.metrics.requests"));
}

static gboolean
stack_shows (gpointer data)
{
  GtkStack *stack = GTK_STACK (find_widget (data, GTK_TYPE_STACK, any_widget, NULL));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), g_object_get_data (data, "want")) == 0;
}

static gboolean
tree_has_series (gpointer data)
{
  return sock_topic_tree_lookup (data, "demo.metrics.requests") != NULL && sock_topic_tree_lookup (data, "demo.tick") != NULL;
}

/* The filter keeps matching nodes with their ancestors, expanded; no match says so. */
static void
test_topics_search (Fixture       *fixture,
                    gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  GtkEditable *entry;
  SockTopicView *view;
  g_autofree char *rows = NULL;
  g_autofree char *all = NULL;
  SockTopicTree *tree;

  g_assert_true (wait_for (page_joined, page));
  view = show_topics (page);
  tree = sock_topic_view_get_tree (view);
  g_assert_true (wait_for (tree_has_series, tree));
  entry = GTK_EDITABLE (find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, any_widget, NULL));

  gtk_editable_set_text (entry, "CPU");
  g_signal_emit_by_name (entry, "search-changed");
  rows = rows_text (view);
  g_assert_cmpstr (rows, ==, "demo demo.metrics demo.metrics.cpu ");
  g_clear_pointer (&rows, g_free);

  gtk_editable_set_text (entry, "tick");
  g_signal_emit_by_name (entry, "search-changed");
  rows = rows_text (view);
  g_assert_cmpstr (rows, ==, "demo demo.tick ");
  g_clear_pointer (&rows, g_free);

  /* a part of a middle node keeps all below it */
  gtk_editable_set_text (entry, "metr");
  g_signal_emit_by_name (entry, "search-changed");
  rows = rows_text (view);
  g_assert_cmpstr (rows, ==, "demo demo.metrics demo.metrics.cpu demo.metrics.memory demo.metrics.requests ");
  g_clear_pointer (&rows, g_free);

  gtk_editable_set_text (entry, "no.such.topic");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (sock_topic_view_get_rows (view)), ==, 0);
  g_object_set_data (G_OBJECT (view), "want", "no-match");
  g_assert_true (wait_for (stack_shows, view));
  g_assert_true (wait_for_label (view, "No Matching Topics", FALSE));

  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  all = rows_text (view);
  g_assert_cmpstr (all, ==, "demo ");
}

static gboolean
subscribed (gpointer data)
{
  SockConnectionPage *page = data;
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (page);
  const char *want = g_object_get_data (G_OBJECT (page), "want");
  gboolean present = subscriptions != NULL && g_strv_contains ((const char * const *) subscriptions, want);

  return present == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page), "present"));
}

static void
expect_subscription (SockConnectionPage *page,
                     const char         *text,
                     gboolean            present)
{
  g_object_set_data (G_OBJECT (page), "want", (gpointer) text);
  g_object_set_data (G_OBJECT (page), "present", GINT_TO_POINTER (present));
  g_assert_true (wait_for (subscribed, page));
}

static GtkWidget *
subscribe_button (SockTopicView *view)
{
  GtkWidget *button = find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, button_label_is, "Subscribe");

  if (button == NULL)
    button = find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, button_label_is, "Unsubscribe");
  g_assert_nonnull (button);
  return button;
}

static const char *
button_label (SockTopicView *view)
{
  return gtk_button_get_label (GTK_BUTTON (subscribe_button (view)));
}

static gboolean
menu_shown (gpointer data)
{
  return find_widget (data, GTK_TYPE_POPOVER_MENU, any_widget, NULL) != NULL;
}

/* A leaf is an exact subscription, an inner node a prefix one; Unsubscribe takes them back. */
static void
test_topics_subscribe (Fixture       *fixture,
                       gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  GListModel *subscriptions = sock_connection_get_subscriptions (sock_connection_page_get_connection (page));
  GtkSingleSelection *selection;
  SockTopicView *view;
  CountQuery counted;

  g_assert_true (wait_for (page_joined, page));
  view = show_topics (page);
  /* nothing chosen, nothing to subscribe to */
  g_assert_false (gtk_widget_get_sensitive (subscribe_button (view)));
  g_assert_cmpuint (g_list_model_get_n_items (subscriptions), ==, 2);
  expand (view, "demo");
  expand (view, "demo.metrics");
  counted = (CountQuery) { view, "demo.metrics.cpu", 0 };
  g_assert_true (wait_for (count_above, &counted));
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL))));

  /* the demo tab has "prefix demo.metrics" already: the tree's node says Unsubscribe */
  gtk_single_selection_set_selected (selection, row_of (view, "demo.metrics"));
  g_assert_cmpstr (button_label (view), ==, "Unsubscribe");

  gtk_single_selection_set_selected (selection, row_of (view, "demo.metrics.cpu"));
  g_assert_cmpstr (button_label (view), ==, "Subscribe");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.subscribe", NULL));
  expect_subscription (page, "exact demo.metrics.cpu", TRUE);
  g_assert_cmpstr (button_label (view), ==, "Unsubscribe");
  save_screenshot (GTK_WIDGET (fixture->window), "topics-subscribed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.unsubscribe", NULL));
  expect_subscription (page, "exact demo.metrics.cpu", FALSE);
  g_assert_cmpstr (button_label (view), ==, "Subscribe");

  /* an inner node on WAMP v2: one prefix subscription */
  gtk_single_selection_set_selected (selection, row_of (view, "demo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.subscribe", NULL));
  expect_subscription (page, "prefix demo", TRUE);

  /* the context menu opens on the chosen row from the keyboard */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.menu", NULL));
  g_assert_true (wait_for (menu_shown, view));
  save_screenshot (GTK_WIDGET (fixture->window), "topics-menu");
}

static void
published (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
both_published (gpointer data)
{
  return *(guint *) data == 2;
}

/* WAMP v1 has no prefix match: an inner node subscribes to each topic seen below it, exactly. */
static void
test_topics_subscribe_v1 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/ws", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockPublishOptions publish_options = { 0 };
  GtkSingleSelection *selection;
  SockConnectionPage *page;
  SockSession *session;
  SockTopicView *view;
  guint n_published = 0;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP1);
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  session = sock_connection_get_session (sock_connection_page_get_connection (page));
  g_assert_cmpint (sock_session_get_kind (session), ==, SOCK_SESSION_KIND_WAMP1);
  sock_session_publish_async (session, "com.example.orders.placed", NULL, NULL, &publish_options, NULL, published,
                              &n_published);
  sock_session_publish_async (session, "com.example.orders.shipped", NULL, NULL, &publish_options, NULL, published,
                              &n_published);
  g_assert_true (wait_for (both_published, &n_published));

  view = show_topics (page);
  expand (view, "com");
  expand (view, "com.example");
  expand (view, "com.example.orders");
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL))));
  gtk_single_selection_set_selected (selection, row_of (view, "com.example.orders"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.subscribe", NULL));
  expect_subscription (page, "exact com.example.orders.placed", TRUE);
  expect_subscription (page, "exact com.example.orders.shipped", TRUE);
  g_assert_cmpstr (button_label (view), ==, "Unsubscribe");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topics.unsubscribe", NULL));
  expect_subscription (page, "exact com.example.orders.placed", FALSE);
  expect_subscription (page, "exact com.example.orders.shipped", FALSE);
}

static gboolean
page_open (gpointer data)
{
  SockConnection *connection = sock_connection_page_get_connection (data);

  return connection != NULL && sock_connection_get_session (connection) != NULL;
}

/* A raw echo connection has no URIs: the view says so in words. */
static void
test_topics_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page = sock_window_open_connection (fixture->window, options);
  SockTopicView *view;

  g_assert_true (wait_for (page_open, page));
  view = show_topics (page);
  g_object_set_data (G_OBJECT (view), "want", "empty");
  g_assert_true (wait_for (stack_shows, view));
  g_assert_true (wait_for_label (view, "No Topics Yet", FALSE));
  g_assert_false (gtk_widget_get_sensitive (subscribe_button (view)));
  save_screenshot (GTK_WIDGET (fixture->window), "topics-empty");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (fixture->window), "topics-empty-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if ((app = ui_test_init (&argc, &argv)) == NULL)
    return 0;

  g_test_add ("/sockscope/topics/tree", Fixture, NULL, demo_fixture_set_up, test_topics_tree,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/topics/filter-log", Fixture, NULL, demo_fixture_set_up, test_topics_filter_log,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/topics/search", Fixture, NULL, demo_fixture_set_up, test_topics_search,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/topics/subscribe", Fixture, NULL, demo_fixture_set_up, test_topics_subscribe,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/topics/subscribe-v1", Fixture, NULL, demo_fixture_set_up, test_topics_subscribe_v1,
              demo_fixture_tear_down);
  g_test_add ("/sockscope/topics/empty", Fixture, NULL, demo_fixture_set_up, test_topics_empty,
              demo_fixture_tear_down);

  status = g_test_run ();
  ui_test_finish (&app);
  return status;
}
