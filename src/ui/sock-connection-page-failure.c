/* sock-connection-page-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection page's "failed" view: why the connection could not open, what to try, and the
 * fix as a button where there is one (trust the certificate, send an Origin, use the realm the
 * router named, switch the scheme). The button hands the fixed settings to whoever owns the tab
 * ("apply-settings"), which opens them in its place.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-window-private.h"

enum
{
  APPLY_SETTINGS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the window says for reason URIs whose core meaning names command-line options. */
static const struct
{
  const char *uri;
  const char *meaning;
} window_meanings[] = {
  { "wamp.error.authentication_required",
    N_("This realm needs authentication: choose a method, an Auth ID and a secret in the connection settings.") },
  { "wamp.error.no_auth_method",
    N_("None of the offered authentication methods is accepted for this realm: choose another method or realm in the connection settings.") },
};

static const char *
window_meaning (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (window_meanings); i++)
    if (g_str_equal (uri, window_meanings[i].uri))
      return _(window_meanings[i].meaning);
  return NULL;
}

/* An ABORT in the window's words: the reason, what it means, and what the router said. */
static char *
dup_abort_text (const GError *error)
{
  const char *uri = sock_session_error_get_uri (error);
  const char *meaning = window_meaning (uri);
  const char *details = sock_session_error_get_details (error);
  g_autoptr(JsonNode) root = details ? json_from_string (details, NULL) : NULL;
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *said = object ? json_object_get_string_member_with_default (object, "message", NULL) : NULL;
  GString *text;

  if (meaning == NULL)
    return g_strdup (error->message);
  text = g_string_new (NULL);
  g_string_printf (text, _("The router refused to join: %s."), uri);
  g_string_append_printf (text, " %s", meaning);
  if (said != NULL)
    g_string_append_printf (text, _(" The router said: “%s”"), said);
  return g_string_free (text, FALSE);
}

static void
offer_fix (SockConnectionPage *self,
           SockConnectOptions *fixed,
           const char         *label,
           const char         *tooltip)
{
  g_clear_object (&self->fix_options);
  self->fix_options = fixed;
  gtk_button_set_label (GTK_BUTTON (self->fix_button), label);
  gtk_widget_set_tooltip_text (self->fix_button, tooltip);
  gtk_widget_set_visible (self->fix_button, fixed != NULL);
  /* One suggested action: the fix when there is one. */
  if (fixed != NULL)
    gtk_widget_remove_css_class (self->retry_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->retry_button, "suggested-action");
}

/* "Switch to wss://" when only the scheme changes, else "Connect to host:port/path". */
static char *
dup_url_label (const char *from,
               const char *to)
{
  const char *from_rest = strchr (from, ':');
  const char *to_rest = strchr (to, ':');
  g_autofree char *scheme = to_rest ? g_strndup (to, to_rest - to) : NULL;
  g_autoptr(SockConnectOptions) target = NULL;
  g_autofree char *title = NULL;

  if (from_rest != NULL && to_rest != NULL && g_str_equal (from_rest, to_rest))
    return g_strdup_printf (_("Switch to %s://"), scheme);
  target = sock_connect_options_new_for_url (to, NULL);
  title = target ? sock_connect_options_dup_title (target) : g_strdup (to);
  return g_strdup_printf (_("Connect to %s"), title);
}

static void
offer_diagnosis_fix (SockConnectionPage *self,
                     SockDiagnosis      *diagnosis)
{
  g_autoptr(SockConnectOptions) fixed = sock_connect_options_copy (sock_connection_get_options (self->connection));
  SockProfile *profile = sock_connect_options_get_profile (fixed);
  const char *url = sock_connect_options_get_url (sock_connection_get_options (self->connection));
  const char *value = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  switch (sock_diagnosis_get_fix (diagnosis, &value))
    {
    case SOCK_FIX_PIN:
      if (!sock_profile_set_pin (profile, value, NULL))
        return;
      label = g_strdup (_("Trust This Certificate"));
      tooltip = g_strdup_printf (_("Accept only the certificate with SHA-256 %s on this connection, and connect again"), value);
      break;
    case SOCK_FIX_ORIGIN:
      if (!sock_profile_set_origin (profile, value, NULL))
        return;
      label = g_strdup_printf (_("Send Origin %s"), value);
      tooltip = g_strdup (_("Send this Origin header with the handshake, and connect again"));
      break;
    case SOCK_FIX_URL:
      if (!sock_connect_options_set_url (fixed, value, NULL))
        return;
      label = dup_url_label (url, value);
      tooltip = g_strdup_printf (_("Connect to %s instead"), value);
      break;
    case SOCK_FIX_NONE:
    default:
      return;
    }
  offer_fix (self, g_steal_pointer (&fixed), label, tooltip);
}

static void
offer_realm_fix (SockConnectionPage *self,
                 const GError       *error)
{
  g_autofree char *realm = sock_session_error_dup_suggested_realm (error, sock_connection_get_realm (self->connection));
  g_autofree char *label = NULL;
  SockConnectOptions *fixed;

  if (realm == NULL)
    return;
  fixed = sock_connect_options_copy (sock_connection_get_options (self->connection));
  sock_connect_options_set_realm (fixed, realm);
  label = g_strdup_printf (_("Use Realm “%s”"), realm);
  offer_fix (self, fixed, label, _("Join the realm the router named, and connect again"));
}

void
_sock_connection_page_show_failure (SockConnectionPage *self,
                                    const GError       *error)
{
  SockDiagnosis *diagnosis = sock_connection_get_diagnosis (self->connection);

  offer_fix (self, NULL, NULL, NULL);
  if (diagnosis != NULL)
    {
      _sock_window_show_diagnosis (self->diagnosis_page, self->details_box, diagnosis,
                                   sock_connection_get_handshake (self->connection));
      offer_diagnosis_fix (self, diagnosis);
    }
  else if (g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED))
    {
      g_autofree char *text = dup_abort_text (error);

      _sock_window_show_error (self->diagnosis_page, self->details_box,
                               _("The Router Refused the Session"), text);
      offer_realm_fix (self, error);
    }
  else
    _sock_window_show_error (self->diagnosis_page, self->details_box,
                             _("The Session Could Not Start"), error->message);
  /* The side bar belongs to the session, which there is none of. */
  gtk_widget_set_visible (self->sidebar_button, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "failed");
}

static void
page_apply_fix (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SockConnectionPage *self = SOCK_CONNECTION_PAGE (widget);
  g_autoptr(SockConnectOptions) fixed = g_steal_pointer (&self->fix_options);

  if (fixed == NULL)
    return;
  gtk_widget_set_visible (self->fix_button, FALSE);
  g_signal_emit (self, signals[APPLY_SETTINGS], 0, fixed);
}

void
_sock_connection_page_class_init_failure (GtkWidgetClass *widget_class)
{
  /* apply-settings (SockConnectOptions *options): open these options in this tab's place. */
  signals[APPLY_SETTINGS] = g_signal_new ("apply-settings", G_TYPE_FROM_CLASS (widget_class),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          SOCK_TYPE_CONNECT_OPTIONS);
  gtk_widget_class_install_action (widget_class, "page.apply-fix", NULL, page_apply_fix);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, fix_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, SockConnectionPage, sidebar_button);
}
