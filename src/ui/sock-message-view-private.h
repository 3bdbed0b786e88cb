/* sock-message-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of SockMessageView: the widget (sock-message-view.c), its table columns
 * (-columns.c), its filter bar (-filter.c) and its files (-io.c).
 */

#pragma once

#include <adwaita.h>

#include "sock-message-detail.h"
#include "sock-message-filter.h"
#include "sock-message-view.h"

G_BEGIN_DECLS

struct _SockMessageView
{
  GtkWidget parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkInscription *count_label;
  GtkWidget *dropped_box;
  GtkLabel *dropped_label;
  GtkRevealer *offline_revealer;
  GtkLabel *offline_label;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *find_button;
  GtkToggleButton *regex_button;
  GtkMenuButton *types_button;
  GtkPopover *types_popover;
  GtkBox *types_box;
  GtkDropDown *direction_dropdown;
  GtkWidget *prefix_chip;
  GtkLabel *prefix_label;
  GtkPaned *paned;
  GtkStack *content_stack;
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *direction_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *uri_column;
  GtkColumnViewColumn *size_column;
  GtkColumnViewColumn *preview_column;
  GtkWidget *new_pill;
  AdwButtonContent *new_pill_content;
  GtkWidget *jump_button;
  AdwStatusPage *invalid_page;
  AdwStatusPage *empty_page;
  SockMessageDetail *detail;

  /* The shown log, its rows and the selection over them. */
  SockMessageLog *log;
  SockMessageLog *live_log;
  GFile *offline_file;
  SockMessageList *list;
  GtkSingleSelection *selection;
  SockMessageFilter *filter;
  GCancellable *cancellable;
  guint busy;
  /* sock-message-view-table.c */
  gboolean retake_model;     /* the table takes its model afresh after this change */
  gboolean focus_in_row;     /* before this change */
  gboolean retake_pending;   /* at the next frame */
  guint64 focus_seq;         /* the row GTK's focus tracker is on */
  guint64 chosen_seq;        /* the oldest row its selection tracker may be on */

  guint tick_id;
  GdkFrameClock *frame_clock;
  gulong layout_id;
  gulong before_paint_id;
  gulong after_paint_id;
  gboolean in_frame;
  gboolean follow;
  gboolean paused;
  guint64 pause_end;
  guint64 shown_new;
  gint64 last_count_us;
  gboolean counted_empty;
  guint frames_unflushed;    /* frames since the table last took new rows */
  gint64 last_flush_us;      /* the frame time when it did */
  gboolean flooding;         /* which filled a page or more a frame: the next ones wait a little */
  /* sock-message-view-tail.c */
  GListStore *tail;          /* one item per row of a page, showing the newest messages */
  GtkSingleSelection *tail_selection;
  GtkColumnView *tail_view;  /* the table that shows them, in the content stack's "tail" page */
  gboolean in_tail;          /* the tail's table is shown, not the list's */
  guint64 tail_choice;       /* a row chosen in the tail, to choose in the list */
  double tail_choice_offset; /* its distance from the table's top */
  guint64 refocus_seq;       /* the row to give the keyboard focus back to once laid out */
  gint64 tail_flood_us;      /* the last frame that took a flood's rows */
  GArray *tail_older;        /* guint64: the seqs the tail's upper rows show in the next frames */
  guint tail_older_step;     /* how many of them each frame */

  guint n_toasts;            /* added and not yet dismissed */
  char *pattern_error;       /* why the filter's regular expression is not one */
  char *uri_prefix;          /* the Topics node whose messages are shown, or NULL */
  guint64 selected_seq;      /* the row the user chose, kept while a filter hides it */
  guint64 anchor_seq;        /* the row to keep in place when the filter changes */
  double anchor_offset;      /* its distance from the top of the table, in pixels */
  gboolean anchor_pending;   /* scroll to it once the table is laid out */

  /* The columns that fit the table's width (sock-message-view-columns.c) */
  guint fit_id;
  GPtrArray *hidden_columns;
  int uri_width;
  gboolean uri_narrowed;
};

/* sock-message-view-actions.c */
void _sock_message_view_install_actions (GtkWidgetClass *widget_class);

