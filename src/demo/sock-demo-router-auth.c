/* sock-demo-router-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Joining a realm: HELLO, the ticket, WAMP-CRA and WAMP-Cryptosign challenges of realm `secure`,
 * WELCOME.
 * Realm `demo` lets everyone in as "anonymous", whatever authmethods they offer.
 */

#include "sock-demo-router-private.h"

#include <gnutls/crypto.h>

#include "sock-json-write.h"
#include "sock-wamp-auth.h"
#include "sock-wamp-cryptosign.h"

typedef struct
{
  const char *authid;
  const char *authmethod;
  const char *secret;   /* cryptosign: the public key (hex) */
  gboolean    salted;
} User;

/* cryptouser's key is the Ed25519 test key of RFC 8032 (section 7.1, test 1), published with its
 * seed SOCK_DEMO_CRYPTOSIGN_SEED (see sock-demo-router.h): for demos and tests only. */
static const User users[] = {
  { "ticketuser", "ticket", "ticket-secret", FALSE },
  { "crauser", "wampcra", "cra-secret", FALSE },
  { "saltuser", "wampcra", "salt-secret", TRUE },
  { "cryptouser", "cryptosign", SOCK_DEMO_CRYPTOSIGN_PUBLIC_KEY, FALSE },
};

#define SALT "demo-salt"
#define ITERATIONS 1000
#define KEYLEN 32

static const char * const broker_features[] = {
  "publisher_identification", "publisher_exclusion", "subscriber_blackwhite_listing",
  "pattern_based_subscription", "subscription_meta_api", "session_meta_api", "event_retention",
  "event_history",
};

static const char * const dealer_features[] = {
  "progressive_call_results", "call_timeout", "call_canceling", "caller_identification",
  "registration_meta_api", "session_meta_api",
};

/* Realm plain announces no meta API (nor event history). */
static gboolean
is_meta_feature (const char *feature)
{
  return g_str_has_suffix (feature, "_meta_api") || g_str_equal (feature, "event_history");
}

static JsonObject *
role_new (const char * const *features,
          gsize               n_features,
          gboolean            meta)
{
  JsonObject *role = json_object_new ();
  JsonObject *object = json_object_new ();

  for (gsize i = 0; i < n_features; i++)
    if (meta || !is_meta_feature (features[i]))
      json_object_set_boolean_member (object, features[i], TRUE);
  json_object_set_object_member (role, "features", object);
  return role;
}

static void
welcome (SockDemoSession *session,
         SockDemoRealm   *realm)
{
  g_autoptr(JsonObject) details = json_object_new ();
  JsonObject *roles = json_object_new ();

  json_object_set_object_member (roles, "broker",
                                 role_new (broker_features, G_N_ELEMENTS (broker_features), realm->meta));
  json_object_set_object_member (roles, "dealer",
                                 role_new (dealer_features, G_N_ELEMENTS (dealer_features), realm->meta));
  json_object_set_object_member (details, "roles", roles);
  json_object_set_string_member (details, "agent", SOCK_DEMO_ROUTER_AGENT);
  json_object_set_string_member (details, "realm", realm->name);
  json_object_set_string_member (details, "authid", session->authid);
  json_object_set_string_member (details, "authrole", session->authrole);
  json_object_set_string_member (details, "authmethod", session->authmethod);
  json_object_set_string_member (details, "authprovider", session->authprovider);
  _sock_demo_session_send (session, sock_wamp_build_welcome (session->id, details));
  _sock_demo_session_join (session, realm);
}

static void
set_identity (SockDemoSession *session,
              const char      *authid,
              const char      *authrole,
              const char      *authmethod)
{
  g_free (session->authid);
  g_free (session->authrole);
  g_free (session->authmethod);
  g_free (session->authprovider);
  session->authid = g_strdup (authid);
  session->authrole = g_strdup (authrole);
  session->authmethod = g_strdup (authmethod);
  session->authprovider = g_strdup ("static");
}

/* The challenge string Crossbar sends: a JSON object as text. */
static char *
cra_challenge (SockDemoSession *session)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *nonce = NULL;
  g_autofree char *timestamp = _sock_demo_now_iso8601 ();
  guint32 random[4];

  for (guint i = 0; i < G_N_ELEMENTS (random); i++)
    random[i] = g_random_int ();
  nonce = g_base64_encode ((const guchar *) random, sizeof random);
  json_object_set_string_member (object, "authid", session->authid);
  json_object_set_string_member (object, "authrole", session->authrole);
  json_object_set_string_member (object, "authmethod", "wampcra");
  json_object_set_string_member (object, "authprovider", session->authprovider);
  json_object_set_string_member (object, "nonce", nonce);
  json_object_set_string_member (object, "timestamp", timestamp);
  json_object_set_int_member (object, "session", session->id);
  sock_json_write_object (out, object);
  return g_strdup (out->str);
}

