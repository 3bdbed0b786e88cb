/* fuzz-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the WAMP RawSocket codec. The first byte picks the reader's limit, the
 * next 4 are read as a router's reply and a client's hello, the rest is fed to the frame reader in
 * chunks whose sizes come from the input: every frame taken must fit the limit, and the reader's
 * buffer must never hold more than one header, one frame and the last chunk.
 */

#include <stdint.h>
#include <stdlib.h>

#include "sock-rawsocket.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_handshake (const uint8_t *bytes)
{
  SockRawsocketHello out = { 0 };
  GError *error = NULL;
  int refusal = 0;

  if (sock_rawsocket_parse_reply (bytes, SOCK_RAWSOCKET_SERIALIZER_JSON, &out, &error))
    {
      if (out.serializer != SOCK_RAWSOCKET_SERIALIZER_JSON || out.max_length > SOCK_RAWSOCKET_LENGTH_MAX)
        abort ();
    }
  else if (error == NULL || error->message[0] == '\0')
    abort ();
  g_clear_error (&error);
  if (!sock_rawsocket_parse_hello (bytes, &out, &refusal, &error) && (error == NULL || refusal > 15))
    abort ();
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SockRawsocketReader) reader = NULL;
  gsize limit;
  gsize pos = 5;

  if (size < 5)
    return 0;
  limit = sock_rawsocket_length_for_exponent (data[0] & 0xF) >> (data[0] >> 4);
  check_handshake (data + 1);
  reader = sock_rawsocket_reader_new (limit);
  while (pos < size)
    {
      gsize chunk = MIN ((gsize) data[pos] + 1, size - pos - 1);
      GBytes *payload = NULL;
      GError *error = NULL;

      pos++;
      sock_rawsocket_reader_push (reader, data + pos, chunk);
      pos += chunk;
      while (sock_rawsocket_reader_next (reader, NULL, &payload, &error))
        {
          if (g_bytes_get_size (payload) > limit)
            abort ();
          g_bytes_unref (payload);
        }
      if (sock_rawsocket_reader_get_pending (reader) > SOCK_RAWSOCKET_HEADER_SIZE + limit + 256)
        abort ();
      if (error != NULL)
        {
          g_error_free (error);
          break;
        }
    }
  return 0;
}
