/* sock-message-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cell of the Messages table: one line of text, ellipsized at its end, or a URI ellipsized in
 * the middle, keeping its most specific end, with the whole URI as its tooltip. Pango 1.50's own
 * middle ellipsis leaves a gap after the "…" (Debian 12), so the cell cuts a URI itself, once per
 * URI and width (cached), when it is allocated.
 *
 * Each cell also knows which message its row shows: when that changes, the cell tells GTK that
 * the whole row changed (see sock-message-cell.c).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_CELL (sock_message_cell_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageCell, sock_message_cell, SOCK, MESSAGE_CELL, GtkWidget)

GtkWidget      *sock_message_cell_new       (void);
GtkInscription *sock_message_cell_get_label (SockMessageCell *self);
void            sock_message_cell_set_seq   (SockMessageCell *self,
                                             guint64          seq);
guint64         sock_message_cell_get_seq   (SockMessageCell *self);
void            sock_message_cell_set_uri   (SockMessageCell *self,
                                             const char      *uri);
const char     *sock_message_cell_get_uri   (SockMessageCell *self);

G_END_DECLS
