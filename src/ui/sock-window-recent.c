/* sock-window-recent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page's Recent list: what was connected to, with every setting but the secrets, kept
 * in GSettings ("recent-connections") as the JSON form of SockConnectOptions, newest first.
 * Reopening an entry gets the same realm, protocol, limits and subscriptions; an entry that needs a
 * secret opens the connect dialog to ask for it. The demo server's tabs are left out: its port
 * changes with every run.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-window.h"
#include "sock-window-private.h"

#define MAX_RECENT 10

/* One entry per URL, realm and protocol: connecting again with other limits or subscriptions
 * replaces it. */
static gboolean
same_connection (SockConnectOptions *a,
                 SockConnectOptions *b)
{
  return g_strcmp0 (sock_connect_options_get_url (a), sock_connect_options_get_url (b)) == 0 &&
         g_strcmp0 (sock_connect_options_get_realm (a), sock_connect_options_get_realm (b)) == 0 &&
         sock_connect_options_get_protocol (a) == sock_connect_options_get_protocol (b);
}

/* The demo server listens on a port of its own run: that URL is useless tomorrow. */
static gboolean
is_demo_url (SockWindow *self,
             const char *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  SockDemoServer *demo = SOCK_IS_APPLICATION (app) ? sock_application_get_demo_server (SOCK_APPLICATION (app)) : NULL;
  g_autofree char *base = demo != NULL ? sock_demo_server_dup_base_url (demo) : NULL;
  gsize len = base != NULL ? strlen (base) : 0;

  return base != NULL && url != NULL && strncmp (url, base, len) == 0 && (url[len] == '/' || url[len] == '\0');
}

void
_sock_window_remember (SockWindow         *self,
                       SockConnectOptions *options)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-connections");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = sock_connect_options_to_string (options);
  g_auto(GStrv) entries = NULL;
  guint n = 1;

  if (is_demo_url (self, sock_connect_options_get_url (options)))
    return;
  g_strv_builder_add (builder, text);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    {
      g_autoptr(SockConnectOptions) entry = sock_connect_options_new_from_string (old[i], NULL);

      /* damaged or newer entries are not carried on */
      if (entry == NULL || same_connection (entry, options))
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  entries = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-connections", (const char * const *) entries);
}

/* The tab's subscriptions change: Recent follows them. */
static void
on_subscriptions_changed (SockWindow         *self,
                          SockConnectOptions *options)
{
  _sock_window_remember (self, options);
}

void
_sock_window_remember_page (SockWindow         *self,
                            SockConnectionPage *page)
{
  SockConnectOptions *options = sock_connection_page_get_options (page);

  _sock_window_remember (self, options);
  g_signal_connect_object (options, "subscriptions-changed", G_CALLBACK (on_subscriptions_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
window_open_recent (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  g_autofree char *protocol = NULL;

  options = sock_connect_options_new_from_string (g_variant_get_string (param, NULL), &error);
  if (options == NULL)
    {
      sock_window_toast (self, error->message);
      return;
    }

  /* The start page shows what is being connected to. */
  sock_window_set_url (self, sock_connect_options_get_url (options));
  if (sock_connect_options_get_protocol (options) != SOCK_PROTOCOL_CHOICE_CUSTOM)
    adw_combo_row_set_selected (self->protocol_row, sock_protocol_choice_to_position (sock_connect_options_get_protocol (options)));
  sock_window_set_realm (self, sock_connect_options_get_realm (options));

  /* A ticket or a secret is never stored: the dialog asks for it. */
  if (!sock_connect_options_validate (options, NULL))
    {
      sock_window_show_connect_dialog (self, options);
      return;
    }
  sock_window_open_connection (self, options);
}

static void
window_clear_recent (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);

  g_settings_reset (self->settings, "recent-connections");
}

static void
on_recent_changed (SockWindow *self,
                   const char *key,
                   GSettings  *settings)
{
  g_auto(GStrv) entries = g_settings_get_strv (settings, "recent-connections");
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->recent_model));

  gtk_string_list_splice (self->recent_model, 0, n_old, (const char * const *) entries);
  gtk_widget_set_visible (self->recent_group, entries[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-recent", entries[0] != NULL);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *text = gtk_string_object_get_string (item);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_from_string (text, NULL);
  g_autofree char *summary = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (options == NULL)
    {
      /* written by a newer Sockscope, or damaged: shown, but not offered */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A connection this version cannot read"));
      gtk_widget_set_sensitive (row, FALSE);
      return row;
    }

  summary = sock_connect_options_dup_summary (options);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sock_connect_options_get_url (options));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-open-recent-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", text);
  gtk_widget_set_tooltip_text (row, _("Connect to this server again, with the same settings"));

  return row;
}

void
_sock_window_init_recent (SockWindow *self)
{
  self->recent_model = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent_model),
                           create_recent_row, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::recent-connections",
                           G_CALLBACK (on_recent_changed), self, G_CONNECT_SWAPPED);
  on_recent_changed (self, "recent-connections", self->settings);
}

void
_sock_window_class_init_recent (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", window_open_recent);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL, window_clear_recent);
}
