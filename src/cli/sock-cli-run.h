/* sock-cli-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The life of a command that drives one connection until it is done (record, replay): the main
 * loop, the exit status (the first failure is the one that counts), a polite close that a router
 * which never answers GOODBYE cannot hold up, and Ctrl+C.
 */

#pragma once

#include <gio/gio.h>

#include "sock-connection.h"

G_BEGIN_DECLS

typedef struct
{
  SockConnection *connection;
  GMainLoop      *loop;
  int             status;      /* SOCK_CLI_EXIT_* */
  gboolean        finishing;   /* closing or stopped: what fails now is not reported */
} SockCliRun;

/* Ends the main loop with status, unless an earlier failure set one. */
void     sock_cli_run_stop        (SockCliRun   *run,
                                   int           status);
/* Closes the connection (GOODBYE first), then stops with success; at most a few seconds. */
void     sock_cli_run_finish      (SockCliRun   *run);
/* For the connection's open callback: FALSE when it failed, said so (unless finishing) and stopped. */
gboolean sock_cli_run_open_finish (SockCliRun   *run,
                                   GAsyncResult *result);
/* Runs the main loop until stopped; Ctrl+C stops it with SOCK_CLI_EXIT_INTERRUPTED. */
void     sock_cli_run_loop        (SockCliRun   *run);
/* Disposes of the connection (nothing it does afterwards reaches the run) and the loop. */
void     sock_cli_run_clear       (SockCliRun   *run);

G_END_DECLS
