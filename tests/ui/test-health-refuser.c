/* test-health-refuser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "../test-ws-server.h"
#include "test-health-refuser.h"

#define ABORT "[3,{\"message\":\"no realm here\"},\"wamp.error.no_such_realm\"]"

struct _Refuser
{
  TestWsListener *listener;
  gint            aborts;
};

/* One connection: the upgrade, then ABORT for the HELLO, then nothing until the client closes. */
static void
serve (GSocket  *socket,
       gpointer  user_data)
{
  Refuser *self = user_data;
  g_autoptr(GString) frame = g_string_new (NULL);
  int opcode;

  g_socket_set_timeout (socket, 10);
  if (!test_ws_upgrade (socket, "wamp.2.json"))
    return;
  /* the client may ping first; then its HELLO */
  while ((opcode = test_ws_read_frame (socket, frame)) == 0x9 || opcode == 0xA)
    ;
  if (opcode == 0x1)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      test_ws_append_frame (out, 0x1, ABORT, strlen (ABORT));
      if (test_ws_write_all (socket, out->str, out->len))
        g_atomic_int_inc (&self->aborts);
    }
  /* until the client closes */
  while (test_ws_read_frame (socket, frame) >= 0)
    ;
}

Refuser *
refuser_start (guint port)
{
  Refuser *self = g_new0 (Refuser, 1);

  self->listener = test_ws_listener_new (port, "refuser", serve, self);
  if (self->listener == NULL)
    g_clear_pointer (&self, g_free);
  return self;
}

guint
refuser_get_aborts (Refuser *self)
{
  return (guint) g_atomic_int_get (&self->aborts);
}

void
refuser_stop (Refuser *self)
{
  test_ws_listener_free (self->listener);
  g_free (self);
}
