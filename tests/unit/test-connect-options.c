/* test-connect-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SockConnectOptions: every field survives its JSON form, secrets never reach it, invalid values
 * are refused with words that say what to fix, damaged or newer JSON is refused, and a connection
 * made from the options carries them.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "connect-options-test-util.h"
#include "sock-connect-options.h"
#include "sock-connection.h"
#include "sock-error.h"

#define SECRET "s3cr3t-do-not-store"
#define BEARER "Bearer tok-do-not-store"

static SockConnectOptions *
round_trip (SockConnectOptions *options,
            char              **out_text)
{
  g_autofree char *text = sock_connect_options_to_string (options);
  g_autoptr(GError) error = NULL;
  SockConnectOptions *back = sock_connect_options_new_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (back);
  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  return back;
}

/* Every field set away from its default comes back the same. */
static void
test_connect_options_round_trip (void)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("wss://example.com:8443/ws?x=1", NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);
  g_autoptr(SockConnectOptions) back = NULL;
  g_autoptr(GError) error = NULL;
  SockProfile *back_profile;
  const char * const *headers;

  set_every_setting (options);
  sock_connect_options_set_auth (options, SOCK_AUTH_WAMPCRA, "crauser", SECRET);
  g_assert_true (sock_profile_add_header (profile, "X-Tenant", "acme", &error));
  g_assert_false (sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT));
  g_assert_no_error (error);

  back = round_trip (options, NULL);
  back_profile = sock_connect_options_get_profile (back);
  assert_every_setting (back);
  g_assert_cmpstr (sock_connect_options_get_url (back), ==, "wss://example.com:8443/ws?x=1");
  g_assert_cmpstr (sock_profile_get_protocols (back_profile)[0], ==, "wamp.2.json");
  g_assert_null (sock_profile_get_protocols (back_profile)[1]);
  g_assert_cmpint (sock_connect_options_get_auth_method (back), ==, SOCK_AUTH_WAMPCRA);
  g_assert_cmpstr (sock_connect_options_get_authid (back), ==, "crauser");
  headers = sock_profile_get_headers (back_profile);
  g_assert_cmpstr (headers[0], ==, "X-Tenant");
  g_assert_cmpstr (headers[1], ==, "acme");
  g_assert_null (headers[2]);
}

