/* test-forms-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling a connection tab's Publish, Call and Mock forms as a user does: find a form, its rows
 * by the title a user reads, its JSON fields; type, switch, set a number; start a call.
 */

#pragma once

#include "sock-call-form.h"
#include "sock-json-field.h"
#include "test-ui-util.h"

static G_GNUC_UNUSED gboolean
field_title_is (GtkWidget  *widget,
                const char *text)
{
  return g_strcmp0 (sock_json_field_get_title (SOCK_JSON_FIELD (widget)), text) == 0;
}

/* Whether a row's title reads text, a mnemonic's underscore left out as a user reads it. */
static G_GNUC_UNUSED gboolean
row_title_is (GtkWidget  *widget,
              const char *text)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  g_autofree char *shown = NULL;

  if (title == NULL || !adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (widget)))
    return g_strcmp0 (title, text) == 0;
  shown = g_strdup (title);
  for (char *from = shown, *to = shown;; from++)
    if (*from != '_' && (*to++ = *from) == '\0')
      break;
  return g_strcmp0 (shown, text) == 0;
}

/* The tab's form of that type (SOCK_TYPE_CALL_FORM…). */
static G_GNUC_UNUSED GtkWidget *
find_form (SockConnectionPage *page,
           GType               type)
{
  GtkWidget *form = find_widget (GTK_WIDGET (page), type, any_widget, NULL);

  g_assert_nonnull (form);
  return form;
}

static G_GNUC_UNUSED GtkWidget *
find_row (GtkWidget  *form,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_widget (form, type, row_title_is, title);

  g_assert_nonnull (row);
  return row;
}

static G_GNUC_UNUSED SockJsonField *
find_field (GtkWidget  *form,
            const char *title)
{
  GtkWidget *field = find_widget (form, SOCK_TYPE_JSON_FIELD, field_title_is, title);

  g_assert_nonnull (field);
  return SOCK_JSON_FIELD (field);
}

static G_GNUC_UNUSED void
set_row_text (GtkWidget  *form,
              const char *title,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (form, ADW_TYPE_ENTRY_ROW, title)), text);
}

/* The switch or the spin button at the end of an action row. */
static G_GNUC_UNUSED GtkWidget *
row_control (GtkWidget  *form,
             const char *title)
{
  return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (form, ADW_TYPE_ACTION_ROW, title)));
}

static G_GNUC_UNUSED void
set_switch (GtkWidget  *form,
            const char *title,
            gboolean    active)
{
  gtk_switch_set_active (GTK_SWITCH (row_control (form, title)), active);
}

static G_GNUC_UNUSED void
set_spin (GtkWidget  *form,
          const char *title,
          double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_control (form, title)), value);
}

static G_GNUC_UNUSED gboolean
field_valid (gpointer data)
{
  return sock_json_field_get_valid (data);
}

static G_GNUC_UNUSED gboolean
call_done (gpointer data)
{
  return !sock_call_form_get_running (data) && sock_call_form_get_status (data) != NULL;
}

/* Calls procedure from the tab's Call form, the arguments checked first; returns the form. */
static G_GNUC_UNUSED GtkWidget *
start_call (SockConnectionPage *page,
            const char         *procedure,
            const char         *args,
            gboolean            progress)
{
  GtkWidget *form = find_form (page, SOCK_TYPE_CALL_FORM);

  set_row_text (form, "Procedure", procedure);
  sock_json_field_set_text (find_field (form, "Arguments"), args);
  g_assert_true (wait_for (field_valid, find_field (form, "Arguments")));
  set_switch (form, "Receive progress", progress);
  g_assert_true (gtk_widget_activate_action (form, "call.run", NULL));
  return form;
}

/* Shows the tab, as a click on it does. */
static G_GNUC_UNUSED void
select_tab (SockConnectionPage *page)
{
  AdwTabView *view = ADW_TAB_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TAB_VIEW));

  adw_tab_view_set_selected_page (view, adw_tab_view_get_page (view, GTK_WIDGET (page)));
  g_assert_true (wait_for (widget_mapped, page));
}
