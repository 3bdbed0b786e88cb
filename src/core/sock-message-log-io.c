/* sock-message-log-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON Lines export and import of a SockMessageLog. One message a line:
 *   {"time": "2026-01-02T03:04:05.678Z", "t_us": 1767323045678000, "dir": "in"|"out"|"local",
 *    "kind": "wamp1"|"wamp2"|"text"|"binary"|"marker"|"error", "type": 8, "uri": "com.x"|null,
 *    "req": 0, "id2": 0, "size": 107, "binary": false, "payload": "..."}
 * plus "truncated": true / "protocol_error": true when set, and for a WAMP message kept in
 * MessagePack or CBOR "serializer": "msgpack" | "cbor" with its JSON form as "json" (a value). The payload is the raw frame as a
 * JSON string when it is valid UTF-8 without NUL, otherwise base64 with "encoding": "base64"
 * (always so for binary frames, which also say "binary": true).
 */

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-json-scan.h"
#include "sock-message-filter.h"
#include "sock-message-log.h"
#include "sock-message-log-private.h"

#define WRITE_CHUNK (256 * 1024)

static void
append_json_string (GString    *out,
                    const char *s,
                    gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
append_time (GString *out,
             gint64   time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *text = dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S") : NULL;

  g_string_append_printf (out, "\"%s.%03dZ\"", text != NULL ? text : "1970-01-01T00:00:00",
                          (int) ((time_us % G_USEC_PER_SEC + G_USEC_PER_SEC) %
                                 G_USEC_PER_SEC / 1000));
}

static void
append_record (GString            *out,
               SockMessageLog     *log,
               const SockLogEntry *e,
               const guint8       *raw,
               gsize               len)
{
  const char *uri = sock_message_log_get_uri (log, e->uri);
  gboolean binary = (e->flags & SOCK_LOG_FLAG_BINARY) != 0;
  SockWampSerializer serializer = sock_log_flags_get_serializer (e->flags);
  gboolean as_text = !binary && serializer == SOCK_WAMP_SERIALIZER_JSON && memchr (raw, 0, len) == NULL &&
                     g_utf8_validate ((const char *) raw, len, NULL);

  g_string_append (out, "{\"time\":");
  append_time (out, e->time_us);
  g_string_append_printf (out, ",\"t_us\":%" G_GINT64_FORMAT ",\"dir\":\"%s\",\"kind\":\"%s\""
                          ",\"type\":%u,\"uri\":",
                          e->time_us, sock_log_direction_to_string (e->direction),
                          sock_log_kind_to_string (e->kind), e->type);
  if (uri != NULL)
    append_json_string (out, uri, strlen (uri));
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"req\":%" G_GUINT64_FORMAT ",\"id2\":%" G_GUINT64_FORMAT
                          ",\"size\":%u,\"binary\":%s", e->request_id, e->second_id, e->size,
                          binary ? "true" : "false");
  if (e->flags & SOCK_LOG_FLAG_TRUNCATED)
    g_string_append (out, ",\"truncated\":true");
  if (e->flags & SOCK_LOG_FLAG_PROTOCOL_ERROR)
    g_string_append (out, ",\"protocol_error\":true");
  if (serializer != SOCK_WAMP_SERIALIZER_JSON)
    {
      g_autofree char *json = sock_log_entry_dup_json (e, raw, len, NULL);

      g_string_append_printf (out, ",\"serializer\":\"%s\"",
                              serializer == SOCK_WAMP_SERIALIZER_MSGPACK ? "msgpack" : "cbor");
      if (json != NULL)
        g_string_append_printf (out, ",\"json\":%s", json);
    }
  if (as_text)
    {
      g_string_append (out, ",\"payload\":");
      append_json_string (out, (const char *) raw, len);
    }
  else
    {
      g_autofree char *b64 = g_base64_encode (raw, len);

      g_string_append_printf (out, ",\"encoding\":\"base64\",\"payload\":\"%s\"", b64);
    }
  g_string_append_c (out, '}');
}

static void
append_line (GString            *out,
             SockMessageLog     *log,
             const SockLogEntry *e,
             const guint8       *raw,
             gsize               len)
{
  append_record (out, log, e, raw, len);
  g_string_append_c (out, '\n');
}

/* The one spelling of a record as JSON: "Copy as JSON Line" uses it too, so that a copied line
 * pastes into a recording. */
