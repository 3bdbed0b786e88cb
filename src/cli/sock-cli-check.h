/* sock-cli-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A synthetic check of `watch`: a procedure called every interval on a connection, its round trip
 * kept as a histogram and its failures counted by error (the WAMP error URI, or timeout,
 * connection_lost, not_connected, error; at most SOCK_CLI_CHECK_MAX_ERRORS distinct, then other).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_CLI_CHECK_N_BUCKETS 11
#define SOCK_CLI_CHECK_MAX_ERRORS 10

extern const double sock_cli_check_buckets[SOCK_CLI_CHECK_N_BUCKETS];

typedef struct _SockCliCheck
{
  char         *procedure;
  JsonArray    *args;
  guint         interval_ms;

  SockConnection *connection;      /* not owned */
  guint         timer;
  GCancellable *cancellable;       /* the running call's; "check" data: this, until freed */
  guint64       buckets[SOCK_CLI_CHECK_N_BUCKETS];  /* cumulative counts are made when rendered */
  guint64       count;
  double        sum;
  GHashTable   *failures;          /* error → GUINT_TO_POINTER (count) */
} SockCliCheck;

/* "PROCEDURE[:ARGS]:INTERVAL", e.g. "demo.add:[1,2]:10s" or "app.ping:5"; a usage error says why. */
SockCliCheck *sock_cli_check_parse (const char      *spec,
                                    GError         **error);
SockCliCheck *sock_cli_check_new   (const char      *procedure,
                                    JsonArray       *args,
                                    guint            interval_ms);
void          sock_cli_check_start (SockCliCheck    *self,
                                    SockConnection  *connection);
void          sock_cli_check_free  (SockCliCheck    *self);

G_END_DECLS
