/* sock-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SOCK_ERROR (sock_error_quark ())

typedef enum
{
  SOCK_ERROR_INVALID_URL,
  SOCK_ERROR_INVALID_HEADER,
  SOCK_ERROR_INVALID_ORIGIN,
  SOCK_ERROR_INVALID_PROTOCOL,
  SOCK_ERROR_CA_FILE,
  SOCK_ERROR_INVALID_PIN,
  SOCK_ERROR_INVALID_VALUE,
  SOCK_ERROR_TIMED_OUT,
  SOCK_ERROR_REDIRECT,
  SOCK_ERROR_SUBPROTOCOL,
  SOCK_ERROR_PIN_MISMATCH,
  SOCK_ERROR_NOT_CONNECTED,
  SOCK_ERROR_INVALID_JSON,
  SOCK_ERROR_PROTOCOL,
  SOCK_ERROR_UNREADABLE_FILE,
  SOCK_ERROR_INVALID_REALM,
  SOCK_ERROR_INVALID_AUTH,
  SOCK_ERROR_NEWER_VERSION,   /* a file written by a newer Sockscope */
  SOCK_ERROR_KEYRING,         /* no Secret Service, or it did not answer in time */
  SOCK_ERROR_NOT_FOUND,       /* no saved connection of that name */
} SockErrorCode;

GQuark sock_error_quark (void);

G_END_DECLS
