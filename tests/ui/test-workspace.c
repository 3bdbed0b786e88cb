/* test-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real `sockscope` program, several times, on a private D-Bus session (GTestDBus) and
 * private XDG folders, against a demo server in this process:
 * - one instance: a second `sockscope URL` opens its tab in the first process and exits 0; its
 *   errors are still printed by, and the exit status of, the second process;
 * - quit (app.quit over D-Bus) and start again: the tabs come back with their subscriptions and
 *   form contents, which the demo router sees (wamp.subscription.lookup through sockscope-cli);
 * - a damaged workspace file is set aside, not overwritten;
 * - the window's size and maximized state come back at the next start.
 */

#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sock-demo-server.h"
#include "test-ui-util.h"

static SockDemoServer *server;
static char *url;
static char *state_dir;
static GDBusConnection *bus;

typedef struct
{
  GSubprocess *process;
  gboolean     done;
  char        *out;
  char        *err;
} Run;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, NULL);
  run->done = TRUE;
}

static gboolean
run_finished (gpointer data)
{
  return ((Run *) data)->done;
}

/* Starts argv (NULL-terminated) with its output collected; the main loop keeps running. */
static Run *
run_start (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);

  run->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (run->process, NULL, NULL, run_done_cb, run);
  return run;
}

static void
run_free (Run *run)
{
  if (!run->done)
    {
      g_subprocess_force_exit (run->process);
      g_assert_true (wait_for (run_finished, run));
    }
  g_clear_object (&run->process);
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs argv to its end and returns its exit status. */
static int
run_to_end (const char * const *argv,
            Run               **out_run)
{
  Run *run = run_start (argv);
  int status;

  if (!wait_for (run_finished, run))
    g_error ("%s did not end within %d ms", argv[0], WAIT_TIMEOUT_MS);
  status = g_subprocess_get_if_exited (run->process) ? g_subprocess_get_exit_status (run->process) : -1;
  if (out_run != NULL)
    *out_run = run;
  else
    run_free (run);
  return status;
}

static Run *
start_app (const char *arg1,
           const char *arg2,
           const char *arg3,
           const char *arg4,
           const char *arg5)
{
  const char *argv[] = { g_getenv ("SOCKSCOPE_APP"), arg1, arg2, arg3, arg4, arg5, NULL };

  return run_start (argv);
}

static int
app_to_end (Run       **out_run,
            const char *arg1,
            const char *arg2,
            const char *arg3,
            const char *arg4,
            const char *arg5)
{
  const char *argv[] = { g_getenv ("SOCKSCOPE_APP"), arg1, arg2, arg3, arg4, arg5, NULL };

  return run_to_end (argv, out_run);
}

/* Whether the demo router holds a subscription to topic, asked as any WAMP client would. */
static gboolean
subscribed (gpointer data)
{
  g_autofree char *args = g_strdup_printf ("[\"%s\"]", (const char *) data);
  const char *argv[] = { g_getenv ("SOCKSCOPE_CLI"), "call", url, "wamp.subscription.lookup", "--args", args,
                         "--realm", "demo", "--timeout", "5", NULL };
  g_autoptr(Run) run = NULL;
  int status = run_to_end (argv, &run);

  g_assert_cmpint (status, ==, 0);
  return strstr (run->out, "[null]") == NULL;
}

static gboolean
not_subscribed (gpointer data)
{
  return !subscribed (data);
}

static gboolean
app_running (gpointer data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* app.quit, as the menu and Ctrl+Q do, through the app's own D-Bus interface. */
static void
quit_app (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, APP_ID, "/io/github/sockscope/Sockscope", "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  if (!wait_for (run_finished, run))
    g_error ("sockscope did not quit within %d ms", WAIT_TIMEOUT_MS);
  g_assert_true (g_subprocess_get_if_exited (run->process));
  g_assert_cmpint (g_subprocess_get_exit_status (run->process), ==, 0);
}

static char *
workspace_path (void)
{
  return g_build_filename (state_dir, "sockscope", "workspace.json", NULL);
}

static JsonObject *
read_workspace (JsonParser *parser)
{
  g_autofree char *path = workspace_path ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
saved_tabs (JsonObject *workspace)
{
  JsonArray *windows = json_object_get_array_member (workspace, "windows");

  g_assert_cmpuint (json_array_get_length (windows), ==, 1);
  return json_object_get_array_member (json_array_get_object_element (windows, 0), "tabs");
}

static const char *
saved_topic (JsonArray *tabs,
             guint      i)
{
  JsonObject *connection = json_object_get_object_member (json_array_get_object_element (tabs, i), "connection");
  JsonArray *subscriptions = json_object_get_array_member (connection, "subscriptions");

  return json_object_get_string_member (json_array_get_object_element (subscriptions, 0), "topic");
}

static void
test_workspace_single_instance_and_restore (void)
{
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) second = NULL;
  g_autoptr(Run) bad = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = workspace_path ();
  JsonObject *workspace, *forms;
  JsonArray *tabs;

  g_assert_false (app_running (NULL));
  first = start_app (url, "--realm", "demo", "--subscribe", "test.one");
  g_assert_true (wait_for (app_running, NULL));
  if (!wait_for (subscribed, (gpointer) "test.one"))
    g_error ("no subscription to test.one; sockscope said: %s", first->done ? first->err : "(running)");

  /* A second `sockscope URL` hands its command line over and exits 0; the tab is the first's. */
  g_assert_cmpint (app_to_end (&second, url, "--realm", "demo", "--subscribe", "test.two"), ==, 0);
  g_assert_false (first->done);
  g_assert_true (wait_for (subscribed, (gpointer) "test.two"));

  /* Its mistakes are still its own: printed by it, with its exit status. */
  g_assert_cmpint (app_to_end (&bad, url, "--protocol", "mqtt", NULL, NULL), ==, 1);
  g_assert_nonnull (strstr (bad->err, "mqtt"));
  g_clear_pointer (&bad, run_free);
  g_assert_cmpint (app_to_end (&bad, "--no-such-option", NULL, NULL, NULL, NULL), ==, 1);
  g_assert_false (first->done);

  /* Quit: both tabs are saved with their subscriptions, and the sessions are gone. */
  quit_app (first);
  workspace = read_workspace (parser);
  g_assert_cmpint (json_object_get_int_member (workspace, "version"), ==, 1);
  tabs = saved_tabs (workspace);
  g_assert_cmpuint (json_array_get_length (tabs), ==, 2);
  g_assert_cmpstr (saved_topic (tabs, 0), ==, "test.one");
  g_assert_cmpstr (saved_topic (tabs, 1), ==, "test.two");
  g_assert_true (wait_for (not_subscribed, (gpointer) "test.one"));

  /* What the forms held comes back too: put a topic in the first tab's publish form. */
  forms = json_object_get_object_member (json_array_get_object_element (tabs, 0), "forms");
  json_object_set_string_member (json_object_get_object_member (forms, "publish"), "topic", "test.form.topic");
  json_object_set_string_member (json_object_get_object_member (forms, "call"), "args", "[2, 3]");
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  /* Start again without arguments: the tabs are back and subscribed. */
  again = start_app (NULL, NULL, NULL, NULL, NULL);
  g_assert_true (wait_for (subscribed, (gpointer) "test.one"));
  g_assert_true (wait_for (subscribed, (gpointer) "test.two"));
  quit_app (again);

  /* ... and saved again from the widgets, forms included. */
  g_clear_object (&parser);
  parser = json_parser_new ();
  tabs = saved_tabs (read_workspace (parser));
  g_assert_cmpuint (json_array_get_length (tabs), ==, 2);
  forms = json_object_get_object_member (json_array_get_object_element (tabs, 0), "forms");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (forms, "publish"), "topic"), ==,
                   "test.form.topic");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (forms, "call"), "args"), ==,
                   "[2, 3]");
}

