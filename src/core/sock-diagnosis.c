/* sock-diagnosis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis record and the ordered rule table. Each rule is a match function and a builder
 * (in sock-diagnosis-network.c, -http.c and -open.c); the first rule that matches wins, so a
 * specific rule comes before a general one (a pin mismatch before an untrusted certificate, an
 * early close before "ok").
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "sock-diagnosis-private.h"

struct _SockDiagnosis
{
  grefcount     ref_count;
  char         *id;
  SockSeverity  severity;
  char         *title;
  GString      *explanation;
  GPtrArray    *hints;     /* NULL-terminated */
  GPtrArray    *window_hints;  /* NULL-terminated; one for each hint */
  SockFixKind   fix;
  char         *fix_value;
  GPtrArray    *evidence;  /* NULL-terminated */
};

G_DEFINE_BOXED_TYPE (SockDiagnosis, sock_diagnosis, sock_diagnosis_ref, sock_diagnosis_unref)

typedef struct
{
  const char    *id;
  SockDiagMatch  match;
  SockDiagBuild  build;
} SockDiagRule;

#define RULE(id, name) { id, _sock_diag_match_##name, _sock_diag_build_##name }

static const SockDiagRule rules[] = {
  /* Before any response */
  RULE ("dns-failure", dns_failure),
  RULE ("connection-refused", connection_refused),
  RULE ("host-unreachable", host_unreachable),
  RULE ("rawsocket-refused", rawsocket_refused),
  RULE ("rawsocket-silent", rawsocket_silent),
  RULE ("connect-timeout", connect_timeout),
  RULE ("tls-timeout", tls_timeout),
  RULE ("response-timeout", response_timeout),
  RULE ("tls-pin-mismatch", tls_pin_mismatch),
  RULE ("tls-not-tls", tls_not_tls),
  RULE ("tls-untrusted", tls_untrusted),
  RULE ("tls-expired", tls_expired),
  RULE ("tls-name-mismatch", tls_name_mismatch),
  RULE ("tls-failed", tls_failed),
  RULE ("response-headers-too-big", response_headers_too_big),
  RULE ("plain-to-tls-port", plain_to_tls_port),
  RULE ("closed-before-response", closed_before_response),
  /* A response other than 101 */
  RULE ("http-redirect", http_redirect),
  RULE ("http-200", http_200),
  RULE ("http-400", http_400),
  RULE ("http-401", http_401),
  RULE ("http-403", http_403),
  RULE ("http-404", http_404),
  RULE ("http-405", http_405),
  RULE ("http-426", http_426),
  RULE ("http-5xx", http_5xx),
  RULE ("http-other", http_other),
  /* A 101 that libsoup refused */
  RULE ("bad-accept", bad_accept),
  RULE ("unexpected-subprotocol", unexpected_subprotocol),
  RULE ("not-websocket", not_websocket),
  /* Opened: what happened right after */
  RULE ("rawsocket-broken", rawsocket_broken),
  RULE ("message-too-big", message_too_big),
  RULE ("close-invalid-code", close_invalid_code),
  RULE ("invalid-frame", invalid_frame),
  RULE ("closed-after-open", closed_after_open),
  RULE ("no-subprotocol", no_subprotocol),
  RULE ("rawsocket-ok", rawsocket_ok),
  RULE ("ok", ok),
  /* Always matches */
  RULE ("unknown", unknown),
};

static SockDiagnosis *
sock_diagnosis_new (const char *id)
{
  SockDiagnosis *self = g_new0 (SockDiagnosis, 1);

  g_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->severity = SOCK_SEVERITY_ERROR;
  self->explanation = g_string_new (NULL);
  self->hints = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->window_hints = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->evidence = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  return self;
}

static void
sock_diagnosis_free (SockDiagnosis *self)
{
  g_free (self->id);
  g_free (self->title);
  g_string_free (self->explanation, TRUE);
  g_ptr_array_unref (self->hints);
  g_ptr_array_unref (self->window_hints);
  g_free (self->fix_value);
  g_ptr_array_unref (self->evidence);
  g_free (self);
}

SockDiagnosis *
sock_diagnosis_ref (SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
sock_diagnosis_unref (SockDiagnosis *self)
{
  g_return_if_fail (self != NULL);
  if (g_ref_count_dec (&self->ref_count))
    sock_diagnosis_free (self);
}

SockDiagnosis *
sock_diagnose (const GError  *error,
               SockHandshake *handshake)
{
  SockDiagContext ctx = { 0 };

  g_return_val_if_fail (SOCK_IS_HANDSHAKE (handshake), NULL);

  ctx.error = error;
  ctx.hs = handshake;
  ctx.status = sock_handshake_get_status (handshake);
  ctx.phase = sock_handshake_get_phase (handshake);
  ctx.opened = error == NULL || ctx.phase == SOCK_PHASE_OPEN;
  ctx.conn_error = sock_handshake_get_connection_error (handshake);
  /* The caller may hand an error raised on the open connection as the error itself. */
  if (ctx.conn_error == NULL && error != NULL && ctx.phase == SOCK_PHASE_OPEN)
    ctx.conn_error = error;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      SockDiagnosis *self;

      if (!rules[i].match (&ctx))
        continue;
      self = sock_diagnosis_new (rules[i].id);
      rules[i].build (self, &ctx);
      /* an answer other than 101 may say itself why: quote it rather than only guess */
      if (ctx.status >= 200 && ctx.status != 101)
        _sock_diag_quote_answer (self, handshake);
      g_assert (self->title != NULL);
      return self;
    }

  g_assert_not_reached ();
  return NULL;
}

