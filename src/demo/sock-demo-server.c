/* sock-demo-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-demo-server.h"

#include <string.h>

#include <glib/gstdio.h>

#include <libsoup/soup.h>

#include "sock-demo-cert.h"
#include "sock-demo-private.h"
#include "sock-demo-rawsocket.h"
#include "sock-demo-router.h"

#define SERVER_HEADER "sockscope-demo"
#define ECHO_MAX_PAYLOAD (16 << 20)
/* Generous: under a sanitizer on a loaded machine a closing handshake can take seconds; stop()
 * returns as soon as every connection is gone. */
#define STOP_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define RAWSOCKET_MAX_CONNECTIONS 64

struct _SockDemoServer
{
  GObject          parent_instance;

  SoupServer      *server;
  SockDemoFaults  *faults;
  SockDemoRouter  *router;        /* WAMP on /ws, while started */
  SockDemoRawsocket *rawsocket;   /* the same router over RawSocket, while started */
  guint            rawsocket_max_connections;
  gsize            rawsocket_max_length;
  guint            rawsocket_port;        /* asked for; 0: a free one */
  GPtrArray       *sockets;       /* SoupWebsocketConnection of /echo and /fault/origin */
  guint            n_alive;       /* of those, not yet finalized */
  guint            port;
  guint            tls_port;

  SockDemoCert    *cert;
  GTlsCertificate *tls_certificate;
  char            *cert_dir;
  char            *cert_file;
};

G_DEFINE_FINAL_TYPE (SockDemoServer, sock_demo_server, G_TYPE_OBJECT)

/* Handlers ------------------------------------------------------------------------------ */

static void
on_echo_message (SoupWebsocketConnection *connection,
                 SoupWebsocketDataType    type,
                 GBytes                  *message,
                 gpointer                 user_data)
{
  soup_websocket_connection_send_message (connection, type, message);
}

static void
on_echo_closed (SoupWebsocketConnection *connection,
                gpointer                 user_data)
{
  SockDemoServer *self = user_data;

  g_ptr_array_remove_fast (self->sockets, connection);
}

static void
on_socket_finalized (gpointer  user_data,
                     GObject  *where_the_object_was)
{
  SockDemoServer *self = user_data;

  self->n_alive--;
}

static void
forget_socket (gpointer data)
{
  g_signal_handlers_disconnect_matched (data, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_echo_message, NULL);
  g_signal_handlers_disconnect_matched (data, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_echo_closed, NULL);
  g_object_unref (data);
}

/* Kept until closed, so that stop() can close it and wait for it. */
static void
track_socket (SockDemoServer          *self,
              SoupWebsocketConnection *connection)
{
  g_signal_connect (connection, "closed", G_CALLBACK (on_echo_closed), self);
  g_object_weak_ref (G_OBJECT (connection), on_socket_finalized, self);
  self->n_alive++;
  g_ptr_array_add (self->sockets, g_object_ref (connection));
}

static void
echo_cb (SoupServer              *server,
         SoupServerMessage       *msg,
         const char              *path,
         SoupWebsocketConnection *connection,
         gpointer                 user_data)
{
  SockDemoServer *self = user_data;

  soup_websocket_connection_set_max_incoming_payload_size (connection, ECHO_MAX_PAYLOAD);
  g_signal_connect (connection, "message", G_CALLBACK (on_echo_message), NULL);
  track_socket (self, connection);
}

static void
wamp_cb (SoupServer              *server,
         SoupServerMessage       *msg,
         const char              *path,
         SoupWebsocketConnection *connection,
         gpointer                 user_data)
{
  SockDemoServer *self = user_data;

  track_socket (self, connection);
  sock_demo_router_accept (self->router, connection, soup_server_message_get_remote_address (msg));
}

/* Lifetime ------------------------------------------------------------------------------ */

