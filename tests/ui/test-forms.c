/* test-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Publish and Call forms of a connection tab against the demo router: JSON checked while it
 * is typed, a publication acknowledged and its event received, calls with a result, progress, an
 * error and a cancel, and a mock procedure registered in one tab answering calls from another.
 * With SOCK_SHOT_DIR set, it saves screenshots of the forms.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sock-application.h"
#include "sock-connection-page.h"
#include "sock-demo-server.h"
#include "sock-message-detail.h"
#include "sock-message-view.h"
#include "sock-mock-callee.h"
#include "sock-mock-form.h"
#include "sock-publish-form.h"
#include "sock-raw-composer.h"
#include "sock-send-history.h"
#include "sock-send-menu.h"
#include "sock-window.h"
#include "test-forms-util.h"
#include "test-ui-util.h"

static SockApplication *app;

typedef DemoFixture Fixture;

static SockConnectionPage *
open_demo_tab (Fixture *fixture)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);

  g_assert_true (wait_for (page_joined, page));
  return page;
}

static GtkWidget *
find_button (GtkWidget  *form,
             const char *label)
{
  GtkWidget *button = find_widget (form, GTK_TYPE_BUTTON, button_label_is, label);

  g_assert_nonnull (button);
  return button;
}

typedef struct
{
  GtkWidget *widget;
  gboolean   sensitive;
} SensitiveQuery;

static gboolean
sensitive_is (gpointer data)
{
  SensitiveQuery *query = data;

  return gtk_widget_get_sensitive (query->widget) == query->sensitive;
}

static void
test_forms_invalid_json (Fixture       *fixture,
                         gconstpointer  data)
{
  SockConnectionPage *page = sock_window_open_demo (fixture->window, fixture->server);
  GtkWidget *form = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  GtkWidget *publish = find_button (form, "_Publish");
  SockJsonField *args = find_field (form, "Arguments");
  SensitiveQuery enabled = { publish, TRUE };
  SensitiveQuery disabled = { publish, FALSE };

  /* Nothing to publish to before the session is joined. */
  g_assert_false (gtk_widget_get_sensitive (publish));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (publish), ==, "Available once the session is joined");
  g_assert_true (wait_for (page_joined, page));

  set_row_text (form, "Topic", "demo.forms");
  g_assert_true (wait_for (sensitive_is, &enabled));

  /* Checked as it is typed: the error and where it is, and Publish goes grey. */
  sock_json_field_set_text (args, "[1,\n  x]");
  g_assert_true (wait_for_label (form, "unexpected “x” at line 2, column 3", TRUE));
  /* the field's title stands above it: the problem line does not repeat it; the problem does */
  g_assert_true (g_str_has_prefix (sock_json_field_get_problem (args), "Arguments: unexpected “x” at line 2, column 3"));
  save_screenshot (GTK_WIDGET (fixture->window), "forms-invalid-json");
  g_assert_true (wait_for (sensitive_is, &disabled));
  /* Ctrl+Return (the action) does nothing either. */
  gtk_widget_activate_action (form, "publish.send", NULL);
  run_for (100);
  g_assert_null (sock_publish_form_get_status (SOCK_PUBLISH_FORM (form)));

  sock_json_field_set_text (args, "{\"a\": 1}");
  g_assert_true (wait_for_label (form, "must be a JSON array, e.g. [1, \"two\"]", FALSE));
  g_assert_false (gtk_widget_get_sensitive (publish));

  sock_json_field_set_text (find_field (form, "Keyword arguments"), "[1]");
  sock_json_field_set_text (args, "[1, 2]");
  g_assert_true (wait_for_label (form, "must be a JSON object, e.g. {\"a\": 1}", FALSE));
  g_assert_true (wait_for (field_valid, args));
  g_assert_null (find_label (form, "must be a JSON array, e.g. [1, \"two\"]", FALSE));
  g_assert_false (gtk_widget_get_sensitive (publish));

  /* Empty means none. */
  sock_json_field_set_text (find_field (form, "Keyword arguments"), "  ");
  g_assert_true (wait_for (sensitive_is, &enabled));
  g_assert_true (sock_json_field_get_valid (args));

  /* A second value after the first is refused, not dropped; so is a binary string ("\u0000" and
   * base64) whose base64 is broken. */
  sock_json_field_set_text (args, "[\"hello\", 42]{\"from\": \"me\"}");
  g_assert_true (wait_for_label (form, "unexpected text after the array at line 1, column 14", FALSE));
  g_assert_true (wait_for (sensitive_is, &disabled));
  sock_json_field_set_text (args, "[\"\\u0000AQI\"]");
  g_assert_true (wait_for_label (form, "at line 1, column 2 is not valid base64: its 3 base64 characters", TRUE));
  g_assert_false (gtk_widget_get_sensitive (publish));
  sock_json_field_set_text (args, "[1]");
  g_assert_true (wait_for (sensitive_is, &enabled));

  /* The topic is checked as it is typed, and its error goes once it is fixed. */
  set_row_text (form, "Topic", "demo..forms");
  g_assert_true (wait_for_label (form, "the topic “demo..forms” has two dots in a row at character 5", TRUE));
  g_assert_true (wait_for (sensitive_is, &disabled));
  gtk_widget_activate_action (form, "publish.send", NULL);
  run_for (100);
  g_assert_null (sock_publish_form_get_status (SOCK_PUBLISH_FORM (form)));
  set_row_text (form, "Topic", "demo.forms");
  g_assert_true (wait_for (sensitive_is, &enabled));
  g_assert_null (find_label (form, "two dots in a row", TRUE));

  /* The call form checks its procedure the same way. */
  {
    GtkWidget *call = find_form (page, SOCK_TYPE_CALL_FORM);
    SensitiveQuery call_enabled = { find_button (call, "_Call"), TRUE };

    set_row_text (call, "Procedure", "demo add");
    g_assert_true (wait_for_label (call, "the procedure “demo add” contains whitespace", TRUE));
    g_assert_false (gtk_widget_get_sensitive (call_enabled.widget));
    set_row_text (call, "Procedure", "demo.add");
    g_assert_true (wait_for (sensitive_is, &call_enabled));
    g_assert_null (find_label (call, "contains whitespace", TRUE));
  }
}

