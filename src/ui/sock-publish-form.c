/* sock-publish-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sock-form-util.h"
#include "sock-json-field.h"
#include "sock-json-input.h"
#include "sock-number-format.h"
#include "sock-send-menu.h"
#include "sock-publish-form.h"

struct _SockPublishForm
{
  GtkWidget       parent_instance;

  SockConnection *connection;
  GCancellable   *cancellable;   /* the publish in flight; cancelled when the form goes */
  char           *status;

  GtkEditable    *topic_row;
  GtkLabel       *topic_problem;
  SockJsonField  *args_field;
  SockJsonField  *kwargs_field;
  GtkSwitch      *acknowledge_switch;
  GtkSwitch      *include_me_switch;
  GtkWidget      *publish_button;
  GtkWidget      *stop_button;
  GtkLabel       *status_label;
  SockSendMenu   *send_menu;
  GtkSpinButton  *repeat_spin;

  /* publishing every repeat_spin seconds until Stop: what, and how often it went */
  guint           repeat_source;
  SockSendEntry  *repeating;
  guint           n_repeated;
};

G_DEFINE_FINAL_TYPE (SockPublishForm, sock_publish_form, GTK_TYPE_WIDGET)

static void stop_repeating (SockPublishForm *self,
                            const char      *why);

static void
update_actions (SockPublishForm *self)
{
  g_autofree char *reason = sock_form_dup_unavailable_reason (self->connection);
  const char *topic = gtk_editable_get_text (self->topic_row);

  /* repeating stops when the session goes */
  if (self->repeat_source != 0 && reason != NULL)
    stop_repeating (self, reason);
  const char *topic_problem = sock_form_check_uri (self->topic_row, self->topic_problem, SOCK_WAMP_URI_TOPIC);
  const char *problem = NULL;

  if (reason == NULL && self->cancellable != NULL)
    problem = _("Publishing…");
  else if (reason == NULL && *topic == '\0')
    problem = _("Enter a topic to publish to");
  else if (reason == NULL && topic_problem != NULL)
    problem = topic_problem;
  else if (reason == NULL && !sock_json_field_get_valid (self->args_field))
    problem = sock_json_field_get_problem (self->args_field);
  else if (reason == NULL && !sock_json_field_get_valid (self->kwargs_field))
    problem = sock_json_field_get_problem (self->kwargs_field);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.send",
                                 reason == NULL && problem == NULL && self->repeat_source == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.stop", self->repeat_source != 0);
  gtk_widget_set_visible (self->publish_button, self->repeat_source == 0);
  gtk_widget_set_visible (self->stop_button, self->repeat_source != 0);
  gtk_widget_set_tooltip_text (self->publish_button, reason ? reason : problem);
  /* A raw session never publishes: say so once, on the whole form. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), reason);
}

static void
set_status (SockPublishForm *self,
            const char      *status,
            gboolean         is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
publish_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SockPublishForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 publication = 0;

  sock_session_publish_finish (SOCK_SESSION (object), result, &publication, &error);
  /* The form went away while the router answered. */
  if (self->connection == NULL)
    return;

  g_clear_object (&self->cancellable);
  if (error != NULL)
    {
      g_autofree char *explained = sock_form_dup_error_text (error);

      text = g_strdup_printf (_("Not published: %s"), explained);
    }
  else if (self->repeating != NULL)
    {
      g_autofree char *seconds = sock_format_count (gtk_spin_button_get_value_as_int (self->repeat_spin));
      g_autofree char *every = g_strdup_printf ("%s s", seconds);
      g_autofree char *times = sock_format_count (self->n_repeated);

      /* TRANSLATORS: the first %s is a count, e.g. "1,234", the second an interval, "5 s" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Published %s time, every %s",
                                           "Published %s times, every %s", self->n_repeated),
                              times, every);
    }
  else if (publication != 0)
    {
      /* A format macro inside _() would hide the string from xgettext. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, publication);

      text = g_strdup_printf (_("Published (id %s)"), id);
    }
  else
    text = g_strdup (_("Published (no acknowledgement)"));
  set_status (self, text, error != NULL);
  update_actions (self);
}

/* What the form holds now, for the history and Save as Template. */
static SockSendEntry *
dup_current_entry (gpointer data)
{
  SockPublishForm *self = data;

  return sock_form_dup_entry (SOCK_SEND_PUBLISH, self->topic_row, self->args_field, self->kwargs_field);
}

static void
on_activate_entry (SockPublishForm *self,
                   SockSendEntry   *entry)
{
  sock_form_fill_entry (entry, self->topic_row, self->args_field, self->kwargs_field);
}

/* Publishes what entry holds (checked as the form was). */
static void
publish_entry (SockPublishForm *self,
               SockSendEntry   *entry)
{
  const char *args_text = sock_send_entry_get_args (entry);
  const char *kwargs_text = sock_send_entry_get_kwargs (entry);
  SockPublishOptions options = { 0 };

  options.acknowledge = gtk_switch_get_active (self->acknowledge_switch);
  options.include_me = gtk_switch_get_active (self->include_me_switch);
  self->cancellable = g_cancellable_new ();
  /* the text as typed: numbers and binary strings go exactly */
  sock_session_publish_json_async (sock_connection_get_session (self->connection), sock_send_entry_get_uri (entry),
                                   args_text, kwargs_text, &options, self->cancellable, publish_cb,
                                   g_object_ref (self));
}

static gboolean
on_repeat (gpointer data)
{
  SockPublishForm *self = data;

  /* the last one is still on its way: this turn is skipped rather than piled up */
  if (self->cancellable == NULL)
    {
      self->n_repeated++;
      publish_entry (self, self->repeating);
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_repeating (SockPublishForm *self,
                const char      *why)
{
  g_autofree char *status = NULL;
  g_autofree char *count = sock_format_count (self->n_repeated);

  g_clear_handle_id (&self->repeat_source, g_source_remove);
  g_clear_object (&self->repeating);
  /* TRANSLATORS: %s is a count, e.g. "1,234" */
  status = why ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped after %s publication: %s",
                                               "Stopped after %s publications: %s", self->n_repeated),
                                  count, why)
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stopped after %s publication",
                                               "Stopped after %s publications", self->n_repeated),
                                  count);
  set_status (self, status, why != NULL);
}

