/* test-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Health view under a real display (Xvfb in CI), against `sockscope-cli serve-demo` run as
 * its own process: frozen with SIGSTOP, the tab turns "not responding" within keepalive + pong
 * timeout and comes back after SIGCONT; killed and started again on the same port, the Health
 * view's timeline and reconnect count say so. The charts do no work while the view is hidden and
 * update at most once a second while shown, with the value under the pointer. With SOCK_SHOT_DIR
 * set, it saves the view. The desktop notifications are test-health-notify.c's.
 */

#include "config.h"

#include "sock-handshake-view.h"
#include "sock-health-view.h"
#include "sock-router-view.h"
#include "sock-transport.h"
#include "test-health-util.h"

static SockApplication *app;

/* The page and its Health view */

static SockHealthView *
show_health (SockConnectionPage *page)
{
  GtkWidget *router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);

  g_assert_nonnull (router);
  /* Ctrl+3 */
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "health"));
  g_assert_true (wait_for (widget_mapped, find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL)));
  return SOCK_HEALTH_VIEW (find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL));
}

static gboolean
row_title_is (GtkWidget  *widget,
              const char *text)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  return find_widget (GTK_WIDGET (root), ADW_TYPE_ACTION_ROW, row_title_is, title);
}

/* The text of the label a row shows at its end (its figure). */
static const char *
row_figure (gpointer    root,
            const char *title)
{
  GtkWidget *row = find_row (root, title);
  GtkWidget *last = NULL;

  if (row == NULL)
    return NULL;
  for (GtkWidget *w = row; w != NULL;)
    {
      GtkWidget *child = gtk_widget_get_last_child (w);

      if (child == NULL)
        break;
      for (; child != NULL && !gtk_widget_get_visible (child); child = gtk_widget_get_prev_sibling (child))
        ;
      if (GTK_IS_LABEL (child))
        last = child;
      w = child;
    }
  return last ? gtk_label_get_text (GTK_LABEL (last)) : NULL;
}

typedef struct
{
  gpointer    root;
  const char *title;
  const char *figure;
} FigureQuery;

static gboolean
figure_shown (gpointer data)
{
  FigureQuery *query = data;

  return g_strcmp0 (row_figure (query->root, query->title), query->figure) == 0;
}

static gboolean
in_timeline_group (GtkWidget  *widget,
                   const char *text)
{
  GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);

  return group != NULL && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), "Timeline") == 0
         && g_strcmp0 (gtk_widget_get_name (widget), "timeline") == 0;
}

/* The timeline's rows, newest first: "Joined|Not responding|…". */
static char *
timeline_titles (SockHealthView *view)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, in_timeline_group, NULL);
  g_autoptr(GString) titles = g_string_new (NULL);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_string_append_printf (titles, "%s%s", titles->len ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

typedef struct
{
  SockHealthView *view;
  const char     *text;
} TimelineQuery;

static gboolean
timeline_starts (gpointer data)
{
  TimelineQuery *query = data;
  g_autofree char *titles = timeline_titles (query->view);

  return g_str_has_prefix (titles, query->text);
}

static gboolean
timeline_has (gpointer data)
{
  TimelineQuery *query = data;
  g_autofree char *titles = timeline_titles (query->view);

  return strstr (titles, query->text) != NULL;
}

/* Frozen with SIGSTOP: not responding within keepalive (1 s) + pong timeout (3 s), back after
 * SIGCONT without a reconnect; the timeline says both, with the reason. */
static void
test_health_freeze (void)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = start_server (0, &url);
  SockConnectionPage *page = open_tab (window, url, 1, 3000);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SockHealthView *view = show_health (page);
  gint64 stopped, noticed;

  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "0" }));
  run_for (1500);
  g_subprocess_send_signal (server, SIGSTOP);
  stopped = g_get_monotonic_time ();
  wait_for_state (connection, SOCK_CONNECTION_NOT_RESPONDING, server);
  noticed = g_get_monotonic_time ();
  g_subprocess_send_signal (server, SIGCONT);
  g_test_message ("not responding %.1f s after SIGSTOP (bound: 1 s + 3 s)", (noticed - stopped) / 1e6);
  /* the bound, and a second of slack for a loaded machine */
  g_assert_cmpint (noticed - stopped, <=, 5 * G_USEC_PER_SEC);

  wait_for_state (connection, SOCK_CONNECTION_JOINED, server);
  if (!wait_for (timeline_starts, &(TimelineQuery) { view, "Joined|Not responding|Joined|Connecting" }))
    g_error ("timeline: %s", timeline_titles (view));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "No answer to a ping within 3 s: the server is not responding",
                                FALSE));
  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "0" }));
  /* the missed pong counts as a timeout */
  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Timeouts", "1" }));
  save_screenshot (GTK_WIDGET (window), "health-freeze");

  stop_server (server);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* Killed and started again on the same port: the timeline and the reconnect count. */
