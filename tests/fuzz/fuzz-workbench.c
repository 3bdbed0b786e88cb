/* fuzz-workbench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the workbench's parsers of what a server sends or a person types: WAMP
 * field naming, the pretty-printer, the key-by-key diff (the input split in two at the first
 * newline), request/answer pairing fed the input as frames, and the raw composer's hex and
 * base64. Checks: printed JSON is valid JSON; a diff stays within its caps; the pending table
 * stays bounded; raw payloads are never longer than their input.
 */

#include "fuzz-util.h"
#include "sock-json-diff.h"
#include "sock-json-pretty.h"
#include "sock-json-scan.h"
#include "sock-message-pairs.h"
#include "sock-raw-payload.h"
#include "sock-wamp-fields.h"

FUZZ_INITIALIZE_FATAL_WARNINGS

static void
fields_and_pretty (const char *text,
                   size_t      size)
{
  SockWampFields fields;
  char *pretty;

  for (int version = SOCK_WAMP_V1; version <= SOCK_WAMP_V2; version++)
    if (sock_wamp_fields_read (version, text, size, &fields, NULL))
      {
        CHECK (fields.n_fields <= SOCK_WAMP_FIELDS_MAX);
        for (guint i = 0; i < fields.n_fields; i++)
          {
            const SockJsonElement *e = &fields.fields[i].element;
            char *compact = sock_json_compact (text + e->offset, e->len, 50);

            CHECK (e->offset + e->len <= size);
            CHECK (g_utf8_validate (compact, -1, NULL));
            g_free (compact);
          }
      }
  pretty = sock_json_pretty (text, size);
  if (pretty != NULL)
    CHECK (sock_json_validate (pretty, strlen (pretty), NULL, NULL, NULL));
  g_free (pretty);
}

static void
diff (const char *text,
      size_t      size)
{
  const char *nl = memchr (text, '\n', size);
  SockJsonDiff *d;

  if (nl == NULL)
    return;
  d = sock_json_diff_new ();
  sock_json_diff_add (d, "x", text, nl - text, nl + 1, size - (nl - text) - 1, NULL);
  CHECK (sock_json_diff_get_n_changes (d) <= SOCK_JSON_DIFF_MAX_CHANGES);
  for (guint i = 0; i < sock_json_diff_get_n_changes (d); i++)
    CHECK (sock_json_diff_get_change (d, i)->path != NULL);
  sock_json_diff_free (d);
}

static void
pairs (const uint8_t *data,
       size_t         size)
{
  SockMessagePairs *p = sock_message_pairs_new (8, 16);
  SockMessagePair pair;

  /* each 3 bytes: a type, a request id and a direction, then the whole input as the frame */
  for (size_t i = 0; i + 3 <= size && i < 3000; i += 3)
    {
      SockLogEntry e = { .time_us = (gint64) i, .request_id = data[i + 1] % 5, .direction = data[i + 2] & 1,
                         .kind = data[i + 2] & 2 ? SOCK_LOG_KIND_WAMP1 : SOCK_LOG_KIND_WAMP2, .type = data[i] % 72 };

      sock_message_pairs_observe (p, i / 3, &e, data, size);
      CHECK (sock_message_pairs_get_n_pending (p) <= 8);
      sock_message_pairs_lookup (p, i / 3, &e, &pair);
      CHECK (pair.other_seq == G_MAXUINT64 || pair.other_seq < i / 3 + 1 || pair.role == SOCK_PAIR_ANSWERED);
    }
  sock_message_pairs_free (p);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);

  fields_and_pretty ((const char *) data, size);
  diff ((const char *) data, size);
  pairs (data, size);
  for (int format = SOCK_RAW_FORMAT_TEXT; format <= SOCK_RAW_FORMAT_BASE64; format++)
    {
      GBytes *bytes = sock_raw_payload_parse (format, text, 1 << 20, NULL);

      if (bytes != NULL)
        CHECK (g_bytes_get_size (bytes) <= strlen (text));
      g_clear_pointer (&bytes, g_bytes_unref);
    }
  g_free (text);
  return 0;
}
