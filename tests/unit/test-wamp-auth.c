/* test-wamp-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vectors from Node.js crypto (an independent implementation) and Autobahn's documented
 * salted-key example (secret2 / salt123 / 100 / 16).
 */

#include "config.h"

#include "sock-error.h"
#include "sock-wamp-auth.h"

static void
test_wamp_auth_sign (void)
{
  g_autofree char *plain = sock_wamp_cra_sign ("secret1", "hello");
  g_autofree char *challenge = NULL;

  g_assert_cmpstr (plain, ==, "qgeRM+qADhP46mwcgXTueDVLIA/izmrF6GXTqQCA1t0=");

  challenge = sock_wamp_cra_sign ("LG5/FwnS5WvgmlEyLPk/pQ==",
                                  "{\"authid\":\"peter\",\"authrole\":\"user\",\"authmethod\":\"wampcra\","
                                  "\"authprovider\":\"static\",\"nonce\":\"abc\","
                                  "\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"session\":1}");
  g_assert_cmpstr (challenge, ==, "Q+W1/GayZevBWgqjkv1lKcgehrqjF83ESQAwMHXpy+4=");
}

static void
test_wamp_auth_derive (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *autobahn = sock_wamp_cra_derive_key ("secret2", "salt123", 100, 16, &error);
  g_autofree char *defaults = NULL;
  g_autofree char *absurd = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (autobahn, ==, "LG5/FwnS5WvgmlEyLPk/pQ==");

  defaults = sock_wamp_cra_derive_key ("secret", "salt", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (defaults, ==, "qN+JnzxPIE2WfgrWPAkph8EAVeuwF7PZ0ordIY1Peq0=");

  absurd = sock_wamp_cra_derive_key ("secret", "salt", 1000, 1 << 20, &error);
  g_assert_null (absurd);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
}

static void
test_wamp_auth_equal (void)
{
  g_assert_true (sock_wamp_cra_equal ("abc=", "abc="));
  g_assert_false (sock_wamp_cra_equal ("abc=", "abd="));
  g_assert_false (sock_wamp_cra_equal ("abc=", "abc"));
  g_assert_false (sock_wamp_cra_equal (NULL, "abc"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/wamp-auth/sign", test_wamp_auth_sign);
  g_test_add_func ("/sockscope/wamp-auth/derive", test_wamp_auth_derive);
  g_test_add_func ("/sockscope/wamp-auth/equal", test_wamp_auth_equal);

  return g_test_run ();
}
