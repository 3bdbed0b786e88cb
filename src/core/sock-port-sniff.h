/* sock-port-sniff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second look at a port after a failed handshake: does it speak TLS, or plain HTTP? This tells
 * "ws:// to a TLS port" and "wss:// to a plain port" apart from a server that is simply broken.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_PORT_SPEAKS_TLS,   /* a TLS handshake completes (any certificate) */
  SOCK_PORT_SPEAKS_HTTP,  /* a plain HTTP request gets an answer starting with "HTTP/" */
} SockPortLanguage;

#define SOCK_PORT_SNIFF_TIMEOUT_MS 3000

/* Runs on the thread-default main context; gives up after SOCK_PORT_SNIFF_TIMEOUT_MS. */
void      sock_port_sniff_async   (const char           *host,
                                   guint16               port,
                                   SockPortLanguage      language,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
/* TRUE when the port speaks that language; never fails. */
gboolean  sock_port_sniff_finish  (GAsyncResult         *result);

G_END_DECLS
