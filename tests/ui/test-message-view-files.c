/* test-message-view-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view's files under a real display: export to JSON Lines, offline viewing of a
 * recording with identical content, and the toasts for a path that cannot be written and for
 * corrupt or truncated recordings, which leave the log untouched.
 */

#include "config.h"

#include <string.h>

#include "test-message-view-util.h"
#include "../test-log-util.h"

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


int
main (int   argc,
      char *argv[])
{
  if (!message_view_test_init (&argc, &argv))
    return 0;

#define ADD(name) g_test_add ("/sockscope/message-view-files/" #name, Fixture, NULL, \
                              fixture_set_up, test_message_view_##name, fixture_tear_down)
  ADD (export_reopen);
  ADD (export_filtered);
  ADD (bad_files);
#undef ADD

  return g_test_run ();
}

