/* sock-message-view-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells of the Messages table. Each is a GtkInscription (a GtkLabel re-measures its text
 * on every rebind, which halves the frame rate under a flood), or one in a SockMessageCell, set
 * directly in "bind": at 100k rows/s most visible rows are rebound every frame, and the type and
 * size columns need formatting that a <lookup> expression cannot do without a closure per cell.
 *
 * When the table is narrow, the columns that matter least give way so that the Preview keeps
 * room: first Size, then URI narrows, then Time and Type go.
 */

#include "config.h"

#include "sock-message-cell.h"
#include "sock-message-format.h"
#include "sock-message-view-private.h"
#include "sock-number-format.h"
#include "sock-time-format.h"

typedef enum
{
  CELL_TIME,
  CELL_DIRECTION,
  CELL_TYPE,
  CELL_URI,
  CELL_SIZE,
  CELL_PREVIEW,
} CellKind;

/* With a CellKind in a factory's data: a cell of the tail's table (sock-message-view-tail.c). */
#define TAIL_CELL 0x100

static const char *direction_classes[] = { "received", "sent", "note" };

/* A cell is a SockMessageCell in the tail's table, whose rows show other messages all the time
 * and must tell GTK so (sock-message-cell.c), and for URIs; elsewhere the GtkInscription alone,
 * as the list's table has ~200 rows of cells that each column measures. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data) & ~TAIL_CELL;
  GtkWidget *cell;
  GtkInscription *label;

  if ((GPOINTER_TO_INT (user_data) & TAIL_CELL) != 0 || kind == CELL_URI)
    {
      cell = sock_message_cell_new ();
      label = sock_message_cell_get_label (SOCK_MESSAGE_CELL (cell));
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      label = GTK_INSCRIPTION (cell);
      gtk_inscription_set_nat_lines (label, 1);
      gtk_inscription_set_text_overflow (label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
    }

  switch (kind)
    {
    case CELL_TIME:
      /* Not "dim-label": its opacity makes cairo draw every cell through an offscreen group. */
      gtk_widget_add_css_class (cell, "monospace");
      gtk_widget_add_css_class (cell, "time");
      break;
    case CELL_DIRECTION:
      gtk_inscription_set_xalign (label, 0.5);
      gtk_widget_add_css_class (cell, "direction");
      break;
    case CELL_TYPE:
      gtk_widget_add_css_class (cell, "message-type");
      break;
    case CELL_URI:
      break;
    case CELL_SIZE:
      gtk_inscription_set_xalign (label, 1.0);
      gtk_widget_add_css_class (cell, "monospace");
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case CELL_PREVIEW:
      gtk_widget_add_css_class (cell, "monospace");
      gtk_widget_add_css_class (cell, "preview");
      break;
    default:
      g_assert_not_reached ();
    }
  /* rebind_cells() finds the cells by these */
  g_object_set_data (G_OBJECT (cell), "sock-list-item", list_item);
  g_object_set_data (G_OBJECT (cell), "sock-kind", GINT_TO_POINTER (kind + 1));
  gtk_list_item_set_child (list_item, cell);
}

static GtkInscription *
cell_label (GtkWidget *cell)
{
  return SOCK_IS_MESSAGE_CELL (cell) ? sock_message_cell_get_label (SOCK_MESSAGE_CELL (cell)) : GTK_INSCRIPTION (cell);
}

/* A direction cell changes its class and accessible name only when its row's direction does. */
static void
bind_direction (GtkWidget       *cell,
                SockMessageItem *item)
{
  guint direction = MIN (sock_message_item_get_direction (item), G_N_ELEMENTS (direction_classes) - 1);
  guint previous = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "direction"));

  gtk_inscription_set_text (cell_label (cell), sock_message_format_arrow (direction));
  if (previous == direction + 1)
    return;
  if (previous != 0)
    gtk_widget_remove_css_class (cell, direction_classes[previous - 1]);
  gtk_widget_add_css_class (cell, direction_classes[direction]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell_label (cell)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sock_message_format_direction (direction), -1);
  g_object_set_data (G_OBJECT (cell), "direction", GUINT_TO_POINTER (direction + 1));
}

static GQuark origin_quark;

/* Relative times count from the log's first row: when the tab connected (its first note), or
 * where a recording begins. Kept on the log, so that it outlives the rows evicted after it. */
static gint64
time_origin (SockMessageLog  *log,
             SockMessageItem *item)
{
  gint64 *origin = g_object_get_qdata (G_OBJECT (log), origin_quark);
  SockLogEntry first;

  if (origin != NULL)
    return *origin;
  origin = g_new (gint64, 1);
  if (sock_message_log_peek (log, sock_message_log_get_first_seq (log), &first, NULL, NULL))
    *origin = first.time_us;
  else
    *origin = sock_message_item_get_time_us (item);
  g_object_set_qdata_full (G_OBJECT (log), origin_quark, origin, g_free);
  return *origin;
}

