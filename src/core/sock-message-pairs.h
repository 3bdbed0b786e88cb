/* sock-message-pairs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which message answers which, as a log records them: WAMP v2 CALL and RESULT (progressive
 * ones too) or ERROR, SUBSCRIBE/SUBSCRIBED, UNSUBSCRIBE/UNSUBSCRIBED, an acknowledged
 * PUBLISH/PUBLISHED, REGISTER/REGISTERED, UNREGISTER/UNREGISTERED, INVOCATION/YIELD, HELLO (or
 * AUTHENTICATE) and WELCOME, ABORT or CHALLENGE, GOODBYE and its echo; WAMP v1 CALL and
 * CALLRESULT or CALLERROR. The log feeds every message it appends (sock_message_pairs_observe);
 * views ask about one message (sock_message_pairs_lookup).
 *
 * Cheap under a flood: a message that is neither a request nor an answer costs one switch; a
 * request is one insert into a fixed open-addressing table of pending requests (the oldest is
 * forgotten when it is full), an answer one lookup and one record in a fixed ring of pairs.
 * Nothing allocates after the first request, and the log is never scanned. Only a lookup of a
 * request's answer walks the ring of pairs (bounded; on a click).
 */

#pragma once

#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_MESSAGE_PAIRS_MAX_PENDING 4096
#define SOCK_MESSAGE_PAIRS_MAX_PAIRS   32768

typedef enum
{
  SOCK_PAIR_NONE,       /* neither a request nor an answer (or no longer known) */
  SOCK_PAIR_PENDING,    /* a request still waiting: n_progress progressive results so far */
  SOCK_PAIR_ANSWERED,   /* a request: answered by other_seq after elapsed_us */
  SOCK_PAIR_ANSWER,     /* the final answer to other_seq, elapsed_us after it */
  SOCK_PAIR_PROGRESS,   /* progressive result number n_progress for other_seq */
  SOCK_PAIR_UNMATCHED,  /* an answer to a request the log does not know (never seen, or forgotten) */
  SOCK_PAIR_UNANSWERED, /* a request the pending table forgot (full, or a new session began) */
} SockPairRole;

typedef struct
{
  SockPairRole role;
  guint64      other_seq;
  gint64       elapsed_us;   /* from the request to this answer (ANSWERED: to its answer) */
  guint        n_progress;
  gboolean     error;        /* the answer is an ERROR, ABORT or CALLERROR */
} SockMessagePair;

typedef struct _SockMessagePairs SockMessagePairs;

SockMessagePairs *sock_message_pairs_new     (guint                    max_pending,
                                              guint                    max_pairs);
void              sock_message_pairs_free    (SockMessagePairs        *self);
/* Forgets everything (a cleared log). */
void              sock_message_pairs_clear   (SockMessagePairs        *self);
/* Message seq was appended (in order of seq). raw is the frame, in JSON, MessagePack or CBOR as
 * entry's flags say: the failed request's type of an ERROR, whether a RESULT or YIELD is
 * progressive, whether a PUBLISH asks for an acknowledgement are read in it (a MessagePack or CBOR
 * frame of those types is decoded for that, never an event). */
void              sock_message_pairs_observe (SockMessagePairs        *self,
                                              guint64                  seq,
                                              const SockLogEntry      *entry,
                                              const guint8            *raw,
                                              gsize                    len);
/* What message seq (whose record is entry) is to others. */
void              sock_message_pairs_lookup  (SockMessagePairs        *self,
                                              guint64                  seq,
                                              const SockLogEntry      *entry,
                                              SockMessagePair         *out);
/* Pending requests now (for tests and the fuzzer: never above max_pending). */
guint             sock_message_pairs_get_n_pending (SockMessagePairs  *self);

/* The log's pairs (sock-message-log.c), fed by its appends; transfer none. */
SockMessagePairs *sock_message_log_get_pairs (SockMessageLog          *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockMessagePairs, sock_message_pairs_free)

G_END_DECLS
