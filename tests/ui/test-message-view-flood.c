/* test-message-view-flood.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view under a flood, as a user sees it: following, it always ends at the newest
 * row it has drawn and catches up as soon as the flood stops, while taking rows less often than
 * every frame; a trickle still shows every row in the frame it comes; a tab that is not shown
 * takes no rows, and shows them all when it is shown again. Following a flood, the newest rows
 * show in place; a row chosen or a scroll back brings the whole log back with those rows where
 * they were.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sock-message-cell.h"
#include "test-message-view-util.h"
#include "test-ui-util.h"

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

/* The table on screen: the list's, or the one that shows a followed flood in place. */
static GtkWidget *
shown_table (Fixture *f)
{
  GtkWidget *table = find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW, any_widget, NULL);

  g_assert_nonnull (table);
  return table;
}

/* The list's table: the first, shown or not. */
static GtkWidget *
list_table (Fixture *f)
{
  return find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
}

static gboolean
at_end (Fixture *f)
{
  GtkWidget *column_view = shown_table (f);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  return gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1;
}

static double
row_y (GtkWidget *row)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (row, gtk_widget_get_parent (row), &bounds));
  return bounds.origin.y;
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  double ya = row_y (*(GtkWidget **) a), yb = row_y (*(GtkWidget **) b);

  return (ya > yb) - (ya < yb);
}

/* The rows the table shows on screen, top to bottom. */
static GPtrArray *
visible_rows (Fixture *f)
{
  GtkWidget *list = find_type (shown_table (f), GTK_TYPE_LIST_VIEW);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, list, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (list) &&
          gtk_widget_get_first_child (row) != NULL)
        g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_y);
  return rows;
}

/* The number feed () gave a row's message: its "seq" (EVENTs) or its "hello" argument
 * (PUBLISHes), from the row's Preview cell; -1 for a row that shows neither. */
static int
row_number (GtkWidget *row)
{
  for (GtkWidget *cell = gtk_widget_get_last_child (row); cell != NULL; cell = gtk_widget_get_prev_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);
      GtkWidget *label = child != NULL && SOCK_IS_MESSAGE_CELL (child) ?
                         GTK_WIDGET (sock_message_cell_get_label (SOCK_MESSAGE_CELL (child))) : child;
      const char *text = label != NULL && GTK_IS_INSCRIPTION (label) ?
                         gtk_inscription_get_text (GTK_INSCRIPTION (label)) : NULL;
      const char *at;

      if (text == NULL)
        continue;
      if ((at = strstr (text, "\"seq\":")) != NULL)
        return atoi (at + strlen ("\"seq\":"));
      if ((at = strstr (text, "\"hello\",")) != NULL)
        return atoi (at + strlen ("\"hello\","));
    }
  return -1;
}


static guint
n_row_widgets (Fixture *f)
{
  GtkWidget *list = find_type (shown_table (f), GTK_TYPE_LIST_VIEW);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += gtk_widget_get_first_child (row) != NULL;
  return n;
}

/* The row widgets the list has made (those with cells), held. */
static GPtrArray *
row_widgets (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_first_child (row) != NULL)
      g_ptr_array_add (rows, g_object_ref (row));
  return rows;
}

/* Each of rows is still a row of list: none was made anew. */
static void
assert_rows_kept (GPtrArray *rows,
                  GtkWidget *list)
{
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (gtk_widget_get_parent (g_ptr_array_index (rows, i)) == list);
}

/* The table's rows reach from the log's first message to its last: the scrollbar spans the log. */
static void
assert_table_spans_log (Fixture *f)
{
  GtkWidget *column_view = shown_table (f);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  g_autoptr(GPtrArray) rows = visible_rows (f);
  double height;

  g_assert_cmpuint (rows->len, >, 0);
  height = gtk_widget_get_height (g_ptr_array_index (rows, 0));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj) / height, >=, n_rows (f) - 1);
}

/* The message a row shows (its URI cell knows it, as does every cell of the tail's rows). */
static guint64
row_seq (GtkWidget *row)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);

      if (child != NULL && SOCK_IS_MESSAGE_CELL (child))
        return sock_message_cell_get_seq (SOCK_MESSAGE_CELL (child));
    }
  g_assert_not_reached ();
}

/* What the newest rows of a flood look like on screen: consecutive messages, ending at the
 * newest row the table took (feed () numbers each batch of per_frame rows from 0). */
