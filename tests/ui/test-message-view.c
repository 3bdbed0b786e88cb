/* test-message-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view under a real display (Xvfb in CI): a log fed by the test, the view driven
 * through its actions and checked by what it shows. With SOCK_SHOT_DIR set, it also saves
 * screenshots of each state there.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "sock-message-view.h"
#include "sock-wamp-message.h"

#define WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef struct
{
  GtkWindow *window;
  SockMessageView *view;
  SockMessageLog *log;
  char *tmpdir;
} Fixture;

static const char *topics[] = {
  "com.example.ticker.eurusd",
  "com.example.chat.room.general",
  "com.example.very.long.namespace.for.telemetry.sensors.building42.floor7.room712.temperature",
};

static guint64
append_event (SockMessageLog *log,
              guint           topic,
              guint           i,
              SockLogDirection direction)
{
  SockLogEntry e = { 0 };
  g_autofree char *payload = NULL;

  if (direction == SOCK_LOG_DIRECTION_OUT)
    payload = g_strdup_printf ("[16,%u,{},\"%s\",[\"hello\",%u]]", 1000 + i, topics[topic], i);
  else
    payload = g_strdup_printf ("[36,5512315355,%" G_GUINT64_FORMAT ",{},[\"tick\",%u],"
                               "{\"price\":1.08%u,\"seq\":%u}]",
                               G_GUINT64_CONSTANT (4429313566) + i, i, i % 10, i);
  e.time_us = g_get_real_time ();
  e.direction = direction;
  e.kind = SOCK_LOG_KIND_WAMP2;
  e.type = direction == SOCK_LOG_DIRECTION_OUT ? SOCK_WAMP_PUBLISH : SOCK_WAMP_EVENT;
  e.request_id = direction == SOCK_LOG_DIRECTION_OUT ? 1000 + i : 0;
  e.uri = sock_message_log_intern_uri (log, topics[topic], -1);
  return sock_message_log_append (log, &e, (const guint8 *) payload, strlen (payload));
}

static void
feed (SockMessageLog *log,
      guint           n)
{
  for (guint i = 0; i < n; i++)
    append_event (log, i % G_N_ELEMENTS (topics), i,
                  i % 5 == 4 ? SOCK_LOG_DIRECTION_OUT : SOCK_LOG_DIRECTION_IN);
}

static guint64
append_binary (SockMessageLog *log)
{
  SockLogEntry e = { 0 };
  guint8 data[40];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 7);
  e.time_us = g_get_real_time ();
  e.direction = SOCK_LOG_DIRECTION_IN;
  e.kind = SOCK_LOG_KIND_BINARY;
  e.flags = SOCK_LOG_FLAG_BINARY;
  return sock_message_log_append (log, &e, data, sizeof data);
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

/* Lets the view run n frames: its tick callback is what brings new rows in. */
static void
run_frames (Fixture *f,
            guint    n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  guint frames = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &frames);
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (frames, >=, n);
}

static void
wait_not_busy (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (sock_message_view_get_busy (f->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sock_message_view_get_busy (f->view));
  run_frames (f, 2);
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

/* Every text on screen, one a line: what a user can read. */
static char *
screen_text (Fixture *f)
{
  GString *out = g_string_new ("\n");

  collect_texts (GTK_WIDGET (f->window), out);
  return g_string_free (out, FALSE);
}

static gboolean
shows_line (Fixture    *f,
            const char *line)
{
  g_autofree char *text = screen_text (f);
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);

  return strstr (text, needle) != NULL;
}

static gboolean
shows_text (Fixture    *f,
            const char *part)
{
  g_autofree char *text = screen_text (f);

  return strstr (text, part) != NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_menu_button (GtkWidget  *widget,
                  const char *label)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_menu_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
buffer_text (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("SOCK_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  run_frames (f, 3);
  w = gtk_widget_get_width (GTK_WIDGET (f->window));
  h = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->log = sock_message_log_new ();
  f->view = SOCK_MESSAGE_VIEW (sock_message_view_new ());
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 720);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  sock_message_view_set_log (f->view, f->log);
  gtk_window_present (f->window);
  f->tmpdir = g_dir_make_tmp ("test-message-view-XXXXXX", NULL);
  run_frames (f, 2);
}

static void
remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->log);
  remove_tmpdir (f->tmpdir);
  g_free (f->tmpdir);
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (f->view)));
}

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
  g_assert_true (shows_line (f, topics[1]));
  g_assert_true (shows_line (f, "↓"));
  g_assert_true (shows_line (f, "1,000 messages") || shows_line (f, "1000 messages"));
  /* Following: the newest row is on screen. */
  g_assert_true (shows_text (f, "\"seq\":998}]"));
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
set_filter_text (Fixture    *f,
                 const char *text)
{
  GtkWidget *entry = find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  run_frames (f, 2);
}

