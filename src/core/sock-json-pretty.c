/* sock-json-pretty.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sock-json-pretty.h"
#include "sock-json-scan.h"

static void
newline (GString *out,
         guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static gsize
skip_space (const char *text,
            gsize       i,
            gsize       len)
{
  while (i < len && g_ascii_isspace (text[i]))
    i++;
  return i;
}

/* The index of the closing quote of the string whose opening quote is at i (or len - 1). */
static gsize
string_end (const char *text,
            gsize       i,
            gsize       len)
{
  for (i++; i < len && text[i] != '"'; i++)
    if (text[i] == '\\')
      i++;
  return MIN (i, len - 1);
}

/* Token by token: json-glib's generator would re-print numbers and spell empty containers as
 * "{  }". */
void
sock_json_pretty_append (GString    *out,
                         const char *text,
                         gsize       len,
                         guint       depth)
{
  guint base = depth;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL || len == 0);

  for (gsize i = skip_space (text, 0, len); i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        {
          gsize end = string_end (text, i, len);

          g_string_append_len (out, text + i, end - i + 1);
          i = end;
        }
      else if (c == '{' || c == '[')
        {
          gsize next = skip_space (text, i + 1, len);

          g_string_append_c (out, c);
          if (next < len && (text[next] == '}' || text[next] == ']'))
            {
              g_string_append_c (out, text[next]);
              i = next;
            }
          else
            newline (out, ++depth);
        }
      else if (c == '}' || c == ']')
        {
          newline (out, depth > base ? --depth : base);
          g_string_append_c (out, c);
        }
      else if (c == ',')
        {
          g_string_append_c (out, c);
          newline (out, depth);
        }
      else if (c == ':')
        g_string_append (out, ": ");
      else if (!g_ascii_isspace (c))
        g_string_append_c (out, c);
    }
}

char *
sock_json_pretty (const char *text,
                  gsize       len)
{
  GString *out;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  /* The strict scanner, not json-glib: a raw server's frame of 80,000 brackets would make
   * json-glib recurse until the stack overflows; the scanner stops at SOCK_JSON_MAX_DEPTH. */
  if (len == 0 || !sock_json_validate (text, len, NULL, NULL, NULL))
    return NULL;
  out = g_string_sized_new (len * 2);
  sock_json_pretty_append (out, text, len, 0);
  return g_string_free (out, FALSE);
}

char *
sock_json_compact (const char *text,
                   gsize       len,
                   gsize       max_chars)
{
  GString *out = g_string_sized_new (MIN (len, max_chars * 4) + 4);
  gsize chars = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (chars >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '"')
        {
          gsize end = string_end (text, i, len);

          gsize j;

          /* whole characters only: a multi-byte sequence is never cut */
          for (j = i; j <= end && (chars < max_chars || ((guchar) text[j] & 0xC0) == 0x80); j++)
            {
              g_string_append_c (out, text[j]);
              if (((guchar) text[j] & 0xC0) != 0x80)
                chars++;
            }
          if (j <= end)
            {
              g_string_append (out, "…");
              break;
            }
          i = end;
        }
      else if (!g_ascii_isspace (c))
        {
          g_string_append_c (out, c);
          chars++;
        }
    }
  return g_string_free (out, FALSE);
}
