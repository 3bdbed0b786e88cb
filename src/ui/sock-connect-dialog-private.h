/* sock-connect-dialog-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-connect-dialog.c (the form and its checks) and sock-connect-dialog-rows.c (the
 * rows of its lists: request headers and the subscriptions to make once joined).
 */

#pragma once

#include "sock-connect-dialog.h"

G_BEGIN_DECLS

struct _SockConnectDialog
{
  AdwWindow             parent_instance;

  char                 *ca_file;
  char                 *problem;
  GtkFileChooserNative *chooser;
  gboolean              ready;     /* the template is complete */
  gboolean              focus_secret;
  gboolean              editing;   /* a saved connection: Save is the main button */
  guint                 protocol_set_aside;  /* the choice a RawSocket URL replaced, or GTK_INVALID_LIST_POSITION */

  /* template */
  GtkWidget            *connect_button;
  GtkWidget            *save_button;
  AdwEntryRow          *name_row;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
  AdwEntryRow          *url_row;
  AdwComboRow          *protocol_row;
  GtkSliceListModel    *protocol_choices;
  AdwEntryRow          *subprotocols_row;
  AdwEntryRow          *realm_row;
  AdwEntryRow          *origin_row;
  AdwPreferencesGroup  *headers_group;
  GtkListBox           *headers_list;
  GtkListBox           *subscriptions_list;
  AdwComboRow          *tls_row;
  AdwActionRow         *ca_row;
  AdwEntryRow          *pin_row;
  GtkWidget            *insecure_row;
  GtkWidget            *auth_group;
  AdwComboRow          *auth_row;
  AdwEntryRow          *authid_row;
  AdwEntryRow          *secret_row;
  AdwEntryRow          *key_row;       /* cryptosign: the private key file's path */
  AdwActionRow         *public_key_row;  /* cryptosign: the key's public half, to register */
  GtkSpinButton        *max_size_spin;
  GtkSpinButton        *keepalive_spin;
  GtkSpinButton        *timeout_spin;
  GtkSwitch            *reconnect_switch;
};

/* sock-connect-dialog.c */
/* Checks the form, says what is wrong and turns Connect on or off. */
void       _sock_connect_dialog_validate              (SockConnectDialog  *self);

/* sock-connect-dialog-key.c: the WAMP-Cryptosign rows */
/* Shows the public key of the key given (its file, else its pasted text), for the user to
 * register with the router; hides the row while there is no readable key. */
void       _sock_connect_dialog_update_public_key     (SockConnectDialog  *self);
/* dialog.copy-public-key, dialog.choose-key */
void       _sock_connect_dialog_class_init_key        (GtkWidgetClass     *widget_class);

/* sock-connect-dialog-rows.c */
char      *_sock_connect_dialog_dup_text              (gpointer            editable);
GtkWidget *_sock_connect_dialog_add_header_row        (SockConnectDialog  *self,
                                                       const char         *name,
                                                       const char         *value);
/* Adds every header to profile; each row shows its own error. */
gboolean   _sock_connect_dialog_apply_headers         (SockConnectDialog  *self,
                                                       SockProfile        *profile,
                                                       GError            **error);
GtkWidget *_sock_connect_dialog_add_subscription_row  (SockConnectDialog  *self,
                                                       const char         *topic,
                                                       SockMatch           match);
/* Adds the topic of every row that has one. */
void       _sock_connect_dialog_apply_subscriptions   (SockConnectDialog  *self,
                                                       SockConnectOptions *options);
/* Greys out the rows RawSocket does not use (Origin, headers, subprotocols) for its URLs. */
void       _sock_connect_dialog_update_rawsocket_rows (SockConnectDialog  *self);
/* Lists only the WAMP v2 protocols for RawSocket URLs, saying why, and puts back the choice
 * that this replaced once the URL is a WebSocket one again. */
void       _sock_connect_dialog_update_protocol_choices (SockConnectDialog *self);

G_END_DECLS
