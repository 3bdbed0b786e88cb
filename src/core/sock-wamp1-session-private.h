/* sock-wamp1-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sock-session-private.h"
#include "sock-wamp1-session.h"

G_BEGIN_DECLS

struct _SockWamp1Session
{
  SockSession  parent_instance;

  char        *session_id;
  char        *server_ident;
  GHashTable  *prefixes;     /* prefix -> uri */
  GHashTable  *calls;        /* call id -> Call */
  guint64      next_call;
  SockSessionDeadline *welcome_deadline;  /* WELCOME, then the WAMP-CRA calls */

  /* WAMP-CRA over RPC (sock-wamp1-session-auth.c) */
  char        *authid;
  char        *secret;
  char        *auth_call_id;      /* the authreq or auth call under way */
  gboolean     auth_signed;       /* the auth call (not authreq) is under way */
  char        *auth_challenge;    /* kept while a salted key is derived */
  GCancellable *auth_cancellable;
};

void     _sock_wamp1_clear_join_deadline (SockWamp1Session      *self);

/* sock-wamp1-session-auth.c: after WELCOME, authreq and auth calls before the session counts as
 * joined. */
void     _sock_wamp1_auth_start          (SockWamp1Session      *self);
/* TRUE when message answered one of those calls (and was handled). */
gboolean _sock_wamp1_auth_handle_answer  (SockWamp1Session      *self,
                                          const SockWampMessage *message);
void     _sock_wamp1_auth_clear          (SockWamp1Session      *self);

G_END_DECLS
