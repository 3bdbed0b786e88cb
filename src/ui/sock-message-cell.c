/* sock-message-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 redraws what changed between two frames, as a region of rectangles; past 30 of them it
 * gives up and redraws the whole of the parent node, here the table. A row whose texts changed
 * makes about seven (each text is its own box, and they are not as tall as each other), so a
 * frame that set five rows or more redrew the whole table: its pixels cleared, composed and sent
 * to the display again. A cell therefore also draws nothing (a transparent rectangle) over its
 * whole row, in one of two transparent colours that it swaps when its row shows another message:
 * the change is then the row's box, and rows set together are one rectangle. (The rectangle is
 * not drawn: cairo skips a fill with a transparent colour.)
 */

#include "config.h"

#include <string.h>

#include "sock-message-cell.h"

/* Shortened URIs by width, then by URI: a flood rebinds ~200 rows a frame, and a connection
 * has few distinct URIs, so each is measured once per column width. */
#define CACHE_MAX 4096

struct _SockMessageCell
{
  GtkWidget parent_instance;

  GtkInscription *label;
  char *uri;          /* shown shortened, or NULL: the label's text as it is */
  int shown_width;
  guint64 seq;        /* the message the row shows */
  gboolean mark;      /* which of the two transparent colours */
};

G_DEFINE_FINAL_TYPE (SockMessageCell, sock_message_cell, GTK_TYPE_WIDGET)

static GHashTable *cache;  /* int width → (uri → shown text) */
static guint cache_size;

static int
text_width (PangoLayout *layout,
            const char  *head,
            int          head_len,
            const char  *tail)
{
  g_autofree char *text = g_strdup_printf ("%.*s…%s", head_len, head, tail);
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Keeps the most characters that fit, two fifths from the start and the rest from the end,
 * where a topic says what it is. */
static char *
shorten (GtkWidget  *widget,
         const char *uri,
         int         width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, uri);
  glong n = g_utf8_strlen (uri, -1);
  glong lo = 0, hi = n;
  int full;

  pango_layout_get_pixel_size (layout, &full, NULL);
  if (full <= width)
    return g_strdup (uri);
  while (lo < hi)
    {
      glong keep = (lo + hi + 1) / 2;
      glong head = keep * 2 / 5;
      const char *head_end = g_utf8_offset_to_pointer (uri, head);
      const char *tail = g_utf8_offset_to_pointer (uri, n - (keep - head));

      if (text_width (layout, uri, head_end - uri, tail) <= width)
        lo = keep;
      else
        hi = keep - 1;
    }
  {
    glong head = lo * 2 / 5;
    const char *head_end = g_utf8_offset_to_pointer (uri, head);

    return g_strdup_printf ("%.*s…%s", (int) (head_end - uri), uri,
                            g_utf8_offset_to_pointer (uri, n - (lo - head)));
  }
}

static const char *
lookup (GtkWidget  *widget,
        const char *uri,
        int         width)
{
  GHashTable *by_uri;
  char *text;

  if (cache == NULL || cache_size >= CACHE_MAX)
    {
      g_clear_pointer (&cache, g_hash_table_unref);
      cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
      cache_size = 0;
    }
  by_uri = g_hash_table_lookup (cache, GINT_TO_POINTER (width));
  if (by_uri == NULL)
    {
      by_uri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (cache, GINT_TO_POINTER (width), by_uri);
    }
  text = g_hash_table_lookup (by_uri, uri);
  if (text == NULL)
    {
      text = shorten (widget, uri, width);
      g_hash_table_insert (by_uri, g_strdup (uri), text);
      cache_size++;
    }
  return text;
}

static void
sock_message_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (SOCK_MESSAGE_CELL (widget)->label), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sock_message_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  SockMessageCell *self = SOCK_MESSAGE_CELL (widget);

  if (width != self->shown_width && self->uri != NULL && width > 0)
    {
      gtk_inscription_set_text (self->label, lookup (GTK_WIDGET (self->label), self->uri, width));
      self->shown_width = width;
    }
  gtk_widget_allocate (GTK_WIDGET (self->label), width, height, baseline, NULL);
}

static void
sock_message_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SockMessageCell *self = SOCK_MESSAGE_CELL (widget);
  static const GdkRGBA marks[] = { { 0, 0, 0, 0 }, { 1, 1, 1, 0 } };
  GtkWidget *cell = gtk_widget_get_parent (widget);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (row, widget, &bounds))
    graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  gtk_snapshot_append_color (snapshot, &marks[self->mark], &bounds);
  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->label), snapshot);
}

static gboolean
query_tooltip_cb (SockMessageCell *self,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip)
{
  if (self->uri == NULL || self->uri[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->uri);
  return TRUE;
}

/* The row shows message seq: a new one marks the row changed. */
void
sock_message_cell_set_seq (SockMessageCell *self,
                           guint64          seq)
{
  g_return_if_fail (SOCK_IS_MESSAGE_CELL (self));

  if (seq == self->seq)
    return;
  self->seq = seq;
  self->mark = !self->mark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The message the row shows; G_MAXUINT64 before any. */
guint64
sock_message_cell_get_seq (SockMessageCell *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_CELL (self), G_MAXUINT64);
  return self->seq;
}

void
sock_message_cell_set_uri (SockMessageCell *self,
                           const char      *uri)
{
  g_return_if_fail (SOCK_IS_MESSAGE_CELL (self));

  if (g_strcmp0 (self->uri, uri) == 0)
    return;
  g_free (self->uri);
  self->uri = g_strdup (uri);
  self->shown_width = gtk_widget_get_width (GTK_WIDGET (self));
  /* A recycled cell knows its width already: show the short text at once. */
  gtk_inscription_set_text (self->label, uri == NULL ? NULL : self->shown_width > 0 ?
                            lookup (GTK_WIDGET (self->label), uri, self->shown_width) : uri);
}

const char *
sock_message_cell_get_uri (SockMessageCell *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_CELL (self), NULL);
  return self->uri;
}

/* The text the cell shows, for text that is not a URI: set it there. */
GtkInscription *
sock_message_cell_get_label (SockMessageCell *self)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_CELL (self), NULL);
  return self->label;
}

static void
sock_message_cell_dispose (GObject *object)
{
  SockMessageCell *self = SOCK_MESSAGE_CELL (object);

  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);
  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (sock_message_cell_parent_class)->dispose (object);
}

static void
sock_message_cell_class_init (SockMessageCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sock_message_cell_dispose;
  widget_class->measure = sock_message_cell_measure;
  widget_class->size_allocate = sock_message_cell_size_allocate;
  widget_class->snapshot = sock_message_cell_snapshot;
}

static void
sock_message_cell_init (SockMessageCell *self)
{
  self->label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  self->seq = G_MAXUINT64;
  gtk_inscription_set_nat_lines (self->label, 1);
  gtk_inscription_set_text_overflow (self->label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
sock_message_cell_new (void)
{
  return g_object_new (SOCK_TYPE_MESSAGE_CELL, NULL);
}
