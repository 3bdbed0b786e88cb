/* test-message-log-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sock-error.h"
#include "sock-message-filter.h"
#include "sock-message-log.h"
#include "../test-log-util.h"
#include "../test-wait.h"

static char *tmpdir;

static void
append (SockMessageLog *log,
        SockLogEntry    e,
        const char     *uri,
        const void     *payload,
        gsize           len)
{
  e.uri = sock_message_log_intern_uri (log, uri, -1);
  sock_message_log_append (log, &e, payload, len);
}

/* Every kind of row the format has to carry. */
static SockMessageLog *
make_log (void)
{
  SockMessageLog *log = sock_message_log_new ();
  static const guint8 binary[] = { 0x00, 0xff, 0x10, '"', '\n', 0x00 };
  static const char invalid_utf8[] = "caf\xe9 \"quoted\"";
  const char *json = "[36,77,5,{},[\"tab\\t\",\"quote \\\" \",\"\xc3\xa9\"],{\"n\":\"\\n\"}]\n";

  append (log, (SockLogEntry) { .time_us = 1767323045678901, .direction = SOCK_LOG_DIRECTION_IN,
                                .kind = SOCK_LOG_KIND_WAMP2, .type = 36, .second_id = 77,
                                .request_id = 5, .size = 200 },
          "com.example.tick", json, strlen (json));
  append (log, (SockLogEntry) { .time_us = 1767323045679000, .direction = SOCK_LOG_DIRECTION_OUT,
                                .kind = SOCK_LOG_KIND_BINARY, .flags = SOCK_LOG_FLAG_BINARY },
          NULL, binary, sizeof binary);
  append (log, (SockLogEntry) { .time_us = 1767323045680000, .direction = SOCK_LOG_DIRECTION_IN,
                                .kind = SOCK_LOG_KIND_PROTOCOL_ERROR,
                                .flags = SOCK_LOG_FLAG_PROTOCOL_ERROR | SOCK_LOG_FLAG_TRUNCATED },
          NULL, invalid_utf8, strlen (invalid_utf8));
  append (log, (SockLogEntry) { .time_us = -5, .direction = SOCK_LOG_DIRECTION_IN,
                                .kind = SOCK_LOG_KIND_WAMP1, .type = 8 },
          "http://example.com/topic#x", "", 0);
  sock_message_log_append_marker (log, "protocol chosen: wamp.2.json because the server said so");
  return log;
}

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

static void
test_message_log_io_round_trip (void)
{
  SockMessageLog *log = make_log ();
  SockMessageLog *copy = sock_message_log_new ();
  g_autoptr(GFile) file = tmp_file ("round-trip.jsonl");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (sock_message_log_export (log, NULL, file, NULL, &error));
  g_assert_no_error (error);

  /* What a user reading the file sees. */
  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "{\"time\":\"2026-01-02T03:04:05.678Z\",\"t_us\":1767323045678901,"
                                             "\"dir\":\"in\",\"kind\":\"wamp2\",\"type\":36,"
                                             "\"uri\":\"com.example.tick\",\"req\":5,\"id2\":77,"
                                             "\"size\":200,\"binary\":false,\"payload\":\"[36,77,5,"));
  g_assert_nonnull (strstr (lines[1], "\"binary\":true,\"encoding\":\"base64\",\"payload\":\"AP8QIgoA\""));
  g_assert_nonnull (strstr (lines[2], "\"kind\":\"error\""));
  g_assert_nonnull (strstr (lines[4], "\"dir\":\"local\",\"kind\":\"marker\""));

  g_assert_true (sock_message_log_import (copy, file, NULL, &error));
  g_assert_no_error (error);
  assert_same_logs (log, copy);

  g_assert_finalize_object (copy);
  g_assert_finalize_object (log);
}

/* A WAMP message kept in MessagePack: exported with its JSON form beside the wire bytes, and read
 * back with its serializer. */
