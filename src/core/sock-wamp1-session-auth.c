/* sock-wamp1-session-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WAMP-CRA for WAMP v1, as Autobahn 0.5–0.8 and the Ratchet-era servers built on it do it over
 * RPC: after WELCOME the client calls http://api.wamp.ws/procedure#authreq with its auth key and
 * gets a challenge (a JSON object as a string, with authextra.salt when the secret is salted),
 * then calls #auth with base64(HMAC-SHA256(key, challenge)) and gets its permissions. Until then
 * the session is not joined; a refusal fails the join in words.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-wamp-auth.h"
#include "sock-wamp1-session-private.h"

#define AUTHREQ_URI "http://api.wamp.ws/procedure#authreq"
#define AUTH_URI    "http://api.wamp.ws/procedure#auth"
/* A challenge is a few hundred bytes; more is a server asking for work. */
#define MAX_CHALLENGE 65536

static void
auth_expired (SockSession *session,
              gpointer     data)
{
  SockWamp1Session *self = SOCK_WAMP1_SESSION (session);
  g_autofree char *within = _sock_format_ms (_sock_session_deadline_ms (session, SOCK_DEADLINE_JOIN));

  _sock_wamp1_clear_join_deadline (self);
  _sock_wamp1_auth_clear (self);
  _sock_session_fail_join (session,
                           _sock_session_timed_out (session, _("No answer to the WAMP-CRA authentication calls "
                                                               "within %s: the server may not offer WAMP-CRA"),
                                                    within));
}

static void
fail (SockWamp1Session *self,
      GError           *error)
{
  _sock_wamp1_clear_join_deadline (self);
  _sock_wamp1_auth_clear (self);
  _sock_session_fail_join (SOCK_SESSION (self), error);
}

static void
send_call (SockWamp1Session *self,
           const char       *uri,
           JsonArray        *args)
{
  GError *error = NULL;

  g_free (self->auth_call_id);
  self->auth_call_id = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->next_call);
  if (!_sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V1,
                                   sock_wamp1_build_call (self->auth_call_id, uri, args), &error))
    fail (self, error);
}

void
_sock_wamp1_auth_start (SockWamp1Session *self)
{
  g_autoptr(JsonArray) args = json_array_new ();

  _sock_wamp1_clear_join_deadline (self);
  self->welcome_deadline = _sock_session_deadline_start (SOCK_SESSION (self),
                                                         _sock_session_deadline_ms (SOCK_SESSION (self),
                                                                                    SOCK_DEADLINE_JOIN),
                                                         auth_expired, NULL);
  self->auth_signed = FALSE;
  json_array_add_string_element (args, self->authid);
  json_array_add_object_element (args, json_object_new ());
  _sock_session_marker (SOCK_SESSION (self), _("authenticating as %s with WAMP-CRA"), self->authid);
  send_call (self, AUTHREQ_URI, args);
}

static void
send_signature (SockWamp1Session *self,
                const char       *key,
                const char       *challenge)
{
  g_autoptr(JsonArray) args = json_array_new ();
  g_autofree char *signature = sock_wamp_cra_sign (key, challenge);

  self->auth_signed = TRUE;
  json_array_add_string_element (args, signature);
  send_call (self, AUTH_URI, args);
}

