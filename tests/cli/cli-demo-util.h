/* cli-demo-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the CLI tests that keep a command running: a demo server of their own, and reads and exits
 * awaited with a deadline (a regression fails in seconds, saying what it waited for).
 */

#pragma once

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "cli-test-util.h"
#include "../test-wait.h"

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineRead;

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &read->error);
  read->done = TRUE;
}

/* WAIT_FOR with a deadline of its own, for what takes longer on a loaded machine. */
#define WAIT_FOR_WITHIN(seconds, condition) WAIT_FOR_WITHIN_WHAT (seconds, condition, #condition)

/* The next line (NULL at the end of the output), failing the test after WAIT_TIMEOUT_S. */
static G_GNUC_UNUSED char *
read_line_within (GDataInputStream *lines,
                  const char       *what)
{
  LineRead read = { 0 };

  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  WAIT_FOR_WHAT (read.done, what);
  g_assert_no_error (read.error);
  return read.line;
}

/* `sockscope-cli serve-demo` on a free port; *out_base: its ws://127.0.0.1:PORT, for the paths
 * beside /ws (/fault/…). */
static G_GNUC_UNUSED GSubprocess *
start_demo_base (char **out_base)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *first = NULL;
  GSubprocess *server;
  char *p;

  /* stdout is read only for its first line: the rest goes nowhere, so that the server never
   * blocks on a full pipe */
  server = spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_PIPE, (const char *[]) { "serve-demo", "--port", "0", "--no-tls", NULL });
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  first = read_line_within (lines, "serve-demo's first line (where it listens)");
  g_assert_nonnull (first);
  p = strstr (first, "ws://127.0.0.1:");
  g_assert_nonnull (p);
  *out_base = g_strndup (p, strcspn (p, " \n"));
  return server;
}

/* `sockscope-cli serve-demo` on a free port; *out_ws: its ws://127.0.0.1:PORT/ws. */
static G_GNUC_UNUSED GSubprocess *
start_demo (char **out_ws)
{
  g_autofree char *base = NULL;
  GSubprocess *server = start_demo_base (&base);

  *out_ws = g_strconcat (base, "/ws", NULL);
  return server;
}

static G_GNUC_UNUSED void
stop_demo (GSubprocess *server)
{
  g_subprocess_send_signal (server, SIGCONT);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Waits for the process to end; its exit status (128 + signal when killed). */
static G_GNUC_UNUSED int
wait_exit_within (GSubprocess *process,
                  const char  *what)
{
  gboolean done = FALSE;

  g_subprocess_wait_async (process, NULL, exited_cb, &done);
  WAIT_FOR_WHAT (done, what);
  if (g_subprocess_get_if_signaled (process))
    return 128 + g_subprocess_get_term_sig (process);
  return g_subprocess_get_exit_status (process);
}
