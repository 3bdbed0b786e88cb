/* sock-message-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget, its log and the per-frame work: flushing the log once per frame, following the
 * newest row, pausing. The table's cells (-columns.c), how it gets its rows (-table.c, -tail.c),
 * the texts about them (-status.c), the filter bar (-filter.c) and the files (-io.c) live in
 * the other sock-message-view-*.c files.
 */

#include "config.h"

#include "sock-message-view-private.h"

/* The count in the toolbar changes at most this often: a label re-measures on every change. */
#define COUNT_INTERVAL_US (250 * 1000)

/* Following a flood, where each frame's new rows would move the page by a quarter or more (no
 * row stays long enough to be read, and jumps that large are not seen as motion), the table
 * takes the newest rows every few frames, about this often, instead of every frame: each frame
 * it draws still ends at the newest row, and most of a frame's cost (setting, shaping and
 * drawing every visible cell) is spent a third as often. Counted in frames of the display's
 * refresh rate, so that a loaded machine's slow frames add no work. The rows of such a flood
 * show in place (sock-message-view-tail.c). */
#define FLOOD_INTERVAL_US (50 * 1000)

G_DEFINE_FINAL_TYPE (SockMessageView, sock_message_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOG,
  PROP_PAUSED,
  PROP_FOLLOW,
  PROP_BUSY,
  PROP_URI_PREFIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many rows the table shows at once; 0 before it is laid out. */
static guint
page_rows (SockMessageView *self)
{
  GtkColumnView *table = _sock_message_view_table (self);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (table));
  /* the list's rows, or the tail's */
  GtkSelectionModel *rows = gtk_column_view_get_model (table);
  guint n = rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (rows)) : 0;
  double upper = gtk_adjustment_get_upper (adj);
  double page_size = gtk_adjustment_get_page_size (adj);
  int row_height = _sock_message_view_row_height (self);

  if (n == 0 || upper <= 0)
    return 0;
  /* From a row, not from the rows' total height: rows that do not fill the page (the tail's,
   * until it has a page of them) leave the adjustment's upper at the page's height, and a page
   * reckoned from it came out one row more than the rows there were, every time. */
  if (row_height > 0)
    return (guint) (page_size / row_height) + 1;
  return (guint) (page_size / (upper / n)) + 1;
}

static gint64
refresh_us (GdkFrameClock *clock)
{
  gint64 refresh = 0;

  gdk_frame_clock_get_refresh_info (clock, gdk_frame_clock_get_frame_time (clock), &refresh, NULL);
  return refresh > 0 ? refresh : G_USEC_PER_SEC / 60;
}

/* Frames between two updates of the table while following a flood, at a refresh of that many µs. */
static guint
flood_frames (gint64 refresh)
{
  return MAX (1, (guint) ((FLOOD_INTERVAL_US + refresh / 2) / refresh));
}

/* Whether a compositor shows the frames at its vblanks and says when (their timings carry a
 * presentation time): a frame that ends later than the one before is then not seen later. On X11
 * without a compositor a frame shows when it ends. */
static gboolean
frames_presented (GdkFrameClock *clock)
{
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);

  for (gint64 i = gdk_frame_clock_get_history_start (clock); i < counter; i++)
    {
      GdkFrameTimings *timings = gdk_frame_clock_get_timings (clock, i);

      if (timings != NULL && gdk_frame_timings_get_complete (timings) &&
          gdk_frame_timings_get_presentation_time (timings) != 0)
        return TRUE;
    }
  return FALSE;
}

