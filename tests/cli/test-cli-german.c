/* test-cli-german.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real sockscope-cli under a German locale with the catalog built in this tree
 * (SOCKSCOPE_LOCALEDIR): its help, a usage error and a diagnosis read in German, and the same
 * run under the C locale still reads in English. The app's --help, parsed before GTK starts, too.
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "cli-test-util.h"
#include "../test-net.h"

static void
use_language (const char *language,
              const char *locale)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", locale, TRUE);
}

static void
run_german (Run                *run,
            const char * const *args)
{
  use_language ("de", "de_DE.UTF-8");
  run_cli (run, args);
}

static void
assert_has (const char *text,
            const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("expected “%s” in:\n%s", expected, text);
}

static void
test_cli_german_help (void)
{
  const char *top[] = { "--help", NULL };
  const char *probe[] = { "probe", "--help", NULL };
  const char *sub[] = { "sub", "--help-all", NULL };
  const char *watch[] = { "watch", "--help", NULL };
  g_auto(Run) top_run = { 0 };
  g_auto(Run) probe_run = { 0 };
  g_auto(Run) sub_run = { 0 };
  g_auto(Run) watch_run = { 0 };

  run_german (&top_run, top);
  g_assert_cmpint (top_run.status, ==, 0);
  assert_has (top_run.out, "Aufruf: sockscope-cli BEFEHL [OPTION…]");
  assert_has (top_run.out, "Befehle:");
  assert_has (top_run.out, "Einmal verbinden und den Handshake erklären, und warum er scheiterte");
  assert_has (top_run.out, "„sockscope-cli BEFEHL --help“ zeigt die Optionen eines Befehls.");

  run_german (&probe_run, probe);
  g_assert_cmpint (probe_run.status, ==, 0);
  assert_has (probe_run.out, "URL — einmal verbinden und den Handshake erklären");
  assert_has (probe_run.out, "Ein JSON-Objekt statt Text ausgeben");
  assert_has (probe_run.out, "Verbindungsoptionen anzeigen");
  assert_has (probe_run.out, "Exit-Status: 0, wenn der WebSocket geöffnet");

  /* the connection option group is translated too, and the option names stay */
  run_german (&sub_run, sub);
  g_assert_cmpint (sub_run.status, ==, 0);
  assert_has (sub_run.out, "Verbindungsoptionen:");
  assert_has (sub_run.out, "--origin=ORIGIN");
  assert_has (sub_run.out, "Diesen Origin-Header senden");
  assert_has (sub_run.out, "--timeout=SEKUNDEN");
  assert_has (sub_run.out, "URL TOPIC… — eine JSON-Zeile pro Event ausgeben");

  /* help texts with a value in them are whole sentences in the catalog */
  run_german (&watch_run, watch);
  g_assert_cmpint (watch_run.status, ==, 0);
  assert_has (watch_run.out, "/metrics auf dieser Adresse bereitstellen (Vorgabe 127.0.0.1:9464; Port 0 wählt einen freien)");
  assert_has (watch_run.out, "weitere werden als topic=\"__other__\" gezählt (Vorgabe 100)");
}

static void
test_cli_german_usage_error (void)
{
  const char *no_url[] = { "probe", NULL };
  const char *password[] = { "probe", "ws://user:hunter2@127.0.0.1:9/ws", NULL };
  g_auto(Run) no_url_run = { 0 };
  g_auto(Run) password_run = { 0 };

  run_german (&no_url_run, no_url);
  g_assert_cmpint (no_url_run.status, ==, 2);
  assert_has (no_url_run.err, "probe braucht eine URL, z. B. sockscope-cli probe ws://localhost:8080/ws");

  run_german (&password_run, password);
  g_assert_cmpint (password_run.status, ==, 2);
  assert_has (password_run.err, "enthält ein Passwort: Sockscope nimmt keine Passwörter in URLs an");
  g_assert_null (strstr (password_run.err, "hunter2"));
}

static void
test_cli_german_diagnosis (void)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/ws", test_closed_port ());
  const char *probe[] = { "probe", url, "--timeout", "10", NULL };
  g_auto(Run) german = { 0 };
  g_auto(Run) english = { 0 };

  run_german (&german, probe);
  g_assert_cmpint (german.status, ==, 1);
  assert_has (german.out, "Die Verbindung wurde abgewiesen");
  assert_has (german.out, "Was Sie versuchen können:");

  /* the same run without the German locale: the words above came from the catalog */
  use_language (NULL, "C.UTF-8");
  run_cli (&english, probe);
  g_assert_cmpint (english.status, ==, 1);
  assert_has (english.out, "The connection was refused");
  g_assert_null (strstr (english.out, "abgewiesen"));
}

static void
test_cli_german_app_help (void)
{
  const char *argv[] = { SOCK_TEST_APP, "--help", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  use_language ("de", "de_DE.UTF-8");
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  finish_run (process, &run);
  g_assert_cmpint (run.status, ==, 0);
  assert_has (run.out, "WebSocket- und WAMP-Server debuggen. Eine URL öffnet eine Verbindung");
  assert_has (run.out, "--protocol=PROTOKOLL");
  assert_has (run.out, "Den eingebauten Demo-Server starten und seine Live-Topics verfolgen");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *mo = g_build_filename (SOCK_TEST_LOCALEDIR, "de", "LC_MESSAGES", "sockscope.mo", NULL);

  cli_test_init (&argc, &argv);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: build the tree (ninja -C _build) before running the tests", mo);
  /* Debian's locales package compiles no locale; build-aux/install-deps test does */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("the de_DE.UTF-8 locale is not available: run build-aux/install-deps test "
             "(or localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
  setlocale (LC_ALL, "C");
  g_setenv ("SOCKSCOPE_LOCALEDIR", SOCK_TEST_LOCALEDIR, TRUE);

  g_test_add_func ("/sockscope/cli-german/help", test_cli_german_help);
  g_test_add_func ("/sockscope/cli-german/usage-error", test_cli_german_usage_error);
  g_test_add_func ("/sockscope/cli-german/diagnosis", test_cli_german_diagnosis);
  g_test_add_func ("/sockscope/cli-german/app-help", test_cli_german_app_help);

  return g_test_run ();
}