/* Scrolls the side bar so that the screenshot shows widget. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  run_for (100);
  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
}

static gboolean
strv_has (GStrv       strv,
          const char *text)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, text);
}

static gboolean
subscribed (gpointer data)
{
  g_auto(GStrv) subscriptions = sock_connection_page_dup_subscriptions (data);

  return strv_has (subscriptions, "exact demo.forms");
}

static gboolean
publish_done (gpointer data)
{
  const char *status = sock_publish_form_get_status (data);

  return status != NULL && !g_str_equal (status, "Publishing…");
}

typedef struct
{
  SockMessageLog *log;
  gint64          publication;
} EventQuery;

static gboolean
entry_logged (SockMessageLog *log,
              guint8          type,
              const char     *uri,
              gint64          second_id)
{
  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL)
          && entry.direction == SOCK_LOG_DIRECTION_IN && entry.type == type
          && (uri == NULL || g_strcmp0 (sock_message_log_get_uri (log, entry.uri), uri) == 0)
          && (second_id == 0 || entry.second_id == (guint64) second_id))
        return TRUE;
    }
  return FALSE;
}

/* The router's PUBLISHED (17) with the id shown, and our own EVENT (36) on the topic. */
static gboolean
event_logged (gpointer data)
{
  EventQuery *query = data;

  return entry_logged (query->log, 17, NULL, query->publication)
         && entry_logged (query->log, 36, "demo.forms", 0);
}

static void
test_forms_publish (Fixture       *fixture,
                    gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  GtkWidget *entry = find_widget (GTK_WIDGET (page), GTK_TYPE_ENTRY, placeholder_is,
                                  "Topic, e.g. com.example.news");
  SockMessageView *view = SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page));
  EventQuery query = { sock_message_view_get_log (view), 0 };
  const char *status;

  gtk_editable_set_text (GTK_EDITABLE (entry), "demo.forms");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.subscribe", NULL);
  g_assert_true (wait_for (subscribed, page));

  set_row_text (form, "Topic", "demo.forms");
  sock_json_field_set_text (find_field (form, "Arguments"), "[\"hello\", 42]");
  sock_json_field_set_text (find_field (form, "Keyword arguments"), "{\"from\": \"forms\"}");
  set_switch (form, "Acknowledge", TRUE);
  set_switch (form, "Receive my own event", TRUE);
  g_assert_true (gtk_widget_activate_action (form, "publish.send", NULL));

  g_assert_true (wait_for (publish_done, form));
  status = sock_publish_form_get_status (SOCK_PUBLISH_FORM (form));
  g_assert_true (g_str_has_prefix (status, "Published (id "));
  query.publication = g_ascii_strtoll (status + strlen ("Published (id "), NULL, 10);
  g_assert_cmpint (query.publication, >, 0);
  g_assert_true (wait_for_label (form, status, FALSE));
  g_assert_true (wait_for (event_logged, &query));
  scroll_to (find_button (form, "_Publish"));
  save_screenshot (GTK_WIDGET (fixture->window), "forms-publish");
}

