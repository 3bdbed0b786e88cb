/* sock-cli-wamp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli sub / pub / call`: one connection, one main loop on the main thread, JSON lines
 * on stdout, words on stderr.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sock-cli.h"
#include "sock-cli-event.h"
#include "sock-cli-writer.h"
#include "sock-connection.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-input.h"
#include "sock-json-write.h"
#include "sock-safe-text.h"
#include "sock-secrets.h"
#include "sock-wamp-uri.h"

#define CLOSE_GRACE_MS 3000

typedef enum { COMMAND_SUB, COMMAND_PUB, COMMAND_CALL } Command;

typedef struct
{
  Command                command;
  SockCliConnectOptions  connect;
  char                  *match;
  char                  *args_text;
  char                  *kwargs_text;
  int                    count;
  guint                  timeout_ms;    /* the whole run, from the start; 0: none */
  gint64                 started;       /* monotonic */
  gboolean               ack;
  gboolean               include_me;
  gboolean               progress;
  char                  *format_text;
  SockCliFormat          format;

  char                 **targets;       /* topics or the procedure */
  SockMatch              match_kind;

  SockConnection        *connection;
  GMainLoop             *loop;
  GSource               *timer;
  int                    status;
  guint                  pending;       /* subscriptions not yet acknowledged */
  gboolean               started_requests;
  guint                  events;
  gboolean               finishing;
  SockCliWriter         *out;           /* sub's events */
  SockCliTimeCache       time_cache;
} Run;

static void run_clear (Run *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_clear (Run *run)
{
  sock_cli_connect_options_clear (&run->connect);
  g_free (run->match);
  g_free (run->args_text);
  g_free (run->kwargs_text);
  g_free (run->format_text);
  g_clear_pointer (&run->out, sock_cli_writer_free);
  g_strfreev (run->targets);
  /* fails what is still pending (an open, a call), so that nothing keeps the connection alive */
  run->finishing = TRUE;
  if (run->connection != NULL)
    g_object_run_dispose (G_OBJECT (run->connection));
  if (run->timer != NULL)
    {
      g_source_destroy (run->timer);
      g_source_unref (run->timer);
    }
  g_clear_object (&run->connection);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}

/* Finishing */

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;

  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  g_main_loop_quit (run->loop);
}

static void
close_grace_cb (gpointer user_data)
{
  Run *run = user_data;

  /* a router that never answers GOODBYE */
  g_main_loop_quit (run->loop);
}

/* sub: how many events; every command: the pings' round trip, when any was timed. */
static void
print_summary (Run *run)
{
  SockRtt rtt;

  /* every event received is written before the run ends */
  if (run->out != NULL)
    sock_cli_writer_flush (run->out);
  if (run->command == COMMAND_SUB && run->out != NULL && sock_cli_writer_has_failed (run->out))
    return;
  if (run->command == COMMAND_SUB)
    {
      g_autofree char *events = sock_format_number (run->events);

      /* TRANSLATORS: %s is a count, e.g. "1,234" */
      g_printerr (ngettext ("sockscope-cli: received %s event\n", "sockscope-cli: received %s events\n",
                            run->events), events);
    }
  if (run->command == COMMAND_SUB && sock_connection_get_rtt (run->connection, &rtt))
    {
      g_autofree char *last = sock_format_decimal (rtt.last_us / 1000.0, 2);
      g_autofree char *min = sock_format_decimal (rtt.min_us / 1000.0, 2);
      g_autofree char *mean = sock_format_decimal (rtt.mean_us / 1000.0, 2);
      g_autofree char *p95 = sock_format_decimal (rtt.p95_us / 1000.0, 2);

      /* TRANSLATORS: the %s are milliseconds with two decimals, e.g. "1,250.25" */
      g_printerr (ngettext ("sockscope-cli: ping round trip %s ms (min %s, mean %s, p95 %s over %u pong)\n",
                            "sockscope-cli: ping round trip %s ms (min %s, mean %s, p95 %s over %u pongs)\n",
                            MIN (rtt.n_samples, SOCK_RTT_WINDOW)),
                  last, min, mean, p95, MIN (rtt.n_samples, SOCK_RTT_WINDOW));
    }
}

