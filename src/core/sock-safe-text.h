/* sock-safe-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text a server sent, made safe to print on a terminal: escape sequences, C0 and C1 control
 * characters, DEL, bidirectional overrides and invalid UTF-8 are shown escaped ("\x1b",
 * "\u202e"), so that nothing the server says can move the cursor, retitle the window or
 * hide text. Long text is cut at a bound and ends with "…".
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_SAFE_TEXT_ONE_LINE = 0,
  SOCK_SAFE_TEXT_MULTILINE = 1 << 0,  /* keep line breaks and tabs */
} SockSafeTextFlags;

/* The default bound for one piece of server text, in characters. */
#define SOCK_SAFE_TEXT_MAX_CHARS 1000

/* @len may be -1 for NUL-terminated text; a NUL inside @len bytes is shown as "\x00".
 * @max_chars 0 means no bound. NULL gives NULL. */
char       *sock_safe_text      (const char        *text,
                                 gssize             len,
                                 gsize              max_chars,
                                 SockSafeTextFlags  flags);

/* Appends @json (valid JSON text, e.g. what a server sent) to @out unchanged in meaning, with
 * DEL, C1 controls, U+2028/9 and bidirectional overrides written as \u escapes: valid JSON
 * carries those raw only inside strings, where the escape means the same. */
void        sock_safe_json_append (GString        *out,
                                   const char     *json,
                                   gsize           len);

G_END_DECLS
