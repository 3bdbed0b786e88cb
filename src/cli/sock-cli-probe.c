/* sock-cli-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli probe URL`: connect once, print the handshake and what went wrong.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-format.h"
#include "sock-json-write.h"
#include "sock-safe-text.h"
#include "sock-probe.h"
#include "sock-wamp-serializer.h"

#define BODY_LINES 12

/* Everything the server chose (headers, reason, body, frames, certificate names) and the
 * diagnosis that quotes it is shown through this: no escape sequence reaches the terminal. */
static char *
safe (const char *text)
{
  return sock_safe_text (text ? text : "", -1, SOCK_SAFE_TEXT_MAX_CHARS, SOCK_SAFE_TEXT_ONE_LINE);
}

static void
print_headers (const char         *prefix,
               const char * const *headers)
{
  for (guint i = 0; headers != NULL && headers[i] && headers[i + 1]; i += 2)
    {
      g_autofree char *name = safe (headers[i]);
      g_autofree char *value = safe (headers[i + 1]);

      printf ("%s %s: %s\n", prefix, name, value);
    }
}

static void
print_body (SockHandshake *handshake)
{
  g_autofree char *text = sock_handshake_dup_body_text (handshake);
  g_auto(GStrv) lines = NULL;
  guint n;

  if (text == NULL || *text == '\0')
    return;

  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  printf ("\n%s\n", sock_handshake_get_body_truncated (handshake) ? _("Response body (first 4 KiB):")
                                                                    : _("Response body:"));
  for (guint i = 0; i < n && i < BODY_LINES; i++)
    {
      g_autofree char *line = sock_safe_text (lines[i], -1, 200, SOCK_SAFE_TEXT_ONE_LINE);

      printf ("  %s\n", line);
    }
  if (n > BODY_LINES)
    printf ("  %s\n", _("…"));
}

static void
print_timing (GString    *out,
              const char *label,
              double      ms)
{
  g_autofree char *figure = NULL;

  if (ms < 0)
    return;
  figure = sock_format_decimal (ms, 1);
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append_printf (out, "%s %s ms", label, figure);
}

static void
print_timings (SockHandshake *handshake)
{
  const SockTimings *t = sock_handshake_get_timings (handshake);
  g_autoptr(GString) out = g_string_new (NULL);

  if (t == NULL)
    return;

  print_timing (out, _("DNS"), t->dns_end);
  print_timing (out, _("connected"), t->connect_end);
  print_timing (out, _("TLS from"), t->tls_start);
  print_timing (out, _("request sent"), t->request_start);
  print_timing (out, _("response"), t->response_start);
  if (out->len > 0)
    printf ("\n%s %s\n", _("Timings:"), out->str);
}

static void
print_tls (SockHandshake *handshake)
{
  GDateTime *from = sock_handshake_get_cert_not_before (handshake);
  GDateTime *until = sock_handshake_get_cert_not_after (handshake);

  if (sock_handshake_get_cert_sha256 (handshake) == NULL)
    return;

  printf ("\n%s\n", _("TLS:"));
  g_autofree char *subject = safe (sock_handshake_get_cert_subject (handshake));
  g_autofree char *issuer = safe (sock_handshake_get_cert_issuer (handshake));

  if (sock_handshake_get_tls_version (handshake) != NULL)
    printf ("  %s %s, %s\n", _("Protocol"), sock_handshake_get_tls_version (handshake),
            sock_handshake_get_tls_cipher (handshake) ? sock_handshake_get_tls_cipher (handshake) : "");
  printf ("  %s %s\n", _("Subject"), subject);
  printf ("  %s  %s\n", _("Issuer"), issuer);
  if (from != NULL && until != NULL)
    {
      g_autofree char *a = g_date_time_format (from, "%Y-%m-%d %H:%M UTC");
      g_autofree char *b = g_date_time_format (until, "%Y-%m-%d %H:%M UTC");
      printf ("  %s   %s – %s\n", _("Valid"), a, b);
    }
  printf ("  SHA-256 %s\n", sock_handshake_get_cert_sha256 (handshake));
}

