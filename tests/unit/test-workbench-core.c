/* test-workbench-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core of the workbench: the one pretty-printer, WAMP field names, request/answer pairs in
 * a log, the JSON diff and the raw composer's payload parsing.
 */

#include "config.h"

#include <string.h>

#include "sock-error.h"
#include "sock-json-diff.h"
#include "sock-json-pretty.h"
#include "sock-message-compare.h"
#include "sock-message-log.h"
#include "sock-message-pairs.h"
#include "sock-raw-payload.h"
#include "sock-wamp-fields.h"

static void
test_workbench_pretty_keeps_numbers (void)
{
  const char *in = "[50,9007199254740993,{\"a\":1.0,\"b\":-0.5e+3,\"c\":{},\"d\":[ ]},[\"x\\\"y\"]]";
  g_autofree char *out = sock_json_pretty (in, strlen (in));
  g_autofree char *compact = sock_json_compact ("{ \"k\" : [1.50, 2] }", 19, 100);
  g_autofree char *cut = sock_json_compact ("\"ééééé\"", strlen ("\"ééééé\""), 3);

  g_assert_cmpstr (out, ==,
                   "[\n  50,\n  9007199254740993,\n  {\n    \"a\": 1.0,\n    \"b\": -0.5e+3,\n    \"c\": {},\n"
                   "    \"d\": []\n  },\n  [\n    \"x\\\"y\"\n  ]\n]");
  g_assert_null (sock_json_pretty ("[1,", 3));
  g_assert_null (sock_json_pretty ("", 0));
  g_assert_cmpstr (compact, ==, "{\"k\":[1.50,2]}");
  g_assert_cmpstr (cut, ==, "\"éé…");
  g_assert_true (g_utf8_validate (cut, -1, NULL));
}

static void
test_workbench_fields_v2 (void)
{
  const char *result = "[50,7,{\"progress\":true},[1.0],{\"k\":2}]";
  const char *error = "[8,48,7,{},\"wamp.error.no_such_procedure\",[\"x\"]]";
  const char *event = "[36,5512315355,4429313569,{},[\"tick\",3],{\"price\":1.083}]";
  SockWampFields f;
  g_autoptr(GError) err = NULL;

  g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V2, result, strlen (result), &f, &err));
  g_assert_no_error (err);
  g_assert_cmpint (f.type, ==, 50);
  g_assert_cmpuint (f.n_fields, ==, 4);
  g_assert_cmpstr (f.fields[0].name, ==, "Request");
  g_assert_cmpint (f.fields[0].role, ==, SOCK_WAMP_FIELD_ID);
  g_assert_cmpstr (f.fields[1].name, ==, "Details");
  g_assert_cmpint (f.fields[1].role, ==, SOCK_WAMP_FIELD_DICT);
  g_assert_cmpstr (f.fields[2].name, ==, "Arguments");
  g_assert_cmpstr (f.fields[3].name, ==, "Keyword arguments");
  g_assert_true (f.progress);
  /* the number's text as it came */
  g_assert_cmpmem (result + f.fields[2].element.offset, f.fields[2].element.len, "[1.0]", 5);

  g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V2, error, strlen (error), &f, NULL));
  g_assert_cmpint (f.request_type, ==, 48);
  g_assert_cmpstr (f.fields[0].name, ==, "Request type");
  g_assert_cmpstr (f.fields[3].name, ==, "Error");
  g_assert_cmpint (f.fields[3].role, ==, SOCK_WAMP_FIELD_URI);
  g_assert_false (f.progress);

  g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V2, event, strlen (event), &f, NULL));
  g_assert_cmpstr (f.fields[0].name, ==, "Subscription");
  g_assert_cmpstr (f.fields[1].name, ==, "Publication");
  g_assert_nonnull (sock_wamp_fields_find (&f, "Keyword arguments"));

  g_assert_false (sock_wamp_fields_read (SOCK_WAMP_V2, "{}", 2, &f, &err));
  g_assert_error (err, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  g_clear_error (&err);
  g_assert_false (sock_wamp_fields_read (SOCK_WAMP_V2, "[\"x\"]", 5, &f, &err));
  g_assert_error (err, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
}

static void
test_workbench_fields_every_type (void)
{
  static const int v2_types[] = { 1, 2, 3, 4, 5, 6, 8, 16, 17, 32, 33, 34, 35, 36, 48, 49, 50, 64, 65, 66, 67,
                                  68, 69, 70 };
  const char *v1_call = "[2,\"7\",\"http://example.com/add\",1,2.50,{\"a\":[]}]";
  const char *v1_error = "[4,\"7\",\"http://example.com/error\",\"went wrong\",{\"code\":3}]";
  SockWampFields f;

  /* every v2 type names each element it has */
  for (guint i = 0; i < G_N_ELEMENTS (v2_types); i++)
    {
      g_autofree char *frame = g_strdup_printf ("[%d,1,{},\"a.b\"]", v2_types[i]);

      g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V2, frame, strlen (frame), &f, NULL));
      for (guint j = 0; j < f.n_fields; j++)
        if (f.n_fields <= 2 || j < 2)
          g_assert_cmpstr (f.fields[j].name, !=, "Element");
    }
  g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V1, v1_call, strlen (v1_call), &f, NULL));
  g_assert_cmpstr (f.fields[0].name, ==, "Call ID");
  g_assert_cmpstr (f.fields[1].name, ==, "Procedure");
  g_assert_cmpstr (f.fields[2].name, ==, "Argument 1");
  g_assert_cmpstr (f.fields[3].name, ==, "Argument 2");
  g_assert_cmpmem (v1_call + f.fields[3].element.offset, f.fields[3].element.len, "2.50", 4);
  g_assert_true (sock_wamp_fields_read (SOCK_WAMP_V1, v1_error, strlen (v1_error), &f, NULL));
  g_assert_cmpstr (f.fields[2].name, ==, "Description");
  g_assert_cmpstr (f.fields[3].name, ==, "Error details");
}

