/* sock-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sock-format.h"
#include "sock-rawsocket.h"

G_DEFINE_QUARK (sock-rawsocket-error-quark, sock_rawsocket_error)

struct _SockRawsocketReader
{
  GByteArray *buffer;
  gsize       start;        /* bytes at the front already taken as frames */
  gsize       max_length;
  GError     *failure;
};

gsize
sock_rawsocket_length_for_exponent (guint exponent)
{
  g_return_val_if_fail (exponent <= 15, SOCK_RAWSOCKET_LENGTH_MAX);

  return MIN ((gsize) 1 << (9 + exponent), (gsize) SOCK_RAWSOCKET_LENGTH_MAX);
}

guint
sock_rawsocket_exponent_for_length (gsize max_length)
{
  for (guint exponent = 0; exponent < 15; exponent++)
    if (((gsize) 1 << (9 + exponent)) >= max_length)
      return exponent;
  return 15;
}

SockRawsocketSerializer
sock_rawsocket_serializer_from_protocol (const char *protocol)
{
  if (g_strcmp0 (protocol, "wamp.2.json") == 0)
    return SOCK_RAWSOCKET_SERIALIZER_JSON;
  if (g_strcmp0 (protocol, "wamp.2.msgpack") == 0)
    return SOCK_RAWSOCKET_SERIALIZER_MSGPACK;
  if (g_strcmp0 (protocol, "wamp.2.cbor") == 0)
    return SOCK_RAWSOCKET_SERIALIZER_CBOR;
  return SOCK_RAWSOCKET_SERIALIZER_INVALID;
}

const char *
sock_rawsocket_serializer_to_protocol (SockRawsocketSerializer serializer)
{
  switch (serializer)
    {
    case SOCK_RAWSOCKET_SERIALIZER_JSON:
      return "wamp.2.json";
    case SOCK_RAWSOCKET_SERIALIZER_MSGPACK:
      return "wamp.2.msgpack";
    case SOCK_RAWSOCKET_SERIALIZER_CBOR:
      return "wamp.2.cbor";
    case SOCK_RAWSOCKET_SERIALIZER_INVALID:
    default:
      return NULL;
    }
}

char *
sock_rawsocket_serializer_describe (guint serializer)
{
  static const char * const names[] = { NULL, "JSON", "MessagePack", "CBOR", "UBJSON", "FlatBuffers" };

  if (serializer > 0 && serializer < G_N_ELEMENTS (names))
    return g_strdup (names[serializer]);
  /* Translators: a RawSocket serializer the spec numbers but Sockscope does not know by name. */
  return g_strdup_printf (_("serializer %u"), serializer);
}

static void
write_handshake (guint8 out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                 guint  high,
                 guint  low)
{
  out[0] = SOCK_RAWSOCKET_MAGIC;
  out[1] = (guint8) (((high & 0xF) << 4) | (low & 0xF));
  out[2] = 0;
  out[3] = 0;
}

void
sock_rawsocket_write_hello (guint8                  out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                            SockRawsocketSerializer serializer,
                            guint                   length_exponent)
{
  g_return_if_fail (serializer >= 1 && serializer <= 15);
  g_return_if_fail (length_exponent <= 15);

  write_handshake (out, length_exponent, serializer);
}

/* An accepting reply has the hello's four bytes: the router's exponent, the client's serializer. */
void
sock_rawsocket_write_reply (guint8                  out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                            SockRawsocketSerializer serializer,
                            guint                   length_exponent)
{
  sock_rawsocket_write_hello (out, serializer, length_exponent);
}

void
sock_rawsocket_write_refusal (guint8 out[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                              guint  refusal)
{
  g_return_if_fail (refusal <= 15);

  write_handshake (out, refusal, 0);
}

static void
fill_hello (SockRawsocketHello *out,
            guint               octet)
{
  if (out == NULL)
    return;
  out->serializer = octet & 0xF;
  out->length_exponent = octet >> 4;
  out->max_length = sock_rawsocket_length_for_exponent (octet >> 4);
}

gboolean
sock_rawsocket_parse_hello (const guint8         hello[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                            SockRawsocketHello  *out,
                            int                 *refusal,
                            GError             **error)
{
  int answer = -1;

  g_return_val_if_fail (hello != NULL, FALSE);

  if (hello[0] != SOCK_RAWSOCKET_MAGIC)
    g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET,
                 _("The peer is not a RawSocket client: its first byte is 0x%02X, not 0x7F."),
                 hello[0]);
  else if (hello[2] != 0 || hello[3] != 0)
    {
      answer = SOCK_RAWSOCKET_REFUSAL_RESERVED_BITS;
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE,
                   _("The client's hello sets the reserved bytes (0x%02X 0x%02X), which must be zero."),
                   hello[2], hello[3]);
    }
  else if ((hello[1] & 0xF) == 0)
    {
      answer = SOCK_RAWSOCKET_REFUSAL_SERIALIZER_UNSUPPORTED;
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE,
                   _("The client's hello names serializer 0, which is not allowed."));
    }
  else
    {
      fill_hello (out, hello[1]);
      if (refusal != NULL)
        *refusal = -1;
      return TRUE;
    }
  if (refusal != NULL)
    *refusal = answer;
  return FALSE;
}

