/* sock-connect-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its setters and its validation; the JSON form is in sock-connect-options-json.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-connect-options-private.h"
#include "sock-error.h"

G_DEFINE_FINAL_TYPE (SockConnectOptions, sock_connect_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_REALM,
  PROP_AUTH_METHOD,
  PROP_AUTHID,
  PROP_RECONNECT,
  PROP_N_SUBSCRIPTIONS,
  N_PROPS
};

enum {
  SUBSCRIPTIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
subscription_free (gpointer data)
{
  SockConnectOptionsSubscription *subscription = data;

  g_free (subscription->topic);
  g_free (subscription);
}

static void
wipe_secret (char **secret)
{
  /* A password: do not leave it in freed memory. */
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
sock_connect_options_finalize (GObject *object)
{
  SockConnectOptions *self = (SockConnectOptions *)object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->realm, g_free);
  g_clear_pointer (&self->authid, g_free);
  wipe_secret (&self->secret);
  g_clear_pointer (&self->private_key_file, g_free);
  g_clear_pointer (&self->missing_ca_file, g_free);
  g_clear_pointer (&self->subscriptions, g_ptr_array_unref);

  G_OBJECT_CLASS (sock_connect_options_parent_class)->finalize (object);
}

static void
sock_connect_options_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SockConnectOptions *self = SOCK_CONNECT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL: g_value_set_int (value, self->protocol); break;
    case PROP_REALM: g_value_set_string (value, self->realm); break;
    case PROP_AUTH_METHOD: g_value_set_int (value, self->auth_method); break;
    case PROP_AUTHID: g_value_set_string (value, self->authid); break;
    case PROP_RECONNECT: g_value_set_boolean (value, self->reconnect); break;
    case PROP_N_SUBSCRIPTIONS: g_value_set_uint (value, self->subscriptions->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_connect_options_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SockConnectOptions *self = SOCK_CONNECT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL: sock_connect_options_set_protocol (self, g_value_get_int (value)); break;
    case PROP_REALM: sock_connect_options_set_realm (self, g_value_get_string (value)); break;
    case PROP_RECONNECT: sock_connect_options_set_reconnect (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_connect_options_class_init (SockConnectOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sock_connect_options_finalize;
  object_class->get_property = sock_connect_options_get_property;
  object_class->set_property = sock_connect_options_set_property;

  /* The protocol choice, a SockProtocolChoice except CUSTOM (set_subprotocols() sets that one). */
  properties[PROP_PROTOCOL] = g_param_spec_int ("protocol", NULL, NULL, SOCK_PROTOCOL_CHOICE_AUTO,
                                                SOCK_PROTOCOL_CHOICE_WAMP2_CBOR, SOCK_PROTOCOL_CHOICE_AUTO, flags);
  properties[PROP_REALM] = g_param_spec_string ("realm", NULL, NULL, NULL, flags);
  properties[PROP_AUTH_METHOD] = g_param_spec_int ("auth-method", NULL, NULL, SOCK_AUTH_ANONYMOUS,
                                                   SOCK_AUTH_CRYPTOSIGN, SOCK_AUTH_ANONYMOUS, readable);
  properties[PROP_AUTHID] = g_param_spec_string ("authid", NULL, NULL, NULL, readable);
  properties[PROP_RECONNECT] = g_param_spec_boolean ("reconnect", NULL, NULL, TRUE, flags);
  properties[PROP_N_SUBSCRIPTIONS] = g_param_spec_uint ("n-subscriptions", NULL, NULL, 0, G_MAXUINT, 0,
                                                        readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a subscription is added or removed (the count may stay the same). */
  signals[SUBSCRIPTIONS_CHANGED] = g_signal_new ("subscriptions-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sock_connect_options_init (SockConnectOptions *self)
{
  self->profile = sock_profile_new ();
  self->protocol = SOCK_PROTOCOL_CHOICE_AUTO;
  self->reconnect = TRUE;
  self->subscriptions = g_ptr_array_new_with_free_func (subscription_free);
}

SockConnectOptions *
sock_connect_options_new (void)
{
  return g_object_new (SOCK_TYPE_CONNECT_OPTIONS, NULL);
}

SockConnectOptions *
sock_connect_options_new_for_url (const char  *url,
                                  GError     **error)
{
  g_autoptr(SockConnectOptions) self = sock_connect_options_new ();

  if (!sock_connect_options_set_url (self, url, error))
    return NULL;
  return g_steal_pointer (&self);
}

SockConnectOptions *
sock_connect_options_copy (SockConnectOptions *self)
{
  SockConnectOptions *copy;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  copy = sock_connect_options_new ();
  g_object_unref (copy->profile);
  copy->profile = sock_profile_copy (self->profile);
  copy->protocol = self->protocol;
  copy->realm = g_strdup (self->realm);
  copy->auth_method = self->auth_method;
  copy->authid = g_strdup (self->authid);
  copy->secret = g_strdup (self->secret);
  copy->private_key_file = g_strdup (self->private_key_file);
  copy->reconnect = self->reconnect;
  copy->missing_ca_file = g_strdup (self->missing_ca_file);
  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SockConnectOptionsSubscription *subscription = g_ptr_array_index (self->subscriptions, i);

      sock_connect_options_add_subscription (copy, subscription->topic, subscription->match);
    }
  return copy;
}

SockProfile *
sock_connect_options_get_profile (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return self->profile;
}

const char *
sock_connect_options_get_url (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return sock_profile_get_url (self->profile);
}

gboolean
sock_connect_options_set_url (SockConnectOptions  *self,
                              const char          *url,
                              GError             **error)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);

  return sock_profile_set_url (self->profile, url, error);
}

SockProtocolChoice
sock_connect_options_get_protocol (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), SOCK_PROTOCOL_CHOICE_AUTO);

  return self->protocol;
}

