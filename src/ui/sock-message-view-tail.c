/* sock-message-view-tail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Following a flood, the table shows the newest rows in place instead of scrolling its list.
 *
 * GTK 4.8's list widgets keep up to 200 row widgets around their scroll anchor, whatever their
 * height, and the table follows the newest row by moving that anchor: each time a flood has
 * added more than 200 rows, every one of those 200 rows is bound to a new message and measured
 * again although a page shows ~30 of them. That was most of a frame that took new rows (~50M
 * instructions, ~9 ms). While it follows a flood, the view therefore shows a second table: one
 * item per row a page shows, each pointed at one of the newest messages whenever the table
 * takes new rows, and its cells set again where they are — no rows added or removed, nothing
 * measured (every cell is a SockMessageCell, whose size does not depend on its text).
 *
 * The table takes a flood's rows every third frame (50 ms), a page of new rows each time, and
 * sets that page over the three frames: its lowest third (the newest rows) at once, the third
 * above at the next frame, the top third at the one after. Rows above are never newer than rows
 * below, and the page is whole again before the next one comes. Set in one frame, the page made
 * one frame of ~4 ms after two of ~0.5 ms: it ended ~20.5 ms after the one before, and X11
 * without a compositor shows a frame when it ends. In thirds, each frame takes ~2.5 ms.
 * That costs a few percent of a core more (each frame draws the window again; with the rows'
 * marks, see sock-message-cell.c, only a third of the table's pixels), and more under a
 * compositor (a whole buffer each frame), which shows frames at its vblanks whenever they end:
 * there (when frames carry a presentation time) the page is set at once.
 *
 * A second table, not the same table given another model: GTK 4.8 destroys a table's row
 * widgets when its model changes and makes all 200 again when it gets the list back, which took
 * a frame of ~100 ms each time a flood ended. The list's table keeps its rows while hidden, and
 * pays only for binding them again where it ends. The tail's columns are twins of the list's:
 * the same cells, widths and titles.
 *
 * The list stays the selection's model throughout. The view shows it again, with the same rows
 * where they were, as soon as the user does anything with a row or scrolls, when the view
 * stops following or is paused, and when the flood ends.
 */

#include "config.h"

#include "sock-message-view-private.h"

/* Rows of the list a tail view needs at least: fewer, and there is nothing to save. */
#define MIN_LIST_PAGES 2

/* How long the tail stays after a flood: a flood of bursts should not switch tables back and
 * forth. */
#define TAIL_LINGER_US (2 * G_USEC_PER_SEC)

/* Over how many frames at most the tail's rows take a page of new rows (see fill_slots ()). */
#define MAX_PARTS 3

static guint
n_slots (SockMessageView *self)
{
  return self->tail != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tail)) : 0;
}

/* The height of a tail row, from the table's adjustment; 0 before it is laid out. */
static double
slot_height (SockMessageView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->tail_view));
  guint n = n_slots (self);

  return n > 0 ? gtk_adjustment_get_upper (adj) / n : 0;
}

static double
scrolled (SockMessageView *self)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->tail_view)));
}

/* The tail row at the table's top, and its distance from the top. */
static SockMessageItem *
top_slot (SockMessageView *self,
          double          *offset)
{
  double height = slot_height (self);
  guint index;

  if (height <= 0)
    return NULL;
  index = (guint) MAX (scrolled (self) / height, 0);
  if (index >= n_slots (self))
    return NULL;
  *offset = index * height - scrolled (self);
  return g_list_model_get_item (G_LIST_MODEL (self->tail), index);
}

/* A row chosen in the tail (a click, the keys): it is chosen in the list at the next frame,
 * once the table shows the list again. Not now: this runs inside GTK's handling of the click,
 * and the row widget would go away under it. */
static void
tail_selected_cb (SockMessageView *self)
{
  SockMessageItem *item = gtk_single_selection_get_selected_item (self->tail_selection);

  if (item == NULL || !self->in_tail)
    return;
  self->tail_choice = sock_message_item_get_seq (item);
  self->tail_choice_offset = slot_height (self) * gtk_single_selection_get_selected (self->tail_selection)
                             - scrolled (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self->tail_view));
}

/* Shows the tail's table or the list's. A row with the keyboard focus in the table hidden
 * loses it first: GTK would pass it on to the other table's first row otherwise. */
