/* test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secrets of saved connections through a real Secret Service: gnome-keyring-daemon in a
 * private D-Bus session (tests/test-keyring-util.h). Every secret goes in and comes back into
 * options read from the connections file, which never holds them; storing again replaces them;
 * clearing removes them. Without a Secret Service every call fails at once with words that say
 * secrets will not be saved. Each case runs in a child process of its own, with its own bus.
 */

#include "config.h"

#include "sock-error.h"
#include "sock-keyring.h"
#include "sock-saved-connections.h"
#include "sock-saved-secrets.h"
#include "test-keyring-util.h"
#include "test-wait.h"

#define TICKET "tkt-do-not-store"
#define BEARER "Bearer tok-do-not-store"
#define URL_TICKET "url-ticket-do-not-store"

static TestKeyring keyring;

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  WAIT_FOR_WHAT (*slot != NULL, "the keyring's answer");
  return *slot;
}

static gboolean
store (SockSavedConnection *saved,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sock_keyring_store_async (saved, NULL, store_result, &result);
  return sock_keyring_store_finish (wait_result (&result), error);
}

static SockConnectOptions *
lookup (SockSavedConnection *saved,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sock_keyring_lookup_async (saved, NULL, store_result, &result);
  return sock_keyring_lookup_finish (wait_result (&result), error);
}

static gboolean
clear (const char *id,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sock_keyring_clear_async (id, NULL, store_result, &result);
  return sock_keyring_clear_finish (wait_result (&result), error);
}

static SockConnectOptions *
options_with_secrets (void)
{
  SockConnectOptions *options = sock_connect_options_new_for_url ("wss://example.com/ws?ticket=" URL_TICKET, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);

  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_WAMPCRA, "crauser", TICKET);
  g_assert_true (sock_profile_add_header (profile, "Authorization", BEARER, NULL));
  g_assert_true (sock_profile_add_header (profile, "X-Tenant", "acme", NULL));
  return options;
}

/* What the connections file gives back: the same connection, no secret. */
static SockSavedConnection *
through_file (SockSavedConnection *saved)
{
  g_autofree char *path = g_build_filename (keyring.dir, "config", "connections.json", NULL);
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (path);
  g_autoptr(SockSavedConnections) again = sock_saved_connections_new (path);
  g_autofree char *text = NULL;

  sock_saved_connections_insert (store, -1, saved);
  g_assert_true (sock_saved_connections_save (store, NULL));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, TICKET));
  g_assert_null (strstr (text, "tok-do-not-store"));
  g_assert_null (strstr (text, URL_TICKET));
  g_assert_true (sock_saved_connections_load (again, NULL));
  return g_list_model_get_item (G_LIST_MODEL (again), 0);
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(SockConnectOptions) options = options_with_secrets ();
  g_autoptr(SockSavedConnection) saved = sock_saved_connection_new ("Secure router", options);
  g_autoptr(SockSavedConnection) back = NULL;
  g_autoptr(SockConnectOptions) filled = NULL;
  g_autoptr(SockConnectOptions) after = NULL;
  g_autoptr(SockConnectOptions) cleared = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) still = NULL;
  g_auto(GStrv) all = NULL;
  g_autofree char *keyring_file = NULL;
  g_autofree char *keyring_text = NULL;
  gsize keyring_len = 0;

  test_keyring_start (&keyring, TRUE);
  g_assert_true (store (saved, &error));
  g_assert_no_error (error);

  back = through_file (saved);
  missing = sock_saved_secrets_list_missing (sock_saved_connection_get_options (back));
  g_assert_cmpuint (g_strv_length (missing), ==, 3);
  g_assert_false (sock_connect_options_validate (sock_saved_connection_get_options (back), NULL));

  /* every secret back from the keyring: the options are whole again */
  filled = lookup (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_connect_options_get_secret (filled), ==, TICKET);
  g_assert_cmpstr (sock_connect_options_get_url (filled), ==, "wss://example.com/ws?ticket=" URL_TICKET);
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (filled))[1], ==, BEARER);
  still = sock_saved_secrets_list_missing (filled);
  g_assert_cmpuint (g_strv_length (still), ==, 0);
  g_assert_true (sock_connect_options_validate (filled, &error));
  g_assert_no_error (error);

  /* the keyring's file holds them encrypted */
  keyring_file = g_build_filename (keyring.dir, "data", "keyrings", "login.keyring", NULL);
  g_assert_true (g_file_get_contents (keyring_file, &keyring_text, &keyring_len, NULL));
  g_assert_null (g_strstr_len (keyring_text, keyring_len, TICKET));

  /* stored again without the header: its item goes */
  sock_profile_clear_headers (sock_connect_options_get_profile (filled));
  sock_saved_connection_set_options (back, filled);
  g_assert_true (store (back, &error));
  g_assert_no_error (error);
  sock_saved_secrets_strip (filled);
  g_assert_true (sock_profile_add_header (sock_connect_options_get_profile (filled), "Authorization", "", NULL));
  sock_saved_connection_set_options (back, filled);
  after = lookup (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_connect_options_get_secret (after), ==, TICKET);
  g_assert_cmpstr (sock_profile_get_headers (sock_connect_options_get_profile (after))[1], ==, "");

  /* cleared: nothing comes back */
  g_assert_true (clear (sock_saved_connection_get_id (back), &error));
  g_assert_no_error (error);
  cleared = lookup (back, &error);
  g_assert_no_error (error);
  all = sock_saved_secrets_list_missing (cleared);
  g_assert_cmpuint (g_strv_length (all), ==, 3);

  test_keyring_stop (&keyring);
}

