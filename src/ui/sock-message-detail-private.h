/* sock-message-detail-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of SockMessageDetail: the pane (sock-message-detail.c), its named WAMP
 * fields and request/answer line (-fields.c) and its comparisons (-compare.c).
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "sock-message-detail.h"
#include "sock-message-diff.h"

G_BEGIN_DECLS

struct _SockMessageDetail
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *time_label;
  GtkLabel *direction_label;
  GtkLabel *type_label;
  GtkLabel *uri_label;
  GtkLabel *request_label;
  GtkLabel *size_label;
  GtkWidget *pair_box;
  GtkLabel *pair_label;
  GtkButton *pair_button;
  GtkStack *stack;
  GtkStackPage *fields_page;
  GtkStackPage *pretty_page;
  GtkStackPage *raw_page;
  GtkStackPage *hex_page;
  GtkStackPage *compare_page;
  GtkBox *fields_box;
  GtkSourceView *pretty_view;
  GtkSourceView *raw_view;
  GtkSourceView *hex_view;
  SockMessageDiff *diff_view;

  SockMessageLog *log;
  guint64 seq;
  guint64 marked_seq;
  GBytes *payload;
  char *json_line;
};

/* sock-message-detail-fields.c */
/* Fills the Fields page; FALSE (and the page is left empty) when the message is no WAMP. */
gboolean _sock_message_detail_show_fields (SockMessageDetail  *self,
                                           const SockLogEntry *entry,
                                           const guint8       *raw,
                                           gsize               len);
void     _sock_message_detail_show_pair   (SockMessageDetail  *self,
                                           const SockLogEntry *entry);

/* sock-message-detail-compare.c */
void     _sock_message_detail_install_compare_actions (GtkWidgetClass    *widget_class);
/* detail.go-to-pair: to the answer of the message shown, or to its request. */
void     _sock_message_detail_install_pair_actions (GtkWidgetClass       *widget_class);
void     _sock_message_detail_update_compare_actions  (SockMessageDetail *self);

G_END_DECLS
