/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Preferences window under a real display: opened through its action, changed through its
 * spin buttons, and checked where the user would feel it: the settings, the logs of the open
 * connections and the defaults of new ones.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-demo-server.h"
#include "sock-window.h"
#include "test-ui-util.h"

#define MIB (1024 * 1024)

static SockApplication *app;

typedef struct
{
  SockWindow *window;
  GSettings *settings;
} Fixture;

static const char * const keys[] = {
  "log-max-messages", "log-max-megabytes", "max-message-size", "connect-timeout",
  "keepalive-interval", "pong-timeout", "reconnect", "color-scheme", "digit-grouping",
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);
  f->window = sock_window_new (app);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (widget_mapped, f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->settings);
}

static gboolean
preferences_shown (gpointer data)
{
  return find_shown_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL;
}

/* Opens Preferences the way the menu and Ctrl+comma do. */
static GtkWindow *
open_preferences (void)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (wait_for (preferences_shown, NULL));
  return find_shown_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
}

static gboolean
is_spin (GtkWidget  *widget,
         const char *unused)
{
  return TRUE;
}

/* The spin button of the row the user reads as title. */
static GtkSpinButton *
find_spin (GtkWindow  *window,
           const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, row_title_equals, title);
  GtkWidget *spin;

  g_assert_nonnull (row);
  spin = find_widget (row, GTK_TYPE_SPIN_BUTTON, is_spin, NULL);
  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static SockMessageLog *
page_log (SockConnectionPage *page)
{
  return sock_connection_get_log (sock_connection_page_get_connection (page));
}

static SockConnectionPage *
open_demo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);

  g_assert_no_error (error);
  return sock_window_open_demo (f->window, server);
}

static void
test_preferences_log_caps (Fixture       *f,
                           gconstpointer  data)
{
  SockConnectionPage *page = open_demo (f);
  SockMessageLog *log = page_log (page);
  GtkWindow *prefs;
  GtkSpinButton *messages;
  GtkSpinButton *payloads;

  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, 1000000);
  g_assert_cmpuint (sock_message_log_get_max_bytes (log), ==, 512 * (guint64) MIB);

  prefs = open_preferences ();
  g_assert_nonnull (find_label (GTK_WIDGET (prefs), "Message Log", FALSE));
  messages = find_spin (prefs, "Messages");
  payloads = find_spin (prefs, "Payloads");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (messages), ==, 1000000);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (payloads), ==, 512);
  run_for (1500);
  save_screenshot (GTK_WIDGET (prefs), "preferences");

  /* The open connection's log follows at once. */
  gtk_spin_button_set_value (messages, 5000);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "log-max-messages"), ==, 5000);
  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, 5000);
  gtk_spin_button_spin (messages, GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, 6000);
  gtk_spin_button_set_value (payloads, 64);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "log-max-megabytes"), ==, 64);
  g_assert_cmpuint (sock_message_log_get_max_bytes (log), ==, 64 * (guint64) MIB);

  /* Typed with separators, as the spin button shows big counts. */
  gtk_editable_set_text (GTK_EDITABLE (messages), "250,000");
  gtk_spin_button_update (messages);
  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, 250000);

  /* Below the schema's range, the spin button keeps to it. */
  gtk_spin_button_set_value (messages, 10);
  g_assert_cmpuint (sock_message_log_get_max_messages (log), ==, 1000);

  /* A connection opened later starts with the same caps. */
  page = open_demo (f);
  g_assert_cmpuint (sock_message_log_get_max_messages (page_log (page)), ==, 1000);
  g_assert_cmpuint (sock_message_log_get_max_bytes (page_log (page)), ==, 64 * (guint64) MIB);

  gtk_window_destroy (prefs);
}

