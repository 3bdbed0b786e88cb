/* sock-handshake-export-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the command exports and the text export of a handshake attempt.
 */

#pragma once

#include "sock-handshake-export.h"
#include "sock-secrets.h"

G_BEGIN_DECLS

#define SOCK_EXPORT_MASK SOCK_SECRET_MASK

/* The URL with each secret query value masked. */
char *_sock_handshake_export_shown_url   (const char *url);

G_END_DECLS
