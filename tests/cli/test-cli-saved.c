/* test-cli-saved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `sockscope-cli COMMAND --connection NAME` through the real binary, against a `serve-demo`
 * process: a connection saved to realm secure as crauser, whose WAMP-CRA secret only the keyring
 * holds (gnome-keyring-daemon in a private D-Bus session, tests/test-keyring-util.h), works for
 * probe, sub, pub, call and admin; an unknown name lists the saved ones; without a keyring the
 * run stops before anything is sent and says why. The secret never shows in the output. A
 * connection joining as cryptouser with a WAMP-Cryptosign key pasted (kept in the keyring, not
 * in the file) works the same.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cli-demo-util.h"
#include "sock-keyring.h"
#include "sock-saved-connections.h"
#include "test-keyring-util.h"
#include "test-wait.h"

#define NAME "Secure demo"
#define SECRET "cra-secret"
#define CRYPTO_NAME "Cryptosign demo"
/* the demo's cryptouser key (RFC 8032, 7.1, test 1), as a key file holds it */
#define CRYPTO_SEED "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"

static TestKeyring keyring;
static GSubprocess *server;
static char *ws_url;

static void
assert_secret_unseen (Run *run)
{
  g_assert_null (strstr (run->out, SECRET));
  g_assert_null (strstr (run->err, SECRET));
}

static void
test_cli_saved_commands (void)
{
  g_auto(Run) call = { 0 };
  g_auto(Run) sub = { 0 };
  g_auto(Run) saved_only = { 0 };
  g_auto(Run) no_topic = { 0 };
  g_auto(Run) pub = { 0 };
  g_auto(Run) probe = { 0 };
  g_auto(Run) admin = { 0 };
  g_auto(Run) other_realm = { 0 };

  run_cli (&call, (const char *[]) { "call", "--connection", NAME, "demo.add", "--args", "[2, 3]", NULL });
  g_assert_cmpstr (call.err, ==, "");
  g_assert_cmpint (call.status, ==, 0);
  g_assert_cmpstr (call.out, ==, "{\"args\":[5],\"kwargs\":{}}\n");
  assert_secret_unseen (&call);

  /* the saved subscription (demo.tick) and the one given both hold */
  run_cli (&sub, (const char *[]) { "sub", "--connection=secure DEMO", "demo.metrics.cpu", "--count", "3",
                                    "--timeout", "20", NULL });
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.out, "\"topic\":\"demo.tick\""));
  g_assert_nonnull (strstr (sub.out, "\"topic\":\"demo.metrics.cpu\""));
  assert_secret_unseen (&sub);

  /* no topic given: the saved subscriptions are the ones made */
  run_cli (&saved_only, (const char *[]) { "sub", "--connection", NAME, "--count", "2", "--timeout", "20", NULL });
  g_assert_cmpint (saved_only.status, ==, 0);
  g_assert_nonnull (strstr (saved_only.out, "\"topic\":\"demo.tick\""));
  g_assert_null (strstr (saved_only.out, "\"topic\":\"demo.metrics.cpu\""));
  /* a URL without a topic still is a usage error */
  run_cli (&no_topic, (const char *[]) { "sub", ws_url, "--count", "1", NULL });
  g_assert_cmpint (no_topic.status, ==, 2);
  g_assert_nonnull (strstr (no_topic.err, "usage: sockscope-cli URL TOPIC…"));

  run_cli (&pub, (const char *[]) { "pub", "--connection", NAME, "com.example.news", "--args", "[1]", "--ack", NULL });
  g_assert_cmpint (pub.status, ==, 0);

  run_cli (&probe, (const char *[]) { "probe", "--connection", NAME, NULL });
  g_assert_cmpint (probe.status, ==, 0);
  g_assert_nonnull (strstr (probe.out, ws_url));

  /* the router's meta API lists this very session, joined as crauser */
  run_cli (&admin, (const char *[]) { "admin", "--connection", NAME, "sessions", "--json", NULL });
  g_assert_cmpint (admin.status, ==, 0);
  g_assert_nonnull (strstr (admin.out, "\"authid\":\"crauser\""));
  assert_secret_unseen (&admin);

  /* an option given changes the saved setting: realm demo takes anyone */
  run_cli (&other_realm, (const char *[]) { "admin", "--connection", NAME, "sessions", "--json", "--realm", "demo",
                                            "--authid", "someone", "--secret", "x", NULL });
  g_assert_cmpint (other_realm.status, ==, 0);
}

static void
test_cli_saved_cryptosign (void)
{
  g_auto(Run) call = { 0 };
  g_auto(Run) admin = { 0 };

  run_cli (&call, (const char *[]) { "call", "--connection", CRYPTO_NAME, "demo.add", "--args", "[20, 22]", NULL });
  g_assert_cmpstr (call.err, ==, "");
  g_assert_cmpint (call.status, ==, 0);
  g_assert_cmpstr (call.out, ==, "{\"args\":[42],\"kwargs\":{}}\n");
  g_assert_null (strstr (call.out, CRYPTO_SEED));

  run_cli (&admin, (const char *[]) { "admin", "--connection", CRYPTO_NAME, "sessions", "--json", NULL });
  g_assert_cmpint (admin.status, ==, 0);
  g_assert_nonnull (strstr (admin.out, "\"authid\":\"cryptouser\""));
  g_assert_null (strstr (admin.out, CRYPTO_SEED));
  g_assert_null (strstr (admin.err, CRYPTO_SEED));
}

