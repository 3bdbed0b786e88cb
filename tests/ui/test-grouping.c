/* test-grouping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digit grouping under a locale that groups (numbers as in de_DE.UTF-8, words in English, as
 * test-preferences-formats does), read from the window a user sees, against a real
 * `sockscope-cli serve-demo` on 127.0.0.1: the header's rate of a flood above 1,000/s, message
 * numbers past 1,000 in the detail pane (its title, the line that pairs a result with its call, a
 * comparison and its Go to button, the toast of a Go to that the filter hides), and a mock
 * procedure called more than 1,000 times with 1,000 progressive results (its row's "N calls" and
 * answer, the call it lists, the call form's progress lines, the caller's call latency in its
 * Health view), and the publish form's repeat interval.
 */

#include "config.h"

#include <locale.h>

#include "../cli/cli-demo-util.h"
#include "sock-handshake-details.h"
#include "sock-health-view.h"
#include "sock-message-detail.h"
#include "sock-message-view.h"
#include "sock-mock-form.h"
#include "sock-publish-form.h"
#include "sock-router-view.h"
#include "sock-wamp-message.h"
#include "test-forms-util.h"
#include "test-ui-util.h"

static GSubprocess *server;
static char *ws_url;

typedef struct
{
  SockWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = present_window (ui_test_app);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

/* n as a German reader expects it, "20.015", written here digit by digit (not by printf). */
static char *
german (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static SockConnectionPage *
open_tab (Fixture    *fixture,
          const char *subscription)
{
  g_autoptr(SockConnectOptions) options = sock_window_new_options (fixture->window);
  SockConnectionPage *page;

  g_assert_true (sock_connect_options_set_url (options, ws_url, NULL));
  sock_connect_options_set_realm (options, "demo");
  if (subscription != NULL)
    sock_connect_options_add_subscription (options, subscription, SOCK_MATCH_EXACT);
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  return page;
}

static SockMessageLog *
page_log (SockConnectionPage *page)
{
  return sock_connection_get_log (sock_connection_page_get_connection (page));
}

static SockSession *
page_session (SockConnectionPage *page)
{
  return sock_connection_get_session (sock_connection_page_get_connection (page));
}

/* The seq of the last WAMP v2 record of that type before end in the tab's log, or G_MAXUINT64. */
static guint64
last_seq_before (SockConnectionPage *page,
                 guint8              type,
                 guint64             end)
{
  SockMessageLog *log = page_log (page);

  for (guint64 seq = MIN (end, sock_message_log_get_end_seq (log)); seq > sock_message_log_get_first_seq (log); seq--)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq - 1, &entry, NULL, NULL) && entry.kind == SOCK_LOG_KIND_WAMP2
          && entry.type == type)
        return seq - 1;
    }
  return G_MAXUINT64;
}

static guint64
last_seq_of (SockConnectionPage *page,
             guint8              type)
{
  return last_seq_before (page, type, G_MAXUINT64);
}

/* The texts of the labels the user can see under widget, one a line. */
static void
append_shown (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_string_append_printf (out, "\n  %s", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    append_shown (child, out);
}

/* Fails the test, saying what the window shows, when no label the user can see in the window
 * (the tab shown, its toasts) reads, or holds, text in time. */
static void
assert_label (SockConnectionPage *page,
              const char         *text,
              gboolean            substring)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page)));
  g_autoptr(GString) shown = g_string_new (NULL);

  if (wait_for_label (root, text, substring))
    return;
  append_shown (root, shown);
  save_screenshot (root, "grouping-failure");
  g_error ("no label %s “%s”; the window shows:%s", substring ? "holds" : "reads", text, shown->str);
}

typedef struct
{
  GtkWidget *label;
  GRegex    *regex;
} Matching;

static gboolean
label_matches (gpointer data)
{
  Matching *matching = data;

  return g_regex_match (matching->regex, gtk_label_get_text (GTK_LABEL (matching->label)), 0, NULL);
}

/* The header's rate of messages in, grouped, once the flood passes 1,000 a second. */
static void
assert_rate_grouped (SockConnectionPage *page)
{
  GtkWidget *rate = find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, tooltip_text_is, "Messages received per second");
  Matching matching = { rate, g_regex_new ("^[1-9][0-9]{0,2}(\\.[0-9]{3})+/s$", 0, 0, NULL) };

  g_assert_nonnull (rate);
  if (!wait_for (label_matches, &matching))
    g_error ("the header's rate in reads “%s”, not a grouped rate above 1.000/s", gtk_label_get_text (GTK_LABEL (rate)));
  g_regex_unref (matching.regex);
}

