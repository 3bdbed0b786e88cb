/* test-message-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view under a real display (Xvfb in CI): a log fed by the test, the view driven
 * through its actions and checked by what it shows. With SOCK_SHOT_DIR set, it also saves
 * screenshots of each state there.
 */

#include "config.h"

#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sock-wamp-message.h"
#include "test-message-view-util.h"

static void
test_message_view_rows_arrive (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *column_view = find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  g_assert_true (shows_line (f, "No Messages Yet"));
  screenshot (f, "empty");

  feed (f->log, 1000);
  g_assert_cmpuint (n_rows (f), ==, 0);
  run_frames (f, 3);
  g_assert_cmpuint (n_rows (f), ==, 1000);
  g_assert_false (shows_line (f, "No Messages Yet"));
  g_assert_true (shows_line (f, "EVENT"));
  g_assert_true (shows_line (f, "PUBLISH"));
  g_assert_true (shows_line (f, topics[0]));
  /* A long URI keeps its start and its most specific end. */
  g_assert_false (shows_line (f, topics[2]));
  g_assert_true (shows_text (f, "\ncom.example."));
  g_assert_true (shows_text (f, "…"));
  g_assert_true (shows_text (f, ".temperature\n"));
  g_assert_true (shows_line (f, "↓"));
  g_assert_true (shows_line (f, "1,000 messages") || shows_line (f, "1000 messages"));
  /* Following: the newest row is on screen. */
  g_assert_true (shows_text (f, "\"seq\":998}\n"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >=,
                     gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1);
  screenshot (f, "flowing");

  /* Scrolling up by hand stops following; "Jump to Newest" starts it again. */
  gtk_adjustment_set_value (adj, 0);
  g_assert_false (sock_message_view_get_follow (f->view));
  feed (f->log, 100);
  run_frames (f, 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), <, 100);
  g_assert_true (shows_line (f, "Jump to Newest"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.follow", NULL));
  run_frames (f, 3);
  g_assert_true (sock_message_view_get_follow (f->view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >=,
                     gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1);
  g_assert_false (shows_line (f, "Jump to Newest"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.clear", NULL));
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_cmpuint (sock_message_log_get_n_retained (f->log), ==, 0);
  g_assert_true (shows_line (f, "No Messages Yet"));
}

static void
test_message_view_filter (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *entry = find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *regex = NULL;
  GtkWidget *dropdown = find_type (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN);

  feed (f->log, 300);
  run_frames (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.find", NULL));
  run_frames (f, 2);
  g_assert_true (gtk_widget_get_mapped (entry));

  set_filter_text (f, "CHAT.ROOM");
  g_assert_cmpuint (n_rows (f), ==, 100);
  assert_all_rows (f, topics[1], -1);
  g_assert_true (shows_line (f, "100 of 300 messages") || shows_text (f, "100 of 300"));
  g_assert_false (shows_line (f, topics[0]));

  /* The stream goes on: matching rows keep arriving. */
  feed (f->log, 30);
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 110);
  screenshot (f, "filtered");

  /* A bad pattern marks the entry and shows no rows (test-message-view-place.c has more). */
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (entry)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_TOGGLE_BUTTON (w))
      regex = w;
  g_assert_nonnull (regex);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (regex), TRUE);
  set_filter_text (f, "ticker\\.eurusd$");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (n_rows (f), ==, 110);
  assert_all_rows (f, topics[0], -1);
  gtk_editable_insert_text (GTK_EDITABLE (entry), "|([", -1, (int[]) { 100 });
  g_signal_emit_by_name (entry, "search-changed");
  run_frames (f, 2);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (entry), "regular expression"));
  g_assert_cmpuint (n_rows (f), ==, 0);

  /* Direction: only what was sent. */
  set_filter_text (f, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 66);
  assert_all_rows (f, NULL, SOCK_LOG_DIRECTION_OUT);

  /* Types: the menu offers the types present; checking one shows only those. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  {
    GtkWidget *types = find_menu_button (GTK_WIDGET (f->view), "All Types");
    GtkPopover *popover;

    g_assert_nonnull (types);
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (types));
    gtk_menu_button_popup (GTK_MENU_BUTTON (types));
    run_frames (f, 2);
    g_assert_nonnull (find_check (GTK_WIDGET (popover), "EVENT"));
    g_assert_null (find_check (GTK_WIDGET (popover), "CALL"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (popover), "PUBLISH")), TRUE);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (types));
    run_frames (f, 2);
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (types)), ==, "1 Type");
    g_assert_cmpuint (n_rows (f), ==, 66);
    assert_all_rows (f, NULL, SOCK_LOG_DIRECTION_OUT);
    g_assert_true (shows_line (f, "PUBLISH"));
    g_assert_false (shows_line (f, "EVENT"));
  }

  /* Nothing matches: say so. */
  set_filter_text (f, "no-such-topic");
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (shows_line (f, "No Matching Messages"));

  /* Closing the bar shows every row again. */
  g_object_set (find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_BAR), "search-mode-enabled", FALSE, NULL);
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 330);
}

