/* test-connection-models.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live models of a SockConnection against the demo server on 127.0.0.1: its subscriptions
 * through a server restart (pending, active, restoring, active again, counters carried on), the
 * rates after a burst (they decay to 0, and a subscription's count is the log's count of its
 * events), the session's facts, the registrations through a restart, and the statistics.
 */

#include "session-test-util.h"
#include "sock-wamp1-session.h"

/* Iterates until cond holds; fails after 15 s naming what it waited for. */
static void
wait_for (Predicate   cond,
          gpointer    data,
          const char *what)
{
  wait_for_within (cond, data, what, 15);
}

typedef struct
{
  SockSubscription      *sub;
  SockSubscriptionState  state;
} StateQuery;

static gboolean
sub_in_state (gpointer data)
{
  StateQuery *query = data;

  return sock_subscription_get_state (query->sub) == query->state;
}

static void
on_sub_state (SockSubscription *sub,
              GParamSpec       *pspec,
              GString          *states)
{
  g_string_append_printf (states, "%s ", sock_subscription_state_to_string (sock_subscription_get_state (sub)));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *changes)
{
  g_string_append_printf (changes, "-%u+%u ", removed, added);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* The log's EVENTs on uri (v2). */
static guint64
log_events (SockMessageLog *log,
            const char     *uri)
{
  guint64 n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.type == SOCK_WAMP_EVENT
          && entry.kind == SOCK_LOG_KIND_WAMP2 && entry.uri != 0
          && g_strcmp0 (sock_message_log_get_uri (log, entry.uri), uri) == 0)
        n++;
    }
  return n;
}

static gboolean
connection_in_state (gpointer data)
{
  SockConnection *connection = ((gpointer *) data)[0];

  return (int) sock_connection_get_state (connection) == GPOINTER_TO_INT (((gpointer *) data)[1]);
}

static void
wait_connection_state (SockConnection      *connection,
                       SockConnectionState  state)
{
  gpointer query[2] = { connection, GINT_TO_POINTER (state) };

  wait_for (connection_in_state, query, sock_connection_state_to_string (state));
}

static void
test_models_subscriptions_through_restart (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = demo_server_start_url (server, "/ws");
  guint port = sock_demo_server_get_port (server);
  GListModel *model;
  SockSubscription *sub;
  guint64 n_before;
  gint64 first_id;
  guint n_count_notifies = 0;
  gint64 started;

  connection = connection_new (url, NULL, "demo");
  sock_connection_set_reconnect (connection, TRUE);
  model = sock_connection_get_subscriptions (connection);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* asked for before the open: listed at once, pending */
  sub = sock_connection_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT);
  g_assert_nonnull (sub);
  g_assert_true (sock_connection_subscribe (connection, "demo.tick", SOCK_MATCH_EXACT) == sub);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (changes->str, ==, "-0+1 ");
  g_assert_cmpint (sock_subscription_get_state (sub), ==, SOCK_SUBSCRIPTION_PENDING);
  g_signal_connect (sub, "notify::state", G_CALLBACK (on_sub_state), states);
  g_signal_connect (sub, "notify::n-events", G_CALLBACK (count_notify), &n_count_notifies);

  started = g_get_monotonic_time ();
  g_assert_true (connection_open (connection, &error));
  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_ACTIVE }, "the subscription to be active");
  first_id = sock_subscription_get_id (sub);
  g_assert_cmpint (first_id, >, 0);
  /* demo.tick comes once a second */
  wait_for (sub_has_events, &(CountQuery) { sub, 3 }, "3 events on demo.tick");
  n_before = sock_subscription_get_n_events (sub);

  /* the server goes: the subscription stays, restoring, without an id */
  sock_demo_server_stop (server);
  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_RESTORING }, "the subscription to restore");
  g_assert_cmpint (sock_subscription_get_id (sub), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (sock_connection_get_state (connection), ==, SOCK_CONNECTION_RECONNECTING);

  /* it comes back on the same port: the same object is active again and counts on */
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);
  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_ACTIVE }, "the subscription to be active again");
  g_assert_cmpint (sock_subscription_get_id (sub), >, 0);
  g_assert_cmpuint (sock_subscription_get_n_events (sub), >=, n_before);
  wait_for (sub_has_events, &(CountQuery) { sub, n_before + 2 }, "events after the restart");
  g_assert_cmpstr (states->str, ==, "active restoring active ");
  /* nothing left the list or came into it on the way */
  g_assert_cmpstr (changes->str, ==, "-0+1 ");
  g_assert_true (g_ptr_array_index (sock_session_get_subscriptions (sock_connection_get_session (connection)), 0)
                 == sub);
  /* the count is the log's count of its events, over both sessions */
  g_assert_cmpuint (sock_subscription_get_n_events (sub), ==,
                    log_events (sock_connection_get_log (connection), "demo.tick"));
  /* the count was published at most once a second, never once per event */
  g_assert_cmpuint (n_count_notifies, <=, (g_get_monotonic_time () - started) / G_USEC_PER_SEC + 1);

  /* unsubscribing drops it from the list */
  g_object_ref (sub);
  sock_connection_unsubscribe (connection, sub);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (changes->str, ==, "-0+1 -1+0 ");
  g_signal_handlers_disconnect_by_data (sub, states);
  g_signal_handlers_disconnect_by_data (sub, &n_count_notifies);
  g_object_unref (sub);

  connection_close (connection);
  sock_demo_server_stop (server);
}

