/* sock-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics of one connection over all its attempts: running totals (messages and bytes in
 * and out, errors by kind, WAMP errors by URI), a per-second ring of the last hour (the same
 * series, plus the round trip time), smoothed rates, and the list of state changes with their
 * reasons and close codes. Plain data with no GTK, for the window, the CLI, the metrics exporter
 * and tests. The connection feeds it once a second (sock_stats_tick()) and as things happen; nothing
 * here emits a signal per message.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SOCK_STATS_RING_SECONDS 3600

typedef enum
{
  SOCK_STATS_MESSAGES_IN,
  SOCK_STATS_MESSAGES_OUT,
  SOCK_STATS_BYTES_IN,
  SOCK_STATS_BYTES_OUT,
  SOCK_STATS_ERRORS,        /* all kinds */
  SOCK_STATS_RTT,           /* the mean round trip of the second, in microseconds; 0: none measured */
  SOCK_STATS_N_SERIES,
} SockStatsSeries;

typedef enum
{
  SOCK_STATS_ERROR_PROTOCOL,   /* a malformed or unexpected message */
  SOCK_STATS_ERROR_WAMP,       /* an ERROR / CALLERROR from the router (counted by URI too) */
  SOCK_STATS_ERROR_TIMEOUT,    /* a deadline passed: a pong or a WAMP answer did not come */
  SOCK_STATS_N_ERROR_KINDS,
} SockStatsErrorKind;

/* One change of the connection's state. */
typedef struct
{
  gint64      time_us;      /* wall clock */
  int         state;        /* a SockConnectionState */
  const char *state_name;   /* sock_connection_state_to_string () */
  const char *reason;       /* the connection's close reason then, or NULL */
  guint       close_code;   /* the transport's close code then; 0 none */
} SockStatsStateChange;

/* The WAMP error URIs counted one by one; further URIs count only in the kind's total. */
#define SOCK_STATS_MAX_ERROR_URIS 100

/* The state changes kept (the oldest are dropped beyond this). */
#define SOCK_STATS_MAX_STATE_CHANGES 1000

#define SOCK_TYPE_STATS (sock_stats_get_type ())

G_DECLARE_FINAL_TYPE (SockStats, sock_stats, SOCK, STATS, GObject)

SockStats   *sock_stats_new                  (void);

/* Feeding (the connection does). */
void         sock_stats_record_in            (SockStats          *self,
                                              guint64             messages,
                                              guint64             bytes);
void         sock_stats_record_out           (SockStats          *self,
                                              guint64             messages,
                                              guint64             bytes);
void         sock_stats_record_rtt           (SockStats          *self,
                                              gint64              us);
/* uri: for SOCK_STATS_ERROR_WAMP, the error URI (may be NULL). */
void         sock_stats_record_error         (SockStats          *self,
                                              SockStatsErrorKind  kind,
                                              const char         *uri);
void         sock_stats_record_state         (SockStats          *self,
                                              int                 state,
                                              const char         *state_name,
                                              const char         *reason,
                                              guint               close_code);
/* Closes the current second at now (g_get_monotonic_time ()), moving the ring on by the seconds
 * that passed (skipped seconds read 0), and samples the smoothed rates. */
void         sock_stats_tick                 (SockStats          *self,
                                              gint64              now);

/* Reading. Totals over the connection's life. For SOCK_STATS_RTT: the number of samples. */
guint64      sock_stats_get_total            (SockStats          *self,
                                              SockStatsSeries     series);
guint64      sock_stats_get_errors           (SockStats          *self,
                                              SockStatsErrorKind  kind);
guint64      sock_stats_get_wamp_errors      (SockStats          *self,
                                              const char         *uri);
/* The URIs of the WAMP errors counted, sorted. */
GStrv        sock_stats_dup_wamp_error_uris  (SockStats          *self);
/* How many seconds the ring holds (up to SOCK_STATS_RING_SECONDS); slot 0 is the current,
 * unfinished second. */
guint        sock_stats_get_n_seconds        (SockStats          *self);
/* The value of the second seconds_ago seconds before the current one; 0 outside the ring. */
guint64      sock_stats_get_second           (SockStats          *self,
                                              SockStatsSeries     series,
                                              guint               seconds_ago);
/* Messages per second in and out, smoothed over the last few seconds (0 soon after traffic stops). */
double       sock_stats_get_rate_in          (SockStats          *self);
double       sock_stats_get_rate_out         (SockStats          *self);
/* The last round trip measured, in microseconds; -1: none yet. */
gint64       sock_stats_get_last_rtt         (SockStats          *self);
guint        sock_stats_get_n_state_changes  (SockStats          *self);
/* The i-th change kept, oldest first; valid until the next change is recorded. */
const SockStatsStateChange *sock_stats_get_state_change (SockStats *self,
                                                         guint      i);

G_END_DECLS
