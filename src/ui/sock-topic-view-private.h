/* sock-topic-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of SockTopicView: the widget, its tree model, filter and selection
 * (sock-topic-view.c), its cells (-cells.c) and its actions and menu (-actions.c).
 */

#pragma once

#include <adwaita.h>

#include "sock-topic-view.h"

G_BEGIN_DECLS

typedef enum
{
  TOPIC_CELL_NAME,
  TOPIC_CELL_COUNT,
  TOPIC_CELL_RATE,
  TOPIC_CELL_ACTIVITY,
  TOPIC_CELL_VALUE,
  TOPIC_CELL_AGO,
  TOPIC_N_CELLS
} TopicCell;

struct _SockTopicView
{
  GtkWidget            parent_instance;

  SockConnection      *connection;
  SockMessageLog      *log;
  SockTopicTree       *tree;
  GtkTreeListModel    *rows;
  GtkFilterListModel  *roots;
  GtkCustomFilter     *filter;
  char                *needle;        /* the filter text in lower case, NULL for none */
  char                *uri_prefix;
  guint                tick_id;
  guint                catch_up_id;   /* reads the log while the view is hidden */
  guint                catch_up_ms;
  guint                n_uris;        /* when the tick last looked */
  guint                n_roots;
  gboolean             choosing;      /* the selection is being set from uri-prefix */
  GHashTable          *cells[TOPIC_N_CELLS];  /* the GtkListItems bound, per column */
  GtkWidget           *menu;          /* the context menu while it is open */

  /* template */
  GtkSearchEntry      *search_entry;
  GtkWidget           *subscribe_button;
  GtkLabel            *summary_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkColumnViewColumn *columns[TOPIC_N_CELLS];
  GMenuModel          *node_menu;
};

/* sock-topic-view.c */
SockTopicNode *_sock_topic_view_get_selected      (SockTopicView *self);

/* sock-topic-view-cells.c */
void           _sock_topic_view_init_columns      (SockTopicView *self);
void           _sock_topic_view_finalize_columns  (SockTopicView *self);
/* Brings every cell on screen up to date; cheap when nothing changed. */
void           _sock_topic_view_refresh_cells     (SockTopicView *self);
/* Shows the counts and rates on screen again, after digit grouping was turned on or off. */
void           _sock_topic_view_regroup_cells     (SockTopicView *self);
/* The widget showing the node's name in the row at position, or NULL when it is not on screen. */
GtkWidget     *_sock_topic_view_get_row_widget    (SockTopicView *self,
                                                   guint          position);

/* sock-topic-view-actions.c */
void           _sock_topic_view_install_actions   (GtkWidgetClass *widget_class);
void           _sock_topic_view_update_actions    (SockTopicView *self);
/* Opens the node menu pointing at widget (a row's cell) at x, y, or at the chosen row. */
void           _sock_topic_view_popup_menu        (SockTopicView *self,
                                                   GtkWidget     *widget,
                                                   double         x,
                                                   double         y);

G_END_DECLS
