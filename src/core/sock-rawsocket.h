/* sock-rawsocket.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WAMP RawSocket transport's wire format, without any I/O: the 4-byte opening handshake
 * (client hello and router reply), the 4-byte message header, and an incremental frame reader
 * that never buffers more than the maximum length it announced.
 *
 * Handshake, both directions: 0x7F, then one octet (high nibble, low nibble), then two reserved
 * zero octets. In the client's hello and in an accepting reply the high nibble is the length
 * exponent n (the sender accepts messages up to 2^(9+n) octets) and the low nibble the
 * serializer. In a refusing reply the low nibble is 0 and the high nibble a SockRawsocketRefusal.
 *
 * Message header: the first octet's low 3 bits are the type (0 a WAMP message, 1 ping,
 * 2 pong; 3-7 reserved), its upper 5 bits are reserved (zero); octets 2-4 are the payload's
 * length, big-endian. A pong carries the ping's payload back.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_RAWSOCKET_MAGIC 0x7F
#define SOCK_RAWSOCKET_HANDSHAKE_SIZE 4
#define SOCK_RAWSOCKET_HEADER_SIZE 4
/* The longest payload a header can describe (2^24 - 1): the limit of exponent 15. */
#define SOCK_RAWSOCKET_LENGTH_MAX 0xFFFFFFu

#define SOCK_RAWSOCKET_ERROR (sock_rawsocket_error_quark ())

typedef enum
{
  SOCK_RAWSOCKET_SERIALIZER_INVALID = 0,
  SOCK_RAWSOCKET_SERIALIZER_JSON = 1,
  SOCK_RAWSOCKET_SERIALIZER_MSGPACK = 2,
  SOCK_RAWSOCKET_SERIALIZER_CBOR = 3,
} SockRawsocketSerializer;

/* The error a router answers a hello with (the high nibble of a refusing reply). */
typedef enum
{
  SOCK_RAWSOCKET_REFUSAL_ILLEGAL = 0,               /* must not be sent */
  SOCK_RAWSOCKET_REFUSAL_SERIALIZER_UNSUPPORTED = 1,
  SOCK_RAWSOCKET_REFUSAL_LENGTH_UNACCEPTABLE = 2,
  SOCK_RAWSOCKET_REFUSAL_RESERVED_BITS = 3,
  SOCK_RAWSOCKET_REFUSAL_CONNECTION_LIMIT = 4,
} SockRawsocketRefusal;

typedef enum
{
  SOCK_RAWSOCKET_FRAME_MESSAGE = 0,
  SOCK_RAWSOCKET_FRAME_PING = 1,
  SOCK_RAWSOCKET_FRAME_PONG = 2,
} SockRawsocketFrameType;

/* Errors in SOCK_RAWSOCKET_ERROR. The REFUSED_* codes equal 16 + the router's error code. */
typedef enum
{
  SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET,     /* the peer's first octet is not 0x7F */
  SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE,     /* reserved octets set, serializer 0, another serializer */
  SOCK_RAWSOCKET_ERROR_RESERVED_BITS,     /* a message header sets reserved bits */
  SOCK_RAWSOCKET_ERROR_UNKNOWN_TYPE,      /* a message header has type 3-7 */
  SOCK_RAWSOCKET_ERROR_TOO_LONG,          /* a message longer than the announced maximum */
  SOCK_RAWSOCKET_ERROR_CLOSED,            /* the peer closed the connection (there is no close frame) */
  SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL = 16,
  SOCK_RAWSOCKET_ERROR_REFUSED_SERIALIZER = 17,
  SOCK_RAWSOCKET_ERROR_REFUSED_LENGTH = 18,
  SOCK_RAWSOCKET_ERROR_REFUSED_RESERVED_BITS = 19,
  SOCK_RAWSOCKET_ERROR_REFUSED_CONNECTION_LIMIT = 20,
  SOCK_RAWSOCKET_ERROR_REFUSED_UNKNOWN = 31, /* error codes 5-15, which the spec leaves undefined */
} SockRawsocketError;

