/* sock-json-scan-object.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One member of a JSON object read without a tree: the concrete topic of a pattern
 * subscription's EVENT (Details.topic) is found this way on the hot path.
 */

#include "config.h"

#include <string.h>

#include "sock-json-scan.h"

static gsize
skip_space (const char *data,
            gsize       len,
            gsize       i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

/* The end of the string starting at the quote at i, just after its closing quote; 0 if unterminated. */
static gsize
skip_string (const char *data,
             gsize       len,
             gsize       i,
             gboolean   *has_escapes)
{
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        {
          *has_escapes = TRUE;
          i++;
        }
      else if (data[i] == '"')
        return i + 1;
    }
  return 0;
}

/* The end of the value starting at i (a valid document is assumed, bounds are still checked); 0 on
 * a malformed one. */
static gsize
skip_value (const char *data,
            gsize       len,
            gsize       i)
{
  guint depth = 0;
  gboolean escapes;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          if ((i = skip_string (data, len, i, &escapes)) == 0)
            return 0;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > SOCK_JSON_MAX_DEPTH)
            return 0;
          i++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return i;
          depth--;
          i++;
        }
      else if (c == ',' && depth == 0)
        return i;
      else
        i++;
      if (depth == 0 && (c == '"' || c == '}' || c == ']'))
        return i;
    }
  return depth == 0 ? i : 0;
}

static SockJsonKind
kind_of (char c)
{
  switch (c)
    {
    case '"': return SOCK_JSON_STRING;
    case '{': return SOCK_JSON_OBJECT;
    case '[': return SOCK_JSON_ARRAY;
    case 't': return SOCK_JSON_TRUE;
    case 'f': return SOCK_JSON_FALSE;
    case 'n': return SOCK_JSON_NULL;
    default: return SOCK_JSON_NUMBER;
    }
}

gboolean
sock_json_object_find_member (const char      *data,
                              gsize            len,
                              const char      *key,
                              SockJsonElement *out)
{
  gsize key_len = strlen (key);
  gsize i = skip_space (data, len, 0);

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (i >= len || data[i] != '{')
    return FALSE;
  for (i = skip_space (data, len, i + 1); i < len && data[i] == '"'; )
    {
      gboolean escapes = FALSE;
      gsize key_end = skip_string (data, len, i, &escapes);
      gsize value, end;

      if (key_end == 0)
        return FALSE;
      value = skip_space (data, len, key_end);
      if (value >= len || data[value] != ':')
        return FALSE;
      value = skip_space (data, len, value + 1);
      if (value >= len || (end = skip_value (data, len, value)) == 0)
        return FALSE;
      /* keys with escapes are compared as written: WAMP's keys have none */
      if (!escapes && key_end - i - 2 == key_len && memcmp (data + i + 1, key, key_len) == 0)
        {
          gboolean value_escapes = FALSE;

          if (data[value] == '"')
            skip_string (data, len, value, &value_escapes);
          while (end > value && strchr (" \t\r\n", data[end - 1]) != NULL)
            end--;
          *out = (SockJsonElement) {
            .kind = kind_of (data[value]),
            .has_escapes = value_escapes,
            .offset = value,
            .len = end - value,
          };
          return TRUE;
        }
      i = skip_space (data, len, end);
      if (i < len && data[i] == ',')
        i = skip_space (data, len, i + 1);
    }
  return FALSE;
}

void
sock_json_iter_init (SockJsonIter          *iter,
                     const char            *data,
                     const SockJsonElement *container)
{
  g_return_if_fail (iter != NULL);
  g_return_if_fail (container != NULL);

  iter->data = data;
  iter->object = container->kind == SOCK_JSON_OBJECT;
  iter->end = container->offset + container->len;
  /* just after the opening bracket; a scalar has nothing to iterate */
  iter->pos = container->kind == SOCK_JSON_OBJECT || container->kind == SOCK_JSON_ARRAY ?
    container->offset + 1 : iter->end;
}

static SockJsonElement
element_at (const char *data,
            gsize       start,
            gsize       end)
{
  gboolean escapes = FALSE;

  while (end > start && strchr (" \t\r\n", data[end - 1]) != NULL)
    end--;
  if (data[start] == '"')
    skip_string (data, end, start, &escapes);
  return (SockJsonElement) {
    .kind = kind_of (data[start]),
    .has_escapes = escapes,
    .offset = start,
    .len = end - start,
  };
}

gboolean
sock_json_iter_next (SockJsonIter    *iter,
                     SockJsonElement *key,
                     SockJsonElement *value)
{
  const char *data = iter->data;
  gsize len = iter->end;
  gsize i = skip_space (data, len, iter->pos);
  gsize end;

  g_return_val_if_fail (value != NULL, FALSE);

  if (i < len && data[i] == ',')
    i = skip_space (data, len, i + 1);
  if (i >= len || data[i] == '}' || data[i] == ']')
    {
      iter->pos = len;
      return FALSE;
    }
  if (iter->object)
    {
      gboolean escapes = FALSE;
      gsize key_end = skip_string (data, len, i, &escapes);

      if (data[i] != '"' || key_end == 0)
        return (iter->pos = len), FALSE;
      if (key != NULL)
        *key = (SockJsonElement) { SOCK_JSON_STRING, escapes, i, key_end - i };
      i = skip_space (data, len, key_end);
      if (i >= len || data[i] != ':')
        return (iter->pos = len), FALSE;
      i = skip_space (data, len, i + 1);
    }
  if (i >= len || (end = skip_value (data, len, i)) == 0)
    return (iter->pos = len), FALSE;
  *value = element_at (data, i, end);
  iter->pos = end;
  return TRUE;
}
