/* sock-connect-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection settings: every field of SockConnectOptions that a person sets by hand (the
 * profile, the protocol, realm, authentication, reconnecting and the subscriptions to make once
 * joined), in a window with Cancel and Connect. The form fills a SockConnectOptions and asks it
 * whether it is valid: invalid input disables Connect and says why.
 */

#pragma once

#include <adwaita.h>

#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_TYPE_CONNECT_DIALOG (sock_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SockConnectDialog, sock_connect_dialog, SOCK, CONNECT_DIALOG, AdwWindow)

/* options: what to start from (not changed), or NULL for the defaults. */
SockConnectDialog   *sock_connect_dialog_new            (GtkWindow                 *parent,
                                                         SockConnectOptions        *options);
/* Replaces the URL text, valid or not (it is checked like typed text). */
void                 sock_connect_dialog_set_url        (SockConnectDialog         *self,
                                                         const char                *url);
/* The options as entered, or NULL with the reason when they are not valid. */
SockConnectOptions  *sock_connect_dialog_dup_options    (SockConnectDialog         *self,
                                                         GError                   **error);
/* Why Connect is disabled, or NULL when it is enabled. */
const char          *sock_connect_dialog_get_problem    (SockConnectDialog         *self);

/* The name Save keeps the settings under. */
void                 sock_connect_dialog_set_name       (SockConnectDialog         *self,
                                                         const char                *name);
const char          *sock_connect_dialog_get_name       (SockConnectDialog         *self);
/* Editing a saved connection: the title says so, and Save takes Connect's place. */
void                 sock_connect_dialog_set_editing    (SockConnectDialog         *self,
                                                         gboolean                   editing);

/* Signals: connect (SockConnectOptions *options) — the user pressed Connect; the dialog closes.
 *          save (SockConnectOptions *options, const char *name) — the user pressed Save (the
 *          options are valid but may lack a secret, asked for when connecting; the name is not
 *          empty); the dialog closes. */

G_END_DECLS
