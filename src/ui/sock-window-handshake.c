/* sock-window-handshake.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnosis status page of the start page's Test Handshake and of a tab's failure page; the
 * details below it come from the shared handshake renderer.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-handshake-details.h"
#include "sock-window-private.h"

/* Style classes (style.css) that colour the status page's icon. */
static const char *severity_classes[] = {
  [SOCK_SEVERITY_OK] = "diagnosis-ok",
  [SOCK_SEVERITY_WARNING] = "diagnosis-warning",
  [SOCK_SEVERITY_ERROR] = "diagnosis-error",
};

void
_sock_window_show_diagnosis (AdwStatusPage *page,
                             GtkBox        *details,
                             SockDiagnosis *diagnosis,
                             SockHandshake *handshake)
{
  SockSeverity severity = sock_diagnosis_get_severity (diagnosis);
  g_autofree char *explanation = NULL;

  g_assert (severity < G_N_ELEMENTS (severity_classes));

  /* The description is markup; the explanation may quote what the server sent. */
  explanation = g_markup_escape_text (sock_diagnosis_get_explanation (diagnosis) ?: "", -1);
  adw_status_page_set_icon_name (page, sock_handshake_details_severity_icon (severity));
  adw_status_page_set_title (page, sock_diagnosis_get_title (diagnosis));
  adw_status_page_set_description (page, explanation);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (page), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (page), severity_classes[severity]);

  sock_handshake_details_fill (details, diagnosis, handshake, NULL);
}

void
_sock_window_show_error (AdwStatusPage *page,
                         GtkBox        *details,
                         const char    *title,
                         const char    *explanation)
{
  g_autofree char *escaped = g_markup_escape_text (explanation ?: "", -1);

  adw_status_page_set_icon_name (page, sock_handshake_details_severity_icon (SOCK_SEVERITY_ERROR));
  adw_status_page_set_title (page, title);
  adw_status_page_set_description (page, escaped);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (page), severity_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (page), severity_classes[SOCK_SEVERITY_ERROR]);
  sock_handshake_details_clear (details);
}
