/* sock-mock-callee-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-mock-callee.h"

G_BEGIN_DECLS

SockMockInvocation *_sock_mock_invocation_new          (gint64              request,
                                                        const char         *procedure,
                                                        const char         *args,
                                                        const char         *kwargs);
void                _sock_mock_invocation_set_outcome  (SockMockInvocation *self,
                                                        SockMockOutcome     outcome);
void                _sock_mock_invocation_add_progress (SockMockInvocation *self);

G_END_DECLS