static void
challenge (SockDemoSession *session,
           const User      *user)
{
  g_autoptr(JsonObject) extra = json_object_new ();

  set_identity (session, user->authid, "user", user->authmethod);
  g_clear_pointer (&session->expected, g_free);
  if (g_str_equal (user->authmethod, "ticket"))
    {
      session->expected = g_strdup (user->secret);
    }
  else if (g_str_equal (user->authmethod, "cryptosign"))
    {
      guint8 nonce[32];

      /* the challenge itself is what AUTHENTICATE must sign */
      if (gnutls_rnd (GNUTLS_RND_NONCE, nonce, sizeof nonce) != 0)
        g_error ("demo router: no random bytes for a challenge");
      session->expected = g_malloc (2 * sizeof nonce + 1);
      for (gsize i = 0; i < sizeof nonce; i++)
        g_snprintf (session->expected + 2 * i, 3, "%02x", nonce[i]);
      json_object_set_string_member (extra, "challenge", session->expected);
    }
  else
    {
      g_autofree char *text = cra_challenge (session);
      const char *key = user->salted ? session->router->salted_key : user->secret;

      session->expected = sock_wamp_cra_sign (key, text);
      json_object_set_string_member (extra, "challenge", text);
      if (user->salted)
        {
          json_object_set_string_member (extra, "salt", SALT);
          json_object_set_int_member (extra, "iterations", ITERATIONS);
          json_object_set_int_member (extra, "keylen", KEYLEN);
        }
    }
  session->state = SOCK_DEMO_SESSION_CHALLENGED;
  _sock_demo_session_send (session, sock_wamp_build_challenge (user->authmethod, extra));
}

static const User *
find_user (const char *authmethod,
           const char *authid,
           gboolean   *method_known)
{
  for (gsize i = 0; i < G_N_ELEMENTS (users); i++)
    {
      if (!g_str_equal (users[i].authmethod, authmethod))
        continue;
      *method_known = TRUE;
      if (g_strcmp0 (users[i].authid, authid) == 0)
        return &users[i];
    }
  return NULL;
}

/* The first offered method that has a user with this authid wins. */
static void
hello_secure (SockDemoSession *session,
              JsonObject      *details)
{
  JsonArray *methods = NULL;
  const char *authid = NULL;
  gboolean method_known = FALSE;
  g_autofree char *message = NULL;

  if (details != NULL && json_object_has_member (details, "authmethods"))
    methods = json_object_get_array_member (details, "authmethods");
  if (details != NULL && json_object_has_member (details, "authid"))
    authid = json_object_get_string_member (details, "authid");

  for (guint i = 0; methods != NULL && i < json_array_get_length (methods); i++)
    {
      const char *method = _sock_demo_json_string (json_array_get_element (methods, i));
      const User *user = method != NULL ? find_user (method, authid, &method_known) : NULL;

      if (user != NULL)
        {
          challenge (session, user);
          return;
        }
    }

  if (method_known)
    {
      message = g_strdup_printf ("no user \"%s\" for the offered authmethods in realm secure",
                                 authid ? authid : "");
      _sock_demo_session_abort (session, "wamp.error.authentication_failed", message);
    }
  else
    {
      _sock_demo_session_abort (session, "wamp.error.no_auth_method",
                                "realm secure accepts the authmethods ticket, wampcra and cryptosign");
    }
}

