/* sock-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets never reach a log, an export or the terminal: what stands in for them, and the
 * places they hide in (an Authorization header, a ticket in the query, a WAMP AUTHENTICATE).
 * The message log records that an AUTHENTICATE was sent, with its signature replaced.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_SECRET_MASK "•••• (hidden)"

/* TRUE for headers whose value is a credential: Authorization, Proxy-Authorization, Cookie. */
gboolean  sock_secret_is_header      (const char *name);
/* The value to show for header name: the scheme of a credential kept ("Basic •••• (hidden)"). */
char     *sock_secret_mask_header    (const char *name,
                                      const char *value);
/* A URL or request line with the values of secret-looking query parameters (ticket, token,
 * password, secret, key, auth…) and any userinfo password masked. */
char     *sock_secret_mask_url       (const char *text);
/* TRUE for query parameters whose value is a secret (ticket, token, password, key…), name being
 * len bytes long (-1: NUL-terminated). */
gboolean  sock_secret_is_param       (const char *name,
                                      gssize      len);
/* TRUE when url's host is this machine (localhost, 127.0.0.0/8, ::1). */
gboolean  sock_secret_url_is_loopback (const char *url);

G_END_DECLS
