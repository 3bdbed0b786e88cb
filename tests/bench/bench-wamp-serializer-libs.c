/* bench-wamp-serializer-libs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Debian libraries' decoders, run over the same frames as our own in
 * bench-wamp-codec.c, to show whether using them would win: msgpack-c's
 * msgpack_unpack_next() into a zone and libcbor's cbor_load() into a tree, and
 * libcbor's streaming decoder with callbacks that do nothing. Neither writes
 * JSON yet, so each figure is an upper bound for a transcoder built on it.
 */

#include "bench-wamp-serializer-libs.h"

#ifdef HAVE_MSGPACK_C
#include <msgpack.h>

guint64
bench_msgpack_c_unpack (GBytes **frames,
                        guint    n_frames,
                        guint    n)
{
  msgpack_unpacked unpacked;
  guint64 sum = 0;

  msgpack_unpacked_init (&unpacked);
  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (frames[i % n_frames], &len);
      size_t off = 0;

      if (msgpack_unpack_next (&unpacked, data, len, &off) != MSGPACK_UNPACK_SUCCESS)
        g_error ("msgpack-c failed");
      sum += unpacked.data.via.array.size;
    }
  msgpack_unpacked_destroy (&unpacked);
  return sum;
}
#endif

#ifdef HAVE_LIBCBOR
#include <cbor.h>

guint64
bench_libcbor_load (GBytes **frames,
                    guint    n_frames,
                    guint    n)
{
  guint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (frames[i % n_frames], &len);
      struct cbor_load_result result;
      cbor_item_t *item = cbor_load (data, len, &result);

      if (item == NULL)
        g_error ("libcbor failed");
      sum += cbor_array_size (item);
      cbor_decref (&item);
    }
  return sum;
}

static guint64 counted;

static void any_uint (void *ctx, uint64_t v) { counted += v; }
static void any_uint8 (void *ctx, uint8_t v) { counted += v; }
static void any_uint16 (void *ctx, uint16_t v) { counted += v; }
static void any_uint32 (void *ctx, uint32_t v) { counted += v; }
static void any_size (void *ctx, uint64_t v) { counted++; }
static void any_string (void *ctx, cbor_data d, uint64_t len) { counted += len; }
static void any (void *ctx) { counted++; }

guint64
bench_libcbor_stream (GBytes **frames,
                      guint    n_frames,
                      guint    n)
{
  struct cbor_callbacks callbacks = cbor_empty_callbacks;

  callbacks.uint8 = any_uint8;
  callbacks.uint16 = any_uint16;
  callbacks.uint32 = any_uint32;
  callbacks.uint64 = any_uint;
  callbacks.string = any_string;
  callbacks.array_start = any_size;
  callbacks.map_start = any_size;
  callbacks.null = any;
  counted = 0;
  for (guint i = 0; i < n; i++)
    {
      gsize len, pos = 0;
      const guint8 *data = g_bytes_get_data (frames[i % n_frames], &len);

      while (pos < len)
        {
          struct cbor_decoder_result r = cbor_stream_decode (data + pos, len - pos, &callbacks, NULL);

          if (r.status != CBOR_DECODER_FINISHED)
            g_error ("libcbor stream failed");
          pos += r.read;
        }
    }
  return counted;
}
#endif
