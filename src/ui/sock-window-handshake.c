/* sock-window-handshake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The handshake page of SockWindow: what the probe concluded and what went over the wire.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-window-private.h"

static const char *severity_icons[] = {
  [SOCK_SEVERITY_OK] = "emblem-ok-symbolic",
  [SOCK_SEVERITY_WARNING] = "dialog-warning-symbolic",
  [SOCK_SEVERITY_ERROR] = "dialog-error-symbolic",
};

/* Style classes (style.css) that colour the status page's icon. */
static const char *severity_classes[] = {
  [SOCK_SEVERITY_OK] = "diagnosis-ok",
  [SOCK_SEVERITY_WARNING] = "diagnosis-warning",
  [SOCK_SEVERITY_ERROR] = "diagnosis-error",
};

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    {
      /* Group descriptions are markup; handshake texts come from the network. */
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }

  return group;
}

static GtkWidget *
new_text_row (const char *text,
              gboolean    monospace)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  if (monospace)
    gtk_widget_add_css_class (row, "monospace");

  return row;
}

/* A name above its value, which is selectable and may wrap anywhere: header values are long
 * tokens (keys, cookies, extension parameters) that a suffix label would squeeze. */
static GtkWidget *
new_value_row (const char *name,
               const char *value,
               gboolean    monospace)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "value-row");

  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_widget_add_css_class (name_label, "caption");
  gtk_widget_add_css_class (name_label, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  if (monospace)
    gtk_widget_add_css_class (value_label, "monospace");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
add_lines_group (GtkBox             *details,
                 const char         *title,
                 const char * const *lines,
                 gboolean            monospace)
{
  GtkWidget *group;

  if (lines == NULL || lines[0] == NULL)
    return;

  group = new_group (title, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_text_row (lines[i], monospace));
  gtk_box_append (details, group);
}

static void
add_headers (GtkWidget          *group,
             const char * const *headers)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_value_row (headers[i], headers[i + 1], TRUE));
}

static void
add_connection_group (GtkBox        *details,
                      SockHandshake *handshake)
{
  GtkWidget *group = new_group (_("Connection"), NULL);
  const char *address = sock_handshake_get_remote_address (handshake);
  const char *protocol = sock_handshake_get_protocol (handshake);
  const char *extensions = sock_handshake_get_extensions (handshake);
  const SockTimings *timings = sock_handshake_get_timings (handshake);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_value_row (_("Address"), address ? address : _("Not reached"), TRUE));
  if (sock_handshake_get_phase (handshake) == SOCK_PHASE_OPEN)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_value_row (_("Subprotocol"), protocol ? protocol : _("None confirmed"),
                                              protocol != NULL));
  if (extensions != NULL && *extensions != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_value_row (_("Extensions"), extensions, TRUE));
  if (sock_handshake_get_tls_used (handshake))
    {
      g_autofree char *tls = g_strdup_printf ("%s, %s",
                                              sock_handshake_get_tls_version (handshake) ?: "TLS",
                                              sock_handshake_get_tls_cipher (handshake) ?: "?");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_value_row (_("TLS"), tls, TRUE));
    }
  if (timings != NULL && timings->response_start >= 0)
    {
      g_autofree char *ms = g_strdup_printf (_("%.1f ms"), timings->response_start);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_value_row (_("Time to Response"), ms, FALSE));
    }

  gtk_box_append (details, group);
}

static void
add_exchange_groups (GtkBox        *details,
                     SockHandshake *handshake)
{
  g_autofree char *status_line = NULL;
  GtkWidget *request;
  GtkWidget *response;

  request = new_group (_("Request"), sock_handshake_get_request_line (handshake));
  add_headers (request, sock_handshake_get_request_headers (handshake));
  gtk_box_append (details, request);

  if (sock_handshake_get_status (handshake) != 0)
    status_line = g_strdup_printf ("%s %u %s",
                                   sock_handshake_get_http_version (handshake) ?: "HTTP/1.1",
                                   sock_handshake_get_status (handshake),
                                   sock_handshake_get_reason (handshake) ?: "");
  response = new_group (_("Response"), status_line ? g_strchomp (status_line) : _("No response arrived."));
  add_headers (response, sock_handshake_get_response_headers (handshake));
  gtk_box_append (details, response);
}

static void
add_body_group (GtkBox        *details,
                SockHandshake *handshake)
{
  g_autofree char *body = sock_handshake_dup_body_text (handshake);
  GtkWidget *group;
  GtkWidget *label;

  if (body == NULL || *body == '\0')
    return;

  group = new_group (_("Response Body"),
                     sock_handshake_get_body_truncated (handshake) ? _("Only the beginning is shown.") : NULL);
  label = gtk_label_new (body);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "body-snippet");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  gtk_box_append (details, group);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
_sock_window_show_diagnosis (AdwStatusPage *page,
                             GtkBox        *details,
                             SockDiagnosis *diagnosis,
                             SockHandshake *handshake)
{
  SockSeverity severity = sock_diagnosis_get_severity (diagnosis);
  g_autofree char *explanation = NULL;

  g_assert (severity < G_N_ELEMENTS (severity_icons));

  /* The description is markup; the explanation may quote what the server sent. */
  explanation = g_markup_escape_text (sock_diagnosis_get_explanation (diagnosis) ?: "", -1);
  adw_status_page_set_icon_name (page, severity_icons[severity]);
  adw_status_page_set_title (page, sock_diagnosis_get_title (diagnosis));
  adw_status_page_set_description (page, explanation);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (page), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (page), severity_classes[severity]);

  clear_box (details);
  add_lines_group (details, _("What to Try"), sock_diagnosis_get_window_hints (diagnosis), FALSE);
  add_lines_group (details, _("Evidence"), sock_diagnosis_get_evidence (diagnosis), TRUE);
  if (handshake == NULL)
    return;

  add_connection_group (details, handshake);
  add_exchange_groups (details, handshake);
  add_body_group (details, handshake);
}

void
_sock_window_show_error (AdwStatusPage *page,
                         GtkBox        *details,
                         const char    *title,
                         const char    *explanation)
{
  g_autofree char *escaped = g_markup_escape_text (explanation ?: "", -1);

  adw_status_page_set_icon_name (page, severity_icons[SOCK_SEVERITY_ERROR]);
  adw_status_page_set_title (page, title);
  adw_status_page_set_description (page, escaped);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (page), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (page), severity_classes[SOCK_SEVERITY_ERROR]);
  clear_box (details);
}
