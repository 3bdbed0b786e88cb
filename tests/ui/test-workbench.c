/* test-workbench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbench in the window, against the demo server on 127.0.0.1, driven through actions and
 * read back from widget state: raw text and binary frames on /echo (Auto sends it no HELLO, the
 * WAMP forms are hidden), a CALL and its RESULT named and paired in the detail pane, and two
 * demo.tick events compared.
 */

#include "config.h"

#include <string.h>

#include "sock-application.h"
#include "sock-call-form.h"
#include "sock-connect-dialog.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-message-detail.h"
#include "sock-message-diff.h"
#include "sock-message-view.h"
#include "sock-publish-form.h"
#include "sock-raw-composer.h"
#include "sock-wamp-message.h"
#include "sock-window.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef struct
{
  SockWindow         *window;
  SockDemoServer     *server;
  SockConnectionPage *page;
  SockMessageView    *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sock_application_ensure_demo (app, &error);
  g_assert_no_error (error);
  fixture->window = present_window (app);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  return find_widget (root, G_TYPE_INVALID, name_is, name);
}

/* The number of records of the log in direction, kind (and type unless 0) whose payload is
 * payload (unless NULL). */
static guint
count (SockMessageLog   *log,
       SockLogDirection  direction,
       SockLogKind       kind,
       guint8            type,
       const char       *payload,
       gsize             len)
{
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry e;
      const guint8 *raw;
      gsize raw_len;

      if (sock_message_log_peek (log, seq, &e, &raw, &raw_len) && e.direction == direction && e.kind == kind &&
          (type == 0 || e.type == type) && (payload == NULL || (raw_len == len && memcmp (raw, payload, len) == 0)))
        n++;
    }
  return n;
}

/* The newest record matching, or G_MAXUINT64. */
static guint64
find_record (SockMessageLog   *log,
             SockLogDirection  direction,
             SockLogKind       kind,
             guint8            type,
             const char       *uri)
{
  for (guint64 seq = sock_message_log_get_end_seq (log); seq > sock_message_log_get_first_seq (log); seq--)
    {
      SockLogEntry e;

      if (sock_message_log_peek (log, seq - 1, &e, NULL, NULL) && e.direction == direction && e.kind == kind &&
          e.type == type && (uri == NULL || g_strcmp0 (sock_message_log_get_uri (log, e.uri), uri) == 0))
        return seq - 1;
    }
  return G_MAXUINT64;
}

static SockMessageLog *
page_log (Fixture *fixture)
{
  return sock_connection_get_log (sock_connection_page_get_connection (fixture->page));
}

/* Chooses the row of message seq in the table, as a click would. */
static void
select_seq (Fixture *fixture,
            guint64  seq)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW,
                                                       any_widget, NULL));
  SockMessageList *list = sock_message_view_get_list (fixture->view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    if (sock_message_list_get_seq (list, i) == seq)
      {
        gtk_selection_model_select_item (gtk_column_view_get_model (table), i, TRUE);
        run_for (200);
        return;
      }
  g_error ("message %" G_GUINT64_FORMAT " is not in the table", seq + 1);
}

static SockMessageDetail *
detail (Fixture *fixture)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->view), SOCK_TYPE_MESSAGE_DETAIL, any_widget, NULL);

  g_assert_nonnull (widget);
  return SOCK_MESSAGE_DETAIL (widget);
}

static char *
buffer_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
page_open (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Open") == 0;
}

typedef struct
{
  Fixture          *fixture;
  SockLogDirection  direction;
  SockLogKind       kind;
  const char       *payload;
  gsize             len;
  guint             at_least;
} Want;

static gboolean
has_records (gpointer data)
{
  Want *want = data;

  return count (page_log (want->fixture), want->direction, want->kind, 0, want->payload, want->len) >= want->at_least;
}

static SockRawComposer *
composer (Fixture *fixture)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->page), SOCK_TYPE_RAW_COMPOSER, any_widget, NULL);

  g_assert_nonnull (widget);
  return SOCK_RAW_COMPOSER (widget);
}