/* A WAMP-Cryptosign key pasted rather than in a file: its text goes to the keyring, never to the
 * connections file, and comes back as the key; a key file is read from its file and nothing is
 * asked of the keyring. */
static void
test_keyring_cryptosign (void)
{
  /* RFC 8032, 7.1, test 1: the demo router's cryptouser */
  static const char key_text[] = "# cryptouser\n9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n";
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://127.0.0.1:1/ws", NULL);
  g_autoptr(SockSavedConnection) saved = NULL;
  g_autoptr(SockSavedConnection) back = NULL;
  g_autoptr(SockConnectOptions) filled = NULL;
  g_autoptr(SockWampCryptosignKey) key = NULL;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  test_keyring_start (&keyring, TRUE);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_CRYPTOSIGN, "cryptouser", key_text);
  secrets = sock_saved_secrets_collect (options);
  g_assert_cmpuint (secrets->len, ==, 1);
  g_assert_cmpstr (((SockSavedSecret *) secrets->pdata[0])->description, ==, "Cryptosign private key");
  saved = sock_saved_connection_new ("Cryptosign", options);
  g_assert_true (store (saved, &error));
  g_assert_no_error (error);

  back = through_file (saved);
  path = g_build_filename (keyring.dir, "config", "connections.json", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "9d61b19d"));
  g_assert_nonnull (strstr (text, "cryptouser"));
  missing = sock_saved_secrets_list_missing (sock_saved_connection_get_options (back));
  g_assert_cmpstrv (missing, ((const char *[]) { "auth", NULL }));
  filled = lookup (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_connect_options_get_secret (filled), ==, key_text);
  key = sock_connect_options_load_cryptosign_key (filled, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (key), ==,
                   "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  g_assert_true (sock_connect_options_validate (filled, &error));
  g_assert_no_error (error);

  /* with a key file: nothing to ask the keyring for */
  key_file = g_build_filename (keyring.dir, "cryptouser.key", NULL);
  g_assert_true (g_file_set_contents (key_file, key_text, -1, NULL));
  sock_connect_options_set_auth (options, SOCK_AUTH_CRYPTOSIGN, "cryptouser", NULL);
  sock_connect_options_set_private_key_file (options, key_file);
  none = sock_saved_secrets_list_missing (options);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (sock_connect_options_validate (options, &error));
  g_assert_no_error (error);

  g_assert_true (clear (sock_saved_connection_get_id (back), &error));
  test_keyring_stop (&keyring);
}

static void
test_keyring_no_service (void)
{
  g_autoptr(SockConnectOptions) options = options_with_secrets ();
  g_autoptr(SockSavedConnection) saved = sock_saved_connection_new ("Secure router", options);
  g_autoptr(SockConnectOptions) filled = NULL;
  g_autoptr(GError) error = NULL;

  test_keyring_start (&keyring, FALSE);
  g_assert_false (store (saved, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "secrets will not be saved"));
  g_assert_null (strstr (error->message, TICKET));
  g_clear_error (&error);

  sock_saved_secrets_strip (options);
  sock_saved_connection_set_options (saved, options);
  filled = lookup (saved, &error);
  g_assert_null (filled);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "asks for them when connecting"));
  test_keyring_stop (&keyring);
}

/* Each case in a process of its own: the session bus a process uses is fixed at its first use. */
static void
run_in_child (gconstpointer data)
{
  void (*test) (void) = data;

  if (g_test_subprocess ())
    {
      test ();
      return;
    }
  g_test_trap_subprocess (NULL, 100 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!test_keyring_available ())
    {
      g_print ("1..0 # SKIP gnome-keyring-daemon or dbus-daemon is not installed (build-aux/install-deps test)\n");
      return 0;
    }
  g_test_add_data_func ("/sockscope/keyring/round-trip", test_keyring_round_trip, run_in_child);
  g_test_add_data_func ("/sockscope/keyring/no-service", test_keyring_no_service, run_in_child);
  g_test_add_data_func ("/sockscope/keyring/cryptosign", test_keyring_cryptosign, run_in_child);

  return g_test_run ();
}