static void
finish (Run *run,
        int  status)
{
  if (run->finishing)
    return;
  run->finishing = TRUE;
  run->status = status;
  print_summary (run);
  g_timeout_add_once (CLOSE_GRACE_MS, close_grace_cb, run);
  sock_connection_close_async (run->connection, NULL, close_cb, run);
}

/* Ends the run now, without the polite GOODBYE: a server that stopped answering would not
 * answer it either. */
static void
stop_now (Run *run,
          int  status)
{
  if (run->finishing && status == SOCK_CLI_EXIT_OK)
    return;
  if (!run->finishing)
    print_summary (run);
  run->finishing = TRUE;
  run->status = status;
  g_main_loop_quit (run->loop);
}

static gboolean
on_terminate (gpointer user_data)
{
  finish (user_data, SOCK_CLI_EXIT_OK);
  return G_SOURCE_CONTINUE;
}

/* Ctrl+C: whatever is pending (a call, a join, a key derivation), the run ends at once. */
static gboolean
on_interrupt (gpointer user_data)
{
  stop_now (user_data, SOCK_CLI_EXIT_INTERRUPTED);
  return G_SOURCE_CONTINUE;
}

static void
print_diagnosis (SockDiagnosis *diagnosis)
{
  const char * const *hints = sock_diagnosis_get_hints (diagnosis);
  g_autofree char *title = sock_safe_text (sock_diagnosis_get_title (diagnosis), -1, 0, 0);
  g_autofree char *explanation = sock_safe_text (sock_diagnosis_get_explanation (diagnosis), -1, 0, 0);

  g_printerr ("✗ %s  [%s]\n  %s\n", title, sock_diagnosis_get_id (diagnosis), explanation);
  for (guint i = 0; hints != NULL && hints[i] != NULL; i++)
    {
      g_autofree char *hint = sock_safe_text (hints[i], -1, 0, 0);

      g_printerr ("  • %s\n", hint);
    }
}

static void
print_failure (Run          *run,
               const GError *error)
{
  SockDiagnosis *diagnosis = sock_connection_get_diagnosis (run->connection);
  const char *uri = sock_session_error_get_uri (error);

  if (diagnosis != NULL && sock_diagnosis_get_severity (diagnosis) == SOCK_SEVERITY_ERROR)
    print_diagnosis (diagnosis);
  else if (uri != NULL && g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED))
    {
      g_autofree char *safe_uri = sock_safe_text (uri, -1, SOCK_SAFE_TEXT_MAX_CHARS, 0);
      g_autofree char *said = sock_safe_text (sock_wamp_uri_explain (uri) ? sock_wamp_uri_explain (uri)
                                              : error->message, -1, SOCK_SAFE_TEXT_MAX_CHARS, 0);

      g_printerr (_("sockscope-cli: the router aborted the session: %s\n  %s\n"), safe_uri, said);
      /* a refused authentication: the router's words and ours (e.g. which public key was refused) */
      if (g_str_has_prefix (uri, "wamp.error.not_authorized") || g_str_has_prefix (uri, "wamp.error.authentication_") ||
          g_str_has_prefix (uri, "wamp.error.authorization_failed"))
        {
          g_autofree char *words = sock_safe_text (error->message, -1, SOCK_SAFE_TEXT_MAX_CHARS, 0);

          g_printerr ("  %s\n", words);
        }
    }
  else
    sock_cli_printerr ("%s", error->message);
}

/* Output */

static void
on_event (SockConnection  *connection,
          const SockEvent *event,
          Run             *run)
{
  if (run->finishing)
    return;
  sock_cli_event_append (sock_cli_writer_begin (run->out), &run->time_cache, run->format, event);
  sock_cli_writer_commit (run->out);

  run->events++;
  if (run->count > 0 && run->events >= (guint)run->count)
    finish (run, SOCK_CLI_EXIT_OK);
}

/* The reader went away (`sub … | head`): end as quietly as a program killed by SIGPIPE would,
 * with its status 128 + 13 (GIO ignores SIGPIPE, so the write fails with EPIPE instead). */
