/* test-cli-grouping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts sockscope-cli prints for a person (stderr) are grouped as the locale groups digits
 * (LC_NUMERIC=de_DE.UTF-8: "1.500"), while its JSON lines on stdout stay plain JSON.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>

#include "cli-demo-util.h"

static char *ws_url;

/* `sockscope-cli args…` with numbers written as in Germany, words in English. */
static GSubprocess *
spawn_grouping (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_NUMERIC", "de_DE.UTF-8", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* sub --count 1500 during a flood of 5,000 events: "received 1.500 events". */
static void
test_cli_grouping_sub (void)
{
  /* the router takes the subscriptions in order: once a tick arrives, demo.flood is subscribed */
  g_autoptr(GSubprocess) sub = spawn_grouping ((const char *[]) { "sub", ws_url, "demo.tick", "demo.flood",
                                                                   "--realm", "demo", "--count", "1500", NULL });
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sub));
  g_autofree char *tick = read_line_within (lines, "a tick: sub subscribed");
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) call = { 0 };
  g_autofree char *err_text = NULL;
  guint n_lines = 1;

  g_assert_nonnull (strstr (tick, "demo.tick"));
  run_cli (&call, (const char *[]) { "call", ws_url, "demo.flood", "--realm", "demo", "--args", "[5000, 1]", NULL });
  g_assert_cmpint (call.status, ==, 0);
  for (;;)
    {
      g_autofree char *line = read_line_within (lines, "the flood's lines");
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (line == NULL)
        break;
      /* the locale reaches the words, never the JSON */
      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      n_lines++;
    }
  g_assert_cmpint (wait_exit_within (sub, "sub --count 1500 to end"), ==, 0);
  g_assert_cmpuint (n_lines, ==, 1500);
  err = g_input_stream_read_bytes (g_subprocess_get_stderr_pipe (sub), 4096, NULL, &error);
  g_assert_no_error (error);
  err_text = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  if (strstr (err_text, "sockscope-cli: received 1.500 events\n") == NULL)
    g_error ("sub said: %s", err_text);
}

int
main (int   argc,
      char *argv[])
{
  GSubprocess *server;
  locale_t german;
  int ret;

  cli_test_init (&argc, &argv);
  german = newlocale (LC_NUMERIC_MASK, "de_DE.UTF-8", (locale_t) 0);
  if (german == (locale_t) 0)
    {
      g_print ("1..0 # SKIP no de_DE.UTF-8 locale (localedef -i de_DE -f UTF-8 de_DE.UTF-8)\n");
      return 0;
    }
  freelocale (german);
  server = start_demo (&ws_url);
  g_test_add_func ("/sockscope/cli-grouping/sub", test_cli_grouping_sub);
  ret = g_test_run ();
  stop_demo (server);
  g_object_unref (server);
  g_free (ws_url);
  return ret;
}
