/* sock-call-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sock-call-form.h"
#include "sock-form-util.h"
#include "sock-format.h"
#include "sock-json-field.h"
#include "sock-number-format.h"
#include "sock-send-menu.h"

struct _SockCallForm
{
  GtkWidget       parent_instance;

  SockConnection *connection;
  GCancellable   *cancellable;   /* the call running now; Cancel (or the form going) cancels it */
  gint64          started_us;
  guint           n_progress;
  char           *status;

  GtkEditable    *procedure_row;
  GtkLabel       *procedure_problem;
  SockJsonField  *args_field;
  SockJsonField  *kwargs_field;
  GtkSpinButton  *timeout_spin;
  GtkSwitch      *progress_switch;
  GtkWidget      *call_button;
  GtkWidget      *cancel_button;
  GtkWidget      *outcome_box;
  GtkLabel       *status_label;
  GtkLabel       *explain_label;
  GtkWidget      *progress_box;
  GtkWidget      *progress_more;  /* "N earlier progress results", first in progress_box */
  GtkWidget      *output_frame;
  GtkSourceView  *output_view;
  SockSendMenu   *send_menu;
};

G_DEFINE_FINAL_TYPE (SockCallForm, sock_call_form, GTK_TYPE_WIDGET)

/* Progress results on show at once; the count of the earlier ones stays. */
#define MAX_PROGRESS_SHOWN 100

static void
update_actions (SockCallForm *self)
{
  g_autofree char *reason = sock_form_dup_unavailable_reason (self->connection);
  const char *problem = NULL;
  const char *procedure_problem = sock_form_check_uri (self->procedure_row, self->procedure_problem,
                                                       SOCK_WAMP_URI_PROCEDURE);
  gboolean running = self->cancellable != NULL;

  if (reason == NULL && *gtk_editable_get_text (self->procedure_row) == '\0')
    problem = _("Enter a procedure to call");
  else if (reason == NULL && procedure_problem != NULL)
    problem = procedure_problem;
  else if (reason == NULL && !sock_json_field_get_valid (self->args_field))
    problem = sock_json_field_get_problem (self->args_field);
  else if (reason == NULL && !sock_json_field_get_valid (self->kwargs_field))
    problem = sock_json_field_get_problem (self->kwargs_field);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.run", !running && reason == NULL && problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.cancel", running);
  gtk_widget_set_visible (self->call_button, !running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_tooltip_text (self->call_button, reason ? reason : problem);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), reason);
}

static void
set_status (SockCallForm *self,
            const char   *status,
            const char   *explanation,
            gboolean      is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status);
  gtk_label_set_label (self->explain_label, explanation);
  gtk_widget_set_visible (GTK_WIDGET (self->explain_label), explanation != NULL);
  gtk_widget_set_visible (self->outcome_box, TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
set_output (SockCallForm *self,
            const char   *text)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->output_view)));

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text ? text : "", -1);
  gtk_widget_set_visible (self->output_frame, text != NULL);
}

static void
clear_outcome (SockCallForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (self->progress_more)) != NULL)
    gtk_box_remove (GTK_BOX (self->progress_box), child);
  gtk_widget_set_visible (self->progress_more, FALSE);
  self->n_progress = 0;
  set_output (self, NULL);
}

static char *
dup_elapsed (SockCallForm *self)
{
  return sock_format_duration (g_get_monotonic_time () - self->started_us);
}

static char *
dup_range (SockJsonRange range)
{
  return range.data ? g_strndup (range.data, range.len) : NULL;
}

static void
on_progress (SockSession   *session,
             SockJsonRange  args,
             SockJsonRange  kwargs,
             gpointer       user_data)
{
  SockCallForm *self = user_data;
  g_autofree char *args_text = dup_range (args);
  g_autofree char *kwargs_text = dup_range (kwargs);
  g_autofree char *line = NULL;
  g_autofree char *number = NULL;
  GtkWidget *label;

  if (self->connection == NULL)
    return;

  self->n_progress++;
  number = sock_format_count (self->n_progress);
  /* TRANSLATORS: the number of a progressive result ("1,234"), then its arguments and keyword arguments */
  line = g_strdup_printf (_("Progress %s: %s%s%s"), number, args_text ? args_text : "",
                          args_text && kwargs_text ? " " : "", kwargs_text ? kwargs_text : "");
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (GTK_BOX (self->progress_box), label);
  /* a long stream of progress keeps only the latest on show */
  if (self->n_progress > MAX_PROGRESS_SHOWN)
    {
      guint hidden = self->n_progress - MAX_PROGRESS_SHOWN;
      g_autofree char *count = sock_format_count (hidden);
      /* TRANSLATORS: %s is a count, e.g. "1,234" */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s earlier progress result not shown",
                                                            "%s earlier progress results not shown", hidden),
                                               count);

      gtk_box_remove (GTK_BOX (self->progress_box), gtk_widget_get_next_sibling (self->progress_more));
      gtk_label_set_label (GTK_LABEL (self->progress_more), more);
      gtk_widget_set_visible (self->progress_more, TRUE);
    }
}

