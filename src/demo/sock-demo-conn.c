/* sock-demo-conn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection taken away from SoupServer: a queue of bytes written in order, a reader that
 * notices when the client goes, and just enough of RFC 6455 to answer a close or a ping.
 */

#include "sock-demo-private.h"

#define READ_CHUNK 16384
/* How long a connection waits for the client's answer to our close frame. */
#define CLOSE_GRACE_MS 2000
#define MAX_CLIENT_PAYLOAD (1 << 20)

enum
{
  OPCODE_TEXT = 0x1,
  OPCODE_CLOSE = 0x8,
  OPCODE_PING = 0x9,
  OPCODE_PONG = 0xa,
};

struct _SockDemoConn
{
  int             ref_count;
  SockDemoFaults *faults;
  GIOStream      *stream;
  GCancellable   *cancellable;
  GQueue          outgoing;    /* GBytes */
  GByteArray     *incoming;
  GSource        *grace;
  guint           writing : 1;
  guint           closing : 1; /* close once everything queued is written */
  guint           closed : 1;
  guint           frames : 1;  /* the client speaks WebSocket frames now */
  guint           close_sent : 1;
  guint           no_pongs : 1;  /* pings go unanswered */
  guint           frozen : 1;    /* nothing read or written any more; the socket stays open */
  guint           reading : 1;   /* a read is under way */
  SockDemoTextFunc text_func;
  gpointer        text_data;
};

static void conn_pump (SockDemoConn *conn);
static void conn_read (SockDemoConn *conn);

static SockDemoConn *
conn_ref (SockDemoConn *conn)
{
  conn->ref_count++;
  return conn;
}

void
_sock_demo_conn_unref (gpointer data)
{
  SockDemoConn *conn = data;

  if (--conn->ref_count > 0)
    return;

  /* Closed here, after every read and write has returned, so no operation is pending. */
  g_io_stream_close (conn->stream, NULL, NULL);
  g_object_unref (conn->stream);
  g_object_unref (conn->cancellable);
  g_queue_clear_full (&conn->outgoing, (GDestroyNotify) g_bytes_unref);
  g_byte_array_unref (conn->incoming);
  conn->faults->live--;
  g_free (conn);
}

SockDemoConn *
_sock_demo_conn_new (SockDemoFaults *faults,
                     GIOStream      *stream,
                     gboolean        frames)
{
  SockDemoConn *conn = g_new0 (SockDemoConn, 1);

  conn->ref_count = 1;
  conn->faults = faults;
  conn->stream = stream;
  conn->cancellable = g_cancellable_new ();
  conn->incoming = g_byte_array_new ();
  conn->frames = frames;
  g_queue_init (&conn->outgoing);
  faults->live++;
  g_ptr_array_add (faults->conns, conn);
  conn_read (conn);
  return conn;
}

void
_sock_demo_conn_close (SockDemoConn *conn)
{
  if (conn->closed)
    return;

  conn->closed = TRUE;
  g_cancellable_cancel (conn->cancellable);
  if (conn->grace != NULL)
    {
      g_source_destroy (conn->grace);
      g_clear_pointer (&conn->grace, g_source_unref);
    }
  g_ptr_array_remove_fast (conn->faults->conns, conn);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SockDemoConn *conn = user_data;

  conn->writing = FALSE;
  g_bytes_unref (g_queue_pop_head (&conn->outgoing));
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    _sock_demo_conn_close (conn);
  else
    conn_pump (conn);
  _sock_demo_conn_unref (conn);
}

static void
conn_pump (SockDemoConn *conn)
{
  GOutputStream *output = g_io_stream_get_output_stream (conn->stream);
  GBytes *head;

  if (conn->writing || conn->closed || conn->frozen)
    return;

  head = g_queue_peek_head (&conn->outgoing);
  if (head == NULL)
    {
      if (conn->closing)
        _sock_demo_conn_close (conn);
      return;
    }

  conn->writing = TRUE;
  g_output_stream_write_all_async (output,
                                   g_bytes_get_data (head, NULL), g_bytes_get_size (head),
                                   G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_written, conn_ref (conn));
}

void
_sock_demo_conn_send (SockDemoConn *conn,
                      GBytes       *bytes)
{
  g_queue_push_tail (&conn->outgoing, g_bytes_ref (bytes));
  conn_pump (conn);
}

/* Server frames are never masked (RFC 6455 5.1). */
GBytes *
_sock_demo_frame_new (guint8        opcode,
                      const guint8 *payload,
                      gsize         length)
{
  GByteArray *frame = g_byte_array_sized_new (length + 10);
  guint8 header[10];
  gsize header_len = 2;

  header[0] = 0x80 | opcode;
  if (length < 126)
    header[1] = length;
  else if (length <= G_MAXUINT16)
    {
      header[1] = 126;
      header[2] = length >> 8;
      header[3] = length & 0xff;
      header_len = 4;
    }
  else
    {
      header[1] = 127;
      for (int i = 0; i < 8; i++)
        header[2 + i] = ((guint64) length >> (8 * (7 - i))) & 0xff;
      header_len = 10;
    }

  g_byte_array_append (frame, header, header_len);
  g_byte_array_append (frame, payload, length);
  return g_byte_array_free_to_bytes (frame);
}

