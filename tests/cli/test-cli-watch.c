/* test-cli-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli watch` through the real binary against the demo router: the exposition passes
 * `promtool check metrics`; a frozen server turns sockscope_up to 0 and back after it thaws; topics
 * past the cap are counted as overflow; labels are escaped and hold no secret; a config file with
 * several connections counts a failing one's handshakes by diagnosis; synthetic checks; saved
 * connections, from the command line and from a config file.
 * Prometheus itself scrapes the agent in test-cli-prometheus.c.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cli-metrics-util.h"
#include "sock-saved-connections.h"

static GSubprocess *server;
static char *ws_url;

/* Publishes to topic from another session. */
static void
publish (const char *topic)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, (const char *[]) { "pub", ws_url, topic, "--realm", "demo", "--args", "[1]", NULL });
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_watch_promtool (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) watch = start_watch ((const char *[]) { ws_url, "demo.tick", "--realm", "demo",
                                                                  "--check", "demo.add:[1,2]:0.2s", NULL }, &url);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) promtool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!have_program ("promtool"))
    {
      stop_watch (watch);
      g_test_skip ("promtool is missing: install Debian's prometheus package (build-aux/install-deps test)");
      return;
    }
  {
    g_autofree char *label = g_strdup_printf ("sockscope_check_duration_seconds_count{connection=\"%s\",procedure=\"demo.add\"}", ws_url);
    g_autofree char *tick = g_strdup_printf ("sockscope_events_total{connection=\"%s\",topic=\"demo.tick\"}", ws_url);

    WAIT_FOR (sample_value (url, label) >= 2 && sample_value (url, tick) >= 1);
  }
  text = http_get (url);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  promtool = g_subprocess_launcher_spawn (launcher, &error, "promtool", "check", "metrics", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (promtool, text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (promtool) != 0)
    g_error ("promtool check metrics: %s%s\n%s", out, err, text);
  g_assert_nonnull (strstr (text, "# TYPE sockscope_check_duration_seconds histogram\n"));
  g_assert_nonnull (strstr (text, "le=\"+Inf\"} "));
  stop_watch (watch);
}

static void
test_cli_watch_alert_rules (void)
{
  g_autofree char *rules = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "prometheus",
                                             "sockscope-alerts.yml", NULL);
  g_autofree char *rule_tests = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "prometheus",
                                                  "sockscope-alerts-test.yml", NULL);
  const char *check[] = { "promtool", "check", "rules", rules, NULL };
  const char *unit[] = { "promtool", "test", "rules", rule_tests, NULL };
  const char * const *commands[] = { check, unit };

  if (!have_program ("promtool"))
    {
      g_test_skip ("promtool is missing: install Debian's prometheus package (build-aux/install-deps test)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) promtool = g_subprocess_newv (commands[i], G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                           G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
      g_autofree char *out = NULL;

      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (promtool, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_exit_status (promtool) != 0)
        g_error ("%s %s: %s", commands[i][1], commands[i][2], out);
    }
}

/* Liveness: pings every 1 s, 1 s to answer; a stopped server is down within that bound (the test
 * allows more on a loaded machine), dropped and tried again, and up again once it runs. */
static void
test_cli_watch_frozen (void)
{
  g_autofree char *own_ws = NULL;
  g_autoptr(GSubprocess) frozen = start_demo (&own_ws);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) watch = start_watch ((const char *[]) { own_ws, "demo.tick", "--realm", "demo",
                                                                  "--name", "frozen", "--keepalive", "1",
                                                                  "--pong-timeout", "1", NULL }, &url);

  WAIT_FOR (sample_value (url, "sockscope_up{connection=\"frozen\"}") == 1);
  g_subprocess_send_signal (frozen, SIGSTOP);
  WAIT_FOR (sample_value (url, "sockscope_up{connection=\"frozen\"}") == 0);
  /* still no answer after another pong timeout: the connection is dropped and tried again */
  WAIT_FOR (sample_value (url, "sockscope_reconnects_total{connection=\"frozen\"}") == 1);
  g_subprocess_send_signal (frozen, SIGCONT);
  /* an attempt made while it was stopped waits for its connect timeout, then the backoff */
  WAIT_FOR_WITHIN (40, sample_value (url, "sockscope_up{connection=\"frozen\"}") == 1);
  stop_watch (watch);
  stop_demo (frozen);
}