static void
show_error (SockCallForm *self,
            const GError *error)
{
  const char *uri = sock_session_error_get_uri (error);
  g_autofree char *elapsed = dup_elapsed (self);
  g_autofree char *status = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *explanation = NULL;

  if (sock_form_error_is_cancelled (error))
    {
      status = g_strdup_printf (_("Cancelled after %s"), elapsed);
      set_status (self, status, uri, FALSE);
      return;
    }
  if (uri != NULL)
    status = g_strdup_printf (_("Error %s after %s"), uri, elapsed);
  else
    status = g_strdup_printf (_("Failed after %s"), elapsed);
  explanation = sock_session_error_dup_words (error);
  set_status (self, status, explanation, TRUE);
  payload = sock_form_dup_pretty_payload (sock_session_error_get_args (error),
                                          sock_session_error_get_kwargs (error));
  set_output (self, payload);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SockCallForm) self = user_data;
  g_autoptr(GError) error = NULL;
  SockCallResult *call_result;

  call_result = sock_session_call_finish (SOCK_SESSION (object), result, &error);
  /* The form went away while the call ran. */
  if (self->connection == NULL)
    {
      g_clear_pointer (&call_result, sock_call_result_free);
      return;
    }

  g_clear_object (&self->cancellable);
  if (call_result != NULL)
    {
      g_autofree char *elapsed = dup_elapsed (self);
      g_autofree char *status = g_strdup_printf (_("Result in %s"), elapsed);
      g_autofree char *payload = sock_form_dup_pretty_payload (call_result->args, call_result->kwargs);

      set_status (self, status, payload ? NULL : _("The procedure returned nothing"), FALSE);
      set_output (self, payload);
      sock_call_result_free (call_result);
    }
  else
    show_error (self, error);
  update_actions (self);
  sock_form_scroll_into_view (self->outcome_box);
}

/* What the form holds now, for the history and Save as Template. */
static SockSendEntry *
dup_current_entry (gpointer data)
{
  SockCallForm *self = data;

  return sock_form_dup_entry (SOCK_SEND_CALL, self->procedure_row, self->args_field, self->kwargs_field);
}

static void
on_activate_entry (SockCallForm *self,
                   SockSendEntry  *entry)
{
  sock_form_fill_entry (entry, self->procedure_row, self->args_field, self->kwargs_field);
}

static void
call_run (GtkWidget  *widget,
          const char *action_name,
          GVariant   *param)
{
  SockCallForm *self = SOCK_CALL_FORM (widget);
  g_autofree char *args = NULL;
  g_autofree char *kwargs = NULL;
  SockCallOptions options = { 0 };

  /* Ctrl+Return can come before the pause that checks what was just typed. */
  if (!sock_json_field_validate (self->args_field) || !sock_json_field_validate (self->kwargs_field) ||
      sock_form_check_uri (self->procedure_row, self->procedure_problem, SOCK_WAMP_URI_PROCEDURE) != NULL)
    return;

  args = sock_json_field_dup_value (self->args_field);
  kwargs = sock_json_field_dup_value (self->kwargs_field);
  options.timeout_ms = (guint) gtk_spin_button_get_value_as_int (self->timeout_spin);
  options.receive_progress = gtk_switch_get_active (self->progress_switch);
  options.cancel_mode = SOCK_CANCEL_KILL;

  {
    g_autoptr(SockSendEntry) entry = dup_current_entry (self);

    sock_send_menu_add (self->send_menu, entry);
  }
  clear_outcome (self);
  set_status (self, _("Calling…"), NULL, FALSE);
  self->cancellable = g_cancellable_new ();
  self->started_us = g_get_monotonic_time ();
  update_actions (self);
  sock_session_call_json_async (sock_connection_get_session (self->connection),
                                gtk_editable_get_text (self->procedure_row), args, kwargs, &options,
                                on_progress, self, self->cancellable, call_cb, g_object_ref (self));
}

