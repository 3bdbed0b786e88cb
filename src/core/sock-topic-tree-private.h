/* sock-topic-tree-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-rate.h"
#include "sock-topic-node.h"

G_BEGIN_DECLS

struct _SockTopicNode
{
  GObject        parent_instance;

  char          *name;
  char          *path;
  SockTopicNode *parent;     /* not a ref: the parent holds its children */
  GListStore    *children;

  guint64        count;
  guint64        own_count;
  gint64         last_time_us;
  guint64        last_seq;
  guint64        value_seq;  /* the last message that carried a value, when has_value */
  gboolean       has_value;
  gboolean       dirty;      /* counters changed since the last notify */

  SockRate       rate;
  double         history[SOCK_TOPIC_HISTORY];
  guint          history_next;
  guint          history_n;
};

SockTopicNode *_sock_topic_node_new      (SockTopicNode *parent,
                                          const char    *name,
                                          gsize          name_len);
/* The child called name, made if missing (in name order). */
SockTopicNode *_sock_topic_node_child    (SockTopicNode *self,
                                          const char    *name,
                                          gsize          name_len,
                                          gboolean      *created);
void           _sock_topic_node_notify   (SockTopicNode *self);
void           _sock_topic_node_sample   (SockTopicNode *self,
                                          gint64         span_us);

G_END_DECLS
