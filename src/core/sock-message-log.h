/* sock-message-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every frame in or out of one connection, kept as a compact ring: fixed-size records and one
 * ring of payload bytes, with caps on both. Appending allocates nothing per message; the head is
 * evicted in chunks (5% of a cap at once) so that views see few, large removals.
 *
 * Threading: a log is a plain single-thread object. Append from the thread that owns it (the
 * connection's thread in the CLI). A GUI that runs a connection on a worker thread keeps the log
 * on the UI thread and hands the records over in one batch per frame.
 *
 * Views never hear about single messages: appends and evictions accumulate until the owner calls
 * sock_message_log_flush() (once per frame or tick), which emits "changed" at most once.
 */

#pragma once

#include <gio/gio.h>

#include "sock-wamp-serializer.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_LOG_DIRECTION_IN,
  SOCK_LOG_DIRECTION_OUT,
  SOCK_LOG_DIRECTION_LOCAL,
} SockLogDirection;

typedef enum
{
  SOCK_LOG_KIND_WAMP1,
  SOCK_LOG_KIND_WAMP2,
  SOCK_LOG_KIND_TEXT,
  SOCK_LOG_KIND_BINARY,
  SOCK_LOG_KIND_MARKER,
  SOCK_LOG_KIND_PROTOCOL_ERROR,
} SockLogKind;

typedef enum
{
  SOCK_LOG_FLAG_NONE           = 0,
  SOCK_LOG_FLAG_BINARY         = 1 << 0,
  SOCK_LOG_FLAG_PROTOCOL_ERROR = 1 << 1,
  /* The payload kept is shorter than the frame (see SockLogEntry.size). */
  SOCK_LOG_FLAG_TRUNCATED      = 1 << 2,
  /* A WAMP v2 message kept in the bytes it had on the wire, MessagePack or CBOR: readers show
   * its JSON form (sock_log_entry_dup_json()) and the bytes as hex. */
  SOCK_LOG_FLAG_MSGPACK        = 1 << 3,
  SOCK_LOG_FLAG_CBOR           = 1 << 4,
} SockLogFlags;

#define SOCK_LOG_FLAG_SERIALIZED (SOCK_LOG_FLAG_MSGPACK | SOCK_LOG_FLAG_CBOR)

#define SOCK_TYPE_LOG_DIRECTION (sock_log_direction_get_type ())
#define SOCK_TYPE_LOG_KIND (sock_log_kind_get_type ())
GType sock_log_direction_get_type (void);
GType sock_log_kind_get_type (void);

/* The decoded summary of one message, as the session computed it once. */
typedef struct
{
  gint64   time_us;     /* wall clock at receipt (g_get_real_time ()) */
  guint64  request_id;  /* WAMP request id, 0 when none */
  guint64  second_id;   /* subscription, publication or registration id, 0 when none */
  guint32  uri;         /* from sock_message_log_intern_uri (), 0 when none */
  guint32  size;        /* frame size on the wire; 0 means "the payload's length" */
  guint8   direction;   /* SockLogDirection */
  guint8   kind;        /* SockLogKind */
  guint8   type;        /* message type code (e.g. the WAMP type number), 0 when none */
  guint8   flags;       /* SockLogFlags */
} SockLogEntry;

/* Defaults of the caps. */
#define SOCK_MESSAGE_LOG_DEFAULT_MAX_MESSAGES 1000000
#define SOCK_MESSAGE_LOG_DEFAULT_MAX_BYTES    (512 * 1024 * 1024)

#define SOCK_TYPE_MESSAGE_LOG (sock_message_log_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageLog, sock_message_log, SOCK, MESSAGE_LOG, GObject)

typedef struct _SockMessageFilter SockMessageFilter;

SockMessageLog *sock_message_log_new                (void);

guint           sock_message_log_get_max_messages   (SockMessageLog      *self);
void            sock_message_log_set_max_messages   (SockMessageLog      *self,
                                                     guint                max_messages);
guint64         sock_message_log_get_max_bytes      (SockMessageLog      *self);
void            sock_message_log_set_max_bytes      (SockMessageLog      *self,
                                                     guint64              max_bytes);

/* FALSE: keep nothing, only count: appends number their messages (the end sequence number moves
 * on) and are dropped at once, without a "changed" per message. For a reader that never looks back,
 * such as the CLI, whose memory then does not grow with what it receives. TRUE by default; turning it
 * off clears what is kept. */
void            sock_message_log_set_retain         (SockMessageLog      *self,
                                                     gboolean             retain);
gboolean        sock_message_log_get_retain         (SockMessageLog      *self);

/* Returns the message's sequence number (from 0, never reused). A payload longer than the byte
 * cap is cut to it and flagged SOCK_LOG_FLAG_TRUNCATED. */