char *
sock_message_log_format_line (SockMessageLog *self,
                              guint64         seq)
{
  SockLogEntry e;
  const guint8 *raw;
  gsize len;
  GString *out;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), NULL);

  if (!sock_message_log_peek (self, seq, &e, &raw, &len))
    return NULL;
  out = g_string_sized_new (len + 256);
  append_record (out, self, &e, raw, len);
  return g_string_free (out, FALSE);
}

static gboolean
write_log (SockMessageLog    *log,
           SockMessageFilter *filter,
           GFile             *file,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) buf = g_string_sized_new (WRITE_CHUNK + 4096);
  guint64 end = sock_message_log_get_end_seq (log);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                           error);
  if (stream == NULL)
    return FALSE;

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < end; seq++)
    {
      SockLogEntry e;
      const guint8 *raw;
      gsize len;

      sock_message_log_peek (log, seq, &e, &raw, &len);
      if (filter == NULL || sock_message_filter_match (filter, log, &e, raw, len))
        append_line (buf, log, &e, raw, len);
      if (buf->len >= WRITE_CHUNK || seq + 1 == end)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), buf->str, buf->len, NULL,
                                          cancellable, error))
            return FALSE;
          g_string_truncate (buf, 0);
        }
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/* A private copy of the rows to export, so a worker can write them while the owner appends. */
static SockMessageLog *
snapshot (SockMessageLog    *log,
          SockMessageFilter *filter)
{
  SockMessageLog *copy = sock_message_log_new ();
  guint64 end = sock_message_log_get_end_seq (log);

  sock_message_log_set_max_messages (copy, MAX (sock_message_log_get_n_retained (log), 1));
  sock_message_log_set_max_bytes (copy, sock_message_log_get_max_bytes (log));
  for (guint64 seq = sock_message_log_get_first_seq (log); seq < end; seq++)
    {
      SockLogEntry e;
      const guint8 *raw;
      gsize len;

      sock_message_log_peek (log, seq, &e, &raw, &len);
      if (filter != NULL && !sock_message_filter_match (filter, log, &e, raw, len))
        continue;
      e.uri = sock_message_log_intern_uri (copy, sock_message_log_get_uri (log, e.uri), -1);
      sock_message_log_append (copy, &e, raw, len);
    }
  return copy;
}

