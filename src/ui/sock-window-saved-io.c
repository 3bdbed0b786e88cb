/* sock-window-saved-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import and Export of saved connections (win.import-saved, win.export-saved with an id,
 * win.export-saved-all), through GtkFileChooserNative: GTK 4.8 has no GtkFileDialog. An export
 * never holds a secret; an import saves at once, and the secrets are asked for when connecting.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-saved-connections.h"
#include "sock-window.h"
#include "sock-window-private.h"

static SockSavedConnections *
get_store (void)
{
  return sock_saved_connections_get_default ();
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Saved Connections (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    GPtrArray       *connections)
{
  SockWindow *self = SOCK_WINDOW (gtk_native_dialog_get_transient_for (chooser));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      /* never a secret: they stay in this computer's keyring */
      text = sock_saved_connections_export (get_store (), connections->len > 0 ? connections : NULL);
      if (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                   NULL, &error))
        message = g_strdup (_("Exported without secrets: whoever imports it enters them when connecting"));
      else
        message = g_strdup_printf (_("Cannot export: %s"), error->message);
      sock_window_toast (self, message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
connections_free (gpointer  data,
                  GClosure *closure)
{
  g_ptr_array_unref (data);
}

/* connections: empty for all */
static void
export_saved (SockWindow *self,
              GPtrArray  *connections,
              const char *file_name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Saved Connections"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_export_response), connections, connections_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
window_export_saved (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SockSavedConnection *saved = sock_saved_connections_lookup_id (get_store (), g_variant_get_string (param, NULL));
  GPtrArray *connections;
  g_autofree char *file_name = NULL;

  if (saved == NULL)
    return;
  connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (connections, g_object_ref (saved));
  file_name = g_strdup_printf ("%s.json", sock_saved_connection_get_name (saved));
  g_strdelimit (file_name, "/\\", '-');
  export_saved (SOCK_WINDOW (widget), connections, file_name);
}

static void
window_export_saved_all (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  export_saved (SOCK_WINDOW (widget), g_ptr_array_new_with_free_func (g_object_unref), "sockscope-connections.json");
}

void
_sock_window_import_saved (SockWindow *self,
                           GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gsize len;

  if (!g_file_load_contents (file, NULL, &text, &len, NULL, &error))
    {
      message = g_strdup_printf (_("Cannot import: %s"), error->message);
      sock_window_toast (self, message);
      return;
    }
  added = sock_saved_connections_import (get_store (), text, &error);
  if (added == NULL)
    {
      sock_window_toast (self, error->message);
      return;
    }
  if (!_sock_window_commit_saved (self))
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u connection: its secrets are asked for when "
                                          "connecting", "Imported %u connections: their secrets are asked for when "
                                          "connecting", added->len), added->len);
  sock_window_toast (self, message);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  SockWindow *self = SOCK_WINDOW (gtk_native_dialog_get_transient_for (chooser));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    _sock_window_import_saved (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
window_import_saved (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Saved Connections"), GTK_WINDOW (widget),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sock_window_class_init_saved_io (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-saved", "s", window_export_saved);
  gtk_widget_class_install_action (widget_class, "win.export-saved-all", NULL, window_export_saved_all);
  gtk_widget_class_install_action (widget_class, "win.import-saved", NULL, window_import_saved);
}
