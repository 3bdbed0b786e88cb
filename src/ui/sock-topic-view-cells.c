/* sock-topic-view-cells.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells of the Topics view. Nodes notify at most once per batch, but a cell bound to those
 * notifications would still work while the view is hidden; instead the view's tick refreshes
 * the cells on screen once per frame, each from the values it showed last (a handful of rows,
 * a comparison each when nothing changed). Texts are GtkInscriptions, which do not re-measure
 * on every change as labels do.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-message-item.h"
#include "sock-number-format.h"
#include "sock-safe-text.h"
#include "sock-topic-sparkline.h"
#include "sock-topic-view-private.h"

/* How often a row's last value may change on screen: faster cannot be read, and each costs a
 * decode of the payload. */
#define VALUE_INTERVAL_US (G_USEC_PER_SEC / 8)
/* What a last value shows at most, in characters. */
#define VALUE_MAX_CHARS 200

/* What a cell showed last, kept on its list item. */
typedef struct
{
  SockTopicNode *node;       /* not a ref: the list item holds its row */
  gboolean       fresh;      /* just bound: everything is shown again */
  guint64        count;
  double         rate;
  guint64        value_seq;
  gint64         value_us;
  gint64         ago_s;
} CellState;

static const char *cell_key = "sock-topic-cell";

static SockTopicNode *
item_node (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The node of a list item's row, owned by the row. */
static SockTopicNode *
borrowed_node (GtkListItem *list_item)
{
  g_autoptr(SockTopicNode) node = item_node (list_item);

  return node;
}

static GtkWidget *
new_inscription (float       xalign,
                 const char *css_class)
{
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_nat_lines (cell, 1);
  gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (cell, xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (cell), css_class);
  return GTK_WIDGET (cell);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *list_item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  SockTopicView *self = SOCK_TOPIC_VIEW (gtk_widget_get_ancestor (cell, SOCK_TYPE_TOPIC_VIEW));

  if (self == NULL || gtk_list_item_get_item (list_item) == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  _sock_topic_view_popup_menu (self, cell, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static GtkWidget *
new_name_cell (GtkListItem *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *name = new_inscription (0, NULL);

  /* the expander gives its child only its natural width otherwise */
  gtk_widget_set_hexpand (name, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), name);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));
  return expander;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TopicCell kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "sock-cell"));
  GtkWidget *child = NULL;

  switch (kind)
    {
    case TOPIC_CELL_NAME: child = new_name_cell (list_item); break;
    case TOPIC_CELL_COUNT: child = new_inscription (1, "numeric"); break;
    case TOPIC_CELL_RATE: child = new_inscription (1, "numeric"); break;
    case TOPIC_CELL_ACTIVITY: child = sock_topic_sparkline_new (); break;
    case TOPIC_CELL_VALUE: child = new_inscription (0, "monospace"); break;
    case TOPIC_CELL_AGO: child = new_inscription (1, "dim-label"); break;
    case TOPIC_N_CELLS:
    default: g_assert_not_reached ();
    }
  gtk_list_item_set_child (list_item, child);
  g_object_set_data_full (G_OBJECT (list_item), cell_key, g_new0 (CellState, 1), g_free);
}

