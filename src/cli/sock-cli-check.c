/* sock-cli-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-cli-check.h"
#include "sock-error.h"
#include "sock-json-input.h"
#include "sock-wamp-uri.h"

const double sock_cli_check_buckets[SOCK_CLI_CHECK_N_BUCKETS] = {
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
};

SockCliCheck *
sock_cli_check_new (const char *procedure,
                    JsonArray  *args,
                    guint       interval_ms)
{
  SockCliCheck *self = g_new0 (SockCliCheck, 1);

  self->procedure = g_strdup (procedure);
  self->args = args != NULL ? json_array_ref (args) : NULL;
  self->interval_ms = interval_ms;
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

SockCliCheck *
sock_cli_check_parse (const char  *spec,
                      GError     **error)
{
  const char *last = strrchr (spec, ':');
  const char *first = strchr (spec, ':');
  g_autofree char *procedure = NULL;
  g_autoptr(JsonNode) args = NULL;
  guint interval_ms;

  if (last == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--check takes PROCEDURE[:ARGS]:INTERVAL, e.g. app.ping:10s (not “%s”)"), spec);
      return NULL;
    }
  if (!sock_cli_parse_seconds ("--check", last + 1, &interval_ms, error))
    return NULL;
  procedure = g_strndup (spec, first - spec);
  if (!sock_wamp_uri_check (procedure, SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, error))
    return NULL;
  if (first != last)
    {
      g_autofree char *text = g_strndup (first + 1, last - first - 1);

      if (!(args = sock_json_input_parse (text, -1, SOCK_JSON_INPUT_ARRAY, "--check", error)))
        return NULL;
    }
  return sock_cli_check_new (procedure, args != NULL ? json_node_get_array (args) : NULL, interval_ms);
}

static void
count_failure (SockCliCheck *self,
               const char   *what)
{
  if (g_hash_table_size (self->failures) >= SOCK_CLI_CHECK_MAX_ERRORS && !g_hash_table_contains (self->failures, what))
    what = "other";
  g_hash_table_insert (self->failures, g_strdup (what),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, what)) + 1));
}

static void
observe (SockCliCheck *self,
         double        seconds)
{
  for (guint i = 0; i < SOCK_CLI_CHECK_N_BUCKETS; i++)
    if (seconds <= sock_cli_check_buckets[i])
      {
        self->buckets[i]++;
        break;
      }
  self->count++;
  self->sum += seconds;
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  SockCliCheck *self = g_object_get_data (G_OBJECT (cancellable), "check");
  gint64 started = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cancellable), "started"));
  g_autoptr(GError) error = NULL;
  SockCallResult *answer = sock_session_call_finish (SOCK_SESSION (object), result, &error);
  const char *uri;

  g_clear_pointer (&answer, sock_call_result_free);
  if (self == NULL)
    return;
  g_clear_object (&self->cancellable);
  observe (self, (g_get_monotonic_time () - started) / 1e6);
  if (error == NULL)
    return;
  if ((uri = sock_session_error_get_uri (error)) != NULL)
    count_failure (self, uri);
  else if (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT))
    count_failure (self, "timeout");
  else if (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST))
    count_failure (self, "connection_lost");
  else
    count_failure (self, "error");
}

static gboolean
tick_cb (gpointer user_data)
{
  SockCliCheck *self = user_data;
  SockCallOptions options = { .deadline_ms = CLAMP (self->interval_ms, 1000, 30000) };
  SockConnectionState state = sock_connection_get_state (self->connection);

  if (self->cancellable != NULL)
    return G_SOURCE_CONTINUE;   /* the last call is still waiting for its deadline */
  if (state != SOCK_CONNECTION_JOINED && state != SOCK_CONNECTION_NOT_RESPONDING)
    {
      count_failure (self, "not_connected");
      return G_SOURCE_CONTINUE;
    }
  self->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->cancellable), "check", self);
  g_object_set_data (G_OBJECT (self->cancellable), "started", GSIZE_TO_POINTER (g_get_monotonic_time ()));
  sock_session_call_async (sock_connection_get_session (self->connection), self->procedure, self->args, NULL,
                           &options, NULL, NULL, self->cancellable, call_cb, g_object_ref (self->cancellable));
  return G_SOURCE_CONTINUE;
}

void
sock_cli_check_start (SockCliCheck   *self,
                      SockConnection *connection)
{
  self->connection = connection;
  self->timer = g_timeout_add (self->interval_ms, tick_cb, self);
}

void
sock_cli_check_free (SockCliCheck *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_object_set_data (G_OBJECT (self->cancellable), "check", NULL);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_pointer (&self->args, json_array_unref);
  g_hash_table_unref (self->failures);
  g_free (self->procedure);
  g_free (self);
}
