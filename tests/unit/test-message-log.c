/* test-message-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sock-message-log.h"

static guint64
append_text (SockMessageLog   *log,
             SockLogDirection  dir,
             guint8            type,
             const char       *uri,
             const char       *payload)
{
  SockLogEntry e = {
    .time_us = 1767323045678000 + type,
    .direction = dir,
    .kind = SOCK_LOG_KIND_WAMP2,
    .type = type,
    .request_id = 42,
    .uri = sock_message_log_intern_uri (log, uri, -1),
  };

  return sock_message_log_append (log, &e, (const guint8 *) payload, strlen (payload));
}

/* A payload whose length and bytes both depend on seq, to catch any mix-up in the arena. */
static gsize
make_payload (guint64 seq,
              guint8 *buf)
{
  gsize len = 37 + (seq * 7919) % 80;

  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8) (seq * 31 + i);
  return len;
}

static void
assert_payload (SockMessageLog *log,
                guint64         seq)
{
  guint8 want[128];
  gsize want_len = make_payload (seq, want);
  const guint8 *raw;
  gsize len;

  g_assert_true (sock_message_log_peek (log, seq, NULL, &raw, &len));
  g_assert_cmpmem (raw, len, want, want_len);
}

static void
append_payloads (SockMessageLog *log,
                 guint           count)
{
  for (guint i = 0; i < count; i++)
    {
      SockLogEntry e = { .direction = SOCK_LOG_DIRECTION_IN, .kind = SOCK_LOG_KIND_BINARY,
                         .flags = SOCK_LOG_FLAG_BINARY };
      guint8 buf[128];
      guint64 seq = sock_message_log_get_end_seq (log);
      gsize len = make_payload (seq, buf);

      g_assert_cmpuint (sock_message_log_append (log, &e, buf, len), ==, seq);
    }
}

static void
test_message_log_append_peek (void)
{
  SockMessageLog *log = sock_message_log_new ();
  SockLogEntry e;
  const guint8 *raw;
  gsize len;

  g_assert_cmpuint (append_text (log, SOCK_LOG_DIRECTION_OUT, 16, "com.x.pub", "[16,1,{}]"), ==, 0);
  g_assert_cmpuint (append_text (log, SOCK_LOG_DIRECTION_IN, 36, "com.x.event", "[36,5,6,{}]"), ==, 1);
  g_assert_cmpuint (sock_message_log_append_marker (log, "reconnected"), ==, 2);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 3);

  g_assert_true (sock_message_log_peek (log, 1, &e, &raw, &len));
  g_assert_cmpint (e.direction, ==, SOCK_LOG_DIRECTION_IN);
  g_assert_cmpint (e.kind, ==, SOCK_LOG_KIND_WAMP2);
  g_assert_cmpint (e.type, ==, 36);
  g_assert_cmpuint (e.request_id, ==, 42);
  g_assert_cmpuint (e.size, ==, 11);
  g_assert_cmpint (e.time_us, ==, 1767323045678000 + 36);
  g_assert_cmpstr (sock_message_log_get_uri (log, e.uri), ==, "com.x.event");
  g_assert_cmpmem (raw, len, "[36,5,6,{}]", 11);

  g_assert_true (sock_message_log_peek (log, 2, &e, &raw, &len));
  g_assert_cmpint (e.kind, ==, SOCK_LOG_KIND_MARKER);
  g_assert_cmpint (e.direction, ==, SOCK_LOG_DIRECTION_LOCAL);
  g_assert_cmpmem (raw, len, "reconnected", 11);
  g_assert_false (sock_message_log_peek (log, 3, &e, &raw, &len));

  g_assert_finalize_object (log);
}

static void
test_message_log_evict_messages (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 100, NULL);

  append_payloads (log, 100);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 100);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 0);

  /* One over the cap drops 5% of it at once, not one message. */
  append_payloads (log, 1);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 96);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 5);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 5);
  g_assert_false (sock_message_log_peek (log, 4, NULL, NULL, NULL));
  for (guint64 seq = 5; seq <= 100; seq++)
    assert_payload (log, seq);

  append_payloads (log, 4);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 5);
  append_payloads (log, 1);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 10);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 10);
  g_assert_cmpuint (sock_message_log_get_end_seq (log), ==, 106);

  g_assert_finalize_object (log);
}

