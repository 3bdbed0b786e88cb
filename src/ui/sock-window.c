/* sock-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page.h"
#include "sock-error.h"
#include "sock-probe.h"
#include "sock-window.h"
#include "sock-window-private.h"

G_DEFINE_FINAL_TYPE (SockWindow, sock_window, ADW_TYPE_APPLICATION_WINDOW)

void
sock_window_toast (SockWindow *self,
                   const char *message)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (SOCK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast title is Pango markup in libadwaita 1.2, and error texts quote URLs with '&'. */
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
sock_window_set_busy (SockWindow *self,
                      gboolean    busy)
{
  gtk_widget_set_visible (self->connect_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->connect_spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.probe", !busy);
}

static void
sock_window_cancel_probe (SockWindow *self)
{
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  sock_window_set_busy (self, FALSE);
}

void
_sock_window_show_start (SockWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

SockConnectOptions *
sock_window_new_options (SockWindow *self)
{
  SockConnectOptions *options;
  SockProfile *profile;

  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);

  options = sock_connect_options_new ();
  profile = sock_connect_options_get_profile (options);
  sock_profile_set_connect_timeout (profile, g_settings_get_uint (self->settings, "connect-timeout"));
  sock_profile_set_max_message_size (profile, g_settings_get_uint (self->settings, "max-message-size"));
  sock_profile_set_keepalive_interval (profile, g_settings_get_uint (self->settings, "keepalive-interval"));
  sock_profile_set_pong_timeout_ms (profile, g_settings_get_uint (self->settings, "pong-timeout") * 1000);
  sock_connect_options_set_reconnect (options, g_settings_get_boolean (self->settings, "reconnect"));
  return options;
}

SockConnectOptions *
_sock_window_dup_form_options (SockWindow  *self,
                               GError     **error)
{
  g_autoptr(SockConnectOptions) options = sock_window_new_options (self);
  g_autofree char *url = NULL;
  g_autofree char *realm = NULL;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  if (!sock_connect_options_set_url (options, url, error))
    return NULL;
  sock_connect_options_set_protocol (options,
                                     sock_protocol_choice_from_position (adw_combo_row_get_selected (self->protocol_row)));

  realm = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->realm_row))));
  if (gtk_widget_get_visible (GTK_WIDGET (self->realm_row)))
    sock_connect_options_set_realm (options, realm);

  if (!sock_connect_options_validate (options, error))
    return NULL;
  return g_steal_pointer (&options);
}

static void
sock_window_probe_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SockWindow) self = user_data;
  g_autoptr(SockHandshake) handshake = NULL;
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  diagnosis = sock_probe_finish (result, &handshake, &error);
  /* Whoever cancelled the probe (Back, a new Connect, closing) has moved on already. */
  if (diagnosis == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->probe_cancellable);
  sock_window_set_busy (self, FALSE);
  if (diagnosis == NULL)
    {
      sock_window_toast (self, error != NULL ? error->message : _("The probe gave no result"));
      return;
    }

  _sock_window_show_diagnosis (self->diagnosis_page, self->details_box, diagnosis, handshake);
  /* the form still holds what was tested: Connect opens a tab with the same settings */
  gtk_widget_set_visible (self->probe_connect_button,
                          sock_handshake_get_phase (handshake) == SOCK_PHASE_OPEN &&
                          sock_diagnosis_get_severity (diagnosis) != SOCK_SEVERITY_ERROR);
  adw_window_title_set_subtitle (self->window_title, self->probed_url);
  gtk_stack_set_visible_child_name (self->stack, "handshake");
}

/* The form's options; if they are not valid, the row at fault is flagged and the reason shown. */
static SockConnectOptions *
dup_form_options_or_complain (SockWindow *self)
{
  g_autoptr(GError) error = NULL;
  SockConnectOptions *options = _sock_window_dup_form_options (self, &error);

  if (options == NULL)
    {
      gtk_widget_add_css_class (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_REALM)
                                ? GTK_WIDGET (self->realm_row) : GTK_WIDGET (self->url_row), "error");
      sock_window_toast (self, error->message);
    }
  return options;
}

static void
sock_window_probe (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  g_autoptr(SockConnectOptions) options = dup_form_options_or_complain (self);

  if (options == NULL)
    return;

  _sock_window_remember (self, options);
  g_free (self->probed_url);
  self->probed_url = g_strdup (sock_connect_options_get_url (options));

  sock_window_cancel_probe (self);
  self->probe_cancellable = g_cancellable_new ();
  sock_window_set_busy (self, TRUE);
  sock_probe_async (sock_connect_options_get_profile (options), self->probe_cancellable, sock_window_probe_cb,
                    g_object_ref (self));
}

