/* test-cli-prometheus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real Prometheus server (Debian's prometheus package) started on 127.0.0.1 with a scratch
 * config and storage scrapes a `sockscope-cli watch` agent every second and loads the shipped
 * alert rules; its HTTP API then answers sockscope_events_total with the events published.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-metrics-util.h"
#include "../test-files.h"
#include "../test-net.h"

#define PUBLISHED 3

static char *ws_url;

/* The value of the first series a PromQL query returns, or -1. */
static double
query (const char *prometheus,
       const char *promql)
{
  g_autofree char *escaped = g_uri_escape_string (promql, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/query?query=%s", prometheus, escaped);
  g_autofree char *body = http_get (url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *data;
  JsonArray *result;

  if (body == NULL || !json_parser_load_from_data (parser, body, -1, NULL))
    return -1;
  data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data");
  result = data ? json_object_get_array_member (data, "result") : NULL;
  if (result == NULL || json_array_get_length (result) == 0)
    return -1;
  /* "value": [time, "3"] */
  return g_ascii_strtod (json_array_get_string_element (
    json_object_get_array_member (json_array_get_object_element (result, 0), "value"), 1), NULL);
}

static guint
n_rules (const char *prometheus)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/rules", prometheus);
  g_autofree char *body = http_get (url);
  guint n = 0;

  for (const char *p = body; p != NULL && (p = strstr (p, "\"name\":\"Sockscope")) != NULL; p++)
    n++;
  return n;
}

static gboolean
is_ready (const char *url)
{
  g_autofree char *body = http_get (url);

  return body != NULL;
}

static GSubprocess *
start_prometheus (const char  *dir,
                  const char  *agent_url,
                  char       **out_url)
{
  g_autofree char *config_path = g_build_filename (dir, "prometheus.yml", NULL);
  g_autofree char *storage = g_build_filename (dir, "data", NULL);
  g_autofree char *rules = g_canonicalize_filename ("../data/prometheus/sockscope-alerts.yml", g_getenv ("G_TEST_SRCDIR"));
  g_autoptr(GUri) agent = g_uri_parse (agent_url, G_URI_FLAGS_NONE, NULL);
  guint port = test_closed_port ();
  g_autofree char *config = g_strdup_printf ("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                             "rule_files:\n  - %s\n"
                                             "scrape_configs:\n  - job_name: sockscope\n    static_configs:\n"
                                             "      - targets: ['127.0.0.1:%d']\n", rules, g_uri_get_port (agent));
  g_autofree char *config_arg = g_strconcat ("--config.file=", config_path, NULL);
  g_autofree char *storage_arg = g_strconcat ("--storage.tsdb.path=", storage, NULL);
  g_autofree char *listen_arg = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", port);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *prometheus;

  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  prometheus = g_subprocess_launcher_spawn (launcher, &error, "prometheus", config_arg, storage_arg, listen_arg,
                                            "--log.level=warn", NULL);
  g_assert_no_error (error);
  *out_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  return prometheus;
}

static void
test_cli_prometheus_scrape (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *prometheus_url = NULL;
  g_autofree char *ready = NULL;
  g_autoptr(GSubprocess) watch = NULL;
  g_autoptr(GSubprocess) prometheus = NULL;

  if (!have_program ("prometheus"))
    {
      g_test_skip ("the prometheus binary is missing: install Debian's prometheus package "
                   "(build-aux/install-deps test does)");
      return;
    }
  dir = g_dir_make_tmp ("sockscope-prometheus-XXXXXX", NULL);
  /* demo.tick as well: once a tick came, test.prom (subscribed first) is subscribed too */
  watch = start_watch ((const char *[]) { ws_url, "test.prom", "demo.tick", "--realm", "demo", "--name", "demo",
                                          NULL }, &agent);
  WAIT_FOR (sample_value (agent, "sockscope_events_total{connection=\"demo\",topic=\"demo.tick\"}") >= 1);
  for (guint i = 0; i < PUBLISHED; i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, (const char *[]) { "pub", ws_url, "test.prom", "--realm", "demo", "--args", "[1]", NULL });
      g_assert_cmpint (run.status, ==, 0);
    }
  WAIT_FOR (sample_value (agent, "sockscope_events_total{connection=\"demo\",topic=\"test.prom\"}") == PUBLISHED);

  prometheus = start_prometheus (dir, agent, &prometheus_url);
  ready = g_strconcat (prometheus_url, "/-/ready", NULL);
  WAIT_FOR_WITHIN (60, is_ready (ready) || g_subprocess_get_identifier (prometheus) == NULL);
  g_assert_nonnull (g_subprocess_get_identifier (prometheus));   /* it did not exit */
  /* a scrape a second: the query sees the agent's count within a few */
  WAIT_FOR_WITHIN (60, query (prometheus_url, "sockscope_events_total{topic=\"test.prom\",job=\"sockscope\"}") == PUBLISHED);
  g_assert_cmpfloat (query (prometheus_url, "sockscope_up{connection=\"demo\"}"), ==, 1);
  g_assert_cmpfloat (query (prometheus_url, "up{job=\"sockscope\"}"), ==, 1);
  /* the shipped alert rules loaded */
  g_assert_cmpuint (n_rules (prometheus_url), ==, 6);

  g_subprocess_send_signal (prometheus, SIGTERM);
  wait_exit_within (prometheus, "prometheus to stop");
  stop_watch (watch);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) server = NULL;
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-prometheus/scrape", test_cli_prometheus_scrape);

  ret = g_test_run ();
  stop_demo (server);
  g_free (ws_url);
  return ret;
}
