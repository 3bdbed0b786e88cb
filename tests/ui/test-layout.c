/* test-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at its declared minimum width (600 px) and wider, under a real display (Xvfb in
 * CI), with the demo's live tab and a message's details open: every toolbar control and detail
 * button lies whole inside the window and its pane, the Preview column stays on screen, and at
 * the minimum the side bar waits behind its button. With SOCK_SHOT_DIR set, it saves the window
 * at 600, 800 and 1280 px.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-message-detail.h"
#include "sock-message-view.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow         *window;
  SockConnectionPage *page;
  SockMessageView    *view;
  int                 width;
} Fixture;

static gboolean
rows_arrived (gpointer data)
{
  SockMessageView *view = data;

  return g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (view))) > 4;
}

/* The window's own frame (client-side, without a window manager) takes some of the size asked. */
static gboolean
window_width_is (gpointer data)
{
  Fixture *fixture = data;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->window));

  return width <= fixture->width && width >= fixture->width - 20;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  GtkColumnView *table;

  g_assert_no_error (error);
  fixture->width = GPOINTER_TO_INT (data);
  fixture->window = sock_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), fixture->width, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (widget_mapped, fixture->window));

  fixture->page = sock_window_open_demo (fixture->window, server);
  g_assert_true (wait_for (page_joined, fixture->page));
  fixture->view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (fixture->page));
  g_assert_true (wait_for (rows_arrived, fixture->view));
  table = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL));
  g_assert_nonnull (table);
  gtk_selection_model_select_item (gtk_column_view_get_model (table), 2, TRUE);
  run_for (300);
}

/* The window is as wide as asked: nothing inside insists on more than the declared 600 px. */
static void
assert_width (Fixture *fixture)
{
  int min;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 600);
  if (!wait_for (window_width_is, fixture))
    g_error ("the window is %d px wide, not %d", gtk_widget_get_width (GTK_WIDGET (fixture->window)),
             fixture->width);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

static gboolean
action_is (GtkWidget  *widget,
           const char *text)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), text) == 0;
}

/* No GtkStack under widget is still sliding from one page to another: the window's start page
 * gives way to its tabs in a few hundred ms, far longer on a loaded machine, and until then a
 * child lies partly outside the stack. */
static gboolean
stacks_settled (gpointer data)
{
  GtkWidget *widget = data;

  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!stacks_settled (c))
      return FALSE;
  return TRUE;
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Once every stack of root has settled, two more frames: the last step of a transition is laid
 * out in the frame after it ends. */
static void
wait_settled (GtkWidget *root)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (root);
  guint frames = 0;
  gulong id;

  if (!wait_for (stacks_settled, root))
    g_error ("a GtkStack of the window is still in its transition after %d ms", WAIT_TIMEOUT_MS);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &frames);
  gtk_widget_queue_draw (root);
  if (!wait_for (two_frames, &frames))
    g_error ("the window drew %u frames in %d ms, not 2", frames, WAIT_TIMEOUT_MS);
  g_signal_handler_disconnect (clock, id);
}

/* widget is mapped and lies whole inside area and inside each of its own ancestors: nothing on the
 * way clips it. */
static void
assert_inside (GtkWidget  *widget,
               GtkWidget  *area,
               const char *what)
{
  GtkWidget *root;
  graphene_rect_t bounds;

  if (widget == NULL)
    g_error ("%s is not shown", what);
  root = GTK_WIDGET (gtk_widget_get_root (widget));
  wait_settled (root);
  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  for (GtkWidget *outer = gtk_widget_get_parent (widget); outer != NULL; outer = gtk_widget_get_parent (outer))
    {
      graphene_rect_t outer_bounds;

      g_assert_true (gtk_widget_compute_bounds (outer, root, &outer_bounds));
      if (!graphene_rect_contains_rect (&outer_bounds, &bounds))
        g_error ("%s is cut off by a %s: %.0f,%.0f %.0f×%.0f in %.0f,%.0f %.0f×%.0f", what,
                 G_OBJECT_TYPE_NAME (outer), bounds.origin.x, bounds.origin.y, bounds.size.width,
                 bounds.size.height, outer_bounds.origin.x, outer_bounds.origin.y, outer_bounds.size.width,
                 outer_bounds.size.height);
    }
  g_assert_true (gtk_widget_is_ancestor (widget, area));
}

static const char * const toolbar_actions[] = {
  "messages.follow", "messages.pause", "messages.clear", "messages.open", "messages.export",
};

static const char * const detail_actions[] = {
  "detail.copy", "messages.close-detail",
};

