/* test-german.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window under a German locale with the catalog built in this tree: the start page, the connect
 * dialog, a tab joined to the demo server and Preferences read in German, and each still fits the
 * window's narrowest width (600 px), where German's longer words would first push it wider. With
 * SOCK_SHOT_DIR set, it saves screenshots of each at that width.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sock-connect-dialog.h"
#include "sock-connect-options.h"
#include "sock-handshake-view.h"
#include "sock-demo-server.h"
#include "sock-preferences-window.h"
#include "sock-window.h"
#include "../test-net.h"
#include "test-ui-util.h"

#define NARROWEST 600

static SockApplication *app;

typedef struct
{
  SockWindow *window;
  GtkWindow  *found;
  GType       type;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = sock_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), NARROWEST, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_for (widget_mapped, fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

/* A mapped toplevel of fixture->type, kept in fixture->found. */
static gboolean
toplevel_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWindow *window = find_shown_toplevel (fixture->type);

  if (window != NULL)
    fixture->found = window;
  return fixture->found != NULL;
}

static GtkWindow *
wait_for_toplevel (Fixture *fixture,
                   GType    type)
{
  fixture->found = NULL;
  fixture->type = type;
  g_assert_true (wait_for (toplevel_shown, fixture));
  return fixture->found;
}

/* What window shows needs no more than the narrowest width: no German label pushes it wider. */
static void
assert_fits_narrowest (GtkWindow  *window,
                       const char *shot)
{
  int minimum = 0;

  run_for (200);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > NARROWEST)
    g_error ("%s needs %d px, more than the narrowest window (%d px)", shot, minimum, NARROWEST);
  save_screenshot (GTK_WIDGET (window), shot);
}

static void
test_german_start_page (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_STATUS_PAGE, any_widget, NULL);

  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Mit einem WebSocket-Server verbinden");
  g_assert_true (wait_for_label (fixture->window, "Mit einem WebSocket-Server verbinden", FALSE));
  g_assert_true (wait_for_label (fixture->window, "Nachrichten live verfolgen, Topics abonnieren", TRUE));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, button_label_is, "_Verbinden"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, button_label_is,
                                 "_Demo-Server öffnen"));
  assert_fits_narrowest (GTK_WINDOW (fixture->window), "german-start-page");
}

static void
test_german_connect_dialog (Fixture       *fixture,
                            gconstpointer  data)
{
  SockConnectDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connection-settings", NULL);
  dialog = SOCK_CONNECT_DIALOG (wait_for_toplevel (fixture, SOCK_TYPE_CONNECT_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Verbindungseinstellungen");
  g_assert_true (wait_for_label (dialog, "Anfrage-Header", FALSE));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, button_label_is, "_Verbinden"));

  /* the core's words about what is wrong come through in German too */
  sock_connect_dialog_set_url (dialog, "htp://x");
  g_assert_nonnull (strstr (sock_connect_dialog_get_problem (dialog), "Unbekanntes Schema „htp:“"));
  g_assert_true (wait_for_label (dialog, "Unbekanntes Schema „htp:“", TRUE));
  sock_connect_dialog_set_url (dialog, "ws://127.0.0.1:9/ws");
  g_assert_null (sock_connect_dialog_get_problem (dialog));

  gtk_window_set_default_size (GTK_WINDOW (dialog), NARROWEST, 700);
  assert_fits_narrowest (GTK_WINDOW (dialog), "german-connect-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
page_joined_german (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Beigetreten") == 0;
}

static void
test_german_demo_tab (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SockDemoServer *server = sock_application_ensure_demo (app, &error);
  SockConnectionPage *page;

  g_assert_no_error (error);
  page = sock_window_open_demo (fixture->window, server);
  g_assert_true (wait_for (page_joined_german, page));
  g_assert_true (wait_for_label (page, "Abonnements", FALSE));
  g_assert_true (wait_for_label (page, "Beigetreten", TRUE));
  assert_fits_narrowest (GTK_WINDOW (fixture->window), "german-demo-tab");

  gtk_widget_activate_action (GTK_WIDGET (page), "page.show-sidebar", NULL);
  assert_fits_narrowest (GTK_WINDOW (fixture->window), "german-demo-tab-sidebar");
}

/* A mapped window besides main_window that holds a handshake view. */
static gboolean
shows_handshakes (GtkWindow     *window,
                  gconstpointer  main_window)
{
  return window != main_window && gtk_widget_get_mapped (GTK_WIDGET (window))
         && find_widget (GTK_WIDGET (window), SOCK_TYPE_HANDSHAKE_VIEW, any_widget, NULL) != NULL;
}

static gboolean
handshakes_window_shown (gpointer data)
{
  Fixture *fixture = data;

  fixture->found = find_toplevel_where (shows_handshakes, fixture->window);
  return fixture->found != NULL;
}

/* A refused connection: the tab's diagnosis and the handshakes window speak German. */
static void
test_german_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", test_closed_port ());
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page;

  g_assert_nonnull (options);
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for_label (page, "Die Verbindung wurde abgewiesen", FALSE));
  g_assert_true (wait_for_label (page, "nimmt nichts Verbindungen an", TRUE));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, "Erneut _versuchen"));
  assert_fits_narrowest (GTK_WINDOW (fixture->window), "german-failure");

  gtk_widget_activate_action (GTK_WIDGET (page), "page.show-handshakes", NULL);
  g_assert_true (wait_for (handshakes_window_shown, fixture));
  g_assert_true (wait_for_label (fixture->found, "Gescheitert", TRUE));
  /* a window of its own, at its own size: not bound to the main window's narrowest width */
  save_screenshot (GTK_WIDGET (fixture->found), "german-handshakes");
  gtk_window_destroy (fixture->found);
}

static void
test_german_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = wait_for_toplevel (fixture, SOCK_TYPE_PREFERENCES_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (preferences), ==, "Einstellungen");
  g_assert_true (wait_for_label (preferences, "Nachrichten-Log", FALSE));
  g_assert_true (wait_for_label (preferences, "Größte eingehende Nachricht", FALSE));
  gtk_window_set_default_size (preferences, NARROWEST, 700);
  assert_fits_narrowest (preferences, "german-preferences");
  gtk_window_destroy (preferences);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *mo = g_build_filename (SOCK_TEST_LOCALEDIR, "de", "LC_MESSAGES", "sockscope.mo", NULL);
  int ret;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: build the tree (ninja -C _build) before running the tests", mo);
  /* gtk_init () sets the locale from these; Debian compiles no locale, install-deps test does */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("the de_DE.UTF-8 locale is not available: run build-aux/install-deps test "
             "(or localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
  bindtextdomain (GETTEXT_PACKAGE, SOCK_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/german/start-page", Fixture, NULL,
              fixture_set_up, test_german_start_page, fixture_tear_down);
  g_test_add ("/sockscope/german/connect-dialog", Fixture, NULL,
              fixture_set_up, test_german_connect_dialog, fixture_tear_down);
  g_test_add ("/sockscope/german/demo-tab", Fixture, NULL,
              fixture_set_up, test_german_demo_tab, fixture_tear_down);
  g_test_add ("/sockscope/german/failure", Fixture, NULL,
              fixture_set_up, test_german_failure, fixture_tear_down);
  g_test_add ("/sockscope/german/preferences", Fixture, NULL,
              fixture_set_up, test_german_preferences, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
