/* sock-demo-rawsocket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-demo-rawsocket.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "sock-demo-private.h"
#include "sock-demo-rawsocket-conn.h"
#include "sock-rawsocket.h"

/* A client that connects and sends no handshake is dropped after this long. */
#define HANDSHAKE_TIMEOUT_MS 5000
/* Generous: under a sanitizer on a loaded machine a close can take seconds. */
#define CLOSE_TIMEOUT_US (3 * G_USEC_PER_SEC)
#define FREE_TIMEOUT_US (5 * G_USEC_PER_SEC)
#define SOCKET_NAME "wamp.sock"

typedef struct
{
  SockDemoRawsocket      *owner;
  SockDemoRawsocketFault  fault;
  GSocketService         *service;
  guint                   port;   /* 0 for the Unix socket */
} Listener;

struct _SockDemoRawsocket
{
  SockDemoRsShared  shared;
  Listener          tcp[SOCK_DEMO_RAWSOCKET_N_FAULTS];   /* by fault; [0]: the router */
  Listener          unix_socket;
  char             *dir;
  char             *path;
};

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Listener *listener = user_data;

  _sock_demo_rs_conn_new (&listener->owner->shared, connection, listener->fault);
  return TRUE;
}

static gboolean
listener_open (Listener        *listener,
               GSocketAddress  *address,
               GError         **error)
{
  g_autoptr(GSocketAddress) effective = NULL;
  GSocketProtocol protocol = G_IS_INET_SOCKET_ADDRESS (address) ? G_SOCKET_PROTOCOL_TCP : G_SOCKET_PROTOCOL_DEFAULT;

  listener->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (listener->service), address, G_SOCKET_TYPE_STREAM,
                                      protocol, NULL, &effective, error))
    return FALSE;
  if (G_IS_INET_SOCKET_ADDRESS (effective))
    listener->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (listener->service, "incoming", G_CALLBACK (on_incoming), listener);
  g_socket_service_start (listener->service);
  return TRUE;
}

static void
listener_close (Listener *listener)
{
  if (listener->service == NULL)
    return;
  g_signal_handlers_disconnect_by_data (listener->service, listener);
  g_socket_service_stop (listener->service);
  g_socket_listener_close (G_SOCKET_LISTENER (listener->service));
  g_clear_object (&listener->service);
  listener->port = 0;
}

SockDemoRawsocket *
_sock_demo_rawsocket_new (SockDemoRouter *router,
                          guint           max_connections)
{
  SockDemoRawsocket *self = g_new0 (SockDemoRawsocket, 1);

  self->shared.router = router;
  self->shared.conns = g_ptr_array_new_with_free_func (_sock_demo_rs_conn_unref);
  self->shared.max_connections = max_connections;
  self->shared.handshake_timeout_ms = HANDSHAKE_TIMEOUT_MS;
  /* 2^24 - 1 octets, as /ws accepts 16 MiB */
  self->shared.length_exponent = 15;
  for (guint i = 0; i < G_N_ELEMENTS (self->tcp); i++)
    {
      self->tcp[i].owner = self;
      self->tcp[i].fault = i;
    }
  self->unix_socket.owner = self;
  self->unix_socket.fault = SOCK_DEMO_RAWSOCKET_FAULT_NONE;
  return self;
}

gboolean
_sock_demo_rawsocket_start (SockDemoRawsocket  *self,
                            guint               port,
                            GError            **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) unix_address = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->tcp); i++)
    {
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new (loopback, i == 0 ? port : 0);

      if (!listener_open (&self->tcp[i], local, error))
        return FALSE;
    }

  /* a directory only we can enter: nobody else connects to the socket or puts one in its place */
  self->dir = g_dir_make_tmp ("sockscope-demo-XXXXXX", error);
  if (self->dir == NULL)
    return FALSE;
  self->path = g_build_filename (self->dir, SOCKET_NAME, NULL);
  unix_address = g_unix_socket_address_new (self->path);
  return listener_open (&self->unix_socket, unix_address, error);
}

static gboolean
conns_gone (gpointer data)
{
  SockDemoRawsocket *self = data;

  return self->shared.conns->len == 0;
}

static gboolean
conns_freed (gpointer data)
{
  SockDemoRawsocket *self = data;

  return self->shared.live == 0;
}

static void
close_conns (SockDemoRawsocket *self)
{
  /* Not g_ptr_array_copy(): the copy would drop the references too. */
  g_autoptr(GPtrArray) conns = g_ptr_array_sized_new (self->shared.conns->len);

  g_ptr_array_extend (conns, self->shared.conns, NULL, NULL);
  for (guint i = 0; i < conns->len; i++)
    _sock_demo_rs_conn_close (g_ptr_array_index (conns, i));
  _sock_demo_spin_until (conns_gone, self, CLOSE_TIMEOUT_US);
  while (self->shared.conns->len > 0)
    _sock_demo_rs_conn_abort (g_ptr_array_index (self->shared.conns, self->shared.conns->len - 1));
  /* cancelled reads and writes report back from the main context, and the router frees its
   * sessions from there: the sockets close only then */
  _sock_demo_spin_until (conns_freed, self, FREE_TIMEOUT_US);
  if (self->shared.live > 0)
    g_warning ("%u demo RawSocket connections still busy after closing them", self->shared.live);
}

void
_sock_demo_rawsocket_free (SockDemoRawsocket *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->tcp); i++)
    listener_close (&self->tcp[i]);
  listener_close (&self->unix_socket);
  close_conns (self);
  if (self->path != NULL)
    g_unlink (self->path);
  if (self->dir != NULL)
    g_rmdir (self->dir);
  g_ptr_array_unref (self->shared.conns);
  g_free (self->path);
  g_free (self->dir);
  g_free (self);
}

guint
_sock_demo_rawsocket_get_port (SockDemoRawsocket      *self,
                               SockDemoRawsocketFault  fault)
{
  g_return_val_if_fail (fault < SOCK_DEMO_RAWSOCKET_N_FAULTS, 0);

  return self->tcp[fault].port;
}

const char *
_sock_demo_rawsocket_get_path (SockDemoRawsocket *self)
{
  return self->path;
}

void
_sock_demo_rawsocket_set_max_connections (SockDemoRawsocket *self,
                                          guint              max)
{
  self->shared.max_connections = max;
}

void
_sock_demo_rawsocket_set_max_length (SockDemoRawsocket *self,
                                     gsize              max)
{
  self->shared.length_exponent = sock_rawsocket_exponent_for_length (max);
}