guint64         sock_message_log_append             (SockMessageLog      *self,
                                                     const SockLogEntry  *entry,
                                                     const guint8        *raw,
                                                     gsize                len);
/* A local note in the log, e.g. "reconnected: 12 messages may be missing". */
guint64         sock_message_log_append_marker      (SockMessageLog      *self,
                                                     const char          *text);

guint           sock_message_log_get_n_retained     (SockMessageLog      *self);
guint64         sock_message_log_get_first_seq      (SockMessageLog      *self);
/* The sequence number the next append will get. */
guint64         sock_message_log_get_end_seq        (SockMessageLog      *self);
guint64         sock_message_log_get_dropped        (SockMessageLog      *self);
guint64         sock_message_log_get_payload_bytes  (SockMessageLog      *self);

/* FALSE when seq was evicted or not appended yet. *raw stays valid until the next append, clear
 * or cap change. out, raw and len may be NULL. */
gboolean        sock_message_log_peek               (SockMessageLog      *self,
                                                     guint64              seq,
                                                     SockLogEntry        *out,
                                                     const guint8       **raw,
                                                     gsize               *len);

/* Forgets every message (they are not counted as dropped); sequence numbers go on and
 * interned URIs stay valid. */
void            sock_message_log_clear              (SockMessageLog      *self);

/* Index of uri in the log's string pool (len -1: NUL-terminated). 0 for NULL or "". The pool
 * lives as long as the log, so indexes stay valid across eviction and clear. */
guint32         sock_message_log_intern_uri         (SockMessageLog      *self,
                                                     const char          *uri,
                                                     gssize               len);
/* NULL for 0 or an unknown index. */
const char     *sock_message_log_get_uri            (SockMessageLog      *self,
                                                     guint32              index);

/* Emits "changed" (guint removed_from_head, guint added) if anything changed since the last
 * flush. Cheap: call it once per frame or tick. */
void            sock_message_log_flush              (SockMessageLog      *self);
/* The window last announced by "changed": what views show. */
guint64         sock_message_log_get_notified_first (SockMessageLog      *self);
guint64         sock_message_log_get_notified_end   (SockMessageLog      *self);

/* JSON Lines, one message a line (see sock-message-log-io.c for the fields). filter NULL
 * exports everything. The rows are copied when the call is made, so appends may go on. */
gboolean        sock_message_log_export             (SockMessageLog      *self,
                                                     SockMessageFilter   *filter,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void            sock_message_log_export_async       (SockMessageLog      *self,
                                                     SockMessageFilter   *filter,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        sock_message_log_export_finish      (SockMessageLog      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* One message as the export writes its line, without the newline; NULL when seq was evicted
 * or not appended yet. */
/* Messages to or from the peer (not local notes) retained and not yet in a whole-log export
 * (filter NULL), for "close without exporting?". */
guint           sock_message_log_count_unexported   (SockMessageLog      *self);
char           *sock_message_log_format_line        (SockMessageLog      *self,
                                                     guint64              seq);

/* What an import reads at most: a line (one message, its payload base64 or escaped) and the file. */
#define SOCK_LOG_IMPORT_MAX_LINE (128 << 20)
#define SOCK_LOG_IMPORT_MAX_FILE (G_GINT64_CONSTANT (4) << 30)

/* Appends the messages of a JSON Lines file. All or nothing: a corrupt or truncated file gives
 * SOCK_ERROR_INVALID_JSON naming the line (also for a line nested deeper than SOCK_JSON_MAX_DEPTH or
 * longer than SOCK_LOG_IMPORT_MAX_LINE), and the log is left as it was. */
gboolean        sock_message_log_import             (SockMessageLog      *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void            sock_message_log_import_async       (SockMessageLog      *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        sock_message_log_import_finish      (SockMessageLog      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* SOCK_LOG_FLAG_MSGPACK, _CBOR, or 0 for JSON. */
guint8          sock_log_flags_for_serializer       (SockWampSerializer   serializer);
/* The serializer of a record's payload (JSON unless flagged). */
SockWampSerializer sock_log_flags_get_serializer    (guint8               flags);
/* A record kept in MessagePack or CBOR: its payload as compact JSON text (binary strings as
 * "\u0000" + base64, big integers exact). NULL for any other record, or (with error) when the
 * bytes do not transcode. */
char           *sock_log_entry_dup_json             (const SockLogEntry  *entry,
                                                     const guint8        *raw,
                                                     gsize                len,
                                                     GError             **error);

const char     *sock_log_direction_to_string        (SockLogDirection     direction);
const char     *sock_log_kind_to_string             (SockLogKind          kind);

G_END_DECLS