static void
test_health_restart (void)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autofree char *again_url = NULL;
  g_autoptr(GSubprocess) server = start_server (0, &url);
  g_autoptr(GSubprocess) again = NULL;
  SockConnectionPage *page = open_tab (window, url, 25, 10000);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SockHealthView *view = show_health (page);

  g_subprocess_send_signal (server, SIGKILL);
  g_subprocess_wait (server, NULL, NULL);
  wait_for_state (connection, SOCK_CONNECTION_RECONNECTING, server);
  again = start_server (url_port (url), &again_url);
  g_assert_cmpstr (again_url, ==, url);
  wait_for_state (connection, SOCK_CONNECTION_JOINED, again);

  g_assert_true (wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "1" }));
  g_assert_true (wait_for (timeline_starts, &(TimelineQuery) { view, "Joined|Connecting|" }));
  {
    g_autofree char *titles = timeline_titles (view);

    g_test_message ("timeline: %s", titles);
    g_assert_nonnull (strstr (titles, "|Reconnecting|"));
    g_assert_true (g_str_has_suffix (titles, "Joined|Connecting"));
  }
  /* the loss in words, the time spent disconnected */
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The connection dropped without a close frame", TRUE));
  g_assert_cmpstr (row_figure (view, "Disconnected for"), !=, "0 s");
  save_screenshot (GTK_WIDGET (window), "health-restart");

  stop_server (again);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* The Handshakes window of page (Ctrl+Shift+H) and the view in it. */
static SockHandshakeView *
show_handshakes (SockWindow         *window,
                 SockConnectionPage *page)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  GtkWidget *handshakes = NULL;
  GtkWidget *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.show-handshakes", NULL));
  for (guint i = 0; handshakes == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window) &&
          g_strcmp0 (gtk_window_get_title (GTK_WINDOW (toplevel)), "Handshakes") == 0)
        handshakes = toplevel;
    }
  g_assert_nonnull (handshakes);
  g_assert_true (wait_for (widget_mapped, handshakes));
  view = find_widget (handshakes, SOCK_TYPE_HANDSHAKE_VIEW, any_widget, NULL);
  g_assert_nonnull (view);
  return SOCK_HANDSHAKE_VIEW (view);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* What the list of attempts shows, top to bottom, as "outcome: diagnosis title|…" (a row reads
 * outcome, time, diagnosis title, status). */
static char *
attempt_rows (SockHandshakeView *view)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, any_widget, NULL);
  g_autoptr(GString) rows = g_string_new (NULL);

  if (list == NULL)
    return g_strdup ("(no list shown)");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      collect_labels (row, texts);
      if (texts->len == 0)
        continue;
      g_string_append_printf (rows, "%s%s: %s", rows->len ? "|" : "", (char *) g_ptr_array_index (texts, 0),
                              texts->len > 2 ? (char *) g_ptr_array_index (texts, 2) : "(no title)");
    }
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

typedef struct
{
  SockHandshakeView *view;
  const char        *rows;
} RowsQuery;

static gboolean
rows_are (gpointer data)
{
  RowsQuery *query = data;
  g_autofree char *rows = attempt_rows (query->view);

  return g_str_equal (rows, query->rows);
}

/* The subtitle (reason) of the timeline's n-th row, newest first. */
static const char *
timeline_reason (SockHealthView *view,
                 guint           n)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, in_timeline_group, NULL);
  guint i = 0;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && i++ == n)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return NULL;
}

