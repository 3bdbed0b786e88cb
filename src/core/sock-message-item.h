/* sock-message-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a SockMessageList, made only when a view asks for it. It copies what a row
 * shows; the detail view reads the raw bytes from the log by "seq".
 */

#pragma once

#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_ITEM (sock_message_item_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageItem, sock_message_item, SOCK, MESSAGE_ITEM, GObject)

/* Never NULL: a row already evicted gives an item with "evicted" TRUE and empty texts. */
SockMessageItem  *sock_message_item_new            (SockMessageLog  *log,
                                                    guint64          seq);
void              sock_message_item_reload         (SockMessageItem *self,
                                                    SockMessageLog  *log,
                                                    guint64          seq);

guint64           sock_message_item_get_seq        (SockMessageItem *self);
gboolean          sock_message_item_get_evicted    (SockMessageItem *self);
gint64            sock_message_item_get_time_us    (SockMessageItem *self);
/* Local time, "HH:MM:SS.mmm". */
const char       *sock_message_item_get_time_text  (SockMessageItem *self);
SockLogDirection  sock_message_item_get_direction  (SockMessageItem *self);
SockLogKind       sock_message_item_get_kind       (SockMessageItem *self);
guint             sock_message_item_get_msg_type   (SockMessageItem *self);
guint             sock_message_item_get_flags      (SockMessageItem *self);
const char       *sock_message_item_get_uri        (SockMessageItem *self);
guint64           sock_message_item_get_request_id (SockMessageItem *self);
guint             sock_message_item_get_size       (SockMessageItem *self);
/* The start of the payload on one line: text with controls as spaces, binary as hex. */
const char       *sock_message_item_get_preview    (SockMessageItem *self);

G_END_DECLS
