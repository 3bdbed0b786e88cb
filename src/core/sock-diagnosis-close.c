/* sock-diagnosis-close.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why an open connection ended, for the words of sub, call and the window after the join. The
 * close code alone misleads: libsoup reports the client's own 1009 and 1002 as if the server
 * had sent them, and 1005 both for a close frame without a code and for 1005 on the wire.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sock-diagnosis.h"
#include "sock-format.h"
#include "sock-rawsocket.h"

static char *
describe_by_client (guint         code,
                    const char   *reason,
                    const GError *error,
                    guint64       max_message_size)
{
  switch (error->code)
    {
    case SOUP_WEBSOCKET_CLOSE_TOO_BIG:
      if (max_message_size > 0)
        {
          g_autofree char *bytes = sock_format_number (max_message_size);

          /* TRANSLATORS: %s is a count of bytes, "1,048,576" */
          return g_strdup_printf (_("The server sent a message larger than the %s bytes this client accepts, so "
                                    "Sockscope closed the connection (1009): raise the largest message size "
                                    "(--max-message-size)"), bytes);
        }
      return g_strdup (_("The server sent a message larger than this client accepts, so Sockscope closed the "
                         "connection (1009): raise the largest message size (--max-message-size)"));
    case SOUP_WEBSOCKET_CLOSE_BAD_DATA:
      return g_strdup (_("The server sent a text message that is not valid UTF-8, so Sockscope closed the "
                         "connection (1007)"));
    case SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR:
      if (code == 0 && reason != NULL && *reason != '\0')
        return g_strdup (_("The server closed with code 0, which must never be sent on the wire: a protocol "
                           "error on the server's side"));
      if (code == SOUP_WEBSOCKET_CLOSE_NO_STATUS)
        return g_strdup (_("The server's close frame carried code 1005, which is reserved for “no code” and must "
                           "never be sent on the wire: a protocol error on the server's side"));
      /* libsoup raises it for valid codes it does not know too (1012–1014): those are the server's words */
      if (code != 0 && code != SOUP_WEBSOCKET_CLOSE_PROTOCOL_ERROR)
        return NULL;
      return g_strdup (_("The server sent a frame that breaks the WebSocket protocol (reserved RSV bits set "
                         "without an extension that uses them, an unknown opcode, a fragmented control "
                         "frame, or a close code that must never be sent), so Sockscope closed the connection "
                         "(1002)"));
    default:
      return NULL;
    }
}

char *
sock_diagnosis_describe_close (guint         code,
                               const char   *reason,
                               const GError *error,
                               guint64       max_message_size)
{
  const char *meaning = sock_close_code_describe (code);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *by_client = NULL;

  if (error != NULL && error->domain == SOUP_WEBSOCKET_ERROR)
    by_client = describe_by_client (code, reason, error, max_message_size);
  /* RawSocket: no close frame; the error says who ended it and why */
  if (error != NULL && error->domain == SOCK_RAWSOCKET_ERROR)
    return g_strdup (error->message);
  if (by_client != NULL)
    g_string_append (text, by_client);
  else if (code == 0)
    g_string_append (text, _("The connection dropped without a close frame"));
  else if (code == SOUP_WEBSOCKET_CLOSE_NO_STATUS)
    g_string_append (text, _("The server closed without a close code"));
  else if (meaning != NULL)
    g_string_printf (text, _("The server closed the connection with code %u (%s)"), code, meaning);
  else
    g_string_printf (text, _("The server closed the connection with code %u"), code);
  if (reason != NULL && *reason != '\0')
    g_string_append_printf (text, _("; its reason: “%s”"), reason);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
