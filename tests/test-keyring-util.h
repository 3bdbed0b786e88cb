/* test-keyring-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real Secret Service for tests, private to them: a D-Bus session bus of our own (with no
 * activatable services, so that nothing else starts on it) and, when asked, Debian's
 * gnome-keyring-daemon with only its secrets component, in a fresh HOME and XDG folders, its
 * login keyring created and unlocked with a password given on stdin. Call test_keyring_start()
 * before anything in the process touches D-Bus: it sets DBUS_SESSION_BUS_ADDRESS, HOME and the
 * XDG folders for the process and the programs it starts.
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "test-files.h"

#define TEST_KEYRING_PASSWORD "sockscope-test-password"
#define TEST_KEYRING_WAIT_S 15

typedef struct
{
  char        *dir;
  GSubprocess *bus;
  GSubprocess *keyring;
} TestKeyring;

static const char test_keyring_bus_conf[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:path=%s</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

/* A daemon dies with the test, even when the test is killed: nothing is left running. */
static void
test_keyring_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Neither daemon keeps the test's stdout or stderr open (g_test_trap_subprocess() reads them to
 * their end). */
static GSubprocess *
test_keyring_spawn (GSubprocessFlags     flags,
                    const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, test_keyring_child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

/* Whether gnome-keyring-daemon and dbus-daemon are installed (build-aux/install-deps test). */
static G_GNUC_UNUSED gboolean
test_keyring_available (void)
{
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *bus = g_find_program_in_path ("dbus-daemon");

  return keyring != NULL && bus != NULL;
}

static gboolean
test_keyring_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Waits (iterating the default context) for a file to exist or a name to be owned. */
static gboolean
test_keyring_wait (const char      *socket_path,
                   GDBusConnection *bus,
                   const char      *name)
{
  gint64 end = g_get_monotonic_time () + TEST_KEYRING_WAIT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, test_keyring_tick, NULL);
  gboolean ok = FALSE;

  while (!ok && g_get_monotonic_time () < end)
    {
      if (socket_path != NULL)
        ok = g_file_test (socket_path, G_FILE_TEST_EXISTS);
      else
        {
          g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                                   "org.freedesktop.DBus", "NameHasOwner",
                                                                   g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                                   G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);

          if (reply != NULL)
            g_variant_get (reply, "(b)", &ok);
        }
      if (!ok)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  return ok;
}

static char *
test_keyring_mkdir (const char *dir,
                    const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
test_keyring_setenv (TestKeyring *k)
{
  g_autofree char *home = test_keyring_mkdir (k->dir, "home");
  g_autofree char *data = test_keyring_mkdir (k->dir, "data");
  g_autofree char *config = test_keyring_mkdir (k->dir, "config");
  g_autofree char *cache = test_keyring_mkdir (k->dir, "cache");
  g_autofree char *runtime = test_keyring_mkdir (k->dir, "runtime");

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");
}

static void
test_keyring_start_keyring (TestKeyring *k)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  const char * const argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL };
  GOutputStream *in;

  k->keyring = test_keyring_spawn (G_SUBPROCESS_FLAGS_STDIN_PIPE, argv);
  /* --unlock reads the password of the login keyring (created now) from stdin */
  in = g_subprocess_get_stdin_pipe (k->keyring);
  g_assert_true (g_output_stream_write_all (in, TEST_KEYRING_PASSWORD, strlen (TEST_KEYRING_PASSWORD), NULL, NULL,
                                            &error));
  g_assert_true (g_output_stream_close (in, NULL, &error));
  g_assert_no_error (error);

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  if (!test_keyring_wait (NULL, bus, "org.freedesktop.secrets"))
    g_error ("waited %d s for gnome-keyring-daemon to own org.freedesktop.secrets, in vain", TEST_KEYRING_WAIT_S);
  g_dbus_connection_close_sync (bus, NULL, NULL);
}

/* with_keyring FALSE: a session bus without any Secret Service. */
static inline void
test_keyring_start (TestKeyring *k,
                    gboolean     with_keyring)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *address = NULL;

  k->dir = g_dir_make_tmp ("sock-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  test_keyring_setenv (k);

  socket_path = g_build_filename (k->dir, "bus", NULL);
  conf_path = g_build_filename (k->dir, "bus.conf", NULL);
  conf = g_strdup_printf (test_keyring_bus_conf, socket_path);
  g_assert_true (g_file_set_contents (conf_path, conf, -1, NULL));
  {
    const char * const argv[] = { "dbus-daemon", "--nofork", "--config-file", conf_path, NULL };

    k->bus = test_keyring_spawn (G_SUBPROCESS_FLAGS_NONE, argv);
  }
  if (!test_keyring_wait (socket_path, NULL, NULL))
    g_error ("waited %d s for the private D-Bus daemon's socket, in vain", TEST_KEYRING_WAIT_S);
  address = g_strconcat ("unix:path=", socket_path, NULL);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  if (with_keyring)
    test_keyring_start_keyring (k);
}

/* Stops what test_keyring_start() started, by the processes it started, and removes the folders. */
static inline void
test_keyring_stop (TestKeyring *k)
{
  if (k->keyring != NULL)
    {
      g_subprocess_send_signal (k->keyring, SIGTERM);
      g_subprocess_wait (k->keyring, NULL, NULL);
    }
  if (k->bus != NULL)
    {
      g_subprocess_send_signal (k->bus, SIGTERM);
      g_subprocess_wait (k->bus, NULL, NULL);
    }
  g_clear_object (&k->keyring);
  g_clear_object (&k->bus);
  if (k->dir != NULL)
    test_remove_tree (k->dir);
  g_clear_pointer (&k->dir, g_free);
}
