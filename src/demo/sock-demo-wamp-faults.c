/* sock-demo-wamp-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hostile WAMP v2 router for trying (and testing) deadlines and liveness, one mode a path:
 *
 *   /fault/wamp/no-welcome   accepts the WebSocket (wamp.2.json) and never answers HELLO
 *   /fault/wamp/silent       WELCOMEs, then answers nothing: no SUBSCRIBED, UNSUBSCRIBED,
 *                            REGISTERED, PUBLISHED, RESULT or GOODBYE (pings still are)
 *   /fault/wamp/no-pong      a working but quiet router that never answers a WebSocket ping
 *   /fault/wamp/freeze[/MS]  a working router (events every 100 ms to each subscription; calls
 *                            stay unanswered, as slow procedures) that freezes MS ms after
 *                            WELCOME (default 1000): it stops reading and writing while the TCP
 *                            connection stays open, as a hung process does
 *   /fault/wamp/no-pong-freeze[/MS]  the same, and it never answers a ping
 *   /fault/wamp/stall/MS     the same, but it thaws MS ms after freezing (1000 ms after WELCOME)
 *                            and answers what came meanwhile, as a process that was paused
 *   /fault/wamp/v1-no-welcome  agrees to subprotocol wamp (WAMP v1) and never sends WELCOME
 *   /fault/wamp/v1-silent    a WAMP v1 server that WELCOMEs, then never answers a CALL
 *
 * The frames are written by hand (SockDemoConn), so that pings can go unanswered.
 */

#include "sock-demo-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define EVENT_INTERVAL_MS 100
#define DEFAULT_FREEZE_MS 1000
#define MAX_FREEZE_MS     (3600 * 1000)

typedef enum
{
  MODE_NO_WELCOME,
  MODE_SILENT,
  MODE_NO_PONG,
  MODE_FREEZE,
  MODE_V1_NO_WELCOME,
  MODE_V1_SILENT,
} Mode;

typedef struct
{
  SockDemoConn *conn;
  Mode          mode;
  gboolean      no_pongs;
  guint         freeze_ms;
  guint         stall_ms;      /* thaw after this long; 0: frozen for good */
  gint64        next_id;
  GArray       *subscriptions;   /* gint64 */
  GSource      *events;
  GSource      *freeze;
  guint64       n_events;
} Hostile;

static void
hostile_free (gpointer data)
{
  Hostile *hostile = data;

  if (hostile->events != NULL)
    {
      g_source_destroy (hostile->events);
      g_source_unref (hostile->events);
    }
  if (hostile->freeze != NULL)
    {
      g_source_destroy (hostile->freeze);
      g_source_unref (hostile->freeze);
    }
  g_array_unref (hostile->subscriptions);
  g_free (hostile);
}

/* The handshake's closure: frees a Hostile whose connection was never taken over. */
static void
hostile_unused_free (gpointer  data,
                     GClosure *closure)
{
  Hostile *hostile = data;

  if (hostile->conn == NULL)
    hostile_free (hostile);
}

static void
send_text (Hostile    *hostile,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
send_text (Hostile    *hostile,
           const char *format,
           ...)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) frame = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  frame = _sock_demo_frame_new (0x1, (const guint8 *) text, strlen (text));
  _sock_demo_conn_send (hostile->conn, frame);
}

static gboolean
events_cb (gpointer data)
{
  Hostile *hostile = data;

  if (!_sock_demo_conn_is_open (hostile->conn))
    return G_SOURCE_CONTINUE;
  for (guint i = 0; i < hostile->subscriptions->len; i++)
    {
      guint64 n = ++hostile->n_events;

      send_text (hostile, "[36,%" G_GINT64_FORMAT ",%" G_GUINT64_FORMAT ",{},[%" G_GUINT64_FORMAT "]]",
                 g_array_index (hostile->subscriptions, gint64, i), n, n);
    }
  return G_SOURCE_CONTINUE;
}

static GSource *add_timeout (guint ms, GSourceFunc func, Hostile *hostile);

static gboolean
thaw_cb (gpointer data)
{
  Hostile *hostile = data;

  g_clear_pointer (&hostile->freeze, g_source_unref);
  _sock_demo_conn_thaw (hostile->conn);
  return G_SOURCE_REMOVE;
}

static gboolean
freeze_cb (gpointer data)
{
  Hostile *hostile = data;

  g_clear_pointer (&hostile->freeze, g_source_unref);
  _sock_demo_conn_freeze (hostile->conn);
  if (hostile->stall_ms > 0)
    hostile->freeze = add_timeout (hostile->stall_ms, thaw_cb, hostile);
  return G_SOURCE_REMOVE;
}

static GSource *
add_timeout (guint        ms,
             GSourceFunc  func,
             Hostile     *hostile)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, hostile, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static void
welcome (Hostile *hostile)
{
  send_text (hostile, "[2,%" G_GINT64_FORMAT ",{\"agent\":\"sockscope-hostile\","
             "\"roles\":{\"broker\":{},\"dealer\":{}}}]", ++hostile->next_id);
  if (hostile->mode == MODE_FREEZE)
    {
      hostile->events = add_timeout (EVENT_INTERVAL_MS, events_cb, hostile);
      hostile->freeze = add_timeout (hostile->freeze_ms, freeze_cb, hostile);
    }
}