static gboolean
export_log (SockMessageLog     *log,
            SockMessageFilter  *filter,
            GFile              *file,
            GCancellable       *cancellable,
            GError            **error)
{
  if (!write_log (log, filter, file, cancellable, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_prefix_error (error, _("Cannot export the messages to “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
sock_message_log_export (SockMessageLog     *self,
                         SockMessageFilter  *filter,
                         GFile              *file,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), FALSE);
  g_return_val_if_fail (filter == NULL || SOCK_IS_MESSAGE_FILTER (filter), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!export_log (self, filter, file, cancellable, error))
    return FALSE;
  if (filter == NULL)
    self->exported_end = sock_message_log_get_end_seq (self);
  return TRUE;
}

guint
sock_message_log_count_unexported (SockMessageLog *self)
{
  guint64 end, seq;
  guint n = 0;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);

  end = sock_message_log_get_end_seq (self);
  seq = MAX (sock_message_log_get_first_seq (self), self->exported_end);
  for (; seq < end; seq++)
    {
      SockLogEntry e;

      if (sock_message_log_peek (self, seq, &e, NULL, NULL) && e.direction != SOCK_LOG_DIRECTION_LOCAL)
        n++;
    }
  return n;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SockMessageLog *copy = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (export_log (copy, NULL, file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sock_message_log_export_async (SockMessageLog      *self,
                               SockMessageFilter   *filter,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));
  g_return_if_fail (filter == NULL || SOCK_IS_MESSAGE_FILTER (filter));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_message_log_export_async);
  g_task_set_task_data (task, snapshot (self, filter), g_object_unref);
  /* A whole-log export counts as the log's export once it has succeeded. */
  if (filter == NULL)
    g_object_set_data_full (G_OBJECT (task), "end-seq",
                            g_memdup2 (&(guint64) { sock_message_log_get_end_seq (self) }, sizeof (guint64)),
                            g_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sock_message_log_export_finish (SockMessageLog  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  guint64 *end_seq;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  end_seq = g_object_get_data (G_OBJECT (result), "end-seq");
  if (end_seq != NULL)
    self->exported_end = MAX (self->exported_end, *end_seq);
  return TRUE;
}

static const char * const directions[] = { "in", "out", "local", NULL };
static const char * const kinds[] = { "wamp1", "wamp2", "text", "binary", "marker", "error", NULL };

static gboolean
get_choice (JsonObject         *obj,
            const char         *name,
            const char * const *choices,
            guint8             *out,
            GError            **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  const char *value = NULL;

  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    value = json_node_get_string (node);
  for (guint i = 0; value != NULL && choices[i] != NULL; i++)
    if (g_str_equal (value, choices[i]))
      {
        *out = i;
        return TRUE;
      }
  {
    g_autofree char *names = g_strjoinv (", ", (char **) choices);

    g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“%s” must be one of %s"),
                 name, names);
  }
  return FALSE;
}

/* An integer member in [min, max]; a missing one is 0 unless required. */
static gboolean
get_int (JsonObject  *obj,
         const char  *name,
         gboolean     required,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = 0;
  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“%s” must be an integer"), name);
      return FALSE;
    }
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“%s” is out of range"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_flag (JsonObject *obj,
          const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* "serializer": "msgpack" | "cbor": the payload is that encoding of a WAMP message. */
static guint8
read_serializer_flag (JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, "serializer");
  const char *name;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return 0;
  name = json_node_get_string (node);
  if (g_strcmp0 (name, "msgpack") == 0)
    return SOCK_LOG_FLAG_MSGPACK;
  if (g_strcmp0 (name, "cbor") == 0)
    return SOCK_LOG_FLAG_CBOR;
  return 0;
}

static gboolean
is_base64 (const char *s)
{
  gsize len = strlen (s);

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/' && !(s[i] == '=' && i + 2 >= len))
      return FALSE;
  return TRUE;
}

static gboolean
parse_fields (SockMessageLog  *staging,
              JsonObject      *obj,
              GError         **error)
{
  SockLogEntry e = { 0, };
  gint64 v[5];
  JsonNode *uri = json_object_get_member (obj, "uri");
  JsonNode *payload = json_object_get_member (obj, "payload");
  const char *encoding = json_object_get_string_member_with_default (obj, "encoding", NULL);
  const char *text;
  g_autofree guint8 *bytes = NULL;
  gsize len;

  if (!get_int (obj, "t_us", TRUE, G_MININT64, G_MAXINT64, &v[0], error) ||
      !get_choice (obj, "dir", directions, &e.direction, error) ||
      !get_choice (obj, "kind", kinds, &e.kind, error) ||
      !get_int (obj, "type", FALSE, 0, G_MAXUINT8, &v[1], error) ||
      !get_int (obj, "req", FALSE, 0, G_MAXINT64, &v[2], error) ||
      !get_int (obj, "id2", FALSE, 0, G_MAXINT64, &v[3], error) ||
      !get_int (obj, "size", FALSE, 0, G_MAXUINT32, &v[4], error))
    return FALSE;
  if (uri != NULL && !JSON_NODE_HOLDS_NULL (uri) && json_node_get_value_type (uri) != G_TYPE_STRING)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“uri” must be a string or null"));
      return FALSE;
    }
  if (payload == NULL || json_node_get_value_type (payload) != G_TYPE_STRING)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“payload” must be a string"));
      return FALSE;
    }
  text = json_node_get_string (payload);
  if (encoding != NULL || get_flag (obj, "binary"))
    {
      if ((encoding != NULL && !g_str_equal (encoding, "base64")) || !is_base64 (text))
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“payload” is not base64"));
          return FALSE;
        }
      bytes = g_base64_decode (text, &len);
    }
  else
    {
      len = strlen (text);
      bytes = (guint8 *) g_strndup (text, len);
    }

  e.time_us = v[0];
  e.type = v[1];
  e.request_id = v[2];
  e.second_id = v[3];
  e.size = v[4];
  e.flags = (get_flag (obj, "binary") ? SOCK_LOG_FLAG_BINARY : 0) |
            (get_flag (obj, "truncated") ? SOCK_LOG_FLAG_TRUNCATED : 0) |
            (get_flag (obj, "protocol_error") ? SOCK_LOG_FLAG_PROTOCOL_ERROR : 0) |
            read_serializer_flag (obj);
  if (uri != NULL && !JSON_NODE_HOLDS_NULL (uri))
    e.uri = sock_message_log_intern_uri (staging, json_node_get_string (uri), -1);
  sock_message_log_append (staging, &e, bytes, len);
  return TRUE;
}

