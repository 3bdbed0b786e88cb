/* test-health-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Health view tests and the desktop notification tests share: `sockscope-cli
 * serve-demo` as a process of its own (to freeze with SIGSTOP or kill), a tab connected to it
 * with a given keepalive, and waiting for a connection state.
 */

#pragma once

#include <signal.h>

#include "test-ui-util.h"

/* The demo server as a process; out_url is its WAMP URL on 127.0.0.1 (port 0: any free one). */
static inline GSubprocess *
start_server (guint  port,
              char **out_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *first = NULL;
  const char *argv[] = { g_getenv ("SOCKSCOPE_CLI"), "serve-demo", "--port", port_text, "--no-tls", NULL };
  GSubprocess *process;
  char *p;

  g_assert_nonnull (argv[0]);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* "Demo server listening on ws://127.0.0.1:PORT" */
  first = read_line_within (lines, "serve-demo's first line (where it listens)");
  g_assert_nonnull (first);
  p = strstr (first, "ws://127.0.0.1:");
  g_assert_nonnull (p);
  *out_url = g_strdup_printf ("%.*s/ws", (int) strcspn (p, " \n"), p);
  return process;
}

static inline void
stop_server (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGCONT);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

static inline guint
url_port (const char *url)
{
  return (guint) g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10);
}

/* A tab of window connected to url (realm "demo"), joined. */
static inline SockConnectionPage *
open_tab (SockWindow *window,
          const char *url,
          guint       keepalive_s,
          guint       pong_timeout_ms)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);
  SockConnectionPage *page;

  sock_profile_set_keepalive_interval (profile, keepalive_s);
  sock_profile_set_pong_timeout_ms (profile, pong_timeout_ms);
  sock_connect_options_set_realm (options, "demo");
  page = sock_window_open_connection (window, options);
  g_assert_true (wait_for (page_joined, page));
  return page;
}

/* What became of a server process, for a failure message. */
static inline char *
describe_server (GSubprocess *process)
{
  if (process == NULL)
    return g_strdup ("");
  if (g_subprocess_get_identifier (process) != NULL)
    return g_strdup ("; serve-demo runs");
  if (g_subprocess_get_if_signaled (process))
    return g_strdup_printf ("; serve-demo was killed by signal %d", g_subprocess_get_term_sig (process));
  return g_strdup_printf ("; serve-demo exited with status %d", g_subprocess_get_exit_status (process));
}

typedef struct
{
  SockConnection      *connection;
  SockConnectionState  state;
} StateQuery;

static inline gboolean
state_reached (gpointer data)
{
  StateQuery *query = data;

  return sock_connection_get_state (query->connection) == query->state;
}

/* Waits until connection is in state; fails saying where it is instead, and what became of
 * server (the process it talks to, or NULL). */
static inline void
wait_for_state (SockConnection      *connection,
                SockConnectionState  state,
                GSubprocess         *server)
{
  const char *reason;
  g_autofree char *what = NULL;

  if (wait_for (state_reached, &(StateQuery) { connection, state }))
    return;
  reason = sock_connection_get_close_reason (connection);
  what = describe_server (server);
  g_error ("waited for the tab to be %s: it is %s (%s)%s", sock_connection_state_to_string (state),
           sock_connection_state_to_string (sock_connection_get_state (connection)), reason ? reason : "no reason",
           what);
}