static void
set_protocol_choice (SockConnectOptions *self,
                     SockProtocolChoice  protocol)
{
  if (self->protocol != protocol)
    {
      self->protocol = protocol;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
    }
}

void
sock_connect_options_set_protocol (SockConnectOptions *self,
                                   SockProtocolChoice  protocol)
{
  /* JSON first: every v2 router speaks it, and routers pick the first of the offer they know;
   * MessagePack before CBOR, which fewer routers speak */
  static const char * const automatic[] = { "wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp", NULL };
  static const char * const wamp2[] = { "wamp.2.json", NULL };
  static const char * const wamp1[] = { "wamp", NULL };
  static const char * const none[] = { NULL };
  static const char * const msgpack[] = { "wamp.2.msgpack", NULL };
  static const char * const cbor[] = { "wamp.2.cbor", NULL };
  static const char * const *offers[] = { automatic, wamp2, wamp1, none, NULL, msgpack, cbor };
  gboolean ok;

  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));
  g_return_if_fail (protocol < G_N_ELEMENTS (offers) && offers[protocol] != NULL);

  ok = sock_profile_set_protocols (self->profile, offers[protocol], NULL);
  g_assert (ok);
  set_protocol_choice (self, protocol);
}

gboolean
sock_connect_options_set_subprotocols (SockConnectOptions  *self,
                                       const char * const  *protocols,
                                       GError             **error)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);

  if (!sock_profile_set_protocols (self->profile, protocols, error))
    return FALSE;
  set_protocol_choice (self, SOCK_PROTOCOL_CHOICE_CUSTOM);
  return TRUE;
}