static void
bind_cell (SockMessageView *view,
           GtkWidget       *cell,
           SockMessageItem *item,
           CellKind         kind)
{
  GtkInscription *label = cell_label (cell);
  char size[32];

  if (SOCK_IS_MESSAGE_CELL (cell))
    sock_message_cell_set_seq (SOCK_MESSAGE_CELL (cell), sock_message_item_get_seq (item));
  switch (kind)
    {
    case CELL_TIME:
      gtk_inscription_set_text (label, sock_time_format_text (sock_message_item_get_time_us (item),
                                                              view->log ? time_origin (view->log, item) : 0,
                                                              sock_message_item_get_time_text (item), size));
      break;
    case CELL_DIRECTION:
      bind_direction (cell, item);
      break;
    case CELL_TYPE:
      gtk_inscription_set_text (label, sock_message_item_get_evicted (item) ? "" :
                                sock_message_format_type_name (sock_message_item_get_kind (item),
                                                               sock_message_item_get_msg_type (item)));
      break;
    case CELL_URI:
      sock_message_cell_set_uri (SOCK_MESSAGE_CELL (cell), sock_message_item_get_uri (item));
      break;
    case CELL_SIZE:
      sock_message_format_size (sock_message_item_get_size (item), size, sizeof size);
      gtk_inscription_set_text (label, sock_message_item_get_evicted (item) ? "" : size);
      break;
    case CELL_PREVIEW:
      gtk_inscription_set_text (label, sock_message_item_get_preview (item));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  SockMessageItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    bind_cell (g_object_get_data (G_OBJECT (factory), "sock-view"), gtk_list_item_get_child (list_item), item,
               GPOINTER_TO_INT (user_data) & ~TAIL_CELL);
}

/* For rebind_cells (): every kind. */
#define ALL_CELLS ((CellKind) -1)

/* Binds the shown cells of kind (or all) again, e.g. after Preferences changed how they read;
 * only those of the rows at positions [from, to). */
static void
rebind_cells (SockMessageView *self,
              GtkWidget       *widget,
              CellKind         kind,
              guint            from,
              guint            to)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "sock-list-item");
  int cell_kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "sock-kind")) - 1;

  if (list_item != NULL && cell_kind >= 0 && (kind == ALL_CELLS || cell_kind == (int) kind))
    {
      SockMessageItem *item = gtk_list_item_get_item (list_item);
      guint position = gtk_list_item_get_position (list_item);

      if (item != NULL && position >= from && position < to)
        bind_cell (self, widget, item, cell_kind);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rebind_cells (self, child, kind, from, to);
}

/* The tail's rows point at other messages (sock-message-view-tail.c). */
void
_sock_message_view_rebind_rows (SockMessageView *self,
                                guint            from,
                                guint            to)
{
  rebind_cells (self, GTK_WIDGET (self->tail_view), ALL_CELLS, from, to);
}

static void
rebind_tables (SockMessageView *self,
               CellKind         kind)
{
  rebind_cells (self, GTK_WIDGET (self->column_view), kind, 0, G_MAXUINT);
  if (self->tail_view != NULL)
    rebind_cells (self, GTK_WIDGET (self->tail_view), kind, 0, G_MAXUINT);
}

/* The tail's twin of a column of the list's table. */
static GtkColumnViewColumn *
twin (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "sock-twin");
}

/* The factory of cells of kind (with TAIL_CELL for the tail's table). */
static GtkListItemFactory *
new_factory (SockMessageView *self,
             int              kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "sock-view", self);
  g_object_set_data (G_OBJECT (factory), "sock-kind", GINT_TO_POINTER (kind + 1));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (kind));
  return factory;
}

void
_sock_message_view_add_tail_column (SockMessageView     *self,
                                    GtkColumnViewColumn *column)
{
  GtkColumnViewColumn *copy = gtk_column_view_column_new (NULL, NULL);
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_column_view_column_get_factory (column)), "sock-kind")) - 1;
  g_autoptr(GtkListItemFactory) factory = new_factory (self, kind | TAIL_CELL);

  gtk_column_view_column_set_factory (copy, factory);
  gtk_column_view_column_set_expand (copy, gtk_column_view_column_get_expand (column));
  gtk_column_view_column_set_resizable (copy, gtk_column_view_column_get_resizable (column));
  g_object_bind_property (column, "title", copy, "title", G_BINDING_SYNC_CREATE);
  /* a column made wider in either table is as wide in the other */
  g_object_bind_property (column, "fixed-width", copy, "fixed-width",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_set_data_full (G_OBJECT (column), "sock-twin", copy, g_object_unref);
  if (gtk_column_view_column_get_column_view (column) == self->column_view)
    gtk_column_view_append_column (self->tail_view, copy);
}

static void
set_factory (SockMessageView     *self,
             GtkColumnViewColumn *column,
             CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = new_factory (self, kind);

  gtk_column_view_column_set_factory (column, factory);
}

/* What the Preview column keeps at least, and what the URI column narrows to. */
#define PREVIEW_MIN_WIDTH 160
#define NARROW_URI_WIDTH 140

typedef struct
{
  gboolean time;
  gboolean type;
  gboolean size;
  gboolean narrow_uri;
} ColumnFit;