static void
assert_shows_newest_of (Fixture *f,
                        guint    per_frame)
{
  g_autoptr(GPtrArray) rows = visible_rows (f);
  SockMessageList *list = sock_message_view_get_list (f->view);

  g_assert_cmpuint (rows->len, >=, 10);
  for (guint i = 1; i < rows->len; i++)
    {
      g_assert_cmpint (row_number (g_ptr_array_index (rows, i)), ==,
                       (row_number (g_ptr_array_index (rows, i - 1)) + 1) % per_frame);
      g_assert_cmpuint (row_seq (g_ptr_array_index (rows, i)), ==, row_seq (g_ptr_array_index (rows, i - 1)) + 1);
    }
  g_assert_cmpint (row_number (g_ptr_array_index (rows, rows->len - 1)), ==, per_frame - 1);
  g_assert_cmpuint (row_seq (g_ptr_array_index (rows, rows->len - 1)), ==,
                    sock_message_list_get_seq (list, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1));
}

/* A flood over: within three frames the table takes the rows it has not taken yet, and sets them
 * over three frames (see test_flood_parts ()). */
static void
end_flood (Fixture *f)
{
  run_frames (f, 5);
}

/* The same, for the tests' usual flood of 200 rows a frame. */
static void
assert_shows_newest (Fixture *f)
{
  assert_shows_newest_of (f, 200);
}

/* Following a flood, the newest rows show in place: the table keeps widgets only for the rows a
 * page shows (GTK would keep 200 and bind each of them anew every time). A row chosen then stays
 * where it was, with its details, and the whole log is back in the table. */
static void
test_flood_choose (Fixture       *f,
                   gconstpointer  data)
{
  Flood flood = { .f = f };
  GtkSelectionModel *shown;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GObject) chosen = NULL;
  g_autofree char *title = NULL, *grouped = NULL;
  guint64 seq;
  double y;

  feed (f->log, 2000);
  run_frames (f, 4);
  run_flood (&flood, 200, 30);
  end_flood (f);
  assert_shows_newest (f);
  rows = visible_rows (f);
  g_assert_cmpuint (n_row_widgets (f), <=, rows->len + 4);

  /* Chosen as a click chooses it: in the table's model, the sixth row from the top (in the upper
   * half: the details take the lower one). */
  g_assert_true (shown_table (f) != list_table (f));
  shown = gtk_column_view_get_model (GTK_COLUMN_VIEW (shown_table (f)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, rows->len);
  chosen = g_list_model_get_item (G_LIST_MODEL (shown), 5);
  seq = sock_message_item_get_seq (SOCK_MESSAGE_ITEM (chosen));
  y = row_y (g_ptr_array_index (rows, 5));
  gtk_selection_model_select_item (shown, 5, TRUE);
  run_flood (&flood, 200, 10);

  g_assert_false (sock_message_view_get_follow (f->view));
  title = g_strdup_printf ("Message %" G_GUINT64_FORMAT, seq + 1);
  grouped = g_strdup_printf ("Message %" G_GUINT64_FORMAT ",%03" G_GUINT64_FORMAT, (seq + 1) / 1000, (seq + 1) % 1000);
  g_assert_true (shows_line (f, title) || shows_line (f, grouped));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = visible_rows (f);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_state_flags (g_ptr_array_index (rows, i)) & GTK_STATE_FLAG_SELECTED)
      {
        g_assert_cmpfloat (fabs (row_y (g_ptr_array_index (rows, i)) - y), <=, 2);
        y = -1;
      }
  g_assert_cmpfloat (y, ==, -1);
  g_assert_true (shown_table (f) == list_table (f));
  assert_table_spans_log (f);
}

/* The keyboard focus in the table during a flood (Tab) stays in it, on a row, while the table
 * shows the flood's rows in place and after it holds the whole log again. */