static void
call_cancel (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SockCallForm *self = SOCK_CALL_FORM (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
sock_call_form_set_connection (SockCallForm   *self,
                               SockConnection *connection)
{
  g_return_if_fail (SOCK_IS_CALL_FORM (self));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  sock_send_menu_setup (self->send_menu, SOCK_SEND_CALL, connection, dup_current_entry, self);
  sock_form_follow_connection (GTK_WIDGET (self), connection, G_CALLBACK (update_actions));
  update_actions (self);
}

const char *
sock_call_form_get_status (SockCallForm *self)
{
  g_return_val_if_fail (SOCK_IS_CALL_FORM (self), NULL);

  return self->status;
}

char *
sock_call_form_dup_output (SockCallForm *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SOCK_IS_CALL_FORM (self), NULL);

  if (!gtk_widget_get_visible (self->output_frame))
    return NULL;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->output_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GStrv
sock_call_form_dup_progress (SockCallForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SOCK_IS_CALL_FORM (self), NULL);

  for (GtkWidget *child = gtk_widget_get_next_sibling (self->progress_more);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (builder, gtk_label_get_label (GTK_LABEL (child)));
  return g_strv_builder_end (builder);
}

void
sock_call_form_prepare (SockCallForm *self,
                        const char   *procedure)
{
  g_return_if_fail (SOCK_IS_CALL_FORM (self));
  g_return_if_fail (procedure != NULL);

  gtk_editable_set_text (self->procedure_row, procedure);
  gtk_widget_grab_focus (GTK_WIDGET (self->args_field));
}

gboolean
sock_call_form_get_running (SockCallForm *self)
{
  g_return_val_if_fail (SOCK_IS_CALL_FORM (self), FALSE);

  return self->cancellable != NULL;
}

static void
update_style_scheme (SockCallForm *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                dark ? "Adwaita-dark" : "Adwaita");

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->output_view))),
                                      scheme);
}

void
sock_call_form_fill (SockCallForm *self,
                      SockSendEntry  *entry)
{
  g_return_if_fail (SOCK_IS_CALL_FORM (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  on_activate_entry (self, entry);
  gtk_widget_grab_focus (GTK_WIDGET (self->args_field));
  sock_form_scroll_into_view (GTK_WIDGET (self));
}

static void
sock_call_form_dispose (GObject *object)
{
  SockCallForm *self = SOCK_CALL_FORM (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  sock_form_dispose_template (GTK_WIDGET (self), SOCK_TYPE_CALL_FORM);

  G_OBJECT_CLASS (sock_call_form_parent_class)->dispose (object);
}

static void
sock_call_form_finalize (GObject *object)
{
  SockCallForm *self = SOCK_CALL_FORM (object);

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (sock_call_form_parent_class)->finalize (object);
}

static void
sock_call_form_class_init (SockCallFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_call_form_dispose;
  object_class->finalize = sock_call_form_finalize;

  g_type_ensure (SOCK_TYPE_JSON_FIELD);
  g_type_ensure (SOCK_TYPE_SEND_MENU);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-call-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, procedure_row);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, procedure_problem);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, args_field);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, kwargs_field);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, progress_switch);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, call_button);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, explain_label);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, progress_box);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, output_frame);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, output_view);
  gtk_widget_class_bind_template_child (widget_class, SockCallForm, send_menu);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_entry);

  gtk_widget_class_install_action (widget_class, "call.run", NULL, call_run);
  gtk_widget_class_install_action (widget_class, "call.cancel", NULL, call_cancel);
}

JsonObject *
sock_call_form_dup_state (SockCallForm *self)
{
  JsonObject *state = json_object_new ();

  g_return_val_if_fail (SOCK_IS_CALL_FORM (self), NULL);

  json_object_set_string_member (state, "procedure", gtk_editable_get_text (self->procedure_row));
  sock_form_take_string_member (state, "args", sock_json_field_dup_text (self->args_field));
  sock_form_take_string_member (state, "kwargs", sock_json_field_dup_text (self->kwargs_field));
  json_object_set_int_member (state, "timeout_ms", gtk_spin_button_get_value_as_int (self->timeout_spin));
  json_object_set_boolean_member (state, "progress", gtk_switch_get_active (self->progress_switch));
  return state;
}

void
sock_call_form_set_state (SockCallForm *self,
                          JsonObject   *state)
{
  g_return_if_fail (SOCK_IS_CALL_FORM (self));
  g_return_if_fail (state != NULL);

  if (json_object_has_member (state, "procedure"))
    gtk_editable_set_text (self->procedure_row,
                           json_object_get_string_member_with_default (state, "procedure", ""));
  if (json_object_has_member (state, "args"))
    sock_json_field_set_text (self->args_field, json_object_get_string_member_with_default (state, "args", ""));
  if (json_object_has_member (state, "kwargs"))
    sock_json_field_set_text (self->kwargs_field, json_object_get_string_member_with_default (state, "kwargs", ""));
  if (json_object_has_member (state, "timeout_ms"))
    gtk_spin_button_set_value (self->timeout_spin, json_object_get_int_member_with_default (state, "timeout_ms", 0));
  gtk_switch_set_active (self->progress_switch,
                         json_object_get_boolean_member_with_default (state, "progress",
                                                                      gtk_switch_get_active (self->progress_switch)));
  update_actions (self);
}

static void
sock_call_form_init (SockCallForm *self)
{
  GtkSourceLanguage *json =
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "json");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->progress_more = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->progress_more), 0);
  gtk_widget_add_css_class (self->progress_more, "caption");
  gtk_widget_add_css_class (self->progress_more, "dim-label");
  gtk_widget_set_visible (self->progress_more, FALSE);
  gtk_box_append (GTK_BOX (self->progress_box), self->progress_more);
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->output_view))),
                                  json);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
  sock_form_add_run_shortcut (GTK_WIDGET (self), "call.run");
  update_actions (self);
}
