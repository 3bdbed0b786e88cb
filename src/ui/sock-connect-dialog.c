/* sock-connect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connect-dialog-private.h"
#include "sock-error.h"
#include "sock-saved-secrets.h"


G_DEFINE_FINAL_TYPE (SockConnectDialog, sock_connect_dialog, ADW_TYPE_WINDOW)

enum
{
  CONNECT,
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MIB (1024u * 1024u)

static gboolean
apply_tls (SockConnectDialog  *self,
           SockProfile        *profile,
           GError            **error)
{
  g_autofree char *pin = _sock_connect_dialog_dup_text (self->pin_row);

  switch ((SockTlsPolicy) adw_combo_row_get_selected (self->tls_row))
    {
    case SOCK_TLS_CA_FILE:
      if (self->ca_file == NULL)
        {
          g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE,
                               _("Choose the CA file to trust, or another certificate check"));
          return FALSE;
        }
      return sock_profile_set_ca_file (profile, self->ca_file, error);
    case SOCK_TLS_PIN:
      return sock_profile_set_pin (profile, pin, error);
    case SOCK_TLS_INSECURE:
      sock_profile_set_tls_policy (profile, SOCK_TLS_INSECURE);
      return TRUE;
    case SOCK_TLS_VERIFY:
    default:
      sock_profile_set_tls_policy (profile, SOCK_TLS_VERIFY);
      return TRUE;
    }
}

static void
apply_auth (SockConnectDialog  *self,
            SockConnectOptions *options)
{
  SockAuthMethod method = adw_combo_row_get_selected (self->auth_row);
  g_autofree char *authid = _sock_connect_dialog_dup_text (self->authid_row);

  if (method == SOCK_AUTH_ANONYMOUS)
    return;
  if (method == SOCK_AUTH_CRYPTOSIGN)
    {
      g_autofree char *key_file = _sock_connect_dialog_dup_text (self->key_row);

      /* the options read the key and say what is wrong with it; without a file, the key's text
       * pasted into the secret row (or from the keyring, for a saved connection) is the key */
      sock_connect_options_set_auth (options, method, authid,
                                     *key_file == '\0' ? gtk_editable_get_text (GTK_EDITABLE (self->secret_row))
                                                       : NULL);
      sock_connect_options_set_private_key_file (options, key_file);
      return;
    }
  /* The options say what is missing. */
  sock_connect_options_set_auth (options, method, authid,
                                 gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));
}

/* Custom: the names typed, split at commas and spaces, each checked by the profile. */
static gboolean
apply_protocol (SockConnectDialog   *self,
                SockConnectOptions  *options,
                GError             **error)
{
  SockProtocolChoice protocol = sock_protocol_choice_from_position (adw_combo_row_get_selected (self->protocol_row));
  g_autofree char *text = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) offered = NULL;

  if (protocol != SOCK_PROTOCOL_CHOICE_CUSTOM)
    {
      sock_connect_options_set_protocol (options, protocol);
      return TRUE;
    }
  text = _sock_connect_dialog_dup_text (self->subprotocols_row);
  names = g_regex_split_simple ("[,\\s]+", text, 0, 0);
  builder = g_strv_builder_new ();
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      g_strv_builder_add (builder, names[i]);
  offered = g_strv_builder_end (builder);
  return sock_connect_options_set_subprotocols (options, (const char * const *) offered, error);
}

