/* sock-safe-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-safe-text.h"

#include <string.h>

/* Characters that change how a terminal shows what follows, or hide or reorder text. */
static gboolean
is_unsafe_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x200E && c <= 0x200F) ||  /* LRM, RLM */
         (c >= 0x2028 && c <= 0x202E) ||  /* line/paragraph separators, embeddings, overrides */
         (c >= 0x2066 && c <= 0x2069) ||  /* isolates */
         c == 0xFEFF;
}

char *
sock_safe_text (const char        *text,
                gssize             len,
                gsize              max_chars,
                SockSafeTextFlags  flags)
{
  const char *p, *end;
  GString *out;
  gsize n_chars = 0;

  if (text == NULL)
    return NULL;
  if (len < 0)
    len = strlen (text);
  out = g_string_sized_new (MIN ((gsize) len, 4096) + 1);
  for (p = text, end = text + len; p < end; n_chars++)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (max_chars > 0 && n_chars >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((flags & SOCK_SAFE_TEXT_MULTILINE) && (c == '\n' || c == '\t'))
        g_string_append_c (out, c);
      else if (c == 0 || (c < 0x80 && is_unsafe_char (c)) || (c >= 0x80 && c <= 0x9F))
        g_string_append_printf (out, "\\x%02x", c);
      else if (is_unsafe_char (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = c == 0 ? p + 1 : g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

void
sock_safe_json_append (GString    *out,
                       const char *json,
                       gsize       len)
{
  const guchar *p = (const guchar *) json;
  const guchar *end = p + len;
  const guchar *plain = p;

  while (p < end)
    {
      gunichar c;
      const guchar *next;

      if (*p != 0x7F && *p < 0xC2)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not valid JSON text; keep it visible without passing the byte on */
          g_string_append_len (out, (const char *) plain, p - plain);
          g_string_append (out, "\\ufffd");
          plain = ++p;
          continue;
        }
      next = (const guchar *) g_utf8_next_char ((const char *) p);
      if (is_unsafe_char (c))
        {
          g_string_append_len (out, (const char *) plain, p - plain);
          g_string_append_printf (out, "\\u%04x", c);
          plain = next;
        }
      p = next;
    }
  g_string_append_len (out, (const char *) plain, p - plain);
}
