/* sock-raw-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frames sent are the connection's raw entries in SockSendHistory (kept across restarts and
 * shared by every tab on that connection), shown through a map to SockRawComposerItems.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-form-util.h"
#include "sock-raw-composer.h"
#include "sock-raw-composer-item.h"
#include "sock-send-history.h"

/* The dropdown's fourth row: a file's bytes as a binary frame. */
#define FORMAT_FILE 3

struct _SockRawComposer
{
  GtkWidget       parent_instance;

  GtkDropDown    *format_dropdown;
  GtkStack       *input_stack;
  GtkTextView    *input_view;
  GtkLabel       *file_label;
  GtkLabel       *status_label;
  GtkWidget      *history_placeholder;
  GtkListView    *history_list;

  SockConnection *connection;
  GtkMapListModel *history;  /* of the history's raw entries; none before a connection */
  GBytes         *file_bytes;
  GFile          *file;
  GCancellable   *cancellable;
  GtkNativeDialog *chooser;
  char           *status;
};

G_DEFINE_FINAL_TYPE (SockRawComposer, sock_raw_composer, GTK_TYPE_WIDGET)

static guint64
max_size (SockRawComposer *self)
{
  SockConnectOptions *options = self->connection ? sock_connection_get_options (self->connection) : NULL;

  return options != NULL ? sock_profile_get_max_message_size (sock_connect_options_get_profile (options)) :
                           SOCK_PROFILE_DEFAULT_MAX_MESSAGE_SIZE;
}

static void
set_status (SockRawComposer *self,
            const char      *text,
            gboolean         error)
{
  g_free (self->status);
  self->status = g_strdup (text);
  /* a space keeps the line's height when there is nothing to say */
  gtk_label_set_text (self->status_label, text != NULL && *text != '\0' ? text : " ");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static gboolean
can_send (SockRawComposer *self)
{
  return self->connection != NULL && sock_connection_get_state (self->connection) == SOCK_CONNECTION_JOINED &&
         sock_connection_get_session (self->connection) != NULL;
}

static char *
input_text (SockRawComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The payload as typed, or NULL with the status saying why. */
static GBytes *
read_payload (SockRawComposer *self,
              gboolean        *is_text,
              GError         **error)
{
  guint format = gtk_drop_down_get_selected (self->format_dropdown);
  g_autofree char *text = NULL;

  *is_text = format == SOCK_RAW_FORMAT_TEXT;
  if (format == FORMAT_FILE)
    {
      if (self->file_bytes == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Choose a file to send"));
          return NULL;
        }
      if (!sock_raw_payload_check_size (g_bytes_get_size (self->file_bytes), max_size (self), error))
        return NULL;
      return g_bytes_ref (self->file_bytes);
    }
  text = input_text (self);
  return sock_raw_payload_parse ((SockRawFormat) format, text, max_size (self), error);
}

static void
update (SockRawComposer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *size = NULL;
  gboolean is_text;
  gboolean ready = can_send (self);

  payload = read_payload (self, &is_text, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "raw.send", ready && payload != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "raw.resend", ready);
  if (payload == NULL)
    return set_status (self, error->message, !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  size = g_format_size_full (g_bytes_get_size (payload), G_FORMAT_SIZE_IEC_UNITS);
  if (!ready)
    {
      g_autofree char *text = g_strdup_printf (_("%s · sent once the connection is open"), size);

      return set_status (self, text, FALSE);
    }
  set_status (self, size, FALSE);
}

static void
on_format_changed (SockRawComposer *self)
{
  gboolean file = gtk_drop_down_get_selected (self->format_dropdown) == FORMAT_FILE;

  gtk_stack_set_visible_child_name (self->input_stack, file ? "file" : "typed");
  update (self);
}

/* Kept for sending again: the history moves the same frame to the top instead of adding it. */
static gboolean
remember (SockRawComposer *self,
          gboolean         is_text,
          GBytes          *payload)
{
  g_autoptr(SockRawComposerItem) item = sock_raw_composer_item_new (is_text, payload);
  g_autoptr(SockSendEntry) entry = sock_raw_composer_item_dup_entry (item);
  g_autofree char *key = NULL;

  if (entry == NULL)
    return FALSE;
  key = sock_send_history_dup_key (self->connection);
  sock_send_history_add (sock_send_history_get_default (), key, entry);
  return TRUE;
}

static gboolean
send_payload (SockRawComposer *self,
              gboolean         is_text,
              GBytes          *payload)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);
  g_autofree char *size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *text = NULL;

  if (!can_send (self))
    return FALSE;
  if (!sock_session_send_raw (sock_connection_get_session (self->connection), is_text, data != NULL ? data : (const guint8 *) "",
                              len, &error))
    {
      set_status (self, error->message, TRUE);
      return FALSE;
    }
  if (remember (self, is_text, payload))
    /* Translators: "Sent a text frame of 12 bytes" */
    text = g_strdup_printf (is_text ? _("Sent a text frame of %s") : _("Sent a binary frame of %s"), size);
  else
    /* Translators: "Sent a binary frame of 12 MiB, too large to keep for sending again" */
    text = g_strdup_printf (is_text ? _("Sent a text frame of %s, too large to keep for sending again")
                                    : _("Sent a binary frame of %s, too large to keep for sending again"), size);
  set_status (self, text, FALSE);
  return TRUE;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SockRawComposer *self = SOCK_RAW_COMPOSER (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  gboolean is_text;

  if ((payload = read_payload (self, &is_text, &error)) == NULL)
    return set_status (self, error->message, TRUE);
  send_payload (self, is_text, payload);
}

static void
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SockRawComposer *self = SOCK_RAW_COMPOSER (widget);
  g_autoptr(SockRawComposerItem) item = g_list_model_get_item (G_LIST_MODEL (self->history),
                                                               g_variant_get_uint32 (parameter));

  if (item == NULL)
    return;
  send_payload (self, sock_raw_composer_item_get_is_text (item), sock_raw_composer_item_get_payload (item));
}

static void
on_history_activate (SockRawComposer *self,
                     guint            position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "raw.resend", "u", position);
}

