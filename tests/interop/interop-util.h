/* interop-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Harness for the interop tests: starts the npm peers (node scripts in tests/interop/peers) and
 * sockscope-cli as child processes in their own process groups, reads their output lines with
 * bounded waits, and stops them by process group.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A long-running child (a router, an Autobahn|JS peer, a `sockscope-cli sub`): stdout is read
 * line by line (with stderr for sockscope-cli; a node peer's stderr goes to the test log), stdin
 * is a pipe that node peers treat as a lifeline. */
typedef struct
{
  char             *name;
  GSubprocess      *process;
  GDataInputStream *out;
  GString          *seen;   /* every stdout line so far, for failure messages */
} InteropPeer;

typedef struct
{
  int       status;     /* exit status, or -1 when a signal ended it */
  gboolean  timed_out;  /* killed at the deadline */
  char     *out;
  char     *err;
} InteropRun;

void         interop_init               (int          *argc,
                                         char       ***argv);
const char  *interop_cli                (void);

InteropPeer *interop_peer_spawnv        (const char  *name,
                                         const char * const *argv);
InteropPeer *interop_node_spawn         (const char  *script,
                                         ...) G_GNUC_NULL_TERMINATED;
int          interop_autobahn_run       (char       **out,
                                         const char  *url,
                                         const char  *realm,
                                         const char  *action,
                                         ...) G_GNUC_NULL_TERMINATED;
InteropPeer *interop_cli_spawn          (const char  *first,
                                         ...) G_GNUC_NULL_TERMINATED;
char        *interop_peer_read_line     (InteropPeer *peer,
                                         guint        timeout_ms);
char        *interop_peer_wait_for      (InteropPeer *peer,
                                         const char  *needle,
                                         guint        timeout_ms);
gboolean     interop_peer_wait_exit     (InteropPeer *peer,
                                         guint        timeout_ms);
int          interop_peer_finish        (InteropPeer *peer,
                                         guint        timeout_ms);
void         interop_peer_stop          (InteropPeer *peer);
void         interop_peer_free          (InteropPeer *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InteropPeer, interop_peer_free)

InteropPeer *interop_router_start       (const char  *name,
                                         char       **url);
InteropPeer *interop_demo_start         (char       **url);

void         interop_run_cli            (InteropRun  *run,
                                         guint        timeout_s,
                                         const char  *first,
                                         ...) G_GNUC_NULL_TERMINATED;
void         interop_run_clear          (InteropRun  *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InteropRun, interop_run_clear)

JsonObject  *interop_parse_object       (const char  *line);
JsonObject  *interop_find_line          (const char  *text,
                                         const char  *member);
char        *interop_to_json            (JsonNode    *node);
void         interop_assert_json        (JsonNode    *node,
                                         const char  *expected);

G_END_DECLS