static void
test_preferences_connect_defaults (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWindow *prefs = open_preferences ();
  SockConnectOptions *options;
  SockConnectDialog *dialog;
  g_autoptr(SockConnectOptions) from_dialog = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gtk_spin_button_get_value_as_int (find_spin (prefs, "Largest Incoming Message")), ==, 16);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (find_spin (prefs, "Connect Timeout")), ==, 15);
  gtk_spin_button_set_value (find_spin (prefs, "Largest Incoming Message"), 2);
  gtk_spin_button_set_value (find_spin (prefs, "Connect Timeout"), 7);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "max-message-size"), ==, 2 * MIB);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "connect-timeout"), ==, 7);
  gtk_window_destroy (prefs);

  /* The demo tab, the start page's form and the connect dialog all start from them. */
  options = sock_connection_page_get_options (open_demo (f));
  g_assert_cmpuint (sock_profile_get_max_message_size (sock_connect_options_get_profile (options)), ==, 2 * MIB);
  g_assert_cmpuint (sock_profile_get_connect_timeout (sock_connect_options_get_profile (options)), ==, 7);

  dialog = sock_window_show_connect_dialog (f->window, NULL);
  sock_connect_dialog_set_url (dialog, "ws://127.0.0.1:1/ws");
  from_dialog = sock_connect_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sock_profile_get_max_message_size (sock_connect_options_get_profile (from_dialog)), ==, 2 * MIB);
  g_assert_cmpuint (sock_profile_get_connect_timeout (sock_connect_options_get_profile (from_dialog)), ==, 7);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_preferences_out_of_range (Fixture       *f,
                               gconstpointer  data)
{
  GtkWindow *prefs = open_preferences ();
  GtkSpinButton *timeout = find_spin (prefs, "Connect Timeout");
  GtkSpinButton *keepalive = find_spin (prefs, "Keepalive");

  /* Typed beyond the range: the value keeps to it, and the row says so. */
  gtk_editable_set_text (GTK_EDITABLE (timeout), "700");
  gtk_spin_button_update (timeout);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "connect-timeout"), ==, 600);
  g_assert_true (wait_for_label (prefs, "Out of range: from 1 to 600. Set to 600.", FALSE));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (timeout), "error"));
  save_screenshot (GTK_WIDGET (prefs), "preferences-out-of-range");

  /* A value in range puts the row's own words back. */
  gtk_editable_set_text (GTK_EDITABLE (timeout), "30");
  gtk_spin_button_update (timeout);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "connect-timeout"), ==, 30);
  g_assert_null (find_label (GTK_WIDGET (prefs), "Out of range", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (prefs), "Give up on the handshake after this long", FALSE));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (timeout), "error"));

  /* Below it, and not a number at all. */
  gtk_editable_set_text (GTK_EDITABLE (keepalive), "-5");
  gtk_spin_button_update (keepalive);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "keepalive-interval"), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (prefs), "Out of range: from 0 to 3600. Set to 0.", FALSE));
  gtk_editable_set_text (GTK_EDITABLE (keepalive), "soon");
  gtk_spin_button_update (keepalive);
  g_assert_nonnull (find_label (GTK_WIDGET (prefs), "Enter a number", FALSE));

  gtk_window_destroy (prefs);
}

static void
test_preferences_liveness_and_style (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWindow *prefs = open_preferences ();
  AdwComboRow *style = ADW_COMBO_ROW (find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, row_title_equals, "Style"));
  g_autofree char *scheme = NULL;
  SockConnectOptions *options;
  SockProfile *profile;

  gtk_spin_button_set_value (find_spin (prefs, "Keepalive"), 40);
  gtk_spin_button_set_value (find_spin (prefs, "Pong Timeout"), 4);
  g_settings_set_boolean (f->settings, "reconnect", FALSE);

  /* The style follows at once, through AdwStyleManager. */
  g_assert_nonnull (style);
  adw_combo_row_set_selected (style, 2);
  scheme = g_settings_get_string (f->settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  adw_combo_row_set_selected (style, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (prefs);

  options = sock_connection_page_get_options (open_demo (f));
  profile = sock_connect_options_get_profile (options);
  g_assert_cmpuint (sock_profile_get_keepalive_interval (profile), ==, 40);
  g_assert_cmpuint (sock_profile_get_pong_timeout_ms (profile), ==, 4000);
  g_assert_false (sock_connect_options_get_reconnect (options));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/preferences/log-caps", Fixture, NULL,
              fixture_set_up, test_preferences_log_caps, fixture_tear_down);
  g_test_add ("/sockscope/preferences/connect-defaults", Fixture, NULL,
              fixture_set_up, test_preferences_connect_defaults, fixture_tear_down);

  g_test_add ("/sockscope/preferences/out-of-range", Fixture, NULL,
              fixture_set_up, test_preferences_out_of_range, fixture_tear_down);
  g_test_add ("/sockscope/preferences/liveness-and-style", Fixture, NULL,
              fixture_set_up, test_preferences_liveness_and_style, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