static void
test_message_view_pause (Fixture       *f,
                         gconstpointer  data)
{
  SockMessageList *list = sock_message_view_get_list (f->view);

  feed (f->log, 200);
  run_frames (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.pause", NULL));
  g_assert_true (sock_message_view_get_paused (f->view));

  feed (f->log, 57);
  run_frames (f, 4);
  g_assert_cmpuint (n_rows (f), ==, 200);
  g_assert_cmpuint (sock_message_list_get_seq (list, 199), ==, 199);
  g_assert_cmpuint (sock_message_view_get_n_new (f->view), ==, 57);
  g_assert_true (shows_line (f, "Paused · 57 new"));
  g_assert_cmpuint (sock_message_log_get_end_seq (f->log), ==, 257);
  screenshot (f, "paused");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.pause", NULL));
  g_assert_false (sock_message_view_get_paused (f->view));
  g_assert_cmpuint (n_rows (f), ==, 257);
  run_frames (f, 2);
  g_assert_false (shows_text (f, "new\n"));
}

static void
append_long_result (SockMessageLog *log)
{
  g_autoptr(GString) json = g_string_new ("[50,7814135,{},[");
  SockLogEntry e = { 0 };

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"name\":\"sensor \\\"β\\\" %u\",\"ok\":%s,"
                            "\"readings\":[%u.5,%u.25,null],\"tags\":{\"floor\":%u}}",
                            i > 0 ? "," : "", i, i, i % 2 ? "true" : "false", i, i * 2, i % 7);
  g_string_append (json, "]]");
  e.time_us = g_get_real_time ();
  e.direction = SOCK_LOG_DIRECTION_IN;
  e.kind = SOCK_LOG_KIND_WAMP2;
  e.type = SOCK_WAMP_RESULT;
  e.request_id = 7814135;
  sock_message_log_append (log, &e, (const guint8 *) json->str, json->len);
}

