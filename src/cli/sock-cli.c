/* sock-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-safe-text.h"

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
  { "record", sock_cli_record, N_("Record every message of a connection to a JSON Lines file the window opens") },
  { "replay", sock_cli_replay, N_("Publish the events of a recording again, with their original spacing") },
  { "watch", sock_cli_watch, N_("Keep connections open and serve their health as Prometheus metrics") },
  { "admin", sock_cli_admin, N_("List a WAMP router’s sessions, subscriptions, registrations; kill a session") },
  { "serve-demo", sock_cli_serve, N_("Run the built-in demo server on 127.0.0.1 until interrupted") },
};

void
sock_cli_printerr (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  g_autofree char *safe = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages quote servers (close reasons, error texts): nothing in them may reach the terminal raw. */
  safe = sock_safe_text (message, -1, 4 * SOCK_SAFE_TEXT_MAX_CHARS, SOCK_SAFE_TEXT_MULTILINE);
  g_printerr ("sockscope-cli: %s\n", safe);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: sockscope-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “sockscope-cli COMMAND --help” for the options of a command."));
  fprintf (out, "%s\n", _("“--connection NAME” in place of the URL uses a connection saved in Sockscope, with its "
                          "secrets from the keyring."));
}

/* GOption would say "Invalid byte sequence in conversion input" without naming anything:
 * name the option (or the argument) whose value is not UTF-8, and show it escaped. */
static gboolean
check_utf8 (int    argc,
            char **argv)
{
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *shown = NULL;
      g_autofree char *option = NULL;

      if (g_utf8_validate (argv[i], -1, NULL))
        continue;
      shown = sock_safe_text (argv[i], -1, 80, SOCK_SAFE_TEXT_ONE_LINE);
      if (g_str_has_prefix (argv[i], "-") && strchr (argv[i], '=') != NULL)
        {
          option = g_strndup (argv[i], strchr (argv[i], '=') - argv[i]);
          g_free (shown);
          shown = sock_safe_text (strchr (argv[i], '=') + 1, -1, 80, SOCK_SAFE_TEXT_ONE_LINE);
        }
      else if (i > 2 && g_str_has_prefix (argv[i - 1], "-") && strchr (argv[i - 1], '=') == NULL)
        option = g_strdup (argv[i - 1]);
      if (option != NULL && g_utf8_validate (option, -1, NULL))
        sock_cli_printerr (_("the value of %s is not valid UTF-8: “%s”"), option, shown);
      else
        sock_cli_printerr (_("the argument “%s” is not valid UTF-8"), shown);
      return FALSE;
    }
  return TRUE;
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
        {
          int status = SOCK_CLI_EXIT_USAGE;

          if (check_utf8 (argc, argv) && sock_cli_saved_prepare (&argc, &argv, &status))
            status = commands[i].run (argc - 1, argv + 1);
          sock_cli_saved_clear ();
          return status;
        }
    }

  sock_cli_printerr (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);

  return SOCK_CLI_EXIT_USAGE;
}
