/* sock-cli-saved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `--connection NAME` for every command that connects: the saved connection's settings (and its
 * subscriptions, for sub) are the base that the command's own options change, its secrets come
 * from the keyring, and its URL takes the place of the command's URL argument. The connections
 * file is only read.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-cli.h"
#include "sock-error.h"
#include "sock-keyring.h"
#include "sock-saved-connections.h"
#include "sock-saved-secrets.h"

/* The commands whose first argument is the URL. */
static const char * const url_commands[] = { "probe", "sub", "pub", "call", "admin", "watch", NULL };

static SockConnectOptions *base_options;
static char *base_name;
static char *keyring_problem;
static GPtrArray *arguments;     /* the rewritten arguments, owned */
static char **argument_view;      /* what the command gets */

SockConnectOptions *
sock_cli_saved_get_base (const char *url)
{
  if (base_options == NULL || g_strcmp0 (url, sock_connect_options_get_url (base_options)) != 0)
    return NULL;
  return base_options;
}

gboolean
sock_cli_saved_explain (GError **error)
{
  g_autoptr(GError) cause = NULL;

  if (keyring_problem == NULL || error == NULL || *error == NULL)
    return FALSE;
  cause = g_steal_pointer (error);
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_KEYRING,
               _("the saved connection “%s” needs a secret from the keyring, which cannot give it (%s): %s "
                 "(--ticket, --secret or --header give it on the command line)"),
               base_name, keyring_problem, cause->message);
  return TRUE;
}

/* Takes "--connection NAME" or "--connection=NAME" out of args; NULL when there is none. */
static char *
take_name (GPtrArray  *args,
           GError    **error)
{
  for (guint i = 2; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      char *name;

      if (g_str_equal (arg, "--"))
        return NULL;
      if (g_str_has_prefix (arg, "--connection="))
        name = g_strdup (arg + strlen ("--connection="));
      else if (g_str_equal (arg, "--connection") && i + 1 < args->len)
        {
          name = g_strdup (g_ptr_array_index (args, i + 1));
          g_ptr_array_remove_index (args, i + 1);
        }
      else if (g_str_equal (arg, "--connection"))
        {
          g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                               _("--connection needs the name of a saved connection"));
          return NULL;
        }
      else
        continue;
      g_ptr_array_remove_index (args, i);
      return name;
    }
  return NULL;
}

static gboolean
report_unknown (SockSavedConnections  *store,
                const char            *name,
                GError               **error)
{
  g_auto(GStrv) names = sock_saved_connections_dup_names (store);
  g_autofree char *list = NULL;

  if (names[0] == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NOT_FOUND,
                   _("there is no saved connection “%s”: %s holds none (save one in Sockscope)"), name,
                   sock_saved_connections_get_path (store));
      return FALSE;
    }
  list = g_strjoinv (", ", names);
  g_set_error (error, SOCK_ERROR, SOCK_ERROR_NOT_FOUND,
               _("there is no saved connection “%s”; the saved ones are: %s"), name, list);
  return FALSE;
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The saved options with the keyring's secrets, or without them and the reason in
 * keyring_problem. The keyring call has its own deadline. */
static SockConnectOptions *
dup_with_secrets (SockSavedConnection *saved)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SockConnectOptions *options;

  sock_keyring_lookup_async (saved, NULL, on_looked_up, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  options = sock_keyring_lookup_finish (result, &error);
  if (options != NULL)
    return options;
  keyring_problem = g_strdup (error->message);
  return sock_connect_options_copy (sock_saved_connection_get_options (saved));
}

static gboolean
load_base (const char  *command,
           const char  *name,
           GError     **error)
{
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (NULL);
  SockSavedConnection *saved;

  if (!g_strv_contains (url_commands, command))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE, _("%s takes no --connection"), command);
      return FALSE;
    }
  if (!sock_saved_connections_load (store, error))
    return FALSE;
  saved = sock_saved_connections_lookup (store, name);
  if (saved == NULL)
    return report_unknown (store, name, error);

  base_name = g_strdup (sock_saved_connection_get_name (saved));
  base_options = dup_with_secrets (saved);
  /* one run, one connection (watch keeps it, reconnecting); only sub and watch make the saved
   * subscriptions */
  sock_connect_options_set_reconnect (base_options, g_str_equal (command, "watch"));
  if (!g_str_equal (command, "sub") && !g_str_equal (command, "watch"))
    sock_connect_options_clear_subscriptions (base_options);
  return TRUE;
}

SockConnectOptions *
sock_cli_saved_dup_options (const char  *name,
                            GError     **error)
{
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (NULL);
  SockSavedConnection *saved;

  if (!sock_saved_connections_load (store, error))
    return NULL;
  saved = sock_saved_connections_lookup (store, name);
  if (saved == NULL)
    {
      report_unknown (store, name, error);
      return NULL;
    }
  return dup_with_secrets (saved);
}

gboolean
sock_cli_saved_prepare (int     *argc,
                        char  ***argv,
                        int     *exit_code)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  for (int i = 0; i < *argc; i++)
    g_ptr_array_add (args, g_strdup ((*argv)[i]));
  name = take_name (args, &error);
  if (name == NULL && error == NULL)
    return TRUE;
  if (name == NULL || !load_base ((*argv)[1], name, &error))
    {
      sock_cli_printerr ("%s", error->message);
      *exit_code = g_error_matches (error, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION) ||
                   g_error_matches (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE) ? SOCK_CLI_EXIT_FAILED
                                                                                  : SOCK_CLI_EXIT_USAGE;
      return FALSE;
    }

  /* the URL goes where the command reads it, right after the command's name */
  g_ptr_array_insert (args, 2, g_strdup (sock_connect_options_get_url (base_options)));
  g_ptr_array_add (args, NULL);
  /* GOption moves the pointers it is given around: it gets a copy of the array, and
   * arguments keeps the strings to free */
  arguments = g_steal_pointer (&args);
  argument_view = g_memdup2 (arguments->pdata, arguments->len * sizeof (char *));
  *argc = arguments->len - 1;
  *argv = argument_view;
  return TRUE;
}

void
sock_cli_saved_clear (void)
{
  g_clear_pointer (&argument_view, g_free);
  g_clear_pointer (&arguments, g_ptr_array_unref);
  g_clear_object (&base_options);
  g_clear_pointer (&base_name, g_free);
  g_clear_pointer (&keyring_problem, g_free);
}
