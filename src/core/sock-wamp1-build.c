/* sock-wamp1-build.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP v1 builders, writing compact JSON.
 */

#include <string.h>

#include "sock-wamp-build-private.h"

char *
sock_wamp1_build_welcome (const char *session_id,
                          const char *server_ident)
{
  GString *s;

  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (server_ident != NULL, NULL);

  s = begin (SOCK_WAMP1_WELCOME);
  add_string (s, session_id);
  g_string_append (s, ",1");
  add_string (s, server_ident);
  return finish (s);
}

/* [type, a, b] with two strings: PREFIX. */
char *
sock_wamp1_build_prefix (const char *prefix,
                         const char *uri)
{
  GString *s;

  g_return_val_if_fail (prefix != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  s = begin (SOCK_WAMP1_PREFIX);
  add_string (s, prefix);
  add_string (s, uri);
  return finish (s);
}

char *
sock_wamp1_build_call (const char *call_id,
                       const char *procedure,
                       JsonArray  *args)
{
  GString *s;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (procedure != NULL, NULL);

  s = begin (SOCK_WAMP1_CALL);
  add_string (s, call_id);
  add_string (s, procedure);
  for (guint i = 0; args != NULL && i < json_array_get_length (args); i++)
    add_node (s, json_array_get_element (args, i));
  return finish (s);
}

char *
sock_wamp1_build_callresult (const char *call_id,
                             JsonNode   *result)
{
  GString *s;

  g_return_val_if_fail (call_id != NULL, NULL);

  s = begin (SOCK_WAMP1_CALLRESULT);
  add_string (s, call_id);
  add_node (s, result);
  return finish (s);
}

char *
sock_wamp1_build_callerror (const char *call_id,
                            const char *error_uri,
                            const char *description,
                            JsonNode   *details)
{
  GString *s;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (error_uri != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  s = begin (SOCK_WAMP1_CALLERROR);
  add_string (s, call_id);
  add_string (s, error_uri);
  add_string (s, description);
  if (details != NULL)
    add_node (s, details);
  return finish (s);
}

static char *
build_topic (int         type,
             const char *topic)
{
  GString *s;

  g_return_val_if_fail (topic != NULL, NULL);

  s = begin (type);
  add_string (s, topic);
  return finish (s);
}

char *
sock_wamp1_build_subscribe (const char *topic)
{
  return build_topic (SOCK_WAMP1_SUBSCRIBE, topic);
}

char *
sock_wamp1_build_unsubscribe (const char *topic)
{
  return build_topic (SOCK_WAMP1_UNSUBSCRIBE, topic);
}

static GString *
begin_topic_event (int         type,
                   const char *topic,
                   JsonNode   *event)
{
  GString *s = begin (type);

  add_string (s, topic);
  add_node (s, event);
  return s;
}

char *
sock_wamp1_build_publish (const char *topic,
                          JsonNode   *event)
{
  g_return_val_if_fail (topic != NULL, NULL);

  return finish (begin_topic_event (SOCK_WAMP1_PUBLISH, topic, event));
}

char *
sock_wamp1_build_publish_exclude_me (const char *topic,
                                     JsonNode   *event,
                                     gboolean    exclude_me)
{
  GString *s;

  g_return_val_if_fail (topic != NULL, NULL);

  s = begin_topic_event (SOCK_WAMP1_PUBLISH, topic, event);
  g_string_append (s, exclude_me ? ",true" : ",false");
  return finish (s);
}

static void
add_strv (GString            *s,
          const char * const *strv)
{
  g_string_append (s, ",[");
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      sock_json_write_string (s, strv[i]);
    }
  g_string_append_c (s, ']');
}

char *
sock_wamp1_build_publish_lists (const char         *topic,
                                JsonNode           *event,
                                const char * const *exclude,
                                const char * const *eligible)
{
  GString *s;

  g_return_val_if_fail (topic != NULL, NULL);

  s = begin_topic_event (SOCK_WAMP1_PUBLISH, topic, event);
  add_strv (s, exclude);
  if (eligible != NULL)
    add_strv (s, eligible);
  return finish (s);
}

char *
sock_wamp1_build_event (const char *topic,
                        JsonNode   *event)
{
  g_return_val_if_fail (topic != NULL, NULL);

  return finish (begin_topic_event (SOCK_WAMP1_EVENT, topic, event));
}

static void
add_text (GString       *s,
          SockJsonRange  value)
{
  g_string_append_c (s, ',');
  if (value.data != NULL)
    g_string_append_len (s, value.data, value.len);
  else
    g_string_append (s, "null");
}

char *
sock_wamp1_build_publish_raw (const char         *topic,
                              SockJsonRange       event,
                              gboolean            exclude_me,
                              const char * const *exclude,
                              const char * const *eligible)
{
  GString *s;

  g_return_val_if_fail (topic != NULL, NULL);

  s = begin (SOCK_WAMP1_PUBLISH);
  add_string (s, topic);
  add_text (s, event);
  if (exclude != NULL)
    {
      add_strv (s, exclude);
      if (eligible != NULL)
        add_strv (s, eligible);
    }
  else
    g_string_append (s, exclude_me ? ",true" : ",false");
  return finish (s);
}

char *
sock_wamp1_build_call_raw (const char    *call_id,
                           const char    *procedure,
                           SockJsonRange  args,
                           SockJsonRange  last)
{
  const char *inner, *end;
  GString *s;

  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (procedure != NULL, NULL);

  s = begin (SOCK_WAMP1_CALL);
  add_string (s, call_id);
  add_string (s, procedure);
  /* the array's elements, spread: the text between its brackets */
  if (args.data != NULL && (inner = memchr (args.data, '[', args.len)) != NULL)
    {
      end = args.data + args.len;
      while (end > inner && end[-1] != ']')
        end--;
      for (inner++, end--; inner < end && g_ascii_isspace (*inner); inner++)
        ;
      if (inner < end)
        {
          g_string_append_c (s, ',');
          g_string_append_len (s, inner, end - inner);
        }
    }
  if (last.data != NULL)
    add_text (s, last);
  return finish (s);
}
