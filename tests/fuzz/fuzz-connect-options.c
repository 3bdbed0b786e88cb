/* fuzz-connect-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the stored form of connect options (Recent, saved connections). Whatever
 * reads must write itself out again, read that back, and write the same text.
 */

#include "fuzz-util.h"
#include "sock-connect-options.h"

FUZZ_INITIALIZE_FATAL_WARNINGS

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_from_string (text, NULL);
  g_autoptr(SockConnectOptions) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (options == NULL)
    return 0;
  first = sock_connect_options_to_string (options);
  again = sock_connect_options_new_from_string (first, NULL);
  if (again == NULL)
    abort ();
  second = sock_connect_options_to_string (again);
  if (strcmp (first, second) != 0)
    abort ();
  return 0;
}