/* The output as compact JSON, to compare with what the procedure returned. */
static char *
dup_output_compact (GtkWidget *form)
{
  g_autofree char *output = sock_call_form_dup_output (SOCK_CALL_FORM (form));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (output);
  json_parser_load_from_data (parser, output, -1, &error);
  g_assert_no_error (error);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
test_forms_call_add (Fixture       *fixture,
                     gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = start_call (page, "demo.add", "[2, 3]", FALSE);
  g_autofree char *output = NULL;

  g_assert_true (wait_for (call_done, form));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Result in "));
  g_assert_true (g_str_has_suffix (sock_call_form_get_status (SOCK_CALL_FORM (form)), " ms"));
  g_assert_true (wait_for_label (form, "Result in ", TRUE));
  output = dup_output_compact (form);
  g_assert_cmpstr (output, ==, "[5]");
}

static void
test_forms_call_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = start_call (page, "demo.slow", "[3]", TRUE);
  g_auto(GStrv) progress = NULL;
  g_autofree char *output = NULL;

  g_assert_true (sock_call_form_get_running (SOCK_CALL_FORM (form)));
  g_assert_true (wait_for (call_done, form));
  progress = sock_call_form_dup_progress (SOCK_CALL_FORM (form));
  g_assert_cmpuint (g_strv_length (progress), ==, 3);
  g_assert_cmpstr (progress[0], ==, "Progress 1: [1]");
  g_assert_cmpstr (progress[2], ==, "Progress 3: [3]");
  g_assert_true (wait_for_label (form, "Progress 2: [2]", FALSE));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Result in "));
  output = dup_output_compact (form);
  g_assert_cmpstr (output, ==, "[3]");
  scroll_to (form);
  save_screenshot (GTK_WIDGET (fixture->window), "forms-call");
}

static void
test_forms_call_fail (Fixture       *fixture,
                      gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = start_call (page, "demo.fail", "", FALSE);
  g_autofree char *output = NULL;

  g_assert_true (wait_for (call_done, form));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Error demo.error.failed after "));
  g_assert_true (wait_for_label (form, "Error demo.error.failed", TRUE));
  scroll_to (form);
  save_screenshot (GTK_WIDGET (fixture->window), "forms-call-error");
  g_assert_true (wait_for_label (form, "Not a standard WAMP error", TRUE));
  output = dup_output_compact (form);
  g_assert_cmpstr (output, ==, "{\"args\":[\"this procedure always fails\"],\"kwargs\":{\"code\":42}}");
}

static gboolean
progress_arrived (gpointer data)
{
  g_auto(GStrv) progress = sock_call_form_dup_progress (data);

  return g_strv_length (progress) > 0;
}

static void
test_forms_call_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = start_call (page, "demo.slow", "[50]", TRUE);

  /* While the call runs, Call has become Cancel. */
  g_assert_true (wait_for (progress_arrived, form));
  g_assert_nonnull (find_widget (form, GTK_TYPE_BUTTON, button_label_is, "C_ancel"));
  g_assert_null (find_widget (form, GTK_TYPE_BUTTON, button_label_is, "_Call"));
  g_assert_true (gtk_widget_activate_action (form, "call.cancel", NULL));

  g_assert_true (wait_for (call_done, form));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Cancelled after "));
  g_assert_true (wait_for_label (form, "Cancelled after ", TRUE));
  g_assert_nonnull (find_widget (form, GTK_TYPE_BUTTON, button_label_is, "_Call"));
  /* The call stopped: no more progress after the cancel. */
  {
    g_auto(GStrv) before = sock_call_form_dup_progress (SOCK_CALL_FORM (form));
    g_auto(GStrv) after = NULL;

    run_for (400);
    after = sock_call_form_dup_progress (SOCK_CALL_FORM (form));
    g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
    g_assert_cmpuint (g_strv_length (after), <, 50);
  }
}

