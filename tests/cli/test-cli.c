/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real sockscope-cli binary: a demo server in one process (serve-demo), probes in others.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cli-demo-util.h"

static GSubprocess *server;
static char *base_url;      /* ws://127.0.0.1:PORT */
static char *tls_base_url;  /* wss://127.0.0.1:PORT */
static char *rs_url;        /* rs://127.0.0.1:PORT */
static char *unix_url;      /* unix:///…/wamp.sock */
static char *cert_file;

/* run_cli() with the arguments listed, up to a NULL. */
static void
run_cli_args (Run *run,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli (run, (const char * const *)args->pdata);
}

static char *
url (const char *base,
     const char *path)
{
  return g_strconcat (base, path, NULL);
}

static void
test_cli_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) unknown = { 0 };

  run_cli_args (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage: sockscope-cli COMMAND"));

  run_cli_args (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "probe"));
  g_assert_nonnull (strstr (help.out, "serve-demo"));

  run_cli_args (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));
}

static void
test_cli_probe_bad_usage (void)
{
  struct { const char *args[6]; const char *message; } cases[] = {
    { { "probe", NULL }, "probe needs a URL" },
    { { "probe", "htp://localhost/ws", NULL }, "Unknown scheme “htp:”" },
    { { "probe", "http://localhost/ws", NULL }, "ws://" },
    { { "probe", "ws://localhost/ws", "--header", "X-A: 1\nX-Injected: 2", NULL }, "line break" },
    { { "probe", "ws://localhost/ws", "--header", "no colon", NULL }, "Name: value" },
    { { "probe", "wss://localhost/ws", "--ca", "/nonexistent/ca.pem", NULL }, "/nonexistent/ca.pem" },
    { { "probe", "wss://localhost/ws", "--pin", "abc", NULL }, "64 hex digits" },
    { { "probe", "wss://localhost/ws", "--insecure", "--pin", "ab", NULL }, "exclude each other" },
    { { "probe", "ws://localhost/ws", "--timeout", "0", NULL }, "--timeout" },
    { { "probe", "ws://localhost/ws", "--bogus", NULL }, "Unknown option --bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char **a = cases[i].args;

      run_cli_args (&run, a[0], a[1], a[2], a[3], a[4], a[5]);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
test_cli_probe_ok (void)
{
  g_autofree char *u = url (base_url, "/echo");
  g_auto(Run) run = { 0 };

  run_cli_args (&run, "probe", u, "--no-protocol", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "> GET /echo HTTP/1.1"));
  g_assert_nonnull (strstr (run.out, "< HTTP/1.1 101 Switching Protocols"));
  g_assert_nonnull (strstr (run.out, "[ok]"));
}

static void
test_cli_probe_no_subprotocol (void)
{
  g_autofree char *u = url (base_url, "/fault/no-subprotocol");
  g_auto(Run) run = { 0 };

  run_cli_args (&run, "probe", u, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "[no-subprotocol]"));
  g_assert_nonnull (strstr (run.out, "> Sec-WebSocket-Protocol: wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp"));
}

/* The serializer the agreed subprotocol stands for, in words and in JSON; none for plain WebSocket. */
static void
test_cli_probe_serializer (void)
{
  g_autofree char *u = url (base_url, "/ws");
  g_autofree char *echo = url (base_url, "/echo");
  g_auto(Run) msgpack = { 0 };
  g_auto(Run) cbor = { 0 };
  g_auto(Run) plain = { 0 };

  run_cli_args (&msgpack, "probe", u, "--protocol", "wamp.2.msgpack", NULL);
  g_assert_cmpint (msgpack.status, ==, 0);
  g_assert_nonnull (strstr (msgpack.out, "\nSerializer: MessagePack\n"));

  run_cli_args (&cbor, "probe", u, "--protocol", "wamp.2.cbor.batched", "--json", NULL);
  g_assert_cmpint (cbor.status, ==, 0);
  g_assert_nonnull (strstr (cbor.out, "\"serializer\":\"cbor\",\"batched\":true"));

  run_cli_args (&plain, "probe", echo, "--no-protocol", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_null (strstr (plain.out, "Serializer"));
}

static void
test_cli_probe_200 (void)
{
  g_autofree char *u = url (base_url, "/fault/status/200");
  g_auto(Run) run = { 0 };

  run_cli_args (&run, "probe", u, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "< HTTP/1.1 200 OK"));
  g_assert_nonnull (strstr (run.out, "[http-200]"));
  g_assert_nonnull (strstr (run.out, "proxy_set_header Upgrade $http_upgrade"));
  g_assert_nonnull (strstr (run.out, "<title>Acme Dashboard</title>"));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_cli_probe_json_failure (void)
{
  g_autofree char *u = url (base_url, "/fault/status/426");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  JsonObject *diagnosis;

  run_cli_args (&run, "probe", "--json", u, NULL);
  g_assert_cmpint (run.status, ==, 1);
  object = parse_object (run.out);

  g_assert_false (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, u);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 426);
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "Upgrade Required");
  g_assert_true (json_object_has_member (object, "protocol"));
  g_assert_true (json_object_get_null_member (object, "protocol"));
  g_assert_true (json_object_has_member (object, "request_headers"));
  g_assert_true (json_object_has_member (object, "response_headers"));
  g_assert_true (json_object_has_member (object, "timings"));
  g_assert_true (json_object_has_member (object, "tls"));

  diagnosis = json_object_get_object_member (object, "diagnosis");
  g_assert_nonnull (diagnosis);
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "id"), ==, "http-426");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "title"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "explanation"), !=, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (diagnosis, "hints")), >, 0);
}

