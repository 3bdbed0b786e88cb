/* interop-callee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interop-callee URL REALM PROCEDURE [SUBPROTOCOL]
 *
 * Sockscope's own WAMP v2 client (SockConnection) as a callee, since sockscope-cli has no register
 * command: registers PROCEDURE and answers every call. Args ["fail", …] get the error
 * org.example.sockscope.failed ["failed on purpose"] {"code":7}; a call that asked for progress
 * gets the progressive results [1] and [2] first; then the result is ["done", args…] with the
 * call's kwargs. Prints JSON lines: {"registered":ID} (or {"error":MESSAGE} and exit 1), then
 * {"invocation":{"args":…,"kwargs":…,"receive_progress":BOOL}} per call, and
 * {"protocol_error":MESSAGE} for what the session found malformed. Runs until SIGTERM or until
 * stdin closes. SUBPROTOCOL (e.g. wamp.2.cbor) is offered alone instead of the default offer.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "interop-peer.h"
#include "sock-connection.h"
#include "sock-profile.h"
#include "sock-wamp2-session.h"
static int exit_status;

static void
print_line (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static void
print_line (const char *format,
            ...)
{
  va_list ap;

  va_start (ap, format);
  vprintf (format, ap);
  va_end (ap);
  putchar ('\n');
  fflush (stdout);
}

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text ? text : "");

  return json_to_string (node, FALSE);
}

static void
on_invocation (SockWamp2Session *session,
               SockInvocation   *invocation,
               gpointer          user_data)
{
  g_autoptr(JsonArray) args = sock_invocation_dup_args (invocation);
  g_autoptr(GString) result = g_string_new ("[\"done\"");
  const char *args_text = sock_invocation_get_args (invocation);
  const char *kwargs_text = sock_invocation_get_kwargs (invocation);
  gboolean progress = sock_invocation_get_receive_progress (invocation);

  print_line ("{\"invocation\":{\"args\":%s,\"kwargs\":%s,\"receive_progress\":%s}}",
              sock_invocation_get_args (invocation) ? sock_invocation_get_args (invocation) : "null",
              kwargs_text ? kwargs_text : "null", progress ? "true" : "false");

  if (args != NULL && json_array_get_length (args) > 0 &&
      g_strcmp0 (json_array_get_string_element (args, 0), "fail") == 0)
    {
      g_autoptr(JsonArray) error_args = json_array_new ();
      g_autoptr(JsonObject) error_kwargs = json_object_new ();

      json_array_add_string_element (error_args, "failed on purpose");
      json_object_set_int_member (error_kwargs, "code", 7);
      sock_invocation_return_error (invocation, "org.example.sockscope.failed", error_args, error_kwargs);
      return;
    }

  for (gint64 step = 1; progress && step <= 2; step++)
    {
      g_autoptr(JsonArray) partial = json_array_new ();

      json_array_add_int_element (partial, step);
      sock_invocation_progress (invocation, partial, NULL);
    }

  /* ["done", the arguments as they came]: their text, so that binary and big integers go back
   * exactly */
  if (args_text != NULL && strchr (args_text, '[') != NULL && strrchr (args_text, ']') > strchr (args_text, '[') + 1)
    {
      const char *open = strchr (args_text, '[');

      g_string_append_c (result, ',');
      g_string_append_len (result, open + 1, strrchr (args_text, ']') - open - 1);
    }
  g_string_append_c (result, ']');
  sock_invocation_return_json (invocation, result->str, kwargs_text, NULL);
}

static void
fail (const GError *error)
{
  g_autofree char *message = json_string (error->message);

  print_line ("{\"error\":%s}", message);
  exit_status = 1;
  g_main_loop_quit (loop);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sock_connection_register_finish (SOCK_CONNECTION (object), result, &error);

  if (id == 0)
    return fail (error);
  print_line ("{\"registered\":%" G_GINT64_FORMAT "}", id);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SockConnection *connection = SOCK_CONNECTION (object);
  g_autoptr(GError) error = NULL;

  if (!sock_connection_open_finish (connection, result, &error))
    return fail (error);
  sock_connection_register_async (connection, user_data, NULL, on_invocation, NULL, NULL,
                                  registered_cb, NULL);
}

static void
on_protocol_error (SockConnection *connection,
                   GError         *error,
                   gpointer        user_data)
{
  g_autofree char *message = json_string (error->message);

  print_line ("{\"protocol_error\":%s}", message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 4 && argc != 5)
    {
      fprintf (stderr, "usage: interop-callee URL REALM PROCEDURE [SUBPROTOCOL]\n");
      return 2;
    }
  profile = sock_profile_new_for_url (argv[1], &error);
  if (profile != NULL && argc == 5)
    {
      const char *offer[] = { argv[4], NULL };

      if (!sock_profile_set_protocols (profile, offer, &error))
        g_clear_object (&profile);
    }
  if (profile == NULL)
    {
      fprintf (stderr, "interop-callee: %s\n", error->message);
      return 2;
    }

  loop = g_main_loop_new (NULL, FALSE);
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, argv[2]);
  g_signal_connect (connection, "protocol-error", G_CALLBACK (on_protocol_error), NULL);
  sock_connection_open_async (connection, NULL, opened_cb, argv[3]);
  interop_peer_run ();
  g_main_loop_unref (loop);
  return exit_status;
}
