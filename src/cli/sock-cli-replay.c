/* sock-cli-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli replay FILE.jsonl --to URL`: publishes the EVENTs of a recording (the window's
 * export or `record`'s output, read by the same importer the window uses) with the spacing they
 * arrived with, scaled by --speed, or back to back with --speed 0. Prints what it sent.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-cli-run.h"
#include "sock-cli-writer.h"
#include "sock-connection.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-write.h"
#include "sock-wamp-message.h"

/* Publications sent in one main loop iteration at most, so the socket gets written meanwhile. */
#define BATCH 500

typedef struct
{
  SockCliRun             run;
  SockCliConnectOptions  connect;
  char                  *to;
  char                  *speed_text;
  char                 **topic_map;
  double                 speed;

  SockMessageLog        *recording;
  guint64                seq;
  gint64                 first_time_us;   /* the first EVENT's, in the recording */
  gint64                 started;         /* monotonic, when it was published */
  GHashTable            *per_topic;       /* topic → GUINT_TO_POINTER (count) */
  JsonParser            *parser;
  guint                  pump;
  guint64                sent;
  guint64                skipped;
  guint64                in_flight;
  guint64                failed;
  gboolean               all_sent;
} Replay;

static void
replay_clear (Replay *self)
{
  sock_cli_connect_options_clear (&self->connect);
  g_free (self->to);
  g_free (self->speed_text);
  g_strfreev (self->topic_map);
  g_clear_handle_id (&self->pump, g_source_remove);
  sock_cli_run_clear (&self->run);
  g_clear_object (&self->recording);
  g_clear_object (&self->parser);
  g_clear_pointer (&self->per_topic, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Replay, replay_clear)

/* OLD=NEW renames a topic; OLD ending in a dot renames that prefix. */
static char *
map_topic (Replay     *self,
           const char *topic)
{
  for (guint i = 0; self->topic_map != NULL && self->topic_map[i] != NULL; i++)
    {
      const char *rule = self->topic_map[i];
      const char *eq = strchr (rule, '=');
      gsize old_len = eq - rule;

      if (old_len > 0 && rule[old_len - 1] == '.' && strncmp (topic, rule, old_len) == 0)
        return g_strconcat (eq + 1, topic + old_len, NULL);
      if (strlen (topic) == old_len && strncmp (topic, rule, old_len) == 0)
        return g_strdup (eq + 1);
    }
  return g_strdup (topic);
}

/* The arguments of a recorded EVENT: v2 [36, sub, pub, details, args, kwargs]; v1 [8, topic, event]. */
static gboolean
event_payload (Replay        *self,
               const guint8  *raw,
               gsize          len,
               gboolean       v1,
               JsonArray    **args,
               JsonObject   **kwargs)
{
  JsonNode *root;
  JsonArray *frame;
  guint n;

  *args = NULL;
  *kwargs = NULL;
  if (!json_parser_load_from_data (self->parser, (const char *) raw, len, NULL) ||
      (root = json_parser_get_root (self->parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  frame = json_node_get_array (root);
  n = json_array_get_length (frame);
  if (v1)
    {
      if (n < 3)
        return FALSE;
      *args = json_array_new ();
      json_array_add_element (*args, json_node_copy (json_array_get_element (frame, 2)));
      return TRUE;
    }
  if (n > 4 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (frame, 4)))
    *args = json_array_ref (json_array_get_array_element (frame, 4));
  if (n > 5 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (frame, 5)))
    *kwargs = json_object_ref (json_array_get_object_element (frame, 5));
  return n >= 4;
}

static void
maybe_done (Replay *self)
{
  if (self->all_sent && self->in_flight == 0)
    sock_cli_run_finish (&self->run);
}

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Replay *self = user_data;
  g_autoptr(GError) error = NULL;

  self->in_flight--;
  if (!sock_session_publish_finish (SOCK_SESSION (object), result, NULL, &error) && !self->run.finishing)
    {
      if (self->failed++ == 0)
        sock_cli_printerr (_("a publication failed: %s"), error->message);
    }
  maybe_done (self);
}

/* The next recorded EVENT from self->seq on: FALSE at the end. */
static gboolean
next_event (Replay        *self,
            SockLogEntry  *entry,
            const guint8 **raw,
            gsize         *len)
{
  guint64 end = sock_message_log_get_end_seq (self->recording);

  for (; self->seq < end; self->seq++)
    {
      if (!sock_message_log_peek (self->recording, self->seq, entry, raw, len) ||
          entry->direction != SOCK_LOG_DIRECTION_IN)
        continue;
      if ((entry->kind == SOCK_LOG_KIND_WAMP2 && entry->type == SOCK_WAMP_EVENT) ||
          (entry->kind == SOCK_LOG_KIND_WAMP1 && entry->type == 8))
        return TRUE;
    }
  return FALSE;
}

static void
publish_one (Replay             *self,
             const SockLogEntry *entry,
             const guint8       *raw,
             gsize               len)
{
  SockPublishOptions options = { .acknowledge = FALSE };
  const char *topic = sock_message_log_get_uri (self->recording, entry->uri);
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;
  g_autofree char *mapped = NULL;

  if (topic == NULL || !event_payload (self, raw, len, entry->kind == SOCK_LOG_KIND_WAMP1, &args, &kwargs))
    {
      self->skipped++;
      return;
    }
  mapped = map_topic (self, topic);
  self->in_flight++;
  self->sent++;
  g_hash_table_insert (self->per_topic, g_strdup (mapped),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->per_topic, mapped)) + 1));
  sock_session_publish_async (sock_connection_get_session (self->run.connection), mapped, args, kwargs, &options,
                              NULL, publish_cb, self);
}

