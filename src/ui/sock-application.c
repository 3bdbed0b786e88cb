/* sock-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-application.h"
#include "sock-error.h"
#include "sock-health-notifier.h"
#include "sock-number-format.h"
#include "sock-preferences-window.h"
#include "sock-window.h"
#include "sock-window-private.h"
#include "sock-workspace.h"
#include "sock-workspace-guard.h"

struct _SockApplication
{
  AdwApplication  parent_instance;

  SockDemoServer *demo_server;
  GSettings      *settings;
  gboolean        restored;      /* the workspace was put back (or there was none to) */
};

/* What the about window shows under What's New: the newest <release> of the metainfo, in its words. */
#define SOCK_RELEASE_NOTES \
  "<p>The first release.</p><ul>" \
  "<li>Connections to WebSocket, WAMP v1 and WAMP v2 servers in tabs, with TLS, authentication (ticket and WAMP-CRA), extra headers and Origin</li>" \
  "<li>A plain-words diagnosis of every failed handshake, with Retry and Edit Settings</li>" \
  "<li>A live message log that keeps up with a million messages, with filters, pause, a detail pane and export to JSON Lines</li>" \
  "<li>Publish and call forms, progressive call results and cancelling</li>" \
  "<li>sockscope-cli with the probe, sub, pub, call and serve-demo commands</li>" \
  "<li>A built-in demo server with a WAMP router and a path for every handshake failure</li>" \
  "<li>The tabs open at quit come back at the next start, with their subscriptions and forms; secrets are never saved with them</li>" \
  "<li>Closing a tab whose log was never exported asks first</li>" \
  "<li>One instance: a second sockscope URL opens a tab in the running window; --new-window opens another window</li>" \
  "<li>Preferences for keepalive and reconnecting, the timestamp format, the style and digit grouping</li></ul>"

G_DEFINE_FINAL_TYPE (SockApplication, sock_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the built-in demo server and watch its live topics"), NULL },
  { "protocol", 'p', 0, G_OPTION_ARG_STRING, NULL,
    N_("Subprotocol to offer: auto, wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp or raw"), N_("PROTOCOL") },
  { "realm", 'r', 0, G_OPTION_ARG_STRING, NULL,
    N_("WAMP v2 realm to join"), N_("REALM") },
  { "subscribe", 's', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Subscribe to TOPIC once joined (repeat for more)"), N_("TOPIC") },
  { "new-window", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a new window instead of a tab in the running one"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

SockDemoServer *
sock_application_get_demo_server (SockApplication *self)
{
  g_return_val_if_fail (SOCK_IS_APPLICATION (self), NULL);

  return self->demo_server;
}

SockDemoServer *
sock_application_ensure_demo (SockApplication  *self,
                              GError          **error)
{
  g_autoptr(SockDemoServer) server = NULL;

  g_return_val_if_fail (SOCK_IS_APPLICATION (self), NULL);

  if (self->demo_server != NULL)
    return self->demo_server;

  server = sock_demo_server_new ();
  if (!sock_demo_server_start (server, 0, -1, error))
    return NULL;

  self->demo_server = g_steal_pointer (&server);
  return self->demo_server;
}

/* A new window; the first one of the app's life gets the tabs open at the last quit back. */
static SockWindow *
sock_application_new_window (SockApplication *self)
{
  SockWindow *window = sock_window_new (self);
  g_autoptr(GError) error = NULL;

  if (self->restored)
    return window;
  self->restored = TRUE;
  if (!g_settings_get_boolean (self->settings, "restore-workspace"))
    return window;
  if (sock_workspace_restore (window, &error) < 0)
    sock_window_toast (window, error->message);
  return window;
}

/* The window a URL, --demo or an activation goes to: the running one, as in GNOME apps. */
static SockWindow *
sock_application_get_window (SockApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SOCK_IS_WINDOW (window))
    return SOCK_WINDOW (window);

  return sock_application_new_window (self);
}

static void
sock_application_demo_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  SockApplication *self = user_data;
  SockWindow *window = sock_application_get_window (self);
  g_autoptr(GError) error = NULL;
  SockDemoServer *server;

  server = sock_application_ensure_demo (self, &error);
  if (server == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not start the demo server: %s"), error->message);
      sock_window_toast (window, message);
    }
  else
    sock_window_open_demo (window, server);

  gtk_window_present (GTK_WINDOW (window));
}

static void
sock_application_about_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  static const char *developers[] = { "The Sockscope developers https://github.com/sockscope/sockscope", NULL };
  static const char *designers[] = { "The Sockscope developers", NULL };
  static const char *built_on[] = {
    "GTK https://gtk.org", "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libsoup https://libsoup.org", "JSON-GLib https://gitlab.gnome.org/GNOME/json-glib", NULL
  };
  GtkApplication *app = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Sockscope"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Sockscope developers"),
                        "developers", developers,
                        "designers", designers,
                        /* TRANSLATORS: your names and addresses, one per line */
                        "translator-credits", _("translator-credits"),
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", SOCK_RELEASE_NOTES,
                        "copyright", "© The Sockscope developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/sockscope/sockscope",
                        "issue-url", "https://github.com/sockscope/sockscope/issues",
                        "comments", _("Debug WebSocket and WAMP servers: handshakes, sessions and live messages."),
                        NULL);
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Built on"), built_on);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Documentation"),
                             "https://github.com/sockscope/sockscope#readme");
  gtk_window_present (GTK_WINDOW (about));
}