static gboolean
page_open (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Open") == 0;
}

/* A raw session has no router: the WAMP forms are not shown at all (not greyed out), the raw
 * composer is. */
static void
test_forms_raw (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autoptr(GError) error = NULL;
  SockConnectionPage *page;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_RAW);
  g_assert_true (sock_connect_options_validate (options, &error));
  g_assert_no_error (error);
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_open, page));
  run_for (300);

  g_assert_null (find_widget (GTK_WIDGET (page), SOCK_TYPE_PUBLISH_FORM, any_widget, NULL));
  g_assert_null (find_widget (GTK_WIDGET (page), SOCK_TYPE_CALL_FORM, any_widget, NULL));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), SOCK_TYPE_RAW_COMPOSER, any_widget, NULL));
  /* a raw socket has no callees: no mock form at all */
  g_assert_false (gtk_widget_get_visible (find_any (GTK_WIDGET (page), SOCK_TYPE_MOCK_FORM)));
}

static gboolean
published (gpointer data)
{
  const char *status = sock_publish_form_get_status (data);

  return status != NULL && g_str_has_prefix (status, "Published");
}

static gboolean
published_thrice (gpointer data)
{
  const char *status = sock_publish_form_get_status (data);

  return status != NULL && g_str_has_prefix (status, "Published 3 times, every 1 s");
}

/* What was sent comes back from the History button, templates outlive the store (a restart reads
 * the same file), and Repeat Every publishes until Stop. */
static void
test_forms_history_templates (Fixture       *fixture,
                              gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  SockSendMenu *menu = SOCK_SEND_MENU (find_widget (form, SOCK_TYPE_SEND_MENU, any_widget, NULL));
  g_autoptr(SockSendEntry) first = NULL;
  g_autoptr(SockSendHistory) restarted = NULL;
  g_autoptr(SockSendEntry) template = NULL;
  g_autofree char *topic = g_strdup_printf ("test.history.t%d", g_random_int_range (0, 1000000));
  g_autofree char *summary = NULL;
  g_autofree char *args = NULL;
  GListModel *templates;

  set_row_text (form, "Topic", topic);
  sock_json_field_set_text (find_field (form, "Arguments"), "[1,\n 2]");
  g_assert_true (wait_for (field_valid, find_field (form, "Arguments")));
  g_assert_true (gtk_widget_activate_action (form, "publish.send", NULL));
  g_assert_true (wait_for (published, form));

  first = g_list_model_get_item (sock_send_menu_get_recent (menu), 0);
  summary = sock_send_entry_dup_summary (first);
  g_assert_true (g_str_has_suffix (summary, " [1,  2]"));
  g_assert_cmpstr (sock_send_entry_get_uri (first), ==, topic);

  /* picking it fills the form again, as typed */
  set_row_text (form, "Topic", "other.topic");
  sock_json_field_set_text (find_field (form, "Arguments"), "[]");
  sock_send_menu_activate (menu, first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (form, ADW_TYPE_ENTRY_ROW, row_title_is, "Topic"))),
                   ==, topic);
  args = sock_json_field_dup_text (find_field (form, "Arguments"));
  g_assert_cmpstr (args, ==, "[1,\n 2]");

  /* a template, read back by a store that starts afresh */
  sock_send_menu_save_template (menu, topic);
  restarted = sock_send_history_new (NULL);
  templates = sock_send_history_get_templates (restarted, SOCK_SEND_PUBLISH);
  for (guint i = 0; i < g_list_model_get_n_items (templates) && template == NULL; i++)
    {
      g_autoptr(SockSendEntry) entry = g_list_model_get_item (templates, i);

      if (g_strcmp0 (sock_send_entry_get_name (entry), topic) == 0)
        template = g_object_ref (entry);
    }
  g_assert_nonnull (template);
  g_assert_cmpstr (sock_send_entry_get_args (template), ==, "[1,\n 2]");
  g_assert_cmpuint (g_list_model_get_n_items (sock_send_history_get_recent (restarted, NULL, SOCK_SEND_PUBLISH)), ==, 0);

  /* Repeat Every 1 s, then Stop */
  set_spin (form, "Repeat Every", 1);
  g_assert_true (gtk_widget_activate_action (form, "publish.send", NULL));
  g_assert_true (wait_for (published_thrice, form));
  /* Publish gives way to Stop while it repeats */
  g_assert_true (gtk_widget_get_visible (find_button (form, "_Stop")));
  g_assert_true (gtk_widget_activate_action (form, "publish.stop", NULL));
  g_assert_true (g_str_has_prefix (sock_publish_form_get_status (SOCK_PUBLISH_FORM (form)), "Stopped after 3 publications"));
  g_assert_true (gtk_widget_get_visible (find_button (form, "_Publish")));
  for (guint i = 0; i < g_list_model_get_n_items (sock_send_menu_get_templates (menu)); i++)
    {
      g_autoptr(SockSendEntry) entry = g_list_model_get_item (sock_send_menu_get_templates (menu), i);

      if (g_strcmp0 (sock_send_entry_get_name (entry), topic) == 0)
        {
          sock_send_history_remove_template (sock_send_history_get_default (), entry);
          break;
        }
    }
}

