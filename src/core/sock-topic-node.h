/* sock-topic-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One node of a connection's URI tree (SockTopicTree): a component of the URIs split at dots
 * ("demo", "demo.metrics", "demo.metrics.cpu"), with the messages seen under it (its own and its
 * descendants'), when the last one came, which log record it was, its rate and the rate's last
 * minute, and its children in name order.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Rate samples kept per node, one a second: the sparkline's minute. */
#define SOCK_TOPIC_HISTORY 60

#define SOCK_TYPE_TOPIC_NODE (sock_topic_node_get_type ())

G_DECLARE_FINAL_TYPE (SockTopicNode, sock_topic_node, SOCK, TOPIC_NODE, GObject)

/* The last component ("cpu"), and the whole URI up to it ("demo.metrics.cpu"). */
const char    *sock_topic_node_get_name         (SockTopicNode *self);
const char    *sock_topic_node_get_path         (SockTopicNode *self);
/* Messages with this URI or one below it. */
guint64        sock_topic_node_get_count        (SockTopicNode *self);
/* Messages with exactly this URI. */
guint64        sock_topic_node_get_own_count    (SockTopicNode *self);
/* When the last of them came (g_get_real_time () units), 0 before any. */
gint64         sock_topic_node_get_last_time    (SockTopicNode *self);
/* Its sequence number in the log (it may have been evicted since). */
guint64        sock_topic_node_get_last_seq     (SockTopicNode *self);
/* The last of them that carried a value (an event, a publication, a call or its result, not
 * a SUBSCRIBE or an acknowledgement), in *seq; FALSE before any. */
gboolean       sock_topic_node_get_value_seq    (SockTopicNode *self,
                                                 guint64       *seq);
/* Messages a second, smoothed (SockRate). */
double         sock_topic_node_get_rate         (SockTopicNode *self);
/* Copies the rate's last samples into out, oldest first; returns how many there are (at most
 * SOCK_TOPIC_HISTORY, one a second). */
guint          sock_topic_node_copy_history     (SockTopicNode *self,
                                                 double         out[SOCK_TOPIC_HISTORY]);
/* Children in name order, SockTopicNode items; transfer none. */
GListModel    *sock_topic_node_get_children     (SockTopicNode *self);
/* The parent, or NULL at the top. */
SockTopicNode *sock_topic_node_get_parent       (SockTopicNode *self);

/* Properties (read-only, notified at most once per batch of messages, rate once a second):
 * name, path (string), count, own-count (uint64), last-time (int64), last-seq (uint64),
 * rate (double), n-children (uint). */

G_END_DECLS
