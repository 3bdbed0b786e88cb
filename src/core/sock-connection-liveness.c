/* sock-connection-liveness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether the server still answers: WebSocket pings sent and timed here (libsoup's own
 * keepalive cannot be timed), the round trip of their pongs, and the not-responding state with
 * its way back. The rules are in sock-connection.h.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sock-connection-private.h"

#define PING_PREFIX "sockscope-ping "

struct _SockLiveness
{
  GSource  *tick;            /* every keepalive interval */
  GSource  *pong_deadline;   /* the outstanding ping's */
  GSource  *grace;           /* not responding: the last chance before the connection is dropped */
  guint64   seq;             /* of the last ping sent */
  gint64    sent_at;         /* monotonic, of the last ping sent */
  gboolean  outstanding;     /* the last ping waits for its pong */
  guint64   frames_at_ping;  /* frames received when the last ping went */
  guint64   frames_at_tick;
  gint64    heard_at;        /* monotonic: when a frame or pong was last seen (tick resolution) */
  gboolean  pong_seen;       /* on this WebSocket */
  gboolean  no_pings;        /* the server answers no ping: the silence rule applies */
  gboolean  no_pings_said;   /* in the log, once per WebSocket */
  gint64    since;           /* monotonic: when not responding began */
  char     *gave_up;         /* why the connection was dropped */

  gint64    samples[SOCK_RTT_WINDOW];
  guint     n_samples;       /* ever */
  gint64    last_rtt;
};

SockLiveness *
_sock_liveness_new (void)
{
  SockLiveness *liveness = g_new0 (SockLiveness, 1);

  liveness->last_rtt = -1;
  return liveness;
}

static void
clear_timers (SockLiveness *liveness)
{
  _sock_connection_clear_source (&liveness->tick);
  _sock_connection_clear_source (&liveness->pong_deadline);
  _sock_connection_clear_source (&liveness->grace);
}

void
_sock_liveness_free (SockLiveness *liveness)
{
  clear_timers (liveness);
  g_free (liveness->gave_up);
  g_free (liveness);
}

static guint
keepalive_ms (SockConnection *self)
{
  return sock_profile_get_keepalive_interval (sock_transport_get_profile (self->transport)) * 1000;
}

static guint
pong_timeout_ms (SockConnection *self)
{
  return MAX (sock_profile_get_pong_timeout_ms (sock_transport_get_profile (self->transport)), 1);
}

static guint64
frames_in (SockConnection *self)
{
  return sock_transport_get_frames_in (self->transport);
}

static gboolean pong_deadline_cb (gpointer data);

static void
send_ping (SockConnection *self)
{
  SockLiveness *liveness = self->liveness;
  g_autofree char *payload = g_strdup_printf (PING_PREFIX "%" G_GUINT64_FORMAT, liveness->seq + 1);

  if (!sock_transport_send_ping (self->transport, (const guint8 *)payload, strlen (payload), NULL))
    return;
  liveness->seq++;
  liveness->sent_at = g_get_monotonic_time ();
  liveness->outstanding = TRUE;
  liveness->frames_at_ping = frames_in (self);
  _sock_connection_clear_source (&liveness->pong_deadline);
  liveness->pong_deadline = _sock_connection_timeout (self, pong_timeout_ms (self), pong_deadline_cb);
}

/* Not responding */

static gboolean
grace_cb (gpointer data)
{
  SockConnection *self = data;
  SockLiveness *liveness = self->liveness;
  g_autofree char *within = _sock_format_ms ((guint)((g_get_monotonic_time () - liveness->since) / 1000));

  g_clear_pointer (&liveness->grace, g_source_unref);
  g_free (liveness->gave_up);
  liveness->gave_up = g_strdup (self->close_reason);
  {
    g_autofree char *text = g_strdup_printf (_("still no answer after %s: dropping the connection"), within);
    sock_message_log_append_marker (self->log, text);
  }
  /* a frozen server never answers a close frame: do not wait for one */
  sock_transport_abort (self->transport, liveness->gave_up);
  return G_SOURCE_REMOVE;
}

