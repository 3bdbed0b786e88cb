/* test-files.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleaning up after a test that wrote files: its scratch folder goes, with what is in it.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes path and everything below it; a symbolic link is removed, not followed. */
static G_GNUC_UNUSED void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