static void
test_flood_focus (Fixture       *f,
                  gconstpointer  data)
{
  Flood flood = { .f = f };
  GtkWidget *column_view = list_table (f);
  GtkWidget *focus;

  feed (f->log, 2000);
  run_frames (f, 4);
  /* as Tab moves the focus into the table: onto a row (its first, which stops following); then
   * Ctrl+End follows again with the focus still on that row */
  g_assert_true (gtk_widget_child_focus (column_view, GTK_DIR_TAB_FORWARD));
  g_assert_false (GTK_IS_LIST_VIEW (gtk_root_get_focus (GTK_ROOT (f->window))));
  run_frames (f, 2);
  sock_message_view_set_follow (f->view, TRUE);
  run_flood (&flood, 200, 30);
  g_assert_true (sock_message_view_get_follow (f->view));
  end_flood (f);
  assert_shows_newest (f);
  g_assert_cmpuint (n_row_widgets (f), <=, 40);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, shown_table (f)));
  g_assert_false (GTK_IS_LIST_VIEW (focus));

  /* the flood over, the tail stays two seconds (120 frames), then the list is back */
  run_frames (f, 150);
  g_assert_true (shown_table (f) == column_view);
  assert_table_spans_log (f);
  g_assert_true (at_end (f));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, column_view));
  g_assert_false (GTK_IS_LIST_VIEW (focus));
}

/* Scrolling back during a flood stops following with the same rows on screen, and the whole log
 * can be scrolled through; when a followed flood ends, the table holds the whole log again. */
static void
test_flood_scroll_back (Fixture       *f,
                        gconstpointer  data)
{
  Flood flood = { .f = f };
  GtkAdjustment *adj;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  int top;

  feed (f->log, 2000);
  run_frames (f, 4);
  run_flood (&flood, 200, 30);
  end_flood (f);
  assert_shows_newest (f);
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (shown_table (f)));
  before = visible_rows (f);
  top = row_number (g_ptr_array_index (before, 1));

  /* as a turn of the wheel does, between two frames */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) - 4);
  run_flood (&flood, 200, 10);
  g_assert_false (sock_message_view_get_follow (f->view));
  after = visible_rows (f);
  g_assert_cmpint (row_number (g_ptr_array_index (after, 1)), ==, top);
  assert_table_spans_log (f);

  /* Back to the end: following again, and once the flood ends the whole log is in the table. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.follow", NULL));
  run_flood (&flood, 200, 20);
  g_assert_true (sock_message_view_get_follow (f->view));
  end_flood (f);
  assert_shows_newest (f);
  /* the tail stays two seconds (120 frames) after the flood */
  run_frames (f, 150);
  g_assert_true (at_end (f));
  assert_table_spans_log (f);
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
  GtkAdjustment *adj;

  run_flood (&flood, 200, 10);
  /* Scrolled back while the flood shows in place (sock-message-view-tail.c): the rows on screen
   * stay, and the whole log is in the table again. */
  g_assert_true (shown_table (f) != list_table (f));
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (shown_table (f)));
  gtk_adjustment_set_value (adj, 0);
  g_assert_false (sock_message_view_get_follow (f->view));
  run_flood (&flood, 200, 4);
  assert_table_spans_log (f);
  /* to its top, as a scrollbar dragged up: it stays there while every frame's rows come */
  g_assert_true (shown_table (f) == list_table (f));
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (shown_table (f)));
  gtk_adjustment_set_value (adj, 0);
  run_flood (&flood, 200, 20);
  g_assert_false (sock_message_view_get_follow (f->view));
  g_assert_cmpuint (flood.updates, >=, flood.frames - 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), <, 100);
}

/* The list's table keeps its rows while a followed flood shows in place, and shows them again
 * after it: GTK 4.8 made all of them anew (~200 rows, one frame of ~100 ms) when a table was
 * given its list back. */
static void
test_flood_keeps_rows (Fixture       *f,
                       gconstpointer  data)
{
  Flood flood = { .f = f };
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) page = NULL;
  GtkWidget *list;

  feed (f->log, 2000);
  run_frames (f, 4);
  list = find_type (list_table (f), GTK_TYPE_LIST_VIEW);
  kept = row_widgets (list);
  /* more than a page: GTK keeps rows around the one at the end */
  page = visible_rows (f);
  g_assert_cmpuint (kept->len, >, page->len);

  run_flood (&flood, 200, 30);
  g_assert_true (shown_table (f) != list_table (f));
  end_flood (f);
  assert_shows_newest (f);
  /* the flood over, the tail stays two seconds (120 frames), then the list is back */
  run_frames (f, 150);
  g_assert_true (shown_table (f) == list_table (f));
  g_assert_true (at_end (f));
  assert_table_spans_log (f);
  assert_rows_kept (kept, list);
}

/* A flood of ~1,000 rows/s (17 a frame, taken every few frames): a page or more at once, so
 * its rows show in place too, and the list is back when it ends. */
