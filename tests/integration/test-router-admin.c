/* test-router-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockRouterAdmin against the demo router on 127.0.0.1: other clients' sessions, subscriptions
 * and registrations appear and disappear live; kill ends a session with the reason; event
 * history; a WAMP v1 server offers no meta API.
 */

#include "router-admin-test-util.h"

typedef struct
{
  SockRouterAdmin *admin;
  SockAdminList    list;
  gint64           id;
  const char      *uri;
  int              count;   /* -2: absent; else the member count wanted (-1: any) */
} Want;

static gpointer
find_item (Want *want)
{
  GListModel *model = sock_router_admin_get_list (want->admin, want->list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if ((SOCK_IS_ADMIN_SESSION (item) && sock_admin_session_get_id (SOCK_ADMIN_SESSION (item)) == want->id)
          || (SOCK_IS_ADMIN_ENTRY (item)
              && g_strcmp0 (sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (item)), want->uri) == 0))
        return item;  /* the store keeps a reference */
    }
  return NULL;
}

static int
member_count (gpointer item)
{
  if (SOCK_IS_ADMIN_ENTRY (item))
    return sock_admin_entry_get_n_members (item);
  return -1;
}

static gboolean
want_holds (gpointer data)
{
  Want *want = data;
  gpointer item = find_item (want);

  if (want->count == -2)
    return item == NULL;
  return item != NULL && (want->count == -1 || member_count (item) == want->count);
}

static gboolean
lists_known (gpointer data)
{
  SockRouterAdmin *admin = data;

  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    if (sock_router_admin_get_state (admin, i) == SOCK_ADMIN_STATE_UNKNOWN)
      return FALSE;
  return TRUE;
}

static void
test_router_admin_sessions_live (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SockConnection) other = NULL;
  Want own = { f->admin, SOCK_ADMIN_SESSIONS, session_id (f->connection), NULL, -1 };
  Want want = { f->admin, SOCK_ADMIN_SESSIONS, 0, NULL, -1 };
  SockAdminSession *item;

  g_assert_cmpint (sock_router_admin_get_state (f->admin, SOCK_ADMIN_SESSIONS), ==, SOCK_ADMIN_STATE_AVAILABLE);
  g_assert_true (want_holds (&own));
  g_assert_cmpstr (sock_router_admin_get_message (f->admin, SOCK_ADMIN_SESSIONS), ==,
                   "Kept live from the router’s meta events");

  other = connection_new_open (f->url, NULL, "demo");
  want.id = session_id (other);
  wait_for (want_holds, &want, "the other client's session to appear");
  item = find_item (&want);
  g_assert_cmpstr (sock_admin_session_get_authrole (item), ==, "anonymous");
  g_assert_cmpstr (sock_admin_session_get_authmethod (item), ==, "anonymous");
  g_assert_true (g_str_has_prefix (sock_admin_session_get_peer (item), "tcp4:127.0.0.1:"));
  g_assert_nonnull (sock_admin_session_get_joined (item));
  g_assert_cmpstr (sock_admin_session_get_transport (item), ==, "websocket · wamp.2.json");

  connection_close (other);
  want.count = -2;
  wait_for (want_holds, &want, "the other client's session to go");
  g_assert_true (want_holds (&own));
}

static void
test_router_admin_subscriptions_live (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(SockConnection) b = connection_new_open (f->url, NULL, "demo");
  g_autoptr(SockConnection) c = connection_new_open (f->url, NULL, "demo");
  Want want = { f->admin, SOCK_ADMIN_SUBSCRIPTIONS, 0, "test.admin.topic", 1 };
  SockAdminSubscription *item;
  GArray *subscribers;

  session_subscribe (b, "test.admin.topic", SOCK_MATCH_EXACT);
  wait_for (want_holds, &want, "test.admin.topic with one subscriber");
  item = find_item (&want);
  g_assert_cmpstr (sock_admin_entry_get_match (SOCK_ADMIN_ENTRY (item)), ==, "exact");
  g_assert_nonnull (sock_admin_entry_get_created (SOCK_ADMIN_ENTRY (item)));
  subscribers = sock_admin_entry_get_members (SOCK_ADMIN_ENTRY (item));
  g_assert_cmpint (g_array_index (subscribers, gint64, 0), ==, session_id (b));

  session_subscribe (c, "test.admin.topic", SOCK_MATCH_EXACT);
  want.count = 2;
  wait_for (want_holds, &want, "test.admin.topic with two subscribers");
  g_assert_true (find_item (&want) == item);  /* the same object, updated */

  connection_close (c);
  want.count = 1;
  wait_for (want_holds, &want, "test.admin.topic back to one subscriber");
  connection_close (b);
  want.count = -2;
  wait_for (want_holds, &want, "test.admin.topic to be deleted");

  /* the admin's own meta subscriptions are the router's (wamp.*): not listed */
  for (guint i = 0; i < g_list_model_get_n_items (sock_router_admin_get_subscriptions (f->admin)); i++)
    {
      g_autoptr(SockAdminSubscription) s = g_list_model_get_item (sock_router_admin_get_subscriptions (f->admin), i);

      g_assert_false (g_str_has_prefix (sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (s)), "wamp"));
    }
}

