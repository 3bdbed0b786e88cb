/* sock-bounded-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of GObjects of one type, oldest first, that keeps at most max-items: appending to a
 * full list drops the oldest item first. Each drop and each append is its own items-changed (the
 * removal at 0, then the addition at the end), so a view keeps its selection on the rows that stay.
 * The connection's timeline and handshake history are bounded lists; it may be used on its own.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SOCK_TYPE_BOUNDED_LIST (sock_bounded_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (SockBoundedList, sock_bounded_list, SOCK, BOUNDED_LIST, GObject)

struct _SockBoundedListClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

/* max_items 0 is taken as 1. */
SockBoundedList *sock_bounded_list_new             (GType            item_type,
                                                    guint            max_items);
/* Adds a reference to item, an instance of the list's item type. */
void             sock_bounded_list_append          (SockBoundedList *self,
                                                    gpointer         item);
/* The item at position (not a new reference), or NULL past the end. */
gpointer         sock_bounded_list_peek            (SockBoundedList *self,
                                                    guint            position);
/* The newest item (not a new reference), or NULL when the list is empty. */
gpointer         sock_bounded_list_peek_last       (SockBoundedList *self);
guint            sock_bounded_list_get_max_items   (SockBoundedList *self);
/* Items dropped to stay within max-items since the list was made. */
guint            sock_bounded_list_get_n_dropped   (SockBoundedList *self);

/* Properties (construct-only): item-type (GType), max-items (guint). */

G_END_DECLS