/* The sequence number of the last record of that type in the tab's log, or 0. */
static guint64
last_seq_of (SockConnectionPage *page,
             guint8              type)
{
  SockMessageLog *log = sock_connection_get_log (sock_connection_page_get_connection (page));
  guint64 found = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.kind == SOCK_LOG_KIND_WAMP2
          && entry.type == type)
        found = seq;
    }
  return found;
}

static gboolean
has_event (gpointer data)
{
  return last_seq_of (data, SOCK_WAMP_EVENT) > 0;
}

/* Call Again and Publish Again from a logged message fill the forms with what it carried. */
static void
test_forms_send_again (Fixture       *fixture,
                       gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *call = start_call (page, "demo.add", "[2, 3]", FALSE);
  GtkWidget *publish = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  g_autofree char *args = NULL;
  g_autofree char *event_args = NULL;
  GtkWidget *detail;
  guint64 seq;

  g_assert_true (wait_for (call_done, call));
  seq = last_seq_of (page, SOCK_WAMP_CALL);
  g_assert_cmpuint (seq, >, 0);
  set_row_text (call, "Procedure", "something.else");
  sock_json_field_set_text (find_field (call, "Arguments"), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.send-again", "t", seq));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (call, ADW_TYPE_ENTRY_ROW, row_title_is,
                                                                     "Procedure"))), ==, "demo.add");
  args = sock_json_field_dup_text (find_field (call, "Arguments"));
  g_assert_cmpstr (args, ==, "[2,3]");

  /* an event received becomes a publication on its topic: from the detail pane's menu */
  g_assert_true (wait_for (has_event, page));
  seq = last_seq_of (page, SOCK_WAMP_EVENT);
  detail = find_any (GTK_WIDGET (page), SOCK_TYPE_MESSAGE_DETAIL);
  g_assert_nonnull (detail);
  g_assert_true (sock_message_detail_show (SOCK_MESSAGE_DETAIL (detail),
                                           sock_connection_get_log (sock_connection_page_get_connection (page)), seq));
  g_assert_true (gtk_widget_activate_action (detail, "detail.send-again", NULL));
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (find_widget (publish, ADW_TYPE_ENTRY_ROW,
                                                                                    row_title_is, "Topic"))),
                                   "demo."));
  event_args = sock_json_field_dup_text (find_field (publish, "Arguments"));
  g_assert_true (g_str_has_prefix (event_args, "["));

  /* a record that is neither does nothing */
  set_row_text (publish, "Topic", "kept.as.is");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.send-again", "t", last_seq_of (page, SOCK_WAMP_WELCOME)));
  /* and the detail pane does not offer it */
  g_assert_true (sock_message_detail_show (SOCK_MESSAGE_DETAIL (detail),
                                           sock_connection_get_log (sock_connection_page_get_connection (page)),
                                           last_seq_of (page, SOCK_WAMP_WELCOME)));
  gtk_widget_activate_action (detail, "detail.send-again", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (publish, ADW_TYPE_ENTRY_ROW, row_title_is,
                                                                     "Topic"))), ==, "kept.as.is");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (publish, ADW_TYPE_ENTRY_ROW, row_title_is,
                                                                     "Topic"))), ==, "kept.as.is");
}