static gboolean
has_css_class (GtkWidget  *widget,
               const char *css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* The median call latency in the tab's Health view (Ctrl+3), once calls took over 1,000 ms:
 * whole milliseconds, grouped ("1.523 ms"). */
static void
assert_latency_grouped (SockConnectionPage *page)
{
  GtkWidget *router = find_widget (GTK_WIDGET (page), SOCK_TYPE_ROUTER_VIEW, any_widget, NULL);
  GtkWidget *health;
  Matching matching = { NULL, g_regex_new ("^[1-9][0-9]{0,2}(\\.[0-9]{3})+ ms$", 0, 0, NULL) };

  g_assert_nonnull (router);
  g_assert_true (gtk_widget_activate_action (router, "router.show", "s", "health"));
  health = find_widget (router, SOCK_TYPE_HEALTH_VIEW, any_widget, NULL);
  g_assert_nonnull (health);
  matching.label = find_widget (find_row (health, ADW_TYPE_ACTION_ROW, "Median (p50)"), GTK_TYPE_LABEL,
                                has_css_class, "numeric");
  g_assert_nonnull (matching.label);
  if (!wait_for (label_matches, &matching))
    g_error ("the median call latency reads “%s”, not grouped milliseconds above 1.000 ms",
             gtk_label_get_text (GTK_LABEL (matching.label)));
  g_regex_unref (matching.regex);
}

typedef struct
{
  SockMessageLog *log;
  guint64         end;
} LogQuery;

static gboolean
log_reaches (gpointer data)
{
  LogQuery *query = data;

  return sock_message_log_get_end_seq (query->log) >= query->end;
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GError) error = NULL;
  SockCallResult *answer = sock_session_call_finish (SOCK_SESSION (object), result, &error);

  g_assert_no_error (error);
  sock_call_result_free (answer);
  (*n_done)++;
}

static gboolean
n_reached (gpointer data)
{
  guint *counts = data;

  return counts[0] >= counts[1];
}

/* Calls procedure from the tab's call form, as a user does, and waits for its answer. */
static GtkWidget *
call_from_form (SockConnectionPage *page,
                const char         *procedure,
                const char         *args,
                gboolean            progress)
{
  GtkWidget *form = start_call (page, procedure, args, progress);

  /* 1,000 progressive results become 1,000 lines in the form: a loaded machine takes its time */
  if (!wait_for (call_done, form) && !wait_for (call_done, form))
    {
      g_auto(GStrv) lines = sock_call_form_dup_progress (SOCK_CALL_FORM (form));
      guint n = lines != NULL ? g_strv_length (lines) : 0;

      save_screenshot (GTK_WIDGET (gtk_widget_get_root (form)), "grouping-call");
      g_error ("the call of %s is still running: %s; last progress line: %s", procedure,
               sock_call_form_get_status (SOCK_CALL_FORM (form)), n > 0 ? lines[n - 1] : "none");
    }
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Result in "));
  return form;
}

static gboolean
list_has (SockMessageList *list,
          guint64          seq)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  return n > 0 && sock_message_list_get_seq (list, n - 1) >= seq;
}

typedef struct
{
  SockMessageList *list;
  guint64          seq;
} ListQuery;

static gboolean
list_reaches (gpointer data)
{
  ListQuery *query = data;

  return list_has (query->list, query->seq);
}

/* Goes to message seq as the detail pane's Go to does, once the table has it, and waits for the
 * detail pane's title. */
static GtkWidget *
show_message (SockConnectionPage *page,
              guint64             seq)
{
  SockMessageView *view = SOCK_MESSAGE_VIEW (find_any (GTK_WIDGET (page), SOCK_TYPE_MESSAGE_VIEW));
  GtkWidget *detail = find_any (GTK_WIDGET (view), SOCK_TYPE_MESSAGE_DETAIL);
  ListQuery query = { sock_message_view_get_list (view), seq };
  g_autofree char *number = german (seq + 1);
  g_autofree char *title = g_strdup_printf ("Message %s", number);

  /* the table takes new rows once a frame */
  g_assert_true (wait_for (list_reaches, &query));
  g_assert_true (gtk_widget_activate_action (detail, "detail.go-to", "t", seq));
  assert_label (page, title, FALSE);
  g_assert_cmpuint (sock_message_detail_get_seq (SOCK_MESSAGE_DETAIL (detail)), ==, seq);
  return detail;
}