static void
test_message_view_detail (Fixture       *f,
                          gconstpointer  data)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (find_type (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *selection = gtk_column_view_get_model (column_view);
  g_autofree char *pretty = NULL;
  g_autofree char *hex = NULL;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;

  feed (f->log, 40);
  append_binary (f->log);
  append_long_result (f->log);
  run_frames (f, 2);

  gtk_selection_model_select_item (selection, 3, TRUE);
  run_frames (f, 2);
  g_assert_true (shows_line (f, "Message 4"));
  g_assert_true (shows_line (f, topics[0]));
  pretty = buffer_text (find_named (GTK_WIDGET (f->view), "pretty-view"));
  g_assert_cmpstr (pretty, ==,
                   "[\n  36,\n  5512315355,\n  4429313569,\n  {},\n  [\n    \"tick\",\n"
                   "    3\n  ],\n  {\n    \"price\": 1.083,\n    \"seq\": 3\n  }\n]");
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (
                     GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
                       find_named (GTK_WIDGET (f->view), "pretty-view")))))), ==, "json");
  screenshot (f, "detail");
  if (g_getenv ("SOCK_SHOT_DIR") != NULL)
    {
      AdwStyleManager *style = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      screenshot (f, "detail-dark");
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "detail.copy", NULL) ||
                 gtk_widget_activate_action (find_named (GTK_WIDGET (f->view), "pretty-view"),
                                             "detail.copy", NULL));
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (f->view)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==,
                   "[36,5512315355,4429313569,{},[\"tick\",3],{\"price\":1.083,\"seq\":3}]");
  g_value_unset (&value);

  /* As a JSON Line: the record as a recording holds it. */
  g_assert_true (gtk_widget_activate_action (find_named (GTK_WIDGET (f->view), "pretty-view"),
                                             "detail.copy-json-line", NULL));
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (f->view)));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *line;

    g_assert_null (strchr (g_value_get_string (&value), '\n'));
    g_assert_true (json_parser_load_from_data (parser, g_value_get_string (&value), -1, NULL));
    line = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (line, "dir"), ==, "in");
    g_assert_cmpstr (json_object_get_string_member (line, "kind"), ==, "wamp2");
    g_assert_cmpint (json_object_get_int_member (line, "type"), ==, 36);
    g_assert_cmpstr (json_object_get_string_member (line, "uri"), ==, topics[0]);
    g_assert_cmpstr (json_object_get_string_member (line, "payload"), ==,
                     "[36,5512315355,4429313569,{},[\"tick\",3],{\"price\":1.083,\"seq\":3}]");
  }
  g_value_unset (&value);

  /* A binary frame shows as hex. */
  gtk_selection_model_select_item (selection, 40, TRUE);
  run_frames (f, 2);
  hex = buffer_text (find_named (GTK_WIDGET (f->view), "hex-view"));
  g_assert_true (g_str_has_prefix (hex, "00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |"));
  g_assert_true (shows_line (f, "BINARY"));
  screenshot (f, "binary");

  /* A long result: every element on its own line, the text kept as sent. */
  gtk_selection_model_select_item (selection, 41, TRUE);
  run_frames (f, 2);
  g_free (pretty);
  pretty = buffer_text (find_named (GTK_WIDGET (f->view), "pretty-view"));
  g_assert_true (g_str_has_prefix (pretty, "[\n  50,\n  7814135,\n  {},\n  [\n    {\n      \"id\": 0,\n"));
  g_assert_nonnull (strstr (pretty, "\"name\": \"sensor \\\"β\\\" 19\",\n"));
  g_assert_true (shows_line (f, "RESULT"));
  g_assert_true (shows_line (f, "Request ID"));
  g_assert_true (shows_line (f, "7814135"));
  screenshot (f, "detail-long");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.close-detail", NULL));
  run_frames (f, 1);
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (f->view), "pretty-view")) &&
                  gtk_widget_get_mapped (find_named (GTK_WIDGET (f->view), "pretty-view")));
}

/* The tooltip over the label that reads text (the "N dropped" indicator says where to go). */
static const char *
dropped_tooltip (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return gtk_widget_get_tooltip_text (gtk_widget_get_parent (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = dropped_tooltip (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_message_view_dropped (Fixture       *f,
                           gconstpointer  data)
{
  sock_message_log_set_max_messages (f->log, 1000);
  feed (f->log, 900);
  run_frames (f, 2);
  g_assert_false (shows_text (f, "dropped"));

  feed (f->log, 300);
  run_frames (f, 2);
  g_assert_cmpuint (sock_message_log_get_dropped (f->log), >, 0);
  {
    g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT " dropped",
                                             sock_message_log_get_dropped (f->log));

    g_assert_true (shows_line (f, line));
    g_assert_nonnull (strstr (dropped_tooltip (GTK_WIDGET (f->view), line),
                              "Raise them in Preferences › Message Log"));
  }
  g_assert_cmpuint (n_rows (f), ==, sock_message_log_get_n_retained (f->log));
}


int
main (int   argc,
      char *argv[])
{
  if (!message_view_test_init (&argc, &argv))
    return 0;

#define ADD(name) g_test_add ("/sockscope/message-view/" #name, Fixture, NULL, \
                              fixture_set_up, test_message_view_##name, fixture_tear_down)
  ADD (rows_arrive);
  ADD (filter);
  ADD (pause);
  ADD (detail);
  ADD (dropped);
#undef ADD

  return g_test_run ();
}

