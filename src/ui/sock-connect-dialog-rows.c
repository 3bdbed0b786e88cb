/* sock-connect-dialog-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog's lists: one row per request header (name, value, and its error below) and
 * one per subscription to make once joined (topic and match); the rows RawSocket does not use.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connect-dialog-private.h"

char *
_sock_connect_dialog_dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
on_remove_row (GtkListBoxRow *row)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (gtk_widget_get_root (list));

  gtk_list_box_remove (GTK_LIST_BOX (list), GTK_WIDGET (row));
  _sock_connect_dialog_validate (self);
}

static GtkWidget *
new_remove_button (GtkWidget  *row,
                   const char *tooltip)
{
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_row), row);
  return remove;
}

/* Headers: one row each, with a name entry, a value entry and the error below them. */

static GtkWidget *
new_header_entry (SockConnectDialog *self,
                  const char        *placeholder,
                  const char        *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_input_hints (GTK_ENTRY (entry), GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_NO_EMOJI);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (_sock_connect_dialog_validate), self, G_CONNECT_SWAPPED);
  return entry;
}

/* A credential's value (Authorization, Cookie…) shows as dots until its eye is pressed. */
static void
update_masking (GtkEntry *value_entry,
                GtkEntry *name_entry)
{
  g_autofree char *name = _sock_connect_dialog_dup_text (name_entry);
  gboolean secret = sock_header_is_credential (name);
  gboolean revealed = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (value_entry), "revealed"));

  gtk_entry_set_visibility (value_entry, !secret || revealed);
  gtk_entry_set_icon_from_icon_name (value_entry, GTK_ENTRY_ICON_SECONDARY,
                                     !secret ? NULL : revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
  if (secret)
    gtk_entry_set_icon_tooltip_text (value_entry, GTK_ENTRY_ICON_SECONDARY,
                                     revealed ? _("Hide the value") : _("Show the value"));
}

static void
on_reveal_pressed (GtkEntry             *value_entry,
                   GtkEntryIconPosition  position,
                   GtkEntry             *name_entry)
{
  gboolean revealed = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (value_entry), "revealed"));

  g_object_set_data (G_OBJECT (value_entry), "revealed", GINT_TO_POINTER (!revealed));
  update_masking (value_entry, name_entry);
}

GtkWidget *
_sock_connect_dialog_add_header_row (SockConnectDialog *self,
                                     const char        *name,
                                     const char        *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = new_header_entry (self, _("Name"), name);
  GtkWidget *value_entry = new_header_entry (self, _("Value"), value);
  GtkWidget *error = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "header-row");
  gtk_editable_set_width_chars (GTK_EDITABLE (name_entry), 12);
  gtk_widget_set_hexpand (value_entry, TRUE);
  update_masking (GTK_ENTRY (value_entry), GTK_ENTRY (name_entry));
  g_signal_connect_object (name_entry, "changed", G_CALLBACK (update_masking), value_entry, G_CONNECT_SWAPPED);
  g_signal_connect_object (value_entry, "icon-press", G_CALLBACK (on_reveal_pressed), name_entry, 0);

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);

  gtk_box_append (GTK_BOX (line), name_entry);
  gtk_box_append (GTK_BOX (line), value_entry);
  gtk_box_append (GTK_BOX (line), new_remove_button (row, _("Remove this header")));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), error);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "name-entry", name_entry);
  g_object_set_data (G_OBJECT (row), "value-entry", value_entry);
  g_object_set_data (G_OBJECT (row), "error-label", error);

  gtk_list_box_append (self->headers_list, row);
  return row;
}

gboolean
_sock_connect_dialog_apply_headers (SockConnectDialog  *self,
               SockProfile        *profile,
               GError            **error)
{
  g_autoptr(GError) first = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->headers_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (row), "error-label");
      g_autoptr(GError) row_error = NULL;
      g_autofree char *name = NULL;
      const char *value;

      if (label == NULL)
        continue;  /* the placeholder */
      name = _sock_connect_dialog_dup_text (g_object_get_data (G_OBJECT (row), "name-entry"));
      /* Spaces can matter in a value; a line break is for the profile to refuse. */
      value = gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "value-entry"));
      if (*name == '\0' && *value == '\0')
        {
          gtk_widget_set_visible (label, FALSE);
          continue;
        }
      sock_profile_add_header (profile, name, value, &row_error);
      gtk_label_set_text (GTK_LABEL (label), row_error ? row_error->message : "");
      gtk_widget_set_visible (label, row_error != NULL);
      if (row_error != NULL && first == NULL)
        first = g_steal_pointer (&row_error);
    }

  if (first != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&first), _("A request header is not valid: "));
      return FALSE;
    }
  return TRUE;
}

