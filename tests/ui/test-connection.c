/* test-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connection tabs under a real display (Xvfb in CI): the demo's live tab, subscribing from the
 * page, a refused connection's diagnosis, a refused realm, and closing a tab. With SOCK_SHOT_DIR
 * set, it saves screenshots of the live tab and the failed one.
 */

#include "config.h"

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-message-view.h"
#include "sock-probe.h"
#include "sock-subscription-row.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

static gboolean
rows_arrived (gpointer data)
{
  SockMessageView *view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (data));
  SockMessageLog *log = sock_message_view_get_log (view);

  return sock_message_log_get_n_retained (log) > 4
         && g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (view))) > 4;
}

static gboolean
rate_shown (gpointer data)
{
  return sock_connection_page_get_rate_in (data) > 0;
}

static gboolean
strv_has (GStrv       strv,
          const char *text)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, text);
}

typedef struct
{
  SockConnectionPage *page;
  const char         *entry;
  gboolean            present;
} SubscriptionQuery;

static gboolean
subscription_listed (gpointer data)
{
  SubscriptionQuery *query = data;
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (query->page);

  return strv_has (subscriptions, query->entry) == query->present;
}

static gboolean
row_shows_label (GtkWidget  *widget,
                 const char *text)
{
  return find_label (widget, text, FALSE) != NULL;
}

/* The side bar's row of topic. */
static GtkWidget *
find_subscription_row (SockConnectionPage *page,
                       const char         *topic)
{
  return find_widget (GTK_WIDGET (page), SOCK_TYPE_SUBSCRIPTION_ROW, row_shows_label, topic);
}

/* "1,234 events · 10.0/s": the count, whatever the thousands separator. */
static guint64
count_in (const char *text)
{
  guint64 count = 0;

  for (; g_ascii_isdigit (*text) || *text == ',' || *text == '.' || *text == ' '; text++)
    if (g_ascii_isdigit (*text))
      count = count * 10 + (guint64) (*text - '0');
  return count;
}

static gboolean
label_counts_at_least (GtkWidget  *widget,
                       const char *text)
{
  const char *label = gtk_label_get_text (GTK_LABEL (widget));

  return strstr (label, " event") != NULL && g_ascii_isdigit (label[0])
         && count_in (label) >= g_ascii_strtoull (text, NULL, 10);
}

typedef struct
{
  SockConnectionPage *page;
  const char         *topic;
  const char         *text;     /* the row shows a label containing text */
  gboolean            count;    /* or: a count of at least text */
} RowQuery;

static gboolean
row_label_shown (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *row = find_subscription_row (query->page, query->topic);

  if (row == NULL)
    return FALSE;
  if (query->count)
    return find_widget (row, GTK_TYPE_LABEL, label_counts_at_least, query->text) != NULL;
  return find_label (row, query->text, TRUE) != NULL;
}

static gboolean
row_gone (gpointer data)
{
  RowQuery *query = data;

  return find_subscription_row (query->page, query->topic) == NULL;
}

static SockConnectionPage *
open_demo_tab (Fixture *fixture)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);

  g_assert_true (wait_for (page_joined, page));
  return page;
}

