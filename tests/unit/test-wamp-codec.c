/* test-wamp-codec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sock-error.h"
#include "sock-wamp-message.h"

#define V1 SOCK_WAMP_V1
#define V2 SOCK_WAMP_V2
#define NONE SOCK_WAMP_NO_ID

/* Payloads made for a builder live until the end of the test. */
static GPtrArray *pool;

static JsonNode *
N (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  g_ptr_array_add (pool, json_node_ref (json_parser_get_root (parser)));
  return json_parser_get_root (parser);
}

static JsonObject *
O (const char *json)
{
  return json_node_get_object (N (json));
}

static JsonArray *
A (const char *json)
{
  return json_node_get_array (N (json));
}

typedef struct
{
  const char     *name;
  SockWampVersion version;
  char         *(*build) (void);
  const char     *wire;     /* what the builder must write */
  int             type;
  gint64          request_id, request_type, id, publication;
  const char     *uri;
  const char     *details, *args, *kwargs;  /* raw ranges, NULL when absent */
  const char     *call_id, *prefix, *session_id, *server_ident, *error_desc, *signature;
  const char     *error_details, *exclude, *eligible;
  int             exclude_me;
} RoundTrip;

#define IDS(req, rtype, sid, pub) .request_id = req, .request_type = rtype, .id = sid, .publication = pub

static char *b_hello (void) { return sock_wamp_build_hello ("realm1", O ("{\"roles\":{\"caller\":{}}}")); }
static char *b_welcome (void) { return sock_wamp_build_welcome (9007199254740992, NULL); }
static char *b_abort (void) { return sock_wamp_build_abort (O ("{\"message\":\"no\"}"), "wamp.error.no_such_realm", NULL, NULL); }
static char *b_abort_kw (void) { return sock_wamp_build_abort (NULL, "wamp.error.no_such_realm", NULL, O ("{\"k\":1}")); }
static char *b_challenge (void) { return sock_wamp_build_challenge ("wampcra", O ("{\"challenge\":\"{\\\"n\\\":1}\"}")); }
static char *b_authenticate (void) { return sock_wamp_build_authenticate ("s\u00e9cret\"\n", NULL); }
static char *b_goodbye (void) { return sock_wamp_build_goodbye (NULL, "wamp.close.goodbye_and_out"); }
static char *b_error (void) { return sock_wamp_build_error (SOCK_WAMP_CALL, 7, NULL, "wamp.error.invalid_argument", A ("[\"bad\"]"), O ("{\"why\":[1,2]}")); }
static char *b_publish (void) { return sock_wamp_build_publish (1, O ("{\"acknowledge\":true}"), "com.app.topic", A ("[1,\"two\"]"), NULL); }
static char *b_publish_empty (void) { return sock_wamp_build_publish (2, NULL, "com.app.topic", A ("[]"), O ("{}")); }
static char *b_published (void) { return sock_wamp_build_published (1, 0); }
static char *b_subscribe (void) { return sock_wamp_build_subscribe (3, O ("{\"match\":\"wildcard\"}"), "com..update"); }
static char *b_subscribed (void) { return sock_wamp_build_subscribed (3, 44); }
static char *b_unsubscribe (void) { return sock_wamp_build_unsubscribe (4, 44); }
static char *b_unsubscribed (void) { return sock_wamp_build_unsubscribed (4); }
static char *b_event (void) { return sock_wamp_build_event (44, 55, O ("{\"topic\":\"com.x.update\"}"), A ("[\"hello\",42]"), O ("{\"color\":\"orange\"}")); }
static char *b_event_raw (void)
{
  static const char args[] = "[1, 2]";
  return sock_wamp_build_event_raw (1, 2, (SockJsonRange) { NULL, 0 }, (SockJsonRange) { args, 6 }, (SockJsonRange) { NULL, 0 });
}
static char *b_call (void) { return sock_wamp_build_call (5, O ("{\"receive_progress\":true}"), "com.app.add", A ("[2,3]"), NULL); }
static char *b_call_numbers (void) { return sock_wamp_build_call (10, NULL, "a.b", A ("[-0.6e33,1.5,1e3,0.1,-7,1e-7]"), O ("{\"b\":true,\"a\":null,\"c\":\"\\u0001\"}")); }
static char *b_cancel (void) { return sock_wamp_build_cancel (5, O ("{\"mode\":\"kill\"}")); }
static char *b_result (void) { return sock_wamp_build_result (5, O ("{\"progress\":true}"), A ("[5]"), NULL); }
static char *b_register (void) { return sock_wamp_build_register (6, NULL, "com.app.add"); }
static char *b_registered (void) { return sock_wamp_build_registered (6, 77); }
static char *b_unregister (void) { return sock_wamp_build_unregister (8, 77); }
static char *b_unregistered (void) { return sock_wamp_build_unregistered (8); }
static char *b_invocation (void) { return sock_wamp_build_invocation (9, 77, NULL, A ("[2,3]"), O ("{\"x\":null}")); }
static char *b_interrupt (void) { return sock_wamp_build_interrupt (9, NULL); }
static char *b_yield (void) { return sock_wamp_build_yield (9, NULL, A ("[5]"), NULL); }
static char *b1_welcome (void) { return sock_wamp1_build_welcome ("52a1d6", "Ratchet/0.4.4"); }
static char *b1_prefix (void) { return sock_wamp1_build_prefix ("calc", "http://example.com/simple/calc#"); }
static char *b1_call (void) { return sock_wamp1_build_call ("7DK6TdN4wLiUJgNM", "http://example.com/api#add", A ("[23,{\"a\":\"]\"},[7]]")); }
static char *b1_call_noargs (void) { return sock_wamp1_build_call ("x", "calc:ping", NULL); }
static char *b1_callresult (void) { return sock_wamp1_build_callresult ("x", N ("{\"sum\":30}")); }
static char *b1_callerror (void) { return sock_wamp1_build_callerror ("x", "http://example.com/error#generic", "failed", N ("{\"code\":42}")); }
static char *b1_callerror4 (void) { return sock_wamp1_build_callerror ("x", "http://example.com/error#generic", "failed", NULL); }
static char *b1_subscribe (void) { return sock_wamp1_build_subscribe ("oro/data/update"); }
static char *b1_unsubscribe (void) { return sock_wamp1_build_unsubscribe ("oro/data/update"); }
static char *b1_publish (void) { return sock_wamp1_build_publish ("chat/room", N ("\"hi\"")); }
static char *b1_publish_me (void) { return sock_wamp1_build_publish_exclude_me ("chat/room", NULL, TRUE); }
static char *b1_publish_ex (void)
{
  const char *exclude[] = { "s1", NULL };
  return sock_wamp1_build_publish_lists ("chat/room", N ("[1]"), exclude, NULL);
}
static char *b1_publish_el (void)
{
  const char *eligible[] = { "s2", "s3", NULL };
  return sock_wamp1_build_publish_lists ("chat/room", N ("{}"), NULL, eligible);
}
static char *b1_event (void) { return sock_wamp1_build_event ("oro/ping", N ("\"Connection keep alive\"")); }

