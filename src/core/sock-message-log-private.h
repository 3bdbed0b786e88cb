/* sock-message-log-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of SockMessageLog (the ring, its string pool, its JSON Lines files).
 */

#pragma once

#include "sock-message-log.h"
#include "sock-message-pairs.h"

G_BEGIN_DECLS

/* One message: 48 bytes, no pointers. The payload lives in the arena at an absolute offset
 * (bytes ever reserved), which stays valid when the arena grows or wraps. */
typedef struct
{
  gint64  time_us;
  guint64 request_id;
  guint64 second_id;
  guint64 offset;
  guint32 uri;
  guint32 size;
  guint32 length;
  guint8  direction;
  guint8  kind;
  guint8  type;
  guint8  flags;
} Record;

G_STATIC_ASSERT (sizeof (Record) == 48);

struct _SockMessageLog
{
  GObject parent_instance;

  guint max_messages;
  guint64 max_bytes;
  gboolean count_only;    /* sock_message_log_set_retain (FALSE) */

  /* Record ring: n records from index head, the first one numbered first_seq. */
  Record *recs;
  guint rec_cap;
  guint head;
  guint n;
  guint64 first_seq;
  guint64 dropped;

  /* Payload ring: bytes at absolute offsets [head_abs, write_abs) are in use (gaps included,
   * left where a payload would have straddled the end); offset a lives at (a - base) % cap. */
  guint8 *arena;
  guint64 arena_cap;
  guint64 base;
  guint64 head_abs;
  guint64 write_abs;
  guint64 payload_bytes;

  GStringChunk *uri_chunk;
  GHashTable *uri_index;
  GPtrArray *uris;

  guint64 notified_first;
  guint64 notified_end;

  SockMessagePairs *pairs;  /* which message answers which, fed by every append */
  guint64 exported_end;   /* end seq of the last whole-log export */
};

/* The JSON Lines import without the file: every line of data into staging (a fresh log), or an
 * error naming the line. The fuzz harness calls it. */
gboolean _sock_message_log_import_data (SockMessageLog  *staging,
                                        const char      *data,
                                        gsize            size,
                                        const char      *name,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
