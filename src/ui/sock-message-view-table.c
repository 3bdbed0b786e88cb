/* sock-message-view-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the table gets its rows, so that evicting the log's head costs no more than any frame.
 *
 * GTK 4.8's list widgets keep a row widget alive for their focus and selection "trackers". Both
 * are put on row 0 whenever the model goes from empty to non-empty, follow the row that last had
 * the keyboard focus or was chosen, and fall back to row 0 (or a guess) when their row is removed
 * or the whole model changes. While one sits on the log's head, each eviction (5% of the cap at
 * once) destroys that widget and makes another one for the new first row, and adding or removing
 * a row's cells makes every column re-measure all of its cells (GtkColumnViewColumn drops its
 * width and queues a resize of each cell): ~140M instructions, 30–110 ms, a visible stutter every
 * half second at 100k rows/s. A model that the table is given while it has rows leaves the
 * trackers unset, so the table takes its model afresh (once) when its first rows come, when all
 * its rows are replaced (a new filter), and when an eviction takes a row that a tracker may be on:
 * one that had the keyboard focus (clicking or selecting a row with the keys focuses it) or was
 * selected. Not while a row has the keyboard focus: GTK moves it to the new first row when its
 * row goes, and taking the model then would move it again (and select a row); evictions then
 * cost as before.
 */

#include "config.h"

#include "sock-message-view-private.h"

/* Each cell knows its list item (sock-message-view-columns.c), so that a focused row can tell
 * which message it shows. */
static GtkListItem *
find_list_item (GtkWidget *widget,
                guint      depth)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "sock-list-item");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && list_item == NULL && depth > 0;
       child = gtk_widget_get_next_sibling (child))
    list_item = find_list_item (child, depth - 1);
  return list_item;
}

GtkColumnView *
_sock_message_view_table (SockMessageView *self)
{
  return self->in_tail ? self->tail_view : self->column_view;
}

/* The row of table (a child of its list) that holds the keyboard focus, or NULL. */
GtkWidget *
_sock_message_view_focused_row_in (SockMessageView *self,
                                   GtkColumnView   *table)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *row = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (row == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (table)))
    return NULL;
  /* column view › its list › row › cell › cell's child */
  while (row != NULL && gtk_widget_get_parent (row) != NULL &&
         gtk_widget_get_parent (gtk_widget_get_parent (row)) != GTK_WIDGET (table))
    row = gtk_widget_get_parent (row);
  return row != NULL && gtk_widget_get_parent (row) != NULL ? row : NULL;
}

GtkWidget *
_sock_message_view_focused_row (SockMessageView *self)
{
  return _sock_message_view_focused_row_in (self, _sock_message_view_table (self));
}

guint64
_sock_message_view_row_seq (GtkWidget *row)
{
  GtkListItem *list_item = find_list_item (row, 2);
  SockMessageItem *item = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;

  return item != NULL ? sock_message_item_get_seq (item) : G_MAXUINT64;
}

/* Once per frame, before the table hears of new rows: which row the focus tracker is on, and
 * taking the model afresh when a change asked for it. */
void
_sock_message_view_note_focus (SockMessageView *self)
{
  GtkWidget *row;

  /* The list's table is not shown: it is given its model afresh, if it must, once it is. */
  if (self->in_tail)
    return;
  row = _sock_message_view_focused_row (self);
  /* A table that was never laid out (a window not shown yet) stays empty when given its model
   * again in GTK 4.8 until its rows change once more: wait for its first size. */
  if (self->retake_pending && row == NULL && gtk_widget_get_height (GTK_WIDGET (self->column_view)) == 0)
    return;
  if (self->retake_pending && row == NULL)
    _sock_message_view_retake_model (self);
  self->retake_pending = FALSE;
  if (row != NULL)
    self->focus_seq = _sock_message_view_row_seq (row);
}

static void
selected_cb (SockMessageView *self)
{
  SockMessageItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    self->chosen_seq = MIN (self->chosen_seq, sock_message_item_get_seq (item));
}

/* The shown table's list, which holds its rows. */
static GtkWidget *
list_widget (SockMessageView *self)
{
  GtkWidget *list;

  for (list = gtk_widget_get_first_child (GTK_WIDGET (_sock_message_view_table (self)));
       list != NULL && !GTK_IS_LIST_VIEW (list);
       list = gtk_widget_get_next_sibling (list))
    ;
  return list;
}

