/* test-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A failed tab under a real display (Xvfb in CI), against the demo server on 127.0.0.1: the page
 * speaks in the window's words (no command-line options), and where there is a fix it offers it
 * as a button that applies it to the tab's settings and connects again: trust the demo's
 * self-signed certificate by its pin, send the Origin the origin check wants, use the realm the
 * router named, switch between ws:// and wss://. A timeout says what it waited for.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow     *window;
  SockDemoServer *server;   /* with a TLS listener */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sock_demo_server_new ();
  g_assert_true (sock_demo_server_start (fixture->server, 0, 0, &error));
  g_assert_no_error (error);
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

/* A short connect timeout: a plain HTTP port sent a TLS hello waits for the rest of a request. */
static SockConnectionPage *
open_url (Fixture    *fixture,
          const char *url,
          const char *realm)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);

  g_assert_nonnull (options);
  sock_profile_set_connect_timeout (sock_connect_options_get_profile (options), 3);
  sock_connect_options_set_realm (options, realm);
  return sock_window_open_connection (fixture->window, options);
}

static gboolean
label_has_option (GtkWidget  *widget,
                  const char *text)
{
  const char *label = gtk_label_get_text (GTK_LABEL (widget));

  return strstr (label, " --") != NULL || strstr (label, "profile") != NULL;
}

/* No visible text on the page names a command-line option or "the profile". */
static void
assert_window_words (SockConnectionPage *page)
{
  GtkWidget *found = find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, label_has_option, NULL);

  if (found != NULL)
    g_error ("CLI wording on the failure page: %s", gtk_label_get_text (GTK_LABEL (found)));
}

typedef struct
{
  SockWindow         *window;
  SockConnectionPage *old;
} TabQuery;

static gboolean
tab_replaced (gpointer data)
{
  TabQuery *query = data;

  return sock_window_get_selected_connection (query->window) != query->old;
}

/* The failure page's fix button, mapped and labelled label; then pressed. Returns the tab that
 * took the failed one's place. */
static SockConnectionPage *
apply_fix (Fixture            *fixture,
           SockConnectionPage *page,
           const char         *label)
{
  GtkWidget *button;
  SockConnectionPage *next;

  g_assert_true (wait_for_label (page, label, FALSE));
  button = find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A button's activation (the keyboard's) clicks it after showing it pressed. */
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (wait_for (tab_replaced, &(TabQuery) { fixture->window, page }));
  next = sock_window_get_selected_connection (fixture->window);
  g_assert_cmpuint (adw_tab_view_get_n_pages (sock_window_get_tab_view (fixture->window)), ==, 1);
  return next;
}

static gboolean
page_open (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Open") == 0;
}

static void
test_failure_tls_pin (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_tls_wamp_url (fixture->server);
  const char *sha256 = sock_demo_server_get_certificate_sha256 (fixture->server);
  SockConnectionPage *page = open_url (fixture, url, "demo");
  SockProfile *profile;

  g_assert_true (wait_for_label (page, "The certificate is not trusted", FALSE));
  g_assert_true (wait_for_label (page, sha256, TRUE));
  assert_window_words (page);
  run_for (1000);
  save_screenshot (GTK_WIDGET (fixture->window), "failure-tls-untrusted");

  page = apply_fix (fixture, page, "Trust This Certificate");
  g_assert_true (wait_for (page_joined, page));
  profile = sock_connect_options_get_profile (sock_connection_page_get_options (page));
  g_assert_cmpint (sock_profile_get_tls_policy (profile), ==, SOCK_TLS_PIN);
  g_assert_cmpstr (sock_profile_get_pin (profile), ==, sha256);
  g_assert_cmpstr (sock_connect_options_get_realm (sock_connection_page_get_options (page)), ==, "demo");
}

static void
test_failure_origin (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/origin", NULL);
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", sock_demo_server_get_port (fixture->server));
  g_autofree char *label = g_strdup_printf ("Send Origin %s", origin);
  SockConnectionPage *page = open_url (fixture, url, NULL);

  g_assert_true (wait_for_label (page, "Forbidden (403): no Origin was sent", FALSE));
  assert_window_words (page);

  page = apply_fix (fixture, page, label);
  g_assert_true (wait_for (page_open, page));
  g_assert_cmpstr (sock_profile_get_origin (sock_connect_options_get_profile (sock_connection_page_get_options (page))), ==, origin);
}

