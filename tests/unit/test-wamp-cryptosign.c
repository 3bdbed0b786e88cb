/* test-wamp-cryptosign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP-Cryptosign against published vectors: RFC 8032's Ed25519 tests, and
 * Autobahn|Python's cryptosign tests (autobahn/wamp/test/test_wamp_cryptosign.py:
 * its OpenSSH key, public key and challenge signatures, made with a
 * tls-unique channel id of SHA-256("some TLS message")).
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-cryptosign-private.h"

static guint8 *
unhex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *out = g_malloc (len + 1);

  g_assert_true (_sock_wamp_cryptosign_unhex (hex, 2 * len, out));
  return out;
}

static char *
hex (const guint8 *data,
     gsize         len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static const struct
{
  const char *secret, *public_key, *message, *signature;
} rfc8032[] = {
  { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
  { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
  { "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
    "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
};

static void
test_wamp_cryptosign_rfc8032 (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc8032); i++)
    {
      g_autofree guint8 *seed = unhex (rfc8032[i].secret);
      g_autofree guint8 *message = unhex (rfc8032[i].message);
      g_autoptr(SockWampCryptosignKey) key = sock_wamp_cryptosign_key_new_from_seed (seed, NULL);
      g_autofree char *signature_hex = NULL;
      guint8 signature[64];

      g_assert_nonnull (key);
      g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (key), ==, rfc8032[i].public_key);
      g_assert_true (_sock_wamp_cryptosign_key_sign (key, message, strlen (rfc8032[i].message) / 2, signature, NULL));
      signature_hex = hex (signature, 64);
      g_assert_cmpstr (signature_hex, ==, rfc8032[i].signature);
    }
}

/* Autobahn|Python's test key and vectors. */
static const char autobahn_openssh[] =
  "-----BEGIN OPENSSH PRIVATE KEY-----\n"
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
  "QyNTUxOQAAACAa38i/4dNWFuZN/72QAJbyOwZvkUyML/u2b2B1uW4RbQAAAJj4FLyB+BS8\n"
  "gQAAAAtzc2gtZWQyNTUxOQAAACAa38i/4dNWFuZN/72QAJbyOwZvkUyML/u2b2B1uW4RbQ\n"
  "AAAEBNV9l6aPVVaWYgpthJwM5YJWhRjXKet1PcfHMt4oBFEBrfyL/h01YW5k3/vZAAlvI7\n"
  "Bm+RTIwv+7ZvYHW5bhFtAAAAFXNvbWV1c2VyQGZ1bmt0aGF0LmNvbQ==\n"
  "-----END OPENSSH PRIVATE KEY-----\n";

static const struct
{
  const char *seed, *challenge, *signature;
} autobahn[] = {
  { "4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "9b6f41540c9b95b4b7b281c3042fa9c54cef43c842d62ea3fd6030fcb66e70b3e80d49d44c29d1635da9348d02ec93f3ed1ef227dfb59a07b580095c2b82f80f9d16ca518aa0c2b707f2b2a609edeca73bca8dd59817a633f35574ac6fd80d00" },
  { "d511fe78e23934b3dadb52fcd022974b80bd92bccc7c5cf404e46cc0a8a2f5cd",
    "b26c1f87c13fc1da14997f1b5a71995dff8fbe0a62fae8473c7bdbd05bfb607d",
    "305aaa3ac25e98f651427688b3fc43fe7d8a68a7ec1d7d61c61517c519bd4a427c3015599d83ca28b4c652333920223844ef0725eb5dc2febfd6af7677b73f01d0852a29b460fc92ec943242ac638a053bbacc200512b18b30d15083cbdc9282" },
  { "6e1fde9cf9e2359a87420b65a87dc0c66136e66945196ba2475990d8a0c3a25b",
    "b05e6b8ad4d69abf74aa3be3c0ee40ae07d66e1895b9ab09285a2f1192d562d2",
    "ee3c7644fd8070532bc1fde3d70d742267da545d8c8f03e63bda63f1ad4214f4d2c4bfdb4eb9526def42deeb7e31602a6ff99eba893e0a4ad4d45892ca75e608d2b75e24a189a7f78ca776ba36fc53f6c3e31c32f251f2c524f0a44202f2902d" },
};

static guint8 *
tls_unique (void)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 *digest = g_malloc (32);
  gsize len = 32;

  g_checksum_update (checksum, (const guchar *) "some TLS message", -1);
  g_checksum_get_digest (checksum, digest, &len);
  return digest;
}

