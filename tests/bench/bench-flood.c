/* bench-flood.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../test-ws-server.h"
#include "bench-flood.h"
#include "sock-wamp-message.h"

#define BATCH 2048

struct _BenchFlood
{
  TestWsListener *listener;
  clockid_t cpu_clock;     /* the listener thread's CPU time */
  gint      has_cpu_clock;
  gint      stopping;
  guint     rate;
  guint64   total;
  guint64   sent;
  GMutex    mutex;
  gint64    step_us;
  gboolean  ticks;         /* BENCH_FLOOD_STEP_MS given: send in ticks of step_us */
};

/* Answers a ping with its payload; TRUE unless the socket failed. */
static gboolean
pong (GSocket *socket,
      GString *ping)
{
  g_autoptr(GString) frame = g_string_new (NULL);

  test_ws_append_frame (frame, 0xA, ping->str, MIN (ping->len, 125));
  return test_ws_write_all (socket, frame->str, frame->len);
}

/* Reads the client's next data frame into out, answering its pings on the way (the client pings
 * as soon as it has connected, then every keepalive interval); FALSE on EOF or a close. */
static gboolean
read_message (GSocket *socket,
              GString *out)
{
  for (;;)
    {
      int opcode = test_ws_read_frame (socket, out);

      if (opcode < 0 || opcode == 0x8 || (opcode == 0x9 && !pong (socket, out)))
        return FALSE;
      if (opcode != 0x9 && opcode != 0xA)
        return TRUE;
    }
}

/* Between batches of the flood: answers the pings the client sent meanwhile; FALSE once it
 * closed. */
static gboolean
answer_client (GSocket *socket,
               GString *scratch)
{
  while (g_socket_condition_check (socket, G_IO_IN) != 0)
    {
      int opcode = test_ws_read_frame (socket, scratch);

      if (opcode < 0 || opcode == 0x8 || (opcode == 0x9 && !pong (socket, scratch)))
        return FALSE;
    }

  return TRUE;
}

/* Answers HELLO and SUBSCRIBE; returns once the client has subscribed. */
static gboolean
handshake_wamp (GSocket *socket)
{
  g_autoptr(GString) frame = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  while (read_message (socket, frame))
    {
      SockWampMessage message;
      g_autofree char *reply = NULL;

      if (!sock_wamp_decode (SOCK_WAMP_V2, frame->str, frame->len, &message, NULL))
        return FALSE;

      if (message.type == SOCK_WAMP_HELLO)
        reply = g_strdup ("[2,4711,{\"agent\":\"bench flood\",\"roles\":{\"broker\":{},\"dealer\":{}}}]");
      else if (message.type == SOCK_WAMP_SUBSCRIBE)
        reply = g_strdup_printf ("[33,%" G_GINT64_FORMAT ",1]", message.request_id);
      sock_wamp_message_clear (&message);

      if (reply != NULL)
        {
          g_string_truncate (out, 0);
          test_ws_append_frame (out, 0x1, reply, strlen (reply));
          if (!test_ws_write_all (socket, out->str, out->len))
            return FALSE;
          if (g_str_has_prefix (reply, "[33,"))
            return TRUE;
        }
    }

  return FALSE;
}

