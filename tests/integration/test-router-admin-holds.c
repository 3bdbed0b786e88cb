/* test-router-admin-holds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The router admin's meta-event subscriptions are internal holds on the session, against the demo
 * router on 127.0.0.1: a user subscription to the same meta topic (one router subscription, one
 * id) is a normal, visible one; both get the events, either can let go without the other losing
 * them, in either order and through a router restart.
 */

#include "router-admin-test-util.h"
#include "sock-session-private.h"

typedef struct
{
  SockRouterAdmin *admin;
  gint64           id;
} SessionWant;

/* The admin's sessions list shows the session. */
static gboolean
session_listed (gpointer data)
{
  SessionWant *want = data;
  GListModel *model = sock_router_admin_get_list (want->admin, SOCK_ADMIN_SESSIONS);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockAdminSession) item = g_list_model_get_item (model, i);

      if (sock_admin_session_get_id (item) == want->id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
none_held (gpointer data)
{
  return n_held (data, "wamp", SOCK_MATCH_PREFIX) == 0;
}

/* Another client joins: its session shows in the admin's list (from the meta events). */
static void
join_other (Fixture *f)
{
  g_autoptr(SockConnection) other = connection_new_open (f->url, NULL, "demo");
  SessionWant want = { f->admin, session_id (other) };

  wait_for (session_listed, &want, "another client's session in the admin's list");
  connection_close (other);
}

static void
internal_unsubscribe_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_session_unsubscribe_finish (SOCK_SESSION (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The user subscribes to the admin's own meta topic (same topic and match: one router
 * subscription, one id): both get the events, and either can let go without the other losing
 * them. */
static void
test_holds_user_and_admin (Fixture       *f,
                           gconstpointer  data)
{
  const char * const none[] = { NULL };
  const char * const user_topics[] = { "wamp", NULL };
  SockSubscription *sub;
  g_autoptr(SockSubscription) held = NULL;
  gboolean done = FALSE;
  guint64 n;

  assert_model_topics (f->connection, none);
  g_assert_cmpuint (n_held (f->connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);

  /* a normal, visible subscription, counting the meta events */
  sub = sock_connection_subscribe (f->connection, "wamp", SOCK_MATCH_PREFIX);
  wait_for (sub_active, sub, "the user's subscription to wamp to be active");
  assert_model_topics (f->connection, user_topics);
  g_assert_cmpuint (n_held (f->connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  n = sock_subscription_get_n_events (sub);
  join_other (f);
  wait_for (sub_has_events, &(CountQuery) { sub, n + 1 }, "meta events on the user's subscription");

  /* the user lets go: the admin's lists stay live */
  sock_connection_unsubscribe (f->connection, sub);
  assert_model_topics (f->connection, none);
  join_other (f);
  g_assert_cmpuint (n_held (f->connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);

  /* the user again, then the internal holder lets go: the user's subscription goes on */
  sub = sock_connection_subscribe (f->connection, "wamp", SOCK_MATCH_PREFIX);
  held = g_object_ref (sub);
  wait_for (sub_active, sub, "the user's subscription to wamp to be active again");
  _sock_session_unsubscribe_internal_async (sock_connection_get_session (f->connection), "wamp",
                                            SOCK_MATCH_PREFIX, NULL, internal_unsubscribe_cb, &done);
  wait_for (flag_set, &done, "the internal unsubscribe to finish");
  g_assert_true (sock_subscription_get_state (sub) == SOCK_SUBSCRIPTION_ACTIVE);
  assert_model_topics (f->connection, user_topics);
  g_assert_cmpuint (n_held (f->connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  n = sock_subscription_get_n_events (sub);
  {
    g_autoptr(SockConnection) other = connection_new_open (f->url, NULL, "demo");

    wait_for (sub_has_events, &(CountQuery) { sub, n + 1 }, "meta events after the admin let go");
    connection_close (other);
  }

  /* the last holder lets go: the router's subscription goes */
  sock_connection_unsubscribe (f->connection, sub);
  assert_model_topics (f->connection, none);
  wait_for (none_held, f->connection, "the subscription to wamp to be gone from the session");
}

/* The user held the meta topic before the admin started: the admin's hold joins it, and after a
 * router restart the connection (the user's) and the admin (its own) make it again as one. */
static void
test_holds_user_first (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  g_autoptr(SockRouterAdmin) admin = NULL;
  g_autoptr(GError) error = NULL;
  const char * const user_topics[] = { "wamp", NULL };
  Fixture f = { server, url, connection, NULL };
  SockSubscription *sub;

  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  sub = sock_connection_subscribe (connection, "wamp", SOCK_MATCH_PREFIX);
  wait_for (sub_active, sub, "the user's subscription to wamp to be active");
  admin = f.admin = sock_router_admin_new (connection);
  sock_router_admin_set_live (admin, TRUE);
  wait_for (all_live, admin, "the three lists to be live");
  g_assert_cmpuint (n_held (connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  assert_model_topics (connection, user_topics);

  restart_router (server, connection);
  wait_for (sub_active, sub, "the user's subscription to wamp to be active again");
  join_other (&f);
  g_assert_true (all_live (admin));
  g_assert_cmpuint (n_held (connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  assert_model_topics (connection, user_topics);

  /* the user lets go after the restart: the admin's hold keeps the events coming */
  sock_connection_unsubscribe (connection, sub);
  assert_model_topics (connection, (const char * const[]) { NULL });
  join_other (&f);
  g_assert_cmpuint (n_held (connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  connection_close (connection);
  sock_demo_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sockscope/router-admin-holds/user-and-admin", Fixture, NULL, fixture_set_up,
              test_holds_user_and_admin, fixture_tear_down);
  g_test_add_func ("/sockscope/router-admin-holds/user-first", test_holds_user_first);

  return g_test_run ();
}
