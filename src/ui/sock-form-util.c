/* sock-form-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sock-form-util.h"
#include "sock-json-pretty.h"
#include "sock-json-scan.h"

char *
sock_form_dup_unavailable_reason (SockConnection *connection)
{
  if (connection == NULL || sock_connection_get_state (connection) != SOCK_CONNECTION_JOINED)
    return g_strdup (_("Available once the session is joined"));
  if (sock_connection_get_kind (connection) == SOCK_SESSION_KIND_RAW)
    return g_strdup (_("This connection speaks raw frames, not WAMP: there is no router to publish to or call"));
  return NULL;
}

char *
sock_form_dup_error_text (const GError *error)
{
  const char *uri = sock_session_error_get_uri (error);
  g_autofree char *words = sock_session_error_dup_words (error);

  /* the URI as the router named it, then what it means */
  if (uri != NULL)
    return g_strdup_printf ("%s: %s", uri, words);
  return g_steal_pointer (&words);
}

static gboolean
scroll_into_view_idle (gpointer data)
{
  g_autoptr(GtkWidget) widget = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL || !gtk_widget_get_mapped (widget))
    return G_SOURCE_REMOVE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y + bounds.size.height > value + page)
    value = bounds.origin.y + bounds.size.height - page;
  if (bounds.origin.y < value)
    value = bounds.origin.y;
  gtk_adjustment_set_value (adjustment, value);
  return G_SOURCE_REMOVE;
}

void
sock_form_scroll_into_view (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* after the next layout, when the outcome has its size */
  g_timeout_add (50, scroll_into_view_idle, g_object_ref (widget));
}

static char *
dup_field_text (SockJsonField *field)
{
  g_autofree char *text = sock_json_field_dup_text (field);

  return *g_strstrip (g_strdup (text)) == '\0' ? NULL : g_steal_pointer (&text);
}

SockSendEntry *
sock_form_dup_entry (SockSendKind   kind,
                     GtkEditable   *uri_row,
                     SockJsonField *args_field,
                     SockJsonField *kwargs_field)
{
  g_autofree char *args = dup_field_text (args_field);
  g_autofree char *kwargs = dup_field_text (kwargs_field);
  const char *uri = gtk_editable_get_text (uri_row);

  if (*uri == '\0' && args == NULL && kwargs == NULL)
    return NULL;
  return sock_send_entry_new (kind, uri, args, kwargs);
}

void
sock_form_fill_entry (SockSendEntry *entry,
                      GtkEditable   *uri_row,
                      SockJsonField *args_field,
                      SockJsonField *kwargs_field)
{
  g_return_if_fail (SOCK_IS_SEND_ENTRY (entry));

  gtk_editable_set_text (uri_row, sock_send_entry_get_uri (entry) ?: "");
  sock_json_field_set_text (args_field, sock_send_entry_get_args (entry));
  sock_json_field_set_text (kwargs_field, sock_send_entry_get_kwargs (entry));
}

gboolean
sock_form_error_is_cancelled (const GError *error)
{
  return sock_session_error_is_cancelled (error);
}

/* The core hands the payload's JSON text as it came; anything else is shown as it is. */
static void
append_pretty (GString    *out,
               const char *text,
               guint       depth)
{
  if (sock_json_validate (text, strlen (text), NULL, NULL, NULL))
    sock_json_pretty_append (out, text, strlen (text), depth);
  else
    g_string_append (out, text);
}

char *
sock_form_dup_pretty_payload (const char *args,
                              const char *kwargs)
{
  GString *out;

  if (args == NULL && kwargs == NULL)
    return NULL;
  out = g_string_new (NULL);
  if (args != NULL && kwargs != NULL)
    {
      /* the one printer of the app: numbers keep their text */
      g_string_append (out, "{\n  \"args\": ");
      append_pretty (out, args, 1);
      g_string_append (out, ",\n  \"kwargs\": ");
      append_pretty (out, kwargs, 1);
      g_string_append (out, "\n}");
    }
  else
    append_pretty (out, args != NULL ? args : kwargs, 0);
  return g_string_free (out, FALSE);
}

void
sock_form_add_run_shortcut (GtkWidget  *widget,
                            const char *action_name)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter };

  /* Capture: a text view takes Return (with any modifier) as a new line before it bubbles up. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new (action_name)));
  gtk_widget_add_controller (widget, controller);
}

void
sock_form_follow_connection (GtkWidget      *form,
                             SockConnection *connection,
                             GCallback       update)
{
  g_signal_connect_object (connection, "notify::state", update, form, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::session", update, form, G_CONNECT_SWAPPED);
}

void
sock_form_dispose_template (GtkWidget *form,
                            GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (form, type);
  while ((child = gtk_widget_get_first_child (form)) != NULL)
    gtk_widget_unparent (child);
}

const char *
sock_form_check_uri (GtkEditable     *row,
                     GtkLabel        *label,
                     SockWampUriRole  role)
{
  return sock_form_check_uri_match (row, label, role, SOCK_MATCH_EXACT);
}

const char *
sock_form_check_uri_match (GtkEditable     *row,
                           GtkLabel        *label,
                           SockWampUriRole  role,
                           SockMatch        match)
{
  const char *text = gtk_editable_get_text (row);
  g_autoptr(GError) error = NULL;
  gboolean bad = *text != '\0' && !sock_wamp_uri_check (text, role, match, &error);

  /* The error goes as soon as the URI is fixed: it is worked out again on every change. */
  gtk_label_set_label (label, bad ? error->message : NULL);
  gtk_widget_set_visible (GTK_WIDGET (label), bad);
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return bad ? gtk_label_get_label (label) : NULL;
}

void
sock_form_take_string_member (JsonObject *object,
                              const char *name,
                              char       *text)
{
  json_object_set_string_member (object, name, text != NULL ? text : "");
  g_free (text);
}
