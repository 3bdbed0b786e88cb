/* sock-message-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the Messages view and its detail pane spell a message's fields: type names, sizes,
 * directions, and a hex dump of binary frames. JSON is pretty-printed by sock_json_pretty()
 * (core), the one printer of the app.
 */

#pragma once

#include "sock-message-log.h"

G_BEGIN_DECLS

/* "EVENT", "CALLRESULT" (v1), "TEXT", "BINARY", "NOTE" …; never NULL. */
const char *sock_message_format_type_name (SockLogKind       kind,
                                           guint             type);
/* "107 B", "2.1 KiB", "3.4 MiB" into buf (at least 16 bytes). */
void        sock_message_format_size      (guint64           size,
                                           char             *buf,
                                           gsize             buf_len);
/* "Received", "Sent", "Note". */
const char *sock_message_format_direction (SockLogDirection  direction);
/* An arrow a row shows for the direction: "↓", "↑" or "•". */
const char *sock_message_format_arrow     (SockLogDirection  direction);
/* Classic 16 bytes a line: offset, hex in two groups of 8, printable ASCII. */
char       *sock_message_format_hex_dump  (const guint8     *data,
                                           gsize             len);

G_END_DECLS
