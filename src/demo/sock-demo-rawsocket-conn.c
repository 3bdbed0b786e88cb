/* sock-demo-rawsocket-conn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A RawSocket connection of the demo router (see sock-demo-rawsocket-conn.h). What goes out is
 * appended to one buffer and written in one piece while the previous write is under way, so a
 * flood costs one write per batch, not one per message.
 */

#include "sock-demo-rawsocket-conn.h"

#include <string.h>

#include "sock-rawsocket.h"

#define READ_CHUNK 65536
/* How long a closing connection waits for its last bytes to go out. */
#define CLOSE_GRACE_MS 2000
/* A client that reads nothing while it is sent a flood: what is kept for it before it is
 * dropped. */
#define MAX_OUTGOING (64 << 20)

struct _SockDemoRsConn
{
  SockDemoSink            sink;        /* first: the router's session holds it */
  int                     ref_count;
  SockDemoRsShared       *shared;
  GSocketConnection      *connection;
  GCancellable           *cancellable;
  SockDemoRawsocketFault  fault;
  SockDemoSession        *session;
  guint8                  hello[SOCK_RAWSOCKET_HANDSHAKE_SIZE];
  gsize                   hello_len;
  SockRawsocketSerializer serializer;
  gsize                   peer_max;    /* the longest message the client accepts */
  SockRawsocketReader    *reader;      /* after the handshake */
  GByteArray             *outgoing;    /* waiting for the write under way */
  GBytes                 *writing;     /* the write under way */
  GSource                *timer;       /* the handshake's deadline, then the close's grace */
  guint                   reading : 1;
  guint                   closing : 1; /* closes once everything queued is written */
  guint                   closed : 1;
};

static void conn_read (SockDemoRsConn *conn);
static void conn_pump (SockDemoRsConn *conn);

static SockDemoRsConn *
conn_ref (SockDemoRsConn *conn)
{
  conn->ref_count++;
  return conn;
}

void
_sock_demo_rs_conn_unref (gpointer data)
{
  SockDemoRsConn *conn = data;

  if (--conn->ref_count > 0)
    return;

  /* Closed here, after every read and write has returned, so no operation is pending. */
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_object_unref (conn->connection);
  g_object_unref (conn->cancellable);
  g_clear_pointer (&conn->reader, sock_rawsocket_reader_free);
  g_byte_array_unref (conn->outgoing);
  g_clear_pointer (&conn->writing, g_bytes_unref);
  conn->shared->live--;
  g_free (conn);
}

static void
clear_timer (SockDemoRsConn *conn)
{
  if (conn->timer == NULL)
    return;
  g_source_destroy (conn->timer);
  g_clear_pointer (&conn->timer, g_source_unref);
}

static void
set_timer (SockDemoRsConn *conn,
           guint           ms,
           GSourceFunc     func)
{
  clear_timer (conn);
  conn->timer = g_timeout_source_new (ms);
  g_source_set_callback (conn->timer, func, conn_ref (conn), _sock_demo_rs_conn_unref);
  g_source_attach (conn->timer, g_main_context_get_thread_default ());
}

void
_sock_demo_rs_conn_abort (SockDemoRsConn *conn)
{
  SockDemoSession *session = conn->session;

  if (conn->closed)
    return;

  conn->closed = TRUE;
  g_cancellable_cancel (conn->cancellable);
  clear_timer (conn);
  /* The router frees the session from the main loop, and with it the sink's reference. */
  if (session != NULL)
    _sock_demo_session_closed (session);
  /* the list's reference may be the last one */
  conn_ref (conn);
  g_ptr_array_remove_fast (conn->shared->conns, conn);
  _sock_demo_rs_conn_unref (conn);
}

static gboolean
on_timer (gpointer user_data)
{
  SockDemoRsConn *conn = user_data;

  g_clear_pointer (&conn->timer, g_source_unref);
  _sock_demo_rs_conn_abort (conn);
  return G_SOURCE_REMOVE;
}

void
_sock_demo_rs_conn_close (SockDemoRsConn *conn)
{
  if (conn->closed || conn->closing)
    return;

  conn->closing = TRUE;
  set_timer (conn, CLOSE_GRACE_MS, on_timer);
  conn_pump (conn);
}

/* Writing ------------------------------------------------------------------------------- */

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SockDemoRsConn *conn = user_data;

  g_clear_pointer (&conn->writing, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    _sock_demo_rs_conn_abort (conn);
  else
    conn_pump (conn);
  _sock_demo_rs_conn_unref (conn);
}

