/* test-ui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers of the window tests: wait for a condition while the main loop runs, find what a user
 * would see (a mapped label, a button, an entry), save screenshots when SOCK_SHOT_DIR is set, and
 * start and stop the application the tests drive.
 */

#pragma once

#include <adwaita.h>
#include <string.h>

#include "sock-application.h"
#include "sock-connect-dialog.h"
#include "sock-connection-page.h"
#include "sock-window.h"
#include "../test-wait.h"

#define WAIT_TIMEOUT_MS 20000

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until cond holds; FALSE after WAIT_TIMEOUT_MS. */
static inline gboolean
wait_for (Condition cond,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return ok;
}

/* Runs the main loop for ms milliseconds. */
static inline void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* A mapped widget of type (or any type: G_TYPE_INVALID) for which match() holds. */
static inline GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             gboolean  (*match) (GtkWidget *widget, const char *text),
             const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if ((type == G_TYPE_INVALID || G_TYPE_CHECK_INSTANCE_TYPE (widget, type)) && match (widget, text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget of type below root (root included), mapped or not. */
static inline GtkWidget *
find_any (GtkWidget *root,
          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
any_widget (GtkWidget  *widget,
            const char *text)
{
  return TRUE;
}

static inline gboolean
label_is (GtkWidget  *widget,
          const char *text)
{
  return g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static inline gboolean
label_contains (GtkWidget  *widget,
                const char *text)
{
  return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static inline gboolean
placeholder_is (GtkWidget  *widget,
                const char *text)
{
  return g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0;
}

static inline gboolean
button_label_is (GtkWidget  *widget,
                 const char *text)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

/* The title an AdwPreferencesRow has, mnemonic underscore and all ("_Ticket"). */
static inline gboolean
row_title_equals (GtkWidget  *widget,
                  const char *text)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static inline gboolean
tooltip_text_is (GtkWidget  *widget,
                 const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

/* The name a .ui file or gtk_widget_set_name() gave the widget. */
static inline gboolean
name_is (GtkWidget  *widget,
         const char *text)
{
  return g_strcmp0 (gtk_widget_get_name (widget), text) == 0;
}

static inline gboolean
editable_text_is (GtkWidget  *widget,
                  const char *text)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

/* A label the user can see (mapped) whose text is, or contains, text. */
static inline GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    substring)
{
  return find_widget (root, GTK_TYPE_LABEL, substring ? label_contains : label_is, text);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    substring;
} LabelQuery;

static inline gboolean
label_shown (gpointer data)
{
  LabelQuery *query = data;

  return find_label (query->root, query->text, query->substring) != NULL;
}

static inline gboolean
wait_for_label (gpointer    root,
                const char *text,
                gboolean    substring)
{
  LabelQuery query = { GTK_WIDGET (root), text, substring };

  return wait_for (label_shown, &query);
}

static inline gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Conditions on the number of tabs of the SockWindow in data. */
static inline gboolean
n_pages_is_zero (gpointer data)
{
  return adw_tab_view_get_n_pages (sock_window_get_tab_view (data)) == 0;
}

static inline gboolean
n_pages_is_one (gpointer data)
{
  return adw_tab_view_get_n_pages (sock_window_get_tab_view (data)) == 1;
}

/* The result store_result () keeps at data has come. */
static inline gboolean
result_stored (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The last toplevel window for which match (window, data) holds, or NULL. */
static inline GtkWindow *
find_toplevel_where (gboolean    (*match) (GtkWindow *window, gconstpointer data),
                     gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (match (window, data))
        found = window;
    }
  return found;
}

static inline gboolean
toplevel_shown_of_type (GtkWindow     *window,
                        gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (window, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* The last mapped toplevel window of type (a dialog, a file chooser), or NULL. */
static inline GtkWindow *
find_shown_toplevel (GType type)
{
  return find_toplevel_where (toplevel_shown_of_type, GSIZE_TO_POINTER (type));
}

/* A condition for wait_for (): a connect dialog is shown, and kept in the SockConnectDialog * that
 * data points to. */
static inline gboolean
connect_dialog_shown (gpointer data)
{
  SockConnectDialog **dialog = data;

  *dialog = SOCK_CONNECT_DIALOG (find_shown_toplevel (SOCK_TYPE_CONNECT_DIALOG));
  return *dialog != NULL;
}

/* A window of app at the size users get by default, shown and mapped. */
static inline SockWindow *
present_window (SockApplication *app)
{
  SockWindow *window = sock_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (widget_mapped, window));
  return window;
}

static inline gboolean
page_joined (gpointer data)
{
  return g_strcmp0 (sock_connection_page_get_state_text (data), "Joined") == 0;
}

/* Saves what window shows now as dir/name.png. */
static inline void
save_window_png (GtkWidget  *window,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  paintable = gtk_widget_paintable_new (window);
  /* a window that has not been laid out yet draws nothing: give it a few frames */
  for (guint tries = 0; node == NULL && tries < 40; tries++)
    {
      if (tries > 0)
        run_for (50);
      w = gtk_widget_get_width (window);
      h = gtk_widget_get_height (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Saves what window shows as SOCK_SHOT_DIR/name.png, when SOCK_SHOT_DIR is set. */
static inline void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("SOCK_SHOT_DIR");

  if (dir == NULL)
    return;
  run_for (300);
  save_window_png (window, dir, name);
}

/* The application ui_test_init () registered. */
static G_GNUC_UNUSED SockApplication *ui_test_app;

/* Starts GTK with the renderer and backend that behave the same under Xvfb everywhere, then
 * registers the application the tests drive. NULL (after printing a TAP skip) without a display. */
static inline SockApplication *
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  SockApplication *app;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return NULL;
    }

  g_test_init (argc, argv, NULL);

  app = sock_application_new ();
  /* These tests drive the app in their own process, several may run at once, and a desktop
   * session may run Sockscope too: they stay apart (test-workspace runs the real single
   * instance on a private bus). The workspace and the unexported-log question are left to
   * test-workspace as well: here they would save files and stop tabs from closing. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "restore-workspace", FALSE);
    g_settings_set_boolean (settings, "confirm-close-unexported", FALSE);
  }
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  ui_test_app = app;
  return app;
}

/* The fixture of the tests that work on the app's own demo server in a window of their own. */
typedef struct
{
  SockWindow     *window;
  SockDemoServer *server;
} DemoFixture;

static inline void
demo_fixture_set_up (DemoFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sock_application_ensure_demo (ui_test_app, &error);
  g_assert_no_error (error);
  fixture->window = present_window (ui_test_app);
}

static inline void
demo_fixture_tear_down (DemoFixture   *fixture,
                        gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  run_for (200);
}

/* Stops the demo server a test may have started, then drops the application. */
static inline void
ui_test_finish (SockApplication **app)
{
  if (sock_application_get_demo_server (*app) != NULL)
    sock_demo_server_stop (sock_application_get_demo_server (*app));
  g_clear_object (app);
}