/* Subscriptions: a topic entry and how it matches, one row each. */

GtkWidget *
_sock_connect_dialog_add_subscription_row (SockConnectDialog *self,
                                           const char        *topic,
                                           SockMatch          match)
{
  static const char * const matches[] = { N_("Exact"), N_("Prefix"), N_("Wildcard"), NULL };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = new_header_entry (self, _("Topic"), topic);
  GtkWidget *dropdown;

  for (guint i = 0; matches[i] != NULL; i++)
    gtk_string_list_append (names, _(matches[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), match);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Match"), -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (_sock_connect_dialog_validate), self,
                           G_CONNECT_SWAPPED);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "header-row");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (line), entry);
  gtk_box_append (GTK_BOX (line), dropdown);
  gtk_box_append (GTK_BOX (line), new_remove_button (row, _("Do not subscribe to this topic")));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  g_object_set_data (G_OBJECT (row), "topic-entry", entry);
  g_object_set_data (G_OBJECT (row), "match-dropdown", dropdown);

  gtk_list_box_append (self->subscriptions_list, row);
  return row;
}

void
_sock_connect_dialog_apply_subscriptions (SockConnectDialog  *self,
                                          SockConnectOptions *options)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->subscriptions_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *entry = g_object_get_data (G_OBJECT (row), "topic-entry");
      GtkWidget *dropdown = g_object_get_data (G_OBJECT (row), "match-dropdown");
      g_autofree char *topic = NULL;

      if (entry == NULL)
        continue;  /* the placeholder */
      /* an empty row is not a subscription yet; spaces inside a topic are for the options to refuse */
      topic = _sock_connect_dialog_dup_text (entry);
      if (*topic != '\0')
        sock_connect_options_add_subscription (options, topic,
                                               (SockMatch) gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)));
    }
}

/* rs://, rss:// and unix:// open no HTTP request: Origin, headers and subprotocols do not apply. */
void
_sock_connect_dialog_update_rawsocket_rows (SockConnectDialog *self)
{
  g_autofree char *url = _sock_connect_dialog_dup_text (self->url_row);
  gboolean rawsocket = sock_url_is_rawsocket (url);

  gtk_widget_set_sensitive (GTK_WIDGET (self->origin_row), !rawsocket);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subprotocols_row), !rawsocket);
  gtk_widget_set_sensitive (GTK_WIDGET (self->headers_list), !rawsocket);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add-header", !rawsocket);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->origin_row),
                                 rawsocket ? _("_Origin (not used by RawSocket)") : _("_Origin"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subprotocols_row),
                                 rawsocket ? _("_Subprotocols to Offer (not used by RawSocket)")
                                           : _("_Subprotocols to Offer"));
  adw_preferences_group_set_description (self->headers_group,
                                         rawsocket ? _("Not used by RawSocket, which opens with no HTTP request.")
                                                   : _("Sent with the opening request, e.g. Authorization or Cookie."));
}

/* RawSocket carries WAMP v2 only, and the form lists its choices first: the list ends before
 * WAMP v1, Raw WebSocket and Custom. A choice that had to go comes back with a WebSocket URL,
 * unless the user picked another one in between. */
void
_sock_connect_dialog_update_protocol_choices (SockConnectDialog *self)
{
  g_autofree char *url = _sock_connect_dialog_dup_text (self->url_row);
  gboolean rawsocket = sock_url_is_rawsocket (url);
  guint n_wamp2 = sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_WAMP1);
  guint size = rawsocket ? n_wamp2 : G_MAXUINT;
  guint selected = adw_combo_row_get_selected (self->protocol_row);
  guint set_aside = self->protocol_set_aside;

  if (gtk_slice_list_model_get_size (self->protocol_choices) == size)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->protocol_row),
                               rawsocket ? _("RawSocket carries WAMP v2 only") : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->protocol_row),
                               rawsocket ? _("WAMP v1, Raw WebSocket and custom subprotocols need a ws:// or wss:// "
                                             "address")
                                         : NULL);
  self->protocol_set_aside = rawsocket && selected != GTK_INVALID_LIST_POSITION && selected >= n_wamp2
                             ? selected : GTK_INVALID_LIST_POSITION;
  /* selections made from here on see the new list */
  gtk_slice_list_model_set_size (self->protocol_choices, size);
  if (self->protocol_set_aside != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->protocol_row, 0);
  else if (!rawsocket && set_aside != GTK_INVALID_LIST_POSITION && selected == 0)
    adw_combo_row_set_selected (self->protocol_row, set_aside);
}