static void
test_flood_moderate (Fixture       *f,
                     gconstpointer  data)
{
  Flood flood = { .f = f };

  feed (f->log, 2000);
  run_frames (f, 4);
  run_flood (&flood, 17, 30);
  g_assert_true (sock_message_view_get_follow (f->view));
  g_assert_true (shown_table (f) != list_table (f));
  end_flood (f);
  assert_shows_newest_of (f, 17);
  g_assert_cmpuint (flood.updates, <, flood.frames * 2 / 3);
  run_frames (f, 150);
  g_assert_true (shown_table (f) == list_table (f));
  g_assert_true (at_end (f));
  assert_table_spans_log (f);
}

/* A followed flood shown in place has a page of rows from its first update on: its row widgets
 * are made once, fill the table to its bottom, and stay while the flood goes on. (The page used to
 * be reckoned from the rows' total height, which rows that do not fill the table leave at the
 * table's height: it came out one more than the rows there were, and the rows were all made anew
 * one more at a time, a heavy frame each, for the first second of every flood.) */
static void
test_flood_tail_rows (Fixture       *f,
                      gconstpointer  data)
{
  Flood flood = { .f = f };
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) page = NULL;
  GtkWidget *list;
  graphene_rect_t last;

  /* a flood from almost the start, as when a connection opens on one */
  feed (f->log, 20);
  run_frames (f, 2);
  while (shown_table (f) == list_table (f) && flood.frames < 60)
    {
      Flood step = { .f = f };

      run_flood (&step, 200, 1);
      flood.frames += step.frames;
    }
  g_assert_true (shown_table (f) != list_table (f));
  list = find_type (shown_table (f), GTK_TYPE_LIST_VIEW);
  made = row_widgets (list);

  run_flood (&flood, 200, 30);
  g_assert_true (shown_table (f) != list_table (f));
  end_flood (f);
  assert_shows_newest (f);
  g_assert_cmpuint (n_row_widgets (f), ==, made->len);
  assert_rows_kept (made, list);
  /* and they reach the table's bottom */
  page = visible_rows (f);
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (page, page->len - 1), list, &last));
  g_assert_cmpfloat (last.origin.y + last.size.height, >=, gtk_widget_get_height (list) - 1);
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

/* The messages the tail's rows show at each frame of a flood, top to bottom. */
typedef struct
{
  Fixture *f;
  GArray *last;             /* guint64: the seqs the tail showed at the last frame */
  guint frames;             /* frames that showed the tail as the one before did */
  guint whole;              /* of which showed consecutive messages */
  guint most_set;           /* the most rows one frame set */
  gboolean out_of_order;    /* a frame showed an older message below a newer one */
  gboolean behind;          /* a frame set its lowest row to another message than the newest */
} Parts;

static void
parts_after_paint_cb (GdkFrameClock *clock,
                      Parts         *p)
{
  GListModel *model;
  SockMessageList *list = sock_message_view_get_list (p->f->view);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  gboolean consecutive = TRUE;
  guint set = 0;

  if (shown_table (p->f) == list_table (p->f))
    {
      g_array_set_size (p->last, 0);
      return;
    }
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (shown_table (p->f))));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockMessageItem) item = g_list_model_get_item (model, i);
      guint64 seq = sock_message_item_get_seq (item);

      if (i > 0)
        {
          guint64 above = g_array_index (seqs, guint64, i - 1);

          p->out_of_order |= seq <= above;
          consecutive &= seq == above + 1;
        }
      g_array_append_val (seqs, seq);
    }
  if (seqs->len > 0 && p->last->len == seqs->len)
    {
      for (guint i = 0; i < seqs->len; i++)
        set += g_array_index (seqs, guint64, i) != g_array_index (p->last, guint64, i);
      if (g_array_index (seqs, guint64, seqs->len - 1) != g_array_index (p->last, guint64, seqs->len - 1))
        p->behind |= g_array_index (seqs, guint64, seqs->len - 1) !=
                     sock_message_list_get_seq (list, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1);
      p->frames++;
      p->whole += consecutive;
      p->most_set = MAX (p->most_set, set);
    }
  g_array_set_size (p->last, 0);
  g_array_append_vals (p->last, seqs->data, seqs->len);
}

/* Following a flood, a page of new rows every few frames is set over those frames, its lowest
 * (newest) rows first: no frame sets the whole page, and the rows never show out of order. */
