/* sock-workspace.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace: the tabs open at quit (their connect options with the subscriptions, and what
 * the publish and call forms held), kept in $XDG_STATE_HOME/sockscope/workspace.json and opened
 * again at the next start. Secrets are never written: a tab that needs one asks for it.
 *
 * The file: { "version": 1, "windows": [ { "selected": 0, "tabs": [ { "connection": {…the JSON
 * of SockConnectOptions…}, "forms": { "publish": {…}, "call": {…} } } ] } ] }
 */

#pragma once

#include <adwaita.h>

#include "sock-window.h"

G_BEGIN_DECLS

#define SOCK_WORKSPACE_VERSION 1

/* Where the workspace is kept: $XDG_STATE_HOME/sockscope/workspace.json. */
char    *sock_workspace_dup_path          (void);

/* Writes the tabs of app's windows, atomically (a rename over the old file). */
gboolean sock_workspace_save              (GtkApplication  *app,
                                           GError         **error);

/* Opens the saved tabs in window (and further windows for the other saved windows). Returns the
 * number of tabs, or -1 with error when the file could not be read: a damaged file, or one from
 * a newer Sockscope, is renamed aside (workspace.json.damaged-DATE) and the error names it. */
int      sock_workspace_restore           (SockWindow      *window,
                                           GError         **error);

/* The tabs of window (all windows of app when window is NULL) whose message log holds messages
 * that were never exported, and how many such messages there are (n_messages may be NULL). */
guint    sock_workspace_count_unexported  (GtkApplication  *app,
                                           GtkWindow       *window,
                                           guint           *n_messages);

G_END_DECLS
