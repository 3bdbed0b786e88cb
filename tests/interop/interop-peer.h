/* interop-peer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the small programs that interop tests start as peers (interop-callee, interop-admin-watch):
 * their main loop, which ends on SIGTERM, on Ctrl+C, or when stdin closes (the test that started
 * the peer went away, however it ended).
 */

#pragma once

#include <glib-unix.h>
#include <signal.h>
#include <unistd.h>

static GMainLoop *loop;

static gboolean
on_stop (gpointer user_data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stdin (gint         fd,
          GIOCondition condition,
          gpointer     user_data)
{
  char buffer[64];

  if (read (fd, buffer, sizeof buffer) > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* Runs the loop (made by the caller, so that its callbacks can quit it) until one of the above. */
static void
interop_peer_run (void)
{
  g_unix_signal_add (SIGTERM, on_stop, NULL);
  g_unix_signal_add (SIGINT, on_stop, NULL);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, NULL);
  g_main_loop_run (loop);
}
