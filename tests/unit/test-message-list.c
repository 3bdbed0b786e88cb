/* test-message-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-message-filter.h"
#include "sock-message-list.h"
#include "sock-message-log.h"

static guint64
append_text (SockMessageLog   *log,
             SockLogDirection  dir,
             guint8            type,
             const char       *uri,
             const char       *payload)
{
  SockLogEntry e = {
    .time_us = 1767323045678000,
    .direction = dir,
    .kind = SOCK_LOG_KIND_WAMP2,
    .type = type,
    .uri = sock_message_log_intern_uri (log, uri, -1),
  };

  return sock_message_log_append (log, &e, (const guint8 *) payload, strlen (payload));
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *ic)
{
  ic->calls++;
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
}

static char *
preview_of (guint8      type,
            const char *frame)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockMessageItem) item = NULL;

  append_text (log, SOCK_LOG_DIRECTION_IN, type, NULL, frame);
  item = sock_message_item_new (log, 0);
  return g_strdup (sock_message_item_get_preview (item));
}

static void
test_message_list_previews (void)
{
  struct { guint8 type; const char *frame, *preview; } cases[] = {
    { 36, "[36,5,6,{},[4],{\"time\":\"now\"}]", "[4] {\"time\":\"now\"}" },
    { 8, "[8,48,7,{},\"wamp.error.no_such_procedure\",[\"no callee\"]]",
      "wamp.error.no_such_procedure [\"no callee\"]" },
    { 3, "[3,{\"message\":\"nope\"},\"wamp.error.no_such_realm\"]", "wamp.error.no_such_realm" },
    { 32, "[32,1,{\"match\":\"prefix\"},\"demo\"]", "{\"match\":\"prefix\"}" },
    /* nothing but the envelope: the frame itself */
    { 32, "[32,1,{},\"demo.tick\"]", "[32,1,{},\"demo.tick\"]" },
    /* not WAMP after all: the raw text, on one line */
    { 36, "[36,\"broken\"\n]", "[36,\"broken\" ]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *preview = preview_of (cases[i].type, cases[i].frame);

      g_assert_cmpstr (preview, ==, cases[i].preview);
    }
}

static void
test_message_list_items (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 100, NULL);
  SockMessageList *list = sock_message_list_new (log);
  ItemsChanged ic = { 0, };
  SockMessageItem *item;
  g_autofree char *uri = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *time_text = NULL;
  SockLogDirection dir;
  guint type;
  guint size;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &ic);
  for (guint i = 0; i < 10; i++)
    append_text (log, i % 2 ? SOCK_LOG_DIRECTION_IN : SOCK_LOG_DIRECTION_OUT, 36,
                 "com.example.tick", "[36,1,2,{},[\"line\\none\"]]");
  /* Nothing is announced before the owner flushes. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (ic.calls, ==, 0);

  sock_message_log_flush (log);
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.added, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 10));

  item = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_object_get (item, "uri", &uri, "preview", &preview, "time-text", &time_text,
                "direction", &dir, "type", &type, "size", &size, NULL);
  g_assert_cmpstr (uri, ==, "com.example.tick");
  /* the payload, not the envelope the other columns show */
  g_assert_cmpstr (preview, ==, "[\"line\\none\"]");
  g_assert_cmpint (dir, ==, SOCK_LOG_DIRECTION_IN);
  g_assert_cmpuint (type, ==, 36);
  g_assert_cmpuint (size, ==, 25);
  g_assert_true (g_regex_match_simple ("^\\d\\d:\\d\\d:\\d\\d\\.678$", time_text, 0, 0));
  g_assert_cmpuint (sock_message_item_get_seq (item), ==, 3);
  g_assert_finalize_object (item);

  /* 85 appends between two flushes still give one items-changed. */
  for (guint i = 0; i < 85; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "x");
  sock_message_log_flush (log);
  g_assert_cmpuint (ic.calls, ==, 2);
  g_assert_cmpuint (ic.position, ==, 10);
  g_assert_cmpuint (ic.removed, ==, 0);
  g_assert_cmpuint (ic.added, ==, 85);

  /* Evicting while old rows stay: head rows leave at 0, new ones arrive at the end. */
  for (guint i = 0; i < 10; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "y");
  sock_message_log_flush (log);
  g_assert_cmpuint (ic.calls, ==, 4);
  g_assert_cmpuint (ic.position, ==, 95 - 5);
  g_assert_cmpuint (ic.added, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpuint (sock_message_item_get_seq (item), ==, 5);
  g_assert_finalize_object (item);

  /* Everything replaced: one call. */
  for (guint i = 0; i < 300; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "z");
  sock_message_log_flush (log);
  g_assert_cmpuint (ic.calls, ==, 5);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.removed, ==, 100);
  g_assert_cmpuint (ic.added, ==, sock_message_log_get_n_retained (log));

  g_assert_finalize_object (list);
  g_assert_finalize_object (log);
}