static void
on_output_failed (SockCliWriter *writer,
                  gboolean       broken_pipe,
                  const GError  *error,
                  gpointer       user_data)
{
  Run *run = user_data;

  if (!broken_pipe)
    sock_cli_printerr (_("cannot write the events: %s"), error->message);
  stop_now (run, broken_pipe ? SOCK_CLI_EXIT_BROKEN_PIPE : SOCK_CLI_EXIT_FAILED);
}

static void
on_protocol_error (SockConnection *connection,
                   const GError   *error,
                   Run            *run)
{
  sock_cli_printerr (_("protocol error: %s"), error->message);
}

static void
on_state (SockConnection *connection,
          GParamSpec     *pspec,
          Run            *run)
{
  if (sock_connection_get_state (connection) == SOCK_CONNECTION_NOT_RESPONDING && !run->finishing)
    {
      /* the words are set before the state changes */
      sock_cli_printerr ("%s", sock_connection_get_close_reason (connection));
      return stop_now (run, SOCK_CLI_EXIT_FAILED);
    }
  if (sock_connection_get_state (connection) != SOCK_CONNECTION_CLOSED || run->finishing)
    return;
  /* closed under us */
  sock_cli_printerr ("%s", sock_connection_get_close_reason (connection)
                             ? sock_connection_get_close_reason (connection) : _("the connection closed"));
  run->finishing = TRUE;
  run->status = SOCK_CLI_EXIT_FAILED;
  g_main_loop_quit (run->loop);
}

/* The whole run's timeout */

/* The topics sub subscribes to: those given and those of the saved connection. */
static char *
subscribed_topics (Run *run)
{
  SockConnectOptions *options = sock_connection_get_options (run->connection);
  g_autoptr(GStrvBuilder) topics = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < sock_connect_options_get_n_subscriptions (options); i++)
    g_strv_builder_add (topics, sock_connect_options_get_subscription (options, i, NULL));
  list = g_strv_builder_end (topics);
  return g_strjoinv (", ", list);
}

/* What the run still waits for, in words. */
static char *
waiting_for (Run *run)
{
  SockSession *session = sock_connection_get_session (run->connection);
  SockHandshake *handshake = sock_connection_get_handshake (run->connection);

  if (session == NULL)
    return g_strdup_printf (_("open WebSocket (still %s)"),
                            handshake ? sock_phase_to_string (sock_handshake_get_phase (handshake)) : "connecting");
  if (sock_session_get_state (session) == SOCK_SESSION_JOINING)
    return g_strdup (_("WELCOME from the router"));
  if (!run->started_requests)
    return g_strdup (_("session"));
  switch (run->command)
    {
    case COMMAND_SUB:
      {
        g_autofree char *topics = subscribed_topics (run);
        return g_strdup_printf (_("SUBSCRIBED for %s"), topics);
      }
    case COMMAND_PUB:
      return g_strdup_printf (_("PUBLISHED for %s"), run->targets[0]);
    case COMMAND_CALL:
    default:
      return g_strdup_printf (_("RESULT for %s"), run->targets[0]);
    }
}

static gboolean
run_timeout_cb (gpointer user_data)
{
  Run *run = user_data;
  g_autofree char *what = NULL;
  g_autofree char *within = NULL;

  g_clear_pointer (&run->timer, g_source_unref);
  if (run->finishing)
    {
      /* the answer came; only the polite close was still under way */
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  /* sub: listening for that long was the point */
  if (run->command == COMMAND_SUB && run->started_requests && run->pending == 0)
    {
      finish (run, SOCK_CLI_EXIT_OK);
      return G_SOURCE_REMOVE;
    }
  what = waiting_for (run);
  within = g_strdup_printf ("%g s", run->timeout_ms / 1000.0);
  if (run->command == COMMAND_PUB && run->started_requests)
    /* wamp-server, for one, acknowledges only publications that reach a subscriber */
    sock_cli_printerr (_("no %s within %s (--timeout): the router may not acknowledge publications to topics "
                         "nobody subscribes to; the event may still have been delivered"), what, within);
  else
    sock_cli_printerr (_("no %s within %s (--timeout)"), what, within);
  stop_now (run, SOCK_CLI_EXIT_FAILED);
  return G_SOURCE_REMOVE;
}

static void
print_request_failure (Run          *run,
                       const GError *error)
{
  if (run->finishing)
    return;
  print_failure (run, error);
  if (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT) ||
      g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_CONNECTION_LOST))
    stop_now (run, SOCK_CLI_EXIT_FAILED);
  else
    finish (run, SOCK_CLI_EXIT_FAILED);
}