static void
show_table (SockMessageView *self,
            gboolean         tail)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && _sock_message_view_focused_row (self) != NULL)
    gtk_root_set_focus (root, NULL);
  self->in_tail = tail;
  _sock_message_view_update_page (self);
}

void
_sock_message_view_drop_tail (SockMessageView *self)
{
  self->tail_choice = G_MAXUINT64;
  g_array_set_size (self->tail_older, 0);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->tail_selection));
  if (self->in_tail)
    show_table (self, FALSE);
}

/* Shows the list again. Following, the next layout goes to its end; otherwise the row at the
 * top (or the one chosen) stays where it is. */
void
_sock_message_view_leave_tail (SockMessageView *self)
{
  guint64 choice = self->tail_choice;
  GtkWidget *focused;
  guint position;

  /* called at every frame's flush while the list is shown: nothing more before this */
  if (!self->in_tail)
    return;
  /* the whole page as it ends, to be kept where it was */
  while (self->tail_older->len > 0)
    _sock_message_view_finish_tail (self);
  focused = _sock_message_view_focused_row (self);
  /* the focused row goes with the tail: the same message's row in the list gets the focus,
   * once the list's table is laid out */
  if (focused != NULL)
    self->refocus_seq = choice != G_MAXUINT64 ? choice : _sock_message_view_row_seq (focused);
  if (choice != G_MAXUINT64)
    {
      self->anchor_seq = choice;
      self->anchor_offset = self->tail_choice_offset;
      self->anchor_pending = TRUE;
    }
  else if (!self->follow && !self->anchor_pending)
    {
      g_autoptr(SockMessageItem) top = NULL;
      double offset = 0;

      top = top_slot (self, &offset);
      if (top != NULL)
        {
          self->anchor_seq = sock_message_item_get_seq (top);
          self->anchor_offset = offset;
          self->anchor_pending = TRUE;
        }
    }
  _sock_message_view_drop_tail (self);
  if (focused != NULL)
    _sock_message_view_hold_focus (self);
  if (choice != G_MAXUINT64 && self->list != NULL &&
      (position = _sock_message_view_position_of (self, choice)) != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_queue_allocate (GTK_WIDGET (self->column_view));
}

/* Once per frame, before the table takes new rows: leaves the tail when the user took a row or
 * scrolled, or paused. */
void
_sock_message_view_check_tail (SockMessageView *self)
{
  if (self->in_tail && (!self->follow || self->paused || self->tail_choice != G_MAXUINT64))
    _sock_message_view_leave_tail (self);
}

/* Points the tail's slots [from, from + n) at the messages seqs. */
static void
reload_slots (SockMessageView *self,
              guint            from,
              const guint64   *seqs,
              guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SockMessageItem) item = g_list_model_get_item (G_LIST_MODEL (self->tail), from + i);

      sock_message_item_reload (item, self->log, seqs[i]);
    }
  if (self->in_tail)
    _sock_message_view_rebind_rows (self, from, from + n);
}

void
_sock_message_view_finish_tail (SockMessageView *self)
{
  guint n = self->tail_older->len;
  guint step = MIN (n, self->tail_older_step);

  if (n == 0)
    return;
  reload_slots (self, n - step, (const guint64 *) self->tail_older->data + n - step, step);
  g_array_set_size (self->tail_older, n - step);
}

/* Points the tail's rows at the newest messages (one item per row of a page): in parts when a
 * page or more came (parts > 1), the lowest rows now and those above them in the next frames. */
static void
fill_slots (SockMessageView *self,
            guint            page,
            guint            parts)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint slots = n_slots (self);
  g_autoptr(GPtrArray) items = NULL;

  if (slots == page)
    {
      g_autoptr(SockMessageItem) last = g_list_model_get_item (G_LIST_MODEL (self->tail), slots - 1);
      g_autofree guint64 *seqs = NULL;
      guint step;

      /* nothing new since */
      if (sock_message_item_get_seq (last) == sock_message_list_get_seq (self->list, n - 1))
        return;
      /* rows the last update left still to set: all at once, none waits longer */
      if (self->tail_older->len > 0)
        parts = 1;
      g_array_set_size (self->tail_older, 0);
      step = (slots + parts - 1) / parts;
      seqs = g_new (guint64, slots);
      for (guint i = 0; i < slots; i++)
        seqs[i] = sock_message_list_get_seq (self->list, n - slots + i);
      g_array_append_vals (self->tail_older, seqs, slots - step);
      self->tail_older_step = step;
      reload_slots (self, slots - step, seqs + slots - step, step);
      return;
    }
  /* the page's height changed (or the first time) */
  g_array_set_size (self->tail_older, 0);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < page; i++)
    g_ptr_array_add (items, sock_message_item_new (self->log, sock_message_list_get_seq (self->list, n - page + i)));
  g_list_store_splice (self->tail, 0, slots, items->pdata, items->len);
}

