/* sock-message-log-uris.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log's URI pool and the names of its enums. URIs are interned so that a record holds a
 * 32-bit index instead of a string: a feed repeats a few topics millions of times.
 */

#include "config.h"

#include <string.h>

#include "sock-message-log-private.h"

G_DEFINE_ENUM_TYPE (SockLogDirection, sock_log_direction,
  G_DEFINE_ENUM_VALUE (SOCK_LOG_DIRECTION_IN, "in"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_DIRECTION_OUT, "out"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_DIRECTION_LOCAL, "local"))

G_DEFINE_ENUM_TYPE (SockLogKind, sock_log_kind,
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_WAMP1, "wamp1"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_WAMP2, "wamp2"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_BINARY, "binary"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_MARKER, "marker"),
  G_DEFINE_ENUM_VALUE (SOCK_LOG_KIND_PROTOCOL_ERROR, "error"))

guint32
sock_message_log_intern_uri (SockMessageLog *self,
                             const char     *uri,
                             gssize          len)
{
  char stack[256];
  g_autofree char *heap = NULL;
  const char *key = uri;
  gpointer found;
  const char *copy;

  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), 0);

  if (uri == NULL || len == 0 || uri[0] == '\0')
    return 0;

  if (len > 0)
    {
      /* The table wants a NUL-terminated key; avoid the heap for ordinary URIs. */
      if ((gsize) len < sizeof stack)
        {
          memcpy (stack, uri, len);
          stack[len] = '\0';
          key = stack;
        }
      else
        key = heap = g_strndup (uri, len);
    }

  if (g_hash_table_lookup_extended (self->uri_index, key, NULL, &found))
    return GPOINTER_TO_UINT (found);

  g_return_val_if_fail (self->uris->len < G_MAXUINT32, 0);
  copy = g_string_chunk_insert (self->uri_chunk, key);
  g_ptr_array_add (self->uris, (gpointer) copy);
  g_hash_table_insert (self->uri_index, (gpointer) copy, GUINT_TO_POINTER (self->uris->len - 1));
  return self->uris->len - 1;
}

const char *
sock_message_log_get_uri (SockMessageLog *self,
                          guint32         index)
{
  g_return_val_if_fail (SOCK_IS_MESSAGE_LOG (self), NULL);

  if (index == 0 || index >= self->uris->len)
    return NULL;
  return g_ptr_array_index (self->uris, index);
}

const char *
sock_log_direction_to_string (SockLogDirection direction)
{
  switch (direction)
    {
    case SOCK_LOG_DIRECTION_IN: return "in";
    case SOCK_LOG_DIRECTION_OUT: return "out";
    case SOCK_LOG_DIRECTION_LOCAL: return "local";
    default: return NULL;
    }
}

const char *
sock_log_kind_to_string (SockLogKind kind)
{
  switch (kind)
    {
    case SOCK_LOG_KIND_WAMP1: return "wamp1";
    case SOCK_LOG_KIND_WAMP2: return "wamp2";
    case SOCK_LOG_KIND_TEXT: return "text";
    case SOCK_LOG_KIND_BINARY: return "binary";
    case SOCK_LOG_KIND_MARKER: return "marker";
    case SOCK_LOG_KIND_PROTOCOL_ERROR: return "error";
    default: return NULL;
    }
}

guint8
sock_log_flags_for_serializer (SockWampSerializer serializer)
{
  switch (serializer)
    {
    case SOCK_WAMP_SERIALIZER_MSGPACK: return SOCK_LOG_FLAG_MSGPACK;
    case SOCK_WAMP_SERIALIZER_CBOR: return SOCK_LOG_FLAG_CBOR;
    case SOCK_WAMP_SERIALIZER_JSON:
    default: return SOCK_LOG_FLAG_NONE;
    }
}

SockWampSerializer
sock_log_flags_get_serializer (guint8 flags)
{
  if (flags & SOCK_LOG_FLAG_MSGPACK)
    return SOCK_WAMP_SERIALIZER_MSGPACK;
  if (flags & SOCK_LOG_FLAG_CBOR)
    return SOCK_WAMP_SERIALIZER_CBOR;
  return SOCK_WAMP_SERIALIZER_JSON;
}

char *
sock_log_entry_dup_json (const SockLogEntry  *entry,
                         const guint8        *raw,
                         gsize                len,
                         GError             **error)
{
  g_autoptr(GString) text = NULL;
  SockWampSerializer serializer;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (raw != NULL || len == 0, NULL);

  serializer = sock_log_flags_get_serializer (entry->flags);
  if (serializer == SOCK_WAMP_SERIALIZER_JSON || (entry->flags & SOCK_LOG_FLAG_TRUNCATED))
    return NULL;
  text = g_string_sized_new (len * 2 + 16);
  if (!sock_wamp_serializer_to_json (serializer, raw, len, text, error))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}
