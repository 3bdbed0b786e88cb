/* sock-cli-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is read when Prometheus scrapes, from counters the connections keep anyway: the
 * exporter adds nothing per message but the per-topic count (sock-cli-target.c).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-cli-check.h"
#include "sock-cli-metrics.h"
#include "sock-cli-target.h"
#include "sock-error.h"

/* A label value: backslash, double quote and line feed escaped, as the format asks; never invalid
 * UTF-8. */
static void
append_value (GString    *out,
              const char *value)
{
  g_autofree char *valid = g_utf8_validate (value, -1, NULL) ? NULL : g_utf8_make_valid (value, -1);

  for (const char *p = valid != NULL ? valid : value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

/* name{connection="…"[,key="value"…]} value\n; labels is NULL-terminated pairs. */
static void
sample (GString            *out,
        const char         *name,
        SockCliTarget      *target,
        const char * const *labels,
        const char         *value)
{
  g_string_append (out, name);
  g_string_append (out, "{connection=\"");
  append_value (out, target->name);
  g_string_append_c (out, '"');
  for (guint i = 0; labels != NULL && labels[i] != NULL; i += 2)
    {
      g_string_append_printf (out, ",%s=\"", labels[i]);
      append_value (out, labels[i + 1]);
      g_string_append_c (out, '"');
    }
  g_string_append_printf (out, "} %s\n", value);
}

static void
sample_u64 (GString            *out,
            const char         *name,
            SockCliTarget      *target,
            const char * const *labels,
            guint64             value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, value);
  sample (out, name, target, labels, text);
}

static void
sample_double (GString            *out,
               const char         *name,
               SockCliTarget      *target,
               const char * const *labels,
               double              value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* microseconds are what is measured: a timestamp keeps them, a duration 9 digits */
  sample (out, name, target, labels, g_ascii_formatd (text, sizeof text, value > 1e6 ? "%.6f" : "%.9g", value));
}

static void
family (GString    *out,
        const char *name,
        const char *type,
        const char *help)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);
}

static void
render_connections (GString   *out,
                    GPtrArray *targets)
{
  family (out, "sockscope_up", "gauge", "1 while the connection is open and its session joined, else 0");
  for (guint i = 0; i < targets->len; i++)
    sample_u64 (out, "sockscope_up", targets->pdata[i], NULL, sock_cli_target_is_up (targets->pdata[i]));
  family (out, "sockscope_state", "gauge",
          "1 for the state the connection is in (closed, connecting, joined, not_responding, reconnecting)");
  for (guint i = 0; i < targets->len; i++)
    {
      static const char * const names[] = { "closed", "connecting", "joined", "reconnecting", "not_responding" };
      SockConnectionState state = sock_connection_get_state (((SockCliTarget *) targets->pdata[i])->connection);

      for (guint s = 0; s < G_N_ELEMENTS (names); s++)
        sample_u64 (out, "sockscope_state", targets->pdata[i], (const char * const[]) { "state", names[s], NULL },
                    s == (guint) state);
    }
  family (out, "sockscope_reconnects_total", "counter", "Times the connection was lost and reconnecting began");
  for (guint i = 0; i < targets->len; i++)
    sample_u64 (out, "sockscope_reconnects_total", targets->pdata[i], NULL,
                ((SockCliTarget *) targets->pdata[i])->reconnects);
  family (out, "sockscope_handshake_failures_total", "counter",
          "Failed connection attempts by the id of their diagnosis");
  for (guint i = 0; i < targets->len; i++)
    {
      SockCliTarget *target = targets->pdata[i];
      g_autoptr(GList) ids = sorted_keys (target->handshake_failures);

      for (GList *l = ids; l != NULL; l = l->next)
        sample_u64 (out, "sockscope_handshake_failures_total", target,
                    (const char * const[]) { "diagnosis", l->data, NULL },
                    GPOINTER_TO_UINT (g_hash_table_lookup (target->handshake_failures, l->data)));
    }
  family (out, "sockscope_rtt_seconds", "gauge", "Round trip of the last WebSocket ping");
  for (guint i = 0; i < targets->len; i++)
    {
      SockCliTarget *target = targets->pdata[i];
      gint64 rtt = sock_connection_get_rtt_us (target->connection);

      if (rtt >= 0)
        sample_double (out, "sockscope_rtt_seconds", target, NULL, rtt / 1e6);
    }
}