/* After the table took new rows (page: the rows a page shows; added: the rows that came; frames:
 * over how many frames a page of them may be set, 1 for at once; now: the frame's time): a flood
 * that is followed shows in the tail, which stays a little after the flood; then the list again. */
void
_sock_message_view_update_tail (SockMessageView *self,
                                guint            page,
                                guint            added,
                                guint            frames,
                                gint64           now)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  GtkWidget *focused;

  if (!self->follow || self->paused || page == 0 || n < MIN_LIST_PAGES * page ||
      self->tail_choice != G_MAXUINT64)
    {
      _sock_message_view_leave_tail (self);
      return;
    }
  /* A page or more at once: the list would bind and measure at least as many rows as the tail
   * sets, and draw all of them where they moved, while the tail's rows stay in place and only
   * the cells whose text changed are drawn. Fewer, and the list binds only the rows that came. */
  if (self->flooding && (self->in_tail || added >= page))
    self->tail_flood_us = now;
  else if (!self->in_tail || now - self->tail_flood_us > TAIL_LINGER_US)
    {
      _sock_message_view_leave_tail (self);
      return;
    }
  /* A page of new rows at once, every few frames: each of these frames (as many as there were
   * since the last rows, at most MAX_PARTS) sets a part of the page. Fewer rows move the ones on
   * screen, which must move together. */
  fill_slots (self, page, added >= page ? CLAMP (frames, 1, MAX_PARTS) : 1);
  if (self->in_tail)
    return;
  focused = _sock_message_view_focused_row (self);
  show_table (self, TRUE);
  /* the focused row stayed with the list: the newest row has it now */
  if (focused != NULL)
    _sock_message_view_focus_position (self, page - 1);
}

/* The tail's table, in a page of the content stack, with twins of the list's columns. */
static void
init_tail_view (SockMessageView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkColumnViewColumn *columns[] = { self->time_column, self->direction_column, self->type_column,
                                     self->uri_column, self->size_column, self->preview_column };

  self->tail_view = GTK_COLUMN_VIEW (gtk_column_view_new (g_object_ref (GTK_SELECTION_MODEL (self->tail_selection))));
  gtk_column_view_set_show_column_separators (self->tail_view,
                                              gtk_column_view_get_show_column_separators (self->column_view));
  gtk_column_view_set_show_row_separators (self->tail_view, gtk_column_view_get_show_row_separators (self->column_view));
  gtk_column_view_set_reorderable (self->tail_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->tail_view), "messages-table");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    _sock_message_view_add_tail_column (self, columns[i]);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->tail_view));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)), "notify::page-size",
                           G_CALLBACK (_sock_message_view_refit_columns), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, scroller, "tail");
}

/* After the columns have their factories. */
void
_sock_message_view_init_tail (SockMessageView *self)
{
  self->tail = g_list_store_new (SOCK_TYPE_MESSAGE_ITEM);
  self->tail_older = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->tail_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tail)));
  gtk_single_selection_set_autoselect (self->tail_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->tail_selection, TRUE);
  self->tail_choice = G_MAXUINT64;
  self->refocus_seq = G_MAXUINT64;
  g_signal_connect_object (self->tail_selection, "notify::selected-item", G_CALLBACK (tail_selected_cb), self,
                           G_CONNECT_SWAPPED);
  init_tail_view (self);
}

void
_sock_message_view_dispose_tail (SockMessageView *self)
{
  if (self->tail_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->tail_selection, self);
  g_clear_object (&self->tail_selection);
  g_clear_object (&self->tail);
  g_clear_pointer (&self->tail_older, g_array_unref);
  /* destroyed with the template */
  self->tail_view = NULL;
}
