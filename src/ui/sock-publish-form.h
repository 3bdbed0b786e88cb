/* sock-publish-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side bar's Publish form: a topic, Arguments and Keyword arguments checked as JSON while
 * they are typed, Acknowledge and Receive my own event, and the outcome ("Published (id 123)" or
 * the error with its URI explained). Ctrl+Return publishes (action publish.send).
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "sock-connection.h"
#include "sock-send-entry.h"

G_BEGIN_DECLS

#define SOCK_TYPE_PUBLISH_FORM (sock_publish_form_get_type ())

G_DECLARE_FINAL_TYPE (SockPublishForm, sock_publish_form, SOCK, PUBLISH_FORM, GtkWidget)

/* The connection to publish on; the form follows its state (disabled unless joined over WAMP). */
void        sock_publish_form_set_connection (SockPublishForm *self,
                                              SockConnection  *connection);
/* The outcome line the user sees, or NULL before the first publish. */
const char *sock_publish_form_get_status     (SockPublishForm *self);
/* What the form holds (topic, args, kwargs, acknowledge, include_me), for the workspace; and
 * putting it back (members missing from state are left alone). */
JsonObject *sock_publish_form_dup_state      (SockPublishForm *self);
void        sock_publish_form_set_state      (SockPublishForm *self,
                                              JsonObject      *state);

/* Fills the form with entry (a publish to make again), focuses its arguments and scrolls it into
 * view. */
void        sock_publish_form_fill          (SockPublishForm   *self,
                                           SockSendEntry  *entry);

G_END_DECLS
