/* interop-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "interop-util.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static char *interop_dir;
static char *node_path;

static const char *required_modules[] = { "autobahn", "wamp.rt", "wamp-server", "fox-wamp", "wamp.io", "ws",
                                           "msgpack5", "cbor" };

/* Without the npm peers (meson test run without build-aux/run's `npm install`) the whole program
 * is one skipped TAP plan; in CI build-aux/run installs them, so there they really run. */
void
interop_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_assert_nonnull (g_getenv ("SOCKSCOPE_CLI"));
  /* G_TEST_SRCDIR is tests/ (see tests/meson.build) */
  interop_dir = g_test_build_filename (G_TEST_DIST, "interop", NULL);
  node_path = g_find_program_in_path ("node");

  for (guint i = 0; i < G_N_ELEMENTS (required_modules); i++)
    {
      g_autofree char *manifest = g_build_filename (interop_dir, "node_modules", required_modules[i],
                                                    "package.json", NULL);

      if (node_path == NULL || !g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
        {
          g_print ("1..0 # SKIP npm peers not installed (run build-aux/run test)\n");
          exit (0);
        }
    }
}

const char *
interop_cli (void)
{
  return g_getenv ("SOCKSCOPE_CLI");
}

/* Own process group (so a stop reaches everything the child started) and death with the test
 * program even when a failed assertion aborts it before any cleanup runs. */