/* Format indents valid JSON and keeps every number as typed; invalid JSON is left alone. */
static void
test_forms_format_json (Fixture       *fixture,
                        gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  GtkWidget *form = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  SockJsonField *args = find_field (form, "Arguments");
  GtkWidget *format = find_widget (GTK_WIDGET (args), GTK_TYPE_BUTTON, button_label_is, "_Format");
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;

  g_assert_nonnull (format);
  sock_json_field_set_text (args, "[1,2.50,{\"a\":1e3,\"b\":[12345678901234567890]}]");
  g_signal_emit_by_name (format, "clicked");
  text = sock_json_field_dup_text (args);
  g_assert_cmpstr (text, ==, "[\n  1,\n  2.50,\n  {\n    \"a\": 1e3,\n    \"b\": [\n      12345678901234567890\n    ]\n  }\n]");

  sock_json_field_set_text (args, "[1, x]");
  g_assert_false (sock_json_field_format (args));
  broken = sock_json_field_dup_text (args);
  g_assert_cmpstr (broken, ==, "[1, x]");
  g_assert_false (sock_json_field_get_valid (args));
}

static gboolean
mock_status_is (gpointer data)
{
  const char *status = sock_mock_form_get_status (data);

  return status != NULL && (g_str_has_prefix (status, "Registered ") || g_str_has_prefix (status, "Not registered"));
}

static GtkWidget *
register_mock (SockConnectionPage *page,
               const char         *procedure,
               guint               match,
               const char         *error_uri,
               const char         *args)
{
  GtkWidget *form = find_form (page, SOCK_TYPE_MOCK_FORM);
  GtkWidget *match_row = find_widget (form, ADW_TYPE_COMBO_ROW, row_title_is, "Match");
  GtkWidget *answer_row = find_widget (form, ADW_TYPE_COMBO_ROW, row_title_is, "Answer With");

  g_assert_true (gtk_widget_get_visible (form));
  set_row_text (form, "Procedure", procedure);
  adw_combo_row_set_selected (ADW_COMBO_ROW (match_row), match);
  adw_combo_row_set_selected (ADW_COMBO_ROW (answer_row), error_uri != NULL);
  if (error_uri != NULL)
    set_row_text (form, "Error URI", error_uri);
  sock_json_field_set_text (find_field (form, "Arguments"), args);
  g_assert_true (wait_for (field_valid, find_field (form, "Arguments")));
  g_assert_true (gtk_widget_activate_action (form, "mock.register", NULL));
  g_assert_true (wait_for (mock_status_is, form));
  return form;
}

/* A mock registered in one tab answers a call made from another, lists the call with its
 * arguments, answers errors for a prefix, and once unregistered is gone from the router. */
static void
test_forms_mock_callee (Fixture       *fixture,
                        gconstpointer  data)
{
  SockConnectionPage *callee = open_demo_tab (fixture);
  GtkWidget *mock_form = register_mock (callee, "test.ui.mock.hello", 0, NULL, "[\"hi\", 7]");
  SockConnectionPage *caller = open_demo_tab (fixture);
  GListModel *mocks = sock_mock_form_get_mocks (SOCK_MOCK_FORM (mock_form));
  g_autoptr(SockMockCallee) mock = NULL;
  GtkWidget *call;
  GtkWidget *unregister;
  g_autofree char *output = NULL;

  g_assert_cmpstr (sock_mock_form_get_status (SOCK_MOCK_FORM (mock_form)), ==, "Registered test.ui.mock.hello");
  g_assert_cmpuint (g_list_model_get_n_items (mocks), ==, 1);
  mock = g_list_model_get_item (mocks, 0);

  call = start_call (caller, "test.ui.mock.hello", "[1, {\"x\": true}]", FALSE);
  g_assert_true (wait_for (call_done, call));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (call)), "Result in "));
  output = dup_output_compact (call);
  g_assert_cmpstr (output, ==, "[\"hi\",7]");
  g_assert_cmpuint (sock_mock_callee_get_n_invocations (mock), ==, 1);

  /* a prefix mock answering an error */
  select_tab (callee);
  register_mock (callee, "test.ui.busy.", 1, "app.error.busy", "[\"try later\"]");
  g_assert_cmpuint (g_list_model_get_n_items (mocks), ==, 2);
  select_tab (caller);
  start_call (caller, "test.ui.busy.anything", "[]", FALSE);
  g_assert_true (wait_for (call_done, call));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (call)), "Error app.error.busy"));

  /* the callee's tab lists the call with what the caller sent */
  select_tab (callee);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_widget (mock_form, ADW_TYPE_EXPANDER_ROW, row_title_is,
                                                                "test.ui.mock.hello")), TRUE);
  g_assert_true (wait_for_label (mock_form, "[1,{\"x\":true}] · Answered with a result", FALSE));
  scroll_to (find_widget (mock_form, ADW_TYPE_EXPANDER_ROW, row_title_is, "test.ui.busy."));
  save_screenshot (GTK_WIDGET (fixture->window), "forms-mock");

  /* Unregister, by its button */
  unregister = find_widget (mock_form, GTK_TYPE_BUTTON, tooltip_text_is, "Unregister");
  g_assert_nonnull (unregister);
  g_signal_emit_by_name (unregister, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (mocks), ==, 1);
  g_assert_true (g_str_has_prefix (sock_mock_form_get_status (SOCK_MOCK_FORM (mock_form)), "Unregistered "));
  run_for (300);
  select_tab (caller);
  start_call (caller, "test.ui.mock.hello", "[]", FALSE);
  g_assert_true (wait_for (call_done, call));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (call)),
                                   "Error wamp.error.no_such_procedure"));
}

