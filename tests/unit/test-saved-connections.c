/* test-saved-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved connections: every setting survives the connections file, no secret reaches it (nor an
 * export), a damaged or newer file is kept aside untouched and reported in words that say what to
 * do, imports never clash with what is there, and the templates say what their servers need.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "connect-options-test-util.h"
#include "sock-error.h"
#include "sock-saved-connections.h"
#include "sock-saved-secrets.h"
#include "sock-saved-templates.h"

#define TICKET "tkt-do-not-store"
#define BEARER "Bearer tok-do-not-store"
#define URL_TICKET "url-ticket-do-not-store"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sock-saved-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Every setting away from its default, and a secret in each place one can hide. */
static SockConnectOptions *
every_setting_with_secrets (void)
{
  SockConnectOptions *options = sock_connect_options_new_for_url ("wss://example.com:8443/ws?room=2&ticket="
                                                                  URL_TICKET, NULL);
  SockProfile *profile = sock_connect_options_get_profile (options);

  set_every_setting (options);
  sock_connect_options_set_auth (options, SOCK_AUTH_TICKET, "ticketuser", TICKET);
  g_assert_true (sock_profile_add_header (profile, "X-Tenant", "acme", NULL));
  g_assert_true (sock_profile_add_header (profile, "Authorization", BEARER, NULL));
  return options;
}

/* Every setting came back, and none of the secrets. */
static void
assert_every_setting_no_secret (SockConnectOptions *back)
{
  const char * const *headers = sock_profile_get_headers (sock_connect_options_get_profile (back));

  assert_every_setting (back);
  g_assert_cmpstr (sock_connect_options_get_url (back), ==, "wss://example.com:8443/ws?room=2&ticket=");
  g_assert_cmpint (sock_connect_options_get_auth_method (back), ==, SOCK_AUTH_TICKET);
  g_assert_cmpstr (sock_connect_options_get_authid (back), ==, "ticketuser");
  g_assert_null (sock_connect_options_get_secret (back));
  g_assert_cmpstr (headers[0], ==, "X-Tenant");
  g_assert_cmpstr (headers[1], ==, "acme");
  g_assert_cmpstr (headers[2], ==, "Authorization");
  g_assert_cmpstr (headers[3], ==, "");
  g_assert_null (headers[4]);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, TICKET));
  g_assert_null (strstr (text, "tok-do-not-store"));
  g_assert_null (strstr (text, URL_TICKET));
}

static void
test_saved_connections_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "connections.json", NULL);
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (path);
  g_autoptr(SockSavedConnections) again = sock_saved_connections_new (path);
  g_autoptr(SockConnectOptions) options = every_setting_with_secrets ();
  g_autoptr(SockSavedConnection) saved = sock_saved_connection_new ("Production “router” ✓", options);
  g_autoptr(SockSavedConnection) plain = NULL;
  g_autoptr(SockSavedConnection) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  g_assert_true (sock_saved_connections_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  sock_saved_connection_set_last_used (saved, 1764930600);
  sock_saved_connections_insert (store, -1, saved);
  plain = sock_saved_connection_new ("plain", sock_saved_connection_get_options (saved));
  sock_saved_connections_insert (store, -1, plain);
  g_assert_true (sock_saved_connections_save (store, &error));
  g_assert_no_error (error);

  /* no secret in the file, which only its owner reads */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_no_secret (text);
  g_assert_nonnull (strstr (text, "\"format\" : \"sockscope-connections\""));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (sock_saved_connections_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  back = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (sock_saved_connection_get_name (back), ==, "Production “router” ✓");
  g_assert_cmpstr (sock_saved_connection_get_id (back), ==, sock_saved_connection_get_id (saved));
  g_assert_cmpint (sock_saved_connection_get_last_used (back), ==, 1764930600);
  assert_every_setting_no_secret (sock_saved_connection_get_options (back));
  g_assert_true (sock_saved_connections_lookup (again, "PLAIN") != NULL);
  g_assert_true (sock_saved_connections_lookup (again, "nope") == NULL);
}

/* What the keyring gets, and how it goes back in. */
static void
test_saved_connections_secret_slots (void)
{
  g_autoptr(SockConnectOptions) options = every_setting_with_secrets ();
  g_autoptr(SockConnectOptions) bare = sock_connect_options_copy (options);
  g_autoptr(GPtrArray) secrets = sock_saved_secrets_collect (options);
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) none = sock_saved_secrets_list_missing (options);
  const char * const *headers;
  static const char * const slots[] = { "auth", "header:Authorization", "query:ticket" };
  static const char * const values[] = { TICKET, BEARER, URL_TICKET };

  g_assert_cmpuint (secrets->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      SockSavedSecret *secret = g_ptr_array_index (secrets, i);

      g_assert_cmpstr (secret->slot, ==, slots[i]);
      g_assert_cmpstr (secret->value, ==, values[i]);
    }
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  sock_saved_secrets_strip (bare);
  missing = sock_saved_secrets_list_missing (bare);
  g_assert_cmpuint (g_strv_length (missing), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (missing[i], ==, slots[i]);
      g_assert_true (sock_saved_secrets_fill (bare, slots[i], values[i]));
    }
  g_assert_false (sock_saved_secrets_fill (bare, "header:Cookie", "x"));
  g_assert_cmpstr (sock_connect_options_get_secret (bare), ==, TICKET);
  g_assert_cmpstr (sock_connect_options_get_url (bare), ==, "wss://example.com:8443/ws?room=2&ticket=" URL_TICKET);
  headers = sock_profile_get_headers (sock_connect_options_get_profile (bare));
  g_assert_cmpstr (headers[3], ==, BEARER);
  g_assert_true (sock_connect_options_validate (bare, NULL));
}

