/* sock-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's preferences: how much each connection's message log keeps, and the defaults of new
 * connections. Every control is bound to GSettings, so a change applies as it is made.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SOCK_TYPE_PREFERENCES_WINDOW (sock_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SockPreferencesWindow, sock_preferences_window, SOCK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

SockPreferencesWindow *sock_preferences_window_new (GtkWindow *parent);

G_END_DECLS