static const RoundTrip round_trips[] = {
  { "hello", V2, b_hello, "[1,\"realm1\",{\"roles\":{\"caller\":{}}}]", SOCK_WAMP_HELLO, IDS (NONE, NONE, NONE, NONE),
    .uri = "realm1", .details = "{\"roles\":{\"caller\":{}}}" },
  { "welcome", V2, b_welcome, "[2,9007199254740992,{}]", SOCK_WAMP_WELCOME,
    IDS (NONE, NONE, 9007199254740992, NONE), .details = "{}" },
  { "abort", V2, b_abort, "[3,{\"message\":\"no\"},\"wamp.error.no_such_realm\"]", SOCK_WAMP_ABORT,
    IDS (NONE, NONE, NONE, NONE), .uri = "wamp.error.no_such_realm", .details = "{\"message\":\"no\"}" },
  { "abort-kwargs", V2, b_abort_kw, "[3,{},\"wamp.error.no_such_realm\",[],{\"k\":1}]", SOCK_WAMP_ABORT,
    IDS (NONE, NONE, NONE, NONE), .uri = "wamp.error.no_such_realm", .details = "{}", .args = "[]",
    .kwargs = "{\"k\":1}" },
  { "challenge", V2, b_challenge, "[4,\"wampcra\",{\"challenge\":\"{\\\"n\\\":1}\"}]", SOCK_WAMP_CHALLENGE,
    IDS (NONE, NONE, NONE, NONE), .uri = "wampcra", .details = "{\"challenge\":\"{\\\"n\\\":1}\"}" },
  { "authenticate", V2, b_authenticate, "[5,\"s\u00e9cret\\\"\\n\",{}]", SOCK_WAMP_AUTHENTICATE,
    IDS (NONE, NONE, NONE, NONE), .details = "{}", .signature = "s\u00e9cret\"\n" },
  { "goodbye", V2, b_goodbye, "[6,{},\"wamp.close.goodbye_and_out\"]", SOCK_WAMP_GOODBYE,
    IDS (NONE, NONE, NONE, NONE), .uri = "wamp.close.goodbye_and_out", .details = "{}" },
  { "error", V2, b_error, "[8,48,7,{},\"wamp.error.invalid_argument\",[\"bad\"],{\"why\":[1,2]}]", SOCK_WAMP_ERROR,
    IDS (7, 48, NONE, NONE), .uri = "wamp.error.invalid_argument", .details = "{}", .args = "[\"bad\"]",
    .kwargs = "{\"why\":[1,2]}" },
  { "publish", V2, b_publish, "[16,1,{\"acknowledge\":true},\"com.app.topic\",[1,\"two\"]]", SOCK_WAMP_PUBLISH,
    IDS (1, NONE, NONE, NONE), .uri = "com.app.topic", .details = "{\"acknowledge\":true}", .args = "[1,\"two\"]" },
  { "publish-empty-payload", V2, b_publish_empty, "[16,2,{},\"com.app.topic\"]", SOCK_WAMP_PUBLISH,
    IDS (2, NONE, NONE, NONE), .uri = "com.app.topic", .details = "{}" },
  { "published", V2, b_published, "[17,1,0]", SOCK_WAMP_PUBLISHED, IDS (1, NONE, NONE, 0) },
  { "subscribe", V2, b_subscribe, "[32,3,{\"match\":\"wildcard\"},\"com..update\"]", SOCK_WAMP_SUBSCRIBE,
    IDS (3, NONE, NONE, NONE), .uri = "com..update", .details = "{\"match\":\"wildcard\"}" },
  { "subscribed", V2, b_subscribed, "[33,3,44]", SOCK_WAMP_SUBSCRIBED, IDS (3, NONE, 44, NONE) },
  { "unsubscribe", V2, b_unsubscribe, "[34,4,44]", SOCK_WAMP_UNSUBSCRIBE, IDS (4, NONE, 44, NONE) },
  { "unsubscribed", V2, b_unsubscribed, "[35,4]", SOCK_WAMP_UNSUBSCRIBED, IDS (4, NONE, NONE, NONE) },
  { "event", V2, b_event, "[36,44,55,{\"topic\":\"com.x.update\"},[\"hello\",42],{\"color\":\"orange\"}]",
    SOCK_WAMP_EVENT, IDS (NONE, NONE, 44, 55), .details = "{\"topic\":\"com.x.update\"}",
    .args = "[\"hello\",42]", .kwargs = "{\"color\":\"orange\"}" },
  { "event-raw", V2, b_event_raw, "[36,1,2,{},[1, 2]]", SOCK_WAMP_EVENT, IDS (NONE, NONE, 1, 2),
    .details = "{}", .args = "[1, 2]" },
  { "call", V2, b_call, "[48,5,{\"receive_progress\":true},\"com.app.add\",[2,3]]", SOCK_WAMP_CALL,
    IDS (5, NONE, NONE, NONE), .uri = "com.app.add", .details = "{\"receive_progress\":true}", .args = "[2,3]" },
  /* json-glib's own generator would write -6e+32.0 here, which is not JSON. */
  { "call-numbers", V2, b_call_numbers, "[48,10,{},\"a.b\",[-6e+32,1.5,1000.0,0.1,-7,1e-07],{\"b\":true,\"a\":null,\"c\":\"\\u0001\"}]",
    SOCK_WAMP_CALL, IDS (10, NONE, NONE, NONE), .uri = "a.b", .details = "{}",
    .args = "[-6e+32,1.5,1000.0,0.1,-7,1e-07]", .kwargs = "{\"b\":true,\"a\":null,\"c\":\"\\u0001\"}" },
  { "cancel", V2, b_cancel, "[49,5,{\"mode\":\"kill\"}]", SOCK_WAMP_CANCEL, IDS (5, NONE, NONE, NONE),
    .details = "{\"mode\":\"kill\"}" },
  { "result", V2, b_result, "[50,5,{\"progress\":true},[5]]", SOCK_WAMP_RESULT, IDS (5, NONE, NONE, NONE),
    .details = "{\"progress\":true}", .args = "[5]" },
  { "register", V2, b_register, "[64,6,{},\"com.app.add\"]", SOCK_WAMP_REGISTER, IDS (6, NONE, NONE, NONE),
    .uri = "com.app.add", .details = "{}" },
  { "registered", V2, b_registered, "[65,6,77]", SOCK_WAMP_REGISTERED, IDS (6, NONE, 77, NONE) },
  { "unregister", V2, b_unregister, "[66,8,77]", SOCK_WAMP_UNREGISTER, IDS (8, NONE, 77, NONE) },
  { "unregistered", V2, b_unregistered, "[67,8]", SOCK_WAMP_UNREGISTERED, IDS (8, NONE, NONE, NONE) },
  { "invocation", V2, b_invocation, "[68,9,77,{},[2,3],{\"x\":null}]", SOCK_WAMP_INVOCATION,
    IDS (9, NONE, 77, NONE), .details = "{}", .args = "[2,3]", .kwargs = "{\"x\":null}" },
  { "interrupt", V2, b_interrupt, "[69,9,{}]", SOCK_WAMP_INTERRUPT, IDS (9, NONE, NONE, NONE), .details = "{}" },
  { "yield", V2, b_yield, "[70,9,{},[5]]", SOCK_WAMP_YIELD, IDS (9, NONE, NONE, NONE), .details = "{}",
    .args = "[5]" },
  { "v1-welcome", V1, b1_welcome, "[0,\"52a1d6\",1,\"Ratchet/0.4.4\"]", SOCK_WAMP1_WELCOME,
    IDS (NONE, NONE, 1, NONE), .session_id = "52a1d6", .server_ident = "Ratchet/0.4.4" },
  { "v1-prefix", V1, b1_prefix, "[1,\"calc\",\"http://example.com/simple/calc#\"]", SOCK_WAMP1_PREFIX,
    IDS (NONE, NONE, NONE, NONE), .uri = "http://example.com/simple/calc#", .prefix = "calc" },
  { "v1-call", V1, b1_call, "[2,\"7DK6TdN4wLiUJgNM\",\"http://example.com/api#add\",23,{\"a\":\"]\"},[7]]",
    SOCK_WAMP1_CALL, IDS (NONE, NONE, NONE, NONE), .uri = "http://example.com/api#add",
    .call_id = "7DK6TdN4wLiUJgNM", .args = "23,{\"a\":\"]\"},[7]" },
  { "v1-call-no-args", V1, b1_call_noargs, "[2,\"x\",\"calc:ping\"]", SOCK_WAMP1_CALL,
    IDS (NONE, NONE, NONE, NONE), .uri = "calc:ping", .call_id = "x" },
  { "v1-callresult", V1, b1_callresult, "[3,\"x\",{\"sum\":30}]", SOCK_WAMP1_CALLRESULT,
    IDS (NONE, NONE, NONE, NONE), .call_id = "x", .args = "{\"sum\":30}" },
  { "v1-callerror", V1, b1_callerror, "[4,\"x\",\"http://example.com/error#generic\",\"failed\",{\"code\":42}]",
    SOCK_WAMP1_CALLERROR, IDS (NONE, NONE, NONE, NONE), .uri = "http://example.com/error#generic",
    .call_id = "x", .error_desc = "failed", .error_details = "{\"code\":42}" },
  { "v1-callerror-short", V1, b1_callerror4, "[4,\"x\",\"http://example.com/error#generic\",\"failed\"]",
    SOCK_WAMP1_CALLERROR, IDS (NONE, NONE, NONE, NONE), .uri = "http://example.com/error#generic",
    .call_id = "x", .error_desc = "failed" },
  { "v1-subscribe", V1, b1_subscribe, "[5,\"oro/data/update\"]", SOCK_WAMP1_SUBSCRIBE,
    IDS (NONE, NONE, NONE, NONE), .uri = "oro/data/update" },
  { "v1-unsubscribe", V1, b1_unsubscribe, "[6,\"oro/data/update\"]", SOCK_WAMP1_UNSUBSCRIBE,
    IDS (NONE, NONE, NONE, NONE), .uri = "oro/data/update" },
  { "v1-publish", V1, b1_publish, "[7,\"chat/room\",\"hi\"]", SOCK_WAMP1_PUBLISH, IDS (NONE, NONE, NONE, NONE),
    .uri = "chat/room", .args = "\"hi\"", .exclude_me = -1 },
  { "v1-publish-exclude-me", V1, b1_publish_me, "[7,\"chat/room\",null,true]", SOCK_WAMP1_PUBLISH,
    IDS (NONE, NONE, NONE, NONE), .uri = "chat/room", .args = "null", .exclude_me = TRUE },
  { "v1-publish-exclude", V1, b1_publish_ex, "[7,\"chat/room\",[1],[\"s1\"]]", SOCK_WAMP1_PUBLISH,
    IDS (NONE, NONE, NONE, NONE), .uri = "chat/room", .args = "[1]", .exclude = "[\"s1\"]", .exclude_me = -1 },
  { "v1-publish-eligible", V1, b1_publish_el, "[7,\"chat/room\",{},[],[\"s2\",\"s3\"]]", SOCK_WAMP1_PUBLISH,
    IDS (NONE, NONE, NONE, NONE), .uri = "chat/room", .args = "{}", .exclude = "[]",
    .eligible = "[\"s2\",\"s3\"]", .exclude_me = -1 },
  { "v1-event", V1, b1_event, "[8,\"oro/ping\",\"Connection keep alive\"]", SOCK_WAMP1_EVENT,
    IDS (NONE, NONE, NONE, NONE), .uri = "oro/ping", .args = "\"Connection keep alive\"" },
};

