/* bench-message-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ingest rate and memory of SockMessageLog: 2M appends of ~100-byte frames into a log with the
 * default caps (1M messages, 512 MiB), so the second million evicts the first in chunks.
 * Baselines in the same run: copying the same bytes into one flat buffer (the floor), and
 * keeping a GBytes per message in a GPtrArray (what the ring replaces).
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sock-message-log.h"

#define N_APPENDS 2000000
#define N_TOPICS 100
#define PAYLOAD_LEN 100

static gsize
rss_bytes (void)
{
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%lu %lu", &size, &resident) != 2)
    g_error ("cannot read /proc/self/statm");
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* A WAMP v2 EVENT of exactly PAYLOAD_LEN bytes that differs from message to message. */
static void
make_frame (char    *buf,
            guint64  i)
{
  int n = g_snprintf (buf, PAYLOAD_LEN + 1, "[36,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                      ",{},[{\"price\":%" G_GUINT64_FORMAT ",\"sym\":\"", i % N_TOPICS, i,
                      i * 7 % 100000);

  memset (buf + n, 'X', PAYLOAD_LEN - n - 4);
  memcpy (buf + PAYLOAD_LEN - 4, "\"}]]", 4);
}

static double
bench_floor (char frames[][PAYLOAD_LEN + 1])
{
  guint8 *flat = g_malloc (64 * 1024 * 1024);
  gsize pos = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint64 i = 0; i < N_APPENDS; i++)
    {
      if (pos + PAYLOAD_LEN > 64 * 1024 * 1024)
        pos = 0;
      memcpy (flat + pos, frames[i % 1024], PAYLOAD_LEN);
      pos += PAYLOAD_LEN;
    }
  /* Keep the copies observable so they are not optimized away. */
  g_assert (flat[0] == '[');
  g_free (flat);
  return N_APPENDS / ((g_get_monotonic_time () - start) / 1e6);
}

static double
bench_gbytes (char frames[][PAYLOAD_LEN + 1])
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 start = g_get_monotonic_time ();

  for (guint64 i = 0; i < N_APPENDS; i++)
    {
      if (all->len == 1000000)
        g_ptr_array_remove_range (all, 0, 50000);
      g_ptr_array_add (all, g_bytes_new (frames[i % 1024], PAYLOAD_LEN));
    }
  return N_APPENDS / ((g_get_monotonic_time () - start) / 1e6);
}

/* A view reads rows anywhere (scrolling, search results): random reads, payload touched. */
static double
bench_peek (SockMessageLog *log)
{
  guint64 first = sock_message_log_get_first_seq (log);
  guint n = sock_message_log_get_n_retained (log);
  guint64 sum = 0;
  guint32 x = 12345;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 1000000; i++)
    {
      SockLogEntry e;
      const guint8 *raw;
      gsize len;

      x = x * 1664525 + 1013904223;
      if (!sock_message_log_peek (log, first + x % n, &e, &raw, &len))
        g_error ("a retained row could not be read");
      sum += raw[len / 2] + e.type;
    }
  g_assert (sum > 0);
  return (g_get_monotonic_time () - start) * 1000.0 / 1000000;
}

int
main (int   argc,
      char *argv[])
{
  static char frames[1024][PAYLOAD_LEN + 1];
  guint32 topics[N_TOPICS];
  SockMessageLog *log;
  gsize rss_before, rss_after;
  gint64 start, elapsed;
  double rate, floor_rate, gbytes_rate, per_message, peek_ns;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    make_frame (frames[i], i);
  floor_rate = bench_floor (frames);
  gbytes_rate = bench_gbytes (frames);

  rss_before = rss_bytes ();
  log = sock_message_log_new ();
  for (guint i = 0; i < N_TOPICS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("com.example.feed.topic%u", i);

      topics[i] = sock_message_log_intern_uri (log, uri, -1);
    }

  start = g_get_monotonic_time ();
  for (guint64 i = 0; i < N_APPENDS; i++)
    {
      SockLogEntry e = {
        .time_us = start + (gint64) i,
        .request_id = i,
        .second_id = i % N_TOPICS,
        .uri = topics[i % N_TOPICS],
        .direction = SOCK_LOG_DIRECTION_IN,
        .kind = SOCK_LOG_KIND_WAMP2,
        .type = 36,
      };

      sock_message_log_append (log, &e, (const guint8 *) frames[i % 1024], PAYLOAD_LEN);
      /* What a GUI tick does 60 times a second; here every 1000 messages. */
      if (i % 1000 == 0)
        sock_message_log_flush (log);
    }
  elapsed = g_get_monotonic_time () - start;
  rss_after = rss_bytes ();

  n = sock_message_log_get_n_retained (log);
  peek_ns = bench_peek (log);
  rate = N_APPENDS / (elapsed / 1e6);
  per_message = (double) (rss_after - rss_before) / n;

  printf ("appends: %u of %u-byte frames in %.3f s\n", N_APPENDS, PAYLOAD_LEN, elapsed / 1e6);
  printf ("appends/s: %.0f (target >= 100000)\n", rate);
  printf ("baseline memcpy into a flat buffer: %.0f/s (log at %.2f of it)\n",
          floor_rate, rate / floor_rate);
  printf ("baseline GBytes per message: %.0f/s (log at %.2fx of it)\n",
          gbytes_rate, rate / gbytes_rate);
  printf ("retained: %u, dropped: %" G_GUINT64_FORMAT ", first seq: %" G_GUINT64_FORMAT "\n",
          n, sock_message_log_get_dropped (log), sock_message_log_get_first_seq (log));
  printf ("random peek of a retained row: %.0f ns\n", peek_ns);
  printf ("RSS growth: %.1f MiB, %.1f bytes/message\n",
          (rss_after - rss_before) / 1048576.0, per_message);
  printf ("overhead bytes/message: %.1f (target <= 160)\n", per_message - PAYLOAD_LEN);

  g_object_unref (log);
  return rate >= 100000 && per_message - PAYLOAD_LEN <= 160 ? 0 : 1;
}