static void
print_early (SockHandshake *handshake)
{
  guint n = sock_handshake_get_n_early_frames (handshake);

  for (guint i = 0; i < n; i++)
    {
      const SockEarlyFrame *frame = sock_handshake_get_early_frame (handshake, i);
      gsize len;
      const char *data = g_bytes_get_data (frame->data, &len);
      g_autofree char *at = sock_format_decimal (frame->at_ms, 0);

      if (frame->is_text)
        {
          g_autofree char *text = sock_safe_text (data, len, 200, SOCK_SAFE_TEXT_ONE_LINE);

          printf ("< [%s ms] %s\n", at, text);
        }
      else
        printf ("< [%s ms] %s\n", at, _("(binary frame)"));
    }

  if (sock_handshake_get_closed_early (handshake))
    {
      g_autofree char *reason = safe (sock_handshake_get_close_reason (handshake));
      g_autofree char *at = sock_format_decimal (sock_handshake_get_close_at_ms (handshake), 0);

      printf ("< [%s ms] %s %u %s\n", at, _("close"),
              sock_handshake_get_close_code (handshake), reason);
    }
}

static void
print_diagnosis (SockDiagnosis *diagnosis)
{
  const char * const *hints = sock_diagnosis_get_hints (diagnosis);
  const char * const *evidence = sock_diagnosis_get_evidence (diagnosis);
  const char *mark;

  switch (sock_diagnosis_get_severity (diagnosis))
    {
    case SOCK_SEVERITY_OK: mark = "✓"; break;
    case SOCK_SEVERITY_WARNING: mark = "!"; break;
    case SOCK_SEVERITY_ERROR:
    default: mark = "✗"; break;
    }

  g_autofree char *title = safe (sock_diagnosis_get_title (diagnosis));
  g_autofree char *explanation = sock_safe_text (sock_diagnosis_get_explanation (diagnosis), -1, 0, 0);

  printf ("\n%s %s  [%s]\n", mark, title, sock_diagnosis_get_id (diagnosis));
  printf ("  %s\n", explanation);
  if (hints != NULL && hints[0] != NULL)
    {
      printf ("\n  %s\n", _("What to try:"));
      for (guint i = 0; hints[i]; i++)
        {
          g_autofree char *hint = sock_safe_text (hints[i], -1, 0, 0);

          printf ("  • %s\n", hint);
        }
    }
  if (evidence != NULL && evidence[0] != NULL)
    {
      printf ("\n  %s\n", _("Seen:"));
      for (guint i = 0; evidence[i]; i++)
        {
          g_autofree char *seen = safe (evidence[i]);

          printf ("    %s\n", seen);
        }
    }
}

/* The WAMP v2 serializer the agreed subprotocol stands for: FALSE for any other. */
static gboolean
agreed_serializer (SockHandshake      *handshake,
                   SockWampSerializer *serializer,
                   gboolean           *batched)
{
  return sock_wamp_serializer_from_subprotocol (sock_handshake_get_protocol (handshake), serializer, batched);
}

static void
print_text (SockHandshake *handshake,
            SockDiagnosis *diagnosis)
{
  g_autofree char *url = safe (sock_handshake_get_url (handshake));
  g_autofree char *request_line = safe (sock_handshake_get_request_line (handshake));
  g_autofree char *version = safe (sock_handshake_get_http_version (handshake));
  g_autofree char *reason = safe (sock_handshake_get_reason (handshake));
  SockWampSerializer serializer;
  gboolean batched;

  printf ("%s %s\n", _("Probing"), url);
  if (sock_handshake_get_remote_address (handshake) != NULL)
    printf ("%s %s\n", _("Connected to"), sock_handshake_get_remote_address (handshake));

  if (sock_handshake_get_request_headers (handshake)[0] != NULL)
    {
      printf ("\n> %s\n", request_line);
      print_headers (">", sock_handshake_get_request_headers (handshake));
    }
  if (sock_handshake_get_status (handshake) != 0)
    {
      printf ("\n< %s %u %s\n", version, sock_handshake_get_status (handshake), reason);
      print_headers ("<", sock_handshake_get_response_headers (handshake));
    }
  else if (sock_handshake_get_response_headers (handshake)[0] != NULL)
    {
      /* RawSocket: the reply's bytes and what they say, without a status line */
      printf ("\n");
      print_headers ("<", sock_handshake_get_response_headers (handshake));
    }
  print_body (handshake);
  print_early (handshake);
  print_timings (handshake);
  print_tls (handshake);
  if (agreed_serializer (handshake, &serializer, &batched))
    /* TRANSLATORS: "Serializer: MessagePack" or "Serializer: CBOR, batched" */
    printf ("\n%s %s%s\n", _("Serializer:"), sock_wamp_serializer_get_name (serializer),
            batched ? _(", batched") : "");
  print_diagnosis (diagnosis);
}

