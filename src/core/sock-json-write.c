/* sock-json-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "sock-json-write.h"

/* DEL, C1 controls, U+2028/9 and bidirectional controls are valid in a JSON string but
 * move or hide text when the line reaches a terminal: write them escaped (the same value).
 * Invalid UTF-8 cannot be JSON at all: it becomes U+FFFD. Returns the next byte. */
static const guchar *
write_non_ascii (GString      *out,
                 const guchar *p)
{
  gssize avail = strnlen ((const char *) p, 4);
  gunichar c = g_utf8_get_char_validated ((const char *) p, avail);
  const guchar *next;

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      g_string_append (out, "\\ufffd");
      return p + 1;
    }
  next = (const guchar *) g_utf8_next_char ((const char *) p);
  if (c <= 0x9F || (c >= 0x200E && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
      (c >= 0x2066 && c <= 0x2069))
    g_string_append_printf (out, "\\u%04x", c);
  else
    g_string_append_len (out, (const char *) p, next - p);
  return next;
}

void
sock_json_write_string (GString    *out,
                        const char *str)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xF]);
            }
          else if (*p < 0x7F)
            g_string_append_c (out, *p);
          else
            p = write_non_ascii (out, p) - 1;
        }
    }
  g_string_append_c (out, '"');
}

void
sock_json_write_double (GString *out,
                        double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* The shortest text that reads back to the same double, so that 0.1 stays
   * "0.1"; ".0" keeps an integral double a double. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.16g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
  if (strspn (buf, "-0123456789") == strlen (buf))
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      sock_json_write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      sock_json_write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

void
sock_json_write_node (GString  *out,
                      JsonNode *node)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      sock_json_write_object (out, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      sock_json_write_array (out, json_node_get_array (node));
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

void
sock_json_write_object (GString    *out,
                        JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_string_append_c (out, '{');
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (l != members)
        g_string_append_c (out, ',');
      sock_json_write_string (out, l->data);
      g_string_append_c (out, ':');
      sock_json_write_node (out, json_object_get_member (object, l->data));
    }
  g_string_append_c (out, '}');
}

void
sock_json_write_array (GString   *out,
                       JsonArray *array)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      sock_json_write_node (out, json_array_get_element (array, i));
    }
  g_string_append_c (out, ']');
}
