/* sock-json-input.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON that a person typed (Arguments, Keyword arguments), read strictly: exactly one value of
 * the kind asked for, nothing after it, no string that json-glib would cut short at a NUL, and
 * problems said as a person would say them ("missing ] at the end of line 1") with a line and
 * a column, never as a parser's "<data>:1:4". The CLI and the forms both use it.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-wamp-serializer.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_JSON_INPUT_ARRAY,
  SOCK_JSON_INPUT_OBJECT,
} SockJsonInputKind;

/* Returns the value (a new node holding an array or an object), or NULL with a
 * SOCK_ERROR_INVALID_JSON error whose message starts with @what ("--args", "Arguments").
 * @len may be -1. */
JsonNode *sock_json_input_parse (const char         *text,
                                 gssize              len,
                                 SockJsonInputKind   kind,
                                 const char         *what,
                                 GError            **error);

/* Checks JSON text that is to be sent as it is (sock_session_publish_json_async()): strictly
 * valid, of @kind, every string that starts with NUL ("\u0000…", WAMP's binary) followed by valid
 * base64, and, for @serializer, every integer one that it carries exactly (MessagePack:
 * -2^63 … 2^64 - 1; CBOR: beyond ±2^64 as a bignum, up to 308 digits; JSON: any, as typed).
 * Errors are SOCK_ERROR_INVALID_JSON, "@what: …" in words with a line and a column. */
gboolean  sock_json_input_check (const char          *text,
                                 gssize               len,
                                 SockJsonInputKind    kind,
                                 SockWampSerializer   serializer,
                                 const char          *what,
                                 GError             **error);

G_END_DECLS
