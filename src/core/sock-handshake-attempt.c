/* sock-handshake-attempt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-format.h"
#include "sock-handshake-attempt.h"

struct _SockHandshakeAttempt
{
  GObject         parent_instance;

  SockHandshake  *handshake;
  SockDiagnosis  *diagnosis;
  char           *error_message;
  GDateTime      *started;
  double          duration_ms;
  SockTlsPolicy   tls_policy;
  char           *ca_file;
  GStrv           extra_headers;
};

G_DEFINE_FINAL_TYPE (SockHandshakeAttempt, sock_handshake_attempt, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HANDSHAKE,
  PROP_DIAGNOSIS,
  PROP_SUCCEEDED,
  PROP_OUTCOME,
  PROP_TITLE,
  PROP_DURATION_MS,
  PROP_SEVERITY,
  PROP_TIME_TEXT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_handshake_attempt_finalize (GObject *object)
{
  SockHandshakeAttempt *self = SOCK_HANDSHAKE_ATTEMPT (object);

  g_clear_object (&self->handshake);
  g_clear_pointer (&self->diagnosis, sock_diagnosis_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->extra_headers, g_strfreev);

  G_OBJECT_CLASS (sock_handshake_attempt_parent_class)->finalize (object);
}

static void
sock_handshake_attempt_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SockHandshakeAttempt *self = SOCK_HANDSHAKE_ATTEMPT (object);

  switch (prop_id)
    {
    case PROP_HANDSHAKE: g_value_set_object (value, self->handshake); break;
    case PROP_DIAGNOSIS: g_value_set_boxed (value, self->diagnosis); break;
    case PROP_SUCCEEDED: g_value_set_boolean (value, sock_handshake_attempt_get_succeeded (self)); break;
    case PROP_OUTCOME: g_value_set_string (value, sock_handshake_attempt_get_outcome (self)); break;
    case PROP_TITLE: g_value_set_string (value, sock_handshake_attempt_get_title (self)); break;
    case PROP_DURATION_MS: g_value_set_double (value, self->duration_ms); break;
    case PROP_SEVERITY: g_value_set_int (value, sock_diagnosis_get_severity (self->diagnosis)); break;
    case PROP_TIME_TEXT: g_value_take_string (value, sock_handshake_attempt_dup_time_text (self)); break;
    case PROP_SUMMARY: g_value_take_string (value, sock_handshake_attempt_dup_summary (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_handshake_attempt_class_init (SockHandshakeAttemptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_handshake_attempt_finalize;
  object_class->get_property = sock_handshake_attempt_get_property;

  properties[PROP_HANDSHAKE] = g_param_spec_object ("handshake", NULL, NULL, SOCK_TYPE_HANDSHAKE, flags);
  properties[PROP_DIAGNOSIS] = g_param_spec_boxed ("diagnosis", NULL, NULL, SOCK_TYPE_DIAGNOSIS, flags);
  properties[PROP_SUCCEEDED] = g_param_spec_boolean ("succeeded", NULL, NULL, FALSE, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DURATION_MS] = g_param_spec_double ("duration-ms", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, SOCK_SEVERITY_OK, SOCK_SEVERITY_ERROR,
                                                SOCK_SEVERITY_OK, flags);
  properties[PROP_TIME_TEXT] = g_param_spec_string ("time-text", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_handshake_attempt_init (SockHandshakeAttempt *self)
{
  self->duration_ms = -1;
}

/* The last step the metrics saw, when the caller did not measure the attempt itself. */
static double
duration_from_timings (SockHandshake *handshake)
{
  const SockTimings *t = sock_handshake_get_timings (handshake);
  double steps[] = { t->dns_end, t->connect_end, t->request_start, t->response_start, t->response_end };
  double last = -1;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    last = MAX (last, steps[i]);
  return last;
}