static void
test_connection_demo (Fixture       *fixture,
                      gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  SockConnection *connection = sock_connection_page_get_connection (page);
  SubscriptionQuery tick = { page, "exact demo.tick", TRUE };
  SubscriptionQuery metrics = { page, "prefix demo.metrics", TRUE };
  SockMessageView *view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page));
  GtkColumnView *table;

  /* The header: state, protocol, realm and the session id the router gave. */
  g_assert_true (wait_for_label (page, "Joined", FALSE));
  g_assert_true (wait_for_label (page, "WAMP v2 · wamp.2.json", FALSE));
  g_assert_true (wait_for_label (page, "demo", FALSE));
  g_assert_nonnull (sock_connection_get_session_id (connection));
  g_assert_true (wait_for_label (page, sock_connection_get_session_id (connection), FALSE));

  /* The demo's subscriptions are listed, events flow into the view, and the rate shows it. */
  g_assert_true (wait_for (subscription_listed, &tick));
  g_assert_true (wait_for (subscription_listed, &metrics));
  g_assert_true (wait_for_label (page, "demo.metrics", FALSE));
  g_assert_true (wait_for (rows_arrived, page));
  g_assert_true (wait_for (rate_shown, page));
  g_assert_cmpfloat (sock_connection_page_get_rate_in (page), >, 1.0);

  /* The demo.tick row counts its events, with their rate. */
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.tick", "2", TRUE }));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.tick", "/s", FALSE }));

  /* A live tab with the detail pane open, for the screenshot. */
  table = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW,
                                        any_widget, NULL));
  g_assert_nonnull (table);
  gtk_selection_model_select_item (gtk_column_view_get_model (table), 2, TRUE);
  save_screenshot (GTK_WIDGET (fixture->window), "window-demo-tab");
}

/* Whether the topic entry shows a warning (whose tooltip contains text, when given). */
static gboolean
entry_warns (GtkWidget  *entry,
             const char *text)
{
  g_autofree char *tooltip = gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_PRIMARY);
  gboolean warns = gtk_widget_has_css_class (entry, "error") && tooltip != NULL;

  return warns && (text == NULL || strstr (tooltip, text) != NULL);
}

