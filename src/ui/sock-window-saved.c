/* sock-window-saved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's saved connections: open one (secrets from the keyring, or the connect dialog asks
 * for what is missing), save from the connect dialog or from an open tab, edit, duplicate, delete
 * with undo, import and export, and start from a template. The list on the start page
 * (SockSavedList) activates these actions; the store is sock_saved_connections_get_default().
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-keyring.h"
#include "sock-saved-connections.h"
#include "sock-saved-list.h"
#include "sock-saved-secrets.h"
#include "sock-saved-templates.h"
#include "sock-window.h"
#include "sock-window-private.h"

#define SAVED_ID_KEY "sock-saved-id"

static SockSavedConnections *
get_store (void)
{
  return sock_saved_connections_get_default ();
}

gboolean
_sock_window_commit_saved (SockWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (sock_saved_connections_save (get_store (), &error))
    return TRUE;
  sock_window_toast (self, error->message);
  return FALSE;
}

/* Whether options have, or may need, anything the keyring keeps. */
static gboolean
has_secret_slots (SockConnectOptions *options)
{
  g_autoptr(GPtrArray) secrets = sock_saved_secrets_collect (options);
  g_auto(GStrv) missing = sock_saved_secrets_list_missing (options);

  return secrets->len > 0 || missing[0] != NULL;
}

typedef void (*WithSecrets) (SockWindow          *self,
                             SockSavedConnection *saved,
                             SockConnectOptions  *options);

typedef struct
{
  SockWindow          *window;
  SockSavedConnection *saved;
  WithSecrets          then;
  char                *message;   /* a toast once the keyring answered */
} Job;

static Job *
job_new (SockWindow          *self,
         SockSavedConnection *saved)
{
  Job *job = g_new0 (Job, 1);

  job->window = g_object_ref (self);
  job->saved = g_object_ref (saved);
  return job;
}

static void
job_free (Job *job)
{
  g_object_unref (job->window);
  g_object_unref (job->saved);
  g_free (job->message);
  g_free (job);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) options = sock_keyring_lookup_finish (result, &error);

  if (options == NULL)
    {
      /* the connect dialog asks for what the keyring could not give */
      sock_window_toast (job->window, error->message);
      options = sock_connect_options_copy (sock_saved_connection_get_options (job->saved));
    }
  job->then (job->window, job->saved, options);
  job_free (job);
}

/* Calls then with the connection's options, the secrets they lack filled in from the keyring. */
static void
with_secrets (SockWindow          *self,
              SockSavedConnection *saved,
              WithSecrets          then)
{
  SockConnectOptions *options = sock_saved_connection_get_options (saved);
  g_auto(GStrv) missing = sock_saved_secrets_list_missing (options);
  Job *job;

  if (missing[0] == NULL)
    {
      g_autoptr(SockConnectOptions) copy = sock_connect_options_copy (options);

      then (self, saved, copy);
      return;
    }
  job = job_new (self, saved);
  job->then = then;
  sock_keyring_lookup_async (saved, NULL, on_looked_up, job);
}

static void
on_secrets_stored (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  /* a toast short enough to show whole; the cause (no service, locked, no answer) is for those
   * who debug */
  if (!sock_keyring_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Saved “%s”, but not its secrets: the keyring did not take "
                                                    "them. They are asked for when connecting"),
                                                  sock_saved_connection_get_name (job->saved));

      g_debug ("%s", error->message);
      sock_window_toast (job->window, message);
    }
  else
    sock_window_toast (job->window, job->message);
  job_free (job);
}

/* Puts the connection's secrets in the keyring (replacing what was there), then says message.
 * had_secrets: the keyring may hold secrets of it that are to go. */
static void
store_secrets (SockWindow          *self,
               SockSavedConnection *saved,
               gboolean             had_secrets,
               const char          *message)
{
  Job *job;

  if (!had_secrets && !has_secret_slots (sock_saved_connection_get_options (saved)))
    {
      sock_window_toast (self, message);
      return;
    }
  job = job_new (self, saved);
  job->message = g_strdup (message);
  sock_keyring_store_async (saved, NULL, on_secrets_stored, job);
}

/* Saving from the connect dialog */

