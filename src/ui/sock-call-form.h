/* sock-call-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side bar's Call form: a procedure, Arguments and Keyword arguments checked as JSON while
 * they are typed, a timeout and Receive progress; Call turns into Cancel while the call runs.
 * Below it the outcome: each progress result as it arrives, then the result pretty-printed with
 * the time it took, or the error URI, what it means, and its payload. Ctrl+Return calls (action
 * call.run); call.cancel cancels.
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sock-connection.h"
#include "sock-send-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_CALL_FORM (sock_call_form_get_type ())

G_DECLARE_FINAL_TYPE (SockCallForm, sock_call_form, SOCK, CALL_FORM, GtkWidget)

/* The connection to call on; the form follows its state (disabled unless joined over WAMP). */
void        sock_call_form_set_connection (SockCallForm   *self,
                                           SockConnection *connection);
/* The outcome line ("Result in 12 ms", "Error demo.error.failed", "Cancelled"), or NULL. */
const char *sock_call_form_get_status     (SockCallForm   *self);
/* What the form holds (procedure, args, kwargs, timeout_ms, progress), for the workspace; and
 * putting it back (members missing from state are left alone). */
JsonObject *sock_call_form_dup_state      (SockCallForm   *self);
void        sock_call_form_set_state      (SockCallForm   *self,
                                           JsonObject     *state);
/* The result or error payload as shown, or NULL. */
char       *sock_call_form_dup_output     (SockCallForm   *self);
/* The progress results on show (the latest 100), one line each (element type char *). */
GStrv       sock_call_form_dup_progress   (SockCallForm   *self);
gboolean    sock_call_form_get_running    (SockCallForm   *self);
/* Fills the procedure in and moves the focus to the arguments (the Router view's Call…). */
void        sock_call_form_prepare        (SockCallForm   *self,
                                           const char     *procedure);

/* Fills the form with entry (a call to make again), focuses its arguments and scrolls it into
 * view. */
void        sock_call_form_fill          (SockCallForm   *self,
                                           SockSendEntry  *entry);

G_END_DECLS
