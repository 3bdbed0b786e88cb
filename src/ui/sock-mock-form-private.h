/* sock-mock-form-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-mock-callee.h"
#include "sock-mock-form.h"

G_BEGIN_DECLS

/* sock-mock-form-rows.c: a mock's row (its answer, count, calls and Unregister, which calls
 * _sock_mock_form_remove). */
GtkWidget *_sock_mock_form_new_row (SockMockForm   *form,
                                    SockMockCallee *mock);
/* sock-mock-form.c */
void       _sock_mock_form_remove  (SockMockForm   *form,
                                    SockMockCallee *mock);

G_END_DECLS