/* sub */

static void
subscribe_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_session_subscribe_finish (SOCK_SESSION (object), result, NULL, &error))
    return print_request_failure (run, error);
  run->pending--;
}

static void
start_sub (Run *run)
{
  SockSession *session = sock_connection_get_session (run->connection);
  SockConnectOptions *options = sock_connection_get_options (run->connection);

  run->out = sock_cli_writer_new (STDOUT_FILENO, SOCK_CLI_WRITER_DEFAULT_FLUSH_MS);
  sock_cli_writer_set_failed_func (run->out, on_output_failed, run);
  g_signal_connect (run->connection, "event", G_CALLBACK (on_event), run);
  run->pending = sock_connect_options_get_n_subscriptions (options);
  run->started_requests = TRUE;
  for (guint i = 0; i < run->pending; i++)
    {
      SockMatch match;
      const char *topic = sock_connect_options_get_subscription (options, i, &match);

      sock_session_subscribe_async (session, topic, match, NULL, subscribe_cb, run);
    }
}

/* pub */

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  gint64 publication = 0;

  if (!sock_session_publish_finish (SOCK_SESSION (object), result, &publication, &error))
    {
      if (run->finishing)
        return;
      if (sock_session_error_get_uri (error) != NULL)
        {
          g_autoptr(GString) line = g_string_new ("{\"error\":");

          sock_json_write_string (line, sock_session_error_get_uri (error));
          g_string_append_c (line, '}');
          puts (line->str);
        }
      return print_request_failure (run, error);
    }
  if (run->ack && publication != 0)
    printf ("{\"publication\":%" G_GINT64_FORMAT "}\n", publication);
  fflush (stdout);
  finish (run, SOCK_CLI_EXIT_OK);
}

static void
start_pub (Run *run)
{
  SockPublishOptions options = { .acknowledge = run->ack, .include_me = run->include_me };

  /* without --timeout, the profile's acknowledgement deadline (10 s) bounds the wait */
  run->started_requests = TRUE;
  /* --args and --kwargs as typed: numbers and binary strings go exactly */
  sock_session_publish_json_async (sock_connection_get_session (run->connection), run->targets[0],
                                   run->args_text, run->kwargs_text, &options, NULL, publish_cb, run);
}

/* call */

static void
print_payload (const char *prefix,
               const char *args,
               const char *kwargs)
{
  g_autoptr(GString) line = g_string_new ("{");

  g_string_append_printf (line, "%s\"args\":", prefix);
  sock_safe_json_append (line, args ? args : "[]", strlen (args ? args : "[]"));
  g_string_append (line, ",\"kwargs\":");
  sock_safe_json_append (line, kwargs ? kwargs : "{}", strlen (kwargs ? kwargs : "{}"));
  g_string_append_c (line, '}');
  puts (line->str);
  fflush (stdout);
}

static void
on_progress (SockSession   *session,
             SockJsonRange  args,
             SockJsonRange  kwargs,
             gpointer       user_data)
{
  g_autofree char *a = args.data ? g_strndup (args.data, args.len) : NULL;
  g_autofree char *k = kwargs.data ? g_strndup (kwargs.data, kwargs.len) : NULL;

  print_payload ("\"progress\":true,", a, k);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  SockCallResult *call_result = sock_session_call_finish (SOCK_SESSION (object), result, &error);
  const char *uri;

  if (call_result == NULL)
    {
      if (run->finishing)
        return;
      if ((uri = sock_session_error_get_uri (error)) != NULL)
        {
          g_autoptr(GString) prefix = g_string_new ("\"error\":");

          sock_json_write_string (prefix, uri);
          g_string_append_c (prefix, ',');
          print_payload (prefix->str, sock_session_error_get_args (error), sock_session_error_get_kwargs (error));
        }
      return print_request_failure (run, error);
    }
  print_payload ("", call_result->args, call_result->kwargs);
  sock_call_result_free (call_result);
  finish (run, SOCK_CLI_EXIT_OK);
}