/* Each protocol choice, a custom list, and each certificate check. */
static void
test_connect_options_protocols_and_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sock-options-XXXXXX", NULL);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  static const char * const custom[] = { "mqtt", "wamp.2.json", NULL };
  g_autoptr(GError) error = NULL;

  for (SockProtocolChoice choice = SOCK_PROTOCOL_CHOICE_AUTO; choice <= SOCK_PROTOCOL_CHOICE_WAMP2_CBOR; choice++)
    {
      g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://h/ws", NULL);
      g_autoptr(SockConnectOptions) back = NULL;

      if (choice == SOCK_PROTOCOL_CHOICE_CUSTOM)
        continue;
      sock_connect_options_set_protocol (options, choice);
      back = round_trip (options, NULL);
      g_assert_cmpint (sock_connect_options_get_protocol (back), ==, choice);
      g_assert_cmpuint (g_strv_length ((char **) sock_profile_get_protocols (sock_connect_options_get_profile (back))),
                        ==, choice == SOCK_PROTOCOL_CHOICE_AUTO ? 4 : choice == SOCK_PROTOCOL_CHOICE_RAW ? 0 : 1);
    }

  {
    g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://h/ws", NULL);
    g_autoptr(SockConnectOptions) back = NULL;
    const char * const *offered;

    g_assert_true (sock_connect_options_set_subprotocols (options, custom, &error));
    g_assert_no_error (error);
    back = round_trip (options, NULL);
    offered = sock_profile_get_protocols (sock_connect_options_get_profile (back));
    g_assert_cmpint (sock_connect_options_get_protocol (back), ==, SOCK_PROTOCOL_CHOICE_CUSTOM);
    g_assert_cmpstr (offered[0], ==, "mqtt");
    g_assert_cmpstr (offered[1], ==, "wamp.2.json");
    g_assert_null (offered[2]);
    g_assert_true (sock_connect_options_may_speak_wamp2 (back));
  }

  g_assert_true (g_file_set_contents (ca, test_cert_pem, -1, NULL));
  for (SockTlsPolicy policy = SOCK_TLS_VERIFY; policy <= SOCK_TLS_INSECURE; policy++)
    {
      g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("wss://h/ws", NULL);
      SockProfile *profile = sock_connect_options_get_profile (options);
      g_autoptr(SockConnectOptions) back = NULL;

      if (policy == SOCK_TLS_CA_FILE)
        g_assert_true (sock_profile_set_ca_file (profile, ca, &error));
      else if (policy == SOCK_TLS_PIN)
        g_assert_true (sock_profile_set_pin (profile, TEST_CERT_SHA256, &error));
      else
        sock_profile_set_tls_policy (profile, policy);
      g_assert_no_error (error);
      back = round_trip (options, NULL);
      g_assert_cmpint (sock_profile_get_tls_policy (sock_connect_options_get_profile (back)), ==, policy);
      if (policy == SOCK_TLS_CA_FILE)
        g_assert_cmpstr (sock_profile_get_ca_file (sock_connect_options_get_profile (back)), ==, ca);
      g_assert_true (sock_connect_options_validate (back, &error));
      g_assert_no_error (error);
    }

  /* A CA file that has gone since it was stored: the form loads, and validation says what to fix. */
  {
    g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("wss://h/ws", NULL);
    g_autoptr(SockConnectOptions) back = NULL;

    g_assert_true (sock_profile_set_ca_file (sock_connect_options_get_profile (options), ca, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_remove (ca), ==, 0);
    back = round_trip (options, NULL);
    g_assert_false (sock_connect_options_validate (back, &error));
    g_assert_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE);
    g_assert_nonnull (strstr (error->message, ca));
  }
  g_rmdir (dir);
}

/* The ticket, the WAMP-CRA secret and credential header values never reach the JSON; they come
 * back empty, and validation asks for them. */
static void
test_connect_options_no_secrets (void)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://h/ws", NULL);
  g_autoptr(SockConnectOptions) back = NULL;
  g_autoptr(SockConnectOptions) copy = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", SECRET);
  g_assert_true (sock_profile_add_header (sock_connect_options_get_profile (options), "Authorization", BEARER,
                                          &error));
  g_assert_true (sock_connect_options_validate (options, &error));
  g_assert_no_error (error);

  /* a copy keeps the secret: it is what a connection is made from */
  copy = sock_connect_options_copy (options);
  g_assert_cmpstr (sock_connect_options_get_secret (copy), ==, SECRET);

  back = round_trip (options, &text);
  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (text, "tok-do-not-store"));
  g_assert_nonnull (strstr (text, "\"authid\":\"ticketuser\""));
  g_assert_nonnull (strstr (text, "\"name\":\"Authorization\""));
  g_assert_null (sock_connect_options_get_secret (back));
  g_assert_cmpint (sock_connect_options_get_auth_method (back), ==, SOCK_AUTH_TICKET);

  g_assert_false (sock_connect_options_validate (back, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH);
  g_assert_cmpstr (error->message, ==, "Enter the ticket for “ticketuser”");
  g_clear_error (&error);

  sock_connect_options_set_auth (back, SOCK_AUTH_TICKET, "ticketuser", "again");
  g_assert_false (sock_connect_options_validate (back, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_assert_cmpstr (error->message, ==, "The Authorization header has no value: enter it");
  g_clear_error (&error);

  /* a ticket in the query (OroCRM's ?ticket=) keeps its name and loses its value */
  g_clear_object (&options);
  g_clear_object (&back);
  g_clear_pointer (&text, g_free);
  options = sock_connect_options_new_for_url ("ws://h/ws?ticket=" "tk-do-not-store" "&room=7", &error);
  g_assert_no_error (error);
  back = round_trip (options, &text);
  g_assert_null (strstr (text, "tk-do-not-store"));
  g_assert_cmpstr (sock_connect_options_get_url (back), ==, "ws://h/ws?ticket=&room=7");
  /* the copy a connection is made from keeps it */
  g_clear_object (&copy);
  copy = sock_connect_options_copy (options);
  g_assert_nonnull (strstr (sock_connect_options_get_url (copy), "tk-do-not-store"));

  /* a password in the URL's userinfo is refused outright, so no stored form can carry one */
  g_clear_object (&options);
  options = sock_connect_options_new_for_url ("wss://admin:" "pw-do-not-store" "@example.com:8443/ws", &error);
  g_assert_null (options);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "pw-do-not-store"));
}