static void
derive_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = sock_wamp_cra_derive_key_finish (result, &error);
  SockWamp1Session *self;

  /* cancelled when the session went: self may be gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  g_clear_object (&self->auth_cancellable);
  if (key == NULL)
    return fail (self, g_steal_pointer (&error));
  send_signature (self, key, self->auth_challenge);
  g_clear_pointer (&self->auth_challenge, g_free);
}

/* authreq's result: one value, the challenge as a JSON string. */
static void
answer_challenge (SockWamp1Session      *self,
                  const SockWampMessage *message)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) challenge_node = NULL;
  JsonObject *challenge_object = NULL;
  JsonObject *authextra = NULL;
  const char *challenge;
  const char *salt = NULL;
  guint iterations, keylen;
  GError *error = NULL;

  if (message->args.len <= MAX_CHALLENGE)
    value = sock_json_range_parse (message->args, NULL);
  if (value == NULL || json_node_get_value_type (value) != G_TYPE_STRING)
    return fail (self, g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_PROTOCOL_VIOLATION,
                                    _("The answer to the WAMP-CRA request is not a challenge string")));
  challenge = json_node_get_string (value);
  /* the challenge may carry authextra: the salt of a salted secret */
  challenge_node = sock_json_range_parse ((SockJsonRange) { challenge, strlen (challenge) }, NULL);
  if (challenge_node != NULL && JSON_NODE_HOLDS_OBJECT (challenge_node))
    challenge_object = json_node_get_object (challenge_node);
  if (challenge_object != NULL && json_object_has_member (challenge_object, "authextra")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (challenge_object, "authextra")))
    authextra = json_object_get_object_member (challenge_object, "authextra");
  if (authextra != NULL && json_object_has_member (authextra, "salt")
      && json_node_get_value_type (json_object_get_member (authextra, "salt")) == G_TYPE_STRING)
    salt = json_object_get_string_member (authextra, "salt");
  if (salt == NULL)
    return send_signature (self, self->secret, challenge);

  if (!sock_wamp_cra_read_derivation (authextra, &iterations, &keylen, &error))
    return fail (self, error);
  g_free (self->auth_challenge);
  self->auth_challenge = g_strdup (challenge);
  g_clear_object (&self->auth_cancellable);
  self->auth_cancellable = g_cancellable_new ();
  sock_wamp_cra_derive_key_async (self->secret, salt, iterations, keylen, self->auth_cancellable, derive_cb, self);
}

static GError *
refused (SockWamp1Session      *self,
         const SockWampMessage *message)
{
  const char *uri = sock_wamp_message_get_uri (message);
  const char *desc = sock_wamp_message_get_error_desc (message);
  g_autofree char *words = NULL;

  if (self->auth_signed)
    words = g_strdup_printf (_("The server refused the WAMP-CRA signature for “%s” (%s): check the secret, and "
                               "whether it is salted"), self->authid, desc && *desc ? desc : uri);
  else
    words = g_strdup_printf (_("The server refused to authenticate “%s” with WAMP-CRA (%s): check the auth key, or "
                               "connect without authentication if the server offers none"),
                             self->authid, desc && *desc ? desc : uri);
  return sock_session_error_new (SOCK_SESSION_ERROR_AUTH, uri, (SockJsonRange) { 0 }, (SockJsonRange) { 0 }, words);
}

gboolean
_sock_wamp1_auth_handle_answer (SockWamp1Session      *self,
                                const SockWampMessage *message)
{
  if (self->auth_call_id == NULL || g_strcmp0 (sock_wamp_message_get_call_id (message), self->auth_call_id) != 0)
    return FALSE;
  g_clear_pointer (&self->auth_call_id, g_free);

  if (message->type == SOCK_WAMP1_CALLERROR)
    fail (self, refused (self, message));
  else if (!self->auth_signed)
    answer_challenge (self, message);
  else
    {
      _sock_wamp1_clear_join_deadline (self);
      _sock_session_marker (SOCK_SESSION (self), _("authenticated as %s"), self->authid);
      _sock_session_set_facts (SOCK_SESSION (self), self->session_id, NULL, self->authid, NULL, NULL);
      _sock_session_joined (SOCK_SESSION (self));
    }
  return TRUE;
}

void
_sock_wamp1_auth_clear (SockWamp1Session *self)
{
  if (self->auth_cancellable != NULL)
    g_cancellable_cancel (self->auth_cancellable);
  g_clear_object (&self->auth_cancellable);
  g_clear_pointer (&self->auth_call_id, g_free);
  g_clear_pointer (&self->auth_challenge, g_free);
}
