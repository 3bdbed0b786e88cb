/* sock-stable-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passes a GListModel through, counting its items from its own items-changed signals. A model
 * that announces one change in two signals (rows evicted at the head, then rows appended) but
 * already counts both during the first one trips GtkListItemManager's assertions; through this
 * model, every signal sees the count it implies. Valid for changes at the head and the tail,
 * where positions before and after each signal agree.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SOCK_TYPE_STABLE_LIST (sock_stable_list_get_type ())

G_DECLARE_FINAL_TYPE (SockStableList, sock_stable_list, SOCK, STABLE_LIST, GObject)

SockStableList *sock_stable_list_new       (void);
/* NULL: no items. */
void            sock_stable_list_set_model (SockStableList *self,
                                            GListModel     *model);

G_END_DECLS
