/* sock-router-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The admin object, its lists and their states. The meta events that keep the lists live are in
 * sock-router-admin-events.c, refreshing in sock-router-admin-refresh.c, calls with deadlines and
 * the actions in sock-router-admin-call.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sock-admin-util-private.h"
#include "sock-router-admin-private.h"
#include "sock-wamp2-session.h"

G_DEFINE_FINAL_TYPE (SockRouterAdmin, sock_router_admin, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_LIVE,
  PROP_SESSIONS,
  PROP_SUBSCRIPTIONS,
  PROP_REGISTRATIONS,
  PROP_SESSIONS_STATE,
  PROP_SUBSCRIPTIONS_STATE,
  PROP_REGISTRATIONS_STATE,
  PROP_SESSIONS_MESSAGE,
  PROP_SUBSCRIPTIONS_MESSAGE,
  PROP_REGISTRATIONS_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
sock_admin_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { SOCK_ADMIN_STATE_UNKNOWN, "SOCK_ADMIN_STATE_UNKNOWN", "unknown" },
    { SOCK_ADMIN_STATE_AVAILABLE, "SOCK_ADMIN_STATE_AVAILABLE", "available" },
    { SOCK_ADMIN_STATE_NOT_OFFERED, "SOCK_ADMIN_STATE_NOT_OFFERED", "not-offered" },
    { SOCK_ADMIN_STATE_FAILED, "SOCK_ADMIN_STATE_FAILED", "failed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("SockAdminState", values));
  return type;
}

/* Lists and states ---------------------------------------------------------------------- */

void
_sock_router_admin_set_state (SockRouterAdmin *self,
                              SockAdminList    list,
                              SockAdminState   state,
                              const char      *message,
                              const GError    *error)
{
  SockAdminListData *data = &self->lists[list];
  gboolean state_changed = data->state != state;

  g_clear_error (&data->error);
  if (error != NULL)
    data->error = g_error_copy (error);
  data->state = state;
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_STATE + list]);
  if (g_strcmp0 (data->message, message) != 0)
    {
      g_free (data->message);
      data->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSIONS_MESSAGE + list]);
    }
}

gint64
_sock_router_admin_item_id (gpointer item)
{
  if (SOCK_IS_ADMIN_SESSION (item))
    return sock_admin_session_get_id (item);
  return sock_admin_entry_get_id (item);
}

gpointer
_sock_router_admin_find (SockRouterAdmin *self,
                         SockAdminList    list,
                         gint64           id,
                         guint           *position)
{
  GListModel *model = G_LIST_MODEL (self->lists[list].store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (_sock_router_admin_item_id (item) == id)
        {
          if (position != NULL)
            *position = i;
          return item;  /* the store keeps its reference */
        }
    }
  return NULL;
}

/* Sessions by id, subscriptions and registrations by URI (then id). */
int
_sock_router_admin_compare (gconstpointer a,
                            gconstpointer b,
                            gpointer      unused)
{
  gpointer x = (gpointer) a;
  gpointer y = (gpointer) b;
  gint64 p = _sock_router_admin_item_id (x);
  gint64 q = _sock_router_admin_item_id (y);
  int by_uri = 0;

  if (SOCK_IS_ADMIN_ENTRY (x))
    by_uri = g_strcmp0 (sock_admin_entry_get_uri (x), sock_admin_entry_get_uri (y));
  if (by_uri != 0)
    return by_uri;
  return p < q ? -1 : p > q;
}

/* The meta topics are internal subscriptions: the connection does not make them again after a
 * reconnect (nor lists them as the user's). A new session gets them anew, then the lists are read
 * again; the same session only reads them again. */
static void
on_connection_state (SockConnection  *connection,
                     GParamSpec      *pspec,
                     SockRouterAdmin *self)
{
  if (!self->live || sock_connection_get_state (connection) != SOCK_CONNECTION_JOINED)
    return;
  if (self->events_asked && self->events_session != sock_connection_get_session (connection))
    self->events_asked = FALSE;
  if (!self->events_asked)
    _sock_router_admin_follow (self);
  else
    sock_router_admin_refresh_async (self, SOCK_ADMIN_ALL, NULL, NULL, NULL);
}

/* GObject ------------------------------------------------------------------------------- */

