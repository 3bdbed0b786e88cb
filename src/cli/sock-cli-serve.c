/* sock-cli-serve.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli serve-demo`: the demo server on 127.0.0.1 until SIGINT or SIGTERM.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "sock-cli.h"
#include "sock-demo-server.h"

#define DEFAULT_PORT 8080
#define DEFAULT_TLS_PORT 8443

typedef struct
{
  int      port;
  int      tls_port;
  gboolean no_tls;
} ServeOptions;

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_port (int          port,
            const char  *option,
            GError     **error)
{
  if (port >= 0 && port <= G_MAXUINT16)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s must be a port from 0 to 65535 (0 picks a free one), not %d"), option, port);
  return FALSE;
}

static gboolean
parse_options (int            argc,
               char         **argv,
               ServeOptions  *options,
               GError       **error)
{
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &options->port,
      N_("Listen for ws:// on this port (default 8080; 0 picks a free one)"), N_("PORT") },
    { "tls-port", 0, 0, G_OPTION_ARG_INT, &options->tls_port,
      N_("Listen for wss:// on this port (default 8443; 0 picks a free one)"), N_("PORT") },
    { "no-tls", 0, 0, G_OPTION_ARG_NONE, &options->no_tls,
      N_("Do not open the TLS listener"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  gboolean tls_port_given;

  context = g_option_context_new (_("— run the demo server on 127.0.0.1"));

  options->port = DEFAULT_PORT;
  options->tls_port = -1;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Serves /echo and the /fault/… paths that reproduce handshake failures; open "
      "http://127.0.0.1:PORT/ for the list. The WAMP router on /ws also listens for RawSocket on a "
      "port and a Unix socket of its own, printed at start. Runs until interrupted (Ctrl+C)."));

  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;

  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument “%s”"), argv[1]);
      return FALSE;
    }

  tls_port_given = options->tls_port != -1;
  if (tls_port_given && options->no_tls)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--tls-port and --no-tls contradict each other"));
      return FALSE;
    }
  if (!tls_port_given)
    options->tls_port = options->no_tls ? -1 : DEFAULT_TLS_PORT;

  return check_port (options->port, "--port", error)
         && (options->no_tls || check_port (options->tls_port, "--tls-port", error));
}

static void
print_rawsocket (SockDemoServer *server)
{
  /* the fault listeners by the names the README uses */
  static const char *faults[] = { NULL, "serializer-unsupported", "length-unacceptable", "reserved-bits",
                                  "connection-limit", "stall", "no-pong" };
  g_autofree char *url = sock_demo_server_dup_rawsocket_url (server);
  g_autofree char *unix_url = sock_demo_server_dup_rawsocket_unix_url (server);
  g_autoptr(GString) list = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (faults) == SOCK_DEMO_RAWSOCKET_N_FAULTS);
  printf (_("RawSocket (JSON, MessagePack, CBOR): %s and %s"), url, unix_url);
  printf ("\n");
  for (guint i = 1; i < G_N_ELEMENTS (faults); i++)
    g_string_append_printf (list, "%s%s rs://127.0.0.1:%u", i > 1 ? ", " : "", faults[i],
                            sock_demo_server_get_rawsocket_fault_port (server, i));
  printf (_("RawSocket faults: %s"), list->str);
  printf ("\n");
}

static void
print_listeners (SockDemoServer *server)
{
  g_autofree char *url = sock_demo_server_dup_base_url (server);
  g_autofree char *tls_url = sock_demo_server_dup_tls_base_url (server);

  printf (_("Demo server listening on %s"), url);
  printf ("\n");
  if (tls_url != NULL)
    {
      printf (_("TLS: %s (certificate %s, sha256 %s)"), tls_url,
              sock_demo_server_get_certificate_file (server),
              sock_demo_server_get_certificate_sha256 (server));
      printf ("\n");
    }
  print_rawsocket (server);
  /* Tests and scripts read these lines from a pipe while the server runs. */
  fflush (stdout);
}

static void
run_until_signal (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint sigint = g_unix_signal_add (SIGINT, on_signal, loop);
  guint sigterm = g_unix_signal_add (SIGTERM, on_signal, loop);

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
}

int
sock_cli_serve (int    argc,
                char **argv)
{
  ServeOptions options = { 0 };
  g_autoptr(SockDemoServer) server = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options (argc, argv, &options, &error))
    {
      sock_cli_printerr ("%s", error->message);
      sock_cli_printerr (_("run “sockscope-cli serve-demo --help” for the options"));
      return SOCK_CLI_EXIT_USAGE;
    }

  server = sock_demo_server_new ();
  if (!sock_demo_server_start (server, options.port, options.no_tls ? -1 : options.tls_port,
                               &error))
    {
      sock_cli_printerr (_("cannot start the demo server: %s"), error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        sock_cli_printerr (_("pick another port with --port/--tls-port, or 0 for a free one"));
      return SOCK_CLI_EXIT_FAILED;
    }

  print_listeners (server);
  run_until_signal ();
  sock_demo_server_stop (server);
  return SOCK_CLI_EXIT_OK;
}
