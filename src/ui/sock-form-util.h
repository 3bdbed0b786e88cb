/* sock-form-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Publish and Call forms share: whether the connection can take a request now (and why
 * not), an error in words (the WAMP URI and what it means), and a payload pretty-printed.
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sock-connection.h"
#include "sock-json-field.h"
#include "sock-send-entry.h"
#include "sock-wamp-uri.h"

G_BEGIN_DECLS

/* Why nothing can be sent now (not joined, a raw session), or NULL when it can. */
/* Sets object's member name to text ("" for NULL) and frees text. */
void  sock_form_take_string_member     (JsonObject     *object,
                                        const char     *name,
                                        char           *text);
char *sock_form_dup_unavailable_reason (SockConnection *connection);
/* The error as one line: "demo.error.failed: what it means", or the error's message. */
char *sock_form_dup_error_text         (const GError   *error);
/* args and kwargs (JSON text, either may be NULL) pretty-printed: the one given, or both as
 * {"args": …, "kwargs": …}; NULL when both are NULL. */
char *sock_form_dup_pretty_payload     (const char     *args,
                                        const char     *kwargs);
/* TRUE for a call or publication the user (or the form going away) cancelled. */
gboolean sock_form_error_is_cancelled  (const GError   *error);
/* Runs action_name on widget for Ctrl+Return (and Ctrl+Enter on the keypad) anywhere inside it,
 * before an editor takes the key as a new line. */
void  sock_form_add_run_shortcut       (GtkWidget      *widget,
                                        const char     *action_name);
/* Calls update (form) whenever the connection's state or session changes. */
void  sock_form_follow_connection      (GtkWidget      *form,
                                        SockConnection *connection,
                                        GCallback       update);
/* Checks the URI in row as it is typed: marks the row and shows the problem in label (hidden
 * when the URI is fine or empty). Returns the problem (owned by label) or NULL. */
const char *sock_form_check_uri        (GtkEditable    *row,
                                        GtkLabel       *label,
                                        SockWampUriRole role);
/* The same for a URI under a match policy (a prefix may end with a dot, a wildcard have empty
 * components). */
const char *sock_form_check_uri_match  (GtkEditable    *row,
                                        GtkLabel       *label,
                                        SockWampUriRole role,
                                        SockMatch       match);
/* Scrolls the nearest scrolled window around widget so that widget shows (its top first when it
 * is taller than the view). */
void  sock_form_scroll_into_view       (GtkWidget      *widget);
/* What a form holds now (its URI row and JSON fields as typed), for the history and templates;
 * NULL when all are empty. */
SockSendEntry *sock_form_dup_entry (SockSendKind    kind,
                                    GtkEditable    *uri_row,
                                    SockJsonField  *args_field,
                                    SockJsonField  *kwargs_field);
/* Fills the form's URI row and JSON fields from entry. */
void  sock_form_fill_entry             (SockSendEntry  *entry,
                                        GtkEditable    *uri_row,
                                        SockJsonField  *args_field,
                                        SockJsonField  *kwargs_field);
/* Disposes the form's template and unparents its unnamed children (headings, lists). */
void  sock_form_dispose_template       (GtkWidget      *form,
                                        GType           type);

G_END_DECLS
