/* sock-connection-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page.h"
#include "sock-connection-page-private.h"
#include "sock-number-format.h"
#include "sock-handshake-view.h"
#include "sock-health-notifier.h"
#include "sock-message-view.h"

G_DEFINE_FINAL_TYPE (SockConnectionPage, sock_connection_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_URL,
  PROP_STATE_TEXT,
  PROP_ICON,
  PROP_LOADING,
  N_PROPS
};

enum
{
  EDIT_SETTINGS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *state_classes[] = { "success", "warning", "error" };

static void
set_string_prop (SockConnectionPage  *self,
                 char               **field,
                 const char          *value,
                 guint                prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  /* Setting the same text still re-measures the label. */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
set_state_look (SockConnectionPage *self,
                const char         *icon_name,
                const char         *css_class,
                gboolean            loading)
{
  g_autoptr(GIcon) icon = icon_name ? g_themed_icon_new (icon_name) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), state_classes[i]);
    }
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_image), css_class);
    }

  gtk_image_set_from_gicon (self->state_image, icon);
  gtk_spinner_set_spinning (self->state_spinner, loading);
  gtk_stack_set_visible_child_name (self->state_icon_stack, loading ? "spinner" : "icon");

  if (!(self->icon == icon || (self->icon && icon && g_icon_equal (self->icon, icon))))
    {
      g_set_object (&self->icon, icon);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON]);
    }
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static char *
dup_state_text (SockConnectionPage *self)
{
  SockConnection *connection = self->connection;
  const char *reason = sock_connection_get_close_reason (connection);

  switch (sock_connection_get_state (connection))
    {
    case SOCK_CONNECTION_CONNECTING:
      {
        const char *doing = self->n_lost > 0 ? _("Reconnecting…") : _("Connecting…");
        g_autofree char *countdown = _sock_connection_page_dup_connect_countdown (self);

        /* Translators: "Connecting…" and "gives up in 12 s" */
        return countdown ? g_strdup_printf (_("%s %s"), doing, countdown) : g_strdup (doing);
      }
    case SOCK_CONNECTION_JOINED:
      return g_strdup (sock_connection_get_kind (connection) == SOCK_SESSION_KIND_RAW ? _("Open") : _("Joined"));
    case SOCK_CONNECTION_NOT_RESPONDING:
      /* why: in the tooltip (close-reason) */
      return g_strdup (_("Not responding"));
    case SOCK_CONNECTION_RECONNECTING:
      {
        gint64 left = (self->reconnect_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

        return g_strdup_printf (_("Reconnecting in %u s…"), (guint) MAX (left, 0));
      }
    case SOCK_CONNECTION_CLOSED:
    default:
      if (reason != NULL && *reason != '\0')
        return g_strdup_printf (_("Closed: %s"), reason);
      return g_strdup (_("Closed"));
    }
}

static void
update_state (SockConnectionPage *self)
{
  SockConnectionState state = sock_connection_get_state (self->connection);
  const char *reason = sock_connection_get_close_reason (self->connection);
  g_autofree char *text = dup_state_text (self);

  set_label (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label),
                               state == SOCK_CONNECTION_JOINED || state == SOCK_CONNECTION_NOT_RESPONDING
                               ? NULL : reason);
  set_string_prop (self, &self->state_text, text, PROP_STATE_TEXT);
  gtk_widget_set_visible (self->reconnect_button,
                          state == SOCK_CONNECTION_RECONNECTING
                          || (state == SOCK_CONNECTION_CLOSED && self->open_done
                              && !g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "failed")));
  _sock_connection_page_update_control (self);

  if (state == SOCK_CONNECTION_CONNECTING)
    set_state_look (self, NULL, NULL, TRUE);
  else if (state == SOCK_CONNECTION_JOINED)
    set_state_look (self, "emblem-ok-symbolic", "success", FALSE);
  else if (state == SOCK_CONNECTION_NOT_RESPONDING)
    set_state_look (self, "dialog-warning-symbolic", "warning", FALSE);
  else if (state == SOCK_CONNECTION_RECONNECTING)
    set_state_look (self, "view-refresh-symbolic", "warning", FALSE);
  else if (reason != NULL)
    set_state_look (self, "dialog-error-symbolic", "error", FALSE);
  else
    set_state_look (self, "network-offline-symbolic", NULL, FALSE);
}

