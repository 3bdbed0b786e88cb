/* fuzz-send-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the send history file (sent.json). Whatever the store reads without
 * complaint it must write out again, and a new store must read that back without complaint and
 * with the same templates.
 */

#include <glib/gstdio.h>

#include "fuzz-util.h"
#include "sock-send-history.h"

static char *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("sockscope-fuzz-history-XXXXXX", NULL);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (dir == NULL)
    abort ();
  path = g_build_filename (dir, "sent.json", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SockSendHistory) history = NULL;
  g_autoptr(SockSendHistory) again = NULL;

  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    abort ();
  history = sock_send_history_new (path);
  if (sock_send_history_get_load_error (history) == NULL)
    {
      if (!sock_send_history_save (history, NULL))
        abort ();
      again = sock_send_history_new (path);
      if (sock_send_history_get_load_error (again) != NULL)
        abort ();
      for (guint kind = SOCK_SEND_PUBLISH; kind <= SOCK_SEND_RAW; kind++)
        if (g_list_model_get_n_items (sock_send_history_get_templates (history, kind))
            != g_list_model_get_n_items (sock_send_history_get_templates (again, kind)))
          abort ();
    }
  g_unlink (path);
  return 0;
}