static void
test_message_log_evict_bytes (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-bytes", (guint64) 10000, NULL);
  SockLogEntry e = { .kind = SOCK_LOG_KIND_TEXT };
  char payload[100];
  guint64 seq;

  memset (payload, 'a', sizeof payload);
  for (guint i = 0; i < 100; i++)
    sock_message_log_append (log, &e, (const guint8 *) payload, sizeof payload);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 100);
  g_assert_cmpuint (sock_message_log_get_payload_bytes (log), ==, 10000);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 0);

  /* The arena is full: 5% of the byte cap (5 payloads) goes at once. */
  seq = sock_message_log_append (log, &e, (const guint8 *) payload, sizeof payload);
  g_assert_cmpuint (seq, ==, 100);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 5);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 96);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 5);
  g_assert_cmpuint (sock_message_log_get_payload_bytes (log), ==, 9600);

  /* A payload bigger than the cap is cut to it and says so. */
  {
    g_autofree guint8 *big = g_malloc0 (20000);
    const guint8 *raw;
    gsize len;

    seq = sock_message_log_append (log, &e, big, 20000);
    g_assert_true (sock_message_log_peek (log, seq, &e, &raw, &len));
    g_assert_cmpuint (len, ==, 10000);
    g_assert_cmpuint (e.size, ==, 20000);
    g_assert_true (e.flags & SOCK_LOG_FLAG_TRUNCATED);
    g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 1);
    g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 101);
  }

  g_assert_finalize_object (log);
}

static void
test_message_log_wrap_around (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-bytes", (guint64) 1000, NULL);

  /* Payloads of 37..116 bytes in a 1000-byte ring: it wraps many times, leaving gaps. */
  for (guint i = 0; i < 2000; i++)
    {
      append_payloads (log, 1);
      for (guint64 seq = sock_message_log_get_first_seq (log);
           seq < sock_message_log_get_end_seq (log); seq++)
        assert_payload (log, seq);
      g_assert_cmpuint (sock_message_log_get_payload_bytes (log), <=, 1000);
    }
  g_assert_cmpuint (sock_message_log_get_dropped (log) + sock_message_log_get_n_retained (log),
                    ==, 2000);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), >=, 5);

  /* Shrinking a cap evicts at once and keeps what is left readable. */
  sock_message_log_set_max_bytes (log, 300);
  g_assert_cmpuint (sock_message_log_get_payload_bytes (log), <=, 300);
  for (guint64 seq = sock_message_log_get_first_seq (log);
       seq < sock_message_log_get_end_seq (log); seq++)
    assert_payload (log, seq);
  sock_message_log_set_max_messages (log, 2);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 2);
  assert_payload (log, 1999);

  g_assert_finalize_object (log);
}

static void
assert_all_payloads (SockMessageLog *log)
{
  for (guint64 seq = sock_message_log_get_first_seq (log);
       seq < sock_message_log_get_end_seq (log); seq++)
    assert_payload (log, seq);
}

static void
test_message_log_grow_wrapped (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-bytes", (guint64) 2000, NULL);
  guint kept;

  /* Both rings have turned: their head is no longer at index 0. */
  append_payloads (log, 1500);
  kept = sock_message_log_get_n_retained (log);
  g_assert_cmpuint (kept, <, 40);
  assert_all_payloads (log);

  /* Raising the cap lets both rings grow while wrapped; nothing may move under a row. */
  sock_message_log_set_max_bytes (log, 1024 * 1024);
  append_payloads (log, 3000);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, kept + 3000);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 1500 - kept);
  assert_all_payloads (log);

  g_assert_finalize_object (log);
}

static void
test_message_log_clear (void)
{
  SockMessageLog *log = sock_message_log_new ();
  guint32 uri;

  append_payloads (log, 10);
  uri = sock_message_log_intern_uri (log, "com.x", -1);
  sock_message_log_clear (log);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 0);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 10);
  g_assert_cmpuint (sock_message_log_get_dropped (log), ==, 0);
  g_assert_false (sock_message_log_peek (log, 9, NULL, NULL, NULL));

  /* Numbers are never reused; interned URIs survive. */
  append_payloads (log, 3);
  g_assert_cmpuint (sock_message_log_get_first_seq (log), ==, 10);
  assert_payload (log, 12);
  g_assert_cmpstr (sock_message_log_get_uri (log, uri), ==, "com.x");

  g_assert_finalize_object (log);
}