static void
sock_application_preferences_action (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (sock_preferences_window_new (parent)));
}

static void
quit_answered (gboolean confirmed,
               gpointer data)
{
  g_autoptr(SockApplication) self = data;

  if (confirmed)
    sock_application_quit (self, TRUE);
}

void
sock_application_quit (SockApplication *self,
                       gboolean         force)
{
  GtkApplication *app = GTK_APPLICATION (self);
  GtkWindow *parent = gtk_application_get_active_window (app);
  guint n_messages = 0, n_tabs;

  g_return_if_fail (SOCK_IS_APPLICATION (self));

  if (!force && parent != NULL && sock_workspace_guard_wanted () &&
      (n_tabs = sock_workspace_count_unexported (app, NULL, &n_messages)) > 0)
    {
      sock_workspace_guard_ask (parent, SOCK_GUARD_QUIT, n_tabs, n_messages, quit_answered, g_object_ref (self));
      return;
    }
  sock_workspace_guard_save (app);
  /* a connection deleted a moment ago takes its secrets along, Undo or not */
  _sock_window_finish_deletions ();
  g_application_quit (G_APPLICATION (self));
}

/* Preferences' colour scheme: follow the system, or always light or dark. */
static void
on_color_scheme_changed (SockApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
sock_application_follow_style (SockApplication *self)
{
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (on_color_scheme_changed), self,
                           G_CONNECT_SWAPPED);
  on_color_scheme_changed (self);
}

static void
sock_application_quit_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  sock_application_quit (SOCK_APPLICATION (user_data), FALSE);
}

static void
sock_application_new_window_action (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  SockApplication *self = user_data;

  self->restored = TRUE;
  gtk_window_present (GTK_WINDOW (sock_window_new (self)));
}

static const GActionEntry app_actions[] = {
  { "demo", sock_application_demo_action },
  { "preferences", sock_application_preferences_action },
  { "about", sock_application_about_action },
  { "quit", sock_application_quit_action },
  { "new-window", sock_application_new_window_action },
};

/* `sockscope URL --protocol P --realm R --subscribe T…` as options, checked before anything is sent. */
static SockConnectOptions *
sock_application_build_options (SockWindow          *window,
                                const char          *url,
                                const char          *protocol,
                                const char          *realm,
                                const char * const  *topics,
                                GError             **error)
{
  g_autoptr(SockConnectOptions) options = sock_window_new_options (window);
  SockProtocolChoice choice = SOCK_PROTOCOL_CHOICE_AUTO;

  if (protocol != NULL && !sock_protocol_choice_from_string (protocol, &choice, error))
    return NULL;
  if (!sock_connect_options_set_url (options, url, error))
    return NULL;
  sock_connect_options_set_protocol (options, choice);
  sock_connect_options_set_realm (options, realm);
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    sock_connect_options_add_subscription (options, topics[i], SOCK_MATCH_EXACT);

  if (!sock_connect_options_validate (options, error))
    return NULL;
  return g_steal_pointer (&options);
}

/* URL, --protocol, --realm, --subscribe and --demo: a tab for the URL (or the demo), subscribed
 * to each topic once joined, and the start page's form filled in the same way. */
static gboolean
sock_application_apply_options (SockApplication  *self,
                                SockWindow       *window,
                                GVariantDict     *options,
                                GError          **error)
{
  g_autofree const char **urls = NULL;
  g_autofree const char **topics = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *realm = NULL;
  SockConnectionPage *page = NULL;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &urls);
  g_variant_dict_lookup (options, "subscribe", "^a&s", &topics);
  g_variant_dict_lookup (options, "protocol", "s", &protocol);
  g_variant_dict_lookup (options, "realm", "s", &realm);

  if (urls != NULL && urls[0] != NULL && urls[1] != NULL)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL, _("Give one URL at a time"));
      return FALSE;
    }
  if (protocol != NULL && !sock_window_set_protocol (window, protocol, error))
    return FALSE;
  if (realm != NULL)
    sock_window_set_realm (window, realm);

  if (urls != NULL && urls[0] != NULL)
    {
      g_autoptr(SockConnectOptions) connect = NULL;

      sock_window_set_url (window, urls[0]);
      connect = sock_application_build_options (window, urls[0], protocol, realm, topics, error);
      if (connect == NULL)
        return FALSE;
      sock_window_open_connection (window, connect);
    }
  else if (g_variant_dict_contains (options, "demo") && self->demo_server != NULL)
    {
      page = sock_window_open_demo (window, self->demo_server);
      for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
        sock_connection_page_subscribe (page, topics[i], SOCK_MATCH_EXACT);
    }

  return TRUE;
}

