/* test-cli-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli sub` keeps no log it never reads: its peak resident memory grows by a few
 * megabytes while it receives and prints 200 events of 1 MiB, where keeping them would take more
 * than 200 MiB. The events come from the demo router on 127.0.0.1, published by a session of the
 * test. SOCK_CLI_MEMORY_EVENTS and SOCK_CLI_MEMORY_SIZE (bytes) change the load for a measurement;
 * SOCK_CLI_MEMORY_DEADLINE (seconds, default 240) each wait; the figures are printed as TAP comments.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "sock-connection.h"
#include "sock-demo-server.h"
#include "cli-test-util.h"
#include "../test-wait.h"

#define DEADLINE_S (env_uint ("SOCK_CLI_MEMORY_DEADLINE", 240))
/* The bound on the growth of the peak, in kB: a few copies of an event in flight fit, 200 do not. */
#define MAX_GROWTH_KB (64 * 1024)

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* AddressSanitizer keeps freed memory aside (its quarantine) to catch late uses: resident memory
 * would then grow with what sub frees. Without the quarantine it is reused as usual. */
static void
no_quarantine (void)
{
#ifdef UNDER_ASAN
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *more = g_strdup_printf ("%s%squarantine_size_mb=0:thread_local_quarantine_size_kb=0",
                                           options ? options : "", options && *options ? ":" : "");

  g_setenv ("ASAN_OPTIONS", more, TRUE);
#endif
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

/* Counts the lines sub prints, reading its output in large chunks (reading lines of megabytes
 * one by one would cost the test more than sub). */
typedef struct
{
  GInputStream *out;
  guint         lines;
  gboolean      eof;
} Reader;

static void read_next (Reader *reader);

static void
chunk_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

  if (len == 0)
    {
      reader->eof = TRUE;
      return;
    }
  for (const char *p = data; (p = memchr (p, '\n', len - (gsize) (p - data))) != NULL; p++)
    reader->lines++;
  read_next (reader);
}

static void
read_next (Reader *reader)
{
  g_input_stream_read_bytes_async (reader->out, 1 << 20, G_PRIORITY_DEFAULT, NULL, chunk_cb, reader);
}

/* A field of /proc/PID/status, in kB. */
static guint64
status_kb (GSubprocess *process,
           const char  *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  g_autofree char *text = NULL;
  const char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  at = strstr (text, field);
  g_assert_nonnull (at);
  return g_ascii_strtoull (at + strlen (field) + 1, NULL, 10);
}

static void
publish (SockConnection *publisher,
         JsonArray      *args)
{
  SockPublishOptions ack = { .acknowledge = TRUE };
  SockSession *session = sock_connection_get_session (publisher);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sock_session_publish_async (session, "cli.memory", args, NULL, &ack, NULL, store_result, &result);
  WAIT_FOR_WITHIN_WHAT (DEADLINE_S, result != NULL, "the router's PUBLISHED");
  g_assert_true (sock_session_publish_finish (session, result, NULL, &error));
  g_assert_no_error (error);
}

static JsonArray *
payload (gsize size)
{
  JsonArray *args = json_array_new ();
  g_autofree char *text = g_malloc (size + 1);

  memset (text, 'x', size);
  text[size] = '\0';
  json_array_add_string_element (args, text);
  return args;
}

static void
test_cli_memory_sub_big_events (void)
{
  guint n_events = env_uint ("SOCK_CLI_MEMORY_EVENTS", 200);
  gsize size = env_uint ("SOCK_CLI_MEMORY_SIZE", 1024 * 1024);
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockConnection) publisher = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) closed = NULL;
  g_autoptr(GSubprocess) sub = NULL;
  g_autoptr(JsonArray) small = payload (10);
  g_autoptr(JsonArray) big = payload (size);
  Reader reader = { 0 };
  guint64 baseline, peak;
  guint ready;
  gint64 deadline;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  url = sock_demo_server_dup_wamp_url (server);
  sub = spawn_cli ((const char *[]) { "sub", url, "cli.memory", "-r", "demo", NULL });
  reader.out = g_object_ref (g_subprocess_get_stdout_pipe (sub));
  read_next (&reader);

  profile = sock_profile_new_for_url (url, NULL);
  publisher = sock_connection_new (profile);
  sock_message_log_set_retain (sock_connection_get_log (publisher), FALSE);
  sock_connection_set_realm (publisher, "demo");
  sock_connection_open_async (publisher, NULL, store_result, &opened);
  WAIT_FOR_WITHIN_WHAT (DEADLINE_S, opened != NULL, "the publisher's join");
  g_assert_true (sock_connection_open_finish (publisher, opened, &error));

  /* small events until sub prints one: it is subscribed */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (reader.lines == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (reader.eof);
      publish (publisher, small);
      for (guint i = 0; i < 20 && reader.lines == 0; i++)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    }
  /* the ones still under way */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  ready = reader.lines;
  baseline = status_kb (sub, "VmRSS:");

  deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  for (guint i = 0; i < n_events; i++)
    {
      publish (publisher, big);
      /* at the pace sub prints, so that nothing piles up in the router instead */
      while (reader.lines + 4 < ready + i && !reader.eof && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
    }
  while (reader.lines < ready + n_events && !reader.eof)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting for %u events (%u came)", n_events, reader.lines - ready);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (reader.lines, ==, ready + n_events);
  peak = status_kb (sub, "VmHWM:");
  g_test_message ("sub: %u events of %" G_GSIZE_FORMAT " bytes; RSS %" G_GUINT64_FORMAT " kB before, peak %"
                  G_GUINT64_FORMAT " kB (growth %" G_GUINT64_FORMAT " kB)", n_events, size, baseline, peak,
                  peak - MIN (peak, baseline));
  g_assert_cmpuint (peak - MIN (peak, baseline), <, MAX_GROWTH_KB);

  g_subprocess_send_signal (sub, SIGTERM);
  g_subprocess_wait (sub, NULL, NULL);
  sock_connection_close_async (publisher, NULL, store_result, &closed);
  WAIT_FOR_WITHIN_WHAT (DEADLINE_S, closed != NULL, "the publisher's close");
  g_clear_object (&reader.out);
  sock_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);
  no_quarantine ();
  g_test_add_func ("/sockscope/cli-memory/sub-big-events", test_cli_memory_sub_big_events);

  return g_test_run ();
}
