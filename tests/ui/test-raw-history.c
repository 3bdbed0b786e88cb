/* test-raw-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw composer's history outlives its window: frames sent on the demo's /echo path (a text
 * and a binary one) are in $XDG_STATE_HOME/sockscope/sent.json as a store read afresh from the
 * file finds them (what the app reads at its next start), and a new window's tab on the same
 * URL lists them and sends one again.
 */

#include "config.h"

#include <string.h>

#include "sock-demo-server.h"
#include "sock-raw-composer.h"
#include "sock-raw-composer-item.h"
#include "sock-send-history.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

static gboolean
page_open (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Open") == 0;
}

static SockRawComposer *
open_echo (SockWindow *window,
           const char *url)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnectionPage *page = sock_window_open_connection (window, options);
  GtkWidget *composer;

  g_assert_true (wait_for (page_open, page));
  composer = find_widget (GTK_WIDGET (page), SOCK_TYPE_RAW_COMPOSER, any_widget, NULL);
  g_assert_nonnull (composer);
  return SOCK_RAW_COMPOSER (composer);
}

typedef struct
{
  SockRawComposer *composer;
  guint            n;
} HistoryQuery;

static gboolean
history_has (gpointer data)
{
  HistoryQuery *query = data;

  return g_list_model_get_n_items (sock_raw_composer_get_history (query->composer)) == query->n;
}

static void
send_frame (SockRawComposer *composer,
            SockRawFormat    format,
            const char      *text,
            guint            n_after)
{
  HistoryQuery query = { composer, n_after };

  sock_raw_composer_set_format (composer, format);
  sock_raw_composer_set_text (composer, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "raw.send", NULL));
  g_assert_true (wait_for (history_has, &query));
}

static SockRawComposerItem *
history_item (SockRawComposer *composer,
              guint            position)
{
  return g_list_model_get_item (sock_raw_composer_get_history (composer), position);
}

typedef struct
{
  SockConnection *connection;
  guint           n_binary;
} EchoQuery;

/* The echo of de ad be ef came back n_binary times. */
static gboolean
echoed (gpointer data)
{
  EchoQuery *query = data;
  SockMessageLog *log = sock_connection_get_log (query->connection);
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.direction == SOCK_LOG_DIRECTION_IN
          && entry.kind == SOCK_LOG_KIND_BINARY && len == 4 && memcmp (raw, "\xde\xad\xbe\xef", 4) == 0)
        n++;
    }
  return n == query->n_binary;
}

static void
test_raw_history_restart (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockSendHistory) reread = NULL;
  g_autoptr(SockRawComposerItem) binary = NULL;
  g_autoptr(SockRawComposerItem) text = NULL;
  g_autoptr(SockSendEntry) kept_binary = NULL;
  g_autoptr(SockSendEntry) kept_text = NULL;
  g_autofree char *key = NULL;
  SockRawComposer *composer;
  GListModel *recent;
  EchoQuery echo;

  composer = open_echo (fixture->window, url);
  g_assert_cmpuint (g_list_model_get_n_items (sock_raw_composer_get_history (composer)), ==, 0);
  send_frame (composer, SOCK_RAW_FORMAT_TEXT, "kept across restarts", 1);
  send_frame (composer, SOCK_RAW_FORMAT_HEX, "de ad be ef", 2);
  /* the same frame again moves up, it is not listed twice */
  send_frame (composer, SOCK_RAW_FORMAT_TEXT, "kept across restarts", 2);
  send_frame (composer, SOCK_RAW_FORMAT_HEX, "de ad be ef", 2);

  /* in the file, as the next start reads it */
  key = sock_send_history_dup_key (sock_connection_page_get_connection (
    sock_window_get_selected_connection (fixture->window)));
  g_assert_nonnull (strstr (key, "/echo"));
  reread = sock_send_history_new (NULL);
  g_assert_null (sock_send_history_get_load_error (reread));
  recent = sock_send_history_get_recent (reread, key, SOCK_SEND_RAW);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  kept_binary = g_list_model_get_item (recent, 0);
  kept_text = g_list_model_get_item (recent, 1);
  g_assert_cmpstr (sock_send_entry_get_args (kept_binary), ==, "3q2+7w==");
  g_assert_cmpstr (sock_send_entry_get_args (kept_text), ==, "kept across restarts");
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_recent (reread, key, SOCK_SEND_PUBLISH)), ==, 0);

  /* a new window: its tab on the same URL lists them, newest first */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
  fixture->window = present_window (ui_test_app);
  composer = open_echo (fixture->window, url);
  g_assert_cmpuint (g_list_model_get_n_items (sock_raw_composer_get_history (composer)), ==, 2);
  binary = history_item (composer, 0);
  text = history_item (composer, 1);
  g_assert_false (sock_raw_composer_item_get_is_text (binary));
  g_assert_cmpuint (g_bytes_get_size (sock_raw_composer_item_get_payload (binary)), ==, 4);
  g_assert_true (sock_raw_composer_item_get_is_text (text));
  g_assert_cmpstr (sock_raw_composer_item_get_summary (text), ==, "kept across restarts");
  g_assert_true (wait_for_label (composer, "kept across restarts", FALSE));
  save_screenshot (GTK_WIDGET (fixture->window), "raw-history-restarted");

  /* and sends one again */
  echo = (EchoQuery) { sock_connection_page_get_connection (sock_window_get_selected_connection (fixture->window)), 1 };
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "raw.resend", "u", 0));
  g_assert_true (wait_for (echoed, &echo));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if ((app = ui_test_init (&argc, &argv)) == NULL)
    return 0;

  g_test_add ("/sockscope/raw-history/restart", Fixture, NULL, demo_fixture_set_up, test_raw_history_restart,
              demo_fixture_tear_down);

  status = g_test_run ();
  ui_test_finish (&app);
  return status;
}
