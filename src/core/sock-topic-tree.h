/* sock-topic-tree.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every URI seen on a connection as a tree split at dots, built from its message log: each node
 * counts the messages under it, knows the last one, and keeps a rate with its last minute. It
 * reads what the log announced at each "changed" (once per frame or tick, never per message),
 * so it keeps up with a flood at the cost of a hash lookup and a walk to the top per message. A
 * cap on distinct URIs keeps a server that invents a URI per message from taking the memory:
 * the rest are counted under one overflow node.
 */

#pragma once

#include "sock-message-log.h"
#include "sock-topic-node.h"

G_BEGIN_DECLS

/* Distinct URIs in the tree at most; then the overflow node counts the rest. */
#define SOCK_TOPIC_TREE_MAX_URIS 20000
/* The name of the overflow node at the top. */
#define SOCK_TOPIC_TREE_OVERFLOW "…"

#define SOCK_TYPE_TOPIC_TREE (sock_topic_tree_get_type ())

G_DECLARE_FINAL_TYPE (SockTopicTree, sock_topic_tree, SOCK, TOPIC_TREE, GObject)

/* Follows log from its current end on; rates are sampled once a second while running is set. */
SockTopicTree *sock_topic_tree_new           (SockMessageLog *log);
/* The top nodes in name order, SockTopicNode items; transfer none. */
GListModel    *sock_topic_tree_get_roots     (SockTopicTree  *self);
/* The node of that URI, or NULL. */
SockTopicNode *sock_topic_tree_lookup        (SockTopicTree  *self,
                                              const char     *uri);
guint          sock_topic_tree_get_n_uris    (SockTopicTree  *self);
/* Reads what the log holds beyond what was read (the "changed" handler does it by itself). */
void           sock_topic_tree_update        (SockTopicTree  *self);
/* Samples every node's rate, span_us after the previous sample (the timer does it once a second
 * while running). */
void           sock_topic_tree_sample        (SockTopicTree  *self,
                                              gint64         span_us);
/* Rates are sampled only while running (the view is shown): a hidden tree costs its counting. */
void           sock_topic_tree_set_running   (SockTopicTree  *self,
                                              gboolean        running);

G_END_DECLS
