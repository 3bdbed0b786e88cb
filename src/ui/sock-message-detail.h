/* sock-message-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail pane of the Messages view: one message's header fields, its payload
 * pretty-printed (JSON highlighted by GtkSourceView), the raw frame and, for binary frames, a
 * hex dump. The payload is parsed only when a message is shown here. The texts are copied, so
 * the pane keeps showing a message after the log evicted it.
 *
 * A WAMP message's fields are named (Request, Subscription, Details as a table, Arguments
 * pretty-printed, numbers as they came), and a request or an answer says which message answers
 * it, or which one it answers, and after how long, with a button to go there.
 *
 * Actions: detail.copy (the payload), detail.copy-json-line (the record as a JSON Line),
 * detail.go-to (t: a message's sequence number; emits "show-message"), detail.compare-previous
 * (with the previous message of the same type on the same URI), detail.mark (remember this
 * message) and detail.compare-marked (compare it with the one remembered).
 *
 * Signals: show-message (guint64 seq): the user asked to see that message of the log.
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
/* The message remembered by detail.mark, or G_MAXUINT64. */
guint64    sock_message_detail_get_marked_seq (SockMessageDetail *self);
/* G_MAXUINT64 when nothing is shown. */
guint64    sock_message_detail_get_seq (SockMessageDetail *self);

G_END_DECLS
