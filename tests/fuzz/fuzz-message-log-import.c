/* fuzz-message-log-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the JSON Lines import (what "Open…" reads). Whatever imports must
 * export line by line and import again to the same number of messages with the same lines.
 */

#include "fuzz-util.h"
#include "sock-error.h"
#include "sock-message-log-private.h"

FUZZ_INITIALIZE_FATAL_WARNINGS

static char *
export_all (SockMessageLog *log)
{
  GString *out = g_string_new (NULL);

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      g_autofree char *line = sock_message_log_format_line (log, seq);

      CHECK (line != NULL);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockMessageLog) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!_sock_message_log_import_data (log, (const char *) data, size, "fuzz", NULL, &error))
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON));
      CHECK (strstr (error->message, "“fuzz”, line ") != NULL);
      return 0;
    }

  first = export_all (log);
  again = sock_message_log_new ();
  if (!_sock_message_log_import_data (again, first, strlen (first), "export", NULL, &error))
    {
      g_printerr ("the export does not import: %s\n", error->message);
      abort ();
    }
  CHECK (sock_message_log_get_n_retained (again) == sock_message_log_get_n_retained (log));
  second = export_all (again);
  CHECK (g_str_equal (first, second));
  return 0;
}