static gboolean
ensure_certificate (SockDemoServer  *self,
                    GError         **error)
{
  g_autoptr(SockDemoCert) cert = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *pem = NULL;

  if (self->cert != NULL)
    return TRUE;

  cert = sock_demo_cert_generate (error);
  if (cert == NULL)
    return FALSE;

  pem = g_strconcat (cert->cert_pem, cert->key_pem, NULL);
  self->tls_certificate = g_tls_certificate_new_from_pem (pem, -1, error);
  if (self->tls_certificate == NULL)
    return FALSE;

  dir = g_dir_make_tmp ("sockscope-demo-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  file = g_build_filename (dir, "demo.pem", NULL);
  self->cert_dir = g_steal_pointer (&dir);
  if (!g_file_set_contents (file, cert->cert_pem, -1, error))
    return FALSE;

  self->cert_file = g_steal_pointer (&file);
  self->cert = g_steal_pointer (&cert);
  return TRUE;
}

static void
read_ports (SockDemoServer *self)
{
  GSList *uris = soup_server_get_uris (self->server);

  for (GSList *l = uris; l != NULL; l = l->next)
    {
      GUri *uri = l->data;

      if (g_str_equal (g_uri_get_scheme (uri), "https"))
        self->tls_port = g_uri_get_port (uri);
      else
        self->port = g_uri_get_port (uri);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static SoupServer *
create_server (SockDemoServer *self)
{
  /* Server preference (libsoup takes the first of these that the client offers): v2 when a client
   * offers both, and JSON, then MessagePack, then CBOR when a client offers several serializers. */
  static const char *wamp_protocols[] = { "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp.2.json.batched",
                                          "wamp.2.msgpack.batched", "wamp.2.cbor.batched", "wamp", NULL };
  SoupServer *server = soup_server_new ("server-header", SERVER_HEADER, NULL);

  _sock_demo_pages_add_handlers (server, self, self->faults);
  soup_server_add_websocket_handler (server, "/echo", NULL, NULL, echo_cb, self, NULL);
  soup_server_add_websocket_handler (server, "/ws", NULL, (char **) wamp_protocols, wamp_cb,
                                     self, NULL);
  soup_server_add_websocket_handler (server, "/fault/origin", NULL, NULL, echo_cb, self, NULL);
  _sock_demo_faults_add_handlers (self->faults, server);
  _sock_demo_hostile_add_handlers (self->faults, server, (SockDemoTrackFunc) track_socket, self);
  return server;
}

gboolean
sock_demo_server_start (SockDemoServer  *self,
                        guint            port,
                        int              tls_port,
                        GError         **error)
{
  const SoupServerListenOptions tls = SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS;

  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16 && tls_port <= G_MAXUINT16, FALSE);

  if (tls_port >= 0 && !ensure_certificate (self, error))
    return FALSE;

  self->router = sock_demo_router_new ();
  self->rawsocket = _sock_demo_rawsocket_new (self->router, self->rawsocket_max_connections);
  if (self->rawsocket_max_length > 0)
    _sock_demo_rawsocket_set_max_length (self->rawsocket, self->rawsocket_max_length);
  self->server = create_server (self);
  if (tls_port >= 0)
    soup_server_set_tls_certificate (self->server, self->tls_certificate);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error)
      || (tls_port >= 0 && !soup_server_listen_local (self->server, tls_port, tls, error))
      || !_sock_demo_rawsocket_start (self->rawsocket, self->rawsocket_port, error))
    {
      sock_demo_server_stop (self);
      return FALSE;
    }

  read_ports (self);
  return TRUE;
}

static gboolean
sockets_gone (gpointer data)
{
  SockDemoServer *self = data;

  return self->sockets->len == 0;
}

static gboolean
sockets_finalized (gpointer data)
{
  SockDemoServer *self = data;

  return self->n_alive == 0;
}

void
_sock_demo_spin_until (gboolean (*done) (gpointer data),
                       gpointer   data,
                       gint64     timeout_us)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (1000);
    }
}

static void
close_sockets (SockDemoServer *self)
{
  for (guint i = 0; i < self->sockets->len; i++)
    {
      SoupWebsocketConnection *connection = g_ptr_array_index (self->sockets, i);

      if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                         "demo server stopping");
    }

  /* a peer that does not answer the close in time (a client stopped in a debugger, or starved
   * on a loaded machine) has its stream closed under it: stop() must not leave sockets behind */
  _sock_demo_spin_until (sockets_gone, self, STOP_TIMEOUT_US / 2);
  for (guint i = 0; i < self->sockets->len; i++)
    g_io_stream_close (soup_websocket_connection_get_io_stream (g_ptr_array_index (self->sockets, i)), NULL, NULL);
  _sock_demo_spin_until (sockets_gone, self, STOP_TIMEOUT_US / 2);
  g_ptr_array_set_size (self->sockets, 0);
  _sock_demo_spin_until (sockets_finalized, self, STOP_TIMEOUT_US);
  if (self->n_alive > 0)
    g_warning ("%u demo WebSocket connections still alive after stopping", self->n_alive);
}

void
sock_demo_server_stop (SockDemoServer *self)
{
  g_return_if_fail (SOCK_IS_DEMO_SERVER (self));

  if (self->server == NULL)
    return;

  sock_demo_router_shutdown (self->router);
  _sock_demo_faults_close_all (self->faults);
  g_clear_pointer (&self->rawsocket, _sock_demo_rawsocket_free);
  close_sockets (self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->router, sock_demo_router_free);
  self->port = 0;
  self->tls_port = 0;
}

/* Accessors ----------------------------------------------------------------------------- */

guint
sock_demo_server_get_port (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), 0);

  return self->port;
}

guint
sock_demo_server_get_tls_port (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), 0);

  return self->tls_port;
}

