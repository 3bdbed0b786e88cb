/* sock-url-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses url and checks that it is a WebSocket URL with a host; says what to fix otherwise. */
GUri     *_sock_url_parse (const char  *url,
                           GError     **error);
/* RFC 7230 token characters only (header names, subprotocols). */
gboolean  _sock_is_token  (const char  *s);

G_END_DECLS