static void
not_responding (SockConnection *self,
                const char     *reason)
{
  SockLiveness *liveness = self->liveness;

  if (self->state != SOCK_CONNECTION_JOINED)
    return;
  sock_stats_record_error (sock_connection_get_stats (self), SOCK_STATS_ERROR_TIMEOUT, NULL);
  liveness->since = g_get_monotonic_time ();
  /* the words first: whoever follows the state reads them on its notify */
  _sock_connection_set_close_reason (self, reason);
  _sock_connection_set_state (self, SOCK_CONNECTION_NOT_RESPONDING);
  sock_message_log_append_marker (self->log, reason);
  /* one more chance: a pong or any frame within another pong timeout brings it back */
  liveness->frames_at_tick = frames_in (self);
  _sock_connection_clear_source (&liveness->grace);
  liveness->grace = _sock_connection_timeout (self, pong_timeout_ms (self), grace_cb);
  liveness->outstanding = FALSE;
  send_ping (self);
}

static void
responding_again (SockConnection *self)
{
  SockLiveness *liveness = self->liveness;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;

  liveness->heard_at = g_get_monotonic_time ();
  if (self->state != SOCK_CONNECTION_NOT_RESPONDING)
    return;
  _sock_connection_clear_source (&liveness->grace);
  after = _sock_format_ms ((guint)((g_get_monotonic_time () - liveness->since) / 1000));
  text = g_strdup_printf (_("the server answers again (after %s)"), after);
  sock_message_log_append_marker (self->log, text);
  _sock_connection_set_close_reason (self, NULL);
  _sock_connection_set_state (self, SOCK_CONNECTION_JOINED);
}

void
_sock_liveness_heard (SockConnection *self)
{
  if (self->liveness != NULL)
    responding_again (self);
}

/* Rules */

static void
note_no_pings (SockConnection *self)
{
  SockLiveness *liveness = self->liveness;
  g_autofree char *text = NULL;
  g_autofree char *bound = NULL;

  if (liveness->no_pings)
    return;
  liveness->no_pings = TRUE;
  if (liveness->no_pings_said)
    return;
  liveness->no_pings_said = TRUE;
  bound = _sock_format_ms (keepalive_ms (self) + pong_timeout_ms (self));
  /* RawSocket has PING/PONG frames of its own */
  if (sock_url_is_rawsocket (sock_profile_get_url (sock_transport_get_profile (self->transport))))
    text = g_strdup_printf (_("The server answers no RawSocket ping, although other frames arrive: it now counts "
                              "as not responding only when nothing at all arrives for %s while a request waits "
                              "for an answer"), bound);
  else
    text = g_strdup_printf (_("The server answers no WebSocket ping, although other frames arrive: it now counts "
                              "as not responding only when nothing at all arrives for %s while a request waits "
                              "for an answer"), bound);
  sock_message_log_append_marker (self->log, text);
}

/* The server that answers no ping: silent for keepalive + pong timeout with a request waiting. */
static void
check_silence (SockConnection *self)
{
  SockLiveness *liveness = self->liveness;
  guint bound = keepalive_ms (self) + pong_timeout_ms (self);
  guint waiting = self->session ? _sock_session_get_n_waiting (self->session) : 0;
  g_autofree char *within = NULL;
  g_autofree char *text = NULL;

  if (waiting == 0 || g_get_monotonic_time () - liveness->heard_at < (gint64)bound * 1000)
    return;
  within = _sock_format_ms (bound);
  text = g_strdup_printf (ngettext ("Nothing arrived for %s while %u request waits for an answer: the server is "
                                    "not responding",
                                    "Nothing arrived for %s while %u requests wait for an answer: the server is "
                                    "not responding", waiting), within, waiting);
  not_responding (self, text);
}

static gboolean
pong_deadline_cb (gpointer data)
{
  SockConnection *self = data;
  SockLiveness *liveness = self->liveness;
  g_autofree char *within = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&liveness->pong_deadline, g_source_unref);
  if (!liveness->outstanding)
    return G_SOURCE_REMOVE;
  liveness->outstanding = FALSE;

  if (frames_in (self) != liveness->frames_at_ping)
    {
      /* the server is alive; a pong behind a backlog may just be late */
      liveness->heard_at = g_get_monotonic_time ();
      if (!liveness->pong_seen)
        note_no_pings (self);
      return G_SOURCE_REMOVE;
    }
  if (liveness->no_pings)
    {
      check_silence (self);
      return G_SOURCE_REMOVE;
    }
  if (self->state == SOCK_CONNECTION_NOT_RESPONDING)
    return G_SOURCE_REMOVE;  /* the grace timer decides */

  within = _sock_format_ms (pong_timeout_ms (self));
  text = g_strdup_printf (_("No answer to a ping within %s: the server is not responding"), within);
  not_responding (self, text);
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer data)
{
  SockConnection *self = data;
  SockLiveness *liveness = self->liveness;
  guint64 frames = frames_in (self);

  if (frames != liveness->frames_at_tick)
    {
      liveness->frames_at_tick = frames;
      liveness->heard_at = g_get_monotonic_time ();
    }
  if (liveness->no_pings)
    check_silence (self);
  if (!liveness->outstanding && self->state != SOCK_CONNECTION_NOT_RESPONDING)
    send_ping (self);
  return G_SOURCE_CONTINUE;
}