static char *
find_aside (const char *dir,
            const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* A file this version cannot use is moved aside as it is, and saving never writes over it. */
static void
check_kept_aside (const char *contents,
                  int         code,
                  const char *aside_prefix,
                  const char *words)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (path);
  g_autoptr(SockConnectOptions) options = sock_connect_options_new_for_url ("ws://127.0.0.1:1/ws", NULL);
  g_autoptr(SockSavedConnection) saved = sock_saved_connection_new ("new", options);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_false (sock_saved_connections_load (store, &error));
  g_assert_error (error, SOCK_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_true (sock_saved_connections_get_load_error (store) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  aside = find_aside (dir, aside_prefix);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  sock_saved_connections_insert (store, -1, saved);
  g_assert_true (sock_saved_connections_save (store, NULL));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, contents);
}

static void
test_saved_connections_damaged (void)
{
  g_autofree char *deep = NULL;
  GString *nest = g_string_new ("{\"version\":1,\"connections\":[{\"name\":\"x\",\"options\":");

  check_kept_aside ("{\"version\": 1, \"connections\": [ {\"name\": \"a\", ", SOCK_ERROR_INVALID_JSON,
                    "connections.json.damaged-", "are damaged");
  check_kept_aside ("{\"version\": 1, \"connections\": [ {\"name\": \"a\", \"options\": {\"version\": 1}} ]}",
                    SOCK_ERROR_INVALID_JSON, "connections.json.damaged-", "has no “url”");
  check_kept_aside ("[1, 2]", SOCK_ERROR_INVALID_JSON, "connections.json.damaged-", "Import…");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nest, '[');
  deep = g_string_free (nest, FALSE);
  check_kept_aside (deep, SOCK_ERROR_INVALID_JSON, "connections.json.damaged-", "are damaged");
}

static void
test_saved_connections_newer (void)
{
  check_kept_aside ("{\"format\": \"sockscope-connections\", \"version\": 2, \"connections\": []}",
                    SOCK_ERROR_NEWER_VERSION, "connections.json.newer-", "update Sockscope");
  /* a newer form of one connection's options is just as newer */
  check_kept_aside ("{\"version\": 1, \"connections\": [ {\"name\": \"a\", \"options\": "
                    "{\"version\": 9, \"url\": \"ws://h/\"}} ]}",
                    SOCK_ERROR_NEWER_VERSION, "connections.json.newer-", "update Sockscope");
}

