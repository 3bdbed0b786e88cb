/* test-wamp2-cryptosign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP-Cryptosign against the demo router's realm `secure` (user "cryptouser", the RFC 8032 test
 * key): connect options that name a key file (64 hex digits or an OpenSSH key), the public key in
 * HELLO, the signed challenge, and what the user is told for a wrong key, a missing file or a
 * missing authid.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "session-test-util.h"
#include "sock-error.h"
#include "sock-connect-options.h"
#include "sock-demo-router.h"
#include "sock-wamp2-session.h"

/* Another key, which the router does not know for cryptouser (RFC 8032, 7.1, test 2). */
#define OTHER_SEED "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
#define OTHER_PUBLIC_KEY "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"

typedef struct
{
  SockDemoServer *server;
  char           *url;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = sock_demo_server_new ();
  f->url = demo_server_start_url (f->server, "/ws");
  f->dir = g_dir_make_tmp ("sock-cryptosign-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  sock_demo_server_stop (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
}

static char *
write_key (Fixture    *f,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static SockConnectOptions *
options_for (Fixture    *f,
             const char *authid,
             const char *key_file,
             SockProtocolChoice protocol)
{
  g_autoptr(GError) error = NULL;
  SockConnectOptions *options = sock_connect_options_new_for_url (f->url, &error);

  g_assert_no_error (error);
  sock_connect_options_set_protocol (options, protocol);
  sock_connect_options_set_realm (options, "secure");
  sock_connect_options_set_auth (options, SOCK_AUTH_CRYPTOSIGN, authid, NULL);
  sock_connect_options_set_private_key_file (options, key_file);
  return options;
}

/* The HELLO we sent, as JSON text. */
static char *
sent_hello (SockConnection *connection)
{
  SockMessageLog *log = sock_connection_get_log (connection);

  for (guint64 seq = sock_message_log_get_first_seq (log); seq < sock_message_log_get_end_seq (log); seq++)
    {
      SockLogEntry entry;
      const guint8 *raw;
      gsize len;

      if (sock_message_log_peek (log, seq, &entry, &raw, &len) && entry.direction == SOCK_LOG_DIRECTION_OUT &&
          entry.kind == SOCK_LOG_KIND_WAMP2 && entry.type == SOCK_WAMP_HELLO)
        {
          char *json = sock_log_entry_dup_json (&entry, raw, len, NULL);

          return json != NULL ? json : g_strndup ((const char *) raw, len);
        }
    }
  g_assert_not_reached ();
}

static void
test_cryptosign_join (Fixture       *f,
                      gconstpointer  data)
{
  /* the seed as Autobahn and Crossbar write it (OpenSSH keys: tests/unit/test-wamp-cryptosign.c) */
  static const SockProtocolChoice protocols[] = { SOCK_PROTOCOL_CHOICE_WAMP2, SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK,
                                                  SOCK_PROTOCOL_CHOICE_WAMP2_CBOR };
  g_autofree char *key_file = write_key (f, "cryptouser.key", "# cryptouser\n" SOCK_DEMO_CRYPTOSIGN_SEED "\n");

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      g_autoptr(SockConnectOptions) options = options_for (f, "cryptouser", key_file, protocols[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SockConnection) connection = sock_connection_new_for_options (options, &error);
      g_autofree char *hello = NULL;
      SockWamp2Session *session;

      g_assert_no_error (error);
      g_assert_true (connection_open (connection, &error));
      g_assert_no_error (error);
      session = SOCK_WAMP2_SESSION (sock_connection_get_session (connection));
      g_assert_cmpstr (sock_wamp2_session_get_authid (session), ==, "cryptouser");
      g_assert_cmpstr (sock_wamp2_session_get_authmethod (session), ==, "cryptosign");
      g_assert_cmpstr (sock_wamp2_session_get_authrole (session), ==, "user");

      hello = sent_hello (connection);
      g_assert_nonnull (strstr (hello, "\"authmethods\":[\"cryptosign\",\"anonymous\"]"));
      g_assert_nonnull (strstr (hello, "\"authextra\":{\"pubkey\":\"" SOCK_DEMO_CRYPTOSIGN_PUBLIC_KEY "\"}"));
      g_assert_nonnull (strstr (hello, "\"authid\":\"cryptouser\""));
      connection_close (connection);
    }
}

/* The options remember the file, and a saved connection reads it again. */
static void
test_cryptosign_options_round_trip (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *key_file = write_key (f, "k", SOCK_DEMO_CRYPTOSIGN_SEED);
  g_autoptr(SockConnectOptions) options = options_for (f, "cryptouser", key_file, SOCK_PROTOCOL_CHOICE_AUTO);
  g_autofree char *text = sock_connect_options_to_string (options);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) back = sock_connect_options_new_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"method\":\"cryptosign\""));
  g_assert_nonnull (strstr (text, "\"private_key_file\":"));
  /* the key never goes in */
  g_assert_null (strstr (text, SOCK_DEMO_CRYPTOSIGN_SEED));
  g_assert_cmpint (sock_connect_options_get_auth_method (back), ==, SOCK_AUTH_CRYPTOSIGN);
  g_assert_cmpstr (sock_connect_options_get_private_key_file (back), ==, key_file);
  g_assert_true (sock_connect_options_validate (back, &error));
  g_assert_no_error (error);

  /* the key file's text as the secret (the keyring's copy) wins over the file */
  sock_connect_options_set_private_key_file (back, NULL);
  sock_connect_options_set_auth (back, SOCK_AUTH_CRYPTOSIGN, "cryptouser", SOCK_DEMO_CRYPTOSIGN_SEED);
  g_assert_true (sock_connect_options_validate (back, &error));
  g_assert_no_error (error);
}