static gboolean
details_are_sane (JsonObject *details)
{
  JsonNode *node;

  if (details == NULL)
    return TRUE;
  node = json_object_get_member (details, "authmethods");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  node = json_object_get_member (details, "authid");
  return node == NULL || json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
callee_announces_progress (JsonObject *details)
{
  JsonNode *node = json_object_get_member (details, "roles");
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  for (const char *const *step = (const char *[]) { "callee", "features", NULL }; *step; step++)
    {
      node = json_object_get_member (object, *step);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      object = json_node_get_object (node);
    }
  node = json_object_get_member (object, "progressive_call_results");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

void
_sock_demo_auth_hello (SockDemoSession *session,
                       SockWampMessage *msg)
{
  const char *realm = sock_wamp_message_get_uri (msg);
  g_autoptr(JsonObject) details = sock_wamp_message_dup_details (msg, NULL);
  g_autofree char *message = NULL;

  if (!details_are_sane (details))
    {
      _sock_demo_session_abort (session, "wamp.error.protocol_violation",
                                "HELLO: authmethods must be an array and authid a string");
      return;
    }
  session->callee_progress = details != NULL && callee_announces_progress (details);

  if (g_str_equal (realm, "demo") || g_str_equal (realm, "plain"))
    {
      set_identity (session, "anonymous", "anonymous", "anonymous");
      welcome (session, g_str_equal (realm, "demo") ? session->router->demo : session->router->plain);
    }
  else if (g_str_equal (realm, "secure"))
    {
      hello_secure (session, details);
    }
  else
    {
      message = g_strdup_printf ("no realm \"%s\" on this router (try demo, secure or plain)", realm);
      _sock_demo_session_abort (session, "wamp.error.no_such_realm", message);
    }
}

static void
authenticate_cryptosign (SockDemoSession *session,
                         const char      *signature)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *pubkey = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (users); i++)
    if (g_str_equal (users[i].authmethod, "cryptosign") && g_strcmp0 (users[i].authid, session->authid) == 0)
      pubkey = users[i].secret;
  if (pubkey != NULL && session->expected != NULL &&
      sock_wamp_cryptosign_verify (pubkey, session->expected, signature, NULL, &error))
    {
      g_clear_pointer (&session->expected, g_free);
      welcome (session, session->router->secure);
      return;
    }
  message = g_strdup_printf ("the signature does not verify with the public key of \"%s\"%s%s",
                             session->authid, error ? ": " : "", error ? error->message : "");
  _sock_demo_session_abort (session, "wamp.error.not_authorized", message);
}

void
_sock_demo_auth_authenticate (SockDemoSession *session,
                              SockWampMessage *msg)
{
  const char *signature = sock_wamp_message_get_signature (msg);
  gboolean ticket = g_str_equal (session->authmethod, "ticket");

  if (g_str_equal (session->authmethod, "cryptosign"))
    return authenticate_cryptosign (session, signature);
  if (session->expected != NULL && sock_wamp_cra_equal (signature, session->expected))
    {
      g_clear_pointer (&session->expected, g_free);
      welcome (session, session->router->secure);
      return;
    }
  _sock_demo_session_abort (session, "wamp.error.authentication_failed",
                            ticket ? "wrong ticket" : "wrong signature");
}

/* WAMP v1: WAMP-CRA over RPC --------------------------------------------------------------- */

char *
_sock_demo_v1_authreq (SockDemoSession *session,
                       const char      *authkey)
{
  gboolean method_known = FALSE;
  const User *user = find_user ("wampcra", authkey, &method_known);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *timestamp = _sock_demo_now_iso8601 ();

  if (user == NULL)
    return NULL;
  /* as Autobahn 0.8's WampCraServerProtocol: the challenge names the key, with authextra for a
   * salted secret */
  json_object_set_string_member (object, "authid", user->authid);
  json_object_set_string_member (object, "authkey", user->authid);
  json_object_set_string_member (object, "timestamp", timestamp);
  json_object_set_int_member (object, "sessionid", session->id);
  json_object_set_object_member (object, "extra", json_object_new ());
  if (user->salted)
    {
      JsonObject *authextra = json_object_new ();

      json_object_set_string_member (authextra, "salt", SALT);
      json_object_set_int_member (authextra, "iterations", ITERATIONS);
      json_object_set_int_member (authextra, "keylen", KEYLEN);
      json_object_set_object_member (object, "authextra", authextra);
    }
  sock_json_write_object (out, object);
  g_clear_pointer (&session->expected, g_free);
  session->expected = sock_wamp_cra_sign (user->salted ? session->router->salted_key : user->secret, out->str);
  g_free (session->v1_authkey);
  session->v1_authkey = g_strdup (user->authid);
  return g_strdup (out->str);
}

gboolean
_sock_demo_v1_auth (SockDemoSession *session,
                    const char      *signature)
{
  if (session->expected == NULL || signature == NULL || !sock_wamp_cra_equal (signature, session->expected))
    return FALSE;
  g_clear_pointer (&session->expected, g_free);
  set_identity (session, session->v1_authkey, "user", "wampcra");
  return TRUE;
}
