/* sock-session-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deadlines of the requests a session waits on: the join, acknowledgements, calls. Each is a
 * timer on the session's main context; its expiry fails the request with words that say what
 * did not come back, and leaves a marker in the log.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-session-private.h"

struct _SockSessionDeadline
{
  SockSession      *session;   /* not a reference: the request holding us dies with the session */
  GSource          *source;
  SockDeadlineFunc  func;
  gpointer          data;
};

static GQuark
waiting_quark (void)
{
  return g_quark_from_static_string ("sock-session-n-waiting");
}

static void
add_waiting (SockSession *self,
             int          delta)
{
  guint n = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (self), waiting_quark ()));

  g_assert (delta > 0 || n > 0);
  g_object_set_qdata (G_OBJECT (self), waiting_quark (), GUINT_TO_POINTER (n + delta));
}

guint
_sock_session_get_n_waiting (SockSession *self)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (self), waiting_quark ()));
}

static gboolean
deadline_cb (gpointer user_data)
{
  SockSessionDeadline *deadline = user_data;
  g_autoptr(SockSession) hold = g_object_ref (deadline->session);

  /* func stops (and frees) the deadline */
  deadline->func (deadline->session, deadline->data);
  return G_SOURCE_REMOVE;
}

SockSessionDeadline *
_sock_session_deadline_start (SockSession      *self,
                              guint             ms,
                              SockDeadlineFunc  func,
                              gpointer          data)
{
  SockSessionDeadline *deadline = g_new0 (SockSessionDeadline, 1);

  deadline->session = self;
  deadline->func = func;
  deadline->data = data;
  if (ms > 0 && ms != G_MAXUINT)
    {
      deadline->source = g_timeout_source_new (ms);
      g_source_set_callback (deadline->source, deadline_cb, deadline, NULL);
      g_source_set_static_name (deadline->source, "[sockscope] request deadline");
      g_source_attach (deadline->source, g_main_context_get_thread_default ());
    }
  add_waiting (self, 1);
  return deadline;
}

void
_sock_session_deadline_stop (SockSessionDeadline *deadline)
{
  if (deadline == NULL)
    return;
  if (deadline->source != NULL)
    {
      g_source_destroy (deadline->source);
      g_source_unref (deadline->source);
    }
  add_waiting (deadline->session, -1);
  g_free (deadline);
}

guint
_sock_session_deadline_ms (SockSession      *self,
                           SockDeadlineKind  kind)
{
  SockProfile *profile = sock_transport_get_profile (sock_session_get_transport (self));

  switch (kind)
    {
    case SOCK_DEADLINE_JOIN: return sock_profile_get_join_timeout_ms (profile);
    case SOCK_DEADLINE_ACK: return sock_profile_get_ack_timeout_ms (profile);
    case SOCK_DEADLINE_CALL:
    default: return sock_profile_get_call_timeout_ms (profile);
    }
}

char *
_sock_format_ms (guint ms)
{
  /* TRANSLATORS: a duration in seconds, e.g. "10 s" or "0.5 s" */
  return g_strdup_printf (_("%g s"), ms / 1000.0);
}

GError *
_sock_session_timed_out (SockSession *self,
                         const char  *format,
                         ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_TIMED_OUT, format, args);
  va_end (args);
  _sock_session_marker (self, "%s", error->message);
  _sock_session_count_error (self, SOCK_STATS_ERROR_TIMEOUT, NULL);
  return error;
}
