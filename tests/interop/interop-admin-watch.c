/* interop-admin-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * interop-admin-watch URL REALM
 *
 * Sockscope's SockRouterAdmin, live, against a router: prints a JSON line whenever a list's state
 * or its items change, {"list":"sessions","state":"available","live":true,"ids":[…]} (state one of
 * unknown, available, not-offered, failed). Runs until SIGTERM or until stdin closes.
 */

#include "config.h"

#include <stdio.h>

#include "interop-peer.h"
#include "sock-router-admin.h"
static SockRouterAdmin *admin;
static const char * const names[SOCK_ADMIN_N_LISTS] = { "sessions", "subscriptions", "registrations" };

static gint64
item_id (gpointer item)
{
  if (SOCK_IS_ADMIN_SESSION (item))
    return sock_admin_session_get_id (item);
  return sock_admin_entry_get_id (item);
}

static void
print_list (SockAdminList list)
{
  GListModel *model = sock_router_admin_get_list (admin, list);
  GEnumClass *states = g_type_class_ref (SOCK_TYPE_ADMIN_STATE);
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "{\"list\":\"%s\",\"state\":\"%s\",\"live\":%s,\"ids\":[", names[list],
                          g_enum_get_value (states, sock_router_admin_get_state (admin, list))->value_nick,
                          sock_router_admin_get_list_live (admin, list) ? "true" : "false");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (line, "%s%" G_GINT64_FORMAT, i ? "," : "", item_id (item));
    }
  g_string_append (line, "]}");
  puts (line->str);
  fflush (stdout);
  g_type_class_unref (states);
}

static void
on_changed (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  print_list (GPOINTER_TO_UINT (user_data));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  print_list (GPOINTER_TO_UINT (user_data));
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sock_connection_open_finish (SOCK_CONNECTION (object), result, &error))
    {
      g_printerr ("interop-admin-watch: %s\n", error->message);
      g_main_loop_quit (loop);
      return;
    }
  admin = sock_router_admin_new (SOCK_CONNECTION (object));
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_autofree char *state = g_strdup_printf ("notify::%s-state", names[i]);

      g_signal_connect (admin, state, G_CALLBACK (on_changed), GUINT_TO_POINTER (i));
      g_signal_connect (sock_router_admin_get_list (admin, i), "items-changed", G_CALLBACK (on_items_changed),
                        GUINT_TO_POINTER (i));
    }
  sock_router_admin_set_timeout (admin, 5000);
  sock_router_admin_set_live (admin, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: interop-admin-watch URL REALM\n");
      return 2;
    }
  profile = sock_profile_new_for_url (argv[1], &error);
  if (profile == NULL)
    {
      fprintf (stderr, "interop-admin-watch: %s\n", error->message);
      return 2;
    }
  loop = g_main_loop_new (NULL, FALSE);
  connection = sock_connection_new (profile);
  sock_connection_set_realm (connection, argv[2]);
  sock_connection_open_async (connection, NULL, opened_cb, NULL);
  interop_peer_run ();
  g_clear_object (&admin);
  g_main_loop_unref (loop);
  return 0;
}
