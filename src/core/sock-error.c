/* sock-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sock-error.h"

G_DEFINE_QUARK (sock-error-quark, sock_error)
