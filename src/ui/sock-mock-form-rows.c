/* sock-mock-form-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the Mock Procedure form's list: one expander row per mock (procedure, match, answer,
 * how many calls, whether it is registered) holding the calls it received, newest last, with
 * their arguments as the caller sent them and how each was answered. Everything a caller sent is
 * shown as plain text, never as markup.
 */

#include "config.h"


#include <adwaita.h>
#include <glib/gi18n.h>

#include "sock-mock-form-private.h"
#include "sock-number-format.h"
#include "sock-registration.h"

static const char *
match_name (SockMatch match)
{
  switch (match)
    {
    case SOCK_MATCH_PREFIX: return _("Prefix");
    case SOCK_MATCH_WILDCARD: return _("Wildcard");
    case SOCK_MATCH_EXACT:
    default: return _("Exact");
    }
}

static char *
dup_state_text (SockMockCallee *mock)
{
  SockRegistration *registration = sock_mock_callee_get_registration (mock);

  if (registration == NULL)
    return g_strdup (_("Not registered"));
  switch (sock_registration_get_state (registration))
    {
    case SOCK_SUBSCRIPTION_PENDING: return g_strdup (_("Waiting for the session"));
    case SOCK_SUBSCRIPTION_RESTORING: return g_strdup (_("Registering again after the reconnect"));
    case SOCK_SUBSCRIPTION_FAILED:
      /* TRANSLATORS: a mock whose registration failed, and why */
      return g_strdup_printf (_("Failed: %s"), sock_registration_get_error (registration) ?: "");
    case SOCK_SUBSCRIPTION_ACTIVE:
    default: return NULL;
    }
}

static void
update_mock_row (AdwExpanderRow *row)
{
  SockMockCallee *mock = g_object_get_data (G_OBJECT (row), "sock-mock");
  guint64 n = sock_mock_callee_get_n_invocations (mock);
  g_autofree char *answer = sock_mock_callee_dup_answer_text_full (mock, sock_format_count);
  g_autofree char *state = dup_state_text (mock);
  g_autofree char *count = sock_format_count (n);
  /* TRANSLATORS: %s is a count, e.g. "1,234" */
  g_autofree char *calls = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call", "%s calls", n), count);
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a mock's row, "Prefix · Result [42] · 3 calls" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), match_name (sock_mock_callee_get_match (mock)),
                              state ? state : answer, calls);
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
on_registration_changed (SockMockCallee *mock,
                         GParamSpec     *pspec,
                         AdwExpanderRow *row)
{
  SockRegistration *registration = sock_mock_callee_get_registration (mock);

  if (registration != NULL)
    g_signal_connect_object (registration, "notify::state", G_CALLBACK (update_mock_row), row,
                             G_CONNECT_SWAPPED);
  update_mock_row (row);
}

static void
update_invocation_row (AdwActionRow       *row,
                       GParamSpec         *pspec,
                       SockMockInvocation *invocation)
{
  const char *args = sock_mock_invocation_get_args (invocation);
  const char *kwargs = sock_mock_invocation_get_kwargs (invocation);
  g_autofree char *summary = sock_mock_invocation_dup_summary_full (invocation, sock_format_count);
  g_autofree char *subtitle = NULL;

  if (args == NULL && kwargs == NULL)
    subtitle = g_strdup_printf (_("No arguments · %s"), summary);
  else
    /* TRANSLATORS: a call's arguments, keyword arguments and outcome */
    subtitle = g_strdup_printf (_("%s%s%s · %s"), args ? args : "", args && kwargs ? " " : "",
                                kwargs ? kwargs : "", summary);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
new_invocation_row (gpointer item,
                    gpointer unused)
{
  SockMockInvocation *invocation = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (sock_mock_invocation_get_time (invocation) / G_USEC_PER_SEC);
  g_autofree char *clock = g_date_time_format (time, "%H:%M:%S");
  g_autofree char *title = NULL;

  /* TRANSLATORS: when a mock was called and which procedure, "14:02:11 · shop.cart.add" */
  title = g_strdup_printf (_("%s · %s"), clock, sock_mock_invocation_get_procedure (invocation));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (row, "mock-invocation");
  g_signal_connect_object (invocation, "notify::summary", G_CALLBACK (update_invocation_row), row,
                           G_CONNECT_SWAPPED);
  update_invocation_row (ADW_ACTION_ROW (row), NULL, invocation);
  return row;
}

static void
on_unregister_clicked (GtkButton *button,
                       gpointer   user_data)
{
  SockMockForm *form = SOCK_MOCK_FORM (gtk_widget_get_ancestor (GTK_WIDGET (button), SOCK_TYPE_MOCK_FORM));

  if (form != NULL)
    _sock_mock_form_remove (form, user_data);
}

GtkWidget *
_sock_mock_form_new_row (SockMockForm   *form,
                         SockMockCallee *mock)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *calls = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_("No calls yet"));
  g_autofree char *label = g_strdup_printf (_("Unregister %s"), sock_mock_callee_get_procedure (mock));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sock_mock_callee_get_procedure (mock));
  g_object_set_data_full (G_OBJECT (row), "sock-mock", g_object_ref (mock), g_object_unref);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Unregister"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_unregister_clicked), mock, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (calls), placeholder);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (calls), GTK_SELECTION_NONE);
  gtk_list_box_bind_model (GTK_LIST_BOX (calls), sock_mock_callee_get_invocations (mock), new_invocation_row,
                           NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calls), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calls received"), -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), calls);

  g_signal_connect_object (mock, "notify::n-invocations", G_CALLBACK (update_mock_row), row, G_CONNECT_SWAPPED);
  sock_number_format_watch (G_CALLBACK (update_mock_row), row);
  g_signal_connect_object (mock, "notify::answer-text", G_CALLBACK (update_mock_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (mock, "notify::registration", G_CALLBACK (on_registration_changed), row, 0);
  on_registration_changed (mock, NULL, ADW_EXPANDER_ROW (row));
  return row;
}
