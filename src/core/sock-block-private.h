/* sock-block-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Blocks of this many bytes or more are pages mapped of their own (sock-block.c). */
#define SOCK_BLOCK_MAPPED (256 * 1024)

/* Like g_realloc() (block may be NULL, new_size 0 frees it), for blocks that are freed with
 * sock_block_free(): old_size is the block's size, as asked for when it was made. */
gpointer sock_block_resize (gpointer block,
                            gsize    old_size,
                            gsize    new_size);
void     sock_block_free   (gpointer block,
                            gsize    size);

G_END_DECLS
