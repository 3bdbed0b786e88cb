/* sock-connection-handshakes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection's handshake history: every connect attempt (first open and reconnects, failed
 * or not) with its record and diagnosis, bounded to the last SOCK_HANDSHAKE_HISTORY_DEFAULT_LIMIT.
 */

#include "config.h"

#include "sock-connection-private.h"

GListModel *
sock_connection_get_handshakes (SockConnection *self)
{
  g_return_val_if_fail (SOCK_IS_CONNECTION (self), NULL);
  return G_LIST_MODEL (self->handshakes);
}

void
_sock_connection_attempt_started (SockConnection *self)
{
  sock_handshake_history_begin (self->handshakes);
}

void
_sock_connection_attempt_ended (SockConnection *self,
                                const GError   *error)
{
  SockHandshake *handshake = sock_transport_get_handshake (self->transport);
  SockHandshakeAttempt *attempt;

  if (handshake == NULL)
    return;
  attempt = sock_handshake_history_record (self->handshakes, handshake, error,
                                           error != NULL ? self->diagnosis : NULL);
  sock_handshake_attempt_set_profile (attempt, sock_transport_get_profile (self->transport));
}

/* A close right after the open changes what the attempt's record says (whether or not the
 * connection was still opening: a session may have failed its join first). */
void
_sock_connection_attempt_rediagnosed (SockConnection *self)
{
  SockHandshake *handshake = sock_transport_get_handshake (self->transport);
  g_autoptr(SockDiagnosis) diagnosis = NULL;
  SockHandshakeAttempt *attempt;

  if (handshake == NULL || !sock_handshake_get_closed_early (handshake) ||
      (attempt = sock_handshake_history_find (self->handshakes, handshake)) == NULL)
    return;
  diagnosis = sock_diagnose (NULL, handshake);
  sock_handshake_attempt_set_diagnosis (attempt, diagnosis);
}
