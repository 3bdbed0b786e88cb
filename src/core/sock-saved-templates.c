/* sock-saved-templates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each template sets, and why (see ../docs/saved-connections.md and the servers' sources):
 * - Ratchet's WampServer and GosWebSocketBundle speak WAMP v1 only ("wamp"); Ratchet 0.4 refuses
 *   a handshake without it (426) and its OriginCheck, like Gos' origin_check, answers 403 without
 *   an allowed Origin.
 * - OroCRM's SyncBundle (on Gos) checks the Origin by default and wants a ticket in the URL
 *   (POST /sync/ticket gives one, valid 300 s); it publishes "Connection keep alive" on oro/ping
 *   every 50 s.
 * - Crossbar.io, Nexus and Bondy are WAMP v2 routers: a realm to join, and ticket or WAMP-CRA
 *   authentication where the realm asks for it (Bondy's realms usually do).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-saved-templates.h"

static SockSavedConnection *
template_new (const char         *name,
              const char         *url,
              SockProtocolChoice  protocol)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (url, NULL);

  g_assert (options != NULL);
  sock_connect_options_set_protocol (options, protocol);
  return sock_saved_connection_new (name, options);
}

static void
set_origin (SockSavedConnection *template,
            const char          *origin)
{
  SockProfile *profile = sock_connect_options_get_profile (sock_saved_connection_get_options (template));

  if (!sock_profile_set_origin (profile, origin, NULL))
    g_assert_not_reached ();
}

GPtrArray *
sock_saved_templates_new (void)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);
  SockSavedConnection *item;
  SockConnectOptions *options;

  item = template_new (_("Ratchet / GosWebSocketBundle"), "ws://localhost:8080/", SOCK_PROTOCOL_CHOICE_WAMP1);
  set_origin (item, "http://localhost");
  g_ptr_array_add (templates, item);

  item = template_new (_("OroCRM"), "wss://crm.example.com/ws?ticket=", SOCK_PROTOCOL_CHOICE_WAMP1);
  set_origin (item, "https://crm.example.com");
  options = sock_saved_connection_get_options (item);
  sock_connect_options_add_subscription (options, "oro/ping", SOCK_MATCH_EXACT);
  g_ptr_array_add (templates, item);

  item = template_new (_("Crossbar.io"), "ws://localhost:8080/ws", SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (sock_saved_connection_get_options (item), "realm1");
  g_ptr_array_add (templates, item);

  item = template_new (_("Nexus"), "ws://localhost:8080/ws", SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (sock_saved_connection_get_options (item), "realm1");
  g_ptr_array_add (templates, item);

  item = template_new (_("Bondy"), "ws://localhost:18080/ws", SOCK_PROTOCOL_CHOICE_WAMP2);
  options = sock_saved_connection_get_options (item);
  sock_connect_options_set_realm (options, "com.example.realm");
  sock_connect_options_set_auth (options, SOCK_AUTH_WAMPCRA, "user", NULL);
  g_ptr_array_add (templates, item);

  return templates;
}