static void
start_call (Run *run)
{
  SockCallOptions options = { .receive_progress = run->progress };

  if (run->timeout_ms > 0)
    {
      /* the router may cancel the call itself when the run's time is up; the run's own timer
       * (or, without --timeout, the profile's call timeout) bounds the wait either way */
      gint64 left = run->timeout_ms - (g_get_monotonic_time () - run->started) / 1000;

      options.timeout_ms = (guint)CLAMP (left, 1, G_MAXUINT);
      options.deadline_ms = G_MAXUINT;
    }
  run->started_requests = TRUE;
  sock_session_call_json_async (sock_connection_get_session (run->connection), run->targets[0], run->args_text,
                                run->kwargs_text, &options, run->progress ? on_progress : NULL, NULL, NULL,
                                call_cb, run);
}

/* Common */

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_connection_open_finish (SOCK_CONNECTION (object), result, &error))
    {
      if (run->finishing)
        return;
      print_failure (run, error);
      run->status = SOCK_CLI_EXIT_FAILED;
      g_main_loop_quit (run->loop);
      return;
    }

  g_signal_connect (run->connection, "notify::state", G_CALLBACK (on_state), run);
  if (sock_connection_get_kind (run->connection) == SOCK_SESSION_KIND_RAW)
    {
      sock_cli_printerr (_("the server speaks no WAMP here (%s)"),
                         sock_session_get_reason (sock_connection_get_session (run->connection)));
      return finish (run, SOCK_CLI_EXIT_FAILED);
    }
  if (run->command == COMMAND_SUB)
    start_sub (run);
  else if (run->command == COMMAND_PUB)
    start_pub (run);
  else
    start_call (run);
}

/* Every URI is checked before anything is sent: a bad one is a usage error, not a router's. */
static gboolean
check_uris (Run     *run,
            GError **error)
{
  SockWampUriRole role = run->command == COMMAND_CALL ? SOCK_WAMP_URI_PROCEDURE : SOCK_WAMP_URI_TOPIC;

  for (guint i = 0; run->targets[i] != NULL; i++)
    if (!sock_wamp_uri_check (run->targets[i], role, run->match_kind, error))
      return FALSE;
  return run->connect.realm == NULL || sock_wamp_uri_check (run->connect.realm, SOCK_WAMP_URI_REALM, SOCK_MATCH_EXACT, error);
}

/* --timeout is in seconds for every command. `call --timeout` used to count milliseconds: a
 * whole number of 1000 or more there is still read so, with a note. */
static gboolean
parse_timeout (Run     *run,
               GError **error)
{
  g_autofree char *text = g_strdup (run->connect.timeout);
  guint64 number;

  if (text == NULL)
    return TRUE;
  if (run->command == COMMAND_CALL && g_ascii_string_to_unsigned (text, 10, 1000, G_MAXUINT, &number, NULL))
    {
      sock_cli_printerr (_("--timeout %s read as %s ms, as call did before; --timeout counts seconds now "
                           "(write %g)"), text, text, number / 1000.0);
      g_free (run->connect.timeout);
      run->connect.timeout = g_strdup_printf ("%sms", text);
    }
  if (!sock_cli_parse_seconds ("--timeout", run->connect.timeout, &run->timeout_ms, error))
    {
      /* in the words the user wrote */
      g_clear_error (error);
      return sock_cli_parse_seconds ("--timeout", text, &run->timeout_ms, error);
    }
  return TRUE;
}