/* Shows the rows that arrived: every frame, or every few while following a flood. */
static void
flush_rows (SockMessageView *self,
            GdkFrameClock   *clock)
{
  guint before, added, frames, since, page;
  guint64 last = G_MAXUINT64;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 refresh = refresh_us (clock);

  _sock_message_view_finish_tail (self);
  frames = since = ++self->frames_unflushed;
  if (self->flooding && self->follow && frames < flood_frames (refresh))
    return;
  self->frames_unflushed = 0;
  /* Counted in refreshes of the display: a late frame (a busy machine, a slow frame) has more
   * rows, not a faster flood. */
  if (self->last_flush_us > 0 && now > self->last_flush_us)
    frames = MAX (frames, (guint) MIN ((now - self->last_flush_us + refresh / 2) / refresh, G_MAXUINT));
  self->last_flush_us = now;
  /* measured while the table's height still counts the rows it has */
  page = page_rows (self);
  before = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  if (before > 0)
    last = sock_message_list_get_seq (self->list, before - 1);
  sock_message_log_flush (self->log);
  /* the rows that came, whether or not the log dropped its oldest meanwhile */
  added = self->list == NULL ? 0 : last == G_MAXUINT64 ? g_list_model_get_n_items (G_LIST_MODEL (self->list))
                                                     : _sock_message_view_rows_after (self, last);
  /* A quarter of the page or more a frame: no row stays long enough to be read, and the eye
   * cannot follow the jumps as motion either. */
  self->flooding = page > 0 && added / frames >= MAX (page / 4, 2);
  /* A page of a flood's rows may be set over the frames until the next, to even out when frames
   * end; under a compositor that is not seen and only costs (sock-message-view-tail.c). */
  _sock_message_view_update_tail (self, page, added, frames_presented (clock) ? 1 : since, now);
}

/* Called once per frame before layout: the only place where the table learns of new rows. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  /* Others may follow the live log's "changed" (counters, the connection page) while a
   * recording is shown. */
  if (self->live_log != NULL && self->live_log != self->log)
    sock_message_log_flush (self->live_log);
  if (self->log == NULL)
    return G_SOURCE_CONTINUE;
  _sock_message_view_check_tail (self);
  /* once the table is laid out with its rows where they were */
  if (self->refocus_seq != G_MAXUINT64 && !self->anchor_pending)
    {
      guint64 seq = self->refocus_seq;

      self->refocus_seq = G_MAXUINT64;
      _sock_message_view_focus_seq (self, seq);
    }
  _sock_message_view_note_focus (self);
  if (self->paused)
    _sock_message_view_update_new_pill (self);
  else
    flush_rows (self, clock);
  _sock_message_view_update_page (self);
  if (now - self->last_count_us >= COUNT_INTERVAL_US || self->counted_empty)
    {
      self->last_count_us = now;
      _sock_message_view_update_count (self);
    }
  return G_SOURCE_CONTINUE;
}

/* Runs after the window allocated the table, so "upper" already counts this frame's rows.
 * Earlier, upper is stale; in the adjustment's "changed" handler, GtkListBase undoes it. */
static void
layout_cb (GdkFrameClock   *clock,
           SockMessageView *self)
{
  GtkAdjustment *adj;
  double bottom;

  if (self->anchor_pending)
    _sock_message_view_restore_anchor (self);
  if (!self->follow)
    return;
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (_sock_message_view_table (self)));
  bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  if (gtk_adjustment_get_value (adj) != bottom)
    gtk_adjustment_set_value (adj, bottom);
}

static void
before_paint_cb (GdkFrameClock   *clock,
                 SockMessageView *self)
{
  self->in_frame = TRUE;
}

static void
after_paint_cb (GdkFrameClock   *clock,
                SockMessageView *self)
{
  self->in_frame = FALSE;
}

/* GTK moves the adjustment only while it lays out a frame; a change between frames comes from
 * the user (wheel, scrollbar, keys): scrolling up stops following, reaching the end resumes. */
static void
value_changed_cb (GtkAdjustment   *adj,
                  SockMessageView *self)
{
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  gboolean at_end = gtk_adjustment_get_value (adj) >= bottom - 1;

  if (self->in_frame || self->paused)
    return;
  if (self->follow != at_end)
    sock_message_view_set_follow (self, at_end);
}

static void
selection_changed_cb (SockMessageView *self)
{
  SockMessageItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* An evicted selection leaves the pane as it is: it holds its own copy. */
  if (item == NULL || self->log == NULL)
    return;
  self->selected_seq = sock_message_item_get_seq (item);
  if (!sock_message_detail_show (self->detail, self->log, sock_message_item_get_seq (item)))
    return;
  /* The chosen row must stay where it is, not scroll away under the flood. */
  sock_message_view_set_follow (self, FALSE);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->detail)))
    {
      int height = gtk_widget_get_height (GTK_WIDGET (self->paned));

      gtk_widget_set_visible (GTK_WIDGET (self->detail), TRUE);
      if (height > 0)
        gtk_paned_set_position (self->paned, MAX (height / 2, height - 360));
    }
}

