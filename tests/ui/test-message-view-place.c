/* test-message-view-place.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view keeps the user's place under a real display (Xvfb in CI): closing the
 * filter bar leaves the chosen row where it was, the details go when the filter hides their
 * row, a pattern that is not one says so and shows no rows, and a toast leaves "Jump to
 * Newest" uncovered.
 */

#include "config.h"

#include <string.h>

#include "sock-message-detail.h"
#include "test-message-view-util.h"

static GtkAdjustment *
vadjustment (Fixture *f)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW)));
}

static GtkSingleSelection *
selection (Fixture *f)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (find_type (GTK_WIDGET (f->view),
                                                                                      GTK_TYPE_COLUMN_VIEW))));
}

static GtkWidget *
detail (Fixture *f)
{
  return find_type (GTK_WIDGET (f->view), SOCK_TYPE_MESSAGE_DETAIL);
}

/* The seq of the selected row, and whether that row is inside the visible part of the table. */
static guint64
selected_seq (Fixture  *f,
              gboolean *on_screen)
{
  GtkAdjustment *adj = vadjustment (f);
  guint position = gtk_single_selection_get_selected (selection (f));
  double height;

  if (position == GTK_INVALID_LIST_POSITION)
    return G_MAXUINT64;
  height = gtk_adjustment_get_upper (adj) / n_rows (f);
  *on_screen = position * height >= gtk_adjustment_get_value (adj) - 1
               && (position + 1) * height <= gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) + 1;
  return sock_message_list_get_seq (sock_message_view_get_list (f->view), position);
}

/* Chooses the row at position, scrolled to the middle of the table. */
static guint64
choose_row (Fixture *f,
            guint    position)
{
  GtkAdjustment *adj = vadjustment (f);
  double height = gtk_adjustment_get_upper (adj) / n_rows (f);
  gboolean on_screen = FALSE;
  guint64 seq;

  gtk_adjustment_set_value (adj, position * height - gtk_adjustment_get_page_size (adj) / 4);
  run_frames (f, 2);
  gtk_single_selection_set_selected (selection (f), position);
  run_frames (f, 3);
  g_assert_true (gtk_widget_get_mapped (detail (f)));
  seq = selected_seq (f, &on_screen);
  g_assert_true (on_screen);
  return seq;
}

static void
open_filter_bar (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.find", NULL));
  run_frames (f, 2);
}

static void
close_filter_bar (Fixture *f)
{
  GtkSearchBar *bar = GTK_SEARCH_BAR (find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_BAR));

  gtk_search_bar_set_search_mode (bar, FALSE);
  run_frames (f, 4);
}

/* Closing the filter bar shows every row again with the chosen row still chosen and on screen,
 * not the table's first row. */
static void
test_message_view_place_filter_closed (Fixture       *f,
                                       gconstpointer  data)
{
  gboolean on_screen = FALSE;
  guint64 seq;

  feed (f->log, 3000);
  run_frames (f, 3);
  seq = choose_row (f, 1500);
  g_assert_cmpuint (seq % 3, ==, 0);

  open_filter_bar (f);
  set_filter_text (f, "EURUSD");
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 1000);
  g_assert_cmpuint (selected_seq (f, &on_screen), ==, seq);
  g_assert_true (on_screen);

  close_filter_bar (f);
  g_assert_cmpuint (n_rows (f), ==, 3000);
  g_assert_cmpuint (selected_seq (f, &on_screen), ==, seq);
  g_assert_true (on_screen);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (f)), >, 0);
  g_assert_true (gtk_widget_get_mapped (detail (f)));
  g_assert_cmpuint (sock_message_detail_get_seq (SOCK_MESSAGE_DETAIL (detail (f))), ==, seq);
}

/* A filter that hides the chosen row takes its details away; taking the filter away brings
 * them back. */
static void
test_message_view_place_detail_hidden (Fixture       *f,
                                       gconstpointer  data)
{
  gboolean on_screen = FALSE;
  guint64 seq;

  feed (f->log, 300);
  run_frames (f, 3);
  seq = choose_row (f, 150);
  g_assert_cmpuint (sock_message_detail_get_seq (SOCK_MESSAGE_DETAIL (detail (f))), ==, seq);

  open_filter_bar (f);
  set_filter_text (f, "CHAT.ROOM");
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 100);
  g_assert_false (gtk_widget_get_mapped (detail (f)));
  g_assert_cmpuint (sock_message_detail_get_seq (SOCK_MESSAGE_DETAIL (detail (f))), ==, G_MAXUINT64);
  g_assert_cmpuint (selected_seq (f, &on_screen), ==, G_MAXUINT64);

  set_filter_text (f, "");
  run_frames (f, 2);
  g_assert_cmpuint (selected_seq (f, &on_screen), ==, seq);
  g_assert_true (gtk_widget_get_mapped (detail (f)));
}

/* A pattern that is not a regular expression says so where the rows were, and shows none. */
static void
test_message_view_place_invalid_pattern (Fixture       *f,
                                         gconstpointer  data)
{
  GtkWidget *entry = find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *regex = NULL;

  feed (f->log, 300);
  run_frames (f, 3);
  open_filter_bar (f);
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (entry)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_TOGGLE_BUTTON (w))
      regex = w;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (regex), TRUE);

  /* Not one from the start: no rows, and the reason on screen, not only in a tooltip. */
  set_filter_text (f, "([");
  run_frames (f, 2);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (shows_line (f, "Invalid pattern"));
  g_assert_true (shows_line (f, "Invalid Pattern"));
  g_assert_true (shows_text (f, "regular expression"));
  g_assert_false (shows_text (f, "300 messages"));
  screenshot (f, "invalid-pattern");

  /* Fixed, it filters. */
  set_filter_text (f, "ticker\\.eurusd$");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (n_rows (f), ==, 100);
  g_assert_false (shows_line (f, "Invalid Pattern"));
}

static GtkWidget *
toast_widget (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = toast_widget (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "Jump to Newest" button: a plain button (the toolbar's toggle has the same action). */
static GtkWidget *
jump_button (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "messages.follow") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = jump_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The export's toast and "Jump to Newest" are both visible, one above the other. */
static void
test_message_view_place_toast (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "export.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *jump;
  GtkWidget *toast;
  graphene_rect_t jump_bounds, toast_bounds;

  feed (f->log, 1000);
  run_frames (f, 3);
  gtk_adjustment_set_value (vadjustment (f), 0);
  run_frames (f, 3);
  g_assert_true (shows_line (f, "Jump to Newest"));

  sock_message_view_export_to_file (f->view, file, FALSE);
  wait_not_busy (f);
  run_frames (f, 20);
  toast = toast_widget (GTK_WIDGET (f->view));
  jump = jump_button (GTK_WIDGET (f->view));
  g_assert_nonnull (toast);
  g_assert_nonnull (jump);
  g_assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (f->window), &toast_bounds));
  g_assert_true (gtk_widget_compute_bounds (jump, GTK_WIDGET (f->window), &jump_bounds));
  screenshot (f, "toast-and-jump");
  g_assert_cmpfloat (jump_bounds.origin.y + jump_bounds.size.height, <=, toast_bounds.origin.y);
}

int
main (int   argc,
      char *argv[])
{
  if (!message_view_test_init (&argc, &argv))
    return 0;

#define ADD(name) g_test_add ("/sockscope/message-view-place/" #name, Fixture, NULL, \
                              fixture_set_up, test_message_view_place_##name, fixture_tear_down)
  ADD (filter_closed);
  ADD (detail_hidden);
  ADD (invalid_pattern);
  ADD (toast);
#undef ADD

  return g_test_run ();
}