static void
test_connection_subscribe (Fixture       *fixture,
                           gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  SubscriptionQuery added = { page, "wildcard demo..cpu", TRUE };
  SubscriptionQuery removed = { page, "wildcard demo..cpu", FALSE };
  GtkWidget *entry;
  GtkWidget *label;

  entry = find_widget (GTK_WIDGET (page), GTK_TYPE_ENTRY, placeholder_is, "Topic, e.g. com.example.news");
  g_assert_nonnull (entry);
  /* Checked as it is typed: an exact topic has no empty component; a wildcard pattern may. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "demo..cpu");
  g_assert_true (entry_warns (entry, "the topic “demo..cpu” has two dots in a row"));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.subscribe", NULL);
  run_for (200);
  g_assert_null (find_subscription_row (page, "demo..cpu"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "demo..cpu");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN,
                                                          any_widget,
                                                          NULL)),
                              SOCK_MATCH_WILDCARD);
  g_assert_false (entry_warns (entry, NULL));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.subscribe", NULL);

  g_assert_true (wait_for (subscription_listed, &added));
  g_assert_true (wait_for_label (page, "demo..cpu", FALSE));
  g_assert_true (wait_for_label (page, "Wildcard match", FALSE));
  /* The entry is emptied for the next topic. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_widget_activate_action (GTK_WIDGET (page), "page.unsubscribe", "(si)", "demo..cpu", SOCK_MATCH_WILDCARD);
  g_assert_true (wait_for (subscription_listed, &removed));
  run_for (1100);
  g_assert_null (find_label (GTK_WIDGET (page), "demo..cpu", FALSE));

  /* The entry refuses a bad topic as it is typed; one asked for another way (the command line's
   * --subscribe) stays listed, failed, with the reason in words. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, any_widget, NULL)),
                              SOCK_MATCH_EXACT);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not a topic");
  g_assert_true (entry_warns (entry, "contains whitespace"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  sock_connection_page_subscribe (page, "not a topic", SOCK_MATCH_EXACT);
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "not a topic", "Exact match · failed", FALSE }));
  label = find_label (find_subscription_row (page, "not a topic"), "contains whitespace at character 4", TRUE);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  g_assert_null (find_label (find_subscription_row (page, "not a topic"), "wamp.error.", TRUE));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.unsubscribe", "(si)", "not a topic", SOCK_MATCH_EXACT);
  g_assert_true (wait_for (row_gone, &(RowQuery) { page, "not a topic", NULL, FALSE }));
}

/* A subscription nobody publishes to has no events; one with an event and then none is silent. */
static void
test_connection_subscription_stats (Fixture       *fixture,
                                    gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  SockSession *session = sock_connection_get_session (sock_connection_page_get_connection (page));
  SockPublishOptions to_me = { .acknowledge = TRUE, .include_me = TRUE };
  SubscriptionQuery once = { page, "exact demo.stats.once", TRUE };
  SubscriptionQuery quiet = { page, "exact demo.stats.quiet", TRUE };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *label;

  sock_connection_page_subscribe (page, "demo.stats.quiet", SOCK_MATCH_EXACT);
  sock_connection_page_subscribe (page, "demo.stats.once", SOCK_MATCH_EXACT);
  g_assert_true (wait_for (subscription_listed, &quiet));
  g_assert_true (wait_for (subscription_listed, &once));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.stats.quiet", "No events yet", FALSE }));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.stats.once", "No events yet", FALSE }));

  sock_session_publish_async (session, "demo.stats.once", NULL, NULL, &to_me, NULL, store_result, &result);
  g_assert_true (wait_for (result_stored, &result));
  g_assert_true (sock_session_publish_finish (session, result, NULL, &error));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.stats.once", "1 event", FALSE }));

  /* More than 5 s later: silent, in the warning colour, with when the last event came. */
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.stats.once", "Silent for", FALSE }));
  label = find_label (find_subscription_row (page, "demo.stats.once"), "Silent for", TRUE);
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (label), "The last event came at "));
  g_assert_nonnull (find_label (find_subscription_row (page, "demo.stats.quiet"), "No events yet", FALSE));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.tick", "/s", FALSE }));
  save_screenshot (GTK_WIDGET (fixture->window), "window-subscription-stats");
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_listener_close (listener);
  return port;
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", closed_port ());
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);
  g_autoptr(SockDiagnosis) expected = sock_probe_run (profile, NULL, NULL);
  g_autofree char *demo_url = sock_demo_server_dup_wamp_url (fixture->server);
  SockConnectDialog *dialog = NULL;
  SockConnectionPage *page;

  g_assert_cmpstr (sock_diagnosis_get_id (expected), ==, "connection-refused");
  page = sock_window_open_connection (fixture->window, options);

  /* The page explains the failure and offers Retry and Edit Settings. */
  g_assert_true (wait_for_label (page, sock_diagnosis_get_title (expected), FALSE));
  g_assert_true (wait_for_label (page, "What to Try", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Retry", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Edit Settings…", FALSE));
  g_assert_true (g_str_has_prefix (sock_connection_page_get_state_text (page), "Closed: "));
  save_screenshot (GTK_WIDGET (fixture->window), "window-failed-tab");

  /* Retry tries again, and fails the same way. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.retry", NULL);
  g_assert_true (wait_for_label (page, sock_diagnosis_get_title (expected), FALSE));

  /* Edit Settings starts from this tab's settings; Connect replaces the tab in place. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit-settings", NULL);
  g_assert_true (wait_for (connect_dialog_shown, &dialog));
  g_assert_null (sock_connect_dialog_get_problem (dialog));
  sock_connect_dialog_set_url (dialog, demo_url);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL);
  g_assert_cmpuint (adw_tab_view_get_n_pages (sock_window_get_tab_view (fixture->window)), ==, 1);
  page = sock_window_get_selected_connection (fixture->window);
  g_assert_cmpstr (sock_connect_options_get_url (sock_connection_page_get_options (page)), ==, demo_url);
}

static void
test_connection_no_such_realm (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page;

  sock_connect_options_set_realm (options, "no.such.realm");
  page = sock_window_open_connection (fixture->window, options);

  g_assert_true (wait_for_label (page, "The Router Refused the Session", FALSE));
  g_assert_true (wait_for_label (page, "Closed: The router refused to join: wamp.error.no_such_realm", TRUE));
}

static gboolean
log_has_marker (SockMessageLog *log,
                const char     *text)
{
  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.kind == SOCK_LOG_KIND_MARKER &&
          g_strstr_len ((const char *) raw, len, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
page_reconnecting (gpointer data)
{
  return g_str_has_prefix (sock_connection_page_get_state_text (data), "Reconnecting in ");
}

/* A server that vanishes: the tab says it will try again, and rejoins (and resubscribes) when the
 * server is back on the same port, with a gap marker in the log. */