/* Runs in the primary instance, for its own command line and for every later `sockscope …`:
 * their URL or --demo becomes a tab in the running window (--new-window: in a new one), and
 * what went wrong is printed by, and is the exit status of, the process the user started. */
static int
sock_application_command_line (GApplication            *app,
                               GApplicationCommandLine *cmdline)
{
  SockApplication *self = SOCK_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;
  gboolean created;
  SockWindow *window;

  if (g_variant_dict_contains (options, "new-window"))
    {
      self->restored = TRUE;
      window = sock_window_new (self);
    }
  else
    window = sock_application_get_window (self);
  created = GTK_WINDOW (window) != active;

  if (g_variant_dict_contains (options, "demo") && sock_application_ensure_demo (self, &error) == NULL)
    {
      g_application_command_line_printerr (cmdline, _("Could not start the demo server: %s\n"),
                                           error->message);
      if (created)
        gtk_window_destroy (GTK_WINDOW (window));
      return EXIT_FAILURE;
    }

  if (!sock_application_apply_options (self, window, options, &error))
    {
      g_application_command_line_printerr (cmdline, "%s\n", error->message);
      if (created)
        gtk_window_destroy (GTK_WINDOW (window));
      return EXIT_FAILURE;
    }

  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

static int
sock_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sockscope %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
sock_application_activate (GApplication *app)
{
  SockWindow *window = sock_application_get_window (SOCK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
sock_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_window_accels[] = { "<Shift><Control>t", NULL };
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (sock_application_parent_class)->startup (app);

  /* AdwApplication loads style.css by itself; the window's styles live beside it. */
  gtk_css_provider_load_from_resource (provider, "/io/github/sockscope/Sockscope/sock-window.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  SOCK_APPLICATION (app)->settings = g_settings_new (APP_ID);
  /* core's texts group digits as Preferences say from the first one on */
  sock_number_format_get_grouping ();
  sock_application_follow_style (SOCK_APPLICATION (app));
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  sock_health_notifier_install (GTK_APPLICATION (app));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
}

/* GTK 4.8's shortcuts window writes some keys by their symbol names ("Page_Down"): people read
 * them as "Page Down". The labels are the shortcut labels' own children. */
static void
name_keys (GtkWidget *widget,
           gboolean   in_shortcut)
{
  in_shortcut |= GTK_IS_SHORTCUT_LABEL (widget);
  if (in_shortcut && GTK_IS_LABEL (widget) && strchr (gtk_label_get_label (GTK_LABEL (widget)), '_') != NULL)
    {
      g_autofree char *text = g_strdelimit (g_strdup (gtk_label_get_label (GTK_LABEL (widget))), "_", ' ');

      gtk_label_set_label (GTK_LABEL (widget), text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    name_keys (child, in_shortcut);
}

static void
sock_application_window_added (GtkApplication *app,
                               GtkWindow      *window)
{
  GtkShortcutsWindow *overlay;

  GTK_APPLICATION_CLASS (sock_application_parent_class)->window_added (app, window);

  overlay = GTK_IS_APPLICATION_WINDOW (window) ?
            gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) : NULL;
  if (overlay != NULL)
    name_keys (GTK_WIDGET (overlay), FALSE);
}

static void
sock_application_shutdown (GApplication *app)
{
  SockApplication *self = SOCK_APPLICATION (app);

  /* the last window closed, or a quit from elsewhere */
  _sock_window_finish_deletions ();
  if (self->demo_server != NULL)
    sock_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);

  G_APPLICATION_CLASS (sock_application_parent_class)->shutdown (app);
}

static void
sock_application_dispose (GObject *object)
{
  SockApplication *self = SOCK_APPLICATION (object);

  g_clear_object (&self->demo_server);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sock_application_parent_class)->dispose (object);
}

static void
sock_application_class_init (SockApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sock_application_dispose;
  app_class->startup = sock_application_startup;
  app_class->shutdown = sock_application_shutdown;
  app_class->activate = sock_application_activate;
  app_class->command_line = sock_application_command_line;
  app_class->handle_local_options = sock_application_handle_local_options;
  GTK_APPLICATION_CLASS (klass)->window_added = sock_application_window_added;
}

static void
sock_application_init (SockApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URL]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Debug WebSocket and WAMP servers. A URL opens a "
                                              "connection; without one, the start page asks for one. "
                                              "--demo starts the built-in demo server and opens it."));
}

SockApplication *
sock_application_new (void)
{
  /* One instance per session, as GNOME apps are: a second `sockscope URL` hands its command line
   * to the running one, so that one workspace and one demo server serve them all. */
  return g_object_new (SOCK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/sockscope/Sockscope",
                       NULL);
}
