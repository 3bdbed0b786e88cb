/* sock-demo-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fault paths libsoup would never produce on its own: a 101 with the wrong headers, close
 * codes its API refuses to send, a message over the client's limit, a request never answered,
 * a reset. Each takes the connection from SoupServer and writes the bytes itself.
 */

#include "sock-demo-private.h"

#include <string.h>
#include <sys/socket.h>

/* RFC 6455 section 1.3 (the brief had a mistyped tail; this one is checked). */
#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
/* How long stop() waits for cancelled reads and writes to return. */
#define CLOSE_ALL_TIMEOUT_US (5 * G_USEC_PER_SEC)
#define BIG_PREFIX "[8,\"demo.big\",\""
#define BIG_SUFFIX "\"]"
#define BIG_MAX (64 << 20)
#define OPCODE_TEXT 0x1

/* Handshakes ---------------------------------------------------------------------------- */

typedef struct
{
  SockDemoFaults *faults;
  GBytes         *frame;   /* sent right after the 101, or NULL */
  gboolean        is_close;
} Upgrade;

static void
upgrade_free (gpointer  data,
              GClosure *closure)
{
  Upgrade *upgrade = data;

  g_clear_pointer (&upgrade->frame, g_bytes_unref);
  g_free (upgrade);
}

/* libsoup has written our 101: from here on the connection is ours. */
static void
on_wrote_informational (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Upgrade *upgrade = user_data;
  GIOStream *stream = soup_server_message_steal_connection (msg);
  SockDemoConn *conn;

  if (stream == NULL)
    return;

  conn = _sock_demo_conn_new (upgrade->faults, stream, TRUE);
  if (upgrade->frame != NULL && upgrade->is_close)
    {
      _sock_demo_conn_send_close (conn, g_bytes_get_data (upgrade->frame, NULL),
                       g_bytes_get_size (upgrade->frame));
    }
  else if (upgrade->frame != NULL)
    _sock_demo_conn_send (conn, upgrade->frame);
}

static char *
compute_accept (const char *key)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, (const guchar *) key, -1);
  g_checksum_update (sha1, (const guchar *) WS_GUID, -1);
  g_checksum_get_digest (sha1, digest, &length);
  return g_base64_encode (digest, length);
}

static void
set_text (SoupServerMessage *msg,
          guint              status,
          const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* Validates the client's handshake; a plain HTTP request gets a 400 saying why. */
static gboolean
check_upgrade (SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    return TRUE;

  text = g_strdup_printf ("This path expects a WebSocket handshake: %s\n", error->message);
  set_text (msg, SOUP_STATUS_BAD_REQUEST, text);
  return FALSE;
}

static char *
dup_first_offered_protocol (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *offered = soup_message_headers_get_list (headers, "Sec-WebSocket-Protocol");
  g_autoptr(GSList) list = NULL;
  char *first;

  if (offered == NULL)
    return NULL;

  list = soup_header_parse_list (offered);
  first = list != NULL ? g_strdup (list->data) : NULL;
  g_slist_free_full (g_steal_pointer (&list), g_free);
  return first;
}

/* Answers 101 with @accept (the right one when NULL) and @protocol, then hands the
 * connection over to a SockDemoConn that sends @frame. Takes @frame. */
static void
upgrade (SockDemoFaults    *faults,
         SoupServerMessage *msg,
         const char        *accept,
         const char        *protocol,
         GBytes            *frame,
         gboolean           is_close)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *right = compute_accept (soup_message_headers_get_one (request,
                                                                          "Sec-WebSocket-Key"));
  Upgrade *data = g_new0 (Upgrade, 1);

  soup_server_message_set_status (msg, SOUP_STATUS_SWITCHING_PROTOCOLS, NULL);
  soup_message_headers_replace (response, "Upgrade", "websocket");
  soup_message_headers_replace (response, "Connection", "Upgrade");
  soup_message_headers_replace (response, "Sec-WebSocket-Accept", accept ? accept : right);
  if (protocol != NULL)
    soup_message_headers_replace (response, "Sec-WebSocket-Protocol", protocol);

  data->faults = faults;
  data->frame = frame;
  data->is_close = is_close;
  g_signal_connect_data (msg, "wrote-informational", G_CALLBACK (on_wrote_informational),
                         data, upgrade_free, 0);
}