static void
test_message_list_evicted_row (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 20, NULL);
  SockMessageList *list = sock_message_list_new (log);
  SockMessageItem *item;

  append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "first");
  sock_message_log_flush (log);
  for (guint i = 0; i < 20; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "more");
  /* Row 0 is gone from the log but still announced until the next flush. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (item);
  g_assert_true (sock_message_item_get_evicted (item));
  g_assert_cmpstr (sock_message_item_get_preview (item), ==, "");
  g_assert_finalize_object (item);

  g_assert_finalize_object (list);
  g_assert_finalize_object (log);
}

/* An item pointed at another message reads exactly as a new item for it, evicted ones too. */
static void
test_message_list_item_reload (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 20, NULL);
  SockMessageItem *item, *fresh;

  append_text (log, SOCK_LOG_DIRECTION_OUT, 32, "com.Example.Ticker", "[32,1,{},\"com.Example.Ticker\"]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, "com.Example.Ticker", "[36,5,9,{},[\"tick\",1]]");
  sock_message_log_flush (log);
  item = sock_message_item_new (log, 0);
  sock_message_item_reload (item, log, 1);
  fresh = sock_message_item_new (log, 1);
  g_assert_cmpuint (sock_message_item_get_seq (item), ==, 1);
  g_assert_false (sock_message_item_get_evicted (item));
  g_assert_cmpstr (sock_message_item_get_preview (item), ==, sock_message_item_get_preview (fresh));
  g_assert_cmpstr (sock_message_item_get_uri (item), ==, sock_message_item_get_uri (fresh));
  g_assert_cmpstr (sock_message_item_get_time_text (item), ==, sock_message_item_get_time_text (fresh));
  g_assert_cmpint (sock_message_item_get_direction (item), ==, SOCK_LOG_DIRECTION_IN);
  g_assert_cmpuint (sock_message_item_get_size (item), ==, sock_message_item_get_size (fresh));

  for (guint i = 0; i < 20; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "more");
  sock_message_item_reload (item, log, 0);
  g_assert_true (sock_message_item_get_evicted (item));
  g_assert_cmpstr (sock_message_item_get_preview (item), ==, "");
  g_assert_null (sock_message_item_get_uri (item));

  g_assert_finalize_object (item);
  g_assert_finalize_object (fresh);
  g_assert_finalize_object (log);
}

static guint
n_items (SockMessageList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static char *
preview_at (SockMessageList *list,
            guint            position)
{
  g_autoptr(SockMessageItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  return g_strdup (sock_message_item_get_preview (item));
}

static void
fill_mixed (SockMessageLog *log)
{
  append_text (log, SOCK_LOG_DIRECTION_OUT, 32, "com.Example.Ticker", "[32,1,{},\"com.Example.Ticker\"]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 33, NULL, "[33,1,77]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "[36,77,5,{},[\"PRICE up\"]]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "[36,77,6,{},[\"volume\"]]");
  sock_message_log_append_marker (log, "reconnected: 3 messages may be missing");
}

static void
test_message_list_filter (void)
{
  SockMessageLog *log = sock_message_log_new ();
  SockMessageList *list = sock_message_list_new (log);
  SockMessageFilter *filter = sock_message_filter_new ();
  ItemsChanged ic = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *p0 = NULL;
  g_autofree char *p1 = NULL;

  fill_mixed (log);
  sock_message_log_flush (log);
  g_assert_cmpuint (n_items (list), ==, 5);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &ic);

  /* Text: case-insensitive, over the URI and the payload; rebuilt in one call. */
  sock_message_filter_set_text (filter, "price");
  sock_message_list_set_filter (list, filter);
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 5);
  g_assert_cmpuint (ic.added, ==, 1);
  p0 = preview_at (list, 0);
  g_assert_cmpstr (p0, ==, "[\"PRICE up\"]");

  sock_message_filter_set_text (filter, "example.TICKER");
  g_assert_cmpuint (ic.calls, ==, 2);
  g_assert_cmpuint (n_items (list), ==, 1);

  /* Incremental: only new matching rows arrive, in one items-changed per flush. */
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, "com.example.ticker", "[36,77,7,{}]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, NULL, "[36,78,8,{}]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, "com.example.ticker", "[36,77,9,{}]");
  sock_message_log_flush (log);
  g_assert_cmpuint (ic.calls, ==, 3);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.added, ==, 2);
  g_assert_cmpuint (n_items (list), ==, 3);
  g_assert_cmpuint (sock_message_list_get_seq (list, 2), ==, 7);

  /* Regex; a bad one is refused and changes nothing. */
  g_assert_false (sock_message_filter_set_regex (filter, "(36", &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_REGEX_ERROR);
  g_assert_cmpuint (ic.calls, ==, 3);
  g_assert_true (sock_message_filter_set_regex (filter, "^\\[36,77,[56],", NULL));
  g_assert_cmpuint (n_items (list), ==, 2);
  p1 = preview_at (list, 1);
  g_assert_cmpstr (p1, ==, "[\"volume\"]");

  /* Types and directions. */
  g_assert_true (sock_message_filter_set_regex (filter, NULL, NULL));
  sock_message_filter_add_type (filter, 33);
  sock_message_filter_add_type (filter, 32);
  g_assert_cmpuint (n_items (list), ==, 2);
  sock_message_filter_set_directions (filter, 1 << SOCK_LOG_DIRECTION_OUT);
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpuint (sock_message_list_get_seq (list, 0), ==, 0);
  sock_message_filter_clear_types (filter);
  sock_message_filter_set_directions (filter, 1 << SOCK_LOG_DIRECTION_LOCAL);
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpuint (sock_message_list_get_seq (list, 0), ==, 4);

  sock_message_list_set_filter (list, NULL);
  g_assert_cmpuint (n_items (list), ==, 8);

  g_assert_finalize_object (list);
  g_assert_finalize_object (filter);
  g_assert_finalize_object (log);
}

static void
test_message_list_filter_eviction (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 1000, NULL);
  SockMessageList *list = sock_message_list_new (log);
  g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
  ItemsChanged ic = { 0, };

  sock_message_filter_add_type (filter, 7);
  sock_message_list_set_filter (list, filter);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &ic);
  for (guint i = 0; i < 1000; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, i % 10 == 0 ? 7 : 8, NULL, "x");
  sock_message_log_flush (log);
  g_assert_cmpuint (n_items (list), ==, 100);
  g_assert_cmpuint (ic.calls, ==, 1);

  /* 50 evicted (5 matching), 10 added (1 matching). */
  for (guint i = 0; i < 10; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, i % 10 == 0 ? 7 : 8, NULL, "x");
  sock_message_log_flush (log);
  g_assert_cmpuint (n_items (list), ==, 96);
  g_assert_cmpuint (ic.calls, ==, 3);
  g_assert_cmpuint (sock_message_list_get_seq (list, 0), ==, 50);
  g_assert_cmpuint (sock_message_list_get_seq (list, 95), ==, 1000);

  g_assert_finalize_object (list);
  g_assert_finalize_object (log);
}