/* The options the rows give, checked by each row but not as a whole. */
static SockConnectOptions *
dup_unchecked_options (SockConnectDialog  *self,
                       GError            **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *realm = NULL;
  g_autoptr(GError) headers_error = NULL;
  SockProfile *profile;
  gboolean headers_ok;
  gboolean rawsocket;

  url = _sock_connect_dialog_dup_text (self->url_row);
  origin = _sock_connect_dialog_dup_text (self->origin_row);
  realm = _sock_connect_dialog_dup_text (self->realm_row);
  /* Every row shows its own error, whatever else is wrong. */
  options = sock_connect_options_new ();
  profile = sock_connect_options_get_profile (options);
  /* RawSocket has no HTTP request: its rows are greyed out, and what they still hold is left out */
  rawsocket = sock_url_is_rawsocket (url);
  headers_ok = rawsocket || _sock_connect_dialog_apply_headers (self, profile, &headers_error);

  if (*url == '\0')
    {
      g_set_error_literal (error, SOCK_ERROR, SOCK_ERROR_INVALID_URL, _("Enter the server URL"));
      return NULL;
    }
  if (!sock_connect_options_set_url (options, url, error))
    return NULL;
  if (!headers_ok)
    {
      g_propagate_error (error, g_steal_pointer (&headers_error));
      return NULL;
    }
  if (!apply_protocol (self, options, error))
    return NULL;
  if (!rawsocket && *origin != '\0' && !sock_profile_set_origin (profile, origin, error))
    return NULL;
  if (!apply_tls (self, profile, error))
    return NULL;
  apply_auth (self, options);
  if (gtk_widget_get_visible (GTK_WIDGET (self->realm_row)))
    sock_connect_options_set_realm (options, realm);

  sock_profile_set_max_message_size (profile, (guint64) gtk_spin_button_get_value_as_int (self->max_size_spin) * MIB);
  sock_profile_set_keepalive_interval (profile, gtk_spin_button_get_value_as_int (self->keepalive_spin));
  sock_profile_set_connect_timeout (profile, gtk_spin_button_get_value_as_int (self->timeout_spin));
  sock_connect_options_set_reconnect (options, gtk_switch_get_active (self->reconnect_switch));
  _sock_connect_dialog_apply_subscriptions (self, options);
  return g_steal_pointer (&options);
}

SockConnectOptions *
sock_connect_dialog_dup_options (SockConnectDialog  *self,
                                 GError            **error)
{
  g_autoptr(SockConnectOptions) options = NULL;

  g_return_val_if_fail (SOCK_IS_CONNECT_DIALOG (self), NULL);

  options = dup_unchecked_options (self, error);
  if (options == NULL || !sock_connect_options_validate (options, error))
    return NULL;
  return g_steal_pointer (&options);
}

/* What Save keeps: valid options, but the secrets may be missing (asked for when connecting). */
static SockConnectOptions *
dup_options_to_save (SockConnectDialog  *self,
                     GError            **error)
{
  g_autoptr(SockConnectOptions) options = dup_unchecked_options (self, error);
  g_autoptr(SockConnectOptions) filled = NULL;
  g_auto(GStrv) missing = NULL;

  if (options == NULL)
    return NULL;
  /* judged as if every missing secret had been typed */
  filled = sock_connect_options_copy (options);
  missing = sock_saved_secrets_list_missing (filled);
  for (guint i = 0; missing[i] != NULL; i++)
    sock_saved_secrets_fill (filled, missing[i], "-");
  if (!sock_connect_options_validate (filled, error))
    return NULL;
  return g_steal_pointer (&options);
}

void
sock_connect_dialog_set_url (SockConnectDialog *self,
                             const char        *url)
{
  g_return_if_fail (SOCK_IS_CONNECT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}

const char *
sock_connect_dialog_get_problem (SockConnectDialog *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_DIALOG (self), NULL);

  return self->problem;
}

static void
update_visibility (SockConnectDialog *self)
{
  SockProtocolChoice protocol;
  SockTlsPolicy tls = adw_combo_row_get_selected (self->tls_row);
  SockAuthMethod auth = adw_combo_row_get_selected (self->auth_row);
  gboolean wamp2;

  /* first: it may change the choice (and come back here through validate) */
  _sock_connect_dialog_update_protocol_choices (self);
  protocol = sock_protocol_choice_from_position (adw_combo_row_get_selected (self->protocol_row));
  wamp2 = protocol != SOCK_PROTOCOL_CHOICE_WAMP1 && protocol != SOCK_PROTOCOL_CHOICE_RAW;
  gtk_widget_set_visible (GTK_WIDGET (self->subprotocols_row), protocol == SOCK_PROTOCOL_CHOICE_CUSTOM);
  _sock_connect_dialog_update_rawsocket_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->realm_row), wamp2);
  gtk_widget_set_visible (self->auth_group, wamp2);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_row), tls == SOCK_TLS_CA_FILE);
  gtk_widget_set_visible (GTK_WIDGET (self->pin_row), tls == SOCK_TLS_PIN);
  gtk_widget_set_visible (self->insecure_row, tls == SOCK_TLS_INSECURE);
  gtk_widget_set_visible (GTK_WIDGET (self->authid_row), auth != SOCK_AUTH_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), auth != SOCK_AUTH_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), auth == SOCK_AUTH_CRYPTOSIGN);
  /* cryptosign: the key's text pasted (masked, and kept in the keyring when saved) or its file */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 auth == SOCK_AUTH_TICKET ? _("_Ticket")
                                 : auth == SOCK_AUTH_CRYPTOSIGN ? _("Or Paste the Private Ke_y (kept in the keyring)")
                                 : _("_Secret"));
}