static gboolean
rates_at_zero (gpointer data)
{
  SockConnection *connection = ((gpointer *) data)[0];
  SockSubscription *sub = ((gpointer *) data)[1];
  guint64 n = 0;

  g_object_get (sub, "n-events", &n, NULL);
  return sock_connection_get_rate_in (connection) == 0 && sock_subscription_get_rate (sub) == 0 && n > 0;
}

static gboolean
rate_positive (gpointer data)
{
  return sock_subscription_get_rate (data) > 0;
}

/* A burst ends: the connection's rate and the subscription's both decay to 0, and the subscription's
 * count equals the log's count of its events. */
static void
test_models_burst_rates (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) a = connection_new_open (url, NULL, "demo");
  g_autoptr(SockConnection) b = connection_new_open (url, NULL, "demo");
  SockPublishOptions ack = { .acknowledge = TRUE };
  SockSubscription *sub = sock_connection_subscribe (a, "models.burst", SOCK_MATCH_PREFIX);
  guint rate_notifies = 0;
  gint64 started = g_get_monotonic_time ();

  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_ACTIVE }, "the subscription to be active");
  g_signal_connect (a, "notify::rate-in", G_CALLBACK (count_notify), &rate_notifies);
  for (guint i = 0; i < 300; i++)
    session_publish (b, i % 2 ? "models.burst.odd" : "models.burst.even", "[1]", &ack);
  wait_for (sub_has_events, &(CountQuery) { sub, 300 }, "300 events");
  wait_for (rate_positive, sub, "a rate above 0");
  wait_for (rates_at_zero, (gpointer[]) { a, sub }, "both rates to decay to 0");
  g_assert_cmpuint (sock_subscription_get_n_events (sub), ==, 300);
  /* the pattern's events are logged under their concrete topics, read without a tree */
  g_assert_cmpuint (log_events (sock_connection_get_log (a), "models.burst.odd"), ==, 150);
  g_assert_cmpuint (log_events (sock_connection_get_log (a), "models.burst.even"), ==, 150);
  g_assert_cmpuint (sock_stats_get_total (sock_connection_get_stats (a), SOCK_STATS_MESSAGES_IN), >=, 300);
  g_assert_cmpuint (rate_notifies, <=, (g_get_monotonic_time () - started) / G_USEC_PER_SEC + 1);

  connection_close (a);
  connection_close (b);
  sock_demo_server_stop (server);
}