static guint64
append (SockMessageLog   *log,
        SockLogDirection  dir,
        SockLogKind       kind,
        guint8            type,
        guint64           request_id,
        gint64            time_us,
        const char       *json)
{
  SockLogEntry e = { .time_us = time_us, .request_id = request_id, .direction = dir, .kind = kind,
                     .type = type };

  return sock_message_log_append (log, &e, (const guint8 *) json, strlen (json));
}

static SockMessagePair
lookup (SockMessageLog *log,
        guint64         seq)
{
  SockMessagePair pair;
  SockLogEntry e;

  g_assert_true (sock_message_log_peek (log, seq, &e, NULL, NULL));
  sock_message_pairs_lookup (sock_message_log_get_pairs (log), seq, &e, &pair);
  return pair;
}

#define OUT SOCK_LOG_DIRECTION_OUT
#define IN SOCK_LOG_DIRECTION_IN
#define V2 SOCK_LOG_KIND_WAMP2

static void
test_workbench_pairs (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  guint64 call, p1, p2, result, sub, subd, pub, pubd, pub_noack, err_req, err, v1call, v1res, event, late;
  SockMessagePair pair;

  call = append (log, OUT, V2, 48, 7, 1000000, "[48,7,{\"receive_progress\":true},\"demo.slow\",[3]]");
  sub = append (log, OUT, V2, 32, 8, 1000100, "[32,8,{},\"demo.tick\"]");
  event = append (log, IN, V2, 36, 0, 1000200, "[36,1,2,{},[1]]");
  p1 = append (log, IN, V2, 50, 7, 1001000, "[50,7,{\"progress\":true},[1]]");
  subd = append (log, IN, V2, 33, 8, 1001100, "[33,8,555]");
  p2 = append (log, IN, V2, 50, 7, 1002000, "[50,7,{\"progress\":true},[2]]");
  result = append (log, IN, V2, 50, 7, 1003200, "[50,7,{},[3]]");
  pub = append (log, OUT, V2, 16, 9, 2000000, "[16,9,{\"acknowledge\":true},\"a.b\"]");
  pub_noack = append (log, OUT, V2, 16, 10, 2000000, "[16,10,{},\"a.b\"]");
  pubd = append (log, IN, V2, 17, 9, 2000500, "[17,9,77]");
  err_req = append (log, OUT, V2, 64, 11, 3000000, "[64,11,{},\"x.y\"]");
  err = append (log, IN, V2, 8, 11, 3016393, "[8,64,11,{},\"wamp.error.procedure_already_exists\"]");
  v1call = append (log, OUT, SOCK_LOG_KIND_WAMP1, 2, 1, 4000000, "[2,\"1\",\"http://x/add\",1,2]");
  v1res = append (log, IN, SOCK_LOG_KIND_WAMP1, 3, 1, 4000850, "[3,\"1\",3]");
  late = append (log, IN, V2, 50, 99, 5000000, "[50,99,{},[]]");

  pair = lookup (log, call);
  g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWERED);
  g_assert_cmpuint (pair.other_seq, ==, result);
  g_assert_cmpint (pair.elapsed_us, ==, 3200);
  g_assert_cmpuint (pair.n_progress, ==, 2);
  pair = lookup (log, p2);
  g_assert_cmpint (pair.role, ==, SOCK_PAIR_PROGRESS);
  g_assert_cmpuint (pair.other_seq, ==, call);
  g_assert_cmpuint (pair.n_progress, ==, 2);
  pair = lookup (log, p1);
  g_assert_cmpuint (pair.n_progress, ==, 1);
  pair = lookup (log, result);
  g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWER);
  g_assert_cmpuint (pair.other_seq, ==, call);
  g_assert_cmpint (pair.elapsed_us, ==, 3200);
  g_assert_cmpint (lookup (log, sub).role, ==, SOCK_PAIR_ANSWERED);
  g_assert_cmpuint (lookup (log, subd).other_seq, ==, sub);
  g_assert_cmpint (lookup (log, event).role, ==, SOCK_PAIR_NONE);
  g_assert_cmpuint (lookup (log, pubd).other_seq, ==, pub);
  g_assert_cmpuint (lookup (log, pub).other_seq, ==, pubd);
  g_assert_cmpint (lookup (log, pub_noack).role, ==, SOCK_PAIR_NONE);
  pair = lookup (log, err);
  g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWER);
  g_assert_true (pair.error);
  g_assert_cmpuint (pair.other_seq, ==, err_req);
  g_assert_cmpuint (lookup (log, v1res).other_seq, ==, v1call);
  g_assert_cmpuint (lookup (log, v1call).other_seq, ==, v1res);
  g_assert_cmpint (lookup (log, late).role, ==, SOCK_PAIR_UNMATCHED);

  /* a request still waiting */
  call = append (log, OUT, V2, 48, 12, 6000000, "[48,12,{},\"demo.add\",[1,2]]");
  g_assert_cmpint (lookup (log, call).role, ==, SOCK_PAIR_PENDING);
  /* a new session: what waited is not answered any more, and the same id pairs anew */
  append (log, OUT, V2, 1, 0, 7000000, "[1,\"demo\",{}]");
  g_assert_cmpint (lookup (log, call).role, ==, SOCK_PAIR_UNANSWERED);
  g_assert_cmpuint (sock_message_pairs_get_n_pending (sock_message_log_get_pairs (log)), ==, 1);
}

