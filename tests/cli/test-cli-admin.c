/* test-cli-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli admin` through the real binary against the demo router of a `serve-demo`
 * process on 127.0.0.1, with other sockscope-cli clients as the router's other sessions: each
 * subcommand, the --json fields, the table, and the exit codes 0, 1, 2 and 3.
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cli-demo-util.h"

#define WAIT_S 10

static GSubprocess *server;
static char *ws_url;

/* Each line of text as a JSON object. */
static GPtrArray *
parse_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (node)));
    }
  return objects;
}

static JsonObject *
find_uri (GPtrArray  *objects,
          const char *uri)
{
  for (guint i = 0; i < objects->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (objects, i), "uri", NULL),
                   uri) == 0)
      return g_ptr_array_index (objects, i);
  return NULL;
}

static GPtrArray *
admin_json (const char *what)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, (const char *[]) { "admin", ws_url, what, "--realm", "demo", "--json", NULL });
  g_assert_cmpint (run.status, ==, 0);
  return parse_lines (run.out);
}

/* A `sub` client on demo.tick; returns once the router lists its subscription. */
static GSubprocess *
start_subscriber (gint64 *out_session)
{
  GSubprocess *sub = spawn_cli ((const char *[]) { "sub", ws_url, "demo.tick", "--realm", "demo",
                                                   "--timeout", "60", NULL });
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (TRUE)
    {
      g_autoptr(GPtrArray) subscriptions = admin_json ("subscriptions");
      JsonObject *tick = find_uri (subscriptions, "demo.tick");

      if (tick != NULL && json_object_get_int_member (tick, "subscribers") == 1)
        {
          *out_session = json_array_get_int_element (json_object_get_array_member (tick, "subscriber_sessions"), 0);
          return sub;
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("waited %d s for the sub client's demo.tick subscription to be listed", WAIT_S);
      g_usleep (100 * 1000);
    }
}

static void
test_cli_admin_lists (void)
{
  g_autoptr(GSubprocess) sub = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) subscriptions = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_auto(Run) table = { 0 };
  g_auto(Run) done = { 0 };
  JsonObject *tick, *add;
  gint64 subscriber = 0;
  gboolean seen = FALSE;

  sub = start_subscriber (&subscriber);

  sessions = admin_json ("sessions");
  g_assert_cmpuint (sessions->len, >=, 2);  /* the sub client and this admin run */
  for (guint i = 0; i < sessions->len; i++)
    {
      JsonObject *session = g_ptr_array_index (sessions, i);

      g_assert_cmpint (json_node_get_value_type (json_object_get_member (session, "session")), ==, G_TYPE_INT64);
      g_assert_cmpstr (json_object_get_string_member (session, "authid"), ==, "anonymous");
      g_assert_cmpstr (json_object_get_string_member (session, "authrole"), ==, "anonymous");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (session, "peer"), "tcp4:127.0.0.1:"));
      seen |= json_object_get_int_member (session, "session") == subscriber;
    }
  g_assert_true (seen);

  subscriptions = admin_json ("subscriptions");
  tick = find_uri (subscriptions, "demo.tick");
  g_assert_nonnull (tick);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (tick, "id")), ==, G_TYPE_INT64);
  g_assert_cmpstr (json_object_get_string_member (tick, "match"), ==, "exact");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (tick, "subscribers")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (tick, "subscribers"), ==, 1);

  registrations = admin_json ("registrations");
  add = find_uri (registrations, "demo.add");
  g_assert_nonnull (add);
  g_assert_cmpstr (json_object_get_string_member (add, "match"), ==, "exact");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (add, "callees")), ==, G_TYPE_INT64);
  g_assert_null (find_uri (registrations, "wamp.session.list"));

  run_cli (&table, (const char *[]) { "admin", ws_url, "subscriptions", "--realm", "demo", NULL });
  g_assert_cmpint (table.status, ==, 0);
  g_assert_true (g_str_has_prefix (table.out, "ID "));
  g_assert_nonnull (strstr (table.out, "SUBSCRIBERS"));
  g_assert_nonnull (strstr (table.out, "demo.tick"));

  g_subprocess_send_signal (sub, SIGINT);
  finish_run (sub, &done);
  /* Ctrl+C ends a run at once with 130 */
  g_assert_cmpint (done.status, ==, 130);
}

