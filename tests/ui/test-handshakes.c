/* test-handshakes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Handshakes view under a real display (Xvfb in CI), against the demo server on 127.0.0.1:
 * it lists every attempt of a connection with its diagnosis title (an attempt refused before the
 * server started, the one after it, a 200 from a plain HTTP page, an untrusted certificate, a
 * pinned one), shows the selected one's details, and its Copy buttons put the exports on the
 * clipboard. A tab opens it with Ctrl+Shift+H. A successful Test Handshake on the start page
 * offers Connect. With SOCK_SHOT_DIR set it saves screenshots.
 */

#include "config.h"

#include "sock-demo-server.h"
#include "sock-handshake-export.h"
#include "sock-handshake-view.h"
#include "../test-net.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockDemoServer *server;   /* with a TLS listener */
  GtkWindow      *window;
  SockHandshakeView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sock_demo_server_new ();
  g_assert_true (sock_demo_server_start (fixture->server, 0, 0, &error));
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->view = SOCK_HANDSHAKE_VIEW (sock_handshake_view_new ());
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, 1000, 760);
  gtk_window_present (fixture->window);
  g_assert_true (wait_for (widget_mapped, fixture->window));
  /* closing the application's last window closes every other one too */
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  run_for (100);
  sock_demo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

/* A screenshot of the whole details column: the window made as tall as its content first. */
static void
save_tall_screenshot (GtkWindow  *window,
                      const char *name)
{
  if (g_getenv ("SOCK_SHOT_DIR") == NULL)
    return;
  gtk_window_set_default_size (window, 1000, 2000);
  run_for (800);  /* and past the stack's slide */
  save_screenshot (GTK_WIDGET (window), name);
  gtk_window_set_default_size (window, 1000, 760);
  run_for (100);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  sock_connection_open_finish (SOCK_CONNECTION (object), result, NULL);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Opens connection once and waits for the outcome, whatever it is. */
static void
attempt (SockConnection *connection)
{
  gboolean done = FALSE;

  sock_connection_open_async (connection, NULL, open_cb, &done);
  g_assert_true (wait_for (flag_set, &done));
}

static SockConnection *
new_connection (SockProfile *profile)
{
  SockConnection *connection;

  sock_profile_set_connect_timeout (profile, 3);
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, "demo");
  return connection;
}

/* The row of the list that shows text: what a user reads there. */
static gboolean
list_shows (SockHandshakeView *view,
            const char        *text)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, (gpointer) any_widget, NULL);

  g_assert_nonnull (list);
  return find_label (list, text, FALSE) != NULL;
}

typedef struct
{
  SockHandshakeView *view;
  const char        *text;
} ListQuery;

static gboolean
list_shows_cb (gpointer data)
{
  ListQuery *query = data;

  return list_shows (query->view, query->text);
}

static void
assert_list_shows (SockHandshakeView *view,
                   const char        *text)
{
  ListQuery query = { view, text };

  if (!wait_for (list_shows_cb, &query))
    g_error ("the handshake list does not show \"%s\"", text);
}

static void
test_handshakes_list (Fixture       *fixture,
                      gconstpointer  data)
{
  guint port = test_closed_port ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", port);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockConnection) connection = new_connection (profile);
  g_autoptr(SockDemoServer) late = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  GListModel *attempts = sock_connection_get_handshakes (connection);
  g_autoptr(SockHandshakeAttempt) first = NULL;

  sock_handshake_view_set_attempts (fixture->view, attempts);
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->view), "No Handshakes Yet", FALSE));

  attempt (connection);
  assert_list_shows (fixture->view, "The connection was refused");
  g_assert_true (sock_demo_server_start (late, port, -1, &error));
  g_assert_no_error (error);
  attempt (connection);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_JOINED);

  /* both attempts listed, with their diagnosis titles; the newest is selected and shown */
  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 2);
  assert_list_shows (fixture->view, "The connection was refused");
  assert_list_shows (fixture->view, "Connected");
  assert_list_shows (fixture->view, "Failed");
  assert_list_shows (fixture->view, "Opened");
  {
    g_autoptr(SockHandshakeAttempt) newest = g_list_model_get_item (attempts, 1);
    g_assert_true (sock_handshake_view_get_selected (fixture->view) == newest);
  }
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->view), "101 Switching Protocols", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->view), "Sec-WebSocket-Accept", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "handshakes-opened");

  /* the refused one: its diagnosis and what to try come first, nothing was sent */
  sock_handshake_view_select (fixture->view, 0);
  first = g_list_model_get_item (attempts, 0);
  g_assert_true (sock_handshake_view_get_selected (fixture->view) == first);
  g_assert_cmpstr (sock_diagnosis_get_id (sock_handshake_attempt_get_diagnosis (first)), ==, "connection-refused");
  g_assert_true (wait_for_label (fixture->view, "What to Try", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->view), "No response arrived.", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "handshakes-refused");

  sock_connection_close_async (connection, NULL, NULL, NULL);
  run_for (200);
  sock_demo_server_stop (late);
}

