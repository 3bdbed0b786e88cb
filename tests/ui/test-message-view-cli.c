/* test-message-view-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view and `sockscope-cli` share one recording format: the view opens what
 * `sockscope-cli record` wrote, and `sockscope-cli replay` publishes what the view exported.
 */

#include "config.h"

#include "../cli/cli-demo-util.h"
#include "test-message-view-util.h"

static GSubprocess *server;
static char *ws_url;

static void
test_message_view_cli_opens_recording (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "cli.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSubprocess) record = spawn_tied (G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                              (const char *[]) { "record", ws_url, "demo.tick", "--realm", "demo",
                                                                 "--count", "2", "-o", path, NULL });
  g_autofree char *text = NULL;
  guint lines = 0;

  g_assert_cmpint (wait_exit_within (record, "record --count 2"), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    lines++;

  sock_message_view_open_file (f->view, file);
  wait_not_busy (f);
  g_assert_true (shows_line (f, "Viewing “cli.jsonl” (offline)"));
  g_assert_cmpuint (n_rows (f), ==, lines);
  g_assert_cmpuint (lines, >=, 6);   /* markers, HELLO, WELCOME, SUBSCRIBE, SUBSCRIBED, EVENTs, GOODBYE */
}

static void
test_message_view_cli_replays_export (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "view.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSubprocess) sub = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocess) replay = NULL;
  g_autofree char *tick = NULL;
  guint topic = sock_message_log_intern_uri (f->log, "test.fromview", -1);

  for (guint i = 1; i <= 3; i++)
    {
      SockLogEntry e = { .time_us = 1767323045678123 + i * 1000, .direction = SOCK_LOG_DIRECTION_IN,
                         .kind = SOCK_LOG_KIND_WAMP2, .type = 36, .uri = topic, .second_id = 7 };
      g_autofree char *frame = g_strdup_printf ("[36,7,%u,{},[%u],{\"n\":\"event %u\"}]", 100 + i, i, i);

      sock_message_log_append (f->log, &e, (const guint8 *) frame, strlen (frame));
    }
  run_frames (f, 2);
  sock_message_view_export_to_file (f->view, file, FALSE);
  wait_not_busy (f);

  /* the router takes the subscriptions in order: a tick means test.fromview is subscribed */
  sub = spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                    (const char *[]) { "sub", ws_url, "test.fromview", "demo.tick", "--realm", "demo", NULL });
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  tick = read_line_within (lines, "a tick: sub subscribed");
  replay = spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                       (const char *[]) { "replay", path, "--to", ws_url, "--realm", "demo", NULL });
  g_assert_cmpint (wait_exit_within (replay, "replay of the view's export"), ==, 0);
  for (guint i = 1; i <= 3; )
    {
      g_autofree char *line = read_line_within (lines, "the replayed events");
      g_autofree char *expected = g_strdup_printf ("\"args\":[%u],\"kwargs\":{\"n\":\"event %u\"}", i, i);

      g_assert_nonnull (line);
      if (strstr (line, "\"topic\":\"test.fromview\"") == NULL)
        continue;
      g_assert_nonnull (strstr (line, expected));
      i++;
    }
  g_subprocess_send_signal (sub, SIGTERM);
  g_assert_cmpint (wait_exit_within (sub, "sub to end"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!message_view_test_init (&argc, &argv))
    return 0;
  cli = g_getenv ("SOCKSCOPE_CLI");
  g_assert_nonnull (cli);
  server = start_demo (&ws_url);

  g_test_add ("/sockscope/message-view-cli/opens-recording", Fixture, NULL, fixture_set_up,
              test_message_view_cli_opens_recording, fixture_tear_down);
  g_test_add ("/sockscope/message-view-cli/replays-export", Fixture, NULL, fixture_set_up,
              test_message_view_cli_replays_export, fixture_tear_down);

  ret = g_test_run ();
  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  return ret;
}