static void
render_traffic (GString   *out,
                GPtrArray *targets)
{
  static const struct { const char *name, *help; SockStatsSeries in, out; } families[] = {
    { "sockscope_messages_total", "WebSocket messages by direction", SOCK_STATS_MESSAGES_IN, SOCK_STATS_MESSAGES_OUT },
    { "sockscope_bytes_total", "WebSocket payload bytes by direction", SOCK_STATS_BYTES_IN, SOCK_STATS_BYTES_OUT },
  };

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      family (out, families[f].name, "counter", families[f].help);
      for (guint i = 0; i < targets->len; i++)
        {
          SockStats *stats = sock_connection_get_stats (((SockCliTarget *) targets->pdata[i])->connection);

          sample_u64 (out, families[f].name, targets->pdata[i], (const char * const[]) { "direction", "in", NULL },
                      sock_stats_get_total (stats, families[f].in));
          sample_u64 (out, families[f].name, targets->pdata[i], (const char * const[]) { "direction", "out", NULL },
                      sock_stats_get_total (stats, families[f].out));
        }
    }
}

static void
render_topics (GString   *out,
               GPtrArray *targets,
               gboolean   last_event)
{
  const char *name = last_event ? "sockscope_last_event_timestamp_seconds" : "sockscope_events_total";

  if (last_event)
    family (out, name, "gauge", "Unix time of the newest event on the topic");
  else
    family (out, name, "counter", "Events received by topic (topics past the cap are counted as " SOCK_CLI_TOPIC_OVERFLOW ")");
  for (guint i = 0; i < targets->len; i++)
    {
      SockCliTarget *target = targets->pdata[i];
      g_autoptr(GList) topics = sorted_keys (target->topics);

      for (GList *l = topics; l != NULL; l = l->next)
        {
          SockCliTopicStats *stats = g_hash_table_lookup (target->topics, l->data);
          const char * const labels[] = { "topic", l->data, NULL };

          if (!last_event)
            sample_u64 (out, name, target, labels, stats->events);
          else if (stats->last_us > 0)
            sample_double (out, name, target, labels, stats->last_us / 1e6);
        }
      if (target->overflow.events > 0 && !last_event)
        sample_u64 (out, name, target, (const char * const[]) { "topic", SOCK_CLI_TOPIC_OVERFLOW, NULL },
                    target->overflow.events);
      else if (target->overflow.events > 0)
        sample_double (out, name, target, (const char * const[]) { "topic", SOCK_CLI_TOPIC_OVERFLOW, NULL },
                       target->overflow.last_us / 1e6);
    }
}

static void
render_check (GString       *out,
              SockCliTarget *target,
              SockCliCheck  *check)
{
  guint64 cumulative = 0;

  for (guint b = 0; b < SOCK_CLI_CHECK_N_BUCKETS; b++)
    {
      char le[G_ASCII_DTOSTR_BUF_SIZE];

      cumulative += check->buckets[b];
      g_ascii_formatd (le, sizeof le, "%g", sock_cli_check_buckets[b]);
      sample_u64 (out, "sockscope_check_duration_seconds_bucket", target,
                  (const char * const[]) { "procedure", check->procedure, "le", le, NULL }, cumulative);
    }
  sample_u64 (out, "sockscope_check_duration_seconds_bucket", target,
              (const char * const[]) { "procedure", check->procedure, "le", "+Inf", NULL }, check->count);
  sample_double (out, "sockscope_check_duration_seconds_sum", target,
                 (const char * const[]) { "procedure", check->procedure, NULL }, check->sum);
  sample_u64 (out, "sockscope_check_duration_seconds_count", target,
              (const char * const[]) { "procedure", check->procedure, NULL }, check->count);
}

