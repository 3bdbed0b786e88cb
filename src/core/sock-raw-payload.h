/* sock-raw-payload.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the raw composer sends, read from what was typed: text as it is, or bytes written as hex
 * ("01 ff 7e", "01:ff:7e", "0x01ff7e") or base64 (standard or URL-safe alphabet, padding
 * optional). Invalid input fails with the position and the reason; a payload above the size
 * limit fails before anything is sent.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_RAW_FORMAT_TEXT,
  SOCK_RAW_FORMAT_HEX,
  SOCK_RAW_FORMAT_BASE64,
} SockRawFormat;

/* max_size 0: no limit. Errors: SOCK_ERROR_INVALID_VALUE, with words and the character's
 * position (from 1). */
GBytes *sock_raw_payload_parse    (SockRawFormat  format,
                                   const char    *input,
                                   guint64        max_size,
                                   GError       **error);
/* Fails when size is above max_size (0: no limit), saying both in words. */
gboolean sock_raw_payload_check_size (guint64     size,
                                      guint64     max_size,
                                      GError    **error);
/* One line for a history row: the text (cut), or "01 ff 7e … (1.2 KiB)" for bytes. */
char   *sock_raw_payload_describe (GBytes        *payload,
                                   gboolean       is_text,
                                   gsize          max_chars);

G_END_DECLS
