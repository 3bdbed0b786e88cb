/* sock-json-pretty.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one JSON pretty-printer of the app (detail pane, message fields, diff, call results):
 * valid JSON re-indented by two spaces token by token, so that every string and number keeps
 * its text byte for byte ("1.0" stays "1.0", 9007199254740993 is not rounded), and empty
 * containers read "{}" and "[]". The strict scanner validates first: nothing deeper than
 * SOCK_JSON_MAX_DEPTH is printed, and no tree is built.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when text is not one valid JSON document. */
char     *sock_json_pretty        (const char *text,
                                   gsize       len);

/* Appends text (which must be valid JSON) re-indented, its nested lines indented by depth
 * more levels: for a value that is printed inside other text. */
void      sock_json_pretty_append (GString    *out,
                                   const char *text,
                                   gsize       len,
                                   guint       depth);

/* Short one-line form of a JSON value for a table cell: the text as it came, whitespace outside
 * strings dropped, cut to at most max_chars characters with "…". */
char     *sock_json_compact       (const char *text,
                                   gsize       len,
                                   gsize       max_chars);

G_END_DECLS