static void
test_cli_admin_kill (void)
{
  g_autoptr(GSubprocess) sub = NULL;
  g_autofree char *id = NULL;
  g_auto(Run) kill = { 0 };
  g_auto(Run) killed = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) answer = NULL;
  gint64 victim = 0;

  sub = start_subscriber (&victim);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, victim);
  run_cli (&kill, (const char *[]) { "admin", ws_url, "kill", id, "--reason", "com.example.maintenance",
                                     "--message", "back soon", "--realm", "demo", "--json", NULL });
  g_assert_cmpint (kill.status, ==, 0);
  answer = parse_lines (kill.out);
  g_assert_cmpuint (answer->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (answer, 0), "killed"), ==, victim);
  /* the killed client's run ends with the router's GOODBYE */
  finish_run (sub, &killed);
  g_assert_cmpint (killed.status, ==, 1);

  sessions = admin_json ("sessions");
  for (guint i = 0; i < sessions->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (sessions, i), "session"), !=, victim);

  /* gone now: the router's error URI, exit 1 */
  run_cli (&again, (const char *[]) { "admin", ws_url, "kill", id, "--realm", "demo", NULL });
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "wamp.error.no_such_session"));
  g_assert_cmpstr (again.out, ==, "");
}

/* A topic with a bidi override and a C1 control reaches the table escaped, not as it is. */
static void
test_cli_admin_terminal_safe (void)
{
  const char *topic = "test.safe\\u202e\\u0085x";
  g_autoptr(GSubprocess) sub = spawn_cli ((const char *[]) { "sub", ws_url, "test.safe\xe2\x80\xae\xc2\x85x",
                                                             "--realm", "demo", "--timeout", "60", NULL });
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  g_auto(Run) done = { 0 };

  while (TRUE)
    {
      g_auto(Run) table = { 0 };

      run_cli (&table, (const char *[]) { "admin", ws_url, "subscriptions", "--realm", "demo", NULL });
      g_assert_cmpint (table.status, ==, 0);
      g_assert_null (strstr (table.out, "\xe2\x80\xae"));
      g_assert_null (strstr (table.out, "\xc2\x85"));
      if (strstr (table.out, topic) != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("waited %d s for the escaped topic in:\n%s", WAIT_S, table.out);
      g_usleep (100 * 1000);
    }
  g_subprocess_send_signal (sub, SIGINT);
  finish_run (sub, &done);
}

static void
test_cli_admin_usage (void)
{
  static const char * const cases[][8] = {
    { "admin", NULL },
    { "admin", "URL", NULL },
    { "admin", "URL", "frobnicate", NULL },
    { "admin", "URL", "kill", NULL },
    { "admin", "URL", "kill", "abc", NULL },
    { "admin", "URL", "kill", "0", NULL },
    { "admin", "URL", "kill", "1", "--reason", "not a uri", NULL },
    { "admin", "URL", "sessions", "extra", NULL },
    { "admin", "URL", "sessions", "--message", "hi", NULL },
    { "admin", "not a url", "sessions", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[8] = { NULL };
      g_auto(Run) run = { 0 };

      for (guint k = 0; cases[i][k] != NULL; k++)
        args[k] = g_str_equal (cases[i][k], "URL") ? ws_url : cases[i][k];
      run_cli (&run, args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "sockscope-cli: "));
    }
}

static void
test_cli_admin_not_offered (void)
{
  g_auto(Run) v1 = { 0 };
  g_auto(Run) realm = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) plain_kill = { 0 };

  /* realm plain of the demo router has no meta API */
  run_cli (&plain, (const char *[]) { "admin", ws_url, "subscriptions", "--realm", "plain", "--json", NULL });
  g_assert_cmpint (plain.status, ==, 3);
  g_assert_cmpstr (plain.out, ==, "");
  g_assert_nonnull (strstr (plain.err, "Not offered by this router"));
  run_cli (&plain_kill, (const char *[]) { "admin", ws_url, "kill", "1", "--realm", "plain", NULL });
  g_assert_cmpint (plain_kill.status, ==, 3);
  g_assert_nonnull (strstr (plain_kill.err, "wamp.error.no_such_procedure"));

  /* a WAMP v1 server has no meta API */
  run_cli (&v1, (const char *[]) { "admin", ws_url, "sessions", "--protocol", "wamp", NULL });
  g_assert_cmpint (v1.status, ==, 3);
  g_assert_cmpstr (v1.out, ==, "");
  g_assert_nonnull (strstr (v1.err, "not offered"));

  /* a WAMP error that is not about the meta API: 1, with the URI */
  run_cli (&realm, (const char *[]) { "admin", ws_url, "sessions", "--realm", "nope", NULL });
  g_assert_cmpint (realm.status, ==, 1);
  g_assert_nonnull (strstr (realm.err, "wamp.error.no_such_realm"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  server = start_demo (&ws_url);

  g_test_add_func ("/sockscope/cli-admin/lists", test_cli_admin_lists);
  g_test_add_func ("/sockscope/cli-admin/kill", test_cli_admin_kill);
  g_test_add_func ("/sockscope/cli-admin/terminal-safe", test_cli_admin_terminal_safe);
  g_test_add_func ("/sockscope/cli-admin/usage", test_cli_admin_usage);
  g_test_add_func ("/sockscope/cli-admin/not-offered", test_cli_admin_not_offered);

  ret = g_test_run ();

  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  return ret;
}
