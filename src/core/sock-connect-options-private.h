/* sock-connect-options-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by sock-connect-options.c (the object and its validation) and
 * sock-connect-options-json.c (its JSON form).
 */

#pragma once

#include "sock-connect-options.h"
#include "sock-wamp-message.h"

G_BEGIN_DECLS

typedef struct
{
  char      *topic;
  SockMatch  match;
} SockConnectOptionsSubscription;

struct _SockConnectOptions
{
  GObject             parent_instance;

  SockProfile        *profile;
  SockProtocolChoice  protocol;
  char               *realm;
  SockAuthMethod      auth_method;
  char               *authid;
  char               *secret;
  char               *private_key_file;
  gboolean            reconnect;
  /* a CA file named in a stored form that cannot be read any more: validate() says so */
  char               *missing_ca_file;
  GPtrArray          *subscriptions;   /* SockConnectOptionsSubscription */
};

/* sock-connect-options-key.c: a cryptosign key that can be read (and an authid), or why not. */
gboolean _sock_connect_options_validate_key (SockConnectOptions  *self,
                                             GError             **error);

/* The JSON identifiers, case-sensitive; "custom" included. */
gboolean _sock_protocol_choice_from_id (const char         *id,
                                        SockProtocolChoice *out);
gboolean _sock_auth_method_from_id     (const char         *id,
                                        SockAuthMethod     *out);

G_END_DECLS