static void
test_wamp_cryptosign_autobahn_vectors (void)
{
  g_autofree guint8 *channel = tls_unique ();

  for (guint i = 0; i < G_N_ELEMENTS (autobahn); i++)
    {
      g_autofree guint8 *seed = unhex (autobahn[i].seed);
      g_autoptr(SockWampCryptosignKey) key = sock_wamp_cryptosign_key_new_from_seed (seed, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *signature = sock_wamp_cryptosign_key_sign_challenge (key, autobahn[i].challenge, channel, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (signature, ==, autobahn[i].signature);
      /* And a router checks it. */
      g_assert_true (sock_wamp_cryptosign_verify (sock_wamp_cryptosign_key_get_public_key (key), autobahn[i].challenge,
                                                  signature, channel, &error));
      g_assert_no_error (error);
    }
}

static SockWampCryptosignKey *
load (const char  *text,
      gssize       len,
      GError     **error)
{
  return sock_wamp_cryptosign_key_new_from_data (text, len < 0 ? strlen (text) : (gsize) len, error);
}

static void
test_wamp_cryptosign_key_files (void)
{
  g_autoptr(SockWampCryptosignKey) ssh = load (autobahn_openssh, -1, NULL);
  g_autoptr(SockWampCryptosignKey) bare = load ("# the client's key\n"
                                                "  4d57d97a68f555696620a6d849c0ce58\n"
                                                "  2568518d729eb753dc7c732de2804510  # second half\n", -1, NULL);
  g_autoptr(SockWampCryptosignKey) tagged = load ("Crossbar.io node key - KEEP THIS SECRET!\n"
                                                  "A comment: paragraph.\n\n"
                                                  "creator: joe@host\n"
                                                  "public-key-ed25519: 1adfc8bfe1d35616e64dffbd900096f23b066f914c8c2ffbb66f6075b96e116d\n"
                                                  "private-key-ed25519: 4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510\n",
                                                  -1, NULL);
  g_autofree guint8 *raw_seed = unhex ("4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510");
  g_autoptr(SockWampCryptosignKey) raw = load ((const char *) raw_seed, 32, NULL);
  g_autofree char *path = NULL;
  g_autoptr(SockWampCryptosignKey) from_file = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_nonnull (ssh);
  g_assert_nonnull (bare);
  g_assert_nonnull (tagged);
  g_assert_nonnull (raw);
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (ssh), ==,
                   "1adfc8bfe1d35616e64dffbd900096f23b066f914c8c2ffbb66f6075b96e116d");
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (bare), ==, sock_wamp_cryptosign_key_get_public_key (ssh));
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (tagged), ==, sock_wamp_cryptosign_key_get_public_key (ssh));
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (raw), ==, sock_wamp_cryptosign_key_get_public_key (ssh));

  fd = g_file_open_tmp ("sockscope-key-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, autobahn_openssh, -1, NULL));
  from_file = sock_wamp_cryptosign_key_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_wamp_cryptosign_key_get_public_key (from_file), ==, sock_wamp_cryptosign_key_get_public_key (ssh));
  g_unlink (path);
  g_assert_null (sock_wamp_cryptosign_key_new_from_file (path, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read the key file: "));
}

/* ssh-keygen -t ed25519 -N secret; ssh-keygen -t ecdsa -b 256 -N '' (test keys made for this test) */
static const char encrypted_openssh[] =
  "-----BEGIN OPENSSH PRIVATE KEY-----\n"
  "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAiAe4Z9u\n"
  "qZlEn/14nGBOlrAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIEj+j1O3IVkU9lu+\n"
  "YNJQ1liUwqwlK9SC0itKcYL6Zpz8AAAAoGZ4P363tKQqS6lMvw6DaQLOK5Okk0J3UmMGR0\n"
  "Z6hsnfk3cD7stNQx42iwzl315HtfhT4Qc0OohUsH9cL1WZTfYvojFIJpbiM//7kdAcbBuC\n"
  "dcMHfyS+XAcRHziKiuAUDn25K+qNpcqhNrZDe01vPiXDo0iRL24Obi4pokJeYPdhfiqVJd\n"
  "Grf3OllpHFHRjSYXEvLXom7IX+o6ozd4Vb4mk=\n"
  "-----END OPENSSH PRIVATE KEY-----\n";
static const char ecdsa_openssh[] =
  "-----BEGIN OPENSSH PRIVATE KEY-----\n"
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS\n"
  "1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQRUqM95cYlMKZZ1GxwVBzJWOB5TTR7I\n"
  "HyAIGs9xJI7pKgY1zNXiOk18TTIT9sgzHqvW/201iFLmq+NL6In3mjzAAAAAoImx8J+Jsf\n"
  "CfAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFSoz3lxiUwplnUb\n"
  "HBUHMlY4HlNNHsgfIAgaz3EkjukqBjXM1eI6TXxNMhP2yDMeq9b/bTWIUuar40voifeaPM\n"
  "AAAAAgR6iGnIs4EnTJQir4ggrCSDEoR/sGK/eq1I6KeN48IFgAAAACZWMBAgMEBQY=\n"
  "-----END OPENSSH PRIVATE KEY-----\n";

static void
assert_refused (const char *text,
                gssize      len,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SockWampCryptosignKey) key = load (text, len, &error);

  g_assert_null (key);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  if (strstr (error->message, words) == NULL)
    g_error ("\"%s\" does not say \"%s\"", error->message, words);
}

