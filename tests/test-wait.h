/* test-wait.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way tests without a display wait: iterate the thread-default main context until a
 * condition holds, and fail the test after a few seconds saying what it waited for, so that a
 * regression fails in seconds instead of at meson's timeout; a process's next line and its exit
 * are awaited the same way. (UI tests: wait_for() in tests/ui/test-ui-util.h.)
 */

#pragma once

#include <gio/gio.h>

#define WAIT_TIMEOUT_S 10

static G_GNUC_UNUSED gboolean
wait_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* WAIT_FOR (n_events >= 3) fails with "waited 10 s for n_events >= 3, in vain". */
#define WAIT_FOR(condition) WAIT_FOR_WHAT (condition, #condition)
#define WAIT_FOR_WHAT(condition, what) WAIT_FOR_WITHIN_WHAT (WAIT_TIMEOUT_S, condition, what)
/* With a deadline of its own, for what takes longer on a loaded machine. */
#define WAIT_FOR_WITHIN(seconds, condition) WAIT_FOR_WITHIN_WHAT (seconds, condition, #condition)
#define WAIT_FOR_WITHIN_WHAT(seconds, condition, what)                                     \
  G_STMT_START {                                                                           \
    gint64 wait_end_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;               \
    guint wait_tick_ = g_timeout_add (100, wait_tick_cb, NULL);                            \
    while (!(condition))                                                                   \
      {                                                                                    \
        if (g_get_monotonic_time () > wait_end_)                                           \
          g_error ("waited %d s for %s, in vain", (int) (seconds), (what));                \
        g_main_context_iteration (NULL, TRUE);                                             \
      }                                                                                    \
    g_source_remove (wait_tick_);                                                          \
  } G_STMT_END

/* An async callback that keeps its result in the GAsyncResult * that user_data points to, for a
 * test to wait for (WAIT_FOR (result != NULL)) and then unref (g_autoptr). */
static G_GNUC_UNUSED void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineRead;

static G_GNUC_UNUSED void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &read->error);
  read->done = TRUE;
}

/* The next line of a process's output (NULL at its end), failing the test after WAIT_TIMEOUT_S
 * with what it waited for. */
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

static G_GNUC_UNUSED void
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