static void
set_text (GtkWidget  *cell,
          const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static void
refresh_value (GtkWidget     *cell,
               CellState     *state,
               SockTopicView *self,
               gint64         now_us)
{
  guint64 seq;
  g_autoptr(SockMessageItem) item = NULL;
  g_autofree char *text = NULL;

  if (!sock_topic_node_get_value_seq (state->node, &seq))
    {
      if (state->fresh)
        set_text (cell, "");
      return;
    }
  if (!state->fresh && (seq == state->value_seq || now_us - state->value_us < VALUE_INTERVAL_US))
    return;
  state->value_seq = seq;
  state->value_us = now_us;
  item = sock_message_item_new (self->log, seq);
  /* gone from the log since: what was shown stays */
  if (sock_message_item_get_evicted (item) && !state->fresh)
    return;
  text = sock_safe_text (sock_message_item_get_preview (item), -1, VALUE_MAX_CHARS, SOCK_SAFE_TEXT_ONE_LINE);
  set_text (cell, text);
}

static char *
format_ago (gint64 seconds)
{
  if (seconds < 1)
    return g_strdup (_("just now"));
  if (seconds < 60)
    return g_strdup_printf (ngettext ("%u s ago", "%u s ago", (guint) seconds), (guint) seconds);
  if (seconds < 3600)
    return g_strdup_printf (ngettext ("%u min ago", "%u min ago", (guint) (seconds / 60)), (guint) (seconds / 60));
  return g_strdup_printf (ngettext ("%u h ago", "%u h ago", (guint) (seconds / 3600)), (guint) (seconds / 3600));
}

static void
refresh_ago (GtkWidget *cell,
             CellState *state,
             gint64     now_real)
{
  gint64 last = sock_topic_node_get_last_time (state->node);
  gint64 seconds = last > 0 ? MAX (0, now_real - last) / G_USEC_PER_SEC : -1;
  g_autofree char *text = NULL;

  if (!state->fresh && seconds == state->ago_s)
    return;
  state->ago_s = seconds;
  text = seconds >= 0 ? format_ago (seconds) : g_strdup ("");
  set_text (cell, text);
}

static void
refresh_cell (SockTopicView *self,
              TopicCell      kind,
              GtkListItem   *list_item,
              gint64         now_us,
              gint64         now_real)
{
  CellState *state = g_object_get_data (G_OBJECT (list_item), cell_key);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  double history[SOCK_TOPIC_HISTORY];
  g_autofree char *text = NULL;

  switch (kind)
    {
    case TOPIC_CELL_COUNT:
      if (state->fresh || sock_topic_node_get_count (state->node) != state->count)
        {
          state->count = sock_topic_node_get_count (state->node);
          text = sock_format_count (state->count);
          set_text (cell, text);
        }
      break;
    case TOPIC_CELL_RATE:
      if (state->fresh || sock_topic_node_get_rate (state->node) != state->rate)
        {
          state->rate = sock_topic_node_get_rate (state->node);
          text = sock_format_rate (state->rate);
          set_text (cell, text);
        }
      break;
    case TOPIC_CELL_ACTIVITY:
      sock_topic_sparkline_set_values (SOCK_TOPIC_SPARKLINE (cell), history,
                                       sock_topic_node_copy_history (state->node, history));
      break;
    case TOPIC_CELL_VALUE:
      refresh_value (cell, state, self, now_us);
      break;
    case TOPIC_CELL_AGO:
      refresh_ago (cell, state, now_real);
      break;
    case TOPIC_CELL_NAME:
    case TOPIC_N_CELLS:
    default:
      break;
    }
  state->fresh = FALSE;
}

static void
bind_name (GtkListItem   *list_item,
           SockTopicNode *node)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *label = gtk_tree_expander_get_child (expander);

  gtk_tree_expander_set_list_row (expander, gtk_list_item_get_item (list_item));
  set_text (label, sock_topic_node_get_name (node));
  gtk_widget_set_tooltip_text (label, sock_topic_node_get_path (node));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sock_topic_node_get_path (node), -1);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SockTopicView            *self)
{
  TopicCell kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "sock-cell"));
  CellState *state = g_object_get_data (G_OBJECT (list_item), cell_key);
  SockTopicNode *node = borrowed_node (list_item);

  if (node == NULL)
    return;
  *state = (CellState) { .node = node, .fresh = TRUE };
  if (kind == TOPIC_CELL_NAME)
    {
      bind_name (list_item, node);
      return;
    }
  g_hash_table_add (self->cells[kind], list_item);
  refresh_cell (self, kind, list_item, g_get_monotonic_time (), g_get_real_time ());
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SockTopicView            *self)
{
  TopicCell kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "sock-cell"));
  CellState *state = g_object_get_data (G_OBJECT (list_item), cell_key);

  if (kind == TOPIC_CELL_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
  g_hash_table_remove (self->cells[kind], list_item);
  if (state != NULL)
    state->node = NULL;
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SockTopicView            *self)
{
  TopicCell kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "sock-cell"));

  g_hash_table_remove (self->cells[kind], list_item);
}

void
_sock_topic_view_regroup_cells (SockTopicView *self)
{
  for (TopicCell kind = TOPIC_CELL_COUNT; kind <= TOPIC_CELL_RATE; kind++)
    {
      GHashTableIter iter;
      gpointer list_item;

      g_hash_table_iter_init (&iter, self->cells[kind]);
      while (g_hash_table_iter_next (&iter, &list_item, NULL))
        {
          CellState *state = g_object_get_data (G_OBJECT (list_item), cell_key);

          state->fresh = TRUE;
          refresh_cell (self, kind, list_item, g_get_monotonic_time (), g_get_real_time ());
        }
    }
}

void
_sock_topic_view_refresh_cells (SockTopicView *self)
{
  gint64 now_us = g_get_monotonic_time (), now_real = g_get_real_time ();

  for (TopicCell kind = TOPIC_CELL_COUNT; kind < TOPIC_N_CELLS; kind++)
    {
      GHashTableIter iter;
      gpointer list_item;

      g_hash_table_iter_init (&iter, self->cells[kind]);
      while (g_hash_table_iter_next (&iter, &list_item, NULL))
        refresh_cell (self, kind, list_item, now_us, now_real);
    }
}

GtkWidget *
_sock_topic_view_get_row_widget (SockTopicView *self,
                                 guint          position)
{
  GHashTableIter iter;
  gpointer list_item;

  /* the name cells are not refreshed, so the count column stands for the row */
  g_hash_table_iter_init (&iter, self->cells[TOPIC_CELL_COUNT]);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    if (gtk_list_item_get_position (list_item) == position)
      return gtk_list_item_get_child (list_item);
  return NULL;
}

void
_sock_topic_view_init_columns (SockTopicView *self)
{
  for (TopicCell kind = 0; kind < TOPIC_N_CELLS; kind++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      self->cells[kind] = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_object_set_data (G_OBJECT (factory), "sock-cell", GINT_TO_POINTER (kind));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
      g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), self);
      gtk_column_view_column_set_factory (self->columns[kind], factory);
      g_object_unref (factory);
    }
}

void
_sock_topic_view_finalize_columns (SockTopicView *self)
{
  for (TopicCell kind = 0; kind < TOPIC_N_CELLS; kind++)
    g_clear_pointer (&self->cells[kind], g_hash_table_unref);
}