static void
test_cli_probe_json_tls (void)
{
  g_autofree char *u = url (tls_base_url, "/echo");
  g_auto(Run) run = { 0 };
  g_auto(Run) untrusted = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) failed = NULL;
  JsonObject *tls;

  run_cli_args (&run, "probe", "--json", "--no-protocol", "--ca", cert_file, u, NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_object (run.out);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 101);
  tls = json_object_get_object_member (object, "tls");
  g_assert_nonnull (tls);
  g_assert_cmpuint (strlen (json_object_get_string_member (tls, "sha256")), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "diagnosis"), "id"),
                   ==, "ok");

  run_cli_args (&untrusted, "probe", "--json", "--no-protocol", u, NULL);
  g_assert_cmpint (untrusted.status, ==, 1);
  failed = parse_object (untrusted.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (failed, "diagnosis"), "id"),
                   ==, "tls-untrusted");
}

/* "--ca demo.pem", the README's own example: a path relative to the current directory. */
static void
test_cli_probe_ca_relative (void)
{
  g_autofree char *u = url (tls_base_url, "/echo");
  g_autofree char *dir = g_path_get_dirname (cert_file);
  g_autofree char *name = g_path_get_basename (cert_file);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "probe", "--no-protocol", "--ca", name, u, NULL);
  g_assert_no_error (error);
  finish_run (process, &run);
  g_test_message ("%s", run.out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "[ok]"));
}

static void
start_server (void)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  char *p;

  /* killed when the test dies: a failed assertion ends the test at once, not when meson's
   * timeout gives up waiting for the stderr the server inherited */
  server = spawn_tied (G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                       (const char *[]) { "serve-demo", "--port", "0", "--tls-port", "0", NULL });
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));

  /* a server that hangs before saying where it listens fails here within seconds */
  first = read_line_within (lines, "serve-demo's first line (its ws:// listener)");
  second = read_line_within (lines, "serve-demo's second line (its TLS listener)");
  third = read_line_within (lines, "serve-demo's third line (its RawSocket listeners)");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_nonnull (third);

  /* "Demo server listening on ws://127.0.0.1:PORT" */
  p = strstr (first, "ws://127.0.0.1:");
  g_assert_nonnull (p);
  base_url = g_strdup (p);
  /* "TLS: wss://127.0.0.1:PORT (certificate FILE, sha256 HEX)" */
  p = strstr (second, "wss://127.0.0.1:");
  g_assert_nonnull (p);
  tls_base_url = g_strndup (p, strcspn (p, " "));
  p = strstr (second, "certificate ");
  g_assert_nonnull (p);
  p += strlen ("certificate ");
  cert_file = g_strndup (p, strcspn (p, ","));
  g_assert_true (g_file_test (cert_file, G_FILE_TEST_IS_REGULAR));
  /* "RawSocket (JSON, MessagePack, CBOR): rs://127.0.0.1:PORT and unix:///PATH" */
  p = strstr (third, "rs://127.0.0.1:");
  g_assert_nonnull (p);
  rs_url = g_strndup (p, strcspn (p, " "));
  p = strstr (third, "unix://");
  g_assert_nonnull (p);
  unix_url = g_strdup (p);
}