/* The height of the shown table's rows, from one that is laid out; 0 before any is. */
int
_sock_message_view_row_height (SockMessageView *self)
{
  GtkWidget *list = list_widget (self);

  if (list == NULL)
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
      return gtk_widget_get_height (row);
  return 0;
}

/* Before the table is given a model afresh with a row focused: the focus waits on the list
 * itself. Were it to go with its row, GTK would give the window's focus to the first row it
 * finds, and choose it. */
void
_sock_message_view_hold_focus (SockMessageView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *list = list_widget (self);

  if (root != NULL && list != NULL)
    gtk_root_set_focus (root, list);
}

/* Moves the keyboard focus to the row of message seq (after the table was given its model
 * afresh, which took the focused row away). GTK 4.8 has no call for it: the row is brought
 * among the rows the list keeps and given the focus itself, which tells the list. */
void
_sock_message_view_focus_seq (SockMessageView *self,
                              guint64          seq)
{
  _sock_message_view_focus_position (self, _sock_message_view_position_of (self, seq));
}

/* The same, for the row at position of the table's model. */
void
_sock_message_view_focus_position (SockMessageView *self,
                                   guint            position)
{
  GtkWidget *list = list_widget (self);

  if (list == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  /* its row, brought among the rows the list keeps if it is not */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          GtkListItem *list_item = find_list_item (row, 2);

          if (list_item != NULL && gtk_list_item_get_position (list_item) == position)
            {
              gtk_widget_grab_focus (row);
              return;
            }
        }
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
}

void
_sock_message_view_retake_model (SockMessageView *self)
{
  /* The table starts again from its top; a view that follows goes back to the end in this
   * frame's layout. */
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->focus_seq = G_MAXUINT64;
  self->chosen_seq = G_MAXUINT64;
}

/* Runs before the selection hears of the change. */
static void
list_changing_cb (GListModel      *list,
                  guint            position,
                  guint            removed,
                  guint            added,
                  SockMessageView *self)
{
  guint n = g_list_model_get_n_items (list);

  /* the first rows */
  self->retake_model = removed == 0 && added > 0 && added == n;
  /* A row with the keyboard focus keeps its trackers: GTK moves the focus when the row goes, and
   * taking the model away then would move it again. */
  self->focus_in_row = _sock_message_view_focused_row_in (self, self->column_view) != NULL;
}

/* Runs once the table has caught up with the change (the model cannot be taken away before:
 * GTK would count the new rows with its old ones). */
static void
list_changed_cb (GListModel      *list,
                 guint            position,
                 guint            removed,
                 guint            added,
                 SockMessageView *self)
{
  SockMessageList *rows = SOCK_MESSAGE_LIST (list);

  if (g_list_model_get_n_items (list) == 0)
    {
      /* no rows, no trackers */
      self->focus_seq = G_MAXUINT64;
      self->chosen_seq = G_MAXUINT64;
      self->retake_model = FALSE;
      self->retake_pending = FALSE;
      return;
    }
  if (position == 0 && removed > 0 &&
      MIN (self->focus_seq, self->chosen_seq) < sock_message_list_get_seq (rows, 0))
    self->retake_model = TRUE;
  /* taken at the next frame's start, once the table is laid out with these rows */
  self->retake_pending |= self->retake_model && !self->focus_in_row &&
                         _sock_message_view_focused_row_in (self, self->column_view) == NULL;
  self->retake_model = FALSE;
}

/* Shows list (may be NULL) in the table. */
void
_sock_message_view_set_table_list (SockMessageView *self,
                                   SockMessageList *list)
{
  GListModel *old = gtk_single_selection_get_model (self->selection);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  if (list != NULL)
    {
      /* connected before the selection's own handler, and after it */
      g_signal_connect_object (list, "items-changed", G_CALLBACK (list_changing_cb), self, 0);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_AFTER);
    }
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (list));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  _sock_message_view_drop_tail (self);
  self->retake_model = FALSE;
  self->focus_seq = G_MAXUINT64;
  self->chosen_seq = G_MAXUINT64;
}

/* After the columns have their factories. */
void
_sock_message_view_init_table (SockMessageView *self)
{
  self->focus_seq = G_MAXUINT64;
  self->chosen_seq = G_MAXUINT64;
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
}
