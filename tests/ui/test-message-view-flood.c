/* test-message-view-flood.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view under a flood, as a user sees it: following, it always ends at the newest
 * row it has drawn and catches up as soon as the flood stops, while taking rows less often than
 * every frame; a trickle still shows every row in the frame it comes; a tab that is not shown
 * takes no rows, and shows them all when it is shown again.
 */

#include "config.h"

#include <string.h>

#include "test-message-view-util.h"

typedef struct
{
  Fixture *f;
  guint per_frame;        /* rows the producer appends each frame */
  guint frames;
  guint updates;          /* frames in which the table took new rows */
  guint last_n;
  guint64 max_behind;     /* the most rows a frame's table lacked of those appended */
} Flood;

static gboolean
produce_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Flood *flood = user_data;

  feed (flood->f->log, flood->per_frame);
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Flood         *flood)
{
  SockMessageList *list = sock_message_view_get_list (flood->f->view);
  guint n = n_rows (flood->f);

  flood->frames++;
  if (n != flood->last_n)
    flood->updates++;
  flood->last_n = n;
  if (n > 0)
    flood->max_behind = MAX (flood->max_behind, sock_message_log_get_end_seq (flood->f->log) -
                                                sock_message_list_get_seq (list, n - 1) - 1);
}

static void
run_flood (Flood *flood,
           guint  per_frame,
           guint  frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (flood->f->window));
  guint tick = gtk_widget_add_tick_callback (GTK_WIDGET (flood->f->window), produce_cb, flood, NULL);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), flood);

  flood->per_frame = per_frame;
  flood->frames = flood->updates = 0;
  flood->max_behind = 0;
  flood->last_n = n_rows (flood->f);
  run_frames (flood->f, frames);
  gtk_widget_remove_tick_callback (GTK_WIDGET (flood->f->window), tick);
  g_signal_handler_disconnect (clock, id);
}

static gboolean
at_end (Fixture *f)
{
  GtkWidget *column_view = find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  return gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1;
}

static void
test_flood_follow (Fixture       *f,
                   gconstpointer  data)
{
  Flood flood = { .f = f };
  g_autofree char *newest = NULL;

  /* A trickle: every row shows in the frame after it came. */
  run_flood (&flood, 1, 30);
  g_assert_cmpuint (flood.updates, >=, flood.frames - 2);
  g_assert_cmpuint (flood.max_behind, <=, 1);

  /* A flood: far more rows a frame than the page holds. The table takes them every few frames,
   * each time up to the newest, and stays at its end. */
  run_flood (&flood, 200, 60);
  g_assert_cmpuint (flood.updates, <, flood.frames * 2 / 3);
  g_assert_cmpuint (flood.updates, >=, flood.frames / 6);
  /* never more than about 50 ms (three frames) behind */
  g_assert_cmpuint (flood.max_behind, <=, 4 * 200);
  g_assert_true (sock_message_view_get_follow (f->view));
  g_assert_true (at_end (f));

  /* Once it stops, the newest row is on screen within a few frames. */
  run_frames (f, 4);
  g_assert_cmpuint (n_rows (f), ==, sock_message_log_get_n_retained (f->log));
  g_assert_true (at_end (f));
  /* the last row of each batch is a PUBLISH (see feed ()): the newest EVENT is 198 */
  newest = g_strdup_printf ("\"seq\":%u}\n", 198);
  g_assert_true (shows_text (f, newest));

  /* After the flood, a single row shows at once again. */
  append_event (f->log, 0, 4242, SOCK_LOG_DIRECTION_IN);
  run_frames (f, 4);
  g_assert_true (shows_text (f, "\"seq\":4242}\n"));
}

/* A paused or scrolled-back view is not following: it takes every frame's rows as before. */
static void
test_flood_not_following (Fixture       *f,
                          gconstpointer  data)
{
  Flood flood = { .f = f };
  GtkWidget *column_view = find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  run_flood (&flood, 200, 10);
  gtk_adjustment_set_value (adj, 0);
  g_assert_false (sock_message_view_get_follow (f->view));
  run_flood (&flood, 200, 20);
  g_assert_cmpuint (flood.updates, >=, flood.frames - 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), <, 100);
}

/* Tabs: views in a stack, as the window's tab view holds them. */
static void
test_flood_hidden_tab (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  SockMessageView *hidden = SOCK_MESSAGE_VIEW (sock_message_view_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());

  g_object_ref (f->view);
  gtk_window_set_child (f->window, GTK_WIDGET (stack));
  gtk_stack_add_named (stack, GTK_WIDGET (f->view), "shown");
  gtk_stack_add_named (stack, GTK_WIDGET (hidden), "hidden");
  g_object_unref (f->view);
  gtk_stack_set_visible_child_name (stack, "hidden");
  sock_message_view_set_log (hidden, log);
  feed (log, 10);
  run_frames (f, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (hidden))), ==, 10);

  /* Not shown: its table takes none of the rows that keep coming, while the shown one does. */
  gtk_stack_set_visible_child_name (stack, "shown");
  for (guint i = 0; i < 20; i++)
    {
      feed (log, 500);
      feed (f->log, 5);
      run_frames (f, 1);
    }
  run_frames (f, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (hidden))), ==, 10);
  g_assert_cmpuint (n_rows (f), ==, 100);

  /* Shown again, it has every row and follows to the newest. */
  gtk_stack_set_visible_child_name (stack, "hidden");
  run_frames (f, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (hidden))), ==, 10010);
  g_assert_true (sock_message_view_get_follow (hidden));
  g_assert_true (shows_text (f, "\"seq\":498}\n"));
  g_assert_true (shows_line (f, "10,010 messages") || shows_line (f, "10010 messages"));
}

int
main (int   argc,
      char *argv[])
{
  if (!message_view_test_init (&argc, &argv))
    return 0;

#define ADD(name) g_test_add ("/sockscope/message-view/flood/" #name, Fixture, NULL, \
                              fixture_set_up, test_flood_##name, fixture_tear_down)
  ADD (follow);
  ADD (not_following);
  ADD (hidden_tab);
#undef ADD

  return g_test_run ();
}
