/* bench-autobahn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "bench-autobahn.h"

double
bench_autobahn_count (const char *url,
                      guint64     total)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests";
  g_autofree char *script = g_build_filename (srcdir, "bench", "autobahn-count.js", NULL);
  g_autofree char *modules = g_build_filename (srcdir, "interop", "node_modules", NULL);
  g_autofree char *total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) node = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    return -1;
  g_subprocess_launcher_setenv (launcher, "NODE_PATH", modules, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, "node", script, url, total_text, NULL);
  if (node == NULL || !g_subprocess_communicate_utf8 (node, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("autobahn: %s\n", error->message);
      return -1;
    }
  return out != NULL ? g_ascii_strtod (out, NULL) : -1;
}