static void
assert_all_rows (Fixture    *f,
                 const char *uri,
                 int         direction)
{
  SockMessageList *list = sock_message_view_get_list (f->view);

  for (guint i = 0; i < n_rows (f); i++)
    {
      SockLogEntry e;

      g_assert_true (sock_message_log_peek (f->log, sock_message_list_get_seq (list, i), &e, NULL, NULL));
      if (uri != NULL)
        g_assert_cmpstr (sock_message_log_get_uri (f->log, e.uri), ==, uri);
      if (direction >= 0)
        g_assert_cmpint (e.direction, ==, direction);
    }
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

  /* A bad pattern marks the entry and keeps the last good rows. */
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
  g_assert_cmpuint (n_rows (f), ==, 110);
  assert_all_rows (f, topics[0], -1);

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

  /* A binary frame shows as hex. */
  gtk_selection_model_select_item (selection, 40, TRUE);
  run_frames (f, 2);
  hex = buffer_text (find_named (GTK_WIDGET (f->view), "hex-view"));
  g_assert_true (g_str_has_prefix (hex, "00000000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  |"));
  g_assert_true (shows_line (f, "BINARY"));
  screenshot (f, "binary");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.close-detail", NULL));
  run_frames (f, 1);
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (f->view), "pretty-view")) &&
                  gtk_widget_get_mapped (find_named (GTK_WIDGET (f->view), "pretty-view")));
}

/* Both logs hold the same messages: fields, URIs and payload bytes. */
static void
assert_same_logs (SockMessageLog *a,
                  SockMessageLog *b)
{
  guint64 sa = sock_message_log_get_first_seq (a), sb = sock_message_log_get_first_seq (b);

  g_assert_cmpuint (sock_message_log_get_n_retained (a), ==, sock_message_log_get_n_retained (b));
  for (guint i = 0; i < sock_message_log_get_n_retained (a); i++)
    {
      SockLogEntry ea, eb;
      const guint8 *ra, *rb;
      gsize la, lb;

      g_assert_true (sock_message_log_peek (a, sa + i, &ea, &ra, &la));
      g_assert_true (sock_message_log_peek (b, sb + i, &eb, &rb, &lb));
      g_assert_cmpint (ea.time_us, ==, eb.time_us);
      g_assert_cmpuint (ea.request_id, ==, eb.request_id);
      g_assert_cmpuint (ea.second_id, ==, eb.second_id);
      g_assert_cmpuint (ea.size, ==, eb.size);
      g_assert_cmpuint (ea.direction, ==, eb.direction);
      g_assert_cmpuint (ea.kind, ==, eb.kind);
      g_assert_cmpuint (ea.type, ==, eb.type);
      g_assert_cmpuint (ea.flags, ==, eb.flags);
      g_assert_cmpstr (sock_message_log_get_uri (a, ea.uri), ==, sock_message_log_get_uri (b, eb.uri));
      g_assert_cmpmem (ra, la, rb, lb);
    }
}

static GFile *
tmp_file (Fixture    *f,
          const char *name)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