static void
on_dialog_save (SockWindow         *self,
                SockConnectOptions *options,
                const char         *name,
                SockConnectDialog  *dialog)
{
  SockSavedConnections *store = get_store ();
  SockSavedConnection *existing = sock_saved_connections_lookup_id (store, g_object_get_data (G_OBJECT (dialog),
                                                                                               SAVED_ID_KEY));
  g_autoptr(SockSavedConnection) added = NULL;
  g_autofree char *free_name = NULL;
  g_autofree char *message = NULL;
  gboolean had_secrets = FALSE;

  if (existing != NULL)
    {
      had_secrets = has_secret_slots (sock_saved_connection_get_options (existing));
      if (!g_str_equal (name, sock_saved_connection_get_name (existing)))
        free_name = sock_saved_connections_dup_free_name (store, name);
      sock_saved_connection_set_name (existing, free_name ? free_name : name);
      sock_saved_connection_set_options (existing, options);
      sock_saved_connections_changed (store, existing);
    }
  else
    {
      free_name = sock_saved_connections_dup_free_name (store, name);
      existing = added = sock_saved_connection_new (free_name, options);
      sock_saved_connections_insert (store, -1, added);
    }
  if (!_sock_window_commit_saved (self))
    return;
  message = g_strdup_printf (_("Saved “%s”"), sock_saved_connection_get_name (existing));
  store_secrets (self, existing, had_secrets, message);
}

void
_sock_window_watch_dialog (SockWindow        *self,
                           SockConnectDialog *dialog)
{
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save), self, G_CONNECT_SWAPPED);
}

static SockConnectDialog *
show_dialog_for (SockWindow          *self,
                 SockSavedConnection *saved,
                 SockConnectOptions  *options)
{
  SockConnectDialog *dialog = sock_window_show_connect_dialog (self, options);

  sock_connect_dialog_set_name (dialog, sock_saved_connection_get_name (saved));
  g_object_set_data_full (G_OBJECT (dialog), SAVED_ID_KEY, g_strdup (sock_saved_connection_get_id (saved)), g_free);
  return dialog;
}

/* Opening */

static void
open_with (SockWindow          *self,
           SockSavedConnection *saved,
           SockConnectOptions  *options)
{
  sock_saved_connection_set_last_used (saved, g_get_real_time () / G_USEC_PER_SEC);
  sock_saved_connections_changed (get_store (), saved);
  _sock_window_commit_saved (self);
  if (sock_connect_options_validate (options, NULL))
    sock_window_open_connection (self, options);
  else
    show_dialog_for (self, saved, options);
}

static SockSavedConnection *
lookup_param (GVariant *param)
{
  return sock_saved_connections_lookup_id (get_store (), g_variant_get_string (param, NULL));
}

static void
window_open_saved (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockSavedConnection *saved = lookup_param (param);

  if (saved != NULL)
    with_secrets (SOCK_WINDOW (widget), saved, open_with);
}

static void
edit_with (SockWindow          *self,
           SockSavedConnection *saved,
           SockConnectOptions  *options)
{
  sock_connect_dialog_set_editing (show_dialog_for (self, saved, options), TRUE);
}

static void
window_edit_saved (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockSavedConnection *saved = lookup_param (param);

  if (saved != NULL)
    with_secrets (SOCK_WINDOW (widget), saved, edit_with);
}

static void
duplicate_with (SockWindow          *self,
                SockSavedConnection *saved,
                SockConnectOptions  *options)
{
  SockSavedConnections *store = get_store ();
  g_autofree char *name = sock_saved_connections_dup_free_name (store, sock_saved_connection_get_name (saved));
  g_autoptr(SockSavedConnection) copy = sock_saved_connection_new (name, options);
  g_autofree char *message = g_strdup_printf (_("Saved a copy as “%s”"), name);
  guint position;

  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (store)); position++)
    {
      g_autoptr(SockSavedConnection) item = g_list_model_get_item (G_LIST_MODEL (store), position);

      if (item == saved)
        break;
    }
  sock_saved_connections_insert (store, position + 1, copy);
  if (_sock_window_commit_saved (self))
    store_secrets (self, copy, FALSE, message);
}

static void
window_duplicate_saved (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SockSavedConnection *saved = lookup_param (param);

  if (saved != NULL)
    with_secrets (SOCK_WINDOW (widget), saved, duplicate_with);
}

/* Deleting, with undo: the keyring forgets the secrets only once the toast is gone, or when
 * its window closes or the app quits before that: a deletion is never left half done. */

typedef struct
{
  SockWindow          *window;
  SockSavedConnection *saved;
  int                  position;
  gboolean             undone;
  gboolean             finished;
} Deleted;

static GPtrArray *pending_deletions;   /* Deleted whose toast is still up */
static guint n_clearing;               /* keyring clears not answered yet */

static void
on_undo (AdwToast *toast,
         Deleted  *deleted)
{
  g_autofree char *message = NULL;

  if (deleted->finished)
    return;
  deleted->undone = TRUE;
  sock_saved_connections_insert (get_store (), deleted->position, deleted->saved);
  if (_sock_window_commit_saved (deleted->window))
    {
      message = g_strdup_printf (_("Restored “%s”"), sock_saved_connection_get_name (deleted->saved));
      sock_window_toast (deleted->window, message);
    }
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  /* a keyring that is gone has nothing to forget */
  sock_keyring_clear_finish (result, NULL);
  n_clearing--;
}