static void
child_setup (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn (const char * const *argv,
       GSubprocessFlags    flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_set_cwd (launcher, interop_dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static void
kill_group (GSubprocess *process,
            int          sig)
{
  const char *id = g_subprocess_get_identifier (process);

  if (id != NULL)
    kill (-(pid_t) g_ascii_strtoll (id, NULL, 10), sig);
}

static InteropPeer *
peer_spawn (const char         *name,
            const char * const *argv,
            GSubprocessFlags    stderr_flag)
{
  InteropPeer *peer = g_new0 (InteropPeer, 1);

  peer->name = g_strdup (name);
  peer->process = spawn (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | stderr_flag);
  peer->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  peer->seen = g_string_new (NULL);
  return peer;
}

InteropPeer *
interop_peer_spawnv (const char         *name,
                     const char * const *argv)
{
  return peer_spawn (name, argv, G_SUBPROCESS_FLAGS_NONE);
}

static GPtrArray *
collect_args (const char *first,
              va_list     ap)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *arg;

  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  g_ptr_array_add (args, NULL);
  return args;
}

InteropPeer *
interop_node_spawn (const char *script,
                    ...)
{
  g_autofree char *path = g_build_filename (interop_dir, "peers", script, NULL);
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, script);
  args = collect_args (path, ap);
  va_end (ap);
  g_ptr_array_insert (args, 0, node_path);
  return interop_peer_spawnv (script, (const char * const *)args->pdata);
}

InteropPeer *
interop_cli_spawn (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  g_ptr_array_insert (args, 0, (char *)interop_cli ());
  /* what sockscope-cli says on stderr (a protocol error, the diagnosis) is read like its output */
  return peer_spawn (first, (const char * const *)args->pdata, G_SUBPROCESS_FLAGS_STDERR_MERGE);
}

/* One Autobahn|JS session doing one action (see peers/autobahn-client.js) to its end: the exit
 * status, and in *out every line it printed. */
int
interop_autobahn_run (char       **out,
                      const char  *url,
                      const char  *realm,
                      const char  *action,
                      ...)
{
  g_autofree char *path = g_build_filename (interop_dir, "peers", "autobahn-client.js", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(InteropPeer) peer = NULL;
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (args, node_path);
  g_ptr_array_add (args, path);
  g_ptr_array_add (args, (char *)url);
  g_ptr_array_add (args, (char *)realm);
  va_start (ap, action);
  for (arg = action; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  peer = interop_peer_spawnv (action, (const char * const *)args->pdata);
  status = interop_peer_finish (peer, 15000);
  *out = g_strdup (peer->seen->str);
  return status;
}

typedef struct
{
  gboolean  done;
  char     *line;
} LineWait;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  wait->done = TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The next stdout line, or NULL at end of output or when timeout_ms pass first. */
char *
interop_peer_read_line (InteropPeer *peer,
                        guint        timeout_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LineWait wait = { FALSE, NULL };
  guint deadline;

  g_data_input_stream_read_line_async (peer->out, G_PRIORITY_DEFAULT, cancellable, on_line, &wait);
  deadline = g_timeout_add (timeout_ms, on_deadline, cancellable);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (deadline);
  if (wait.line != NULL)
    {
      g_test_message ("%s> %s", peer->name, wait.line);
      g_string_append_printf (peer->seen, "%s\n", wait.line);
    }
  return wait.line;
}

/* The first line containing needle within timeout_ms; fails the test otherwise. */
char *
interop_peer_wait_for (InteropPeer *peer,
                       const char  *needle,
                       guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      gint64 left = (end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      g_autofree char *line = NULL;

      if (left > 0)
        line = interop_peer_read_line (peer, (guint) left);
      if (line == NULL)
        g_error ("%s: no line with “%s” within %u ms; it printed:\n%s", peer->name, needle,
                 timeout_ms, peer->seen->str);
      if (strstr (line, needle) != NULL)
        return g_steal_pointer (&line);
    }
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

gboolean
interop_peer_wait_exit (InteropPeer *peer,
                        guint        timeout_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean exited = FALSE;
  guint deadline;

  g_subprocess_wait_async (peer->process, cancellable, on_exited, &exited);
  deadline = g_timeout_add (timeout_ms, on_deadline, cancellable);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (deadline);
  return g_subprocess_get_identifier (peer->process) == NULL;
}

/* Reads stdout to its end and waits for the exit; the exit status, or fails the test when the
 * peer is still running after timeout_ms. */
int
interop_peer_finish (InteropPeer *peer,
                     guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  gint64 left;

  for (;;)
    {
      g_autofree char *line = NULL;

      left = (end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      if (left <= 0 || (line = interop_peer_read_line (peer, (guint) left)) == NULL)
        break;
    }
  left = (end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
  if (!interop_peer_wait_exit (peer, (guint) MAX (left, 1)))
    g_error ("%s still running after %u ms; it printed:\n%s", peer->name, timeout_ms, peer->seen->str);
  return g_subprocess_get_if_exited (peer->process) ? g_subprocess_get_exit_status (peer->process) : -1;
}

/* SIGTERM to the process group, SIGKILL if it is still there after two seconds. */
void
interop_peer_stop (InteropPeer *peer)
{
  if (g_subprocess_get_identifier (peer->process) == NULL)
    return;
  kill_group (peer->process, SIGTERM);
  if (!interop_peer_wait_exit (peer, 2000))
    {
      kill_group (peer->process, SIGKILL);
      g_subprocess_wait (peer->process, NULL, NULL);
    }
}

void
interop_peer_free (InteropPeer *peer)
{
  interop_peer_stop (peer);
  g_clear_object (&peer->out);
  g_clear_object (&peer->process);
  g_string_free (peer->seen, TRUE);
  g_free (peer->name);
  g_free (peer);
}

/* run-router.js NAME 0: the router picks its port on 127.0.0.1 and says "ready PORT". */
InteropPeer *
interop_router_start (const char  *name,
                      char       **url)
{
  InteropPeer *peer = interop_node_spawn ("run-router.js", name, "0", NULL);
  g_autofree char *line = interop_peer_wait_for (peer, "ready ", 10000);

  g_free (peer->name);
  peer->name = g_strdup (name);
  *url = g_strdup_printf ("ws://127.0.0.1:%s/", line + strlen ("ready "));
  return peer;
}

/* "Demo server listening on ws://127.0.0.1:PORT"; the router is on /ws. */
InteropPeer *
interop_demo_start (char **url)
{
  InteropPeer *peer = interop_cli_spawn ("serve-demo", "--port", "0", "--tls-port", "0", NULL);
  g_autofree char *line = interop_peer_wait_for (peer, "ws://127.0.0.1:", 10000);

  *url = g_strconcat (strstr (line, "ws://127.0.0.1:"), "/ws", NULL);
  return peer;
}

typedef struct
{
  GSubprocess *process;
  gboolean     done;
  gboolean     killed;
  char        *out;
  char        *err;
} RunWait;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RunWait *wait = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &wait->out, &wait->err, NULL);
  wait->done = TRUE;
}

static gboolean
on_run_deadline (gpointer user_data)
{
  RunWait *wait = user_data;

  wait->killed = TRUE;
  kill_group (wait->process, SIGKILL);
  return G_SOURCE_REMOVE;
}

/* Runs sockscope-cli to the end; killed (status -1, timed_out) if it outlives timeout_s. */
void
interop_run_cli (InteropRun *run,
                 guint       timeout_s,
                 const char *first,
                 ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GSubprocess) process = NULL;
  RunWait wait = { NULL, FALSE, FALSE, NULL, NULL };
  guint deadline;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  g_ptr_array_insert (args, 0, (char *)interop_cli ());

  process = spawn ((const char * const *)args->pdata,
                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  wait.process = process;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &wait);
  deadline = g_timeout_add_seconds (timeout_s, on_run_deadline, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (process, NULL, NULL);

  run->timed_out = wait.killed;
  if (!wait.killed)
    g_source_remove (deadline);
  /* -1: killed at the deadline or by a signal (a sanitizer's abort, a crash) */
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->out = wait.out != NULL ? wait.out : g_strdup ("");
  run->err = wait.err != NULL ? wait.err : g_strdup ("");
  g_test_message ("sockscope-cli %s -> %d\nstdout:\n%s\nstderr:\n%s", first, run->status, run->out,
                  run->err);
}

void
interop_run_clear (InteropRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

JsonObject *
interop_parse_object (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The first line of text that is a JSON object with the given member, or NULL. */
JsonObject *
interop_find_line (const char *text,
                   const char *member)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (lines[i][0] != '{' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), member))
        return json_object_ref (json_node_get_object (root));
    }
  return NULL;
}

char *
interop_to_json (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(missing)");
}

/* node must equal the JSON text expected (member order aside). */
void
interop_assert_json (JsonNode   *node,
                     const char *expected)
{
  g_autoptr(JsonNode) want = json_from_string (expected, NULL);
  g_autofree char *got = interop_to_json (node);

  g_assert_nonnull (want);
  if (node == NULL || !json_node_equal (node, want))
    g_error ("expected %s, got %s", expected, got);
}