static gboolean
has_damaged_copy (const char *contents)
{
  g_autofree char *dir = g_build_filename (state_dir, "sockscope", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_str_has_prefix (name, "workspace.json.damaged-") && g_file_get_contents (path, &text, NULL, NULL) &&
          g_str_equal (text, contents))
        return TRUE;
    }
  return FALSE;
}

static void
test_workspace_damaged (void)
{
  static const char damaged[] = "{\"version\": 1, \"windows\": [ {\"tabs\": [";
  g_autofree char *path = workspace_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(Run) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, damaged, -1, &error);
  g_assert_no_error (error);

  run = start_app (NULL, NULL, NULL, NULL, NULL);
  g_assert_true (wait_for (app_running, NULL));
  quit_app (run);

  /* kept aside as it was, and a fresh (empty) workspace in its place */
  g_assert_true (has_damaged_copy (damaged));
  g_assert_cmpuint (json_array_get_length (saved_tabs (read_workspace (parser))), ==, 0);
}

/* Window size: this process plays the window manager's part on the X server (Xvfb has none):
 * it resizes the app's window and marks it maximized (_NET_WM_STATE), as a user's window
 * manager does, and reads what the next start asks for. */

static Display *xdisplay;
static char *keyfile_path;

static gboolean
window_of_pid (Window  window,
               GPid    pid)
{
  Atom pid_atom = XInternAtom (xdisplay, "_NET_WM_PID", False);
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gboolean same = FALSE;

  if (XGetWindowProperty (xdisplay, window, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format, &n, &after,
                          &data) == Success && data != NULL && n == 1 && format == 32)
    same = *(unsigned long *) data == (unsigned long) pid;
  if (data != NULL)
    XFree (data);
  return same;
}