/* sock-message-view-status.c */
void _sock_message_view_update_dropped  (SockMessageView *self);
void _sock_message_view_update_count    (SockMessageView *self);
void _sock_message_view_update_overlays (SockMessageView *self);
void _sock_message_view_update_page     (SockMessageView *self);
void _sock_message_view_update_new_pill (SockMessageView *self);

/* sock-message-view-tail.c */
void _sock_message_view_init_tail      (SockMessageView *self);
void _sock_message_view_dispose_tail   (SockMessageView *self);
void _sock_message_view_check_tail     (SockMessageView *self);
void _sock_message_view_update_tail    (SockMessageView *self,
                                        guint            page,
                                        guint            added,
                                        guint            frames,
                                        gint64           now);
void _sock_message_view_leave_tail     (SockMessageView *self);
/* Every frame: the tail's next upper rows take the messages its last update left them. */
void _sock_message_view_finish_tail    (SockMessageView *self);
/* The list's table is shown again, as it was (another log or list). */
void _sock_message_view_drop_tail      (SockMessageView *self);
/* A twin of column for the tail's table, which follows its width and title (-columns.c). */
void _sock_message_view_add_tail_column (SockMessageView     *self,
                                         GtkColumnViewColumn *column);

/* sock-message-view-columns.c */
void _sock_message_view_init_columns   (SockMessageView *self);
/* The counts and the dropped note again, digits grouped as Preferences say now. */
void _sock_message_view_update_counts  (SockMessageView *self);
/* Fits the columns to the table's width after this frame (the width changed). */
void _sock_message_view_refit_columns  (SockMessageView *self);
/* Sets the cells of the tail's rows at positions [from, to) again from their items. */
void _sock_message_view_rebind_rows    (SockMessageView *self,
                                        guint            from,
                                        guint            to);

/* sock-message-view-filter.c */
void _sock_message_view_init_filter    (SockMessageView *self);
/* After a layout: puts the anchored row back where it was before the filter changed. */
void _sock_message_view_restore_anchor (SockMessageView *self);
/* The list's row of message seq, or GTK_INVALID_LIST_POSITION. */
guint _sock_message_view_position_of   (SockMessageView *self,
                                        guint64          seq);
guint _sock_message_view_rows_after    (SockMessageView *self,
                                        guint64          seq);
void _sock_message_view_refresh_types  (SockMessageView *self);
/* Chooses message seq and scrolls to it; a toast says why when it is not shown. */
void _sock_message_view_show_seq       (SockMessageView *self,
                                        guint64          seq);

/* sock-message-view-table.c */
void _sock_message_view_init_table     (SockMessageView *self);
void _sock_message_view_set_table_list (SockMessageView *self,
                                        SockMessageList *list);
/* Once per frame, before the table hears of new rows. */
void _sock_message_view_note_focus     (SockMessageView *self);
/* The table shown: the list's, or the tail's while it shows a flood in place. */
GtkColumnView *_sock_message_view_table (SockMessageView *self);
int            _sock_message_view_row_height (SockMessageView *self);
/* The row of the table shown (or of table) that holds the keyboard focus, or NULL. */
GtkWidget *_sock_message_view_focused_row (SockMessageView *self);
GtkWidget *_sock_message_view_focused_row_in (SockMessageView *self,
                                              GtkColumnView   *table);
guint64 _sock_message_view_row_seq     (GtkWidget       *row);
void _sock_message_view_focus_seq      (SockMessageView *self,
                                        guint64          seq);
void _sock_message_view_focus_position (SockMessageView *self,
                                        guint            position);
void _sock_message_view_hold_focus     (SockMessageView *self);
void _sock_message_view_retake_model   (SockMessageView *self);

/* sock-message-view-io.c */
void _sock_message_view_export_action  (GtkWidget       *widget,
                                        const char      *action_name,
                                        GVariant        *parameter);
void _sock_message_view_open_action    (GtkWidget       *widget,
                                        const char      *action_name,
                                        GVariant        *parameter);
void _sock_message_view_show_log       (SockMessageView *self,
                                        SockMessageLog  *log);
void _sock_message_view_update_status (SockMessageView *self);
/* An error is shown at once, ahead of other toasts. */
void _sock_message_view_toast          (SockMessageView *self,
                                        const char      *text,
                                        gboolean         error);

G_END_DECLS
