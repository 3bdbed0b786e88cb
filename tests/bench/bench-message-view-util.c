/* bench-message-view-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window benchmark's helpers: typing into the filter bar, telling whether the view follows,
 * the flood over a real WebSocket (BENCH_SOURCE=connection), CPU clocks and percentiles.
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "bench-message-view.h"
#include "sock-wamp-message.h"
#include "../ui/test-ui-util.h"

void
bench_set_filter (Bench      *b,
                  const char *text)
{
  GtkWidget *entry = find_any (GTK_WIDGET (b->view), GTK_TYPE_SEARCH_ENTRY);

  /* Type into the filter bar, as a user would. */
  gtk_widget_activate_action (GTK_WIDGET (b->view), "messages.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
}

/* Following: the view is scrolled to its end, where its newest row is. */
gboolean
bench_follows_newest (Bench *b)
{
  SockMessageList *list = sock_message_view_get_list (b->view);
  GtkWidget *column_view = find_any (GTK_WIDGET (b->view), GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  return g_list_model_get_n_items (G_LIST_MODEL (list)) > 0 &&
         sock_message_view_get_follow (b->view) &&
         gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) -
                                            gtk_adjustment_get_page_size (adj) - 1;
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return *slot;
}

/* A connection to the flood source at rate, subscribed; its log is the view's from now on. */
void
bench_connect_source (Bench *b,
                guint  rate)
{
  g_autofree char *url = bench_flood_dup_url (b->flood);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) subscribed = NULL;
  g_autoptr(GError) error = NULL;
  const char * const protocols[] = { "wamp.2.json", NULL };
  SockSession *session;

  g_clear_object (&b->connection);
  /* enough for the warm-up and the measured time, and a little more */
  bench_flood_set_rate (b->flood, rate, (guint64) rate * 7);
  sock_profile_set_protocols (profile, protocols, NULL);
  b->connection = sock_connection_new (profile);
  sock_connection_set_realm (b->connection, "bench");
  sock_connection_open_async (b->connection, NULL, store_result, &opened);
  if (!sock_connection_open_finish (b->connection, wait_result (&opened), &error))
    g_error ("flood source: %s", error->message);
  if (g_getenv ("BENCH_HIDDEN") == NULL)
    {
      b->log = sock_connection_get_log (b->connection);
      sock_message_view_set_log (b->view, b->log);
    }
  session = sock_connection_get_session (b->connection);
  sock_session_subscribe_async (session, "bench.flood", SOCK_MATCH_EXACT, NULL, store_result, &subscribed);
  if (!sock_session_subscribe_finish (session, wait_result (&subscribed), NULL, &error))
    g_error ("flood source: %s", error->message);
}

static guint64
count_events (SockMessageLog *log)
{
  guint64 n = sock_message_log_get_dropped (log);

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.type == SOCK_WAMP_EVENT &&
          entry.kind == SOCK_LOG_KIND_WAMP2)
        n++;
    }

  return n;
}

/* Lets the source send all it was asked for, then checks that every event reached the log. */
void
bench_disconnect_source (Bench *b,
                   guint  rate)
{
  g_autoptr(GAsyncResult) closed = NULL;
  guint64 total = (guint64) rate * 7;
  gint64 give_up = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  guint64 events;

  while (sock_transport_get_frames_in (sock_connection_get_transport (b->connection)) < total + 2 &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  sock_connection_close_async (b->connection, NULL, store_result, &closed);
  sock_connection_close_finish (b->connection, wait_result (&closed), NULL);
  b->appended = sock_transport_get_frames_in (sock_connection_get_transport (b->connection));
  events = count_events (b->log);
  if (events != total)
    {
      printf ("LOST EVENTS: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " sent reached the log\n", events, total);
      b->failed = TRUE;
    }
}

/* All threads of the process, user and system time. */
double
bench_process_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The calling thread's CPU time. */
gint64
bench_thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q-quantile of an array of doubles sorted with bench_compare_doubles; 0 when empty. */
double
bench_percentile (GArray *sorted,
                  double  q)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, MIN (sorted->len - 1, (guint) (q * (sorted->len - 1) + 0.5)));
}