typedef struct
{
  const char *what;
  void      (*apply) (SockConnectOptions *options);
  int         code;
  const char *message;
} InvalidCase;

static void bad_realm (SockConnectOptions *o) { sock_connect_options_set_realm (o, "my realm"); }
static void bad_realm_dots (SockConnectOptions *o) { sock_connect_options_set_realm (o, "com..app"); }
static void ticket_no_authid (SockConnectOptions *o) { sock_connect_options_set_auth (o, SOCK_AUTH_TICKET, NULL, "t"); }
static void cra_no_authid (SockConnectOptions *o) { sock_connect_options_set_auth (o, SOCK_AUTH_WAMPCRA, "", "s"); }
static void cra_no_secret (SockConnectOptions *o) { sock_connect_options_set_auth (o, SOCK_AUTH_WAMPCRA, "u", NULL); }
static void bad_topic (SockConnectOptions *o) { sock_connect_options_add_subscription (o, "a topic", SOCK_MATCH_EXACT); }
static void small_limit (SockConnectOptions *o) { sock_profile_set_max_message_size (sock_connect_options_get_profile (o), 10); }
static void pin_unset (SockConnectOptions *o) { sock_profile_set_tls_policy (sock_connect_options_get_profile (o), SOCK_TLS_PIN); }
static void empty_cookie (SockConnectOptions *o) { sock_profile_add_header (sock_connect_options_get_profile (o), "Cookie", "", NULL); }

static const InvalidCase invalid_cases[] = {
  { "realm", bad_realm, SOCK_ERROR_INVALID_REALM,
    "“my realm” is not a valid realm: a realm is a WAMP URI such as realm1 or com.example.app "
    "(no spaces, no “#”, no empty parts between dots)" },
  { "realm-dots", bad_realm_dots, SOCK_ERROR_INVALID_REALM, NULL },
  { "ticket-authid", ticket_no_authid, SOCK_ERROR_INVALID_AUTH,
    "Ticket authentication needs an Auth ID: enter the authid to authenticate as" },
  { "cra-authid", cra_no_authid, SOCK_ERROR_INVALID_AUTH,
    "WAMP-CRA authentication needs an Auth ID: enter the authid to authenticate as" },
  { "cra-secret", cra_no_secret, SOCK_ERROR_INVALID_AUTH,
    "Enter the WAMP-CRA secret for “u”" },
  { "topic", bad_topic, SOCK_ERROR_INVALID_VALUE,
    "“a topic” is not a topic to subscribe to: a topic is a URI without spaces, such as com.example.news" },
  { "limit", small_limit, SOCK_ERROR_INVALID_VALUE,
    "The largest message size must be at least 1 KiB (it is 10 bytes)" },
  { "pin", pin_unset, SOCK_ERROR_INVALID_PIN, "Certificate pinning is on but no fingerprint is set" },
  { "cookie", empty_cookie, SOCK_ERROR_INVALID_HEADER,
    "The Cookie header has no value: enter it" },
};

static void
test_connect_options_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://127.0.0.1:1/ws", NULL);
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_connect_options_validate (options, NULL));
  c->apply (options);
  g_assert_false (sock_connect_options_validate (options, &error));
  g_assert_error (error, SOCK_ERROR, c->code);
  if (c->message != NULL)
    g_assert_cmpstr (error->message, ==, c->message);
  g_clear_error (&error);

  /* and nothing is made from them */
  connection = sock_connection_new_for_options (options, &error);
  g_assert_null (connection);
  g_assert_error (error, SOCK_ERROR, c->code);
}

