/* sock-cli-target.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection `watch` keeps open, and what the exporter reports on it beyond the connection's own
 * statistics: events and the newest event's time per concrete topic (at most max_topics distinct
 * topics; the rest are counted under SOCK_CLI_TOPIC_OVERFLOW), reconnects, handshake failures by
 * diagnosis id, and the synthetic checks.
 */

#pragma once

#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_CLI_TOPIC_OVERFLOW "__other__"
#define SOCK_CLI_DEFAULT_MAX_TOPICS 100

typedef struct
{
  guint64 events;
  gint64  last_us;   /* wall clock of the newest event */
} SockCliTopicStats;

typedef struct _SockCliCheck SockCliCheck;

typedef struct
{
  char              *name;           /* the connection label: never a secret */
  SockConnection    *connection;
  GHashTable        *topics;         /* char * → SockCliTopicStats * */
  SockCliTopicStats  overflow;
  guint              max_topics;
  const char        *last_key;       /* the topic of the previous event, a key of topics */
  SockCliTopicStats *last_stats;
  guint64            reconnects;
  GHashTable        *handshake_failures; /* diagnosis id → GUINT_TO_POINTER (count) */
  GPtrArray         *checks;         /* SockCliCheck * */
  guint              retry;          /* the next first-open attempt, while it never joined */
  guint              retry_backoff;
  int                last_state;
  GCancellable      *cancellable;    /* the first open's; "target" data: this, until freed */
} SockCliTarget;

/* Takes over connection; name must hold no secret. Opens it and keeps it open. */
SockCliTarget *sock_cli_target_new   (const char     *name,
                                      SockConnection *connection,
                                      guint           max_topics);
void           sock_cli_target_free  (SockCliTarget  *self);
/* 1 while joined: a connection that stopped answering pings counts as down. */
gboolean       sock_cli_target_is_up (SockCliTarget  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockCliTarget, sock_cli_target_free)

G_END_DECLS
