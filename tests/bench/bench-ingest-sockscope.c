/* bench-ingest-sockscope.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sockscope side of the ingest benchmark: the same objects the window uses (SockConnection
 * with its transport, WAMP v2 session and message log), with no one listening to events, as in
 * the window, where views read the log.
 */

#define _GNU_SOURCE  /* RUSAGE_THREAD */

#include "config.h"

#include <sys/resource.h>

#include "bench-ingest-private.h"
#include "sock-connection.h"

typedef struct
{
  GMainLoop *loop;
  gboolean   done;
  GError    *error;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  if (SOCK_IS_CONNECTION (object))
    sock_connection_open_finish (SOCK_CONNECTION (object), result, &wait->error);
  else
    sock_session_subscribe_finish (SOCK_SESSION (object), result, NULL, &wait->error);
  wait->done = TRUE;
}

static void
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  if (wait->error != NULL)
    g_error ("sockscope: %s", wait->error->message);
  wait->done = FALSE;
}

static gboolean
check_done (gpointer user_data)
{
  gpointer *args = user_data;
  SockMessageLog *log = args[0];
  guint64 *target = args[1];

  if (sock_message_log_get_end_seq (log) >= *target)
    {
      g_main_loop_quit (args[2]);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gint64
entry_time (SockMessageLog *log,
            guint64         seq)
{
  SockLogEntry entry;

  g_assert (sock_message_log_peek (log, seq, &entry, NULL, NULL));
  return entry.time_us;
}

/* The calling thread's user and system CPU time (µs). */
static void
thread_cpu_us (gint64 *user_us,
               gint64 *sys_us)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  *user_us = (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec;
  *sys_us = (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static double
run (const char *url,
     guint64     total,
     guint       check_ms,
     double     *user_us_per_event,
     double     *sys_us_per_event)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char * const protocols[] = { "wamp.2.json", NULL };
  SockMessageLog *log;
  Wait wait = { 0 };
  guint64 first, target;
  gpointer args[3];
  gint64 user0, sys0, user1, sys1;

  sock_profile_set_protocols (profile, protocols, NULL);
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, "bench");
  log = sock_connection_get_log (connection);
  /* keep every event of the run, so that the first one's time can be read back */
  sock_message_log_set_max_messages (log, total + 1000);
  sock_message_log_set_max_bytes (log, (total + 1000) * 256);

  sock_connection_open_async (connection, NULL, done_cb, &wait);
  wait_for (&wait);
  first = sock_message_log_get_end_seq (log) + 2;  /* after SUBSCRIBE and SUBSCRIBED */
  target = first + total;
  sock_session_subscribe_async (sock_connection_get_session (connection), "bench.flood", SOCK_MATCH_EXACT, NULL,
                                done_cb, &wait);
  wait_for (&wait);

  args[0] = log;
  args[1] = &target;
  args[2] = loop;
  thread_cpu_us (&user0, &sys0);
  g_timeout_add (check_ms, check_done, args);
  g_main_loop_run (loop);
  thread_cpu_us (&user1, &sys1);
  if (user_us_per_event != NULL)
    {
      *user_us_per_event = (double) (user1 - user0) / total;
      *sys_us_per_event = (double) (sys1 - sys0) / total;
    }

  {
    gint64 t0 = entry_time (log, first);
    gint64 t1 = entry_time (log, target - 1);

    sock_connection_close_async (connection, NULL, done_cb, &wait);
    wait.done = FALSE;
    while (!wait.done)
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
    g_clear_error (&wait.error);
    g_clear_object (&connection);

    return (total - 1) / ((t1 - t0) / 1e6);
  }
}

double
bench_ingest_run_sockscope (const char *url,
                            guint64     total)
{
  return run (url, total, 1, NULL, NULL);
}

/* Paced, the check for the end runs every 100 ms: a 1 ms timeout would add a wakeup of its own
 * per event or so. */
double
bench_ingest_run_sockscope_paced (const char *url,
                                  guint64     total,
                                  double     *user_us_per_event,
                                  double     *sys_us_per_event)
{
  return run (url, total, 100, user_us_per_event, sys_us_per_event);
}