static gboolean
prepare (Run     *run,
         GError **error)
{
  /* checked before connecting; what the agreed serializer cannot carry is refused when sending */
  if (run->args_text != NULL && !sock_json_input_check (run->args_text, -1, SOCK_JSON_INPUT_ARRAY,
                                                        SOCK_WAMP_SERIALIZER_JSON, "--args", error))
    return FALSE;
  if (run->kwargs_text != NULL && !sock_json_input_check (run->kwargs_text, -1, SOCK_JSON_INPUT_OBJECT,
                                                          SOCK_WAMP_SERIALIZER_JSON, "--kwargs", error))
    return FALSE;
  if (run->match != NULL && !sock_match_from_string (run->match, &run->match_kind))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--match must be exact, prefix or wildcard"));
      return FALSE;
    }
  if (run->format_text != NULL && !sock_cli_format_from_string (run->format_text, &run->format))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--format must be jsonl or text"));
      return FALSE;
    }
  if (run->count < 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--count cannot be negative"));
      return FALSE;
    }
  if (!check_uris (run, error))
    return FALSE;
  return parse_timeout (run, error);
}

static SockConnection *
make_connection (Run         *run,
                 const char  *url,
                 GError     **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  SockConnection *connection;

  if (!(options = sock_cli_connect_options_build (&run->connect, url, error)))
    return NULL;
  if (sock_connect_options_get_protocol (options) == SOCK_PROTOCOL_CHOICE_RAW)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--protocol raw: %s needs WAMP (use probe to look at a raw server)"),
                   run->command == COMMAND_SUB ? "sub" : run->command == COMMAND_PUB ? "pub" : "call");
      return NULL;
    }
  /* a cryptosign signature answers one random challenge: nothing to read on the way */
  if (sock_connect_options_get_auth_method (options) != SOCK_AUTH_ANONYMOUS &&
      sock_connect_options_get_auth_method (options) != SOCK_AUTH_CRYPTOSIGN && !sock_url_is_secure (url) &&
      !sock_secret_url_is_loopback (url))
    sock_cli_printerr (_("warning: %s goes over plain ws:// to a host that is not this machine: anyone on the "
                         "way can read it; use wss://"),
                       sock_connect_options_get_auth_method (options) == SOCK_AUTH_TICKET
                       ? _("the ticket") : _("the WAMP-CRA answer"));

  /* sub's topics are the subscriptions to make on join */
  for (guint i = 0; run->command == COMMAND_SUB && run->targets[i] != NULL; i++)
    sock_connect_options_add_subscription (options, run->targets[i], run->match_kind);
  if (!(connection = sock_connection_new_for_options (options, error)))
    return NULL;
  /* the commands print as they go and never read the log back: keep nothing */
  sock_message_log_set_retain (sock_connection_get_log (connection), FALSE);
  return connection;
}