/* Auto on /echo (no subprotocol agreed, nothing said first): raw, no HELLO; the composer instead
 * of the WAMP forms; a text and a binary frame there and back; hex in the details; history. */
static void
test_workbench_raw_echo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *base = sock_demo_server_dup_base_url (fixture->server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockConnection *connection;
  SockRawComposer *raw;
  g_autofree char *hex = NULL;
  Want want = { fixture, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_TEXT, "hello, echo", 11, 1 };

  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_AUTO);
  fixture->page = sock_window_open_connection (fixture->window, options);
  fixture->view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (fixture->page));
  g_assert_true (wait_for (page_open, fixture->page));
  connection = sock_connection_page_get_connection (fixture->page);
  g_assert_cmpint (sock_connection_get_kind (connection), ==, SOCK_SESSION_KIND_RAW);
  g_assert_nonnull (strstr (sock_session_get_reason (sock_connection_get_session (connection)), "no HELLO sent"));
  g_assert_cmpuint (count (page_log (fixture), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_HELLO, NULL, 0),
                    ==, 0);
  run_for (300);

  /* hidden, not greyed out */
  g_assert_null (find_widget (GTK_WIDGET (fixture->page), SOCK_TYPE_PUBLISH_FORM, any_widget, NULL));
  g_assert_null (find_widget (GTK_WIDGET (fixture->page), SOCK_TYPE_CALL_FORM, any_widget, NULL));
  g_assert_null (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY, any_widget, NULL));
  raw = composer (fixture);

  /* a text frame */
  sock_raw_composer_set_text (raw, "hello, echo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (raw), "raw.send", NULL));
  g_assert_true (wait_for (has_records, &want));
  g_assert_cmpuint (count (page_log (fixture), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_TEXT, 0, "hello, echo", 11), ==, 1);

  /* invalid hex says where, and cannot be sent */
  sock_raw_composer_set_format (raw, SOCK_RAW_FORMAT_HEX);
  sock_raw_composer_set_text (raw, "01 zz");
  g_assert_cmpstr (sock_raw_composer_get_status (raw), ==, "Not a hex digit at character 4: “z”");
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (raw), GTK_TYPE_BUTTON, button_label_is, "_Send")));
  save_screenshot (GTK_WIDGET (fixture->window), "raw-composer-error");

  /* a binary frame, typed as hex */
  sock_raw_composer_set_text (raw, "00 01 fe ff 7f");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (raw), "raw.send", NULL));
  want.kind = SOCK_LOG_KIND_BINARY;
  want.payload = "\x00\x01\xfe\xff\x7f";
  want.len = 5;
  g_assert_true (wait_for (has_records, &want));
  g_assert_cmpuint (count (page_log (fixture), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_BINARY, 0, want.payload, 5),
                    ==, 1);
  run_for (300);
  select_seq (fixture, find_record (page_log (fixture), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_BINARY, 0, NULL));
  hex = buffer_text (find_named (GTK_WIDGET (fixture->view), "hex-view"));
  g_assert_true (g_str_has_prefix (hex, "00000000  00 01 fe ff 7f "));
  save_screenshot (GTK_WIDGET (fixture->window), "raw-composer");

  /* the history, newest first; activating one sends it again */
  g_assert_cmpuint (g_list_model_get_n_items (sock_raw_composer_get_history (raw)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (raw), "raw.resend", "u", 1));
  want.kind = SOCK_LOG_KIND_TEXT;
  want.payload = "hello, echo";
  want.len = 11;
  want.at_least = 2;
  g_assert_true (wait_for (has_records, &want));
  g_assert_cmpuint (g_list_model_get_n_items (sock_raw_composer_get_history (raw)), ==, 2);
}

static SockConnectionPage *
open_demo (Fixture *fixture)
{
  fixture->page = sock_window_open_demo (fixture->window, fixture->server);
  g_assert_true (wait_for (page_joined, fixture->page));
  fixture->view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (fixture->page));
  return fixture->page;
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  GtkWidget *label = find_named (GTK_WIDGET (fixture->view), name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
shows_label (Fixture    *fixture,
             const char *text)
{
  return find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, label_is, text) != NULL;
}

