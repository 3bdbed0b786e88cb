/* test-cli-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real sockscope-cli against the demo's hostile paths (/hostile/…: escape sequences in the
 * status line, headers, body, early frames, close reasons, WAMP error URIs and arguments, and an
 * error URI that would forge JSON), and with input that must be refused before anything is sent.
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cli-demo-util.h"

static GSubprocess *server;
static char *base_url;  /* ws://127.0.0.1:PORT */

static void
run_cli_strv (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli (run, (const char * const *)args->pdata);
}

/* Nothing a terminal acts on: no ESC, no C0 control but newline and tab, no DEL, no C1, no
 * bidirectional override; finish_run() has already checked it is UTF-8. */
static void
assert_terminal_safe (const char *what,
                      const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E))
        g_error ("%s holds U+%04X at byte %d: %s", what, c, (int)(p - text), text);
    }
}

/* Every line of stdout is one JSON object. */
static void
assert_json_lines (const char *out,
                   guint       expected)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      n++;
    }
  g_assert_cmpuint (n, ==, expected);
}

static void
test_cli_safety_probe_response (void)
{
  g_autofree char *url = g_strconcat (base_url, "/hostile/response", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };

  run_cli_strv (&text, "probe", url, NULL);
  g_assert_cmpint (text.status, ==, 1);
  assert_terminal_safe ("stdout", text.out);
  assert_terminal_safe ("stderr", text.err);
  /* shown escaped, not dropped */
  g_assert_nonnull (strstr (text.out, "< HTTP/1.1 400 Bad \\x1b[2J\\x1b]0;pwned\\x07Request"));
  g_assert_nonnull (strstr (text.out, "< X-Evil: \\x9b31m\\u202ereversed"));
  g_assert_nonnull (strstr (text.out, "body \\x1b[5mblink"));

  run_cli_strv (&json, "probe", "--json", url, NULL);
  g_assert_cmpint (json.status, ==, 1);
  assert_terminal_safe ("stdout", json.out);
  assert_json_lines (json.out, 1);
  g_assert_nonnull (strstr (json.out, "\\u001b[2J"));
}

static void
test_cli_safety_probe_close (void)
{
  g_autofree char *url = g_strconcat (base_url, "/hostile/close", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };

  run_cli_strv (&text, "probe", url, "--no-protocol", NULL);
  assert_terminal_safe ("stdout", text.out);
  assert_terminal_safe ("stderr", text.err);
  g_assert_nonnull (strstr (text.out, "early \\x1b[31mred"));
  g_assert_nonnull (strstr (text.out, "close 4000 bye \\x1b[2J"));

  run_cli_strv (&json, "probe", "--json", url, "--no-protocol", NULL);
  assert_terminal_safe ("stdout", json.out);
  assert_json_lines (json.out, 1);
}

static void
test_cli_safety_wamp_errors (void)
{
  g_autofree char *url = g_strconcat (base_url, "/hostile/wamp", NULL);
  g_auto(Run) call = { 0 };
  g_auto(Run) sub = { 0 };
  g_auto(Run) pub = { 0 };
  g_auto(Run) abort = { 0 };
  g_autoptr(JsonNode) line = NULL;
  JsonObject *object;

  run_cli_strv (&call, "call", url, "a.b", "--realm", "r", NULL);
  g_assert_cmpint (call.status, ==, 1);
  assert_terminal_safe ("call stdout", call.out);
  assert_terminal_safe ("call stderr", call.err);
  assert_json_lines (call.out, 1);
  line = json_from_string (call.out, NULL);
  object = json_node_get_object (line);
  /* the values themselves are kept: only their text is escaped */
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "hostile.\xc2\x9b" "2J");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "args"), 0), ==,
                   "\x1b]0;title\x07");
  g_assert_nonnull (strstr (call.err, "hostile.\\x9b2J"));

  run_cli_strv (&sub, "sub", url, "a.b", "--realm", "r", NULL);
  g_test_message ("sub: %s", sub.err);
  g_assert_cmpint (sub.status, ==, 1);
  assert_terminal_safe ("sub stdout", sub.out);
  assert_terminal_safe ("sub stderr", sub.err);
  g_assert_nonnull (strstr (sub.err, "hostile.\\x9b31m"));

  /* A URI made to close the JSON string and add members: one line, one member, the URI intact. */
  run_cli_strv (&pub, "pub", url, "a.b", "--ack", "--realm", "r", NULL);
  g_assert_cmpint (pub.status, ==, 1);
  assert_terminal_safe ("pub stdout", pub.out);
  assert_json_lines (pub.out, 1);
  g_clear_pointer (&line, json_node_unref);
  line = json_from_string (pub.out, NULL);
  object = json_node_get_object (line);
  g_assert_false (json_object_has_member (object, "forged"));
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, "a\",\"forged\":true,\"x\":\"");

  run_cli_strv (&abort, "call", url, "a.b", "--realm", "abort", NULL);
  g_assert_cmpint (abort.status, ==, 1);
  assert_terminal_safe ("abort stderr", abort.err);
  g_assert_nonnull (strstr (abort.err, "wamp.error.no_such_realm"));
}

