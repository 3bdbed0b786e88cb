/* connect-options-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests of what keeps connect options (their JSON form, the saved connections file):
 * every setting away from its default, and the check that all of them came back. The URL, the
 * authentication and the headers are each test's own, with the secrets it hides in them.
 */

#pragma once

#include "sock-connect-options.h"
#include "test-cert.h"

static G_GNUC_UNUSED void
set_every_setting (SockConnectOptions *options)
{
  SockProfile *profile = sock_connect_options_get_profile (options);

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "com.example.app");
  sock_connect_options_set_reconnect (options, FALSE);
  g_assert_true (sock_profile_set_origin (profile, "https://app.example.com", NULL));
  g_assert_true (sock_profile_set_pin (profile, TEST_CERT_SHA256, NULL));
  sock_profile_set_max_message_size (profile, 3 * 1024 * 1024);
  sock_profile_set_deflate (profile, FALSE);
  sock_profile_set_connect_timeout (profile, 42);
  sock_profile_set_keepalive_interval (profile, 17);
  sock_profile_set_pong_timeout_ms (profile, 2500);
  sock_profile_set_join_timeout_ms (profile, 3100);
  sock_profile_set_ack_timeout_ms (profile, 4200);
  sock_profile_set_call_timeout_ms (profile, 90000);
  g_assert_true (sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT));
  g_assert_true (sock_connect_options_add_subscription (options, "demo.metrics", SOCK_MATCH_PREFIX));
  g_assert_true (sock_connect_options_add_subscription (options, "demo..cpu", SOCK_MATCH_WILDCARD));
}

/* What set_every_setting () set is there in back. */
static G_GNUC_UNUSED void
assert_every_setting (SockConnectOptions *back)
{
  SockProfile *profile = sock_connect_options_get_profile (back);
  SockMatch match;

  g_assert_cmpint (sock_connect_options_get_protocol (back), ==, SOCK_PROTOCOL_CHOICE_WAMP2);
  g_assert_cmpstr (sock_connect_options_get_realm (back), ==, "com.example.app");
  g_assert_false (sock_connect_options_get_reconnect (back));
  g_assert_cmpstr (sock_profile_get_origin (profile), ==, "https://app.example.com");
  g_assert_cmpint (sock_profile_get_tls_policy (profile), ==, SOCK_TLS_PIN);
  g_assert_cmpstr (sock_profile_get_pin (profile), ==, TEST_CERT_SHA256);
  g_assert_cmpuint (sock_profile_get_max_message_size (profile), ==, 3 * 1024 * 1024);
  g_assert_false (sock_profile_get_deflate (profile));
  g_assert_cmpuint (sock_profile_get_connect_timeout (profile), ==, 42);
  g_assert_cmpuint (sock_profile_get_keepalive_interval (profile), ==, 17);
  g_assert_cmpuint (sock_profile_get_pong_timeout_ms (profile), ==, 2500);
  g_assert_cmpuint (sock_profile_get_join_timeout_ms (profile), ==, 3100);
  g_assert_cmpuint (sock_profile_get_ack_timeout_ms (profile), ==, 4200);
  g_assert_cmpuint (sock_profile_get_call_timeout_ms (profile), ==, 90000);
  g_assert_cmpuint (sock_connect_options_get_n_subscriptions (back), ==, 3);
  g_assert_cmpstr (sock_connect_options_get_subscription (back, 0, &match), ==, "demo.tick");
  g_assert_cmpint (match, ==, SOCK_MATCH_EXACT);
  g_assert_cmpstr (sock_connect_options_get_subscription (back, 1, &match), ==, "demo.metrics");
  g_assert_cmpint (match, ==, SOCK_MATCH_PREFIX);
  g_assert_cmpstr (sock_connect_options_get_subscription (back, 2, &match), ==, "demo..cpu");
  g_assert_cmpint (match, ==, SOCK_MATCH_WILDCARD);
}