static void
test_message_view_export_reopen (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = tmp_file (f, "all.jsonl");
  SockLogEntry e = { .time_us = 1767323045678123, .direction = SOCK_LOG_DIRECTION_IN,
                     .kind = SOCK_LOG_KIND_TEXT };
  const char *odd = "line one\nline \"two\"\t\\ é ✓";

  feed (f->log, 117);
  append_binary (f->log);
  sock_message_log_append (f->log, &e, (const guint8 *) odd, strlen (odd));
  sock_message_log_append_marker (f->log, "reconnected: 3 messages may be missing");
  run_frames (f, 2);

  sock_message_view_export_to_file (f->view, file, FALSE);
  wait_not_busy (f);
  g_assert_true (shows_text (f, "Exported 120 messages to “all.jsonl”"));

  sock_message_view_open_file (f->view, file);
  wait_not_busy (f);
  g_assert_true (sock_message_view_get_log (f->view) != f->log);
  g_assert_true (g_file_equal (sock_message_view_get_offline_file (f->view), file));
  g_assert_true (shows_line (f, "Viewing “all.jsonl” (offline)"));
  g_assert_cmpuint (n_rows (f), ==, 120);
  assert_same_logs (f->log, sock_message_view_get_log (f->view));
  screenshot (f, "offline");

  /* Back to the live log, which went on meanwhile. */
  feed (f->log, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.close-offline", NULL));
  run_frames (f, 2);
  g_assert_true (sock_message_view_get_log (f->view) == f->log);
  g_assert_cmpuint (n_rows (f), ==, 125);
}

static void
test_message_view_export_filtered (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) file = tmp_file (f, "filtered.jsonl");
  g_autoptr(SockMessageLog) back = sock_message_log_new ();
  GtkWidget *entry = find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  feed (f->log, 90);
  run_frames (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "messages.find", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "eurusd");
  g_signal_emit_by_name (entry, "search-changed");
  run_frames (f, 2);
  g_assert_cmpuint (n_rows (f), ==, 30);

  sock_message_view_export_to_file (f->view, file, TRUE);
  wait_not_busy (f);
  g_assert_true (shows_text (f, "Exported 30 messages"));
  g_assert_true (sock_message_log_import (back, file, NULL, NULL));
  g_assert_cmpuint (sock_message_log_get_n_retained (back), ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      SockLogEntry e;

      g_assert_true (sock_message_log_peek (back, i, &e, NULL, NULL));
      g_assert_cmpstr (sock_message_log_get_uri (back, e.uri), ==, topics[0]);
    }
}

static void
write_file (GFile      *file,
            const char *text)
{
  g_assert_true (g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
}

static void
test_message_view_bad_files (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) unwritable = g_file_new_for_path ("/nonexistent-dir/messages.jsonl");
  g_autoptr(GFile) good = tmp_file (f, "good.jsonl");
  g_autoptr(GFile) corrupt = tmp_file (f, "corrupt.jsonl");
  g_autoptr(GFile) truncated = tmp_file (f, "truncated.jsonl");
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  gsize len;

  feed (f->log, 50);
  run_frames (f, 2);

  sock_message_view_export_to_file (f->view, unwritable, FALSE);
  wait_not_busy (f);
  g_assert_true (shows_text (f, "Could not export to “messages.jsonl”: "));
  g_assert_true (shows_text (f, "No such file or directory"));
  g_assert_cmpuint (sock_message_log_get_n_retained (f->log), ==, 50);
  g_assert_cmpuint (n_rows (f), ==, 50);
  screenshot (f, "export-error");

  /* A good line, then a broken one. */
  sock_message_view_export_to_file (f->view, good, FALSE);
  wait_not_busy (f);
  g_assert_true (g_file_load_contents (good, NULL, &contents, &len, NULL, NULL));
  cut = g_strndup (contents, strchr (contents, '\n') - contents + 1);
  write_file (corrupt, (const char *) g_strconcat (cut, "{\"time\": oops}\n", NULL));
  sock_message_view_open_file (f->view, corrupt);
  wait_not_busy (f);
  g_assert_true (shows_text (f, "Could not open the recording: "));
  g_assert_true (shows_text (f, "line 2"));
  g_assert_true (sock_message_view_get_log (f->view) == f->log);
  g_assert_null (sock_message_view_get_offline_file (f->view));
  g_assert_cmpuint (n_rows (f), ==, 50);

  /* The file ends in the middle of a line. */
  contents[len - 20] = '\0';
  write_file (truncated, contents);
  sock_message_view_open_file (f->view, truncated);
  wait_not_busy (f);
  g_assert_true (shows_text (f, "line 50: truncated"));
  g_assert_true (sock_message_view_get_log (f->view) == f->log);
  g_assert_cmpuint (sock_message_log_get_n_retained (f->log), ==, 50);
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
  }
  g_assert_cmpuint (n_rows (f), ==, sock_message_log_get_n_retained (f->log));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* Thousands separators, as a user's locale would show them. */
  setlocale (LC_ALL, "C.UTF-8");

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  gtk_source_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/sockscope/Sockscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_init (&argc, &argv, NULL);

#define ADD(name) g_test_add ("/sockscope/message-view/" #name, Fixture, NULL, \
                              fixture_set_up, test_message_view_##name, fixture_tear_down)
  ADD (rows_arrive);
  ADD (filter);
  ADD (pause);
  ADD (detail);
  ADD (export_reopen);
  ADD (export_filtered);
  ADD (bad_files);
  ADD (dropped);
#undef ADD

  return g_test_run ();
}
