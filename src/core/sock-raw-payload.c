/* sock-raw-payload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-raw-payload.h"

static char *
size_words (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

gboolean
sock_raw_payload_check_size (guint64   size,
                             guint64   max_size,
                             GError  **error)
{
  g_autofree char *have = NULL;
  g_autofree char *most = NULL;

  if (max_size == 0 || size <= max_size)
    return TRUE;
  have = size_words (size);
  most = size_words (max_size);
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
               _("The payload is %s; this connection sends at most %s (its largest message)"), have, most);
  return FALSE;
}

static gboolean
bad_char (const char  *input,
          const char  *at,
          const char  *what,
          GError     **error)
{
  glong position = g_utf8_pointer_to_offset (input, at) + 1;
  gunichar c = g_utf8_get_char_validated (at, -1);
  char shown[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isprint (c))
    g_strlcpy (shown, "?", sizeof shown);
  else
    g_unichar_to_utf8 (c, shown);
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
               /* Translators: "Not a hex digit at character 7: “g”" */
               _("%s at character %ld: “%s”"), what, position, shown);
  return FALSE;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static GBytes *
parse_hex (const char  *input,
           guint64      max_size,
           GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *p = input;
  int high = -1;

  while (g_ascii_isspace (*p))
    p++;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    p += 2;
  for (; *p != '\0'; p++)
    {
      int v;

      if (g_ascii_isspace (*p) || *p == ':' || *p == '-' || *p == ',')
        {
          if (high >= 0)
            {
              bad_char (input, p, _("A byte needs two hex digits"), error);
              return NULL;
            }
          continue;
        }
      if ((v = hex_value (*p)) < 0)
        {
          bad_char (input, p, _("Not a hex digit"), error);
          return NULL;
        }
      if (high < 0)
        high = v;
      else
        {
          guint8 byte = (guint8) (high << 4 | v);

          g_byte_array_append (out, &byte, 1);
          high = -1;
          if (!sock_raw_payload_check_size (out->len, max_size, error))
            return NULL;
        }
    }
  if (high >= 0)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("An odd number of hex digits: the last byte is missing its second digit"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
parse_base64 (const char  *input,
              guint64      max_size,
              GError     **error)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  guint padding = 0;
  guchar *data;
  gsize len;

  for (const char *p = input; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isspace (c))
        continue;
      if (c == '=')
        {
          padding++;
          if (padding > 2)
            return bad_char (input, p, _("Too much padding"), error), NULL;
          g_string_append_c (clean, c);
          continue;
        }
      if (padding > 0)
        return bad_char (input, p, _("Text after the padding"), error), NULL;
      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return bad_char (input, p, _("Not a base64 character"), error), NULL;
      g_string_append_c (clean, c);
    }
  if ((clean->len - padding) % 4 == 1)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("Not valid base64: the text ends in the middle of a byte"));
      return NULL;
    }
  if (padding == 0)
    while (clean->len % 4 != 0)
      g_string_append_c (clean, '=');
  else if (clean->len % 4 != 0)
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                           _("Not valid base64: wrong padding at the end"));
      return NULL;
    }
  if (!sock_raw_payload_check_size ((guint64) clean->len / 4 * 3 - padding, max_size, error))
    return NULL;
  data = clean->len > 0 ? g_base64_decode (clean->str, &len) : (len = 0, NULL);
  return g_bytes_new_take (data, len);
}

GBytes *
sock_raw_payload_parse (SockRawFormat   format,
                        const char     *input,
                        guint64         max_size,
                        GError        **error)
{
  g_return_val_if_fail (input != NULL, NULL);

  switch (format)
    {
    case SOCK_RAW_FORMAT_HEX:
      return parse_hex (input, max_size, error);
    case SOCK_RAW_FORMAT_BASE64:
      return parse_base64 (input, max_size, error);
    case SOCK_RAW_FORMAT_TEXT:
    default:
      if (!g_utf8_validate (input, -1, NULL))
        {
          g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("The text is not valid UTF-8"));
          return NULL;
        }
      if (!sock_raw_payload_check_size (strlen (input), max_size, error))
        return NULL;
      return g_bytes_new (input, strlen (input));
    }
}

char *
sock_raw_payload_describe (GBytes   *payload,
                           gboolean  is_text,
                           gsize     max_chars)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);
  g_autofree char *size = size_words (len);
  GString *out = g_string_new (NULL);

  if (is_text)
    {
      g_autofree char *valid = g_utf8_make_valid ((const char *) data, len);
      glong n = g_utf8_strlen (valid, -1);
      const char *end = g_utf8_offset_to_pointer (valid, MIN ((glong) max_chars, n));

      for (const char *p = valid; p < end; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* one line, and nothing a terminal or a label would take as layout */
          if (g_unichar_iscntrl (c))
            g_string_append_unichar (out, c < 0x20 ? 0x2400 + c : c == 0x7f ? 0x2421 : 0xfffd);
          else
            g_string_append_unichar (out, c);
        }
      if (n > (glong) max_chars)
        g_string_append (out, "…");
      return g_string_free (out, FALSE);
    }
  for (gsize i = 0; i < len && out->len + 3 <= max_chars; i++)
    g_string_append_printf (out, i == 0 ? "%02x" : " %02x", data[i]);
  if (len > 0 && out->len < len * 3 - 1)
    g_string_append (out, " …");
  g_string_append_printf (out, " (%s)", size);
  return g_string_free (out, FALSE);
}