static void
publish_send (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SockPublishForm *self = SOCK_PUBLISH_FORM (widget);
  g_autoptr(SockSendEntry) entry = NULL;
  int every = gtk_spin_button_get_value_as_int (self->repeat_spin);

  /* Ctrl+Return can come before the pause that checks what was just typed. */
  if (!sock_json_field_validate (self->args_field) || !sock_json_field_validate (self->kwargs_field) ||
      sock_form_check_uri (self->topic_row, self->topic_problem, SOCK_WAMP_URI_TOPIC) != NULL)
    return;

  entry = dup_current_entry (self);
  sock_send_menu_add (self->send_menu, entry);
  set_status (self, _("Publishing…"), FALSE);
  if (every > 0)
    {
      /* what the form holds now goes every N s, until Stop, whatever is typed meanwhile */
      self->repeating = g_object_ref (entry);
      self->n_repeated = 1;
      self->repeat_source = g_timeout_add_seconds (every, on_repeat, self);
    }
  publish_entry (self, entry);
  update_actions (self);
}

static void
publish_stop (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SockPublishForm *self = SOCK_PUBLISH_FORM (widget);

  stop_repeating (self, NULL);
  update_actions (self);
}

void
sock_publish_form_set_connection (SockPublishForm *self,
                                  SockConnection  *connection)
{
  g_return_if_fail (SOCK_IS_PUBLISH_FORM (self));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  sock_send_menu_setup (self->send_menu, SOCK_SEND_PUBLISH, connection, dup_current_entry, self);
  sock_form_follow_connection (GTK_WIDGET (self), connection, G_CALLBACK (update_actions));
  update_actions (self);
}