const char *
sock_diagnosis_get_id (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

SockSeverity
sock_diagnosis_get_severity (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, SOCK_SEVERITY_ERROR);
  return self->severity;
}

const char *
sock_diagnosis_get_title (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
sock_diagnosis_get_explanation (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->explanation->str;
}

const char * const *
sock_diagnosis_get_hints (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->hints->pdata;
}

const char * const *
sock_diagnosis_get_window_hints (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->window_hints->pdata;
}

SockFixKind
sock_diagnosis_get_fix (const SockDiagnosis  *self,
                        const char          **value)
{
  g_return_val_if_fail (self != NULL, SOCK_FIX_NONE);
  if (value != NULL)
    *value = self->fix_value;
  return self->fix;
}

const char * const *
sock_diagnosis_get_evidence (const SockDiagnosis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->evidence->pdata;
}

gboolean
sock_diagnosis_has_hint (const SockDiagnosis *self,
                         const char          *needle)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  for (guint i = 0; i < self->hints->len; i++)
    if (strstr (g_ptr_array_index (self->hints, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

JsonNode *
sock_diagnosis_to_json (const SockDiagnosis *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, sock_severity_to_string (self->severity));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "explanation");
  json_builder_add_string_value (builder, self->explanation->str);
  add_string_array (builder, "hints", self->hints);
  add_string_array (builder, "evidence", self->evidence);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
sock_severity_to_string (SockSeverity severity)
{
  switch (severity)
    {
    case SOCK_SEVERITY_OK:      return "ok";
    case SOCK_SEVERITY_WARNING: return "warning";
    case SOCK_SEVERITY_ERROR:   return "error";
    default:                    return "unknown";
    }
}

const char *
sock_close_code_describe (guint code)
{
  switch (code)
    {
    case 1000: return _("Normal closure");
    case 1001: return _("Going away");
    case 1002: return _("Protocol error");
    case 1003: return _("Unsupported data");
    case 1004: return _("Reserved (never sent)");
    case 1005: return _("No status received (reserved, never sent)");
    case 1006: return _("Abnormal closure (reserved, never sent)");
    case 1007: return _("Invalid payload data");
    case 1008: return _("Policy violation");
    case 1009: return _("Message too big");
    case 1010: return _("Mandatory extension missing");
    case 1011: return _("Internal server error");
    case 1012: return _("Service restart");
    case 1013: return _("Try again later");
    case 1014: return _("Bad gateway");
    case 1015: return _("TLS handshake failure (reserved, never sent)");
    case 3000: return _("Unauthorized");
    case 3003: return _("Forbidden");
    case 3008: return _("Timeout");
    default:   return NULL;
    }
}

/* Filling in */

void
_sock_diagnosis_set_severity (SockDiagnosis *self,
                              SockSeverity   severity)
{
  self->severity = severity;
}

void
_sock_diagnosis_set_title (SockDiagnosis *self,
                           const char    *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  g_free (self->title);
  self->title = g_strdup_vprintf (format, args);
  va_end (args);
}

void
_sock_diagnosis_explain (SockDiagnosis *self,
                         const char    *format,
                         ...)
{
  va_list args;

  if (self->explanation->len > 0)
    g_string_append_c (self->explanation, ' ');
  va_start (args, format);
  g_string_append_vprintf (self->explanation, format, args);
  va_end (args);
}

void
_sock_diagnosis_hint (SockDiagnosis *self,
                      const char    *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->hints, g_strdup_vprintf (format, args));
  va_end (args);
  g_ptr_array_add (self->window_hints, g_strdup (g_ptr_array_index (self->hints, self->hints->len - 1)));
}

void
_sock_diagnosis_window_hint (SockDiagnosis *self,
                             const char    *format,
                             ...)
{
  va_list args;
  guint last = self->window_hints->len - 1;

  g_assert (self->window_hints->len > 0);
  g_free (g_ptr_array_index (self->window_hints, last));
  va_start (args, format);
  g_ptr_array_index (self->window_hints, last) = g_strdup_vprintf (format, args);
  va_end (args);
}

void
_sock_diagnosis_set_fix (SockDiagnosis *self,
                         SockFixKind    kind,
                         const char    *value)
{
  g_assert ((kind == SOCK_FIX_NONE) == (value == NULL));
  self->fix = kind;
  g_free (self->fix_value);
  self->fix_value = g_strdup (value);
}

void
_sock_diagnosis_evidence (SockDiagnosis *self,
                          const char    *format,
                          ...)
{
  va_list args;
  char *line;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  /* The same fact can be reached by two helpers; show it once. */
  for (guint i = 0; i < self->evidence->len; i++)
    if (g_str_equal (g_ptr_array_index (self->evidence, i), line))
      {
        g_free (line);
        return;
      }
  g_ptr_array_add (self->evidence, line);
}
