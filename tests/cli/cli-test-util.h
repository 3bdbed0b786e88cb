/* cli-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the CLI tests: run the real sockscope-cli binary (its path in the
 * SOCKSCOPE_CLI environment variable) and keep its exit status and output.
 */

#pragma once

#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "../test-wait.h"

/* How long one run of the CLI may take before the test fails saying so (meson kills a CLI test
 * after 120 s, with no word of what it waited for). */
#define RUN_TIMEOUT_S 60

static const char *cli;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* For main(): g_test_init (), and the sockscope-cli under test (meson sets SOCKSCOPE_CLI). */
static G_GNUC_UNUSED void
cli_test_init (int    *argc,
               char ***argv)
{
  g_test_init (argc, argv, NULL);
  cli = g_getenv ("SOCKSCOPE_CLI");
  g_assert_nonnull (cli);
}

/* A test that fails leaves no server or agent behind to hold its output open. */
static G_GNUC_UNUSED void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* `sockscope-cli args…`, killed when the test dies. */
static G_GNUC_UNUSED GSubprocess *
spawn_tied (GSubprocessFlags    flags,
            const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Starts `sockscope-cli args…` with its stdout and stderr piped to the test. */
static G_GNUC_UNUSED GSubprocess *
spawn_cli (const char * const *args)
{
  return spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
}

/* Waits for process to exit and keeps its status and output in run; fails the test after
 * RUN_TIMEOUT_S (the process dies with the test). */
static G_GNUC_UNUSED void
finish_run (GSubprocess *process,
            Run         *run)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("sockscope-cli (pid %s) to finish",
                                           g_subprocess_get_identifier (process));

  g_subprocess_communicate_utf8_async (process, NULL, NULL, store_result, &result);
  WAIT_FOR_WITHIN_WHAT (RUN_TIMEOUT_S, result != NULL, what);
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* Runs `sockscope-cli args…` to its end. */
static G_GNUC_UNUSED void
run_cli (Run                *run,
         const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (args);

  finish_run (process, run);
}