/* What one side of the handshake announced. */
typedef struct
{
  SockRawsocketSerializer serializer;
  guint                   length_exponent;   /* 0-15 */
  gsize                   max_length;        /* the longest message that side accepts */
} SockRawsocketHello;

GQuark      sock_rawsocket_error_quark            (void);

/* 2^(9+exponent), at most SOCK_RAWSOCKET_LENGTH_MAX; exponent must be 0-15. */
gsize       sock_rawsocket_length_for_exponent    (guint                    exponent);
/* The smallest exponent whose length holds max_length (15 for anything longer). */
guint       sock_rawsocket_exponent_for_length    (gsize                    max_length);

/* "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor" and back; INVALID / NULL for anything else. */
SockRawsocketSerializer sock_rawsocket_serializer_from_protocol (const char *protocol);
const char *sock_rawsocket_serializer_to_protocol (SockRawsocketSerializer  serializer);
/* "JSON", "MessagePack", "CBOR", or "serializer N" for the others (not translated: names). */
char       *sock_rawsocket_serializer_describe    (guint                    serializer);

/* The client's hello. serializer must be 1-15, exponent 0-15. */
void        sock_rawsocket_write_hello            (guint8                   out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                                                   SockRawsocketSerializer  serializer,
                                                   guint                    length_exponent);
/* The router's side: reads a client's hello. On failure, *refusal (may be NULL) is the error code
 * to answer with, or -1 when the peer is not a RawSocket client (then just close). */
gboolean    sock_rawsocket_parse_hello            (const guint8             hello[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                                                   SockRawsocketHello      *out,
                                                   int                     *refusal,
                                                   GError                 **error);
/* The router's answers: accept with its own exponent and the client's serializer, or refuse. */
void        sock_rawsocket_write_reply            (guint8                   out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                                                   SockRawsocketSerializer  serializer,
                                                   guint                    length_exponent);
void        sock_rawsocket_write_refusal          (guint8                   out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                                                   guint                    refusal);
/* The client's side: reads the router's reply to a hello that asked for `asked`. On success *out
 * holds what the router accepts from us; on failure the error says what happened and what to do
 * (a refusal, an HTTP or TLS server answering, reserved octets, another serializer). */
gboolean    sock_rawsocket_parse_reply            (const guint8             reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                                                   SockRawsocketSerializer  asked,
                                                   SockRawsocketHello      *out,
                                                   GError                 **error);

/* A message header; length must be at most SOCK_RAWSOCKET_LENGTH_MAX. */
void        sock_rawsocket_write_header           (guint8                   out[SOCK_RAWSOCKET_HEADER_SIZE],
                                                   SockRawsocketFrameType   type,
                                                   gsize                    length);

/* Incremental frame reader: push the bytes read, then take frames until it says it needs more. */
typedef struct _SockRawsocketReader SockRawsocketReader;

/* max_length: the longest payload accepted (what this side announced), at most LENGTH_MAX. */
SockRawsocketReader *sock_rawsocket_reader_new    (gsize                    max_length);
void        sock_rawsocket_reader_free            (SockRawsocketReader     *self);
void        sock_rawsocket_reader_push            (SockRawsocketReader     *self,
                                                   const guint8            *data,
                                                   gsize                    len);
/* TRUE with the next frame's type and payload; FALSE with no error when more bytes are needed;
 * FALSE with an error for a header that breaks the protocol (checked as soon as its 4 bytes are
 * in, before any payload is buffered). After an error the reader stays failed. */
gboolean    sock_rawsocket_reader_next            (SockRawsocketReader     *self,
                                                   SockRawsocketFrameType  *type,
                                                   GBytes                 **payload,
                                                   GError                 **error);
/* Bytes pushed but not yet taken as frames. */
gsize       sock_rawsocket_reader_get_pending     (SockRawsocketReader     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SockRawsocketReader, sock_rawsocket_reader_free)

G_END_DECLS