static void
test_models_session_facts (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "demo");
  SockSession *session = sock_connection_get_session (connection);
  const char * const *roles = sock_session_get_router_roles (session);
  g_autofree char *id = NULL;

  g_object_get (session, "session-id", &id, NULL);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, ==, sock_connection_get_session_id (connection));
  g_assert_cmpstr (sock_session_get_realm (session), ==, "demo");
  g_assert_cmpstr (sock_session_get_subprotocol (session), ==, "wamp.2.json");
  g_assert_nonnull (sock_session_get_authrole (session));
  g_assert_nonnull (roles);
  g_assert_true (g_strv_contains (roles, "broker"));
  g_assert_true (g_strv_contains (roles, "dealer"));

  connection_close (connection);
  sock_demo_server_stop (server);
}

static void
echo_handler (SockWamp2Session *session,
              SockInvocation   *invocation,
              gpointer          user_data)
{
  sock_invocation_return (invocation, NULL, NULL);
}

typedef struct
{
  SockRegistration      *registration;
  SockSubscriptionState  state;
} RegistrationQuery;

static gboolean
registration_in_state (gpointer data)
{
  RegistrationQuery *query = data;

  return sock_registration_get_state (query->registration) == query->state;
}

static void
test_models_registration_through_restart (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  guint port = sock_demo_server_get_port (server);
  g_autoptr(SockConnection) callee = connection_new_open (url, NULL, "demo");
  g_autoptr(SockConnection) caller = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockRegistration) registration = NULL;
  GListModel *model = sock_connection_get_registrations (callee);

  sock_connection_set_reconnect (callee, TRUE);
  sock_connection_register_async (callee, "models.echo", NULL, echo_handler, NULL, NULL, store_result, &result);
  g_assert_cmpint (sock_connection_register_finish (callee, wait_result (&result), &error), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  registration = g_list_model_get_item (model, 0);
  g_assert_cmpstr (sock_registration_get_procedure (registration), ==, "models.echo");
  g_assert_cmpint (sock_registration_get_state (registration), ==, SOCK_SUBSCRIPTION_ACTIVE);

  caller = connection_new_open (url, NULL, "demo");
  session_call (caller, "models.echo", NULL);
  g_assert_cmpuint (sock_registration_get_n_invocations (registration), ==, 1);
  connection_close (caller);
  g_clear_object (&caller);

  sock_demo_server_stop (server);
  wait_for (registration_in_state, &(RegistrationQuery) { registration, SOCK_SUBSCRIPTION_RESTORING },
            "the registration to restore");
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  wait_for (registration_in_state, &(RegistrationQuery) { registration, SOCK_SUBSCRIPTION_ACTIVE },
            "the registration to be active again");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  caller = connection_new_open (url, NULL, "demo");
  session_call (caller, "models.echo", NULL);
  g_assert_cmpuint (sock_registration_get_n_invocations (registration), ==, 2);

  sock_connection_unregister (callee, registration);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  connection_close (caller);
  connection_close (callee);
  sock_demo_server_stop (server);
}

/* A failed subscription says why in words, not as a URI to match. */
static void
test_models_subscription_failed (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "demo");
  SockSubscription *sub = sock_connection_subscribe (connection, "not a uri", SOCK_MATCH_EXACT);

  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_FAILED }, "the subscription to fail");
  g_assert_nonnull (sock_subscription_get_error (sub));
  g_assert_null (strstr (sock_subscription_get_error (sub), "wamp.error."));
  g_assert_cmpuint (g_list_model_get_n_items (sock_connection_get_subscriptions (connection)), ==, 1);

  connection_close (connection);
  sock_demo_server_stop (server);
}

/* WAMP v1: a subscription by CURIE is one item of the model, counts its events (logged under the
 * topic as sent), and unsubscribes. */
