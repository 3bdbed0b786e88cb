/* sock-connection-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection in a tab: a header with the URL, the state and its reason, the protocol, realm,
 * session id and message rates; the subscriptions; the Messages view; and, when the connection
 * cannot be opened, the diagnosis with Retry and Edit Settings.
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_TYPE_CONNECTION_PAGE (sock_connection_page_get_type ())

G_DECLARE_FINAL_TYPE (SockConnectionPage, sock_connection_page, SOCK, CONNECTION_PAGE, GtkWidget)

/* options must be valid (sock_connect_options_validate()); the connection is made from them, and
 * each of their subscriptions is made once joined. */
GtkWidget                 *sock_connection_page_new            (SockConnectOptions *options);
/* The connection's options (sock_connection_get_options()): what the tab was opened with, and the
 * subscriptions the user holds now, made again when the tab is reopened. */
SockConnectOptions        *sock_connection_page_get_options    (SockConnectionPage *self);
SockConnection            *sock_connection_page_get_connection (SockConnectionPage *self);
GtkWidget                 *sock_connection_page_get_message_view (SockConnectionPage *self);

/* Opens the connection (again, after a failure). */
void                       sock_connection_page_open           (SockConnectionPage *self);
/* Leaves the session (GOODBYE) and closes; the connection lives until that is done. */
void                       sock_connection_page_close          (SockConnectionPage *self);
/* Subscribes now, or as soon as the session is joined; the connection's options keep it. */
void                       sock_connection_page_subscribe      (SockConnectionPage *self,
                                                                const char         *topic,
                                                                SockMatch           match);

/* What the publish and call forms hold ({ "publish": {…}, "call": {…} }), for the workspace;
 * and putting it back (sock-connection-page-forms.c). */
JsonObject                *sock_connection_page_dup_form_state (SockConnectionPage *self);
void                       sock_connection_page_set_form_state (SockConnectionPage *self,
                                                                JsonObject         *state);

/* What the header shows, for the tab and tests. */
const char                *sock_connection_page_get_title      (SockConnectionPage *self);
const char                *sock_connection_page_get_state_text (SockConnectionPage *self);
double                     sock_connection_page_get_rate_in    (SockConnectionPage *self);
double                     sock_connection_page_get_rate_out   (SockConnectionPage *self);
/* The subscriptions listed, as "match topic" strings (element type char *). */
GStrv                      sock_connection_page_dup_subscriptions (SockConnectionPage *self);

/* Properties: title, url, state-text, icon (GIcon: the state for the tab), loading (connecting).
 * Signals: edit-settings () — the user asked to change the settings and try again. */

G_END_DECLS
