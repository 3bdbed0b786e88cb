/* test-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sock-error.h"
#include "sock-profile.h"

typedef struct
{
  const char *url;
  const char *message_part; /* NULL: the URL is valid */
} UrlCase;

static const UrlCase url_cases[] = {
  { "ws://localhost:8080/ws", NULL },
  { "wss://example.com/socket?ticket=a%2Bb", NULL },
  { "ws://[::1]:9000/", NULL },
  { "WS://LOCALHOST/ws", NULL },
  { "", "No URL given" },
  { "localhost:8080", "Unknown scheme" },
  { "example.com/ws", "start it with ws://" },
  { "http://example.com/ws", "HTTP URL" },
  { "https://example.com/ws", "wss://" },
  { "ftp://example.com/", "Unknown scheme “ftp:”" },
  { "mqtt://broker:1883", "use ws:// or wss://" },
  { "ws:///path", "has no host" },
  { "ws://exa mple.com/", "spaces" },
  { "ws://example.com/\r\nX-Injected: 1", "line breaks" },
  { "ws://example.com/ws#frag", "#fragment" },
  { "ws://example.com:99999/", "not a valid URL" },
};

static void
test_profile_url (gconstpointer data)
{
  const UrlCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (c->url, &error);

  if (c->message_part == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (profile);
      g_assert_cmpstr (sock_profile_get_url (profile), ==, c->url);
      g_assert_true (sock_profile_validate (profile, NULL));
    }
  else
    {
      g_assert_null (profile);
      g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL);
      if (strstr (error->message, c->message_part) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, c->message_part);
    }
}

static void
test_profile_defaults (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  const char * const *protocols = sock_profile_get_protocols (profile);

  g_assert_cmpstr (protocols[0], ==, "wamp.2.json");
  g_assert_cmpstr (protocols[1], ==, "wamp.2.msgpack");
  g_assert_cmpstr (protocols[2], ==, "wamp.2.cbor");
  g_assert_cmpstr (protocols[3], ==, "wamp");
  g_assert_null (protocols[4]);
  g_assert_cmpuint (sock_profile_get_max_message_size (profile), >=, 16 * 1024 * 1024);
  g_assert_cmpint (sock_profile_get_tls_policy (profile), ==, SOCK_TLS_VERIFY);
  g_assert_cmpuint (sock_profile_get_connect_timeout (profile), ==, 15);
  g_assert_true (sock_profile_get_deflate (profile));
  g_assert_null (sock_profile_get_origin (profile));
  g_assert_null (sock_profile_get_headers (profile)[0]);
}

static void
test_profile_headers (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  g_autoptr(GError) error = NULL;
  const char * const *headers;

  g_assert_true (sock_profile_add_header_line (profile, "Authorization: Bearer abc", &error));
  g_assert_no_error (error);
  g_assert_true (sock_profile_add_header (profile, "X-Trace", "  1 ", &error));
  headers = sock_profile_get_headers (profile);
  g_assert_cmpstr (headers[0], ==, "Authorization");
  g_assert_cmpstr (headers[1], ==, "Bearer abc");
  g_assert_cmpstr (headers[2], ==, "X-Trace");
  g_assert_cmpstr (headers[3], ==, "1");
  g_assert_null (headers[4]);

  /* an Origin header goes where the Origin belongs */
  g_assert_true (sock_profile_add_header_line (profile, "Origin: https://app.example.com", &error));
  g_assert_cmpstr (sock_profile_get_origin (profile), ==, "https://app.example.com");
  g_assert_null (sock_profile_get_headers (profile)[4]);
}

