/* sock-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the session kinds: state, the reason the kind was chosen, the join and leave
 * tasks, the subscriptions held, and the one place where frames are appended to the log.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sock-error.h"
#include "sock-secrets.h"
#include "sock-session-private.h"

typedef struct
{
  SockTransport    *transport;
  SockMessageLog   *log;
  char             *reason;
  SockSessionKind   kind;
  SockSessionState  state;
  GError           *error;
  GPtrArray        *join_tasks;
  GPtrArray        *leave_tasks;
  GPtrArray        *subscriptions;
  GPtrArray        *held_uris;      /* what each subscription is held under (a v1 CURIE expanded) */
  GArray           *holds;          /* who holds each (SockSubscriptionHold) */
  gboolean          join_started;
  SockSessionHooks  hooks;
  /* facts, set by the kinds when joined */
  char             *session_id;
  char             *realm;
  char             *authid;
  char             *authrole;
  char             *subprotocol;
  GStrv             router_roles;
  SockWampSerializer serializer;  /* WAMP v2: how messages go on the wire */
  gboolean          batched;
  GByteArray       *encoded;      /* reused: a message in a binary serializer */
} SockSessionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SockSession, sock_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRANSPORT,
  PROP_LOG,
  PROP_KIND,
  PROP_REASON,
  PROP_STATE,
  PROP_SESSION_ID,
  PROP_REALM,
  PROP_AUTHID,
  PROP_AUTHROLE,
  PROP_SUBPROTOCOL,
  PROP_ROUTER_ROLES,
  N_PROPS
};

enum {
  PROTOCOL_ERROR,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
fail_tasks (GPtrArray    *tasks,
            const GError *error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_copy (tasks, NULL, NULL);

  /* pending now owns the references; empty tasks without unreffing them */
  g_ptr_array_set_free_func (pending, g_object_unref);
  g_free (g_ptr_array_steal (tasks, NULL));
  for (guint i = 0; i < pending->len; i++)
    {
      if (error != NULL)
        g_task_return_error (g_ptr_array_index (pending, i), g_error_copy (error));
      else
        g_task_return_boolean (g_ptr_array_index (pending, i), TRUE);
    }
}

static void
sock_session_dispose (GObject *object)
{
  SockSession *self = (SockSession *)object;
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autoptr(GError) error = g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED,
                                                 _("The session was closed"));

  fail_tasks (priv->join_tasks, error);
  fail_tasks (priv->leave_tasks, NULL);
  g_clear_object (&priv->transport);

  G_OBJECT_CLASS (sock_session_parent_class)->dispose (object);
}

static void
sock_session_finalize (GObject *object)
{
  SockSession *self = (SockSession *)object;
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_clear_object (&priv->log);
  g_clear_pointer (&priv->reason, g_free);
  g_clear_error (&priv->error);
  g_clear_pointer (&priv->join_tasks, g_ptr_array_unref);
  g_clear_pointer (&priv->leave_tasks, g_ptr_array_unref);
  g_clear_pointer (&priv->subscriptions, g_ptr_array_unref);
  g_clear_pointer (&priv->held_uris, g_ptr_array_unref);
  g_clear_pointer (&priv->holds, g_array_unref);
  g_clear_pointer (&priv->session_id, g_free);
  g_clear_pointer (&priv->encoded, g_byte_array_unref);
  g_clear_pointer (&priv->realm, g_free);
  g_clear_pointer (&priv->authid, g_free);
  g_clear_pointer (&priv->authrole, g_free);
  g_clear_pointer (&priv->subprotocol, g_free);
  g_clear_pointer (&priv->router_roles, g_strfreev);

  G_OBJECT_CLASS (sock_session_parent_class)->finalize (object);
}