static void
render_checks (GString   *out,
               GPtrArray *targets)
{
  family (out, "sockscope_check_duration_seconds", "histogram", "Round trip of the synthetic check calls");
  for (guint i = 0; i < targets->len; i++)
    {
      SockCliTarget *target = targets->pdata[i];

      for (guint c = 0; c < target->checks->len; c++)
        render_check (out, target, target->checks->pdata[c]);
    }
  family (out, "sockscope_check_failures_total", "counter", "Synthetic check calls that failed, by error");
  for (guint i = 0; i < targets->len; i++)
    {
      SockCliTarget *target = targets->pdata[i];

      for (guint c = 0; c < target->checks->len; c++)
        {
          SockCliCheck *check = target->checks->pdata[c];
          g_autoptr(GList) errors = sorted_keys (check->failures);

          for (GList *l = errors; l != NULL; l = l->next)
            sample_u64 (out, "sockscope_check_failures_total", target,
                        (const char * const[]) { "procedure", check->procedure, "error", l->data, NULL },
                        GPOINTER_TO_UINT (g_hash_table_lookup (check->failures, l->data)));
        }
    }
}

char *
sock_cli_metrics_render (GPtrArray *targets)
{
  GString *out = g_string_sized_new (4096);

  render_connections (out, targets);
  render_traffic (out, targets);
  render_topics (out, targets, FALSE);
  render_topics (out, targets, TRUE);
  render_checks (out, targets);
  return g_string_free (out, FALSE);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  char *text;

  if (g_strcmp0 (path, "/metrics") != 0)
    {
      static const char body[] = "Sockscope agent: metrics at /metrics\n";

      soup_server_message_set_status (message, g_str_equal (path, "/") ? 200 : 404, NULL);
      soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, body,
                                        sizeof body - 1);
      return;
    }
  if (soup_server_message_get_method (message) != SOUP_METHOD_GET &&
      soup_server_message_get_method (message) != SOUP_METHOD_HEAD)
    {
      soup_server_message_set_status (message, 405, NULL);
      return;
    }
  text = sock_cli_metrics_render (user_data);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/plain; version=0.0.4; charset=utf-8", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static GSocketAddress *
parse_listen (const char  *listen,
              GError     **error)
{
  const char *colon = strrchr (listen, ':');
  g_autofree char *host = NULL;
  guint64 port;

  if (colon != NULL && g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      host = g_strndup (listen, colon - listen);
      if (host[0] == '[' && host[strlen (host) - 1] == ']')
        {
          memmove (host, host + 1, strlen (host) - 2);
          host[strlen (host) - 2] = '\0';
        }
      if (g_hostname_is_ip_address (host))
        return g_inet_socket_address_new_from_string (host, (guint) port);
    }
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
               _("--metrics-listen takes ADDRESS:PORT with an IP address, e.g. 127.0.0.1:9464 or [::1]:9464 (not “%s”)"),
               listen);
  return NULL;
}

SoupServer *
sock_cli_metrics_serve (const char  *listen,
                        GPtrArray   *targets,
                        char       **out_url,
                        GError     **error)
{
  g_autoptr(GSocketAddress) address = parse_listen (listen, error);
  g_autoptr(SoupServer) server = NULL;
  g_autoslist(GUri) uris = NULL;

  if (address == NULL)
    return NULL;
  server = soup_server_new ("server-header", "sockscope-cli ", NULL);
  soup_server_add_handler (server, NULL, handle_request, targets, NULL);
  if (!soup_server_listen (server, address, 0, error))
    {
      g_prefix_error (error, _("cannot listen on %s: "), listen);
      return NULL;
    }
  uris = soup_server_get_uris (server);
  *out_url = uris != NULL ? g_uri_to_string (uris->data) : g_strdup (listen);
  return g_steal_pointer (&server);
}
