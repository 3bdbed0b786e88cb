/* sock-message-compare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two messages of a log compared key by key (sock-json-diff.h): for WAMP their payload fields
 * (details, args, kwargs; v1: event, result), for text frames that are JSON the whole value, for
 * other frames their bytes. And which earlier message to compare a message with: the previous
 * one of the same type on the same URI (topic or procedure).
 */

#pragma once

#include "sock-json-diff.h"
#include "sock-message-log.h"

G_BEGIN_DECLS

/* How far back sock_message_find_previous() looks, in messages (a click, not the hot path). */
#define SOCK_MESSAGE_COMPARE_MAX_SCAN 2000000

/* The newest message before seq of the same kind, type, direction and URI; G_MAXUINT64 if none
 * within max_scan messages (or seq has no URI). */
guint64       sock_message_find_previous (SockMessageLog  *log,
                                          guint64          seq,
                                          guint            max_scan);
/* old_seq's message compared with new_seq's. Fails when either is no longer in the log
 * (SOCK_ERROR_INVALID_VALUE) or a payload cannot be read. */
SockJsonDiff *sock_message_compare       (SockMessageLog  *log,
                                          guint64          old_seq,
                                          guint64          new_seq,
                                          GError         **error);

G_END_DECLS
