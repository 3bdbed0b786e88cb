/* sock-raw-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-raw-session.h"
#include "sock-session-private.h"

struct _SockRawSession
{
  SockSession parent_instance;
};

G_DEFINE_FINAL_TYPE (SockRawSession, sock_raw_session, SOCK_TYPE_SESSION)

static void
sock_raw_session_receive (SockSession  *session,
                          gboolean      is_text,
                          const guint8 *data,
                          gsize         len,
                          gint64        time_us)
{
  _sock_session_log (session, SOCK_LOG_DIRECTION_IN, is_text ? SOCK_LOG_KIND_TEXT : SOCK_LOG_KIND_BINARY, 0,
                     NULL, 0, 0, is_text ? SOCK_LOG_FLAG_NONE : SOCK_LOG_FLAG_BINARY, data, len, time_us);
}

static void
sock_raw_session_join (SockSession *session)
{
  _sock_session_joined (session);
}

static void
sock_raw_session_leave (SockSession *session)
{
  _sock_session_closed (session, NULL);
  sock_transport_close (sock_session_get_transport (session), 1000, NULL);
}

static void
sock_raw_session_lost (SockSession  *session,
                       const GError *error)
{
}

static void
not_supported (GTask *task)
{
  g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_SUPPORTED,
                           _("This connection speaks no WAMP (raw mode): send frames instead"));
}

static void
sock_raw_session_subscribe (SockSession *session, const char *topic, SockMatch match, GTask *task)
{
  not_supported (task);
}

static void
sock_raw_session_publish (SockSession *session, const char *topic, const char *args, const char *kwargs,
                          const SockPublishOptions *options, GTask *task)
{
  not_supported (task);
}

static void
sock_raw_session_call (SockSession *session, const char *procedure, const char *args, const char *kwargs,
                       const SockCallOptions *options, SockProgressFunc progress, gpointer progress_data,
                       GTask *task)
{
  not_supported (task);
}

static void
sock_raw_session_class_init (SockRawSessionClass *klass)
{
  SockSessionClass *session_class = SOCK_SESSION_CLASS (klass);

  session_class->receive = sock_raw_session_receive;
  session_class->join = sock_raw_session_join;
  session_class->leave = sock_raw_session_leave;
  session_class->lost = sock_raw_session_lost;
  session_class->subscribe = sock_raw_session_subscribe;
  session_class->unsubscribe = sock_raw_session_subscribe;
  session_class->publish = sock_raw_session_publish;
  session_class->call = sock_raw_session_call;
}

static void
sock_raw_session_init (SockRawSession *self)
{
}

SockRawSession *
sock_raw_session_new (SockTransport  *transport,
                      SockMessageLog *log,
                      const char     *reason)
{
  g_return_val_if_fail (SOCK_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (log), NULL);

  return g_object_new (SOCK_TYPE_RAW_SESSION, "transport", transport, "log", log,
                       "kind", SOCK_SESSION_KIND_RAW, "reason", reason, NULL);
}
