/* sock-block.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Big blocks that grow without being copied.
 *
 * A message log's records and bytes are two blocks that double as the log fills. glibc's
 * realloc() of a block that malloc() mapped is an mremap(), which moves no data; but glibc raises
 * its mmap threshold each time a mapped block is freed (up to 32 MiB), and GTK frees big ones
 * every frame, so from then on a log's blocks came from the heap and each doubling copied all of
 * it: 10–30 ms on the thread that appended, page faults included, several times a second with a
 * few logs filling. Blocks of SOCK_BLOCK_MAPPED bytes or more are mapped here, whatever malloc's
 * threshold is, and grow with mremap(); smaller ones are malloc's.
 */

/* mremap() is a GNU extension */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "sock-block-private.h"

static gpointer
map (gsize size)
{
  gpointer block = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (block == MAP_FAILED)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
  return block;
}

gpointer
sock_block_resize (gpointer block,
                   gsize    old_size,
                   gsize    new_size)
{
  gboolean was_mapped = block != NULL && old_size >= SOCK_BLOCK_MAPPED;
  gpointer moved;

  if (new_size == 0)
    {
      sock_block_free (block, old_size);
      return NULL;
    }
  if (new_size < SOCK_BLOCK_MAPPED && !was_mapped)
    return g_realloc (block, new_size);
  if (new_size >= SOCK_BLOCK_MAPPED && was_mapped)
    {
      moved = mremap (block, old_size, new_size, MREMAP_MAYMOVE);
      if (moved == MAP_FAILED)
        g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, new_size);
      return moved;
    }
  /* across the threshold, either way: what fits is copied (less than SOCK_BLOCK_MAPPED) */
  moved = new_size >= SOCK_BLOCK_MAPPED ? map (new_size) : g_malloc (new_size);
  if (block != NULL)
    memcpy (moved, block, MIN (old_size, new_size));
  sock_block_free (block, old_size);
  return moved;
}

void
sock_block_free (gpointer block,
                 gsize    size)
{
  if (block == NULL)
    return;
  if (size >= SOCK_BLOCK_MAPPED)
    munmap (block, size);
  else
    g_free (block);
}
