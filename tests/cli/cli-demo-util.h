/* cli-demo-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the CLI tests that keep a command running: a demo server of their own. Its lines and its
 * exit are awaited with test-wait.h's deadlines (a regression fails in seconds, saying what it
 * waited for).
 */

#pragma once

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "cli-test-util.h"
#include "../test-wait.h"

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
  wait_exit_within (server, "serve-demo to stop on SIGTERM");
}