static void
assert_controls_inside (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *detail = find_widget (view, SOCK_TYPE_MESSAGE_DETAIL, any_widget, NULL);
  GtkWidget *table = find_widget (view, GTK_TYPE_COLUMN_VIEW, any_widget, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (toolbar_actions); i++)
    {
      GtkWidget *control = find_widget (view, GTK_TYPE_ACTIONABLE, action_is, toolbar_actions[i]);

      assert_inside (control, view, toolbar_actions[i]);
      assert_inside (control, window, toolbar_actions[i]);
    }
  assert_inside (find_widget (view, GTK_TYPE_TOGGLE_BUTTON, tooltip_text_is, "Filter Messages (Ctrl+F)"), view,
                 "the filter button");

  g_assert_nonnull (detail);
  for (guint i = 0; i < G_N_ELEMENTS (detail_actions); i++)
    {
      GtkWidget *button = find_widget (detail, GTK_TYPE_ACTIONABLE, action_is, detail_actions[i]);

      assert_inside (button, detail, detail_actions[i]);
      assert_inside (button, window, detail_actions[i]);
    }

  /* The Preview column's header is on screen: the columns fit the table. */
  assert_inside (find_label (table, "Preview", FALSE), table, "the Preview column");
}

static GtkWidget *
topic_entry (Fixture *fixture)
{
  return find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY, placeholder_is, "Topic, e.g. com.example.news");
}

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *area)
{
  graphene_rect_t bounds, outer_bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  g_assert_true (gtk_widget_compute_bounds (area, area, &outer_bounds));
  return graphene_rect_contains_rect (&outer_bounds, &bounds);
}

/* Shown, and done sliding in. */
static gboolean
entry_shown (gpointer data)
{
  Fixture *fixture = data;

  return topic_entry (fixture) != NULL && is_inside (topic_entry (fixture), GTK_WIDGET (fixture->page));
}

static gboolean
entry_hidden (gpointer data)
{
  return topic_entry (data) == NULL;
}

static GtkWidget *
sidebar_button (Fixture *fixture)
{
  return find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_TOGGLE_BUTTON, tooltip_text_is, "Show the Side Bar (F9)");
}

/* At the minimum width the side bar waits behind its button, which brings it and hides it. */
static void
test_layout_minimum (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *button;

  save_screenshot (GTK_WIDGET (fixture->window), "layout-600");
  assert_width (fixture);
  assert_controls_inside (fixture);

  g_assert_null (topic_entry (fixture));
  button = sidebar_button (fixture);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  assert_inside (button, GTK_WIDGET (fixture->window), "the side bar button");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.show-sidebar", NULL);
  g_assert_true (wait_for (entry_shown, fixture));
  assert_inside (topic_entry (fixture), GTK_WIDGET (fixture->window), "the topic entry");
  save_screenshot (GTK_WIDGET (fixture->window), "layout-600-sidebar");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.show-sidebar", NULL);
  g_assert_true (wait_for (entry_hidden, fixture));
}

/* Wider, the side bar is beside the messages, and its button says so. */
static void
test_layout_wide (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("layout-%d", fixture->width);

  run_for (1500);
  save_screenshot (GTK_WIDGET (fixture->window), name);
  assert_width (fixture);
  assert_controls_inside (fixture);
  assert_inside (topic_entry (fixture), GTK_WIDGET (fixture->window), "the topic entry");
  assert_inside (sidebar_button (fixture), GTK_WIDGET (fixture->window), "the side bar button");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sidebar_button (fixture))));
}

static gboolean
button_is (GtkWidget  *widget,
           const char *text)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

/* A failed tab at the minimum width: its fix, Edit Settings and Retry are whole on screen. */
static void
test_layout_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  g_autofree char *base = sock_demo_server_dup_base_url (server);
  g_autofree char *url = g_strconcat (base, "/fault/origin", NULL);
  g_autofree char *fix = g_strdup_printf ("Send Origin http://127.0.0.1:%u", sock_demo_server_get_port (server));
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page = sock_window_open_connection (fixture->window, options);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  g_assert_true (wait_for_label (page, fix, FALSE));
  run_for (500);
  save_screenshot (window, "layout-600-failure");
  assert_width (fixture);
  assert_inside (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_is, fix), window, "the fix");
  assert_inside (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_is, "_Retry"), window, "Retry");
  assert_inside (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_is, "_Edit Settings…"), window,
                 "Edit Settings");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/layout/minimum", Fixture, GINT_TO_POINTER (600),
              fixture_set_up, test_layout_minimum, fixture_tear_down);
  g_test_add ("/sockscope/layout/failure", Fixture, GINT_TO_POINTER (600),
              fixture_set_up, test_layout_failure, fixture_tear_down);
  g_test_add ("/sockscope/layout/800", Fixture, GINT_TO_POINTER (800),
              fixture_set_up, test_layout_wide, fixture_tear_down);
  g_test_add ("/sockscope/layout/1280", Fixture, GINT_TO_POINTER (1280),
              fixture_set_up, test_layout_wide, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