static gboolean pump_cb (gpointer user_data);

/* Publishes what is due, then waits for the next one's time. */
static gboolean
pump_cb (gpointer user_data)
{
  Replay *self = user_data;
  SockLogEntry entry;
  const guint8 *raw;
  gsize len;

  self->pump = 0;
  for (guint n = 0; n < BATCH && next_event (self, &entry, &raw, &len); n++)
    {
      gint64 due;

      if (self->started == 0)
        {
          self->started = g_get_monotonic_time ();
          self->first_time_us = entry.time_us;
        }
      due = self->speed > 0 ? self->started + (gint64) ((entry.time_us - self->first_time_us) / self->speed) : 0;
      if (due > g_get_monotonic_time ())
        {
          self->pump = g_timeout_add (MAX (1, (due - g_get_monotonic_time ()) / 1000), pump_cb, self);
          return G_SOURCE_REMOVE;
        }
      publish_one (self, &entry, raw, len);
      self->seq++;
    }
  if (self->seq < sock_message_log_get_end_seq (self->recording))
    self->pump = g_idle_add (pump_cb, self);
  else
    {
      self->all_sent = TRUE;
      maybe_done (self);
    }
  return G_SOURCE_REMOVE;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Replay *self = user_data;

  if (!sock_cli_run_open_finish (&self->run, result))
    return;
  if (sock_connection_get_kind (self->run.connection) == SOCK_SESSION_KIND_RAW)
    {
      sock_cli_printerr (_("the server speaks no WAMP here: nothing to publish to"));
      return sock_cli_run_stop (&self->run, SOCK_CLI_EXIT_FAILED);
    }
  self->pump = g_idle_add (pump_cb, self);
}

