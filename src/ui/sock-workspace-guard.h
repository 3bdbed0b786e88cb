/* sock-workspace-guard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asking before a message log that was never exported is thrown away, and saving the workspace
 * when the app goes.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_GUARD_TAB,
  SOCK_GUARD_WINDOW,
  SOCK_GUARD_QUIT,
} SockGuardKind;

typedef void (*SockGuardDone) (gboolean confirmed,
                               gpointer data);

/* Whether Preferences want the question ("confirm-close-unexported"). */
gboolean          sock_workspace_guard_wanted (void);
/* Asks, over parent, whether to close (a tab, a window, or quit) although n_tabs tabs hold
 * n_messages messages never exported; done (TRUE) when the user says so, done (FALSE) otherwise. */
AdwMessageDialog *sock_workspace_guard_ask    (GtkWindow      *parent,
                                               SockGuardKind   kind,
                                               guint           n_tabs,
                                               guint           n_messages,
                                               SockGuardDone   done,
                                               gpointer        data);
/* Saves the tabs of app's windows, unless Preferences turned the restore off. */
void              sock_workspace_guard_save   (GtkApplication *app);

G_END_DECLS