static const char *
kind_name (SockSessionKind kind)
{
  switch (kind)
    {
    case SOCK_SESSION_KIND_WAMP2:
      return _("WAMP v2");
    case SOCK_SESSION_KIND_WAMP1:
      return _("WAMP v1");
    case SOCK_SESSION_KIND_RAW:
    default:
      return _("Raw");
    }
}

static gboolean
text_or_dash (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text && *text ? text : "—");
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static gboolean
protocol_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(SockSession) session = SOCK_SESSION (g_binding_dup_source (binding));
  const char *subprotocol = g_value_get_string (from);

  if (session == NULL)
    return FALSE;
  g_value_take_string (to, g_strdup_printf ("%s · %s", kind_name (sock_session_get_kind (session)),
                                            subprotocol ? subprotocol : _("no subprotocol")));
  return TRUE;
}

/* The facts are the joined session's: while connecting or reconnecting there is none to show (the
 * state says why), rather than the last session's. */
static void
update_session_facts (SockConnectionPage *self)
{
  SockConnectionState state = sock_connection_get_state (self->connection);
  SockSession *session = sock_connection_get_session (self->connection);
  gboolean joined = state == SOCK_CONNECTION_JOINED || state == SOCK_CONNECTION_NOT_RESPONDING;

  g_binding_group_set_source (self->session_bindings, joined ? session : NULL);
  if (joined)
    return;
  set_label (self->protocol_label, "—");
  set_label (self->session_label, "—");
  gtk_widget_set_visible (self->realm_fact, FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->protocol_fact), NULL);
}

