/* test-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Probes every fault path of the demo server over 127.0.0.1 and checks what a user is told.
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sock-demo-server.h"
#include "sock-error.h"
#include "sock-probe.h"
#include "../test-wait.h"

typedef struct
{
  const char *name;
  const char *path;          /* appended to the plain (or TLS) base URL */
  gboolean    tls;
  gboolean    no_protocols;
  const char *origin;
  guint       timeout;
  guint64     max_size;
  const char *expected_id;
  const char *expected_hint; /* a substring of one hint, or NULL */
  guint       expected_status;
} ProbeCase;

static SockDemoServer *server;

/* The demo server runs on this thread's main context, so the probe must be async here. */
static SockDiagnosis *
probe (SockProfile    *profile,
       SockHandshake **handshake,
       GError        **error)
{
  GAsyncResult *result = NULL;
  SockDiagnosis *diagnosis;

  sock_probe_async (profile, NULL, store_result, &result);
  WAIT_FOR_WHAT (result != NULL, "the probe's result");
  diagnosis = sock_probe_finish (result, handshake, error);
  g_object_unref (result);

  return diagnosis;
}

static char *
url_for (const ProbeCase *c)
{
  g_autofree char *base = c->tls ? sock_demo_server_dup_tls_base_url (server)
                                 : sock_demo_server_dup_base_url (server);

  return g_strconcat (base, c->path, NULL);
}

static void
test_probe_case (gconstpointer data)
{
  const ProbeCase *c = data;
  g_autofree char *url = url_for (c);
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (profile);
  if (c->no_protocols)
    g_assert_true (sock_profile_set_protocols (profile, NULL, NULL));
  if (c->origin)
    g_assert_true (sock_profile_set_origin (profile, c->origin, NULL));
  if (c->timeout)
    sock_profile_set_connect_timeout (profile, c->timeout);
  if (c->max_size)
    sock_profile_set_max_message_size (profile, c->max_size);

  diagnosis = probe (profile, &handshake, &error);
  g_assert_nonnull (diagnosis);
  g_assert_nonnull (handshake);

  if (g_strcmp0 (sock_diagnosis_get_id (diagnosis), c->expected_id) != 0)
    g_test_message ("%s: got %s (%s), error: %s", url, sock_diagnosis_get_id (diagnosis),
                    sock_diagnosis_get_title (diagnosis), error ? error->message : "none");
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, c->expected_id);
  g_assert_cmpstr (sock_diagnosis_get_title (diagnosis), !=, "");
  if (c->expected_hint)
    {
      if (!sock_diagnosis_has_hint (diagnosis, c->expected_hint))
        for (const char * const *h = sock_diagnosis_get_hints (diagnosis); *h; h++)
          g_test_message ("hint: %s", *h);
      g_assert_true (sock_diagnosis_has_hint (diagnosis, c->expected_hint));
    }
  if (c->expected_status)
    g_assert_cmpuint (sock_handshake_get_status (handshake), ==, c->expected_status);
  g_assert_cmpstr (sock_handshake_get_remote_address (handshake), !=, NULL);

  if (g_str_equal (c->expected_id, "ok"))
    g_assert_null (error);
  else
    g_assert_cmpint (sock_diagnosis_get_severity (diagnosis), ==, SOCK_SEVERITY_ERROR);
}

static const ProbeCase cases[] = {
  { "ok-echo", "/echo", .no_protocols = TRUE, .expected_id = "ok", .expected_status = 101 },
  { "no-subprotocol-echo", "/echo", .expected_id = "no-subprotocol", .expected_status = 101 },
  { "status-200", "/fault/status/200", .expected_id = "http-200", .expected_hint = "proxy_set_header Upgrade",
    .expected_status = 200 },
  { "status-301", "/fault/status/301", .expected_id = "http-redirect", .expected_hint = "/echo",
    .expected_status = 301 },
  { "status-308", "/fault/status/308", .expected_id = "http-redirect", .expected_status = 308 },
  { "status-400", "/fault/status/400", .expected_id = "http-400", .expected_hint = "wamp.2.json",
    .expected_status = 400 },
  { "status-401", "/fault/status/401", .expected_id = "http-401", .expected_status = 401 },
  { "status-403", "/fault/status/403", .expected_id = "http-403", .expected_status = 403 },
  { "status-404", "/fault/status/404", .expected_id = "http-404", .expected_hint = "/fault/status/404",
    .expected_status = 404 },
  { "status-405", "/fault/status/405", .expected_id = "http-405", .expected_status = 405 },
  { "status-426", "/fault/status/426", .expected_id = "http-426", .expected_hint = "wamp",
    .expected_status = 426 },
  { "status-500", "/fault/status/500", .expected_id = "http-5xx", .expected_status = 500 },
  { "status-502", "/fault/status/502", .expected_id = "http-5xx", .expected_status = 502 },
  { "status-418", "/fault/status/418", .expected_id = "http-other", .expected_status = 418 },
  { "no-subprotocol", "/fault/no-subprotocol", .expected_id = "no-subprotocol", .expected_status = 101 },
  { "wrong-subprotocol", "/fault/wrong-subprotocol", .expected_id = "unexpected-subprotocol",
    .expected_hint = "mqtt" },
  { "bad-accept", "/fault/bad-accept", .expected_id = "bad-accept" },
  { "hang", "/fault/hang", .timeout = 1, .expected_id = "response-timeout" },
  { "reset", "/fault/reset", .expected_id = "closed-before-response" },
  { "close-1008", "/fault/close/1008", .expected_id = "closed-after-open", .expected_hint = NULL },
  { "close-1007", "/fault/close/1007", .expected_id = "closed-after-open" },
  { "close-4001", "/fault/close/4001", .expected_id = "closed-after-open" },
  { "close-0", "/fault/close/0", .expected_id = "close-invalid-code" },
  /* 1005 on the wire is a code that must never be sent, not "no close code" */
  { "close-1005", "/fault/close/1005", .expected_id = "close-invalid-code" },
  { "close-none", "/fault/close/none", .expected_id = "closed-after-open" },
  { "rsv-bits", "/hostile/rsv", .no_protocols = TRUE, .expected_id = "invalid-frame" },
  { "huge-headers", "/hostile/huge-headers", .no_protocols = TRUE, .expected_id = "response-headers-too-big" },
  { "big", "/fault/big/200000", .max_size = 100000, .expected_id = "message-too-big" },
  { "origin-missing", "/fault/origin", .no_protocols = TRUE, .expected_id = "http-403",
    .expected_hint = "http://127.0.0.1", .expected_status = 403 },
  { "origin-foreign", "/fault/origin", .no_protocols = TRUE, .origin = "https://evil.example.com",
    .expected_id = "http-403", .expected_hint = "http://127.0.0.1", .expected_status = 403 },
  { "origin-allowed", "/fault/origin", .no_protocols = TRUE, .origin = "http://localhost",
    .expected_id = "ok", .expected_status = 101 },
  { "tls-untrusted", "/echo", .tls = TRUE, .no_protocols = TRUE, .expected_id = "tls-untrusted",
    .expected_hint = "--ca" },
};