static void
test_connection_server_vanishes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(SockDemoServer) own = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockConnectOptions) options = NULL;
  SockConnectionPage *page;
  SubscriptionQuery tick;
  SockMessageLog *log;
  g_autofree char *old_id = NULL;
  guint port;

  g_assert_true (sock_demo_server_start (own, 0, -1, &error));
  port = sock_demo_server_get_port (own);
  url = sock_demo_server_dup_wamp_url (own);
  options = sock_connect_options_new_for_url (url, NULL);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  sock_connection_page_subscribe (page, "demo.tick", SOCK_MATCH_EXACT);
  tick = (SubscriptionQuery) { page, "exact demo.tick", TRUE };
  g_assert_true (wait_for (subscription_listed, &tick));

  old_id = g_strdup (sock_connection_get_session_id (sock_connection_page_get_connection (page)));
  g_assert_nonnull (old_id);
  g_assert_true (wait_for_label (page, old_id, FALSE));
  sock_demo_server_stop (own);
  g_assert_true (wait_for (page_reconnecting, page));
  g_assert_true (wait_for_label (page, sock_connection_page_get_state_text (page), FALSE));
  /* The subscription stays listed, restoring; the lost session's facts are not shown as current. */
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.tick", "Exact match · restoring…", FALSE }));
  g_assert_null (find_label (GTK_WIDGET (page), old_id, FALSE));
  g_assert_null (find_label (GTK_WIDGET (page), "no subprotocol", TRUE));
  save_screenshot (GTK_WIDGET (fixture->window), "window-reconnecting");

  g_assert_true (sock_demo_server_start (own, port, -1, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (page_joined, page));
  g_assert_true (wait_for (subscription_listed, &tick));
  g_assert_true (wait_for (row_label_shown, &(RowQuery) { page, "demo.tick", "Exact match", FALSE }));
  g_assert_null (find_label (find_subscription_row (page, "demo.tick"), "restoring", TRUE));
  log = sock_message_view_get_log (SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page)));
  g_assert_true (log_has_marker (log, "reconnected after"));
  sock_demo_server_stop (own);
}

static void
on_state_text (SockConnectionPage *page,
               GParamSpec         *pspec,
               GPtrArray          *texts)
{
  g_ptr_array_add (texts, g_strdup (sock_connection_page_get_state_text (page)));
}

typedef struct
{
  GPtrArray  *texts;
  const char *prefix;
  guint       from;
} TextQuery;

static gboolean
text_seen (gpointer data)
{
  TextQuery *query = data;

  for (guint i = query->from; i < query->texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (query->texts, i), query->prefix))
      {
        query->from = i;
        return TRUE;
      }
  return FALSE;
}

/* A server that freezes (it stops reading and writing, its TCP connection stays open): the tab
 * says it is not responding, with why in the tooltip, drops the connection, reconnects and joins
 * again. */
static void
test_connection_server_freezes (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/fault/wamp/freeze/1500", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  TextQuery query = { texts, NULL, 0 };
  SockConnectionPage *page;

  sock_profile_set_keepalive_interval (profile, 1);
  sock_profile_set_pong_timeout_ms (profile, 500);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_signal_connect (page, "notify::state-text", G_CALLBACK (on_state_text), texts);
  g_assert_true (wait_for (page_joined, page));

  query.prefix = "Not responding";
  g_assert_true (wait_for (text_seen, &query));
  g_assert_cmpstr (sock_connection_get_close_reason (sock_connection_page_get_connection (page)), ==,
                   "No answer to a ping within 0.5 s: the server is not responding");
  query.prefix = "Reconnecting in ";
  g_assert_true (wait_for (text_seen, &query));
  query.prefix = "Joined";
  g_assert_true (wait_for (text_seen, &query));
  g_signal_handlers_disconnect_by_data (page, texts);
}