static gboolean
looks_like (const guint8 reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
            const char  *prefix)
{
  return memcmp (reply, prefix, SOCK_RAWSOCKET_HANDSHAKE_SIZE) == 0;
}

static void
set_not_rawsocket (const guint8   reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                   GError       **error)
{
  /* A TLS record starts with its content type (0x15 alert, 0x16 handshake) and version 3.x. */
  gboolean tls = (reply[0] == 0x15 || reply[0] == 0x16) && reply[1] == 0x03;

  if (looks_like (reply, "HTTP"))
    g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET,
                 _("The server answered in HTTP, so it is a web server, not a RawSocket router. "
                   "Use a ws:// or wss:// address for it, or the port of the router's RawSocket listener."));
  else if (tls)
    g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET,
                 _("The server answered with TLS. Use an rss:// address for it instead of rs://."));
  else
    g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_NOT_RAWSOCKET,
                 _("The server is not a RawSocket router: its answer starts with the byte 0x%02X, "
                   "not 0x7F. Check the port, and whether the server speaks WebSocket (ws://) or "
                   "TLS (rss://) there."),
                 reply[0]);
}

static void
set_refused (guint                    code,
             SockRawsocketSerializer  asked,
             GError                 **error)
{
  g_autofree char *name = sock_rawsocket_serializer_describe (asked);

  switch (code)
    {
    case SOCK_RAWSOCKET_REFUSAL_ILLEGAL:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_ILLEGAL,
                   _("The router refused the RawSocket handshake with error code 0, which the "
                     "protocol does not allow: the router is faulty. Tell its operator."));
      break;
    case SOCK_RAWSOCKET_REFUSAL_SERIALIZER_UNSUPPORTED:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_SERIALIZER,
                   _("The router does not support the %s serializer on this RawSocket listener. "
                     "Choose another serializer (JSON is the most widely supported)."),
                   name);
      break;
    case SOCK_RAWSOCKET_REFUSAL_LENGTH_UNACCEPTABLE:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_LENGTH,
                   _("The router does not accept the maximum message length Sockscope offered. "
                     "Change the maximum incoming message size in the connection's options."));
      break;
    case SOCK_RAWSOCKET_REFUSAL_RESERVED_BITS:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_RESERVED_BITS,
                   _("The router refused the RawSocket handshake for the use of reserved bits: it "
                     "speaks a different version of the RawSocket protocol than Sockscope."));
      break;
    case SOCK_RAWSOCKET_REFUSAL_CONNECTION_LIMIT:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_CONNECTION_LIMIT,
                   _("The router has reached its maximum number of connections. Try again later, "
                     "or close other connections to it."));
      break;
    default:
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_REFUSED_UNKNOWN,
                   _("The router refused the RawSocket handshake with error code %u, which the "
                     "RawSocket specification does not define. Check the router's log."),
                   code);
      break;
    }
}

gboolean
sock_rawsocket_parse_reply (const guint8             reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE],
                            SockRawsocketSerializer  asked,
                            SockRawsocketHello      *out,
                            GError                 **error)
{
  g_return_val_if_fail (reply != NULL, FALSE);

  if (reply[0] != SOCK_RAWSOCKET_MAGIC)
    {
      set_not_rawsocket (reply, error);
      return FALSE;
    }
  if (reply[2] != 0 || reply[3] != 0)
    {
      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE,
                   _("The router's RawSocket reply sets the reserved bytes (0x%02X 0x%02X), which "
                     "must be zero: it speaks a different version of the protocol."),
                   reply[2], reply[3]);
      return FALSE;
    }
  if ((reply[1] & 0xF) == 0)
    {
      set_refused (reply[1] >> 4, asked, error);
      return FALSE;
    }
  if ((reply[1] & 0xF) != (guint) asked)
    {
      g_autofree char *got = sock_rawsocket_serializer_describe (reply[1] & 0xF);
      g_autofree char *want = sock_rawsocket_serializer_describe (asked);

      g_set_error (error, SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_BAD_HANDSHAKE,
                   _("The router accepted the %s serializer, but Sockscope asked for %s: the "
                     "router does not follow the RawSocket protocol."),
                   got, want);
      return FALSE;
    }
  fill_hello (out, reply[1]);
  return TRUE;
}

