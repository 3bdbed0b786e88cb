/* sock-wamp2-session-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answering a router's CHALLENGE: a ticket, or a WAMP-CRA signature whose salted key is derived
 * on a worker thread (what the router may ask is capped), with a warning when the answer is
 * about to go unencrypted to another machine.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-error.h"
#include "sock-secrets.h"
#include "sock-wamp-auth.h"
#include "sock-wamp2-session-private.h"

/* Answers the challenge with signature, or aborts the join with error. Takes both. */
static void
finish_challenge (SockWamp2Session *self,
                  char             *signature,
                  GError           *error)
{
  g_autofree char *owned = signature;
  SockProfile *profile = sock_transport_get_profile (sock_session_get_transport (SOCK_SESSION (self)));
  const char *url = profile ? sock_profile_get_url (profile) : NULL;

  /* a cryptosign signature gives nothing away: it answers one random challenge */
  if (signature != NULL && !self->cryptosign_answered && url != NULL && !sock_url_is_secure (url) &&
      !sock_secret_url_is_loopback (url))
    _sock_session_marker (SOCK_SESSION (self), self->ticket != NULL
                          ? _("warning: the ticket goes unencrypted over ws:// to a host that is not this "
                              "machine: anyone on the way can read it; use wss://")
                          : _("warning: the WAMP-CRA answer goes unencrypted over ws:// to a host that is not "
                              "this machine: anyone on the way can try to guess the secret from it; use wss://"));
  if (signature != NULL &&
      _sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2,
                                  sock_wamp_build_authenticate (signature, NULL), &error))
    _sock_wamp2_arm_join_deadline (self, TRUE);
  if (error != NULL)
    {
      SockTransport *transport = sock_session_get_transport (SOCK_SESSION (self));
      g_autoptr(JsonObject) details = json_object_new ();

      json_object_set_string_member (details, "message", error->message);
      _sock_session_send_message (SOCK_SESSION (self), SOCK_WAMP_V2,
                                  sock_wamp_build_abort (details, "wamp.error.authentication_failed", NULL, NULL),
                                  NULL);
      _sock_session_closed (SOCK_SESSION (self), error);
      _sock_session_fail_join (SOCK_SESSION (self), error);
      sock_transport_close (transport, 1000, "aborted");
    }
}

static void
derive_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = sock_wamp_cra_derive_key_finish (result, &error);
  SockWamp2Session *self;

  /* Cancelled by dispose: self may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  g_clear_object (&self->auth_cancellable);
  /* the connection went while the key was derived */
  if (sock_session_get_state (SOCK_SESSION (self)) == SOCK_SESSION_CLOSED)
    return;
  if (key == NULL)
    return finish_challenge (self, NULL, g_steal_pointer (&error));
  finish_challenge (self, sock_wamp_cra_sign (key, self->cra_challenge), NULL);
  g_clear_pointer (&self->cra_challenge, g_free);
}

/* A salted key takes PBKDF2 rounds: they run on a worker thread, the answer comes in derive_cb. */
static void
answer_cra (SockWamp2Session *self,
            JsonObject       *extra)
{
  g_autofree char *challenge = _sock_wamp2_dup_string_member (extra, "challenge");
  g_autofree char *salt = _sock_wamp2_dup_string_member (extra, "salt");
  guint iterations, keylen;
  GError *error = NULL;

  if (challenge == NULL)
    return finish_challenge (self, NULL, g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_PROTOCOL_VIOLATION,
                                                      _("CHALLENGE: wampcra without a challenge string")));
  if (salt == NULL)
    return finish_challenge (self, sock_wamp_cra_sign (self->secret, challenge), NULL);
  if (!sock_wamp_cra_read_derivation (extra, &iterations, &keylen, &error))
    return finish_challenge (self, NULL, error);

  g_free (self->cra_challenge);
  self->cra_challenge = g_steal_pointer (&challenge);
  g_clear_object (&self->auth_cancellable);
  self->auth_cancellable = g_cancellable_new ();
  sock_wamp_cra_derive_key_async (self->secret, salt, iterations, keylen, self->auth_cancellable, derive_cb, self);
}

/* WAMP-Cryptosign: the router's challenge (32 bytes as hex) signed with our Ed25519 key; the
 * signature (hex of signature and challenge) is no secret, but the key never leaves the process. */
static void
answer_cryptosign (SockWamp2Session *self,
                   JsonObject       *extra)
{
  g_autofree char *challenge = _sock_wamp2_dup_string_member (extra, "challenge");
  GError *error = NULL;
  char *signature;

  if (challenge == NULL)
    return finish_challenge (self, NULL, g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_PROTOCOL_VIOLATION,
                                                      _("CHALLENGE: cryptosign without a challenge string")));
  signature = sock_wamp_cryptosign_key_sign_challenge (self->cryptosign_key, challenge, NULL, &error);
  if (signature == NULL)
    {
      GError *wrapped = g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_PROTOCOL_VIOLATION,
                                     _("CHALLENGE: cannot sign the cryptosign challenge: %s"), error->message);

      g_error_free (error);
      return finish_challenge (self, NULL, wrapped);
    }
  self->cryptosign_answered = TRUE;
  finish_challenge (self, signature, NULL);
}

void
_sock_wamp2_handle_challenge (SockWamp2Session      *self,
                              const SockWampMessage *message)
{
  const char *method = sock_wamp_message_get_uri (message);
  g_autoptr(JsonObject) extra = sock_wamp_message_dup_details (message, NULL);

  /* the router answered HELLO; a capped key derivation may follow, then AUTHENTICATE re-arms it */
  g_clear_pointer (&self->join_deadline, _sock_session_deadline_stop);
  if (g_strcmp0 (method, "ticket") == 0 && self->ticket != NULL)
    finish_challenge (self, g_strdup (self->ticket), NULL);
  else if (g_strcmp0 (method, "cryptosign") == 0 && self->cryptosign_key != NULL)
    answer_cryptosign (self, extra);
  else if (g_strcmp0 (method, "wampcra") == 0 && self->secret != NULL)
    answer_cra (self, extra);
  else
    finish_challenge (self, NULL,
                      g_error_new (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_AUTH,
                                   _("The router asks for “%s” authentication, which needs %s"), method,
                                   g_str_equal (method, "ticket") ? "--ticket"
                                   : g_str_equal (method, "wampcra") ? "--secret"
                                   : g_str_equal (method, "cryptosign") ? "--private-key"
                                   : _("a method Sockscope does not implement")));
}
