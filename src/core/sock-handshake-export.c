/* sock-handshake-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands are for a shell: every word from the record or the profile is single-quoted, since
 * a header value may hold anything. A secret is never copied: it becomes a shell variable outside
 * the quotes, and a comment above the command says which ones to set.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-handshake-export-private.h"

typedef struct
{
  const char *name;
  const char *var;
} SecretHeader;

static const SecretHeader secret_headers[] = {
  { "Authorization", "TOKEN" },
  { "Proxy-Authorization", "PROXY_TOKEN" },
  { "Cookie", "COOKIE" },
};

/* Headers curl and websocat make themselves, or that the options below give. */
static const char * const own_headers[] = {
  "Host", "Connection", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol",
  "Sec-WebSocket-Extensions", "Origin", "Accept-Encoding", NULL
};

static const SecretHeader *
find_secret_header (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    if (g_ascii_strcasecmp (name, secret_headers[i].name) == 0)
      return &secret_headers[i];
  return NULL;
}

static gboolean
is_own_header (const char *name)
{
  for (guint i = 0; own_headers[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, own_headers[i]) == 0)
      return TRUE;
  return FALSE;
}

void
sock_shell_quote_append (GString    *out,
                         const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* A word made of literal parts and variables: parts[0] literal, parts[1] variable name, … */
static void
append_word (GString            *out,
             const char * const *parts,
             guint               n_parts)
{
  gboolean empty = TRUE;

  for (guint i = 0; i < n_parts; i++)
    {
      if (i % 2 == 1)
        g_string_append_printf (out, "\"$%s\"", parts[i]), empty = FALSE;
      else if (parts[i][0] != '\0')
        sock_shell_quote_append (out, parts[i]), empty = FALSE;
    }
  if (empty)
    g_string_append (out, "''");
}

static void
note_var (GPtrArray  *vars,
          const char *var)
{
  for (guint i = 0; i < vars->len; i++)
    if (g_str_equal (g_ptr_array_index (vars, i), var))
      return;
  g_ptr_array_add (vars, g_strdup (var));
}

/* "TICKET" for "ticket", "API_KEY" for "api-key". */
static char *
param_var (const char *name,
           gsize       len)
{
  char *var = g_ascii_strup (name, len);

  for (char *p = var; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  return var;
}

/* The URL as parts for append_word (), each secret query value a variable; the scheme
 * swapped to http(s) when to_http. */
static GPtrArray *
url_parts (const char *url,
           gboolean    to_http,
           GPtrArray  *vars)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *query = strchr (url, '?');
  const char *p = query ? query + 1 : NULL;
  int base_len = (int) ((query ? query : url + strlen (url)) - url);

  if (to_http && g_ascii_strncasecmp (url, "ws", 2) == 0)
    g_string_append_printf (literal, "http%.*s", base_len - 2, url + 2);
  else
    g_string_append_len (literal, url, base_len);
  if (query != NULL)
    g_string_append_c (literal, '?');
  while (p != NULL && *p != '\0' && *p != '#')
    {
      gsize name_len = strcspn (p, "=&#");
      gsize value_len = p[name_len] == '=' ? strcspn (p + name_len + 1, "&#") : 0;

      if (p[name_len] == '=' && sock_secret_is_param (p, name_len))
        {
          g_autofree char *var = param_var (p, name_len);

          g_string_append_len (literal, p, name_len + 1);
          g_ptr_array_add (parts, g_string_free (g_steal_pointer (&literal), FALSE));
          g_ptr_array_add (parts, g_strdup (var));
          literal = g_string_new (NULL);
          note_var (vars, var);
        }
      else
        g_string_append_len (literal, p, p[name_len] == '=' ? name_len + 1 + value_len : name_len);
      p += p[name_len] == '=' ? name_len + 1 + value_len : name_len;
      if (*p == '&')
        g_string_append_c (literal, *p++);
    }
  if (p != NULL)
    g_string_append (literal, p);  /* a fragment: not sent, but keeps the URL whole */
  g_ptr_array_add (parts, g_string_free (g_steal_pointer (&literal), FALSE));
  return parts;
}

static void
append_url_word (GString    *out,
                 const char *url,
                 gboolean    to_http,
                 GPtrArray  *vars)
{
  g_autoptr(GPtrArray) parts = url_parts (url, to_http, vars);

  append_word (out, (const char * const *) parts->pdata, parts->len);
}

/* One "Name: value" word, a secret value a variable (keeping an auth scheme such as "Bearer"). */
static void
append_header_word (GString    *out,
                    const char *name,
                    const char *value,
                    GPtrArray  *vars)
{
  const SecretHeader *secret = find_secret_header (name);
  g_autofree char *prefix = NULL;
  const char *space;

  if (secret == NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", name, value);
      sock_shell_quote_append (out, line);
      return;
    }
  space = strchr (value, ' ');
  if (g_ascii_strcasecmp (name, "Cookie") != 0 && space != NULL && space > value)
    prefix = g_strdup_printf ("%s: %.*s ", name, (int) (space - value), value);
  else
    prefix = g_strdup_printf ("%s: ", name);
  {
    const char *parts[] = { prefix, secret->var, "" };
    append_word (out, parts, G_N_ELEMENTS (parts));
  }
  note_var (vars, secret->var);
}

static void
append_option (GString    *out,
               const char *option,
               const char *value)
{
  g_string_append_printf (out, " \\\n  %s", option);
  if (value != NULL)
    {
      g_string_append_c (out, ' ');
      sock_shell_quote_append (out, value);
    }
}

static void
append_header_option (GString    *out,
                      const char *option,
                      const char *name,
                      const char *value,
                      GPtrArray  *vars)
{
  g_string_append_printf (out, " \\\n  %s ", option);
  append_header_word (out, name, value, vars);
}

/* Comments above a command: the variables to set, and what a pinned certificate means there. */
static char *
finish_command (SockHandshakeAttempt *attempt,
                GString              *command,
                GPtrArray            *vars,
                const char           *tool)
{
  GString *out = g_string_new (NULL);
  SockHandshake *handshake = sock_handshake_attempt_get_handshake (attempt);

  if (vars->len > 0)
    {
      g_string_append (out, _("# Secrets are not copied: set these shell variables first:"));
      for (guint i = 0; i < vars->len; i++)
        g_string_append_printf (out, " %s", (char *) g_ptr_array_index (vars, i));
      g_string_append_c (out, '\n');
    }
  if (sock_handshake_attempt_get_tls_policy (attempt) == SOCK_TLS_PIN)
    {
      g_autofree char *note = g_strdup_printf (_("# The connection pins one certificate (SHA-256 %s); %s cannot pin a certificate, so --insecure skips the check: compare the fingerprint yourself."),
                                               sock_handshake_get_expected_pin (handshake)
                                                 ? sock_handshake_get_expected_pin (handshake) : "?",
                                               tool);
      g_string_append (out, note);
      g_string_append_c (out, '\n');
    }
  g_string_append_len (out, command->str, command->len);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static void
append_tls_options (GString              *out,
                    SockHandshakeAttempt *attempt,
                    const char           *ca_option)
{
  switch (sock_handshake_attempt_get_tls_policy (attempt))
    {
    case SOCK_TLS_CA_FILE:
      if (ca_option != NULL && sock_handshake_attempt_get_ca_file (attempt) != NULL)
        append_option (out, ca_option, sock_handshake_attempt_get_ca_file (attempt));
      break;
    case SOCK_TLS_PIN:
    case SOCK_TLS_INSECURE:
      append_option (out, "--insecure", NULL);
      break;
    case SOCK_TLS_VERIFY:
    default:
      break;
    }
}

static char *
offered_protocols (SockHandshake *handshake)
{
  const char * const *offered = sock_handshake_get_offered_protocols (handshake);

  return offered != NULL && offered[0] != NULL ? g_strjoinv (", ", (char **) offered) : NULL;
}

char *
sock_handshake_export_curl (SockHandshakeAttempt *attempt)
{
  SockHandshake *handshake;
  g_autoptr(GString) command = g_string_new ("curl --include --no-buffer --http1.1");
  g_autoptr(GPtrArray) vars = g_ptr_array_new_with_free_func (g_free);
  const char * const *headers;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (attempt), NULL);

  handshake = sock_handshake_attempt_get_handshake (attempt);
  headers = sock_handshake_get_request_headers (handshake);
  append_tls_options (command, attempt, "--cacert");
  if (headers != NULL && headers[0] != NULL)
    {
      /* what went over the wire, in its order */
      for (guint i = 0; headers[i] != NULL && headers[i + 1] != NULL; i += 2)
        if (g_ascii_strcasecmp (headers[i], "Host") != 0)
          append_header_option (command, "--header", headers[i], headers[i + 1], vars);
    }
  else
    {
      /* nothing was sent (no connection): the request libsoup would have made */
      const char * const *extra = sock_handshake_attempt_get_extra_headers (attempt);
      g_autofree char *protocols = offered_protocols (handshake);

      append_option (command, "--header", "Connection: Upgrade");
      append_option (command, "--header", "Upgrade: websocket");
      append_option (command, "--header", "Sec-WebSocket-Version: 13");
      append_option (command, "--header", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
      if (protocols != NULL)
        append_header_option (command, "--header", "Sec-WebSocket-Protocol", protocols, vars);
      if (sock_handshake_get_origin (handshake) != NULL)
        append_header_option (command, "--header", "Origin", sock_handshake_get_origin (handshake), vars);
      for (guint i = 0; extra != NULL && extra[i] != NULL && extra[i + 1] != NULL; i += 2)
        append_header_option (command, "--header", extra[i], extra[i + 1], vars);
    }
  g_string_append (command, " \\\n  ");
  append_url_word (command, sock_handshake_get_url (handshake), TRUE, vars);
  return finish_command (attempt, command, vars, "curl");
}

char *
sock_handshake_export_websocat (SockHandshakeAttempt *attempt)
{
  SockHandshake *handshake;
  g_autoptr(GString) command = g_string_new (NULL);
  g_autoptr(GPtrArray) vars = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *protocols = NULL;
  const char * const *headers;
  gboolean from_profile;

  g_return_val_if_fail (SOCK_IS_HANDSHAKE_ATTEMPT (attempt), NULL);

  handshake = sock_handshake_attempt_get_handshake (attempt);
  /* websocat has no --cacert; its TLS library reads the CA bundle from SSL_CERT_FILE */
  if (sock_handshake_attempt_get_tls_policy (attempt) == SOCK_TLS_CA_FILE &&
      sock_handshake_attempt_get_ca_file (attempt) != NULL)
    {
      g_string_append (command, "SSL_CERT_FILE=");
      sock_shell_quote_append (command, sock_handshake_attempt_get_ca_file (attempt));
      g_string_append_c (command, ' ');
    }
  g_string_append (command, "websocat");
  append_tls_options (command, attempt, NULL);
  if ((protocols = offered_protocols (handshake)) != NULL)
    append_option (command, "--protocol", protocols);
  if (sock_handshake_get_origin (handshake) != NULL)
    append_option (command, "--origin", sock_handshake_get_origin (handshake));
  from_profile = sock_handshake_attempt_get_extra_headers (attempt) != NULL;
  headers = from_profile ? sock_handshake_attempt_get_extra_headers (attempt)
                         : sock_handshake_get_request_headers (handshake);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (from_profile || !is_own_header (headers[i]))
      append_header_option (command, "-H", headers[i], headers[i + 1], vars);
  g_string_append (command, " \\\n  ");
  append_url_word (command, sock_handshake_get_url (handshake), FALSE, vars);
  return finish_command (attempt, command, vars, "websocat");
}

/* For the text export and the headers table: the same mask as the log and the CLI. */
char *
sock_handshake_mask_header (const char *name,
                            const char *value)
{
  return sock_secret_mask_header (name, value);
}

/* The URL with each secret query value masked. */
char *
_sock_handshake_export_shown_url (const char *url)
{
  g_autoptr(GPtrArray) vars = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = url_parts (url, FALSE, vars);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    g_string_append (out, i % 2 == 1 ? SOCK_EXPORT_MASK : (const char *) g_ptr_array_index (parts, i));
  return g_string_free (out, FALSE);
}

/* Every "?name=value" or "&name=value" of a ticket-like name in text, its value masked: a
 * diagnosis or an error message may quote the URL as it was typed. */
char *
sock_handshake_mask_text (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  for (p = text; *p != '\0'; )
    {
      gsize name_len;

      g_string_append_c (out, *p);
      if (*p != '?' && *p != '&')
        {
          p++;
          continue;
        }
      p++;
      name_len = strcspn (p, "=&#?\"' \t\n");
      if (p[name_len] != '=' || !sock_secret_is_param (p, name_len))
        continue;
      g_string_append_len (out, p, name_len + 1);
      p += name_len + 1;
      p += strcspn (p, "&#\"' \t\n");
      g_string_append (out, SOCK_EXPORT_MASK);
    }
  return g_string_free (out, FALSE);
}
