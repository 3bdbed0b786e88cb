/* sock-cli-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli record URL TOPIC… -o FILE.jsonl`: every frame of the connection, in and out, in
 * the JSON Lines of the window's export (sock_message_log_format_line(), the one spelling of a
 * record; secrets are masked by the log itself), so the window opens a recording and `replay`
 * sends it again. With --rotate-size the output goes on in FILE.1.jsonl, FILE.2.jsonl, … each a
 * whole recording of its own, cut between lines.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sock-cli.h"
#include "sock-cli-run.h"
#include "sock-cli-writer.h"
#include "sock-connection.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-wamp-uri.h"

#define DRAIN_MS 50

typedef struct
{
  SockCliRun             run;
  SockCliConnectOptions  connect;
  char                  *output;
  gint64                 rotate_size;
  char                  *match;
  int                    count;
  guint                  timeout_ms;

  SockMessageLog        *log;
  SockCliWriter         *out;
  int                    fd;
  guint                  file_index;
  guint64                file_bytes;
  guint64                next_seq;
  guint64                lines;
  guint64                lost;
  guint64                events;
  guint                  drain;
  guint                  timer;
} Record;

static void
record_clear (Record *self)
{
  sock_cli_connect_options_clear (&self->connect);
  g_free (self->output);
  g_free (self->match);
  g_clear_handle_id (&self->drain, g_source_remove);
  g_clear_handle_id (&self->timer, g_source_remove);
  sock_cli_run_clear (&self->run);
  g_clear_pointer (&self->out, sock_cli_writer_free);
  if (self->fd >= 0)
    close (self->fd);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

/* FILE.jsonl, then FILE.1.jsonl, FILE.2.jsonl … */
static char *
file_name (Record *self)
{
  const char *dot = strrchr (self->output, '.');
  const char *slash = strrchr (self->output, '/');

  if (self->file_index == 0)
    return g_strdup (self->output);
  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strdup_printf ("%s.%u", self->output, self->file_index);
  return g_strdup_printf ("%.*s.%u%s", (int) (dot - self->output), self->output, self->file_index, dot);
}

static void on_output_failed (SockCliWriter *writer, gboolean broken_pipe, const GError *error, gpointer user_data);

static gboolean
open_file (Record  *self,
           GError **error)
{
  g_autofree char *name = file_name (self);

  if (self->out != NULL)
    sock_cli_writer_flush (self->out);
  g_clear_pointer (&self->out, sock_cli_writer_free);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = g_open (name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot write “%s”: %s"), name,
                   g_strerror (saved));
      return FALSE;
    }
  self->file_bytes = 0;
  self->out = sock_cli_writer_new (self->fd, DRAIN_MS);
  sock_cli_writer_set_failed_func (self->out, on_output_failed, self);
  return TRUE;
}

static void
on_output_failed (SockCliWriter *writer,
                  gboolean       broken_pipe,
                  const GError  *error,
                  gpointer       user_data)
{
  Record *self = user_data;

  sock_cli_printerr (_("cannot write the recording: %s"), error->message);
  sock_cli_run_stop (&self->run, SOCK_CLI_EXIT_FAILED);
}

/* What the log holds now goes to the file, and the log forgets it: the memory of a long recording
 * does not grow. */
static void
drain_log (Record *self)
{
  guint64 end = sock_message_log_get_end_seq (self->log);
  g_autoptr(GError) error = NULL;

  for (guint64 seq = self->next_seq; seq < end && !sock_cli_writer_has_failed (self->out); seq++)
    {
      g_autofree char *line = sock_message_log_format_line (self->log, seq);
      GString *buffer;
      gsize len;

      if (line == NULL)
        {
          self->lost++;
          continue;
        }
      len = strlen (line) + 1;
      buffer = sock_cli_writer_begin (self->out);
      if (self->rotate_size > 0 && self->file_bytes > 0 && self->file_bytes + len > (guint64) self->rotate_size)
        {
          self->file_index++;
          if (!open_file (self, &error))
            {
              sock_cli_printerr ("%s", error->message);
              return sock_cli_run_stop (&self->run, SOCK_CLI_EXIT_FAILED);
            }
          buffer = sock_cli_writer_begin (self->out);
        }
      g_string_append_len (buffer, line, len - 1);
      g_string_append_c (buffer, '\n');
      self->file_bytes += len;
      self->lines++;
      sock_cli_writer_commit (self->out);
    }
  self->next_seq = end;
  sock_message_log_clear (self->log);
}

static gboolean
drain_cb (gpointer user_data)
{
  drain_log (user_data);
  return G_SOURCE_CONTINUE;
}

