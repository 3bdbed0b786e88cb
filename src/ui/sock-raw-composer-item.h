/* sock-raw-composer-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One frame the raw composer sent, as its history lists it: text or binary, the payload, a
 * one-line summary and when it was last sent.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SOCK_TYPE_RAW_COMPOSER_ITEM (sock_raw_composer_item_get_type ())

G_DECLARE_FINAL_TYPE (SockRawComposerItem, sock_raw_composer_item, SOCK, RAW_COMPOSER_ITEM, GObject)

SockRawComposerItem *sock_raw_composer_item_new         (gboolean             is_text,
                                                         GBytes              *payload);
gboolean             sock_raw_composer_item_get_is_text (SockRawComposerItem *self);
GBytes              *sock_raw_composer_item_get_payload (SockRawComposerItem *self);
/* Properties "kind" ("TEXT", "BINARY"), "summary" and "time" ("10:02:03", when last sent). */
const char          *sock_raw_composer_item_get_summary (SockRawComposerItem *self);
/* Sent again: the time moves on. */
void                 sock_raw_composer_item_touch       (SockRawComposerItem *self);

G_END_DECLS