/* From the widest to the narrowest; the first that fits is taken. */
static const ColumnFit fits[] = {
  { TRUE, TRUE, TRUE, FALSE },
  { TRUE, TRUE, FALSE, FALSE },
  { TRUE, TRUE, FALSE, TRUE },
  { FALSE, TRUE, FALSE, TRUE },
  { FALSE, FALSE, FALSE, TRUE },
};

static int
fit_width (SockMessageView *self,
           const ColumnFit *fit)
{
  return gtk_column_view_column_get_fixed_width (self->direction_column)
         + (fit->time ? gtk_column_view_column_get_fixed_width (self->time_column) : 0)
         + (fit->type ? gtk_column_view_column_get_fixed_width (self->type_column) : 0)
         + (fit->size ? gtk_column_view_column_get_fixed_width (self->size_column) : 0)
         + (fit->narrow_uri ? MIN (self->uri_width, NARROW_URI_WIDTH) : self->uri_width)
         + PREVIEW_MIN_WIDTH;
}

static gboolean
column_shown (SockMessageView     *self,
              GtkColumnViewColumn *column)
{
  return gtk_column_view_column_get_column_view (column) == self->column_view;
}

/* Shows or hides column in table, at its place among the columns in order. */
static void
place_column (GtkColumnView        *table,
              GtkColumnViewColumn  *column,
              GtkColumnViewColumn **order,
              guint                 n_order,
              gboolean              shown)
{
  guint position = 0;

  if (!shown)
    {
      gtk_column_view_remove_column (table, column);
      return;
    }
  for (guint i = 0; i < n_order && order[i] != column; i++)
    if (gtk_column_view_column_get_column_view (order[i]) == table)
      position++;
  gtk_column_view_insert_column (table, position, column);
}

/* Hidden columns leave the table: GTK 4.8 still counts an invisible column's width when it
 * shares out the rest, which left the Preview column at its minimum. */
static void
show_column (SockMessageView     *self,
             GtkColumnViewColumn *column,
             gboolean             shown)
{
  GtkColumnViewColumn *order[] = { self->time_column, self->direction_column, self->type_column,
                                   self->uri_column, self->size_column, self->preview_column };
  GtkColumnViewColumn *twins[G_N_ELEMENTS (order)];

  if (shown == column_shown (self, column))
    return;
  if (!shown)
    g_ptr_array_add (self->hidden_columns, g_object_ref (column));
  place_column (self->column_view, column, order, G_N_ELEMENTS (order), shown);
  if (shown)
    g_ptr_array_remove (self->hidden_columns, column);
  /* the tail's table shows the same columns */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    twins[i] = twin (order[i]);
  if (twin (column) != NULL)
    place_column (self->tail_view, twin (column), twins, G_N_ELEMENTS (twins), shown);
}

static gboolean
fit_columns (gpointer data)
{
  SockMessageView *self = data;
  /* the shown table's scroller: the list's or the tail's, of the same size */
  int width = gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (_sock_message_view_table (self))));
  const ColumnFit *fit = &fits[G_N_ELEMENTS (fits) - 1];

  self->fit_id = 0;
  /* The URI column keeps the width the user gave it while it is not narrowed. */
  if (!self->uri_narrowed)
    self->uri_width = gtk_column_view_column_get_fixed_width (self->uri_column);
  for (guint i = 0; i < G_N_ELEMENTS (fits); i++)
    if (fit_width (self, &fits[i]) <= width)
      {
        fit = &fits[i];
        break;
      }
  show_column (self, self->time_column, fit->time);
  show_column (self, self->type_column, fit->type);
  show_column (self, self->size_column, fit->size);
  gtk_column_view_column_set_fixed_width (self->uri_column,
                                          fit->narrow_uri ? MIN (self->uri_width, NARROW_URI_WIDTH)
                                                          : self->uri_width);
  self->uri_narrowed = fit->narrow_uri;
  return G_SOURCE_REMOVE;
}

/* The width is known during the allocation, which must not change the columns: after it. */
void
_sock_message_view_refit_columns (SockMessageView *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_columns, self, NULL);
}

/* Preferences changed: the rows already shown follow at once. */
static void
time_format_changed_cb (SockMessageView *self)
{
  rebind_tables (self, CELL_TIME);
}

static void
grouping_changed_cb (SockMessageView *self)
{
  rebind_tables (self, CELL_SIZE);
  _sock_message_view_update_counts (self);
}

void
_sock_message_view_init_columns (SockMessageView *self)
{
  if (origin_quark == 0)
    origin_quark = g_quark_from_static_string ("sock-time-origin");
  self->hidden_columns = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (_sock_message_view_refit_columns), self, G_CONNECT_SWAPPED);
  set_factory (self, self->time_column, CELL_TIME);
  set_factory (self, self->direction_column, CELL_DIRECTION);
  set_factory (self, self->type_column, CELL_TYPE);
  set_factory (self, self->uri_column, CELL_URI);
  set_factory (self, self->size_column, CELL_SIZE);
  set_factory (self, self->preview_column, CELL_PREVIEW);
  sock_time_format_watch (G_CALLBACK (time_format_changed_cb), self);
  sock_number_format_watch (G_CALLBACK (grouping_changed_cb), self);
}
