/* sock-mock-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sock-form-util.h"
#include "sock-json-field.h"
#include "sock-mock-form-private.h"

enum { ANSWER_RESULT, ANSWER_ERROR };

struct _SockMockForm
{
  GtkWidget       parent_instance;

  SockConnection *connection;
  GListStore     *mocks;
  GCancellable   *cancellable;   /* the registration under way */
  char           *status;

  GtkEditable    *procedure_row;
  AdwComboRow    *match_row;
  AdwComboRow    *answer_row;
  GtkEditable    *error_row;
  GtkLabel       *procedure_problem;
  SockJsonField  *args_field;
  SockJsonField  *kwargs_field;
  GtkSpinButton  *delay_spin;
  GtkSpinButton  *progress_spin;
  GtkLabel       *status_label;
  GtkWidget      *register_button;
  GtkListBox     *mocks_list;
};

G_DEFINE_FINAL_TYPE (SockMockForm, sock_mock_form, GTK_TYPE_WIDGET)

static SockMatch
selected_match (SockMockForm *self)
{
  static const SockMatch matches[] = { SOCK_MATCH_EXACT, SOCK_MATCH_PREFIX, SOCK_MATCH_WILDCARD };
  guint selected = adw_combo_row_get_selected (self->match_row);

  return selected < G_N_ELEMENTS (matches) ? matches[selected] : SOCK_MATCH_EXACT;
}

static gboolean
answers_error (SockMockForm *self)
{
  return adw_combo_row_get_selected (self->answer_row) == ANSWER_ERROR;
}

/* What is wrong with the form, in words, or NULL. */
static const char *
find_problem (SockMockForm *self)
{
  const char *procedure_problem = sock_form_check_uri_match (self->procedure_row, self->procedure_problem,
                                                             SOCK_WAMP_URI_PROCEDURE, selected_match (self));
  const char *error_uri = gtk_editable_get_text (self->error_row);

  if (*gtk_editable_get_text (self->procedure_row) == '\0')
    return _("Enter the procedure to answer");
  if (procedure_problem != NULL)
    return procedure_problem;
  if (answers_error (self) && !sock_wamp_uri_check (error_uri, SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, NULL))
    return _("Enter the error URI to answer with, such as app.error.not_found");
  if (!sock_json_field_get_valid (self->args_field))
    return sock_json_field_get_problem (self->args_field);
  if (!sock_json_field_get_valid (self->kwargs_field))
    return sock_json_field_get_problem (self->kwargs_field);
  return NULL;
}

static void
update_actions (SockMockForm *self)
{
  g_autofree char *reason = sock_form_dup_unavailable_reason (self->connection);
  const char *problem;
  gboolean callee_capable;

  /* WAMP v1 and raw sockets have no callees: the form is not for them */
  callee_capable = self->connection == NULL || sock_connection_get_session (self->connection) == NULL
                   || sock_connection_get_kind (self->connection) == SOCK_SESSION_KIND_WAMP2;
  gtk_widget_set_visible (GTK_WIDGET (self), callee_capable);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), answers_error (self));
  problem = find_problem (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.register",
                                 self->cancellable == NULL && reason == NULL && problem == NULL);
  gtk_widget_set_tooltip_text (self->register_button, reason ? reason : problem);
  if (answers_error (self) && *gtk_editable_get_text (self->error_row) != '\0'
      && !sock_wamp_uri_check (gtk_editable_get_text (self->error_row), SOCK_WAMP_URI_PROCEDURE, SOCK_MATCH_EXACT, NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->error_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_row), "error");
}

static void
set_status (SockMockForm *self,
            const char   *status,
            gboolean      is_error)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_label (self->status_label, status);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_list_visible (SockMockForm *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->mocks_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->mocks)) > 0);
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SockMockForm) self = user_data;
  SockMockCallee *mock = SOCK_MOCK_CALLEE (object);
  g_autoptr(GError) error = NULL;

  if (!sock_mock_callee_register_finish (mock, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = sock_form_dup_error_text (error);
          g_autofree char *status = g_strdup_printf (_("Not registered: %s"), text);

          set_status (self, status, TRUE);
        }
    }
  else
    {
      g_autofree char *status = g_strdup_printf (_("Registered %s"), sock_mock_callee_get_procedure (mock));

      g_list_store_append (self->mocks, mock);
      update_list_visible (self);
      set_status (self, status, FALSE);
    }
  g_clear_object (&self->cancellable);
  update_actions (self);
}