/* Checks the GListModel contract during each emission: the model already shows the state after
 * that change, and only that state (GTK reads it from its items-changed handler). */
typedef struct
{
  guint n_before;
  guint calls;
} Contract;

static void
check_contract (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Contract   *c)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GObject) last = NULL;
  g_autoptr(GObject) past = NULL;

  c->calls++;
  g_assert_cmpuint (removed, <=, c->n_before);
  g_assert_cmpuint (position + removed, <=, c->n_before);
  g_assert_cmpuint (n, ==, c->n_before - removed + added);
  if (n > 0)
    {
      last = g_list_model_get_item (model, n - 1);
      g_assert_nonnull (last);
    }
  past = g_list_model_get_item (model, n);
  g_assert_null (past);
  c->n_before = n;
}

static void
evict_and_append (SockMessageLog  *log,
                  SockMessageList *list,
                  Contract        *c,
                  guint            count)
{
  for (guint i = 0; i < count; i++)
    append_text (log, SOCK_LOG_DIRECTION_IN, i % 10 == 0 ? 7 : 8, NULL, "x");
  sock_message_log_flush (log);
  g_assert_cmpuint (c->n_before, ==, n_items (list));
}

static void
run_contract (gboolean filtered)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 1000, NULL);
  SockMessageList *list = sock_message_list_new (log);
  g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
  Contract c = { 0, };

  if (filtered)
    {
      sock_message_filter_add_type (filter, 7);
      sock_message_list_set_filter (list, filter);
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (check_contract), &c);

  evict_and_append (log, list, &c, 1000);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.n_before, ==, filtered ? 100 : 1000);

  /* One flush evicts 50 head rows (5 matching) and appends 10 (1 matching) while the rest
   * stays: two emissions, each one consistent. */
  evict_and_append (log, list, &c, 10);
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (c.n_before, ==, filtered ? 96 : 960);

  /* Several evictions in one flush, still with rows kept. */
  evict_and_append (log, list, &c, 120);
  g_assert_cmpuint (c.calls, ==, 5);
  g_assert_cmpuint (sock_message_list_get_seq (list, n_items (list) - 1), ==,
                    filtered ? 1120 : 1129);

  /* Everything replaced: one emission. */
  evict_and_append (log, list, &c, 3000);
  g_assert_cmpuint (c.calls, ==, 6);

  g_assert_finalize_object (list);
  g_assert_finalize_object (log);
}

static void
test_message_list_contract (void)
{
  run_contract (FALSE);
}

