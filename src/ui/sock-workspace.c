/* sock-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving the open tabs at quit and opening them again at start (see sock-workspace.h). A tab on
 * the built-in demo server is saved by its path: the demo's port changes with every start, so
 * the tab comes back on the demo server of the new run.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>

#include "sock-application.h"
#include "sock-error.h"
#include "sock-workspace.h"

/* Larger than any workspace a person keeps; a bigger file is not ours. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

char *
sock_workspace_dup_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "sockscope", "workspace.json", NULL);
}

/* The path under the demo server's base URL ("/ws"), or NULL when url is not the demo's. */
static const char *
demo_path (GtkApplication *app,
           const char     *url)
{
  SockDemoServer *demo = SOCK_IS_APPLICATION (app) ? sock_application_get_demo_server (SOCK_APPLICATION (app)) : NULL;
  g_autofree char *base = demo != NULL ? sock_demo_server_dup_base_url (demo) : NULL;
  gsize len = base != NULL ? strlen (base) : 0;

  if (base == NULL || url == NULL || strncmp (url, base, len) != 0 || url[len] != '/')
    return NULL;
  return url + len;
}

static JsonObject *
tab_to_json (GtkApplication     *app,
             SockConnectionPage *page)
{
  SockConnectOptions *options = sock_connection_page_get_options (page);
  JsonObject *tab = json_object_new ();
  const char *path = demo_path (app, sock_connect_options_get_url (options));

  /* to_json leaves every secret out: tickets, WAMP-CRA secrets, credential header values */
  json_object_set_member (tab, "connection", sock_connect_options_to_json (options));
  if (path != NULL)
    json_object_set_string_member (tab, "demo_path", path);
  json_object_set_object_member (tab, "forms", sock_connection_page_dup_form_state (page));
  return tab;
}

static JsonObject *
window_to_json (GtkApplication *app,
                SockWindow     *window)
{
  AdwTabView *view = sock_window_get_tab_view (window);
  AdwTabPage *selected = adw_tab_view_get_selected_page (view);
  JsonObject *object = json_object_new ();
  JsonArray *tabs = json_array_new ();

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (view, i);

      json_array_add_object_element (tabs, tab_to_json (app, SOCK_CONNECTION_PAGE (adw_tab_page_get_child (page))));
    }
  json_object_set_array_member (object, "tabs", tabs);
  json_object_set_int_member (object, "selected",
                              selected != NULL ? adw_tab_view_get_page_position (view, selected) : 0);
  return object;
}

gboolean
sock_workspace_save (GtkApplication  *app,
                     GError         **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *path = sock_workspace_dup_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *windows = json_array_new ();

  g_return_val_if_fail (GTK_IS_APPLICATION (app), FALSE);

  /* the most recently used window first: it gets the tabs back at start */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (SOCK_IS_WINDOW (l->data))
      json_array_add_object_element (windows, window_to_json (app, l->data));

  json_object_set_int_member (object, "version", SOCK_WORKSPACE_VERSION);
  json_object_set_array_member (object, "windows", windows);
  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot make the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  /* a rename over the old file: a crash leaves the old workspace or the new one, never half */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Keeps a file that cannot be read beside the new one, and says where. */
static void
set_aside (const char  *path,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *reason = (*error)->message;
  g_autofree char *message = NULL;

  if (g_rename (path, aside) != 0)
    message = g_strdup_printf (_("The tabs of the last session could not be opened again (%s)."), reason);
  else
    message = g_strdup_printf (_("The tabs of the last session could not be opened again (%s). The file was "
                                 "kept as “%s”."), reason, aside);
  g_clear_error (error);
  g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE, message);
}

static JsonArray *
read_windows (const char  *path,
              JsonParser  *parser,
              GError     **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  JsonObject *object;
  JsonNode *root;
  gint64 version;

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  if (len > MAX_FILE_SIZE)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE, _("the file is larger than %d MiB"),
                   MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = object != NULL ? json_object_get_int_member_with_default (object, "version", 0) : 0;
  if (version > SOCK_WORKSPACE_VERSION)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_NEWER_VERSION,
                   _("written by a newer Sockscope (format %" PRId64 ")"), version);
      return NULL;
    }
  if (version < 1 || !json_object_has_member (object, "windows") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "windows")))
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE, _("it is not a Sockscope workspace"));
      return NULL;
    }
  return json_object_get_array_member (object, "windows");
}