static void
bind_session_facts (SockConnectionPage *self)
{
  GBindingGroup *group = self->session_bindings;

  g_binding_group_bind_full (group, "subprotocol", self->protocol_label, "label", G_BINDING_SYNC_CREATE,
                             protocol_text, NULL, NULL, NULL);
  g_binding_group_bind (group, "reason", self->protocol_fact, "tooltip-text", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (group, "realm", self->realm_fact, "visible", G_BINDING_SYNC_CREATE,
                             is_set, NULL, NULL, NULL);
  g_binding_group_bind_full (group, "realm", self->realm_label, "label", G_BINDING_SYNC_CREATE,
                             text_or_dash, NULL, NULL, NULL);
  g_binding_group_bind_full (group, "session-id", self->session_label, "label", G_BINDING_SYNC_CREATE,
                             text_or_dash, NULL, NULL, NULL);
}

static gboolean
rate_text (GBinding     *binding,
           const GValue *from,
           GValue       *to,
           gpointer      user_data)
{
  g_value_take_string (to, sock_format_rate (g_value_get_double (from)));
  return TRUE;
}

/* The bindings above follow the rates; a change of digit grouping is shown at once. */
static void
regroup_rates (SockConnectionPage *self)
{
  double rate_in = 0, rate_out = 0;
  g_autofree char *in_text = NULL;
  g_autofree char *out_text = NULL;

  g_object_get (self->connection, "rate-in", &rate_in, "rate-out", &rate_out, NULL);
  in_text = sock_format_rate (rate_in);
  out_text = sock_format_rate (rate_out);
  gtk_label_set_label (self->rate_in_label, in_text);
  gtk_label_set_label (self->rate_out_label, out_text);
}

static gboolean
countdown_tick (gpointer data)
{
  update_state (data);
  return G_SOURCE_CONTINUE;
}

static void
on_state_changed (SockConnectionPage *self)
{
  SockConnectionState state = sock_connection_get_state (self->connection);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (state == SOCK_CONNECTION_RECONNECTING)
    {
      self->reconnect_at = sock_connection_get_reconnect_time (self->connection);
      self->n_lost++;
      self->countdown_id = g_timeout_add_seconds (1, countdown_tick, self);
    }
  else if (state == SOCK_CONNECTION_CONNECTING)
    self->countdown_id = g_timeout_add_seconds (1, countdown_tick, self);
  if (state == SOCK_CONNECTION_JOINED)
    self->n_lost = 0;

  update_state (self);
  update_session_facts (self);
}

static gboolean
release_connection (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SockConnectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The open completes from inside the session (an ABORT, say), which does not hold a reference
   * to itself; if this tab is gone, the task held the last reference to the connection. */
  g_idle_add (release_connection, g_object_ref (object));
  if (!sock_connection_open_finish (SOCK_CONNECTION (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && g_cancellable_is_cancelled (self->cancellable))
    return;

  self->open_done = TRUE;
  /* Cancel, or Disconnect while connecting: closed by the user, nothing to diagnose */
  if (error != NULL && !self->closed_by_user)
    _sock_connection_page_show_failure (self, error);
  else
    gtk_stack_set_visible_child_name (self->content_stack, "session");
  update_state (self);
}

void
sock_connection_page_open (SockConnectionPage *self)
{
  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (self));

  if (sock_connection_get_state (self->connection) != SOCK_CONNECTION_CLOSED)
    return;

  self->open_done = FALSE;
  self->closed_by_user = FALSE;
  self->n_lost = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "session");
  gtk_widget_set_visible (self->sidebar_button, TRUE);
  sock_connection_open_async (self->connection, self->cancellable, open_cb, g_object_ref (self));
  update_state (self);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  sock_connection_close_finish (SOCK_CONNECTION (object), result, NULL);
  /* The close completes from inside the session's own teardown, which does not hold a
   * reference to itself: let go of the connection (and its session) once that is over. */
  g_idle_add (release_connection, g_object_ref (object));
}

void
sock_connection_page_close (SockConnectionPage *self)
{
  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  /* The task holds the connection until the GOODBYE exchange is over. */
  if (sock_connection_get_state (self->connection) != SOCK_CONNECTION_CLOSED)
    sock_connection_close_async (self->connection, NULL, close_cb, NULL);
}

static void
page_retry (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  sock_connection_page_open (SOCK_CONNECTION_PAGE (widget));
}

static void
page_show_sidebar (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
page_show_handshakes (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  SockHandshake *handshake = sock_connection_get_handshake (self->connection);

  if (self->handshakes_window != NULL)
    return gtk_window_present (GTK_WINDOW (self->handshakes_window));
  self->handshakes_window = sock_handshake_view_present_window (widget, sock_connection_get_handshakes (self->connection),
                                                                handshake ? sock_handshake_get_url (handshake) : NULL);
  g_object_add_weak_pointer (G_OBJECT (self->handshakes_window), (gpointer *) &self->handshakes_window);
}

static void
page_edit_settings (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_signal_emit (widget, signals[EDIT_SETTINGS], 0);
}

GtkWidget *
sock_connection_page_new (SockConnectOptions *options)
{
  g_autoptr(SockConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  SockConnectionPage *self;

  g_return_val_if_fail (SOCK_IS_CONNECT_OPTIONS (options), NULL);

  connection = sock_connection_new_for_options (options, &error);
  if (connection == NULL)
    {
      g_critical ("A connection page needs valid options: %s", error->message);
      return NULL;
    }
  self = g_object_new (SOCK_TYPE_CONNECTION_PAGE, NULL);
  self->connection = g_steal_pointer (&connection);
  _sock_connection_page_setup (self);
  for (guint i = 0; i < sock_connect_options_get_n_subscriptions (options); i++)
    {
      SockMatch match;
      const char *topic = sock_connect_options_get_subscription (options, i, &match);

      sock_connection_page_subscribe (self, topic, match);
    }

  return GTK_WIDGET (self);
}

static gboolean
megabytes_to_bytes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint64 (value, (guint64) g_variant_get_uint32 (variant) * 1024 * 1024);
  return TRUE;
}

/* Preferences › Message Log applies to every open log at once, and for the log's lifetime: the
 * bindings hold the settings and go away with the log. */
static void
bind_log_caps (SockMessageLog *log)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GSettingsBindFlags flags = G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY;

  g_settings_bind (settings, "log-max-messages", log, "max-messages", flags);
  g_settings_bind_with_mapping (settings, "log-max-megabytes", log, "max-bytes", flags,
                                megabytes_to_bytes, NULL, NULL, NULL);
}

/* A connection that speaks no WAMP gets the raw composer instead of the WAMP forms (hidden, not
 * greyed out: there is nothing to subscribe to). Until the kind is known, the forms stay. */
static void
update_sidebar_kind (SockConnectionPage *self)
{
  SockConnectOptions *options = sock_connection_get_options (self->connection);
  gboolean raw = (sock_connection_get_session (self->connection) != NULL &&
                  sock_connection_get_kind (self->connection) == SOCK_SESSION_KIND_RAW) ||
                 (options != NULL && sock_connect_options_get_protocol (options) == SOCK_PROTOCOL_CHOICE_RAW);

  gtk_widget_set_visible (self->subscribe_box, !raw);
  gtk_widget_set_visible (self->subscriptions_box, !raw);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_form), !raw);
  gtk_widget_set_visible (GTK_WIDGET (self->call_form), !raw);
  gtk_widget_set_visible (GTK_WIDGET (self->mock_form), !raw);
  gtk_widget_set_visible (GTK_WIDGET (self->raw_composer), raw);
}