static void
test_message_log_io_serialized (void)
{
  static const guint8 msgpack_event[] = { 0x95, 0x24, 0x4d, 0x05, 0x80, 0x91, 0xc4, 0x02, 0x01, 0x02 };
  SockMessageLog *log = sock_message_log_new ();
  SockMessageLog *copy = sock_message_log_new ();
  g_autoptr(GFile) file = tmp_file ("serialized.jsonl");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  append (log, (SockLogEntry) { .time_us = 1767323045681000, .direction = SOCK_LOG_DIRECTION_IN,
                                .kind = SOCK_LOG_KIND_WAMP2, .type = 36, .second_id = 77,
                                .flags = SOCK_LOG_FLAG_MSGPACK },
          "com.example.tick", msgpack_event, sizeof msgpack_event);
  line = sock_message_log_format_line (log, 0);
  g_assert_nonnull (strstr (line, "\"binary\":false,\"serializer\":\"msgpack\","
                                  "\"json\":[36,77,5,{},[\"\\u0000AQI=\"]],"
                                  "\"encoding\":\"base64\",\"payload\":\"lSRNBYCRxAIBAg==\"}"));
  g_assert_true (sock_message_log_export (log, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sock_message_log_import (copy, file, NULL, &error));
  g_assert_no_error (error);
  assert_same_logs (log, copy);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (log);
}

/* A worker thread may drop its reference to the task (and so to the log) after the
 * callback ran. */
static void
wait_for_last_ref (gpointer object)
{
  for (guint i = 0; G_OBJECT (object)->ref_count > 1 && i < 5000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_message_log_io_async_filtered (void)
{
  SockMessageLog *log = make_log ();
  SockMessageLog *copy = sock_message_log_new ();
  SockMessageLog *want = sock_message_log_new ();
  g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
  g_autoptr(GFile) file = tmp_file ("filtered.jsonl");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  SockLogEntry e;
  const guint8 *raw;
  gsize len;

  sock_message_filter_set_directions (filter, 1 << SOCK_LOG_DIRECTION_IN);
  sock_message_log_export_async (log, filter, file, NULL, store_result, &result);
  /* The rows were copied: appending meanwhile does not change the export. */
  append (log, (SockLogEntry) { .direction = SOCK_LOG_DIRECTION_IN }, NULL, "late", 4);
  WAIT_FOR_WHAT (result != NULL, "the export");
  g_assert_true (sock_message_log_export_finish (log, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sock_message_log_import_async (copy, file, NULL, store_result, &result);
  WAIT_FOR_WHAT (result != NULL, "the import");
  g_assert_true (sock_message_log_import_finish (copy, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  for (guint64 seq = 0; seq < 5; seq++)
    {
      g_assert_true (sock_message_log_peek (log, seq, &e, &raw, &len));
      if (e.direction == SOCK_LOG_DIRECTION_IN)
        append (want, e, sock_message_log_get_uri (log, e.uri), raw, len);
    }
  g_assert_cmpuint (sock_message_log_get_n_retained (want), ==, 3);
  assert_same_logs (want, copy);

  wait_for_last_ref (log);
  wait_for_last_ref (copy);
  g_assert_finalize_object (want);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (log);
}

static void
assert_import_fails (const char *contents,
                     const char *message)
{
  SockMessageLog *log = sock_message_log_new ();
  g_autoptr(GFile) file = tmp_file ("bad.jsonl");
  g_autoptr(GError) error = NULL;
  const guint8 *raw;
  gsize len;

  g_assert_true (g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, 0, NULL,
                                          NULL, NULL));
  sock_message_log_append_marker (log, "before");
  g_assert_false (sock_message_log_import (log, file, NULL, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);

  /* All or nothing: the log is as it was. */
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 1);
  g_assert_true (sock_message_log_peek (log, 0, NULL, &raw, &len));
  g_assert_cmpmem (raw, len, "before", 6);
  g_assert_finalize_object (log);
}

#define GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payload\":\"ok\"}\n"

static void
test_message_log_io_corrupt (void)
{
  assert_import_fails (GOOD "{\"t_us\":1,\"dir\":\"in\",\n", "line 2: not valid JSON");
  assert_import_fails (GOOD GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payl",
                       "line 3: truncated");
  assert_import_fails (GOOD "{\"t_us\":1,\"dir\":\"sideways\",\"kind\":\"text\",\"payload\":\"\"}\n",
                       "line 2: “dir” must be one of in, out, local");
  assert_import_fails ("[1,2]\n", "line 1: not a JSON object");
  assert_import_fails (GOOD GOOD GOOD "{\"dir\":\"in\",\"kind\":\"text\",\"payload\":\"\"}\n",
                       "line 4: “t_us” must be an integer");
  assert_import_fails (GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"binary\",\"binary\":true,"
                       "\"payload\":\"not base64!\"}\n", "line 2: “payload” is not base64");
  assert_import_fails (GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"type\":300,"
                       "\"payload\":\"\"}\n", "line 2: “type” is out of range");
}

/* A crafted file: 80,000 levels of nesting in 160 KB crashed the import (json-glib recursed until
 * the stack overflowed), in the GUI too. Now it is refused, naming the line. */
static void
test_message_log_io_deep (void)
{
  GString *deep = g_string_new (GOOD);

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '\n');
  assert_import_fails (deep->str, "line 2: not valid JSON (invalid JSON at byte 128: nesting deeper than 128 levels)");
  g_string_free (deep, TRUE);

  /* the same inside a payload-shaped object */
  deep = g_string_new (GOOD GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payload\":");
  for (guint i = 0; i < 80000; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1\n");
  assert_import_fails (deep->str, "line 3: not valid JSON");
  g_string_free (deep, TRUE);

  /* and what is not strict JSON */
  assert_import_fails (GOOD "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payload\":\"ok\"} trailing\n",
                       "line 2: not valid JSON (invalid JSON at byte");
}

static void
test_message_log_io_unwritable (void)
{
  SockMessageLog *log = make_log ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-sockscope-dir/log.jsonl");
  g_autoptr(GFile) missing = tmp_file ("missing.jsonl");
  g_autoptr(GError) error = NULL;

  g_assert_false (sock_message_log_export (log, NULL, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-sockscope-dir/log.jsonl"));
  g_assert_nonnull (strstr (error->message, "No such file or directory"));
  g_clear_error (&error);

  g_assert_false (sock_message_log_import (log, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.jsonl"));
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 5);

  g_assert_finalize_object (log);
}

/* "Copy as JSON Line" and the export spell a record the same way, byte for byte. */
static void
test_message_log_io_format_line (void)
{
  SockMessageLog *log = make_log ();
  g_autoptr(GFile) file = g_file_new_build_filename (tmpdir, "lines.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *control = NULL;
  const char *text = "bell\b feed\f \"q\" \xe2\x86\x93";
  guint64 first = sock_message_log_get_first_seq (log);
  guint n;

  append (log, (SockLogEntry) { .time_us = 1767323045681000, .direction = SOCK_LOG_DIRECTION_IN,
                                .kind = SOCK_LOG_KIND_TEXT },
          NULL, text, strlen (text));
  n = sock_message_log_get_n_retained (log);
  g_assert_true (sock_message_log_export (log, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  g_assert_cmpstr (lines[n], ==, "");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = sock_message_log_format_line (log, first + i);

      g_assert_cmpstr (line, ==, lines[i]);
    }

  marker = sock_message_log_format_line (log, first + 4);
  g_assert_true (g_str_has_prefix (marker, "{\"time\":\""));
  g_assert_nonnull (strstr (marker, ",\"dir\":\"local\",\"kind\":\"marker\",\"type\":0,\"uri\":null,"));
  g_assert_true (g_str_has_suffix (marker, ",\"binary\":false,\"payload\":"
                                   "\"protocol chosen: wamp.2.json because the server said so\"}"));
  control = sock_message_log_format_line (log, first + 5);
  g_assert_true (g_str_has_suffix (control, "\"payload\":\"bell\\u0008 feed\\u000c \\\"q\\\" \xe2\x86\x93\"}"));
  g_assert_nonnull (strstr (lines[1], "\"binary\":true,\"encoding\":\"base64\",\"payload\":\"AP8QIgoA\"}"));

  g_assert_null (sock_message_log_format_line (log, first + n));
  sock_message_log_clear (log);
  g_assert_null (sock_message_log_format_line (log, first));

  g_assert_finalize_object (log);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sockscope-log-io-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/sockscope/message-log-io/round-trip", test_message_log_io_round_trip);
  g_test_add_func ("/sockscope/message-log-io/serialized", test_message_log_io_serialized);
  g_test_add_func ("/sockscope/message-log-io/async-filtered", test_message_log_io_async_filtered);
  g_test_add_func ("/sockscope/message-log-io/corrupt", test_message_log_io_corrupt);
  g_test_add_func ("/sockscope/message-log-io/deep", test_message_log_io_deep);
  g_test_add_func ("/sockscope/message-log-io/unwritable", test_message_log_io_unwritable);
  g_test_add_func ("/sockscope/message-log-io/format-line", test_message_log_io_format_line);

  ret = g_test_run ();

  {
    const char *names[] = { "round-trip.jsonl", "filtered.jsonl", "bad.jsonl", "lines.jsonl" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);

        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