static gboolean
parse_line (SockMessageLog  *staging,
            JsonParser      *parser,
            const char      *line,
            gsize            len,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (len > SOCK_LOG_IMPORT_MAX_LINE)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                   _("the line is longer than %d MiB, more than any message Sockscope exports"),
                   SOCK_LOG_IMPORT_MAX_LINE >> 20);
      return FALSE;
    }
  /* The strict scanner first: it bounds the nesting (json-glib recurses without a limit, and a
   * crafted line of 80,000 brackets overflows the stack) and refuses what is not JSON. */
  if (!sock_json_validate (line, len, NULL, NULL, &local_error) ||
      !json_parser_load_from_data (parser, line, len, &local_error))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("not valid JSON (%s)"),
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("not a JSON object"));
      return FALSE;
    }
  return parse_fields (staging, json_node_get_object (root), error);
}

/* A log with the caps of target, for parse_file () to fill. */
static SockMessageLog *
new_staging (SockMessageLog *target)
{
  return g_object_new (SOCK_TYPE_MESSAGE_LOG,
                       "max-messages", sock_message_log_get_max_messages (target),
                       "max-bytes", sock_message_log_get_max_bytes (target),
                       NULL);
}

/* The whole file is read into memory: refuse one larger than any log could hold. */
static gboolean
check_size (GFile         *file,
            const char    *name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 cancellable, NULL);

  if (info == NULL || g_file_info_get_size (info) <= SOCK_LOG_IMPORT_MAX_FILE)
    return TRUE;
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
               _("Cannot import messages from “%s”: the file is larger than %d GiB"), name,
               (int) (SOCK_LOG_IMPORT_MAX_FILE >> 30));
  return FALSE;
}

/* Every line of data into staging, or an error naming the line (and name, the file's). */
gboolean
_sock_message_log_import_data (SockMessageLog  *staging,
                               const char      *data,
                               gsize            size,
                               const char      *name,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  guint line_no = 0;

  for (gsize pos = 0; pos < size; )
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', size - pos);
      gsize len = nl != NULL ? (gsize) (nl - line) : size - pos;
      g_autoptr(GError) line_error = NULL;

      line_no++;
      pos += len + 1;
      if (len == 0 || g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          if (len == 0)
            continue;
          return FALSE;
        }
      if (nl == NULL)
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON,
                       _("“%s”, line %u: truncated: the file ends in the middle of a line"),
                       name, line_no);
          return FALSE;
        }
      if (!parse_line (staging, parser, line, len, &line_error))
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON, _("“%s”, line %u: %s"),
                       name, line_no, line_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_file (SockMessageLog  *staging,
            GFile           *file,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  gsize size;

  if (!check_size (file, name, cancellable, error))
    return FALSE;
  if (!g_file_load_contents (file, cancellable, &data, &size, NULL, error))
    {
      g_prefix_error (error, _("Cannot import messages from “%s”: "), name);
      return FALSE;
    }
  return _sock_message_log_import_data (staging, data, size, name, cancellable, error);
}

static void
commit (SockMessageLog *target,
        SockMessageLog *staging)
{
  guint64 end = sock_message_log_get_end_seq (staging);

  for (guint64 seq = sock_message_log_get_first_seq (staging); seq < end; seq++)
    {
      SockLogEntry e;
      const guint8 *raw;
      gsize len;

      sock_message_log_peek (staging, seq, &e, &raw, &len);
      e.uri = sock_message_log_intern_uri (target, sock_message_log_get_uri (staging, e.uri), -1);
      sock_message_log_append (target, &e, raw, len);
    }
}

gboolean
sock_message_log_import (SockMessageLog  *self,
                         GFile           *file,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(SockMessageLog) staging = NULL;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  staging = new_staging (self);
  if (!parse_file (staging, file, cancellable, error))
    return FALSE;
  commit (self, staging);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  /* Only this thread touches the staging log until the task returns it. */
  SockMessageLog *staging = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (parse_file (staging, file, cancellable, &error))
    g_task_return_pointer (task, g_object_ref (staging), g_object_unref);
  else
    g_task_return_error (task, error);
}

void
sock_message_log_import_async (SockMessageLog      *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_MESSAGE_LOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_message_log_import_async);
  g_task_set_task_data (task, new_staging (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

/* The parsed messages are appended here, on the owner's thread. */
gboolean
sock_message_log_import_finish (SockMessageLog  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_autoptr(SockMessageLog) staging = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  staging = g_task_propagate_pointer (G_TASK (result), error);
  if (staging == NULL)
    return FALSE;
  commit (self, staging);
  return TRUE;
}