/* A flood above 1,000 events a second: the header's rate, then the numbers of messages past
 * 20,000 wherever the detail pane and the table's Go to name them. */
static void
test_grouping_rates_and_numbers (Fixture       *fixture,
                                 gconstpointer  data)
{
  SockConnectionPage *page = open_tab (fixture, "demo.flood");
  SockMessageView *view = SOCK_MESSAGE_VIEW (find_any (GTK_WIDGET (page), SOCK_TYPE_MESSAGE_VIEW));
  guint counts[2] = { 0, 1 };
  LogQuery flooded = { page_log (page), 20000 };
  guint64 call, result, event, previous;
  g_autofree char *call_n = NULL, *result_n = NULL, *event_n = NULL, *previous_n = NULL;
  g_autofree char *pair = NULL, *compare = NULL, *go = NULL, *hidden = NULL;
  GtkWidget *detail;

  /* 20,000 events at 4,000 a second; the router takes the subscription before the call */
  sock_session_call_json_async (page_session (page), "demo.flood", "[4000, 5]", NULL, NULL, NULL, NULL, NULL,
                                call_cb, &counts[0]);
  g_assert_true (wait_for (n_reached, counts));
  assert_rate_grouped (page);
  g_assert_true (wait_for (log_reaches, &flooded));

  /* a call past message 20,000, and the line that pairs its result with it */
  call_from_form (page, "demo.add", "[2, 3]", FALSE);
  call = last_seq_of (page, SOCK_WAMP_CALL);
  result = last_seq_of (page, SOCK_WAMP_RESULT);
  g_assert_cmpuint (call, >=, 20000);
  g_assert_cmpuint (result, >, call);
  call_n = german (call + 1);
  pair = g_strdup_printf ("Answers message %s, ", call_n);
  show_message (page, result);
  assert_label (page, pair, TRUE);
  result_n = german (result + 1);

  /* the last event against the one before it */
  event = last_seq_of (page, SOCK_WAMP_EVENT);
  g_assert_cmpuint (event, >=, 20000);
  detail = show_message (page, event);
  g_assert_true (gtk_widget_activate_action (detail, "detail.compare-previous", NULL));
  previous = last_seq_before (page, SOCK_WAMP_EVENT, event);
  g_assert_cmpuint (previous, >=, 1000);
  event_n = german (event + 1);
  previous_n = german (previous + 1);
  compare = g_strdup_printf ("Message %s against message %s, the previous EVENT on demo.flood", event_n, previous_n);
  assert_label (page, compare, FALSE);
  go = g_strdup_printf ("Go to Message %s", previous_n);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, button_label_is, go));

  /* Go to a message the filter hides: the toast names it */
  sock_message_view_set_uri_prefix (view, "demo.tick");
  g_assert_true (gtk_widget_activate_action (detail, "detail.go-to", "t", result));
  hidden = g_strdup_printf ("Message %s is hidden by the filter", result_n);
  assert_label (page, hidden, FALSE);
  sock_message_view_set_uri_prefix (view, NULL);
}

/* A mock answering 1,000 progressive results after 1,500 ms, called 1,101 times: its row says so
 * with grouped counts, and the call form's progress lines are numbered past 1,000. */