static void
test_handshakes_failures (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *tls = sock_demo_server_dup_tls_wamp_url (fixture->server);
  g_autofree char *page = g_strconcat (base, "/fault/status/200", NULL);
  g_autoptr(SockProfile) http = sock_profile_new_for_url (page, NULL);
  g_autoptr(SockProfile) untrusted = sock_profile_new_for_url (tls, NULL);
  g_autoptr(SockProfile) pinned = sock_profile_new_for_url (tls, NULL);
  g_autoptr(SockConnection) c200 = new_connection (http);
  g_autoptr(SockConnection) cuntrusted = new_connection (untrusted);
  g_autoptr(SockConnection) cpinned = NULL;
  g_autoptr(GListStore) all = g_list_store_new (SOCK_TYPE_HANDSHAKE_ATTEMPT);

  g_assert_true (sock_profile_set_pin (pinned, sock_demo_server_get_certificate_sha256 (fixture->server), NULL));
  cpinned = new_connection (pinned);
  attempt (c200);
  attempt (cuntrusted);
  attempt (cpinned);
  /* one list of the three connections' attempts, as a view of any model shows them */
  {
    SockConnection *connections[] = { c200, cuntrusted, cpinned };

    for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
      {
        g_autoptr(SockHandshakeAttempt) item = g_list_model_get_item (sock_connection_get_handshakes (connections[i]), 0);

        g_assert_nonnull (item);
        g_list_store_append (all, item);
      }
  }
  sock_handshake_view_set_attempts (fixture->view, G_LIST_MODEL (all));

  assert_list_shows (fixture->view, "Unexpected response code: 200");
  assert_list_shows (fixture->view, "The certificate is not trusted");
  assert_list_shows (fixture->view, "Connected");
  /* the pinned one is selected: its certificate, and what was checked */
  g_assert_true (wait_for_label (fixture->view, "the pinned SHA-256 fingerprint matches", TRUE));
  g_assert_true (wait_for_label (fixture->view, sock_demo_server_get_certificate_sha256 (fixture->server), FALSE));
  g_assert_true (wait_for_label (fixture->view, "Server certificate", FALSE));
  save_tall_screenshot (fixture->window, "handshakes-tls-pinned");
  sock_handshake_view_select (fixture->view, 0);
  g_assert_true (wait_for_label (fixture->view, "Unexpected response code: 200", FALSE));
  save_tall_screenshot (fixture->window, "handshakes-http-200");
  sock_handshake_view_select (fixture->view, 1);
  g_assert_true (wait_for_label (fixture->view, "The certificate is not trusted", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "handshakes-tls-untrusted");

  sock_connection_close_async (cpinned, NULL, NULL, NULL);
  run_for (200);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &read);
  g_assert_true (wait_for (flag_set, &read.done));
  return read.text;
}

