/* fuzz-json-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for what a person types (Arguments, Keyword arguments, URIs) and for the
 * terminal-safe text. The first byte picks array or object; a value that is accepted must write
 * out, read back and write out the same; safe text must be UTF-8 with no control character. Text
 * to send as it is: what the check accepts for a serializer (the first byte picks it) must encode
 * in it and read back.
 */

#include "fuzz-util.h"
#include "sock-error.h"
#include "sock-json-input.h"
#include "sock-json-pretty.h"
#include "sock-wamp-serializer.h"
#include "sock-json-write.h"
#include "sock-safe-text.h"
#include "sock-wamp-uri.h"

FUZZ_INITIALIZE_FATAL_WARNINGS

static void
check_safe (const char *text,
            gsize       len)
{
  g_autofree char *safe = sock_safe_text (text, len, 64, SOCK_SAFE_TEXT_ONE_LINE);

  CHECK (g_utf8_validate (safe, -1, NULL));
  for (const char *p = safe; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      CHECK (c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !(c >= 0x202A && c <= 0x202E));
    }
}

static void
check_json (const char        *text,
            gsize              len,
            SockJsonInputKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sock_json_input_parse (text, len, kind, "fuzz", &error);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);

  if (node == NULL)
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON));
      CHECK (g_str_has_prefix (error->message, "fuzz: "));
      CHECK (strstr (error->message, "<data>") == NULL);
      return;
    }
  CHECK (kind == SOCK_JSON_INPUT_ARRAY ? JSON_NODE_HOLDS_ARRAY (node) : JSON_NODE_HOLDS_OBJECT (node));
  sock_json_write_node (first, node);
  back = sock_json_input_parse (first->str, first->len, kind, "fuzz", &error);
  if (back == NULL)
    {
      g_printerr ("written %s does not read back: %s\n", first->str, error->message);
      abort ();
    }
  sock_json_write_node (second, back);
  CHECK (g_str_equal (first->str, second->str));
}

static void
check_send (const char         *text,
            gsize               len,
            SockJsonInputKind   kind,
            SockWampSerializer  serializer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) back = g_string_new (NULL);

  if (!sock_json_input_check (text, len, kind, serializer, "fuzz", &error))
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON));
      CHECK (g_str_has_prefix (error->message, "fuzz: "));
      return;
    }
  /* compact as the session sends it, and as deep as it was: the serializers take that depth */
  compact = sock_json_compact (text, len, G_MAXSIZE / 4);
  CHECK (sock_wamp_serializer_from_json (serializer, compact, strlen (compact), bytes, &error));
  CHECK (sock_wamp_serializer_to_json (serializer, bytes->data, bytes->len, back, &error));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  SockWampUriRole role;

  if (size < 1)
    return 0;
  text = g_strndup ((const char *) data + 1, size - 1);
  check_safe ((const char *) data + 1, size - 1);
  check_json ((const char *) data + 1, strlen (text), data[0] & 1 ? SOCK_JSON_INPUT_OBJECT
                                                                  : SOCK_JSON_INPUT_ARRAY);
  check_send ((const char *) data + 1, strlen (text), data[0] & 1 ? SOCK_JSON_INPUT_OBJECT : SOCK_JSON_INPUT_ARRAY,
              (SockWampSerializer) ((data[0] >> 5) % 3));
  role = (SockWampUriRole) (data[0] >> 1) % 3;
  if (!sock_wamp_uri_check (text, role, (SockMatch) (data[0] >> 3) % 3, &error))
    CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE));
  else
    CHECK (g_utf8_validate (text, -1, NULL) && *text != '\0' &&
           (strchr (text, '#') == NULL || (role != SOCK_WAMP_URI_REALM && strstr (text, "://") != NULL)));
  return 0;
}
