/* rawsocket-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a RawSocket connection to the demo router's realm, shared by the RawSocket transport
 * tests.
 */

#pragma once

#include "session-test-util.h"

/* keepalive_s 0: no pings; max_size 0: the default. */
static G_GNUC_UNUSED void
open_url_with (const char      *url,
               const char      *protocol,
               guint            timeout_s,
               guint            keepalive_s,
               guint            pong_ms,
               guint64          max_size,
               SockConnection **out)
{
  const char *protocols[] = { protocol, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, &error);

  g_assert_no_error (error);
  if (protocol != NULL)
    g_assert_true (sock_profile_set_protocols (profile, protocols, &error));
  sock_profile_set_connect_timeout (profile, timeout_s);
  sock_profile_set_keepalive_interval (profile, keepalive_s);
  if (pong_ms > 0)
    sock_profile_set_pong_timeout_ms (profile, pong_ms);
  if (max_size > 0)
    sock_profile_set_max_message_size (profile, max_size);
  *out = sock_connection_new (profile);
  sock_connection_set_realm (*out, "demo");
}

static G_GNUC_UNUSED void
open_url (const char      *url,
          const char      *protocol,
          guint            timeout_s,
          SockConnection **out)
{
  open_url_with (url, protocol, timeout_s, 0, 0, 0, out);
}
