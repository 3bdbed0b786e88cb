/* sock-json-field.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small monospace JSON editor with a title, checked strictly as the user types (after a
 * short pause): a parse error shows under it in words with its line and column, and a value of the wrong kind
 * ("Arguments must be a JSON array") too. Empty means "none".
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SOCK_JSON_FIELD_ARRAY,
  SOCK_JSON_FIELD_OBJECT,
} SockJsonFieldKind;

#define SOCK_TYPE_JSON_FIELD (sock_json_field_get_type ())

G_DECLARE_FINAL_TYPE (SockJsonField, sock_json_field, SOCK, JSON_FIELD, GtkWidget)

GtkWidget  *sock_json_field_new            (SockJsonFieldKind  kind,
                                            const char        *title);
const char *sock_json_field_get_title      (SockJsonField     *self);
/* Checks the text now instead of after the pause; TRUE when it is valid (or empty). */
gboolean    sock_json_field_validate       (SockJsonField     *self);
gboolean    sock_json_field_get_valid      (SockJsonField     *self);
/* What the user is told is wrong, or NULL. */
const char *sock_json_field_get_problem    (SockJsonField     *self);
char       *sock_json_field_dup_text       (SockJsonField     *self);
void        sock_json_field_set_text       (SockJsonField     *self,
                                            const char        *text);
/* The value (a new reference), or NULL when the editor is empty or invalid. */
/* Indents valid JSON (numbers and strings kept as typed); FALSE, and the problem shown, when the
 * text is not valid. */
gboolean    sock_json_field_format         (SockJsonField     *self);
/* The JSON text to send as it is (trimmed), or NULL when the editor is empty or invalid. */
char       *sock_json_field_dup_value      (SockJsonField     *self);
JsonArray  *sock_json_field_dup_array      (SockJsonField     *self);
JsonObject *sock_json_field_dup_object     (SockJsonField     *self);

/* Properties: kind (construct-only), title, valid (read-only), problem (read-only). */

G_END_DECLS
