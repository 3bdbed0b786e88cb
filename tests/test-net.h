/* test-net.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests that need a loopback port nothing answers on (a refused connection, a server started
 * later on a known port).
 */

#pragma once

#include <gio/gio.h>

/* A port of 127.0.0.1 that nothing listens on now: bound once by the test, then closed. */
static G_GNUC_UNUSED guint16
test_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
