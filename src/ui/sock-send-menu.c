/* sock-send-menu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sock-send-history.h"
#include "sock-send-menu.h"

struct _SockSendMenu
{
  GtkWidget            parent_instance;

  SockSendKind         kind;
  char                *key;
  SockSendCurrentFunc  current;
  gpointer             current_data;

  GtkWidget           *button;
  GtkWidget           *popover;
  GtkListBox          *recent_list;
  GtkListBox          *template_list;
};

G_DEFINE_FINAL_TYPE (SockSendMenu, sock_send_menu, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_ENTRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sock_send_menu_activate (SockSendMenu  *self,
                         SockSendEntry *entry)
{
  g_return_if_fail (SOCK_IS_SEND_MENU (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[ACTIVATE_ENTRY], 0, entry);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  SockSendMenu  *self)
{
  SockSendEntry *entry = g_object_get_data (G_OBJECT (row), "sock-entry");

  if (entry != NULL)
    sock_send_menu_activate (self, entry);
}

static void
on_delete_clicked (GtkButton     *button,
                   SockSendEntry *entry)
{
  sock_send_history_remove_template (sock_send_history_get_default (), entry);
}

static GtkWidget *
new_row (gpointer item,
         gpointer user_data)
{
  SockSendEntry *entry = item;
  gboolean is_template = GPOINTER_TO_INT (user_data);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *summary = sock_send_entry_dup_summary (entry);

  /* payloads are the user's own, but still text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "sock-entry", g_object_ref (entry), g_object_unref);
  if (is_template)
    {
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Delete template %s"), sock_send_entry_get_name (entry));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sock_send_entry_get_name (entry));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_tooltip_text (delete, _("Delete Template"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (delete, "clicked", G_CALLBACK (on_delete_clicked), entry, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_add_css_class (row, "monospace");
    }
  return row;
}

static GtkListBox *
new_list (const char *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return GTK_LIST_BOX (list);
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

void
sock_send_menu_save_template (SockSendMenu *self,
                              const char   *name)
{
  g_autoptr(SockSendEntry) entry = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  g_return_if_fail (SOCK_IS_SEND_MENU (self));

  if (*stripped == '\0' || self->current == NULL || (entry = self->current (self->current_data)) == NULL)
    return;
  sock_send_entry_set_name (entry, stripped);
  sock_send_history_save_template (sock_send_history_get_default (), entry);
}

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SockSendMenu     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "sock-name");

  if (g_strcmp0 (response, "save") == 0)
    sock_send_menu_save_template (self, gtk_editable_get_text (entry));
}

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
on_save_template_clicked (SockSendMenu *self)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Save as Template"),
                                   _("A template keeps what the form holds now, to fill it in again on any "
                                     "connection."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Template name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template name"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "sock-name", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_name_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build (SockSendMenu *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save as Template…"));

  self->recent_list = new_list (_("Nothing sent yet"));
  self->template_list = new_list (_("No templates"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->recent_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sent recently"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->template_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Templates"), -1);
  g_signal_connect_object (self->recent_list, "row-activated", G_CALLBACK (on_row_activated), self, 0);
  g_signal_connect_object (self->template_list, "row-activated", G_CALLBACK (on_row_activated), self, 0);
  g_signal_connect_object (save, "clicked", G_CALLBACK (on_save_template_clicked), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), new_heading (_("Sent Recently")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->recent_list));
  gtk_box_append (GTK_BOX (box), new_heading (_("Templates")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->template_list));
  gtk_box_append (GTK_BOX (box), save);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), scrolled);
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "document-open-recent-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Sent Recently and Templates"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

void
sock_send_menu_setup (SockSendMenu        *self,
                      SockSendKind         kind,
                      SockConnection      *connection,
                      SockSendCurrentFunc  current,
                      gpointer             user_data)
{
  SockSendHistory *history = sock_send_history_get_default ();

  g_return_if_fail (SOCK_IS_SEND_MENU (self));
  g_return_if_fail (SOCK_IS_CONNECTION (connection));

  self->kind = kind;
  g_free (self->key);
  self->key = sock_send_history_dup_key (connection);
  self->current = current;
  self->current_data = user_data;
  gtk_list_box_bind_model (self->recent_list, sock_send_history_get_recent (history, self->key, kind), new_row,
                           GINT_TO_POINTER (FALSE), NULL);
  gtk_list_box_bind_model (self->template_list, sock_send_history_get_templates (history, kind), new_row,
                           GINT_TO_POINTER (TRUE), NULL);
}

void
sock_send_menu_add (SockSendMenu  *self,
                    SockSendEntry *entry)
{
  g_return_if_fail (SOCK_IS_SEND_MENU (self));

  if (self->key != NULL)
    sock_send_history_add (sock_send_history_get_default (), self->key, entry);
}

GListModel *
sock_send_menu_get_recent (SockSendMenu *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_MENU (self), NULL);
  return sock_send_history_get_recent (sock_send_history_get_default (), self->key, self->kind);
}

GListModel *
sock_send_menu_get_templates (SockSendMenu *self)
{
  g_return_val_if_fail (SOCK_IS_SEND_MENU (self), NULL);
  return sock_send_history_get_templates (sock_send_history_get_default (), self->kind);
}

static void
sock_send_menu_dispose (GObject *object)
{
  SockSendMenu *self = SOCK_SEND_MENU (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  self->current = NULL;

  G_OBJECT_CLASS (sock_send_menu_parent_class)->dispose (object);
}

static void
sock_send_menu_finalize (GObject *object)
{
  SockSendMenu *self = SOCK_SEND_MENU (object);

  g_free (self->key);

  G_OBJECT_CLASS (sock_send_menu_parent_class)->finalize (object);
}

static void
sock_send_menu_class_init (SockSendMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_send_menu_dispose;
  object_class->finalize = sock_send_menu_finalize;

  signals[ACTIVATE_ENTRY] = g_signal_new ("activate-entry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, SOCK_TYPE_SEND_ENTRY);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sock_send_menu_init (SockSendMenu *self)
{
  build (self);
}
