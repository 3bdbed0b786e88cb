/* sock-message-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Messages view of a connection: a virtualized table of the messages in a SockMessageLog
 * (time, direction, type, URI, size, preview), a filter bar, follow-newest and pause, a detail
 * pane for the selected message, and JSON Lines export and offline viewing.
 *
 * The view flushes the log: while it is mapped, it calls sock_message_log_flush () once per
 * frame from a tick callback, so that its table hears of new and evicted rows at most once per
 * frame (the live log too while a recording is shown). Whoever appends to the log must
 * therefore not flush it while the view is mapped (gtk_widget_get_mapped ()); it only appends,
 * on the UI thread (e.g. one batch per frame handed over from a worker thread). While the view
 * is unmapped (a tab in the background), nothing is flushed unless the owner does it.
 *
 * Pausing stops the flushing: the log goes on recording (and evicting at its caps) while the
 * table holds still; resuming catches up in one change.
 *
 * Actions (with shortcuts): messages.find (Ctrl+F), messages.pause (Space, Ctrl+P; stateful),
 * messages.follow (Ctrl+End; stateful), messages.clear (Ctrl+K), messages.export (Ctrl+S),
 * messages.export-filtered (Shift+Ctrl+S), messages.open (Ctrl+O), messages.close-offline,
 * messages.close-detail, and for the message chosen messages.compare-previous (Ctrl+E),
 * messages.mark (Ctrl+M), messages.compare-marked (Shift+Ctrl+M), messages.go-to-pair (Ctrl+G: its
 * answer or request); the detail pane adds detail.copy and detail.copy-json-line.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-message-list.h"
#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_VIEW (sock_message_view_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageView, sock_message_view, SOCK, MESSAGE_VIEW, GtkWidget)

GtkWidget       *sock_message_view_new             (void);

/* The live log of the connection (NULL: none). Leaves offline viewing. */
void             sock_message_view_set_log         (SockMessageView *self,
                                                    SockMessageLog  *log);
/* The log shown: the live one, or while viewing a file offline, the file's. */
SockMessageLog  *sock_message_view_get_log         (SockMessageView *self);
/* The rows shown, after the filter. */
SockMessageList *sock_message_view_get_list        (SockMessageView *self);

gboolean         sock_message_view_get_paused      (SockMessageView *self);
void             sock_message_view_set_paused      (SockMessageView *self,
                                                    gboolean         paused);
gboolean         sock_message_view_get_follow      (SockMessageView *self);
void             sock_message_view_set_follow      (SockMessageView *self,
                                                    gboolean         follow);
/* Messages appended since the view was paused (0 when not paused). */
guint64          sock_message_view_get_n_new       (SockMessageView *self);

/* What messages.export / messages.export-filtered / messages.open do after their file chooser;
 * the outcome shows as a toast. "busy" is TRUE until it is known. */
void             sock_message_view_export_to_file  (SockMessageView *self,
                                                    GFile           *file,
                                                    gboolean         filtered);
void             sock_message_view_open_file       (SockMessageView *self,
                                                    GFile           *file);
gboolean         sock_message_view_get_busy        (SockMessageView *self);
/* The file viewed offline, or NULL while showing the live log. */
GFile           *sock_message_view_get_offline_file (SockMessageView *self);
/* Shows only the messages with this URI or one below it at a dot (a Topics node), with a chip in
 * the filter bar that says so and clears it; NULL shows all. Property "uri-prefix". */
void             sock_message_view_set_uri_prefix  (SockMessageView *self,
                                                    const char      *uri_prefix);
const char      *sock_message_view_get_uri_prefix  (SockMessageView *self);
/* What the empty view says while nothing has come yet (the connection page: "Connecting to …");
 * NULL title: the usual "No Messages Yet". */
void             sock_message_view_set_empty_status (SockMessageView *self,
                                                     const char      *title,
                                                     const char      *description);

G_END_DECLS
