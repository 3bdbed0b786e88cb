/* test-health-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Health view tests and the desktop notification tests share: `sockscope-cli
 * serve-demo` as a process of its own (to freeze with SIGSTOP or kill), a tab connected to it
 * with a given keepalive, and the connection states they wait for.
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
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
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

static inline gboolean
state_is (SockConnection      *connection,
          SockConnectionState  state)
{
  return sock_connection_get_state (connection) == state;
}

static inline gboolean
not_responding (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_NOT_RESPONDING);
}

static inline gboolean
joined (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_JOINED);
}

static inline gboolean
reconnecting (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_RECONNECTING);
}

static inline gboolean
closed (gpointer data)
{
  return state_is (data, SOCK_CONNECTION_CLOSED);
}
