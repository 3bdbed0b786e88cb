/* sock-cli-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <signal.h>

#include "sock-cli.h"
#include "sock-cli-run.h"

#define CLOSE_GRACE_MS 3000

void
sock_cli_run_stop (SockCliRun *run,
                   int         status)
{
  if (run->status == SOCK_CLI_EXIT_OK)
    run->status = status;
  run->finishing = TRUE;
  g_main_loop_quit (run->loop);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  sock_cli_run_stop (user_data, SOCK_CLI_EXIT_OK);
}

static void
close_grace_cb (gpointer user_data)
{
  sock_cli_run_stop (user_data, SOCK_CLI_EXIT_OK);
}

void
sock_cli_run_finish (SockCliRun *run)
{
  if (run->finishing)
    return;
  run->finishing = TRUE;
  g_timeout_add_once (CLOSE_GRACE_MS, close_grace_cb, run);
  sock_connection_close_async (run->connection, NULL, close_cb, run);
}

gboolean
sock_cli_run_open_finish (SockCliRun   *run,
                          GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;

  if (sock_connection_open_finish (run->connection, result, &error))
    return TRUE;
  if (!run->finishing)
    sock_cli_printerr ("%s", error->message);
  sock_cli_run_stop (run, SOCK_CLI_EXIT_FAILED);
  return FALSE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  sock_cli_run_stop (user_data, SOCK_CLI_EXIT_INTERRUPTED);
  return G_SOURCE_CONTINUE;
}

void
sock_cli_run_loop (SockCliRun *run)
{
  guint interrupt = g_unix_signal_add (SIGINT, on_interrupt, run);

  g_main_loop_run (run->loop);
  g_source_remove (interrupt);
}

void
sock_cli_run_clear (SockCliRun *run)
{
  run->finishing = TRUE;
  if (run->connection != NULL)
    g_object_run_dispose (G_OBJECT (run->connection));
  g_clear_object (&run->connection);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}