SockHandshakeAttempt *
sock_handshake_attempt_new (SockHandshake *handshake,
                            const GError  *error,
                            SockDiagnosis *diagnosis,
                            GDateTime     *started,
                            double         duration_ms)
{
  SockHandshakeAttempt *self;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), NULL);

  self = g_object_new (SOCK_TYPE_HANDSHAKE_ATTEMPT, NULL);
  self->handshake = g_object_ref (handshake);
  self->diagnosis = diagnosis ? sock_diagnosis_ref (diagnosis) : sock_diagnose (error, handshake);
  self->error_message = error ? g_strdup (error->message) : NULL;
  self->started = started ? g_date_time_ref (started) : g_date_time_new_now_utc ();
  self->duration_ms = duration_ms >= 0 ? duration_ms : duration_from_timings (handshake);
  return self;
}

SockHandshake *
sock_handshake_attempt_get_handshake (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return self->handshake;
}

SockDiagnosis *
sock_handshake_attempt_get_diagnosis (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return self->diagnosis;
}

void
sock_handshake_attempt_set_diagnosis (SockHandshakeAttempt *self,
                                      SockDiagnosis        *diagnosis)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self));
  g_return_if_fail (diagnosis != NULL);

  if (diagnosis == self->diagnosis)
    return;
  g_clear_pointer (&self->diagnosis, sock_diagnosis_unref);
  self->diagnosis = sock_diagnosis_ref (diagnosis);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

gboolean
sock_handshake_attempt_get_succeeded (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), FALSE);
  return self->error_message == NULL;
}

const char *
sock_handshake_attempt_get_error_message (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return self->error_message;
}

GDateTime *
sock_handshake_attempt_get_started (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return self->started;
}

double
sock_handshake_attempt_get_duration_ms (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), -1);
  return self->duration_ms;
}

const char *
sock_handshake_attempt_get_outcome (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);

  if (!sock_handshake_attempt_get_succeeded (self))
    return _("Failed");
  if (sock_handshake_get_closed_early (self->handshake))
    return _("Closed right after opening");
  return _("Opened");
}

const char *
sock_handshake_attempt_get_title (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return sock_diagnosis_get_title (self->diagnosis);
}

char *
sock_handshake_attempt_dup_status_text (SockHandshakeAttempt *self)
{
  guint status;
  const char *reason;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);

  status = sock_handshake_get_status (self->handshake);
  reason = sock_handshake_get_reason (self->handshake);
  if (status == 0)
    return g_strdup (_("No response"));
  return reason && *reason ? g_strdup_printf ("%u %s", status, reason) : g_strdup_printf ("%u", status);
}

char *
sock_handshake_attempt_dup_time_text (SockHandshakeAttempt *self)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);

  local = g_date_time_to_local (self->started);
  return g_date_time_format (local, "%H:%M:%S");
}

char *
sock_handshake_attempt_dup_summary (SockHandshakeAttempt *self)
{
  g_autofree char *status = NULL;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);

  status = sock_handshake_attempt_dup_status_text (self);
  if (self->duration_ms < 0)
    return g_steal_pointer (&status);
  if (self->duration_ms < 999.5)
    {
      g_autofree char *ms = sock_format_decimal (self->duration_ms, 0);

      /* TRANSLATORS: a response status and how long the attempt took, e.g. "101 Switching Protocols · 12 ms" */
      return g_strdup_printf (_("%s · %s ms"), status, ms);
    }
  return g_strdup_printf (_("%s · %.1f s"), status, self->duration_ms / 1000);
}

SockTlsPolicy
sock_handshake_attempt_get_tls_policy (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), SOCK_TLS_VERIFY);
  return self->tls_policy;
}

const char *
sock_handshake_attempt_get_ca_file (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return self->ca_file;
}

const char * const *
sock_handshake_attempt_get_extra_headers (SockHandshakeAttempt *self)
{
  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self), NULL);
  return (const char * const *) self->extra_headers;
}

void
sock_handshake_attempt_set_profile (SockHandshakeAttempt *self,
                                    SockProfile          *profile)
{
  g_return_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (self));
  g_return_if_fail (SOCK_IS_PROFILE (profile));

  self->tls_policy = sock_profile_get_tls_policy (profile);
  g_free (self->ca_file);
  self->ca_file = g_strdup (sock_profile_get_ca_file (profile));
  g_strfreev (self->extra_headers);
  self->extra_headers = g_strdupv ((char **) sock_profile_get_headers (profile));
}