static void
sock_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SockSession *self = SOCK_SESSION (object);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TRANSPORT: g_value_set_object (value, priv->transport); break;
    case PROP_LOG: g_value_set_object (value, priv->log); break;
    case PROP_KIND: g_value_set_int (value, priv->kind); break;
    case PROP_REASON: g_value_set_string (value, priv->reason); break;
    case PROP_STATE: g_value_set_int (value, priv->state); break;
    case PROP_SESSION_ID: g_value_set_string (value, priv->session_id); break;
    case PROP_REALM: g_value_set_string (value, priv->realm); break;
    case PROP_AUTHID: g_value_set_string (value, priv->authid); break;
    case PROP_AUTHROLE: g_value_set_string (value, priv->authrole); break;
    case PROP_SUBPROTOCOL: g_value_set_string (value, priv->subprotocol); break;
    case PROP_ROUTER_ROLES: g_value_set_boxed (value, priv->router_roles); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_session_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SockSession *self = SOCK_SESSION (object);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TRANSPORT: priv->transport = g_value_dup_object (value); break;
    case PROP_LOG: priv->log = g_value_dup_object (value); break;
    case PROP_KIND: priv->kind = g_value_get_int (value); break;
    case PROP_REASON: priv->reason = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_session_constructed (GObject *object)
{
  SockSession *self = SOCK_SESSION (object);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  G_OBJECT_CLASS (sock_session_parent_class)->constructed (object);

  g_assert (priv->transport != NULL && priv->log != NULL);
  if (priv->reason != NULL)
    _sock_session_marker (self, _("%s session: %s"), sock_session_kind_to_string (priv->kind), priv->reason);
}

static void
sock_session_class_init (SockSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_session_dispose;
  object_class->finalize = sock_session_finalize;
  object_class->get_property = sock_session_get_property;
  object_class->set_property = sock_session_set_property;
  object_class->constructed = sock_session_constructed;

  properties[PROP_TRANSPORT] = g_param_spec_object ("transport", NULL, NULL, SOCK_TYPE_TRANSPORT, construct);
  properties[PROP_LOG] = g_param_spec_object ("log", NULL, NULL, SOCK_TYPE_MESSAGE_LOG, construct);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, SOCK_SESSION_KIND_RAW, SOCK_SESSION_KIND_WAMP2,
                                            SOCK_SESSION_KIND_RAW, construct);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, construct | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SOCK_SESSION_JOINING, SOCK_SESSION_CLOSED, SOCK_SESSION_JOINING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, readable);
  properties[PROP_REALM] = g_param_spec_string ("realm", NULL, NULL, NULL, readable);
  properties[PROP_AUTHID] = g_param_spec_string ("authid", NULL, NULL, NULL, readable);
  properties[PROP_AUTHROLE] = g_param_spec_string ("authrole", NULL, NULL, NULL, readable);
  properties[PROP_SUBPROTOCOL] = g_param_spec_string ("subprotocol", NULL, NULL, NULL, readable);
  properties[PROP_ROUTER_ROLES] = g_param_spec_boxed ("router-roles", NULL, NULL, G_TYPE_STRV, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROTOCOL_ERROR] = g_signal_new ("protocol-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sock_session_init (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  priv->state = SOCK_SESSION_JOINING;
  priv->join_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  priv->leave_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  priv->subscriptions = g_ptr_array_new_with_free_func (g_object_unref);
  priv->held_uris = g_ptr_array_new_with_free_func (g_free);
  priv->holds = g_array_new (FALSE, TRUE, sizeof (SockSubscriptionHold));
}

/* Accessors */

SockSessionKind
sock_session_get_kind (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), SOCK_SESSION_KIND_RAW);
  return priv->kind;
}

SockSessionState
sock_session_get_state (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), SOCK_SESSION_CLOSED);
  return priv->state;
}

const char *
sock_session_get_reason (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);
  return priv->reason;
}

SockTransport *
sock_session_get_transport (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);
  return priv->transport;
}

SockMessageLog *
sock_session_get_log (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);
  return priv->log;
}

const GError *
sock_session_get_error (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);
  return priv->error;
}

GPtrArray *
_sock_session_get_subscriptions (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return priv->subscriptions;
}

GPtrArray *
_sock_session_get_held_uris (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return priv->held_uris;
}

GArray *
_sock_session_get_holds (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return priv->holds;
}