/* After a change the user made: the count cannot wait for its next turn. */
void
_sock_message_view_update_status (SockMessageView *self)
{
  _sock_message_view_update_count (self);
  _sock_message_view_update_page (self);
  _sock_message_view_update_overlays (self);
}

void
_sock_message_view_show_log (SockMessageView *self,
                             SockMessageLog  *log)
{
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  g_clear_object (&self->list);
  if (log != NULL)
    {
      sock_message_log_flush (log);
      self->list = sock_message_list_new (log);
      sock_message_list_set_filter (self->list, self->filter);
      g_signal_connect_object (log, "notify::dropped", G_CALLBACK (_sock_message_view_update_dropped), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (log, "notify::max-messages", G_CALLBACK (_sock_message_view_update_dropped), self,
                               G_CONNECT_SWAPPED);
    }
  _sock_message_view_set_table_list (self, self->list);
  self->pause_end = log != NULL ? sock_message_log_get_notified_end (log) : 0;
  self->shown_new = G_MAXUINT64;
  self->selected_seq = G_MAXUINT64;
  self->anchor_pending = FALSE;
  _sock_message_view_update_dropped (self);
  _sock_message_view_update_count (self);
  _sock_message_view_update_page (self);
  _sock_message_view_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

void
sock_message_view_set_log (SockMessageView *self,
                           SockMessageLog  *log)
{
  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));
  g_return_if_fail (log == NULL || SOCK_IS_MESSAGE_LOG (log));

  g_set_object (&self->live_log, log);
  g_clear_object (&self->offline_file);
  gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  if (self->log != log)
    _sock_message_view_show_log (self, log);
}

SockMessageLog *
sock_message_view_get_log (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), NULL);
  return self->log;
}

SockMessageList *
sock_message_view_get_list (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), NULL);
  return self->list;
}

gboolean
sock_message_view_get_paused (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), FALSE);
  return self->paused;
}

void
sock_message_view_set_paused (SockMessageView *self,
                              gboolean         paused)
{
  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));

  paused = !!paused;
  if (self->paused == paused)
    return;
  self->paused = paused;
  self->shown_new = G_MAXUINT64;
  if (paused && self->log != NULL)
    {
      self->pause_end = sock_message_log_get_notified_end (self->log);
      _sock_message_view_update_new_pill (self);
    }
  else if (self->log != NULL)
    {
      /* Catch up now, in one change, rather than on the next tick. */
      sock_message_log_flush (self->log);
      _sock_message_view_update_count (self);
      _sock_message_view_update_page (self);
    }
  _sock_message_view_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
sock_message_view_get_follow (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), FALSE);
  return self->follow;
}

void
sock_message_view_set_follow (SockMessageView *self,
                              gboolean         follow)
{
  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));

  follow = !!follow;
  if (self->follow == follow)
    return;
  self->follow = follow;
  if (follow)
    gtk_widget_queue_allocate (GTK_WIDGET (_sock_message_view_table (self)));
  _sock_message_view_update_overlays (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

guint64
sock_message_view_get_n_new (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), 0);

  if (!self->paused || self->log == NULL)
    return 0;
  return sock_message_log_get_end_seq (self->log) - self->pause_end;
}

gboolean
sock_message_view_get_busy (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), FALSE);
  return self->busy > 0;
}

GFile *
sock_message_view_get_offline_file (SockMessageView *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_VIEW (self), NULL);
  return self->offline_file;
}

static void
sock_message_view_realize (GtkWidget *widget)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  GTK_WIDGET_CLASS (sock_message_view_parent_class)->realize (widget);

  /* Connected after the window's own layout handler, so it runs once the table has its size. */
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_id = g_signal_connect (self->frame_clock, "layout", G_CALLBACK (layout_cb), self);
  self->before_paint_id = g_signal_connect (self->frame_clock, "before-paint",
                                            G_CALLBACK (before_paint_cb), self);
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
}

static void
sock_message_view_unrealize (GtkWidget *widget)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  g_clear_signal_handler (&self->layout_id, self->frame_clock);
  g_clear_signal_handler (&self->before_paint_id, self->frame_clock);
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  self->in_frame = FALSE;

  GTK_WIDGET_CLASS (sock_message_view_parent_class)->unrealize (widget);
}