/* How many sessions the demo router has, asked through the meta API by a session of our own. */
static guint
count_sessions (Fixture *fixture)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockConnection) connection = sock_connection_new (profile);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) called = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(GError) error = NULL;
  SockCallResult *result;
  guint count;

  sock_connection_set_realm (connection, "demo");
  sock_connection_open_async (connection, NULL, store_result, &opened);
  g_assert_true (wait_for (result_stored, &opened));
  g_assert_true (sock_connection_open_finish (connection, opened, &error));

  sock_session_call_async (sock_connection_get_session (connection), "wamp.session.count", NULL, NULL, NULL,
                           NULL, NULL, NULL, store_result, &called);
  g_assert_true (wait_for (result_stored, &called));
  result = sock_session_call_finish (sock_connection_get_session (connection), called, &error);
  g_assert_no_error (error);
  g_assert_true (result->args != NULL && result->args[0] == '[');
  count = g_ascii_strtoull (result->args + 1, NULL, 10);
  sock_call_result_free (result);

  sock_connection_close_async (connection, NULL, store_result, &closed);
  g_assert_true (wait_for (result_stored, &closed));
  run_for (200);

  /* Not counting the one that asked. */
  return count - 1;
}

static void
test_connection_close_tab (Fixture       *fixture,
                           gconstpointer  data)
{
  AdwTabView *tabs = sock_window_get_tab_view (fixture->window);
  guint before = count_sessions (fixture);
  SockConnectionPage *page = open_demo_tab (fixture);
  SockConnection *connection = g_object_ref (sock_connection_page_get_connection (page));

  g_assert_cmpuint (count_sessions (fixture), ==, before + 1);

  /* Ctrl+W: the tab goes, the session says GOODBYE, and the start page comes back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL);
  g_assert_cmpuint (adw_tab_view_get_n_pages (tabs), ==, 0);
  g_assert_true (wait_for_label (fixture->window, "Connect to a WebSocket server", FALSE));
  run_for (300);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_CLOSED);
  g_assert_cmpuint (count_sessions (fixture), ==, before);
  g_assert_finalize_object (connection);
}

/* rs:// in a tab: joined with the protocol the serializer names; a refused handshake explained. */
static void
test_connection_rawsocket (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_rawsocket_url (fixture->server);
  g_autofree char *refusing = g_strdup_printf ("rs://127.0.0.1:%u", sock_demo_server_get_rawsocket_fault_port (
                                                 fixture->server, SOCK_DEMO_RAWSOCKET_FAULT_CONNECTION_LIMIT));
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autoptr(SockConnectOptions) refused = sock_connect_options_new_for_url (refusing, NULL);
  SockConnectionPage *page;

  g_assert_nonnull (options);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  g_assert_true (wait_for_label (page, "WAMP v2 · wamp.2.json", FALSE));

  sock_connect_options_set_realm (refused, "demo");
  page = sock_window_open_connection (fixture->window, refused);
  g_assert_true (wait_for_label (page, "The router refused the RawSocket handshake", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "maximum number of connections", TRUE));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/connection/demo", Fixture, NULL,
              demo_fixture_set_up, test_connection_demo, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/subscribe", Fixture, NULL,
              demo_fixture_set_up, test_connection_subscribe, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/subscription-stats", Fixture, NULL,
              demo_fixture_set_up, test_connection_subscription_stats, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/refused", Fixture, NULL,
              demo_fixture_set_up, test_connection_refused, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/no-such-realm", Fixture, NULL,
              demo_fixture_set_up, test_connection_no_such_realm, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/close-tab", Fixture, NULL,
              demo_fixture_set_up, test_connection_close_tab, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/server-freezes", Fixture, NULL,
              demo_fixture_set_up, test_connection_server_freezes, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/server-vanishes", Fixture, NULL,
              demo_fixture_set_up, test_connection_server_vanishes, demo_fixture_tear_down);
  g_test_add ("/sockscope/connection/rawsocket", Fixture, NULL,
              demo_fixture_set_up, test_connection_rawsocket, demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
