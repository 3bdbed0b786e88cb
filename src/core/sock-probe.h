/* sock-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connect once, watch the first moments, close, and say what happened.
 */

#pragma once

#include "sock-diagnosis.h"
#include "sock-handshake.h"
#include "sock-profile.h"

G_BEGIN_DECLS

void            sock_probe_async   (SockProfile          *profile,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* Never fails: a failed connection is a diagnosis. out_handshake and out_error (both optional)
 * receive the record and the connection error (NULL when it opened). Returns NULL (with
 * G_IO_ERROR_CANCELLED in out_error) only when cancelled. */
SockDiagnosis  *sock_probe_finish  (GAsyncResult         *result,
                                    SockHandshake       **out_handshake,
                                    GError              **out_error);

/* A blocking convenience for the CLI and tests: runs its own main context until done. */
SockDiagnosis  *sock_probe_run     (SockProfile          *profile,
                                    SockHandshake       **out_handshake,
                                    GError              **out_error);

G_END_DECLS
