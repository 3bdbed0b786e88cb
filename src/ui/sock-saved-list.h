/* sock-saved-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page's saved connections: a search over names and URLs, the rows sorted by last use
 * (then by name), each with its URL and what else it sets, and a menu (Edit, Duplicate, Export,
 * Delete); the group's own menus offer the templates, Import and Export All. Activating a row,
 * or an item of a menu, activates a window action (win.open-saved, win.edit-saved… with the
 * connection's id): the list only shows.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOCK_TYPE_SAVED_LIST (sock_saved_list_get_type ())

G_DECLARE_FINAL_TYPE (SockSavedList, sock_saved_list, SOCK, SAVED_LIST, AdwBin)

/* model: SockSavedConnection items (a SockSavedConnections). */
void        sock_saved_list_set_model (SockSavedList *self,
                                       GListModel    *model);
GListModel *sock_saved_list_get_model (SockSavedList *self);
/* The rows shown now, after the search (for tests and the window). */
guint       sock_saved_list_get_n_shown (SockSavedList *self);

G_END_DECLS
