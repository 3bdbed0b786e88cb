/* sock-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-application.h"
#include "sock-error.h"
#include "sock-preferences-window.h"
#include "sock-window.h"

struct _SockApplication
{
  AdwApplication  parent_instance;

  SockDemoServer *demo_server;
};

G_DEFINE_FINAL_TYPE (SockApplication, sock_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the built-in demo server and watch its live topics"), NULL },
  { "protocol", 'p', 0, G_OPTION_ARG_STRING, NULL,
    N_("Subprotocol to offer: auto, wamp.2.json, wamp or raw"), N_("PROTOCOL") },
  { "realm", 'r', 0, G_OPTION_ARG_STRING, NULL,
    N_("WAMP v2 realm to join"), N_("REALM") },
  { "subscribe", 's', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Subscribe to TOPIC once joined (repeat for more)"), N_("TOPIC") },
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

static SockWindow *
sock_application_get_window (SockApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SOCK_IS_WINDOW (window))
    return SOCK_WINDOW (window);

  return sock_window_new (self);
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
  static const char *developers[] = { "The Sockscope developers", NULL };
  GtkApplication *app = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Sockscope"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Sockscope developers"),
                        "developers", developers,
                        /* Translators: your names, one per line, shown in the about window's credits */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© The Sockscope developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/sockscope/sockscope",
                        "issue-url", "https://github.com/sockscope/sockscope/issues",
                        "comments", _("Debug WebSocket and WAMP servers: handshakes, sessions and live messages."),
                        NULL);
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
sock_application_quit_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "demo", sock_application_demo_action },
  { "preferences", sock_application_preferences_action },
  { "about", sock_application_about_action },
  { "quit", sock_application_quit_action },
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

static int
sock_application_command_line (GApplication            *app,
                               GApplicationCommandLine *cmdline)
{
  SockApplication *self = SOCK_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(GError) error = NULL;
  SockWindow *window;

  window = sock_window_new (self);

  if (g_variant_dict_contains (options, "demo") && sock_application_ensure_demo (self, &error) == NULL)
    {
      g_application_command_line_printerr (cmdline, _("Could not start the demo server: %s\n"),
                                           error->message);
      gtk_window_destroy (GTK_WINDOW (window));
      return EXIT_FAILURE;
    }

  if (!sock_application_apply_options (self, window, options, &error))
    {
      g_application_command_line_printerr (cmdline, "%s\n", error->message);
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
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (sock_application_parent_class)->startup (app);

  /* AdwApplication loads style.css by itself; the window's styles live beside it. */
  gtk_css_provider_load_from_resource (provider, "/io/github/sockscope/Sockscope/sock-window.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
sock_application_shutdown (GApplication *app)
{
  SockApplication *self = SOCK_APPLICATION (app);

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
  /* NON_UNIQUE: every `sockscope --demo` owns its own demo server, and tests never end up
   * talking to an instance that is already running. */
  return g_object_new (SOCK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/sockscope/Sockscope",
                       NULL);
}
