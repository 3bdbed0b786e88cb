/* sock-mock-callee.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mock procedure (WAMP v2): registered through a connection under an exact, prefix or wildcard
 * URI, it answers every call the same way — a fixed result, or an error URI with arguments — at
 * once or after a delay, optionally after progressive results, and lists the calls it received.
 * It is registered again after a reconnect, like every registration of the connection.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-connection.h"
#include "sock-mock-invocation.h"

G_BEGIN_DECLS

/* Limits of what a mock may be asked to do. */
#define SOCK_MOCK_MAX_DELAY_MS      600000u
#define SOCK_MOCK_MAX_PROGRESS      1000u
#define SOCK_MOCK_MAX_INVOCATIONS   200u

#define SOCK_TYPE_MOCK_CALLEE (sock_mock_callee_get_type ())

G_DECLARE_FINAL_TYPE (SockMockCallee, sock_mock_callee, SOCK, MOCK_CALLEE, GObject)

SockMockCallee   *sock_mock_callee_new               (const char          *procedure,
                                                      SockMatch            match);
const char       *sock_mock_callee_get_procedure     (SockMockCallee      *self);
SockMatch         sock_mock_callee_get_match         (SockMockCallee      *self);

/* The answer (args and kwargs may be NULL). Set before registering; later calls take the new one. */
void              sock_mock_callee_set_result        (SockMockCallee      *self,
                                                      JsonArray           *args,
                                                      JsonObject          *kwargs);
void              sock_mock_callee_set_error         (SockMockCallee      *self,
                                                      const char          *error_uri,
                                                      JsonArray           *args,
                                                      JsonObject          *kwargs);
/* How long to wait before answering, at most SOCK_MOCK_MAX_DELAY_MS. */
/* The same with JSON text (or NULL), answered exactly as written (see
 * sock_session_publish_json_async()); registering fails in words when the connection's serializer
 * cannot carry it. */
void              sock_mock_callee_set_result_json   (SockMockCallee      *self,
                                                      const char          *args,
                                                      const char          *kwargs);
void              sock_mock_callee_set_error_json    (SockMockCallee      *self,
                                                      const char          *error_uri,
                                                      const char          *args,
                                                      const char          *kwargs);
void              sock_mock_callee_set_delay         (SockMockCallee      *self,
                                                      guint                delay_ms);
/* Progressive results sent before the answer (at most SOCK_MOCK_MAX_PROGRESS) to a caller that
 * asked for them, spread over the delay; result k of n carries the arguments [k, n]. */
void              sock_mock_callee_set_n_progress    (SockMockCallee      *self,
                                                      guint                n_progress);
/* What it answers, in words: "Result [3] after 500 ms". */
char             *sock_mock_callee_dup_answer_text   (SockMockCallee      *self);
/* The same, with its counts (the delay, the progressive results) written by count_text: the UI
 * groups digits as its Preferences say. */
char             *sock_mock_callee_dup_answer_text_full (SockMockCallee    *self,
                                                         SockMockCountText  count_text);

void              sock_mock_callee_register_async    (SockMockCallee      *self,
                                                      SockConnection      *connection,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          sock_mock_callee_register_finish   (SockMockCallee      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Unregisters it; calls still waiting for their answer get wamp.error.canceled. */
void              sock_mock_callee_unregister        (SockMockCallee      *self);
/* The connection's registration while registered, else NULL. */
SockRegistration *sock_mock_callee_get_registration  (SockMockCallee      *self);
/* The calls received, newest last, at most SOCK_MOCK_MAX_INVOCATIONS; SockMockInvocation items. */
GListModel       *sock_mock_callee_get_invocations   (SockMockCallee      *self);
guint64           sock_mock_callee_get_n_invocations (SockMockCallee      *self);

/* Properties (read-only, notified): procedure (string), registration (SockRegistration),
 * n-invocations (uint64), answer-text (string). */

G_END_DECLS
