/* sock-session-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a session turns a message into a record of the connection's log: the summary (direction,
 * kind, type, URI, request and second ids) computed once, appended with the raw frame.
 */

#include "config.h"

#include "sock-session-private.h"

guint64
_sock_session_log (SockSession      *self,
                   SockLogDirection  direction,
                   SockLogKind       kind,
                   guint8            type,
                   const char       *uri,
                   guint64           request_id,
                   guint64           second_id,
                   guint8            flags,
                   const guint8     *raw,
                   gsize             len,
                   gint64            time_us)
{
  SockLogEntry entry = {
    .time_us = time_us ? time_us : g_get_real_time (),
    .request_id = request_id,
    .second_id = second_id,
    .uri = uri ? _sock_session_intern_uri (self, uri) : 0,
    .size = (guint32)MIN (len, G_MAXUINT32),
    .direction = direction,
    .kind = kind,
    .type = type,
    .flags = flags,
  };

  return _sock_session_append (self, &entry, raw, len);
}

static guint64
id_or_zero (gint64 id)
{
  return id > 0 ? (guint64)id : 0;
}

guint64
_sock_session_log_message_for (SockSession           *self,
                               SockLogDirection       direction,
                               const SockWampMessage *message,
                               const char            *request_uri,
                               const guint8          *raw,
                               gsize                  len,
                               gint64                 time_us)
{
  guint64 request_id = id_or_zero (message->request_id);
  guint64 second_id = message->id > 0 ? (guint64)message->id : id_or_zero (message->publication);
  const char *uri;

  if (message->version == SOCK_WAMP_V1)
    {
      /* our v1 call ids are decimal numbers, so that the log can keep them as request ids */
      const char *call_id = sock_wamp_message_get_call_id (message);
      guint64 number;

      if (call_id != NULL && g_ascii_string_to_unsigned (call_id, 10, 1, G_MAXINT64, &number, NULL))
        request_id = number;
      second_id = 0;
    }

  uri = sock_wamp_message_get_uri (message);
  return _sock_session_log (self, direction,
                            message->version == SOCK_WAMP_V1 ? SOCK_LOG_KIND_WAMP1 : SOCK_LOG_KIND_WAMP2,
                            (guint8)message->type, uri ? uri : request_uri, request_id, second_id,
                            message->version == SOCK_WAMP_V2 ? _sock_session_serializer_flags (self)
                                                             : SOCK_LOG_FLAG_NONE,
                            raw, len, time_us);
}

guint64
_sock_session_log_message (SockSession           *self,
                           SockLogDirection       direction,
                           const SockWampMessage *message,
                           const guint8          *raw,
                           gsize                  len,
                           gint64                 time_us)
{
  return _sock_session_log_message_for (self, direction, message, NULL, raw, len, time_us);
}
