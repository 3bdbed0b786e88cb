/* sock-wamp-serializer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP v2 serializers. The codec (sock-wamp-message.h) reads JSON text; a
 * MessagePack or CBOR frame is transcoded once into compact JSON text and then
 * decoded like any JSON frame, so that the log, the details and the forms show
 * every serializer the same way. Binary strings become the JSON strings the
 * WAMP spec uses for them, "\u0000" followed by base64; integers keep their
 * exact value over the whole int64 / uint64 range (and CBOR's -2^64).
 *
 * Limits: containers nest at most SOCK_WAMP_SERIALIZER_MAX_DEPTH deep; a
 * declared length past the end of the frame, truncated data, bytes after the
 * message, invalid UTF-8 in a text string, map keys that are arrays or maps,
 * and MessagePack extension types are rejected with SOCK_ERROR_PROTOCOL and a
 * message in words that names the byte offset. Map keys that are numbers,
 * booleans, null or byte strings are written as JSON strings (1 -> "1"), as
 * JavaScript's decoders do.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_WAMP_SERIALIZER_MAX_DEPTH 128

typedef enum
{
  SOCK_WAMP_SERIALIZER_JSON,
  SOCK_WAMP_SERIALIZER_MSGPACK,
  SOCK_WAMP_SERIALIZER_CBOR,
} SockWampSerializer;

/* "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor" and their ".batched"
 * variants (@batched receives which). FALSE for anything else. */
gboolean     sock_wamp_serializer_from_subprotocol (const char          *subprotocol,
                                                    SockWampSerializer  *serializer,
                                                    gboolean            *batched);
const char  *sock_wamp_serializer_to_subprotocol   (SockWampSerializer   serializer,
                                                    gboolean             batched);
/* "JSON", "MessagePack", "CBOR" */
const char  *sock_wamp_serializer_get_name         (SockWampSerializer   serializer);
/* WebSocket binary frames (TRUE) or text frames. */
gboolean     sock_wamp_serializer_is_binary        (SockWampSerializer   serializer);

/* Appends one message as compact JSON text to @out. JSON is validated and
 * copied as it is. On error @out is restored to its former length. */
gboolean     sock_wamp_serializer_to_json          (SockWampSerializer   serializer,
                                                    const guint8        *data,
                                                    gsize                len,
                                                    GString             *out,
                                                    GError             **error);
/* Appends the encoding of one JSON document (as the builders write it) to
 * @out. Strings of the form "\u0000" + base64 become binary strings again;
 * integers within int64 / uint64 (CBOR: down to -2^64) stay integers, other
 * numbers become 64-bit floats (CBOR: the shortest float that keeps the
 * value). On error @out is restored to its former length. */
gboolean     sock_wamp_serializer_from_json        (SockWampSerializer   serializer,
                                                    const char          *json,
                                                    gsize                len,
                                                    GByteArray          *out,
                                                    GError             **error);

/* Batched variants. JSON messages each end with 0x1E; MessagePack and CBOR
 * messages each start with their length as a 32-bit big-endian integer.
 * Appends one message with its framing. */
void         sock_wamp_serializer_batch_append     (SockWampSerializer   serializer,
                                                    GByteArray          *out,
                                                    const guint8        *message,
                                                    gsize                len);
/* Takes the next message of a batched frame: @pos is where to read (0 at
 * first) and is advanced. Returns FALSE at the end (no error) or on a
 * truncated batch (error set). */
gboolean     sock_wamp_serializer_batch_next       (SockWampSerializer   serializer,
                                                    const guint8        *data,
                                                    gsize                len,
                                                    gsize               *pos,
                                                    const guint8       **message,
                                                    gsize               *message_len,
                                                    GError             **error);

G_END_DECLS
