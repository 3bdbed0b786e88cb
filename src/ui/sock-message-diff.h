/* sock-message-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two messages compared, as the detail pane's Changes page shows it: a title, a summary
 * ("2 changed, 1 added, 0 removed"), and one row per change with a symbol and a word (+ added,
 * − removed, ~ changed: never colour alone), the path, and the old and new values. The colours
 * are libadwaita's success/error/warning colours, which follow light and dark.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-json-diff.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_DIFF (sock_message_diff_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageDiff, sock_message_diff, SOCK, MESSAGE_DIFF, GtkWidget)

GtkWidget *sock_message_diff_new      (void);
/* Shows diff (read now, not kept) under title; other_seq: the message compared with, for the
 * "Go to" button (detail.go-to), or G_MAXUINT64. diff NULL: only the title (why there is
 * nothing to compare). */
void       sock_message_diff_show     (SockMessageDiff *self,
                                       const char      *title,
                                       SockJsonDiff    *diff,
                                       guint64          other_seq);
/* The changes as text ("~ kwargs.time: … → …" lines), for tests and the clipboard. */
const char *sock_message_diff_get_text (SockMessageDiff *self);

G_END_DECLS
