/* sock-admin-util-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typed reads of the meta API's JSON that tolerate a wrong type (NULL / FALSE then), and a set
 * of session ids, shared by SockRouterAdmin and its item types.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Ids of the meta API are integers in [1, 2^53]. */
#define SOCK_ADMIN_MAX_ID (G_GINT64_CONSTANT (1) << 53)

const char *_sock_admin_member_string (JsonObject         *object,
                                       const char         *name);
char       *_sock_admin_member_dup    (JsonObject         *object,
                                       const char         *name);
JsonObject *_sock_admin_member_object (JsonObject         *object,
                                       const char         *name);
gboolean    _sock_admin_member_id     (JsonObject         *object,
                                       const char         *name,
                                       gint64             *out);
gboolean    _sock_admin_node_id       (JsonNode           *node,
                                       gint64             *out);
char       *_sock_admin_object_text   (JsonObject         *object);
/* Whether text (case-insensitive) is in one of the n fields (NULL fields are skipped). */
gboolean    _sock_admin_any_contains  (const char * const *fields,
                                       guint               n,
                                       const char         *text);
/* Sets of ids (GArray of gint64); add/remove say whether the set changed. */
gboolean    _sock_admin_ids_add       (GArray             *ids,
                                       gint64              id);
gboolean    _sock_admin_ids_remove    (GArray             *ids,
                                       gint64              id);

G_END_DECLS