gboolean
sock_connect_options_may_speak_wamp2 (SockConnectOptions *self)
{
  const char * const *offered;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);

  switch (self->protocol)
    {
    case SOCK_PROTOCOL_CHOICE_AUTO:
    case SOCK_PROTOCOL_CHOICE_WAMP2:
    case SOCK_PROTOCOL_CHOICE_WAMP2_MSGPACK:
    case SOCK_PROTOCOL_CHOICE_WAMP2_CBOR:
      return TRUE;
    case SOCK_PROTOCOL_CHOICE_CUSTOM:
      offered = sock_profile_get_protocols (self->profile);
      /* nothing offered: the connection detects the version */
      if (offered == NULL || offered[0] == NULL)
        return TRUE;
      for (guint i = 0; offered[i] != NULL; i++)
        if (g_str_has_prefix (offered[i], "wamp.2."))
          return TRUE;
      return FALSE;
    case SOCK_PROTOCOL_CHOICE_WAMP1:
    case SOCK_PROTOCOL_CHOICE_RAW:
    default:
      return FALSE;
    }
}

const char *
sock_connect_options_get_realm (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return self->realm;
}

void
sock_connect_options_set_realm (SockConnectOptions *self,
                                const char         *realm)
{
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));

  if (realm != NULL && *realm == '\0')
    realm = NULL;
  if (g_strcmp0 (self->realm, realm) != 0)
    {
      g_free (self->realm);
      self->realm = g_strdup (realm);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REALM]);
    }
}

SockAuthMethod
sock_connect_options_get_auth_method (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), SOCK_AUTH_ANONYMOUS);

  return self->auth_method;
}

const char *
sock_connect_options_get_authid (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return self->authid;
}

const char *
sock_connect_options_get_secret (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);

  return self->secret;
}

void
sock_connect_options_set_auth (SockConnectOptions *self,
                               SockAuthMethod      method,
                               const char         *authid,
                               const char         *secret)
{
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));
  g_return_if_fail (method <= SOCK_AUTH_CRYPTOSIGN);

  if (authid != NULL && *authid == '\0')
    authid = NULL;
  if (secret != NULL && *secret == '\0')
    secret = NULL;

  if (self->auth_method != method)
    {
      self->auth_method = method;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_METHOD]);
    }
  if (g_strcmp0 (self->authid, authid) != 0)
    {
      g_free (self->authid);
      self->authid = g_strdup (authid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHID]);
    }
  if (self->secret != secret)
    {
      char *copy = g_strdup (secret);

      wipe_secret (&self->secret);
      self->secret = copy;
    }
}

gboolean
sock_connect_options_get_reconnect (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);

  return self->reconnect;
}

void
sock_connect_options_set_reconnect (SockConnectOptions *self,
                                    gboolean            reconnect)
{
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));

  reconnect = !!reconnect;
  if (self->reconnect != reconnect)
    {
      self->reconnect = reconnect;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT]);
    }
}

guint
sock_connect_options_get_n_subscriptions (SockConnectOptions *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), 0);

  return self->subscriptions->len;
}

const char *
sock_connect_options_get_subscription (SockConnectOptions *self,
                                       guint               index,
                                       SockMatch          *match)
{
  SockConnectOptionsSubscription *subscription;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), NULL);
  g_return_val_if_fail (index < self->subscriptions->len, NULL);

  subscription = g_ptr_array_index (self->subscriptions, index);
  if (match != NULL)
    *match = subscription->match;
  return subscription->topic;
}

static gboolean
find_subscription (SockConnectOptions *self,
                   const char         *topic,
                   SockMatch           match,
                   guint              *index)
{
  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SockConnectOptionsSubscription *subscription = g_ptr_array_index (self->subscriptions, i);

      if (subscription->match == match && g_str_equal (subscription->topic, topic))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
subscriptions_changed (SockConnectOptions *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SUBSCRIPTIONS]);
  g_signal_emit (self, signals[SUBSCRIPTIONS_CHANGED], 0);
}

