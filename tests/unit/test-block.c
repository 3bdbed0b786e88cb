/* test-block.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Big blocks (sock-block.c) keep their bytes through every resize: small and malloc's, across
 * the threshold into mapped pages and back, and grown while mapped (mremap).
 */

#include "config.h"

#include <string.h>

#include "sock-block-private.h"

static void
fill (guint8 *block,
      gsize   from,
      gsize   to)
{
  for (gsize i = from; i < to; i++)
    block[i] = (guint8) (i * 7 + 3);
}

static void
assert_filled (const guint8 *block,
               gsize         size)
{
  for (gsize i = 0; i < size; i++)
    if (block[i] != (guint8) (i * 7 + 3))
      g_error ("byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " lost", i, size);
}

static void
test_block_resize (void)
{
  const gsize sizes[] = { 1000, 64 * 1024, SOCK_BLOCK_MAPPED - 1, SOCK_BLOCK_MAPPED, 3 * SOCK_BLOCK_MAPPED,
                          64 * 1024 * 1024 };
  guint8 *block = NULL;
  gsize size = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      block = sock_block_resize (block, size, sizes[i]);
      g_assert_nonnull (block);
      assert_filled (block, size);
      fill (block, size, sizes[i]);
      size = sizes[i];
    }
  /* and back down: what fits stays */
  for (guint i = G_N_ELEMENTS (sizes) - 1; i-- > 0;)
    {
      block = sock_block_resize (block, size, sizes[i]);
      size = sizes[i];
      assert_filled (block, size);
    }
  g_assert_null (sock_block_resize (block, size, 0));
  sock_block_free (NULL, SOCK_BLOCK_MAPPED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/block/resize", test_block_resize);

  return g_test_run ();
}
