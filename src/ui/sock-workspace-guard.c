/* sock-workspace-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Close without exporting?": closing a tab, a window or the app while a message log holds
 * messages that were never exported asks first (Preferences can turn the question off), and the
 * last window to close saves the workspace.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-number-format.h"
#include "sock-window-private.h"
#include "sock-workspace.h"
#include "sock-workspace-guard.h"

typedef struct
{
  SockGuardDone done;
  gpointer      data;
} Pending;

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Pending *pending = user_data;

  pending->done (g_str_equal (response, "close"), pending->data);
  g_free (pending);
}

gboolean
sock_workspace_guard_wanted (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_boolean (settings, "confirm-close-unexported");
}

AdwMessageDialog *
sock_workspace_guard_ask (GtkWindow     *parent,
                          SockGuardKind  kind,
                          guint          n_tabs,
                          guint          n_messages,
                          SockGuardDone  done,
                          gpointer       data)
{
  g_autofree char *count = sock_format_count (n_messages);
  g_autofree char *body = NULL;
  const char *heading, *verb;
  Pending *pending = g_new0 (Pending, 1);
  AdwMessageDialog *dialog;

  pending->done = done;
  pending->data = data;
  if (kind == SOCK_GUARD_TAB)
    {
      heading = _("Close Without Exporting?");
      verb = _("Close _Tab");
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The tab’s log holds %s message that was never exported. It is lost when the tab closes.",
                                           "The tab’s log holds %s messages that were never exported. They are lost when the tab closes.",
                                           n_messages), count);
    }
  else
    {
      heading = kind == SOCK_GUARD_QUIT ? _("Quit Without Exporting?") : _("Close Without Exporting?");
      verb = kind == SOCK_GUARD_QUIT ? _("_Quit") : _("Close _Window");
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u tab holds messages that were never exported (%s in all). They are lost unless you export them first (Ctrl+S in the tab).",
                                           "%u tabs hold messages that were never exported (%s in all). They are lost unless you export them first (Ctrl+S in each tab).",
                                           n_tabs), n_tabs, count);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "close", verb, NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), pending);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
is_last_window (SockWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (SOCK_IS_WINDOW (l->data) && l->data != (gpointer) self)
      return FALSE;
  return TRUE;
}

void
sock_workspace_guard_save (GtkApplication *app)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  if (g_settings_get_boolean (settings, "restore-workspace") && !sock_workspace_save (app, &error))
    g_warning ("Could not save the open tabs: %s", error->message);
}

static void
window_close_confirmed (gboolean confirmed,
                        gpointer data)
{
  g_autoptr(SockWindow) self = data;

  if (!confirmed)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
_sock_window_close_request (GtkWindow *window)
{
  SockWindow *self = SOCK_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  guint n_messages = 0, n_tabs;

  if (app == NULL)
    return GDK_EVENT_PROPAGATE;
  if (!self->close_confirmed && sock_workspace_guard_wanted () &&
      (n_tabs = sock_workspace_count_unexported (app, window, &n_messages)) > 0)
    {
      sock_workspace_guard_ask (window, SOCK_GUARD_WINDOW, n_tabs, n_messages, window_close_confirmed,
                                g_object_ref (self));
      return GDK_EVENT_STOP;
    }
  /* the last window to go takes the workspace with it: its tabs come back at the next start */
  if (is_last_window (self))
    sock_workspace_guard_save (app);
  return GDK_EVENT_PROPAGATE;
}