static void
test_handshakes_copy (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/status/200?ticket=s3cr3t", NULL);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockConnection) connection = NULL;
  SockHandshakeAttempt *selected;
  g_autofree char *curl = NULL, *websocat = NULL, *text = NULL;
  g_autofree char *expected_url = g_strdup_printf ("  'http%s/fault/status/200?ticket='\"$TICKET\"\n", base + 2);

  g_assert_true (sock_profile_add_header (profile, "Authorization", "Bearer hunter2", NULL));
  g_assert_true (sock_profile_add_header (profile, "X-Note", "it's", NULL));
  connection = new_connection (profile);
  attempt (connection);
  sock_handshake_view_set_attempts (fixture->view, sock_connection_get_handshakes (connection));
  selected = sock_handshake_view_get_selected (fixture->view);
  g_assert_nonnull (selected);
  /* the view shows neither secret, but shows that they were sent */
  g_assert_true (wait_for_label (fixture->view, "Bearer •••• (hidden)", FALSE));
  g_assert_null (find_label (GTK_WIDGET (fixture->view), "hunter2", TRUE));
  g_assert_null (find_label (GTK_WIDGET (fixture->view), "s3cr3t", TRUE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "handshakes.copy-curl", NULL));
  curl = clipboard_text (GTK_WIDGET (fixture->view));
  g_assert_true (g_str_has_prefix (curl, "# Secrets are not copied: set these shell variables first: TOKEN TICKET\n"
                                         "curl --include --no-buffer --http1.1 \\\n"));
  g_assert_nonnull (strstr (curl, "  --header 'Authorization: Bearer '\"$TOKEN\" \\\n"));
  g_assert_nonnull (strstr (curl, "  --header 'X-Note: it'\\''s' \\\n"));
  g_assert_true (g_str_has_suffix (curl, expected_url));
  g_assert_null (strstr (curl, "hunter2"));
  g_assert_null (strstr (curl, "s3cr3t"));
  {
    g_autofree char *own = sock_handshake_export_curl (selected);
    g_assert_cmpstr (curl, ==, own);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "handshakes.copy-websocat", NULL));
  websocat = clipboard_text (GTK_WIDGET (fixture->view));
  g_assert_nonnull (strstr (websocat, "\nwebsocat \\\n  --protocol 'wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp' \\\n"
                                      "  -H 'Authorization: Bearer '\"$TOKEN\" \\\n"
                                      "  -H 'X-Note: it'\\''s' \\\n"));
  g_assert_null (strstr (websocat, "hunter2"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "handshakes.copy-text", NULL));
  text = clipboard_text (GTK_WIDGET (fixture->view));
  g_assert_true (g_str_has_prefix (text, "WebSocket handshake: "));
  g_assert_nonnull (strstr (text, "Diagnosis: Unexpected response code: 200 (http-200)\n"));
  g_assert_nonnull (strstr (text, "\nHTTP/1.1 200 OK\n"));
  g_assert_null (strstr (text, "hunter2"));
  g_assert_null (strstr (text, "s3cr3t"));
}

/* The Handshakes window that page.show-handshakes opened beside window. */
static gboolean
handshakes_of (GtkWindow     *toplevel,
               gconstpointer  window)
{
  return gtk_window_get_transient_for (toplevel) == window &&
         g_strcmp0 (gtk_window_get_title (toplevel), "Handshakes") == 0;
}