static SockConnectOptions *
tab_options (SockWindow *window,
             JsonObject *tab)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  JsonNode *connection = json_object_get_member (tab, "connection");
  const char *path = json_object_get_string_member_with_default (tab, "demo_path", NULL);
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  if (connection == NULL || (options = sock_connect_options_new_from_json (connection, &error)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("A tab of the last session could not be opened again: %s"),
                                                  error != NULL ? error->message : _("no connection"));
      sock_window_toast (window, message);
      return NULL;
    }
  if (path != NULL && SOCK_IS_APPLICATION (app))
    {
      SockDemoServer *demo = sock_application_ensure_demo (SOCK_APPLICATION (app), &error);
      g_autofree char *base = demo != NULL ? sock_demo_server_dup_base_url (demo) : NULL;
      g_autofree char *url = base != NULL ? g_strconcat (base, path, NULL) : NULL;

      if (url == NULL || !sock_connect_options_set_url (options, url, &error))
        {
          sock_window_toast (window, error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&options);
}

static guint
restore_window (SockWindow *window,
                JsonObject *object)
{
  JsonArray *tabs = json_object_has_member (object, "tabs") ? json_object_get_array_member (object, "tabs") : NULL;
  gint64 selected = json_object_get_int_member_with_default (object, "selected", 0);
  AdwTabView *view = sock_window_get_tab_view (window);
  guint n = 0;

  for (guint i = 0; tabs != NULL && i < json_array_get_length (tabs); i++)
    {
      JsonNode *node = json_array_get_element (tabs, i);
      JsonObject *tab = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(SockConnectOptions) options = tab != NULL ? tab_options (window, tab) : NULL;
      SockConnectionPage *page;

      if (options == NULL)
        continue;
      /* a ticket or a secret is never saved: the dialog asks for it */
      if (!sock_connect_options_validate (options, NULL))
        {
          sock_window_show_connect_dialog (window, options);
          continue;
        }
      page = sock_window_open_connection (window, options);
      if (json_object_has_member (tab, "forms") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (tab, "forms")))
        sock_connection_page_set_form_state (page, json_object_get_object_member (tab, "forms"));
      n++;
    }
  if (selected >= 0 && selected < adw_tab_view_get_n_pages (view))
    adw_tab_view_set_selected_page (view, adw_tab_view_get_nth_page (view, selected));
  return n;
}

int
sock_workspace_restore (SockWindow  *window,
                        GError     **error)
{
  g_autofree char *path = sock_workspace_dup_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  GtkApplication *app;
  JsonArray *windows;
  guint n = 0;

  g_return_val_if_fail (SOCK_IS_WINDOW (window), -1);

  app = gtk_window_get_application (GTK_WINDOW (window));
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  windows = read_windows (path, parser, &local_error);
  if (windows == NULL)
    {
      set_aside (path, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  for (guint i = 0; i < json_array_get_length (windows); i++)
    {
      JsonNode *node = json_array_get_element (windows, i);
      SockWindow *target = window;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (i > 0 && app != NULL)
        {
          target = sock_window_new (SOCK_APPLICATION (app));
          gtk_window_present (GTK_WINDOW (target));
        }
      n += restore_window (target, json_node_get_object (node));
    }
  return n;
}

guint
sock_workspace_count_unexported (GtkApplication *app,
                                 GtkWindow      *window,
                                 guint          *n_messages)
{
  guint n_tabs = 0, n = 0;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), 0);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      AdwTabView *view;

      if (!SOCK_IS_WINDOW (l->data) || (window != NULL && l->data != window))
        continue;
      view = sock_window_get_tab_view (l->data);
      for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
        {
          GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (view, i));
          SockConnection *connection = sock_connection_page_get_connection (SOCK_CONNECTION_PAGE (child));
          guint count = sock_message_log_count_unexported (sock_connection_get_log (connection));

          n_tabs += count > 0;
          n += count;
        }
    }
  if (n_messages != NULL)
    *n_messages = n;
  return n_tabs;
}
