/* sock-wamp-build-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the WAMP v2 and v1 builders.
 */

#pragma once

#include "sock-json-write.h"
#include "sock-wamp-message.h"

static inline GString *
begin (int type)
{
  GString *s = g_string_sized_new (128);

  g_string_append_printf (s, "[%d", type);
  return s;
}

static inline char *
finish (GString *s)
{
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static inline void
add_string (GString    *s,
            const char *str)
{
  g_string_append_c (s, ',');
  sock_json_write_string (s, str);
}

static inline void
add_node (GString  *s,
          JsonNode *node)
{
  g_string_append_c (s, ',');
  sock_json_write_node (s, node);
}
