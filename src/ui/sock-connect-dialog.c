/* sock-connect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connect-dialog.h"
#include "sock-error.h"

struct _SockConnectDialog
{
  AdwWindow             parent_instance;

  SockConnectOptions   *base;      /* what the form started from: kept for what it does not show */
  char                 *ca_file;
  char                 *problem;
  GtkFileChooserNative *chooser;
  gboolean              ready;     /* the template is complete */
  gboolean              focus_secret;

  /* template */
  GtkWidget            *connect_button;
  GtkRevealer          *problem_revealer;
  GtkLabel             *problem_label;
  AdwEntryRow          *url_row;
  AdwComboRow          *protocol_row;
  AdwEntryRow          *realm_row;
  AdwEntryRow          *origin_row;
  GtkListBox           *headers_list;
  AdwComboRow          *tls_row;
  AdwActionRow         *ca_row;
  AdwEntryRow          *pin_row;
  GtkWidget            *insecure_row;
  GtkWidget            *auth_group;
  AdwComboRow          *auth_row;
  AdwEntryRow          *authid_row;
  AdwEntryRow          *secret_row;
  GtkSpinButton        *max_size_spin;
  GtkSpinButton        *keepalive_spin;
  GtkSpinButton        *timeout_spin;
  GtkSwitch            *reconnect_switch;
};

G_DEFINE_FINAL_TYPE (SockConnectDialog, sock_connect_dialog, ADW_TYPE_WINDOW)

enum
{
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MIB (1024u * 1024u)

static void validate (SockConnectDialog *self);

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* Headers: one row each, with a name entry, a value entry and the error below them. */

static void
on_remove_header (GtkListBoxRow *row)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));
  SockConnectDialog *self = SOCK_CONNECT_DIALOG (gtk_widget_get_root (list));

  gtk_list_box_remove (GTK_LIST_BOX (list), GTK_WIDGET (row));
  validate (self);
}

static GtkWidget *
new_header_entry (SockConnectDialog *self,
                  const char        *placeholder,
                  const char        *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_input_hints (GTK_ENTRY (entry), GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_NO_EMOJI);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  return entry;
}

static GtkWidget *
add_header_row (SockConnectDialog *self,
                const char        *name,
                const char        *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_entry = new_header_entry (self, _("Name"), name);
  GtkWidget *value_entry = new_header_entry (self, _("Value"), value);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *error = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "header-row");
  gtk_editable_set_width_chars (GTK_EDITABLE (name_entry), 12);
  gtk_widget_set_hexpand (value_entry, TRUE);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this header"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_header), row);

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);

  gtk_box_append (GTK_BOX (line), name_entry);
  gtk_box_append (GTK_BOX (line), value_entry);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), error);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "name-entry", name_entry);
  g_object_set_data (G_OBJECT (row), "value-entry", value_entry);
  g_object_set_data (G_OBJECT (row), "error-label", error);

  gtk_list_box_append (self->headers_list, row);
  return row;
}

/* Adds every header to profile; each row shows its own error. */
static gboolean
apply_headers (SockConnectDialog  *self,
               SockProfile        *profile,
               GError            **error)
{
  g_autoptr(GError) first = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->headers_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (row), "error-label");
      g_autoptr(GError) row_error = NULL;
      g_autofree char *name = NULL;
      const char *value;

      if (label == NULL)
        continue;  /* the placeholder */
      name = dup_text (g_object_get_data (G_OBJECT (row), "name-entry"));
      /* Spaces can matter in a value; a line break is for the profile to refuse. */
      value = gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "value-entry"));
      if (*name == '\0' && *value == '\0')
        {
          gtk_widget_set_visible (label, FALSE);
          continue;
        }
      sock_profile_add_header (profile, name, value, &row_error);
      gtk_label_set_text (GTK_LABEL (label), row_error ? row_error->message : "");
      gtk_widget_set_visible (label, row_error != NULL);
      if (row_error != NULL && first == NULL)
        first = g_steal_pointer (&row_error);
    }

  if (first != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&first), _("A request header is not valid: "));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_tls (SockConnectDialog  *self,
           SockProfile        *profile,
           GError            **error)
{
  g_autofree char *pin = dup_text (self->pin_row);

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
  g_autofree char *authid = dup_text (self->authid_row);

  if (method == SOCK_AUTH_ANONYMOUS)
    return;
  /* The options say what is missing. */
  sock_connect_options_set_auth (options, method, authid,
                                 gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));
}

/* What the form does not show comes from where it started. */
static void
apply_base (SockConnectDialog  *self,
            SockConnectOptions *options)
{
  guint n = self->base ? sock_connect_options_get_n_subscriptions (self->base) : 0;

  for (guint i = 0; i < n; i++)
    {
      SockMatch match;
      const char *topic = sock_connect_options_get_subscription (self->base, i, &match);

      sock_connect_options_add_subscription (options, topic, match);
    }
}