static int
run_command (Run         *run,
             int          argc,
             char       **argv,
             GOptionEntry *entries,
             const char  *summary,
             guint        min_targets,
             guint        max_targets)
{
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;
  guint interrupt, terminate;
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sock_cli_add_wamp_options (context, &run->connect);
  g_option_context_add_group (context, sock_cli_connect_option_group (&run->connect));
  g_option_context_set_description (context,
    _("--protocol auto (default) offers wamp.2.json, wamp.2.msgpack, wamp.2.cbor and wamp and detects\n"
      "the protocol when none is agreed; wamp.2.json, wamp.2.msgpack, wamp.2.cbor or wamp offers only\n"
      "that one (MessagePack and CBOR messages are printed as JSON).\n"
      "--timeout SECONDS (fractions allowed) bounds the whole run from its start: sub listens that long\n"
      "(exit 0 once subscribed), pub and call wait that long for their answer (exit 1 and what did not\n"
      "come back). Without it, the join waits 10 s, acknowledgements 10 s, a call's result 60 s.\n"
      "Liveness: a ping every --keepalive s (default 25); no answer within --pong-timeout s (default\n"
      "10) and the server is not responding: the run ends with exit 1.\n"
      "sub writes its lines in large blocks, and within 50 ms of an event when they are sparse.\n"
      "Exit status: 0 done, 1 connection failure, WAMP error or timeout, 2 bad usage (nothing sent),\n"
      "130 interrupted (Ctrl+C), 141 the reader of the output went away (as `| head` does)."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  n = argc > 2 ? (guint)argc - 2 : 0;
  /* sub --connection NAME: the saved subscriptions are enough */
  if (run->command == COMMAND_SUB && argc >= 2 && sock_cli_saved_get_base (argv[1]) != NULL &&
      sock_connect_options_get_n_subscriptions (sock_cli_saved_get_base (argv[1])) > 0)
    min_targets = 0;
  if (argc < 2 || n < min_targets || n > max_targets)
    {
      sock_cli_printerr (_("usage: sockscope-cli %s"), summary);
      return SOCK_CLI_EXIT_USAGE;
    }
  run->targets = g_strdupv (argv + 2);
  if (!prepare (run, &error) || !(run->connection = make_connection (run, argv[1], &error)))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }

  g_signal_connect (run->connection, "protocol-error", G_CALLBACK (on_protocol_error), run);
  run->loop = g_main_loop_new (NULL, FALSE);
  interrupt = g_unix_signal_add (SIGINT, on_interrupt, run);
  terminate = g_unix_signal_add (SIGTERM, on_terminate, run);
  run->started = g_get_monotonic_time ();
  if (run->timeout_ms > 0)
    {
      run->timer = g_timeout_source_new (run->timeout_ms);
      g_source_set_callback (run->timer, run_timeout_cb, run, NULL);
      g_source_attach (run->timer, NULL);
    }
  sock_connection_open_async (run->connection, NULL, open_cb, run);
  g_main_loop_run (run->loop);
  /* a connection closed under us ends the run without a summary: its events are still due */
  if (run->out != NULL && !sock_cli_writer_flush (run->out) && run->status == SOCK_CLI_EXIT_OK)
    run->status = SOCK_CLI_EXIT_BROKEN_PIPE;
  g_source_remove (interrupt);
  g_source_remove (terminate);

  return run->status;
}

int
sock_cli_sub (int    argc,
              char **argv)
{
  g_auto(Run) run = { .command = COMMAND_SUB };
  GOptionEntry entries[] = {
    { "match", 'm', 0, G_OPTION_ARG_STRING, &run.match, N_("exact (default), prefix or wildcard"), N_("MATCH") },
    { "count", 'n', 0, G_OPTION_ARG_INT, &run.count, N_("Exit after this many events"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &run.format_text,
      N_("jsonl (default): one JSON object a line; text: one readable line per event"), N_("FORMAT") },
    { NULL }
  };

  return run_command (&run, argc, argv, entries, _("URL TOPIC… — print one JSON line per event"), 1, 64);
}

int
sock_cli_pub (int    argc,
              char **argv)
{
  g_auto(Run) run = { .command = COMMAND_PUB };
  GOptionEntry entries[] = {
    { "args", 'a', 0, G_OPTION_ARG_STRING, &run.args_text, N_("Arguments, a JSON array"), N_("JSON") },
    { "kwargs", 'k', 0, G_OPTION_ARG_STRING, &run.kwargs_text, N_("Keyword arguments, a JSON object"), N_("JSON") },
    { "ack", 0, 0, G_OPTION_ARG_NONE, &run.ack, N_("Ask for an acknowledgement and print the publication id"), NULL },
    { "include-me", 0, 0, G_OPTION_ARG_NONE, &run.include_me, N_("Deliver the event to this session too"), NULL },
    { NULL }
  };

  return run_command (&run, argc, argv, entries, _("URL TOPIC — publish one event"), 1, 1);
}

int
sock_cli_call (int    argc,
               char **argv)
{
  g_auto(Run) run = { .command = COMMAND_CALL };
  GOptionEntry entries[] = {
    { "args", 'a', 0, G_OPTION_ARG_STRING, &run.args_text, N_("Arguments, a JSON array"), N_("JSON") },
    { "kwargs", 'k', 0, G_OPTION_ARG_STRING, &run.kwargs_text, N_("Keyword arguments, a JSON object"), N_("JSON") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &run.progress, N_("Ask for progressive results and print them"), NULL },
    { NULL }
  };

  return run_command (&run, argc, argv, entries, _("URL PROCEDURE — call a procedure and print the result"), 1, 1);
}