static void
test_profile_header_injection (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sock_profile_add_header (profile, "X-A", "1\r\nX-Injected: yes", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_assert_nonnull (strstr (error->message, "line break"));
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header (profile, "X-A", "1\nX-Injected: yes", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header (profile, "X-A", "bell\a", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header (profile, "Bad Name", "1", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header (profile, "X-A\r\nX-B", "1", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header_line (profile, "no colon here", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_assert_nonnull (strstr (error->message, "Name: value"));
  g_clear_error (&error);

  g_assert_false (sock_profile_add_header (profile, "Sec-WebSocket-Key", "abc", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER);
  g_assert_nonnull (strstr (error->message, "set by Sockscope"));
  g_clear_error (&error);

  /* nothing was added by the refused calls */
  g_assert_null (sock_profile_get_headers (profile)[0]);
}

static void
test_profile_protocols (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  const char * const good[] = { "wamp.2.msgpack", NULL };
  const char * const bad[] = { "wamp 2", NULL };
  const char * const twice[] = { "wamp", "WAMP", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_profile_set_protocols (profile, good, &error));
  g_assert_cmpstr (sock_profile_get_protocols (profile)[0], ==, "wamp.2.msgpack");
  g_assert_false (sock_profile_set_protocols (profile, bad, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (sock_profile_set_protocols (profile, twice, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PROTOCOL);
  g_clear_error (&error);
  g_assert_cmpstr (sock_profile_get_protocols (profile)[0], ==, "wamp.2.msgpack");

  g_assert_true (sock_profile_set_protocols (profile, NULL, &error));
  g_assert_null (sock_profile_get_protocols (profile)[0]);
}

static void
test_profile_origin (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_profile_set_origin (profile, "http://localhost:3000", &error));
  g_assert_cmpstr (sock_profile_get_origin (profile), ==, "http://localhost:3000");
  g_assert_false (sock_profile_set_origin (profile, "localhost", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_ORIGIN);
  g_clear_error (&error);
  g_assert_false (sock_profile_set_origin (profile, "http://a\r\nX: y", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_ORIGIN);
  g_clear_error (&error);
  g_assert_cmpstr (sock_profile_get_origin (profile), ==, "http://localhost:3000");
  g_assert_true (sock_profile_set_origin (profile, "", &error));
  g_assert_null (sock_profile_get_origin (profile));
}

static void
test_profile_pin (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("wss://localhost/ws", NULL);
  g_autoptr(GError) error = NULL;
  const char *colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                       "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  g_assert_true (sock_profile_set_pin (profile, colons, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sock_profile_get_pin (profile), ==,
                   "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  g_assert_cmpint (sock_profile_get_tls_policy (profile), ==, SOCK_TLS_PIN);

  g_assert_false (sock_profile_set_pin (profile, "abcd", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PIN);
  g_assert_nonnull (strstr (error->message, "64 hex digits"));
  g_clear_error (&error);
  g_assert_false (sock_profile_set_pin (profile, "zz", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_PIN);
}

static void
test_profile_ca_file (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("wss://localhost/ws", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sockscope-test-XXXXXX", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.pem", NULL);

  g_assert_false (sock_profile_set_ca_file (profile, "/nonexistent/ca.pem", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ca.pem"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "not a certificate\n", -1, NULL));
  g_assert_false (sock_profile_set_ca_file (profile, junk, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE);
  g_clear_error (&error);
  g_assert_cmpint (sock_profile_get_tls_policy (profile), ==, SOCK_TLS_VERIFY);

  g_unlink (junk);
  g_rmdir (dir);
}

static void
test_profile_copy (void)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url ("ws://localhost/ws", NULL);
  g_autoptr(SockProfile) copy = NULL;

  g_assert_true (sock_profile_add_header (profile, "X-A", "1", NULL));
  g_assert_true (sock_profile_set_origin (profile, "http://localhost", NULL));
  sock_profile_set_max_message_size (profile, 1 << 20);
  copy = sock_profile_copy (profile);
  g_assert_cmpstr (sock_profile_get_url (copy), ==, "ws://localhost/ws");
  g_assert_cmpstr (sock_profile_get_headers (copy)[1], ==, "1");
  g_assert_cmpstr (sock_profile_get_origin (copy), ==, "http://localhost");
  g_assert_cmpuint (sock_profile_get_max_message_size (copy), ==, 1 << 20);

  sock_profile_clear_headers (profile);
  g_assert_cmpstr (sock_profile_get_headers (copy)[0], ==, "X-A");
}

static void
test_profile_guess_origin (void)
{
  struct { const char *url, *origin; } cases[] = {
    { "ws://example.com/ws", "http://example.com" },
    { "wss://example.com:443/ws", "https://example.com" },
    { "ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080" },
    { "wss://h:8443/", "https://h:8443" },
    { "ws://[::1]:9000/", "http://[::1]:9000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *origin = sock_url_guess_origin (cases[i].url);
      g_assert_cmpstr (origin, ==, cases[i].origin);
    }
  g_assert_true (sock_url_is_secure ("wss://x/"));
  g_assert_false (sock_url_is_secure ("ws://x/"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/profile/url/%u", i);
      g_test_add_data_func (path, &url_cases[i], test_profile_url);
    }
  g_test_add_func ("/sockscope/profile/defaults", test_profile_defaults);
  g_test_add_func ("/sockscope/profile/headers", test_profile_headers);
  g_test_add_func ("/sockscope/profile/header-injection", test_profile_header_injection);
  g_test_add_func ("/sockscope/profile/protocols", test_profile_protocols);
  g_test_add_func ("/sockscope/profile/origin", test_profile_origin);
  g_test_add_func ("/sockscope/profile/pin", test_profile_pin);
  g_test_add_func ("/sockscope/profile/ca-file", test_profile_ca_file);
  g_test_add_func ("/sockscope/profile/copy", test_profile_copy);
  g_test_add_func ("/sockscope/profile/guess-origin", test_profile_guess_origin);

  return g_test_run ();
}