static void
test_message_log_intern (void)
{
  SockMessageLog *log = sock_message_log_new ();
  guint32 a = sock_message_log_intern_uri (log, "com.example.a", -1);
  guint32 b = sock_message_log_intern_uri (log, "com.example.b", -1);
  g_autofree char *longer = g_strnfill (1000, 'x');

  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (b, !=, a);
  g_assert_cmpuint (sock_message_log_intern_uri (log, "com.example.a", -1), ==, a);
  g_assert_cmpuint (sock_message_log_intern_uri (log, "com.example.abc", 13), ==, a);
  g_assert_cmpuint (sock_message_log_intern_uri (log, NULL, -1), ==, 0);
  g_assert_cmpuint (sock_message_log_intern_uri (log, "", -1), ==, 0);
  g_assert_cmpstr (sock_message_log_get_uri (log, b), ==, "com.example.b");
  g_assert_null (sock_message_log_get_uri (log, 0));
  g_assert_null (sock_message_log_get_uri (log, 999));
  g_assert_cmpstr (sock_message_log_get_uri (log, sock_message_log_intern_uri (log, longer, 999)),
                   ==, longer + 1);

  g_assert_finalize_object (log);
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changed;

static void
on_changed (SockMessageLog *log,
            guint           removed,
            guint           added,
            Changed        *c)
{
  c->calls++;
  c->removed = removed;
  c->added = added;
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_message_log_flush (void)
{
  SockMessageLog *log = g_object_new (SOCK_TYPE_MESSAGE_LOG, "max-messages", 100, NULL);
  Changed c = { 0, };
  guint dropped_notifies = 0;

  g_signal_connect (log, "changed", G_CALLBACK (on_changed), &c);
  g_signal_connect_swapped (log, "notify::dropped", G_CALLBACK (count_notify), &dropped_notifies);
  append_payloads (log, 30);
  g_assert_cmpuint (c.calls, ==, 0);
  sock_message_log_flush (log);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 30);
  sock_message_log_flush (log);
  g_assert_cmpuint (c.calls, ==, 1);

  /* 80 more: 5 evicted at 101; rows never announced are not counted. */
  append_payloads (log, 80);
  g_assert_cmpuint (dropped_notifies, ==, 0);
  sock_message_log_flush (log);
  g_assert_cmpuint (dropped_notifies, ==, 1);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.removed, ==, 10);
  g_assert_cmpuint (c.added, ==, 80);

  /* Everything replaced between two flushes. */
  append_payloads (log, 500);
  sock_message_log_flush (log);
  g_assert_cmpuint (c.removed, ==, 100);
  g_assert_cmpuint (c.added, ==, sock_message_log_get_n_retained (log));

  sock_message_log_clear (log);
  sock_message_log_flush (log);
  g_assert_cmpuint (c.calls, ==, 4);
  g_assert_cmpuint (c.added, ==, 0);

  g_assert_finalize_object (log);
}

/* A log that keeps nothing only numbers what is appended. */
static void
test_message_log_count_only (void)
{
  g_autoptr(SockMessageLog) log = sock_message_log_new ();
  SockLogEntry entry = { .time_us = 1, .direction = SOCK_LOG_DIRECTION_IN, .kind = SOCK_LOG_KIND_TEXT };
  static const guint8 payload[] = "hello";

  g_assert_true (sock_message_log_get_retain (log));
  sock_message_log_append (log, &entry, payload, 5);
  sock_message_log_set_retain (log, FALSE);
  g_assert_false (sock_message_log_get_retain (log));
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 0);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (sock_message_log_append (log, &entry, payload, 5), ==, 1 + i);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 0);
  g_assert_cmpuint (sock_message_log_get_payload_bytes (log), ==, 0);
  g_assert_cmpuint (sock_message_log_get_end_seq (log), ==, 1001);
  g_assert_false (sock_message_log_peek (log, 1000, NULL, NULL, NULL));

  sock_message_log_set_retain (log, TRUE);
  g_assert_cmpuint (sock_message_log_append (log, &entry, payload, 5), ==, 1001);
  g_assert_cmpuint (sock_message_log_get_n_retained (log), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sockscope/message-log/append-peek", test_message_log_append_peek);
  g_test_add_func ("/sockscope/message-log/evict-messages", test_message_log_evict_messages);
  g_test_add_func ("/sockscope/message-log/evict-bytes", test_message_log_evict_bytes);
  g_test_add_func ("/sockscope/message-log/wrap-around", test_message_log_wrap_around);
  g_test_add_func ("/sockscope/message-log/grow-wrapped", test_message_log_grow_wrapped);
  g_test_add_func ("/sockscope/message-log/clear", test_message_log_clear);
  g_test_add_func ("/sockscope/message-log/intern", test_message_log_intern);
  g_test_add_func ("/sockscope/message-log/flush", test_message_log_flush);

  g_test_add_func ("/sockscope/message-log/count-only", test_message_log_count_only);

  return g_test_run ();
}
