/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets never reach a record: masked headers, query tickets, URL passwords refused.
 */

#include <string.h>

#include "sock-error.h"
#include "sock-handshake.h"
#include "sock-profile.h"
#include "sock-secrets.h"

static void
test_secrets_mask (void)
{
  static const struct { const char *in; const char *out; } urls[] = {
    { "ws://host/ws?ticket=abc123&x=1", "ws://host/ws?ticket=" SOCK_SECRET_MASK "&x=1" },
    { "GET /sync?foo=1&Token=t0k HTTP/1.1", "GET /sync?foo=1&Token=" SOCK_SECRET_MASK " HTTP/1.1" },
    { "ws://user:hunter2@host:8080/ws", "ws://user:" SOCK_SECRET_MASK "@host:8080/ws" },
    { "ws://user@host/ws?a=b", "ws://user@host/ws?a=b" },
    { "ws://host/ws", "ws://host/ws" },
    { "ws://host/ws?ticket", "ws://host/ws?ticket" },
  };
  g_autofree char *basic = sock_secret_mask_header ("authorization", "Basic dXNlcjpodW50ZXIy");
  g_autofree char *cookie = sock_secret_mask_header ("Cookie", "PHPSESSID=abc; x=y");
  g_autofree char *origin = sock_secret_mask_header ("Origin", "http://localhost");

  g_assert_cmpstr (basic, ==, "Basic " SOCK_SECRET_MASK);
  g_assert_cmpstr (cookie, ==, SOCK_SECRET_MASK);
  g_assert_cmpstr (origin, ==, "http://localhost");
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *masked = sock_secret_mask_url (urls[i].in);

      g_assert_cmpstr (masked, ==, urls[i].out);
    }
  g_assert_true (sock_secret_url_is_loopback ("ws://127.0.0.1:8080/ws"));
  g_assert_true (sock_secret_url_is_loopback ("ws://localhost/ws"));
  g_assert_true (sock_secret_url_is_loopback ("ws://[::1]:80/"));
  g_assert_false (sock_secret_url_is_loopback ("ws://example.com/ws"));
  g_assert_false (sock_secret_url_is_loopback ("ws://10.0.0.1/ws"));
}

/* What the handshake records (and so the probe prints and exports) holds no credential. */
static void
test_secrets_handshake (void)
{
  g_autoptr(SockHandshake) handshake = g_object_new (SOCK_TYPE_HANDSHAKE, "url",
                                                     "ws://host/sync?ticket=s3cr3t", NULL);

  sock_handshake_set_request_line (handshake, "GET /sync?ticket=s3cr3t HTTP/1.1");
  sock_handshake_add_request_header (handshake, "Authorization", "Bearer s3cr3t");
  g_assert_null (strstr (sock_handshake_get_url (handshake), "s3cr3t"));
  g_assert_cmpstr (sock_handshake_get_request_line (handshake), ==, "GET /sync?ticket=" SOCK_SECRET_MASK " HTTP/1.1");
  g_assert_cmpstr (sock_handshake_lookup_request_header (handshake, "Authorization"), ==, "Bearer " SOCK_SECRET_MASK);
}

/* ws://user:pass@host is refused, and the message does not repeat the password. */
static void
test_secrets_url_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://admin:hunter2@example.com/ws", &error);
  g_autoptr(SockProfile) user_only = NULL;

  g_assert_null (profile);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "carries a password"));
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);

  user_only = sock_profile_new_for_url ("ws://admin@example.com/ws", &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/secrets/mask", test_secrets_mask);
  g_test_add_func ("/sockscope/secrets/handshake", test_secrets_handshake);
  g_test_add_func ("/sockscope/secrets/url-password", test_secrets_url_password);

  return g_test_run ();
}