static void
test_cli_saved_unknown (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_name = { 0 };
  g_auto(Run) serve = { 0 };

  run_cli (&unknown, (const char *[]) { "call", "--connection", "Staging", "demo.add", NULL });
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "there is no saved connection “Staging”; the saved ones are: " NAME));
  g_assert_nonnull (strstr (unknown.err, CRYPTO_NAME));

  run_cli (&no_name, (const char *[]) { "probe", "--connection", NULL });
  g_assert_cmpint (no_name.status, ==, 2);
  g_assert_nonnull (strstr (no_name.err, "--connection needs the name of a saved connection"));

  run_cli (&serve, (const char *[]) { "serve-demo", "--connection", NAME, NULL });
  g_assert_cmpint (serve.status, ==, 2);
  g_assert_nonnull (strstr (serve.err, "serve-demo takes no --connection"));
}

/* No Secret Service on the bus: the secret cannot come, and the run says so before connecting. */
static void
test_cli_saved_no_keyring (void)
{
  g_auto(Run) call = { 0 };
  g_auto(Run) given = { 0 };
  g_autofree char *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autofree char *nowhere = g_build_filename (keyring.dir, "no-bus-here", NULL);
  g_autofree char *bogus = g_strconcat ("unix:path=", nowhere, NULL);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bogus, TRUE);
  run_cli (&call, (const char *[]) { "call", "--connection", NAME, "demo.add", "--args", "[1, 1]", NULL });
  g_assert_cmpint (call.status, ==, 2);
  g_assert_cmpstr (call.out, ==, "");
  g_assert_nonnull (strstr (call.err, "the saved connection “" NAME "” needs a secret from the keyring"));
  g_assert_nonnull (strstr (call.err, "--secret"));

  /* given on the command line, it is enough */
  run_cli (&given, (const char *[]) { "call", "--connection", NAME, "demo.add", "--args", "[1, 1]",
                                      "--secret", SECRET, NULL });
  g_assert_cmpint (given.status, ==, 0);
  g_assert_cmpstr (given.out, ==, "{\"args\":[2],\"kwargs\":{}}\n");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
}

static void
keyring_store (SockSavedConnection *saved)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sock_keyring_store_async (saved, NULL, store_result, &result);
  WAIT_FOR_WHAT (result != NULL, "the keyring to store the secret");
  g_assert_true (sock_keyring_store_finish (result, &error));
  g_assert_no_error (error);
}

/* The connections in the file, their secrets in the keyring only. */
static void
save_connection (void)
{
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (NULL);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url (ws_url, NULL);
  g_autoptr(SockConnectOptions) crypto = sock_connect_options_new_for_url (ws_url, NULL);
  g_autoptr(SockSavedConnection) saved = NULL;
  g_autoptr(SockSavedConnection) crypto_saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP2);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_WAMPCRA, "crauser", SECRET);
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  saved = sock_saved_connection_new (NAME, options);
  sock_saved_connections_insert (store, -1, saved);
  sock_connect_options_set_protocol (crypto, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR);
  sock_connect_options_set_realm (crypto, "secure");
  sock_connect_options_set_auth (crypto, SOCK_AUTH_CRYPTOSIGN, "cryptouser", "# cryptouser\n" CRYPTO_SEED "\n");
  crypto_saved = sock_saved_connection_new (CRYPTO_NAME, crypto);
  sock_saved_connections_insert (store, -1, crypto_saved);
  g_assert_true (sock_saved_connections_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sock_saved_connections_get_path (store), &text, NULL, NULL));
  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (text, CRYPTO_SEED));
  g_assert_nonnull (strstr (text, "cryptouser"));

  keyring_store (saved);
  keyring_store (crypto_saved);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  cli_test_init (&argc, &argv);
  if (!test_keyring_available ())
    {
      g_print ("1..0 # SKIP gnome-keyring-daemon or dbus-daemon is not installed (build-aux/install-deps test)\n");
      return 0;
    }
  test_keyring_start (&keyring, TRUE);
  server = start_demo (&ws_url);
  save_connection ();

  g_test_add_func ("/sockscope/cli-saved/commands", test_cli_saved_commands);
  g_test_add_func ("/sockscope/cli-saved/cryptosign", test_cli_saved_cryptosign);
  g_test_add_func ("/sockscope/cli-saved/unknown", test_cli_saved_unknown);
  g_test_add_func ("/sockscope/cli-saved/no-keyring", test_cli_saved_no_keyring);

  ret = g_test_run ();

  stop_demo (server);
  g_clear_object (&server);
  g_free (ws_url);
  test_keyring_stop (&keyring);
  return ret;
}
