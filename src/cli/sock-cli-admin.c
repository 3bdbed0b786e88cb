/* sock-cli-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli admin URL sessions|subscriptions|registrations [--json]` and
 * `sockscope-cli admin URL kill SESSION [--reason URI] [--message TEXT]`: the router's meta API
 * through SockRouterAdmin. A table (or JSON lines) on stdout, words on stderr; exit 3 when the
 * router does not offer what was asked.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "sock-cli.h"
#include "sock-error.h"
#include "sock-format.h"
#include "sock-json-write.h"
#include "sock-router-admin.h"

#define CLOSE_GRACE_MS 3000
#define CELL_MAX_CHARS 60

typedef struct
{
  SockCliConnectOptions  connect;
  char                  *reason;
  char                  *message;
  gboolean               json;

  char                  *url;
  char                  *what;
  SockAdminList          list;      /* SOCK_ADMIN_ALL: kill */
  gint64                 session;

  SockConnection        *connection;
  SockRouterAdmin       *admin;
  GMainLoop             *loop;
  int                    status;
  gboolean               finishing;
} Admin;

static void
admin_clear (Admin *admin)
{
  sock_cli_connect_options_clear (&admin->connect);
  g_free (admin->reason);
  g_free (admin->message);
  g_free (admin->url);
  g_free (admin->what);
  g_clear_object (&admin->admin);
  g_clear_object (&admin->connection);
  g_clear_pointer (&admin->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Admin, admin_clear)

/* Server text on a terminal: control characters (C0, DEL, C1) and bidi overrides become \uXXXX
 * or visible escapes, invalid UTF-8 is replaced, long text is cut. */
static char *
terminal_safe_max (const char *text,
                   guint       max)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  if (*valid != '\0' && n >= max && g_utf8_strlen (valid, -1) > max)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static char *
terminal_safe (const char *text)
{
  return terminal_safe_max (text, CELL_MAX_CHARS);
}

/* Finishing ----------------------------------------------------------------------------- */

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Admin *admin = user_data;

  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  g_main_loop_quit (admin->loop);
}

static void
close_grace_cb (gpointer user_data)
{
  Admin *admin = user_data;

  g_main_loop_quit (admin->loop);
}

static void
finish (Admin *admin,
        int    status)
{
  if (admin->finishing)
    return;
  admin->finishing = TRUE;
  admin->status = status;
  g_timeout_add_once (CLOSE_GRACE_MS, close_grace_cb, admin);
  sock_connection_close_async (admin->connection, NULL, close_cb, admin);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Admin *admin = user_data;

  if (admin->finishing)
    g_main_loop_quit (admin->loop);
  finish (admin, 130);
  return G_SOURCE_CONTINUE;
}

/* The WAMP error URI (made safe) and the error's words. */
static int
report_error (const GError *error)
{
  const char *uri = sock_session_error_get_uri (error);
  const char *args = sock_session_error_get_args (error);
  g_autofree char *safe_uri = uri ? terminal_safe_max (uri, 200) : NULL;
  g_autofree char *words = NULL;

  /* the URI, then what it means, else the router's arguments */
  if (uri != NULL)
    words = terminal_safe_max (sock_wamp_uri_explain (uri) ? sock_wamp_uri_explain (uri) : args ? args : "", 400);
  else
    words = terminal_safe_max (error->message, 400);

  if (sock_router_admin_error_is_not_offered (error))
    {
      sock_cli_printerr (_("not offered by this router: %s"), safe_uri);
      return SOCK_CLI_EXIT_NOT_OFFERED;
    }
  if (safe_uri != NULL && *words != '\0')
    sock_cli_printerr ("%s: %s", safe_uri, words);
  else if (safe_uri != NULL)
    sock_cli_printerr ("%s", safe_uri);
  else
    sock_cli_printerr ("%s", words);
  return SOCK_CLI_EXIT_FAILED;
}

/* Output -------------------------------------------------------------------------------- */

static void
json_member (GString    *line,
             const char *name,
             const char *value)
{
  g_string_append_printf (line, "%s\"%s\":", line->len > 1 ? "," : "", name);
  if (value != NULL)
    sock_json_write_string (line, value);
  else
    g_string_append (line, "null");
}

