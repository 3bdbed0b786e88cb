/* sock-uri-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-uri-cell.h"

/* Shortened URIs by width, then by URI: a flood rebinds ~200 rows a frame, and a connection
 * has few distinct URIs, so each is measured once per column width. */
#define CACHE_MAX 4096

struct _SockUriCell
{
  GtkWidget parent_instance;

  GtkInscription *label;
  char *uri;
  int shown_width;
};

G_DEFINE_FINAL_TYPE (SockUriCell, sock_uri_cell, GTK_TYPE_WIDGET)

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
sock_uri_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (SOCK_URI_CELL (widget)->label), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
sock_uri_cell_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SockUriCell *self = SOCK_URI_CELL (widget);

  if (width != self->shown_width && self->uri != NULL && width > 0)
    {
      gtk_inscription_set_text (self->label, lookup (GTK_WIDGET (self->label), self->uri, width));
      self->shown_width = width;
    }
  gtk_widget_allocate (GTK_WIDGET (self->label), width, height, baseline, NULL);
}

static gboolean
query_tooltip_cb (SockUriCell *self,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip)
{
  if (self->uri == NULL || self->uri[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->uri);
  return TRUE;
}

void
sock_uri_cell_set_uri (SockUriCell *self,
                       const char  *uri)
{
  g_return_if_fail (SOCK_IS_URI_CELL (self));

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
sock_uri_cell_get_uri (SockUriCell *self)
{
  g_return_val_if_fail (SOCK_IS_URI_CELL (self), NULL);
  return self->uri;
}

static void
sock_uri_cell_dispose (GObject *object)
{
  SockUriCell *self = SOCK_URI_CELL (object);

  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);
  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (sock_uri_cell_parent_class)->dispose (object);
}

static void
sock_uri_cell_class_init (SockUriCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sock_uri_cell_dispose;
  widget_class->measure = sock_uri_cell_measure;
  widget_class->size_allocate = sock_uri_cell_size_allocate;
}

static void
sock_uri_cell_init (SockUriCell *self)
{
  self->label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_nat_lines (self->label, 1);
  /* Only when the width changed between a bind and the next allocation. */
  gtk_inscription_set_text_overflow (self->label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
sock_uri_cell_new (void)
{
  return g_object_new (SOCK_TYPE_URI_CELL, NULL);
}