/* A message in serializer's bytes, as a session logs it. */
static guint64
append_serialized (SockMessageLog     *log,
                   SockWampSerializer  serializer,
                   SockLogDirection    dir,
                   guint8              type,
                   guint64             request_id,
                   gint64              time_us,
                   const char         *json)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  SockLogEntry e = { .time_us = time_us, .request_id = request_id, .direction = dir, .kind = V2, .type = type,
                     .flags = SOCK_LOG_FLAG_BINARY | sock_log_flags_for_serializer (serializer) };

  g_assert_true (sock_wamp_serializer_from_json (serializer, json, strlen (json), bytes, NULL));
  g_assert_cmpint (bytes->data[0], !=, '[');
  return sock_message_log_append (log, &e, bytes->data, bytes->len);
}

/* MessagePack and CBOR frames pair as JSON ones do: progressive results, an acknowledged
 * PUBLISH, and an ERROR matched by the type of the request it names. */
static void
test_workbench_pairs_serialized (void)
{
  SockWampSerializer serializers[] = { SOCK_WAMP_SERIALIZER_MSGPACK, SOCK_WAMP_SERIALIZER_CBOR };

  for (guint i = 0; i < G_N_ELEMENTS (serializers); i++)
    {
      g_autoptr(SockMessageLog) log = sock_message_log_new ();
      SockWampSerializer s = serializers[i];
      guint64 call, p1, result, pub, pub_noack, pubd, sub, reg, err;
      SockMessagePair pair;

      call = append_serialized (log, s, OUT, 48, 7, 1000000, "[48,7,{\"receive_progress\":true},\"demo.slow\",[2]]");
      p1 = append_serialized (log, s, IN, 50, 7, 1001000, "[50,7,{\"progress\":true},[1]]");
      result = append_serialized (log, s, IN, 50, 7, 1002500, "[50,7,{},[2]]");
      pub = append_serialized (log, s, OUT, 16, 9, 2000000, "[16,9,{\"acknowledge\":true},\"a.b\"]");
      pub_noack = append_serialized (log, s, OUT, 16, 10, 2000000, "[16,10,{},\"a.b\"]");
      pubd = append_serialized (log, s, IN, 17, 9, 2000400, "[17,9,77]");
      /* the same id waits as a SUBSCRIBE and a REGISTER: the ERROR says which failed */
      sub = append_serialized (log, s, OUT, 32, 11, 3000000, "[32,11,{},\"x.y\"]");
      reg = append_serialized (log, s, OUT, 64, 11, 3000000, "[64,11,{},\"x.y\"]");
      err = append_serialized (log, s, IN, 8, 11, 3001000, "[8,64,11,{},\"wamp.error.procedure_already_exists\"]");

      pair = lookup (log, call);
      g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWERED);
      g_assert_cmpuint (pair.other_seq, ==, result);
      g_assert_cmpint (pair.elapsed_us, ==, 2500);
      g_assert_cmpuint (pair.n_progress, ==, 1);
      pair = lookup (log, p1);
      g_assert_cmpint (pair.role, ==, SOCK_PAIR_PROGRESS);
      g_assert_cmpuint (pair.other_seq, ==, call);
      g_assert_cmpint (lookup (log, result).role, ==, SOCK_PAIR_ANSWER);
      g_assert_cmpuint (lookup (log, pub).other_seq, ==, pubd);
      g_assert_cmpint (lookup (log, pub_noack).role, ==, SOCK_PAIR_NONE);
      pair = lookup (log, err);
      g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWER);
      g_assert_true (pair.error);
      g_assert_cmpuint (pair.other_seq, ==, reg);
      g_assert_cmpint (lookup (log, sub).role, ==, SOCK_PAIR_PENDING);
    }
}

