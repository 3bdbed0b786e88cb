/* sock-message-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which rows of a SockMessageLog a view shows: a case-insensitive substring or a regular
 * expression over the URI and the payload, a URI and everything below it (the Topics view's
 * node), a set of message type codes and a set of directions. Every criterion left unset
 * matches everything.
 */

#pragma once

#include "sock-message-log.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MESSAGE_FILTER (sock_message_filter_get_type ())

G_DECLARE_FINAL_TYPE (SockMessageFilter, sock_message_filter, SOCK, MESSAGE_FILTER, GObject)

SockMessageFilter *sock_message_filter_new             (void);

/* Substring, case-insensitive for ASCII letters. NULL or "" matches everything. Replaces a
 * regex. */
void               sock_message_filter_set_text        (SockMessageFilter  *self,
                                                        const char         *text);
const char        *sock_message_filter_get_text        (SockMessageFilter  *self);
/* A GRegex pattern matched against the bytes of the URI and the payload. On a bad pattern
 * returns FALSE with G_REGEX_ERROR and keeps the previous criteria. Replaces a text. */
gboolean           sock_message_filter_set_regex       (SockMessageFilter  *self,
                                                        const char         *pattern,
                                                        GError            **error);
const char        *sock_message_filter_get_regex       (SockMessageFilter  *self);

/* A URI and the URIs below it at dots: "demo.metrics" keeps "demo.metrics" and
 * "demo.metrics.cpu", not "demo.metricsx" nor rows without a URI. NULL or "" matches
 * everything. Independent of the text or regex. */
void               sock_message_filter_set_uri_prefix  (SockMessageFilter  *self,
                                                        const char         *prefix);
const char        *sock_message_filter_get_uri_prefix  (SockMessageFilter  *self);

/* Message type codes to show; none added means every type. */
void               sock_message_filter_add_type        (SockMessageFilter  *self,
                                                        guint8              type);
void               sock_message_filter_clear_types     (SockMessageFilter  *self);
gboolean           sock_message_filter_has_type        (SockMessageFilter  *self,
                                                        guint8              type);

/* A mask of (1 << SockLogDirection); 0 means every direction. */
void               sock_message_filter_set_directions  (SockMessageFilter  *self,
                                                        guint               mask);
guint              sock_message_filter_get_directions  (SockMessageFilter  *self);

/* TRUE when nothing is set: every row matches. */
gboolean           sock_message_filter_is_empty        (SockMessageFilter  *self);

gboolean           sock_message_filter_match           (SockMessageFilter  *self,
                                                        SockMessageLog     *log,
                                                        const SockLogEntry *entry,
                                                        const guint8       *raw,
                                                        gsize               len);
/* FALSE for a row no longer (or not yet) in the log. */
gboolean           sock_message_filter_match_seq       (SockMessageFilter  *self,
                                                        SockMessageLog     *log,
                                                        guint64             seq);

/* Signals:
 *   changed ()   any criterion changed: views rebuild their rows
 */

G_END_DECLS
