/* sock-router-view-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Router view's actions: kill a session after a confirmation that takes the reason and a
 * message, show the events the router kept for a subscription, subscribe to a subscription's
 * topic in this tab, and fill the call form in for a registration's procedure (page.prepare-call).
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sock-connection-page.h"
#include "sock-router-view-private.h"

#define EVENTS_LIMIT 20
#define EVENT_TEXT_MAX 160

/* Kill ---------------------------------------------------------------------------------- */

typedef struct
{
  SockRouterView *self;
  gint64          session;
  GtkEditable    *reason;
  GtkEditable    *message;
} Kill;

static void
kill_free (gpointer data)
{
  Kill *kill = data;

  g_object_unref (kill->self);
  g_free (kill);
}

static void
kill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SockRouterView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!sock_router_admin_kill_session_finish (SOCK_ROUTER_ADMIN (object), result, &error))
    {
      const char *uri = sock_session_error_get_uri (error);

      text = g_strdup_printf (_("Could not kill the session: %s"), uri ? uri : error->message);
    }
  else
    text = g_strdup (_("The router ended the session"));
  _sock_router_view_toast (self, text);
}

static void
on_kill_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Kill             *kill)
{
  const char *reason = gtk_editable_get_text (kill->reason);
  const char *message = gtk_editable_get_text (kill->message);

  if (!g_str_equal (response, "kill") || kill->self->admin == NULL)
    return;
  sock_router_admin_kill_session_async (kill->self->admin, kill->session, *reason ? reason : NULL,
                                        *message ? message : NULL, NULL, kill_cb,
                                        g_object_ref (kill->self));
}

static void
on_reason_changed (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (reason);
  gboolean valid = *text == '\0' || sock_wamp_uri_is_valid (text, FALSE);

  adw_message_dialog_set_response_enabled (dialog, "kill", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (reason), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (reason), "error");
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static char *
describe_session (SockRouterView *self,
                  gint64          session)
{
  GListModel *model = self->admin ? sock_router_admin_get_sessions (self->admin) : NULL;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SockAdminSession) item = g_list_model_get_item (model, i);

      if (sock_admin_session_get_id (item) == session && sock_admin_session_get_authid (item) != NULL)
        return g_strdup_printf (_("Session %" PRId64 " of %s (role %s)"), session,
                                sock_admin_session_get_authid (item),
                                sock_admin_session_get_authrole (item) ? sock_admin_session_get_authrole (item) : "—");
    }
  return g_strdup_printf (_("Session %" PRId64), session);
}

static void
open_kill_dialog (SockRouterView *self,
                  gint64          session)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *who = describe_session (self, session);
  Kill *kill = g_new0 (Kill, 1);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("Kill Session?"));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s will be ended by the router with GOODBYE and the reason below. "
                                    "The client may connect again."), who);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  kill->self = g_object_ref (self);
  kill->session = session;
  kill->reason = GTK_EDITABLE (entry_row (_("Reason"), "wamp.close.killed"));
  kill->message = GTK_EDITABLE (entry_row (_("Message"), ""));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (kill->reason));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (kill->message));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "kill", _("_Kill Session"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "kill", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (kill->reason, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_kill_response), kill,
                         (GClosureNotify) (void (*) (void)) kill_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
router_kill (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_kill_dialog (SOCK_ROUTER_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
router_kill_selected (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (widget);
  SockAdminSession *session = _sock_router_view_get_selected (self, SOCK_ADMIN_SESSIONS);

  if (session != NULL)
    open_kill_dialog (self, sock_admin_session_get_id (session));
}

/* Last events --------------------------------------------------------------------------- */

static char *
member_text (JsonObject *event,
             const char *name)
{
  JsonNode *node = json_object_get_member (event, name);
  g_autofree char *text = node ? json_to_string (node, FALSE) : NULL;
  g_autofree char *valid = NULL;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= EVENT_TEXT_MAX)
    return g_steal_pointer (&valid);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (valid, EVENT_TEXT_MAX) - valid), valid);
}

static char *
events_text (JsonArray *events)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *args = event ? member_text (event, "args") : NULL;
      g_autofree char *kwargs = event ? member_text (event, "kwargs") : NULL;
      const char *time = event ? json_object_get_string_member_with_default (event, "timestamp", "") : "";

      if (event == NULL)
        continue;
      g_string_append_printf (out, "%s%s  %s %s", out->len ? "\n" : "", time, args, kwargs);
    }
  return g_string_free (out, FALSE);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SockRouterView *self = g_task_get_source_object (task);
  const char *topic = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) events = sock_router_admin_get_events_finish (SOCK_ROUTER_ADMIN (object), result, &error);
  g_autofree char *text = NULL;
  GtkWidget *dialog, *scrolled, *label;

  if (events == NULL)
    {
      const char *uri = sock_session_error_get_uri (error);

      text = g_strdup_printf (_("No event history: %s"), uri ? uri : error->message);
      _sock_router_view_toast (self, text);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Last Events of %s"), topic);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("The router kept %u event for this subscription.",
                                            "The router kept %u events for this subscription (the newest last).",
                                            json_array_get_length (events)),
                                  json_array_get_length (events));
  text = events_text (events);
  label = gtk_label_new (*text ? text : _("No events yet"));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "monospace");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 520);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
router_show_events (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (widget);
  SockAdminSubscription *subscription = _sock_router_view_get_selected (self, SOCK_ADMIN_SUBSCRIPTIONS);
  GTask *task;

  if (subscription == NULL || self->admin == NULL)
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (subscription))), g_free);
  sock_router_admin_get_events_async (self->admin, sock_admin_entry_get_id (SOCK_ADMIN_ENTRY (subscription)), EVENTS_LIMIT,
                                      NULL, events_cb, task);
}

/* Subscribe and call -------------------------------------------------------------------- */

static void
router_subscribe_selected (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (widget);
  SockAdminSubscription *subscription = _sock_router_view_get_selected (self, SOCK_ADMIN_SUBSCRIPTIONS);
  GtkWidget *page = gtk_widget_get_ancestor (widget, SOCK_TYPE_CONNECTION_PAGE);
  g_autofree char *text = NULL;
  SockMatch match = SOCK_MATCH_EXACT;

  if (subscription == NULL || page == NULL)
    return;
  sock_match_from_string (sock_admin_entry_get_match (SOCK_ADMIN_ENTRY (subscription)), &match);
  sock_connection_page_subscribe (SOCK_CONNECTION_PAGE (page), sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (subscription)), match);
  text = g_strdup_printf (_("Subscribed to %s in this tab"), sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (subscription)));
  _sock_router_view_toast (self, text);
}

static void
router_call_selected (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SockRouterView *self = SOCK_ROUTER_VIEW (widget);
  SockAdminRegistration *registration = _sock_router_view_get_selected (self, SOCK_ADMIN_REGISTRATIONS);

  if (registration != NULL)
    gtk_widget_activate_action (widget, "page.prepare-call", "s", sock_admin_entry_get_uri (SOCK_ADMIN_ENTRY (registration)));
}

void
_sock_router_view_install_dialog_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "router.kill", "x", router_kill);
  gtk_widget_class_install_action (widget_class, "router.kill-selected", NULL, router_kill_selected);
  gtk_widget_class_install_action (widget_class, "router.show-events", NULL, router_show_events);
  gtk_widget_class_install_action (widget_class, "router.subscribe-selected", NULL, router_subscribe_selected);
  gtk_widget_class_install_action (widget_class, "router.call-selected", NULL, router_call_selected);
}
