/* test-tap.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a test prints about hostile text (bytes that are not UTF-8, terminal escapes, line
 * breaks) goes into its TAP output: a TAP reader must get one valid UTF-8 line.
 */

#pragma once

#include <glib.h>
#include <string.h>

/* text (len bytes, or up to its NUL when len < 0) as one printable line of valid UTF-8: what is
 * printable stays as it is, any other character (control, format, a line break) and any byte
 * that is not UTF-8 becomes \xNN, a byte at a time. */
static G_GNUC_UNUSED char *
tap_text (const char *text,
          gssize      len)
{
  GString *out = g_string_new (NULL);
  const char *end;

  if (text == NULL)
    return g_string_free (out, FALSE);
  end = text + (len < 0 ? strlen (text) : (gsize) len);
  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize n = c < 0x110000 ? (gsize) (g_utf8_next_char (p) - p) : 1;

      if (c < 0x110000 && g_unichar_isprint (c))
        g_string_append_len (out, p, n);
      else
        for (gsize i = 0; i < n; i++)
          g_string_append_printf (out, "\\x%02x", (guchar) p[i]);
      p += n;
    }
  return g_string_free (out, FALSE);
}
