/* sock-cli-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-cli.h"

int
sock_cli_watch (int    argc,
                char **argv)
{
  return SOCK_CLI_EXIT_USAGE;
}