static void
sock_message_view_map (GtkWidget *widget)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  GTK_WIDGET_CLASS (sock_message_view_parent_class)->map (widget);
  /* Shown again (a tab brought to the front): what came meanwhile shows in the first frame. */
  self->flooding = FALSE;
  self->frames_unflushed = 0;
  self->last_flush_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
}

static void
sock_message_view_unmap (GtkWidget *widget)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (widget);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (widget, self->tick_id);
  self->tick_id = 0;

  GTK_WIDGET_CLASS (sock_message_view_parent_class)->unmap (widget);
}

static void
sock_message_view_dispose (GObject *object)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  g_clear_pointer (&self->hidden_columns, g_ptr_array_unref);
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_MESSAGE_VIEW);
  _sock_message_view_dispose_tail (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_object (&self->log);
  g_clear_object (&self->live_log);
  g_clear_object (&self->offline_file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pattern_error, g_free);
  g_clear_pointer (&self->uri_prefix, g_free);

  G_OBJECT_CLASS (sock_message_view_parent_class)->dispose (object);
}

static void
sock_message_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_FOLLOW:
      g_value_set_boolean (value, self->follow);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_URI_PREFIX:
      g_value_set_string (value, self->uri_prefix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_message_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SockMessageView *self = SOCK_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      sock_message_view_set_log (self, g_value_get_object (value));
      break;
    case PROP_PAUSED:
      sock_message_view_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_FOLLOW:
      sock_message_view_set_follow (self, g_value_get_boolean (value));
      break;
    case PROP_URI_PREFIX:
      sock_message_view_set_uri_prefix (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-message-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SockMessageView, name)
  BIND (toast_overlay); BIND (count_label); BIND (dropped_box); BIND (dropped_label);
  BIND (offline_revealer); BIND (offline_label); BIND (search_bar); BIND (search_entry);
  BIND (find_button); BIND (regex_button); BIND (types_button); BIND (types_popover);
  BIND (types_box); BIND (direction_dropdown); BIND (paned); BIND (content_stack);
  BIND (scroller); BIND (column_view); BIND (time_column); BIND (direction_column);
  BIND (type_column); BIND (uri_column); BIND (size_column); BIND (preview_column);
  BIND (new_pill); BIND (new_pill_content); BIND (jump_button); BIND (detail);
  BIND (invalid_page);
  BIND (empty_page);
  BIND (prefix_chip); BIND (prefix_label);
#undef BIND
}

static void
sock_message_view_class_init (SockMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_message_view_dispose;
  object_class->get_property = sock_message_view_get_property;
  object_class->set_property = sock_message_view_set_property;
  widget_class->realize = sock_message_view_realize;
  widget_class->unrealize = sock_message_view_unrealize;
  widget_class->map = sock_message_view_map;
  widget_class->unmap = sock_message_view_unmap;

  properties[PROP_LOG] = g_param_spec_object ("log", NULL, NULL, SOCK_TYPE_MESSAGE_LOG, flags);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, flags);
  properties[PROP_FOLLOW] = g_param_spec_boolean ("follow", NULL, NULL, TRUE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI_PREFIX] = g_param_spec_string ("uri-prefix", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SOCK_TYPE_MESSAGE_DETAIL);
  bind_template (widget_class);
  _sock_message_view_install_actions (widget_class);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sock_message_view_init (SockMessageView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follow = TRUE;
  self->selected_seq = G_MAXUINT64;
  self->shown_new = G_MAXUINT64;
  self->cancellable = g_cancellable_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->detail, "show-message", G_CALLBACK (_sock_message_view_show_seq), self,
                           G_CONNECT_SWAPPED);

  _sock_message_view_init_columns (self);
  _sock_message_view_init_tail (self);
  /* a scroll in either table */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "value-changed", G_CALLBACK (value_changed_cb), self, 0);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->tail_view)),
                           "value-changed", G_CALLBACK (value_changed_cb), self, 0);
  _sock_message_view_init_table (self);
  _sock_message_view_init_filter (self);
  _sock_message_view_update_count (self);
  _sock_message_view_update_page (self);
  _sock_message_view_update_overlays (self);
}

GtkWidget *
sock_message_view_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_VIEW, NULL);
}