static gboolean
on_close_grace_over (gpointer user_data)
{
  _sock_demo_conn_close (user_data);
  return G_SOURCE_REMOVE;
}

/* Sends our close frame, then waits a little for the client's before hanging up. */
void
_sock_demo_conn_send_close (SockDemoConn *conn,
                            const guint8 *payload,
                            gsize         length)
{
  g_autoptr(GBytes) frame = _sock_demo_frame_new (OPCODE_CLOSE, payload, length);

  conn->close_sent = TRUE;
  _sock_demo_conn_send (conn, frame);

  conn->grace = g_timeout_source_new (CLOSE_GRACE_MS);
  g_source_set_callback (conn->grace, on_close_grace_over, conn_ref (conn), _sock_demo_conn_unref);
  g_source_attach (conn->grace, g_main_context_get_thread_default ());
}

static void
handle_frame (SockDemoConn *conn,
              guint8        opcode,
              const guint8 *payload,
              gsize         length)
{
  g_autoptr(GBytes) pong = NULL;

  switch (opcode)
    {
    case OPCODE_CLOSE:
      if (!conn->close_sent)
        _sock_demo_conn_send_close (conn, payload, MIN (length, 2));
      conn->closing = TRUE;
      conn_pump (conn);
      break;

    case OPCODE_TEXT:
      if (conn->text_func != NULL)
        conn->text_func (conn, (const char *) payload, length, conn->text_data);
      break;

    case OPCODE_PING:
      if (conn->no_pongs)
        break;
      pong = _sock_demo_frame_new (OPCODE_PONG, payload, length);
      _sock_demo_conn_send (conn, pong);
      break;

    default:
      /* Fault paths do not echo: they only have to stay open. */
      break;
    }
}

/* Takes one masked client frame off the front of @in; FALSE while it is incomplete. */
static gboolean
take_frame (SockDemoConn *conn,
            gboolean     *bad)
{
  GByteArray *in = conn->incoming;
  const guint8 *data = in->data;
  guint64 length;
  gsize offset = 2;
  g_autofree guint8 *payload = NULL;

  if (in->len < 2)
    return FALSE;

  length = data[1] & 0x7f;
  if (length >= 126)
    {
      gsize extra = length == 126 ? 2 : 8;

      if (in->len < 2 + extra)
        return FALSE;
      length = 0;
      for (gsize i = 0; i < extra; i++)
        length = (length << 8) | data[2 + i];
      offset += extra;
    }

  if (!(data[1] & 0x80) || length > MAX_CLIENT_PAYLOAD)
    {
      *bad = TRUE;
      return FALSE;
    }
  if (in->len < offset + 4 + length)
    return FALSE;

  payload = g_malloc (length + 1);
  payload[length] = 0;
  for (gsize i = 0; i < length; i++)
    payload[i] = data[offset + 4 + i] ^ data[offset + (i % 4)];

  handle_frame (conn, data[0] & 0x0f, payload, length);
  g_byte_array_remove_range (in, 0, offset + 4 + length);
  return TRUE;
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SockDemoConn *conn = user_data;
  g_autoptr(GBytes) bytes = NULL;
  gboolean bad = FALSE;

  conn->reading = FALSE;
  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  if (conn->frozen && bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      /* read no more: what the client sends waits (a thaw handles these bytes first) */
      g_byte_array_append (conn->incoming, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      _sock_demo_conn_unref (conn);
      return;
    }
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    _sock_demo_conn_close (conn);

  if (!conn->closed && conn->frames)
    {
      g_byte_array_append (conn->incoming,
                           g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      while (!conn->closed && !conn->frozen && take_frame (conn, &bad))
        ;
      if (bad)
        _sock_demo_conn_close (conn);
    }

  conn_read (conn);
  _sock_demo_conn_unref (conn);
}

static void
conn_read (SockDemoConn *conn)
{
  if (conn->closed || conn->frozen || conn->reading)
    return;
  conn->reading = TRUE;

  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (conn->stream),
                                   READ_CHUNK, G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_read, conn_ref (conn));
}

void
_sock_demo_conn_close_when_sent (SockDemoConn *conn)
{
  conn->closing = TRUE;
  conn_pump (conn);
}

void
_sock_demo_conn_set_text_func (SockDemoConn     *conn,
                               SockDemoTextFunc  func,
                               gpointer          data)
{
  conn->text_func = func;
  conn->text_data = data;
}

void
_sock_demo_conn_set_answer_pings (SockDemoConn *conn,
                                  gboolean      answer)
{
  conn->no_pongs = !answer;
}

void
_sock_demo_conn_freeze (SockDemoConn *conn)
{
  conn->frozen = TRUE;
}

void
_sock_demo_conn_thaw (SockDemoConn *conn)
{
  gboolean bad = FALSE;

  if (!conn->frozen || conn->closed)
    return;
  conn->frozen = FALSE;
  while (!conn->closed && !conn->frozen && take_frame (conn, &bad))
    ;
  if (bad)
    _sock_demo_conn_close (conn);
  conn_pump (conn);
  conn_read (conn);
}

gboolean
_sock_demo_conn_is_open (SockDemoConn *conn)
{
  return !conn->closed && !conn->frozen;
}