static gboolean
prepare (Replay      *self,
         const char  *file,
         GError     **error)
{
  g_autoptr(GFile) input = g_file_new_for_commandline_arg (file);
  g_autoptr(SockConnectOptions) options = NULL;
  char *end = NULL;

  if (self->to == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--to URL is required: where to publish"));
      return FALSE;
    }
  self->speed = self->speed_text != NULL ? g_ascii_strtod (self->speed_text, &end) : 1;
  if ((end != NULL && (*end != '\0' || end == self->speed_text)) || !(self->speed >= 0) || self->speed > 1e6)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--speed must be a number from 0 (as fast as possible) up: 1 is the recorded pace, 2 twice as fast"));
      return FALSE;
    }
  for (guint i = 0; self->topic_map != NULL && self->topic_map[i] != NULL; i++)
    if (strchr (self->topic_map[i], '=') == NULL || self->topic_map[i][0] == '=')
      {
        g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("--topic-map takes OLD=NEW (not “%s”)"),
                     self->topic_map[i]);
        return FALSE;
      }
  self->recording = sock_message_log_new ();
  sock_message_log_set_max_messages (self->recording, G_MAXUINT);
  sock_message_log_set_max_bytes (self->recording, G_GINT64_CONSTANT (8) << 30);
  if (!sock_message_log_import (self->recording, input, NULL, error))
    return FALSE;
  if (!(options = sock_cli_connect_options_build (&self->connect, self->to, error)))
    return FALSE;
  self->run.connection = sock_connection_new_for_options (options, error);
  return self->run.connection != NULL;
}

/* {"sent":N,"skipped":N,"failed":N,"seconds":S,"topics":{"topic":N,…}} on stdout, words on stderr. */
static void
report (Replay *self)
{
  g_autoptr(GString) line = g_string_new ("{\"sent\":");
  g_autoptr(GList) topics = g_list_sort (g_hash_table_get_keys (self->per_topic), (GCompareFunc) strcmp);
  double seconds = self->started > 0 ? (g_get_monotonic_time () - self->started) / 1e6 : 0;
  g_autofree char *sent = NULL;
  char seconds_text[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has one decimal point, whatever the locale's */
  g_ascii_formatd (seconds_text, sizeof seconds_text, "%.3f", seconds);
  g_string_append_printf (line, "%" G_GUINT64_FORMAT ",\"skipped\":%" G_GUINT64_FORMAT ",\"failed\":%"
                          G_GUINT64_FORMAT ",\"seconds\":%s,\"topics\":{", self->sent, self->skipped,
                          self->failed, seconds_text);
  for (GList *l = topics; l != NULL; l = l->next)
    {
      sock_json_write_string (line, l->data);
      g_string_append_printf (line, ":%u%s", GPOINTER_TO_UINT (g_hash_table_lookup (self->per_topic, l->data)),
                              l->next != NULL ? "," : "");
    }
  g_string_append (line, "}}");
  puts (line->str);
  fflush (stdout);
  sent = sock_format_number (self->sent);
  /* TRANSLATORS: %s is a count, e.g. "1,234", then a duration in seconds */
  g_printerr (ngettext ("sockscope-cli: sent %s event in %.2f s\n", "sockscope-cli: sent %s events in %.2f s\n",
                        self->sent), sent, seconds);
}

int
sock_cli_replay (int    argc,
                 char **argv)
{
  g_auto(Replay) self = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.jsonl --to URL — publish recorded events again"));
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &self.to, N_("Publish to this server"), N_("URL") },
    { "speed", 0, 0, G_OPTION_ARG_STRING, &self.speed_text,
      N_("Pace: 1 as recorded (default), 2 twice as fast, 0 as fast as possible"), N_("X") },
    { "topic-map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &self.topic_map,
      N_("Publish topic OLD as NEW (OLD ending in a dot: a prefix; repeatable)"), N_("OLD=NEW") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sock_cli_add_wamp_options (context, &self.connect);
  g_option_context_add_group (context, sock_cli_connect_option_group (&self.connect));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      sock_cli_printerr (_("usage: sockscope-cli replay FILE.jsonl --to URL"));
      return SOCK_CLI_EXIT_USAGE;
    }
  if (!prepare (&self, argv[1], &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  self.per_topic = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.parser = json_parser_new_immutable ();
  self.run.loop = g_main_loop_new (NULL, FALSE);
  sock_connection_open_async (self.run.connection, NULL, open_cb, &self);
  sock_cli_run_loop (&self.run);
  report (&self);
  return self.run.status == SOCK_CLI_EXIT_OK && self.failed > 0 ? SOCK_CLI_EXIT_FAILED : self.run.status;
}