static void
answer (SockWamp2Session *session,
        SockInvocation   *invocation,
        gpointer          user_data)
{
  sock_invocation_return (invocation, NULL, NULL);
}

static void
test_router_admin_registrations_live (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(SockConnection) callee = connection_new_open (f->url, NULL, "demo");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Want want = { f->admin, SOCK_ADMIN_REGISTRATIONS, 0, "test.admin.proc", 1 };
  Want builtin = { f->admin, SOCK_ADMIN_REGISTRATIONS, 0, "demo.add", 0 };
  SockAdminRegistration *item;

  sock_connection_register_async (callee, "test.admin.proc", NULL, answer, NULL, NULL, store_result, &result);
  g_assert_cmpint (sock_connection_register_finish (callee, wait_result (&result), &error), >, 0);
  g_assert_no_error (error);
  wait_for (want_holds, &want, "test.admin.proc with one callee");
  item = find_item (&want);
  g_assert_cmpstr (sock_admin_registration_get_invoke (item), ==, "single");
  g_assert_cmpint (g_array_index (sock_admin_entry_get_members (SOCK_ADMIN_ENTRY (item)), gint64, 0), ==,
                   session_id (callee));
  /* the router's own procedures are listed, with no callee session */
  g_assert_true (want_holds (&builtin));

  connection_close (callee);
  want.count = -2;
  wait_for (want_holds, &want, "test.admin.proc to be deleted");
}

static gboolean
connection_closed (gpointer data)
{
  return sock_connection_get_state (data) == SOCK_CONNECTION_CLOSED;
}

static void
test_router_admin_kill (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SockConnection) victim = connection_new_open (f->url, NULL, "demo");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Want want = { f->admin, SOCK_ADMIN_SESSIONS, session_id (victim), NULL, -1 };
  const GError *ended;

  wait_for (want_holds, &want, "the victim's session to appear");
  sock_router_admin_kill_session_async (f->admin, want.id, "com.example.maintenance", "back soon",
                                        NULL, store_result, &result);
  g_assert_true (sock_router_admin_kill_session_finish (f->admin, wait_result (&result), &error));
  g_assert_no_error (error);
  want.count = -2;
  wait_for (want_holds, &want, "the killed session to leave the list");
  wait_for (connection_closed, victim, "the killed client to close");
  ended = sock_session_get_error (sock_connection_get_session (victim));
  g_assert_nonnull (ended);
  g_assert_cmpstr (sock_session_error_get_uri (ended), ==, "com.example.maintenance");

  /* a session that is not there: the router's error, with its URI */
  g_clear_object (&result);
  sock_router_admin_kill_session_async (f->admin, want.id, NULL, NULL, NULL, store_result, &result);
  g_assert_false (sock_router_admin_kill_session_finish (f->admin, wait_result (&result), &error));
  g_assert_cmpstr (sock_session_error_get_uri (error), ==, "wamp.error.no_such_session");
  g_assert_false (sock_router_admin_error_is_not_offered (error));
  g_clear_error (&error);
  /* a reason that is no URI is refused before anything is sent */
  g_clear_object (&result);
  sock_router_admin_kill_session_async (f->admin, 1, "not a uri", NULL, NULL, store_result, &result);
  g_assert_false (sock_router_admin_kill_session_finish (f->admin, wait_result (&result), &error));
  g_assert_error (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_INVALID_ARGUMENT);
}

static void
test_router_admin_event_history (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(SockConnection) b = connection_new_open (f->url, NULL, "demo");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) events = NULL;
  Want want = { f->admin, SOCK_ADMIN_SUBSCRIPTIONS, 0, "demo.admin.history", 1 };
  SockPublishOptions ack = { .acknowledge = TRUE };
  JsonObject *last;

  g_assert_true (sock_router_admin_has_event_history (f->admin));
  /* history is kept for demo.* topics whether anyone listens or not */
  session_publish (b, "demo.admin.history", "[1]", &ack);
  session_publish (b, "demo.admin.history", "[2]", &ack);
  session_publish (b, "demo.admin.history", "[3]", &ack);
  session_subscribe (b, "demo.admin.history", SOCK_MATCH_EXACT);
  wait_for (want_holds, &want, "demo.admin.history to be listed");

  sock_router_admin_get_events_async (f->admin, sock_admin_entry_get_id (SOCK_ADMIN_ENTRY (find_item (&want))), 2,
                                      NULL, store_result, &result);
  events = sock_router_admin_get_events_finish (f->admin, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  last = json_array_get_object_element (events, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (last, "args"), 0), ==, 3);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (json_array_get_object_element (events, 0),
                                                                             "args"), 0), ==, 2);
  g_assert_true (json_object_has_member (last, "timestamp"));
  g_assert_true (json_object_has_member (last, "publication"));
  connection_close (b);
}

