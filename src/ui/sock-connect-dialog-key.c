/* sock-connect-dialog-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog's WAMP-Cryptosign rows: the key file chosen (or typed), the key pasted into
 * the masked secret row instead, and the public key they give, to register with the router.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-connect-dialog-private.h"
#include "sock-wamp-cryptosign.h"

void
_sock_connect_dialog_update_public_key (SockConnectDialog *self)
{
  g_autoptr(SockWampCryptosignKey) key = NULL;
  g_autofree char *key_file = _sock_connect_dialog_dup_text (self->key_row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  if (adw_combo_row_get_selected (self->auth_row) == SOCK_AUTH_CRYPTOSIGN)
    key = *key_file != '\0' ? sock_wamp_cryptosign_key_new_from_file (key_file, NULL)
          : *text != '\0' ? sock_wamp_cryptosign_key_new_from_data (text, strlen (text), NULL) : NULL;
  adw_action_row_set_subtitle (self->public_key_row, key != NULL ? sock_wamp_cryptosign_key_get_public_key (key) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->public_key_row), key != NULL);
}

static void
dialog_copy_public_key (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  const char *hex = adw_action_row_get_subtitle (self->public_key_row);

  if (hex != NULL && *hex != '\0')
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), hex);
}

static void
on_key_chooser_response (SockConnectDialog *self,
                         int                response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      /* the row's change checks the key and shows its public half */
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), path != NULL ? path : "");
    }
  g_clear_object (&self->chooser);
}

static void
dialog_choose_key (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Private Key File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Use"), _("_Cancel"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_key_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_sock_connect_dialog_class_init_key (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dialog.copy-public-key", NULL, dialog_copy_public_key);
  gtk_widget_class_install_action (widget_class, "dialog.choose-key", NULL, dialog_choose_key);
}