/* A file that exists but cannot be read is neither moved nor overwritten. */
static void
test_saved_connections_unreadable (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new (dir);
  g_autoptr(GError) error = NULL;

  /* a folder where the file should be */
  g_assert_false (sock_saved_connections_load (store, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE);
  g_clear_error (&error);
  g_assert_false (sock_saved_connections_save (store, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_UNREADABLE_FILE);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

static void
test_saved_connections_import_export (void)
{
  g_autoptr(SockSavedConnections) store = sock_saved_connections_new ("/nonexistent/connections.json");
  g_autoptr(SockConnectOptions) options = every_setting_with_secrets ();
  g_autoptr(SockSavedConnection) saved = sock_saved_connection_new ("Router", options);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(SockSavedConnection) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sock_saved_connections_insert (store, -1, saved);
  text = sock_saved_connections_export (store, NULL);
  assert_no_secret (text);
  g_assert_null (strstr (text, sock_saved_connection_get_id (saved)));

  added = sock_saved_connections_import (store, text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  copy = g_object_ref (g_ptr_array_index (added, 0));
  g_assert_cmpstr (sock_saved_connection_get_name (copy), ==, "Router (2)");
  g_assert_cmpstr (sock_saved_connection_get_id (copy), !=, sock_saved_connection_get_id (saved));
  assert_every_setting_no_secret (sock_saved_connection_get_options (copy));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  /* a copy of the copy counts on, and names that only look numbered keep their words */
  {
    g_autofree char *third = sock_saved_connections_dup_free_name (store, "Router (2)");
    g_autofree char *words = sock_saved_connections_dup_free_name (store, "Router (eu)");

    g_assert_cmpstr (third, ==, "Router (3)");
    g_assert_cmpstr (words, ==, "Router (eu)");
  }

  g_assert_null (sock_saved_connections_import (store, "{\"url\": \"ws://h/\"}", &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was imported: "));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static void
test_saved_connections_templates (void)
{
  g_autoptr(GPtrArray) templates = sock_saved_templates_new ();
  static const char * const names[] = { "Ratchet / GosWebSocketBundle", "OroCRM", "Crossbar.io", "Nexus", "Bondy" };
  SockConnectOptions *options;
  g_auto(GStrv) missing = NULL;
  SockMatch match;

  g_assert_cmpuint (templates->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < templates->len; i++)
    {
      SockSavedConnection *template = g_ptr_array_index (templates, i);
      g_autoptr(JsonNode) node = sock_saved_connection_to_json (template, FALSE);
      g_autoptr(SockSavedConnection) back = sock_saved_connection_new_from_json (node, NULL);

      g_assert_cmpstr (sock_saved_connection_get_name (template), ==, names[i]);
      g_assert_cmpint (sock_saved_connection_get_last_used (template), ==, 0);
      g_assert_nonnull (back);
    }

  /* WAMP v1 with the Origin that Ratchet's and Gos' checks want */
  options = sock_saved_connection_get_options (g_ptr_array_index (templates, 0));
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP1);
  g_assert_nonnull (sock_profile_get_origin (sock_connect_options_get_profile (options)));
  g_assert_true (sock_connect_options_validate (options, NULL));

  /* Oro: the ticket in the URL (from the keyring), its Origin, and oro/ping */
  options = sock_saved_connection_get_options (g_ptr_array_index (templates, 1));
  g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP1);
  g_assert_cmpstr (sock_profile_get_origin (sock_connect_options_get_profile (options)), ==, "https://crm.example.com");
  g_assert_cmpstr (sock_connect_options_get_subscription (options, 0, &match), ==, "oro/ping");
  missing = sock_saved_secrets_list_missing (options);
  g_assert_cmpstr (missing[0], ==, "query:ticket");

  for (guint i = 2; i < 5; i++)
    {
      options = sock_saved_connection_get_options (g_ptr_array_index (templates, i));
      g_assert_cmpint (sock_connect_options_get_protocol (options), ==, SOCK_PROTOCOL_CHOICE_WAMP2);
      g_assert_nonnull (sock_connect_options_get_realm (options));
    }
  g_assert_cmpint (sock_connect_options_get_auth_method (options), ==, SOCK_AUTH_WAMPCRA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/saved-connections/round-trip", test_saved_connections_round_trip);
  g_test_add_func ("/sockscope/saved-connections/secret-slots", test_saved_connections_secret_slots);
  g_test_add_func ("/sockscope/saved-connections/damaged", test_saved_connections_damaged);
  g_test_add_func ("/sockscope/saved-connections/newer", test_saved_connections_newer);
  g_test_add_func ("/sockscope/saved-connections/unreadable", test_saved_connections_unreadable);
  g_test_add_func ("/sockscope/saved-connections/import-export", test_saved_connections_import_export);
  g_test_add_func ("/sockscope/saved-connections/templates", test_saved_connections_templates);

  return g_test_run ();
}