static void
test_grouping_mock_calls (Fixture       *fixture,
                          gconstpointer  data)
{
  SockConnectionPage *callee = open_tab (fixture, NULL);
  GtkWidget *mock_form = find_form (callee, SOCK_TYPE_MOCK_FORM);
  GtkWidget *publish_form = find_form (callee, SOCK_TYPE_PUBLISH_FORM);
  SockConnectionPage *caller;
  GtkWidget *call_form;
  g_auto(GStrv) progress = NULL;
  guint counts[2] = { 0, 1100 };

  /* the publish form's repeat interval, a count of seconds */
  set_row_text (publish_form, "Topic", "test.grouping.topic");
  set_spin (publish_form, "Repeat Every", 3600);
  g_assert_true (gtk_widget_activate_action (publish_form, "publish.send", NULL));
  assert_label (callee, "Published 1 time, every 3.600 s", FALSE);
  g_assert_true (gtk_widget_activate_action (publish_form, "publish.stop", NULL));
  assert_label (callee, "Stopped after 1 publication", FALSE);

  set_row_text (mock_form, "Procedure", "test.grouping.mock");
  sock_json_field_set_text (find_field (mock_form, "Arguments"), "[\"ok\"]");
  g_assert_true (wait_for (field_valid, find_field (mock_form, "Arguments")));
  set_spin (mock_form, "Delay", 1500);
  set_spin (mock_form, "Progressive Results", 1000);
  g_assert_true (gtk_widget_activate_action (mock_form, "mock.register", NULL));
  assert_label (callee, "Registered test.grouping.mock", FALSE);
  assert_label (callee, "Result [\"ok\"], after 1.000 progressive results after 1.500 ms · 0 calls", TRUE);

  /* from another tab: the call form with progress, then 1,100 calls at once */
  caller = open_tab (fixture, NULL);
  call_form = call_from_form (caller, "test.grouping.mock", "[]", TRUE);
  progress = sock_call_form_dup_progress (SOCK_CALL_FORM (call_form));
  g_assert_cmpuint (g_strv_length (progress), >, 0);
  g_assert_cmpstr (progress[g_strv_length (progress) - 1], ==, "Progress 1.000: [1000,1000]");

  /* the callee's tab lists that call with its progressive results */
  select_tab (callee);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_row (mock_form, ADW_TYPE_EXPANDER_ROW, "test.grouping.mock")),
                                 TRUE);
  assert_label (callee, "Answered with a result after 1.000 progressive results", TRUE);
  select_tab (caller);
  for (guint i = 0; i < counts[1]; i++)
    sock_session_call_json_async (page_session (caller), "test.grouping.mock", "[]", NULL, NULL, NULL, NULL, NULL,
                                  call_cb, &counts[0]);
  g_assert_true (wait_for (n_reached, counts));
  /* each call took 1,500 ms at least */
  assert_latency_grouped (caller);

  select_tab (callee);
  assert_label (callee, "after 1.500 ms · 1.101 calls", TRUE);
}

/* A handshake that waited twelve seconds for its response: the details' timings legend and the
 * attempt's outcome group their milliseconds. */
static void
test_grouping_handshake_timings (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(SockHandshake) hs = sock_handshake_new ("ws://127.0.0.1:9/ws");
  SockTimings timings = { 0, 2.5, 2.5, 4, -1, 4.5, 12350.1, 12351, 200, 150 };
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
  g_autoptr(SockHandshakeAttempt) attempt = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autoptr(GString) shown = g_string_new (NULL);

  sock_handshake_set_request_line (hs, "GET /ws HTTP/1.1");
  sock_handshake_set_timings (hs, &timings);
  attempt = sock_handshake_attempt_new (hs, error, NULL, NULL, 800);
  sock_handshake_details_fill (GTK_BOX (details), NULL, NULL, attempt);
  gtk_window_set_child (GTK_WINDOW (window), details);
  gtk_window_present (GTK_WINDOW (window));

  append_shown (window, shown);
  g_test_message ("%s", shown->str);
  g_assert_nonnull (find_label (window, "Waiting for response 12.345,6 ms", FALSE));
  g_assert_nonnull (find_label (window, "DNS lookup 2,5 ms", FALSE));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SockApplication) app = NULL;
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;
  /* C.UTF-8 has no thousands separator: German has one (1.234); the words stay English */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_print ("1..0 # SKIP no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)\n");
      ui_test_finish (&app);
      return 0;
    }
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "digit-grouping", TRUE);
  }
  cli = g_getenv ("SOCKSCOPE_CLI");
  g_assert_nonnull (cli);
  server = start_demo (&ws_url);

  g_test_add ("/sockscope/grouping/rates-and-numbers", Fixture, NULL, fixture_set_up,
              test_grouping_rates_and_numbers, fixture_tear_down);
  g_test_add ("/sockscope/grouping/mock-calls", Fixture, NULL, fixture_set_up,
              test_grouping_mock_calls, fixture_tear_down);
  g_test_add ("/sockscope/grouping/handshake-timings", Fixture, NULL, fixture_set_up,
              test_grouping_handshake_timings, fixture_tear_down);

  ret = g_test_run ();
  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  ui_test_finish (&app);
  return ret;
}
