/* test-topics-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Topics view tests share: a row of the tree found by its path through the expander a
 * user sees, expanded as its click does, and the text of its cells.
 */

#pragma once

#include "sock-topic-view.h"
#include "test-ui-util.h"

static inline gboolean
expander_is (GtkWidget  *widget,
             const char *path)
{
  GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (widget));
  g_autoptr(SockTopicNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  return node != NULL && g_str_equal (sock_topic_node_get_path (node), path);
}

/* The expander a user sees in the row of path. */
static inline GtkWidget *
find_expander (SockTopicView *view,
               const char    *path)
{
  return find_widget (GTK_WIDGET (view), GTK_TYPE_TREE_EXPANDER, expander_is, path);
}

typedef struct
{
  SockTopicView *view;
  const char    *path;
} RowQuery;

/* The row shows an expander arrow (a row that has gone since is no longer expandable). */
static inline gboolean
row_expandable (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *expander = find_expander (query->view, query->path);

  return expander != NULL && gtk_tree_list_row_is_expandable (gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander)));
}

/* Expands the row of path as its expander's click does. */
static inline void
expand (SockTopicView *view,
        const char    *path)
{
  RowQuery query = { view, path };

  g_assert_true (wait_for (row_expandable, &query));
  g_assert_true (gtk_widget_activate_action (find_expander (view, path), "listitem.expand", NULL));
}

/* The text a row's cell shows, column: 1 count, 2 rate, 4 last value, 5 time since; NULL while
 * the row is not on screen. */
static inline const char *
cell_text (SockTopicView *view,
           const char    *path,
           guint          column)
{
  GtkWidget *expander = find_expander (view, path);
  GtkWidget *row, *cell;

  if (expander == NULL)
    return NULL;
  row = gtk_widget_get_parent (gtk_widget_get_parent (expander));
  cell = gtk_widget_get_first_child (row);
  for (guint i = 0; i < column && cell != NULL; i++)
    cell = gtk_widget_get_next_sibling (cell);
  g_assert_nonnull (cell);
  return gtk_inscription_get_text (GTK_INSCRIPTION (gtk_widget_get_first_child (cell)));
}

/* A count as shown, "1,234" or "1 234": its digits only. */
static inline guint64
count_of (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_ascii_strtoull (digits->str, NULL, 10);
}