/* One message from the client; an answer unless the mode withholds it. */
static void
answer (Hostile   *hostile,
        JsonArray *message)
{
  JsonNode *first = json_array_get_element (message, 0);
  JsonNode *second = json_array_get_length (message) > 1 ? json_array_get_element (message, 1) : NULL;
  gint64 type = json_node_get_value_type (first) == G_TYPE_INT64 ? json_node_get_int (first) : -1;
  gint64 request = second && json_node_get_value_type (second) == G_TYPE_INT64 ? json_node_get_int (second) : 0;

  if (type == 1)  /* HELLO */
    {
      if (hostile->mode != MODE_NO_WELCOME)
        welcome (hostile);
      return;
    }
  if (hostile->mode != MODE_NO_PONG && hostile->mode != MODE_FREEZE)
    return;

  switch (type)
    {
    case 6:   /* GOODBYE */
      send_text (hostile, "[6,{},\"wamp.close.goodbye_and_out\"]");
      _sock_demo_conn_close_when_sent (hostile->conn);
      break;
    case 16:  /* PUBLISH */
      send_text (hostile, "[17,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", request, ++hostile->next_id);
      break;
    case 32:  /* SUBSCRIBE */
      {
        gint64 id = ++hostile->next_id;

        g_array_append_val (hostile->subscriptions, id);
        send_text (hostile, "[33,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", request, id);
      }
      break;
    case 34:  /* UNSUBSCRIBE */
      send_text (hostile, "[35,%" G_GINT64_FORMAT "]", request);
      break;
    case 48:  /* CALL: a freezing router's procedures are slow */
      if (hostile->mode != MODE_FREEZE)
        send_text (hostile, "[50,%" G_GINT64_FORMAT ",{},[]]", request);
      break;
    case 64:  /* REGISTER */
      send_text (hostile, "[65,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]", request, ++hostile->next_id);
      break;
    case 66:  /* UNREGISTER */
      send_text (hostile, "[67,%" G_GINT64_FORMAT "]", request);
      break;
    default:
      break;
    }
}

static void
on_text (SockDemoConn *conn,
         const char   *text,
         gsize         length,
         gpointer      data)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    answer (data, json_node_get_array (node));
}

static void
on_wrote_informational (SoupServerMessage *msg,
                        gpointer           data)
{
  Hostile *hostile = data;
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  hostile->conn = _sock_demo_conn_new (g_object_get_data (G_OBJECT (msg), "sock-demo-faults"), stream, TRUE);
  /* the Hostile lives as long as its connection (which faults->conns owns) */
  g_object_set_data_full (G_OBJECT (stream), "sock-demo-hostile", hostile, hostile_free);
  _sock_demo_conn_set_text_func (hostile->conn, on_text, hostile);
  _sock_demo_conn_set_answer_pings (hostile->conn, hostile->mode != MODE_NO_PONG && !hostile->no_pongs);
  /* a WAMP v1 server speaks first */
  if (hostile->mode == MODE_V1_SILENT)
    send_text (hostile, "[0,\"hostile-1\",1,\"sockscope-hostile\"]");
}

static gboolean
parse_mode (const char *path,
            Hostile    *hostile)
{
  const char *tail = path + strlen ("/fault/wamp/");
  guint64 ms = DEFAULT_FREEZE_MS;

  if (g_str_equal (tail, "no-welcome"))
    hostile->mode = MODE_NO_WELCOME;
  else if (g_str_equal (tail, "v1-no-welcome"))
    hostile->mode = MODE_V1_NO_WELCOME;
  else if (g_str_equal (tail, "v1-silent"))
    hostile->mode = MODE_V1_SILENT;
  else if (g_str_equal (tail, "silent"))
    hostile->mode = MODE_SILENT;
  else if (g_str_equal (tail, "no-pong"))
    hostile->mode = MODE_NO_PONG;
  else
    {
      if (g_str_has_prefix (tail, "no-pong-"))
        {
          hostile->no_pongs = TRUE;
          tail += strlen ("no-pong-");
        }
      if (g_str_has_prefix (tail, "stall/") &&
          g_ascii_string_to_unsigned (tail + strlen ("stall/"), 10, 1, MAX_FREEZE_MS, &ms, NULL))
        {
          hostile->mode = MODE_FREEZE;
          hostile->stall_ms = (guint) ms;
          ms = DEFAULT_FREEZE_MS;
        }
      else if (g_str_equal (tail, "freeze") ||
          (g_str_has_prefix (tail, "freeze/") &&
           g_ascii_string_to_unsigned (tail + strlen ("freeze/"), 10, 0, MAX_FREEZE_MS, &ms, NULL)))
        hostile->mode = MODE_FREEZE;
      else
        return FALSE;
    }
  hostile->freeze_ms = (guint) ms;
  return TRUE;
}

static void
hostile_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *protocols[] = { "wamp.2.json", NULL };
  const char *v1[] = { "wamp", NULL };
  Hostile *hostile = g_new0 (Hostile, 1);

  hostile->subscriptions = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!parse_mode (path, hostile))
    {
      static const char text[] = "Use /fault/wamp/no-welcome, silent, no-pong, freeze[/MS] or "
                                 "no-pong-freeze[/MS], stall/MS, v1-no-welcome or v1-silent.\n";

      g_array_unref (hostile->subscriptions);
      g_free (hostile);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC, text,
                                        strlen (text));
      return;
    }
  if (!soup_websocket_server_process_handshake (msg, NULL,
                                                (char **) (hostile->mode == MODE_V1_NO_WELCOME ||
                                                           hostile->mode == MODE_V1_SILENT ? v1 : protocols),
                                                NULL, NULL))
    {
      g_array_unref (hostile->subscriptions);
      g_free (hostile);
      return;
    }
  g_object_set_data (G_OBJECT (msg), "sock-demo-faults", user_data);
  g_signal_connect_data (msg, "wrote-informational", G_CALLBACK (on_wrote_informational), hostile,
                         hostile_unused_free, 0);
}

void
_sock_demo_wamp_faults_add_handlers (SockDemoFaults *faults,
                                 SoupServer     *server)
{
  soup_server_add_handler (server, "/fault/wamp", hostile_cb, faults, NULL);
}
