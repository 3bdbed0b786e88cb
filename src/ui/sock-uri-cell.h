/* sock-uri-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table cell that shows a URI ellipsized in the middle, keeping its most specific end, with
 * the whole URI as its tooltip. Pango 1.50's own middle ellipsis leaves a gap after the "…"
 * (Debian 12), so the cell cuts the text itself, once per URI and width (cached), when it is
 * allocated.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SOCK_TYPE_URI_CELL (sock_uri_cell_get_type ())

G_DECLARE_FINAL_TYPE (SockUriCell, sock_uri_cell, SOCK, URI_CELL, GtkWidget)

GtkWidget  *sock_uri_cell_new     (void);
void        sock_uri_cell_set_uri (SockUriCell *self,
                                   const char  *uri);
const char *sock_uri_cell_get_uri (SockUriCell *self);

G_END_DECLS
