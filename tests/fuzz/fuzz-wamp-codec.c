/* fuzz-wamp-codec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer harness for the WAMP codec. Whatever decodes must also parse with
 * json-glib, and re-encoding it with the builders must decode to the same
 * fields: the scanner, the decoder and the builders check one another.
 */

#include "fuzz-util.h"
#include "sock-error.h"
#include "sock-wamp-message.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical from a builder is a bug the fuzzer should stop at. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static JsonNode *
parse_range (SockJsonRange range)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (range.data == NULL)
    return NULL;
  node = sock_json_range_parse (range, &error);
  if (node == NULL)
    g_printerr ("json-glib rejects %.*s: %s\n", (int) range.len, range.data, error->message);
  CHECK (node != NULL);
  return node;
}

/* Empty args / kwargs are written as absent; compare them that way. */
static JsonNode *
parse_payload (SockJsonRange range)
{
  JsonNode *node = parse_range (range);

  if (node != NULL &&
      ((JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0) ||
       (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0)))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

static gboolean
same_json (JsonNode *a,
           JsonNode *b)
{
  gboolean same = (a == NULL && b == NULL) || (a != NULL && b != NULL && json_node_equal (a, b));

  if (a != NULL)
    json_node_unref (a);
  if (b != NULL)
    json_node_unref (b);
  return same;
}

static void
check_lazy (const SockWampMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = sock_wamp_message_dup_details (msg, &error);
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) kwargs = NULL;

  CHECK (error == NULL);
  CHECK ((details != NULL) == (msg->details.data != NULL));
  args = sock_wamp_message_dup_args (msg, &error);
  CHECK (error == NULL);
  CHECK ((args != NULL) == (msg->args.data != NULL));
  kwargs = sock_wamp_message_dup_kwargs (msg, &error);
  CHECK (error == NULL);
  CHECK ((kwargs != NULL) == (msg->kwargs.data != NULL));
}

static void
check_same (const SockWampMessage *a,
            const SockWampMessage *b)
{
  CHECK (a->type == b->type);
  CHECK (a->request_id == b->request_id);
  CHECK (a->request_type == b->request_type);
  CHECK (a->id == b->id);
  CHECK (a->publication == b->publication);
  CHECK (a->exclude_me == b->exclude_me);
  CHECK (g_strcmp0 (sock_wamp_message_get_uri (a), sock_wamp_message_get_uri (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_call_id (a), sock_wamp_message_get_call_id (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_prefix (a), sock_wamp_message_get_prefix (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_session_id (a), sock_wamp_message_get_session_id (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_server_ident (a), sock_wamp_message_get_server_ident (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_error_desc (a), sock_wamp_message_get_error_desc (b)) == 0);
  CHECK (g_strcmp0 (sock_wamp_message_get_signature (a), sock_wamp_message_get_signature (b)) == 0);
  CHECK (same_json (parse_range (a->details), parse_range (b->details)));
  CHECK (same_json (parse_range (a->error_details), parse_range (b->error_details)));
  CHECK (same_json (parse_range (a->exclude), parse_range (b->exclude)));
  CHECK (same_json (parse_range (a->eligible), parse_range (b->eligible)));
  if (a->version == SOCK_WAMP_V2)
    {
      CHECK (same_json (parse_payload (a->args), parse_payload (b->args)));
      CHECK (same_json (parse_payload (a->kwargs), parse_payload (b->kwargs)));
    }
  else
    {
      g_autoptr(JsonArray) args_a = sock_wamp_message_dup_args (a, NULL);
      g_autoptr(JsonArray) args_b = sock_wamp_message_dup_args (b, NULL);
      JsonNode *na = args_a ? json_node_init_array (json_node_alloc (), args_a) : NULL;
      JsonNode *nb = args_b ? json_node_init_array (json_node_alloc (), args_b) : NULL;

      CHECK (same_json (na, nb));
    }
}

static void
fuzz_version (SockWampVersion version,
              const char     *data,
              size_t          size)
{
  g_auto(SockWampMessage) msg = { 0 };
  g_auto(SockWampMessage) again = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *wire = NULL;

  if (!sock_wamp_decode (version, data, size, &msg, &error))
    {
      CHECK (g_error_matches (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL));
      CHECK (msg.heap == NULL);
      return;
    }
  check_lazy (&msg);
  wire = sock_wamp_message_build (&msg, &error);
  CHECK (error == NULL && wire != NULL);
  if (!sock_wamp_decode (version, wire, strlen (wire), &again, &error))
    {
      g_printerr ("re-encoded %s does not decode: %s\n", wire, error->message);
      abort ();
    }
  check_same (&msg, &again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_version (SOCK_WAMP_V1, (const char *) data, size);
  fuzz_version (SOCK_WAMP_V2, (const char *) data, size);
  return 0;
}