static void
test_probe_refused (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  /* a port that was free a moment ago and has nobody listening on it */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("ws://127.0.0.1:%u/ws", port);
  profile = sock_profile_new_for_url (url, NULL);
  diagnosis = probe (profile, NULL, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "connection-refused");
  {
    g_autofree char *port_text = g_strdup_printf ("%u", port);
    g_assert_true (sock_diagnosis_has_hint (diagnosis, port_text));
  }
}

static void
probe_tls (const char    *url,
           SockProfile  **out_profile)
{
  g_autoptr(SockProfile) profile = sock_profile_new_for_url (url, NULL);

  g_assert_true (sock_profile_set_protocols (profile, NULL, NULL));
  *out_profile = g_steal_pointer (&profile);
}

static void
test_probe_tls_ca (void)
{
  g_autofree char *base = sock_demo_server_dup_tls_base_url (server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  probe_tls (url, &profile);
  g_assert_true (sock_profile_set_ca_file (profile, sock_demo_server_get_certificate_file (server), &error));
  g_assert_no_error (error);

  diagnosis = probe (profile, &handshake, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "ok");
  g_assert_cmpstr (sock_handshake_get_cert_sha256 (handshake), ==,
                   sock_demo_server_get_certificate_sha256 (server));
  g_assert_nonnull (sock_handshake_get_tls_version (handshake));
}

static void
test_probe_tls_pin (void)
{
  g_autofree char *base = sock_demo_server_dup_tls_base_url (server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  probe_tls (url, &profile);
  g_assert_true (sock_profile_set_pin (profile, sock_demo_server_get_certificate_sha256 (server), NULL));
  diagnosis = probe (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "ok");
}

static void
test_probe_tls_wrong_pin (void)
{
  g_autofree char *base = sock_demo_server_dup_tls_base_url (server);
  g_autofree char *url = g_strconcat (base, "/echo", NULL);
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  probe_tls (url, &profile);
  g_assert_true (sock_profile_set_pin (profile, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                                       NULL));
  diagnosis = probe (profile, NULL, &error);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PIN_MISMATCH);
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "tls-pin-mismatch");
  g_assert_true (sock_diagnosis_has_hint (diagnosis, sock_demo_server_get_certificate_sha256 (server)));
}

static void
test_probe_tls_to_plain_port (void)
{
  g_autofree char *url = g_strdup_printf ("wss://127.0.0.1:%u/echo", sock_demo_server_get_port (server));
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;

  probe_tls (url, &profile);
  /* the demo server, like Ratchet, waits for the end of a "request" that is really a ClientHello */
  sock_profile_set_connect_timeout (profile, 2);
  diagnosis = probe (profile, &handshake, NULL);
  g_assert_true (sock_handshake_get_port_speaks_http (handshake));
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "tls-not-tls");
  g_assert_true (sock_diagnosis_has_hint (diagnosis, "ws://"));
}

static void
test_probe_plain_to_tls_port (void)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/echo", sock_demo_server_get_tls_port (server));
  g_autoptr(SockProfile) profile = NULL;
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;

  probe_tls (url, &profile);
  diagnosis = probe (profile, &handshake, NULL);
  g_assert_true (sock_handshake_get_port_speaks_tls (handshake));
  g_assert_cmpstr (sock_diagnosis_get_id (diagnosis), ==, "plain-to-tls-port");
  g_assert_true (sock_diagnosis_has_hint (diagnosis, "wss://"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = sock_demo_server_new ();
  if (!sock_demo_server_start (server, 0, 0, &error))
    g_error ("cannot start the demo server: %s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/probe/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_probe_case);
    }
  g_test_add_func ("/sockscope/probe/connection-refused", test_probe_refused);
  g_test_add_func ("/sockscope/probe/tls-ca-file", test_probe_tls_ca);
  g_test_add_func ("/sockscope/probe/tls-pin", test_probe_tls_pin);
  g_test_add_func ("/sockscope/probe/tls-wrong-pin", test_probe_tls_wrong_pin);
  g_test_add_func ("/sockscope/probe/tls-to-plain-port", test_probe_tls_to_plain_port);
  g_test_add_func ("/sockscope/probe/plain-to-tls-port", test_probe_plain_to_tls_port);

  ret = g_test_run ();

  sock_demo_server_stop (server);
  g_assert_finalize_object (server);

  return ret;
}