/* --max-topics 1: the first topic is its own series, the others count as __other__; the name is
 * escaped as the exposition format asks. */
static void
test_cli_watch_labels (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) watch = start_watch ((const char *[]) { ws_url, "test.cap.", "--realm", "demo",
                                                                  "--match", "prefix", "--max-topics", "1",
                                                                  "--name", "a\"b\\c\nd", NULL }, &url);
  const char *first = "sockscope_events_total{connection=\"a\\\"b\\\\c\\nd\",topic=\"test.cap.first\"}";
  const char *other = "sockscope_events_total{connection=\"a\\\"b\\\\c\\nd\",topic=\"__other__\"}";
  g_autofree char *text = NULL;

  WAIT_FOR (sample_value (url, "sockscope_up{connection=\"a\\\"b\\\\c\\nd\"}") == 1);
  /* until the subscription is in place, a publication reaches nobody */
  WAIT_FOR ((publish ("test.cap.first"), sample_value (url, first) >= 1));
  publish ("test.cap.second");
  publish ("test.cap.third");
  WAIT_FOR (sample_value (url, other) == 2);
  text = http_get (url);
  g_assert_null (strstr (text, "test.cap.second"));
  stop_watch (watch);
}

/* Two connections from a file: one joined, one refused with 404 (its handshakes counted by
 * diagnosis id, its label without the token in its URL); a secret in the file is refused. */
static void
test_cli_watch_config (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sockscope-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "watch.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "secret.json", NULL);
  g_autofree char *base = g_strndup (ws_url, strlen (ws_url) - strlen ("/ws"));
  g_autofree char *config = g_strdup_printf ("{\"connections\": ["
                                             "{\"name\": \"good\", \"url\": \"%s\", \"realm\": \"demo\", \"topics\": [\"demo.tick\"]},"
                                             "{\"url\": \"%s/missing?token=hunter2\", \"keepalive\": 5}]}", ws_url, base);
  g_autofree char *masked = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GSubprocess) watch = NULL;
  g_auto(Run) refused = { 0 };

  g_assert_true (g_file_set_contents (path, config, -1, NULL));
  watch = start_watch ((const char *[]) { "--config", path, NULL }, &url);
  WAIT_FOR (sample_value (url, "sockscope_events_total{connection=\"good\",topic=\"demo.tick\"}") >= 1);
  WAIT_FOR ((g_free (text), text = http_get (url)) != NULL &&
            strstr (text, "sockscope_handshake_failures_total{connection=\"ws://127.0.0.1:") != NULL);
  g_assert_nonnull (strstr (text, "diagnosis=\"http-404\"} "));
  g_assert_null (strstr (text, "hunter2"));
  g_assert_nonnull (strstr (text, "sockscope_up{connection=\"good\"} 1\n"));
  stop_watch (watch);

  g_assert_true (g_file_set_contents (bad_path, "{\"connections\": [{\"url\": \"ws://127.0.0.1:1/ws\", "
                                      "\"ticket\": \"hunter2\"}]}", -1, NULL));
  run_cli (&refused, (const char *[]) { "watch", "--config", bad_path, "--metrics-listen", "127.0.0.1:0", NULL });
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "ticket_env"));
  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* A saved connection by name, on the command line and in a config file: its realm and its
 * subscriptions, and the topics the file adds. */
