/* sock-message-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of SockMessageItem over a SockMessageLog, for virtualized views. Items are made
 * only in get_item (), for the rows a view asks for. Changes follow the log's coalesced
 * "changed": evicted rows leave at position 0, new rows arrive at the end, in one items-changed
 * per flush (two when the same flush both evicts and appends while older rows remain). During
 * each emission, n_items and get_item () answer for the state after that emission only, as
 * GListModel requires: views may read the model from their items-changed handler.
 *
 * With a SockMessageFilter, only matching rows are exposed: their sequence numbers are kept in a
 * second ring, each new row is tested once, and the ring is rebuilt when the filter changes.
 */

#pragma once

#include "sock-message-filter.h"
#include "sock-message-item.h"
#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_LIST (sock_message_list_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageList, sock_message_list, SOCK, MESSAGE_LIST, GObject)

SockMessageList   *sock_message_list_new        (SockMessageLog    *log);

SockMessageLog    *sock_message_list_get_log    (SockMessageList   *self);
/* NULL shows every row. */
void               sock_message_list_set_filter (SockMessageList   *self,
                                                 SockMessageFilter *filter);
SockMessageFilter *sock_message_list_get_filter (SockMessageList   *self);
/* The log sequence number of the row at position, or G_MAXUINT64 past the end. */
guint64            sock_message_list_get_seq    (SockMessageList   *self,
                                                 guint              position);

G_END_DECLS