/* A tab opens its handshakes with Ctrl+Shift+H (the page action the key is bound to). */
static void
test_handshakes_from_tab (Fixture       *fixture,
                          gconstpointer  data)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page;
  GtkWidget *handshakes = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (window, options);
  g_assert_true (wait_for (page_joined, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.show-handshakes", NULL));
  handshakes = GTK_WIDGET (find_toplevel_where (handshakes_of, window));
  g_assert_nonnull (handshakes);
  g_assert_true (wait_for (widget_mapped, handshakes));
  g_assert_true (wait_for_label (handshakes, "Connected", FALSE));
  save_screenshot (handshakes, "handshakes-window");
  /* asked again, the same window comes back */
  {
    guint n = g_list_model_get_n_items (toplevels);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.show-handshakes", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n);
  }
  /* it goes with the window it belongs to */
  g_object_add_weak_pointer (G_OBJECT (handshakes), (gpointer *) &handshakes);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
  g_assert_null (handshakes);
}


/* A RawSocket tab's Handshakes window: the attempt's diagnosis, Copy as Text, and no curl or
 * websocat command (neither can make a RawSocket handshake). */
static void
test_handshakes_rawsocket (Fixture       *fixture,
                           gconstpointer  data)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = sock_demo_server_dup_rawsocket_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page;
  GtkWidget *handshakes = NULL;
  GtkWidget *curl, *websocat, *text;

  g_assert_nonnull (options);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (window, options);
  g_assert_true (wait_for (page_joined, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.show-handshakes", NULL));
  handshakes = GTK_WIDGET (find_toplevel_where (handshakes_of, window));
  g_assert_nonnull (handshakes);
  g_assert_true (wait_for (widget_mapped, handshakes));
  g_assert_true (wait_for_label (handshakes, "Connected", FALSE));
  g_assert_true (wait_for_label (handshakes, "The router accepted the RawSocket handshake with the JSON "
                                 "serializer", TRUE));
  save_screenshot (handshakes, "handshakes-rawsocket");

  text = find_widget (handshakes, GTK_TYPE_BUTTON, button_label_is, "Copy as _Text");
  curl = find_widget (handshakes, GTK_TYPE_BUTTON, button_label_is, "Copy as _curl");
  websocat = find_widget (handshakes, GTK_TYPE_BUTTON, button_label_is, "Copy as _websocat");
  g_assert_nonnull (text);
  g_assert_nonnull (curl);
  g_assert_nonnull (websocat);
  g_assert_true (gtk_widget_get_sensitive (text));
  g_assert_false (gtk_widget_get_sensitive (curl));
  g_assert_false (gtk_widget_get_sensitive (websocat));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (curl), ==, "curl cannot make a RawSocket handshake");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (websocat), ==, "websocat cannot make a RawSocket handshake");
  /* what Copy as Text copies is the RawSocket attempt */
  g_signal_emit_by_name (text, "clicked");
  {
    g_autofree char *copied = clipboard_text (text);

    g_assert_nonnull (copied);
    if (!g_str_has_prefix (copied, "RawSocket handshake: "))
      g_error ("copied: %s", copied);
    g_assert_nonnull (strstr (copied, url));
    g_assert_nonnull (strstr (copied, "Diagnosis: Connected (rawsocket-ok)\n"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

/* The Connect of the handshake page (the start page has one of its own). */
static GtkWidget *
find_probe_connect (gpointer window)
{
  return find_widget (window, GTK_TYPE_BUTTON, tooltip_text_is, "Open a tab connected with the same settings");
}

static gboolean
connect_offered (gpointer data)
{
  return find_probe_connect (data) != NULL;
}

static gboolean
has_tab (gpointer data)
{
  return adw_tab_view_get_n_pages (sock_window_get_tab_view (data)) > 0;
}

/* Test Handshake from the start page: a failure offers no Connect, a success offers it, and it
 * opens a tab with the settings the test used. */
static void
test_handshakes_probe_connect (Fixture       *fixture,
                               gconstpointer  data)
{
  SockWindow *window = present_window (app);
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *page_url = g_strconcat (base, "/fault/status/200", NULL);
  GtkWidget *connect;
  SockConnectionPage *page;

  sock_window_set_url (window, page_url);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.probe", NULL);
  g_assert_true (wait_for_label (window, "Unexpected response code: 200", FALSE));
  g_assert_false (connect_offered (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  sock_window_set_url (window, url);
  sock_window_set_realm (window, "demo");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.probe", NULL);
  g_assert_true (wait_for_label (window, "Connected", FALSE));
  g_assert_true (wait_for (connect_offered, window));
  save_tall_screenshot (GTK_WINDOW (window), "test-handshake-connect");
  g_assert_cmpuint (adw_tab_view_get_n_pages (sock_window_get_tab_view (window)), ==, 0);

  connect = find_probe_connect (window);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (connect)), ==, "_Connect");
  gtk_widget_activate (connect);
  g_assert_true (wait_for (has_tab, window));
  page = SOCK_CONNECTION_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (sock_window_get_tab_view (window), 0)));
  g_assert_true (wait_for (page_joined, page));
  g_assert_cmpstr (sock_handshake_get_url (sock_connection_get_handshake (sock_connection_page_get_connection (page))),
                   ==, url);
  g_assert_cmpstr (sock_connection_get_realm (sock_connection_page_get_connection (page)), ==, "demo");
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/handshakes/list", Fixture, NULL, fixture_set_up, test_handshakes_list, fixture_tear_down);
  g_test_add ("/sockscope/handshakes/failures", Fixture, NULL,
              fixture_set_up, test_handshakes_failures, fixture_tear_down);
  g_test_add ("/sockscope/handshakes/copy", Fixture, NULL, fixture_set_up, test_handshakes_copy, fixture_tear_down);
  g_test_add ("/sockscope/handshakes/from-tab", Fixture, NULL,
              fixture_set_up, test_handshakes_from_tab, fixture_tear_down);
  g_test_add ("/sockscope/handshakes/rawsocket", Fixture, NULL,
              fixture_set_up, test_handshakes_rawsocket, fixture_tear_down);

  g_test_add ("/sockscope/handshakes/probe-connect", Fixture, NULL,
              fixture_set_up, test_handshakes_probe_connect, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