static void
flood (BenchFlood *self,
       GSocket    *socket)
{
  g_autoptr(GString) out = g_string_sized_new (BATCH * 120);
  g_autoptr(GString) scratch = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  guint64 sent = 0;
  char payload[160];

  while (sent < self->total && !g_atomic_int_get (&self->stopping))
    {
      guint64 n = MIN (BATCH, self->total - sent);

      if (self->rate > 0 && self->ticks)
        {
          /* in ticks: each step_us, the events of the step in one write */
          gint64 elapsed = g_get_monotonic_time () - start;
          guint64 allowed = (guint64) ((elapsed / self->step_us + 1) * self->step_us / 1e6 * self->rate);

          if (sent >= allowed)
            {
              g_usleep ((elapsed / self->step_us + 1) * self->step_us - elapsed);
              continue;
            }
          n = MIN (n, allowed - sent);
        }
      else if (self->rate > 0)
        {
          /* pace: never run ahead of rate × elapsed, in steps of step_us, sleeping in between (a
           * busy pacer would compete with the client for this machine's two cores) */
          gint64 elapsed = g_get_monotonic_time () - start;
          guint64 per_step = MAX (1, (guint64)self->rate * self->step_us / G_USEC_PER_SEC);
          guint64 allowed = (guint64)(elapsed / 1e6 * self->rate) + per_step;

          if (sent >= allowed)
            {
              gint64 due = (gint64)((sent + 1 - per_step) * 1e6 / self->rate);

              g_usleep (CLAMP (due - elapsed, 200, self->step_us));
              continue;
            }
          n = MIN (n, allowed - sent);
        }

      g_string_truncate (out, 0);
      for (guint64 i = 0; i < n; i++)
        {
          int len = snprintf (payload, sizeof payload,
                              "[36,1,%" G_GUINT64_FORMAT ",{},[%" G_GUINT64_FORMAT ",\"cpu\",0.42],"
                              "{\"host\":\"bench-%02u\",\"unit\":\"percent\",\"pad\":\"xxxxxxxx\"}]",
                              1000000 + sent + i, sent + i, (guint)((sent + i) % 100));
          test_ws_append_frame (out, 0x1, payload, len);
        }
      if (!test_ws_write_all (socket, out->str, out->len) || !answer_client (socket, scratch))
        return;
      sent += n;
      g_mutex_lock (&self->mutex);
      self->sent = sent;
      g_mutex_unlock (&self->mutex);
    }

  /* a normal close */
  g_string_truncate (out, 0);
  test_ws_append_frame (out, 0x8, "\x03\xe8", 2);
  test_ws_write_all (socket, out->str, out->len);
}

/* One connection, on the listener's thread: the upgrade, the WAMP handshake, the flood. */
static void
serve (GSocket  *socket,
       gpointer  user_data)
{
  BenchFlood *self = user_data;
  g_autoptr(GString) rest = g_string_new (NULL);

  if (!g_atomic_int_get (&self->has_cpu_clock) && pthread_getcpuclockid (pthread_self (), &self->cpu_clock) == 0)
    g_atomic_int_set (&self->has_cpu_clock, 1);
  g_mutex_lock (&self->mutex);
  self->sent = 0;
  g_mutex_unlock (&self->mutex);
  if (test_ws_upgrade (socket, "wamp.2.json") && handshake_wamp (socket))
    flood (self, socket);
  /* wait for the client's close before dropping the socket */
  g_socket_set_timeout (socket, 5);
  while (read_message (socket, rest))
    ;
}

BenchFlood *
bench_flood_new (guint   rate,
                 guint64 total)
{
  BenchFlood *self = g_new0 (BenchFlood, 1);

  self->rate = rate;
  self->total = total;
  /* BENCH_FLOOD_STEP_MS=N: the paced flood goes out in ticks of N ms, each tick's events in one
   * write, as a router publishes. Without it, the source writes as soon as an event is due, but
   * sleeps at least 200 µs in between: two or three events per write at 10k events/s, each write
   * a wakeup of the client. */
  self->ticks = g_getenv ("BENCH_FLOOD_STEP_MS") != NULL;
  self->step_us = (self->ticks ? g_ascii_strtoll (g_getenv ("BENCH_FLOOD_STEP_MS"), NULL, 10) : 10) * 1000;
  self->step_us = CLAMP (self->step_us, 1000, 100000);
  self->listener = test_ws_listener_new (0, "bench-flood", serve, self);
  g_assert (self->listener != NULL);

  return self;
}

guint
bench_flood_get_port (BenchFlood *self)
{
  return self->listener->port;
}

char *
bench_flood_dup_url (BenchFlood *self)
{
  return g_strdup_printf ("ws://127.0.0.1:%u/ws", self->listener->port);
}

guint64
bench_flood_get_sent (BenchFlood *self)
{
  guint64 sent;

  g_mutex_lock (&self->mutex);
  sent = self->sent;
  g_mutex_unlock (&self->mutex);

  return sent;
}

void
bench_flood_set_rate (BenchFlood *self,
                      guint       rate,
                      guint64     total)
{
  /* read by the next connection's flood loop */
  self->rate = rate;
  self->total = total;
}

/* CPU time the source's thread has taken so far (ns); 0 before its first connection. */
gint64
bench_flood_get_cpu_ns (BenchFlood *self)
{
  struct timespec ts;

  if (!g_atomic_int_get (&self->has_cpu_clock) || clock_gettime (self->cpu_clock, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
bench_flood_free (BenchFlood *self)
{
  g_atomic_int_set (&self->stopping, 1);
  test_ws_listener_free (self->listener);
  g_free (self);
}