static void
assert_range (SockJsonRange range,
              const char   *expected)
{
  if (expected == NULL)
    {
      g_assert_null (range.data);
      return;
    }
  g_assert_nonnull (range.data);
  g_assert_cmpmem (range.data, range.len, expected, strlen (expected));
}

static void
check_fields (const RoundTrip       *rt,
              const SockWampMessage *msg)
{
  g_assert_cmpint (msg->version, ==, rt->version);
  g_assert_cmpint (msg->type, ==, rt->type);
  g_assert_cmpint (msg->request_id, ==, rt->request_id);
  g_assert_cmpint (msg->request_type, ==, rt->request_type);
  g_assert_cmpint (msg->id, ==, rt->id);
  g_assert_cmpint (msg->publication, ==, rt->publication);
  g_assert_cmpstr (sock_wamp_message_get_uri (msg), ==, rt->uri);
  g_assert_cmpstr (sock_wamp_message_get_call_id (msg), ==, rt->call_id);
  g_assert_cmpstr (sock_wamp_message_get_prefix (msg), ==, rt->prefix);
  g_assert_cmpstr (sock_wamp_message_get_session_id (msg), ==, rt->session_id);
  g_assert_cmpstr (sock_wamp_message_get_server_ident (msg), ==, rt->server_ident);
  g_assert_cmpstr (sock_wamp_message_get_error_desc (msg), ==, rt->error_desc);
  g_assert_cmpstr (sock_wamp_message_get_signature (msg), ==, rt->signature);
  assert_range (msg->details, rt->details);
  assert_range (msg->args, rt->args);
  assert_range (msg->kwargs, rt->kwargs);
  assert_range (msg->error_details, rt->error_details);
  assert_range (msg->exclude, rt->exclude);
  assert_range (msg->eligible, rt->eligible);
  g_assert_cmpint (msg->exclude_me, ==, rt->version == V1 && rt->type == SOCK_WAMP1_PUBLISH ? rt->exclude_me : -1);
  g_assert_cmpint (msg->args_spread, ==, rt->version == V1 && rt->args != NULL);
}

