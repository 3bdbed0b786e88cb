/* sock-connection-page-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection page's "failed" view: why the connection could not open, and what to try.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sock-connection-page-private.h"
#include "sock-window-private.h"

void
_sock_connection_page_show_failure (SockConnectionPage *self,
                                    const GError       *error)
{
  SockDiagnosis *diagnosis = sock_connection_get_diagnosis (self->connection);

  if (diagnosis != NULL)
    _sock_window_show_diagnosis (self->diagnosis_page, self->details_box, diagnosis,
                                 sock_connection_get_handshake (self->connection));
  else
    _sock_window_show_error (self->diagnosis_page, self->details_box,
                             g_error_matches (error, SOCK_SESSION_ERROR, SOCK_SESSION_ERROR_ABORTED)
                             ? _("The Router Refused the Session")
                             : _("The Session Could Not Start"),
                             error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "failed");
}