static void
finish_deletion (Deleted *deleted)
{
  if (deleted->finished)
    return;
  deleted->finished = TRUE;
  if (!deleted->undone && has_secret_slots (sock_saved_connection_get_options (deleted->saved)))
    {
      n_clearing++;
      sock_keyring_clear_async (sock_saved_connection_get_id (deleted->saved), NULL, on_cleared, NULL);
    }
}

static void
on_delete_toast_dismissed (AdwToast *toast,
                           Deleted  *deleted)
{
  finish_deletion (deleted);
}

/* The toast goes with its window too, dismissed or not. */
static void
deleted_free (gpointer  data,
              GClosure *closure)
{
  Deleted *deleted = data;

  finish_deletion (deleted);
  g_ptr_array_remove (pending_deletions, deleted);
  g_object_unref (deleted->window);
  g_object_unref (deleted->saved);
  g_free (deleted);
}

void
_sock_window_finish_deletions (void)
{
  gint64 deadline;

  for (guint i = 0; pending_deletions != NULL && i < pending_deletions->len; i++)
    finish_deletion (g_ptr_array_index (pending_deletions, i));
  /* the keyring's own deadline ends each call; this one only guards against a lost answer */
  deadline = g_get_monotonic_time () + 35 * G_USEC_PER_SEC;
  while (n_clearing > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
window_delete_saved (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  SockSavedConnection *saved = lookup_param (param);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  Deleted *deleted;
  AdwToast *toast;

  if (saved == NULL)
    return;
  deleted = g_new0 (Deleted, 1);
  deleted->window = g_object_ref (self);
  deleted->saved = g_object_ref (saved);
  deleted->position = sock_saved_connections_remove (get_store (), saved);
  _sock_window_commit_saved (self);
  if (pending_deletions == NULL)
    pending_deletions = g_ptr_array_new ();
  g_ptr_array_add (pending_deletions, deleted);

  title = g_strdup_printf (_("Deleted “%s”"), sock_saved_connection_get_name (saved));
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo), deleted);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), deleted, deleted_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* New ones: from a template, or from the open tab */

static void
window_new_saved_from_template (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  g_autoptr(GPtrArray) templates = sock_saved_templates_new ();
  int index = g_variant_get_int32 (param);
  SockSavedConnection *template;
  SockConnectDialog *dialog;
  g_autofree char *name = NULL;

  if (index < 0 || (guint) index >= templates->len)
    return;
  template = g_ptr_array_index (templates, index);
  name = sock_saved_connections_dup_free_name (get_store (), sock_saved_connection_get_name (template));
  dialog = sock_window_show_connect_dialog (self, sock_saved_connection_get_options (template));
  sock_connect_dialog_set_name (dialog, name);
}

static void
window_save_connection (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  SockConnectionPage *page = sock_window_get_selected_connection (self);
  SockConnectDialog *dialog;
  g_autofree char *name = NULL;

  if (page == NULL)
    {
      /* from the start page: its form */
      gtk_widget_activate_action (widget, "win.connection-settings", NULL);
      return;
    }
  /* the tab's settings now, its subscriptions included */
  name = sock_saved_connections_dup_free_name (get_store (), sock_connection_page_get_title (page));
  dialog = sock_window_show_connect_dialog (self, sock_connection_page_get_options (page));
  sock_connect_dialog_set_name (dialog, name);
}

void
_sock_window_init_saved (SockWindow *self)
{
  static gboolean load_error_shown;
  SockSavedConnections *store = get_store ();
  const GError *error = sock_saved_connections_get_load_error (store);

  sock_saved_list_set_model (SOCK_SAVED_LIST (self->saved_list), G_LIST_MODEL (store));
  /* once per run: the file was kept aside, and where it went */
  if (error != NULL && !load_error_shown)
    {
      load_error_shown = TRUE;
      sock_window_toast (self, error->message);
    }
}

void
_sock_window_class_init_saved (GtkWidgetClass *widget_class)
{
  g_type_ensure (SOCK_TYPE_SAVED_LIST);
  /* long enough to type the password of a locked keyring into its prompt */
  sock_keyring_set_timeout (30000);

  gtk_widget_class_install_action (widget_class, "win.open-saved", "s", window_open_saved);
  gtk_widget_class_install_action (widget_class, "win.edit-saved", "s", window_edit_saved);
  gtk_widget_class_install_action (widget_class, "win.duplicate-saved", "s", window_duplicate_saved);
  gtk_widget_class_install_action (widget_class, "win.delete-saved", "s", window_delete_saved);
  gtk_widget_class_install_action (widget_class, "win.new-saved-from-template", "i", window_new_saved_from_template);
  gtk_widget_class_install_action (widget_class, "win.save-connection", NULL, window_save_connection);
  _sock_window_class_init_saved_io (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.save-connection", NULL);
}
