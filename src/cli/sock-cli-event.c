/* sock-cli-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON lines: {"time":"…Z","topic":"…","publication":N,"args":[…],"kwargs":{…},"details":{…}}
 * (WAMP v1: "publication":null and the event value as the only argument). Text:
 * 2026-01-02T03:04:05.678Z demo.tick [1] {"k":1}   (kwargs only when there are any).
 */

#include "config.h"

#include <string.h>

#include "sock-cli-event.h"
#include "sock-json-write.h"
#include "sock-safe-text.h"

gboolean
sock_cli_format_from_string (const char    *text,
                             SockCliFormat *out)
{
  if (g_strcmp0 (text, "jsonl") == 0 || g_strcmp0 (text, "json") == 0)
    *out = SOCK_CLI_FORMAT_JSONL;
  else if (g_strcmp0 (text, "text") == 0)
    *out = SOCK_CLI_FORMAT_TEXT;
  else
    return FALSE;
  return TRUE;
}

/* The server's JSON, safe on a terminal, on one line: raw line breaks can only be whitespace
 * between tokens in valid JSON, so a space means the same. */
static void
append_json (GString       *out,
             SockJsonRange  range,
             const char    *absent)
{
  gsize from = out->len;

  if (range.data == NULL)
    {
      g_string_append (out, absent);
      return;
    }
  sock_safe_json_append (out, range.data, range.len);
  for (char *p = out->str + from; (p = memchr (p, '\n', out->str + out->len - p)) != NULL; p++)
    *p = ' ';
  for (char *p = out->str + from; (p = memchr (p, '\r', out->str + out->len - p)) != NULL; p++)
    *p = ' ';
}

static void
append_jsonl (GString          *out,
              SockCliTimeCache *cache,
              const SockEvent  *event)
{
  g_string_append (out, "{\"time\":");
  sock_cli_time_append (cache, out, event->time_us, TRUE);
  g_string_append (out, ",\"topic\":");
  sock_json_write_string (out, event->topic);
  if (event->args_is_value)
    {
      g_string_append (out, ",\"publication\":null,\"args\":[");
      append_json (out, event->args, "null");
      g_string_append (out, "],\"kwargs\":{},\"details\":{}}\n");
      return;
    }
  g_string_append (out, ",\"publication\":");
  sock_cli_append_int (out, event->publication);
  g_string_append (out, ",\"args\":");
  append_json (out, event->args, "[]");
  g_string_append (out, ",\"kwargs\":");
  append_json (out, event->kwargs, "{}");
  g_string_append (out, ",\"details\":");
  append_json (out, event->details, "{}");
  g_string_append (out, "}\n");
}

static gboolean
is_empty_object (SockJsonRange range)
{
  gsize i = 0;

  if (range.data == NULL)
    return TRUE;
  while (i < range.len && g_ascii_isspace (range.data[i]))
    i++;
  if (i >= range.len || range.data[i++] != '{')
    return FALSE;
  while (i < range.len && g_ascii_isspace (range.data[i]))
    i++;
  return i < range.len && range.data[i] == '}';
}

/* A topic is nearly always printable ASCII, which needs no escaping and no copy. */
static void
append_topic (GString    *out,
              const char *topic)
{
  g_autofree char *safe = NULL;
  const guchar *p = (const guchar *) topic;

  while (*p >= 0x20 && *p < 0x7F)
    p++;
  if (*p == '\0' && p - (const guchar *) topic <= SOCK_SAFE_TEXT_MAX_CHARS)
    {
      g_string_append_len (out, topic, p - (const guchar *) topic);
      return;
    }
  safe = sock_safe_text (topic, -1, SOCK_SAFE_TEXT_MAX_CHARS, SOCK_SAFE_TEXT_ONE_LINE);
  g_string_append (out, safe);
}

static void
append_text (GString          *out,
             SockCliTimeCache *cache,
             const SockEvent  *event)
{
  sock_cli_time_append (cache, out, event->time_us, FALSE);
  g_string_append_c (out, ' ');
  append_topic (out, event->topic);
  g_string_append_c (out, ' ');
  append_json (out, event->args, event->args_is_value ? "null" : "[]");
  if (!event->args_is_value && !is_empty_object (event->kwargs))
    {
      g_string_append_c (out, ' ');
      append_json (out, event->kwargs, "{}");
    }
  g_string_append_c (out, '\n');
}

void
sock_cli_event_append (GString          *out,
                       SockCliTimeCache *cache,
                       SockCliFormat     format,
                       const SockEvent  *event)
{
  if (format == SOCK_CLI_FORMAT_TEXT)
    append_text (out, cache, event);
  else
    append_jsonl (out, cache, event);
}