SockSessionHooks *
_sock_session_get_hooks (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return &priv->hooks;
}

#define DEFINE_FACT(name)                                            \
  const char *                                                             \
  sock_session_get_##name (SockSession *self)                              \
  {                                                                        \
    SockSessionPrivate *priv = sock_session_get_instance_private (self);   \
                                                                           \
    g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);                   \
    return priv->name;                                                     \
  }

DEFINE_FACT (session_id)
DEFINE_FACT (realm)
DEFINE_FACT (authid)
DEFINE_FACT (authrole)
DEFINE_FACT (subprotocol)

const char * const *
sock_session_get_router_roles (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), NULL);
  return (const char * const *) priv->router_roles;
}

static void
set_fact (SockSession  *self,
          char        **field,
          const char   *value,
          guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_sock_session_set_facts (SockSession        *self,
                         const char         *session_id,
                         const char         *realm,
                         const char         *authid,
                         const char         *authrole,
                         const char * const *router_roles)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  SockHandshake *handshake = sock_transport_get_handshake (priv->transport);

  g_object_freeze_notify (G_OBJECT (self));
  set_fact (self, &priv->session_id, session_id, PROP_SESSION_ID);
  set_fact (self, &priv->realm, realm, PROP_REALM);
  set_fact (self, &priv->authid, authid, PROP_AUTHID);
  set_fact (self, &priv->authrole, authrole, PROP_AUTHROLE);
  set_fact (self, &priv->subprotocol, handshake ? sock_handshake_get_protocol (handshake) : NULL,
            PROP_SUBPROTOCOL);
  if (!(priv->router_roles == NULL && router_roles == NULL)
      && (priv->router_roles == NULL || router_roles == NULL
          || !g_strv_equal ((const char * const *) priv->router_roles, router_roles)))
    {
      g_strfreev (priv->router_roles);
      priv->router_roles = g_strdupv ((char **) router_roles);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTER_ROLES]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
_sock_session_set_reason (SockSession *self,
                          const char  *reason)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  if (g_strcmp0 (priv->reason, reason) == 0)
    return;
  g_free (priv->reason);
  priv->reason = g_strdup (reason);
  _sock_session_marker (self, _("%s session: %s"), sock_session_kind_to_string (priv->kind), reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

/* Join and leave */

void
sock_session_join_async (SockSession         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_session_join_async);

  if (priv->state == SOCK_SESSION_JOINED)
    return g_task_return_boolean (task, TRUE);
  if (priv->state != SOCK_SESSION_JOINING)
    return g_task_return_new_error (task, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED, "%s",
                                    priv->error ? priv->error->message : _("The session is closed"));

  g_ptr_array_add (priv->join_tasks, g_steal_pointer (&task));
  if (!priv->join_started)
    {
      priv->join_started = TRUE;
      SOCK_SESSION_GET_CLASS (self)->join (self);
    }
}

gboolean
sock_session_join_finish (SockSession   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sock_session_leave_async (SockSession         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SOCK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_session_leave_async);

  if (priv->state == SOCK_SESSION_CLOSED)
    return g_task_return_boolean (task, TRUE);

  g_ptr_array_add (priv->leave_tasks, g_steal_pointer (&task));
  if (priv->state != SOCK_SESSION_LEAVING)
    {
      _sock_session_set_state (self, SOCK_SESSION_LEAVING);
      SOCK_SESSION_GET_CLASS (self)->leave (self);
    }
}

gboolean
sock_session_leave_finish (SockSession   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For the session kinds */

void
_sock_session_set_state (SockSession      *self,
                         SockSessionState  state)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  if (priv->state != state)
    {
      priv->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

void
_sock_session_joined (SockSession *self)
{
  /* completing tasks runs their callbacks, which may drop the last reference to us */
  g_autoptr(SockSession) hold = g_object_ref (self);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  _sock_session_set_state (self, SOCK_SESSION_JOINED);
  fail_tasks (priv->join_tasks, NULL);
}

void
_sock_session_fail_join (SockSession *self,
                         GError      *error)
{
  /* completing tasks runs their callbacks, which may drop the last reference to us */
  g_autoptr(SockSession) hold = g_object_ref (self);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  if (priv->error == NULL)
    priv->error = g_error_copy (error);
  fail_tasks (priv->join_tasks, error);
  g_error_free (error);
}

void
_sock_session_closed (SockSession  *self,
                      const GError *error)
{
  /* completing tasks runs their callbacks, which may drop the last reference to us */
  g_autoptr(SockSession) hold = g_object_ref (self);
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autoptr(GError) not_joined = NULL;

  if (priv->state == SOCK_SESSION_CLOSED)
    return;

  if (error != NULL && priv->error == NULL)
    priv->error = g_error_copy (error);
  _sock_session_set_state (self, SOCK_SESSION_CLOSED);

  not_joined = error ? g_error_copy (error)
                     : g_error_new_literal (SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_NOT_JOINED,
                                            _("The session closed before it was joined"));
  fail_tasks (priv->join_tasks, not_joined);
  fail_tasks (priv->leave_tasks, NULL);
  g_signal_emit (self, signals[CLOSED], 0, error);
}

void
_sock_session_receive (SockSession  *self,
                       gboolean      is_text,
                       const guint8 *data,
                       gsize         len,
                       gint64        time_us)
{
  /* a frame may end the session (ABORT, GOODBYE, a violation), and whoever waited on it may drop
   * the last reference while we still handle it */
  g_autoptr(SockSession) hold = g_object_ref (self);

  SOCK_SESSION_GET_CLASS (self)->receive (self, is_text, data, len, time_us);
}

void
_sock_session_lost (SockSession  *self,
                    const GError *error)
{
  g_autoptr(SockSession) hold = g_object_ref (self);

  SOCK_SESSION_GET_CLASS (self)->lost (self, error);
  _sock_session_closed (self, error);
}

/* Logging */

guint32
_sock_session_intern_uri (SockSession *self,
                          const char  *uri)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return sock_message_log_intern_uri (priv->log, uri, -1);
}

guint64
_sock_session_append (SockSession        *self,
                      const SockLogEntry *entry,
                      const guint8       *raw,
                      gsize               len)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return sock_message_log_append (priv->log, entry, raw, len);
}

void
_sock_session_log_protocol_error (SockSession  *self,
                                  const GError *error,
                                  gboolean      is_text,
                                  const guint8 *raw,
                                  gsize         len,
                                  gint64        time_us)
{
  guint8 flags = SOCK_LOG_FLAG_PROTOCOL_ERROR | (is_text ? 0 : SOCK_LOG_FLAG_BINARY);

  _sock_session_log (self, SOCK_LOG_DIRECTION_IN, SOCK_LOG_KIND_PROTOCOL_ERROR, 0, NULL, 0, 0, flags,
                     raw, len, time_us);
  _sock_session_marker (self, _("protocol error: %s"), error->message);
  _sock_session_count_error (self, SOCK_STATS_ERROR_PROTOCOL, NULL);
  g_signal_emit (self, signals[PROTOCOL_ERROR], 0, error);
}

void
_sock_session_marker (SockSession *self,
                      const char  *format,
                      ...)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  sock_message_log_append_marker (priv->log, text);
}

