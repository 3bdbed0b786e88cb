/* test-cli-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli record` and `replay` through the real binary against the demo router: a recording
 * replayed and recorded again holds the same events; the window's importer opens a recording and
 * `replay` sends a window export; rotation; no secret in a recording.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-demo-util.h"
#include "../test-files.h"
#include "sock-connection.h"

static GSubprocess *server;
static char *ws_url;
static char *dir;

static char *
scratch (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* The EVENTs on topic in a recording, each as "args kwargs" in JSON, in order. */
static GPtrArray *
events_in (const char *path,
           const char *topic)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return events;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonParser) frame_parser = json_parser_new ();
      JsonObject *line;
      JsonArray *frame;
      g_autofree char *args = NULL;
      g_autofree char *kwargs = NULL;

      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;   /* a line still being written */
      line = json_node_get_object (json_parser_get_root (parser));
      if (!g_str_equal (json_object_get_string_member (line, "dir"), "in") ||
          json_object_get_int_member (line, "type") != 36 ||
          g_strcmp0 (json_object_get_string_member_with_default (line, "uri", NULL), topic) != 0)
        continue;
      g_assert_true (json_parser_load_from_data (frame_parser, json_object_get_string_member (line, "payload"), -1, NULL));
      frame = json_node_get_array (json_parser_get_root (frame_parser));
      args = json_array_get_length (frame) > 4 ? json_to_string (json_array_get_element (frame, 4), FALSE) : g_strdup ("[]");
      kwargs = json_array_get_length (frame) > 5 ? json_to_string (json_array_get_element (frame, 5), FALSE) : g_strdup ("{}");
      g_ptr_array_add (events, g_strdup_printf ("%s %s", args, kwargs));
    }
  return events;
}

static guint
n_events_in (const char *path,
             const char *topic)
{
  g_autoptr(GPtrArray) events = events_in (path, topic);

  return events->len;
}

/* `record URL demo.tick TOPIC… -o path`, returned once a tick is in the file: subscribed. */
static GSubprocess *
start_record (const char         *path,
              const char * const *more)
{
  const char *args[16] = { "record", ws_url, "demo.tick", "--realm", "demo", "-o", path, NULL };
  GSubprocess *record;
  guint n = 7;

  for (guint i = 0; more != NULL && more[i] != NULL; i++)
    args[n++] = more[i];
  args[n] = NULL;
  record = spawn_cli (args);
  WAIT_FOR_WHAT (n_events_in (path, "demo.tick") > 0, "a tick in the recording: record subscribed");
  return record;
}

static void
stop_record (GSubprocess *record)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_subprocess_send_signal (record, SIGTERM);
  g_assert_cmpint (wait_exit_within (record, "record to end on SIGTERM"), ==, 0);
  g_subprocess_communicate_utf8 (record, NULL, NULL, &out, &err, NULL);
  g_assert_nonnull (strstr (err, "recorded "));
}

static void
test_cli_record_round_trip (void)
{
  g_autofree char *first = scratch ("first.jsonl");
  g_autofree char *second = scratch ("second.jsonl");
  g_autoptr(GSubprocess) record = start_record (first, (const char *[]) { "demo.flood", NULL });
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_auto(Run) flood = { 0 };
  g_auto(Run) replay = { 0 };

  run_cli (&flood, (const char *[]) { "call", ws_url, "demo.flood", "--realm", "demo", "--args", "[1000, 0.1]", NULL });
  g_assert_cmpint (flood.status, ==, 0);
  WAIT_FOR_WHAT (n_events_in (first, "demo.flood") == 100, "100 flood events in the first recording");
  stop_record (g_steal_pointer (&record));

  record = start_record (second, (const char *[]) { "test.replayed", NULL });
  run_cli (&replay, (const char *[]) { "replay", first, "--to", ws_url, "--realm", "demo", "--speed", "0",
                                       "--topic-map", "demo.flood=test.replayed", "--topic-map", "demo.tick=test.ticks",
                                       NULL });
  g_assert_cmpint (replay.status, ==, 0);
  g_assert_nonnull (strstr (replay.out, "\"test.replayed\":100"));
  g_assert_nonnull (strstr (replay.out, "\"skipped\":0,\"failed\":0"));
  WAIT_FOR_WHAT (n_events_in (second, "test.replayed") == 100, "the 100 replayed events in the second recording");
  stop_record (g_steal_pointer (&record));

  recorded = events_in (first, "demo.flood");
  again = events_in (second, "test.replayed");
  g_assert_cmpuint (again->len, ==, recorded->len);
  for (guint i = 0; i < recorded->len; i++)
    g_assert_cmpstr (again->pdata[i], ==, recorded->pdata[i]);
}

/* What the window's Open does with a file: import it into a message log. */
static void
test_cli_record_window_opens (void)
{
  g_autofree char *path = scratch ("window.jsonl");
  g_autoptr(GSubprocess) record = start_record (path, NULL);
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  guint lines = 0;

  stop_record (g_steal_pointer (&record));
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  for (const char *p = data; (p = strchr (p, '\n')) != NULL; p++)
    lines++;
  sock_message_log_import (log, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, lines);
  g_assert_cmpuint (lines, >, 3);
}

