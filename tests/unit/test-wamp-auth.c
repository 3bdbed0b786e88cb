/* test-wamp-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Vectors from Node.js crypto (an independent implementation) and Autobahn's documented
 * salted-key example (secret2 / salt123 / 100 / 16).
 */

#include "config.h"

#include <string.h>

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

/* What a router may ask is capped, and said in words. */
static void
test_wamp_auth_caps (void)
{
  g_autoptr(GError) iterations = NULL;
  g_autoptr(GError) keylen = NULL;
  g_autoptr(GError) negative = NULL;
  g_autofree char *greedy = sock_wamp_cra_derive_key ("secret", "salt", 10000000, 32, &iterations);

  g_assert_null (greedy);
  g_assert_error (iterations, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  g_assert_cmpstr (iterations->message, ==,
                   "The router asks for 10000000 PBKDF2 iterations; Sockscope allows at most 1000000");
  g_assert_false (sock_wamp_cra_check_derivation (1000, 1024, &keylen));
  g_assert_cmpstr (keylen->message, ==, "The router asks for a 1024-byte salted key; Sockscope allows at most 256 bytes");
  g_assert_false (sock_wamp_cra_check_derivation (-1, 32, &negative));
  g_assert_true (sock_wamp_cra_check_derivation (SOCK_WAMP_CRA_MAX_ITERATIONS, SOCK_WAMP_CRA_MAX_KEYLEN, NULL));
}

/* The parameters of a salted challenge, as v1's authextra and v2's extra carry them (or not). */
static void
test_wamp_auth_read_derivation (void)
{
  static const struct
  {
    const char *extra;
    gboolean    ok;
    guint       iterations;
    guint       keylen;
  } cases[] = {
    { "{}", TRUE, 1000, 32 },
    { "{\"iterations\": null, \"keylen\": null}", TRUE, 1000, 32 },
    { "{\"salt\": \"s\", \"iterations\": 100, \"keylen\": 16}", TRUE, 100, 16 },
    { "{\"iterations\": \"100\"}", FALSE, 0, 0 },
    { "{\"keylen\": 32.5}", FALSE, 0, 0 },
    { "{\"iterations\": 10000000}", FALSE, 0, 0 },
    { "{\"keylen\": -1}", FALSE, 0, 0 },
  };
  guint iterations = 0, keylen = 0;

  g_assert_true (sock_wamp_cra_read_derivation (NULL, &iterations, &keylen, NULL));
  g_assert_cmpuint (iterations, ==, 1000);
  g_assert_cmpuint (keylen, ==, 32);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].extra, NULL);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      iterations = keylen = 0;
      ok = sock_wamp_cra_read_derivation (json_node_get_object (node), &iterations, &keylen, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (iterations, ==, cases[i].iterations);
          g_assert_cmpuint (keylen, ==, cases[i].keylen);
        }
      else
        g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
    }
}

typedef struct
{
  GAsyncResult *result;
  guint         ticks;
} Derive;

static void
derived_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Derive *derive = user_data;

  derive->result = g_object_ref (result);
}

static gboolean
tick_cb (gpointer user_data)
{
  Derive *derive = user_data;

  derive->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Waits for the callback, at most 30 s; the main loop turns meanwhile. */
static void
wait_derived (Derive *derive)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (derive->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (derive->result == NULL)
    g_error ("no derived key within 30 s");
}

/* The rounds run on a worker thread: the main loop keeps turning (the old code derived on it and
 * froze it), the key is the same, and a cancel answers at once. */
static void
test_wamp_auth_derive_async (void)
{
  Derive slow = { 0 };
  Derive cancelled = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint tick = g_timeout_add (5, tick_cb, &slow);

  /* the most a router may ask: a few seconds of work here */
  sock_wamp_cra_derive_key_async ("secret", "salt", SOCK_WAMP_CRA_MAX_ITERATIONS, SOCK_WAMP_CRA_MAX_KEYLEN, NULL,
                                  derived_cb, &slow);
  wait_derived (&slow);
  g_source_remove (tick);
  key = sock_wamp_cra_derive_key_finish (slow.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (key), ==, 344);  /* base64 of 256 bytes */
  g_test_message ("the main loop turned %u times during the derivation", slow.ticks);
  g_assert_cmpuint (slow.ticks, >=, 3);
  g_clear_object (&slow.result);
  g_clear_pointer (&key, g_free);

  sock_wamp_cra_derive_key_async ("secret2", "salt123", 100, 16, NULL, derived_cb, &slow);
  wait_derived (&slow);
  key = sock_wamp_cra_derive_key_finish (slow.result, &error);
  g_assert_cmpstr (key, ==, "LG5/FwnS5WvgmlEyLPk/pQ==");
  g_clear_object (&slow.result);

  sock_wamp_cra_derive_key_async ("secret", "salt", SOCK_WAMP_CRA_MAX_ITERATIONS, SOCK_WAMP_CRA_MAX_KEYLEN,
                                  cancellable, derived_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  wait_derived (&cancelled);
  g_assert_null (sock_wamp_cra_derive_key_finish (cancelled.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&cancelled.result);
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
  g_test_add_func ("/sockscope/wamp-auth/caps", test_wamp_auth_caps);
  g_test_add_func ("/sockscope/wamp-auth/read-derivation", test_wamp_auth_read_derivation);
  g_test_add_func ("/sockscope/wamp-auth/derive-async", test_wamp_auth_derive_async);
  g_test_add_func ("/sockscope/wamp-auth/equal", test_wamp_auth_equal);

  return g_test_run ();
}