/* The log (and so the list, the detail pane and every export) records that AUTHENTICATE was
 * sent, never the ticket or the WAMP-CRA signature in it. */
static void
log_masked_authenticate (SockSession *self)
{
  g_autofree char *masked = sock_wamp_build_authenticate (SOCK_SECRET_MASK, NULL);
  g_auto(SockWampMessage) shown = { 0 };
  gsize len = strlen (masked);

  /* kept as JSON text whatever the serializer: the record shows that it was sent, not its bytes */
  if (sock_wamp_decode (SOCK_WAMP_V2, masked, len, &shown, NULL))
    _sock_session_log (self, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_WAMP2, (guint8) shown.type, NULL, 0, 0,
                       SOCK_LOG_FLAG_NONE, (const guint8 *)masked, len, 0);
}

void
_sock_session_set_serializer (SockSession        *self,
                              SockWampSerializer  serializer,
                              gboolean            batched)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  priv->serializer = serializer;
  priv->batched = batched;
}

SockWampSerializer
sock_session_get_serializer (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  g_return_val_if_fail (SOCK_IS_SESSION (self), SOCK_WAMP_SERIALIZER_JSON);
  return priv->serializer;
}

gboolean
_sock_session_get_batched (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return priv->batched;
}

guint8
_sock_session_serializer_flags (SockSession *self)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);

  return sock_log_flags_for_serializer (priv->serializer);
}

