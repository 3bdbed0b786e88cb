/* sock-message-view-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells of the Messages table. Each is a GtkInscription (a GtkLabel re-measures its text
 * on every rebind, which halves the frame rate under a flood), set directly in "bind": at 100k
 * rows/s most visible rows are rebound every frame, and the type and size columns need
 * formatting that a <lookup> expression cannot do without a closure per cell.
 */

#include "config.h"

#include "sock-message-format.h"
#include "sock-message-view-private.h"
#include "sock-uri-cell.h"

typedef enum
{
  CELL_TIME,
  CELL_DIRECTION,
  CELL_TYPE,
  CELL_URI,
  CELL_SIZE,
  CELL_PREVIEW,
} CellKind;

static const char *direction_classes[] = { "received", "sent", "note" };

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  GtkInscription *cell;

  if (kind == CELL_URI)
    {
      gtk_list_item_set_child (list_item, sock_uri_cell_new ());
      return;
    }
  cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_nat_lines (cell, 1);
  gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  switch (kind)
    {
    case CELL_TIME:
      /* Not "dim-label": its opacity makes cairo draw every cell through an offscreen group. */
      gtk_widget_add_css_class (GTK_WIDGET (cell), "monospace");
      gtk_widget_add_css_class (GTK_WIDGET (cell), "time");
      break;
    case CELL_DIRECTION:
      gtk_inscription_set_xalign (cell, 0.5);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "direction");
      break;
    case CELL_TYPE:
      gtk_widget_add_css_class (GTK_WIDGET (cell), "message-type");
      break;
    case CELL_SIZE:
      gtk_inscription_set_xalign (cell, 1.0);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "monospace");
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
      break;
    case CELL_PREVIEW:
      gtk_widget_add_css_class (GTK_WIDGET (cell), "monospace");
      gtk_widget_add_css_class (GTK_WIDGET (cell), "preview");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_list_item_set_child (list_item, GTK_WIDGET (cell));
}

/* A direction cell changes its class and accessible name only when its row's direction does. */
static void
bind_direction (GtkInscription  *cell,
                SockMessageItem *item)
{
  guint direction = MIN (sock_message_item_get_direction (item), G_N_ELEMENTS (direction_classes) - 1);
  guint previous = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "direction"));

  gtk_inscription_set_text (cell, sock_message_format_arrow (direction));
  if (previous == direction + 1)
    return;
  if (previous != 0)
    gtk_widget_remove_css_class (GTK_WIDGET (cell), direction_classes[previous - 1]);
  gtk_widget_add_css_class (GTK_WIDGET (cell), direction_classes[direction]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sock_message_format_direction (direction), -1);
  g_object_set_data (G_OBJECT (cell), "direction", GUINT_TO_POINTER (direction + 1));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkInscription *cell = GTK_IS_INSCRIPTION (child) ? GTK_INSCRIPTION (child) : NULL;
  SockMessageItem *item = gtk_list_item_get_item (list_item);
  char size[32];

  if (item == NULL)
    return;
  switch (kind)
    {
    case CELL_TIME:
      gtk_inscription_set_text (cell, sock_message_item_get_time_text (item));
      break;
    case CELL_DIRECTION:
      bind_direction (cell, item);
      break;
    case CELL_TYPE:
      gtk_inscription_set_text (cell, sock_message_item_get_evicted (item) ? "" :
                                sock_message_format_type_name (sock_message_item_get_kind (item),
                                                               sock_message_item_get_msg_type (item)));
      break;
    case CELL_URI:
      sock_uri_cell_set_uri (SOCK_URI_CELL (child), sock_message_item_get_uri (item));
      break;
    case CELL_SIZE:
      sock_message_format_size (sock_message_item_get_size (item), size, sizeof size);
      gtk_inscription_set_text (cell, sock_message_item_get_evicted (item) ? "" : size);
      break;
    case CELL_PREVIEW:
      gtk_inscription_set_text (cell, sock_message_item_get_preview (item));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
set_factory (GtkColumnViewColumn *column,
             CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);
}

void
_sock_message_view_init_columns (SockMessageView *self)
{
  set_factory (self->time_column, CELL_TIME);
  set_factory (self->direction_column, CELL_DIRECTION);
  set_factory (self->type_column, CELL_TYPE);
  set_factory (self->uri_column, CELL_URI);
  set_factory (self->size_column, CELL_SIZE);
  set_factory (self->preview_column, CELL_PREVIEW);
}