static void
sock_router_admin_dispose (GObject *object)
{
  SockRouterAdmin *self = SOCK_ROUTER_ADMIN (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->events_session);
  if (self->connection != NULL)
    {
      g_clear_signal_handler (&self->event_handler, self->connection);
      g_clear_signal_handler (&self->state_handler, self->connection);
    }
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sock_router_admin_parent_class)->dispose (object);
}

static void
sock_router_admin_finalize (GObject *object)
{
  SockRouterAdmin *self = SOCK_ROUTER_ADMIN (object);

  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_clear_object (&self->lists[i].store);
      g_clear_error (&self->lists[i].error);
      g_free (self->lists[i].message);
    }
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sock_router_admin_parent_class)->finalize (object);
}

static void
sock_router_admin_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SockRouterAdmin *self = SOCK_ROUTER_ADMIN (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: g_value_set_object (value, self->connection); break;
    case PROP_LIVE: g_value_set_boolean (value, self->live); break;
    case PROP_SESSIONS:
    case PROP_SUBSCRIPTIONS:
    case PROP_REGISTRATIONS:
      g_value_set_object (value, self->lists[prop_id - PROP_SESSIONS].store);
      break;
    case PROP_SESSIONS_STATE:
    case PROP_SUBSCRIPTIONS_STATE:
    case PROP_REGISTRATIONS_STATE:
      g_value_set_enum (value, self->lists[prop_id - PROP_SESSIONS_STATE].state);
      break;
    case PROP_SESSIONS_MESSAGE:
    case PROP_SUBSCRIPTIONS_MESSAGE:
    case PROP_REGISTRATIONS_MESSAGE:
      g_value_set_string (value, self->lists[prop_id - PROP_SESSIONS_MESSAGE].message);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_router_admin_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SockRouterAdmin *self = SOCK_ROUTER_ADMIN (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: self->connection = g_value_dup_object (value); break;
    case PROP_LIVE: sock_router_admin_set_live (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sock_router_admin_constructed (GObject *object)
{
  SockRouterAdmin *self = SOCK_ROUTER_ADMIN (object);

  G_OBJECT_CLASS (sock_router_admin_parent_class)->constructed (object);

  self->event_handler = g_signal_connect (self->connection, "event", G_CALLBACK (_sock_router_admin_on_event),
                                          self);
  self->state_handler = g_signal_connect (self->connection, "notify::state",
                                          G_CALLBACK (on_connection_state), self);
}

static void
sock_router_admin_class_init (SockRouterAdminClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const names[SOCK_ADMIN_N_LISTS] = { "sessions", "subscriptions", "registrations" };

  object_class->dispose = sock_router_admin_dispose;
  object_class->finalize = sock_router_admin_finalize;
  object_class->get_property = sock_router_admin_get_property;
  object_class->set_property = sock_router_admin_set_property;
  object_class->constructed = sock_router_admin_constructed;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, SOCK_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    {
      g_autofree char *state = g_strdup_printf ("%s-state", names[i]);
      g_autofree char *message = g_strdup_printf ("%s-message", names[i]);

      properties[PROP_SESSIONS + i] = g_param_spec_object (g_intern_string (names[i]), NULL, NULL,
                                                           G_TYPE_LIST_MODEL, ro);
      properties[PROP_SESSIONS_STATE + i] = g_param_spec_enum (g_intern_string (state), NULL, NULL,
                                                               SOCK_TYPE_ADMIN_STATE,
                                                               SOCK_ADMIN_STATE_UNKNOWN, ro);
      properties[PROP_SESSIONS_MESSAGE + i] = g_param_spec_string (g_intern_string (message), NULL,
                                                                   NULL, NULL, ro);
    }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sock_router_admin_init (SockRouterAdmin *self)
{
  self->cancellable = g_cancellable_new ();
  self->timeout_ms = SOCK_ROUTER_ADMIN_DEFAULT_TIMEOUT_MS;
  self->lists[SOCK_ADMIN_SESSIONS].store = g_list_store_new (SOCK_TYPE_ADMIN_SESSION);
  self->lists[SOCK_ADMIN_SUBSCRIPTIONS].store = g_list_store_new (SOCK_TYPE_ADMIN_SUBSCRIPTION);
  self->lists[SOCK_ADMIN_REGISTRATIONS].store = g_list_store_new (SOCK_TYPE_ADMIN_REGISTRATION);
}

/* API ----------------------------------------------------------------------------------- */

SockRouterAdmin *
sock_router_admin_new (SockConnection *connection)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (connection), NULL);

  return g_object_new (SOCK_TYPE_ROUTER_ADMIN, "connection", connection, NULL);
}

SockConnection *
sock_router_admin_get_connection (SockRouterAdmin *self)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), NULL);
  return self->connection;
}