static void
test_wamp_cryptosign_refusals (void)
{
  g_autofree char *cut = g_strndup (autobahn_openssh, 200);
  g_autofree char *truncated = g_strconcat (cut, "\n-----END OPENSSH PRIVATE KEY-----\n", NULL);

  assert_refused (encrypted_openssh, -1, "protected by a passphrase");
  assert_refused (ecdsa_openssh, -1, "not an ed25519 key");
  assert_refused (cut, -1, "no END line");
  assert_refused (truncated, -1, "cut short");
  assert_refused ("4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de28045", -1, "holds 62 hex digits");
  assert_refused ("4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510aa", -1, "more than 64 hex digits");
  assert_refused ("# key\n\nhello", -1, "Line 3 of the key file holds something other than hex digits");
  assert_refused ("", 0, "The key file is empty");
  assert_refused ("# just a comment\n", -1, "holds 0 hex digits");
  assert_refused ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3\n-----END OPENSSH PRIVATE KEY-----\n", -1, "cut short");
  assert_refused ("public-key-ed25519: 1adfc8bfe1d35616e64dffbd900096f23b066f914c8c2ffbb66f6075b96e116d\n", -1,
                  "holds only a public key");
  assert_refused ("private-key-ed25519: 4d57d97a\n", -1, "“private-key-ed25519” is not 64 hex digits");
  assert_refused ("public-key-ed25519: d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n"
                  "private-key-ed25519: 4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510\n", -1,
                  "does not belong to its private key");
  assert_refused ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJVp3hjHwIQyEladzd8mFcf0YSXcmyKS3qMLB7VqTQKm u@h\n", -1,
                  "OpenSSH public key");
  assert_refused ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n", -1,
                  "not an OpenSSH private key");
  assert_refused ("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----\n", -1, "not base64");
}

/* A router tells a signature made with another key, or for another challenge. */
static void
test_wamp_cryptosign_wrong_key (void)
{
  g_autofree guint8 *seed = unhex (autobahn[0].seed);
  g_autofree guint8 *other_seed = unhex (autobahn[1].seed);
  g_autoptr(SockWampCryptosignKey) key = sock_wamp_cryptosign_key_new_from_seed (seed, NULL);
  g_autoptr(SockWampCryptosignKey) other = sock_wamp_cryptosign_key_new_from_seed (other_seed, NULL);
  g_autofree char *signature = sock_wamp_cryptosign_key_sign_challenge (other, autobahn[0].challenge, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sock_wamp_cryptosign_verify (sock_wamp_cryptosign_key_get_public_key (key), autobahn[0].challenge,
                                               signature, NULL, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  g_assert_true (strstr (error->message, "a different key file?") != NULL);
  g_clear_error (&error);
  g_assert_false (sock_wamp_cryptosign_verify (sock_wamp_cryptosign_key_get_public_key (other), autobahn[1].challenge,
                                               signature, NULL, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  /* The signature alone (128 hex digits) is accepted too. */
  signature[128] = '\0';
  g_assert_true (sock_wamp_cryptosign_verify (sock_wamp_cryptosign_key_get_public_key (other), autobahn[0].challenge,
                                              signature, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (sock_wamp_cryptosign_key_sign_challenge (key, "abcd", NULL, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "The router's cryptosign challenge is not 32 bytes in hex");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sockscope/wamp-cryptosign/rfc8032", test_wamp_cryptosign_rfc8032);
  g_test_add_func ("/sockscope/wamp-cryptosign/autobahn-vectors", test_wamp_cryptosign_autobahn_vectors);
  g_test_add_func ("/sockscope/wamp-cryptosign/key-files", test_wamp_cryptosign_key_files);
  g_test_add_func ("/sockscope/wamp-cryptosign/refusals", test_wamp_cryptosign_refusals);
  g_test_add_func ("/sockscope/wamp-cryptosign/wrong-key", test_wamp_cryptosign_wrong_key);
  return g_test_run ();
}
