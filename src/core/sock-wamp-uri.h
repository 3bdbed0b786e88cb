/* sock-wamp-uri.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks a topic, procedure or realm URI before anything is sent, by WAMP's loose rules
 * (dot-separated components with no whitespace and no "#"; a WAMP v1 IRI such as
 * "http://example.com/rpc#add" only needs to be non-empty UTF-8 without whitespace or control
 * characters; a realm, which WAMP v1 does not have, never counts as one), aware of the match policy: a
 * wildcard pattern may have empty components ("a..b"), a prefix may end with a dot ("com.app.").
 * Problems are said in words that name the URI's role and the character at fault.
 */

#pragma once

#include "sock-session.h"

G_BEGIN_DECLS

typedef enum
{
  SOCK_WAMP_URI_TOPIC,
  SOCK_WAMP_URI_PROCEDURE,
  SOCK_WAMP_URI_REALM,
} SockWampUriRole;

/* Fails with SOCK_ERROR_INVALID_VALUE ("the topic “a..b” has an empty component …"). */
gboolean sock_wamp_uri_check (const char       *uri,
                              SockWampUriRole   role,
                              SockMatch         match,
                              GError          **error);

G_END_DECLS