static void
sock_window_connect (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  g_autoptr(SockConnectOptions) options = dup_form_options_or_complain (self);

  if (options == NULL)
    return;

  sock_window_cancel_probe (self);
  sock_window_open_connection (self, options);
}

static void
sock_window_back (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SockWindow *self = SOCK_WINDOW (widget);
  gboolean on_start = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0;

  sock_window_cancel_probe (self);
  /* From the start page, Back returns to the open connections. */
  if (on_start && adw_tab_view_get_n_pages (self->tab_view) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "tabs");
      return;
    }
  _sock_window_show_start (self);
}

static void
sock_window_focus_url (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _sock_window_show_start (SOCK_WINDOW (widget));
}

static void
on_url_changed (SockWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->realm_row), "error");
}

static void
on_protocol_changed (SockWindow *self)
{
  SockProtocolChoice selected = sock_protocol_choice_from_position (adw_combo_row_get_selected (self->protocol_row));

  /* Only WAMP v2 has realms; Auto may end up speaking it. */
  gtk_widget_set_visible (GTK_WIDGET (self->realm_row),
                          selected != SOCK_PROTOCOL_CHOICE_WAMP1 && selected != SOCK_PROTOCOL_CHOICE_RAW);
}

static void
on_stack_page_changed (SockWindow *self)
{
  _sock_window_update_chrome (self);
}

void
sock_window_set_url (SockWindow *self,
                     const char *url)
{
  g_return_if_fail (SOCK_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
}

const char *
sock_window_get_url (SockWindow *self)
{
  g_return_val_if_fail (SOCK_IS_WINDOW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

gboolean
sock_window_set_protocol (SockWindow  *self,
                          const char  *protocol,
                          GError     **error)
{
  SockProtocolChoice choice;

  g_return_val_if_fail (SOCK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (protocol != NULL, FALSE);

  if (!sock_protocol_choice_from_string (protocol, &choice, error))
    return FALSE;
  adw_combo_row_set_selected (self->protocol_row, sock_protocol_choice_to_position (choice));
  return TRUE;
}

void
sock_window_set_realm (SockWindow *self,
                       const char *realm)
{
  g_return_if_fail (SOCK_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->realm_row), realm != NULL ? realm : "");
}

SockWindow *
sock_window_new (SockApplication *application)
{
  return g_object_new (SOCK_TYPE_WINDOW, "application", application, NULL);
}

static void
sock_window_constructed (GObject *object)
{
  SockWindow *self = SOCK_WINDOW (object);

  G_OBJECT_CLASS (sock_window_parent_class)->constructed (object);
  /* not in init: GtkWindow sets "maximized" to its default after init, as a construct property */
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
sock_window_dispose (GObject *object)
{
  SockWindow *self = SOCK_WINDOW (object);

  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_WINDOW);

  G_OBJECT_CLASS (sock_window_parent_class)->dispose (object);
}

static void
sock_window_finalize (GObject *object)
{
  SockWindow *self = SOCK_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_model);
  g_clear_pointer (&self->probed_url, g_free);

  G_OBJECT_CLASS (sock_window_parent_class)->finalize (object);
}

static void
sock_window_class_init (SockWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sock_window_constructed;
  object_class->dispose = sock_window_dispose;
  object_class->finalize = sock_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = _sock_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sockscope/Sockscope/sock-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SockWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, new_tab_button);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, probe_connect_button);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, realm_row);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, saved_list);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, diagnosis_page);
  gtk_widget_class_bind_template_child (widget_class, SockWindow, details_box);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_protocol_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_page_changed);

  gtk_widget_class_install_action (widget_class, "win.connect", NULL, sock_window_connect);
  gtk_widget_class_install_action (widget_class, "win.probe", NULL, sock_window_probe);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, sock_window_back);
  gtk_widget_class_install_action (widget_class, "win.focus-url", NULL, sock_window_focus_url);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.focus-url", NULL);
  _sock_window_class_init_tabs (widget_class);
  _sock_window_class_init_recent (widget_class);
  _sock_window_class_init_saved (widget_class);
}

static void
sock_window_init (SockWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);

  _sock_window_init_recent (self);
  _sock_window_init_saved (self);

  on_stack_page_changed (self);
  on_protocol_changed (self);
}