static void
mock_register (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SockMockForm *self = SOCK_MOCK_FORM (widget);
  g_autoptr(SockMockCallee) mock = NULL;
  g_autofree char *args = NULL;
  g_autofree char *kwargs = NULL;

  /* Ctrl+Return can come before the pause that checks what was just typed. */
  if (!sock_json_field_validate (self->args_field) || !sock_json_field_validate (self->kwargs_field)
      || find_problem (self) != NULL || self->connection == NULL)
    return;

  args = sock_json_field_dup_value (self->args_field);
  kwargs = sock_json_field_dup_value (self->kwargs_field);
  mock = sock_mock_callee_new (gtk_editable_get_text (self->procedure_row), selected_match (self));
  if (answers_error (self))
    sock_mock_callee_set_error_json (mock, gtk_editable_get_text (self->error_row), args, kwargs);
  else
    sock_mock_callee_set_result_json (mock, args, kwargs);
  sock_mock_callee_set_delay (mock, gtk_spin_button_get_value_as_int (self->delay_spin));
  sock_mock_callee_set_n_progress (mock, gtk_spin_button_get_value_as_int (self->progress_spin));

  set_status (self, _("Registering…"), FALSE);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  sock_mock_callee_register_async (mock, self->connection, self->cancellable, register_cb, g_object_ref (self));
}

void
_sock_mock_form_remove (SockMockForm   *self,
                        SockMockCallee *mock)
{
  g_autofree char *status = NULL;
  guint position;

  if (!g_list_store_find (self->mocks, mock, &position))
    return;
  status = g_strdup_printf (_("Unregistered %s"), sock_mock_callee_get_procedure (mock));
  sock_mock_callee_unregister (mock);
  g_list_store_remove (self->mocks, position);
  update_list_visible (self);
  set_status (self, status, FALSE);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return _sock_mock_form_new_row (user_data, item);
}

void
sock_mock_form_set_connection (SockMockForm   *self,
                               SockConnection *connection)
{
  g_return_if_fail (SOCK_IS_MOCK_FORM (self));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  sock_form_follow_connection (GTK_WIDGET (self), connection, G_CALLBACK (update_actions));
  update_actions (self);
}

GListModel *
sock_mock_form_get_mocks (SockMockForm *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_FORM (self), NULL);
  return G_LIST_MODEL (self->mocks);
}

const char *
sock_mock_form_get_status (SockMockForm *self)
{
  g_return_val_if_fail (SOCK_IS_MOCK_FORM (self), NULL);
  return self->status;
}

static void
sock_mock_form_dispose (GObject *object)
{
  SockMockForm *self = SOCK_MOCK_FORM (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* the mocks go with their tab */
  for (guint i = 0; self->mocks != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->mocks)); i++)
    {
      g_autoptr(SockMockCallee) mock = g_list_model_get_item (G_LIST_MODEL (self->mocks), i);

      sock_mock_callee_unregister (mock);
    }
  if (self->mocks_list != NULL)
    gtk_list_box_bind_model (self->mocks_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->mocks);
  g_clear_object (&self->connection);
  sock_form_dispose_template (GTK_WIDGET (self), SOCK_TYPE_MOCK_FORM);

  G_OBJECT_CLASS (sock_mock_form_parent_class)->dispose (object);
}

static void
sock_mock_form_finalize (GObject *object)
{
  SockMockForm *self = SOCK_MOCK_FORM (object);

  g_free (self->status);

  G_OBJECT_CLASS (sock_mock_form_parent_class)->finalize (object);
}

static void
sock_mock_form_class_init (SockMockFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sock_mock_form_dispose;
  object_class->finalize = sock_mock_form_finalize;

  g_type_ensure (SOCK_TYPE_JSON_FIELD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sockscope/Sockscope/sock-mock-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, procedure_row);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, match_row);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, answer_row);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, error_row);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, procedure_problem);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, args_field);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, kwargs_field);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, delay_spin);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, register_button);
  gtk_widget_class_bind_template_child (widget_class, SockMockForm, mocks_list);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);

  gtk_widget_class_install_action (widget_class, "mock.register", NULL, mock_register);
}

static void
sock_mock_form_init (SockMockForm *self)
{
  self->mocks = g_list_store_new (SOCK_TYPE_MOCK_CALLEE);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->mocks_list, G_LIST_MODEL (self->mocks), create_row, self, NULL);
  sock_form_add_run_shortcut (GTK_WIDGET (self), "mock.register");
  update_actions (self);
}