typedef struct
{
  Fixture *fixture;
  guint64  seq;
} Shown;

static gboolean
detail_shows (gpointer data)
{
  Shown *shown = data;

  return sock_message_detail_get_seq (detail (shown->fixture)) == shown->seq;
}

/* A CALL and its RESULT: their fields by name, "answered by message N after …", and the jump. */
static void
test_workbench_call_details (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonArray) args = json_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session;
  guint64 call, answer;
  g_autofree char *answered = NULL;
  g_autofree char *answers = NULL;
  Shown shown = { fixture, 0 };

  open_demo (fixture);
  session = sock_connection_get_session (sock_connection_page_get_connection (fixture->page));
  json_array_add_int_element (args, 2);
  json_array_add_double_element (args, 3.5);
  sock_session_call_async (session, "demo.add", args, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  g_assert_true (wait_for (result_stored, &result));
  run_for (300);
  call = find_record (page_log (fixture), SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_CALL, "demo.add");
  answer = find_record (page_log (fixture), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_RESULT, NULL);
  g_assert_cmpuint (call, !=, G_MAXUINT64);
  g_assert_cmpuint (answer, >, call);

  select_seq (fixture, call);
  g_assert_true (shows_label (fixture, "CALL (48) · WAMP v2"));
  g_assert_true (shows_label (fixture, "Request"));
  g_assert_true (shows_label (fixture, "Procedure"));
  g_assert_true (shows_label (fixture, "demo.add"));
  g_assert_true (shows_label (fixture, "Options"));
  g_assert_true (shows_label (fixture, "Arguments"));
  answered = g_strdup_printf ("Answered by message %" G_GUINT64_FORMAT " after ", answer + 1);
  g_assert_true (g_str_has_prefix (label_text (fixture, "pair-label"), answered));
  save_screenshot (GTK_WIDGET (fixture->window), "detail-call");

  /* the button goes to the answer, and the answer's back to the request */
  gtk_widget_activate (find_named (GTK_WIDGET (fixture->view), "pair-button"));
  shown.seq = answer;
  g_assert_true (wait_for (detail_shows, &shown));
  g_assert_true (shows_label (fixture, "RESULT (50) · WAMP v2"));
  answers = g_strdup_printf ("Answers message %" G_GUINT64_FORMAT ", ", call + 1);
  g_assert_true (g_str_has_prefix (label_text (fixture, "pair-label"), answers));
  g_assert_true (shows_label (fixture, "Details"));
  save_screenshot (GTK_WIDGET (fixture->window), "detail-result");
  gtk_widget_activate (find_named (GTK_WIDGET (fixture->view), "pair-button"));
  shown.seq = call;
  g_assert_true (wait_for (detail_shows, &shown));
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} Ticks;

static gboolean
ticks_arrived (gpointer data)
{
  Ticks *ticks = data;
  SockMessageLog *log = page_log (ticks->fixture);
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry e;

      if (sock_message_log_peek (log, seq, &e, NULL, NULL) && e.type == SOCK_WAMP_EVENT &&
          g_strcmp0 (sock_message_log_get_uri (log, e.uri), "demo.tick") == 0)
        n++;
    }
  return n >= ticks->n;
}

