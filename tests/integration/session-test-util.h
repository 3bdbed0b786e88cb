/* session-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the session tests: start the demo server, run the main context until
 * something happened, open a SockConnection, subscribe and publish, and wait for async results.
 */

#pragma once

#include <string.h>

#include "sock-connection.h"
#include "sock-demo-server.h"
#include "../test-wait.h"


static G_GNUC_UNUSED gboolean
wait_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Predicate) (gpointer data);

/* Iterates until pred holds; fails after seconds saying what it waited for. */
static G_GNUC_UNUSED void
wait_for_within (Predicate   pred,
                 gpointer    data,
                 const char *what,
                 guint       seconds)
{
  WAIT_FOR_WITHIN_WHAT (seconds, pred (data), what);
}

typedef struct
{
  SockSubscription *sub;
  guint64           n;
} CountQuery;

/* A Predicate: the subscription in the CountQuery has had n events or more. */
static G_GNUC_UNUSED gboolean
sub_has_events (gpointer data)
{
  CountQuery *query = data;

  return sock_subscription_get_n_events (query->sub) >= query->n;
}

G_GNUC_UNUSED static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static G_GNUC_UNUSED GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT_FOR_WHAT (*slot != NULL, "an asynchronous result");
  return *slot;
}

/* protocols NULL: the default offer (wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp); an empty array offers none. */
static G_GNUC_UNUSED SockConnection *
connection_new (const char         *url,
                const char * const *protocols,
                const char         *realm)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, &error);
  SockConnection *connection;

  g_assert_no_error (error);
  if (protocols != NULL)
    {
      sock_profile_set_protocols (profile, protocols, &error);
      g_assert_no_error (error);
    }
  connection = sock_connection_new (profile);
  if (realm != NULL)
    sock_connection_set_realm (connection, realm);
  return connection;
}

static G_GNUC_UNUSED gboolean
connection_open (SockConnection *connection,
                 GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sock_connection_open_async (connection, NULL, store_result, &result);
  return sock_connection_open_finish (connection, wait_result (&result), error);
}

/* A connection to url that opened (and joined, given a realm). */
static G_GNUC_UNUSED SockConnection *
connection_new_open (const char         *url,
                     const char * const *protocols,
                     const char         *realm)
{
  g_autoptr(GError) error = NULL;
  SockConnection *connection = connection_new (url, protocols, realm);

  g_assert_true (connection_open (connection, &error));
  g_assert_no_error (error);
  return connection;
}

static G_GNUC_UNUSED void
connection_close (SockConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;

  sock_connection_close_async (connection, NULL, store_result, &result);
  g_assert_true (sock_connection_close_finish (connection, wait_result (&result), NULL));
  WAIT_FOR_WHAT (sock_connection_get_state (connection) == SOCK_CONNECTION_CLOSED, "the connection to close");
}

/* Starts server on a free port of 127.0.0.1; returns the URL of path (e.g. "/ws") on it. */
static G_GNUC_UNUSED char *
demo_server_start_url (SockDemoServer *server,
                       const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  g_assert_true (sock_demo_server_start (server, 0, -1, &error));
  base = sock_demo_server_dup_base_url (server);
  return g_strconcat (base, path, NULL);
}

G_GNUC_UNUSED static JsonArray *
json_array_from (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_array_ref (json_node_get_array (node));
}

/* Subscribes the connection's session to topic; returns the subscription id. */
static G_GNUC_UNUSED gint64
session_subscribe (SockConnection *connection,
                   const char     *topic,
                   SockMatch       match)
{
  g_autoptr(GAsyncResult) result = NULL;
  SockSession *session = sock_connection_get_session (connection);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  sock_session_subscribe_async (session, topic, match, NULL, store_result, &result);
  g_assert_true (sock_session_subscribe_finish (session, wait_result (&result), &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Calls procedure with args (a JSON array's text, or NULL) and waits for its result, which must not
 * be an error. */
static G_GNUC_UNUSED void
session_call (SockConnection *connection,
              const char     *procedure,
              const char     *args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SockSession *session = sock_connection_get_session (connection);
  SockCallResult *answer;

  sock_session_call_json_async (session, procedure, args, NULL, NULL, NULL, NULL, NULL, store_result, &result);
  answer = sock_session_call_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  sock_call_result_free (answer);
}

/* Publishes args (a JSON array's text) on topic; returns the publication id, -1 unless acknowledged. */
static G_GNUC_UNUSED gint64
session_publish (SockConnection           *connection,
                 const char               *topic,
                 const char               *args,
                 const SockPublishOptions *options)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) array = json_array_from (args);
  SockSession *session = sock_connection_get_session (connection);
  g_autoptr(GError) error = NULL;
  gint64 publication = -1;

  sock_session_publish_async (session, topic, array, NULL, options, NULL, store_result, &result);
  g_assert_true (sock_session_publish_finish (session, wait_result (&result), &publication, &error));
  g_assert_no_error (error);
  return publication;
}

/* Counts the log's records of a kind (and type, unless 0) in one direction. */
static G_GNUC_UNUSED guint
count_records (SockMessageLog  *log,
               SockLogDirection direction,
               SockLogKind      kind,
               guint8           type)
{
  guint n = 0;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;

      if (sock_message_log_peek (log, seq, &entry, NULL, NULL) && entry.direction == direction &&
          entry.kind == kind && (type == 0 || entry.type == type))
        n++;
    }
  return n;
}

/* Whether some marker in the log contains needle. */
static G_GNUC_UNUSED gboolean
has_marker (SockMessageLog *log,
            const char     *needle)
{
  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.kind == SOCK_LOG_KIND_MARKER)
        {
          g_autofree char *text = g_strndup ((const char *)raw, len);

          if (strstr (text, needle) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}