static void
json_ids (GString    *line,
          const char *name,
          GArray     *ids)
{
  g_string_append_printf (line, ",\"%s\":[", name);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (line, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (line, ']');
}

static void
print_session_json (SockAdminSession *item)
{
  g_autoptr(GString) line = g_string_new ("{");

  g_string_append_printf (line, "\"session\":%" G_GINT64_FORMAT, sock_admin_session_get_id (item));
  json_member (line, "authid", sock_admin_session_get_authid (item));
  json_member (line, "authrole", sock_admin_session_get_authrole (item));
  json_member (line, "authmethod", sock_admin_session_get_authmethod (item));
  json_member (line, "transport", sock_admin_session_get_transport (item));
  json_member (line, "peer", sock_admin_session_get_peer (item));
  json_member (line, "joined", sock_admin_session_get_joined (item));
  g_string_append_c (line, '}');
  puts (line->str);
}

static void
print_members_json (SockAdminEntry *entry)
{
  gboolean registration = SOCK_IS_ADMIN_REGISTRATION (entry);
  const char *count_name = registration ? "callees" : "subscribers";
  int count = sock_admin_entry_get_n_members (entry);
  g_autoptr(GString) line = g_string_new ("{");

  g_string_append_printf (line, "\"id\":%" G_GINT64_FORMAT, sock_admin_entry_get_id (entry));
  json_member (line, "uri", sock_admin_entry_get_uri (entry));
  json_member (line, "match", sock_admin_entry_get_match (entry));
  if (registration)
    json_member (line, "invoke", sock_admin_registration_get_invoke (SOCK_ADMIN_REGISTRATION (entry)) ?: "");
  json_member (line, "created", sock_admin_entry_get_created (entry));
  if (count >= 0)
    g_string_append_printf (line, ",\"%s\":%d", count_name, count);
  else
    g_string_append_printf (line, ",\"%s\":null", count_name);
  json_ids (line, registration ? "callee_sessions" : "subscriber_sessions", sock_admin_entry_get_members (entry));
  g_string_append_c (line, '}');
  puts (line->str);
}

static void
print_row (const char * const *cells,
           const int          *widths,
           guint               n)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *safe = terminal_safe (cells[i] ? cells[i] : "—");
      long pad = widths[i] - (long) g_utf8_strlen (safe, -1);

      g_string_append (line, safe);
      if (i + 1 < n)
        for (long k = 0; k < MAX (pad, 0) + 2; k++)
          g_string_append_c (line, ' ');
    }
  puts (line->str);
}

static void
print_table (Admin      *admin,
             GListModel *model)
{
  static const char * const headers[][6] = {
    { N_("SESSION"), N_("AUTHID"), N_("AUTHROLE"), N_("AUTHMETHOD"), N_("PEER"), N_("JOINED") },
    { N_("ID"), N_("URI"), N_("MATCH"), N_("SUBSCRIBERS"), N_("CREATED"), NULL },
    { N_("ID"), N_("URI"), N_("MATCH"), N_("CALLEES"), N_("INVOKE"), N_("CREATED") },
  };
  static const int widths[][6] = {
    { 16, 14, 12, 12, 22, 24 },
    { 8, 40, 8, 11, 24, 0 },
    { 8, 40, 8, 7, 10, 24 },
  };
  guint n = admin->list == SOCK_ADMIN_SUBSCRIPTIONS ? 5 : 6;
  const char *cells[6];

  for (guint i = 0; i < n; i++)
    cells[i] = _(headers[admin->list][i]);
  print_row (cells, widths[admin->list], n);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;
      g_autofree char *count = NULL;

      if (admin->list == SOCK_ADMIN_SESSIONS)
        {
          SockAdminSession *s = SOCK_ADMIN_SESSION (item);

          id = g_strdup_printf ("%" G_GINT64_FORMAT, sock_admin_session_get_id (s));
          cells[0] = id;
          cells[1] = sock_admin_session_get_authid (s);
          cells[2] = sock_admin_session_get_authrole (s);
          cells[3] = sock_admin_session_get_authmethod (s);
          cells[4] = sock_admin_session_get_peer (s);
          cells[5] = sock_admin_session_get_joined (s);
        }
      else
        {
          SockAdminEntry *entry = SOCK_ADMIN_ENTRY (item);
          guint last = 2;

          id = g_strdup_printf ("%" G_GINT64_FORMAT, sock_admin_entry_get_id (entry));
          count = sock_format_number (MAX (sock_admin_entry_get_n_members (entry), 0));
          cells[0] = id;
          cells[1] = sock_admin_entry_get_uri (entry);
          cells[2] = sock_admin_entry_get_match (entry);
          cells[++last] = sock_admin_entry_get_n_members (entry) >= 0 ? count : NULL;
          if (SOCK_IS_ADMIN_REGISTRATION (entry))
            cells[++last] = sock_admin_registration_get_invoke (SOCK_ADMIN_REGISTRATION (entry));
          cells[++last] = sock_admin_entry_get_created (entry);
        }
      print_row (cells, widths[admin->list], n);
    }
}