/* Called once the connection exists. */
void
_sock_connection_page_setup (SockConnectionPage *self)
{
  SockConnectOptions *options = sock_connection_get_options (self->connection);
  const char *url = sock_connect_options_get_url (options);
  g_autofree char *title = sock_connect_options_dup_title (options);

  set_string_prop (self, &self->title, title, PROP_TITLE);
  set_string_prop (self, &self->url, url, PROP_URL);
  set_label (self->url_label, url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_label), url);

  g_signal_connect_object (self->connection, "notify::state", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::close-reason", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property_full (self->connection, "rate-in", self->rate_in_label, "label", G_BINDING_SYNC_CREATE,
                               rate_text, NULL, NULL, NULL);
  g_object_bind_property_full (self->connection, "rate-out", self->rate_out_label, "label",
                               G_BINDING_SYNC_CREATE, rate_text, NULL, NULL, NULL);
  sock_number_format_watch (G_CALLBACK (regroup_rates), self);
  bind_session_facts (self);
  sock_health_notifier_watch (self);
  _sock_connection_page_bind_subscriptions (self);

  sock_publish_form_set_connection (self->publish_form, self->connection);
  sock_call_form_set_connection (self->call_form, self->connection);
  sock_mock_form_set_connection (self->mock_form, self->connection);
  sock_raw_composer_set_connection (self->raw_composer, self->connection);
  g_signal_connect_object (self->connection, "notify::session", G_CALLBACK (update_sidebar_kind), self,
                           G_CONNECT_SWAPPED);
  update_sidebar_kind (self);
  sock_router_view_set_connection (self->router_view, self->connection);
  bind_log_caps (sock_connection_get_log (self->connection));
  sock_message_view_set_log (SOCK_MESSAGE_VIEW (self->view), sock_connection_get_log (self->connection));
  /* a node chosen in Topics filters the messages; the filter bar's chip clears both */
  g_object_bind_property (sock_router_view_get_topic_view (self->router_view), "uri-prefix", self->view, "uri-prefix",
                          G_BINDING_BIDIRECTIONAL);

  update_state (self);
  update_session_facts (self);
}

SockConnectOptions *
sock_connection_page_get_options (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  return sock_connection_get_options (self->connection);
}

SockConnection *
sock_connection_page_get_connection (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  return self->connection;
}

GtkWidget *
sock_connection_page_get_message_view (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  return self->view;
}