static void
mock_registered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(gboolean *) user_data = sock_mock_callee_register_finish (SOCK_MOCK_CALLEE (object), result, NULL);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A call with 130 progressive results shows the latest 100 and counts the others; the result is
 * scrolled into view. */
static void
test_forms_call_many_progress (Fixture       *fixture,
                               gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  g_autoptr(SockMockCallee) mock = sock_mock_callee_new ("test.ui.chatty", SOCK_MATCH_EXACT);
  g_autoptr(JsonArray) args = json_array_new ();
  gboolean registered = FALSE;
  GtkWidget *form;
  g_auto(GStrv) progress = NULL;

  json_array_add_string_element (args, "done");
  sock_mock_callee_set_result (mock, args, NULL);
  sock_mock_callee_set_n_progress (mock, 130);
  sock_mock_callee_set_delay (mock, 650);
  sock_mock_callee_register_async (mock, sock_connection_page_get_connection (page), NULL, mock_registered_cb,
                                   &registered);
  g_assert_true (wait_for (flag_set, &registered));

  form = start_call (page, "test.ui.chatty", "[]", TRUE);
  g_assert_true (wait_for (call_done, form));
  g_assert_true (g_str_has_prefix (sock_call_form_get_status (SOCK_CALL_FORM (form)), "Result in "));
  progress = sock_call_form_dup_progress (SOCK_CALL_FORM (form));
  g_assert_cmpuint (g_strv_length (progress), ==, 100);
  g_assert_cmpstr (progress[0], ==, "Progress 31: [31,130]");
  g_assert_cmpstr (progress[99], ==, "Progress 130: [130,130]");
  g_assert_true (wait_for_label (form, "30 earlier progress results not shown", FALSE));
  sock_mock_callee_unregister (mock);
}

/* The action Ctrl+Return runs in form, taken before an editor would insert a new line. */
static char *
dup_ctrl_return_action (GtkWidget *form)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (form);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) != GTK_PHASE_CAPTURE)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (action)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Return
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

static gboolean
shortcut_title_is (GtkWidget  *widget,
                   const char *text)
{
  g_autofree char *title = NULL;
  g_autofree char *accelerator = NULL;

  g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
  return g_strcmp0 (title, text) == 0 && g_strcmp0 (accelerator, "<Control>Return") == 0;
}

/* Ctrl+Return publishes or calls, and the shortcuts window says so. */
static void
test_forms_shortcuts (Fixture       *fixture,
                      gconstpointer  data)
{
  SockConnectionPage *page = open_demo_tab (fixture);
  g_autofree char *publish = dup_ctrl_return_action (find_form (page, SOCK_TYPE_PUBLISH_FORM));
  g_autofree char *call = dup_ctrl_return_action (find_form (page, SOCK_TYPE_CALL_FORM));
  GtkShortcutsWindow *overlay;

  g_assert_cmpstr (publish, ==, "publish.send");
  g_assert_cmpstr (call, ==, "call.run");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_true (wait_for (widget_mapped, overlay));
  g_assert_nonnull (find_widget (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcut_title_is,
                                 "Publish, or call, from the form being edited"));
  gtk_window_close (GTK_WINDOW (overlay));
}