static void
test_wamp_codec_round_trip (gconstpointer data)
{
  const RoundTrip *rt = data;
  g_autofree char *wire = NULL;
  g_autofree char *again = NULL;
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;

  pool = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  wire = rt->build ();
  g_assert_cmpstr (wire, ==, rt->wire);
  g_assert_true (sock_wamp_decode (rt->version, wire, strlen (wire), &msg, &error));
  g_assert_no_error (error);
  check_fields (rt, &msg);

  /* Re-encoding what was decoded writes the same message. */
  again = sock_wamp_message_build (&msg, &error);
  g_assert_no_error (error);
  if (strcmp (rt->name, "event-raw") != 0)
    g_assert_cmpstr (again, ==, wire);
  g_clear_pointer (&pool, g_ptr_array_unref);
}

typedef struct
{
  const char     *name;
  SockWampVersion version;
  const char     *input;
  const char     *error;
} Rejection;

static const Rejection rejections[] = {
  /* Envelopes */
  { "empty-input", V2, "", "invalid JSON at byte 0: empty document" },
  { "not-array", V2, "{\"a\":1}", "not a JSON array" },
  { "empty-array", V2, "[]", "empty message array" },
  { "type-string", V2, "[\"36\",1,2,{}]", "element 0 (message type) must be an integer" },
  { "type-fraction", V2, "[36.5,1,2,{}]", "element 0 (message type) must be an integer" },
  { "unknown-type", V2, "[99,1]", "unknown message type 99" },
  { "unknown-v1-type", V1, "[36,1,2,{}]", "unknown message type 36" },
  { "huge-type", V2, "[1e300]", "unknown message type 1e300" },
  { "huge-number", V2, "[36,1,2,{},[1e400]]", "invalid JSON at byte 12: number out of range" },
  { "trailing-garbage", V2, "[36,1,2,{}]x", "invalid JSON at byte 11: unexpected data after the document" },
  { "truncated", V2, "[36,1,2,{\"a\":[1,", "invalid JSON at byte 16: unexpected end of input" },
  { "non-utf8", V2, "[36,1,2,{},[\"\xe9t\xe9\"]]", "invalid JSON at byte 13: invalid UTF-8 (byte 0xe9)" },
  { "brackets-in-strings-truncated", V2, "[36,1,2,{\"a\":\"]}\"}", "invalid JSON at byte 18: unterminated array" },
  /* Counts */
  { "hello-count", V2, "[1,\"realm1\"]", "HELLO: expected 3 elements, got 2" },
  { "call-count", V2, "[48,1,{}]", "CALL: expected 4 to 6 elements, got 3" },
  { "event-count", V2, "[36,1,2,{},[],{},1]", "EVENT: expected 4 to 6 elements, got 7" },
  { "error-count", V2, "[8,48,1,{}]", "ERROR: expected 5 to 7 elements, got 4" },
  { "unsubscribed-count", V2, "[35,1,{}]", "UNSUBSCRIBED: expected 2 elements, got 3" },
  { "v1-call-count", V1, "[2,\"x\"]", "CALL: expected at least 3 elements, got 2" },
  { "v1-publish-count", V1, "[7,\"t\",1,[],[],[]]", "PUBLISH: expected 3 to 5 elements, got 6" },
  { "v1-welcome-count", V1, "[0,\"s\",1]", "WELCOME: expected 4 elements, got 3" },
  /* v2 elements */
  { "hello-realm", V2, "[1,7,{}]", "HELLO: element 1 (realm) must be a URI string" },
  { "hello-realm-empty", V2, "[1,\"\",{}]", "HELLO: element 1 (realm) must be a valid URI" },
  { "hello-details", V2, "[1,\"realm1\",[]]", "HELLO: element 2 (details) must be an object" },
  { "welcome-session", V2, "[2,\"1\",{}]", "WELCOME: element 1 (session) must be an integer" },
  { "welcome-details", V2, "[2,1,null]", "WELCOME: element 2 (details) must be an object" },
  { "abort-details", V2, "[3,\"x\",\"wamp.error.x\"]", "ABORT: element 1 (details) must be an object" },
  { "abort-reason", V2, "[3,{},\"wamp error\"]", "ABORT: element 2 (reason) must be a valid URI" },
  { "abort-args", V2, "[3,{},\"wamp.error.x\",{}]", "ABORT: element 3 (args) must be an array" },
  { "abort-kwargs", V2, "[3,{},\"wamp.error.x\",[],[]]", "ABORT: element 4 (kwargs) must be an object" },
  { "challenge-authmethod", V2, "[4,\"\",{}]", "CHALLENGE: element 1 (authmethod) must be a non-empty string" },
  { "challenge-extra", V2, "[4,\"ticket\",\"\"]", "CHALLENGE: element 2 (extra) must be an object" },
  { "authenticate-signature", V2, "[5,null,{}]", "AUTHENTICATE: element 1 (signature) must be a string" },
  { "authenticate-extra", V2, "[5,\"sig\",1]", "AUTHENTICATE: element 2 (extra) must be an object" },
  { "goodbye-details", V2, "[6,[],\"wamp.close.x\"]", "GOODBYE: element 1 (details) must be an object" },
  { "goodbye-reason", V2, "[6,{},\"wamp.close.\"]", "GOODBYE: element 2 (reason) must be a valid URI" },
  { "error-request-type", V2, "[8,99,1,{},\"wamp.error.x\"]", "ERROR: element 1 (request type) must be a WAMP message type" },
  { "error-request", V2, "[8,48,0,{},\"wamp.error.x\"]", "ERROR: element 2 (request) must be an integer from 1 to 2^53" },
  { "error-details", V2, "[8,48,1,true,\"wamp.error.x\"]", "ERROR: element 3 (details) must be an object" },
  { "error-error", V2, "[8,48,1,{},\"wamp.error#x\"]", "ERROR: element 4 (error) must be a valid URI" },
  { "error-args", V2, "[8,48,1,{},\"wamp.error.x\",\"a\"]", "ERROR: element 5 (args) must be an array" },
  { "error-kwargs", V2, "[8,48,1,{},\"wamp.error.x\",[],[]]", "ERROR: element 6 (kwargs) must be an object" },
  { "publish-request", V2, "[16,-1,{},\"a.b\"]", "PUBLISH: element 1 (request) must be an integer from 1 to 2^53" },
  { "publish-options", V2, "[16,1,[],\"a.b\"]", "PUBLISH: element 2 (options) must be an object" },
  { "publish-topic", V2, "[16,1,{},\"a..b\"]", "PUBLISH: element 3 (topic) must be a valid URI" },
  { "publish-args", V2, "[16,1,{},\"a.b\",{}]", "PUBLISH: element 4 (args) must be an array" },
  { "publish-kwargs", V2, "[16,1,{},\"a.b\",[],1]", "PUBLISH: element 5 (kwargs) must be an object" },
  { "published-request", V2, "[17,1.5,2]", "PUBLISHED: element 1 (request) must be an integer" },
  { "published-publication", V2, "[17,1,9007199254740993]", "PUBLISHED: element 2 (publication) must be an integer from 0 to 2^53" },
  { "subscribe-request", V2, "[32,\"1\",{},\"a.b\"]", "SUBSCRIBE: element 1 (request) must be an integer" },
  { "subscribe-options", V2, "[32,1,null,\"a.b\"]", "SUBSCRIBE: element 2 (options) must be an object" },
  { "subscribe-topic", V2, "[32,1,{},\"a b\"]", "SUBSCRIBE: element 3 (topic) must be a valid URI" },
  { "subscribed-request", V2, "[33,0,1]", "SUBSCRIBED: element 1 (request) must be an integer from 1 to 2^53" },
  { "subscribed-subscription", V2, "[33,1,-5]", "SUBSCRIBED: element 2 (subscription) must be an integer from 0 to 2^53" },
  { "unsubscribe-request", V2, "[34,{},1]", "UNSUBSCRIBE: element 1 (request) must be an integer" },
  { "unsubscribe-subscription", V2, "[34,1,\"s\"]", "UNSUBSCRIBE: element 2 (subscription) must be an integer" },
  { "unsubscribed-request", V2, "[35,true]", "UNSUBSCRIBED: element 1 (request) must be an integer" },
  { "event-subscription", V2, "[36,\"1\",2,{}]", "EVENT: element 1 (subscription) must be an integer" },
  { "event-publication", V2, "[36,1,2.5,{}]", "EVENT: element 2 (publication) must be an integer" },
  { "event-publication-2^53+1", V2, "[36,1,9007199254740993,{}]", "EVENT: element 2 (publication) must be an integer from 0 to 2^53" },
  { "event-details", V2, "[36,1,2,[]]", "EVENT: element 3 (details) must be an object" },
  { "event-args", V2, "[36,1,2,{},{}]", "EVENT: element 4 (args) must be an array" },
  { "event-kwargs", V2, "[36,1,2,{},[],[]]", "EVENT: element 5 (kwargs) must be an object" },
  { "call-request", V2, "[48,null,{},\"a.b\"]", "CALL: element 1 (request) must be an integer" },
  { "call-options", V2, "[48,1,1,\"a.b\"]", "CALL: element 2 (options) must be an object" },
  { "call-procedure", V2, "[48,1,{},42]", "CALL: element 3 (procedure) must be a URI string" },
  { "call-procedure-nul", V2, "[48,1,{},\"a\\u0000b\"]", "CALL: element 3 (procedure) must be a valid URI" },
  { "call-args", V2, "[48,1,{},\"a.b\",\"x\"]", "CALL: element 4 (args) must be an array" },
  { "call-kwargs", V2, "[48,1,{},\"a.b\",[],\"x\"]", "CALL: element 5 (kwargs) must be an object" },
  { "cancel-request", V2, "[49,\"1\",{}]", "CANCEL: element 1 (request) must be an integer" },
  { "cancel-options", V2, "[49,1,\"kill\"]", "CANCEL: element 2 (options) must be an object" },
  { "result-request", V2, "[50,0,{}]", "RESULT: element 1 (request) must be an integer from 1 to 2^53" },
  { "result-details", V2, "[50,1,[]]", "RESULT: element 2 (details) must be an object" },
  { "result-args", V2, "[50,1,{},5]", "RESULT: element 3 (args) must be an array" },
  { "result-kwargs", V2, "[50,1,{},[5],[]]", "RESULT: element 4 (kwargs) must be an object" },
  { "register-request", V2, "[64,[],{},\"a.b\"]", "REGISTER: element 1 (request) must be an integer" },
  { "register-options", V2, "[64,1,false,\"a.b\"]", "REGISTER: element 2 (options) must be an object" },
  { "register-procedure", V2, "[64,1,{},\"a.#\"]", "REGISTER: element 3 (procedure) must be a valid URI" },
  { "registered-request", V2, "[65,0,1]", "REGISTERED: element 1 (request) must be an integer from 1 to 2^53" },
  { "registered-registration", V2, "[65,1,\"r\"]", "REGISTERED: element 2 (registration) must be an integer" },
  { "unregister-request", V2, "[66,1e16,1]", "UNREGISTER: element 1 (request) must be an integer from 1 to 2^53" },
  { "unregister-registration", V2, "[66,1,-0.5]", "UNREGISTER: element 2 (registration) must be an integer" },
  { "unregistered-request", V2, "[67,\"1\"]", "UNREGISTERED: element 1 (request) must be an integer" },
  { "invocation-request", V2, "[68,0,1,{}]", "INVOCATION: element 1 (request) must be an integer from 1 to 2^53" },
  { "invocation-registration", V2, "[68,1,null,{}]", "INVOCATION: element 2 (registration) must be an integer" },
  { "invocation-details", V2, "[68,1,1,1]", "INVOCATION: element 3 (details) must be an object" },
  { "invocation-args", V2, "[68,1,1,{},{}]", "INVOCATION: element 4 (args) must be an array" },
  { "invocation-kwargs", V2, "[68,1,1,{},[],[]]", "INVOCATION: element 5 (kwargs) must be an object" },
  { "interrupt-request", V2, "[69,-0,{}]", "INTERRUPT: element 1 (request) must be an integer from 1 to 2^53" },
  { "interrupt-options", V2, "[69,1,[]]", "INTERRUPT: element 2 (options) must be an object" },
  { "yield-request", V2, "[70,\"1\",{}]", "YIELD: element 1 (request) must be an integer" },
  { "yield-options", V2, "[70,1,[]]", "YIELD: element 2 (options) must be an object" },
  { "yield-args", V2, "[70,1,{},{}]", "YIELD: element 3 (args) must be an array" },
  { "yield-kwargs", V2, "[70,1,{},[],[]]", "YIELD: element 4 (kwargs) must be an object" },
  /* v1 elements */
  { "v1-welcome-session", V1, "[0,1,1,\"x\"]", "WELCOME: element 1 (session id) must be a string" },
  { "v1-welcome-version", V1, "[0,\"s\",\"1\",\"x\"]", "WELCOME: element 2 (protocol version) must be an integer" },
  { "v1-welcome-version-2", V1, "[0,\"s\",2,\"x\"]", "WELCOME: element 2 (protocol version) must be 1" },
  { "v1-welcome-ident", V1, "[0,\"s\",1,null]", "WELCOME: element 3 (server ident) must be a string" },
  { "v1-prefix-prefix", V1, "[1,\"\",\"http://x/\"]", "PREFIX: element 1 (prefix) must be a non-empty string" },
  { "v1-prefix-uri", V1, "[1,\"p\",1]", "PREFIX: element 2 (uri) must be a URI string" },
  { "v1-call-id", V1, "[2,1,\"http://x/p\"]", "CALL: element 1 (call id) must be a string" },
  { "v1-call-id-nul", V1, "[2,\"a\\u0000\",\"http://x/p\"]", "CALL: element 1 (call id) must not contain a NUL character" },
  { "v1-call-procedure", V1, "[2,\"x\",\"\"]", "CALL: element 2 (procedure) must be a URI string" },
  { "v1-callresult-id", V1, "[3,null,1]", "CALLRESULT: element 1 (call id) must be a string" },
  { "v1-callerror-id", V1, "[4,1,\"http://x/e\",\"d\"]", "CALLERROR: element 1 (call id) must be a string" },
  { "v1-callerror-error", V1, "[4,\"x\",{},\"d\"]", "CALLERROR: element 2 (error) must be a URI string" },
  { "v1-callerror-description", V1, "[4,\"x\",\"http://x/e\",1]", "CALLERROR: element 3 (description) must be a string" },
  { "v1-subscribe-topic", V1, "[5,[]]", "SUBSCRIBE: element 1 (topic) must be a URI string" },
  { "v1-unsubscribe-topic", V1, "[6,\"\"]", "UNSUBSCRIBE: element 1 (topic) must be a URI string" },
  { "v1-publish-topic", V1, "[7,1,1]", "PUBLISH: element 1 (topic) must be a URI string" },
  { "v1-publish-exclude", V1, "[7,\"t\",1,\"me\"]", "PUBLISH: element 3 (exclude) must be a boolean or an array of strings" },
  { "v1-publish-exclude-ids", V1, "[7,\"t\",1,[1,2]]", "PUBLISH: element 3 (exclude) must be a boolean or an array of strings" },
  { "v1-publish-exclude-bool-5", V1, "[7,\"t\",1,true,[]]", "PUBLISH: element 3 (exclude) must be an array of strings" },
  { "v1-publish-eligible", V1, "[7,\"t\",1,[],[\"a\",2]]", "PUBLISH: element 4 (eligible) must be an array of strings" },
  { "v1-event-topic", V1, "[8,null,1]", "EVENT: element 1 (topic) must be a URI string" },
};