static void
test_flood_parts (Fixture       *f,
                  gconstpointer  data)
{
  Flood flood = { .f = f };
  Parts parts = { .f = f, .last = g_array_new (FALSE, FALSE, sizeof (guint64)) };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gulong id;
  guint page;

  feed (f->log, 2000);
  run_frames (f, 4);
  run_flood (&flood, 200, 12);
  g_assert_true (shown_table (f) != list_table (f));
  page = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (shown_table (f)))));
  g_assert_cmpuint (page, >=, 10);

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (parts_after_paint_cb), &parts);
  run_flood (&flood, 200, 60);
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (parts.frames, >=, 50);
  g_assert_false (parts.out_of_order);
  g_assert_false (parts.behind);
  /* three frames for each page of new rows: a third of the page each */
  g_assert_cmpuint (parts.most_set, >, 0);
  g_assert_cmpuint (parts.most_set, <=, (page + 2) / 3);
  /* and the page is whole again before the next one comes */
  g_assert_cmpuint (parts.whole, >=, parts.frames / 4);
  g_array_unref (parts.last);

  end_flood (f);
  assert_shows_newest (f);
}

/* The transparent rectangle a message cell draws over its row (sock-message-cell.c), and its
 * colour: what tells GTK the whole row changed. */
static void
row_mark (GtkWidget       *cell,
          GdkRGBA         *color,
          graphene_rect_t *bounds)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node, *mark;

  GTK_WIDGET_GET_CLASS (cell)->snapshot (cell, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  mark = gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE ? gsk_container_node_get_child (node, 0) : node;
  g_assert_cmpint (gsk_render_node_get_node_type (mark), ==, GSK_COLOR_NODE);
  *color = *gsk_color_node_get_color (mark);
  gsk_render_node_get_bounds (mark, bounds);
  gsk_render_node_unref (node);
}

/* Each cell marks its whole row when the row shows another message, and only then; the mark is
 * transparent. GTK redraws the rows set in a frame as one band, not the whole table. */
static void
test_flood_row_mark (Fixture       *f,
                     gconstpointer  data)
{
  Flood flood = { .f = f };
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row, *cell;
  graphene_rect_t bounds, row_bounds;
  GdkRGBA before, after, again;
  guint64 seq;

  feed (f->log, 2000);
  run_frames (f, 4);
  run_flood (&flood, 200, 12);
  end_flood (f);
  g_assert_true (shown_table (f) != list_table (f));
  rows = visible_rows (f);
  row = g_ptr_array_index (rows, rows->len / 2);
  /* a cell of the row's middle, not the first */
  cell = gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (row)));
  g_assert_true (SOCK_IS_MESSAGE_CELL (cell));
  seq = sock_message_cell_get_seq (SOCK_MESSAGE_CELL (cell));
  row_mark (cell, &before, &bounds);
  g_assert_cmpfloat (before.alpha, ==, 0);
  g_assert_true (gtk_widget_compute_bounds (row, cell, &row_bounds));
  g_assert_true (graphene_rect_equal (&bounds, &row_bounds));

  /* the same message: the same mark */
  run_frames (f, 3);
  g_assert_cmpuint (sock_message_cell_get_seq (SOCK_MESSAGE_CELL (cell)), ==, seq);
  row_mark (cell, &again, &bounds);
  g_assert_true (gdk_rgba_equal (&again, &before));

  /* another message: another (transparent) colour over the same row, from that frame on */
  for (guint i = 0; i < 10 && sock_message_cell_get_seq (SOCK_MESSAGE_CELL (cell)) == seq; i++)
    run_flood (&flood, 200, 1);
  g_assert_cmpuint (sock_message_cell_get_seq (SOCK_MESSAGE_CELL (cell)), !=, seq);
  row_mark (cell, &after, &bounds);
  g_assert_cmpfloat (after.alpha, ==, 0);
  g_assert_false (gdk_rgba_equal (&after, &before));
  g_assert_true (graphene_rect_equal (&bounds, &row_bounds));
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
  ADD (keeps_rows);
  ADD (moderate);
  ADD (tail_rows);
  ADD (parts);
  ADD (row_mark);
  ADD (not_following);
  ADD (hidden_tab);
  ADD (choose);
  ADD (focus);
  ADD (scroll_back);
#undef ADD

  return g_test_run ();
}