typedef struct
{
  Run    *run;
  Window  window;
} AppWindow;

/* The app's shown top-level window. */
static gboolean
app_window_shown (gpointer data)
{
  AppWindow *found = data;
  GPid pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (found->run->process), NULL, 10);
  Window root, parent, *children = NULL;
  unsigned int n = 0;

  found->window = None;
  XQueryTree (xdisplay, DefaultRootWindow (xdisplay), &root, &parent, &children, &n);
  for (unsigned int i = 0; i < n && found->window == None; i++)
    {
      XWindowAttributes attributes;

      if (XGetWindowAttributes (xdisplay, children[i], &attributes) && attributes.map_state == IsViewable &&
          window_of_pid (children[i], pid))
        found->window = children[i];
    }
  if (children != NULL)
    XFree (children);
  return found->window != None;
}

static Window
wait_for_app_window (Run *run)
{
  AppWindow found = { run, None };

  if (!wait_for (app_window_shown, &found))
    g_error ("no window of sockscope showed");
  return found.window;
}

static void
window_size (Window  window,
             int    *width,
             int    *height)
{
  XWindowAttributes attributes;

  g_assert_true (XGetWindowAttributes (xdisplay, window, &attributes));
  *width = attributes.width;
  *height = attributes.height;
}

/* Whether a window asked the window manager to maximize it: a _NET_WM_STATE message to the root
 * window adding both maximized states (the root's SubstructureNotify events bring it here too). */
static gboolean
maximize_requested (gpointer data)
{
  Window window = *(Window *) data;
  Atom state = XInternAtom (xdisplay, "_NET_WM_STATE", False);
  Atom vert = XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_VERT", False);
  Atom horz = XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_HORZ", False);
  gboolean asked = FALSE;

  while (XPending (xdisplay) > 0)
    {
      XEvent event;

      XNextEvent (xdisplay, &event);
      if (event.type == ClientMessage && event.xclient.window == window &&
          event.xclient.message_type == state && event.xclient.data.l[0] == 1 &&
          ((Atom) event.xclient.data.l[1] == vert || (Atom) event.xclient.data.l[1] == horz) &&
          ((Atom) event.xclient.data.l[2] == vert || (Atom) event.xclient.data.l[2] == horz))
        asked = TRUE;
    }
  return asked;
}

/* Whether _NET_WM_STATE holds both maximized atoms: what the app asks a window manager for. */
static gboolean
asks_maximized (Window window)
{
  Atom state = XInternAtom (xdisplay, "_NET_WM_STATE", False);
  Atom vert = XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_VERT", False);
  Atom horz = XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_HORZ", False);
  Atom type;
  int format;
  unsigned long n = 0, after;
  unsigned char *data = NULL;
  guint found = 0;

  if (XGetWindowProperty (xdisplay, window, state, 0, 32, False, XA_ATOM, &type, &format, &n, &after,
                          &data) != Success)
    return FALSE;
  for (unsigned long i = 0; data != NULL && i < n; i++)
    found |= (((Atom *) data)[i] == vert ? 1 : 0) | (((Atom *) data)[i] == horz ? 2 : 0);
  if (data != NULL)
    XFree (data);
  return found == 3;
}

/* What a window manager does when the user maximizes the window, or restores it. */
static void
set_maximized (Window   window,
               gboolean maximized)
{
  Atom state = XInternAtom (xdisplay, "_NET_WM_STATE", False);
  Atom atoms[] = { XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_VERT", False),
                   XInternAtom (xdisplay, "_NET_WM_STATE_MAXIMIZED_HORZ", False) };

  if (maximized)
    XChangeProperty (xdisplay, window, state, XA_ATOM, 32, PropModeReplace, (unsigned char *) atoms, 2);
  else
    XDeleteProperty (xdisplay, window, state);
  XSync (xdisplay, False);
}

static void
resize (Window window,
        int    width,
        int    height)
{
  XResizeWindow (xdisplay, window, width, height);
  XSync (xdisplay, False);
}

