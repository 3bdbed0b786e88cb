/* test-interop-routers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "interop-util.h"

int
main (int   argc,
      char *argv[])
{
  interop_init (&argc, &argv);
  return g_test_run ();
}