void
sock_rawsocket_write_header (guint8                 out[SOCK_RAWSOCKET_HEADER_SIZE],
                             SockRawsocketFrameType type,
                             gsize                  length)
{
  g_return_if_fail (type <= SOCK_RAWSOCKET_FRAME_PONG);
  g_return_if_fail (length <= SOCK_RAWSOCKET_LENGTH_MAX);

  out[0] = (guint8) type;
  out[1] = (guint8) (length >> 16);
  out[2] = (guint8) (length >> 8);
  out[3] = (guint8) length;
}

SockRawsocketReader *
sock_rawsocket_reader_new (gsize max_length)
{
  SockRawsocketReader *self = g_new0 (SockRawsocketReader, 1);

  self->buffer = g_byte_array_new ();
  self->max_length = MIN (max_length, (gsize) SOCK_RAWSOCKET_LENGTH_MAX);
  return self;
}

void
sock_rawsocket_reader_free (SockRawsocketReader *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->buffer);
  g_clear_error (&self->failure);
  g_free (self);
}

void
sock_rawsocket_reader_push (SockRawsocketReader *self,
                            const guint8        *data,
                            gsize                len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  /* Drop the frames already taken before growing, so the buffer holds about one frame. */
  if (self->start > 0)
    {
      g_byte_array_remove_range (self->buffer, 0, self->start);
      self->start = 0;
    }
  g_byte_array_append (self->buffer, data, len);
}

gsize
sock_rawsocket_reader_get_pending (SockRawsocketReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->buffer->len - self->start;
}

static gboolean
check_header (SockRawsocketReader *self,
              const guint8        *header,
              gsize                length)
{
  if ((header[0] & 0xF8) != 0)
    self->failure = g_error_new (SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_RESERVED_BITS,
                                 _("The peer sent a RawSocket message header with reserved bits "
                                   "set (first byte 0x%02X): it does not follow the protocol."),
                                 header[0]);
  else if ((header[0] & 0x7) > SOCK_RAWSOCKET_FRAME_PONG)
    self->failure = g_error_new (SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_UNKNOWN_TYPE,
                                 _("The peer sent a RawSocket message of type %u, which the "
                                   "protocol does not define (0 message, 1 ping, 2 pong)."),
                                 header[0] & 0x7);
  else if (length > self->max_length)
    {
      g_autofree char *announced = sock_format_number (length);
      g_autofree char *max = sock_format_number (self->max_length);

      self->failure = g_error_new (SOCK_RAWSOCKET_ERROR, SOCK_RAWSOCKET_ERROR_TOO_LONG,
                                   /* TRANSLATORS: counts of bytes, "20,000,000" and "16,777,216" */
                                   _("The peer announced a RawSocket message of %s bytes, more than the %s bytes "
                                     "Sockscope accepts. Raise the maximum incoming message size in the "
                                     "connection's options."), announced, max);
    }
  return self->failure == NULL;
}

gboolean
sock_rawsocket_reader_next (SockRawsocketReader     *self,
                            SockRawsocketFrameType  *type,
                            GBytes                 **payload,
                            GError                 **error)
{
  const guint8 *header;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  if (self->failure == NULL && sock_rawsocket_reader_get_pending (self) >= SOCK_RAWSOCKET_HEADER_SIZE)
    {
      header = self->buffer->data + self->start;
      length = ((gsize) header[1] << 16) | ((gsize) header[2] << 8) | header[3];
      if (check_header (self, header, length)
          && sock_rawsocket_reader_get_pending (self) >= SOCK_RAWSOCKET_HEADER_SIZE + length)
        {
          if (type != NULL)
            *type = header[0] & 0x7;
          *payload = g_bytes_new (header + SOCK_RAWSOCKET_HEADER_SIZE, length);
          self->start += SOCK_RAWSOCKET_HEADER_SIZE + length;
          return TRUE;
        }
    }
  if (self->failure != NULL && error != NULL)
    *error = g_error_copy (self->failure);
  return FALSE;
}