char *
sock_demo_server_dup_base_url (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->port ? g_strdup_printf ("ws://127.0.0.1:%u", self->port) : NULL;
}

char *
sock_demo_server_dup_tls_base_url (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->tls_port ? g_strdup_printf ("wss://127.0.0.1:%u", self->tls_port) : NULL;
}

char *
sock_demo_server_dup_wamp_url (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->port ? g_strdup_printf ("ws://127.0.0.1:%u/ws", self->port) : NULL;
}

char *
sock_demo_server_dup_tls_wamp_url (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->tls_port ? g_strdup_printf ("wss://127.0.0.1:%u/ws", self->tls_port) : NULL;
}

guint
sock_demo_server_get_rawsocket_port (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), 0);

  return sock_demo_server_get_rawsocket_fault_port (self, SOCK_DEMO_RAWSOCKET_FAULT_NONE);
}

guint
sock_demo_server_get_rawsocket_fault_port (SockDemoServer         *self,
                                           SockDemoRawsocketFault  fault)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), 0);
  g_return_val_if_fail (fault < SOCK_DEMO_RAWSOCKET_N_FAULTS, 0);

  return self->rawsocket != NULL ? _sock_demo_rawsocket_get_port (self->rawsocket, fault) : 0;
}

const char *
sock_demo_server_get_rawsocket_path (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->rawsocket != NULL ? _sock_demo_rawsocket_get_path (self->rawsocket) : NULL;
}

char *
sock_demo_server_dup_rawsocket_url (SockDemoServer *self)
{
  guint port = sock_demo_server_get_rawsocket_port (self);

  return port ? g_strdup_printf ("rs://127.0.0.1:%u", port) : NULL;
}

char *
sock_demo_server_dup_rawsocket_unix_url (SockDemoServer *self)
{
  const char *path = sock_demo_server_get_rawsocket_path (self);

  return path != NULL ? g_strconcat ("unix://", path, NULL) : NULL;
}

void
sock_demo_server_set_rawsocket_max_connections (SockDemoServer *self,
                                                guint           max)
{
  g_return_if_fail (SOCK_IS_DEMO_SERVER (self));

  self->rawsocket_max_connections = max;
  if (self->rawsocket != NULL)
    _sock_demo_rawsocket_set_max_connections (self->rawsocket, max);
}

void
sock_demo_server_set_rawsocket_port (SockDemoServer *self,
                                     guint           port)
{
  g_return_if_fail (SOCK_IS_DEMO_SERVER (self));
  g_return_if_fail (port <= G_MAXUINT16);

  self->rawsocket_port = port;
}

void
sock_demo_server_set_rawsocket_max_length (SockDemoServer *self,
                                           gsize           max)
{
  g_return_if_fail (SOCK_IS_DEMO_SERVER (self));

  self->rawsocket_max_length = max;
}

const char *
sock_demo_server_get_certificate_pem (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->tls_port ? self->cert->cert_pem : NULL;
}

const char *
sock_demo_server_get_certificate_file (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->tls_port ? self->cert_file : NULL;
}

const char *
sock_demo_server_get_certificate_sha256 (SockDemoServer *self)
{
  g_return_val_if_fail (SOCK_IS_DEMO_SERVER (self), NULL);

  return self->tls_port ? self->cert->sha256 : NULL;
}

static void
remove_certificate_files (SockDemoServer *self)
{
  if (self->cert_file != NULL)
    g_unlink (self->cert_file);
  if (self->cert_dir != NULL)
    g_rmdir (self->cert_dir);
}

static void
sock_demo_server_dispose (GObject *object)
{
  SockDemoServer *self = (SockDemoServer *) object;

  sock_demo_server_stop (self);

  G_OBJECT_CLASS (sock_demo_server_parent_class)->dispose (object);
}

static void
sock_demo_server_finalize (GObject *object)
{
  SockDemoServer *self = (SockDemoServer *) object;

  remove_certificate_files (self);
  g_clear_pointer (&self->faults, _sock_demo_faults_free);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->cert, sock_demo_cert_free);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->cert_dir, g_free);
  g_clear_pointer (&self->cert_file, g_free);

  G_OBJECT_CLASS (sock_demo_server_parent_class)->finalize (object);
}

static void
sock_demo_server_class_init (SockDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sock_demo_server_dispose;
  object_class->finalize = sock_demo_server_finalize;
}

static void
sock_demo_server_init (SockDemoServer *self)
{
  self->faults = _sock_demo_faults_new ();
  self->sockets = g_ptr_array_new_with_free_func (forget_socket);
  self->rawsocket_max_connections = RAWSOCKET_MAX_CONNECTIONS;
}

SockDemoServer *
sock_demo_server_new (void)
{
  return g_object_new (SOCK_TYPE_DEMO_SERVER, NULL);
}