/* Over MessagePack the forms send what was typed: binary and 2^64 - 1 published and echoed
 * exactly, and an integer MessagePack cannot hold refused in words before anything is sent. */
static void
test_forms_msgpack_exact (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char exact[] = "[\"\\u0000AQID/w==\", 18446744073709551615]";
  g_autofree char *url = sock_demo_server_dup_wamp_url (fixture->server);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  g_autofree char *output = NULL;
  SockConnectionPage *page;
  SockMessageLog *log;
  GtkWidget *form;
  GtkWidget *call;
  const char *status;
  guint64 published;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (fixture->window, options);
  g_assert_true (wait_for (page_joined, page));
  log = sock_message_view_get_log (SOCK_MESSAGE_VIEW (sock_connection_page_get_message_view (page)));

  form = find_form (page, SOCK_TYPE_PUBLISH_FORM);
  set_row_text (form, "Topic", "demo.forms");
  sock_json_field_set_text (find_field (form, "Arguments"), exact);
  set_switch (form, "Acknowledge", TRUE);
  g_assert_true (gtk_widget_activate_action (form, "publish.send", NULL));
  g_assert_true (wait_for (publish_done, form));
  g_assert_true (g_str_has_prefix (sock_publish_form_get_status (SOCK_PUBLISH_FORM (form)), "Published (id "));
  published = sock_message_log_get_end_seq (log);

  sock_json_field_set_text (find_field (form, "Arguments"), "[12345678901234567890123]");
  g_assert_true (gtk_widget_activate_action (form, "publish.send", NULL));
  g_assert_true (wait_for (publish_done, form));
  status = sock_publish_form_get_status (SOCK_PUBLISH_FORM (form));
  g_assert_nonnull (strstr (status, "the integer 12345678901234567890123 at line 1, column 2 does not fit in "
                                    "MessagePack"));
  /* nothing went out */
  run_for (200);
  g_assert_cmpuint (sock_message_log_get_end_seq (log), ==, published);

  call = start_call (page, "demo.echo", exact, FALSE);
  g_assert_true (wait_for (call_done, call));
  output = sock_call_form_dup_output (SOCK_CALL_FORM (call));
  g_assert_nonnull (strstr (output, "\"\\u0000AQID/w==\""));
  g_assert_nonnull (strstr (output, "18446744073709551615"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    return 0;

  g_test_add ("/sockscope/forms/invalid-json", Fixture, NULL,
              demo_fixture_set_up, test_forms_invalid_json, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/publish", Fixture, NULL,
              demo_fixture_set_up, test_forms_publish, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/call-add", Fixture, NULL,
              demo_fixture_set_up, test_forms_call_add, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/call-progress", Fixture, NULL,
              demo_fixture_set_up, test_forms_call_progress, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/call-fail", Fixture, NULL,
              demo_fixture_set_up, test_forms_call_fail, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/shortcuts", Fixture, NULL,
              demo_fixture_set_up, test_forms_shortcuts, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/raw", Fixture, NULL,
              demo_fixture_set_up, test_forms_raw, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/call-cancel", Fixture, NULL,
              demo_fixture_set_up, test_forms_call_cancel, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/mock-callee", Fixture, NULL,
              demo_fixture_set_up, test_forms_mock_callee, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/history-templates", Fixture, NULL,
              demo_fixture_set_up, test_forms_history_templates, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/send-again", Fixture, NULL,
              demo_fixture_set_up, test_forms_send_again, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/format-json", Fixture, NULL,
              demo_fixture_set_up, test_forms_format_json, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/call-many-progress", Fixture, NULL,
              demo_fixture_set_up, test_forms_call_many_progress, demo_fixture_tear_down);
  g_test_add ("/sockscope/forms/msgpack-exact", Fixture, NULL,
              demo_fixture_set_up, test_forms_msgpack_exact, demo_fixture_tear_down);

  ret = g_test_run ();
  ui_test_finish (&app);

  return ret;
}