static void
test_wamp_codec_rejection (gconstpointer data)
{
  const Rejection *r = data;
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (sock_wamp_decode (r->version, r->input, strlen (r->input), &msg, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, r->error);
  g_assert_null (msg.heap);
}

static void
test_wamp_codec_tricky_json (void)
{
  static const char uri_escaped[] = "[48,1,{},\"com.\\u0061pp.add\",[\"\\ud83d\\ude00\"]]";
  static const char brackets[] = " [ 36 , 1e3 , -0 , {\"a\":\"]}[{\",\"b\":{\"c\":[\"]\"]}} , [1] ] ";
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) args = NULL;

  g_assert_true (sock_wamp_decode (V2, uri_escaped, strlen (uri_escaped), &msg, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sock_wamp_message_get_uri (&msg), ==, "com.app.add");
  args = sock_wamp_message_dup_args (&msg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (args, 0), ==, "\xf0\x9f\x98\x80");
  sock_wamp_message_clear (&msg);

  /* Exact integers in other spellings are still integers. */
  g_assert_true (sock_wamp_decode (V2, brackets, strlen (brackets), &msg, &error));
  g_assert_no_error (error);
  g_assert_cmpint (msg.id, ==, 1000);
  g_assert_cmpint (msg.publication, ==, 0);
  assert_range (msg.details, "{\"a\":\"]}[{\",\"b\":{\"c\":[\"]\"]}}");
  assert_range (msg.args, "[1]");
  g_assert_null (msg.kwargs.data);
}

static void
test_wamp_codec_deep_nesting (void)
{
  g_autoptr(GString) s = g_string_new ("[36,1,2,{},");
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, ']');
  g_assert_false (sock_wamp_decode (V2, s->str, s->len, &msg, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_PROTOCOL);
  /* The message itself is level 1: the 128th bracket of args opens level 129. */
  g_assert_cmpstr (error->message, ==, "invalid JSON at byte 138: nesting deeper than 128 levels");
}

static void
test_wamp_codec_long_strings (void)
{
  g_autofree char *topic = NULL;
  g_autofree char *wire = NULL;
  g_autofree char *desc = g_strnfill (1000, 'd');
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  GString *t = g_string_new ("com");

  while (t->len < 500)
    g_string_append (t, ".segment");
  topic = g_string_free (t, FALSE);

  /* Longer than the inline room: the strings move to the heap intact. */
  wire = sock_wamp_build_publish (1, NULL, topic, NULL, NULL);
  g_assert_true (sock_wamp_decode (V2, wire, strlen (wire), &msg, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sock_wamp_message_get_uri (&msg), ==, topic);
  g_assert_nonnull (msg.heap);
  sock_wamp_message_clear (&msg);
  g_clear_pointer (&wire, g_free);

  /* One short string inline, then a long one that forces the move. */
  wire = sock_wamp1_build_callerror ("id1", "http://x/e", desc, NULL);
  g_assert_true (sock_wamp_decode (V1, wire, strlen (wire), &msg, &error));
  g_assert_cmpstr (sock_wamp_message_get_call_id (&msg), ==, "id1");
  g_assert_cmpstr (sock_wamp_message_get_uri (&msg), ==, "http://x/e");
  g_assert_cmpstr (sock_wamp_message_get_error_desc (&msg), ==, desc);
}

static void
test_wamp_codec_lazy_payloads (void)
{
  static const char call[] = "[2,\"c1\",\"http://x/add\",1,{\"a\":[2]},\"three\"]";
  static const char event[] = "[8,\"t\",{\"n\":1}]";
  static const char v2[] = "[36,1,2,{\"topic\":\"a.b\"},[],{\"k\":\"v\"}]";
  g_auto(SockWampMessage) msg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) args = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) kwargs = NULL;

  g_assert_true (sock_wamp_decode (V1, call, strlen (call), &msg, &error));
  args = sock_wamp_message_dup_args (&msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (args), ==, 3);
  g_assert_cmpint (json_array_get_int_element (args, 0), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (args, 2), ==, "three");
  g_assert_null (sock_wamp_message_dup_details (&msg, &error));
  g_assert_no_error (error);
  sock_wamp_message_clear (&msg);
  g_clear_pointer (&args, json_array_unref);

  g_assert_true (sock_wamp_decode (V1, event, strlen (event), &msg, &error));
  args = sock_wamp_message_dup_args (&msg, &error);
  g_assert_cmpuint (json_array_get_length (args), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (args, 0), "n"), ==, 1);
  sock_wamp_message_clear (&msg);
  g_clear_pointer (&args, json_array_unref);

  g_assert_true (sock_wamp_decode (V2, v2, strlen (v2), &msg, &error));
  details = sock_wamp_message_dup_details (&msg, &error);
  kwargs = sock_wamp_message_dup_kwargs (&msg, &error);
  args = sock_wamp_message_dup_args (&msg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (details, "topic"), ==, "a.b");
  g_assert_cmpstr (json_object_get_string_member (kwargs, "k"), ==, "v");
  g_assert_cmpuint (json_array_get_length (args), ==, 0);
}