static void
test_message_list_contract_filtered (void)
{
  run_contract (TRUE);
}

/* Rows of the same second and of the next ones each show their own local time. */
static void
test_message_list_item_times (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  const gint64 times[] = { 1767323045678000, 1767323045999999, 1767323046000500, 1767323045001000,
                           1767326645500000 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      SockLogEntry e = { .time_us = times[i], .kind = SOCK_LOG_KIND_TEXT };
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (times[i] / G_USEC_PER_SEC);
      g_autofree char *hms = g_date_time_format (dt, "%H:%M:%S");
      g_autofree char *want = g_strdup_printf ("%s.%03d", hms, (int) (times[i] % G_USEC_PER_SEC / 1000));
      g_autoptr(SockMessageItem) item = NULL;

      sock_message_log_append (log, &e, (const guint8 *) "x", 1);
      item = sock_message_item_new (log, i);
      g_assert_cmpstr (sock_message_item_get_time_text (item), ==, want);
    }
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* A Topics node's filter: the URI and what is below it at a dot, with the other criteria. */
static void
test_message_list_filter_uri_prefix (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  g_autoptr(SockMessageList) list = sock_message_list_new (log);
  g_autoptr(SockMessageFilter) filter = sock_message_filter_new ();
  const char *uris[] = { "demo.metrics", "demo.metrics.cpu", "demo.metrics.memory", "demo.metricsx",
                         "demo.tick", "demo", NULL };
  guint changes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    append_text (log, i % 2 ? SOCK_LOG_DIRECTION_IN : SOCK_LOG_DIRECTION_OUT, 36, uris[i], "[36,1,2,{}]");
  sock_message_log_flush (log);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (count_change), &changes);

  g_assert_true (sock_message_filter_is_empty (filter));
  sock_message_filter_set_uri_prefix (filter, "demo.metrics");
  g_assert_cmpstr (sock_message_filter_get_uri_prefix (filter), ==, "demo.metrics");
  g_assert_false (sock_message_filter_is_empty (filter));
  g_assert_cmpuint (changes, ==, 1);
  sock_message_filter_set_uri_prefix (filter, "demo.metrics");
  g_assert_cmpuint (changes, ==, 1);
  sock_message_list_set_filter (list, filter);
  g_assert_cmpuint (n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (sock_message_list_get_seq (list, i), ==, i);

  /* new rows are tested as they come */
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, "demo.metrics.disk.free", "[36,1,3,{}]");
  append_text (log, SOCK_LOG_DIRECTION_IN, 36, "demo.metric", "[36,1,4,{}]");
  sock_message_log_flush (log);
  g_assert_cmpuint (n_items (list), ==, 4);
  g_assert_cmpuint (sock_message_list_get_seq (list, 3), ==, 7);

  /* with the other criteria: both must hold */
  sock_message_filter_set_directions (filter, 1 << SOCK_LOG_DIRECTION_IN);
  g_assert_cmpuint (n_items (list), ==, 2);
  sock_message_filter_set_text (filter, "zzz");
  g_assert_cmpuint (n_items (list), ==, 0);
  sock_message_filter_set_text (filter, NULL);
  sock_message_filter_set_directions (filter, 0);

  /* a top node keeps everything below it, and the URI itself */
  sock_message_filter_set_uri_prefix (filter, "demo");
  g_assert_cmpuint (n_items (list), ==, 8);
  sock_message_filter_set_uri_prefix (filter, "demo.tick");
  g_assert_cmpuint (n_items (list), ==, 1);
  g_assert_cmpuint (sock_message_list_get_seq (list, 0), ==, 4);

  /* "" clears it */
  sock_message_filter_set_uri_prefix (filter, "");
  g_assert_null (sock_message_filter_get_uri_prefix (filter));
  g_assert_true (sock_message_filter_is_empty (filter));
  g_assert_cmpuint (n_items (list), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/message-list/items", test_message_list_items);
  g_test_add_func ("/sockscope/message-list/previews", test_message_list_previews);
  g_test_add_func ("/sockscope/message-list/item-times", test_message_list_item_times);
  g_test_add_func ("/sockscope/message-list/evicted-row", test_message_list_evicted_row);
  g_test_add_func ("/sockscope/message-list/item-reload", test_message_list_item_reload);
  g_test_add_func ("/sockscope/message-list/filter", test_message_list_filter);
  g_test_add_func ("/sockscope/message-list/filter-uri-prefix", test_message_list_filter_uri_prefix);
  g_test_add_func ("/sockscope/message-list/filter-eviction", test_message_list_filter_eviction);
  g_test_add_func ("/sockscope/message-list/contract", test_message_list_contract);
  g_test_add_func ("/sockscope/message-list/contract-filtered",
                   test_message_list_contract_filtered);

  return g_test_run ();
}
