/* router-admin-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the router admin tests share: waiting for a condition with a deadline, the predicates they
 * wait on, what a connection's session holds, and the fixture (the demo router on 127.0.0.1, a
 * joined connection and its admin with the three lists live).
 */

#pragma once

#include "session-test-util.h"
#include "sock-router-admin.h"

/* Iterates until pred holds; fails after WAIT_TIMEOUT_S saying what it waited for. */
static G_GNUC_UNUSED void
wait_for (Predicate   pred,
          gpointer    data,
          const char *what)
{
  wait_for_within (pred, data, what, WAIT_TIMEOUT_S);
}

static G_GNUC_UNUSED gboolean
all_live (gpointer data)
{
  SockRouterAdmin *admin = data;

  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    if (!sock_router_admin_get_list_live (admin, i))
      return FALSE;
  return TRUE;
}

static G_GNUC_UNUSED gint64
session_id (SockConnection *connection)
{
  return g_ascii_strtoll (sock_connection_get_session_id (connection), NULL, 10);
}

static G_GNUC_UNUSED gboolean
joined_again (gpointer data)
{
  return sock_connection_get_state (data) == SOCK_CONNECTION_JOINED;
}

static G_GNUC_UNUSED gboolean
reconnecting (gpointer data)
{
  return sock_connection_get_state (data) == SOCK_CONNECTION_RECONNECTING;
}

static G_GNUC_UNUSED gboolean
sub_active (gpointer data)
{
  return sock_subscription_get_state (data) == SOCK_SUBSCRIPTION_ACTIVE;
}

/* Stops the router and starts it again on its port, once the connection has seen it go; returns
 * when the connection has joined again. */
static G_GNUC_UNUSED void
restart_router (SockDemoServer *server,
                SockConnection *connection)
{
  guint port = sock_demo_server_get_port (server);
  g_autoptr(GError) error = NULL;

  sock_demo_server_stop (server);
  wait_for (reconnecting, connection, "the connection to notice the router went away");
  g_assert_true (sock_demo_server_start (server, port, -1, &error));
  g_assert_no_error (error);
  wait_for (joined_again, connection, "the connection to join again");
}

/* How many subscriptions the connection's session holds for (topic, match). */
static G_GNUC_UNUSED guint
n_held (SockConnection *connection,
        const char     *topic,
        SockMatch       match)
{
  GPtrArray *all = sock_session_get_subscriptions (sock_connection_get_session (connection));
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      SockSubscription *sub = g_ptr_array_index (all, i);

      n += sock_subscription_get_match (sub) == (int) match
           && g_strcmp0 (sock_subscription_get_topic (sub), topic) == 0;
    }
  return n;
}

/* The user's subscriptions model holds exactly the topics given (NULL-terminated). */
static G_GNUC_UNUSED void
assert_model_topics (SockConnection     *connection,
                     const char * const *topics)
{
  GListModel *model = sock_connection_get_subscriptions (connection);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) topics));
  for (guint i = 0; topics[i] != NULL; i++)
    {
      g_autoptr(SockSubscription) sub = g_list_model_get_item (model, i);

      g_assert_cmpstr (sock_subscription_get_topic (sub), ==, topics[i]);
    }
}

typedef struct
{
  SockDemoServer  *server;
  char            *url;
  SockConnection  *connection;
  SockRouterAdmin *admin;
} Fixture;

static G_GNUC_UNUSED void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = sock_demo_server_new ();
  f->url = demo_server_start_url (f->server, "/ws");
  f->connection = connection_new_open (f->url, NULL, "demo");
  f->admin = sock_router_admin_new (f->connection);
  sock_router_admin_set_live (f->admin, TRUE);
  wait_for (all_live, f->admin, "the three lists to be live");
}

static G_GNUC_UNUSED void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  connection_close (f->connection);
  g_assert_finalize_object (f->admin);
  g_assert_finalize_object (f->connection);
  sock_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
}
