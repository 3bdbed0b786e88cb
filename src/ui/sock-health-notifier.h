/* sock-health-notifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desktop notifications (GNotification) about a tab's connection while its window is not
 * focused: it dropped, it stopped responding, or it gave up reconnecting. Clicking one focuses the
 * tab ("app.focus-tab" with the tab's id). The GSettings key "notify-connection-problems" turns
 * them on and off (the "app.notify-connection-problems" action, for Preferences).
 */

#pragma once

#include <adwaita.h>

#include "sock-connection-page.h"

G_BEGIN_DECLS

/* Adds app.focus-tab and app.notify-connection-problems; called at startup. */
void        sock_health_notifier_install     (GtkApplication     *application);
/* Follows the page's connection from now on (the page calls it once it has a connection). */
void        sock_health_notifier_watch       (SockConnectionPage *page);
/* The page's id, the target of app.focus-tab ("tab-3"). */
const char *sock_health_notifier_get_tab_id  (SockConnectionPage *page);

G_END_DECLS