const char *
sock_connection_page_get_title (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  return self->title;
}

const char *
sock_connection_page_get_state_text (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  return self->state_text;
}

double
sock_connection_page_get_rate_in (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), 0);

  return sock_connection_get_rate_in (self->connection);
}

double
sock_connection_page_get_rate_out (SockConnectionPage *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), 0);

  return sock_connection_get_rate_out (self->connection);
}

static void
sock_connection_page_dispose (GObject *object)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (object);
  GtkWidget *child;

  if (self->handshakes_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->handshakes_window));
  if (self->connection != NULL)
    sock_connection_page_close (self);
  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->session_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_CONNECTION_PAGE);
  /* The template's unnamed children (the separator) are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sock_connection_page_parent_class)->dispose (object);
}

static void
sock_connection_page_finalize (GObject *object)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->icon);
  g_clear_object (&self->fix_options);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->state_text, g_free);

  G_OBJECT_CLASS (sock_connection_page_parent_class)->finalize (object);
}

static void
sock_connection_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_STATE_TEXT: g_value_set_string (value, self->state_text); break;
    case PROP_ICON: g_value_set_object (value, self->icon); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
page_prepare_call (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sock_call_form_prepare (SOCK_CONNECTION_PAGE (widget)->call_form, g_variant_get_string (parameter, NULL));
}

static void
sock_connection_page_class_init (SockConnectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sock_connection_page_dispose;
  object_class->finalize = sock_connection_page_finalize;
  object_class->get_property = sock_connection_page_get_property;

  g_type_ensure (SOCK_TYPE_PUBLISH_FORM);
  g_type_ensure (SOCK_TYPE_CALL_FORM);
  g_type_ensure (SOCK_TYPE_MOCK_FORM);
  g_type_ensure (SOCK_TYPE_RAW_COMPOSER);
  g_type_ensure (SOCK_TYPE_ROUTER_VIEW);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_STATE_TEXT] = g_param_spec_string ("state-text", NULL, NULL, NULL, flags);
  properties[PROP_ICON] = g_param_spec_object ("icon", NULL, NULL, G_TYPE_ICON, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EDIT_SETTINGS] = g_signal_new ("edit-settings", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-connection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, state_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, state_image);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, url_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, protocol_fact);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, protocol_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, realm_fact);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, realm_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, session_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, rate_in_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, rate_out_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, flap);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, view_bin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, router_view);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, topic_entry);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, match_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, subscriptions_placeholder);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, subscription_list);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, subscription_selection);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, publish_form);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, call_form);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, mock_form);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, subscribe_box);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, subscriptions_box);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, raw_composer);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, diagnosis_page);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, details_box);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_topic_activate",
                                                G_CALLBACK (_sock_connection_page_on_topic_activate));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_topic_changed",
                                                G_CALLBACK (_sock_connection_page_on_topic_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_topic_icon_release",
                                                G_CALLBACK (_sock_connection_page_on_topic_icon_release));

  gtk_widget_class_install_action (widget_class, "page.retry", NULL, page_retry);
  gtk_widget_class_install_action (widget_class, "page.edit-settings", NULL, page_edit_settings);
  gtk_widget_class_install_action (widget_class, "page.show-sidebar", NULL, page_show_sidebar);
  gtk_widget_class_install_action (widget_class, "page.show-handshakes", NULL, page_show_handshakes);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_H, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.show-handshakes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "page.show-sidebar", NULL);
  /* the Router view's "Call…" on a registration */
  gtk_widget_class_install_action (widget_class, "page.prepare-call", "s", page_prepare_call);
  _sock_connection_page_install_send_actions (widget_class);
  _sock_connection_page_install_subscription_actions (widget_class);
  _sock_connection_page_install_control_actions (widget_class);
  _sock_connection_page_class_init_failure (widget_class);
}

static void
sock_connection_page_init (SockConnectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->session_bindings = g_binding_group_new ();
  self->view = sock_message_view_new ();
  adw_bin_set_child (self->view_bin, self->view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.subscribe", FALSE);
}
