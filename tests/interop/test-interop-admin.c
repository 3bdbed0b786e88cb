/* test-interop-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli admin` against the npm WAMP v2 routers (wamp.rt 0.2.0, wamp-server 0.0.9,
 * fox-wamp 0.7.28 on 127.0.0.1): what each offers of the meta API is listed, and what it lacks is
 * reported as "not offered" (exit 3), never as a failure.
 */

#include "config.h"

#include "interop-util.h"

#include <string.h>

typedef struct
{
  const char *name;
  gboolean    sessions;  /* wamp.session.list and .get */
} AdminCase;

static const AdminCase routers[] = {
  /* wamp.rt and wamp-server: no meta API at all (wamp.error.no_such_procedure) */
  { "wamp.rt", FALSE },
  { "wamp-server", FALSE },
  /* fox-wamp: wamp.session.count/list/get and on_join/on_leave (announced as session_meta_api),
   * with the ids of wamp.session.list as the arguments themselves (not one list) and on_join's
   * details as keyword arguments; no subscription or registration meta API, no kill. */
  { "fox-wamp", TRUE },
};

static void
assert_not_offered (InteropRun *run)
{
  g_autofree char *err = NULL;

  g_assert_false (run->timed_out);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  err = g_ascii_strdown (run->err, -1);
  g_assert_nonnull (strstr (err, "not offered by this router"));
  g_assert_nonnull (strstr (run->err, "wamp.error.no_such_procedure"));
}

static void
test_admin (gconstpointer data)
{
  const AdminCase *router = data;
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start (router->name, &url);
  g_autoptr(InteropPeer) other = interop_node_spawn ("autobahn-client.js", url, "realm1", "subscribe",
                                                     "com.example.admin", NULL);
  g_auto(InteropRun) sessions = { 0 };
  g_auto(InteropRun) subscriptions = { 0 };
  g_auto(InteropRun) registrations = { 0 };
  g_auto(InteropRun) kill = { 0 };

  g_free (interop_peer_wait_for (other, "\"subscribed\"", 10000));

  interop_run_cli (&sessions, 30, "admin", url, "sessions", "--json", "--timeout", "5", NULL);
  if (router->sessions)
    {
      g_auto(GStrv) lines = g_strsplit (sessions.out, "\n", -1);

      g_assert_cmpint (sessions.status, ==, 0);
      /* the Autobahn|JS client and this admin run, at least */
      g_assert_cmpuint (g_strv_length (lines), >=, 3);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_autoptr(JsonObject) line = interop_parse_object (lines[i]);

          g_assert_cmpint (json_object_get_int_member (line, "session"), >, 0);
          g_assert_true (json_object_has_member (line, "authid"));
          g_assert_true (json_object_has_member (line, "authrole"));
        }
    }
  else
    assert_not_offered (&sessions);

  interop_run_cli (&subscriptions, 30, "admin", url, "subscriptions", "--json", "--timeout", "5", NULL);
  assert_not_offered (&subscriptions);
  interop_run_cli (&registrations, 30, "admin", url, "registrations", "--timeout", "5", NULL);
  assert_not_offered (&registrations);
  interop_run_cli (&kill, 30, "admin", url, "kill", "12345", "--timeout", "5", NULL);
  assert_not_offered (&kill);

  interop_peer_stop (other);
  interop_peer_stop (peer);
}

/* Reads lines until the sessions list is available and live with n ids (n 0: any); returns
 * how many it has. */
static guint
wait_sessions (InteropPeer *watch,
               guint        n,
               gboolean     live)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *line = interop_peer_read_line (watch, 15000);
      g_autoptr(JsonObject) object = NULL;

      g_assert_nonnull (line);
      object = interop_parse_object (line);
      if (g_str_equal (json_object_get_string_member (object, "list"), "sessions")
          && g_str_equal (json_object_get_string_member (object, "state"), "available")
          && json_object_get_boolean_member (object, "live") == live
          && (n == 0 || json_array_get_length (json_object_get_array_member (object, "ids")) == n))
        return json_array_get_length (json_object_get_array_member (object, "ids"));
    }
  g_error ("no sessions line with %u ids (live %d) from interop-admin-watch:\n%s", n, live, watch->seen->str);
}

/* SockRouterAdmin live against fox-wamp: it announces session_meta_api but no pattern-based
 * subscriptions (the meta events are subscribed topic by topic), sends on_join's details as
 * keyword arguments, and has no subscription or registration meta API. */
static void
test_fox_wamp_live (void)
{
  g_autofree char *url = NULL;
  g_autoptr(InteropPeer) peer = interop_router_start ("fox-wamp", &url);
  g_autofree char *watcher = g_test_build_filename (G_TEST_BUILT, "interop", "interop-admin-watch", NULL);
  const char *argv[] = { watcher, url, "realm1", NULL };
  g_autoptr(InteropPeer) watch = interop_peer_spawnv ("interop-admin-watch", argv);
  g_autoptr(InteropPeer) other = NULL;
  guint n;

  g_free (interop_peer_wait_for (watch, "{\"list\":\"subscriptions\",\"state\":\"not-offered\"", 15000));
  g_free (interop_peer_wait_for (watch, "{\"list\":\"registrations\",\"state\":\"not-offered\"", 15000));
  /* its own session and fox-wamp's internal one that serves the meta procedures */
  n = wait_sessions (watch, 0, TRUE);
  g_assert_cmpuint (n, >=, 1);

  other = interop_node_spawn ("autobahn-client.js", url, "realm1", "subscribe", "com.example.admin", NULL);
  g_free (interop_peer_wait_for (other, "\"subscribed\"", 10000));
  wait_sessions (watch, n + 1, TRUE);  /* from on_join */
  interop_peer_stop (other);
  wait_sessions (watch, n, TRUE);  /* from on_leave */

  interop_peer_stop (watch);
  interop_peer_stop (peer);
}

int
main (int   argc,
      char *argv[])
{
  interop_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (routers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/interop/%s/admin", routers[i].name);

      g_test_add_data_func (path, &routers[i], test_admin);
    }

  g_test_add_func ("/sockscope/interop/fox-wamp/admin-live", test_fox_wamp_live);

  return g_test_run ();
}
