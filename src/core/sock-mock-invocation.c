/* sock-mock-invocation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-mock-callee-private.h"

struct _SockMockInvocation
{
  GObject          parent_instance;

  gint64           time_us;
  gint64           request;
  char            *procedure;
  char            *args;
  char            *kwargs;
  SockMockOutcome  outcome;
  guint            n_progress;
};

G_DEFINE_FINAL_TYPE (SockMockInvocation, sock_mock_invocation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_REQUEST,
  PROP_PROCEDURE,
  PROP_ARGS,
  PROP_KWARGS,
  PROP_OUTCOME,
  PROP_N_PROGRESS,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sock_mock_invocation_finalize (GObject *object)
{
  SockMockInvocation *self = SOCK_MOCK_INVOCATION (object);

  g_free (self->procedure);
  g_free (self->args);
  g_free (self->kwargs);

  G_OBJECT_CLASS (sock_mock_invocation_parent_class)->finalize (object);
}

static void
sock_mock_invocation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SockMockInvocation *self = SOCK_MOCK_INVOCATION (object);

  switch (prop_id)
    {
    case PROP_TIME: g_value_set_int64 (value, self->time_us); break;
    case PROP_REQUEST: g_value_set_int64 (value, self->request); break;
    case PROP_PROCEDURE: g_value_set_string (value, self->procedure); break;
    case PROP_ARGS: g_value_set_string (value, self->args); break;
    case PROP_KWARGS: g_value_set_string (value, self->kwargs); break;
    case PROP_OUTCOME: g_value_set_int (value, self->outcome); break;
    case PROP_N_PROGRESS: g_value_set_uint (value, self->n_progress); break;
    case PROP_SUMMARY: g_value_take_string (value, sock_mock_invocation_dup_summary (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_mock_invocation_class_init (SockMockInvocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_mock_invocation_finalize;
  object_class->get_property = sock_mock_invocation_get_property;

  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REQUEST] = g_param_spec_int64 ("request", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROCEDURE] = g_param_spec_string ("procedure", NULL, NULL, NULL, flags);
  properties[PROP_ARGS] = g_param_spec_string ("args", NULL, NULL, NULL, flags);
  properties[PROP_KWARGS] = g_param_spec_string ("kwargs", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_int ("outcome", NULL, NULL, SOCK_MOCK_OUTCOME_PENDING,
                                               SOCK_MOCK_OUTCOME_INTERRUPTED, SOCK_MOCK_OUTCOME_PENDING, flags);
  properties[PROP_N_PROGRESS] = g_param_spec_uint ("n-progress", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_mock_invocation_init (SockMockInvocation *self)
{
}

SockMockInvocation *
_sock_mock_invocation_new (gint64      request,
                           const char *procedure,
                           const char *args,
                           const char *kwargs)
{
  SockMockInvocation *self = g_object_new (SOCK_TYPE_MOCK_INVOCATION, NULL);

  self->time_us = g_get_real_time ();
  self->request = request;
  self->procedure = g_strdup (procedure);
  self->args = g_strdup (args);
  self->kwargs = g_strdup (kwargs);
  return self;
}

void
_sock_mock_invocation_set_outcome (SockMockInvocation *self,
                                   SockMockOutcome     outcome)
{
  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

void
_sock_mock_invocation_add_progress (SockMockInvocation *self)
{
  self->n_progress++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

gint64
sock_mock_invocation_get_time (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), 0);
  return self->time_us;
}

gint64
sock_mock_invocation_get_request (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), 0);
  return self->request;
}

const char *
sock_mock_invocation_get_procedure (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), NULL);
  return self->procedure;
}

const char *
sock_mock_invocation_get_args (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), NULL);
  return self->args;
}

const char *
sock_mock_invocation_get_kwargs (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), NULL);
  return self->kwargs;
}

SockMockOutcome
sock_mock_invocation_get_outcome (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), SOCK_MOCK_OUTCOME_PENDING);
  return self->outcome;
}

guint
sock_mock_invocation_get_n_progress (SockMockInvocation *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), 0);
  return self->n_progress;
}

static char *
plain_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
sock_mock_invocation_dup_summary (SockMockInvocation *self)
{
  return sock_mock_invocation_dup_summary_full (self, plain_count);
}

char *
sock_mock_invocation_dup_summary_full (SockMockInvocation *self,
                                       SockMockCountText   count_text)
{
  const char *outcome;
  g_autofree char *n = NULL;

  g_return_val_if_fail (SOCK_IS_MOCK_INVOCATION (self), NULL);
  g_return_val_if_fail (count_text != NULL, NULL);

  switch (self->outcome)
    {
    case SOCK_MOCK_OUTCOME_RESULT: outcome = _("Answered with a result"); break;
    case SOCK_MOCK_OUTCOME_ERROR: outcome = _("Answered with an error"); break;
    case SOCK_MOCK_OUTCOME_INTERRUPTED: outcome = _("Interrupted by the caller"); break;
    case SOCK_MOCK_OUTCOME_PENDING:
    default: outcome = _("Waiting to answer"); break;
    }
  if (self->n_progress == 0)
    return g_strdup (outcome);
  n = count_text (self->n_progress);
  /* TRANSLATORS: an invocation's outcome and the progressive results it got first ("1,000") */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s after %s progressive result",
                                       "%s after %s progressive results", self->n_progress),
                          outcome, n);
}