static void
test_cli_watch_saved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sockscope-watch-saved-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "sockscope", "connections.json", NULL);
  g_autofree char *config_path = g_build_filename (dir, "watch.json", NULL);
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (store_path);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (ws_url, NULL);
  g_autoptr(SockSavedConnection) saved = NULL;
  g_autoptr(GSubprocess) watch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *old_config = g_strdup (g_getenv ("XDG_CONFIG_HOME"));
  /* on the command line, the connection is labelled by its URL */
  g_autofree char *tick = g_strdup_printf ("sockscope_events_total{connection=\"%s\",topic=\"demo.tick\"}", ws_url);
  g_auto(Run) unknown = { 0 };

  sock_connect_options_set_realm (options, "demo");
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  saved = sock_saved_connection_new ("Demo saved", options);
  sock_saved_connections_insert (store, -1, saved);
  g_assert_true (sock_saved_connections_save (store, &error));
  g_assert_no_error (error);
  /* the agents started below read this directory's saved connections */
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);

  watch = start_watch ((const char *[]) { "--connection", "Demo saved", NULL }, &url);
  /* Events, not only the series (which is there from the start): an agent stopped during its
   * WebSocket upgrade resets the connection, and libsoup's server then warns, which
   * G_DEBUG=fatal-warnings makes fatal to the demo server the next agent needs. */
  WAIT_FOR (sample_value (url, tick) >= 1);
  stop_watch (watch);
  g_clear_object (&watch);
  g_clear_pointer (&url, g_free);

  g_assert_true (g_file_set_contents (config_path, "{\"connections\": [{\"connection\": \"Demo saved\", "
                                      "\"topics\": [\"demo.metrics.cpu\"]}]}", -1, NULL));
  watch = start_watch ((const char *[]) { "--config", config_path, NULL }, &url);
  WAIT_FOR (sample_value (url, "sockscope_events_total{connection=\"Demo saved\",topic=\"demo.tick\"}") >= 1);
  WAIT_FOR (sample_value (url, "sockscope_events_total{connection=\"Demo saved\",topic=\"demo.metrics.cpu\"}") >= 1);
  g_assert_cmpfloat (sample_value (url, "sockscope_up{connection=\"Demo saved\"}"), ==, 1);
  stop_watch (watch);

  /* an unknown name says which ones there are */
  g_assert_true (g_file_set_contents (config_path, "{\"connections\": [{\"connection\": \"Nope\"}]}", -1, NULL));
  run_cli (&unknown, (const char *[]) { "watch", "--config", config_path, "--metrics-listen", "127.0.0.1:0", NULL });
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "Demo saved"));

  if (old_config != NULL)
    g_setenv ("XDG_CONFIG_HOME", old_config, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_unlink (config_path);
  g_unlink (store_path);
  {
    g_autofree char *sub_dir = g_path_get_dirname (store_path);
    g_rmdir (sub_dir);
  }
  g_rmdir (dir);
}

static void
test_cli_watch_checks (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) watch = start_watch ((const char *[]) { ws_url, "--realm", "demo", "--name", "c",
                                                                  "--check", "demo.add:[1,2]:0.2s",
                                                                  "--check", "demo.fail:0.2s", NULL }, &url);

  WAIT_FOR (sample_value (url, "sockscope_check_duration_seconds_count{connection=\"c\",procedure=\"demo.add\"}") >= 2);
  WAIT_FOR (sample_value (url, "sockscope_check_failures_total{connection=\"c\",procedure=\"demo.fail\","
                               "error=\"demo.error.failed\"}") >= 2);
  g_assert_cmpfloat (sample_value (url, "sockscope_check_duration_seconds_bucket{connection=\"c\","
                                        "procedure=\"demo.add\",le=\"+Inf\"}"), >=, 2);
  stop_watch (watch);
}

static void
test_cli_watch_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) bad_check = { 0 };
  g_auto(Run) bad_listen = { 0 };

  run_cli (&none, (const char *[]) { "watch", NULL });
  g_assert_cmpint (none.status, ==, 2);
  run_cli (&bad_check, (const char *[]) { "watch", ws_url, "--check", "demo.add", NULL });
  g_assert_cmpint (bad_check.status, ==, 2);
  g_assert_nonnull (strstr (bad_check.err, "PROCEDURE[:ARGS]:INTERVAL"));
  run_cli (&bad_listen, (const char *[]) { "watch", ws_url, "--metrics-listen", "localhost", NULL });
  g_assert_cmpint (bad_listen.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-watch/promtool", test_cli_watch_promtool);
  g_test_add_func ("/sockscope/cli-watch/alert-rules", test_cli_watch_alert_rules);
  g_test_add_func ("/sockscope/cli-watch/frozen", test_cli_watch_frozen);
  g_test_add_func ("/sockscope/cli-watch/saved", test_cli_watch_saved);
  g_test_add_func ("/sockscope/cli-watch/labels", test_cli_watch_labels);
  g_test_add_func ("/sockscope/cli-watch/config", test_cli_watch_config);
  g_test_add_func ("/sockscope/cli-watch/checks", test_cli_watch_checks);
  g_test_add_func ("/sockscope/cli-watch/usage", test_cli_watch_usage);

  ret = g_test_run ();
  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  return ret;
}