/* A window's export (sock_message_log_export() of a connection's log) replayed by the CLI. */
static void
test_cli_record_replay_window_export (void)
{
  g_autofree char *path = scratch ("export.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (ws_url, NULL);
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sub = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autofree char *out = NULL;
  g_auto(Run) replay = { 0 };
  SockSubscription *ticks;
  gboolean opened = FALSE;

  sock_connect_options_set_realm (options, "demo");
  connection = sock_connection_new_for_options (options, &error);
  g_assert_no_error (error);
  ticks = sock_connection_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  sock_connection_open_async (connection, NULL, exited_cb, &opened);
  WAIT_FOR (opened && sock_subscription_get_n_events (ticks) >= 2);
  sock_message_log_export (sock_connection_get_log (connection), NULL, file, NULL, &error);
  g_assert_no_error (error);
  exported = events_in (path, "demo.tick");
  g_assert_cmpuint (exported->len, >=, 2);

  sub = spawn_cli ((const char *[]) { "sub", ws_url, "test.fromwindow", "demo.tick", "--realm", "demo", NULL });
  {
    g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
    g_autofree char *tick = read_line_within (lines, "sub subscribed");
    guint seen = 0;

    run_cli (&replay, (const char *[]) { "replay", path, "--to", ws_url, "--realm", "demo", "--speed", "0",
                                         "--topic-map", "demo.tick=test.fromwindow", NULL });
    g_assert_cmpint (replay.status, ==, 0);
    while (seen < exported->len)
      {
        g_autofree char *line = read_line_within (lines, "the replayed export's events");

        g_assert_nonnull (line);
        if (strstr (line, "\"topic\":\"test.fromwindow\"") != NULL)
          seen++;
      }
  }
  g_subprocess_send_signal (sub, SIGTERM);
  g_assert_cmpint (wait_exit_within (sub, "sub to end"), ==, 0);
  g_object_run_dispose (G_OBJECT (connection));
}

static void
test_cli_record_rotate (void)
{
  g_autofree char *path = scratch ("rotated.jsonl");
  g_autofree char *second = scratch ("rotated.1.jsonl");
  g_autoptr(GSubprocess) record = start_record (path, (const char *[]) { "demo.flood", "--rotate-size", "4000", NULL });
  g_auto(Run) flood = { 0 };
  guint total = 0;

  run_cli (&flood, (const char *[]) { "call", ws_url, "demo.flood", "--realm", "demo", "--args", "[1000, 0.1]", NULL });
  WAIT_FOR_WHAT (g_file_test (second, G_FILE_TEST_EXISTS), "a second file");
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup (path) : g_strdup_printf ("%s/rotated.%u.jsonl", dir, i);
      GStatBuf buf;

      if (g_stat (name, &buf) != 0)
        break;
      if (i > 0)
        g_assert_cmpint (buf.st_size, <=, 4000);
      total += n_events_in (name, "demo.flood");
    }
  stop_record (g_steal_pointer (&record));
  g_assert_cmpuint (total, >=, 1);
}

/* The ticket reaches the router, never the file. */
static void
test_cli_record_no_secret (void)
{
  g_autofree char *path = scratch ("secret.jsonl");
  g_autofree char *data = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, (const char *[]) { "record", ws_url, "demo.tick", "--realm", "secure", "--authid", "ticketuser",
                                    "--ticket", "ticket-secret", "--timeout", "1", "-o", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "\"type\":5,"));   /* the AUTHENTICATE was recorded */
  g_assert_null (strstr (data, "ticket-secret"));
}

/* Bad usage says what to fix and sends nothing (exit 2); a corrupt recording names its line. */
static void
test_cli_record_usage (void)
{
  g_autofree char *corrupt = scratch ("corrupt.jsonl");
  struct { const char *args[12]; const char *words; } cases[] = {
    { { "record", ws_url, "demo.tick", NULL }, "--output FILE is required" },
    { { "replay", "x.jsonl", NULL }, "--to URL is required" },
    { { "replay", "x.jsonl", "--to", ws_url, "--speed", "fast", NULL }, "--speed must be a number" },
    { { "replay", "x.jsonl", "--to", ws_url, "--topic-map", "a.b", NULL }, "--topic-map takes OLD=NEW" },
    { { "replay", corrupt, "--to", ws_url, NULL }, "line 2: not valid JSON" },
  };

  g_assert_true (g_file_set_contents (corrupt, "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payload\":\"x\"}\n{oops\n",
                                      -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, cases[i].args);
      g_assert_cmpint (run.status, ==, 2);
      if (strstr (run.err, cases[i].words) == NULL)
        g_error ("%s: expected “%s” in: %s", cases[i].args[0], cases[i].words, run.err);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("sockscope-record-XXXXXX", NULL);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-record/round-trip", test_cli_record_round_trip);
  g_test_add_func ("/sockscope/cli-record/window-opens", test_cli_record_window_opens);
  g_test_add_func ("/sockscope/cli-record/replay-window-export", test_cli_record_replay_window_export);
  g_test_add_func ("/sockscope/cli-record/rotate", test_cli_record_rotate);
  g_test_add_func ("/sockscope/cli-record/no-secret", test_cli_record_no_secret);
  g_test_add_func ("/sockscope/cli-record/usage", test_cli_record_usage);

  ret = g_test_run ();
  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  test_remove_tree (dir);
  g_free (dir);
  return ret;
}