static void
no_subprotocol_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  if (check_upgrade (msg))
    upgrade (user_data, msg, NULL, NULL, NULL, FALSE);
}

static void
wrong_subprotocol_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  if (check_upgrade (msg))
    upgrade (user_data, msg, NULL, "mqtt", NULL, FALSE);
}

static void
bad_accept_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  /* The accept value of RFC 6455's own example key: right format, wrong value. */
  if (check_upgrade (msg))
    upgrade (user_data, msg, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", NULL, NULL, FALSE);
}

/* Parses the last path component as a number in [min, max]. */
static gboolean
parse_tail (const char *path,
            const char *prefix,
            guint64     min,
            guint64     max,
            guint64    *out)
{
  if (!g_str_has_prefix (path, prefix))
    return FALSE;

  return g_ascii_string_to_unsigned (path + strlen (prefix), 10, min, max, out, NULL);
}

static GBytes *
build_close_payload (const char *path)
{
  g_autofree char *reason = NULL;
  GByteArray *payload;
  guint64 code;
  guint8 code_bytes[2];

  if (g_str_equal (path, "/fault/close/none"))
    return g_bytes_new (NULL, 0);
  if (!parse_tail (path, "/fault/close/", 0, G_MAXUINT16, &code))
    return NULL;

  reason = g_strdup_printf ("demo: closing with %u", (guint) code);
  code_bytes[0] = code >> 8;
  code_bytes[1] = code & 0xff;
  payload = g_byte_array_new ();
  g_byte_array_append (payload, code_bytes, 2);
  g_byte_array_append (payload, (const guint8 *) reason, strlen (reason));
  return g_byte_array_free_to_bytes (payload);
}

static void
close_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  g_autoptr(GBytes) payload = build_close_payload (path);
  g_autofree char *protocol = NULL;

  if (payload == NULL)
    {
      set_text (msg, SOUP_STATUS_NOT_FOUND,
                "Use /fault/close/CODE with CODE from 0 to 65535, or /fault/close/none.\n");
      return;
    }

  if (check_upgrade (msg))
    {
      protocol = dup_first_offered_protocol (msg);
      upgrade (user_data, msg, NULL, protocol, g_steal_pointer (&payload), TRUE);
    }
}

static GBytes *
build_big_message (gsize size)
{
  char *text = g_malloc (size);
  gsize prefix = strlen (BIG_PREFIX);
  gsize suffix = strlen (BIG_SUFFIX);
  g_autoptr(GBytes) payload = NULL;

  memcpy (text, BIG_PREFIX, prefix);
  memset (text + prefix, 'x', size - prefix - suffix);
  memcpy (text + size - suffix, BIG_SUFFIX, suffix);
  payload = g_bytes_new_take (text, size);
  return _sock_demo_frame_new (OPCODE_TEXT, g_bytes_get_data (payload, NULL), size);
}

static void
big_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  guint64 size;
  g_autofree char *protocol = NULL;

  if (!parse_tail (path, "/fault/big/", strlen (BIG_PREFIX BIG_SUFFIX), BIG_MAX, &size))
    {
      g_autofree char *text = g_strdup_printf ("Use /fault/big/BYTES with BYTES from %zu to %d.\n",
                                               strlen (BIG_PREFIX BIG_SUFFIX), BIG_MAX);
      set_text (msg, SOUP_STATUS_NOT_FOUND, text);
      return;
    }

  if (check_upgrade (msg))
    {
      protocol = dup_first_offered_protocol (msg);
      upgrade (user_data, msg, NULL, protocol, build_big_message (size), FALSE);
    }
}

/* Steals after the handler returns ------------------------------------------------------ */

typedef enum
{
  LATER_HANG,
  LATER_RESET,
  LATER_INFORMATIONAL,
} LaterKind;

typedef struct
{
  SockDemoFaults    *faults;
  SoupServerMessage *msg;
  LaterKind          kind;
  guint              status;
} Later;

static void
later_free (gpointer data)
{
  Later *later = data;

  g_object_unref (later->msg);
  g_free (later);
}

/* A TCP RST instead of a FIN: SO_LINGER with a zero timeout, then close. */
static void
reset_connection (GSocket   *socket,
                  GIOStream *stream)
{
  struct linger linger = { 1, 0 };

  if (socket != NULL)
    {
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
      g_socket_close (socket, NULL);
    }
  g_object_unref (stream);
}