static void
test_workbench_pairs_flood (void)
{
  g_autoptr(SockMessagePairs) pairs = sock_message_pairs_new (64, 128);
  SockMessagePair pair;
  SockLogEntry e = { .direction = OUT, .kind = V2, .type = 48 };
  guint64 seq = 0;

  /* many unanswered requests: the table stays bounded, the newest ones are still matched */
  for (guint i = 1; i <= 100000; i++)
    {
      e.request_id = i;
      e.time_us = i;
      sock_message_pairs_observe (pairs, seq++, &e, (const guint8 *) "[48]", 4);
      g_assert_cmpuint (sock_message_pairs_get_n_pending (pairs), <=, 64);
    }
  e.direction = IN;
  e.type = 50;
  for (guint i = 100000; i > 100000 - 64; i--)
    {
      e.request_id = i;
      e.time_us = 200000;
      sock_message_pairs_observe (pairs, seq, &e, (const guint8 *) "[50,1,{}]", 9);
      sock_message_pairs_lookup (pairs, seq, &e, &pair);
      g_assert_cmpint (pair.role, ==, SOCK_PAIR_ANSWER);
      g_assert_cmpuint (pair.other_seq, ==, i - 1);
      seq++;
    }
  g_assert_cmpuint (sock_message_pairs_get_n_pending (pairs), ==, 0);
  /* a forgotten one is unmatched, not paired wrongly */
  e.request_id = 5;
  sock_message_pairs_observe (pairs, seq, &e, (const guint8 *) "[50,5,{}]", 9);
  sock_message_pairs_lookup (pairs, seq, &e, &pair);
  g_assert_cmpint (pair.role, ==, SOCK_PAIR_UNMATCHED);
}