SockConnectOptions *
sock_connect_dialog_dup_options (SockConnectDialog  *self,
                                 GError            **error)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *realm = NULL;
  g_autoptr(GError) headers_error = NULL;
  SockProfile *profile;
  gboolean headers_ok;

  g_return_val_if_fail (SOCK_IS_CONNECT_DIALOG (self), NULL);

  url = dup_text (self->url_row);
  origin = dup_text (self->origin_row);
  realm = dup_text (self->realm_row);
  /* Every row shows its own error, whatever else is wrong. */
  options = sock_connect_options_new ();
  profile = sock_connect_options_get_profile (options);
  headers_ok = apply_headers (self, profile, &headers_error);

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
  sock_connect_options_set_protocol (options, adw_combo_row_get_selected (self->protocol_row));
  if (*origin != '\0' && !sock_profile_set_origin (profile, origin, error))
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
  apply_base (self, options);

  if (!sock_connect_options_validate (options, error))
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
  SockProtocolChoice protocol = adw_combo_row_get_selected (self->protocol_row);
  SockTlsPolicy tls = adw_combo_row_get_selected (self->tls_row);
  SockAuthMethod auth = adw_combo_row_get_selected (self->auth_row);
  gboolean wamp2 = protocol == SOCK_PROTOCOL_CHOICE_AUTO || protocol == SOCK_PROTOCOL_CHOICE_WAMP2;

  gtk_widget_set_visible (GTK_WIDGET (self->realm_row), wamp2);
  gtk_widget_set_visible (self->auth_group, wamp2);
  gtk_widget_set_visible (GTK_WIDGET (self->ca_row), tls == SOCK_TLS_CA_FILE);
  gtk_widget_set_visible (GTK_WIDGET (self->pin_row), tls == SOCK_TLS_PIN);
  gtk_widget_set_visible (self->insecure_row, tls == SOCK_TLS_INSECURE);
  gtk_widget_set_visible (GTK_WIDGET (self->authid_row), auth != SOCK_AUTH_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), auth != SOCK_AUTH_ANONYMOUS);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row),
                                 auth == SOCK_AUTH_TICKET ? _("_Ticket") : _("_Secret"));
}

static void
validate (SockConnectDialog *self)
{
  g_autoptr(SockConnectOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SockProfile) probe = NULL;
  g_autofree char *url = NULL;

  if (!self->ready)
    return;
  url = dup_text (self->url_row);
  probe = sock_profile_new ();
  update_visibility (self);
  options = sock_connect_dialog_dup_options (self, &error);

  g_clear_pointer (&self->problem, g_free);
  if (error != NULL)
    self->problem = g_strdup (error->message);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, self->problem != NULL);
  gtk_widget_set_tooltip_text (self->connect_button, self->problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.connect", options != NULL);

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
  GtkWidget *row = add_header_row (self, NULL, NULL);

  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "name-entry"));
  validate (self);
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
  validate (self);
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
  /* the form has no row for a list of one's own */
  adw_combo_row_set_selected (self->protocol_row,
                              protocol == SOCK_PROTOCOL_CHOICE_CUSTOM ? SOCK_PROTOCOL_CHOICE_AUTO : protocol);
  gtk_editable_set_text (GTK_EDITABLE (self->realm_row), sock_connect_options_get_realm (options) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->origin_row), sock_profile_get_origin (profile) ?: "");
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    add_header_row (self, headers[i], headers[i + 1]);

  adw_combo_row_set_selected (self->tls_row, tls);
  if (tls == SOCK_TLS_CA_FILE)
    set_ca_file (self, sock_profile_get_ca_file (profile));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), sock_profile_get_pin (profile) ?: "");

  adw_combo_row_set_selected (self->auth_row, sock_connect_options_get_auth_method (options));
  gtk_editable_set_text (GTK_EDITABLE (self->authid_row), sock_connect_options_get_authid (options) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), sock_connect_options_get_secret (options) ?: "");

  gtk_spin_button_set_value (self->max_size_spin,
                             MAX (1, (sock_profile_get_max_message_size (profile) + MIB - 1) / MIB));
  gtk_spin_button_set_value (self->keepalive_spin, sock_profile_get_keepalive_interval (profile));
  gtk_spin_button_set_value (self->timeout_spin, sock_profile_get_connect_timeout (profile));
  gtk_switch_set_active (self->reconnect_switch, sock_connect_options_get_reconnect (options));
}

SockConnectDialog *
sock_connect_dialog_new (GtkWindow          *parent,
                         SockConnectOptions *options)
{
  SockConnectDialog *self = g_object_new (SOCK_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (options == NULL || SOCK_IS_CONNECT_OPTIONS (options), self);

  self->base = options ? sock_connect_options_copy (options) : sock_connect_options_new ();
  apply_options (self, self->base);
  validate (self);
  /* Reopened without its secret (never stored): that is what to type first. */
  self->focus_secret = sock_connect_options_get_auth_method (self->base) != SOCK_AUTH_ANONYMOUS &&
                       sock_connect_options_get_authid (self->base) != NULL &&
                       sock_connect_options_get_secret (self->base) == NULL;

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

  g_clear_object (&self->base);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, realm_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, origin_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, headers_list);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, auth_group);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, auth_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, authid_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, keepalive_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SockConnectDialog, reconnect_switch);
  gtk_widget_class_bind_template_callback (widget_class, validate);

  gtk_widget_class_install_action (widget_class, "dialog.connect", NULL, dialog_connect);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, dialog_cancel);
  gtk_widget_class_install_action (widget_class, "dialog.add-header", NULL, dialog_add_header);
  gtk_widget_class_install_action (widget_class, "dialog.choose-ca", NULL, dialog_choose_ca);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
sock_connect_dialog_init (SockConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ready = TRUE;
}
