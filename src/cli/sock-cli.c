/* sock-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sock-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "probe", sock_cli_probe, N_("Connect once and explain the handshake and why it failed") },
  { "sub", sock_cli_sub, N_("Subscribe to WAMP topics and print one JSON line per event") },
  { "pub", sock_cli_pub, N_("Publish one WAMP event") },
  { "call", sock_cli_call, N_("Call a WAMP procedure and print its result") },
  { "admin", sock_cli_admin, N_("List a WAMP router’s sessions, subscriptions, registrations; kill a session") },
  { "serve-demo", sock_cli_serve, N_("Run the built-in demo server on 127.0.0.1 until interrupted") },
};

void
sock_cli_printerr (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sockscope-cli: %s\n", message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: sockscope-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “sockscope-cli COMMAND --help” for the options of a command."));
}

int
sock_cli_main (int    argc,
               char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return SOCK_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SOCK_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("sockscope-cli %s\n", PACKAGE_VERSION);
      return SOCK_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  sock_cli_printerr (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);

  return SOCK_CLI_EXIT_USAGE;
}