/* A router asking for 10M PBKDF2 iterations and a 1024-byte key (42 s of work) is refused in words. */
static void
test_cli_safety_cra_greedy (void)
{
  g_autofree char *url = g_strconcat (base_url, "/hostile/wamp", NULL);
  g_auto(Run) run = { 0 };

  run_cli_strv (&run, "call", url, "a.b", "--realm", "cra-greedy", "--authid", "me", "--secret", "s", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The router asks for 10000000 PBKDF2 iterations; Sockscope allows at most "
                                     "1000000"));
  assert_terminal_safe ("stderr", run.err);
}

/* Refused with words and exit 2, before connecting: the URL's port has nothing listening, so a
 * connection attempt would end in 1 and a diagnosis instead. */
static void
test_cli_safety_refused_input (void)
{
  struct { const char *args[8]; const char *message; } cases[] = {
    { { "call", "ws://127.0.0.1:1/ws", "demo.add", "--args", "[2,3] [4]", NULL },
      "--args: unexpected text after the array at line 1, column 7" },
    { { "pub", "ws://127.0.0.1:1/ws", "t", "--args", "[\"hello\", 42]{\"from\": \"me\"}", NULL },
      "--args: unexpected text after the array at line 1, column 14" },
    { { "pub", "ws://127.0.0.1:1/ws", "t", "--args", "[\"\\u0000A*==\"]", NULL },
      "--args: the binary string (\\u0000 and base64) at line 1, column 2 is not valid base64: “*” is not a base64 "
      "character" },
    { { "pub", "ws://127.0.0.1:1/ws", "t", "--kwargs", "{\"a\": 1", NULL }, "--kwargs: missing } at the end of line 1" },
    { { "call", "ws://127.0.0.1:1/ws", "demo.add", "--args", "[1, 2", NULL }, "missing ] at the end of line 1" },
    { { "pub", "ws://127.0.0.1:1/ws", "a..b", NULL }, "the topic “a..b” has two dots in a row" },
    { { "pub", "ws://127.0.0.1:1/ws", "", NULL }, "the topic is empty" },
    { { "sub", "ws://127.0.0.1:1/ws", "a b", NULL }, "the topic “a b” contains whitespace" },
    { { "call", "ws://127.0.0.1:1/ws", "bad.\xff", NULL }, "the argument “bad.\\xff” is not valid UTF-8" },
    { { "call", "ws://127.0.0.1:1/ws", "x", "--realm", "\xfe", NULL }, "the value of --realm is not valid UTF-8" },
    { { "call", "ws://127.0.0.1:1/ws", "x", "--realm", "a..b", NULL }, "the realm “a..b”" },
    { { "call", "ws://127.0.0.1:1/ws", "x", "--realm=a b", NULL }, "the realm “a b” contains whitespace" },
    { { "sub", "ws://127.0.0.1:1/ws", "a..b", "--match", "prefix", NULL }, "two dots in a row" },
    { { "probe", "ws://admin:hunter2@127.0.0.1:1/ws", NULL }, "carries a password" },
    { { "probe", "ws://127.0.0.1:1/ws", "--timeout", "-1", NULL }, "--timeout must be a number of seconds above 0" },
    { { "probe", "ws://127.0.0.1:1/ws", "--timeout", "-2", NULL }, "--timeout must be a number of seconds above 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GSubprocess) process = spawn_cli (cases[i].args);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GBytes) err = NULL;

      /* not communicate_utf8: the input itself may not be UTF-8, the output must be */
      g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      run.status = g_subprocess_get_exit_status (process);
      run.err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
      g_test_message ("case %u: %s", i, run.err);
      g_assert_true (g_utf8_validate (run.err, -1, NULL));
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_null (strstr (run.err, "hunter2"));
    }
}

/* Credentials the user gave are not printed back: the probe shows an Authorization header masked,
 * and a ticket over plain ws:// to another machine is warned about before anything is sent. */
static void
test_cli_safety_secrets (void)
{
  g_autofree char *url = g_strconcat (base_url, "/echo", NULL);
  g_autofree char *remote_url = NULL;
  g_auto(Run) probe = { 0 };
  g_auto(Run) remote = { 0 };

  run_cli_strv (&probe, "probe", url, "--no-protocol", "--header", "Authorization: Bearer hunter2", NULL);
  g_assert_cmpint (probe.status, ==, 0);
  g_assert_nonnull (strstr (probe.out, "> Authorization: Bearer •••• (hidden)"));
  g_assert_null (strstr (probe.out, "hunter2"));

  /* 0.0.0.0 is not a loopback address by name, although Linux delivers it to this machine's demo
   * server: nothing leaves the machine */
  remote_url = g_strdup_printf ("ws://0.0.0.0:%s/ws", strrchr (base_url, ':') + 1);
  run_cli_strv (&remote, "call", remote_url, "demo.add", "--args", "[1, 2]", "--realm", "secure", "--authid",
                "ticketuser", "--ticket", "ticket-secret", NULL);
  g_assert_cmpint (remote.status, ==, 0);
  g_assert_cmpstr (remote.out, ==, "{\"args\":[3],\"kwargs\":{}}\n");
  g_assert_null (strstr (remote.err, "ticket-secret"));
  g_assert_nonnull (strstr (remote.err, "warning: the ticket goes over plain ws:// to a host that is not this "
                                        "machine"));
}

/* sub and call say why the connection ended as the probe would: the client's own 1009 and 1002
 * are not the server's complaints, and a close frame carrying 0 or 1005 is not "no close frame". */
static void
test_cli_safety_close_words (void)
{
  struct { const char *path; const char *extra; const char *says; const char *not_says; } cases[] = {
    { "/fault/close/0", NULL, "The server closed with code 0, which must never be sent on the wire",
      "without a close frame" },
    { "/fault/close/1005", NULL, "carried code 1005, which is reserved", "No status received" },
    { "/hostile/rsv", NULL, "invalid WebSocket frame", "The server reported a protocol error" },
    { "/fault/big/300000", "--max-message-size", "larger than the 100000 bytes this client accepts",
      "Message too big" },
    { "/hostile/huge-headers", NULL, "The server's response headers were too large", "before answering" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (base_url, cases[i].path, NULL);
      g_auto(Run) run = { 0 };

      run_cli_strv (&run, "sub", url, "demo.tick", "--protocol", "wamp.2.json", "--timeout", "5",
                    cases[i].extra ? cases[i].extra : NULL, "100000", NULL);
      g_test_message ("%s: %s", cases[i].path, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, cases[i].says));
      g_assert_null (strstr (run.err, cases[i].not_says));
    }
}

/* A wildcard pattern may have empty components, a prefix may end with a dot: accepted and sent. */
static void
test_cli_safety_patterns_accepted (void)
{
  g_autofree char *url = g_strconcat (base_url, "/ws", NULL);
  g_auto(Run) wildcard = { 0 };
  g_auto(Run) prefix = { 0 };

  run_cli_strv (&wildcard, "sub", url, "demo..cpu", "--match", "wildcard", "--realm", "demo", "--count", "1",
                NULL);
  g_assert_cmpint (wildcard.status, ==, 0);
  assert_json_lines (wildcard.out, 1);
  run_cli_strv (&prefix, "sub", url, "demo.metrics.", "--match", "prefix", "--realm", "demo", "--count", "1",
                NULL);
  g_assert_cmpint (prefix.status, ==, 0);
  assert_json_lines (prefix.out, 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  {
    g_autofree char *ws_url = NULL;

    server = start_demo (&ws_url);
    base_url = g_strndup (ws_url, strlen (ws_url) - strlen ("/ws"));
  }

  g_test_add_func ("/sockscope/cli-safety/probe-response", test_cli_safety_probe_response);
  g_test_add_func ("/sockscope/cli-safety/probe-close", test_cli_safety_probe_close);
  g_test_add_func ("/sockscope/cli-safety/wamp-errors", test_cli_safety_wamp_errors);
  g_test_add_func ("/sockscope/cli-safety/cra-greedy", test_cli_safety_cra_greedy);
  g_test_add_func ("/sockscope/cli-safety/refused-input", test_cli_safety_refused_input);
  g_test_add_func ("/sockscope/cli-safety/close-words", test_cli_safety_close_words);
  g_test_add_func ("/sockscope/cli-safety/secrets", test_cli_safety_secrets);
  g_test_add_func ("/sockscope/cli-safety/patterns-accepted", test_cli_safety_patterns_accepted);

  ret = g_test_run ();

  stop_demo (server);
  g_clear_object (&server);
  g_free (base_url);
  return ret;
}