/* Sends one WAMP v2 message in the session's serializer; *wire / *wire_len get the bytes of the
 * message as they went out (without a batch's framing), valid until the next send. */
static gboolean
send_serialized (SockSession   *self,
                 const char    *text,
                 gsize          len,
                 const guint8 **wire,
                 gsize         *wire_len,
                 GError       **error)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  gsize start;

  if (priv->encoded == NULL)
    priv->encoded = g_byte_array_new ();
  g_byte_array_set_size (priv->encoded, 0);
  start = priv->batched && priv->serializer != SOCK_WAMP_SERIALIZER_JSON ? 4 : 0;
  g_byte_array_set_size (priv->encoded, start);
  if (!sock_wamp_serializer_from_json (priv->serializer, text, len, priv->encoded, error))
    return FALSE;
  *wire_len = priv->encoded->len - start;
  if (priv->batched)
    {
      if (start == 4)
        {
          guint32 be = GUINT32_TO_BE ((guint32) *wire_len);

          memcpy (priv->encoded->data, &be, 4);
        }
      else
        g_byte_array_append (priv->encoded, (const guint8 *) "\x1e", 1);
    }
  *wire = priv->encoded->data + start;
  if (sock_wamp_serializer_is_binary (priv->serializer))
    return sock_transport_send_binary (priv->transport, priv->encoded->data, priv->encoded->len, error);
  return sock_transport_send_text (priv->transport, (const char *) priv->encoded->data, priv->encoded->len, error);
}

gboolean
_sock_session_send_message (SockSession      *self,
                            SockWampVersion   version,
                            char             *text,
                            GError          **error)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  g_autofree char *owned = text;
  g_auto(SockWampMessage) message = { 0 };
  gsize len = strlen (text);
  const guint8 *wire = (const guint8 *) text;
  gsize wire_len = len;

  if (version == SOCK_WAMP_V2 && (priv->serializer != SOCK_WAMP_SERIALIZER_JSON || priv->batched))
    {
      if (!send_serialized (self, text, len, &wire, &wire_len, error))
        return FALSE;
    }
  else if (!sock_transport_send_text (priv->transport, text, len, error))
    return FALSE;

  if (!sock_wamp_decode (version, text, len, &message, NULL))
    _sock_session_log (self, SOCK_LOG_DIRECTION_OUT, SOCK_LOG_KIND_TEXT, 0, NULL, 0, 0, 0,
                       (const guint8 *)text, len, 0);
  else if (version == SOCK_WAMP_V2 && message.type == SOCK_WAMP_AUTHENTICATE)
    log_masked_authenticate (self);
  else
    _sock_session_log_message (self, SOCK_LOG_DIRECTION_OUT, &message, wire, wire_len, 0);

  return TRUE;
}

gboolean
sock_session_send_raw (SockSession   *self,
                       gboolean       is_text,
                       const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  SockSessionPrivate *priv = sock_session_get_instance_private (self);
  gboolean sent;

  g_return_val_if_fail (SOCK_IS_SESSION (self), FALSE);

  sent = is_text ? sock_transport_send_text (priv->transport, (const char *)data, len, error)
                 : sock_transport_send_binary (priv->transport, data, len, error);
  if (sent)
    _sock_session_log (self, SOCK_LOG_DIRECTION_OUT, is_text ? SOCK_LOG_KIND_TEXT : SOCK_LOG_KIND_BINARY, 0,
                       NULL, 0, 0, is_text ? 0 : SOCK_LOG_FLAG_BINARY, data, len, 0);
  return sent;
}
