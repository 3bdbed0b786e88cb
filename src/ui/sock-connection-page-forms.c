/* sock-connection-page-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contents of a tab's publish and call forms, kept by the workspace across a restart.
 */

#include "config.h"

#include "sock-call-form.h"
#include "sock-connection-page.h"
#include "sock-connection-page-private.h"
#include "sock-publish-form.h"

JsonObject *
sock_connection_page_dup_form_state (SockConnectionPage *self)
{
  JsonObject *state;

  g_return_val_if_fail (SOCK_IS_CONNECTION_PAGE (self), NULL);

  state = json_object_new ();
  json_object_set_object_member (state, "publish", sock_publish_form_dup_state (self->publish_form));
  json_object_set_object_member (state, "call", sock_call_form_dup_state (self->call_form));
  return state;
}

void
sock_connection_page_set_form_state (SockConnectionPage *self,
                                     JsonObject         *state)
{
  JsonNode *node;

  g_return_if_fail (SOCK_IS_CONNECTION_PAGE (self));
  g_return_if_fail (state != NULL);

  node = json_object_get_member (state, "publish");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    sock_publish_form_set_state (self->publish_form, json_node_get_object (node));
  node = json_object_get_member (state, "call");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    sock_call_form_set_state (self->call_form, json_node_get_object (node));
}
