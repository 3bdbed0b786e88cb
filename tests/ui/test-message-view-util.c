/* test-message-view-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Messages view tests share: a window with a view over a log fed by the test, and
 * ways to read what it shows.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>
#include <string.h>

#include "sock-wamp-message.h"
#include "test-message-view-util.h"
#include "test-ui-util.h"

#define WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)


const char *topics[3] = {
  "com.example.ticker.eurusd",
  "com.example.chat.room.general",
  "com.example.very.long.namespace.for.telemetry.sensors.building42.floor7.room712.temperature",
};

guint64
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

void
feed (SockMessageLog *log,
      guint           n)
{
  for (guint i = 0; i < n; i++)
    append_event (log, i % G_N_ELEMENTS (topics), i,
                  i % 5 == 4 ? SOCK_LOG_DIRECTION_OUT : SOCK_LOG_DIRECTION_IN);
}

guint64
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
void
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

void
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
char *
screen_text (Fixture *f)
{
  GString *out = g_string_new ("\n");

  collect_texts (GTK_WIDGET (f->window), out);
  return g_string_free (out, FALSE);
}

gboolean
shows_line (Fixture    *f,
            const char *line)
{
  g_autofree char *text = screen_text (f);
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);

  return strstr (text, needle) != NULL;
}

gboolean
shows_text (Fixture    *f,
            const char *part)
{
  g_autofree char *text = screen_text (f);

  return strstr (text, part) != NULL;
}

GtkWidget *
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

GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return find_any (widget, type);
}

GtkWidget *
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

GtkWidget *
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

char *
buffer_text (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("SOCK_SHOT_DIR");

  if (dir == NULL)
    return;
  run_frames (f, 3);
  save_window_png (GTK_WIDGET (f->window), dir, name);
}

void
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

void
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

guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sock_message_view_get_list (f->view)));
}

void
set_filter_text (Fixture    *f,
                 const char *text)
{
  GtkWidget *entry = find_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  run_frames (f, 2);
}

void
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


/* Returns FALSE (after printing a TAP skip) without a display. */
gboolean
message_view_test_init (int    *argc,
                        char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  gtk_source_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/sockscope/Sockscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_test_init (argc, argv, NULL);
  return TRUE;
}
