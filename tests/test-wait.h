/* test-wait.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way tests without a display wait: iterate the thread-default main context until a
 * condition holds, and fail the test after a few seconds saying what it waited for, so that a
 * regression fails in seconds instead of at meson's timeout. (UI tests: wait_for() in
 * tests/ui/test-ui-util.h.)
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
