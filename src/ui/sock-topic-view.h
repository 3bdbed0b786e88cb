/* sock-topic-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Topics view of a connection: every URI seen on it (events, publications, calls) as a tree
 * split at dots (SockTopicTree), with each node's count, smoothed rate, the rate's last minute as
 * a sparkline, the last value and how long ago it came; a filter that keeps the matching nodes
 * and their ancestors; subscribe and unsubscribe from a node (a prefix subscription for an inner
 * node on WAMP v2, its topics one by one on v1). Choosing a node sets "uri-prefix": the
 * connection page binds it to the Messages view's, which then shows that URI and what is below.
 *
 * It does its work only while shown: a tick callback reads the log and refreshes the cells on
 * screen once per frame, and the rates are sampled once a second; hidden, the tree only counts.
 *
 * Actions (with shortcuts): topics.find (Ctrl+F), topics.menu (Shift+F10, Menu),
 * topics.subscribe, topics.unsubscribe, topics.show-messages (Enter on a row),
 * topics.copy-uri (Ctrl+C).
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-connection.h"
#include "sock-topic-tree.h"

G_BEGIN_DECLS

#define SOCK_TYPE_TOPIC_VIEW (sock_topic_view_get_type ())

G_DECLARE_FINAL_TYPE (SockTopicView, sock_topic_view, SOCK, TOPIC_VIEW, GtkWidget)

GtkWidget     *sock_topic_view_new            (void);
/* Follows the connection's log; subscribing goes through the page's actions. Once. */
void           sock_topic_view_set_connection (SockTopicView  *self,
                                               SockConnection *connection);
/* Follows a log without a connection (nothing to subscribe with). Once. */
void           sock_topic_view_set_log        (SockTopicView  *self,
                                               SockMessageLog *log);
SockTopicTree *sock_topic_view_get_tree       (SockTopicView  *self);
/* The rows shown (GtkTreeListRow items of SockTopicNode), after the filter. */
GListModel    *sock_topic_view_get_rows       (SockTopicView  *self);
/* The chosen node's URI, NULL when none. Setting it chooses that node (expanding the nodes above
 * it) or, NULL, none. */
const char    *sock_topic_view_get_uri_prefix (SockTopicView  *self);
void           sock_topic_view_set_uri_prefix (SockTopicView  *self,
                                               const char     *uri_prefix);

/* Properties: uri-prefix (string, read-write), tree (SockTopicTree, read-only). */

G_END_DECLS
