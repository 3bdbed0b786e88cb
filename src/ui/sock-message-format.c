/* sock-message-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include "sock-message-format.h"
#include "sock-number-format.h"
#include "sock-wamp-message.h"

const char *
sock_message_format_type_name (SockLogKind kind,
                               guint       type)
{
  const char *name = NULL;

  switch (kind)
    {
    case SOCK_LOG_KIND_WAMP1:
      name = sock_wamp_message_type_name (SOCK_WAMP_V1, type);
      break;
    case SOCK_LOG_KIND_WAMP2:
      name = sock_wamp_message_type_name (SOCK_WAMP_V2, type);
      break;
    case SOCK_LOG_KIND_TEXT:
      return "TEXT";
    case SOCK_LOG_KIND_BINARY:
      return "BINARY";
    case SOCK_LOG_KIND_MARKER:
      return "NOTE";
    case SOCK_LOG_KIND_PROTOCOL_ERROR:
      return "INVALID";
    default:
      break;
    }
  return name != NULL ? name : "UNKNOWN";
}

void
sock_message_format_size (guint64  size,
                          char    *buf,
                          gsize    buf_len)
{
  /* 1000 to 1023 B and 1000 MiB on have digits to group */
  gboolean grouping = sock_number_format_get_grouping ();

  if (size < 1024)
    g_snprintf (buf, buf_len, grouping ? "%'u B" : "%u B", (guint) size);
  else if (size < 1024 * 1024)
    g_snprintf (buf, buf_len, grouping ? "%'.1f KiB" : "%.1f KiB", size / 1024.0);
  else
    g_snprintf (buf, buf_len, grouping ? "%'.1f MiB" : "%.1f MiB", size / (1024.0 * 1024.0));
}

const char *
sock_message_format_direction (SockLogDirection direction)
{
  switch (direction)
    {
    case SOCK_LOG_DIRECTION_IN:
      return _("Received");
    case SOCK_LOG_DIRECTION_OUT:
      return _("Sent");
    case SOCK_LOG_DIRECTION_LOCAL:
    default:
      return _("Note");
    }
}

const char *
sock_message_format_arrow (SockLogDirection direction)
{
  switch (direction)
    {
    case SOCK_LOG_DIRECTION_IN:
      return "↓";
    case SOCK_LOG_DIRECTION_OUT:
      return "↑";
    case SOCK_LOG_DIRECTION_LOCAL:
    default:
      return "•";
    }
}

char *
sock_message_format_hex_dump (const guint8 *data,
                              gsize         len)
{
  GString *out = g_string_sized_new ((len / 16 + 1) * 78);

  for (gsize line = 0; line < len; line += 16)
    {
      g_string_append_printf (out, "%08" G_GSIZE_MODIFIER "x  ", line);
      for (gsize i = 0; i < 16; i++)
        {
          if (line + i < len)
            g_string_append_printf (out, "%02x ", data[line + i]);
          else
            g_string_append (out, "   ");
          if (i == 7)
            g_string_append_c (out, ' ');
        }
      g_string_append (out, " |");
      for (gsize i = 0; i < 16 && line + i < len; i++)
        {
          guint8 c = data[line + i];

          g_string_append_c (out, c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
      g_string_append (out, "|\n");
    }
  return g_string_free (out, FALSE);
}