/* A polite GOODBYE, recorded too. */
static gboolean
on_terminate (gpointer user_data)
{
  sock_cli_run_finish (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  Record *self = user_data;

  self->timer = 0;
  sock_cli_run_finish (&self->run);
  return G_SOURCE_REMOVE;
}

static void
on_event (SockConnection  *connection,
          const SockEvent *event,
          Record          *self)
{
  if (++self->events == (guint64) self->count)
    sock_cli_run_finish (&self->run);
}

static void
on_state (SockConnection *connection,
          GParamSpec     *pspec,
          Record         *self)
{
  const char *reason = sock_connection_get_close_reason (connection);

  if (sock_connection_get_state (connection) != SOCK_CONNECTION_CLOSED || self->run.finishing)
    return;
  sock_cli_printerr ("%s", reason != NULL ? reason : _("the connection closed"));
  sock_cli_run_stop (&self->run, SOCK_CLI_EXIT_FAILED);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Record *self = user_data;

  if (sock_cli_run_open_finish (&self->run, result))
    g_signal_connect (self->run.connection, "notify::state", G_CALLBACK (on_state), self);
}

static gboolean
prepare (Record   *self,
         char    **topics,
         const char *url,
         GError  **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  SockMatch match = SOCK_MATCH_EXACT;

  if (self->match != NULL && !sock_match_from_string (self->match, &match))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--match must be exact, prefix or wildcard"));
      return FALSE;
    }
  if (self->output == NULL || self->rotate_size < 0 || self->count < 0)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   self->output == NULL ? _("--output FILE is required")
                   : _("--rotate-size and --count cannot be negative"));
      return FALSE;
    }
  if (self->connect.timeout != NULL &&
      !sock_cli_parse_seconds ("--timeout", self->connect.timeout, &self->timeout_ms, error))
    return FALSE;
  for (guint i = 0; topics[i] != NULL; i++)
    if (!sock_wamp_uri_check (topics[i], SOCK_WAMP_URI_TOPIC, match, error))
      return FALSE;
  if (!(options = sock_cli_connect_options_build (&self->connect, url, error)) ||
      !(self->run.connection = sock_connection_new_for_options (options, error)))
    return FALSE;
  self->log = sock_connection_get_log (self->run.connection);
  for (guint i = 0; topics[i] != NULL; i++)
    sock_connection_subscribe (self->run.connection, topics[i], match);
  return open_file (self, error);
}

static int
run (Record *self,
     const char *url,
     char   **topics)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *events = NULL;
  guint terminate;

  if (!prepare (self, topics, url, &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  self->run.loop = g_main_loop_new (NULL, FALSE);
  terminate = g_unix_signal_add (SIGTERM, on_terminate, &self->run);
  g_signal_connect (self->run.connection, "event", G_CALLBACK (on_event), self);
  self->drain = g_timeout_add (DRAIN_MS, drain_cb, self);
  if (self->timeout_ms > 0)
    self->timer = g_timeout_add (self->timeout_ms, timeout_cb, self);
  sock_connection_open_async (self->run.connection, NULL, open_cb, self);
  sock_cli_run_loop (&self->run);
  g_source_remove (terminate);

  /* every frame received is in the file before the run ends */
  drain_log (self);
  if (!sock_cli_writer_flush (self->out) && self->run.status == SOCK_CLI_EXIT_OK)
    self->run.status = SOCK_CLI_EXIT_FAILED;
  lines = sock_format_number (self->lines);
  events = sock_format_number (self->events);
  /* TRANSLATORS: %s is a count, e.g. "1,234" */
  g_printerr (ngettext ("sockscope-cli: recorded %s message", "sockscope-cli: recorded %s messages", self->lines),
              lines);
  /* TRANSLATORS: %s is a count, e.g. "1,234" */
  g_printerr (ngettext (" (%s event)", " (%s events)", self->events), events);
  g_printerr (ngettext (" in %u file\n", " in %u files\n", self->file_index + 1), self->file_index + 1);
  if (self->lost > 0)
    {
      g_autofree char *lost = sock_format_number (self->lost);

      /* TRANSLATORS: %s is a count, e.g. "1,234" */
      sock_cli_printerr (g_dngettext (GETTEXT_PACKAGE, "%s message was dropped from the log before it was written",
                                      "%s messages were dropped from the log before they were written", self->lost),
                         lost);
    }
  return self->run.status;
}

int
sock_cli_record (int    argc,
                 char **argv)
{
  g_auto(Record) self = { .fd = -1 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL TOPIC… -o FILE.jsonl — record every message"));
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self.output, N_("Write the recording to this file"), N_("FILE") },
    { "rotate-size", 0, 0, G_OPTION_ARG_INT64, &self.rotate_size,
      N_("Go on in FILE.1.jsonl, FILE.2.jsonl … once a file would grow past this many bytes"), N_("BYTES") },
    { "match", 'm', 0, G_OPTION_ARG_STRING, &self.match, N_("exact (default), prefix or wildcard"), N_("MATCH") },
    { "count", 'n', 0, G_OPTION_ARG_INT, &self.count, N_("Stop after this many events"), N_("N") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sock_cli_add_wamp_options (context, &self.connect);
  g_option_context_add_group (context, sock_cli_connect_option_group (&self.connect));
  g_option_context_set_description (context,
    _("Every message in and out is written as the window exports it (JSON Lines; secrets masked), and the\n"
      "window opens the file. Ends on Ctrl+C (130), SIGTERM, --count or --timeout (0), or when the\n"
      "connection closes (1)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  if (argc < 3)
    {
      sock_cli_printerr (_("usage: sockscope-cli record URL TOPIC… -o FILE.jsonl"));
      return SOCK_CLI_EXIT_USAGE;
    }
  return run (&self, argv[1], argv + 2);
}