const char *
sock_publish_form_get_status (SockPublishForm *self)
{
  g_return_val_if_fail (SOCK_IS_PUBLISH_FORM (self), NULL);

  return self->status;
}

void
sock_publish_form_fill (SockPublishForm *self,
                      SockSendEntry  *entry)
{
  g_return_if_fail (SOCK_IS_PUBLISH_FORM (self));
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  on_activate_entry (self, entry);
  gtk_widget_grab_focus (GTK_WIDGET (self->args_field));
  sock_form_scroll_into_view (GTK_WIDGET (self));
}

static void
sock_publish_form_dispose (GObject *object)
{
  SockPublishForm *self = SOCK_PUBLISH_FORM (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->repeat_source, g_source_remove);
  g_clear_object (&self->repeating);
  g_clear_object (&self->connection);
  sock_form_dispose_template (GTK_WIDGET (self), SOCK_TYPE_PUBLISH_FORM);

  G_OBJECT_CLASS (sock_publish_form_parent_class)->dispose (object);
}

static void
sock_publish_form_finalize (GObject *object)
{
  SockPublishForm *self = SOCK_PUBLISH_FORM (object);

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (sock_publish_form_parent_class)->finalize (object);
}

static void
sock_publish_form_class_init (SockPublishFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_publish_form_dispose;
  object_class->finalize = sock_publish_form_finalize;

  g_type_ensure (SOCK_TYPE_JSON_FIELD);
  g_type_ensure (SOCK_TYPE_SEND_MENU);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-publish-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, topic_row);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, topic_problem);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, args_field);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, kwargs_field);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, acknowledge_switch);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, include_me_switch);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, publish_button);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, send_menu);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, repeat_spin);
  gtk_widget_class_bind_template_child (widget_class, SockPublishForm, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_entry);

  gtk_widget_class_install_action (widget_class, "publish.send", NULL, publish_send);
  gtk_widget_class_install_action (widget_class, "publish.stop", NULL, publish_stop);
}

JsonObject *
sock_publish_form_dup_state (SockPublishForm *self)
{
  JsonObject *state = json_object_new ();

  g_return_val_if_fail (SOCK_IS_PUBLISH_FORM (self), NULL);

  json_object_set_string_member (state, "topic", gtk_editable_get_text (self->topic_row));
  sock_form_take_string_member (state, "args", sock_json_field_dup_text (self->args_field));
  sock_form_take_string_member (state, "kwargs", sock_json_field_dup_text (self->kwargs_field));
  json_object_set_boolean_member (state, "acknowledge", gtk_switch_get_active (self->acknowledge_switch));
  json_object_set_boolean_member (state, "include_me", gtk_switch_get_active (self->include_me_switch));
  return state;
}

void
sock_publish_form_set_state (SockPublishForm *self,
                             JsonObject      *state)
{
  g_return_if_fail (SOCK_IS_PUBLISH_FORM (self));
  g_return_if_fail (state != NULL);

  if (json_object_has_member (state, "topic"))
    gtk_editable_set_text (self->topic_row, json_object_get_string_member_with_default (state, "topic", ""));
  if (json_object_has_member (state, "args"))
    sock_json_field_set_text (self->args_field, json_object_get_string_member_with_default (state, "args", ""));
  if (json_object_has_member (state, "kwargs"))
    sock_json_field_set_text (self->kwargs_field, json_object_get_string_member_with_default (state, "kwargs", ""));
  gtk_switch_set_active (self->acknowledge_switch,
                         json_object_get_boolean_member_with_default (state, "acknowledge",
                                                                      gtk_switch_get_active (self->acknowledge_switch)));
  gtk_switch_set_active (self->include_me_switch,
                         json_object_get_boolean_member_with_default (state, "include_me",
                                                                      gtk_switch_get_active (self->include_me_switch)));
  update_actions (self);
}

static void
sock_publish_form_init (SockPublishForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sock_form_add_run_shortcut (GTK_WIDGET (self), "publish.send");
  update_actions (self);
}