/* Two demo.tick events: the newer compared with the previous one lists the changed keys. */
static void
test_workbench_diff_ticks (Fixture       *fixture,
                           gconstpointer  data)
{
  Ticks ticks = { fixture, 2 };
  SockMessageDiff *diff;
  const char *text;
  guint64 newest;

  open_demo (fixture);
  sock_connection_subscribe (sock_connection_page_get_connection (fixture->page), "demo.tick", SOCK_MATCH_EXACT);
  g_assert_true (wait_for (ticks_arrived, &ticks));
  run_for (300);
  newest = find_record (page_log (fixture), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP2, SOCK_WAMP_EVENT, "demo.tick");
  select_seq (fixture, newest);
  g_assert_true (shows_label (fixture, "EVENT (36) · WAMP v2"));
  g_assert_true (shows_label (fixture, "Subscription"));
  g_assert_true (shows_label (fixture, "Publication"));
  g_assert_true (shows_label (fixture, "Keyword arguments"));
  save_screenshot (GTK_WIDGET (fixture->window), "detail-event");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail (fixture)), "detail.compare-previous", NULL));
  run_for (300);
  diff = SOCK_MESSAGE_DIFF (find_widget (GTK_WIDGET (fixture->view), SOCK_TYPE_MESSAGE_DIFF, any_widget, NULL));
  g_assert_nonnull (diff);
  text = sock_message_diff_get_text (diff);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "~ args[0]: "));
  g_assert_nonnull (strstr (text, "~ kwargs.time: "));
  g_assert_null (strstr (text, "details"));
  g_assert_true (label_contains (find_named (GTK_WIDGET (fixture->view), "diff-title"), "the previous EVENT on demo.tick"));
  g_assert_true (label_contains (find_named (GTK_WIDGET (fixture->view), "diff-summary"), "2 changed, 0 added, 0 removed"));
  save_screenshot (GTK_WIDGET (fixture->window), "detail-diff");
  if (g_getenv ("SOCK_SHOT_DIR") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      save_screenshot (GTK_WIDGET (fixture->window), "detail-diff-dark");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }
}

/* The connect dialog offers subprotocols of one's own, and shows them again for options that
 * have them; a name that is no token is refused with words. */
static void
test_workbench_custom_subprotocols (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char * const wanted[] = { "graphql-transport-ws", "wamp.2.json", NULL };
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(SockConnectOptions) again = NULL;
  g_autoptr(GError) error = NULL;
  SockConnectDialog *dialog = sock_connect_dialog_new (GTK_WINDOW (fixture->window), NULL);
  SockConnectDialog *reopened;
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (widget_mapped, dialog));
  sock_connect_dialog_set_url (dialog, "ws://127.0.0.1:9/chat");
  g_assert_null (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, row_title_equals, "_Subprotocols to Offer"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, row_title_equals,
                                                          "_Protocol")),
                              sock_protocol_choice_to_position (SOCK_PROTOCOL_CHOICE_CUSTOM));
  run_for (100);
  row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, row_title_equals, "_Subprotocols to Offer");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "graphql-transport-ws, wamp.2.json");
  options = sock_connect_dialog_dup_options (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_CUSTOM);
  g_assert_cmpstrv (sock_profile_get_protocols (sock_connect_options_get_profile (options)), wanted);

  gtk_editable_set_text (GTK_EDITABLE (row), "chat v1\"");
  g_assert_nonnull (sock_connect_dialog_get_problem (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  reopened = sock_connect_dialog_new (GTK_WINDOW (fixture->window), options);
  gtk_window_present (GTK_WINDOW (reopened));
  g_assert_true (wait_for (widget_mapped, reopened));
  row = find_widget (GTK_WIDGET (reopened), ADW_TYPE_ENTRY_ROW, row_title_equals, "_Subprotocols to Offer");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "graphql-transport-ws, wamp.2.json");
  again = sock_connect_dialog_dup_options (reopened, NULL);
  g_assert_cmpstrv (sock_profile_get_protocols (sock_connect_options_get_profile (again)), wanted);
  gtk_window_destroy (GTK_WINDOW (reopened));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if ((app = ui_test_init (&argc, &argv)) == NULL)
    return 0;

  g_test_add ("/sockscope/workbench/raw-echo", Fixture, NULL,
              fixture_set_up, test_workbench_raw_echo, fixture_tear_down);
  g_test_add ("/sockscope/workbench/call-details", Fixture, NULL,
              fixture_set_up, test_workbench_call_details, fixture_tear_down);
  g_test_add ("/sockscope/workbench/diff-ticks", Fixture, NULL,
              fixture_set_up, test_workbench_diff_ticks, fixture_tear_down);

  g_test_add ("/sockscope/workbench/custom-subprotocols", Fixture, NULL,
              fixture_set_up, test_workbench_custom_subprotocols, fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
