/* test-recent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recent under a real display (Xvfb in CI): a connection opened from the start page with a realm,
 * a protocol and a subscription comes back from Recent with the same realm, protocol and
 * subscriptions, whatever the form says by then; an entry that needed a ticket asks for it again
 * in the connect dialog, because secrets are never stored. With SOCK_SHOT_DIR set, it saves a
 * screenshot of the start page with its Recent list.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connect-dialog.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow     *window;
  SockDemoServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "recent-connections");
  /* a server of the user's, not the app's own demo server (Recent leaves that one out) */
  fixture->server = sock_demo_server_new ();
  if (!sock_demo_server_start (fixture->server, 0, -1, &error))
    g_error ("demo server: %s", error->message);
  fixture->window = present_window (app);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
  sock_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

/* The app's demo server listens on a port of this run only: its tabs stay out of Recent. */
static void
test_recent_leaves_out_demo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  SockDemoServer *demo = sock_application_ensure_demo (app, &error);
  SockConnectionPage *page;

  g_assert_no_error (error);
  page = sock_window_open_demo (fixture->window, demo);
  g_assert_true (wait_for (page_joined, page));
  sock_connection_page_subscribe (page, "demo.flood", SOCK_MATCH_EXACT);
  run_for (200);
  recent = g_settings_get_strv (settings, "recent-connections");
  g_assert_cmpstr (recent[0], ==, NULL);
}

typedef struct
{
  SockConnectionPage *page;
  const char         *entry;   /* "match topic" */
} Listed;

/* The side bar lists it and the joined session holds it. */
static gboolean
subscription_held (gpointer data)
{
  Listed *listed = data;
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (listed->page);

  return subscriptions != NULL && g_strv_contains ((const char * const *) subscriptions, listed->entry);
}

static GtkWidget *
recent_row (Fixture    *fixture,
            const char *url)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_ACTION_ROW, row_title_equals, url);

  g_assert_nonnull (row);
  return row;
}

static void
test_recent_reopen (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  SockConnectionPage *page;
  SockConnection *connection;
  SockConnectOptions *options;
  Listed metrics;
  SockMatch match;

  /* A realm, a protocol that is not the default, and a subscription made from the tab. */
  sock_window_set_url (fixture->window, url);
  g_assert_true (sock_window_set_protocol (fixture->window, "wamp.2.json", NULL));
  sock_window_set_realm (fixture->window, "demo");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.connect", NULL);
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_nonnull (page);
  g_assert_true (wait_for (page_joined, page));
  sock_connection_page_subscribe (page, "demo.metrics", SOCK_MATCH_PREFIX);
  metrics = (Listed) { page, "prefix demo.metrics" };
  g_assert_true (wait_for (subscription_held, &metrics));

  /* Closing the tab leads back to the start page, where Recent says what it was. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  g_assert_true (wait_for (n_pages_is_zero, fixture->window));
  g_assert_true (wait_for_label (fixture->window, "Recent", FALSE));
  g_assert_true (wait_for_label (fixture->window, "WAMP v2 · realm demo · 1 subscription", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "window-start-page-recent");

  /* The form says something else now; the entry keeps its own settings. */
  g_assert_true (sock_window_set_protocol (fixture->window, "auto", NULL));
  sock_window_set_realm (fixture->window, "realm1");
  g_assert_true (gtk_widget_activate (recent_row (fixture, url)));
  g_assert_true (wait_for (n_pages_is_one, fixture->window));

  page = sock_window_get_selected_connection (fixture->window);
  options = sock_connection_page_get_options (page);
  g_assert_cmpstr (sock_connect_options_get_url (options), ==, url);
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP2);
  g_assert_cmpstr (sock_connect_options_get_realm (options), ==, "demo");
  g_assert_cmpuint (sock_connect_options_get_n_subscriptions (options), ==, 1);
  g_assert_cmpstr (sock_connect_options_get_subscription (options, 0, &match), ==, "demo.metrics");
  g_assert_cmpint (match, ==, SOCK_MATCH_PREFIX);

  /* and the router sees the same: realm demo over WAMP v2, subscribed by prefix */
  g_assert_true (wait_for (page_joined, page));
  connection = sock_connection_page_get_connection (page);
  g_assert_cmpint (sock_connection_get_kind (connection), ==, SOCK_SESSION_KIND_WAMP2);
  g_assert_cmpstr (sock_handshake_get_protocol (sock_connection_get_handshake (connection)), ==, "wamp.2.json");
  g_assert_cmpstr (sock_wamp2_session_get_realm (SOCK_WAMP2_SESSION (sock_connection_get_session (connection))),
                   ==, "demo");
  metrics = (Listed) { page, "prefix demo.metrics" };
  g_assert_true (wait_for (subscription_held, &metrics));
  /* the start page's form shows what was reopened */
  g_assert_cmpstr (sock_window_get_url (fixture->window), ==, url);
}

static void
test_recent_asks_for_secret (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  SockConnectDialog *dialog = NULL;
  SockConnectionPage *page;
  GtkWidget *secret;
  GtkWidget *focus;

  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", "ticket-secret");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  recent = g_settings_get_strv (settings, "recent-connections");
  g_assert_nonnull (recent[0]);
  g_assert_null (strstr (recent[0], "ticket-secret"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  g_assert_true (wait_for (n_pages_is_zero, fixture->window));

  /* Reopening asks for the ticket, and connects once it is given. */
  g_assert_true (wait_for_label (fixture->window, "Auto · realm secure · as ticketuser", FALSE));
  g_assert_true (gtk_widget_activate (recent_row (fixture, url)));
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  g_assert_cmpstr (sock_connect_dialog_get_problem (dialog), ==,
                   "Enter the ticket for “ticketuser”");
  g_assert_cmpuint (adw_tab_view_get_n_pages (sock_window_get_tab_view (fixture->window)), ==, 0);

  secret = find_widget (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, row_title_equals, "_Ticket");
  g_assert_nonnull (secret);
  /* typing goes to the ticket at once */
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus != NULL && (focus == secret || gtk_widget_is_ancestor (focus, secret)));
  gtk_editable_set_text (GTK_EDITABLE (secret), "ticket-secret");
  g_assert_null (sock_connect_dialog_get_problem (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL);
  g_assert_true (wait_for (n_pages_is_one, fixture->window));
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_cmpstr (sock_connect_options_get_realm (sock_connection_page_get_options (page)), ==, "secure");
  g_assert_true (wait_for (page_joined, page));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/recent/reopen", Fixture, NULL,
              fixture_set_up, test_recent_reopen, fixture_tear_down);
  g_test_add ("/sockscope/recent/asks-for-secret", Fixture, NULL,
              fixture_set_up, test_recent_asks_for_secret, fixture_tear_down);

  g_test_add ("/sockscope/recent/leaves-out-demo", Fixture, NULL, fixture_set_up, test_recent_leaves_out_demo,
              fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