gboolean
sock_connect_options_add_subscription (SockConnectOptions *self,
                                       const char         *topic,
                                       SockMatch           match)
{
  SockConnectOptionsSubscription *subscription;
  guint index;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);
  g_return_val_if_fail (match <= SOCK_MATCH_WILDCARD, FALSE);

  if (find_subscription (self, topic, match, &index))
    return FALSE;
  subscription = g_new0 (SockConnectOptionsSubscription, 1);
  subscription->topic = g_strdup (topic);
  subscription->match = match;
  g_ptr_array_add (self->subscriptions, subscription);
  subscriptions_changed (self);
  return TRUE;
}

gboolean
sock_connect_options_remove_subscription (SockConnectOptions *self,
                                          const char         *topic,
                                          SockMatch           match)
{
  guint index;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);

  if (!find_subscription (self, topic, match, &index))
    return FALSE;
  g_ptr_array_remove_index (self->subscriptions, index);
  subscriptions_changed (self);
  return TRUE;
}

void
sock_connect_options_clear_subscriptions (SockConnectOptions *self)
{
  g_return_if_fail (SOCK_IS_CONNECT_OPTIONS (self));

  if (self->subscriptions->len == 0)
    return;
  g_ptr_array_set_size (self->subscriptions, 0);
  subscriptions_changed (self);
}

/* Validation */

static gboolean
validate_auth (SockConnectOptions  *self,
               GError             **error)
{
  if (self->auth_method == SOCK_AUTH_ANONYMOUS)
    return TRUE;
  if (self->auth_method == SOCK_AUTH_CRYPTOSIGN)
    return _sock_connect_options_validate_key (self, error);

  if (self->authid == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH,
                   self->auth_method == SOCK_AUTH_TICKET
                   ? _("Ticket authentication needs an Auth ID: enter the authid to authenticate as")
                   : _("WAMP-CRA authentication needs an Auth ID: enter the authid to authenticate as"));
      return FALSE;
    }
  if (self->secret == NULL)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_AUTH,
                   self->auth_method == SOCK_AUTH_TICKET
                   ? _("Enter the ticket for “%s”")
                   : _("Enter the WAMP-CRA secret for “%s”"), self->authid);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_headers (SockConnectOptions  *self,
                  GError             **error)
{
  const char * const *headers = sock_profile_get_headers (self->profile);

  for (guint i = 0; headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    {
      if (sock_header_is_credential (headers[i]) && *headers[i + 1] == '\0')
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_HEADER,
                       _("The %s header has no value: enter it"), headers[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_subscriptions (SockConnectOptions  *self,
                        GError             **error)
{
  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SockConnectOptionsSubscription *subscription = g_ptr_array_index (self->subscriptions, i);
      const char *topic = subscription->topic;

      /* WAMP v1 topics are full URIs with '#' and ':', so only what no protocol allows is refused. */
      if (*topic == '\0' || strpbrk (topic, " \t\r\n") != NULL)
        {
          g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                       _("“%s” is not a topic to subscribe to: a topic is a URI without spaces, "
                         "such as com.example.news"), topic);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
sock_connect_options_validate (SockConnectOptions  *self,
                               GError             **error)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (self), FALSE);

  if (self->missing_ca_file != NULL && sock_profile_get_tls_policy (self->profile) == SOCK_TLS_CA_FILE)
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_CA_FILE,
                   _("The CA file “%s” cannot be read: choose an existing PEM file"), self->missing_ca_file);
      return FALSE;
    }
  if (!sock_profile_validate (self->profile, error))
    return FALSE;

  if (self->realm != NULL && sock_connect_options_may_speak_wamp2 (self) &&
      !sock_wamp_uri_is_valid (self->realm, FALSE))
    {
      g_set_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_REALM,
                   _("“%s” is not a valid realm: a realm is a WAMP URI such as realm1 or com.example.app "
                     "(no spaces, no “#”, no empty parts between dots)"), self->realm);
      return FALSE;
    }

  return validate_auth (self, error) && validate_headers (self, error) && validate_subscriptions (self, error);
}