static void
conn_pump (SockDemoRsConn *conn)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
  GByteArray *next;

  if (conn->writing != NULL || conn->closed)
    return;
  if (conn->outgoing->len == 0)
    {
      if (conn->closing)
        _sock_demo_rs_conn_abort (conn);
      return;
    }

  next = g_steal_pointer (&conn->outgoing);
  conn->outgoing = g_byte_array_new ();
  conn->writing = g_byte_array_free_to_bytes (next);
  g_output_stream_write_all_async (output, g_bytes_get_data (conn->writing, NULL),
                                   g_bytes_get_size (conn->writing), G_PRIORITY_DEFAULT,
                                   conn->cancellable, on_written, conn_ref (conn));
}

static void
queue_frame (SockDemoRsConn         *conn,
             SockRawsocketFrameType  type,
             const guint8           *data,
             gsize                   len)
{
  guint8 header[SOCK_RAWSOCKET_HEADER_SIZE];

  if (conn->outgoing->len > MAX_OUTGOING)
    {
      g_message ("demo router: dropping a RawSocket client that reads nothing");
      return _sock_demo_rs_conn_abort (conn);
    }
  sock_rawsocket_write_header (header, type, len);
  g_byte_array_append (conn->outgoing, header, sizeof header);
  g_byte_array_append (conn->outgoing, data, len);
  conn_pump (conn);
}

static void
queue_bytes (SockDemoRsConn *conn,
             const guint8   *data,
             gsize           len)
{
  g_byte_array_append (conn->outgoing, data, len);
  conn_pump (conn);
}

/* The sink --------------------------------------------------------------------------------- */

static void
sink_send (SockDemoSink *sink,
           const guint8 *data,
           gsize         len,
           gboolean      binary)
{
  SockDemoRsConn *conn = (SockDemoRsConn *) sink;

  /* The spec forbids it; the client would fail the connection anyway. */
  if (len > conn->peer_max)
    {
      g_message ("demo router: a message of %" G_GSIZE_FORMAT " bytes is longer than the %" G_GSIZE_FORMAT
                 " the RawSocket client accepts: closing", len, conn->peer_max);
      return _sock_demo_rs_conn_abort (conn);
    }
  queue_frame (conn, SOCK_RAWSOCKET_FRAME_MESSAGE, data, len);
}

static void
sink_close (SockDemoSink *sink,
            gushort       code,
            const char   *reason)
{
  _sock_demo_rs_conn_close ((SockDemoRsConn *) sink);
}

static gboolean
sink_is_open (SockDemoSink *sink)
{
  SockDemoRsConn *conn = (SockDemoRsConn *) sink;

  return !conn->closed && !conn->closing;
}

static void
sink_free (SockDemoSink *sink)
{
  SockDemoRsConn *conn = (SockDemoRsConn *) sink;

  conn->session = NULL;
  _sock_demo_rs_conn_abort (conn);
  _sock_demo_rs_conn_unref (conn);
}

static const SockDemoSinkFuncs rawsocket_funcs = {
  .type = "rawsocket",
  .send = sink_send,
  .close = sink_close,
  .is_open = sink_is_open,
  .free = sink_free,
};

/* Reading ------------------------------------------------------------------------------- */

static guint
count_working (SockDemoRsShared *shared)
{
  guint n = 0;

  for (guint i = 0; i < shared->conns->len; i++)
    {
      SockDemoRsConn *other = g_ptr_array_index (shared->conns, i);

      n += other->fault == SOCK_DEMO_RAWSOCKET_FAULT_NONE || other->fault == SOCK_DEMO_RAWSOCKET_FAULT_NO_PONG;
    }
  return n;
}

static void
refuse (SockDemoRsConn *conn,
        guint           code)
{
  guint8 reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE];

  sock_rawsocket_write_refusal (reply, code);
  queue_bytes (conn, reply, sizeof reply);
  _sock_demo_rs_conn_close (conn);
}

