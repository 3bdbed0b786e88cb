/* sock-mock-invocation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One call a mock procedure (SockMockCallee) received: when, the request id, the arguments as
 * they came, and how it was answered (a result, progressive results, an error, or interrupted by
 * the caller). An item of sock_mock_callee_get_invocations().
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_MOCK_OUTCOME_PENDING,
  SOCK_MOCK_OUTCOME_RESULT,
  SOCK_MOCK_OUTCOME_ERROR,
  SOCK_MOCK_OUTCOME_INTERRUPTED,
} SockMockOutcome;

#define SOCK_TYPE_MOCK_INVOCATION (sock_mock_invocation_get_type ())

G_DECLARE_FINAL_TYPE (SockMockInvocation, sock_mock_invocation, SOCK, MOCK_INVOCATION, GObject)

/* Wall-clock time it arrived (g_get_real_time () units). */
gint64           sock_mock_invocation_get_time       (SockMockInvocation *self);
gint64           sock_mock_invocation_get_request    (SockMockInvocation *self);
/* The procedure called, which a prefix or wildcard registration tells apart. */
const char      *sock_mock_invocation_get_procedure  (SockMockInvocation *self);
/* Arguments and keyword arguments as JSON text, or NULL when none came. */
const char      *sock_mock_invocation_get_args       (SockMockInvocation *self);
const char      *sock_mock_invocation_get_kwargs     (SockMockInvocation *self);
SockMockOutcome  sock_mock_invocation_get_outcome    (SockMockInvocation *self);
/* How many progressive results were sent. */
guint            sock_mock_invocation_get_n_progress (SockMockInvocation *self);
/* "Answered with a result", "Interrupted by the caller"… for a row. */
char            *sock_mock_invocation_dup_summary    (SockMockInvocation *self);
/* Writes a count ("1,500") as the caller's user wants it; a new string. */
typedef char   *(*SockMockCountText)                  (guint64             n);
/* The same, with the count of progressive results written by count_text. */
char            *sock_mock_invocation_dup_summary_full (SockMockInvocation *self,
                                                        SockMockCountText   count_text);

/* Properties (read-only): time (int64), request (int64), procedure, args, kwargs (strings),
 * outcome (int, notified), n-progress (uint, notified), summary (string, notified with outcome). */

G_END_DECLS
