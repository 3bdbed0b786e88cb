/* sock-cli-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli watch`: an agent that keeps one or more connections open (reconnecting, with
 * liveness pings) and serves their health as Prometheus metrics at /metrics. One connection from
 * the command line, or several from --config FILE.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "sock-cli.h"
#include "sock-cli-check.h"
#include "sock-cli-metrics.h"
#include "sock-cli-target.h"
#include "sock-cli-watch-private.h"
#include "sock-error.h"
#include "sock-secrets.h"
#include "sock-wamp-uri.h"

#define DEFAULT_LISTEN "127.0.0.1:9464"
#define MAX_TOPICS_LIMIT 100000
#define CLOSE_GRACE_MS 3000

typedef struct
{
  SockCliWatchConfig  config;
  SockCliWatchConnection *command_line;   /* also in config.connections */
  char               *config_file;
  GPtrArray          *targets;            /* SockCliTarget * */
  GMainLoop          *loop;
  int                 status;
  guint               closing;            /* connections still saying GOODBYE */
} Watch;

static void
watch_clear (Watch *self)
{
  /* the server goes first: it reads the targets */
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->config.connections, g_ptr_array_unref);
  g_free (self->config.listen);
  g_free (self->config_file);
  g_clear_pointer (&self->loop, g_main_loop_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watch, watch_clear)

/* The label of a connection: its name, or its URL without any secret in it. */
static char *
label_for (SockCliWatchConnection *wanted)
{
  if (wanted->name != NULL || wanted->saved != NULL)
    return g_strdup (wanted->name != NULL ? wanted->name : wanted->saved);
  return sock_secret_mask_url (wanted->url);
}

static SockCliTarget *
make_target (Watch                  *self,
             SockCliWatchConnection *wanted,
             GError                **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_cli_check_free);
  g_autofree char *label = label_for (wanted);
  SockMatch match = SOCK_MATCH_EXACT;
  SockConnection *connection;
  SockCliTarget *target;

  if (wanted->match != NULL && !sock_match_from_string (wanted->match, &match))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s: match must be exact, prefix or wildcard"), label);
      return NULL;
    }
  for (guint i = 0; wanted->topics != NULL && wanted->topics[i] != NULL; i++)
    if (!sock_wamp_uri_check (wanted->topics[i], SOCK_WAMP_URI_TOPIC, match, error))
      return NULL;
  for (guint i = 0; wanted->checks != NULL && wanted->checks[i] != NULL; i++)
    {
      SockCliCheck *check = sock_cli_check_parse (wanted->checks[i], error);

      if (check == NULL)
        return NULL;
      g_ptr_array_add (checks, check);
    }
  /* a saved connection: its settings and subscriptions, its secrets from the keyring */
  options = wanted->saved != NULL ? sock_cli_saved_dup_options (wanted->saved, error)
                                  : sock_cli_connect_options_build (&wanted->connect, wanted->url, error);
  if (options != NULL)
    /* an agent keeps its connections, whatever the saved or CLI default */
    sock_connect_options_set_reconnect (options, TRUE);
  if (options == NULL || !(connection = sock_connection_new_for_options (options, error)))
    {
      g_prefix_error (error, "%s: ", label);
      return NULL;
    }
  target = sock_cli_target_new (label, connection, self->config.max_topics);
  for (guint i = 0; i < sock_connect_options_get_n_subscriptions (options); i++)
    {
      SockMatch saved_match = SOCK_MATCH_EXACT;
      const char *topic = sock_connect_options_get_subscription (options, i, &saved_match);

      sock_connection_subscribe (connection, topic, saved_match);
      if (saved_match == SOCK_MATCH_EXACT && g_hash_table_size (target->topics) < target->max_topics)
        g_hash_table_insert (target->topics, g_strdup (topic), g_new0 (SockCliTopicStats, 1));
    }
  for (guint i = 0; wanted->topics != NULL && wanted->topics[i] != NULL; i++)
    {
      sock_connection_subscribe (connection, wanted->topics[i], match);
      /* a topic subscribed to exactly is reported from the start, with 0 events */
      if (match == SOCK_MATCH_EXACT && g_hash_table_size (target->topics) < target->max_topics)
        g_hash_table_insert (target->topics, g_strdup (wanted->topics[i]), g_new0 (SockCliTopicStats, 1));
    }
  for (guint i = 0; i < checks->len; i++)
    sock_cli_check_start (checks->pdata[i], connection);
  g_ptr_array_extend_and_steal (target->checks, g_steal_pointer (&checks));
  return target;
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Watch *self = user_data;

  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  if (--self->closing == 0)
    g_main_loop_quit (self->loop);
}

static void
close_grace_cb (gpointer user_data)
{
  Watch *self = user_data;

  /* a router that never answers GOODBYE */
  g_main_loop_quit (self->loop);
}