static void
test_failure_realm (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  SockConnectionPage *page = open_url (fixture, url, "no.such.realm");

  g_assert_true (wait_for_label (page, "The Router Refused the Session", FALSE));
  g_assert_true (wait_for_label (page, "try demo, secure or plain", TRUE));
  run_for (1000);
  save_screenshot (GTK_WIDGET (fixture->window), "failure-realm");

  page = apply_fix (fixture, page, "Use Realm “demo”");
  g_assert_true (wait_for (page_joined, page));
  g_assert_cmpstr (sock_connect_options_get_realm (sock_connection_page_get_options (page)), ==, "demo");
}

/* A realm that needs authentication: the page and the header's state say what to set in the
 * window, not which options to give. */
static void
test_failure_auth_words (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  SockConnectionPage *page = open_url (fixture, url, "secure");

  g_assert_true (wait_for_label (page, "The Router Refused the Session", FALSE));
  g_assert_true (wait_for_label (page, "choose another method or realm in the connection settings", TRUE));
  g_assert_true (g_str_has_prefix (sock_connection_page_get_state_text (page), "Closed: "));
  assert_window_words (page);
  g_assert_null (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, "Use Realm “demo”"));
}

/* wss:// to the plain port: switch to ws://, which joins; ws:// to the TLS port: switch to wss://,
 * which then meets the demo's self-signed certificate. */
static void
test_failure_scheme (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *plain = sock_demo_server_dup_wamp_url (fixture->server);
  g_autofree char *tls = sock_demo_server_dup_tls_wamp_url (fixture->server);
  g_autofree char *plain_as_wss = g_strconcat ("wss", strchr (plain, ':'), NULL);
  g_autofree char *tls_as_ws = g_strconcat ("ws", strchr (tls, ':'), NULL);
  SockConnectionPage *page = open_url (fixture, plain_as_wss, "demo");

  g_assert_true (wait_for_label (page, "The server does not speak TLS on this port", FALSE));
  assert_window_words (page);
  page = apply_fix (fixture, page, "Switch to ws://");
  g_assert_true (wait_for (page_joined, page));
  g_assert_cmpstr (sock_connect_options_get_url (sock_connection_page_get_options (page)), ==, plain);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  page = open_url (fixture, tls_as_ws, "demo");
  g_assert_true (wait_for_label (page, "This port speaks TLS: use wss://", FALSE));
  assert_window_words (page);
  page = apply_fix (fixture, page, "Switch to wss://");
  g_assert_cmpstr (sock_connect_options_get_url (sock_connection_page_get_options (page)), ==, tls);
  g_assert_true (wait_for_label (page, "The certificate is not trusted", FALSE));
}

/* A server that never answers: the page says what the attempt waited for, in a sentence. */
static void
test_failure_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/hang", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page;

  sock_profile_set_connect_timeout (sock_connect_options_get_profile (options), 1);
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for_label (page, "The server never answered the handshake", FALSE));
  g_assert_true (wait_for_label (page, "The server did not answer the upgrade request within 1 s", TRUE));
  g_assert_null (find_label (GTK_WIDGET (page), "(while", TRUE));
  g_assert_null (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, "Switch to wss://"));
  assert_window_words (page);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/failure/tls-pin", Fixture, NULL,
              fixture_set_up, test_failure_tls_pin, fixture_tear_down);
  g_test_add ("/sockscope/failure/origin", Fixture, NULL,
              fixture_set_up, test_failure_origin, fixture_tear_down);
  g_test_add ("/sockscope/failure/realm", Fixture, NULL,
              fixture_set_up, test_failure_realm, fixture_tear_down);
  g_test_add ("/sockscope/failure/auth-words", Fixture, NULL,
              fixture_set_up, test_failure_auth_words, fixture_tear_down);
  g_test_add ("/sockscope/failure/scheme", Fixture, NULL,
              fixture_set_up, test_failure_scheme, fixture_tear_down);
  g_test_add ("/sockscope/failure/timeout", Fixture, NULL,
              fixture_set_up, test_failure_timeout, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
