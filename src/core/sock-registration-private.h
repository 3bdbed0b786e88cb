/* sock-registration-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sock-activity-private.h"
#include "sock-registration.h"
#include "sock-wamp2-session.h"

G_BEGIN_DECLS

struct _SockRegistration
{
  GObject                parent_instance;

  char                  *procedure;
  JsonObject            *options;
  SockInvocationFunc     handler;
  gpointer               handler_data;
  SockActivity           activity;   /* state, error, id; invocations counted, their rate */
};

SockRegistration *_sock_registration_new       (const char            *procedure,
                                                JsonObject            *options,
                                                SockInvocationFunc     handler,
                                                gpointer               handler_data);
void              _sock_registration_set_state (SockRegistration      *self,
                                                SockSubscriptionState  state,
                                                const char            *error);
void              _sock_registration_set_id    (SockRegistration      *self,
                                                gint64                 id);
/* The handler given to the session: counts, then calls the user's (user_data: the registration). */
void              _sock_registration_invoke    (SockWamp2Session      *session,
                                                SockInvocation        *invocation,
                                                gpointer               user_data);
void              _sock_registration_tick      (SockRegistration      *self,
                                                gint64                 span_us);
/* After unregistering: invocations still in flight are refused, the handler is not called. */
void              _sock_registration_detach    (SockRegistration      *self);

G_END_DECLS