/* SIGTERM (a service manager stopping the agent): each session leaves politely. */
static gboolean
on_terminate (gpointer user_data)
{
  Watch *self = user_data;

  if (self->closing > 0)
    return G_SOURCE_CONTINUE;
  for (guint i = 0; i < self->targets->len; i++)
    {
      SockCliTarget *target = self->targets->pdata[i];

      g_clear_handle_id (&target->retry, g_source_remove);
      self->closing++;
      sock_connection_close_async (target->connection, NULL, close_cb, self);
    }
  g_timeout_add_once (CLOSE_GRACE_MS, close_grace_cb, self);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  Watch *self = user_data;

  self->status = SOCK_CLI_EXIT_INTERRUPTED;
  g_main_loop_quit (self->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
prepare (Watch   *self,
         int      argc,
         char   **argv,
         GError **error)
{
  if ((argc < 2) == (self->config_file == NULL))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("give either URL [TOPIC…] or --config FILE"));
      return FALSE;
    }
  if (self->config_file != NULL && !sock_cli_watch_read_config (self->config_file, &self->config, error))
    return FALSE;
  if (self->config_file == NULL)
    {
      self->command_line->url = g_strdup (argv[1]);
      self->command_line->topics = g_strdupv (argv + 2);
      g_ptr_array_add (self->config.connections, g_steal_pointer (&self->command_line));
    }
  if (self->config.max_topics < 1 || self->config.max_topics > MAX_TOPICS_LIMIT)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--max-topics must be between 1 and %d"),
                   MAX_TOPICS_LIMIT);
      return FALSE;
    }
  for (guint i = 0; i < self->config.connections->len; i++)
    {
      SockCliTarget *target = make_target (self, self->config.connections->pdata[i], error);

      if (target == NULL)
        return FALSE;
      g_ptr_array_add (self->targets, target);
    }
  return TRUE;
}

static int
run (Watch *self)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint interrupt, terminate;

  server = sock_cli_metrics_serve (self->config.listen ? self->config.listen : DEFAULT_LISTEN, self->targets,
                                   &url, &error);
  if (server == NULL)
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  sock_cli_printerr (_("serving metrics at %smetrics"), url);
  self->loop = g_main_loop_new (NULL, FALSE);
  interrupt = g_unix_signal_add (SIGINT, on_interrupt, self);
  terminate = g_unix_signal_add (SIGTERM, on_terminate, self);
  g_main_loop_run (self->loop);
  g_source_remove (interrupt);
  g_source_remove (terminate);
  soup_server_disconnect (server);
  return self->status;
}

int
sock_cli_watch (int    argc,
                char **argv)
{
  g_auto(Watch) self = { .config.max_topics = SOCK_CLI_DEFAULT_MAX_TOPICS };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL [TOPIC…] | --config FILE — serve Prometheus metrics"));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) checks = NULL;
  SockCliWatchConnection *command_line = g_new0 (SockCliWatchConnection, 1);
  /* Translators: %s is the default address and port, 127.0.0.1:9464 */
  g_autofree char *listen_help = g_strdup_printf (_("Serve /metrics on this address (default %s; port 0 picks one)"),
                                                  DEFAULT_LISTEN);
  g_autofree char *max_topics_help =
    /* Translators: %s is the label the topics past the limit share, %d the default limit */
    g_strdup_printf (_("Distinct topics reported per connection; more are counted as topic=\"%s\" (default %d)"),
                     SOCK_CLI_TOPIC_OVERFLOW, SOCK_CLI_DEFAULT_MAX_TOPICS);
  GOptionEntry entries[] = {
    { "metrics-listen", 'l', 0, G_OPTION_ARG_STRING, &self.config.listen, listen_help, N_("ADDR:PORT") },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &self.config_file,
      N_("Watch the connections listed in this JSON file"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &command_line->name,
      N_("The connection label in the metrics (default: the URL, secrets masked)"), N_("NAME") },
    { "match", 'm', 0, G_OPTION_ARG_STRING, &command_line->match, N_("exact (default), prefix or wildcard"), N_("MATCH") },
    { "check", 0, 0, G_OPTION_ARG_STRING_ARRAY, &checks,
      N_("Call PROCEDURE every INTERVAL and export how long it took and how it failed (repeatable)"),
      N_("PROCEDURE[:ARGS]:INTERVAL") },
    { "max-topics", 0, 0, G_OPTION_ARG_INT64, &self.config.max_topics, max_topics_help, N_("N") },
    { NULL }
  };

  self.command_line = command_line;
  self.config.connections = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_cli_watch_connection_free);
  self.targets = g_ptr_array_new_with_free_func ((GDestroyNotify) sock_cli_target_free);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sock_cli_add_wamp_options (context, &command_line->connect);
  g_option_context_add_group (context, sock_cli_connect_option_group (&command_line->connect));
  g_option_context_set_description (context,
    _("Keeps each connection open: reconnects with backoff, pings every --keepalive s and counts a\n"
      "server that does not answer within --pong-timeout s as down (sockscope_up 0). Metric names,\n"
      "the config file and example alert rules: see README.md. Ends on Ctrl+C (130) or SIGTERM (0)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_watch_connection_free (command_line);
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  command_line->checks = g_steal_pointer (&checks);
  if (!prepare (&self, argc, argv, &error))
    {
      g_clear_pointer (&self.command_line, sock_cli_watch_connection_free);
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  g_clear_pointer (&self.command_line, sock_cli_watch_connection_free);
  return run (&self);
}