typedef struct
{
  const char *key;
  const char *value;
} Setting;

/* Whether the app's keyfile says key=value (the keyfile backend writes each change). */
static gboolean
setting_is (gpointer data)
{
  Setting *setting = data;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *value = NULL;

  if (!g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  value = g_key_file_get_value (keyfile, "io/github/sockscope/Sockscope", setting->key, NULL);
  return g_strcmp0 (value, setting->value) == 0;
}

static void
assert_setting (const char *key,
                const char *value)
{
  Setting setting = { key, value };

  if (!wait_for (setting_is, &setting))
    g_error ("the settings never said %s=%s", key, value);
}

static void
assert_window_size (Window window,
                    int    width,
                    int    height)
{
  int w, h;

  window_size (window, &w, &h);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
}

static void
test_workspace_window_size (void)
{
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) second = NULL;
  g_autoptr(Run) third = NULL;
  Window window;

  if (xdisplay == NULL)
    {
      g_test_skip ("not an X11 display");
      return;
    }
  /* resized by the user, then maximized */
  first = start_app (NULL, NULL, NULL, NULL, NULL);
  window = wait_for_app_window (first);
  resize (window, 900, 600);
  assert_setting ("window-width", "900");
  assert_setting ("window-height", "600");
  set_maximized (window, TRUE);
  assert_setting ("window-maximized", "true");
  resize (window, 1280, 800);
  run_for (300);
  quit_app (first);
  /* the size to come back to is the one before maximizing */
  assert_setting ("window-width", "900");
  assert_setting ("window-maximized", "true");

  /* started again: maximized (asked for as the window is mapped, or once it is), over the size it
   * had */
  XSelectInput (xdisplay, DefaultRootWindow (xdisplay), SubstructureNotifyMask);
  XSync (xdisplay, True);
  second = start_app (NULL, NULL, NULL, NULL, NULL);
  window = wait_for_app_window (second);
  g_assert_true (asks_maximized (window) || wait_for (maximize_requested, &window));
  XSelectInput (xdisplay, DefaultRootWindow (xdisplay), NoEventMask);
  assert_window_size (window, 900, 600);
  set_maximized (window, FALSE);
  assert_setting ("window-maximized", "false");
  resize (window, 1000, 650);
  assert_setting ("window-width", "1000");
  quit_app (second);

  third = start_app (NULL, NULL, NULL, NULL, NULL);
  window = wait_for_app_window (third);
  g_assert_false (asks_maximized (window));
  assert_window_size (window, 1000, 650);
  quit_app (third);
}

static void
write_keyfile (const char *config_dir)
{
  g_autofree char *dir = g_build_filename (config_dir, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(GError) error = NULL;

  /* The demo's live topics fill every log: the question would hold up each quit. test-unexported
   * asks it. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "[io/github/sockscope/Sockscope]\nconfirm-close-unexported=false\n", -1, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTestDBus) test_bus = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *display = NULL;
  int ret;

  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);

  /* A bus of our own: a Sockscope running on the desktop, or another test, is not ours. */
  display = g_strdup (g_getenv ("DISPLAY"));
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  /* GTestDBus unsets DISPLAY (against X11 bus autolaunch); the apps need it */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  state_dir = g_dir_make_tmp ("sockscope-state-XXXXXX", &error);
  g_assert_no_error (error);
  config_dir = g_dir_make_tmp ("sockscope-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  /* this bus has no accessibility bus (test-keyboard has one) */
  g_setenv ("GTK_A11Y", "none", TRUE);
  write_keyfile (config_dir);
  keyfile_path = g_build_filename (config_dir, "glib-2.0", "settings", "keyfile", NULL);
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    xdisplay = XOpenDisplay (NULL);

  server = sock_demo_server_new ();
  if (!sock_demo_server_start (server, 0, -1, &error))
    g_error ("demo server: %s", error->message);
  url = sock_demo_server_dup_wamp_url (server);

  g_test_add_func ("/sockscope/workspace/single-instance-and-restore", test_workspace_single_instance_and_restore);
  g_test_add_func ("/sockscope/workspace/damaged", test_workspace_damaged);
  g_test_add_func ("/sockscope/workspace/window-size", test_workspace_window_size);

  ret = g_test_run ();

  sock_demo_server_stop (server);
  g_clear_object (&server);
  g_clear_pointer (&xdisplay, XCloseDisplay);
  g_free (keyfile_path);
  g_clear_object (&bus);
  g_test_dbus_down (test_bus);
  g_free (url);
  g_free (state_dir);
  return ret;
}
