/* sock-connect-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection settings: every SockProfile field, the protocol, realm and authentication, in a
 * window with Cancel and Connect. Invalid input disables Connect and says why.
 */

#pragma once

#include <adwaita.h>

#include "sock-connection.h"

G_BEGIN_DECLS

/* The order of the protocol choices in the start page and the connect dialog. */
typedef enum
{
  SOCK_PROTOCOL_CHOICE_AUTO,
  SOCK_PROTOCOL_CHOICE_WAMP2,
  SOCK_PROTOCOL_CHOICE_WAMP1,
  SOCK_PROTOCOL_CHOICE_RAW,
} SockProtocolChoice;

typedef enum
{
  SOCK_AUTH_ANONYMOUS,
  SOCK_AUTH_TICKET,
  SOCK_AUTH_WAMPCRA,
} SockAuthMethod;

/* Everything a connection is made from: the profile and what SockConnection keeps beside it. */
typedef struct
{
  SockProfile        *profile;
  SockProtocolChoice  protocol;
  char               *realm;    /* NULL: the connection's default */
  SockAuthMethod      auth;
  char               *authid;
  char               *secret;   /* the ticket, or the WAMP-CRA secret */
} SockConnectSettings;

#define SOCK_TYPE_CONNECT_SETTINGS (sock_connect_settings_get_type ())

GType                sock_connect_settings_get_type     (void) G_GNUC_CONST;
/* Takes a copy of profile. */
SockConnectSettings *sock_connect_settings_new          (SockProfile               *profile);
SockConnectSettings *sock_connect_settings_copy         (const SockConnectSettings *self);
void                 sock_connect_settings_free         (SockConnectSettings       *self);
/* Offers what the choice means in the profile. */
gboolean             sock_connect_settings_set_protocol (SockConnectSettings       *self,
                                                         SockProtocolChoice         protocol,
                                                         GError                   **error);
/* Sets what Preferences holds for new connections (largest message, connect timeout). */
void                 sock_connect_settings_apply_preferences (SockConnectSettings *self);
/* A connection with these settings, reconnecting after a loss as the GUI does. */
SockConnection      *sock_connect_settings_create_connection (const SockConnectSettings *self);
/* "host:port/path" for a tab title. */
char                *sock_url_dup_short_title           (const char                *url);
/* "auto", "wamp.2.json", "wamp", "raw" (case-insensitive). */
gboolean             sock_protocol_choice_from_string   (const char                *text,
                                                         SockProtocolChoice        *out,
                                                         GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockConnectSettings, sock_connect_settings_free)

#define SOCK_TYPE_CONNECT_DIALOG (sock_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SockConnectDialog, sock_connect_dialog, SOCK, CONNECT_DIALOG, AdwWindow)

/* settings: what to start from, or NULL for the defaults. */
SockConnectDialog   *sock_connect_dialog_new            (GtkWindow                 *parent,
                                                         const SockConnectSettings *settings);
/* Replaces the URL text, valid or not (it is checked like typed text). */
void                 sock_connect_dialog_set_url        (SockConnectDialog         *self,
                                                         const char                *url);
/* The settings as entered, or NULL with the reason when they are not valid. */
SockConnectSettings *sock_connect_dialog_dup_settings   (SockConnectDialog         *self,
                                                         GError                   **error);
/* Why Connect is disabled, or NULL when it is enabled. */
const char          *sock_connect_dialog_get_problem    (SockConnectDialog         *self);

/* Signals: connect (SockConnectSettings *settings) — the user pressed Connect; the dialog closes. */

G_END_DECLS