static void
print_json (SockHandshake *handshake,
            SockDiagnosis *diagnosis)
{
  g_autoptr(JsonNode) root = sock_handshake_to_json (handshake);
  g_autoptr(GString) line = g_string_new (NULL);
  JsonObject *object = json_node_get_object (root);
  SockWampSerializer serializer;
  gboolean batched;

  json_object_set_boolean_member (object, "ok", sock_diagnosis_get_severity (diagnosis) != SOCK_SEVERITY_ERROR);
  json_object_set_member (object, "diagnosis", sock_diagnosis_to_json (diagnosis));
  if (agreed_serializer (handshake, &serializer, &batched))
    {
      static const char * const ids[] = { "json", "msgpack", "cbor" };

      json_object_set_string_member (object, "serializer", ids[serializer]);
      json_object_set_boolean_member (object, "batched", batched);
    }

  /* The JSON writer escapes what a terminal would act on, and never writes invalid UTF-8. */
  sock_json_write_node (line, root);
  puts (line->str);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean      interrupted;
} Probe;

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Probe *probe = user_data;

  probe->result = g_object_ref (result);
  g_main_loop_quit (probe->loop);
}

/* Ctrl+C: the probe is cancelled (which takes a moment, not a timeout) and the run ends with 130. */
static gboolean
on_interrupt (gpointer user_data)
{
  Probe *probe = user_data;

  probe->interrupted = TRUE;
  g_cancellable_cancel (probe->cancellable);
  return G_SOURCE_CONTINUE;
}

static SockDiagnosis *
run_probe (SockProfile    *profile,
           SockHandshake **handshake,
           GError        **error,
           gboolean       *interrupted)
{
  Probe probe = { g_main_loop_new (NULL, FALSE), g_cancellable_new (), NULL, FALSE };
  guint interrupt = g_unix_signal_add (SIGINT, on_interrupt, &probe);
  SockDiagnosis *diagnosis;

  sock_probe_async (profile, probe.cancellable, probe_cb, &probe);
  g_main_loop_run (probe.loop);
  g_source_remove (interrupt);
  diagnosis = sock_probe_finish (probe.result, handshake, error);
  /* let the transport send its close frame */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  *interrupted = probe.interrupted;
  g_object_unref (probe.result);
  g_object_unref (probe.cancellable);
  g_main_loop_unref (probe.loop);
  return diagnosis;
}

int
sock_cli_probe (int    argc,
                char **argv)
{
  SockCliConnectOptions options = { 0 };
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object instead of text"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL — connect once and explain the handshake"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) connect_error = NULL;
  g_autoptr(SockConnectOptions) connect = NULL;
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  gboolean interrupted = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, sock_cli_connect_option_group (&options));
  g_option_context_set_description (context,
    _("Exit status: 0 when the WebSocket opened and a subprotocol was agreed (or none was asked for),\n"
      "1 when it failed (the diagnosis says why), 2 on bad usage."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_printerr ("%s", error->message);
      sock_cli_connect_options_clear (&options);
      return SOCK_CLI_EXIT_USAGE;
    }

  if (argc != 2)
    {
      sock_cli_printerr ("%s", argc < 2 ? _("probe needs a URL, e.g. sockscope-cli probe ws://localhost:8080/ws")
                                        : _("probe takes exactly one URL"));
      sock_cli_connect_options_clear (&options);
      return SOCK_CLI_EXIT_USAGE;
    }

  connect = sock_cli_connect_options_build (&options, argv[1], &error);
  sock_cli_connect_options_clear (&options);
  if (connect == NULL)
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }

  diagnosis = run_probe (sock_connect_options_get_profile (connect), &handshake, &connect_error, &interrupted);
  if (interrupted)
    return SOCK_CLI_EXIT_INTERRUPTED;
  if (diagnosis == NULL)
    {
      sock_cli_printerr ("%s", connect_error ? connect_error->message : _("the probe was cancelled"));
      return SOCK_CLI_EXIT_FAILED;
    }

  if (json)
    print_json (handshake, diagnosis);
  else
    print_text (handshake, diagnosis);
  fflush (stdout);

  return sock_diagnosis_get_severity (diagnosis) == SOCK_SEVERITY_ERROR ? SOCK_CLI_EXIT_FAILED : SOCK_CLI_EXIT_OK;
}