void
sock_router_admin_set_live (SockRouterAdmin *self,
                            gboolean         live)
{
  g_return_if_fail (SOCK_IS_ROUTER_ADMIN (self));

  live = !!live;
  if (self->live == live)
    return;
  self->live = live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
  if (live && sock_connection_get_state (self->connection) == SOCK_CONNECTION_JOINED)
    _sock_router_admin_follow (self);
}

gboolean
sock_router_admin_get_live (SockRouterAdmin *self)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), FALSE);
  return self->live;
}

void
sock_router_admin_set_timeout (SockRouterAdmin *self,
                               guint            timeout_ms)
{
  g_return_if_fail (SOCK_IS_ROUTER_ADMIN (self));
  g_return_if_fail (timeout_ms > 0);
  self->timeout_ms = timeout_ms;
}

GListModel *
sock_router_admin_get_list (SockRouterAdmin *self,
                            SockAdminList    list)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), NULL);
  g_return_val_if_fail (list < SOCK_ADMIN_N_LISTS, NULL);
  return G_LIST_MODEL (self->lists[list].store);
}

GListModel *
sock_router_admin_get_sessions (SockRouterAdmin *self)
{
  return sock_router_admin_get_list (self, SOCK_ADMIN_SESSIONS);
}

GListModel *
sock_router_admin_get_subscriptions (SockRouterAdmin *self)
{
  return sock_router_admin_get_list (self, SOCK_ADMIN_SUBSCRIPTIONS);
}

GListModel *
sock_router_admin_get_registrations (SockRouterAdmin *self)
{
  return sock_router_admin_get_list (self, SOCK_ADMIN_REGISTRATIONS);
}

SockAdminState
sock_router_admin_get_state (SockRouterAdmin *self,
                             SockAdminList    list)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), SOCK_ADMIN_STATE_UNKNOWN);
  g_return_val_if_fail (list < SOCK_ADMIN_N_LISTS, SOCK_ADMIN_STATE_UNKNOWN);
  return self->lists[list].state;
}

gboolean
sock_router_admin_get_list_live (SockRouterAdmin *self,
                                 SockAdminList    list)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), FALSE);
  g_return_val_if_fail (list < SOCK_ADMIN_N_LISTS, FALSE);
  return self->live && self->lists[list].live && self->lists[list].state == SOCK_ADMIN_STATE_AVAILABLE;
}

const char *
sock_router_admin_get_message (SockRouterAdmin *self,
                               SockAdminList    list)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), NULL);
  g_return_val_if_fail (list < SOCK_ADMIN_N_LISTS, NULL);
  return self->lists[list].message;
}

const GError *
sock_router_admin_get_error (SockRouterAdmin *self,
                             SockAdminList    list)
{
  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), NULL);
  g_return_val_if_fail (list < SOCK_ADMIN_N_LISTS, NULL);
  return self->lists[list].error;
}

gboolean
sock_router_admin_has_event_history (SockRouterAdmin *self)
{
  SockSession *session;

  g_return_val_if_fail (SOCK_IS_ROUTER_ADMIN (self), FALSE);

  session = sock_connection_get_session (self->connection);
  return SOCK_IS_WAMP2_SESSION (session)
         && sock_wamp2_session_has_feature (SOCK_WAMP2_SESSION (session), "broker", "event_history");
}

void
sock_router_admin_refresh_async (SockRouterAdmin     *self,
                                 SockAdminList        list,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  guint n = list == SOCK_ADMIN_ALL ? SOCK_ADMIN_N_LISTS : 1;

  g_return_if_fail (SOCK_IS_ROUTER_ADMIN (self));
  g_return_if_fail (list <= SOCK_ADMIN_ALL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sock_router_admin_refresh_async);
  g_task_set_task_data (task, g_memdup2 (&n, sizeof n), g_free);
  for (guint i = 0; i < SOCK_ADMIN_N_LISTS; i++)
    if (list == SOCK_ADMIN_ALL || list == i)
      _sock_router_admin_refresh_list (self, i, g_object_ref (task));
  g_object_unref (task);
}

gboolean
sock_router_admin_refresh_finish (SockRouterAdmin  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
