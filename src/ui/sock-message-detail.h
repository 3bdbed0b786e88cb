/* sock-message-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane of the Messages view: one message's header fields, its payload
 * pretty-printed (JSON highlighted by GtkSourceView), the raw frame and, for binary frames, a
 * hex dump. The payload is parsed only when a message is shown here. The texts are copied, so
 * the pane keeps showing a message after the log evicted it.
 *
 * Actions: detail.copy (the payload), detail.copy-json-line (the record as a JSON Line).
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_DETAIL (sock_message_detail_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageDetail, sock_message_detail, SOCK, MESSAGE_DETAIL, GtkWidget)

GtkWidget *sock_message_detail_new     (void);

/* Shows message seq of log; returns FALSE (and shows nothing) when it is no longer there. */
gboolean   sock_message_detail_show    (SockMessageDetail *self,
                                        SockMessageLog    *log,
                                        guint64            seq);
void       sock_message_detail_clear   (SockMessageDetail *self);
/* G_MAXUINT64 when nothing is shown. */
guint64    sock_message_detail_get_seq (SockMessageDetail *self);

G_END_DECLS