void
_sock_connect_dialog_validate (SockConnectDialog *self)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(SockConnectOptions) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) probe = NULL;
  g_autofree char *url = NULL;

  if (!self->ready)
    return;
  url = _sock_connect_dialog_dup_text (self->url_row);
  probe = sock_profile_new ();
  update_visibility (self);
  _sock_connect_dialog_update_public_key (self);
  options = sock_connect_dialog_dup_options (self, &error);

  g_clear_pointer (&self->problem, g_free);
  if (error != NULL)
    self->problem = g_strdup (error->message);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, self->problem != NULL);
  gtk_widget_set_tooltip_text (self->connect_button, self->problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.connect", options != NULL);
  saved = dup_options_to_save (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", saved != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  /* Mark the row that is at fault, once there is something to judge. */
  if (*url != '\0' && !sock_profile_set_url (probe, url, NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static void
dialog_connect (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  g_autoptr(SockConnectOptions) options = sock_connect_dialog_dup_options (self, NULL);

  if (options == NULL)
    return;
  g_signal_emit (self, signals[CONNECT], 0, options);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dialog_save (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  g_autoptr(SockConnectOptions) options = dup_options_to_save (self, NULL);
  g_autofree char *name = _sock_connect_dialog_dup_text (self->name_row);

  if (options == NULL)
    return;
  if (*name == '\0')
    {
      /* the one thing Save needs beyond Connect */
      gtk_label_set_text (self->problem_label, _("Enter a name to save these settings under"));
      gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  g_signal_emit (self, signals[SAVE], 0, options, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
sock_connect_dialog_set_name (SockConnectDialog *self,
                              const char        *name)
{
  g_return_if_fail (SOCK_IS_CONNECT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

const char *
sock_connect_dialog_get_name (SockConnectDialog *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

void
sock_connect_dialog_set_editing (SockConnectDialog *self,
                                 gboolean           editing)
{
  g_return_if_fail (SOCK_IS_CONNECT_DIALOG (self));

  self->editing = !!editing;
  gtk_window_set_title (GTK_WINDOW (self), editing ? _("Edit Saved Connection") : _("Connection Settings"));
  gtk_widget_set_visible (self->connect_button, !editing);
  if (editing)
    {
      gtk_widget_add_css_class (self->save_button, "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
    }
  else
    {
      gtk_widget_remove_css_class (self->save_button, "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), self->connect_button);
    }
}

static void
dialog_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
dialog_add_header (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  GtkWidget *row = _sock_connect_dialog_add_header_row (self, NULL, NULL);

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "name-entry"));
  _sock_connect_dialog_validate (self);
}

static void
dialog_add_subscription (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  GtkWidget *row = _sock_connect_dialog_add_subscription_row (self, NULL, SOCK_MATCH_EXACT);

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "topic-entry"));
  _sock_connect_dialog_validate (self);
}

static void
set_ca_file (SockConnectDialog *self,
             const char        *path)
{
  g_autofree char *basename = path ? g_path_get_basename (path) : NULL;

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  adw_action_row_set_subtitle (self->ca_row, basename ? basename : _("None chosen"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ca_row), path);
  _sock_connect_dialog_validate (self);
}

static void
on_chooser_response (SockConnectDialog *self,
                     int                response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      set_ca_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
dialog_choose_ca (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PEM Certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Trust a CA File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Trust"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
apply_options (SockConnectDialog  *self,
               SockConnectOptions *options)
{
  SockProfile *profile = sock_connect_options_get_profile (options);
  const char * const *headers = sock_profile_get_headers (profile);
  SockTlsPolicy tls = sock_profile_get_tls_policy (profile);
  SockProtocolChoice protocol = sock_connect_options_get_protocol (options);

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), sock_profile_get_url (profile) ?: "");
  adw_combo_row_set_selected (self->protocol_row, sock_protocol_choice_to_position (protocol));
  if (protocol == SOCK_PROTOCOL_CHOICE_CUSTOM)
    {
      g_autofree char *offered = g_strjoinv (", ", (char **) sock_profile_get_protocols (profile));

      gtk_editable_set_text (GTK_EDITABLE (self->subprotocols_row), offered);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->realm_row), sock_connect_options_get_realm (options) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->origin_row), sock_profile_get_origin (profile) ?: "");
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    _sock_connect_dialog_add_header_row (self, headers[i], headers[i + 1]);

  adw_combo_row_set_selected (self->tls_row, tls);
  if (tls == SOCK_TLS_CA_FILE)
    set_ca_file (self, sock_profile_get_ca_file (profile));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), sock_profile_get_pin (profile) ?: "");

  adw_combo_row_set_selected (self->auth_row, sock_connect_options_get_auth_method (options));
  gtk_editable_set_text (GTK_EDITABLE (self->authid_row), sock_connect_options_get_authid (options) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), sock_connect_options_get_secret (options) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), sock_connect_options_get_private_key_file (options) ?: "");

  gtk_spin_button_set_value (self->max_size_spin,
                             MAX (1, (sock_profile_get_max_message_size (profile) + MIB - 1) / MIB));
  gtk_spin_button_set_value (self->keepalive_spin, sock_profile_get_keepalive_interval (profile));
  gtk_spin_button_set_value (self->timeout_spin, sock_profile_get_connect_timeout (profile));
  gtk_switch_set_active (self->reconnect_switch, sock_connect_options_get_reconnect (options));
  for (guint i = 0; i < sock_connect_options_get_n_subscriptions (options); i++)
    {
      SockMatch match;
      const char *topic = sock_connect_options_get_subscription (options, i, &match);

      _sock_connect_dialog_add_subscription_row (self, topic, match);
    }
}

SockConnectDialog *
sock_connect_dialog_new (GtkWindow          *parent,
                         SockConnectOptions *options)
{
  SockConnectDialog *self = g_object_new (SOCK_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (options == NULL || SOCK_IS_CONNECT_OPTIONS (options), self);

  if (options != NULL)
    apply_options (self, options);
  _sock_connect_dialog_validate (self);
  /* Reopened without its secret (never stored): that is what to type first. */
  self->focus_secret = options != NULL && sock_connect_options_get_auth_method (options) != SOCK_AUTH_ANONYMOUS &&
                       sock_connect_options_get_authid (options) != NULL &&
                       sock_connect_options_get_secret (options) == NULL;

  return self;
}

static void
sock_connect_dialog_map (GtkWidget *widget)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (widget);

  GTK_WIDGET_CLASS (sock_connect_dialog_parent_class)->map (widget);
  /* once shown, so that the page scrolls to the row */
  if (self->focus_secret)
    gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
  self->focus_secret = FALSE;
}

static void
sock_connect_dialog_dispose (GObject *object)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOCK_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (sock_connect_dialog_parent_class)->dispose (object);
}

static void
sock_connect_dialog_finalize (GObject *object)
{
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (object);

  g_free (self->ca_file);
  g_free (self->problem);

  G_OBJECT_CLASS (sock_connect_dialog_parent_class)->finalize (object);
}

static void
sock_connect_dialog_class_init (SockConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_connect_dialog_dispose;
  object_class->finalize = sock_connect_dialog_finalize;
  widget_class->map = sock_connect_dialog_map;

  signals[CONNECT] = g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, SOCK_TYPE_CONNECT_OPTIONS);
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, SOCK_TYPE_CONNECT_OPTIONS, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, protocol_choices);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, subprotocols_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, realm_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, origin_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, headers_group);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, headers_list);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, subscriptions_list);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, auth_group);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, auth_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, authid_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, public_key_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, keepalive_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, reconnect_switch);
  gtk_widget_class_bind_template_callback_full (widget_class, "validate", G_CALLBACK (_sock_connect_dialog_validate));

  gtk_widget_class_install_action (widget_class, "dialog.connect", NULL, dialog_connect);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, dialog_save);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, dialog_cancel);
  gtk_widget_class_install_action (widget_class, "dialog.add-header", NULL, dialog_add_header);
  gtk_widget_class_install_action (widget_class, "dialog.add-subscription", NULL, dialog_add_subscription);
  gtk_widget_class_install_action (widget_class, "dialog.choose-ca", NULL, dialog_choose_ca);
  _sock_connect_dialog_class_init_key (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
sock_connect_dialog_init (SockConnectDialog *self)
{
  self->protocol_set_aside = GTK_INVALID_LIST_POSITION;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ready = TRUE;
}