/* A realm only matters where WAMP v2 may be spoken; a bad URL never makes options at all. */
static void
test_connect_options_scope (void)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://h/ws", NULL);
  g_autoptr(GError) error = NULL;

  sock_connect_options_set_realm (options, "not a realm");
  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_WAMP1);
  g_assert_true (sock_connect_options_validate (options, &error));
  g_assert_no_error (error);
  sock_connect_options_set_protocol (options, SOCK_PROTOCOL_CHOICE_AUTO);
  g_assert_false (sock_connect_options_validate (options, NULL));

  g_assert_null (sock_connect_options_new_for_url ("htp://x", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
  g_clear_error (&error);

  /* nothing filled in: there is no URL */
  g_clear_object (&options);
  options = sock_connect_options_new ();
  g_assert_false (sock_connect_options_validate (options, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
}

typedef struct
{
  const char *json;
  int         code;
  const char *message_part;
} DamagedCase;

static const DamagedCase damaged_cases[] = {
  { "", SOCK_ERROR_INVALID_JSON, "damaged" },
  { "{\"version\":1,\"url\":\"ws://h/ws\"", SOCK_ERROR_INVALID_JSON, "damaged" },
  { "[1,2]", SOCK_ERROR_INVALID_JSON, "not a JSON object" },
  { "{\"url\":\"ws://h/ws\"}", SOCK_ERROR_INVALID_JSON, "no valid “version”" },
  { "{\"version\":\"1\",\"url\":\"ws://h/ws\"}", SOCK_ERROR_INVALID_JSON, "“version” has the wrong type" },
  { "{\"version\":1}", SOCK_ERROR_INVALID_JSON, "no “url”" },
  { "{\"version\":1,\"url\":\"http://h/ws\"}", SOCK_ERROR_INVALID_JSON, "HTTP URL" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"protocol\":\"wamp3\"}", SOCK_ERROR_INVALID_JSON, "unknown protocol “wamp3”" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"realm\":7}", SOCK_ERROR_INVALID_JSON, "“realm” has the wrong type" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"auth\":{\"method\":\"kerberos\"}}", SOCK_ERROR_INVALID_JSON,
    "unknown authentication method" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"headers\":[{\"name\":\"Bad Name\",\"value\":\"x\"}]}",
    SOCK_ERROR_INVALID_JSON, "not a valid header name" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"headers\":[{\"name\":\"X\",\"value\":\"a\\r\\nB: c\"}]}",
    SOCK_ERROR_INVALID_JSON, "line break" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"tls\":{\"policy\":\"pin\",\"pin\":\"zz\"}}", SOCK_ERROR_INVALID_JSON,
    "not a SHA-256 fingerprint" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"limits\":{\"connect_timeout\":-5}}", SOCK_ERROR_INVALID_JSON,
    "out of range" },
  { "{\"version\":1,\"url\":\"ws://h/ws\",\"subscriptions\":[{\"topic\":\"a\",\"match\":\"fuzzy\"}]}",
    SOCK_ERROR_INVALID_JSON, "unknown match “fuzzy”" },
  { "{\"version\":2,\"url\":\"ws://h/ws\",\"protocol\":\"wamp.2.cbor\"}", SOCK_ERROR_NEWER_VERSION,
    "written by a newer Sockscope (format version 2, this one reads up to 1)" },
};

static void
test_connect_options_damaged (gconstpointer data)
{
  const DamagedCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_from_string (c->json, &error);

  g_assert_null (options);
  g_assert_error (error, SOCK_ERROR, c->code);
  if (strstr (error->message, c->message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, c->message_part);
}

/* 80,000 nested brackets in 160 KB: refused as damaged, not a stack overflow in json-glib. */
static void
test_connect_options_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"version\":1,\"url\":\"ws://h/ws\",\"realm\":");
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  options = sock_connect_options_new_from_string (text->str, &error);
  g_assert_null (options);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* Members this version does not know are skipped; absent ones take the defaults. */
static void
test_connect_options_lenient (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SockConnectOptions) options =
    sock_connect_options_new_from_string ("{\"version\":1,\"url\":\"ws://h/ws\",\"name\":\"later\",\"extra\":[1]}",
                                          &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_AUTO);
  g_assert_null (sock_connect_options_get_realm (options));
  g_assert_true (sock_connect_options_get_reconnect (options));
  g_assert_cmpuint (sock_profile_get_connect_timeout (sock_connect_options_get_profile (options)), ==,
                    SOCK_PROFILE_DEFAULT_CONNECT_TIMEOUT);
  text = sock_connect_options_to_string (options);
  g_assert_true (g_str_has_prefix (text, "{\"version\":1,\"url\":\"ws://h/ws\""));
}

/* A connection made from options uses their realm and reconnect choice, and keeps a copy. */
static void
test_connect_options_connection (void)
{
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://127.0.0.1:1/ws", NULL);
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  sock_connect_options_set_realm (options, "demo");
  sock_connect_options_set_reconnect (options, FALSE);
  sock_connect_options_add_subscription (options, "demo.tick", SOCK_MATCH_EXACT);
  connection = sock_connection_new_for_options (options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_connection_get_realm (connection), ==, "demo");
  g_assert_false (sock_connection_get_reconnect (connection));
  g_assert_true (sock_connection_get_options (connection) != options);
  g_assert_cmpuint (sock_connect_options_get_n_subscriptions (sock_connection_get_options (connection)), ==, 1);

  g_clear_object (&connection);
  sock_connect_options_set_realm (options, NULL);
  sock_connect_options_set_reconnect (options, TRUE);
  connection = sock_connection_new_for_options (options, &error);
  g_assert_cmpstr (sock_connection_get_realm (connection), ==, "realm1");
  g_assert_true (sock_connection_get_reconnect (connection));
}

static void
test_connect_options_names (void)
{
  SockProtocolChoice choice;
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_protocol_choice_from_string ("WAMP", &choice, NULL));
  g_assert_cmpint (choice, ==, SOCK_PROTOCOL_CHOICE_WAMP1);
  g_assert_true (sock_protocol_choice_from_string ("wamp.2.json", &choice, NULL));
  g_assert_cmpint (choice, ==, SOCK_PROTOCOL_CHOICE_WAMP2);
  g_assert_false (sock_protocol_choice_from_string ("custom", &choice, &error));
  g_clear_error (&error);
  g_assert_false (sock_protocol_choice_from_string ("wamp3", &choice, &error));
  g_assert_cmpstr (error->message, ==, "Unknown protocol “wamp3”: use auto, wamp.2.json, wamp.2.msgpack, wamp.2.cbor, wamp or raw");
  g_assert_true (sock_header_is_credential ("authorization"));
  g_assert_false (sock_header_is_credential ("X-Tenant"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/connect-options/round-trip", test_connect_options_round_trip);
  g_test_add_func ("/sockscope/connect-options/protocols-and-tls", test_connect_options_protocols_and_tls);
  g_test_add_func ("/sockscope/connect-options/no-secrets", test_connect_options_no_secrets);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/connect-options/invalid/%s", invalid_cases[i].what);

      g_test_add_data_func (path, &invalid_cases[i], test_connect_options_invalid);
    }
  g_test_add_func ("/sockscope/connect-options/scope", test_connect_options_scope);
  for (guint i = 0; i < G_N_ELEMENTS (damaged_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/connect-options/damaged/%u", i);

      g_test_add_data_func (path, &damaged_cases[i], test_connect_options_damaged);
    }
  g_test_add_func ("/sockscope/connect-options/lenient", test_connect_options_lenient);
  g_test_add_func ("/sockscope/connect-options/deep-nesting", test_connect_options_deep_nesting);
  g_test_add_func ("/sockscope/connect-options/connection", test_connect_options_connection);
  g_test_add_func ("/sockscope/connect-options/names", test_connect_options_names);

  return g_test_run ();
}
