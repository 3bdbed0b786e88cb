/* sock-raw-composer-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One frame the raw composer sent, as its history lists it: text or binary, the payload, a
 * one-line summary and when it was last sent. The history is kept in SockSendHistory (per
 * connection, across restarts) as raw entries: a text frame's text in args, a binary frame's
 * bytes in base64 in args with kwargs "base64".
 */

#pragma once

#include <glib-object.h>

#include "sock-send-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_RAW_COMPOSER_ITEM (sock_raw_composer_item_get_type ())

G_DECLARE_FINAL_TYPE (SockRawComposerItem, sock_raw_composer_item, SOCK, RAW_COMPOSER_ITEM, GObject)

/* Payloads up to this size are kept in the history (a history entry's field holds 256 KiB). */
#define SOCK_RAW_COMPOSER_ITEM_MAX_KEPT (190 * 1024)

SockRawComposerItem *sock_raw_composer_item_new         (gboolean             is_text,
                                                         GBytes              *payload);
/* The frame a raw history entry holds. */
SockRawComposerItem *sock_raw_composer_item_new_from_entry (SockSendEntry     *entry);
/* The history entry of a frame; NULL when it is larger than SOCK_RAW_COMPOSER_ITEM_MAX_KEPT. */
SockSendEntry       *sock_raw_composer_item_dup_entry   (SockRawComposerItem *self);
gboolean             sock_raw_composer_item_get_is_text (SockRawComposerItem *self);
GBytes              *sock_raw_composer_item_get_payload (SockRawComposerItem *self);
/* Properties "kind" ("TEXT", "BINARY"), "summary" and "time" ("10:02:03", when last sent). */
const char          *sock_raw_composer_item_get_summary (SockRawComposerItem *self);

G_END_DECLS