static void
run_later (Later *later)
{
  g_autoptr(GSocket) socket = g_object_ref (soup_server_message_get_socket (later->msg));
  GIOStream *stream = soup_server_message_steal_connection (later->msg);
  g_autofree char *line = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SockDemoConn *conn;

  if (stream == NULL)
    return;

  switch (later->kind)
    {
    case LATER_RESET:
      reset_connection (socket, stream);
      break;

    case LATER_INFORMATIONAL:
      line = g_strdup_printf ("HTTP/1.1 %u %s\r\n\r\n", later->status,
                              soup_status_get_phrase (later->status));
      bytes = g_bytes_new (line, strlen (line));
      conn = _sock_demo_conn_new (later->faults, stream, FALSE);
      _sock_demo_conn_send (conn, bytes);
      _sock_demo_conn_close_when_sent (conn);
      break;

    case LATER_HANG:
    default:
      _sock_demo_conn_new (later->faults, stream, FALSE);
      break;
    }
}

static gboolean
on_later (gpointer user_data)
{
  Later *later = user_data;
  SockDemoFaults *faults = later->faults;

  run_later (later);
  g_ptr_array_remove_fast (faults->pending, g_main_current_source ());
  return G_SOURCE_REMOVE;
}

static void
steal_later (SockDemoFaults    *faults,
             SoupServerMessage *msg,
             LaterKind          kind,
             guint              status)
{
  Later *later = g_new0 (Later, 1);
  GSource *source = g_idle_source_new ();

  /* Stealing inside the handler would free the message under libsoup's feet: pause it
   * and take the connection once the handler has returned. */
  soup_server_message_pause (msg);
  later->faults = faults;
  later->msg = g_object_ref (msg);
  later->kind = kind;
  later->status = status;
  g_source_set_callback (source, on_later, later, later_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (faults->pending, source);
}

static void
hang_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  steal_later (user_data, msg, LATER_HANG, 0);
}

static void
reset_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  steal_later (user_data, msg, LATER_RESET, 0);
}

void
_sock_demo_faults_informational (SockDemoFaults    *faults,
                                 SoupServerMessage *msg,
                                 guint              status)
{
  g_return_if_fail (SOUP_STATUS_IS_INFORMATIONAL (status));

  steal_later (faults, msg, LATER_INFORMATIONAL, status);
}

/* Lifetime ------------------------------------------------------------------------------ */

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

SockDemoFaults *
_sock_demo_faults_new (void)
{
  SockDemoFaults *faults = g_new0 (SockDemoFaults, 1);

  faults->conns = g_ptr_array_new_with_free_func (_sock_demo_conn_unref);
  faults->pending = g_ptr_array_new_with_free_func (destroy_source);
  return faults;
}

void
_sock_demo_faults_add_handlers (SockDemoFaults *faults,
                                SoupServer     *server)
{
  soup_server_add_handler (server, "/fault/no-subprotocol", no_subprotocol_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/wrong-subprotocol", wrong_subprotocol_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/bad-accept", bad_accept_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/close", close_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/big", big_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/hang", hang_cb, faults, NULL);
  soup_server_add_handler (server, "/fault/reset", reset_cb, faults, NULL);
  _sock_demo_wamp_faults_add_handlers (faults, server);
}

static gboolean
conns_released (gpointer data)
{
  SockDemoFaults *faults = data;

  return faults->live == 0;
}

void
_sock_demo_faults_close_all (SockDemoFaults *faults)
{
  g_ptr_array_set_size (faults->pending, 0);
  while (faults->conns->len > 0)
    _sock_demo_conn_close (g_ptr_array_index (faults->conns, faults->conns->len - 1));

  /* Cancelled reads and writes report back from the main context; the connections are
   * released (and their sockets closed) only then. */
  _sock_demo_spin_until (conns_released, faults, CLOSE_ALL_TIMEOUT_US);

  if (faults->live > 0)
    g_warning ("%u demo connections still busy after closing them", faults->live);
}

void
_sock_demo_faults_free (SockDemoFaults *faults)
{
  if (faults == NULL)
    return;

  _sock_demo_faults_close_all (faults);
  g_ptr_array_unref (faults->conns);
  g_ptr_array_unref (faults->pending);
  g_free (faults);
}