static void
file_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SockRawComposer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  g_autofree char *label = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message, TRUE);
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->file_bytes, g_bytes_unref);
  self->file_bytes = g_bytes_new_take (contents, len);
  name = g_file_get_basename (G_FILE (source));
  size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);
  label = g_strdup_printf ("%s (%s)", name, size);
  gtk_label_set_text (self->file_label, label);
  gtk_widget_remove_css_class (GTK_WIDGET (self->file_label), "dim-label");
  update (self);
  g_object_unref (self);
}

static void
load_file (SockRawComposer *self,
           GFile           *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* the size first: a huge file is refused before it is read */
  if (info != NULL && !sock_raw_payload_check_size (g_file_info_get_size (info), max_size (self), &error))
    return set_status (self, error->message, TRUE);
  g_set_object (&self->file, file);
  g_file_load_contents_async (file, self->cancellable, file_loaded, g_object_ref (self));
}

static void
on_chooser_response (SockRawComposer *self,
                     int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    load_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SockRawComposer *self = SOCK_RAW_COMPOSER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Send a File as a Binary Frame"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                                                  NULL));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

void
sock_raw_composer_set_connection (SockRawComposer *self,
                                  SockConnection  *connection)
{
  g_autofree char *key = NULL;

  g_return_if_fail (SOCK_IS_RAW_COMPOSER (self));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  key = sock_send_history_dup_key (connection);
  gtk_map_list_model_set_model (self->history, sock_send_history_get_recent (sock_send_history_get_default (), key,
                                                                             SOCK_SEND_RAW));
  sock_form_follow_connection (GTK_WIDGET (self), connection, G_CALLBACK (update));
  update (self);
}

void
sock_raw_composer_set_format (SockRawComposer *self,
                              SockRawFormat    format)
{
  g_return_if_fail (SOCK_IS_RAW_COMPOSER (self));
  gtk_drop_down_set_selected (self->format_dropdown, format);
}

void
sock_raw_composer_set_text (SockRawComposer *self,
                            const char      *text)
{
  g_return_if_fail (SOCK_IS_RAW_COMPOSER (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->input_view), text, -1);
}

GListModel *
sock_raw_composer_get_history (SockRawComposer *self)
{
  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER (self), NULL);
  return G_LIST_MODEL (self->history);
}

const char *
sock_raw_composer_get_status (SockRawComposer *self)
{
  g_return_val_if_fail (SOCK_IS_RAW_COMPOSER (self), NULL);
  return self->status;
}

static void
on_history_changed (SockRawComposer *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->history)) == 0;

  gtk_widget_set_visible (self->history_placeholder, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), !empty);
}

static void
sock_raw_composer_dispose (GObject *object)
{
  SockRawComposer *self = SOCK_RAW_COMPOSER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  sock_form_dispose_template (GTK_WIDGET (self), SOCK_TYPE_RAW_COMPOSER);
  g_clear_object (&self->connection);
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->file_bytes, g_bytes_unref);
  g_clear_pointer (&self->status, g_free);
  G_OBJECT_CLASS (sock_raw_composer_parent_class)->dispose (object);
}

static gpointer
map_entry (gpointer item,
           gpointer user_data)
{
  g_autoptr(SockSendEntry) entry = item;

  return sock_raw_composer_item_new_from_entry (entry);
}

static void
sock_raw_composer_class_init (SockRawComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_raw_composer_dispose;

  g_type_ensure (SOCK_TYPE_RAW_COMPOSER_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-raw-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, input_stack);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, input_view);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, file_label);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, status_label);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, history_placeholder);
  gtk_widget_class_bind_template_child (widget_class, SockRawComposer, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_history_activate);

  gtk_widget_class_install_action (widget_class, "raw.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "raw.resend", "u", resend_action);
  gtk_widget_class_install_action (widget_class, "raw.choose-file", NULL, choose_file_action);
}

static void
sock_raw_composer_init (SockRawComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->history = gtk_map_list_model_new (NULL, map_entry, NULL, NULL);
  gtk_list_view_set_model (self->history_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->history)))));
  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_dropdown, "notify::selected", G_CALLBACK (on_format_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->input_view), "changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  sock_form_add_run_shortcut (GTK_WIDGET (self), "raw.send");
  on_history_changed (self);
  update (self);
}