static guint
count_of (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Killed, refused at least once while down, and started again on the same port: the tab's
 * Handshakes view lists every attempt in order with its diagnosis title (connected, refused …,
 * connected), and the Health view's timeline has an entry for each, with one reconnect. */
static void
test_health_reconnect_handshakes (void)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = NULL;
  g_autofree char *again_url = NULL;
  g_autoptr(GSubprocess) server = start_server (0, &url);
  g_autoptr(GSubprocess) again = NULL;
  SockConnectionPage *page = open_tab (window, url, 25, 10000);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SockHealthView *view = show_health (page);
  g_autoptr(GString) expected = g_string_new ("Opened: Connected");
  g_autofree char *titles = NULL;
  SockHandshakeView *handshakes;
  guint n_refused;

  /* past the early window, in which a close would make the first attempt "closed right after
   * opening" */
  run_for (SOCK_TRANSPORT_EARLY_WINDOW_MS + 500);
  g_subprocess_send_signal (server, SIGKILL);
  g_subprocess_wait (server, NULL, NULL);
  wait_for_state (connection, SOCK_CONNECTION_RECONNECTING, server);
  /* an attempt refused: its Connecting and Reconnecting after the drop's Reconnecting */
  if (!wait_for (timeline_has, &(TimelineQuery) { view, "Reconnecting|Connecting|Reconnecting|Joined|" }))
    g_error ("no refused reconnect in the timeline: %s", timeline_titles (view));
  again = start_server (url_port (url), &again_url);
  g_assert_cmpstr (again_url, ==, url);
  wait_for_state (connection, SOCK_CONNECTION_JOINED, again);

  /* newest first: the rejoin, then a Connecting and a Reconnecting for each refused attempt,
   * the drop, the first join */
  if (!wait_for (timeline_starts, &(TimelineQuery) { view, "Joined|Connecting|Reconnecting|" }))
    g_error ("timeline: %s", timeline_titles (view));
  titles = timeline_titles (view);
  g_test_message ("timeline: %s", titles);
  n_refused = count_of (titles, "Connecting") - 2;
  g_assert_cmpuint (n_refused, >=, 1);
  {
    g_autoptr(GString) timeline = g_string_new ("Joined|Connecting|");

    for (guint i = 0; i < n_refused; i++)
      g_string_append (timeline, "Reconnecting|Connecting|");
    g_string_append (timeline, "Reconnecting|Joined|Connecting");
    g_assert_cmpstr (titles, ==, timeline->str);
  }
  /* each refused attempt's entry says why, and so does the drop's */
  for (guint i = 0; i < n_refused; i++)
    {
      const char *reason = timeline_reason (view, 2 + 2 * i);

      g_test_message ("refused: %s", reason);
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, "refused"));
    }
  g_assert_nonnull (timeline_reason (view, 2 + 2 * n_refused));
  g_assert_nonnull (strstr (timeline_reason (view, 2 + 2 * n_refused), "The connection dropped without a close frame"));
  /* failed attempts are no reconnects: one */
  if (!wait_for (figure_shown, &(FigureQuery) { view, "Reconnects", "1" }))
    g_error ("Reconnects shows %s, not 1", row_figure (view, "Reconnects"));
  g_assert_cmpstr (row_figure (view, "Disconnected for"), !=, "0 s");

  /* every attempt, oldest first */
  for (guint i = 0; i < n_refused; i++)
    g_string_append (expected, "|Failed: The connection was refused");
  g_string_append (expected, "|Opened: Connected");
  handshakes = show_handshakes (window, page);
  if (!wait_for (rows_are, &(RowsQuery) { handshakes, expected->str }))
    g_error ("the Handshakes view lists \"%s\", not \"%s\"", attempt_rows (handshakes), expected->str);
  g_test_message ("handshakes: %s", expected->str);
  g_assert_cmpuint (g_list_model_get_n_items (sock_connection_get_handshakes (connection)), ==, n_refused + 2);
  save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (handshakes), GTK_TYPE_WINDOW), "health-reconnect-handshakes");

  stop_server (again);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

static guint
view_updates (SockHealthView *view)
{
  return sock_health_view_get_n_updates (view);
}

/* Hidden, the charts do nothing; shown, at most once a second; the pointer reads a value. */
static void
test_health_hidden (void)
{
  SockWindow *window = present_window (app);
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  SockConnectionPage *page = sock_window_open_demo (window, server);
  SockHealthView *view;
  SockChart *chart;
  GtkWidget *router;
  guint before;

  g_assert_no_error (error);
  g_assert_true (wait_for (page_joined, page));
  view = show_health (page);
  run_for (3000);
  chart = sock_health_view_get_chart (view, 0);
  sock_chart_hover (chart, gtk_widget_get_width (GTK_WIDGET (chart)) - 1);
  g_assert_nonnull (sock_chart_get_hover_text (chart));
  g_assert_true (g_str_has_prefix (sock_chart_get_hover_text (chart), "1 s ago: In "));
  g_assert_nonnull (strstr (sock_chart_get_hover_text (chart), "/s · Out "));

  before = view_updates (view);
  run_for (3000);
  g_test_message ("%u chart updates in 3 s shown", view_updates (view) - before);
  g_assert_cmpuint (view_updates (view) - before, >=, 1);
  g_assert_cmpuint (view_updates (view) - before, <=, 4);

  router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "messages"));
  run_for (300);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  before = view_updates (view);
  run_for (3000);
  g_assert_cmpuint (view_updates (view), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* The charts and the view in light and dark, for SOCK_SHOT_DIR. */
static void
test_health_screenshots (void)
{
  SockWindow *window;
  g_autoptr(GError) error = NULL;
  SockDemoServer *server;
  SockConnectionPage *page;

  if (g_getenv ("SOCK_SHOT_DIR") == NULL)
    {
      g_test_skip ("no SOCK_SHOT_DIR");
      return;
    }
  window = present_window (app);
  server = sock_application_ensure_demo (app, &error);
  page = sock_window_open_demo (window, server);
  g_assert_true (wait_for (page_joined, page));
  show_health (page);
  run_for (8000);
  save_screenshot (GTK_WIDGET (window), "health-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (window), "health-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add_func ("/sockscope/health/freeze", test_health_freeze);
  g_test_add_func ("/sockscope/health/restart", test_health_restart);
  g_test_add_func ("/sockscope/health/reconnect-handshakes", test_health_reconnect_handshakes);
  g_test_add_func ("/sockscope/health/hidden", test_health_hidden);
  g_test_add_func ("/sockscope/health/screenshots", test_health_screenshots);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
