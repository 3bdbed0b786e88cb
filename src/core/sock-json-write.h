/* sock-json-write.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compact JSON text from json-glib trees. json-glib 1.6's own generator
 * writes doubles with an exponent as "6e+32.0", which is not JSON, so the
 * WAMP builders write with these instead.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Appends @str (UTF-8) as a JSON string literal. */
void sock_json_write_string (GString    *out,
                             const char *str);
/* Appends @value as the shortest text that reads back to it (0.1 stays "0.1"), with ".0" on an
 * integral one so that it stays a double; a non-finite one as null. */
void sock_json_write_double (GString    *out,
                             double      value);
/* Appends @node; NULL is written as null, a non-finite double as null. */
void sock_json_write_node   (GString    *out,
                             JsonNode   *node);
void sock_json_write_object (GString    *out,
                             JsonObject *object);
void sock_json_write_array  (GString    *out,
                             JsonArray  *array);

G_END_DECLS