static char *
diff_text (const char *a,
           const char *b)
{
  g_autoptr(SockJsonDiff) diff = sock_json_diff_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sock_json_diff_add (diff, NULL, a, strlen (a), b, strlen (b), &error));
  g_assert_no_error (error);
  return sock_json_diff_to_text (diff);
}

static void
test_workbench_diff (void)
{
  g_autofree char *t1 = diff_text ("{\"a\":1,\"b\":{\"c\":[1,2,3],\"d\":\"x\"},\"gone\":true}",
                                   "{\"a\":1.0,\"b\":{\"c\":[1,5],\"d\":\"x\",\"e\":null},\"new key\":{}}");
  g_autofree char *t2 = diff_text ("[1,{\"k\":\"\\u0061\"}]", "[1,{\"k\":\"a\"}]");
  g_autofree char *t3 = diff_text ("{\"a\":[1]}", "{\"a\":{\"x\":1}}");
  g_autoptr(SockJsonDiff) diff = sock_json_diff_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (t1, ==,
                   "~ a: 1 → 1.0\n"
                   "~ b.c[1]: 2 → 5\n"
                   "- b.c[2]: 3\n"
                   "+ b.e: null\n"
                   "- gone: true\n"
                   "+ [\"new key\"]: {}\n");
  g_assert_cmpstr (t2, ==, "");
  g_assert_cmpstr (t3, ==, "~ a: [1] → {\"x\":1}\n");

  /* several roots, absent sides */
  g_assert_true (sock_json_diff_add (diff, "args", "[41]", 4, "[42]", 4, NULL));
  g_assert_true (sock_json_diff_add (diff, "kwargs", NULL, 0, "{\"t\":1}", 7, NULL));
  g_assert_cmpuint (sock_json_diff_get_n_changes (diff), ==, 2);
  g_assert_cmpstr (sock_json_diff_get_change (diff, 0)->path, ==, "args[0]");
  g_assert_cmpstr (sock_json_diff_get_change (diff, 1)->path, ==, "kwargs");
  g_assert_cmpint (sock_json_diff_get_change (diff, 1)->kind, ==, SOCK_JSON_DIFF_ADDED);
  g_assert_false (sock_json_diff_add (diff, "x", "[1", 2, "[1]", 3, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_JSON);
  g_assert_cmpuint (sock_json_diff_get_n_changes (diff), ==, 2);
}

static void
test_workbench_diff_bounded (void)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(SockJsonDiff) diff = sock_json_diff_new ();
  g_autoptr(SockJsonDiff) deep = sock_json_diff_new ();
  g_autoptr(GString) da = g_string_new (NULL);
  g_autoptr(GString) db = g_string_new (NULL);

  /* more changes than are listed */
  g_string_append_c (a, '[');
  g_string_append_c (b, '[');
  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (a, "%s%u", i ? "," : "", i);
      g_string_append_printf (b, "%s%u", i ? "," : "", i + 1);
    }
  g_string_append_c (a, ']');
  g_string_append_c (b, ']');
  g_assert_true (sock_json_diff_add (diff, NULL, a->str, a->len, b->str, b->len, NULL));
  g_assert_cmpuint (sock_json_diff_get_n_changes (diff), ==, SOCK_JSON_DIFF_MAX_CHANGES);
  g_assert_true (sock_json_diff_get_truncated (diff));

  /* deeper than the cap: the subtree is one change */
  for (guint i = 0; i < 100; i++)
    {
      g_string_append (da, "{\"k\":");
      g_string_append (db, "{\"k\":");
    }
  g_string_append (da, "1");
  g_string_append (db, "2");
  for (guint i = 0; i < 100; i++)
    {
      g_string_append_c (da, '}');
      g_string_append_c (db, '}');
    }
  g_assert_true (sock_json_diff_add (deep, NULL, da->str, da->len, db->str, db->len, NULL));
  g_assert_cmpuint (sock_json_diff_get_n_changes (deep), ==, 1);
  g_assert_cmpuint (strlen (sock_json_diff_get_change (deep, 0)->path), <, 5 * (SOCK_JSON_DIFF_MAX_DEPTH + 2));
}

