/* fuzz-msgpack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the MessagePack transcoder (see fuzz-serializer.h), and for
 * its batched framing.
 */

#include "fuzz-serializer.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const guint8 *message;
  gsize pos = 0, len;

  fuzz_serializer (SOCK_WAMP_SERIALIZER_MSGPACK, data, size);
  while (sock_wamp_serializer_batch_next (SOCK_WAMP_SERIALIZER_MSGPACK, data, size, &pos, &message, &len, NULL))
    CHECK (message >= data && message + len <= data + size && pos <= size);
  return 0;
}
