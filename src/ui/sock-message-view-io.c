/* sock-message-view-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export of the Messages view to JSON Lines and offline viewing of such a file. Both run on a
 * worker thread (the log's _async calls) and report the outcome as a toast. An import goes into
 * a fresh log, so a bad file leaves what the view showed as it was.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sock-message-view-private.h"
#include "sock-number-format.h"

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "");
}

/* GIO's messages repeat the path the toast names already: keep the reason at their end. */
static const char *
last_reason (const GError *error)
{
  const char *colon = g_strrstr (error->message, ": ");

  return colon != NULL && colon[2] != '\0' ? colon + 2 : error->message;
}

static void
set_busy (SockMessageView *self,
          gboolean         busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was_busy != (self->busy > 0))
    g_object_notify (G_OBJECT (self), "busy");
}

typedef struct
{
  SockMessageView *view;
  SockMessageLog *log;
  GFile *file;
  guint64 n_rows;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->view);
  g_object_unref (job->log);
  g_object_unref (job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (SockMessageView *self,
         SockMessageLog  *log,
         GFile           *file)
{
  Job *job = g_new0 (Job, 1);

  job->view = g_object_ref (self);
  job->log = g_object_ref (log);
  job->file = g_object_ref (file);
  return job;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (job->file);
  g_autofree char *text = NULL;

  set_busy (job->view, FALSE);
  if (!sock_message_log_export_finish (job->log, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("Could not export to “%s”: %s"), name, last_reason (error));
      _sock_message_view_toast (job->view, text, TRUE);
      return;
    }
  else
    {
      g_autofree char *count = sock_format_count (job->n_rows);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s message to “%s”",
                                           "Exported %s messages to “%s”", job->n_rows), count, name);
    }
  _sock_message_view_toast (job->view, text, FALSE);
}

void
sock_message_view_export_to_file (SockMessageView *self,
                                  GFile           *file,
                                  gboolean         filtered)
{
  SockMessageFilter *filter = filtered ? self->filter : NULL;
  Job *job;

  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->log == NULL)
    return;
  job = job_new (self, self->log, file);
  /* What the user sees is what the file gets: the rows up to the last frame. */
  job->n_rows = filter != NULL && self->list != NULL ?
                g_list_model_get_n_items (G_LIST_MODEL (self->list)) :
                sock_message_log_get_n_retained (self->log);
  set_busy (self, TRUE);
  sock_message_log_export_async (self->log, filter, file, self->cancellable, export_done_cb, job);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  SockMessageView *self = job->view;
  g_autofree char *name = display_name (job->file);
  g_autofree char *text = NULL;

  set_busy (self, FALSE);
  if (!sock_message_log_import_finish (job->log, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The log's errors already name the file and the line. */
      text = g_strdup_printf (_("Could not open the recording: %s"), error->message);
      _sock_message_view_toast (self, text, TRUE);
      return;
    }
  g_set_object (&self->offline_file, job->file);
  text = g_strdup_printf (_("Viewing “%s” (offline)"), name);
  gtk_label_set_text (self->offline_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->offline_label),
                               g_file_peek_path (job->file));
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
  _sock_message_view_show_log (self, job->log);
}

void
sock_message_view_open_file (SockMessageView *self,
                             GFile           *file)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();

  g_return_if_fail (SOCK_IS_MESSAGE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  set_busy (self, TRUE);
  sock_message_log_import_async (log, file, self->cancellable, import_done_cb,
                                 job_new (self, log, file));
}

static GtkFileFilter *
jsonl_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON Lines"));
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_filter_add_pattern (filter, "*.ndjson");
  gtk_file_filter_add_mime_type (filter, "application/x-ndjson");
  return filter;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SockMessageView *self)
{
  g_autoptr(GFile) file = NULL;
  const char *purpose = g_object_get_data (G_OBJECT (chooser), "purpose");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_str_equal (purpose, "open"))
    sock_message_view_open_file (self, file);
  else if (file != NULL)
    sock_message_view_export_to_file (self, file, g_str_equal (purpose, "filtered"));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_chooser (SockMessageView      *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *purpose)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 action, accept, NULL);
  g_autoptr(GtkFileFilter) filter = jsonl_filter ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "purpose", g_strdup (purpose), g_free);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("sockscope-%s.jsonl", stamp);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sock_message_view_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  gboolean filtered = g_str_equal (action_name, "messages.export-filtered");

  run_chooser (SOCK_MESSAGE_VIEW (widget),
               filtered ? _("Export Filtered Messages") : _("Export All Messages"),
               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), filtered ? "filtered" : "all");
}

void
_sock_message_view_open_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  run_chooser (SOCK_MESSAGE_VIEW (widget), _("Open a Recording"),
               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), "open");
}
