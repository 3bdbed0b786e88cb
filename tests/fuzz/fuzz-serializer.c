/* fuzz-serializer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for one binary serializer's transcoder and its batched framing, built once
 * per format (fuzz-msgpack, fuzz-cbor) with FUZZ_SERIALIZER set to its SockWampSerializer.
 * Whatever transcodes is valid JSON whose top-level elements the transcoder noted right,
 * encoding that JSON and transcoding it again gives the same text, and a refusal leaves the
 * output as it was and says why.
 */

#include "fuzz-util.h"
#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-wamp-message.h"
#include "sock-wamp-serializer-private.h"

static void
fuzz_elements (SockWampSerializer  serializer,
               const uint8_t      *data,
               size_t              size,
               const GString      *json)
{
  SockJsonElement noted[6], scanned[6];
  g_autoptr(GString) out = g_string_new ("x");
  guint n_noted = 0, n_scanned = 0;
  gboolean is_array;

  is_array = sock_json_scan_array (json->str, json->len, scanned, 6, &n_scanned, NULL, NULL);
  CHECK (_sock_wamp_serializer_to_json_elements (serializer, data, size, out, noted, 6, &n_noted, NULL) == is_array);
  if (!is_array)
    return;
  CHECK (strcmp (out->str + 1, json->str) == 0);
  CHECK (n_noted == n_scanned);
  for (guint i = 0; i < MIN (n_noted, 6); i++)
    CHECK (noted[i].kind == scanned[i].kind && noted[i].offset == scanned[i].offset &&
           noted[i].len == scanned[i].len && noted[i].has_escapes == scanned[i].has_escapes);
}

static void
fuzz_serializer (SockWampSerializer  serializer,
                 const uint8_t      *data,
                 size_t              size)
{
  g_autoptr(GString) json = g_string_new ("");
  g_autoptr(GString) again = g_string_new ("");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(SockWampMessage) msg = { 0 };

  if (!sock_wamp_serializer_to_json (serializer, data, size, json, &error))
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL));
      CHECK (json->len == 0 && error->message[0] != '\0');
      return;
    }
  CHECK (sock_json_validate (json->str, json->len, NULL, NULL, NULL));
  fuzz_elements (serializer, data, size, json);
  if (!sock_wamp_serializer_from_json (serializer, json->str, json->len, bytes, &error))
    {
      g_printerr ("%s does not encode: %s\n", json->str, error->message);
      abort ();
    }
  CHECK (sock_wamp_serializer_to_json (serializer, bytes->data, bytes->len, again, NULL));
  if (strcmp (json->str, again->str) != 0)
    {
      g_printerr ("%s\n  came back as\n%s\n", json->str, again->str);
      abort ();
    }
  /* The codec takes what the transcoder writes, or refuses it in words. */
  if (!sock_wamp_decode (SOCK_WAMP_V2, json->str, json->len, &msg, &error))
    CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL));
}

FUZZ_INITIALIZE_FATAL_WARNINGS

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const guint8 *message;
  gsize pos = 0, len;

  fuzz_serializer (FUZZ_SERIALIZER, data, size);
  while (sock_wamp_serializer_batch_next (FUZZ_SERIALIZER, data, size, &pos, &message, &len, NULL))
    CHECK (message >= data && message + len <= data + size && pos <= size);
  return 0;
}
