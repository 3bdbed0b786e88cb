/* sock-cli-watch-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-cli.h"

G_BEGIN_DECLS

/* One connection to watch, as the command line or the config file gave it. */
typedef struct
{
  char                  *name;
  char                  *url;
  char                  *saved;     /* the name of a saved connection, in place of url */
  char                  *match;
  char                 **topics;
  char                 **checks;
  SockCliConnectOptions  connect;
} SockCliWatchConnection;

typedef struct
{
  char      *listen;
  gint64     max_topics;
  GPtrArray *connections;   /* SockCliWatchConnection * */
} SockCliWatchConfig;

gboolean sock_cli_watch_read_config     (const char             *path,
                                         SockCliWatchConfig     *config,
                                         GError                **error);
void     sock_cli_watch_connection_free (SockCliWatchConnection *self);

G_END_DECLS