static void
test_models_wamp1_curie (void)
{
  const char * const wamp[] = { "wamp", NULL };
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) a = connection_new_open (url, wamp, NULL);
  g_autoptr(SockConnection) b = connection_new_open (url, wamp, NULL);
  g_autoptr(JsonArray) args = json_array_from ("[1]");
  g_autoptr(GError) error = NULL;
  GListModel *model = sock_connection_get_subscriptions (a);
  SockSubscription *sub;

  g_assert_cmpint (sock_connection_get_kind (a), ==, SOCK_SESSION_KIND_WAMP1);
  g_assert_true (sock_wamp1_session_add_prefix (SOCK_WAMP1_SESSION (sock_connection_get_session (a)), "t",
                                                "models.v1.", &error));
  sub = sock_connection_subscribe (a, "t:topic", SOCK_MATCH_EXACT);
  wait_for (sub_in_state, &(StateQuery) { sub, SOCK_SUBSCRIPTION_ACTIVE }, "the v1 subscription to be active");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (g_ptr_array_index (sock_session_get_subscriptions (sock_connection_get_session (a)), 0) == sub);
  wait_ms (100);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GAsyncResult) published = NULL;
      SockSession *sb = sock_connection_get_session (b);

      sock_session_publish_async (sb, "models.v1.topic", args, NULL, NULL, NULL, store_result, &published);
      g_assert_true (sock_session_publish_finish (sb, wait_result (&published), NULL, &error));
    }
  wait_for (sub_has_events, &(CountQuery) { sub, 3 }, "3 v1 events");
  g_assert_cmpuint (count_records (sock_connection_get_log (a), SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_WAMP1,
                                   SOCK_WAMP1_EVENT), ==, 3);

  sock_connection_unsubscribe (a, sub);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (sock_session_get_subscriptions (sock_connection_get_session (a))->len, ==, 0);

  connection_close (a);
  connection_close (b);
  sock_demo_server_stop (server);
}

/* The statistics keep every state change with its reason and close code. */
static void
test_models_stats_state_changes (void)
{
  g_autoptr(SockDemoServer) server = sock_demo_server_new ();
  g_autofree char *url = demo_server_start_url (server, "/ws");
  g_autoptr(SockConnection) connection = connection_new_open (url, NULL, "demo");
  SockStats *stats = sock_connection_get_stats (connection);
  const SockStatsStateChange *change;
  guint n;

  sock_demo_server_stop (server);
  wait_connection_state (connection, SOCK_CONNECTION_CLOSED);
  n = sock_stats_get_n_state_changes (stats);
  g_assert_cmpuint (n, >=, 3);
  change = sock_stats_get_state_change (stats, 0);
  g_assert_cmpstr (change->state_name, ==, "connecting");
  change = sock_stats_get_state_change (stats, 1);
  g_assert_cmpstr (change->state_name, ==, "joined");
  change = sock_stats_get_state_change (stats, n - 1);
  g_assert_cmpstr (change->state_name, ==, "closed");
  g_assert_nonnull (change->reason);
  g_assert_cmpstr (change->reason, ==, sock_connection_get_close_reason (connection));
  g_assert_cmpuint (change->close_code, ==, sock_transport_get_close_code (sock_connection_get_transport (connection)));
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_MESSAGES_OUT), >=, 1);
  g_assert_cmpuint (sock_stats_get_total (stats, SOCK_STATS_BYTES_IN), >,
                    sock_stats_get_total (stats, SOCK_STATS_MESSAGES_IN));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/connection-models/subscriptions-through-restart",
                   test_models_subscriptions_through_restart);
  g_test_add_func ("/sockscope/connection-models/burst-rates", test_models_burst_rates);
  g_test_add_func ("/sockscope/connection-models/session-facts", test_models_session_facts);
  g_test_add_func ("/sockscope/connection-models/registration-through-restart",
                   test_models_registration_through_restart);
  g_test_add_func ("/sockscope/connection-models/subscription-failed", test_models_subscription_failed);
  g_test_add_func ("/sockscope/connection-models/wamp1-curie", test_models_wamp1_curie);
  g_test_add_func ("/sockscope/connection-models/stats-state-changes", test_models_stats_state_changes);

  return g_test_run ();
}