/* After the router restarts, the tab's connection rejoins: the lists are read again (the old
 * sessions are gone) and the meta events flow again on the new session. */
static void
test_router_admin_reconnect (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new (url, NULL, "demo");
  g_autoptr(SockRouterAdmin) admin = NULL;
  g_autoptr(SockConnection) other = NULL;
  g_autoptr(GError) error = NULL;
  Want own = { NULL, SOCK_ADMIN_SESSIONS, 0, NULL, -1 };
  Want gone = { NULL, SOCK_ADMIN_SESSIONS, 0, NULL, -2 };
  Want want = { NULL, SOCK_ADMIN_SESSIONS, 0, NULL, -1 };

  const char * const user_topics[] = { "demo.tick", NULL };
  SockSubscription *tick;

  sock_connection_set_reconnect (connection, TRUE);
  g_assert_true (connection_open (connection, &error));
  tick = sock_connection_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  admin = sock_router_admin_new (connection);
  own.admin = gone.admin = want.admin = admin;
  sock_router_admin_set_live (admin, TRUE);
  wait_for (all_live, admin, "the three lists to be live");
  gone.id = session_id (connection);
  /* the admin's meta-event subscription is held, but is not the user's */
  wait_for (sub_active, tick, "the user's subscription to be active");
  g_assert_cmpuint (n_held (connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  assert_model_topics (connection, user_topics);

  restart_router (server, connection);
  own.id = session_id (connection);
  g_assert_cmpint (own.id, !=, gone.id);
  wait_for (want_holds, &own, "the new session of this connection to be listed");
  wait_for (want_holds, &gone, "the old session to be gone from the list");

  other = connection_new_open (url, NULL, "demo");
  want.id = session_id (other);
  wait_for (want_holds, &want, "another client's session to appear after the reconnect");
  g_assert_true (all_live (admin));
  /* made again once (by the admin, not by the connection too), and still not the user's */
  wait_for (sub_active, tick, "the user's subscription to be active again");
  g_assert_cmpuint (n_held (connection, "wamp", SOCK_MATCH_PREFIX), ==, 1);
  assert_model_topics (connection, user_topics);
  connection_close (other);
  connection_close (connection);
  sock_demo_server_stop (server);
}

/* Realm plain offers no meta API: not announced, no procedures. Not a failure. */
static void
test_router_admin_plain_not_offered (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "plain");
  g_autoptr(SockRouterAdmin) admin = sock_router_admin_new (connection);

  g_assert_false (sock_router_admin_has_event_history (admin));
  sock_router_admin_set_live (admin, TRUE);
  wait_for (lists_known, admin, "the three lists to have a state");
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_assert_cmpint (sock_router_admin_get_state (admin, i), ==, SOCK_ADMIN_STATE_NOT_OFFERED);
      g_assert_null (sock_router_admin_get_error (admin, i));
      g_assert_true (g_str_has_prefix (sock_router_admin_get_message (admin, i), "Not offered by this router"));
      g_assert_nonnull (strstr (sock_router_admin_get_message (admin, i), "wamp.error.no_such_procedure"));
      g_assert_false (sock_router_admin_get_list_live (admin, i));
    }
  connection_close (connection);
  sock_demo_server_stop (server);
}

static void
test_router_admin_wamp1_not_offered (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  const char * const wamp1[] = { "wamp", NULL };
  g_autoptr(SockConnection) connection = connection_new_open (url, wamp1, "demo");
  g_autoptr(SockRouterAdmin) admin = sock_router_admin_new (connection);
  g_autoptr(GAsyncResult) result = NULL;

  sock_router_admin_refresh_async (admin, SOCK_ADMIN_ALL, NULL, store_result, &result);
  g_assert_true (sock_router_admin_refresh_finish (admin, wait_result (&result), NULL));
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_assert_cmpint (sock_router_admin_get_state (admin, i), ==, SOCK_ADMIN_STATE_NOT_OFFERED);
      g_assert_null (sock_router_admin_get_error (admin, i));
      g_assert_nonnull (strstr (sock_router_admin_get_message (admin, i), "WAMP v2"));
    }
  g_assert_true (lists_known (admin));
  connection_close (connection);
  sock_demo_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name) g_test_add ("/sockscope/router-admin/" #name, Fixture, NULL, fixture_set_up, \
                              test_router_admin_##name, fixture_tear_down)
  ADD (sessions_live);
  ADD (subscriptions_live);
  ADD (registrations_live);
  ADD (kill);
  ADD (event_history);
#undef ADD
  g_test_add_func ("/sockscope/router-admin/wamp1_not_offered", test_router_admin_wamp1_not_offered);
  g_test_add_func ("/sockscope/router-admin/reconnect", test_router_admin_reconnect);
  g_test_add_func ("/sockscope/router-admin/plain_not_offered", test_router_admin_plain_not_offered);

  return g_test_run ();
}