static void
test_cryptosign_wrong_key (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *key_file = write_key (f, "other.key", OTHER_SEED);
  g_autoptr(SockConnectOptions) options = options_for (f, "cryptouser", key_file, SOCK_PROTOCOL_CHOICE_WAMP2_CBOR);
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnection) connection = sock_connection_new_for_options (options, &error);

  g_assert_no_error (error);
  g_assert_false (connection_open (connection, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "wamp.error.not_authorized"));
  g_assert_nonnull (strstr (error->message, "refused the signature of public key " OTHER_PUBLIC_KEY
                                            " for authid “cryptouser”"));
  g_assert_nonnull (strstr (error->message, "wrong key file?"));
  g_assert_null (strstr (error->message, OTHER_SEED));
}

static void
test_cryptosign_refused_options (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.key", NULL);
  g_autofree char *broken = write_key (f, "broken.key", "not a key at all\n");
  g_autofree char *good = write_key (f, "good.key", SOCK_DEMO_CRYPTOSIGN_SEED);
  g_autoptr(SockConnectOptions) no_file = options_for (f, "cryptouser", NULL, SOCK_PROTOCOL_CHOICE_AUTO);
  g_autoptr(SockConnectOptions) gone = options_for (f, "cryptouser", missing, SOCK_PROTOCOL_CHOICE_AUTO);
  g_autoptr(SockConnectOptions) bad = options_for (f, "cryptouser", broken, SOCK_PROTOCOL_CHOICE_AUTO);
  g_autoptr(SockConnectOptions) no_authid = options_for (f, NULL, good, SOCK_PROTOCOL_CHOICE_AUTO);
  g_autoptr(GError) error = NULL;

  g_assert_false (sock_connect_options_validate (no_file, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH);
  g_assert_nonnull (strstr (error->message,
                            "needs a private key: choose the file with the Ed25519 key of “cryptouser”"));
  g_clear_error (&error);

  g_assert_false (sock_connect_options_validate (gone, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH);
  g_assert_nonnull (strstr (error->message, "missing.key"));
  g_clear_error (&error);

  g_assert_false (sock_connect_options_validate (bad, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH);
  g_assert_nonnull (strstr (error->message, "broken.key"));
  g_clear_error (&error);

  g_assert_false (sock_connect_options_validate (no_authid, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH);
  g_assert_nonnull (strstr (error->message, "Auth ID"));
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SOCKSCOPE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  cli = g_subprocess_newv ((const char * const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* the demo server runs in this process: keep its main context going while the CLI talks to it */
  {
    g_autoptr(GAsyncResult) result = NULL;

    g_subprocess_communicate_utf8_async (cli, NULL, NULL, store_result, &result);
    g_assert_true (g_subprocess_communicate_utf8_finish (cli, wait_result (&result), out, err, &error));
    g_assert_no_error (error);
  }
  return g_subprocess_get_exit_status (cli);
}

/* sockscope-cli --authmethod cryptosign --authid ID --private-key FILE */
static void
test_cryptosign_cli (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *good = write_key (f, "good.key", SOCK_DEMO_CRYPTOSIGN_SEED "\n");
  g_autofree char *other = write_key (f, "other.key", OTHER_SEED);
  g_autofree char *missing = g_build_filename (f->dir, "missing.key", NULL);
  const char *ok[] = { "call", f->url, "demo.add", "--args", "[2,3]", "--realm", "secure", "--authmethod",
                       "cryptosign", "--authid", "cryptouser", "--private-key", good, "--protocol", "wamp.2.cbor", NULL };
  const char *wrong[] = { "call", f->url, "demo.add", "--realm", "secure", "--authid", "cryptouser",
                          "--private-key", other, NULL };
  const char *gone[] = { "call", f->url, "demo.add", "--realm", "secure", "--authid", "cryptouser",
                         "--private-key", missing, NULL };
  char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (run_cli (ok, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "{\"args\":[5],\"kwargs\":{}}\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (wrong, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "refused the signature of public key " OTHER_PUBLIC_KEY));
  g_assert_null (strstr (err, OTHER_SEED));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* nothing is sent with a key that cannot be read: a usage error */
  g_assert_cmpint (run_cli (gone, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "missing.key"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name) \
  g_test_add ("/sockscope/cryptosign/" #name, Fixture, NULL, fixture_set_up, test_cryptosign_##name, \
              fixture_tear_down)
  ADD (join);
  ADD (options_round_trip);
  ADD (wrong_key);
  ADD (refused_options);
  ADD (cli);
  return g_test_run ();
}