static void
accept_hello (SockDemoRsConn *conn)
{
  g_autoptr(GError) error = NULL;
  guint8 reply[SOCK_RAWSOCKET_HANDSHAKE_SIZE];
  g_autoptr(GSocketAddress) peer = NULL;
  SockRawsocketHello hello;
  int refusal = -1;

  clear_timer (conn);
  if (conn->fault == SOCK_DEMO_RAWSOCKET_FAULT_STALL)
    return;
  if (conn->fault >= SOCK_DEMO_RAWSOCKET_FAULT_SERIALIZER_UNSUPPORTED &&
      conn->fault <= SOCK_DEMO_RAWSOCKET_FAULT_CONNECTION_LIMIT)
    return refuse (conn, conn->fault);
  if (!sock_rawsocket_parse_hello (conn->hello, &hello, &refusal, &error))
    {
      if (refusal < 0)
        return _sock_demo_rs_conn_abort (conn);
      return refuse (conn, refusal);
    }
  /* JSON, MessagePack and CBOR: what the codec speaks */
  if (sock_rawsocket_serializer_to_protocol (hello.serializer) == NULL)
    return refuse (conn, SOCK_RAWSOCKET_REFUSAL_SERIALIZER_UNSUPPORTED);
  /* this one is in the list already */
  if (count_working (conn->shared) > conn->shared->max_connections)
    return refuse (conn, SOCK_RAWSOCKET_REFUSAL_CONNECTION_LIMIT);

  conn->serializer = hello.serializer;
  conn->peer_max = hello.max_length;
  conn->reader = sock_rawsocket_reader_new (sock_rawsocket_length_for_exponent (conn->shared->length_exponent));
  sock_rawsocket_write_reply (reply, hello.serializer, conn->shared->length_exponent);
  queue_bytes (conn, reply, sizeof reply);

  peer = g_socket_connection_get_remote_address (conn->connection, NULL);
  /* a client of the Unix socket has no address of its own: the socket's path says where it is */
  if (peer != NULL && !G_IS_INET_SOCKET_ADDRESS (peer))
    {
      g_clear_object (&peer);
      peer = g_socket_connection_get_local_address (conn->connection, NULL);
    }
  conn->session = _sock_demo_router_open (conn->shared->router, &conn->sink,
                                          sock_rawsocket_serializer_to_protocol (hello.serializer), peer);
  /* the session's reference */
  conn_ref (conn);
  _sock_demo_session_start (conn->session);
}

static void
handle_frame (SockDemoRsConn         *conn,
              SockRawsocketFrameType  type,
              GBytes                 *payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);

  switch (type)
    {
    case SOCK_RAWSOCKET_FRAME_MESSAGE:
      if (conn->session != NULL)
        _sock_demo_session_receive (conn->session, data, len,
                                    conn->serializer != SOCK_RAWSOCKET_SERIALIZER_JSON);
      break;
    case SOCK_RAWSOCKET_FRAME_PING:
      if (conn->fault != SOCK_DEMO_RAWSOCKET_FAULT_NO_PONG)
        queue_frame (conn, SOCK_RAWSOCKET_FRAME_PONG, data, len);
      break;
    case SOCK_RAWSOCKET_FRAME_PONG:
    default:
      break;
    }
}

static void
take_bytes (SockDemoRsConn *conn,
            const guint8   *data,
            gsize           len)
{
  g_autoptr(GError) error = NULL;
  gsize hello_part = MIN (len, SOCK_RAWSOCKET_HANDSHAKE_SIZE - conn->hello_len);

  if (conn->hello_len < SOCK_RAWSOCKET_HANDSHAKE_SIZE)
    {
      memcpy (conn->hello + conn->hello_len, data, hello_part);
      conn->hello_len += hello_part;
      data += hello_part;
      len -= hello_part;
      if (conn->hello_len == SOCK_RAWSOCKET_HANDSHAKE_SIZE)
        accept_hello (conn);
    }
  /* refused, stalled, or nothing after the hello yet */
  if (conn->reader == NULL || conn->closing || conn->closed)
    return;

  sock_rawsocket_reader_push (conn->reader, data, len);
  while (!conn->closing && !conn->closed)
    {
      g_autoptr(GBytes) payload = NULL;
      SockRawsocketFrameType type;

      if (!sock_rawsocket_reader_next (conn->reader, &type, &payload, &error))
        break;
      handle_frame (conn, type, payload);
    }
  /* the spec's answer to a frame too long or a broken header: fail the connection */
  if (error != NULL)
    _sock_demo_rs_conn_abort (conn);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SockDemoRsConn *conn = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  conn->reading = FALSE;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    _sock_demo_rs_conn_abort (conn);
  else if (!conn->closed)
    take_bytes (conn, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  conn_read (conn);
  _sock_demo_rs_conn_unref (conn);
}

static void
conn_read (SockDemoRsConn *conn)
{
  if (conn->closed || conn->reading)
    return;
  conn->reading = TRUE;
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (conn->connection)),
                                   READ_CHUNK, G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_read, conn_ref (conn));
}

SockDemoRsConn *
_sock_demo_rs_conn_new (SockDemoRsShared       *shared,
                        GSocketConnection      *connection,
                        SockDemoRawsocketFault  fault)
{
  SockDemoRsConn *conn = g_new0 (SockDemoRsConn, 1);

  conn->sink.funcs = &rawsocket_funcs;
  conn->ref_count = 1;
  conn->shared = shared;
  conn->connection = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->fault = fault;
  conn->outgoing = g_byte_array_new ();
  shared->live++;
  g_ptr_array_add (shared->conns, conn);
  /* A client that connects and says nothing is not kept: the stalling listener keeps it. */
  if (fault != SOCK_DEMO_RAWSOCKET_FAULT_STALL)
    set_timer (conn, shared->handshake_timeout_ms, on_timer);
  conn_read (conn);
  return conn;
}