static void
print_json (Admin      *admin,
            GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (admin->list == SOCK_ADMIN_SESSIONS)
        print_session_json (SOCK_ADMIN_SESSION (item));
      else
        print_members_json (SOCK_ADMIN_ENTRY (item));
    }
}

/* Commands ------------------------------------------------------------------------------ */

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Admin *admin = user_data;
  GListModel *model = sock_router_admin_get_list (admin->admin, admin->list);
  g_autofree char *message = NULL;

  sock_router_admin_refresh_finish (admin->admin, result, NULL);
  message = terminal_safe_max (sock_router_admin_get_message (admin->admin, admin->list), 400);
  switch (sock_router_admin_get_state (admin->admin, admin->list))
    {
    case SOCK_ADMIN_STATE_AVAILABLE:
      if (admin->json)
        print_json (admin, model);
      else
        print_table (admin, model);
      fflush (stdout);
      return finish (admin, SOCK_CLI_EXIT_OK);
    case SOCK_ADMIN_STATE_NOT_OFFERED:
      sock_cli_printerr ("%s", message);
      return finish (admin, SOCK_CLI_EXIT_NOT_OFFERED);
    case SOCK_ADMIN_STATE_FAILED:
    case SOCK_ADMIN_STATE_UNKNOWN:
    default:
      if (sock_router_admin_get_error (admin->admin, admin->list) != NULL)
        report_error (sock_router_admin_get_error (admin->admin, admin->list));
      else
        sock_cli_printerr ("%s", message);
      return finish (admin, SOCK_CLI_EXIT_FAILED);
    }
}

static void
kill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Admin *admin = user_data;
  g_autoptr(GError) error = NULL;

  if (!sock_router_admin_kill_session_finish (admin->admin, result, &error))
    return finish (admin, report_error (error));
  if (admin->json)
    printf ("{\"killed\":%" G_GINT64_FORMAT "}\n", admin->session);
  else
    printf (_("Killed session %" PRId64 "\n"), admin->session);
  fflush (stdout);
  finish (admin, SOCK_CLI_EXIT_OK);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Admin *admin = user_data;
  g_autoptr(GError) error = NULL;
  guint timeout_ms;

  if (!sock_connection_open_finish (admin->connection, result, &error))
    {
      SockDiagnosis *diagnosis = sock_connection_get_diagnosis (admin->connection);
      g_autofree char *words = terminal_safe (diagnosis ? sock_diagnosis_get_title (diagnosis) : NULL);

      if (diagnosis != NULL && sock_diagnosis_get_severity (diagnosis) == SOCK_SEVERITY_ERROR)
        sock_cli_printerr ("%s  [%s]", words, sock_diagnosis_get_id (diagnosis));
      else
        report_error (error);
      admin->status = SOCK_CLI_EXIT_FAILED;
      g_main_loop_quit (admin->loop);
      return;
    }
  if (sock_connection_get_kind (admin->connection) != SOCK_SESSION_KIND_WAMP2)
    {
      sock_cli_printerr (_("not offered by this server: only WAMP v2 routers have a meta API (%s)"),
                         sock_session_kind_to_string (sock_connection_get_kind (admin->connection)));
      return finish (admin, SOCK_CLI_EXIT_NOT_OFFERED);
    }
  admin->admin = sock_router_admin_new (admin->connection);
  /* --timeout is seconds, fractions allowed; the profile's build has checked it */
  if (admin->connect.timeout != NULL &&
      sock_cli_parse_seconds ("--timeout", admin->connect.timeout, &timeout_ms, NULL))
    sock_router_admin_set_timeout (admin->admin, timeout_ms);
  if (admin->list == SOCK_ADMIN_ALL)
    sock_router_admin_kill_session_async (admin->admin, admin->session, admin->reason, admin->message,
                                          NULL, kill_cb, admin);
  else
    sock_router_admin_refresh_async (admin->admin, admin->list, NULL, refresh_cb, admin);
}