static void
test_wamp_codec_uri_rules (void)
{
  static const struct { const char *uri; gboolean strict, pattern; } uris[] = {
    { "com.myapp.topic1", TRUE, TRUE },
    { "wamp.error.no_such_procedure", TRUE, TRUE },
    { "com.MyApp.Topic-1", TRUE, TRUE },
    { "a", TRUE, TRUE },
    { "", FALSE, FALSE },
    { "com..topic", FALSE, TRUE },
    { ".com.topic", FALSE, TRUE },
    { "com.topic.", FALSE, TRUE },
    { "com.my app", FALSE, FALSE },
    { "com.my\tapp", FALSE, FALSE },
    { "com.app#1", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_test_message ("%s", uris[i].uri);
      g_assert_cmpint (sock_wamp_uri_is_valid (uris[i].uri, FALSE), ==, uris[i].strict);
      g_assert_cmpint (sock_wamp_uri_is_valid (uris[i].uri, TRUE), ==, uris[i].pattern);
    }
}

static void
test_wamp_codec_type_names (void)
{
  g_assert_cmpstr (sock_wamp_message_type_name (V2, SOCK_WAMP_EVENT), ==, "EVENT");
  g_assert_cmpstr (sock_wamp_message_type_name (V2, SOCK_WAMP_UNREGISTERED), ==, "UNREGISTERED");
  g_assert_cmpstr (sock_wamp_message_type_name (V1, SOCK_WAMP1_CALLRESULT), ==, "CALLRESULT");
  g_assert_cmpstr (sock_wamp_message_type_name (V1, SOCK_WAMP1_WELCOME), ==, "WELCOME");
  g_assert_cmpstr (sock_wamp_message_type_name (V2, SOCK_WAMP1_WELCOME), ==, NULL);
  g_assert_cmpstr (sock_wamp_message_type_name (V1, SOCK_WAMP_EVENT), ==, NULL);
  g_assert_cmpstr (sock_wamp_message_type_name (V2, 7), ==, NULL);
}

/* fox-wamp and wamp-server send null for absent Arguments / ArgumentsKw: read as absent, flagged */
static void
test_wamp_codec_null_payload (void)
{
  static const char *frames[] = {
    "[36,1,2,{},[1],null]",
    "[36,1,2,{},null]",
    "[50,7,{},null,null]",
    "[68,9,77,{},null]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_auto(SockWampMessage) message = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (sock_wamp_decode (SOCK_WAMP_V2, frames[i], strlen (frames[i]), &message, &error));
      g_assert_no_error (error);
      g_assert_true (message.null_payload);
      g_assert_null (message.kwargs.data);
      if (i == 0)
        g_assert_cmpint (message.args.len, ==, 3);
      else
        g_assert_null (message.args.data);
    }

  /* anything else that is not an array or object stays an error */
  {
    g_auto(SockWampMessage) message = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (sock_wamp_decode (SOCK_WAMP_V2, "[36,1,2,{},[1],false]", 21, &message, &error));
    g_assert_cmpstr (error->message, ==, "EVENT: element 5 (kwargs) must be an object");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/wamp-codec/round-trip/%s", round_trips[i].name);

      g_test_add_data_func (path, &round_trips[i], test_wamp_codec_round_trip);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rejections); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sockscope/wamp-codec/reject/%s", rejections[i].name);

      g_test_add_data_func (path, &rejections[i], test_wamp_codec_rejection);
    }
  g_test_add_func ("/sockscope/wamp-codec/tricky-json", test_wamp_codec_tricky_json);
  g_test_add_func ("/sockscope/wamp-codec/deep-nesting", test_wamp_codec_deep_nesting);
  g_test_add_func ("/sockscope/wamp-codec/long-strings", test_wamp_codec_long_strings);
  g_test_add_func ("/sockscope/wamp-codec/lazy-payloads", test_wamp_codec_lazy_payloads);
  g_test_add_func ("/sockscope/wamp-codec/uri-rules", test_wamp_codec_uri_rules);
  g_test_add_func ("/sockscope/wamp-codec/type-names", test_wamp_codec_type_names);
  g_test_add_func ("/sockscope/wamp-codec/null-payload", test_wamp_codec_null_payload);

  return g_test_run ();
}