static void
test_workbench_compare (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockJsonDiff) diff = NULL;
  g_autoptr(SockJsonDiff) text_diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SockLogEntry e = { .direction = IN, .kind = V2, .type = 36 };
  SockLogEntry t = { .direction = IN, .kind = SOCK_LOG_KIND_TEXT };
  guint64 tick1, tick2, other, j1, j2;
  const char *f1 = "[36,1,100,{},[41],{\"time\":\"2026-12-05T09:00:01Z\"}]";
  const char *f2 = "[36,1,200,{},[42],{\"time\":\"2026-12-05T09:00:02Z\"}]";

  e.uri = sock_message_log_intern_uri (log, "demo.tick", -1);
  tick1 = sock_message_log_append (log, &e, (const guint8 *) f1, strlen (f1));
  e.uri = sock_message_log_intern_uri (log, "demo.metrics.cpu", -1);
  other = sock_message_log_append (log, &e, (const guint8 *) "[36,2,300,{},[1]]", 17);
  e.uri = sock_message_log_intern_uri (log, "demo.tick", -1);
  tick2 = sock_message_log_append (log, &e, (const guint8 *) f2, strlen (f2));
  j1 = sock_message_log_append (log, &t, (const guint8 *) "{\"a\":1}", 7);
  j2 = sock_message_log_append (log, &t, (const guint8 *) "{\"a\":2}", 7);

  g_assert_cmpuint (sock_message_find_previous (log, tick2, SOCK_MESSAGE_COMPARE_MAX_SCAN), ==, tick1);
  g_assert_cmpuint (sock_message_find_previous (log, tick1, SOCK_MESSAGE_COMPARE_MAX_SCAN), ==, G_MAXUINT64);
  g_assert_cmpuint (sock_message_find_previous (log, other, SOCK_MESSAGE_COMPARE_MAX_SCAN), ==, G_MAXUINT64);
  g_assert_cmpuint (sock_message_find_previous (log, tick2, 1), ==, G_MAXUINT64);

  diff = sock_message_compare (log, tick1, tick2, &error);
  g_assert_no_error (error);
  text = sock_json_diff_to_text (diff);
  /* the publication id differs too, but it is no payload */
  g_assert_cmpstr (text, ==, "~ args[0]: 41 → 42\n~ kwargs.time: \"2026-12-05T09:00:01Z\" → \"2026-12-05T09:00:02Z\"\n");
  g_assert_cmpuint (sock_json_diff_get_n_equal (diff), ==, 1);  /* details {} */

  text_diff = sock_message_compare (log, j1, j2, NULL);
  g_assert_cmpuint (sock_json_diff_get_n_changes (text_diff), ==, 1);
  g_assert_cmpstr (sock_json_diff_get_change (text_diff, 0)->path, ==, "a");

  sock_message_log_clear (log);
  g_assert_null (sock_message_compare (log, tick1, tick2, &error));
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
}