static gboolean
parse_what (Admin       *admin,
            int          argc,
            char       **argv,
            GError     **error)
{
  static const char * const lists[] = { "sessions", "subscriptions", "registrations" };

  admin->url = g_strdup (argv[1]);
  admin->what = g_strdup (argv[2]);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (admin->what, lists[i]))
      {
        admin->list = i;
        if (argc == 3 && admin->reason == NULL && admin->message == NULL)
          return TRUE;
        g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                     _("%s takes no more arguments (--reason and --message are for kill)"), lists[i]);
        return FALSE;
      }
  if (!g_str_equal (admin->what, "kill"))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("unknown admin command “%s”: use sessions, subscriptions, registrations or kill"),
                   admin->what);
      return FALSE;
    }
  admin->list = SOCK_ADMIN_ALL;
  if (argc != 4 || !g_ascii_string_to_signed (argv[3], 10, 1, G_GINT64_CONSTANT (1) << 53,
                                              &admin->session, NULL))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("kill needs one session id (a number from 1 to 2^53)"));
      return FALSE;
    }
  if (admin->reason != NULL && !sock_wamp_uri_is_valid (admin->reason, FALSE))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                   _("--reason must be a URI such as wamp.close.killed"));
      return FALSE;
    }
  return TRUE;
}

static SockConnection *
make_connection (Admin   *admin,
                 GError **error)
{
  g_autoptr(SockConnectOptions) options = NULL;

  if (!(options = sock_cli_connect_options_build (&admin->connect, admin->url, error)))
    return NULL;
  return sock_connection_new_for_options (options, error);
}

int
sock_cli_admin (int    argc,
                char **argv)
{
  g_auto(Admin) admin = { .list = SOCK_ADMIN_SESSIONS };
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &admin.json, N_("Print one JSON object per line"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &admin.reason,
      N_("kill: the reason URI of the GOODBYE (default: the router’s, wamp.close.killed)"), N_("URI") },
    { "message", 0, 0, G_OPTION_ARG_STRING, &admin.message, N_("kill: a message for the session"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("URL sessions|subscriptions|registrations | URL kill SESSION — a router’s meta API"));
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  sock_cli_add_wamp_options (context, &admin.connect);
  g_option_context_add_group (context, sock_cli_connect_option_group (&admin.connect));
  g_option_context_set_description (context,
    _("Lists what a WAMP v2 router tells through its meta API (wamp.session.*, wamp.subscription.*,\n"
      "wamp.registration.*), or kills a session. --timeout is also the deadline of each meta call.\n"
      "Exit status: 0 done, 1 connection failure or WAMP error (its URI is printed), 2 bad usage,\n"
      "3 the router does not offer this part of the meta API."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }
  if (argc < 3)
    {
      sock_cli_printerr (_("usage: sockscope-cli admin URL sessions|subscriptions|registrations [--json]\n"
                           "       sockscope-cli admin URL kill SESSION [--reason URI] [--message TEXT]"));
      return SOCK_CLI_EXIT_USAGE;
    }
  if (!parse_what (&admin, argc, argv, &error) || !(admin.connection = make_connection (&admin, &error)))
    {
      sock_cli_printerr ("%s", error->message);
      return SOCK_CLI_EXIT_USAGE;
    }

  admin.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_interrupt, &admin);
  g_unix_signal_add (SIGTERM, on_interrupt, &admin);
  sock_connection_open_async (admin.connection, NULL, open_cb, &admin);
  g_main_loop_run (admin.loop);
  return admin.status;
}
