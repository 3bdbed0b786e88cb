/* sock-wamp-serializer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sock-json-scan.h"
#include "sock-wamp-serializer-private.h"

static const char * const subprotocols[][2] = {
  [SOCK_WAMP_SERIALIZER_JSON]    = { "wamp.2.json",    "wamp.2.json.batched" },
  [SOCK_WAMP_SERIALIZER_MSGPACK] = { "wamp.2.msgpack", "wamp.2.msgpack.batched" },
  [SOCK_WAMP_SERIALIZER_CBOR]    = { "wamp.2.cbor",    "wamp.2.cbor.batched" },
};

gboolean
sock_wamp_serializer_from_subprotocol (const char         *subprotocol,
                                       SockWampSerializer *serializer,
                                       gboolean           *batched)
{
  g_return_val_if_fail (serializer != NULL, FALSE);

  if (subprotocol == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (subprotocols); i++)
    for (guint b = 0; b < 2; b++)
      if (strcmp (subprotocol, subprotocols[i][b]) == 0)
        {
          *serializer = i;
          if (batched != NULL)
            *batched = b;
          return TRUE;
        }
  return FALSE;
}

const char *
sock_wamp_serializer_to_subprotocol (SockWampSerializer serializer,
                                     gboolean           batched)
{
  g_return_val_if_fail (serializer <= SOCK_WAMP_SERIALIZER_CBOR, NULL);

  return subprotocols[serializer][batched ? 1 : 0];
}

const char *
sock_wamp_serializer_get_name (SockWampSerializer serializer)
{
  static const char * const names[] = { "JSON", "MessagePack", "CBOR" };

  g_return_val_if_fail (serializer <= SOCK_WAMP_SERIALIZER_CBOR, NULL);

  return names[serializer];
}

gboolean
sock_wamp_serializer_is_binary (SockWampSerializer serializer)
{
  return serializer != SOCK_WAMP_SERIALIZER_JSON;
}

static gboolean
to_json (SockWampSerializer   serializer,
         const guint8        *data,
         gsize                len,
         GString             *out,
         SockSerialElements  *elements,
         GError             **error)
{
  switch (serializer)
    {
    case SOCK_WAMP_SERIALIZER_MSGPACK:
      return _sock_msgpack_to_json (data, len, out, elements, error);
    case SOCK_WAMP_SERIALIZER_CBOR:
      return _sock_cbor_to_json (data, len, out, elements, error);
    case SOCK_WAMP_SERIALIZER_JSON:
    default:
      if (elements != NULL)
        {
          if (!sock_json_scan_array ((const char *) data, len, elements->elements, elements->max, &elements->n,
                                     NULL, error))
            return FALSE;
        }
      else if (!sock_json_validate ((const char *) data, len, NULL, NULL, error))
        return FALSE;
      g_string_append_len (out, (const char *) data, len);
      return TRUE;
    }
}

gboolean
sock_wamp_serializer_to_json (SockWampSerializer   serializer,
                              const guint8        *data,
                              gsize                len,
                              GString             *out,
                              GError             **error)
{
  gsize was;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  was = out->len;
  if (to_json (serializer, data, len, out, NULL, error))
    return TRUE;
  g_string_truncate (out, was);
  return FALSE;
}

/* For the codec's sock_wamp_decode(): a binary frame's elements come from
 * the transcoder, so that the JSON text it wrote is not scanned again. */
gboolean
_sock_wamp_serializer_to_json_elements (SockWampSerializer   serializer,
                                        const guint8        *data,
                                        gsize                len,
                                        GString             *out,
                                        SockJsonElement     *elements,
                                        guint                max_elements,
                                        guint               *n_elements,
                                        GError             **error)
{
  SockSerialElements noted = { elements, max_elements, 0, 0 };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL && n_elements != NULL, FALSE);

  noted.base = out->len;
  if (!to_json (serializer, data, len, out, &noted, error))
    {
      g_string_truncate (out, noted.base);
      return FALSE;
    }
  if (out->str[noted.base] != '[')
    {
      g_string_truncate (out, noted.base);
      return _sock_serial_fail (error, "the %s message is not an array", sock_wamp_serializer_get_name (serializer));
    }
  *n_elements = noted.n;
  return TRUE;
}

gboolean
sock_wamp_serializer_from_json (SockWampSerializer   serializer,
                                const char          *json,
                                gsize                len,
                                GByteArray          *out,
                                GError             **error)
{
  guint was = out != NULL ? out->len : 0;
  gboolean ok;

  g_return_val_if_fail (json != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (serializer)
    {
    case SOCK_WAMP_SERIALIZER_MSGPACK:
      ok = _sock_msgpack_from_json (json, len, out, error);
      break;
    case SOCK_WAMP_SERIALIZER_CBOR:
      ok = _sock_cbor_from_json (json, len, out, error);
      break;
    case SOCK_WAMP_SERIALIZER_JSON:
    default:
      ok = sock_json_validate (json, len, NULL, NULL, error);
      if (ok)
        g_byte_array_append (out, (const guint8 *) json, len);
      break;
    }
  if (!ok)
    g_byte_array_set_size (out, was);
  return ok;
}

void
sock_wamp_serializer_batch_append (SockWampSerializer  serializer,
                                   GByteArray         *out,
                                   const guint8       *message,
                                   gsize               len)
{
  static const guint8 separator = 0x1e;

  g_return_if_fail (out != NULL);
  g_return_if_fail (serializer == SOCK_WAMP_SERIALIZER_JSON || len <= G_MAXUINT32);

  if (serializer == SOCK_WAMP_SERIALIZER_JSON)
    {
      g_byte_array_append (out, message, len);
      g_byte_array_append (out, &separator, 1);
      return;
    }
  {
    guint8 prefix[4] = { len >> 24, len >> 16, len >> 8, len };

    g_byte_array_append (out, prefix, 4);
    g_byte_array_append (out, message, len);
  }
}

gboolean
sock_wamp_serializer_batch_next (SockWampSerializer   serializer,
                                 const guint8        *data,
                                 gsize                len,
                                 gsize               *pos,
                                 const guint8       **message,
                                 gsize               *message_len,
                                 GError             **error)
{
  const guint8 *at;
  gsize n;

  g_return_val_if_fail (pos != NULL && *pos <= len, FALSE);
  g_return_val_if_fail (message != NULL && message_len != NULL, FALSE);

  if (*pos == len)
    return FALSE;
  at = data + *pos;
  if (serializer == SOCK_WAMP_SERIALIZER_JSON)
    {
      const guint8 *end = memchr (at, 0x1e, len - *pos);

      if (end == NULL)
        return _sock_serial_fail (error, "batched JSON frame: the message at byte %" G_GSIZE_FORMAT
                                  " does not end with the 0x1E separator", *pos);
      *message = at;
      *message_len = end - at;
      *pos += *message_len + 1;
      return TRUE;
    }
  if (len - *pos < 4 || (n = _sock_serial_get_be (at, 4)) > len - *pos - 4)
    return _sock_serial_fail (error, "batched %s frame truncated: the message at byte %" G_GSIZE_FORMAT
                              " is longer than what is left", sock_wamp_serializer_get_name (serializer), *pos);
  *message = at + 4;
  *message_len = n;
  *pos += 4 + n;
  return TRUE;
}