/* rs://, rss:// and unix:// carry WAMP v2 only: every command refuses any other protocol (raw
 * WebSocket, no subprotocol, WAMP v1), with the same words and before connecting, even to a
 * router that would answer. */
static void
test_cli_rawsocket_wamp2_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sockscope-cli-XXXXXX", NULL);
  g_autofree char *recording = g_build_filename (dir, "in.jsonl", NULL);
  g_autofree char *output = g_build_filename (dir, "out.jsonl", NULL);
  const char *urls[] = { rs_url, unix_url, "rss://127.0.0.1:9" };
  const char *protocols[][2] = { { "--protocol", "raw" }, { "--no-protocol", NULL }, { "--protocol", "wamp" } };
  g_auto(Run) control = { 0 };

  g_assert_true (g_file_set_contents (recording, "{\"t_us\":1,\"dir\":\"in\",\"kind\":\"text\",\"payload\":\"x\"}\n",
                                      -1, NULL));
  /* the router answers a WAMP v2 probe */
  run_cli_args (&control, "probe", rs_url, "--protocol", "wamp.2.json", NULL);
  g_assert_cmpint (control.status, ==, 0);

  for (guint u = 0; u < G_N_ELEMENTS (urls); u++)
    for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
      {
        const char *commands[][6] = {
          { "probe", urls[u] },
          { "probe", "--json", urls[u] },
          { "sub", urls[u], "demo.tick" },
          { "pub", urls[u], "demo.x" },
          { "call", urls[u], "demo.add" },
          { "record", urls[u], "demo.tick", "-o", output },
          { "replay", recording, "--to", urls[u] },
          { "watch", urls[u] },
          { "admin", urls[u], "sessions" },
        };

        for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
          {
            g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
            g_auto(GStrv) args = NULL;
            g_auto(Run) run = { 0 };

            g_strv_builder_addv (builder, commands[c]);
            g_strv_builder_add (builder, protocols[p][0]);
            if (protocols[p][1] != NULL)
              g_strv_builder_add (builder, protocols[p][1]);
            args = g_strv_builder_end (builder);
            run_cli (&run, (const char * const *) args);
            g_test_message ("%s %s %s %s: %d %s", commands[c][0], urls[u], protocols[p][0],
                            protocols[p][1] ? protocols[p][1] : "", run.status, run.err);
            g_assert_cmpint (run.status, ==, 2);
            g_assert_nonnull (strstr (run.err, "RawSocket carries WAMP v2 only: choose wamp.2.json, "
                                               "wamp.2.msgpack or wamp.2.cbor as the protocol"));
            g_assert_cmpstr (run.out, ==, "");
          }
      }
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_remove (recording), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_serve_stops_on_signal (void)
{
  g_subprocess_send_signal (server, SIGTERM);
  /* 128 + the signal if it killed the server rather than ending it cleanly */
  g_assert_cmpint (wait_exit_within (server, "serve-demo to exit on SIGTERM"), ==, 0);
  /* the certificate's private directory is gone with the server */
  g_assert_false (g_file_test (cert_file, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  start_server ();

  g_test_add_func ("/sockscope/cli/usage", test_cli_usage);
  g_test_add_func ("/sockscope/cli/probe-bad-usage", test_cli_probe_bad_usage);
  g_test_add_func ("/sockscope/cli/probe-ok", test_cli_probe_ok);
  g_test_add_func ("/sockscope/cli/probe-no-subprotocol", test_cli_probe_no_subprotocol);
  g_test_add_func ("/sockscope/cli/probe-serializer", test_cli_probe_serializer);
  g_test_add_func ("/sockscope/cli/probe-200", test_cli_probe_200);
  g_test_add_func ("/sockscope/cli/probe-json-failure", test_cli_probe_json_failure);
  g_test_add_func ("/sockscope/cli/probe-json-tls", test_cli_probe_json_tls);
  g_test_add_func ("/sockscope/cli/probe-ca-relative", test_cli_probe_ca_relative);
  g_test_add_func ("/sockscope/cli/rawsocket-wamp2-only", test_cli_rawsocket_wamp2_only);
  g_test_add_func ("/sockscope/cli/serve-stops-on-signal", test_cli_serve_stops_on_signal);

  ret = g_test_run ();

  g_clear_object (&server);
  g_free (base_url);
  g_free (tls_base_url);
  g_free (rs_url);
  g_free (unix_url);
  g_free (cert_file);

  return ret;
}
