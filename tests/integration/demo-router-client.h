/* demo-router-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bare WAMP test client for the demo router: a real libsoup WebSocket connection that queues
 * every frame it receives, the codec's builders to send, and the codec to check what comes back.
 */

#pragma once

#include <libsoup/soup.h>

#include "sock-demo-server.h"
#include "sock-rawsocket.h"
#include "sock-wamp-message.h"

G_BEGIN_DECLS

/* A started demo server (no TLS) and a libsoup session, for g_test_add(). */
typedef struct
{
  SockDemoServer *server;
  SoupSession    *soup;
} Fixture;

void fixture_set_up    (Fixture       *f,
                        gconstpointer  data);
void fixture_tear_down (Fixture       *f,
                        gconstpointer  data);

typedef struct
{
  SoupWebsocketConnection *ws;
  SockWampVersion          version;
  GQueue                   frames;   /* char*, oldest first */
  gboolean                 closed;
  gint64                   session;
  gint64                   request;
  SockWampSerializer       serializer;  /* from the subprotocol: frames are sent and checked in it */
  gboolean                 batched;
  guint                    n_binary;    /* binary frames received */
  /* RawSocket instead of ws (see client_connect_rawsocket()) */
  GSocketConnection       *rs;
  SockRawsocketReader     *reader;
  GCancellable            *cancellable;
  guint8                   buffer[16384];
  gboolean                 reading;
  guint                    n_pongs;
  GBytes                  *last_pong;
} Client;

/* @protocol: "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor" (or a batched variant), "wamp", or NULL
 * to offer none. Messages are written and queued as JSON text whatever the serializer. */
Client     *client_connect      (SoupSession    *soup,
                                 SockDemoServer *server,
                                 const char     *protocol);
/* RawSocket to @address (TCP or Unix) with @protocol's serializer ("wamp.2.json", "wamp.2.msgpack",
 * "wamp.2.cbor"), announcing @exponent; asserts that the router accepts the handshake. */
Client     *client_connect_rawsocket (GSocketAddress *address,
                                      const char     *protocol,
                                      guint           exponent);
/* A RawSocket frame of any type, as it is. */
void        client_send_rawsocket_frame (Client     *client,
                                         SockRawsocketFrameType type,
                                         const guint8 *data,
                                         gsize       len);
/* Connects a GSocketClient to @address, waiting at most a few seconds. */
GSocketConnection *rawsocket_connect (GSocketAddress *address);
void        client_free         (Client         *client);
void        client_send         (Client         *client,
                                 char           *text);
/* Waits (up to 5 s) for the next frame, checks it with the codec and returns it as a tree. */
JsonArray  *client_next         (Client         *client);
/* Like client_next(), and asserts the message type. */
JsonArray  *client_expect       (Client         *client,
                                 int             type);
/* Waits for the connection to close (up to 5 s). */
gboolean    client_wait_closed  (Client         *client);
/* Lets the main loop run for @ms milliseconds. */
void        spin                (guint           ms);

/* Joins @realm (v2) as anonymous; asserts WELCOME and returns its details. */
JsonObject *client_join         (Client         *client,
                                 const char     *realm);
Client     *client_new_joined   (SoupSession    *soup,
                                 SockDemoServer *server,
                                 const char     *realm);

/* Requests with literal JSON: options/args/kwargs may be NULL. Return the request id. */
gint64      client_publish      (Client         *client,
                                 const char     *options,
                                 const char     *topic,
                                 const char     *args,
                                 const char     *kwargs);
gint64      client_call         (Client         *client,
                                 const char     *options,
                                 const char     *procedure,
                                 const char     *args,
                                 const char     *kwargs);
/* Subscribes / registers and returns the id from SUBSCRIBED / REGISTERED. */
gint64      client_subscribe    (Client         *client,
                                 const char     *options,
                                 const char     *topic);
gint64      client_register     (Client         *client,
                                 const char     *procedure);

JsonObject *json_object_from    (const char     *json);
JsonArray  *json_array_from     (const char     *json);
/* Compact JSON text of an element or a node, for comparisons. */
char       *element_text        (JsonArray      *array,
                                 guint           index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

G_END_DECLS
