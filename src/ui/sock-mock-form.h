/* sock-mock-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side bar's Mock Procedure form (WAMP v2): a procedure URI with its match policy (exact,
 * prefix, wildcard), what to answer (a result, or an error URI, with Arguments and Keyword
 * arguments checked as JSON), a delay and a number of progressive results; Register (action
 * mock.register) adds a SockMockCallee. Below it, the mocks of this tab, each with its calls and
 * their arguments, and Unregister. Hidden on a WAMP v1 or raw connection, which have no callees.
 */

#pragma once

#include <gtk/gtk.h>

#include "sock-connection.h"

G_BEGIN_DECLS

#define SOCK_TYPE_MOCK_FORM (sock_mock_form_get_type ())

G_DECLARE_FINAL_TYPE (SockMockForm, sock_mock_form, SOCK, MOCK_FORM, GtkWidget)

void        sock_mock_form_set_connection (SockMockForm   *self,
                                           SockConnection *connection);
/* The mocks registered from this form (element type SockMockCallee), oldest first. */
GListModel *sock_mock_form_get_mocks      (SockMockForm   *self);
/* What the last Register did ("Registered", or why not), or NULL. */
const char *sock_mock_form_get_status     (SockMockForm   *self);

G_END_DECLS