static void
test_workbench_raw_payload (void)
{
  struct { SockRawFormat format; const char *input; const char *bytes; gsize len; const char *error; } cases[] = {
    { SOCK_RAW_FORMAT_HEX, "01 ff 7E", "\x01\xff\x7e", 3, NULL },
    { SOCK_RAW_FORMAT_HEX, "0x01ff:7e", "\x01\xff\x7e", 3, NULL },
    { SOCK_RAW_FORMAT_HEX, "", "", 0, NULL },
    { SOCK_RAW_FORMAT_HEX, "01 fg", NULL, 0, "Not a hex digit at character 5: “g”" },
    { SOCK_RAW_FORMAT_HEX, "01f", NULL, 0, "An odd number of hex digits: the last byte is missing its second digit" },
    { SOCK_RAW_FORMAT_HEX, "0 1", NULL, 0, "A byte needs two hex digits at character 2: “ ”" },
    { SOCK_RAW_FORMAT_BASE64, "AQL/fg==", "\x01\x02\xff\x7e", 4, NULL },
    { SOCK_RAW_FORMAT_BASE64, "AQL_fg", "\x01\x02\xff\x7e", 4, NULL },
    { SOCK_RAW_FORMAT_BASE64, "AQ*", NULL, 0, "Not a base64 character at character 3: “*”" },
    { SOCK_RAW_FORMAT_BASE64, "AQLvA", NULL, 0, "Not valid base64: the text ends in the middle of a byte" },
    { SOCK_RAW_FORMAT_BASE64, "AQ==x", NULL, 0, "Text after the padding at character 5: “x”" },
    { SOCK_RAW_FORMAT_TEXT, "héllo", "h\xc3\xa9llo", 6, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) out = sock_raw_payload_parse (cases[i].format, cases[i].input, 0, &error);

      if (cases[i].error != NULL)
        {
          g_assert_null (out);
          g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
          g_assert_cmpstr (error->message, ==, cases[i].error);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), cases[i].bytes, cases[i].len);
    }
  big = sock_raw_payload_parse (SOCK_RAW_FORMAT_HEX, "00 01 02 03 04", 4, &error);
  g_assert_null (big);
  g_assert_error (error, SOCK_ERROR, SOCK_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "largest message"));
  g_clear_error (&error);
  g_assert_null (sock_raw_payload_parse (SOCK_RAW_FORMAT_TEXT, "hello", 4, &error));
  g_clear_error (&error);

  bytes = g_bytes_new ("a\nb\x01", 4);
  text = sock_raw_payload_describe (bytes, TRUE, 40);
  g_assert_cmpstr (text, ==, "a␊b␁");
  hex = sock_raw_payload_describe (bytes, FALSE, 40);
  g_assert_cmpstr (hex, ==, "61 0a 62 01 (4 bytes)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/workbench/pretty-keeps-numbers", test_workbench_pretty_keeps_numbers);
  g_test_add_func ("/sockscope/workbench/fields-v2", test_workbench_fields_v2);
  g_test_add_func ("/sockscope/workbench/fields-every-type", test_workbench_fields_every_type);
  g_test_add_func ("/sockscope/workbench/pairs", test_workbench_pairs);
  g_test_add_func ("/sockscope/workbench/pairs-serialized", test_workbench_pairs_serialized);
  g_test_add_func ("/sockscope/workbench/pairs-flood", test_workbench_pairs_flood);
  g_test_add_func ("/sockscope/workbench/diff", test_workbench_diff);
  g_test_add_func ("/sockscope/workbench/diff-bounded", test_workbench_diff_bounded);
  g_test_add_func ("/sockscope/workbench/compare", test_workbench_compare);
  g_test_add_func ("/sockscope/workbench/raw-payload", test_workbench_raw_payload);

  return g_test_run ();
}
