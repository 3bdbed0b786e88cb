/* sock-cli-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One event as `sub` prints it: a JSON line (the interface scripts read) or a readable line for a
 * person. Either is one line whatever the server sent, and safe on a terminal.
 */

#pragma once

#include <glib.h>

#include "sock-cli-writer.h"
#include "sock-session.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_CLI_FORMAT_JSONL,
  SOCK_CLI_FORMAT_TEXT,
} SockCliFormat;

gboolean sock_cli_format_from_string (const char       *text,
                                      SockCliFormat    *out);
/* Appends the event's line, with its newline. */
void     sock_cli_event_append       (GString          *out,
                                      SockCliTimeCache *cache,
                                      SockCliFormat     format,
                                      const SockEvent  *event);

G_END_DECLS
