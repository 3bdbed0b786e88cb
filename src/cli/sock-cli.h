/* sock-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sock-connect-options.h"

G_BEGIN_DECLS

/* Exit codes shared by every command. */
enum
{
  SOCK_CLI_EXIT_OK = 0,
  SOCK_CLI_EXIT_FAILED = 1,   /* a diagnosed failure, a WAMP error */
  SOCK_CLI_EXIT_USAGE = 2,    /* bad usage: a clear message on stderr, nothing sent */
  SOCK_CLI_EXIT_NOT_OFFERED = 3, /* admin: the router does not offer that part of the meta API */
  SOCK_CLI_EXIT_INTERRUPTED = 130, /* Ctrl+C (128 + SIGINT) */
  SOCK_CLI_EXIT_BROKEN_PIPE = 141, /* the reader of stdout went away (128 + SIGPIPE), said nothing */
};

int  sock_cli_main   (int    argc,
                      char **argv);

/* Commands: argv[0] is the command's name. */
int  sock_cli_probe  (int    argc,
                      char **argv);
int  sock_cli_serve  (int    argc,
                      char **argv);
int  sock_cli_sub    (int    argc,
                      char **argv);
int  sock_cli_pub    (int    argc,
                      char **argv);
int  sock_cli_call   (int    argc,
                      char **argv);
int  sock_cli_admin  (int    argc,
                      char **argv);
int  sock_cli_record (int    argc,
                      char **argv);
int  sock_cli_replay (int    argc,
                      char **argv);
int  sock_cli_watch  (int    argc,
                      char **argv);

/* The connection options every command shares: --protocol, --header, --origin, TLS, --timeout,
 * --max-message-size, --no-deflate, --keepalive, --pong-timeout, and for the commands that join a WAMP
 * session --realm, --authid, --ticket, --secret, --authmethod, --private-key. */
typedef struct
{
  char    **protocols;
  gboolean  no_protocol;
  char    **headers;
  char     *origin;
  char     *ca_file;
  char     *pin;
  gboolean  insecure;
  char     *timeout;           /* seconds, fractions allowed: the whole run (see sock_cli_parse_seconds) */
  gint64    max_message_size;
  gboolean  no_deflate;
  int       keepalive;         /* seconds between pings, 0 off; -1 the default */
  char     *pong_timeout;      /* seconds, fractions allowed */
  char     *realm;
  char     *authid;
  char     *ticket;
  char     *secret;
  char     *authmethod;        /* anonymous, ticket, wampcra, cryptosign; else from the options given */
  char     *private_key;       /* cryptosign: the key file */
} SockCliConnectOptions;

GOptionGroup *sock_cli_connect_option_group   (SockCliConnectOptions  *options);
/* --realm, --authid, --ticket, --secret, --authmethod, --private-key, shown with the command's own
 * options. */
void          sock_cli_add_wamp_options       (GOptionContext         *context,
                                               SockCliConnectOptions  *options);
void          sock_cli_connect_options_clear  (SockCliConnectOptions  *options);
/* Fills SockConnectOptions for url (no reconnecting) and validates them; fails (usage error) with a
 * message that says what to fix. A single --protocol auto, wamp.2.json, wamp.2.msgpack, wamp.2.cbor,
 * wamp or raw is that choice;
 * other names, several, or --no-protocol are offered as they are. */
SockConnectOptions *sock_cli_connect_options_build (SockCliConnectOptions  *options,
                                                    const char             *url,
                                                    GError                **error);

/* Parses a duration in seconds for option ("5", "0.5", "250ms", "2s") into milliseconds, above 0
 * and at most 24 hours. */
gboolean      sock_cli_parse_seconds          (const char             *option,
                                               const char             *text,
                                               guint                  *out_ms,
                                               GError                **error);

/* sock-cli-saved.c: --connection NAME. Takes it out of argv (argv[1] is the command) and puts the
 * saved connection's URL in as the command's first argument; FALSE with a message on stderr and
 * the exit code when the name is unknown or the file unreadable. */
gboolean            sock_cli_saved_prepare  (int          *argc,
                                             char       ***argv,
                                             int          *exit_code);
void                sock_cli_saved_clear    (void);
/* The settings of saved connection name, with its secrets from the keyring when it can give them
 * (watch's config file). */
SockConnectOptions *sock_cli_saved_dup_options (const char  *name,
                                                GError     **error);
/* The saved connection's options (secrets from the keyring included) when url is its URL. */
SockConnectOptions *sock_cli_saved_get_base (const char   *url);
/* When a saved connection's secret could not come from the keyring, rewrites error (a failed
 * validation) to say so; FALSE otherwise. */
gboolean            sock_cli_saved_explain  (GError      **error);

/* Prints "sockscope-cli: message" to stderr. */
void sock_cli_printerr (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