void
_sock_liveness_start (SockConnection *self)
{
  SockLiveness *liveness = self->liveness;
  guint interval = keepalive_ms (self);

  clear_timers (liveness);
  g_clear_pointer (&liveness->gave_up, g_free);
  liveness->outstanding = FALSE;
  liveness->pong_seen = FALSE;
  liveness->frames_at_tick = 0;
  liveness->heard_at = g_get_monotonic_time ();
  if (interval == 0)
    return;
  /* what the server does with pings is learnt again for each WebSocket; so is the RTT's first
   * sample, right at the open */
  liveness->no_pings = FALSE;
  liveness->no_pings_said = FALSE;
  liveness->tick = _sock_connection_timeout (self, interval, tick_cb);
  send_ping (self);
}

void
_sock_liveness_stop (SockConnection *self)
{
  if (self->liveness != NULL)
    {
      clear_timers (self->liveness);
      self->liveness->outstanding = FALSE;
    }
}

const char *
_sock_liveness_gave_up (SockConnection *self)
{
  return self->liveness ? self->liveness->gave_up : NULL;
}

/* Pongs and their round trip */

static void
add_sample (SockConnection *self,
            gint64          rtt)
{
  SockLiveness *liveness = self->liveness;

  liveness->samples[liveness->n_samples % SOCK_RTT_WINDOW] = rtt;
  liveness->n_samples++;
  liveness->last_rtt = rtt;
  sock_stats_record_rtt (sock_connection_get_stats (self), rtt);
  g_object_notify (G_OBJECT (self), "rtt-us");
}

void
_sock_liveness_pong (SockConnection *self,
                     const guint8   *payload,
                     gsize           len)
{
  SockLiveness *liveness = self->liveness;
  char text[64];
  guint64 seq;

  liveness->pong_seen = TRUE;
  /* a pong after all (a slow one, behind a backlog): pings are the rule again */
  liveness->no_pings = FALSE;
  if (len > strlen (PING_PREFIX) && len < sizeof text)
    {
      memcpy (text, payload, len);
      text[len] = '\0';
      /* a pong to our last ping, even a late one, times it */
      if (g_str_has_prefix (text, PING_PREFIX) &&
          g_ascii_string_to_unsigned (text + strlen (PING_PREFIX), 10, 1, G_MAXUINT64, &seq, NULL) &&
          seq == liveness->seq && liveness->sent_at != 0)
        {
          add_sample (self, g_get_monotonic_time () - liveness->sent_at);
          liveness->sent_at = 0;
          liveness->outstanding = FALSE;
          _sock_connection_clear_source (&liveness->pong_deadline);
        }
    }
  responding_again (self);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

gint64
sock_connection_get_rtt_us (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), -1);
  return self->liveness->last_rtt;
}

gboolean
sock_connection_get_rtt (SockConnection *self,
                         SockRtt        *out)
{
  SockLiveness *liveness;
  gint64 sorted[SOCK_RTT_WINDOW];
  guint n;
  gint64 sum = 0;

  g_return_val_if_fail (SOCK_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  liveness = self->liveness;
  memset (out, 0, sizeof *out);
  if (liveness->n_samples == 0)
    return FALSE;
  n = MIN (liveness->n_samples, SOCK_RTT_WINDOW);
  memcpy (sorted, liveness->samples, n * sizeof (gint64));
  qsort (sorted, n, sizeof (gint64), compare_gint64);
  for (guint i = 0; i < n; i++)
    sum += sorted[i];
  out->n_samples = liveness->n_samples;
  out->last_us = liveness->last_rtt;
  out->min_us = sorted[0];
  out->mean_us = sum / n;
  /* nearest rank */
  out->p95_us = sorted[MIN (n - 1, (n * 95 + 99) / 100 - 1)];
  return TRUE;
}
